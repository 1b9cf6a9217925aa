"""Tests for fuzzy matching of claims against evidence entries."""

from __future__ import annotations

import dataclasses

import pytest

from factcheck.evidence import EvidenceBase, canonical
from factcheck.models import EvidenceEntry


def _entry(identifier: str, claim: str) -> EvidenceEntry:
    return EvidenceEntry(id=identifier, claim=claim, rating=None, rating_class="true")


ENTRIES = [
    _entry("shells", "North Korea has sent more than 8,000,000 artillery shells to Russia."),
    _entry("treaty", "وقعت روسيا وكوريا الشمالية معاهدة شراكة استراتيجية شاملة في يونيو 2024."),
    _entry("boil", "Water boils at 100 degrees Celsius at sea level."),
    _entry("wall", "The Great Wall of China is visible from space with the naked eye."),
    _entry("troops", "North Korea deployed about 10,000 soldiers to the Kursk region."),
    _entry("grain", "ارتفعت شحنات الحبوب الروسية إلى بيونغ يانغ بشكل ملحوظ في عام 2023."),
]
BASE = EvidenceBase(ENTRIES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8,000,000 shells", "8000000 shells"),
        ("٨٬٠٠٠٬٠٠٠ قذيفة", "8000000 قذيفه"),
        ("1,5", "1,5"),  # not a thousands separator
        ("وكوريا", canonical("كوريا")),
        ("الشمالية", canonical("شمالية")),
        ("بالولايات", canonical("الولايات")),
        ("والحرب", canonical("حرب")),
        ("covid19 cases", "covid 19 cases"),
        # Dates and years are placeholders: verdict.py compares them, similarity must not.
        ("سبتمبر 2023م", "qqdate qqyear"),
        ("12 March 2024", "12 qqdate qqyear"),
        ("signed in June 2024", canonical("signed in March 2023")),
        ("منذ بداية عام 2024", canonical("منذ بداية عام 2019")),
        ("Hello, World!", "hello world"),
    ],
)
def test_canonical(text: str, expected: str) -> None:
    assert canonical(text) == expected


@pytest.mark.parametrize(
    ("claim", "expected_id"),
    [
        ("North Korea has sent more than 8,000,000 artillery shells to Russia.", "shells"),
        ("North Korea has sent more than 8000000 artillery shells to Russia", "shells"),
        (
            "South Korean intelligence said North Korea has sent 3,000,000 shells to Russia",
            "shells",
        ),
        ("وقّعت روسيا وكوريا الشمالية معاهدةَ شراكةٍ استراتيجيةٍ شاملة في يونيو ٢٠٢٤", "treaty"),
        ("ووقعت روسيا و كوريا الشمالية معاهدة شراكة إستراتيجية شاملة في يونيو 2024", "treaty"),
        ("Water boils at 90 degrees Celsius at sea level", "boil"),
        ("The Great Wall of China can be seen from space with the naked eye", "wall"),
        ("ارتفعت شحنات الحبوب الروسيـــة الى بيونغ يانغ بشكل ملحوظ في عام ٢٠٢٣", "grain"),
    ],
)
def test_best_match(claim: str, expected_id: str) -> None:
    matches = BASE.search(claim, top=3, min_score=70)
    assert matches, claim
    assert matches[0].entry.id == expected_id


@pytest.mark.parametrize(
    "claim",
    [
        "Russia",
        "North Korea",
        "كوريا الشمالية",
        "the economy grew by 3% last quarter according to the ministry",
        "ارتفع سعر الذهب في الأسواق العالمية اليوم",
    ],
)
def test_short_or_unrelated_claims_do_not_match(claim: str) -> None:
    assert BASE.search(claim, min_score=70) == []


def test_different_date_scores_as_same_date() -> None:
    same = BASE.search("وقعت روسيا وكوريا الشمالية معاهدة شراكة استراتيجية شاملة في يونيو 2024")
    other = BASE.search("وقعت روسيا وكوريا الشمالية معاهدة شراكة استراتيجية شاملة في مارس 2023")
    assert same[0].entry.id == other[0].entry.id == "treaty"
    assert same[0].score == other[0].score == 100


def test_scores_are_ranked_and_bounded() -> None:
    matches = BASE.search("North Korea sent soldiers to Russia", top=6)
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 100 for s in scores)
    assert len(matches) <= 6


def test_exact_text_scores_100() -> None:
    assert BASE.search(ENTRIES[2].claim, top=1)[0].score == 100


def test_ties_keep_file_order() -> None:
    base = EvidenceBase([_entry(str(i), "Same statement about the river level.") for i in range(8)])
    matches = base.search("Same statement about the river level.", top=5)
    assert [m.entry.id for m in matches] == ["0", "1", "2", "3", "4"]


def test_search_many_equals_search() -> None:
    claims = [
        "North Korea has sent 3,000,000 artillery shells to Russia",
        "Water boils at 100 degrees",
        "",
        "وقعت روسيا وكوريا الشمالية معاهدة",
    ]
    assert BASE.search_many(claims, top=3) == [BASE.search(c, top=3) for c in claims]


def test_empty_inputs() -> None:
    assert BASE.search("", top=3) == []
    assert EvidenceBase([]).search("anything") == []
    assert BASE.search_many([]) == []
    assert BASE.search("Water boils", top=0) == []


def test_a_headline_does_not_change_the_score_without_an_encoder() -> None:
    # Without vectors the score is the spelling agreement with the claim, as before headlines
    # were read; the headline only adds words to the lexical part and to candidate search.
    plain = EvidenceEntry(id="h", claim="The new terminal cost 2 billion dollars",
                          rating="False", rating_class="false")
    titled = dataclasses.replace(plain, title="Did the terminal cost $2bn? No")
    claim = "the terminal cost 2 billion dollars"
    [without] = EvidenceBase([plain]).search(claim, top=1)
    [with_title] = EvidenceBase([titled]).search(claim, top=1)
    assert with_title.score == without.score > 90

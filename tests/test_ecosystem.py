"""Ecosystem evidence formats: ClaimReview JSON-LD (object, list, @graph, HTML) and saved Google
Fact Check Tools answers, read directly and converted; rating phrases in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.errors import EvidenceError
from factcheck.evidence import RatingTable, classify_rating, convert_file, validate_evidence
from factcheck.evidence.ecosystem import numeric_class

ECOSYSTEM = Path(__file__).parent / "fixtures" / "ecosystem"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "claimreview-single.json",
            [("Grain exports through the port doubled to 12 million tons in 2023",
              "Mostly false", "false", "Example Checks", "2024-03-05", None)],
        ),
        (
            "claimreview-graph.json",
            [("ارتفع سعر الخبز بنسبة 50 بالمئة في شهر واحد", "زائف", "false", "مرصد التحقق",
              "2023-11-20", None)],
        ),
        (
            "saved-page.html",
            [("The new bridge cost 900 million dollars", "Half true", "mixed", "Example Checks",
              "2022-06-01", None)],
        ),
        (
            "google-response.json",
            [
                ("The city planted one million trees in 2021", "False", "false",
                 "Example Checks", "2021-10-02", "en"),
                ("The city planted one million trees in 2021", "Misleading", "mixed",
                 "other.example.net", "2021-09-01", "en"),
                ("نسبة البطالة بلغت 30 بالمئة", "غير دقيق", "mixed", "مرصد التحقق", None, "ar"),
            ],
        ),
    ],
)
def test_ecosystem_files_read_directly(name: str, expected: list[tuple[object, ...]]) -> None:
    report = validate_evidence(ECOSYSTEM / name)
    assert report.problems == ()
    got = [(e.claim, e.rating, e.rating_class, e.source, e.date, e.lang) for e in report.entries]
    assert got == expected
    assert all(e.origin == str(ECOSYSTEM / name) and e.line >= 1 for e in report.entries)


def test_claimreview_list_numeric_rating_and_missing_claim_named() -> None:
    path = ECOSYSTEM / "claimreview-list.jsonld"
    report = validate_evidence(path)
    by_url = {e.url: e for e in report.entries}
    arabic = by_url["https://checks.example.org/ar/vaccine"]
    assert (arabic.rating, arabic.rating_class, arabic.lang) == ("مضلل", "mixed", "ar")
    numeric = by_url["https://checks.example.org/numbers-only"]
    assert (numeric.rating, numeric.rating_class) == ("5/5", "true")
    (problem,) = report.problems
    assert problem.field == "claimReviewed"
    assert str(problem).startswith(f"{path}:20: claimReviewed:")
    with pytest.raises(EvidenceError, match=r"claimreview-list.jsonld:20: claimReviewed"):
        convert_file(path)
    assert len(convert_file(path, skip_invalid=True)) == 2


def test_page_without_claimreview_is_a_problem(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><script type='application/ld+json'>{\"@type\": \"Thing\"}</script>")
    (problem,) = validate_evidence(page).problems
    assert "no ClaimReview" in problem.message


def test_broken_json_ld_names_the_line(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text('<html>\n<script type="application/ld+json">\n{"@type": \n</script>')
    with pytest.raises(EvidenceError, match=r"page.html:3: not valid JSON"):
        validate_evidence(page)


@pytest.mark.parametrize(
    ("rating", "expected"),
    [
        ("False", "false"),
        ("Mostly false", "false"),
        ("Misleading", "mixed"),
        ("Half true", "mixed"),
        ("True", "true"),
        ("Unproven", "unproven"),
        ("زائف", "false"),
        ("مضلل", "mixed"),
        ("صحيح", "true"),
        ("غير دقيق", "mixed"),
        ("غير صحيح", "false"),
        ("Four Pinocchios", "unproven"),
    ],
)
def test_rating_table_both_languages(rating: str, expected: str) -> None:
    assert classify_rating(rating) == expected


def test_rating_table_extended_by_config() -> None:
    table = RatingTable({"false": ["Four Pinocchios"], "mixed": ["زائف"]})
    assert table.classify("four pinocchios") == "false"
    assert table.classify("زائف") == "mixed"  # moved by the config
    assert table.classify("True") == "true"  # the rest of the table stays
    with pytest.raises(ValueError, match="unknown rating class"):
        RatingTable({"wrong": ["x"]})


@pytest.mark.parametrize(
    ("value", "best", "worst", "expected"),
    [(1, 5, 1, "false"), (2, 5, 1, "false"), (3, 5, 1, "mixed"), (5, 5, 1, "true"),
     (0, 10, 0, "false"), (8, 10, 0, "true"), (1, 1, 1, "unproven")],
)
def test_numeric_ratings(value: float, best: float, worst: float, expected: str) -> None:
    assert numeric_class(value, best, worst) == expected

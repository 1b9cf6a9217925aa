"""Tests for folding (offset-tracked) and lossy normalisation of Arabic and English text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.normalise import fold, fold_text, normalise

FOLDS = [
    ("ﬁnance", "finance"),  # NFKC ligature
    ("１２３ＡＢ", "123AB"),  # NFKC full-width
    ("ﻻ", "لا"),  # presentation-form lam-alef
    ("مُحَمَّدٌ", "محمد"),  # harakat, shadda, tanween
    ("الرحمٰن", "الرحمن"),  # superscript alef
    ("كـــبير", "كبير"),  # tatweel
    ("أحمد إبراهيم آمال ٱلله", "احمد ابراهيم امال الله"),  # alef seats
    ("مستشفى شاطئ", "مستشفي شاطي"),  # alef maqsura, yaa seat
    ("مدرسة", "مدرسه"),  # taa marbuta
    ("مؤتمر", "موتمر"),  # waw seat
    ("ک", "ك"),  # Persian kaf
    ("٠١٢٣٤٥٦٧٨٩", "0123456789"),  # Arabic-Indic digits
    ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),  # Persian digits
    ("٣٫٥ و١٢٬٠٠٠ و٥٪", "3.5 و12,000 و5%"),  # Arabic separators
    ("Cafe\u0301", "Cafe"),  # combining acute dropped
    ("Café", "Cafe"),  # precomposed folds the same way
    ("a\u200db\u200cc\u200fd\ufeffe", "abcde"),  # invisible format characters
    ("«نعم» “yes”", "«نعم» “yes”"),  # quotes kept by default
    ("The U.S. Senate", "The U.S. Senate"),  # case and punctuation kept
]


@pytest.mark.parametrize(("text", "expected"), FOLDS)
def test_fold_text(text: str, expected: str) -> None:
    assert fold_text(text) == expected
    assert fold(text).text == expected


QUOTES = [
    ("«نعم»", '"نعم"'),
    ("“yes”", '"yes"'),
    ("‘no’", "'no'"),
    ("„ja“", '"ja"'),
]


@pytest.mark.parametrize(("text", "expected"), QUOTES)
def test_fold_quotes(text: str, expected: str) -> None:
    assert fold(text, quotes=True).text == expected


NORMALISED = [
    ("The Port, Handled 3.5 MILLION boxes!", "the port handled 3.5 million boxes"),
    ("«قالَ الوزيـــرُ»: النسبة ٣٫٥٪", "قال الوزير النسبه 3.5%"),
    ("  many   spaces\n\tand\ttabs ", "many spaces and tabs"),
    ("It cost 12,000 dollars.", "it cost 12,000 dollars"),
    ("“Quoted” and ‘single’", "quoted and single"),
    ("STRASSE Straße", "strasse strasse"),  # casefold
    ("İstanbul", "istanbul"),  # casefold's combining dot is folded away
    ("end. 2.5. x", "end 2.5 x"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "expected"), NORMALISED)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize("text", [t for t, _ in NORMALISED] + [t for t, _ in FOLDS])
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


SPANS = [
    # (original, folded substring, expected original substring)
    ("قالَ الوزيرُ", "قال", "قالَ"),
    ("قالَ الوزيرُ", "الوزير", "الوزيرُ"),
    ("بلغ ٣٫٥ مليون", "3.5", "٣٫٥"),
    ("كـــبير جدا", "كبير", "كـــبير"),
    ("ﻻ شيء", "لا", "ﻻ"),
    ("x ﬁnance y", "finance", "ﬁnance"),
    ("أحمد قال", "احمد", "أحمد"),
]


@pytest.mark.parametrize(("text", "needle", "expected"), SPANS)
def test_fold_span_maps_back_exactly(text: str, needle: str, expected: str) -> None:
    folded = fold(text)
    start = folded.text.index(needle)
    original_start, original_end = folded.span(start, start + len(needle))
    assert text[original_start:original_end] == expected


def test_fold_span_of_empty_range() -> None:
    folded = fold("ab")
    assert folded.span(1, 1) == (1, 1)
    assert folded.span(2, 2) == (2, 2)


ALPHABET = list("abcAB .,!«»“”٣٫٬قالَُـأإآىةؤئ\u200d\ufeffﻻﬁé\u0301İ١٢ ")


@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=80))
@settings(max_examples=300, deadline=None)
def test_fold_origin_map_is_consistent(text: str) -> None:
    folded = fold(text)
    assert len(folded.origin) == len(folded.text)
    assert list(folded.origin) == sorted(folded.origin)
    assert folded.original_length == len(text)
    for index, origin in enumerate(folded.origin):
        # Every folded character comes from the original character it points at.
        assert folded.text[index] in fold_text(text[origin])
    # Mapping every folded character back covers it with a well-formed, in-range span.
    for index in range(len(folded.text)):
        start, end = folded.span(index, index + 1)
        assert 0 <= start < end <= len(text)


@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=80))
@settings(max_examples=300, deadline=None)
def test_fold_and_normalise_are_idempotent(text: str) -> None:
    assert fold_text(fold_text(text)) == fold_text(text)
    assert normalise(normalise(text)) == normalise(text)

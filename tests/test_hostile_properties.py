"""Property tests over hostile text: offsets stay exact, nothing raises, output stays inert.

Profiles live in ``tests/conftest.py``: ``dev`` by default, ``ci`` (2,000 examples per
property, derandomized) when CI is set. Text mixes Arabic and English words, numbers,
attribution cues, Markdown, control characters, ANSI/OSC escapes, rich markup and bidi
overrides, combining marks, emoji ZWJ sequences, CR/LF/CRLF line ends and a BOM.
"""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck import api
from factcheck.attribution import attribute
from factcheck.evidence import EvidenceBase
from factcheck.lang import get_pack
from factcheck.models import (
    Attribution,
    CheckResult,
    Claim,
    Document,
    DocumentResult,
    EvidenceEntry,
    ListResult,
    Match,
    Quantity,
    Verdict,
)
from factcheck.report import RenderOptions, render_check, render_list
from factcheck.report.safe import safe_text
from factcheck.text.normalise import fold, fold_text, normalise
from factcheck.text.quantities import extract_quantities
from factcheck.text.segment import LineIndex, segment

PACKS = [get_pack(code) for code in ("en", "ar", "generic")]
LIST_FORMATS = ("table", "json", "jsonl", "markdown", "html", "claimreview")

# Pieces that drive the rules (cues, numbers, quotes, Markdown) and pieces that attack output.
WORDS = [
    "The", "ministry", "said", " ", " ", " ", ".", ". ", "? ", "! ", ",", "according to",
    "Reuters", "reported", "that", "officials", "5", "3.5", "1,200", "million", "%", "2023",
    "March 3, 2024", "more than", "about",
    "قال", "وذكرت", "وكالة", "تاس", "أن", "مليون", "بالمئة", "٣٫٥", "١٢٣", "مُحَمَّد", "كـــبير",
    "«", "»", "\"", "“", "”", "(", ")", "—",
    "# ", "## ", "- ", "* ", "1. ", "> ", "**", "`", "```", "|", "[link](http://x.test)", "---",
    "\n", "\n\n", "\r\n", "\r", "\t", "\ufeff",
    "[bold]", "[/bold]", "[link=https://evil.test]", "[/]", "\x1b[31m", "\x1b[0m",
    "\x1b]8;;https://evil.test\x1b\\", "\x1b]0;title\x07", "\x07", "\x08", "\x00", "\x7f", "\x9b",
    "\u202e", "\u202d", "\u202a", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\u200e",
    "e\u0301", "\u0627\u0651", "👩\u200d👩\u200d👧", "👍🏽", "🇸🇦", "\u200d", "\u200b", "\u00ad",
    "<script>alert(1)</script>", "&amp;", "]]>", "=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)",
    "\u2028", "\u2029", "ﷺ", "ﻻ", "İ", "ß", "ﬁ", "\ue000", "\U000f0001",
]
# Cost per example matters (CI runs 2,000 per property) and hypothesis pays per choice drawn:
# so text is drawn as ONE string whose characters are either any code point (but surrogates
# and private use) or a private-use "token" standing for one of WORDS, expanded afterwards.
_TOKENS = {0xE000 + index: word for index, word in enumerate(WORDS)}
ALPHABET = st.one_of(
    st.sampled_from(sorted(chr(code) for code in _TOKENS)),
    st.characters(exclude_categories=("Cs", "Co")),
)


def _expand(tokens: str) -> str:
    return tokens.translate(_TOKENS)


# Hypothesis keeps strings short on average (about 5 characters): three make a sentence or two,
# and any of them may be empty.
_PART = st.text(ALPHABET, max_size=30)
HOSTILE = st.tuples(_PART, _PART, _PART).map(lambda parts: _expand("".join(parts)))
# Non-blank by construction (a filter would throw examples away).
NON_BLANK = st.tuples(
    HOSTILE, st.sampled_from([w for w in WORDS if w.strip()]), HOSTILE
).map("".join)

# What must never reach a terminal or a Markdown file: C0 (but tab/newline), DEL, C1, bidi
# embeddings/overrides/isolates.
TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# In HTML line breaks are harmless; other controls and bidi overrides must still be escaped.
MARKUP_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Line breaks JSON may carry raw inside strings but line-oriented readers split at.
JSON_RAW_BREAKS = re.compile(r"[\u2028\u2029]")


def _expected_position(text: str, offset: int) -> tuple[int, int]:
    """(line, column) by brute force: CRLF, CR and LF each end a line; columns count code
    points."""
    line, line_start, index = 1, 0, 0
    while index < offset:
        if text[index] == "\r" and index + 1 < len(text) and text[index + 1] == "\n":
            index += 1
            if index >= offset:
                break
        if text[index] in "\r\n":
            line, line_start = line + 1, index + 1
        index += 1
    return line, offset - line_start + 1


@given(text=HOSTILE, pack_index=st.integers(0, 2), markdown=st.booleans())
def test_segment_offsets_are_exact(text: str, pack_index: int, markdown: bool) -> None:
    sentences = segment(text, pack=PACKS[pack_index], markdown=markdown)
    previous_end = 0
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert len(sentence.prose) == len(sentence.text)
        assert previous_end <= sentence.start < sentence.end <= len(text)
        previous_end = sentence.end


@given(text=HOSTILE, data=st.data())
def test_line_index_points_at_offset(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    assert LineIndex(text).position(offset) == _expected_position(text, offset)


@given(text=HOSTILE)
def test_normalisation_is_idempotent(text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)
    assert fold_text(fold_text(text)) == fold_text(text)


@given(text=HOSTILE, data=st.data())
def test_fold_spans_map_back_inside_the_text(text: str, data: st.DataObject) -> None:
    folded = fold(text)
    assert folded.text == fold_text(text)
    start = data.draw(st.integers(0, len(folded.text)))
    end = data.draw(st.integers(start, len(folded.text)))
    original_start, original_end = folded.span(start, end)
    assert 0 <= original_start <= original_end <= len(text)


@given(text=HOSTILE, pack_index=st.integers(0, 2))
def test_quantity_spans_are_exact(text: str, pack_index: int) -> None:
    for quantity in extract_quantities(text, PACKS[pack_index]):
        assert text[quantity.start : quantity.end] == quantity.text


@given(text=HOSTILE, pack_index=st.integers(0, 2))
def test_attribution_spans_are_exact(text: str, pack_index: int) -> None:
    found = attribute(text, PACKS[pack_index])
    if found.source_start is not None and found.source_end is not None:
        assert text[found.source_start : found.source_end] == found.source
    if found.cue_start is not None and found.cue_end is not None:
        assert text[found.cue_start : found.cue_end] == found.cue


def _assert_claim_offsets(text: str, claim: Claim) -> None:
    assert text[claim.start : claim.end] == claim.text
    assert (claim.line, claim.column) == _expected_position(text, claim.start)
    for quantity in claim.quantities:
        assert text[quantity.start : quantity.end] == quantity.text
    attribution = claim.attribution
    if attribution.source_start is not None and attribution.source_end is not None:
        assert text[attribution.source_start : attribution.source_end] == attribution.source
    if attribution.cue_start is not None and attribution.cue_end is not None:
        assert text[attribution.cue_start : attribution.cue_end] == attribution.cue


@given(
    text=NON_BLANK,
    language=st.sampled_from(["auto", "en", "ar"]),
    path=st.sampled_from(["a.md", "a.txt", "<stdin>"]),
)
def test_claims_point_into_the_document(text: str, language: str, path: str) -> None:
    document = api.document_from_text(text, path=path, language=language)
    # Every sentence counts as a claim here, so every offset is checked.
    result = api.extract_claims(document, min_checkworthiness=0.0)
    for claim in result.claims:
        _assert_claim_offsets(text, claim)


def _entries(texts: list[str]) -> list[EvidenceEntry]:
    ratings = ["false", "True", None, "Pants on Fire", "زائف", "\x1b[31mfalse"]
    return [
        EvidenceEntry(
            id=f"e{index}\x1b[2J",
            claim=text,
            rating=ratings[index % len(ratings)],
            rating_class="false" if index % 2 else "true",
            source=text[:20] or None,
            url="https://example.test/a?b=<c>&d=\"e\"",
            origin="ev\u202e.jsonl",
            line=index + 1,
        )
        for index, text in enumerate(texts)
        if text.strip()
    ]


@given(entries=st.lists(NON_BLANK, max_size=6), queries=st.lists(HOSTILE, max_size=4))
def test_matching_never_raises_and_scores_are_bounded(
    entries: list[str], queries: list[str]
) -> None:
    base = EvidenceBase(_entries(entries))
    found = base.search_many(queries, top=3, min_score=0.0)
    assert len(found) == len(queries)
    for matches in found:
        assert len(matches) <= 3
        assert all(0.0 <= match.score <= 100.0 for match in matches)


def _assert_inert(output: str, fmt: str) -> None:
    """The rendered report cannot take over a terminal and parses as its format."""
    if fmt in ("table", "markdown", "concise", "github"):
        assert not TERMINAL_UNSAFE.search(output), (fmt, output[:300])
    elif fmt in ("json", "claimreview", "sarif"):
        json.loads(output)
        assert not TERMINAL_UNSAFE.search(output)
        assert not JSON_RAW_BREAKS.search(output)
    elif fmt == "jsonl":
        lines = output.split("\n")
        assert lines[-1] == ""
        for line in lines[:-1]:
            json.loads(line)
        assert len(output.splitlines()) == len(lines) - 1  # no U+2028 etc. splits a line
    elif fmt == "html":
        assert "<script>alert" not in output
        assert not MARKUP_UNSAFE.search(output), repr(MARKUP_UNSAFE.search(output))
    elif fmt == "junit":
        ElementTree.fromstring(output)
        assert not MARKUP_UNSAFE.search(output), repr(MARKUP_UNSAFE.search(output))
    else:
        raise AssertionError(f"no inertness check for {fmt}")


SMALL = st.text(ALPHABET, min_size=1, max_size=12).map(_expand)


@st.composite
def claims(draw: st.DrawFn, text: str) -> Claim:
    """A claim over a span of ``text`` with hostile attribution, quantities, verdict and
    evidence (built directly: renderers must cope with whatever the models allow)."""
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    entry = EvidenceEntry(
        id=draw(SMALL),
        claim=draw(SMALL),
        rating=draw(st.one_of(st.none(), SMALL)),
        rating_class=draw(st.sampled_from(["true", "false", "mixed", "unproven"])),
        source=draw(st.one_of(st.none(), SMALL)),
        url=draw(st.sampled_from([None, "https://e.test/?a=<b>&c=\"d\"", "javascript:x"])),
        date=draw(st.sampled_from([None, "2024-06-01"])),
        origin=draw(SMALL),
        line=1,
    )
    label = draw(st.sampled_from(["supported", "refuted", "mixed", "unverified"]))
    verdict = Verdict(label, 80.0, draw(SMALL), entry if label != "unverified" else None)
    piece = text[start:end]
    attribution = Attribution(
        status=draw(st.sampled_from(["named", "vague"])),
        source=piece, cue=piece, source_start=start, source_end=end, cue_start=start,
        cue_end=end,
    )
    return Claim(
        id="c1", text=piece, start=start, end=end, line=1, column=start + 1,
        language=draw(st.sampled_from(["en", "ar"])), checkworthiness=0.5,
        quantities=(Quantity("count", 5.0, piece, start, end),),
        attribution=attribution,
        verdict=draw(st.one_of(st.none(), st.just(verdict))),
        matches=(Match(entry, 80.0),),
        signals=(draw(SMALL),),
    )


@given(data=st.data(), text=SMALL, path=SMALL, bidi=st.booleans(),
       width=st.sampled_from([None, 30, 100]))
def test_list_renderers_never_raise_and_stay_inert(
    data: st.DataObject, text: str, path: str, bidi: bool, width: int | None
) -> None:
    document = Document(path=path, text=text, language="en", markdown=True, title=text[:9])
    found = tuple(data.draw(st.lists(claims(text), max_size=2)))
    result = ListResult((DocumentResult(document, found),), evidence_used=True)
    for fmt in LIST_FORMATS:
        output = render_list(result, fmt, RenderOptions(width=width, bidi=bidi))
        _assert_inert(output, fmt)
        if fmt == "json":  # JSON keeps the text exactly
            shown = json.loads(output)["documents"][0]["claims"]
            assert [c["text"] for c in shown] == [c.text for c in found]


@given(data=st.data(), text=SMALL, explain=st.booleans())
def test_check_renderers_never_raise_and_stay_inert(
    data: st.DataObject, text: str, explain: bool
) -> None:
    claim = data.draw(claims(text))
    verdict = claim.verdict or Verdict("unverified", 0.0, text)
    result = CheckResult(claim=claim, verdict=verdict, matches=claim.matches)
    for fmt in LIST_FORMATS:
        _assert_inert(render_check(result, fmt, RenderOptions(explain=explain)), fmt)


@given(text=NON_BLANK, evidence=st.lists(NON_BLANK, max_size=3))
def test_checking_hostile_text_end_to_end(text: str, evidence: list[str]) -> None:
    document = api.document_from_text(text, path="a.md")
    base = EvidenceBase(_entries([*evidence, text])) if evidence else None
    result = api.check_documents([document], base, min_checkworthiness=0.0, min_score=0.0)
    for claim in result.documents[0].claims:
        _assert_claim_offsets(text, claim)
    _assert_inert(render_list(result, "jsonl"), "jsonl")


@given(text=HOSTILE)
def test_safe_text_neutralises_everything_unsafe(text: str) -> None:
    shown = safe_text(text)
    assert not TERMINAL_UNSAFE.search(shown)
    assert "\n" not in shown and "\r" not in shown
    assert not TERMINAL_UNSAFE.search(safe_text(text, single_line=False))


def _gate_result(text: str) -> object:
    gate = pytest.importorskip("factcheck.gate")
    draft = gate.draft_from_text(text, path="d.md")
    result = gate.check_drafts([draft])
    return gate.gate_drafts([draft], result, gate.GateSettings())


@given(text=NON_BLANK)
def test_gate_renderers_never_raise_and_stay_inert(text: str) -> None:
    from factcheck.report import GATE_FORMATS, render_gate

    result = _gate_result(text)
    for fmt in GATE_FORMATS:
        _assert_inert(render_gate(result, fmt, RenderOptions()), fmt)  # type: ignore[arg-type]


def test_list_result_of_nothing_renders() -> None:
    empty = ListResult(documents=(), evidence_used=False)
    for fmt in LIST_FORMATS:
        assert isinstance(render_list(empty, fmt), str)

"""Why a claim got its verdict, as spans to highlight and a score breakdown.

Pure functions shared by the table and HTML renderers: which words the claim shares with its
evidence, which numbers and dates disagree, where the attribution source is, and the scores.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from factcheck.evidence import matching, scorer
from factcheck.lang import LanguagePack, available_languages, get_pack
from factcheck.models import Claim, EvidenceEntry, Match, Quantity
from factcheck.text import quantities
from factcheck.text.normalise import fold, normalise

SpanKind = Literal["shared", "conflict", "source"]
# Shared runs shorter than this many words are noise ("the", "في") unless the word is long.
MIN_SHARED_TOKENS = 2
MIN_SHARED_LETTERS = 5
_WORD = re.compile(r"[^\W_]+")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")


@dataclass(frozen=True)
class Span:
    """A ``[start, end)`` span of a text to highlight, and why."""

    start: int
    end: int
    kind: SpanKind


@dataclass(frozen=True)
class Explanation:
    """Highlights in the claim text and in the evidence text (offsets into each)."""

    claim: tuple[Span, ...]
    evidence: tuple[Span, ...]
    conflicts: tuple[quantities.QuantityConflict, ...]
    agreements: tuple[tuple[Quantity, Quantity], ...]


def _word_key(word: str) -> str:
    """A word in comparable form: case and spelling folded, Arabic proclitics stripped.

    Digits and number words stay themselves (the matcher may canonicalise them), so that
    "3" never counts as shared with "8".
    """
    key = normalise(word)
    if _ARABIC_WORD.fullmatch(key):
        key = matching.canonical(key) or key
    return key


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """``(key, start, end)`` per word: key in matching form, offsets into ``text``."""
    folded = fold(text)
    words: list[tuple[str, int, int]] = []
    for found in _WORD.finditer(folded.text):
        key = _word_key(found.group())
        if key:
            start, end = folded.span(found.start(), found.end())
            words.append((key, start, end))
    return words


def shared_spans(claim_text: str, evidence_text: str) -> tuple[list[Span], list[Span]]:
    """The longest runs of words (in matching form) that claim and evidence share, in order.

    Returns the runs as spans of the claim text and of the evidence text.
    """
    claim_words = _tokens(claim_text)
    evidence_words = _tokens(evidence_text)
    matcher = difflib.SequenceMatcher(
        None, [w[0] for w in claim_words], [w[0] for w in evidence_words], autojunk=False
    )
    in_claim: list[Span] = []
    in_evidence: list[Span] = []
    for block in matcher.get_matching_blocks():
        if block.size == 0:
            continue
        key = claim_words[block.a][0]
        if block.size < MIN_SHARED_TOKENS and len(key) < MIN_SHARED_LETTERS:
            continue
        first, last = claim_words[block.a], claim_words[block.a + block.size - 1]
        in_claim.append(Span(first[1], last[2], "shared"))
        first, last = evidence_words[block.b], evidence_words[block.b + block.size - 1]
        in_evidence.append(Span(first[1], last[2], "shared"))
    return in_claim, in_evidence


def _pack(code: str | None) -> LanguagePack:
    base = (code or "").split("-")[0]
    return get_pack(base if base in available_languages() else "generic")


def source_span(claim: Claim) -> Span | None:
    """Where the attribution source is in the claim text (None when carried or unknown)."""
    attribution = claim.attribution
    if attribution.carried or attribution.source_start is None or attribution.source_end is None:
        return None
    start = attribution.source_start - claim.start
    end = attribution.source_end - claim.start
    if 0 <= start < end <= len(claim.text):
        return Span(start, end, "source")
    return None


def explain(claim: Claim, entry: EvidenceEntry | None) -> Explanation:
    """Highlights for ``claim`` against its evidence ``entry`` (None: only the source)."""
    claim_spans: list[Span] = []
    evidence_spans: list[Span] = []
    source = source_span(claim)
    if source is not None:
        claim_spans.append(source)
    if entry is None:
        return Explanation(tuple(claim_spans), (), (), ())
    shared_claim, shared_evidence = shared_spans(claim.text, entry.claim)
    claim_spans += shared_claim
    evidence_spans += shared_evidence
    claim_quantities = [
        Quantity(**{**q.__dict__, "start": q.start - claim.start, "end": q.end - claim.start})
        for q in claim.quantities
    ]
    entry_pack = _pack(entry.lang or claim.language)
    entry_quantities = quantities.extract_quantities(entry.claim, entry_pack)
    conflicts = quantities.find_conflicts(claim_quantities, entry_quantities)
    agreements = quantities.find_agreements(claim_quantities, entry_quantities)
    for conflict in conflicts:
        claim_spans.append(Span(conflict.claim.start, conflict.claim.end, "conflict"))
        evidence_spans.append(Span(conflict.evidence.start, conflict.evidence.end, "conflict"))
    return Explanation(
        tuple(_valid(claim_spans, len(claim.text))),
        tuple(_valid(evidence_spans, len(entry.claim))),
        tuple(conflicts),
        tuple(agreements),
    )


def _valid(spans: list[Span], length: int) -> list[Span]:
    return sorted(
        (s for s in spans if 0 <= s.start < s.end <= length), key=lambda s: (s.start, s.end)
    )


_PART_NAMES = {
    "semantic": "semantic: cosine of the sentence vectors",
    "entry_coverage": "lexical: share of the entry's word weight in the claim",
    "claim_coverage": "lexical: share of the claim's word weight in the entry",
    "spelling": "spelling: rapidfuzz agreement of the written forms (0-1)",
}


def score_rows(match: Match) -> list[tuple[str, str, str]]:
    """(part, its value, its share of the model's logit) for each part the match's scoring
    model uses, then the intercept: ``score = 100 / (1 + exp(-(intercept + sum of shares)))``.
    Empty when the match carries no parts."""
    parts = match.parts
    if parts is None:
        return []
    if parts.mode == "lexical":
        return [("model: lexical (the spelling agreement is the score)", "", ""),
                (_PART_NAMES["spelling"], f"{parts.spelling / 100:.3f}", "")]
    model = scorer.models()[parts.mode]
    values = {
        "semantic": parts.semantic if parts.semantic is not None else 0.0,
        "entry_coverage": parts.entry_coverage,
        "claim_coverage": parts.claim_coverage,
        "spelling": parts.spelling / 100.0,
    }
    shares = model.contributions(values)
    rows = [(f"model: {parts.mode}", "", "")]
    rows += [
        (_PART_NAMES[name], f"{values[name]:.3f}", f"{share:+.2f}")
        for name, share in shares.items()
    ]
    rows.append(("intercept", "", f"{model.intercept:+.2f}"))
    return rows


def entry_language(entry: EvidenceEntry) -> str:
    """The entry's language as its evidence file gives it ("-" when it gives none)."""
    return entry.lang or "-"

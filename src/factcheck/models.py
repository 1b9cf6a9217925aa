"""Plain typed values that flow through the pipeline.

read -> segment -> claims -> attribution -> match -> verdict -> render.
All are frozen dataclasses; the JSON contract is these serialised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

AttributionStatus = Literal["named", "vague", "none"]
VerdictLabel = Literal["supported", "refuted", "mixed", "unverified"]
# What an evidence rating means once free text ("Pants on Fire", زائف ...) is mapped.
RatingClass = Literal["true", "false", "mixed", "unproven"]
QuantityKind = Literal["count", "percent", "year", "date"]
Qualifier = Literal["more_than", "at_least", "about", "less_than", "at_most"]


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document. ``text == document[start:end]``.

    ``prose`` has the same length as ``text`` with non-prose (Markdown syntax, link URLs, code)
    blanked to spaces, so analysis can run on it while offsets stay exact.
    """

    start: int
    end: int
    text: str
    prose: str


@dataclass(frozen=True)
class Quantity:
    """A number, percentage, year or date found in a text.

    ``start``/``end`` are offsets into the text the quantity was extracted from.
    For ``kind == "date"`` ``value`` is the year (0 when unknown) and ``month``/``day`` are set.
    """

    kind: QuantityKind
    value: float
    text: str
    start: int
    end: int
    unit: str | None = None
    qualifier: Qualifier | None = None
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True)
class Attribution:
    """Who a claim is attributed to. Offsets are into the text the attribution was found in."""

    status: AttributionStatus
    source: str | None = None
    cue: str | None = None
    source_start: int | None = None
    source_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    # True when the source was carried over from a previous sentence ("He added ...").
    carried: bool = False


NO_ATTRIBUTION = Attribution(status="none")


@dataclass(frozen=True)
class Checkworthiness:
    """How check-worthy a sentence is: a score in [0, 1] and the signals behind it."""

    score: float
    is_claim: bool
    signals: tuple[str, ...] = ()


@dataclass(frozen=True)
class EvidenceEntry:
    """One known fact or prior fact-check from an evidence file."""

    id: str
    claim: str
    rating: str | None
    rating_class: RatingClass
    source: str | None = None
    url: str | None = None
    date: str | None = None
    lang: str | None = None
    origin: str = ""
    line: int = 0
    # The fact-check's headline, when the source gives one: matched as well as ``claim``.
    title: str | None = None


MatchMode = Literal["semantic", "cross-lingual", "lexical"]


@dataclass(frozen=True)
class MatchParts:
    """What a match score is made of (see :mod:`factcheck.evidence.scorer`).

    ``semantic``: cosine of the sentence vectors (-1..1; None without an encoder);
    ``entry_coverage`` / ``claim_coverage``: the share of the entry's / the claim's word weight
    found in the other (0-1); ``spelling``: rapidfuzz agreement of the written forms (0-100);
    ``mode``: which calibrated model scored the pair.
    """

    semantic: float | None
    entry_coverage: float
    claim_coverage: float
    spelling: float
    mode: MatchMode


@dataclass(frozen=True)
class Match:
    """An evidence entry and how well it matches a claim (0-100), with the score's parts."""

    entry: EvidenceEntry
    score: float
    parts: MatchParts | None = None


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking one claim against the evidence, with a one-line reason."""

    label: VerdictLabel
    score: float
    reason: str
    evidence: EvidenceEntry | None = None


@dataclass(frozen=True)
class Claim:
    """A check-worthy claim of a document (or a single claim given on the command line)."""

    id: str
    text: str
    start: int
    end: int
    line: int
    column: int
    language: str
    checkworthiness: float
    quantities: tuple[Quantity, ...] = ()
    attribution: Attribution = NO_ATTRIBUTION
    verdict: Verdict | None = None
    matches: tuple[Match, ...] = ()
    signals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """An article as read: its display path (or URL), its text and its detected language.

    ``title`` is the page title of an article fetched from a URL (None for files).
    """

    path: str
    text: str
    language: str
    markdown: bool = False
    title: str | None = None


@dataclass(frozen=True)
class DocumentResult:
    """The claims found in one document."""

    document: Document
    claims: tuple[Claim, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class ListResult:
    """The result of ``factcheck list``: one entry per document, and whether evidence was used."""

    documents: tuple[DocumentResult, ...]
    evidence_used: bool = False


@dataclass(frozen=True)
class CheckResult:
    """The result of ``factcheck check``: the claim, its verdict and the top matches."""

    claim: Claim
    verdict: Verdict
    matches: tuple[Match, ...]

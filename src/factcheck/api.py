"""The public Python API: everything the command line does is a call here.

Data flows one way: read -> segment -> quantities/attribution -> check-worthiness -> match ->
verdict. Nothing here prints or exits; errors are :class:`factcheck.errors.FactcheckError`.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from factcheck.attribution import attribute, attribute_sentences
from factcheck.claims import assess_checkworthiness
from factcheck.errors import UsageError
from factcheck.evidence import EvidenceBase, EvidenceProblem, EvidenceSource
from factcheck.lang import LanguagePack, available_languages, get_pack
from factcheck.models import (
    NO_ATTRIBUTION,
    Attribution,
    CheckResult,
    Claim,
    Document,
    DocumentResult,
    ListResult,
    Match,
    Quantity,
)
from factcheck.reader import make_document
from factcheck.text.detect import detect_language, detect_sentence_language
from factcheck.text.normalise import normalise
from factcheck.text.quantities import extract_quantities
from factcheck.text.segment import LineIndex, paragraph_starts, segment
from factcheck.verdict import decide

DEFAULT_MIN_SCORE = 70.0
DEFAULT_TOP = 5
LANGUAGE_CHOICES = ("auto", "ar", "en")

__all__ = [
    "DEFAULT_MIN_SCORE",
    "DEFAULT_TOP",
    "EvidenceBase",
    "EvidenceSource",
    "check_claim",
    "check_documents",
    "extract_claims",
    "load_evidence_base",
    "make_document",
]


def _validate_language(language: str) -> str:
    if language != "auto" and language not in available_languages():
        known = ", ".join(("auto", *available_languages()))
        raise UsageError(f"unknown language {language!r}; choose one of: {known}")
    return language


def load_evidence_base(
    paths: Sequence[Path],
    *,
    skip_invalid: bool = False,
    ratings: Mapping[str, Sequence[str]] | None = None,
    index: str = "auto",
    cache_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    warn: Callable[[str], None] | None = None,
    encoder: str = "use-m3",
) -> EvidenceSource:
    """Read evidence files into a source ready for matching.

    Small evidence (under :data:`factcheck.evidence.index.INDEX_MIN_BYTES` together, or
    ``index="never"``) is an :class:`EvidenceBase` (brute force); larger evidence (or
    ``index="always"``) is matched through persistent indexes in ``cache_dir`` (default: the
    user cache), built on first use (``progress(done, total)`` is called while building) and
    reused while the files are unchanged. ``ratings`` adds or moves rating phrases
    (class -> phrases). Malformed entries raise ``EvidenceError`` unless ``skip_invalid``;
    then they are left out and reported through ``warn``. ``encoder`` names the sentence
    encoder for semantic matching (``none``: lexical only); when it cannot be loaded, matching
    is lexical and ``warn`` says so once. Vectors are kept in ``cache_dir``'s vector cache.
    """
    from factcheck.evidence.formats import problems_error, read_evidence
    from factcheck.evidence.index import default_cache_dir, open_index, wants_index
    from factcheck.evidence.ratings import RatingTable
    from factcheck.semantic import EncoderLink

    link = EncoderLink(
        encoder, cache_dir=cache_dir or default_cache_dir(), warn=warn,
        model_dir=default_cache_dir(),
    )

    try:
        table = RatingTable(ratings) if ratings else None
    except ValueError as error:
        raise UsageError(f"ratings: {error}") from None
    if not wants_index(paths, mode=index):
        entries, problems = read_evidence(paths, skip_invalid=skip_invalid, ratings=table)
        if problems and warn is not None:
            warn(_skipped(problems))
        return EvidenceBase(entries, encoder=link)
    indexed = open_index(
        paths, cache_dir=cache_dir, progress=progress, warn=warn, ratings=table, encoder=link
    )
    problems = indexed.problems()
    duplicate = indexed.duplicate_id()
    if duplicate is not None:
        problems.append(duplicate)
    if problems and not skip_invalid:
        raise problems_error(problems)
    if problems and warn is not None:
        warn(_skipped(problems))
    return indexed


def _skipped(problems: Sequence[EvidenceProblem]) -> str:
    noun = "entry" if len(problems) == 1 else "entries"
    return f"skipped {len(problems)} malformed evidence {noun} (first: {problems[0]})"


def _shift(quantity: Quantity, offset: int, original: str) -> Quantity:
    """The quantity in document offsets. Its text is taken from the sentence as written
    (``original``): the analysed prose has Markdown blanked, and a span may cross it."""
    return dataclasses.replace(
        quantity,
        text=original[quantity.start : quantity.end],
        start=quantity.start + offset,
        end=quantity.end + offset,
    )


def _shift_attribution(attribution: Attribution, offset: int, original: str) -> Attribution:
    """The attribution in document offsets, its source and cue as written (see :func:`_shift`)."""
    if attribution.status == "none":
        return attribution

    def moved(value: int | None) -> int | None:
        return None if value is None else value + offset

    def written(start: int | None, end: int | None, shown: str | None) -> str | None:
        return shown if start is None or end is None else original[start:end]

    return dataclasses.replace(
        attribution,
        source=written(attribution.source_start, attribution.source_end, attribution.source),
        cue=written(attribution.cue_start, attribution.cue_end, attribution.cue),
        source_start=moved(attribution.source_start),
        source_end=moved(attribution.source_end),
        cue_start=moved(attribution.cue_start),
        cue_end=moved(attribution.cue_end),
    )


def claim_id(text: str) -> str:
    """A stable id for a claim: a short hash of its normalised text."""
    return "c" + hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()[:8]


def matching_text(prose: str, attribution: Attribution) -> str:
    """The claim text used for matching: the attribution phrase (cue and source) is left out,
    so "TASS reported that X" matches evidence that just says X."""
    spans = [
        (start, end)
        for start, end in (
            (attribution.cue_start, attribution.cue_end),
            (attribution.source_start, attribution.source_end),
        )
        if start is not None and end is not None
    ]
    if not spans or attribution.carried:
        return prose
    start = min(s for s, _ in spans)
    end = max(e for _, e in spans)
    rest = (prose[:start] + " " + prose[end:]).strip()
    # Keep the whole sentence when the attribution is most of it.
    return rest if len(rest) >= len(prose) // 3 else prose


@dataclasses.dataclass(frozen=True)
class _Analysed:
    claim: Claim
    pack: LanguagePack
    match_text: str
    prose: str


def _search(
    evidence: EvidenceSource, items: Sequence[tuple[str, str]], *, top: int, min_score: float
) -> list[list[Match]]:
    """Matches for each (text without attribution, whole sentence) pair, best score of both.

    Stripping the attribution helps when evidence states the bare fact; keeping it helps when
    the source named in the sentence is also the subject of the evidence ("Zelensky has
    acknowledged ..." vs "Zelensky acknowledged ...").
    """
    texts = [stripped for stripped, _ in items]
    wholes = [whole for stripped, whole in items if whole != stripped]
    found = evidence.search_many(texts + wholes, top=top, min_score=min_score)
    merged: list[list[Match]] = []
    extra = iter(found[len(texts):])
    for (stripped, whole), matches in zip(items, found, strict=False):
        best = {id(m.entry): m for m in matches}
        if whole != stripped:
            for match in next(extra):
                known = best.get(id(match.entry))
                if known is None or match.score > known.score:
                    best[id(match.entry)] = match
        ranked = sorted(best.values(), key=lambda m: -m.score)
        merged.append(ranked[:top])
    return merged


def _analyse(document: Document, *, min_checkworthiness: float | None) -> list[_Analysed]:
    pack = get_pack(document.language)
    lines = LineIndex(document.text)
    analysed: list[_Analysed] = []
    seen: dict[str, int] = {}
    sentences = segment(document.text, pack=pack, markdown=document.markdown)
    packs = [
        get_pack(detect_sentence_language(sentence.prose, document.language))
        for sentence in sentences
    ]
    attributions = attribute_sentences(
        list(zip([sentence.prose for sentence in sentences], packs, strict=True)),
        breaks=paragraph_starts(document.text, sentences),
    )
    for sentence, sentence_pack, attribution in zip(sentences, packs, attributions, strict=True):
        quantities = extract_quantities(sentence.prose, sentence_pack)
        worth = assess_checkworthiness(
            sentence.prose, sentence_pack, quantities=quantities, attribution=attribution
        )
        keep = worth.is_claim if min_checkworthiness is None else worth.score >= min_checkworthiness
        if not keep:
            continue
        line, column = lines.position(sentence.start)
        base_id = claim_id(sentence.text)
        seen[base_id] = seen.get(base_id, 0) + 1
        identifier = base_id if seen[base_id] == 1 else f"{base_id}-{seen[base_id]}"
        claim = Claim(
            id=identifier,
            text=sentence.text,
            start=sentence.start,
            end=sentence.end,
            line=line,
            column=column,
            language=sentence_pack.code if sentence_pack.code != "generic" else document.language,
            checkworthiness=round(worth.score, 3),
            quantities=tuple(_shift(q, sentence.start, sentence.text) for q in quantities),
            attribution=_shift_attribution(attribution, sentence.start, sentence.text),
            signals=worth.signals,
        )
        analysed.append(
            _Analysed(
                claim, sentence_pack, matching_text(sentence.prose, attribution), sentence.prose
            )
        )
    return analysed


def extract_claims(
    document: Document, *, min_checkworthiness: float | None = None
) -> DocumentResult:
    """List the check-worthy claims of a document with their attribution (no evidence)."""
    return DocumentResult(
        document=document,
        claims=tuple(a.claim for a in _analyse(document, min_checkworthiness=min_checkworthiness)),
    )


def check_documents(
    documents: Sequence[Document],
    evidence: EvidenceSource | None = None,
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    top: int = DEFAULT_TOP,
    min_checkworthiness: float | None = None,
) -> ListResult:
    """Extract the claims of every document and, given evidence, give each a verdict.

    All claims of all documents are matched in one vectorised call.
    """
    per_document = [_analyse(d, min_checkworthiness=min_checkworthiness) for d in documents]
    if evidence is None:
        return ListResult(
            documents=tuple(
                DocumentResult(d, tuple(a.claim for a in analysed))
                for d, analysed in zip(documents, per_document, strict=True)
            ),
            evidence_used=False,
        )
    flat = [a for analysed in per_document for a in analysed]
    all_matches = _search(
        evidence, [(a.match_text, a.prose) for a in flat], top=top, min_score=min(min_score, 50.0)
    )
    results: dict[int, Claim] = {}
    for index, (item, matches) in enumerate(zip(flat, all_matches, strict=True)):
        verdict = decide(
            item.match_text, item.claim.quantities, matches, pack=item.pack, min_score=min_score
        )
        shown = tuple(m for m in matches if m.score >= min_score)
        results[index] = dataclasses.replace(item.claim, verdict=verdict, matches=shown)
    documents_out: list[DocumentResult] = []
    cursor = 0
    for document, analysed in zip(documents, per_document, strict=True):
        claims = tuple(results[cursor + i] for i in range(len(analysed)))
        cursor += len(analysed)
        documents_out.append(DocumentResult(document, claims))
    return ListResult(documents=tuple(documents_out), evidence_used=True)


def check_claim(
    text: str,
    evidence: EvidenceSource,
    *,
    language: str = "auto",
    min_score: float = DEFAULT_MIN_SCORE,
    top: int = DEFAULT_TOP,
) -> CheckResult:
    """Check one claim given as text: its verdict, reason and top matches."""
    language = _validate_language(language)
    stripped = text.strip()
    if not stripped:
        raise UsageError("the claim is empty; give the claim text in quotes")
    if language == "auto":
        language = detect_language(stripped)
    pack = get_pack(language)
    quantities = tuple(extract_quantities(stripped, pack))
    attribution = attribute(stripped, pack)
    worth = assess_checkworthiness(stripped, pack, quantities=quantities, attribution=attribution)
    match_text = matching_text(stripped, attribution)
    (matches,) = _search(evidence, [(match_text, stripped)], top=top, min_score=0.0)
    verdict = decide(match_text, quantities, matches, pack=pack, min_score=min_score)
    claim = Claim(
        id=claim_id(stripped),
        text=stripped,
        start=0,
        end=len(stripped),
        line=1,
        column=1,
        language=language,
        checkworthiness=round(worth.score, 3),
        quantities=quantities,
        attribution=attribution if attribution.status != "none" else NO_ATTRIBUTION,
        verdict=verdict,
        signals=worth.signals,
    )
    return CheckResult(claim=claim, verdict=verdict, matches=tuple(matches))


def read_documents(
    paths: Sequence[Path], *, language: str = "auto", max_bytes: int | None = None
) -> list[Document]:
    """Read article files (see :func:`factcheck.reader.read_document`)."""
    from factcheck.reader import DEFAULT_MAX_BYTES, read_document

    language = _validate_language(language)
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    return [read_document(p, language=language, max_bytes=limit) for p in paths]


def document_from_text(text: str, *, path: str = "<stdin>", language: str = "auto") -> Document:
    """Make a :class:`Document` from text already in memory (e.g. standard input)."""
    return make_document(text, path=path, language=_validate_language(language))

"""The gate: turn a checked set of drafts into linter findings, apply suppressions, a baseline,
a diff filter and thresholds, and decide whether the run fails.

Pure: reads the drafts it is given and git (for ``--diff-base``) only through its callers'
arguments; see :func:`gate_drafts`. The CLI is ``factcheck gate`` in ``factcheck.cli.gate_cmd``.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck import api
from factcheck.errors import InputError
from factcheck.gate.baseline import split_baselined
from factcheck.gate.html_text import extract_html_text
from factcheck.gate.policy import SourcePolicy
from factcheck.gate.rules import (
    RULE_NAMES,
    RULES_BY_NAME,
    SEVERITY_RANK,
    Finding,
    Severity,
    claim_hits,
)
from factcheck.gate.suppress import Suppression, blank_comments, parse_suppressions
from factcheck.models import Claim, Document, DocumentResult, ListResult
from factcheck.reader import DEFAULT_MAX_BYTES, decode_text, make_document, read_bytes
from factcheck.text.segment import LineIndex

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


@dataclass(frozen=True)
class Draft:
    """A draft to gate: the document the core analyses and the source text as written.

    For Markdown and text, ``document.text`` is the source with suppression comments blanked;
    for HTML it is the visible text laid over the source (same length, same offsets).
    """

    document: Document
    source: str
    html: bool = False


@dataclass(frozen=True)
class GateSettings:
    """What the gate reports and when it fails."""

    severities: Mapping[str, str] = field(default_factory=dict)
    fail_on: tuple[str, ...] = ("error",)
    min_severity: Severity = "info"
    policy: SourcePolicy = field(default_factory=SourcePolicy)

    def severity(self, rule: str) -> str:
        """The configured severity of ``rule`` (or ``off``)."""
        return self.severities.get(rule, RULES_BY_NAME[rule].severity)

    def fails(self, finding: Finding) -> bool:
        """Whether ``finding`` fails the run: its rule or a severity at or below its own is
        listed in ``fail_on``."""
        for item in self.fail_on:
            if item == finding.rule:
                return True
            if item in SEVERITY_RANK and SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[item]:
                return True
        return False


@dataclass(frozen=True)
class SuppressionUse:
    """A suppression comment and how many findings it suppressed."""

    suppression: Suppression
    used: int


@dataclass(frozen=True)
class GateResult:
    """Everything a gate run found.

    ``findings`` are the reported ones (not suppressed, not in the baseline, at or above the
    minimum severity); ``failing`` is the subset that fails the run.
    """

    result: ListResult
    findings: tuple[Finding, ...]
    failing: tuple[Finding, ...]
    suppressed: tuple[Finding, ...] = ()
    baselined: tuple[Finding, ...] = ()
    suppressions: tuple[SuppressionUse, ...] = ()
    diff_base: str | None = None

    @property
    def failed(self) -> bool:
        """True when at least one reported finding fails the run."""
        return bool(self.failing)

    def counts(self) -> dict[str, int]:
        """Reported findings per severity."""
        counter: Counter[str] = Counter(f.severity for f in self.findings)
        return {name: counter.get(name, 0) for name in ("error", "warning", "info")}


def draft_from_text(source: str, *, path: str, language: str = "auto") -> Draft:
    """Make a :class:`Draft` from text in memory (``path`` decides HTML/Markdown by suffix)."""
    html = Path(path).suffix.lower() in HTML_SUFFIXES
    text = extract_html_text(source) if html else blank_comments(source)
    if not text.strip():
        document = Document(path=path, text=text, language="en" if language == "auto" else language)
    else:
        document = make_document(text, path=path, language=language)
    if html:
        document = dataclasses.replace(document, markdown=False)
    return Draft(document=document, source=source, html=html)


def read_draft(
    path: Path, *, language: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES
) -> Draft:
    """Read a draft file (.md, .txt, .html ...); an empty file is a draft without claims."""
    data = read_bytes(path, max_bytes=max_bytes)
    if not data.strip():
        return Draft(Document(path=str(path), text="", language="en"), source="")
    source = decode_text(data, name=str(path))
    return draft_from_text(source, path=str(path), language=language)


def _relocate(draft: Draft, result: DocumentResult) -> DocumentResult:
    """HTML claims get line/column in the HTML source (the core counted extracted lines)."""
    if not draft.html or not result.claims:
        return result
    lines = LineIndex(draft.source)
    claims = []
    for claim in result.claims:
        line, column = lines.position(claim.start)
        claims.append(dataclasses.replace(claim, line=line, column=column))
    return DocumentResult(result.document, tuple(claims))


def _position(finding: Finding) -> tuple[int, int, int]:
    return finding.line, finding.column, RULE_NAMES.index(finding.rule)


def _in_diff(line: int, end_line: int, changed: set[int] | None) -> bool:
    return changed is None or any(n in changed for n in range(line, end_line + 1))


def gate_drafts(
    drafts: Sequence[Draft],
    result: ListResult,
    settings: GateSettings,
    *,
    baseline: Counter[str] | None = None,
    changed: Mapping[str, set[int] | None] | None = None,
    diff_base: str | None = None,
) -> GateResult:
    """Findings for drafts already checked by :func:`factcheck.api.check_documents`.

    ``result.documents`` must be in the order of ``drafts``. ``changed`` maps a draft's path to
    the lines changed since ``diff_base`` (None: all lines); drafts missing from it are skipped.
    """
    if len(drafts) != len(result.documents):
        raise InputError("internal mismatch between drafts and results")
    unused_severity = settings.severity("unused-suppression")
    reported: list[Finding] = []
    suppressed: list[Finding] = []
    uses: list[SuppressionUse] = []
    documents: list[DocumentResult] = []
    for draft, document_result in zip(drafts, result.documents, strict=True):
        first_reported = len(reported)
        document_result = _relocate(draft, document_result)
        path = draft.document.path
        lines = LineIndex(draft.source)
        diff = changed.get(path, set()) if changed is not None else None
        suppressions = parse_suppressions(draft.source, path=path, rule_names=RULE_NAMES)
        used = [0] * len(suppressions)
        kept_claims = []
        for claim in document_result.claims:
            end_line, end_column = lines.position(claim.end)
            if changed is not None and not _in_diff(claim.line, end_line, diff):
                continue
            kept_claims.append(claim)
            for hit in claim_hits(claim, policy=settings.policy,
                                  evidence_used=result.evidence_used):
                severity = settings.severity(hit.rule)
                if severity == "off":
                    continue
                finding = Finding(
                    rule=hit.rule, severity=severity,  # type: ignore[arg-type]
                    message=hit.message, path=path, line=claim.line, column=claim.column,
                    end_line=end_line, end_column=end_column, text=claim.text, claim=claim,
                )
                cover = next(
                    (i for i, s in enumerate(suppressions)
                     if s.covers(hit.rule, claim.line, end_line)),
                    None,
                )
                if cover is None:
                    reported.append(finding)
                else:
                    used[cover] += 1
                    suppressed.append(finding)
        documents.append(DocumentResult(document_result.document, tuple(kept_claims)))
        for suppression, count in zip(suppressions, used, strict=True):
            uses.append(SuppressionUse(suppression, count))
            if count or unused_severity == "off":
                continue
            if not result.evidence_used and suppression.rules and all(
                r in RULES_BY_NAME and RULES_BY_NAME[r].needs_evidence for r in suppression.rules
            ):
                continue  # e.g. 'ignore refuted' in a run without evidence: not stale
            if changed is not None and not _in_diff(suppression.line, suppression.line, diff):
                continue
            message = suppression.problem or (
                f"suppression '{suppression.directive}"
                + (f" {','.join(suppression.rules)}" if suppression.rules else "")
                + "' matched no finding"
            )
            reported.append(Finding(
                rule="unused-suppression", severity=unused_severity,  # type: ignore[arg-type]
                message=message, path=path, line=suppression.line, column=suppression.column,
                end_line=suppression.line, end_column=suppression.end_column,
                text=f"{suppression.directive} {' '.join(suppression.rules)}".strip(),
            ))
        # Findings of a file in reading order (suppression findings were added last).
        reported[first_reported:] = sorted(reported[first_reported:], key=_position)
    floor = SEVERITY_RANK[settings.min_severity]
    visible = [f for f in reported if SEVERITY_RANK[f.severity] >= floor]
    baselined: list[Finding] = []
    if baseline is not None:
        visible, baselined = split_baselined(visible, baseline)
    return GateResult(
        result=ListResult(documents=tuple(documents), evidence_used=result.evidence_used),
        findings=tuple(visible),
        failing=tuple(f for f in visible if settings.fails(f)),
        suppressed=tuple(suppressed),
        baselined=tuple(baselined),
        suppressions=tuple(uses),
        diff_base=diff_base,
    )


# Below this many drafts, starting worker processes costs more than it saves.
PARALLEL_MIN_DRAFTS = 8
# Batches per worker: small batches keep the tail short (the last batch runs alone); each
# costs only a pickled list of documents and claims.
BATCHES_PER_WORKER = 16


def _check_chunk(
    documents: list[Document], evidence: api.EvidenceSource | None, options: dict[str, Any]
) -> ListResult:
    return api.check_documents(documents, evidence, **options)


def check_drafts(
    drafts: Sequence[Draft],
    evidence: api.EvidenceSource | None = None,
    *,
    min_score: float = api.DEFAULT_MIN_SCORE,
    top: int = api.DEFAULT_TOP,
    min_checkworthiness: float | None = None,
    jobs: int = 1,
) -> ListResult:
    """Run the core (:func:`factcheck.api.check_documents`) over the drafts' documents.

    With ``jobs > 1`` (and evidence held in memory, or none) the drafts are shared out among
    that many forked worker processes (each claim's analysis and matching depend on its own
    document only, so the result is the same as with one process).
    """
    documents = [d.document for d in drafts]
    options: dict[str, Any] = {
        "min_score": min_score, "top": top, "min_checkworthiness": min_checkworthiness,
    }
    # Only in-memory evidence is shared with forked workers: an indexed source holds a
    # database connection, which must not cross a fork.
    shareable = evidence is None or isinstance(evidence, api.EvidenceBase)
    if jobs <= 1 or len(documents) < PARALLEL_MIN_DRAFTS or not shareable or not _can_fork():
        return _check_chunk(documents, evidence, options)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Largest drafts first, in small batches handed to whichever worker is free: the workers
    # finish together even when drafts differ in length or the machine is busy.
    order = sorted(range(len(documents)), key=lambda i: -len(documents[i].text))
    size = max(1, len(order) // (jobs * BATCHES_PER_WORKER))
    batches = [order[k : k + size] for k in range(0, len(order), size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                             initializer=_remember, initargs=(evidence,)) as pool:
        futures = [
            pool.submit(_check_in_worker, [documents[i] for i in batch], options)
            for batch in batches
        ]
        parts = [future.result() for future in futures]
    by_index: dict[int, DocumentResult] = {}
    for batch, claims_per_document in zip(batches, parts, strict=True):
        for index, claims in zip(batch, claims_per_document, strict=True):
            by_index[index] = DocumentResult(documents[index], claims)
    return ListResult(
        documents=tuple(by_index[i] for i in range(len(documents))),
        evidence_used=evidence is not None,
    )


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


# Set once in each forked worker by its initializer (the evidence is inherited, not pickled).
_WORKER_EVIDENCE: list[api.EvidenceSource | None] = []


def _remember(evidence: api.EvidenceSource | None) -> None:
    _WORKER_EVIDENCE[:] = [evidence]


def _check_in_worker(
    documents: list[Document], options: dict[str, Any]
) -> list[tuple[Claim, ...]]:
    # Only the claims travel back: the parent already holds the documents.
    result = _check_chunk(documents, _WORKER_EVIDENCE[0] if _WORKER_EVIDENCE else None, options)
    return [document_result.claims for document_result in result.documents]


__all__ = [
    "Draft",
    "Finding",
    "GateResult",
    "GateSettings",
    "SuppressionUse",
    "check_drafts",
    "draft_from_text",
    "gate_drafts",
    "read_draft",
]

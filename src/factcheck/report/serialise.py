"""The JSON contract: results as plain dicts (version 1, documented in README)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from factcheck.models import (
    Attribution,
    CheckResult,
    Claim,
    EvidenceEntry,
    ListResult,
    Match,
    Quantity,
    Verdict,
)

SCHEMA_VERSION = 1
ATTRIBUTION_STATUSES = ("named", "vague", "none")
VERDICT_LABELS = ("supported", "refuted", "mixed", "unverified")


def quantity_dict(quantity: Quantity) -> dict[str, Any]:
    """A quantity as JSON."""
    value: float | int = int(quantity.value) if quantity.value.is_integer() else quantity.value
    data: dict[str, Any] = {
        "kind": quantity.kind,
        "value": value,
        "unit": quantity.unit,
        "qualifier": quantity.qualifier,
        "text": quantity.text,
        "start": quantity.start,
        "end": quantity.end,
    }
    if quantity.kind == "date":
        data["month"] = quantity.month
        data["day"] = quantity.day
    return data


def attribution_dict(attribution: Attribution) -> dict[str, Any]:
    """An attribution as JSON (status, source, cue; offsets when known)."""
    data: dict[str, Any] = {
        "status": attribution.status,
        "source": attribution.source,
        "cue": attribution.cue,
    }
    if attribution.source_start is not None:
        data["source_start"] = attribution.source_start
        data["source_end"] = attribution.source_end
    if attribution.carried:
        data["carried"] = True
    return data


def evidence_dict(entry: EvidenceEntry) -> dict[str, Any]:
    """An evidence entry as it appears inside a verdict."""
    return {
        "id": entry.id,
        "claim": entry.claim,
        "rating": entry.rating,
        "source": entry.source,
        "url": entry.url,
    }


def verdict_dict(verdict: Verdict | None) -> dict[str, Any] | None:
    """A verdict as JSON (or None when no evidence was given)."""
    if verdict is None:
        return None
    return {
        "label": verdict.label,
        "score": round(verdict.score, 1),
        "reason": verdict.reason,
        "evidence": evidence_dict(verdict.evidence) if verdict.evidence else None,
    }


def match_dict(match: Match) -> dict[str, Any]:
    """A match of the ``check`` command as JSON (``parts``: what the score is made of)."""
    parts = match.parts
    return {
        "id": match.entry.id,
        "claim": match.entry.claim,
        "score": round(match.score, 1),
        "rating": match.entry.rating,
        "source": match.entry.source,
        "url": match.entry.url,
        "origin": match.entry.origin,
        "lang": match.entry.lang,
        "parts": None if parts is None else {
            "mode": parts.mode,
            "semantic": parts.semantic,
            "entry_coverage": parts.entry_coverage,
            "claim_coverage": parts.claim_coverage,
            "spelling": parts.spelling,
        },
    }


def claim_dict(claim: Claim, *, location: bool = True) -> dict[str, Any]:
    """A claim as JSON; ``location=False`` leaves out offsets, line and column."""
    data: dict[str, Any] = {"id": claim.id, "text": claim.text}
    if location:
        data |= {
            "start": claim.start,
            "end": claim.end,
            "line": claim.line,
            "column": claim.column,
        }
    data |= {
        "language": claim.language,
        "checkworthiness": claim.checkworthiness,
        "quantities": [quantity_dict(q) for q in claim.quantities],
        "attribution": attribution_dict(claim.attribution),
    }
    if location:
        data["verdict"] = verdict_dict(claim.verdict)
    return data


def summary_dict(result: ListResult) -> dict[str, Any]:
    """Counts of claims by attribution status and (with evidence) by verdict."""
    claims = [c for d in result.documents for c in d.claims]
    attribution: Counter[str] = Counter(c.attribution.status for c in claims)
    summary: dict[str, Any] = {
        "documents": len(result.documents),
        "claims": len(claims),
        "attribution": {status: attribution.get(status, 0) for status in ATTRIBUTION_STATUSES},
    }
    if result.evidence_used:
        verdicts: Counter[str] = Counter(c.verdict.label for c in claims if c.verdict)
        summary["verdicts"] = {label: verdicts.get(label, 0) for label in VERDICT_LABELS}
    else:
        summary["verdicts"] = None
    return summary


def list_dict(result: ListResult) -> dict[str, Any]:
    """The whole ``list`` result as JSON."""
    return {
        "version": SCHEMA_VERSION,
        "documents": [
            {
                "path": d.document.path,
                # The page title of an article fetched from a URL; null for files.
                "title": d.document.title,
                "language": d.document.language,
                "claims": [claim_dict(c) for c in d.claims],
            }
            for d in result.documents
        ],
        "summary": summary_dict(result),
    }


def check_dict(result: CheckResult) -> dict[str, Any]:
    """The whole ``check`` result as JSON."""
    return {
        "version": SCHEMA_VERSION,
        "claim": claim_dict(result.claim, location=False),
        "verdict": verdict_dict(result.verdict),
        "matches": [match_dict(m) for m in result.matches],
    }

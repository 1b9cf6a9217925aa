"""The gate's rules: stable names, default severities and help text, and findings from claims.

A finding is one rule firing on one claim (or on one suppression comment); pure functions only.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from factcheck.gate.policy import SourcePolicy
from factcheck.models import Claim

Severity = Literal["info", "warning", "error"]
SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
OFF = "off"


@dataclass(frozen=True)
class Rule:
    """A gate rule: its name, default severity, one-line summary and help text."""

    name: str
    severity: Severity
    summary: str
    help: str
    needs_evidence: bool = False


RULES: tuple[Rule, ...] = (
    Rule("unsourced", "error", "Check-worthy claim without a source",
         "The sentence states a checkable fact (a number, a date, an event) but names nobody "
         "for it. Add the source ('the health ministry said ...', «قالت وزارة الصحة ...»), "
         "or rephrase it as the outlet's own verified statement and suppress the finding."),
    Rule("vague-source", "warning", "Claim attributed to a vague source",
         "The claim is attributed to an unnamed source ('reports say', 'officials said', "
         "«تشير التقارير»). Name the person, institution or document it comes from."),
    Rule("refuted", "error", "Claim contradicted by the evidence",
         "An evidence entry (a known fact or a prior fact-check) contradicts this claim. "
         "Correct the claim or explain the disagreement; the message names the entry.",
         needs_evidence=True),
    Rule("mixed", "warning", "Claim only partly supported by the evidence",
         "The matching evidence rates this claim as partly true or misleading, or the "
         "numbers differ. Check the details against the entry named in the message.",
         needs_evidence=True),
    Rule("unverified", "info", "No evidence found for the claim",
         "No evidence entry matched the claim closely enough. This is not an error: it "
         "tells an editor which claims the evidence base does not cover yet.",
         needs_evidence=True),
    Rule("single-state-source", "warning", "Claim rests only on a source that needs a second one",
         "Source policy: the claim is attributed only to sources carrying a tag that needs "
         "corroboration (by default 'state-media'). Add an independent second source."),
    Rule("vague-number", "warning", "Number without a named source",
         "Source policy (policy.numbers-need-named-source): a claim with a count or a "
         "percentage must name its source; this one is unattributed or vaguely attributed."),
    Rule("unused-suppression", "warning", "Suppression comment that matched nothing",
         "A '<!-- factcheck: ... -->' comment suppressed no finding (or names an unknown rule). "
         "Remove it, or fix the rule name, so stale suppressions do not hide future problems."),
)
RULES_BY_NAME: Mapping[str, Rule] = {rule.name: rule for rule in RULES}
RULE_NAMES: tuple[str, ...] = tuple(RULES_BY_NAME)


@dataclass(frozen=True)
class Finding:
    """One rule firing at a place in a draft.

    ``line``/``column``/``end_line``/``end_column`` are 1-based (columns count code points,
    end exclusive); ``claim`` is None for findings about suppression comments.
    """

    rule: str
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    claim: Claim | None = None


@dataclass(frozen=True)
class Hit:
    """A rule firing on a claim, before severities, locations and suppressions are applied."""

    rule: str
    message: str


def _excerpt(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _evidence_label(claim: Claim) -> str:
    verdict = claim.verdict
    if verdict is None or verdict.evidence is None:
        return ""
    entry = verdict.evidence
    details = ", ".join(p for p in (entry.rating, entry.source) if p)
    return f" by evidence {entry.id}" + (f" ({details})" if details else "")


def claim_hits(
    claim: Claim, *, policy: SourcePolicy, evidence_used: bool
) -> Iterator[Hit]:
    """Every rule that fires on ``claim`` (severity ``off`` is applied later)."""
    status = claim.attribution.status
    if status == "none":
        yield Hit("unsourced", f"claim has no source: \"{_excerpt(claim.text)}\"")
    elif status == "vague":
        cue = claim.attribution.source or claim.attribution.cue or ""
        said = f" (\"{_excerpt(cue, 40)}\")" if cue else ""
        yield Hit("vague-source", f"claim attributed to a vague source{said}; name the source")
    if evidence_used and claim.verdict is not None:
        label = claim.verdict.label
        reason = _excerpt(claim.verdict.reason, 120)
        if label == "refuted":
            yield Hit("refuted", f"claim contradicted{_evidence_label(claim)}: {reason}")
        elif label == "mixed":
            yield Hit("mixed", f"claim only partly supported{_evidence_label(claim)}: {reason}")
        elif label == "unverified":
            yield Hit("unverified", f"evidence neither confirms nor refutes the claim: {reason}")
    if policy.needs_second_source(claim):
        sources = ", ".join(policy.sources_of(claim))
        yield Hit(
            "single-state-source",
            f"claim rests only on {sources} ({', '.join(policy.second_source_tags)}); "
            "add an independent second source",
        )
    if (
        policy.numbers_need_named_source
        and status != "named"
        and any(q.kind in ("count", "percent") for q in claim.quantities)
    ):
        numbers = ", ".join(q.text for q in claim.quantities if q.kind in ("count", "percent"))
        yield Hit("vague-number", f"number ({_excerpt(numbers, 40)}) needs a named source")


def parse_fail_on(items: Sequence[str], *, key: str = "fail-on") -> tuple[str, ...]:
    """Validate ``fail-on`` items (rule names or severities); comma-separated items split."""
    from factcheck.errors import UsageError

    parsed: list[str] = []
    for item in items:
        for part in item.split(","):
            name = part.strip()
            if not name:
                continue
            if name not in RULES_BY_NAME and name not in SEVERITY_RANK:
                choices = ", ".join((*SEVERITIES, *RULE_NAMES))
                raise UsageError(f"{key}: unknown rule or severity {name!r}; choose from {choices}")
            parsed.append(name)
    return tuple(parsed)

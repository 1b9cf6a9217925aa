"""Markdown tables for pull-request comments and documents.

Cells are escaped: pipes, HTML-significant characters and line breaks cannot break the table.
"""

from __future__ import annotations

from urllib.parse import quote

from factcheck.models import Attribution, CheckResult, Claim, ListResult, Verdict
from factcheck.report import RenderOptions
from factcheck.report.safe import safe_text
from factcheck.report.serialise import summary_dict


def cell(text: str | None) -> str:
    """Escape text for a Markdown table cell."""
    if not text:
        return "-"
    escaped = safe_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "\\|`*_[]":
        escaped = escaped.replace(ch, "\\" + ch)
    return escaped


def line_link(path: str, claim: Claim) -> str:
    """``[12:5](path#L12)``: line:column linking to the claim's line (plain for stdin)."""
    position = f"{claim.line}:{claim.column}"
    if path.startswith("<"):
        return position
    return f"[{position}]({quote(path, safe='/._-~')}#L{claim.line})"


def _attribution(attribution: Attribution) -> str:
    if attribution.source:
        return f"{attribution.status}: {cell(attribution.source)}"
    return attribution.status


def _verdict(verdict: Verdict | None) -> str:
    if verdict is None:
        return "-"
    return f"**{verdict.label}**<br>{cell(verdict.reason)}"


def render_list(result: ListResult, options: RenderOptions) -> str:
    """A compact table per article (line numbers link to ``path#Lnn``) and a summary line."""
    lines: list[str] = []
    for document_result in result.documents:
        document = document_result.document
        lines.append(f"### {cell(document.path)} ({document.language})")
        lines.append("")
        if not document_result.claims:
            lines += ["No check-worthy claims found.", ""]
            continue
        header = ["#", "Line:Col", "Claim", "Attribution"]
        if result.evidence_used:
            header += ["Verdict", "Score", "Evidence"]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "|".join("---" for _ in header) + "|")
        for number, claim in enumerate(document_result.claims, start=1):
            row = [str(number), line_link(document.path, claim), cell(claim.text),
                   _attribution(claim.attribution)]
            if result.evidence_used:
                verdict = claim.verdict
                entry = verdict.evidence if verdict else None
                row += [
                    _verdict(verdict),
                    f"{verdict.score:.0f}" if verdict and entry else "-",
                    cell(entry.id) if entry else "-",
                ]
            lines.append("| " + " | ".join(row) + " |")
        lines.append("")
    summary = summary_dict(result)
    parts = [f"**{summary['claims']} claims** in {summary['documents']} document(s)"]
    parts.append("attribution: " + ", ".join(f"{n} {s}" for s, n in summary["attribution"].items()))
    if summary["verdicts"] is not None:
        parts.append("verdicts: " + ", ".join(f"{n} {s}" for s, n in summary["verdicts"].items()))
    lines.append(" · ".join(parts))
    return "\n".join(lines) + "\n"


def render_check(result: CheckResult, options: RenderOptions) -> str:
    """The claim, its verdict and a table of top matches."""
    verdict = result.verdict
    lines = [
        f"**Claim:** {cell(result.claim.text)}",
        "",
        f"**Verdict:** {verdict.label} — {cell(verdict.reason)}",
        "",
        f"**Attribution:** {_attribution(result.claim.attribution)}",
        "",
    ]
    if result.matches:
        lines += ["| # | Score | Evidence | Rating | Source | Id |", "|---|---|---|---|---|---|"]
        for number, match in enumerate(result.matches, start=1):
            entry = match.entry
            lines.append(
                f"| {number} | {match.score:.0f} | {cell(entry.claim)} | {cell(entry.rating)} "
                f"| {cell(entry.source)} | {cell(entry.id)} |"
            )
    return "\n".join(lines) + "\n"

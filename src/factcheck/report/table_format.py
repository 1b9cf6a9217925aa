"""Rich tables for people at a terminal: one table per article, a summary line, check details.

Cells are built from :class:`rich.text.Text` so article text is never parsed as markup.
"""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from factcheck.models import Attribution, CheckResult, Claim, ListResult, Verdict
from factcheck.report import RenderOptions
from factcheck.report.safe import safe_text
from factcheck.report.serialise import summary_dict

VERDICT_STYLES = {
    "supported": "bold green",
    "refuted": "bold red",
    "mixed": "bold yellow",
    "unverified": "dim",
}
ATTRIBUTION_STYLES = {"named": "cyan", "vague": "magenta", "none": "dim"}
DEFAULT_WIDTH = 100


def _console(options: RenderOptions) -> Console:
    return Console(
        file=io.StringIO(),
        force_terminal=options.color,
        color_system="standard" if options.color else None,
        no_color=not options.color,
        width=options.width or DEFAULT_WIDTH,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )


def _render(renderables: list[RenderableType], options: RenderOptions) -> str:
    console = _console(options)
    for renderable in renderables:
        console.print(renderable)
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


def attribution_cell(attribution: Attribution) -> Text:
    """``named: TASS`` style cell; the status is always spelled out, colour is extra."""
    cell = Text(attribution.status, style=ATTRIBUTION_STYLES[attribution.status])
    if attribution.source:
        cell.append(": ")
        cell.append(safe_text(attribution.source), style="bold")
    if attribution.carried:
        cell.append(" (carried over)", style="dim")
    if attribution.cue and attribution.status != "none":
        cell.append(f"\ncue: {safe_text(attribution.cue)}", style="dim")
    return cell


def verdict_cell(verdict: Verdict | None) -> Text:
    """The verdict label in capitals with its reason underneath."""
    if verdict is None:
        return Text("-")
    cell = Text(verdict.label.upper(), style=VERDICT_STYLES[verdict.label])
    cell.append(f"\n{safe_text(verdict.reason)}", style="dim")
    return cell


def evidence_cell(verdict: Verdict | None) -> Text:
    """Id, source and rating of the deciding evidence entry."""
    if verdict is None or verdict.evidence is None:
        return Text("-", style="dim")
    entry = verdict.evidence
    cell = Text(safe_text(entry.id), style="bold")
    details = [v for v in (entry.source, entry.rating) if v]
    if details:
        cell.append("\n" + safe_text(" · ".join(details)), style="dim")
    return cell


def _claims_table(path: str, language: str, claims: tuple[Claim, ...], evidence: bool) -> Table:
    table = Table(
        title=Text(f"{safe_text(path)}  ({language}, {len(claims)} claims)", style="bold"),
        title_justify="left",
        show_lines=True,
        expand=True,
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Line:Col", no_wrap=True)
    table.add_column("Claim", ratio=5)
    table.add_column("Attribution", ratio=2)
    if evidence:
        table.add_column("Verdict", ratio=2)
        table.add_column("Score", justify="right", no_wrap=True)
        table.add_column("Evidence", ratio=1)
    for number, claim in enumerate(claims, start=1):
        row: list[RenderableType] = [
            str(number),
            f"{claim.line}:{claim.column}",
            Text(safe_text(claim.text)),
            attribution_cell(claim.attribution),
        ]
        if evidence:
            score = claim.verdict.score if claim.verdict and claim.verdict.evidence else None
            row += [
                verdict_cell(claim.verdict),
                f"{score:.0f}" if score is not None else "-",
                evidence_cell(claim.verdict),
            ]
        table.add_row(*row)
    return table


def summary_line(result: ListResult) -> Text:
    """``N claims in M documents · attribution: ... · verdicts: ...``."""
    summary = summary_dict(result)
    line = Text(f"{summary['claims']} claims in {summary['documents']} document(s)")
    line.append(" · attribution: ")
    line.append(", ".join(f"{n} {status}" for status, n in summary["attribution"].items()))
    if summary["verdicts"] is not None:
        line.append(" · verdicts: ")
        for index, (label, count) in enumerate(summary["verdicts"].items()):
            if index:
                line.append(", ")
            line.append(f"{count} {label}", style=VERDICT_STYLES[label] if count else "")
    return line


def render_list(result: ListResult, options: RenderOptions) -> str:
    """A table per article followed by the summary line."""
    renderables: list[RenderableType] = []
    for document_result in result.documents:
        document = document_result.document
        if document_result.claims:
            renderables.append(
                _claims_table(
                    document.path, document.language, document_result.claims, result.evidence_used
                )
            )
        else:
            renderables.append(Text(f"{safe_text(document.path)}: no check-worthy claims found"))
        renderables.append(Text(""))
    renderables.append(summary_line(result))
    return _render(renderables, options)


def render_check(result: CheckResult, options: RenderOptions) -> str:
    """Verdict, reason and the top matches of a single claim."""
    verdict = result.verdict
    head = Text("Claim: ", style="bold")
    head.append(safe_text(result.claim.text))
    head.append(f"  ({result.claim.language})", style="dim")
    label = Text("Verdict: ", style="bold")
    label.append(verdict.label.upper(), style=VERDICT_STYLES[verdict.label])
    if verdict.evidence is not None:
        label.append(f"  (score {verdict.score:.0f})", style="dim")
    reason = Text("Reason: ", style="bold")
    reason.append(safe_text(verdict.reason))
    attribution = Text("Attribution: ", style="bold")
    attribution.append_text(attribution_cell(result.claim.attribution))
    parts: list[RenderableType] = [head, attribution, label, reason]
    if result.matches:
        table = Table(title=Text("Top matches", style="bold"), title_justify="left", expand=True)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("Score", justify="right", no_wrap=True)
        table.add_column("Evidence", ratio=4)
        table.add_column("Rating", ratio=1)
        table.add_column("Source", ratio=1)
        table.add_column("Id", ratio=1)
        for number, match in enumerate(result.matches, start=1):
            entry = match.entry
            table.add_row(
                str(number),
                f"{match.score:.0f}",
                Text(safe_text(entry.claim)),
                Text(safe_text(entry.rating or "-")),
                Text(safe_text(entry.source or "-")),
                Text(safe_text(entry.id)),
            )
        parts += [Text(""), table]
    else:
        parts.append(Text("No evidence entries to compare with.", style="dim"))
    return _render([Group(*parts)], options)

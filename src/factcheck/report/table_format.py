"""Rich tables for people at a terminal: one table per article, a summary line, check details.

Cells are built from :class:`rich.text.Text` so article text is never parsed as markup; with
``bidi`` they are wrapped in logical order and then reordered for terminals without bidi.
"""

from __future__ import annotations

import io
import itertools

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from factcheck.api import matching_text
from factcheck.models import (
    Attribution,
    CheckResult,
    Claim,
    Document,
    EvidenceEntry,
    ListResult,
    Match,
    Verdict,
)
from factcheck.report import RenderOptions
from factcheck.report.bidi import BidiText, display, has_rtl
from factcheck.report.explain import Span, entry_language, explain, score_rows
from factcheck.report.safe import safe_text
from factcheck.report.serialise import summary_dict
from factcheck.text.quantities import describe

VERDICT_STYLES = {
    "supported": "bold green",
    "refuted": "bold red",
    "mixed": "bold yellow",
    "unverified": "dim",
}
ATTRIBUTION_STYLES = {"named": "cyan", "vague": "magenta", "none": "dim"}
# Highlights inside claim and evidence text. Disagreeing figures also get text markers, so the
# meaning survives without colour (NO_COLOR, pipes); the legend line names each style.
SPAN_STYLES = {"shared": "underline", "source": "bold cyan", "conflict": "bold red"}
CONFLICT_OPEN, CONFLICT_CLOSE = "⟦", "⟧"
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


def highlight(text: str, spans: tuple[Span, ...] | list[Span]) -> Text:
    """``text`` as a safe single-line :class:`Text` with ``spans`` styled (overlaps combine).

    Disagreeing figures (``conflict``) are also wrapped in ⟦…⟧ so they show without colour.
    """
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    result = Text()
    for start, end in itertools.pairwise(cuts):
        active = [s for s in spans if s.start <= start and end <= s.end]
        if any(s.kind == "conflict" and s.start == start for s in active):
            result.append(CONFLICT_OPEN, style=SPAN_STYLES["conflict"])
        styles = " ".join(SPAN_STYLES[s.kind] for s in active)
        result.append(safe_text(text[start:end]), style=styles)
        if any(s.kind == "conflict" and s.end == end for s in active):
            result.append(CONFLICT_CLOSE, style=SPAN_STYLES["conflict"])
    return result


def _cell(text: Text, options: RenderOptions) -> RenderableType:
    """A cell as given, or reordered for display when ``bidi`` is on and it has RTL text."""
    if options.bidi and has_rtl(text.plain):
        return BidiText(text)
    return text


def _plain(text: str, options: RenderOptions) -> str:
    """A short single-line string (title, path) in display order when ``bidi`` is on."""
    return display(text) if options.bidi and has_rtl(text) else text


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


def evidence_cell(verdict: Verdict | None, spans: tuple[Span, ...] = ()) -> Text:
    """Id, source and rating of the deciding evidence entry, then its text highlighted."""
    if verdict is None or verdict.evidence is None:
        return Text("-", style="dim")
    entry = verdict.evidence
    cell = Text(safe_text(entry.id), style="bold")
    details = [v for v in (entry.source, entry.rating) if v]
    if details:
        cell.append("\n" + safe_text(" · ".join(details)), style="dim")
    cell.append("\n")
    cell.append_text(highlight(entry.claim, spans))
    return cell


def _claims_table(
    path: str, language: str, claims: tuple[Claim, ...], evidence: bool, options: RenderOptions
) -> Table:
    table = Table(
        title=Text(f"{_plain(safe_text(path), options)}  ({language}, {len(claims)} claims)",
                   style="bold"),
        title_justify="left",
        show_lines=True,
        expand=True,
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Line:Col", no_wrap=True)
    table.add_column("Claim", ratio=5 if not evidence else 4)
    table.add_column("Attribution", ratio=2)
    if evidence:
        table.add_column("Verdict", ratio=2)
        table.add_column("Score", justify="right", no_wrap=True)
        table.add_column("Evidence", ratio=3)
    for number, claim in enumerate(claims, start=1):
        entry = claim.verdict.evidence if evidence and claim.verdict else None
        why = explain(claim, entry)
        row: list[RenderableType] = [
            str(number),
            f"{claim.line}:{claim.column}",
            _cell(highlight(claim.text, why.claim), options),
            _cell(attribution_cell(claim.attribution), options),
        ]
        if evidence:
            score = claim.verdict.score if claim.verdict and claim.verdict.evidence else None
            row += [
                _cell(verdict_cell(claim.verdict), options),
                f"{score:.0f}" if score is not None else "-",
                _cell(evidence_cell(claim.verdict, why.evidence), options),
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


def legend_line() -> Text:
    """What the highlights mean, spelled out (colour is never the only carrier)."""
    line = Text("Legend: ", style="dim")
    line.append(CONFLICT_OPEN + "3,000" + CONFLICT_CLOSE, style=SPAN_STYLES["conflict"])
    line.append(" number or date that disagrees with the evidence · ", style="dim")
    line.append("underlined", style=SPAN_STYLES["shared"])
    line.append(": words shared with the evidence · ", style="dim")
    line.append("bold", style=SPAN_STYLES["source"])
    line.append(": the attribution source", style="dim")
    return line


def document_label(document: Document) -> str:
    """The path (or URL) of a document, followed by its title when it was fetched."""
    return f"{document.path} — {document.title}" if document.title else document.path


def with_url(cell: Text, entry: EvidenceEntry) -> Text:
    """An evidence cell with the entry's URL underneath (folded, never cut) when known."""
    if entry.url:
        cell.append("\n" + safe_text(entry.url), style="dim")
        cell.overflow = "fold"
    return cell


def render_list(result: ListResult, options: RenderOptions) -> str:
    """A table per article followed by the summary line (and the legend with evidence)."""
    renderables: list[RenderableType] = []
    for document_result in result.documents:
        document = document_result.document
        if document_result.claims:
            renderables.append(
                _claims_table(
                    document_label(document),
                    document.language,
                    document_result.claims,
                    result.evidence_used,
                    options,
                )
            )
        else:
            renderables.append(
                Text(f"{_plain(safe_text(document_label(document)), options)}: "
                     "no check-worthy claims found")
            )
        renderables.append(Text(""))
    renderables.append(summary_line(result))
    if any(d.claims for d in result.documents):
        renderables.append(legend_line())
    return _render(renderables, options)


def _labelled(label: str, value: Text, options: RenderOptions) -> Table:
    """``Label: value`` where the value wraps (and is reordered) in its own column."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(label, style="bold"), _cell(value, options))
    return grid


def _matches_table(result: CheckResult, options: RenderOptions) -> Table:
    table = Table(title=Text("Top matches", style="bold"), title_justify="left", expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Evidence", ratio=4)
    table.add_column("Rating", ratio=1)
    table.add_column("Source", ratio=1)
    table.add_column("Lang", no_wrap=True)
    table.add_column("Id", ratio=1)
    for number, match in enumerate(result.matches, start=1):
        entry = match.entry
        why = explain(result.claim, entry)
        table.add_row(
            str(number),
            f"{match.score:.0f}",
            _cell(with_url(highlight(entry.claim, why.evidence), entry), options),
            _cell(Text(safe_text(entry.rating or "-")), options),
            _cell(Text(safe_text(entry.source or "-")), options),
            Text(safe_text(entry_language(entry))),
            _cell(Text(safe_text(entry.id)), options),
        )
    return table


def _explanation(result: CheckResult, best: Match, options: RenderOptions) -> list[RenderableType]:
    """Claim and best evidence side by side, the figures compared, and the score breakdown."""
    claim, entry = result.claim, best.entry
    why = explain(claim, entry)
    side = Table(title=Text("Explanation", style="bold"), title_justify="left", expand=True,
                 show_lines=True)
    side.add_column("Claim", ratio=1)
    side.add_column(f"Best evidence: {safe_text(entry.id)}", ratio=1)
    rating = Text(f"rating: {safe_text(entry.rating or entry.rating_class)}", style="dim")
    if entry.source:
        rating.append(f" · source: {safe_text(entry.source)}", style="dim")
    evidence_text = highlight(entry.claim, why.evidence)
    evidence_text.append("\n")
    evidence_text.append_text(rating)
    side.add_row(_cell(highlight(claim.text, why.claim), options), _cell(evidence_text, options))
    figures = Table(title=Text("Numbers and dates", style="bold"), title_justify="left")
    figures.add_column("Claim")
    figures.add_column("", no_wrap=True)
    figures.add_column("Evidence")
    for conflict in why.conflicts:
        figures.add_row(_cell(Text(describe(conflict.claim)), options), "≠ disagree",
                        _cell(Text(describe(conflict.evidence)), options))
    for mine, theirs in why.agreements:
        figures.add_row(_cell(Text(describe(mine)), options), "= agree",
                        _cell(Text(describe(theirs)), options))
    compared = matching_text(claim.text, claim.attribution)
    scores = Table(title=Text("Score breakdown", style="bold"), title_justify="left")
    scores.add_column("Part")
    scores.add_column("Value", justify="right")
    scores.add_column("Weight × value", justify="right")
    for row in score_rows(best):
        scores.add_row(*row)
    scores.add_row(Text("match score", style="bold"), "", Text(f"{best.score:.1f}", style="bold"))
    out: list[RenderableType] = [Text(""), side]
    if compared != claim.text:
        out.append(_labelled("Compared without the attribution:", Text(safe_text(compared)),
                             options))
    if why.conflicts or why.agreements:
        out.append(figures)
    out += [scores, legend_line()]
    return out


def render_check(result: CheckResult, options: RenderOptions) -> str:
    """Verdict, reason and the top matches of a single claim (``explain``: and why)."""
    verdict = result.verdict
    best = result.matches[0] if result.matches else None
    why = explain(result.claim, verdict.evidence or (best.entry if best else None))
    head = highlight(result.claim.text, why.claim)
    head.append(f"  ({result.claim.language})", style="dim")
    label = Text(verdict.label.upper(), style=VERDICT_STYLES[verdict.label])
    if verdict.evidence is not None:
        label.append(f"  (score {verdict.score:.0f})", style="dim")
    parts: list[RenderableType] = [
        _labelled("Claim:", head, options),
        _labelled("Attribution:", attribution_cell(result.claim.attribution), options),
        _labelled("Verdict:", label, options),
        _labelled("Reason:", Text(safe_text(verdict.reason)), options),
    ]
    if result.matches:
        parts += [Text(""), _matches_table(result, options)]
    else:
        parts.append(Text("No evidence entries to compare with.", style="dim"))
    if options.explain and best is not None:
        chosen = next((m for m in result.matches if m.entry == verdict.evidence), best)
        parts += _explanation(result, chosen, options)
    elif result.matches:
        parts.append(legend_line())
    return _render([Group(*parts)], options)

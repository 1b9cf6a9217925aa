"""A self-contained HTML report: inline CSS, JS and SVG, no external assets, works offline.

Every piece of article or evidence text is escaped with ``html.escape``; the page's Content
Security Policy also forbids loading anything from elsewhere.
"""

from __future__ import annotations

import html
import itertools
from collections import Counter
from collections.abc import Iterable, Sequence

from factcheck import __version__
from factcheck.models import CheckResult, Claim, Document, ListResult, Match
from factcheck.report import RenderOptions
from factcheck.report.bidi import paragraph_direction
from factcheck.report.explain import Span, explain
from factcheck.report.safe import safe_markup_text
from factcheck.report.serialise import ATTRIBUTION_STATUSES, VERDICT_LABELS, summary_dict

VERDICT_COLOURS = {
    "supported": "#2e7d32",
    "refuted": "#c62828",
    "mixed": "#ef6c00",
    "unverified": "#757575",
}
ATTRIBUTION_COLOURS = {"named": "#1565c0", "vague": "#8e24aa", "none": "#9e9e9e"}
VERDICT_SYMBOLS = {"supported": "✓", "refuted": "✗", "mixed": "±", "unverified": "?"}
NO_VERDICT = "unchecked"

_CSS = """
:root { --fg: #1b1b1b; --muted: #5f6368; --line: #dadce0; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial,
  sans-serif; color: var(--fg); margin: 0 auto; max-width: 72rem; padding: 1.5rem;
  line-height: 1.6; }
[lang="ar"], .rtl { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri",
  "Scheherazade New", "Geeza Pro", "Arabic Typesetting", "Traditional Arabic", "Segoe UI",
  Tahoma, "DejaVu Sans", sans-serif; font-size: 1.08em; line-height: 1.9; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
.meta, .legend { color: var(--muted); font-size: .9rem; }
.article { white-space: pre-wrap; border: 1px solid var(--line); border-radius: 6px;
  padding: 1rem 1.25rem; background: #fcfcfc; }
mark.claim { color: inherit; padding: .05em .15em; border-radius: 3px;
  border-bottom: 3px solid transparent; }
mark.v-supported { background: #e3f3e4; } mark.v-refuted { background: #fbe3e3; }
mark.v-mixed { background: #fff0d9; } mark.v-unverified { background: #eeeeee; }
mark.v-unchecked { background: #e8eef9; }
mark.a-named { border-bottom-color: #1565c0; border-bottom-style: solid; }
mark.a-vague { border-bottom-color: #8e24aa; border-bottom-style: dashed; }
mark.a-none { border-bottom-color: #9e9e9e; border-bottom-style: dotted; }
mark.claim:target { outline: 2px solid #1a73e8; }
.tag { font-size: .72em; font-weight: 600; padding: 0 .3em; border-radius: 3px;
  color: #fff; white-space: nowrap; unicode-bidi: isolate; direction: ltr;
  font-family: system-ui, sans-serif; }
.t-supported { background: #2e7d32; } .t-refuted { background: #c62828; }
.t-mixed { background: #ef6c00; } .t-unverified { background: #757575; }
.t-unchecked { background: #5c6bc0; }
.s-source { font-weight: 700; text-decoration: underline double; }
.s-conflict { font-weight: 700; color: #b71c1c; }
.s-conflict::before { content: "⟦"; } .s-conflict::after { content: "⟧"; }
.s-shared { text-decoration: underline; text-decoration-color: #2e7d32; }
.s-source.s-shared { text-decoration: underline double; }
.controls { display: flex; gap: .75rem; align-items: center; flex-wrap: wrap;
  margin: 1rem 0 .5rem; }
.controls input, .controls select { font: inherit; padding: .3rem .5rem; }
.controls input { min-width: 18rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top;
  text-align: start; }
th { background: #f1f3f4; cursor: pointer; user-select: none; white-space: nowrap; }
th[aria-sort="ascending"]::after { content: " ▲"; }
th[aria-sort="descending"]::after { content: " ▼"; }
td.num { text-align: end; font-variant-numeric: tabular-nums; }
tr[hidden] { display: none; }
.chart text { font: 12px system-ui, sans-serif; fill: #1b1b1b; }
"""

_JS = """
(function () {
  "use strict";
  var table = document.getElementById("claims");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var search = document.getElementById("filter");
  var verdict = document.getElementById("verdict-filter");
  var attribution = document.getElementById("attribution-filter");
  var shown = document.getElementById("shown");
  function apply() {
    var needle = search.value.trim().toLocaleLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var ok = (!needle || row.textContent.toLocaleLowerCase().indexOf(needle) !== -1) &&
        (!verdict.value || row.getAttribute("data-verdict") === verdict.value) &&
        (!attribution.value || row.getAttribute("data-attribution") === attribution.value);
      row.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = count + " of " + rows.length + " claims shown";
  }
  [search, verdict, attribution].forEach(function (control) {
    control.addEventListener("input", apply);
    control.addEventListener("change", apply);
  });
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (header, column) {
    function sort() {
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var numeric = header.getAttribute("data-type") === "number";
      rows.sort(function (a, b) {
        var x = a.cells[column].getAttribute("data-value") || a.cells[column].textContent;
        var y = b.cells[column].getAttribute("data-value") || b.cells[column].textContent;
        var order = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }
    header.addEventListener("click", sort);
    header.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
    });
  });
  apply();
})();
"""

# Nothing may be fetched: styles and the script are inline, images only as data: URLs.
_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
)


def _e(text: str | None) -> str:
    # Control characters and bidi overrides are shown as visible escapes, never obeyed.
    return html.escape(safe_markup_text(text or ""), quote=True)


def _direction(text: str, language: str) -> str:
    if language == "ar":
        return "rtl"
    return "rtl" if paragraph_direction(text) == "R" else "ltr"


def marked_text(text: str, spans: Sequence[Span]) -> str:
    """``text`` escaped, with each highlight span in a ``<span class="s-KIND">``."""
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    pieces: list[str] = []
    for start, end in itertools.pairwise(cuts):
        kinds = sorted({s.kind for s in spans if s.start <= start and end <= s.end})
        piece = _e(text[start:end])
        if kinds:
            classes = " ".join(f"s-{kind}" for kind in kinds)
            piece = f'<span class="{classes}">{piece}</span>'
        pieces.append(piece)
    return "".join(pieces)


def _label(claim: Claim) -> str:
    return claim.verdict.label if claim.verdict else NO_VERDICT


def _anchor(document_number: int, claim_number: int) -> str:
    return f"claim-{document_number}-{claim_number}"


def _article(document: Document, claims: Sequence[Claim], document_number: int) -> str:
    """The article text with every claim highlighted in place (offsets into the document)."""
    text = document.text
    pieces: list[str] = []
    cursor = 0
    for number, claim in enumerate(claims, start=1):
        if claim.start < cursor or text[claim.start : claim.end] != claim.text:
            continue  # overlapping or stale offsets: leave the text as it is
        pieces.append(_e(text[cursor : claim.start]))
        label = _label(claim)
        why = explain(claim, claim.verdict.evidence if claim.verdict else None)
        spans = [s for s in why.claim if s.kind != "shared"]
        title = f"#{number} {label}; attribution: {claim.attribution.status}"
        if claim.attribution.source:
            title += f" ({claim.attribution.source})"
        if claim.verdict:
            title += f"; {claim.verdict.reason}"
        pieces.append(
            f'<mark class="claim v-{label} a-{claim.attribution.status}" '
            f'id="{_anchor(document_number, number)}" title="{_e(title)}">'
            f"{marked_text(claim.text, spans)}</mark>"
            f'<sup class="tag t-{label}">{number} {VERDICT_SYMBOLS.get(label, "•")} {label}'
            "</sup>"
        )
        cursor = claim.end
    pieces.append(_e(text[cursor:]))
    direction = _direction(text, document.language)
    return (
        f'<div class="article{" rtl" if direction == "rtl" else ""}" dir="{direction}" '
        f'lang="{_e(document.language)}">{"".join(pieces)}</div>'
    )


def _bars(title: str, counts: dict[str, int], colours: dict[str, str], y: int) -> list[str]:
    """One labelled group of horizontal bars of the summary chart, starting at ``y``."""
    largest = max([1, *counts.values()])
    out = [f'<text x="0" y="{y + 12}" font-weight="bold">{_e(title)}</text>']
    for index, (name, count) in enumerate(counts.items()):
        top = y + 22 + index * 22
        width = round(260 * count / largest)
        out.append(f'<text x="0" y="{top + 12}">{_e(name)}</text>')
        out.append(
            f'<rect x="90" y="{top}" width="{max(width, 1)}" height="16" rx="2" '
            f'fill="{colours.get(name, "#888")}"><title>{_e(name)}: {count}</title></rect>'
        )
        out.append(f'<text x="{96 + width}" y="{top + 12}">{count}</text>')
    return out


def summary_chart(result: ListResult) -> str:
    """An inline SVG bar chart of claims by verdict and by attribution, counts as text."""
    summary = summary_dict(result)
    parts: list[str] = []
    y = 0
    if summary["verdicts"] is not None:
        parts += _bars("Verdicts", summary["verdicts"], VERDICT_COLOURS, y)
        y += 22 + 22 * len(summary["verdicts"]) + 14
    parts += _bars("Attribution", summary["attribution"], ATTRIBUTION_COLOURS, y)
    height = y + 22 + 22 * len(summary["attribution"])
    return (
        f'<svg class="chart" role="img" aria-labelledby="chart-title" width="420" '
        f'height="{height}" viewBox="0 0 420 {height}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="chart-title">Claims by verdict and by attribution</title>'
        + "".join(parts)
        + "</svg>"
    )


def _options(name: str, label: str, values: Iterable[str]) -> str:
    choices = "".join(f'<option value="{_e(v)}">{_e(v)}</option>' for v in values)
    return (
        f'<label>{_e(label)} <select id="{name}"><option value="">all</option>{choices}'
        "</select></label>"
    )


def _claims_table(result: ListResult) -> str:
    """The sortable, filterable table of every claim of every document."""
    head = (
        '<th data-type="number" tabindex="0">#</th><th tabindex="0">File</th>'
        '<th data-type="number" tabindex="0">Line</th><th tabindex="0">Claim</th>'
        '<th tabindex="0">Attribution</th><th tabindex="0">Verdict</th>'
        '<th data-type="number" tabindex="0">Score</th><th tabindex="0">Evidence</th>'
    )
    rows: list[str] = []
    counter = 0
    for document_number, document_result in enumerate(result.documents, start=1):
        path = document_result.document.path
        for number, claim in enumerate(document_result.claims, start=1):
            counter += 1
            label = _label(claim)
            verdict = claim.verdict
            entry = verdict.evidence if verdict else None
            why = explain(claim, entry)
            attribution = claim.attribution
            source = f": {_e(attribution.source)}" if attribution.source else ""
            score = f"{verdict.score:.0f}" if verdict and entry else ""
            evidence = (
                f'<b>{_e(entry.id)}</b> {_e(entry.rating or "")}<br>'
                f'<span dir="auto">{marked_text(entry.claim, why.evidence)}</span>'
                if entry
                else "-"
            )
            reason = f"<br><small>{_e(verdict.reason)}</small>" if verdict else ""
            rows.append(
                f'<tr data-verdict="{label}" data-attribution="{attribution.status}">'
                f'<td class="num" data-value="{counter}">'
                f'<a href="#{_anchor(document_number, number)}">{number}</a></td>'
                f"<td>{_e(path)}</td>"
                f'<td class="num" data-value="{claim.line}">{claim.line}</td>'
                f'<td dir="auto" lang="{_e(claim.language)}">'
                f"{marked_text(claim.text, why.claim)}</td>"
                f"<td>{attribution.status}{source}</td>"
                f'<td data-value="{label}"><span class="tag t-{label}">'
                f"{VERDICT_SYMBOLS.get(label, '•')} {label}</span>{reason}</td>"
                f'<td class="num" data-value="{score or -1}">{score or "-"}</td>'
                f"<td>{evidence}</td></tr>"
            )
    controls = (
        '<div class="controls"><label>Filter <input id="filter" type="search" '
        'placeholder="words in any column" autocomplete="off"></label>'
        + _options("verdict-filter", "Verdict", (*VERDICT_LABELS, NO_VERDICT))
        + _options("attribution-filter", "Attribution", ATTRIBUTION_STATUSES)
        + '<span id="shown" class="meta" aria-live="polite"></span></div>'
    )
    return (
        controls
        + f'<table id="claims"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}'
        "</tbody></table>"
    )


_LEGEND = (
    '<p class="legend">Claims are shaded by verdict and labelled with it '
    '(<span class="tag t-supported">✓ supported</span> <span class="tag t-refuted">✗ refuted'
    '</span> <span class="tag t-mixed">± mixed</span> <span class="tag t-unverified">? '
    'unverified</span>); the underline shows attribution: solid named source, dashed vague '
    'source, dotted none. <span class="s-source">Double underline</span>: the attribution '
    'source. <span class="s-conflict">3,000</span>: a number or date that disagrees with the '
    'evidence. <span class="s-shared">Underlined</span> (table): words shared with the '
    "evidence.</p>"
)


def _page(title: str, body: str, *, language: str = "en") -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(language)}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>{body}"
        f"<script>{_JS}</script></body></html>\n"
    )


def render_list(result: ListResult, options: RenderOptions) -> str:
    """The whole run as one page: summary chart, each article marked up, the claims table."""
    summary = summary_dict(result)
    paths = ", ".join(d.document.path for d in result.documents)
    body = [
        "<header><h1>Fact-check report</h1>",
        f'<p class="meta">{summary["claims"]} claims in {summary["documents"]} document(s): '
        f"{_e(paths)} · factcheck {__version__}</p></header>",
        summary_chart(result),
        _LEGEND,
    ]
    for number, document_result in enumerate(result.documents, start=1):
        document = document_result.document
        body.append(
            f"<section><h2>{_e(document.path)} <small class=\"meta\">({_e(document.language)}, "
            f"{len(document_result.claims)} claims)</small></h2>"
            + _article(document, document_result.claims, number)
            + "</section>"
        )
    body.append("<section><h2>Claims</h2>" + _claims_table(result) + "</section>")
    languages = Counter(d.document.language for d in result.documents)
    language = languages.most_common(1)[0][0] if languages else "en"
    return _page("Fact-check report: " + paths, "".join(body), language=language)


def _matches(matches: Sequence[Match], claim: Claim) -> str:
    rows = []
    for number, match in enumerate(matches, start=1):
        entry = match.entry
        why = explain(claim, entry)
        rows.append(
            f'<tr><td class="num" data-value="{number}">{number}</td>'
            f'<td class="num" data-value="{match.score:.1f}">{match.score:.0f}</td>'
            f'<td dir="auto">{marked_text(entry.claim, why.evidence)}</td>'
            f"<td>{_e(entry.rating or '-')}</td><td>{_e(entry.source or '-')}</td>"
            f"<td>{_e(entry.id)}</td></tr>"
        )
    return (
        '<table id="matches"><thead><tr><th>#</th><th>Score</th><th>Evidence</th>'
        f"<th>Rating</th><th>Source</th><th>Id</th></tr></thead><tbody>{''.join(rows)}"
        "</tbody></table>"
    )


def render_check(result: CheckResult, options: RenderOptions) -> str:
    """One claim: its verdict, reason, attribution and the top matches, highlighted."""
    claim, verdict = result.claim, result.verdict
    why = explain(claim, verdict.evidence)
    direction = _direction(claim.text, claim.language)
    attribution = claim.attribution
    source = f": {_e(attribution.source)}" if attribution.source else ""
    body = (
        "<h1>Claim check</h1>"
        f'<p class="{"rtl" if direction == "rtl" else ""}" dir="{direction}" '
        f'lang="{_e(claim.language)}">{marked_text(claim.text, why.claim)}</p>'
        f'<p><span class="tag t-{verdict.label}">{VERDICT_SYMBOLS[verdict.label]} '
        f"{verdict.label}</span> {_e(verdict.reason)}</p>"
        f"<p>Attribution: {attribution.status}{source}</p>"
        + _LEGEND
        + (_matches(result.matches, claim) if result.matches else "<p>No evidence entries.</p>")
    )
    return _page("Claim check", body, language=claim.language)

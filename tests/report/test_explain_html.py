"""Explanations (shared words, disagreeing figures, source) and the HTML and Markdown reports."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from factcheck import api
from factcheck.models import EvidenceEntry, ListResult
from factcheck.report import RenderOptions, render_check, render_list
from factcheck.report.explain import Span, explain, score_rows, shared_spans
from factcheck.report.table_format import highlight
from factcheck.semantic import EncoderLink

EVIDENCE = [
    EvidenceEntry(
        id="W1",
        claim="Only 4,000 tonnes of wheat reached the port of Aden in March 2024.",
        rating="True",
        rating_class="true",
        source="Port authority",
        lang="en",
    ),
    EvidenceEntry(
        id="W2",
        claim="وصلت 4000 طن من القمح إلى ميناء عدن في مارس 2024.",
        rating="صحيح",
        rating_class="true",
        source="هيئة الميناء",
        lang="ar",
    ),
]
ARTICLE_EN = (
    "# Port news\n\nThe harbour master said that 9,000 tonnes of wheat reached the port of "
    "Aden in March 2024. Ships were delayed by storms for a week.\n"
)
ARTICLE_AR = "قال مدير الميناء إن 9000 طن من القمح وصلت إلى ميناء عدن في مارس 2024.\n"


def _result(text: str, path: str) -> ListResult:
    base = api.EvidenceBase(EVIDENCE)
    return api.check_documents([api.document_from_text(text, path=path)], base)


@pytest.mark.parametrize(
    ("claim", "evidence", "shared_claim", "shared_evidence"),
    [
        ("wheat reached the port of Aden", "the wheat reached the port of Aden",
         ["wheat reached the port of Aden"], ["wheat reached the port of Aden"]),
        ("9 ships docked in Aden port today", "4 ships docked in Aden port",
         ["ships docked in Aden port"], ["ships docked in Aden port"]),
        ("وصلت شحنة القمح إلى ميناء عدن", "وصلت الشحنة إلى الميناء في عدن",
         ["وصلت شحنة", "إلى ميناء"], ["وصلت الشحنة", "إلى الميناء"]),
        ("nothing alike here", "completely different words", [], []),
    ],
)
def test_shared_spans(claim: str, evidence: str, shared_claim: list[str],
                      shared_evidence: list[str]) -> None:
    in_claim, in_evidence = shared_spans(claim, evidence)
    assert [claim[s.start : s.end] for s in in_claim] == shared_claim
    assert [evidence[s.start : s.end] for s in in_evidence] == shared_evidence


@pytest.mark.parametrize(("article", "path", "claim_number", "evidence_number"), [
    (ARTICLE_EN, "en.md", "9,000 tonnes", "4,000 tonnes"),
    (ARTICLE_AR, "ar.md", "9000 طن", "4000 طن"),
])
def test_conflicting_figures_and_source_are_spans(
    article: str, path: str, claim_number: str, evidence_number: str
) -> None:
    claim = _result(article, path).documents[0].claims[0]
    assert claim.verdict is not None and claim.verdict.label == "refuted"
    why = explain(claim, claim.verdict.evidence)
    conflict = [claim.text[s.start : s.end] for s in why.claim if s.kind == "conflict"]
    assert conflict and claim_number in conflict[0]
    entry = claim.verdict.evidence
    assert entry is not None
    assert any(evidence_number in entry.claim[s.start : s.end]
               for s in why.evidence if s.kind == "conflict")
    sources = [claim.text[s.start : s.end] for s in why.claim if s.kind == "source"]
    assert sources and claim.attribution.source and sources[0] == claim.attribution.source


def test_highlight_marks_conflicts_without_colour() -> None:
    text = highlight("it was 9,000 tonnes", [Span(7, 12, "conflict"), Span(0, 2, "shared")])
    assert text.plain == "it was ⟦9,000⟧ tonnes"
    assert any("underline" in str(span.style) for span in text.spans)


@pytest.mark.parametrize("semantic", [False, True])
def test_score_rows_add_up_to_the_match_score(semantic: bool) -> None:
    encoder = EncoderLink() if semantic else None
    base = api.EvidenceBase(EVIDENCE, encoder=encoder)
    claim = "9,000 tonnes of wheat reached the port of Aden in March 2024"
    [match] = base.search(claim, top=1)
    assert match.parts is not None
    assert match.parts.mode == ("semantic" if semantic else "lexical")
    rows = score_rows(match)
    if not semantic:  # without an encoder the spelling agreement is the score
        assert match.score == pytest.approx(match.parts.spelling, abs=0.06)
        assert float(rows[1][1]) == pytest.approx(match.score / 100, abs=0.001)
        return
    logit = sum(float(share) for _, _, share in rows[1:] if share)
    assert 100 / (1 + math.exp(-logit)) == pytest.approx(match.score, abs=0.06)


def test_table_explanations_and_legend() -> None:
    output = render_list(_result(ARTICLE_EN, "en.md"), "table", RenderOptions(width=160))
    assert "⟦9,000 tonnes⟧" in output and "Only ⟦4,000 tonnes⟧ of wheat" in output
    assert "Legend:" in output


def test_check_explain_shows_breakdown_side_by_side() -> None:
    base = api.EvidenceBase(EVIDENCE)
    result = api.check_claim("The ministry said 9,000 tonnes of wheat reached the port of Aden "
                             "in March 2024", base)
    plain = render_check(result, "table", RenderOptions(width=140))
    assert "Score breakdown" not in plain
    output = render_check(result, "table", RenderOptions(width=140, explain=True))
    assert "Best evidence: W1" in output and "Score breakdown" in output
    assert "spelling: rapidfuzz" in output and "≠ disagree" in output
    assert re.search(r"match score\s+│\s+│\s+\d+\.\d", output)


def test_html_is_self_contained_escaped_and_highlights_in_place() -> None:
    evil = (
        'The minister said that 9,000 tonnes of wheat <script>alert("x")</script> reached the '
        "port of Aden in March 2024.\n"
    )
    page = render_list(_result(evil, 'a"><img src=x onerror=alert(1)>.md'), "html")
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "<img src=x" not in page
    assert page.count("<script>") == 1  # only the report's own inline script
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page
    assert '<mark class="claim v-refuted a-named"' in page
    assert '<span class="s-conflict">9,000 tonnes</span>' in page
    assert "<svg" in page and 'id="filter"' in page


def test_html_arabic_article_is_right_to_left() -> None:
    page = render_list(_result(ARTICLE_AR, "ar.md"), "html")
    assert re.search(r'<div class="article rtl" dir="rtl" lang="ar">', page)
    assert "Noto Naskh Arabic" in page


def test_html_check_page() -> None:
    base = api.EvidenceBase(EVIDENCE)
    result = api.check_claim("9,000 tonnes of wheat reached the port of Aden in March 2024", base)
    page = render_check(result, "html", RenderOptions())
    assert page.startswith("<!DOCTYPE html>") and "refuted" in page and "W1" in page


def test_markdown_links_line_numbers() -> None:
    output = render_list(_result(ARTICLE_EN, "docs/port news.md"), "markdown")
    assert "[3:1](docs/port%20news.md#L3)" in output


def test_output_file_is_written(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    article = tmp_path / "a.md"
    article.write_text(ARTICLE_EN, encoding="utf-8")
    target = tmp_path / "report.html"
    run = run_cli("list", str(article), "--format", "html", "--output", str(target))
    assert run.code == 0, run.stderr
    assert run.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    bad = run_cli("list", str(article), "--output", str(tmp_path))
    assert bad.code == 2 and bad.stderr.count("\n") == 1

"""The ``list`` and ``check`` commands."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from factcheck import api
from factcheck.cli.app import app
from factcheck.cli.common import (
    ConfigOption,
    EvidenceOption,
    FormatOption,
    LangOption,
    MinScoreOption,
    NoColorOption,
    OutputFormat,
    TopOption,
    emit,
    evidence_paths,
    load_config,
    render_options,
)
from factcheck.config import Config
from factcheck.errors import UsageError
from factcheck.models import Document
from factcheck.reader import decode_text
from factcheck.report import render_check, render_list


def _read_stdin(language: str) -> Document:
    data = sys.stdin.buffer.read()
    return api.document_from_text(decode_text(data, name="<stdin>"), language=language)


def _documents(articles: Sequence[str], config: Config, language: str) -> list[Document]:
    if not articles:
        configured = config.get("paths")
        if configured:
            articles = configured
        elif not sys.stdin.isatty():
            return [_read_stdin(language)]
        else:
            raise UsageError(
                "no article given; try 'factcheck list ARTICLE.md', pipe text in, "
                "or set paths in [tool.factcheck]"
            )
    documents: list[Document] = []
    for article in articles:
        if article == "-":
            documents.append(_read_stdin(language))
        else:
            documents.extend(api.read_documents([Path(article)], language=language))
    return documents


@app.command("list")
def list_claims(
    articles: Annotated[
        list[str] | None,
        typer.Argument(
            help="Articles (.md, .txt; '-' for standard input). Default: paths from config.",
            show_default=False,
        ),
    ] = None,
    evidence: EvidenceOption = None,
    output_format: FormatOption = OutputFormat.table,
    lang: LangOption = None,
    min_score: MinScoreOption = None,
    top: TopOption = None,
    no_color: NoColorOption = False,
    config_path: ConfigOption = None,
) -> None:
    """List every check-worthy claim of one or more articles, who it is attributed to, and
    (with --evidence) its verdict.

    Example: factcheck list claims/ar-russia-dprk.md --evidence claims/evidence-ar.jsonl
    """
    config = load_config(config_path)
    language = lang.value if lang else config.get("language", "auto")
    documents = _documents(articles or [], config, language)
    paths = evidence_paths(evidence, config)
    base = api.load_evidence_base(paths) if paths else None
    result = api.check_documents(
        documents,
        base,
        min_score=min_score if min_score is not None else config.get("min-score", 70.0),
        top=top or config.get("top", api.DEFAULT_TOP),
        min_checkworthiness=config.get("min-checkworthiness"),
    )
    emit(render_list(result, output_format.value, render_options(no_color)))


@app.command("check")
def check(
    claim: Annotated[str, typer.Argument(help="The claim to check, in quotes.")],
    evidence: EvidenceOption = None,
    output_format: FormatOption = OutputFormat.table,
    lang: LangOption = None,
    min_score: MinScoreOption = None,
    top: TopOption = None,
    no_color: NoColorOption = False,
    config_path: ConfigOption = None,
) -> None:
    """Check a single claim against the evidence: verdict, reason and top matches.

    Example: factcheck check "North Korea sent 3 million shells" -e claims/evidence-en.jsonl
    """
    config = load_config(config_path)
    paths = evidence_paths(evidence, config)
    if not paths:
        raise UsageError("no evidence given; use --evidence FILE (or set evidence in config)")
    base = api.load_evidence_base(paths)
    result = api.check_claim(
        claim,
        base,
        language=lang.value if lang else config.get("language", "auto"),
        min_score=min_score if min_score is not None else config.get("min-score", 70.0),
        top=top or config.get("top", api.DEFAULT_TOP),
    )
    emit(render_check(result, output_format.value, render_options(no_color)))

"""The ``list`` and ``check`` commands."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from factcheck import api
from factcheck.cli.app import app
from factcheck.cli.common import (
    BidiOption,
    ConcurrencyOption,
    ConfigOption,
    EvidenceOption,
    FormatOption,
    LangOption,
    MaxBytesOption,
    MinScoreOption,
    NoColorOption,
    OutputFormat,
    OutputOption,
    SkipInvalidOption,
    TopOption,
    emit,
    encoder_name,
    evidence_paths,
    http_settings,
    load_config,
    load_evidence_source,
    render_options,
    warn,
)
from factcheck.cli.progress import track, wants_progress
from factcheck.config import Config
from factcheck.errors import UsageError
from factcheck.evidence import EvidenceBase, MergedEvidence
from factcheck.models import Document, EvidenceEntry, ListResult
from factcheck.net.urls import is_url
from factcheck.reader import DEFAULT_MAX_BYTES, decode_text, read_stream
from factcheck.report import render_check, render_list


def _read_stdin(language: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    data = read_stream(sys.stdin.buffer, name="<stdin>", max_bytes=max_bytes)
    return api.document_from_text(decode_text(data, name="<stdin>"), language=language)


def _documents(
    articles: Sequence[str],
    config: Config,
    language: str,
    *,
    concurrency: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Document]:
    if not articles:
        configured = config.get("paths")
        if configured:
            articles = configured
        elif not sys.stdin.isatty():
            return [_read_stdin(language, max_bytes)]
        else:
            raise UsageError(
                "no article given; try 'factcheck list ARTICLE.md', pipe text in, "
                "or set paths in [tool.factcheck]"
            )
    # URLs are fetched together (concurrently); each keeps its place among the articles.
    urls = [a for a in articles if is_url(a)]
    if urls:
        from factcheck.net.fetch import fetch_documents  # httpx only when a URL is given
    fetched = iter(
        fetch_documents(
            urls, language=language, settings=http_settings(config, concurrency=concurrency)
        )
        if urls
        else []
    )
    documents: list[Document] = []
    for article in track(articles, "Reading"):
        if is_url(article):
            documents.append(next(fetched))
        elif article == "-":
            documents.append(_read_stdin(language, max_bytes))
        else:
            documents.extend(
                api.read_documents([Path(article)], language=language, max_bytes=max_bytes)
            )
    return documents


def _check_documents(
    documents: Sequence[Document], base: api.EvidenceSource | None, **options: Any
) -> ListResult:
    """:func:`api.check_documents`, one document at a time under a progress bar on a terminal
    (documents are independent, so the result is the same as one batched call)."""
    if not wants_progress(len(documents)):
        return api.check_documents(documents, base, **options)
    parts = [
        api.check_documents([document], base, **options)
        for document in track(documents, "Checking")
    ]
    return ListResult(
        documents=tuple(d for part in parts for d in part.documents),
        evidence_used=base is not None,
    )


class RemoteService(str, Enum):
    """Remote fact-check services ``check --remote`` can ask."""

    google = "google"


def _remote_entries(
    service: RemoteService,
    claim: str,
    language: str,
    config: Config,
    max_age_days: int | None,
) -> list[EvidenceEntry]:
    """Fact-checks of ``claim`` from a remote service, in the claim's language."""
    if not claim.strip():
        return []  # check_claim reports the empty claim
    from factcheck.net import google
    from factcheck.text.detect import detect_language

    settings = google.google_settings(
        os.environ,
        config_key=config.get("google-api-key"),
        config_url=config.get("google-api-url"),
    )
    return google.search_claims(
        claim,
        settings,
        language=detect_language(claim) if language == "auto" else language,
        max_age_days=max_age_days,
        settings=http_settings(config),
    )


def _bidi_mode(given: str | None, config: Config) -> str:
    return given or str(config.get("bidi", "auto"))


@app.command("list")
def list_claims(
    articles: Annotated[
        list[str] | None,
        typer.Argument(
            help="Articles (.md, .txt; http(s) URLs are fetched; '-' for standard input). "
            "Default: paths from config.",
            show_default=False,
        ),
    ] = None,
    evidence: EvidenceOption = None,
    output_format: FormatOption = OutputFormat.table,
    lang: LangOption = None,
    min_score: MinScoreOption = None,
    top: TopOption = None,
    no_color: NoColorOption = False,
    bidi: BidiOption = None,
    output: OutputOption = None,
    concurrency: ConcurrencyOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    skip_invalid: SkipInvalidOption = False,
    config_path: ConfigOption = None,
) -> None:
    """List every check-worthy claim of one or more articles, who it is attributed to, and
    (with --evidence) its verdict.

    Example: factcheck list claims/ar-russia-dprk.md --evidence claims/evidence-ar.jsonl

    Example: factcheck list https://example.org/news/article.html --concurrency 4
    """
    config = load_config(config_path)
    language = lang.value if lang else config.get("language", "auto")
    documents = _documents(
        articles or [], config, language, concurrency=concurrency, max_bytes=max_bytes
    )
    paths = evidence_paths(evidence, config, concurrency=concurrency)
    base = load_evidence_source(paths, config, skip_invalid=skip_invalid) if paths else None
    result = _check_documents(
        documents,
        base,
        min_score=min_score if min_score is not None else config.get("min-score", 70.0),
        top=top or config.get("top", api.DEFAULT_TOP),
        min_checkworthiness=config.get("min-checkworthiness"),
    )
    options = render_options(no_color, bidi=_bidi_mode(bidi, config), output=output)
    emit(render_list(result, output_format.value, options), output)


@app.command("check")
def check(
    claim: Annotated[str, typer.Argument(help="The claim to check, in quotes.")],
    evidence: EvidenceOption = None,
    output_format: FormatOption = OutputFormat.table,
    lang: LangOption = None,
    min_score: MinScoreOption = None,
    top: TopOption = None,
    no_color: NoColorOption = False,
    bidi: BidiOption = None,
    output: OutputOption = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Show claim and best evidence side by side, the numbers compared and the "
            "score breakdown (table format).",
        ),
    ] = False,
    remote: Annotated[
        list[RemoteService] | None,
        typer.Option(
            "--remote",
            help="Also ask a fact-check service (google: the Fact Check Tools API, key in "
            "FACTCHECK_GOOGLE_API_KEY) and merge its fact-checks with local matches.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    max_age_days: Annotated[
        int | None,
        typer.Option(
            "--max-age-days", min=1, help="With --remote: only reviews this recent.",
            show_default=False,
        ),
    ] = None,
    skip_invalid: SkipInvalidOption = False,
    config_path: ConfigOption = None,
) -> None:
    """Check a single claim against the evidence: verdict, reason and top matches
    (--explain: why).

    Example: factcheck check "North Korea sent 3 million shells" -e claims/evidence-en.jsonl
    """
    config = load_config(config_path)
    language = lang.value if lang else config.get("language", "auto")
    paths = evidence_paths(evidence, config)
    if not paths and not remote:
        raise UsageError(
            "no evidence given; use --evidence FILE, --remote google (or set evidence in config)"
        )
    sources: list[api.EvidenceSource] = []
    if paths:
        sources.append(load_evidence_source(paths, config, skip_invalid=skip_invalid))
    entries: list[EvidenceEntry] = []
    for service in dict.fromkeys(remote or []):
        entries += _remote_entries(service, claim, language, config, max_age_days)
    if entries or not sources:
        from factcheck.evidence.index import default_cache_dir
        from factcheck.semantic import EncoderLink

        link = EncoderLink(encoder_name(config), cache_dir=default_cache_dir(), warn=warn)
        sources.append(EvidenceBase(entries, encoder=link))
    base = sources[0] if len(sources) == 1 else MergedEvidence(sources)
    result = api.check_claim(
        claim,
        base,
        language=language,
        min_score=min_score if min_score is not None else config.get("min-score", 70.0),
        top=top or config.get("top", api.DEFAULT_TOP),
    )
    options = render_options(
        no_color, bidi=_bidi_mode(bidi, config), output=output, explain=explain
    )
    emit(render_check(result, output_format.value, options), output)

"""The ``evidence`` sub-commands."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from factcheck.cli.app import evidence_app
from factcheck.evidence import validate_evidence
from factcheck.models import EvidenceEntry
from factcheck.report.safe import safe_json, safe_text


@evidence_app.command("validate")
def evidence_validate(
    files: Annotated[list[Path], typer.Argument(help="Evidence files to validate.")],
) -> None:
    """Report how many entries each evidence file has and every malformed entry
    (file:line: field: problem). Exits 1 when a file has problems.

    Example: factcheck evidence validate claims/evidence-ar.jsonl
    """
    failed = False
    for path in files:
        report = validate_evidence(path)
        # Problems quote the file's keys and values: control and bidi characters made visible.
        for problem in report.problems:
            typer.echo(safe_text(str(problem)))
        noun = "entry" if len(report.entries) == 1 else "entries"
        status = f"{len(report.problems)} problem(s)" if report.problems else "ok"
        typer.echo(safe_text(f"{path}: {len(report.entries)} valid {noun}, {status}"))
        failed = failed or bool(report.problems)
    if failed:
        raise typer.Exit(1)


def _entries_from_file(source: str) -> list[EvidenceEntry]:
    """Any evidence file the project can read (a URL is downloaded first)."""
    from factcheck.cli.common import evidence_paths
    from factcheck.config import Config
    from factcheck.evidence import convert_file

    # ClaimReview JSON-LD / HTML and saved Google API answers convert like our own formats.
    return [e for path in evidence_paths([source], Config()) for e in convert_file(path)]


def _entries_from_google(
    query: str | None, language: str | None, max_age_days: int | None, limit: int,
    config_path: Path | None,
) -> list[EvidenceEntry]:
    from factcheck.cli.common import http_settings, load_config
    from factcheck.errors import UsageError
    from factcheck.net import google

    if not query or not query.strip():
        raise UsageError("evidence import google needs --query TEXT (what to search for)")
    config = load_config(config_path)
    settings = google.google_settings(
        os.environ,
        config_key=config.get("google-api-key"),
        config_url=config.get("google-api-url"),
    )
    return google.search_claims(
        query,
        settings,
        language=language,
        max_age_days=max_age_days,
        limit=limit,
        settings=http_settings(config),
    )


def evidence_jsonl(entries: Sequence[EvidenceEntry]) -> str:
    """Entries as an evidence JSON Lines file (fields that are unset are left out)."""
    lines = []
    for entry in entries:
        record = {
            "id": entry.id,
            "claim": entry.claim,
            "rating": entry.rating,
            "source": entry.source,
            "url": entry.url,
            "date": entry.date,
            "lang": entry.lang,
            "title": entry.title,
        }
        lines.append(json.dumps({k: v for k, v in record.items() if v is not None},
                                ensure_ascii=False))
    return "".join(line + "\n" for line in lines)


@evidence_app.command("import")
def evidence_import(
    source: Annotated[
        str,
        typer.Argument(
            help="'google' (the Fact Check Tools API, key in FACTCHECK_GOOGLE_API_KEY) or an "
            "evidence file or URL to convert.",
        ),
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The JSON Lines file to write.", dir_okay=False),
    ],
    query: Annotated[
        str | None,
        typer.Option("--query", "-q", help="With google: what to search for.",
                     show_default=False),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", "-l", help="With google: review language code (e.g. ar, en).",
                     show_default=False),
    ] = None,
    max_age_days: Annotated[
        int | None,
        typer.Option("--max-age-days", min=1, help="With google: only reviews this recent.",
                     show_default=False),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, help="With google: most entries to fetch.")
    ] = 100,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite OUTPUT if it exists.")
    ] = False,
    config_path: Annotated[
        Path | None,
        typer.Option("--config", help="Config file to use instead of searching for one.",
                     show_default=False),
    ] = None,
) -> None:
    """Build a local evidence file (JSON Lines) from a fact-check service or another evidence
    file. Never overwrites OUTPUT without --force; writes it atomically.

    Example: factcheck evidence import google --query "5G towers" --lang en -o checks.jsonl
    """
    from factcheck.atomic import write_atomic
    from factcheck.errors import UsageError

    if output.is_dir():
        raise UsageError(f"{output}: is a directory; give a file name to --output")
    if output.exists() and not force:
        raise UsageError(f"{output}: already exists; use --force to overwrite it")
    if source.lower() == "google":
        entries = _entries_from_google(query, lang, max_age_days, limit, config_path)
    else:
        entries = _entries_from_file(source)
    write_atomic(output, evidence_jsonl(entries))
    noun = "entry" if len(entries) == 1 else "entries"
    sys.stderr.write(f"wrote {len(entries)} {noun} to {output}\n")


@evidence_app.command("index")
def evidence_index(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Evidence files or folders (default: evidence from config).",
                       show_default=False),
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Build again even if a current index exists.")
    ] = False,
    config_path: Annotated[
        Path | None,
        typer.Option("--config", help="Config file to use instead of searching for one.",
                     show_default=False),
    ] = None,
) -> None:
    """Build the persistent search index of evidence files in the cache (list, check and gate
    build it on first use anyway; this does it ahead of time). Prints one line per file.

    Example: factcheck evidence index archive/claimreview-2024.jsonl
    """
    from factcheck.cli.common import BuildProgress, evidence_paths, load_config, warn
    from factcheck.evidence.index import ensure_index, index_info

    config = load_config(config_path)
    paths = evidence_paths([str(f) for f in files or []], config)
    if not paths:
        from factcheck.errors import UsageError

        raise UsageError("no evidence given; name the files to index (or set evidence in config)")
    for path in paths:
        progress = BuildProgress() if sys.stderr.isatty() else None
        ensure_index(path, progress=progress, warn=warn, rebuild=rebuild)
        info = index_info(path)
        if info is not None:
            skipped = f", {info.problems} malformed skipped" if info.problems else ""
            typer.echo(
                f"{path}: {info.entries} entries indexed{skipped} "
                f"({info.size_bytes / 1e6:.1f} MB, {info.index_path})"
            )


def _age(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds / size:.0f} {unit}"
    return f"{seconds:.0f} s"


@evidence_app.command("stats")
def evidence_stats(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Evidence files or folders (default: evidence from config).",
                       show_default=False),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per file.")] = False,
    config_path: Annotated[
        Path | None,
        typer.Option("--config", help="Config file to use instead of searching for one.",
                     show_default=False),
    ] = None,
) -> None:
    """Entries, languages and ratings of evidence files, and their index's size and age
    (files without a current index are read; nothing is built).

    Example: factcheck evidence stats archive/
    """
    import datetime as dt
    from collections import Counter

    from factcheck.cli.common import evidence_paths, load_config
    from factcheck.evidence.index import index_info

    config = load_config(config_path)
    paths = evidence_paths([str(f) for f in files or []], config)
    if not paths:
        from factcheck.errors import UsageError

        raise UsageError("no evidence given; name the files (or set evidence in config)")
    now = dt.datetime.now(dt.timezone.utc)
    for path in paths:
        info = index_info(path)
        if info is not None:
            record: dict[str, object] = {
                "path": str(path), "entries": info.entries, "malformed": info.problems,
                "languages": info.languages, "ratings": info.ratings,
                "index": str(info.index_path), "index_bytes": info.size_bytes,
                "index_age_seconds": round((now - info.built_at).total_seconds()),
            }
        else:
            report = validate_evidence(path)
            record = {
                "path": str(path), "entries": len(report.entries),
                "malformed": len(report.problems),
                "languages": dict(Counter(e.lang or "unknown" for e in report.entries)
                                  .most_common()),
                "ratings": dict(Counter(e.rating_class for e in report.entries).most_common()),
                "index": None, "index_bytes": 0, "index_age_seconds": None,
            }
        if as_json:
            typer.echo(safe_json(json.dumps(record, ensure_ascii=False)))
            continue
        languages = ", ".join(f"{k} {v}" for k, v in record["languages"].items())  # type: ignore[attr-defined]
        ratings = ", ".join(f"{k} {v}" for k, v in record["ratings"].items())  # type: ignore[attr-defined]
        if record["index"] is None:
            index = "not indexed"
        else:
            age = _age(float(record["index_age_seconds"]))  # type: ignore[arg-type]
            index = f"{int(record['index_bytes']) / 1e6:.1f} MB, built {age} ago"  # type: ignore[call-overload]
        typer.echo(safe_text(str(path)))
        typer.echo(f"  entries    {record['entries']} ({record['malformed']} malformed)")
        typer.echo(f"  languages  {safe_text(languages)}")
        typer.echo(f"  ratings    {ratings}")
        typer.echo(f"  index      {index}")


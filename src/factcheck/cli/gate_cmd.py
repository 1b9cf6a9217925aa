"""The ``gate`` command (factcheck as a CI / pre-commit linter) and ``config show``.

Exit codes: 0 no failing finding, 1 failing findings, 2 usage or input error.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from factcheck import api
from factcheck.cli.app import app
from factcheck.cli.common import (
    ConfigOption,
    EvidenceOption,
    LangOption,
    MaxBytesOption,
    MinScoreOption,
    NoColorOption,
    OutputOption,
    SkipInvalidOption,
    TopOption,
    emit,
    evidence_paths,
    http_settings,
    load_config,
    load_evidence_source,
    render_options,
    warn,
)
from factcheck.config import SCHEMA, Config
from factcheck.errors import UsageError
from factcheck.gate import Draft, GateSettings, check_drafts, draft_from_text, gate_drafts
from factcheck.gate import read_draft as read_gate_draft
from factcheck.gate.baseline import load_baseline, render_baseline
from factcheck.gate.discover import DEFAULT_INCLUDE, discover
from factcheck.gate.gitdiff import changed_lines
from factcheck.gate.policy import DEFAULT_SECOND_SOURCE_TAGS, SourcePolicy, SourceSpec
from factcheck.gate.rules import RULES, Severity, parse_fail_on
from factcheck.net.urls import is_url
from factcheck.reader import DEFAULT_MAX_BYTES, decode_text, read_stream
from factcheck.report import render_gate

config_app = typer.Typer(help="Inspect factcheck's configuration.", no_args_is_help=True)
app.add_typer(config_app, name="config")


class GateFormat(str, Enum):
    """Output formats of ``gate``."""

    table = "table"
    concise = "concise"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"


class SeverityChoice(str, Enum):
    """Severities, lowest first."""

    info = "info"
    warning = "warning"
    error = "error"


# Defaults of every key ``config show`` prints (None: not set).
DEFAULTS: dict[str, Any] = {
    "paths": ["."],
    "evidence": [],
    "language": "auto",
    "min-score": api.DEFAULT_MIN_SCORE,
    "min-checkworthiness": None,
    "top": api.DEFAULT_TOP,
    "include": list(DEFAULT_INCLUDE),
    "exclude": [],
    "respect-gitignore": True,
    "severity": {rule.name: rule.severity for rule in RULES},
    "fail-on": ["error"],
    "min-severity": "info",
    "baseline": None,
    "sources": [],
    "policy": {"second-source-tags": list(DEFAULT_SECOND_SOURCE_TAGS),
               "numbers-need-named-source": False},
}


def _policy(config: Config) -> SourcePolicy:
    policy = config.get("policy", {})
    return SourcePolicy(
        sources=tuple(
            SourceSpec(s["name"], tuple(s["aliases"]), tuple(s["tags"]))
            for s in config.get("sources", [])
        ),
        second_source_tags=tuple(
            policy.get("second-source-tags", DEFAULT_SECOND_SOURCE_TAGS)
        ),
        numbers_need_named_source=bool(policy.get("numbers-need-named-source", False)),
    )


def _settings(
    config: Config, fail_on: list[str] | None, min_severity: SeverityChoice | None
) -> GateSettings:
    fail = parse_fail_on(fail_on, key="--fail-on") if fail_on else tuple(
        config.get("fail-on", ["error"])
    )
    floor: Severity = (
        min_severity.value if min_severity else config.get("min-severity", "info")
    )
    return GateSettings(
        severities=config.get("severity", {}),
        fail_on=fail or ("error",),
        min_severity=floor,
        policy=_policy(config),
    )


def _read_drafts(
    targets: list[str], *, stdin_filename: str | None, language: str, config: Config,
    include: list[str] | None, exclude: list[str] | None, no_gitignore: bool, strict: bool,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Draft]:
    drafts: list[Draft] = []
    urls = [t for t in targets if is_url(t)]
    files = [t for t in targets if t != "-" and not is_url(t)]
    if "-" in targets:
        name = stdin_filename or "<stdin>"
        # The same limit as an article file: a runaway pipe is refused, not read into memory.
        data = read_stream(sys.stdin.buffer, name=name, max_bytes=max_bytes)
        if data.strip():
            drafts.append(draft_from_text(decode_text(data, name=name), path=name,
                                          language=language))
    elif stdin_filename is not None:
        raise UsageError("--stdin-filename needs '-' among the paths (read the draft from stdin)")
    if urls:
        # Published pages: fetched together, main text only; lines refer to that text.
        from factcheck.net.fetch import fetch_documents

        drafts.extend(
            Draft(document=document, source=document.text)
            for document in fetch_documents(urls, language=language,
                                            settings=http_settings(config))
        )
    if files:
        found = discover(
            files,
            include=include or config.get("include", DEFAULT_INCLUDE),
            exclude=exclude or config.get("exclude", []),
            respect_gitignore=not no_gitignore and config.get("respect-gitignore", True),
        )
        for pattern in found.unmatched:
            if strict:
                raise UsageError(f"{pattern}: the pattern matched no files (--strict)")
            warn(f"{pattern}: the pattern matched no files")
        drafts.extend(
            read_gate_draft(_shown(path), language=language, max_bytes=max_bytes)
            for path in found.files
        )
    if not drafts:
        if strict:
            raise UsageError("no drafts to check (--strict)")
        warn("no drafts to check")
    return drafts


def _shown(path: Path) -> Path:
    """``path`` relative to the current folder when it lies inside it (paths from the config
    are absolute), so reports, SARIF locations and baselines name files as the repository does."""
    if not path.is_absolute():
        return path
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _changed(revision: str, drafts: list[Draft]) -> dict[str, set[int] | None]:
    on_disk = [d for d in drafts if Path(d.document.path).is_file()]
    lines = changed_lines(revision, [Path(d.document.path) for d in on_disk])
    changed: dict[str, set[int] | None] = {
        d.document.path: lines[Path(d.document.path).resolve()] for d in on_disk
    }
    # Standard input has no history: every line counts as changed.
    for draft in drafts:
        changed.setdefault(draft.document.path, None)
    return changed


@app.command("gate")
def gate(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Drafts: files, directories (walked; .gitignore respected), globs or http(s) "
            "URLs (fetched; main text); '-' reads standard input. Default: paths from config, "
            "else the current directory.",
            show_default=False,
        ),
    ] = None,
    evidence: EvidenceOption = None,
    output_format: Annotated[
        GateFormat | None,
        typer.Option("--format", "-f", case_sensitive=False, show_default=False,
                     help="Output format \\[default: table on a terminal, else concise]."),
    ] = None,
    output: OutputOption = None,
    fail_on: Annotated[
        list[str] | None,
        typer.Option("--fail-on", metavar="RULE|SEVERITY[,...]", show_default=False,
                     help="Fail on findings of these rules, or at or above this severity "
                     "\\[default: error]."),
    ] = None,
    min_severity: Annotated[
        SeverityChoice | None,
        typer.Option("--min-severity", case_sensitive=False, show_default=False,
                     help="Report only findings at or above this severity \\[default: info]."),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Report findings but exit 0 all the same.")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="A path pattern that matches nothing is an error.")
    ] = False,
    skip_invalid: SkipInvalidOption = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    stdin_filename: Annotated[
        str | None,
        typer.Option("--stdin-filename", show_default=False,
                     help="Name to report for the draft read from '-' (its suffix picks "
                     "Markdown, text or HTML)."),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", show_default=False, dir_okay=False,
                     help="Fail only on findings not recorded in this baseline file."),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option("--write-baseline", show_default=False, dir_okay=False,
                     help="Record today's findings in FILE (overwriting it) and exit 0."),
    ] = None,
    diff_base: Annotated[
        str | None,
        typer.Option("--diff-base", metavar="REV", show_default=False,
                     help="Check only sentences on lines added or changed since git REV."),
    ] = None,
    include: Annotated[
        list[str] | None,
        typer.Option("--include", show_default=False,
                     help="Glob of files to check in directories (repeatable) "
                     "\\[default: *.md *.markdown *.txt *.html *.htm]."),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option("--exclude", show_default=False,
                     help="Glob of files or folders to skip (repeatable, .gitignore syntax)."),
    ] = None,
    no_gitignore: Annotated[
        bool, typer.Option("--no-gitignore", help="Also check files .gitignore excludes.")
    ] = False,
    lang: LangOption = None,
    min_score: MinScoreOption = None,
    top: TopOption = None,
    no_color: NoColorOption = False,
    config_path: ConfigOption = None,
) -> None:
    """Lint drafts for unsourced, vaguely sourced and contradicted claims; exit 1 when a
    finding reaches the threshold (0: none, 2: usage or input error).

    Example: factcheck gate drafts/ --evidence evidence.jsonl --format sarif -o factcheck.sarif
    """
    config = load_config(config_path)
    settings = _settings(config, fail_on, min_severity)
    language = lang.value if lang else config.get("language", "auto")
    known: Counter[str] | None = None
    baseline_path = baseline or (
        Path(config.get("baseline")) if config.get("baseline") and not write_baseline else None
    )
    if baseline_path is not None:
        known = load_baseline(baseline_path)
    targets = list(paths or config.get("paths", ["."]))
    drafts = _read_drafts(
        targets, stdin_filename=stdin_filename, language=language, config=config,
        include=include, exclude=exclude, no_gitignore=no_gitignore, strict=strict,
        max_bytes=max_bytes,
    )
    found_evidence = evidence_paths(evidence, config)
    # Through the shared loader, so the config's 'ratings' and 'evidence-index' apply here too.
    base = (
        load_evidence_source(found_evidence, config, skip_invalid=skip_invalid)
        if found_evidence
        else None
    )
    result = check_drafts(
        drafts, base,
        min_score=min_score if min_score is not None else config.get("min-score", 70.0),
        top=top or config.get("top", api.DEFAULT_TOP),
        min_checkworthiness=config.get("min-checkworthiness"),
        jobs=_jobs(),
    )
    changed = _changed(diff_base, drafts) if diff_base else None
    outcome = gate_drafts(drafts, result, settings, baseline=None if write_baseline else known,
                          changed=changed, diff_base=diff_base)
    if write_baseline is not None:
        if write_baseline.is_dir():
            raise UsageError(f"{write_baseline}: is a directory; give a file name")
        from factcheck.atomic import write_atomic

        write_atomic(write_baseline, render_baseline(outcome.findings))
        sys.stderr.write(
            f"factcheck: wrote {len(outcome.findings)} finding(s) to baseline {write_baseline}\n"
        )
        return
    fmt = output_format.value if output_format else (
        "table" if sys.stdout.isatty() and output is None else "concise"
    )
    rendered = render_gate(outcome, fmt, render_options(no_color, output=output))
    emit(rendered, output)
    if output is not None:
        from factcheck.report.gate_text import summary_line

        sys.stderr.write(summary_line(outcome) + "\n")
    if outcome.failed and not exit_zero:
        raise typer.Exit(1)


def _jobs() -> int:
    """Worker processes for analysis: FACTCHECK_JOBS, else up to 2 of the usable CPUs."""
    raw = os.environ.get("FACTCHECK_JOBS", "")
    if raw:
        if not raw.isdigit() or int(raw) < 1:
            raise UsageError("FACTCHECK_JOBS: expected a whole number of at least 1")
        return int(raw)
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        usable = os.cpu_count() or 1
    return max(1, min(2, usable))


def _show_value(value: Any) -> str:
    """``value`` as TOML: JSON spells strings, numbers, booleans and arrays the TOML way, but
    tables (the entries of ``sources``) must be inline tables ``{name = "TASS", ...}``."""
    if isinstance(value, dict):
        items = ", ".join(f"{_toml_key(k)} = {_show_value(v)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_show_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _toml_key(key: str) -> str:
    bare = key.replace("-", "").replace("_", "")
    return key if bare.isascii() and bare.isalnum() else json.dumps(key, ensure_ascii=False)


@config_app.command("show")
def config_show(
    config_path: ConfigOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of TOML.")] = False,
) -> None:
    """Print the effective configuration and where each value comes from (a config file or
    the built-in default).

    Example: factcheck config show
    """
    config = load_config(config_path)
    origin = str(config.path) if config.path else "default"
    rows: list[tuple[str, Any, str]] = []
    for key in SCHEMA:
        if key in ("severity", "policy"):
            defaults = DEFAULTS.get(key, {})
            given = config.get(key, {})
            for name in dict.fromkeys([*defaults, *given]):
                where = origin if name in given else "default"
                rows.append((f"{key}.{name}", given.get(name, defaults.get(name)), where))
            continue
        if key in config.values and key.endswith("api-key"):
            rows.append((key, "***", origin))  # a secret: say where it is set, never print it
        elif key in config.values:
            rows.append((key, config.values[key], origin))
        else:
            # Keys of other commands without a default here are shown as not set.
            rows.append((key, DEFAULTS.get(key), "default"))
    if as_json:
        data = {
            "config_file": str(config.path) if config.path else None,
            "values": {key: {"value": value, "source": where} for key, value, where in rows},
        }
        emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    lines = [f"# config file: {config.path if config.path else 'none found (defaults only)'}"]
    for key, value, where in rows:
        if value is None:
            lines.append(f"# {key} is not set  (default)")
        else:
            lines.append(f"{key} = {_show_value(value)}  # {where}")
    emit("\n".join(lines) + "\n")


__all__ = ["config_show", "gate"]

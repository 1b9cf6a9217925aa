"""Options and helpers shared by the command modules: config, colour, output."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from factcheck import api
from factcheck.atomic import write_atomic
from factcheck.config import Config, find_config, load_config_file
from factcheck.errors import UsageError
from factcheck.net.urls import is_url

if TYPE_CHECKING:
    from factcheck.net.fetch import HttpSettings
from factcheck.reader import DEFAULT_MAX_BYTES
from factcheck.report import RenderOptions
from factcheck.report.bidi import resolve_bidi
from factcheck.report.safe import safe_text


class OutputFormat(str, Enum):
    """Output formats of ``list`` and ``check``."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    html = "html"
    claimreview = "claimreview"


class Language(str, Enum):
    """Article languages: detected, Arabic or English."""

    auto = "auto"
    ar = "ar"
    en = "en"


EvidenceOption = Annotated[
    list[str] | None,
    typer.Option(
        "--evidence",
        "-e",
        help="Evidence file (JSONL, JSON, CSV, YAML, ClaimReview JSON-LD or HTML, saved Google "
        "Fact Check answer), folder of them, or http(s) URL (downloaded and cached); repeat "
        "for several.",
        show_default=False,
    ),
]
ConcurrencyOption = Annotated[
    int | None,
    typer.Option(
        "--concurrency",
        min=1,
        max=64,
        help="URLs fetched at once \\[default: 8, or concurrency in config].",
        show_default=False,
    ),
]
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
LangOption = Annotated[
    Language | None,
    typer.Option("--lang", "-l", help="Language of the text (default: auto).", show_default=False),
]
MinScoreOption = Annotated[
    float | None,
    typer.Option(
        "--min-score",
        min=0,
        max=100,
        help="Lowest match score (0-100) that counts as evidence "
        f"\\[default: {api.DEFAULT_MIN_SCORE:g}].",
        show_default=False,
    ),
]
TopOption = Annotated[
    int | None,
    typer.Option(
        "--top", min=1, help=f"Matches to keep per claim \\[default: {api.DEFAULT_TOP}].",
        show_default=False,
    ),
]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help="No colours (also when NO_COLOR is set).")
]
BidiOption = Annotated[
    str | None,
    typer.Option(
        "--bidi",
        help="Reorder right-to-left text for terminals without bidi support: auto (default: "
        "FACTCHECK_BIDI, else on for a terminal not known to do bidi itself), on, off. "
        "JSON, JSONL and Markdown always keep logical order.",
        show_default=False,
        metavar="auto|on|off",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the report to FILE (atomically) instead of standard output.",
        show_default=False,
        dir_okay=False,
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="Config file to use instead of searching for one.",
                 show_default=False),
]


MaxBytesOption = Annotated[
    int,
    typer.Option(
        "--max-bytes",
        min=1,
        help="Refuse an article or draft (file or standard input) larger than this many bytes "
        f"\\[default: {DEFAULT_MAX_BYTES:,} bytes, 20 MiB].",
        show_default=False,
    ),
]

SkipInvalidOption = Annotated[
    bool,
    typer.Option(
        "--skip-invalid",
        help="Leave malformed evidence entries out (with a warning) instead of stopping.",
    ),
]
# Evidence files a folder given to --evidence contributes (all of them, sorted).
EVIDENCE_SUFFIXES = frozenset(
    {".jsonl", ".ndjson", ".json", ".jsonld", ".csv", ".yaml", ".yml", ".html", ".htm"}
)


def _expand_folders(sources: Sequence[str | Path]) -> list[str | Path]:
    expanded: list[str | Path] = []
    for source in sources:
        folder = Path(source)
        if (isinstance(source, str) and is_url(source)) or not folder.is_dir():
            expanded.append(source)
            continue
        found = sorted(
            p for p in folder.rglob("*")
            if p.suffix.lower() in EVIDENCE_SUFFIXES and p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        )
        if not found:
            raise UsageError(f"{folder}: no evidence files in this folder")
        expanded.extend(found)
    return expanded


def load_evidence_source(
    paths: Sequence[Path], config: Config, *, skip_invalid: bool = False
) -> api.EvidenceSource:
    """:func:`api.load_evidence_base` wired to the command line: index mode from
    ``FACTCHECK_INDEX`` or the config's ``evidence-index``, rating phrases from ``ratings``,
    warnings on stderr and a progress bar for index builds on a terminal."""
    mode = os.environ.get("FACTCHECK_INDEX", "").strip() or config.get("evidence-index", "auto")
    if mode not in ("auto", "always", "never"):
        raise UsageError(f"FACTCHECK_INDEX: {mode!r} is not one of auto, always, never")
    return api.load_evidence_base(
        paths,
        skip_invalid=skip_invalid,
        ratings=config.get("ratings"),
        index=mode,
        progress=BuildProgress() if sys.stderr.isatty() else None,
        warn=warn,
        encoder=encoder_name(config),
    )


def encoder_name(config: Config) -> str:
    """The sentence encoder asked for: ``FACTCHECK_ENCODER``, else the config's ``encoder``."""
    from factcheck.semantic import encoder_choice

    try:
        return encoder_choice(configured=config.get("encoder"))
    except ValueError as error:
        raise UsageError(f"FACTCHECK_ENCODER: {error}") from None


class BuildProgress:
    """A progress bar on stderr for an index build, drawn once the build has run a second."""

    DELAY = 1.0

    def __init__(self) -> None:
        import time

        self._clock = time.monotonic
        self._started = self._clock()
        self._bar: object | None = None
        self._task: object | None = None

    def __call__(self, done: int, total: int) -> None:
        """Report ``done`` of ``total`` entries indexed."""
        from rich.progress import Progress

        if self._bar is None:
            if self._clock() - self._started < self.DELAY or done >= total:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TimeRemainingColumn

            bar = Progress(
                "Indexing evidence", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                console=Console(file=sys.stderr), transient=True,
            )
            bar.start()
            self._bar, self._task = bar, bar.add_task("index", total=total)
        assert isinstance(self._bar, Progress)
        self._bar.update(self._task, completed=done)  # type: ignore[arg-type]
        if done >= total:
            self._bar.stop()


def render_options(
    no_color: bool,
    *,
    bidi: str = "off",
    output: Path | None = None,
    explain: bool = False,
) -> RenderOptions:
    """Colour only on a terminal (or with FORCE_COLOR), never with --no-color or NO_COLOR,
    nor in a file given with --output. ``bidi`` is resolved by
    :func:`factcheck.report.bidi.resolve_bidi` (a file is not a terminal)."""
    terminal = sys.stdout.isatty() and output is None
    color = (
        not no_color
        and not os.environ.get("NO_COLOR")
        and output is None
        and (terminal or bool(os.environ.get("FORCE_COLOR")))
    )
    if terminal:
        width = shutil.get_terminal_size((100, 24)).columns
    else:
        columns = os.environ.get("COLUMNS", "")
        width = int(columns) if columns.isdigit() and int(columns) > 20 else 100
    reorder = resolve_bidi(bidi, environ=os.environ, is_terminal=terminal)
    return RenderOptions(color=color, width=width, bidi=reorder, explain=explain)


def emit(text: str, output: Path | None = None) -> None:
    """Write a rendered report to standard output, or atomically to ``output``."""
    if output is not None:
        if output.is_dir():
            raise UsageError(f"{output}: is a directory; give a file name to --output")
        write_atomic(output, text)
        return
    sys.stdout.write(text)
    sys.stdout.flush()


def load_config(path: Path | None) -> Config:
    """The config given with --config, else the nearest one found walking up."""
    return load_config_file(path) if path else find_config()


def warn(message: str) -> None:
    """One warning line on standard error (control and bidi characters made visible)."""
    sys.stderr.write(f"factcheck: warning: {safe_text(message)}\n")
    sys.stderr.flush()


def http_settings(config: Config, *, concurrency: int | None = None) -> HttpSettings:
    """HTTP settings: ``FACTCHECK_HTTP_*`` variables, then config, then the options given."""
    from factcheck.net.fetch import HttpSettings  # httpx is imported only when needed

    # The variable wins over the config (from_env reads and validates it).
    timeout = None if os.environ.get("FACTCHECK_HTTP_TIMEOUT") else config.get("http-timeout")
    return HttpSettings.from_env(
        os.environ,
        timeout=timeout,
        concurrency=concurrency or config.get("concurrency"),
    )


def evidence_paths(
    given: Sequence[str | Path] | None, config: Config, *, concurrency: int | None = None
) -> list[Path]:
    """Evidence files from the command line, else from the config; http(s) URLs are
    downloaded into the cache (revalidated; a progress bar on a terminal) and their local
    copies returned."""
    sources: list[str | Path] = list(given) if given else list(config.get("evidence", []))
    sources = _expand_folders(sources)
    if not any(isinstance(s, str) and is_url(s) for s in sources):
        return [Path(s) for s in sources]
    from factcheck.net.evidence_remote import default_cache_dir, resolve_evidence

    return resolve_evidence(
        sources,
        cache=default_cache_dir(os.environ),
        settings=http_settings(config, concurrency=concurrency),
        progress=sys.stderr.isatty(),
        warn=warn,
    )

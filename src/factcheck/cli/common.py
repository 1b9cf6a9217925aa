"""Options and helpers shared by the command modules: config, colour, output."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from factcheck import api
from factcheck.config import Config, find_config, load_config_file
from factcheck.report import RenderOptions


class OutputFormat(str, Enum):
    """Output formats of ``list`` and ``check``."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


class Language(str, Enum):
    """Article languages: detected, Arabic or English."""

    auto = "auto"
    ar = "ar"
    en = "en"


EvidenceOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--evidence",
        "-e",
        help="Evidence file (JSONL, JSON, CSV or YAML); repeat for several.",
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
        f"[default: {api.DEFAULT_MIN_SCORE:g}].",
        show_default=False,
    ),
]
TopOption = Annotated[
    int | None,
    typer.Option(
        "--top", min=1, help=f"Matches to keep per claim [default: {api.DEFAULT_TOP}].",
        show_default=False,
    ),
]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help="No colours (also when NO_COLOR is set).")
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="Config file to use instead of searching for one.",
                 show_default=False),
]


def render_options(no_color: bool) -> RenderOptions:
    """Colour only on a terminal (or with FORCE_COLOR), never with --no-color or NO_COLOR."""
    color = (
        not no_color
        and not os.environ.get("NO_COLOR")
        and (sys.stdout.isatty() or bool(os.environ.get("FORCE_COLOR")))
    )
    if sys.stdout.isatty():
        width = shutil.get_terminal_size((100, 24)).columns
    else:
        columns = os.environ.get("COLUMNS", "")
        width = int(columns) if columns.isdigit() and int(columns) > 20 else 100
    return RenderOptions(color=color, width=width)


def emit(text: str) -> None:
    """Write a rendered report to standard output."""
    sys.stdout.write(text)
    sys.stdout.flush()


def load_config(path: Path | None) -> Config:
    """The config given with --config, else the nearest one found walking up."""
    return load_config_file(path) if path else find_config()


def evidence_paths(given: Sequence[Path] | None, config: Config) -> list[Path]:
    """Evidence files from the command line, else from the config."""
    if given:
        return list(given)
    return [Path(p) for p in config.get("evidence", [])]

"""Renderers: one module per output format, each turning a result into a string.

``render_list`` / ``render_check`` pick the renderer for a format name; adding a format is
adding a module and a line in ``LIST_RENDERERS`` / ``CHECK_RENDERERS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.errors import UsageError
from factcheck.models import CheckResult, ListResult

if TYPE_CHECKING:
    from factcheck.gate import GateResult


@dataclass(frozen=True)
class RenderOptions:
    """Presentation settings: colour, terminal width (None: 100 columns), right-to-left
    reordering for terminals without bidi support, and ``check --explain`` details."""

    color: bool = False
    width: int | None = None
    bidi: bool = False
    explain: bool = False


ListRenderer = Callable[[ListResult, RenderOptions], str]
CheckRenderer = Callable[[CheckResult, RenderOptions], str]


def _list_renderers() -> dict[str, ListRenderer]:
    from factcheck.report import (
        claimreview_format,
        html_format,
        json_format,
        markdown_format,
        table_format,
    )

    return {
        "claimreview": claimreview_format.render_list,
        "html": html_format.render_list,
        "table": table_format.render_list,
        "json": json_format.render_list,
        "jsonl": json_format.render_list_lines,
        "markdown": markdown_format.render_list,
    }


def _check_renderers() -> dict[str, CheckRenderer]:
    from factcheck.report import (
        claimreview_format,
        html_format,
        json_format,
        markdown_format,
        table_format,
    )

    return {
        "claimreview": claimreview_format.render_check,
        "html": html_format.render_check,
        "table": table_format.render_check,
        "json": json_format.render_check,
        "jsonl": json_format.render_check_lines,
        "markdown": markdown_format.render_check,
    }


FORMATS = ("table", "json", "jsonl", "markdown", "html", "claimreview")


def _gate_renderers() -> dict[str, Callable[[GateResult, RenderOptions], str]]:
    from factcheck.report import gate_github, gate_json, gate_junit, gate_sarif, gate_text

    return {
        "table": gate_text.render_table,
        "concise": gate_text.render_concise,
        "json": gate_json.render,
        "sarif": gate_sarif.render,
        "github": gate_github.render,
        "junit": gate_junit.render,
    }


GATE_FORMATS = ("table", "concise", "json", "sarif", "github", "junit")


def render_gate(result: GateResult, fmt: str, options: RenderOptions | None = None) -> str:
    """Render the result of ``gate`` in format ``fmt``."""
    renderers = _gate_renderers()
    if fmt not in renderers:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(GATE_FORMATS)}")
    return renderers[fmt](result, options or RenderOptions())


def _unknown(name: str) -> UsageError:
    return UsageError(f"unknown format {name!r}; choose one of: {', '.join(FORMATS)}")


def render_list(result: ListResult, fmt: str, options: RenderOptions | None = None) -> str:
    """Render the result of ``list`` in format ``fmt``."""
    renderers = _list_renderers()
    if fmt not in renderers:
        raise _unknown(fmt)
    return renderers[fmt](result, options or RenderOptions())


def render_check(result: CheckResult, fmt: str, options: RenderOptions | None = None) -> str:
    """Render the result of ``check`` in format ``fmt``."""
    renderers = _check_renderers()
    if fmt not in renderers:
        raise _unknown(fmt)
    return renderers[fmt](result, options or RenderOptions())

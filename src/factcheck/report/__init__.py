"""Renderers: one module per output format, each turning a result into a string.

``render_list`` / ``render_check`` pick the renderer for a format name; adding a format is
adding a module and a line in ``LIST_RENDERERS`` / ``CHECK_RENDERERS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from factcheck.errors import UsageError
from factcheck.models import CheckResult, ListResult


@dataclass(frozen=True)
class RenderOptions:
    """Presentation settings: colour, terminal width (None: 100 columns)."""

    color: bool = False
    width: int | None = None


ListRenderer = Callable[[ListResult, RenderOptions], str]
CheckRenderer = Callable[[CheckResult, RenderOptions], str]


def _list_renderers() -> dict[str, ListRenderer]:
    from factcheck.report import json_format, markdown_format, table_format

    return {
        "table": table_format.render_list,
        "json": json_format.render_list,
        "jsonl": json_format.render_list_lines,
        "markdown": markdown_format.render_list,
    }


def _check_renderers() -> dict[str, CheckRenderer]:
    from factcheck.report import json_format, markdown_format, table_format

    return {
        "table": table_format.render_check,
        "json": json_format.render_check,
        "jsonl": json_format.render_check_lines,
        "markdown": markdown_format.render_check,
    }


FORMATS = ("table", "json", "jsonl", "markdown")


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

"""Right-to-left text for terminals that lay every line out left to right.

Owns the ``--bidi auto|on|off`` decision and the display reordering: text is wrapped in
logical order first, then each line is reordered (Unicode bidi algorithm, python-bidi) with
its styles kept, so highlights survive and line order stays top-to-bottom.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from bidi import algorithm  # type: ignore[import-untyped]
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text

from factcheck.errors import UsageError

BIDI_MODES = ("auto", "on", "off")
ENV_VAR = "FACTCHECK_BIDI"
Direction = Literal["L", "R"]

_TRUE = frozenset({"on", "1", "true", "yes"})
_FALSE = frozenset({"off", "0", "false", "no"})
# VTE 0.58 (GNOME Terminal 3.34, Tilix, ...) implements bidi itself; VTE_VERSION is 5800 there.
_VTE_BIDI_VERSION = 5800
# Terminals that set one of these variables lay out right-to-left text themselves.
_BIDI_TERMINAL_VARIABLES = ("KONSOLE_VERSION", "MLTERM")
_BIDI_TERMINAL_PROGRAMS = frozenset({"Apple_Terminal", "mlterm"})


def _switch(value: str, *, name: str) -> bool | None:
    word = value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    if word in ("", "auto"):
        return None
    raise UsageError(f"{name}={value!r}: expected on, off or auto")


def terminal_does_bidi(environ: Mapping[str, str]) -> bool:
    """Whether the environment names a terminal known to reorder right-to-left text itself."""
    vte = environ.get("VTE_VERSION", "")
    if vte.isdigit() and int(vte) >= _VTE_BIDI_VERSION:
        return True
    if any(environ.get(name) for name in _BIDI_TERMINAL_VARIABLES):
        return True
    return environ.get("TERM_PROGRAM", "") in _BIDI_TERMINAL_PROGRAMS


def resolve_bidi(mode: str, *, environ: Mapping[str, str], is_terminal: bool) -> bool:
    """Whether to reorder right-to-left text for display.

    ``on``/``off`` decide directly. ``auto``: the ``FACTCHECK_BIDI`` variable (on/off) if set;
    else off when the output is not a terminal (files and pipes keep logical order); else off
    for terminals known to do bidi themselves (VTE >= 0.58, Konsole, mlterm, Apple Terminal);
    else on.
    """
    if mode not in BIDI_MODES:
        raise UsageError(f"unknown bidi mode {mode!r}; choose one of: {', '.join(BIDI_MODES)}")
    if mode != "auto":
        return mode == "on"
    forced = _switch(environ.get(ENV_VAR, ""), name=ENV_VAR)
    if forced is not None:
        return forced
    if not is_terminal:
        return False
    return not terminal_does_bidi(environ)


def paragraph_direction(text: str) -> Direction:
    """The base direction of ``text``: that of its first strong character (rules P2-P3)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return "L"
        if kind in ("R", "AL"):
            return "R"
    return "L"


def has_rtl(text: str) -> bool:
    """Whether ``text`` has any right-to-left letter (nothing to reorder otherwise)."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def _clusters(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each base character with the combining marks that follow it.

    Reordering whole clusters keeps every mark after its letter: reversing single characters
    would put Arabic harakat before the letter they belong to.
    """
    clusters: list[tuple[int, int]] = []
    for index, ch in enumerate(text):
        if clusters and unicodedata.combining(ch) and clusters[-1][1] == index:
            clusters[-1] = (clusters[-1][0], index + 1)
        else:
            clusters.append((index, index + 1))
    return clusters


def visual_order(text: str, *, base: Direction | None = None) -> tuple[str, tuple[int, ...]]:
    """One line of ``text`` in display order, and the logical index of each displayed character.

    Runs the python-bidi implementation of the Unicode bidi algorithm (the same steps as
    ``bidi.algorithm.get_display``, including mirroring of brackets in right-to-left runs) on
    the line's clusters. ``base`` forces the paragraph direction (default: from the text).
    """
    if not text:
        return "", ()
    clusters = _clusters(text)
    bases = "".join(text[start] for start, _ in clusters)
    direction = base or paragraph_direction(text)
    storage: dict[str, Any] = algorithm.get_empty_storage()
    storage["base_level"] = algorithm.PARAGRAPH_LEVELS[direction]
    storage["base_dir"] = direction
    try:
        algorithm.get_embedding_levels(bases, storage)
        for number, char in enumerate(storage["chars"]):
            char["cluster"] = number
        for step in (
            algorithm.explicit_embed_and_overrides,
            algorithm.resolve_weak_types,
            algorithm.resolve_neutral_types,
            algorithm.resolve_implicit_levels,
            algorithm.reorder_resolved_levels,
            algorithm.apply_mirroring,
        ):
            step(storage, False)
    except (AssertionError, KeyError, IndexError):
        # python-bidi asserts on characters without a bidi class (unassigned code points):
        # show such a line in logical order rather than fail the whole report.
        return text, tuple(range(len(text)))
    pieces: list[str] = []
    order: list[int] = []
    for char in storage["chars"]:
        start, end = clusters[char["cluster"]]
        pieces.append(char["ch"] + text[start + 1 : end])
        order.extend(range(start, end))
    return "".join(pieces), tuple(order)


def display(text: str, *, base: Direction | None = None) -> str:
    """``text`` (one line) in display order for a terminal without bidi support."""
    return visual_order(text, base=base)[0]


def reorder_line(line: Text, *, base: Direction | None = None) -> Text:
    """A styled line in display order: every character keeps the styles it had."""
    plain = line.plain
    if not has_rtl(plain):
        return line.copy()
    shown, order = visual_order(plain, base=base)
    styles: list[list[str | Style]] = [[] for _ in plain]
    for span in line.spans:
        for index in range(max(span.start, 0), min(span.end, len(plain))):
            styles[index].append(span.style)
    result = Text(style=line.style, justify=line.justify, no_wrap=line.no_wrap, end=line.end)
    for ch, index in zip(shown, order, strict=True):
        result.append(ch, style=Style.combine(_as_styles(styles[index])) if styles[index] else "")
    return result


def _as_styles(styles: Iterable[str | Style]) -> list[Style]:
    return [s if isinstance(s, Style) else Style.parse(s) for s in styles]


def _display_lines(text: Text, width: int, console: Console) -> list[tuple[Text, Direction]]:
    """Each display line with the direction of the paragraph (text up to a newline) it is in."""
    lines: list[tuple[Text, Direction]] = []
    for paragraph in text.split("\n", allow_blank=True):
        direction = paragraph_direction(paragraph.plain)
        wrapped = paragraph.wrap(console, max(width, 1), justify="left", overflow="fold")
        for line in wrapped:
            line.rstrip()
            lines.append((reorder_line(line, base=direction), direction))
    return lines


def wrap_for_display(text: Text, width: int, console: Console) -> tuple[list[Text], Direction]:
    """Wrap ``text`` at ``width`` cells in logical order, then reorder each line for display.

    Returns the display lines (each at most ``width`` cells wide) and the direction of the
    first paragraph. Each paragraph's direction is taken from the whole paragraph, so its
    continuation lines keep it even when they start with a word of the other direction.
    """
    lines = _display_lines(text, width, console)
    direction = lines[0][1] if lines else "L"
    return [line for line, _ in lines], direction


class BidiText:
    """A rich renderable: ``text`` wrapped to the space it gets, then reordered line by line.

    Measures like the text itself, so table columns size as for logical text (reordering
    never changes a line's cell width). Right-to-left paragraphs are aligned right.
    """

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        lines = []
        for line, direction in _display_lines(self.text, width, console):
            line.align("right" if direction == "R" else "left", width)
            lines.append(line)
        joined = Text("\n").join(lines)
        joined.no_wrap = True
        joined.overflow = "crop"
        joined.end = self.text.end
        yield from console.render(joined, options)

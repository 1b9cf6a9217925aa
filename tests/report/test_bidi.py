"""The bidi layer: display order, styles kept, wrapping before reordering, widths, --bidi auto."""

from __future__ import annotations

import io

import pytest
from bidi.algorithm import get_display
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcheck.config import parse_config
from factcheck.errors import ConfigError, UsageError
from factcheck.report import RenderOptions, render_list
from factcheck.report.bidi import (
    BidiText,
    display,
    paragraph_direction,
    reorder_line,
    resolve_bidi,
    visual_order,
    wrap_for_display,
)

PLAIN_LINES = [
    "قال الوزير إن المصنع أغلق",
    "أرسلت كوريا 11000 جندي إلى كورسك",
    "ذكرت وكالة «تاس» أن الاتفاق (الجديد) وقع",
    "TASS said 3 million شحنة arrived",
    "the port of عدن received 4,000 tonnes",
    "نسبة 12.5% في عام 2024",
    "plain English only",
    "",
]


@pytest.mark.parametrize("line", PLAIN_LINES)
def test_visual_order_agrees_with_python_bidi(line: str) -> None:
    shown, order = visual_order(line)
    assert shown == get_display(line)
    assert sorted(order) == list(range(len(line)))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("مرحبا", "ابحرم"),
        ("abc", "abc"),
        ("عدد 42", "42 ددع"),
        ("(نص)", "(صن)"),  # brackets mirror in a right-to-left run
        ("see قال", "see لاق"),
    ],
)
def test_display_examples(line: str, expected: str) -> None:
    assert display(line) == expected


def test_harakat_stay_after_their_letter() -> None:
    shown = display("قالَ")  # fatha on the lam: it must follow the lam on screen too
    assert shown.index("\u064e") == shown.index("ل") + 1


@pytest.mark.parametrize(("text", "direction"), [("قال TASS", "R"), ("TASS قال", "L"),
                                                  ("123 قال", "R"), ("", "L")])
def test_paragraph_direction(text: str, direction: str) -> None:
    assert paragraph_direction(text) == direction


def test_reorder_line_keeps_styles_on_their_characters() -> None:
    line = Text("ذكرت وكالة تاس")
    line.stylize("bold", 5, 10)  # وكالة
    shown = reorder_line(line)
    assert shown.plain == display("ذكرت وكالة تاس")
    bold = "".join(shown.plain[s.start : s.end] for s in shown.spans if "bold" in str(s.style))
    assert bold == display("وكالة")


def _console(width: int = 80) -> Console:
    return Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)


ARABIC = "وعلى الصعيد الاقتصادي ذكرت وكالة تاس الرسمية أن الاتفاق الجديد يشمل السياحة والعلوم"


@pytest.mark.parametrize("width", [12, 20, 33])
def test_wrapping_happens_in_logical_order_before_reordering(width: int) -> None:
    lines, direction = wrap_for_display(Text(ARABIC), width, _console())
    assert direction == "R"
    assert all(cell_len(line.plain) <= width for line in lines)
    # Reading each display line right to left gives the text in its original order.
    logical = " ".join(line.plain[::-1] for line in lines)
    assert logical.split() == ARABIC.split()


def test_continuation_lines_keep_the_paragraph_direction() -> None:
    text = "قال الوزير إن NASA ستطلق 3 أقمار"
    lines, direction = wrap_for_display(Text(text), 10, _console())
    assert direction == "R"
    assert [line.plain for line in lines] == [
        display(piece, base="R") for piece in ("قال الوزير", "إن NASA", "ستطلق 3", "أقمار")
    ]


CELLS = [
    ARABIC,
    "North Korea sent قذائف مدفعية worth $1,000,000 إلى روسيا in 2024",
    "東京 東京 東京 مدينة طوكيو 東京 wide",
    "قالَ الوزيرُ إنّ الاتفاقَ وُقِّعَ في ٢٠٢٤",
]


@pytest.mark.parametrize("text", CELLS)
@pytest.mark.parametrize("width", [40, 61, 100])
def test_table_borders_stay_aligned(text: str, width: int) -> None:
    table = Table(show_lines=True)
    table.add_column("#")
    table.add_column("Claim", ratio=3)
    table.add_column("Other", ratio=1)
    table.add_row("1", BidiText(Text(text)), BidiText(Text("وكالة تاس")))
    console = _console(width)
    console.print(table)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    widths = {cell_len(line) for line in output.splitlines()}
    assert len(widths) == 1, output


def test_rtl_cells_are_right_aligned() -> None:
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(width=30)
    table.add_row(BidiText(Text("قال الوزير")))
    console = _console()
    console.print(table)
    line = console.file.getvalue().splitlines()[0]  # type: ignore[attr-defined]
    assert line.rstrip().endswith(display("قال الوزير"))
    assert line.startswith(" " * 10)


def test_table_renderer_reorders_only_with_bidi(tmp_path: object) -> None:
    from factcheck import api

    document = api.document_from_text(
        "قالت وزارة الصحة إن 40 شخصا لقوا حتفهم في الفيضانات في مارس 2024.\n", path="ar.txt"
    )
    result = api.check_documents([document])
    logical = render_list(result, "table", RenderOptions(width=100))
    shown = render_list(result, "table", RenderOptions(width=100, bidi=True))
    assert "وزارة الصحة" in logical and display("وزارة الصحة") in shown
    assert "وزارة الصحة" not in shown
    assert render_list(result, "json", RenderOptions(bidi=True)) == render_list(result, "json")


@pytest.mark.parametrize(
    ("mode", "environ", "terminal", "expected"),
    [
        ("on", {}, False, True),
        ("off", {}, True, False),
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"FACTCHECK_BIDI": "on"}, False, True),
        ("auto", {"FACTCHECK_BIDI": "off"}, True, False),
        ("auto", {"FACTCHECK_BIDI": "auto"}, True, True),
        ("auto", {"VTE_VERSION": "7200"}, True, False),
        ("auto", {"VTE_VERSION": "5202"}, True, True),
        ("auto", {"KONSOLE_VERSION": "230800"}, True, False),
        ("auto", {"TERM_PROGRAM": "Apple_Terminal"}, True, False),
        ("auto", {"TERM_PROGRAM": "iTerm.app"}, True, True),
    ],
)
def test_resolve_bidi(mode: str, environ: dict[str, str], terminal: bool, expected: bool) -> None:
    assert resolve_bidi(mode, environ=environ, is_terminal=terminal) is expected


@pytest.mark.parametrize(("mode", "environ"), [("sideways", {}), ("auto", {"FACTCHECK_BIDI": "x"})])
def test_resolve_bidi_rejects_bad_values(mode: str, environ: dict[str, str]) -> None:
    with pytest.raises(UsageError):
        resolve_bidi(mode, environ=environ, is_terminal=True)


def test_bidi_config_key(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / ".factcheck.toml"
    assert parse_config({"bidi": "on"}, path).get("bidi") == "on"
    with pytest.raises(ConfigError, match="bidi"):
        parse_config({"bidi": "yes please"}, path)

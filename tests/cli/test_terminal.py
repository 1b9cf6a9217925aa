"""The installed command under a pseudo-terminal, read back from a terminal emulator's screen.

A terminal without bidi support (no VTE/Konsole variables) gets reordered Arabic by default,
the table borders line up on screen, and the progress bar goes to the terminal for many files.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

pyte = pytest.importorskip("pyte", reason="pyte (test extra) reads the terminal screen")

from factcheck.report.bidi import display  # noqa: E402

COLUMNS, ROWS = 120, 400


def _command() -> str:
    script = Path(sys.executable).parent / "factcheck"
    found = str(script) if script.exists() else shutil.which("factcheck")
    if not found:
        pytest.skip("the factcheck console script is not installed")
    return found


def run_in_terminal(*args: str, env: dict[str, str] | None = None) -> tuple[list[str], bytes]:
    """Run ``factcheck ARGS`` on a pseudo-terminal; return the emulated screen and raw output."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    environment = {
        k: v for k, v in os.environ.items()
        if k not in {"NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "FACTCHECK_BIDI",
                     "VTE_VERSION", "KONSOLE_VERSION", "MLTERM", "TERM_PROGRAM"}
    }
    environment |= {"TERM": "xterm-256color", **(env or {})}
    process = subprocess.Popen(
        [_command(), *args], stdin=follower, stdout=follower, stderr=follower,
        env=environment, close_fds=True,
    )
    os.close(follower)
    raw = bytearray()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the other side closed
                break
            if not chunk:
                break
            raw += chunk
        elif process.poll() is not None:
            break
    process.wait(timeout=30)
    os.close(leader)
    assert process.returncode == 0, raw.decode("utf-8", "replace")
    screen = pyte.Screen(COLUMNS, ROWS)
    stream = pyte.ByteStream(screen)
    stream.feed(bytes(raw))
    return [line.rstrip() for line in screen.display if line.strip()], bytes(raw)


def _table_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if line[:1] in "┏┃┡│├└"]


def test_arabic_is_reordered_on_a_terminal_without_bidi(fixtures: Path) -> None:
    article = str(fixtures / "articles" / "ar-port.txt")
    lines, _ = run_in_terminal("list", article, "-e", str(fixtures / "evidence-port.jsonl"))
    screen = "\n".join(lines)
    assert display("ميناء عدن") in screen
    assert "ميناء عدن" not in screen
    table = _table_lines(lines)
    assert table, screen
    # Every row of the table ends at the same column: widths are right on screen.
    assert len({len(line) for line in table}) == 1, screen


def test_bidi_off_keeps_logical_order(fixtures: Path) -> None:
    article = str(fixtures / "articles" / "ar-port.txt")
    lines, _ = run_in_terminal("list", article, "--bidi", "off")
    assert "ميناء عدن" in "\n".join(lines)


def test_progress_bar_on_the_terminal_for_many_files(fixtures: Path, tmp_path: Path) -> None:
    articles = []
    for number in range(3):
        path = tmp_path / f"article-{number}.md"
        shutil.copy(fixtures / "articles" / "en-port.md", path)
        articles.append(str(path))
    lines, raw = run_in_terminal("list", *articles)
    assert b"Checking" in raw or b"Reading" in raw
    assert any("3 claims" in line or "claims in 3 document(s)" in line for line in lines)

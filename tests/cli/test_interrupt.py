"""Interrupted runs: the previous report survives, no temporary file is left, one line on stderr.

A test hook (``_FACTCHECK_TEST_WRITE_DELAY``) pauses ``write_atomic`` after the data is
written and before the rename; the test waits until the process holds the temporary file
open, then signals it.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck import atomic
from factcheck.atomic import unnamed_supported, write_atomic

ARTICLE = "The ministry said 5,000 people were moved in 2023. قال المتحدث إن ٣ ملايين شخص نزحوا.\n"
linux_only = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")


def _writing(pid: int, folder: Path) -> bool:
    """Whether process ``pid`` is paused in the middle of writing into ``folder``: it holds a
    temporary file there open, still after a moment (a support probe is only instantaneous)."""
    if not _open_in(pid, folder):
        return False
    time.sleep(0.3)
    return _open_in(pid, folder)


def _open_in(pid: int, folder: Path) -> bool:
    """Whether process ``pid`` has a file of ``folder`` open (other than the article)."""
    try:
        names = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for name in names:
        try:
            target = os.readlink(f"/proc/{pid}/fd/{name}")
        except OSError:
            continue
        if target.startswith(str(folder)) and "article" not in target:
            return True
    return False


def _start(folder: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "_FACTCHECK_TEST_WRITE_DELAY": "60", "COLUMNS": "120"}
    return subprocess.Popen(
        [sys.executable, "-m", "factcheck", *args],
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # SIGINT may be ignored by whatever started the test run; the child needs the default.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@linux_only
@pytest.mark.parametrize(
    ("sent", "code", "message"),
    [
        (signal.SIGINT, 130, "factcheck: error: interrupted"),
        (signal.SIGTERM, 143, "factcheck: error: terminated"),
        (signal.SIGKILL, -9, None),
    ],
    ids=["SIGINT", "SIGTERM", "SIGKILL"],
)
@pytest.mark.parametrize("fmt", ["json", "html"])
def test_signal_during_write_keeps_old_report(
    tmp_path: Path, sent: signal.Signals, code: int, message: str | None, fmt: str
) -> None:
    article = tmp_path / "article.md"
    article.write_text(ARTICLE * 200, encoding="utf-8")
    report = tmp_path / "report.out"
    report.write_text("previous report\n", encoding="utf-8")
    before = _digest(article)
    process = _start(tmp_path, "list", "article.md", "-f", fmt, "-o", "report.out")
    try:
        deadline = time.monotonic() + 60
        while not _writing(process.pid, tmp_path):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the write never started"
            time.sleep(0.02)
        process.send_signal(sent)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == code
    if message is not None:
        lines = [line for line in stderr.decode().splitlines() if line.strip()]
        assert lines == [message]
        assert b"Traceback" not in stderr
    assert report.read_text(encoding="utf-8") == "previous report\n"
    assert _digest(article) == before  # input files are never modified
    left = sorted(p.name for p in tmp_path.iterdir())
    if sent == signal.SIGKILL and not unnamed_supported(os.stat(tmp_path).st_dev, str(tmp_path)):
        # No process can clean up after SIGKILL: only an unnamed (O_TMPFILE) temporary file
        # vanishes with it, and this filesystem or sandbox cannot link one into place.
        assert [n for n in left if n not in ("article.md", "report.out")] in (
            [], [n for n in left if n.startswith(".report.out.") and n.endswith(".tmp")]
        )
        return
    assert left == ["article.md", "report.out"]


@linux_only
def test_gate_baseline_write_is_atomic_too(tmp_path: Path) -> None:
    article = tmp_path / "article.md"
    article.write_text(ARTICLE, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    baseline.write_text("{}\n", encoding="utf-8")
    process = _start(tmp_path, "gate", "article.md", "--write-baseline", "baseline.json")
    try:
        deadline = time.monotonic() + 60
        while not _writing(process.pid, tmp_path):
            if process.poll() is not None:
                pytest.skip("gate --write-baseline did not write through write_atomic")
            assert time.monotonic() < deadline
            time.sleep(0.02)
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 143
    assert baseline.read_text(encoding="utf-8") == "{}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.md", "baseline.json"]


@pytest.mark.parametrize("unnamed", [True, False], ids=["O_TMPFILE", "named-temporary"])
def test_interrupt_inside_write_atomic_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unnamed: bool
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    if not unnamed:
        monkeypatch.delattr(atomic.os, "O_TMPFILE", raising=False)
    elif not unnamed_supported(os.stat(tmp_path).st_dev, str(tmp_path)):
        pytest.skip("this filesystem or sandbox cannot link an O_TMPFILE file into place")

    def interrupt() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic, "_pause_for_tests", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new" * 1000)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
    monkeypatch.undo()
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_write_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640


def test_ctrl_c_while_loading_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from factcheck import _entry

    class Loading:
        """Stands for factcheck.cli while its imports are interrupted."""

        def __getattr__(self, name: str) -> object:
            raise KeyboardInterrupt

    monkeypatch.setitem(sys.modules, "factcheck.cli", Loading())
    with pytest.raises(SystemExit) as exit_info:
        _entry.main()
    assert exit_info.value.code == 130
    assert capsys.readouterr().err == "factcheck: error: interrupted\n"

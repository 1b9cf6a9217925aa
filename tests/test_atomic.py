"""Atomic writes keep the old file until the new one is complete."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.atomic import write_atomic
from factcheck.errors import FactcheckError


def test_write_and_replace(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    write_atomic(target, "first")
    write_atomic(target, "second ✓")
    assert target.read_text(encoding="utf-8") == "second ✓"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_interrupted_write_leaves_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("factcheck.atomic.os.fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FactcheckError, match="cannot write"):
        write_atomic(tmp_path / "missing" / "out.json", "x")

"""Atomic file writes: nothing the user owns is left half-written.

Data goes to a temporary file in the target's folder, is flushed to disk, then renamed over
the target, so an interrupted run leaves the previous file intact.
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
import time
from pathlib import Path

from factcheck.errors import FactcheckError

# Test hook: seconds to pause after the data is written and before the rename, so tests can
# interrupt a write in progress. Read at call time; never set outside the test suite.
_DELAY_VARIABLE = "_FACTCHECK_TEST_WRITE_DELAY"


def _target_mode(path: Path) -> int:
    """The permissions of the file we replace, else the usual ones for a new file."""
    with contextlib.suppress(OSError):
        return path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _pause_for_tests() -> None:
    delay = os.environ.get(_DELAY_VARIABLE)
    if delay:
        with contextlib.suppress(ValueError):
            time.sleep(float(delay))


@functools.cache
def unnamed_supported(device: int, folder: str) -> bool:
    """Whether ``folder`` (on ``device``) can take an unnamed temporary file and then give it
    a name (needs Linux ``O_TMPFILE``, a supporting filesystem and ``/proc``; some sandboxes
    refuse the link). Probed once per folder."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not Path("/proc/self/fd").is_dir():
        return False
    try:
        handle = os.open(folder, flag | os.O_WRONLY, 0o600)
    except OSError:
        return False
    probe = Path(folder) / f".factcheck-probe.{os.urandom(6).hex()}.tmp"
    try:
        os.link(f"/proc/self/fd/{handle}", probe, follow_symlinks=True)
    except OSError:
        return False
    finally:
        os.close(handle)
    with contextlib.suppress(OSError):
        os.unlink(probe)
    return True


def _write_unnamed(path: Path, folder: Path, payload: bytes) -> bool:
    """Write through an unnamed temporary file (Linux ``O_TMPFILE``), which the kernel removes
    if the process dies, even by SIGKILL; give it a name only to rename it over ``path``.
    False when the platform or filesystem cannot do this."""
    try:
        supported = unnamed_supported(os.stat(folder).st_dev, str(folder.resolve()))
    except OSError:
        return False
    if not supported:
        return False
    try:
        handle = os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o600)
    except OSError:
        return False
    with os.fdopen(handle, "wb") as stream:
        stream.write(payload)
        stream.flush()
        os.fsync(stream.fileno())
        os.fchmod(stream.fileno(), _target_mode(path))
        _pause_for_tests()
        for _ in range(100):
            temporary = folder / f".{path.name}.{os.urandom(6).hex()}.tmp"
            try:
                os.link(f"/proc/self/fd/{handle}", temporary, follow_symlinks=True)
                break
            except FileExistsError:
                continue
            except OSError:
                return False  # /proc links not allowed here: write a named file instead
        else:
            return False
    try:
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return True


def _write_named(path: Path, folder: Path, payload: bytes) -> None:
    """Write through a named temporary file, removed on any error or interruption."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
            os.fchmod(stream.fileno(), _target_mode(path))
            _pause_for_tests()
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_atomic(path: Path, data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` atomically (temporary file + fsync + rename).

    An interruption (Ctrl-C, SIGTERM, even SIGKILL on Linux) leaves the previous file intact
    and no temporary file behind.
    """
    payload = data.encode(encoding) if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    try:
        if not _write_unnamed(path, folder, payload):
            _write_named(path, folder, payload)
    except OSError as error:
        raise FactcheckError(f"{path}: cannot write: {error.strerror or error}") from None

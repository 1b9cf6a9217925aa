"""Lines added or changed since a git revision (``--diff-base``), via the ``git`` command.

Compares the working tree with REV (``git diff --unified=0``); a file git did not know at REV
counts as wholly new.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

from factcheck.errors import UsageError

_HUNK = re.compile(r"^@@ -\d{1,10}(?:,\d{1,10})? \+(\d{1,10})(?:,(\d{1,10}))? @@", re.MULTILINE)
ALL_LINES = None


def _git(args: Sequence[str], cwd: Path) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60
        )
    except FileNotFoundError:
        raise UsageError("--diff-base needs the git command, which was not found") from None
    except subprocess.TimeoutExpired:
        raise UsageError("git did not answer within 60 s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[0] if message else f"exit {done.returncode}"
        raise UsageError(f"git {args[0]} failed: {detail}")
    return done.stdout.decode("utf-8", "replace")


_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}


def _diff_path(raw: str) -> str:
    """A path from a ``+++`` line: git ends a name holding a space with a tab, and quotes a
    name holding '"', '\\' or control characters C-style (octal escapes for raw bytes)."""
    raw = raw.removesuffix("\t")
    if not (len(raw) >= 2 and raw.startswith('"') and raw.endswith('"')):
        return raw
    out = bytearray()
    body = raw[1:-1]
    index = 0
    while index < len(body):
        char = body[index]
        if char != "\\" or index + 1 >= len(body):
            out += char.encode("utf-8")
            index += 1
        elif body[index + 1] in _ESCAPES:
            out.append(_ESCAPES[body[index + 1]])
            index += 2
        else:
            digits = body[index + 1 : index + 4]
            octal = len(digits) == 3 and all(d in "01234567" for d in digits)
            out.append(int(digits, 8) & 0xFF if octal else ord("\\"))
            index += 4 if octal else 1
    return out.decode("utf-8", "replace")


def changed_lines(revision: str, files: Sequence[Path]) -> dict[Path, set[int] | None]:
    """For each file (resolved path): the 1-based line numbers added or changed since
    ``revision``, or None when the file is new since then (every line counts)."""
    if revision.startswith("-"):
        raise UsageError(f"--diff-base: {revision!r} is not a revision")
    if not files:
        return {}
    cwd = files[0].resolve().parent
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip()).resolve()
    except UsageError as error:
        if "not a git repository" not in str(error):
            raise
        raise UsageError(f"--diff-base: {cwd} is not inside a git repository") from None
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], top)
    except UsageError:
        raise UsageError(f"--diff-base: unknown git revision {revision!r}") from None
    known = set(_git(["ls-tree", "-r", "--name-only", "-z", revision], top).split("\0"))
    relative: dict[str, Path] = {}
    result: dict[Path, set[int] | None] = {}
    for path in files:
        resolved = path.resolve()
        try:
            name = resolved.relative_to(top).as_posix()
        except ValueError:
            raise UsageError(f"{path}: outside the git repository at {top}") from None
        if name in known:
            relative[name] = resolved
            result[resolved] = set()
        else:
            result[resolved] = ALL_LINES
    if not relative:
        return result
    diff = _git(
        ["-c", "core.quotepath=false", "diff", "--unified=0", "--no-color", "--no-ext-diff",
         "--no-renames", "--src-prefix=a/", "--dst-prefix=b/", revision, "--", *relative],
        top,
    )
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = _diff_path(line[4:]).removeprefix("b/")
            target = relative.get(name)
            current = result[target] if target is not None else None
            continue
        match = _HUNK.match(line)
        if match and current is not None:
            start = int(match.group(1))
            count = 1 if match.group(2) is None else int(match.group(2))
            current.update(range(start, start + count))
    return result

"""Finding the drafts to gate: files, directories (walked, ``.gitignore`` respected) and globs.

Include/exclude patterns use ``.gitignore`` syntax (``pathspec``) against paths relative to the
folder being walked; files named explicitly skip ``include`` but not ``exclude``.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from factcheck.errors import InputError

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt", "*.html", "*.htm")
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Discovery:
    """The files found, in a stable order, and the patterns that matched nothing."""

    files: tuple[Path, ...]
    unmatched: tuple[str, ...] = field(default_factory=tuple)


def _spec(patterns: Sequence[str]) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _git_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _read_ignore(folder: Path) -> pathspec.GitIgnoreSpec | None:
    ignore = folder / ".gitignore"
    if not ignore.is_file():
        return None
    try:
        lines = ignore.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return _spec(lines)


class _Ignores:
    """``.gitignore`` files from the repository root down to the folders being walked."""

    def __init__(self) -> None:
        self._cache: dict[Path, pathspec.GitIgnoreSpec | None] = {}

    def _get(self, folder: Path) -> pathspec.GitIgnoreSpec | None:
        if folder not in self._cache:
            self._cache[folder] = _read_ignore(folder)
        return self._cache[folder]

    def ignored(self, path: Path, *, is_dir: bool) -> bool:
        root = _git_root(path.parent) or path.parent
        folders = [path.parent, *path.parent.parents]
        for folder in folders:
            spec = self._get(folder)
            if spec is not None:
                relative = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
                if spec.match_file(relative):
                    return True
            if folder == root:
                break
        return False


def _relative(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def discover(
    targets: Sequence[str],
    *,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    respect_gitignore: bool = True,
    cwd: Path | None = None,
) -> Discovery:
    """Expand ``targets`` (files, directories, globs) into the draft files to check.

    A missing file or directory is an :class:`InputError`; a glob matching nothing is
    reported in ``unmatched`` (the caller decides whether that fails).
    """
    base = (cwd or Path.cwd()).resolve()
    include_spec = _spec(include)
    exclude_spec = _spec(exclude)
    ignores = _Ignores()
    seen: set[Path] = set()
    files: list[Path] = []
    unmatched: list[str] = []

    def excluded(path: Path, root: Path, *, is_dir: bool = False) -> bool:
        resolved = path.resolve()
        suffix = "/" if is_dir else ""
        candidates = {_relative(resolved, root) + suffix, _relative(resolved, base) + suffix}
        return any(exclude_spec.match_file(c) for c in candidates)

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            files.append(path)

    def walk(folder: Path) -> None:
        root = folder.resolve()
        found: list[Path] = []
        for current, dirs, names in os.walk(folder):
            here = Path(current)
            kept = []
            for name in sorted(dirs):
                child = here / name
                if name == ".git" or excluded(child, root, is_dir=True):
                    continue
                if respect_gitignore and ignores.ignored(child.resolve(), is_dir=True):
                    continue
                kept.append(name)
            dirs[:] = kept
            for name in sorted(names):
                child = here / name
                relative = _relative(child.resolve(), root)
                if not include_spec.match_file(relative) or excluded(child, root):
                    continue
                if respect_gitignore and ignores.ignored(child.resolve(), is_dir=False):
                    continue
                if not child.is_file():
                    continue  # a FIFO or socket named like a draft would block the read
                found.append(child)
        for path in sorted(found, key=lambda p: p.as_posix()):
            add(path)

    for target in targets:
        if any(ch in _GLOB_CHARS for ch in target) and not Path(target).exists():
            matches = sorted(glob.glob(target, recursive=True))
            if not matches:
                unmatched.append(target)
            for match in matches:
                path = Path(match)
                if path.is_dir():
                    walk(path)
                elif not path.is_file():
                    continue
                elif include_spec.match_file(_relative(path.resolve(), base)) and not excluded(
                    path, base
                ):
                    add(path)
            continue
        path = Path(target)
        if path.is_dir():
            walk(path)
        elif path.exists():
            if not path.is_file():
                raise InputError(f"{target}: not a regular file (use '-' for standard input)")
            if not excluded(path, base):
                add(path)
        else:
            raise InputError(f"{target}: no such file or directory")
    return Discovery(files=tuple(files), unmatched=tuple(unmatched))

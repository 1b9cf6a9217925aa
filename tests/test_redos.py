"""Every regular expression of the package stays linear on pathological input.

Collects each compiled pattern: module-level ``re.Pattern`` objects (also inside module-level
dicts, lists, tuples and dataclasses) and those built from language packs by the cached
builder functions (``@cache``/``@lru_cache`` functions taking a ``LanguagePack`` or nothing).
Each is scanned (``finditer``: a match attempt at every position, the worst case) over
100,000-character strings of one repeated character or pair, drawn from the pattern's own
literal characters and from common text. Catastrophic backtracking on 100k characters takes
minutes; the bound is generous.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import inspect
import pkgutil
import re
import time
from typing import Any

import pytest

import factcheck
from factcheck.lang import available_languages, get_pack

LENGTH = 100_000
BOUND_SECONDS = 10.0
BASE_CHARS = ["a", " ", "1", "ا", "\n", ".", "#"]
PAIRS = ["a ", "1,", "ا ", "](", "a1", "e\u0301"]
SPECIAL = set("()[]{}?*+|^$\\.")


def _modules() -> list[Any]:
    found = []
    for info in pkgutil.walk_packages(factcheck.__path__, "factcheck."):
        if info.name.endswith("__main__"):
            continue  # running it would start the command line
        try:
            found.append(importlib.import_module(info.name))
        except ImportError:  # an optional dependency is missing
            continue
    return found


def _walk(value: Any, found: dict[str, tuple[re.Pattern[Any], str]], where: str,
          seen: set[int], depth: int = 0) -> None:
    if id(value) in seen or depth > 6:
        return
    seen.add(id(value))
    if isinstance(value, re.Pattern):
        found.setdefault(f"{value.pattern!r}/{value.flags}", (value, where))
    elif isinstance(value, dict):
        for item in value.values():
            _walk(item, found, where, seen, depth + 1)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            _walk(item, found, where, seen, depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            _walk(getattr(value, field.name), found, where, seen, depth + 1)
    elif (
        hasattr(value, "__dict__")
        and not inspect.ismodule(value)
        and not inspect.isclass(value)
        and not callable(value)
    ):
        for item in vars(value).values():
            _walk(item, found, where, seen, depth + 1)


def collect_patterns() -> dict[str, tuple[re.Pattern[Any], str]]:
    """Every compiled pattern of the package, keyed by source, with where it was found."""
    found: dict[str, tuple[re.Pattern[Any], str]] = {}
    seen: set[int] = set()
    packs = [get_pack(code) for code in (*available_languages(), "generic")]
    for module in _modules():
        for name, value in vars(module).items():
            where = f"{module.__name__}.{name}"
            if isinstance(value, functools._lru_cache_wrapper):
                if getattr(value, "__module__", "") != module.__name__:
                    continue
                parameters = list(inspect.signature(value).parameters.values())
                if not parameters:
                    _walk(value(), found, f"{where}()", seen)
                elif len(parameters) == 1 and "LanguagePack" in str(parameters[0].annotation):
                    for pack in packs:
                        _walk(value(pack), found, f"{where}({pack.code})", seen)
            elif not callable(value) and not inspect.ismodule(value):
                _walk(value, found, where, seen)
    return found


PATTERNS = collect_patterns()


def _inputs(pattern: re.Pattern[Any]) -> list[str]:
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode()
    literals = [c for c in dict.fromkeys(source) if c.isprintable() and c not in SPECIAL]
    chars = list(dict.fromkeys(BASE_CHARS + literals[:5]))
    texts = [c * LENGTH for c in chars]
    texts += [(pair * (LENGTH // len(pair) + 1))[:LENGTH] for pair in PAIRS]
    return texts


def test_patterns_were_collected() -> None:
    # The segmenter, quantities, attribution and check-worthiness all compile patterns.
    wheres = " ".join(where for _, where in PATTERNS.values())
    assert len(PATTERNS) >= 50
    for module in ("segment", "quantities", "claims", "attribution", "matching", "reader"):
        assert module in wheres


@pytest.mark.parametrize(
    "key", sorted(PATTERNS), ids=[f"{PATTERNS[k][1]}#{i}" for i, k in enumerate(sorted(PATTERNS))]
)
def test_pattern_is_linear_on_pathological_input(key: str) -> None:
    pattern, where = PATTERNS[key]
    for text in _inputs(pattern):
        subject: str | bytes = text.encode() if isinstance(pattern.pattern, bytes) else text
        started = time.perf_counter()
        for _ in pattern.finditer(subject):  # type: ignore[arg-type]
            pass
        pattern.fullmatch(subject)  # type: ignore[arg-type]
        elapsed = time.perf_counter() - started
        assert elapsed < BOUND_SECONDS, f"{where}: {elapsed:.1f}s on {text[:12]!r}*"

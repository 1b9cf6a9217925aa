"""Ratings: map the free-text rating of an evidence entry to a rating class.

The table lives in data (``ratings.toml``, English and Arabic) so adding a rating is adding a line.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from factcheck.models import RatingClass
from factcheck.text.normalise import normalise

_CLASSES: tuple[RatingClass, ...] = ("true", "false", "mixed", "unproven")


@lru_cache(maxsize=1)
def rating_table() -> dict[str, RatingClass]:
    """The rating table: normalised phrase -> rating class (read once from ``ratings.toml``)."""
    raw = resources.files(__package__).joinpath("ratings.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    table: dict[str, RatingClass] = {}
    for rating_class in _CLASSES:
        for phrase in data.get(rating_class, []):
            table[normalise(str(phrase))] = rating_class
    return table


def _longest_first(table: Mapping[str, RatingClass]) -> tuple[tuple[str, RatingClass], ...]:
    # Longest first so "not true" / «غير صحيح» win over the "true" / «صحيح» they contain.
    return tuple(sorted(table.items(), key=lambda item: (-len(item[0].split()), -len(item[0]))))


@lru_cache(maxsize=1)
def _phrases_longest_first() -> tuple[tuple[str, RatingClass], ...]:
    return _longest_first(rating_table())


def _classify(
    rating: str | None,
    table: Mapping[str, RatingClass],
    phrases: Sequence[tuple[str, RatingClass]],
) -> RatingClass:
    if rating is None:
        return "true"
    key = normalise(rating)
    if not key:
        return "true"
    if key in table:
        return table[key]
    padded = f" {key} "
    for phrase, rating_class in phrases:
        if f" {phrase} " in padded:
            return rating_class
    return "unproven"


class RatingTable:
    """The rating table of ``ratings.toml`` with phrases added or moved by the config key
    ``ratings`` (``{class: [phrase, ...]}``: a phrase given there wins over the built-in one)."""

    def __init__(self, extra: Mapping[str, Sequence[str]] | None = None) -> None:
        """``extra``: rating class -> phrases (natural spelling, any case)."""
        table = dict(rating_table())
        for rating_class, phrases in (extra or {}).items():
            if rating_class not in _CLASSES:
                known = ", ".join(_CLASSES)
                raise ValueError(f"unknown rating class {rating_class!r} (known: {known})")
            for phrase in phrases:
                key = normalise(phrase)
                if key:
                    table[key] = rating_class
        self._table = table
        self._phrases = _longest_first(table)
        self._cache: dict[str | None, RatingClass] = {}

    def classify(self, rating: str | None) -> RatingClass:
        """:func:`classify_rating` with this table."""
        found = self._cache.get(rating)
        if found is None:
            found = self._cache[rating] = _classify(rating, self._table, self._phrases)
        return found


@lru_cache(maxsize=1024)
def classify_rating(rating: str | None) -> RatingClass:
    """Map a free-text rating (True, Pants on Fire, زائف ...) to a rating class.

    Case, diacritics, hamza forms and punctuation are ignored. The whole rating is looked up in
    the table first, then the longest table phrase found in it on word boundaries decides
    ("Rating: Mostly False" -> false). A missing or empty rating means the entry states a known
    fact: ``"true"``. Text that matches nothing is ``"unproven"`` (we cannot tell what it means).
    """
    return _classify(rating, rating_table(), _phrases_longest_first())

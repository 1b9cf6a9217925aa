"""Ratings: map the free-text rating of an evidence entry to a rating class.

The table lives in data (``ratings.toml``, English and Arabic) so adding a rating is adding a line.
"""

from __future__ import annotations

import sys
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


@lru_cache(maxsize=1)
def _phrases_longest_first() -> tuple[tuple[str, RatingClass], ...]:
    # Longest first so "not true" / «غير صحيح» win over the "true" / «صحيح» they contain.
    table = rating_table()
    return tuple(sorted(table.items(), key=lambda item: (-len(item[0].split()), -len(item[0]))))


@lru_cache(maxsize=1024)
def classify_rating(rating: str | None) -> RatingClass:
    """Map a free-text rating (True, Pants on Fire, زائف ...) to a rating class.

    Case, diacritics, hamza forms and punctuation are ignored. The whole rating is looked up in
    the table first, then the longest table phrase found in it on word boundaries decides
    ("Rating: Mostly False" -> false). A missing or empty rating means the entry states a known
    fact: ``"true"``. Text that matches nothing is ``"unproven"`` (we cannot tell what it means).
    """
    if rating is None:
        return "true"
    key = normalise(rating)
    if not key:
        return "true"
    table = rating_table()
    if key in table:
        return table[key]
    padded = f" {key} "
    for phrase, rating_class in _phrases_longest_first():
        if f" {phrase} " in padded:
            return rating_class
    return "unproven"

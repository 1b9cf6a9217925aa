"""Quantities: numbers, number words, scales, percentages, years and dates, with qualifiers.

(stub: to be implemented)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.lang import LanguagePack
from factcheck.models import Quantity


def extract_quantities(text: str, pack: LanguagePack) -> list[Quantity]:
    """Quantities in ``text`` with offsets into ``text``."""
    raise NotImplementedError


@dataclass(frozen=True)
class QuantityConflict:
    """A claim quantity that contradicts the evidence quantity it was paired with."""

    claim: Quantity
    evidence: Quantity


def find_conflicts(claim: Sequence[Quantity], evidence: Sequence[Quantity]) -> list[QuantityConflict]:
    """Pair claim and evidence quantities of the same kind (and unit) and return contradictions."""
    raise NotImplementedError


def describe(quantity: Quantity) -> str:
    """Human-readable form, e.g. ``"more than 8,000,000 shells"`` or ``"June 2024"``."""
    raise NotImplementedError

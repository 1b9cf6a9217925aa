"""Verdicts: from a claim and its evidence matches to supported/refuted/mixed/unverified.

(stub: to be implemented)
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.lang import LanguagePack
from factcheck.models import Match, Quantity, Verdict


def decide(
    claim_text: str,
    claim_quantities: Sequence[Quantity],
    matches: Sequence[Match],
    *,
    pack: LanguagePack,
    min_score: float,
) -> Verdict:
    """The verdict for a claim given its matches (best first), with a one-line reason."""
    raise NotImplementedError

"""Check-worthiness: is a sentence a checkable factual claim, and how check-worthy is it.

(stub: to be implemented)
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.lang import LanguagePack
from factcheck.models import Attribution, Checkworthiness, Quantity


def assess_checkworthiness(
    text: str,
    pack: LanguagePack,
    *,
    quantities: Sequence[Quantity] = (),
    attribution: Attribution | None = None,
) -> Checkworthiness:
    """Score ``text`` in [0, 1]; ``is_claim`` says whether it is a claim worth listing."""
    raise NotImplementedError

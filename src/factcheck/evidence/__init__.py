"""Evidence: reading evidence files, mapping ratings, and fuzzy matching against entries.

``formats`` reads and validates files, ``ratings`` maps ratings to classes, ``matching`` scores.
"""

from __future__ import annotations

from factcheck.evidence.formats import (
    EvidenceProblem,
    ValidationReport,
    load_evidence,
    validate_evidence,
)
from factcheck.evidence.matching import EvidenceBase, canonical
from factcheck.evidence.ratings import classify_rating

__all__ = [
    "EvidenceBase",
    "EvidenceProblem",
    "ValidationReport",
    "canonical",
    "classify_rating",
    "load_evidence",
    "validate_evidence",
]

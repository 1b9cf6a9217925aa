"""Evidence: reading evidence files, mapping ratings, and fuzzy matching against entries.

``formats`` (and ``ecosystem``: ClaimReview, Google) read and validate files, ``ratings`` maps
ratings to classes, ``matching`` scores, ``index`` keeps large evidence in an on-disk index.
"""

from __future__ import annotations

from factcheck.evidence.base import EvidenceBase
from factcheck.evidence.formats import (
    EvidenceProblem,
    ValidationReport,
    convert_file,
    load_evidence,
    read_evidence,
    validate_evidence,
)
from factcheck.evidence.matching import canonical, canonical_many
from factcheck.evidence.ratings import RatingTable, classify_rating
from factcheck.evidence.source import EvidenceSource, MergedEvidence

__all__ = [
    "EvidenceBase",
    "EvidenceProblem",
    "EvidenceSource",
    "MergedEvidence",
    "RatingTable",
    "ValidationReport",
    "canonical",
    "canonical_many",
    "classify_rating",
    "convert_file",
    "load_evidence",
    "read_evidence",
    "validate_evidence",
]

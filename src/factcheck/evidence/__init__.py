"""Evidence: reading evidence files, mapping ratings, and fuzzy matching against entries.

(stub: to be implemented)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.models import EvidenceEntry, Match, RatingClass


@dataclass(frozen=True)
class EvidenceProblem:
    """One malformed entry: where it is and what is wrong."""

    path: str
    line: int
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    """Entries read from an evidence file and the problems found."""

    path: str
    entries: tuple[EvidenceEntry, ...]
    problems: tuple[EvidenceProblem, ...]


def classify_rating(rating: str | None) -> RatingClass:
    """Map a free-text rating (True, Pants on Fire, زائف ...) to a rating class."""
    raise NotImplementedError


def validate_evidence(path: Path) -> ValidationReport:
    """Read an evidence file (JSONL, JSON array, CSV, YAML) and collect every problem."""
    raise NotImplementedError


def load_evidence(paths: Sequence[Path]) -> list[EvidenceEntry]:
    """Read evidence files; raise ``EvidenceError`` naming file, line and field on the first problem."""
    raise NotImplementedError


class EvidenceBase:
    """Entries prepared for fuzzy matching (normalised once)."""

    def __init__(self, entries: Sequence[EvidenceEntry]) -> None:
        raise NotImplementedError

    def search(self, text: str, *, top: int = 5, min_score: float = 0.0) -> list[Match]:
        """The best ``top`` matches of ``text`` scoring at least ``min_score`` (0-100)."""
        raise NotImplementedError

    def search_many(
        self, texts: Sequence[str], *, top: int = 5, min_score: float = 0.0
    ) -> list[list[Match]]:
        """:meth:`search` for many texts at once (vectorised)."""
        raise NotImplementedError

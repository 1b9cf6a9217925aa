"""What claims are matched against: the ``EvidenceSource`` protocol and a merge of sources.

:class:`~factcheck.evidence.matching.EvidenceBase` (brute force) and
:class:`~factcheck.evidence.index.IndexedEvidence` (persistent index) both implement it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from factcheck.models import Match


class EvidenceSource(Protocol):
    """Anything claims can be matched against; scores are 0-100, best first."""

    def __len__(self) -> int: ...

    def search(self, text: str, *, top: int = 5, min_score: float = 0.0) -> list[Match]:
        """The best ``top`` matches of ``text`` scoring at least ``min_score``."""
        ...

    def search_many(
        self, texts: Sequence[str], *, top: int = 5, min_score: float = 0.0
    ) -> list[list[Match]]:
        """:meth:`search` for many texts at once."""
        ...


class MergedEvidence:
    """Several sources searched as one (e.g. local evidence and a remote service's answers);
    equal scores keep the sources' order."""

    def __init__(self, sources: Sequence[EvidenceSource]) -> None:
        """``sources`` in priority order."""
        self.sources = tuple(sources)

    def __len__(self) -> int:
        return sum(len(source) for source in self.sources)

    def search(self, text: str, *, top: int = 5, min_score: float = 0.0) -> list[Match]:
        """The best ``top`` matches of ``text`` over every source."""
        return self.search_many([text], top=top, min_score=min_score)[0]

    def search_many(
        self, texts: Sequence[str], *, top: int = 5, min_score: float = 0.0
    ) -> list[list[Match]]:
        """:meth:`search` for many texts at once."""
        found = [s.search_many(texts, top=top, min_score=min_score) for s in self.sources]
        merged: list[list[Match]] = []
        for index in range(len(texts)):
            matches = [m for per_source in found for m in per_source[index]]
            merged.append(sorted(matches, key=lambda m: -m.score)[:top])  # stable: source order
        return merged

"""Brute-force matching: every claim scored against every entry of the evidence.

The exact search that the index (:mod:`factcheck.evidence.index`) reproduces for large evidence
and that benchmarks compare it with. Entry vectors come from the vector cache, so a file is
embedded once, not on every run.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from factcheck.evidence import lexical
from factcheck.evidence.features import (
    CHUNK,
    EntrySet,
    Queries,
    ScoredBlock,
    matching_forms,
    score_block,
)
from factcheck.models import EvidenceEntry, Match
from factcheck.semantic import EncoderLink
from factcheck.text.social import strip_social_noise


def entry_set(
    entries: Sequence[EvidenceEntry],
    forms: Sequence[str],
    encoder: EncoderLink | None,
) -> EntrySet:
    """An :class:`EntrySet` of ``entries`` with statistics per evidence file (``origin``) and,
    with an encoder, their vectors (claims and headlines)."""
    origins: dict[str, int] = {}
    groups = np.array([origins.setdefault(e.origin, len(origins)) for e in entries], np.intp)
    token_lists = [lexical.tokens(form) for form in forms]
    stats: list[lexical.TermStats] = []
    masses = np.zeros(len(entries), dtype=np.float64)
    for group in range(len(origins)):
        rows = np.flatnonzero(groups == group)
        members = [token_lists[row] for row in rows]
        stats.append(lexical.TermStats.of(members))
        masses[rows] = lexical.entry_masses(members, stats[-1])
    prepared = EntrySet(tuple(entries), list(forms), groups, stats, masses)
    if encoder is not None and entries:
        texts, titled = entry_texts(entries)
        embedded = encoder.codes(texts)
        if embedded is not None:
            codes, scales = embedded[0].astype(np.float32), embedded[1]
            count = len(entries)
            prepared.codes, prepared.scales = codes[:count], scales[:count]
            prepared.title_rows = np.array(titled, dtype=np.intp)
            prepared.title_codes, prepared.title_scales = codes[count:], scales[count:]
    return prepared


def entry_texts(entries: Sequence[EvidenceEntry]) -> tuple[list[str], list[int]]:
    """What is embedded of ``entries``: every claim, then the headline of each entry that has
    one (noise out); and the positions of those entries."""
    titled = [row for row, e in enumerate(entries) if e.title]
    texts = [strip_social_noise(e.claim) for e in entries]
    texts += [strip_social_noise(entries[row].title or "") for row in titled]
    return texts, titled


def entry_forms(entries: Sequence[EvidenceEntry]) -> list[str]:
    """The matching form of each entry: its claim and headline, noise out, canonical."""
    return matching_forms([f"{e.claim} {e.title}" if e.title else e.claim for e in entries])


def best_matches(
    block: ScoredBlock,
    row: int,
    entries: Sequence[EvidenceEntry],
    *,
    top: int,
    min_score: float,
    allowed: npt.NDArray[np.intp] | None = None,
) -> list[Match]:
    """The ``top`` best matches of claim ``row`` of ``block`` (ties in entry order), only
    among the ``allowed`` columns when given. Entries scoring 0 are never returned."""
    scores = block.scores[row]
    columns = np.arange(len(scores)) if allowed is None else np.sort(allowed)
    values = scores[columns]
    order = columns[np.argsort(-values, kind="stable")][:top]
    return [
        Match(entries[column], float(scores[column]), block.parts(row, int(column)))
        for column in order
        if scores[column] > 0 and scores[column] >= min_score
    ]


class EvidenceBase:
    """Entries matched by brute force (see :mod:`factcheck.evidence.features` for the score).

    Scores are 0-100, best first; equal scores keep evidence-file order. Without an
    ``encoder`` (or when it cannot be loaded) the score is lexical only.
    """

    def __init__(
        self,
        entries: Sequence[EvidenceEntry],
        *,
        forms: Sequence[str] | None = None,
        encoder: EncoderLink | None = None,
    ) -> None:
        """Prepare ``entries``; ``forms`` are their matching forms when already known (an
        index stores them), else they are computed. Vectors are made on the first search."""
        self.entries: tuple[EvidenceEntry, ...] = tuple(entries)
        if forms is None:
            forms = entry_forms(self.entries)
        elif len(forms) != len(self.entries):
            raise ValueError("one canonical form per entry is needed")
        self._forms = list(forms)
        self.encoder = encoder
        self._prepared: EntrySet | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def prepared(self) -> EntrySet:
        """The entries ready for scoring (built once)."""
        if self._prepared is None:
            self._prepared = entry_set(self.entries, self._forms, self.encoder)
        return self._prepared

    def blocks(self, texts: Sequence[str]) -> list[tuple[int, ScoredBlock]]:
        """Score blocks of at most ``CHUNK`` texts each, with the first text's position."""
        if not texts or not self.entries:
            return []
        prepared = self.prepared()
        queries = Queries.of(texts, self.encoder if prepared.semantic else None)
        return [
            (start, score_block(queries.part(start, start + CHUNK), prepared))
            for start in range(0, len(texts), CHUNK)
        ]

    def scores(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """The full ``len(texts) x len(entries)`` score matrix (0-100)."""
        result = np.zeros((len(texts), len(self.entries)), dtype=np.float32)
        for start, block in self.blocks(texts):
            result[start : start + len(block.scores)] = block.scores
        return result

    def search(self, text: str, *, top: int = 5, min_score: float = 0.0) -> list[Match]:
        """The best ``top`` matches of ``text`` scoring at least ``min_score`` (0-100).

        Entries scoring 0 are never returned.
        """
        return self.search_many([text], top=top, min_score=min_score)[0]

    def search_many(
        self, texts: Sequence[str], *, top: int = 5, min_score: float = 0.0
    ) -> list[list[Match]]:
        """:meth:`search` for many texts at once (vectorised)."""
        if top <= 0 or not self.entries:
            return [[] for _ in texts]
        results: list[list[Match]] = []
        for _, block in self.blocks(texts):
            for row in range(len(block.scores)):
                results.append(
                    best_matches(block, row, self.entries, top=top, min_score=min_score)
                )
        return results

"""Lexical agreement of a claim and an entry: the share of their informative words they share.

Words are the tokens of the canonical forms (:func:`factcheck.evidence.matching.canonical`),
weighted by inverse document frequency over the entry's evidence file, as BM25 weighs them.
Two shares go to the scorer: how much of the entry's weight the claim contains
(``entry_coverage``: a tweet that quotes a checked claim covers it all, whatever else it says)
and how much of the claim's weight the entry contains (``claim_coverage``). Unlike a BM25 score
both are absolute (0-1), so they can be calibrated. The brute-force matcher and the index call
the same functions, adding the same floats in the same order, so their scores are identical.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt


def tokens(form: str) -> list[str]:
    """The distinct tokens of a canonical form, in order."""
    return list(dict.fromkeys(form.split()))


def idf(documents: int, frequency: int) -> float:
    """BM25's inverse document frequency of a token found in ``frequency`` of ``documents``
    entries (a token found in none weighs most)."""
    return float(np.log1p((documents - frequency + 0.5) / (frequency + 0.5)))


@dataclass(frozen=True)
class TermStats:
    """Document frequencies of one evidence file's tokens."""

    documents: int
    frequency: Mapping[str, int]

    @classmethod
    def of(cls, token_lists: Sequence[Sequence[str]]) -> TermStats:
        """The statistics of entries given as their distinct tokens."""
        frequency: dict[str, int] = {}
        for entry_tokens in token_lists:
            for token in entry_tokens:
                frequency[token] = frequency.get(token, 0) + 1
        return cls(len(token_lists), frequency)

    def weights(self, claim_tokens: Iterable[str]) -> dict[str, float]:
        """The idf of each token, in a fixed (sorted) order."""
        return {t: idf(self.documents, self.frequency.get(t, 0)) for t in sorted(set(claim_tokens))}


def masses_from_ids(
    term_ids: npt.NDArray[np.int64],
    counts: npt.NDArray[np.int64],
    frequency: npt.NDArray[np.int64],
    documents: int,
) -> npt.NDArray[np.float64]:
    """The summed idf of each entry's tokens, given every entry's token ids in order
    (``counts[i]`` of them for entry ``i``) and each id's document frequency. The index build
    and brute force both call this, so the sums are the same floats."""
    weights = np.array([idf(documents, int(f)) for f in frequency.tolist()], dtype=np.float64)
    rows = np.repeat(np.arange(len(counts)), counts)
    masses: npt.NDArray[np.float64] = np.bincount(
        rows, weights=weights[term_ids], minlength=len(counts)
    ).astype(np.float64)
    return masses


def entry_masses(token_lists: Sequence[Sequence[str]], stats: TermStats) -> npt.NDArray[np.float64]:
    """The summed idf of each entry's tokens (see :func:`masses_from_ids`)."""
    vocabulary: dict[str, int] = {}
    ids = [vocabulary.setdefault(t, len(vocabulary)) for tokens in token_lists for t in tokens]
    frequency = np.array([stats.frequency.get(t, 0) for t in vocabulary], dtype=np.int64)
    counts = np.array([len(tokens) for tokens in token_lists], dtype=np.int64)
    return masses_from_ids(np.array(ids, dtype=np.int64), counts, frequency, stats.documents)


def shared_mass(
    weights: Mapping[str, float], postings: Mapping[str, npt.NDArray[np.intp]], size: int
) -> npt.NDArray[np.float64]:
    """Per entry (``size`` of them), the summed weight of the claim tokens it contains.
    ``postings[token]``: the positions of the entries holding ``token``. Tokens are added in
    the order of ``weights`` (sorted), so every caller gets the same floats."""
    shared = np.zeros(size, dtype=np.float64)
    for token, weight in weights.items():
        rows = postings.get(token)
        if rows is not None and len(rows):
            shared[rows] += weight
    return shared


def postings_of(token_lists: Sequence[Sequence[str]]) -> dict[str, npt.NDArray[np.intp]]:
    """Token -> positions of the entries holding it (each entry's tokens are distinct)."""
    found: dict[str, list[int]] = {}
    for row, entry_tokens in enumerate(token_lists):
        for token in entry_tokens:
            found.setdefault(token, []).append(row)
    return {token: np.array(rows, dtype=np.intp) for token, rows in found.items()}


def coverages(
    weights: Mapping[str, float],
    shared: npt.NDArray[np.float64],
    masses: npt.NDArray[np.float64],
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """(entry coverage, claim coverage) of every entry, 0-1, from the shared weight."""
    claim_mass = float(sum(weights.values()))
    entry = np.divide(shared, masses, out=np.zeros_like(shared), where=masses > 0)
    claim = shared / claim_mass if claim_mass > 0 else np.zeros_like(shared)
    return np.clip(entry, 0, 1).astype(np.float32), np.clip(claim, 0, 1).astype(np.float32)

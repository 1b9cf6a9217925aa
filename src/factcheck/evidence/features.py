"""The parts of every match score, for claims against a set of entries.

Brute-force matching (:class:`~factcheck.evidence.matching.EvidenceBase`) scores a claim
against every entry; the index scores it against its candidates. Both build an
:class:`EntrySet` and call :func:`score_matrix`, so a pair gets the same score either way:
spelling is rapidfuzz on canonical forms; lexical coverage adds the same idf weights in the
same order (:mod:`factcheck.evidence.lexical`); the semantic part is an exact integer dot
product of int8 codes (every partial sum is an integer below 2**24, so float32 holds it
exactly whatever the order of summation), times the two scales.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from factcheck.evidence import lexical, scorer
from factcheck.evidence.lexical import TermStats
from factcheck.evidence.matching import (
    LONG_CLAIM_SET_WEIGHT,
    MIN_TOKENS,
    SHORT_CLAIM_SET_WEIGHT,
    canonical_many,
    sorted_tokens,
)
from factcheck.models import EvidenceEntry, MatchMode, MatchParts
from factcheck.semantic import EncoderLink
from factcheck.text.social import strip_social_noise

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Rows of the score matrices computed at once: bounds memory to CHUNK x entries floats.
CHUNK = 256
_THREADED_PAIRS = 200_000


def script_of(text: str) -> str:
    """``arabic``, ``latin`` or ``other``: the script most of the text's letters are in."""
    arabic = len(_ARABIC.findall(text))
    latin = len(_LATIN.findall(text))
    if not arabic and not latin:
        return "other"
    return "arabic" if arabic >= latin else "latin"


def matching_forms(texts: Sequence[str]) -> list[str]:
    """What is matched of each text: social-media noise out, then the canonical form."""
    return canonical_many([strip_social_noise(text) for text in texts])


@dataclass(frozen=True)
class Queries:
    """Claims ready for scoring."""

    texts: tuple[str, ...]
    forms: tuple[str, ...]
    tokens: tuple[tuple[str, ...], ...]
    scripts: tuple[str, ...]
    codes: npt.NDArray[np.float32] | None  # int8 codes as floats, (n, dim)
    scales: npt.NDArray[np.float32] | None

    @classmethod
    def of(cls, texts: Sequence[str], encoder: EncoderLink | None) -> Queries:
        """Clean, canonicalise and (with an encoder) embed ``texts``."""
        cleaned = [strip_social_noise(text) for text in texts]
        forms = canonical_many(cleaned)  # = matching_forms(texts), keeping the cleaned texts
        embedded = encoder.codes(cleaned) if encoder is not None and texts else None
        codes = scales = None
        if embedded is not None:
            codes, scales = embedded[0].astype(np.float32), embedded[1]
        return cls(
            tuple(texts),
            tuple(forms),
            tuple(tuple(lexical.tokens(form)) for form in forms),
            tuple(script_of(text) for text in cleaned),
            codes,
            scales,
        )

    def __len__(self) -> int:
        return len(self.texts)

    def part(self, start: int, end: int) -> Queries:
        """Queries ``start:end``."""
        return Queries(
            self.texts[start:end],
            self.forms[start:end],
            self.tokens[start:end],
            self.scripts[start:end],
            None if self.codes is None else self.codes[start:end],
            None if self.scales is None else self.scales[start:end],
        )


@dataclass
class EntrySet:
    """Entries ready for scoring: forms, tokens, lexical statistics and vectors.

    ``forms`` are the entries' matching forms with their headlines (the words the lexical part
    weighs); the spelling part compares the claim alone. ``groups[i]`` says which evidence file
    (``stats[groups[i]]``) entry ``i`` comes from: a word's weight is its idf in its own file,
    as each file has its own index. ``codes`` (and ``title_codes`` for entries with a headline,
    rows ``title_rows``) are int8 codes as floats.
    """

    entries: tuple[EvidenceEntry, ...]
    forms: list[str]
    groups: npt.NDArray[np.intp]
    stats: list[TermStats]
    masses: npt.NDArray[np.float64]
    codes: npt.NDArray[np.float32] | None = None
    scales: npt.NDArray[np.float32] | None = None
    title_rows: npt.NDArray[np.intp] | None = None
    title_codes: npt.NDArray[np.float32] | None = None
    title_scales: npt.NDArray[np.float32] | None = None
    _tokens: list[list[str]] = field(default_factory=list)
    _spelling: list[str] = field(default_factory=list)
    _sorted: list[str] = field(default_factory=list)
    _lengths: npt.NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, np.int32))
    _counts: npt.NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, np.int32))
    _scripts: list[str] = field(default_factory=list)
    _postings: list[dict[str, npt.NDArray[np.intp]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._tokens = [lexical.tokens(form) for form in self.forms]
        # Spelling compares the claim as written, without the headline that ``forms`` (the
        # words weighed by the lexical part) add: the same score as before headlines were read.
        self._spelling = list(self.forms)
        titled = [row for row, entry in enumerate(self.entries) if entry.title]
        if titled:
            claims = matching_forms([self.entries[row].claim for row in titled])
            for row, form in zip(titled, claims, strict=True):
                self._spelling[row] = form
        self._sorted = [sorted_tokens(form) for form in self._spelling]
        self._lengths = np.array([len(form) for form in self._spelling], dtype=np.int32)
        self._counts = np.array([len(form.split()) for form in self._spelling], dtype=np.int32)
        self._scripts = [script_of(e.claim) for e in self.entries]
        self._postings = []
        for group in range(len(self.stats)):
            rows = np.flatnonzero(self.groups == group)
            local = lexical.postings_of([self._tokens[row] for row in rows])
            self._postings.append({token: rows[found] for token, found in local.items()})

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def semantic(self) -> bool:
        """Whether the entries have vectors."""
        return self.codes is not None

    def spelling(self, forms: Sequence[str]) -> npt.NDArray[np.float32]:
        """rapidfuzz agreement (0-100) of each form with every entry (see
        :mod:`factcheck.evidence.matching`)."""
        workers = -1 if len(forms) * len(self._spelling) >= _THREADED_PAIRS else 1
        by_set = process.cdist(
            forms, self._spelling, scorer=fuzz.token_set_ratio, dtype=np.float32, workers=workers
        )
        by_sort = process.cdist(
            [sorted_tokens(form) for form in forms],
            self._sorted,
            scorer=fuzz.ratio,
            dtype=np.float32,
            workers=workers,
        )
        lengths = np.array([len(form) for form in forms], dtype=np.int32)[:, None]
        counts = np.array([len(form.split()) for form in forms], dtype=np.int32)[:, None]
        weight = np.where(
            lengths >= self._lengths[None, :], LONG_CLAIM_SET_WEIGHT, SHORT_CLAIM_SET_WEIGHT
        )
        weight = np.where(np.minimum(counts, self._counts[None, :]) < MIN_TOKENS, 0.0, weight)
        combined: npt.NDArray[np.float32] = (weight * by_set + (1.0 - weight) * by_sort).astype(
            np.float32
        )
        return combined

    def coverage(
        self, tokens: Sequence[Sequence[str]]
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """(entry coverage, claim coverage) of each claim's tokens against every entry."""
        entry = np.zeros((len(tokens), len(self)), dtype=np.float32)
        claim = np.zeros((len(tokens), len(self)), dtype=np.float32)
        groups = [self.groups == group for group in range(len(self.stats))]
        for row, claim_tokens in enumerate(tokens):
            for group, (stats, members) in enumerate(zip(self.stats, groups, strict=True)):
                weights = stats.weights(claim_tokens)
                shared = lexical.shared_mass(weights, self._postings[group], len(self))
                by_entry, by_claim = lexical.coverages(weights, shared, self.masses)
                entry[row, members] = by_entry[members]
                claim[row, members] = by_claim[members]
        return entry, claim

    def cosine(self, queries: Queries) -> npt.NDArray[np.float32] | None:
        """Cosine of each claim with every entry (with its headline, the better of the two)."""
        if self.codes is None or self.scales is None or queries.codes is None:
            return None
        assert queries.scales is not None
        dots = queries.codes @ self.codes.T  # exact: integer-valued float32
        best: npt.NDArray[np.float32] = dots * queries.scales[:, None] * self.scales[None, :]
        if self.title_rows is not None and self.title_codes is not None and len(self.title_rows):
            assert self.title_scales is not None
            titles = (queries.codes @ self.title_codes.T) * queries.scales[:, None]
            titles *= self.title_scales[None, :]
            best[:, self.title_rows] = np.maximum(best[:, self.title_rows], titles)
        return np.clip(best, -1.0, 1.0)

    def modes(self, queries: Queries) -> npt.NDArray[np.int8]:
        """Per pair, the index in :data:`factcheck.evidence.scorer.MODES` of the model that
        scores it."""
        if self.codes is None or queries.codes is None:
            return np.full((len(queries), len(self)), 2, dtype=np.int8)
        entry_scripts = np.array(self._scripts)
        claim_scripts = np.array(queries.scripts)
        differ = (claim_scripts[:, None] != entry_scripts[None, :]) & (
            claim_scripts[:, None] != "other"
        ) & (entry_scripts[None, :] != "other")
        modes: npt.NDArray[np.int8] = differ.astype(np.int8)
        return modes


@dataclass(frozen=True)
class ScoredBlock:
    """Scores and parts of a block of claims against an :class:`EntrySet`."""

    scores: npt.NDArray[np.float32]
    modes: npt.NDArray[np.int8]
    semantic: npt.NDArray[np.float32] | None
    entry_coverage: npt.NDArray[np.float32]
    claim_coverage: npt.NDArray[np.float32]
    spelling: npt.NDArray[np.float32]

    def parts(self, row: int, column: int) -> MatchParts:
        """The parts of one pair."""
        mode: MatchMode = scorer.MODES[int(self.modes[row, column])]
        return MatchParts(
            semantic=None if self.semantic is None else round(float(self.semantic[row, column]), 4),
            entry_coverage=round(float(self.entry_coverage[row, column]), 4),
            claim_coverage=round(float(self.claim_coverage[row, column]), 4),
            spelling=round(float(self.spelling[row, column]), 1),
            mode=mode,
        )


def score_block(queries: Queries, entries: EntrySet) -> ScoredBlock:
    """Every claim of ``queries`` against every entry: scores 0-100 and their parts."""
    spelling = entries.spelling(queries.forms)
    entry_coverage, claim_coverage = entries.coverage(queries.tokens)
    semantic = entries.cosine(queries)
    modes = entries.modes(queries)
    columns = {
        "entry_coverage": entry_coverage.ravel(),
        "claim_coverage": claim_coverage.ravel(),
        "spelling": spelling.ravel() / np.float32(100.0),
    }
    if semantic is not None:
        columns["semantic"] = semantic.ravel()
    flat_modes = modes.ravel()
    scores = np.zeros(flat_modes.shape, dtype=np.float32)
    for index, mode in enumerate(scorer.MODES):
        chosen = flat_modes == index
        if not chosen.any():
            continue
        if mode == "lexical":
            # Without vectors the score is the spelling agreement, as before the encoder: its
            # false matches were measured (1.6% of unrelated LIAR statements at 70) and no
            # lexical model fitted on the project's pairs did better.
            scores[chosen] = np.round(spelling.ravel()[chosen], 1)
        else:
            scores[chosen] = scorer.scores(mode, {k: v[chosen] for k, v in columns.items()})
    matrix = scores.reshape(modes.shape)
    # Nothing in common (an empty claim, or no shared word, letter or meaning) scores 0, not
    # the model's floor: such an entry is never a match.
    nothing = (spelling == 0) & (entry_coverage == 0) & (claim_coverage == 0)
    if semantic is not None:
        nothing &= semantic <= 0
    empty = np.array([not form for form in queries.forms])[:, None]
    matrix[nothing | empty] = 0.0
    return ScoredBlock(matrix, modes, semantic, entry_coverage, claim_coverage, spelling)

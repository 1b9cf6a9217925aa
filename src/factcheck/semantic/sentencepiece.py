"""A unigram SentencePiece tokenizer whose vocabulary loads lazily, for a fast start-up.

The encoder package's own tokenizer builds one dictionary of every piece prefix (250,952 keys)
when it is created: measured 0.4-0.9 CPU-seconds, more than a warm ``factcheck check`` may take.
This one groups the pieces by their first two characters (:class:`VocabularyLayout`, which can
be stored as arrays and read back in milliseconds) and builds a group's prefixes the first time
a text needs them, so a claim touches a few hundred keys. The segmentation is the same Viterbi
search over the same pieces and scores, ties broken alike, so the ids are identical;
``tests/semantic/test_encoder.py`` checks that against the package's own tokenizer.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

# Ids the model reserves (as in the package): unknown, begin and end of sentence.
UNK_ID, BOS_ID, EOS_ID = 0, 1, 2
# Below every real piece's score, as SentencePiece scores an unknown character.
_UNK_PENALTY = 10.0
_SEPARATOR = "\0"
# Keys shorter than this are looked up directly; longer pieces wait in groups by their first
# HEAD characters (3: the groups of two-character heads such as "▁t" hold thousands).
HEAD = 3


class Normaliser(Protocol):
    """The model's text normaliser (NFKC and whitespace as the model was trained)."""

    def normalize(self, text: str) -> str: ...


@dataclass(frozen=True)
class VocabularyLayout:
    """The pieces arranged for lazy lookup.

    ``short``: every piece and piece prefix shorter than :data:`HEAD` characters, id + 1 for a
    piece and 0 for a prefix that only leads on to longer pieces. ``heads``: the first
    :data:`HEAD` characters of the longer pieces, each with its slice of ``grouped`` (piece ids
    ordered by head). ``longest``: the length of the longest piece.
    """

    short: dict[str, int]
    heads: dict[str, tuple[int, int]]
    grouped: npt.NDArray[np.int32]
    longest: int

    @classmethod
    def of(cls, pieces: Sequence[str]) -> VocabularyLayout:
        """The layout of ``pieces`` (piece ``i`` has id ``i``)."""
        short: dict[str, int] = {}
        by_head: dict[str, list[int]] = {}
        for piece_id, piece in enumerate(pieces):
            for end in range(1, min(len(piece), HEAD)):
                short.setdefault(piece[:end], 0)
            if len(piece) < HEAD:
                short[piece] = piece_id + 1
            else:
                by_head.setdefault(piece[:HEAD], []).append(piece_id)
        heads: dict[str, tuple[int, int]] = {}
        grouped: list[int] = []
        for head, ids in by_head.items():
            heads[head] = (len(grouped), len(grouped) + len(ids))
            grouped.extend(ids)
        longest = max(len(piece) for piece in pieces)
        return cls(short, heads, np.array(grouped, dtype=np.int32), longest)

    def to_arrays(self) -> dict[str, npt.NDArray[np.generic]]:
        """The layout as arrays (for ``numpy.savez``); :meth:`from_arrays` reads them back."""
        bounds = [0] + [end for _, end in self.heads.values()]
        return {
            "short_keys": _text_array(list(self.short)),
            "short_values": np.array(list(self.short.values()), dtype=np.int32),
            "head_keys": _text_array(list(self.heads)),
            "head_bounds": np.array(bounds, dtype=np.int32),
            "grouped": self.grouped,
            "longest": np.array(self.longest, dtype=np.int32),
        }

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, npt.NDArray[np.generic]]) -> VocabularyLayout:
        """The layout :meth:`to_arrays` stored."""
        short = dict(
            zip(_texts(arrays["short_keys"]), arrays["short_values"].tolist(), strict=True)
        )
        bounds = arrays["head_bounds"].tolist()
        spans = list(itertools.pairwise(bounds))
        heads = dict(zip(_texts(arrays["head_keys"]), spans, strict=True))
        grouped = np.asarray(arrays["grouped"], dtype=np.int32)
        return cls(short, heads, grouped, int(arrays["longest"]))


def _text_array(texts: Sequence[str]) -> npt.NDArray[np.uint8]:
    """Strings as one NUL-separated UTF-8 byte array (none may contain NUL)."""
    joined = _SEPARATOR.join(texts).encode("utf-8")
    return np.frombuffer(joined, dtype=np.uint8)


def _texts(array: npt.NDArray[np.generic]) -> list[str]:
    return bytes(np.asarray(array, dtype=np.uint8)).decode("utf-8").split(_SEPARATOR)


def pieces_array(pieces: Sequence[str]) -> npt.NDArray[np.uint8]:
    """The pieces as one byte array (see :func:`pieces_from_array`)."""
    if any(_SEPARATOR in piece for piece in pieces):
        raise ValueError("a piece contains NUL")
    return _text_array(pieces)


def pieces_from_array(array: npt.NDArray[np.generic]) -> list[str]:
    """The pieces :func:`pieces_array` stored."""
    return _texts(array)


class UnigramTokenizer:
    """Text to piece ids with the unigram model of ``pieces`` and their ``scores``."""

    def __init__(
        self,
        pieces: Sequence[str],
        scores: Sequence[float],
        normaliser: Normaliser,
        layout: VocabularyLayout | None = None,
    ) -> None:
        """``pieces[i]`` has id ``i`` and log-probability ``scores[i]``; ``layout`` is
        :meth:`VocabularyLayout.of` of the pieces when already known."""
        self._pieces = pieces
        self._scores = list(scores)
        self._normalise: Callable[[str], str] = normaliser.normalize
        self._unk_score = min(self._scores) - _UNK_PENALTY
        self._layout = layout or VocabularyLayout.of(pieces)
        self._groups: dict[str, dict[str, int]] = {}

    def _group(self, head: str) -> dict[str, int] | None:
        """Prefix table of the pieces starting with ``head`` (as ``short`` is for shorter keys;
        None: no piece starts so)."""
        table = self._groups.get(head)
        if table is None:
            bounds = self._layout.heads.get(head)
            if bounds is None:
                return None
            table = {}
            for piece_id in self._layout.grouped[bounds[0] : bounds[1]].tolist():
                piece = self._pieces[piece_id]
                for end in range(HEAD, len(piece)):
                    table.setdefault(piece[:end], 0)
                table[piece] = piece_id + 1
            self._groups[head] = table
        return table

    def encode(
        self, text: str, out_type: type = int, add_bos: bool = True, add_eos: bool = True
    ) -> list[int]:
        """Piece ids of ``text`` framed by the begin/end ids (the call the encoder's backend
        makes; ids only, whatever ``out_type``)."""
        del out_type
        normalised = self._normalise(text)
        ids = self._viterbi(normalised) if normalised else [UNK_ID]
        return ([BOS_ID] if add_bos else []) + ids + ([EOS_ID] if add_eos else [])

    def _viterbi(self, text: str) -> list[int]:
        """The best segmentation: for each end position the best-scoring last piece, the
        earliest-starting one on ties (strictly greater wins; starts are scanned in order).
        A character that starts no piece is an unknown node of its own."""
        length = len(text)
        best = [0.0] + [-1e38] * length
        start_of = [0] * (length + 1)
        piece_of = [0] * (length + 1)
        scores = self._scores
        short = self._layout.short
        longest = self._layout.longest
        for i in range(length):
            base = best[i]
            single = False
            table: dict[str, int] = short
            for end in range(i + 1, min(i + longest, length) + 1):
                if end - i == HEAD:
                    group = self._group(text[i:end])
                    if group is None:
                        break
                    table = group
                value = table.get(text[i:end])
                if value is None:
                    break
                if value:
                    single = single or end == i + 1
                    score = base + scores[value - 1]
                    if score > best[end]:
                        best[end], start_of[end], piece_of[end] = score, i, value - 1
            if not single:
                score = base + self._unk_score
                if score > best[i + 1]:
                    best[i + 1], start_of[i + 1], piece_of[i + 1] = score, i, UNK_ID
        ids: list[int] = []
        position = length
        while position > 0:
            ids.append(piece_of[position])
            position = start_of[position]
        ids.reverse()
        return ids or [UNK_ID]

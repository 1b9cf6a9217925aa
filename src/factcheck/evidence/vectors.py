"""The vectors of an indexed evidence file: a memory-mapped file beside the SQLite index, and
the inverted-file (IVF) search that finds an entry's nearest neighbours in it.

Layout of ``KEY.vectors``: a 4,096-byte header (magic, the index key, count, dimension), the
int8 codes (``count x dim``, ordered by IVF list), the float32 scales, and the int32 row id of
each vector (an entry with a headline has two vectors). Up to ``FLAT_LIMIT`` vectors form one
list, scanned whole; above, k-means (seeded, so a rebuild writes the same file) splits them
into ``lists_for(count)`` lists and a search scans the ``PROBES`` lists whose centroids are
nearest the claim. Cosines are exact integer dot products (see
:mod:`factcheck.evidence.features`), so the neighbours found are ranked as brute force ranks
them; only neighbours in lists not probed can be missed.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

MAGIC = b"FCVEC001"
HEADER = 4096
# One list (a flat scan) up to this many vectors: scanning 50,000 takes ~15 ms.
FLAT_LIMIT = 50_000
# Lists probed per search (of lists_for(count)); neighbours taken per claim.
PROBES = 24
NEIGHBOURS = 100
_KMEANS_ITERATIONS = 8
_KMEANS_SAMPLE_PER_LIST = 48
_SEED = 20261203
_ASSIGN_BATCH = 16_384


def lists_for(count: int) -> int:
    """How many IVF lists ``count`` vectors get (1: a flat scan)."""
    if count <= FLAT_LIMIT:
        return 1
    return int(min(4096, max(256, 2 * round(np.sqrt(count)))))


@dataclass(frozen=True)
class VectorLayout:
    """Where a sidecar's arrays are, from its header."""

    count: int
    dim: int

    @property
    def codes_offset(self) -> int:
        return HEADER

    @property
    def scales_offset(self) -> int:
        return HEADER + _aligned(self.count * self.dim)

    @property
    def rows_offset(self) -> int:
        return self.scales_offset + _aligned(4 * self.count)

    @property
    def size(self) -> int:
        return self.rows_offset + _aligned(4 * self.count)


def _aligned(size: int) -> int:
    return (size + 4095) // 4096 * 4096


def _kmeans(
    sample: npt.NDArray[np.float32], lists: int, rng: np.random.Generator
) -> npt.NDArray[np.float32]:
    """Centroids (unit length) of spherical k-means on ``sample`` (unit rows)."""
    centroids = sample[np.sort(rng.choice(len(sample), lists, replace=False))].copy()
    for _ in range(_KMEANS_ITERATIONS):
        nearest = np.argmax(sample @ centroids.T, axis=1)
        sums = np.zeros_like(centroids)
        np.add.at(sums, nearest, sample)
        counts = np.bincount(nearest, minlength=lists)
        empty = counts == 0
        sums[empty] = centroids[empty]  # a list no sample chose keeps its centroid
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        centroids = (sums / np.maximum(norms, 1e-12)).astype(np.float32)
    return centroids


def write_vectors(
    target: Path,
    key: str,
    codes: npt.NDArray[np.int8],
    scales: npt.NDArray[np.float32],
    rows: npt.NDArray[np.int32],
    *,
    progress: Callable[[str], None] | None = None,
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Write the sidecar; return (centroids, list bounds, position of each input vector)."""
    count, dim = codes.shape
    lists = lists_for(count)
    if lists == 1:
        centroids = np.zeros((1, dim), dtype=np.float32)
        assignment = np.zeros(count, dtype=np.int64)
    else:
        if progress is not None:
            progress("clustering vectors")
        rng = np.random.default_rng(_SEED)
        sample_size = min(count, lists * _KMEANS_SAMPLE_PER_LIST)
        picked = np.sort(rng.choice(count, sample_size, replace=False))
        centroids = _kmeans(codes[picked].astype(np.float32) * scales[picked, None], lists, rng)
        assignment = np.empty(count, dtype=np.int64)
        for start in range(0, count, _ASSIGN_BATCH):  # in batches: float32 of all is 4x codes
            block = codes[start : start + _ASSIGN_BATCH].astype(np.float32)
            assignment[start : start + len(block)] = np.argmax(block @ centroids.T, axis=1)
    order = np.argsort(assignment, kind="stable")
    bounds = np.zeros(lists + 1, dtype=np.int64)
    np.cumsum(np.bincount(assignment, minlength=lists), out=bounds[1:])
    position = np.empty(count, dtype=np.int64)
    position[order] = np.arange(count)
    layout = VectorLayout(count, dim)
    header = MAGIC + key.encode("ascii").ljust(56, b"\0") + np.array(
        [count, dim], dtype="<u8"
    ).tobytes()
    with target.open("wb") as stream:
        stream.write(header.ljust(HEADER, b"\0"))
        stream.write(codes[order].tobytes())
        stream.write(b"\0" * (layout.scales_offset - layout.codes_offset - codes.nbytes))
        stream.write(scales[order].astype("<f4").tobytes())
        stream.write(b"\0" * (layout.rows_offset - layout.scales_offset - 4 * count))
        stream.write(rows[order].astype("<i4").tobytes())
        stream.write(b"\0" * (layout.size - layout.rows_offset - 4 * count))
        stream.flush()
        os.fsync(stream.fileno())
    return centroids, bounds, position


class VectorFile:
    """A sidecar opened for searching (memory-mapped, read only)."""

    def __init__(
        self,
        path: Path,
        key: str,
        centroids: npt.NDArray[np.float32],
        bounds: npt.NDArray[np.int64],
    ) -> None:
        """Open ``path``; ValueError when it is missing, damaged or not this index's."""
        try:
            with path.open("rb") as stream:
                header = stream.read(HEADER)
            size = path.stat().st_size
        except OSError as error:
            raise ValueError(f"vectors file unreadable ({error.strerror})") from None
        if len(header) < 80 or header[:8] != MAGIC:
            raise ValueError("vectors file damaged (bad header)")
        if header[8:64].rstrip(b"\0").decode("ascii", "replace") != key:
            raise ValueError("vectors file belongs to another index")
        count, dim = (int(v) for v in np.frombuffer(header[64:80], dtype="<u8"))
        layout = VectorLayout(count, dim)
        if size != layout.size or int(bounds[-1]) != count or centroids.shape[1] != dim:
            raise ValueError("vectors file damaged (size does not match)")
        mapped = np.memmap(path, dtype=np.uint8, mode="r")
        self.count, self.dim = count, dim
        self.codes = mapped[: layout.codes_offset + count * dim][HEADER:].view(np.int8).reshape(
            count, dim
        )
        self.scales = mapped[layout.scales_offset : layout.scales_offset + 4 * count].view("<f4")
        self.rows = mapped[layout.rows_offset : layout.rows_offset + 4 * count].view("<i4")
        self.centroids = centroids
        self.bounds = bounds
        self._mapped = mapped

    def vectors(self, positions: npt.NDArray[np.int64]) -> tuple[
        npt.NDArray[np.float32], npt.NDArray[np.float32]
    ]:
        """Codes (as floats) and scales at ``positions``."""
        return self.codes[positions].astype(np.float32), np.array(self.scales[positions])

    def neighbours(
        self,
        code: npt.NDArray[np.float32],
        scale: float,
        *,
        count: int = NEIGHBOURS,
        probes: int = PROBES,
    ) -> npt.NDArray[np.int64]:
        """Row ids of the ``count`` entries whose vectors are nearest the claim's (its int8
        code as floats and its scale), best first."""
        lists = len(self.bounds) - 1
        if lists == 1:
            chosen = np.array([0])
        else:
            closeness = self.centroids @ (code * scale)
            chosen = np.argpartition(-closeness, min(probes, lists) - 1)[: min(probes, lists)]
        ranges = [(int(self.bounds[i]), int(self.bounds[i + 1])) for i in np.sort(chosen)]
        if not ranges or sum(end - start for start, end in ranges) == 0:
            return np.zeros(0, dtype=np.int64)
        codes = np.concatenate([self.codes[s:e] for s, e in ranges]).astype(np.float32)
        scales = np.concatenate([self.scales[s:e] for s, e in ranges])
        rows = np.concatenate([self.rows[s:e] for s, e in ranges]).astype(np.int64)
        cosine = (codes @ code) * scales * np.float32(scale)
        order = np.argsort(-cosine, kind="stable")
        seen = dict.fromkeys(rows[order].tolist())  # an entry's best vector first
        return np.array(list(seen)[:count], dtype=np.int64)

    def close(self) -> None:
        """Drop the mapping."""
        with contextlib.suppress(AttributeError):
            del self._mapped

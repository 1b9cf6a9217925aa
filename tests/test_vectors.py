"""The inverted-file search of an index's vectors finds the neighbours brute force finds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from factcheck.evidence import vectors
from factcheck.semantic.store import quantise


def _clustered(count: int, dim: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(40, dim))
    points = centres[rng.integers(0, 40, count)] + 0.6 * rng.normal(size=(count, dim))
    return (points / np.linalg.norm(points, axis=1, keepdims=True)).astype(np.float32)


@pytest.mark.parametrize("flat_limit", [10_000, 500])
def test_neighbours_agree_with_brute_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flat_limit: int
) -> None:
    monkeypatch.setattr(vectors, "FLAT_LIMIT", flat_limit)
    codes, scales = quantise(_clustered(3000, 64, seed=1))
    rows = np.arange(1, 3001, dtype=np.int32)
    path = tmp_path / "x.vectors"
    centroids, bounds, position = vectors.write_vectors(path, "key", codes, scales, rows)
    assert (len(bounds) - 1 == 1) == (flat_limit > 3000)
    stored = vectors.VectorFile(path, "key", centroids, bounds)
    assert np.array_equal(stored.codes[position], codes)  # every vector kept, reordered
    exact = codes.astype(np.float32) * scales[:, None]
    found = 0
    queries, query_scales = quantise(_clustered(50, 64, seed=2))
    for code, scale in zip(queries.astype(np.float32), query_scales, strict=True):
        best = rows[np.argsort(-(exact @ (code * scale)), kind="stable")[:10]]
        got = stored.neighbours(code, float(scale), count=10)
        found += len(set(best.tolist()) & set(got.tolist()))
    recall = found / 500
    assert recall == 1.0 if flat_limit > 3000 else recall >= 0.9


def test_a_vectors_file_of_another_index_or_size_is_refused(tmp_path: Path) -> None:
    codes, scales = quantise(_clustered(100, 16, seed=3))
    path = tmp_path / "x.vectors"
    centroids, bounds, _ = vectors.write_vectors(
        path, "mine", codes, scales, np.arange(1, 101, dtype=np.int32)
    )
    with pytest.raises(ValueError, match="another index"):
        vectors.VectorFile(path, "other", centroids, bounds)
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(ValueError, match="size does not match"):
        vectors.VectorFile(path, "mine", centroids, bounds)

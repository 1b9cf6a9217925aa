"""Compact vectors and a cache of them, so a text is embedded once.

Vectors are kept as int8 codes with one float32 scale each, chosen so that ``code * scale`` has
norm 1 (measured: cosine within 0.002 of the float32 value). The cache is one SQLite file in the
user cache (``vectors.sqlite``), keyed by a hash of the encoder's name and the text, shared by
brute-force matching (small evidence files are not re-embedded on every run) and index builds
(an interrupted or repeated build embeds only what it has not seen). It is an optimisation
only: a cache that cannot be opened or written is skipped.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

CACHE_NAME = "vectors.sqlite"
_BATCH = 500  # keys per SELECT (below SQLite's variable limit)


def quantise(
    vectors: npt.NDArray[np.float32],
) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.float32]]:
    """int8 codes and per-row scales of ``vectors`` (rows of norm ~1); zero rows stay zero."""
    vectors = np.asarray(vectors, dtype=np.float32)
    peak = np.abs(vectors).max(axis=1, keepdims=True) if len(vectors) else np.zeros((0, 1))
    codes = np.rint(vectors * (127.0 / np.maximum(peak, 1e-12))).astype(np.int8)
    norms = np.linalg.norm(codes.astype(np.float32), axis=1)
    scales = np.where(norms > 0, 1.0 / np.maximum(norms, 1e-12), 0.0).astype(np.float32)
    return codes, scales


def dequantise(
    codes: npt.NDArray[np.int8], scales: npt.NDArray[np.float32]
) -> npt.NDArray[np.float32]:
    """The unit-length float32 vectors the codes stand for."""
    vectors: npt.NDArray[np.float32] = codes.astype(np.float32) * scales[:, None]
    return vectors


def text_key(encoder_name: str, text: str) -> bytes:
    """The cache key of ``text`` under an encoder (16 bytes of SHA-256)."""
    digest = hashlib.sha256(f"{encoder_name}\0{text}".encode("utf-8", "surrogatepass"))
    return digest.digest()[:16]


class VectorCache:
    """Codes by text key in SQLite; every failure is swallowed (then nothing is cached)."""

    def __init__(self, path: Path | None) -> None:
        """Open (creating) the cache at ``path``; None: a cache that keeps nothing."""
        self._connection: sqlite3.Connection | None = None
        if path is None:
            return
        with contextlib.suppress(OSError, sqlite3.Error):
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, timeout=10.0, isolation_level=None)
            try:
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS vectors(key BLOB PRIMARY KEY, scale REAL NOT NULL,"
                    " code BLOB NOT NULL) WITHOUT ROWID"
                )
            except sqlite3.Error:
                connection.close()
                raise
            self._connection = connection

    def lookup(self, keys: Sequence[bytes], dim: int) -> dict[bytes, tuple[bytes, float]]:
        """The cached (code bytes, scale) of those ``keys`` that are cached."""
        found: dict[bytes, tuple[bytes, float]] = {}
        if self._connection is None or not keys:
            return found
        try:
            for start in range(0, len(keys), _BATCH):
                chunk = list(keys[start : start + _BATCH])
                marks = ",".join("?" * len(chunk))
                rows = self._connection.execute(
                    f"SELECT key, code, scale FROM vectors WHERE key IN ({marks})", chunk
                )
                for key, code, scale in rows:
                    if isinstance(code, bytes) and len(code) == dim:
                        found[key] = (code, float(scale))
        except sqlite3.Error:
            return {}
        return found

    def store(self, items: Sequence[tuple[bytes, bytes, float]]) -> None:
        """Add (key, code bytes, scale) rows; a failure leaves the cache as it was."""
        if self._connection is None or not items:
            return
        with contextlib.suppress(sqlite3.Error):
            self._connection.execute("BEGIN")
            try:
                self._connection.executemany(
                    "INSERT OR REPLACE INTO vectors(key, code, scale) VALUES (?, ?, ?)", items
                )
                self._connection.execute("COMMIT")
            except sqlite3.Error:
                self._connection.execute("ROLLBACK")
                raise

    def close(self) -> None:
        """Close the file."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def embed(
    texts: Sequence[str],
    encode: Callable[[Sequence[str]], npt.NDArray[np.float32]],
    encoder_name: str,
    dim: int,
    cache: VectorCache,
    *,
    batch: int = 256,
    progress: Callable[[int], None] | None = None,
) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.float32]]:
    """Codes and scales of ``texts``, from the cache where there, else encoded (in batches
    of ``batch``, each stored as it is done; ``progress(n)`` after each batch)."""
    keys = [text_key(encoder_name, text) for text in texts]
    codes = np.zeros((len(texts), dim), dtype=np.int8)
    scales = np.zeros(len(texts), dtype=np.float32)
    cached = cache.lookup(list(dict.fromkeys(keys)), dim)
    missing: dict[bytes, list[int]] = {}
    for row, key in enumerate(keys):
        hit = cached.get(key)
        if hit is None:
            missing.setdefault(key, []).append(row)
        else:
            codes[row] = np.frombuffer(hit[0], dtype=np.int8)
            scales[row] = hit[1]
    if progress is not None and len(texts) > len(missing):
        progress(len(texts) - sum(len(rows) for rows in missing.values()))
    pending = list(missing.items())
    for start in range(0, len(pending), batch):
        part = pending[start : start + batch]
        new_codes, new_scales = quantise(encode([texts[rows[0]] for _, rows in part]))
        rows_stored = []
        for (key, rows), code, scale in zip(part, new_codes, new_scales, strict=True):
            codes[rows] = code
            scales[rows] = scale
            rows_stored.append((key, code.tobytes(), float(scale)))
        cache.store(rows_stored)
        if progress is not None:
            progress(sum(len(rows) for _, rows in part))
    return codes, scales

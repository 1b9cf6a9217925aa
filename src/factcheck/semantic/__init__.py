"""Sentence embeddings for matching claims across wording and language.

:class:`Encoder` is the interface a model implements; :func:`load_encoder` gives the bundled
one (:mod:`factcheck.semantic.use_m3`) or says why it cannot (:class:`EncoderUnavailable`);
:mod:`factcheck.semantic.store` quantises vectors and keeps them in a cache. Weights load on
first use, never at import.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

from factcheck.semantic.store import CACHE_NAME, VectorCache, embed
from factcheck.semantic.use_m3 import EncoderUnavailable

DEFAULT_ENCODER = "use-m3"
ENCODER_CHOICES = ("use-m3", "none")

__all__ = [
    "DEFAULT_ENCODER",
    "ENCODER_CHOICES",
    "Encoder",
    "EncoderLink",
    "EncoderUnavailable",
    "encoder_choice",
    "load_encoder",
]


class Encoder(Protocol):
    """Texts to unit-length vectors in one space for every language the model knows."""

    @property
    def name(self) -> str:
        """Identifies model and weights (part of every cache and index key)."""
        ...

    @property
    def dim(self) -> int:
        """The vectors' length."""
        ...

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """One float32 vector of norm 1 per text, shape ``(len(texts), dim)``."""
        ...


_loaded: dict[tuple[str, str], Encoder | EncoderUnavailable] = {}
# Reasons already reported: a command that makes several links (local and remote evidence)
# still says once why matching is lexical.
_reported: set[str] = set()


def encoder_choice(environ: Mapping[str, str] | None = None, configured: str | None = None) -> str:
    """The encoder asked for: ``FACTCHECK_ENCODER``, else the config's ``encoder``, else the
    default. ``none`` turns semantic matching off."""
    environ = os.environ if environ is None else environ
    choice = environ.get("FACTCHECK_ENCODER", "").strip() or configured or DEFAULT_ENCODER
    if choice not in ENCODER_CHOICES:
        raise ValueError(f"{choice!r} is not one of {', '.join(ENCODER_CHOICES)}")
    return choice


def load_encoder(name: str = DEFAULT_ENCODER, *, cache_dir: Path | None = None) -> Encoder:
    """The encoder ``name``, loaded once per process (``cache_dir`` holds its fast-loading
    copy). Raises :class:`EncoderUnavailable` with the reason, every time it is asked for, when
    it cannot be loaded (``none`` is never available)."""
    if name == "none":
        raise EncoderUnavailable("semantic matching is turned off (encoder = none)")
    if name != DEFAULT_ENCODER:
        raise EncoderUnavailable(f"unknown encoder {name!r}")
    key = (name, str(cache_dir))
    found = _loaded.get(key)
    if found is None:
        from factcheck.semantic.use_m3 import UseEncoder

        try:
            found = UseEncoder(cache_dir)
        except EncoderUnavailable as problem:
            found = problem
        _loaded[key] = found
    if isinstance(found, EncoderUnavailable):
        raise found
    return found


class EncoderLink:
    """An encoder loaded when first needed, with its vectors cached on disk.

    ``codes`` gives int8 codes and scales (see :mod:`factcheck.semantic.store`) or None when
    the encoder cannot be used; the reason is in ``problem`` and, unless the encoder was turned
    off on purpose, reported once through ``warn``.
    """

    def __init__(
        self,
        name: str = DEFAULT_ENCODER,
        *,
        cache_dir: Path | None = None,
        warn: Callable[[str], None] | None = None,
        model_dir: Path | None = None,
    ) -> None:
        """``cache_dir``: where the vector cache lives (None: keep no vectors on disk);
        ``model_dir``: where the encoder's fast-loading copy lives (default ``cache_dir``)."""
        self.requested = name
        self._cache_dir = cache_dir
        self._model_dir = model_dir or cache_dir
        self._warn = warn
        self._encoder: Encoder | None = None
        self._cache: VectorCache | None = None
        self.problem: str | None = None
        self._tried = False

    def encoder(self) -> Encoder | None:
        """The loaded encoder, or None (see ``problem``)."""
        if not self._tried:
            self._tried = True
            try:
                self._encoder = load_encoder(self.requested, cache_dir=self._model_dir)
            except EncoderUnavailable as reason:
                self.problem = str(reason)
                if self._warn is not None and self.requested != "none" and (
                    self.problem not in _reported
                ):
                    _reported.add(self.problem)
                    self._warn(f"semantic matching is off ({reason}); matching is lexical only")
        return self._encoder

    @property
    def name(self) -> str:
        """The encoder's name, or ``none`` when it cannot be used."""
        encoder = self.encoder()
        return encoder.name if encoder is not None else "none"

    def codes(
        self, texts: Sequence[str], *, progress: Callable[[int], None] | None = None
    ) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.float32]] | None:
        """int8 codes and scales of ``texts`` (cached), or None without an encoder."""
        encoder = self.encoder()
        if encoder is None:
            return None
        if self._cache is None:
            path = self._cache_dir / CACHE_NAME if self._cache_dir is not None else None
            self._cache = VectorCache(path)
        return embed(
            texts, encoder.encode, encoder.name, encoder.dim, self._cache, progress=progress
        )

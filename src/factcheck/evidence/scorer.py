"""The final match score: semantic, lexical and spelling agreement fused into one number.

A pair's parts (:class:`factcheck.models.MatchParts`) go through a logistic model whose weights
live in ``scorer.toml``, fitted by ``training/fit_match_scorer.py`` on the project's own pair
corpus (``training/pairs``). The score is ``100 x P(the entry is about the claim's fact)``, so
70, the default ``--min-score``, means "likely the same claim", for a paraphrase as for a
contradiction (the verdict then decides which). Two models (``FITTED``): claim and entry in
the same script with an encoder, and in different scripts (only the semantic part means
anything across languages). Without an encoder there is no model: the score is the spelling
agreement alone, as before the encoder (:func:`factcheck.evidence.features.score_block`).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

import numpy as np
import numpy.typing as npt

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ScoreMode = Literal["semantic", "cross-lingual", "lexical"]
MODES: tuple[ScoreMode, ...] = ("semantic", "cross-lingual", "lexical")
# The modes with a fitted model (the lexical score is the spelling agreement).
FITTED: tuple[ScoreMode, ...] = ("semantic", "cross-lingual")
FEATURES = ("semantic", "entry_coverage", "claim_coverage", "spelling")


@dataclass(frozen=True)
class LogisticModel:
    """``P = 1 / (1 + exp(-(intercept + sum(weight * feature))))`` over named features."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    intercept: float

    def logits(self, columns: dict[str, npt.NDArray[np.float32]]) -> npt.NDArray[np.float64]:
        """The linear part for every row of ``columns`` (feature name -> values)."""
        size = len(next(iter(columns.values()))) if columns else 0
        total = np.full(size, self.intercept, dtype=np.float64)
        for name, weight in zip(self.features, self.weights, strict=True):
            total += weight * columns[name].astype(np.float64)
        return total

    def contributions(self, values: dict[str, float]) -> dict[str, float]:
        """Each feature's share of the logit for one pair (for ``--explain``)."""
        return {
            name: weight * values[name]
            for name, weight in zip(self.features, self.weights, strict=True)
        }


def probability(logits: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The logistic function, without overflow warnings."""
    result: npt.NDArray[np.float64] = 0.5 * (1.0 + np.tanh(0.5 * logits))
    return result


@cache
def models() -> dict[ScoreMode, LogisticModel]:
    """The shipped models, read once from ``scorer.toml``."""
    text = resources.files("factcheck.evidence").joinpath("scorer.toml").read_text("utf-8")
    table = tomllib.loads(text)
    found: dict[ScoreMode, LogisticModel] = {}
    for mode in FITTED:
        section = table[mode]
        weights = section["weights"]
        if set(weights) - set(FEATURES):
            raise ValueError(f"scorer.toml [{mode}]: unknown features {sorted(weights)}")
        found[mode] = LogisticModel(
            tuple(weights), tuple(float(w) for w in weights.values()), float(section["intercept"])
        )
    return found


def scores(
    mode: ScoreMode, columns: dict[str, npt.NDArray[np.float32]]
) -> npt.NDArray[np.float32]:
    """Scores 0-100 (rounded to 0.1, the figure shown) of pairs given by their parts."""
    chance = probability(models()[mode].logits(columns))
    rounded: npt.NDArray[np.float32] = np.round(100.0 * chance, 1).astype(np.float32)
    return rounded

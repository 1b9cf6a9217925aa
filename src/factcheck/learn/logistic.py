"""L2-regularised logistic regression fitted by Newton's method: deterministic, numpy only.

Used to calibrate match scores (``training/fit_match_scorer.py``) and for the other small
models; with a fixed input the weights come out the same to the last bit on a given machine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True)
class Fitted:
    """Weights (one per column), intercept, and how the fit ended."""

    weights: npt.NDArray[np.float64]
    intercept: float
    iterations: int
    converged: bool

    def logits(self, features: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """The linear part for each row of ``features``."""
        result: npt.NDArray[np.float64] = features @ self.weights + self.intercept
        return result

    def predict_proba(self, features: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """P(label 1) for each row of ``features``."""
        result: npt.NDArray[np.float64] = 0.5 * (1.0 + np.tanh(0.5 * self.logits(features)))
        return result


def fit_logistic(
    features: npt.NDArray[np.float64],
    labels: npt.NDArray[np.float64],
    *,
    sample_weight: npt.NDArray[np.float64] | None = None,
    l2: float = 1.0,
    max_iterations: int = 100,
    tolerance: float = 1e-10,
) -> Fitted:
    """Maximise the weighted log-likelihood minus ``l2/2 * |w|^2`` (the intercept is not
    penalised). ``labels`` are 0/1; ``sample_weight`` defaults to 1 per row."""
    x = np.asarray(features, dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    if x.ndim != 2 or len(x) != len(y):
        raise ValueError("features must be a matrix with one row per label")
    if not set(np.unique(y)).issubset({0.0, 1.0}) or len(np.unique(y)) < 2:
        raise ValueError("labels must be 0 and 1, with both present")
    weight = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, float)
    design = np.hstack([x, np.ones((len(x), 1))])
    penalty = np.full(design.shape[1], l2)
    penalty[-1] = 0.0
    beta = np.zeros(design.shape[1])
    converged = False
    iterations = 0
    while iterations < max_iterations:
        iterations += 1
        chance = 0.5 * (1.0 + np.tanh(0.5 * (design @ beta)))
        gradient = design.T @ (weight * (y - chance)) - penalty * beta
        curvature = (design * (weight * chance * (1.0 - chance))[:, None]).T @ design
        curvature += np.diag(penalty) + 1e-9 * np.eye(len(beta))
        step = np.linalg.solve(curvature, gradient)
        beta += step
        if float(np.max(np.abs(step))) < tolerance:
            converged = True
            break
    return Fitted(beta[:-1].copy(), float(beta[-1]), iterations, converged)

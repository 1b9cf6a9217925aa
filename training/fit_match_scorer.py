"""Fit the match scorer (``src/factcheck/evidence/scorer.toml``) on the project's pair corpus.

Evidence: the base facts of split A and the background pool (``training/pool``: clusters of
fact-check entries sharing actors and topics), one file per language. Claims: every variant.
A pair is a match (label 1) when the variant is about its own record's fact, whether it agrees
or contradicts (the verdict decides which); its record's evidence against a ``same_topic`` or
``unrelated`` variant, and every other entry, is not. Per claim the rows kept are its own
evidence, the ``HARD`` other entries in its script most like it (by the best of semantic,
lexical and spelling agreement) and the ``HARD`` closest in meaning in the other script, so
the model learns the near misses a large evidence base holds. Wrong entries weigh
``NEGATIVE_WEIGHT`` times the right ones.
One logistic model per mode with vectors (same script, across scripts), over parts whose weight
comes out positive (more agreement never lowers a score): the semantic part and the entry's
coverage. Without an encoder the score is the spelling agreement and nothing is fitted.
Deterministic: Newton's method on a fixed design.

Usage: ``python training/fit_match_scorer.py [--write] [--evaluate B]``
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))

from pairs import Pair, pairs  # noqa: E402

from factcheck.evidence import scorer  # noqa: E402
from factcheck.evidence.base import entry_forms, entry_set  # noqa: E402
from factcheck.evidence.features import Queries, score_block  # noqa: E402
from factcheck.evidence.index import default_cache_dir  # noqa: E402
from factcheck.learn.logistic import fit_logistic  # noqa: E402
from factcheck.models import EvidenceEntry  # noqa: E402
from factcheck.semantic import EncoderLink  # noqa: E402

HARD = 15
L2 = 1.0
# Wrong entries weigh this many times the right ones: a claim has one right entry among many
# near misses in a real evidence base, and a false match costs a desk more than a missed one.
NEGATIVE_WEIGHT = 10.0
TARGET = ROOT / "src" / "factcheck" / "evidence" / "scorer.toml"
FEATURES = {
    "semantic": ("semantic", "entry_coverage"),
    "cross-lingual": ("semantic",),
}


POOL = ROOT / "training" / "pool"


def pool() -> list[EvidenceEntry]:
    """The background entries (``training/pool``): clusters of claims on shared topics."""
    found: list[EvidenceEntry] = []
    for path in sorted(POOL.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            found.append(
                EvidenceEntry(
                    id=row["id"], claim=row["claim"], rating=row.get("rating"),
                    rating_class="true", lang=row["lang"], origin=f"pairs-{row['lang']}",
                    title=row.get("title"),
                )
            )
    return found


def corpus(split: str) -> tuple[list[EvidenceEntry], list[Pair]]:
    """The split's evidence entries with the pool's (origin per language), and its pairs."""
    found = pairs(split)
    entries: dict[str, EvidenceEntry] = {e.id: e for e in pool()}
    for pair in found:
        entries.setdefault(
            pair.record,
            EvidenceEntry(
                id=pair.record, claim=pair.evidence, rating=None, rating_class="true",
                lang=pair.lang, origin=f"pairs-{pair.lang}",
            ),
        )
    return list(entries.values()), found


def features(split: str, link: EncoderLink) -> dict[str, object]:
    """Every claim of the split against every entry: the parts, the mode and the label."""
    entries, found = corpus(split)
    prepared = entry_set(entries, entry_forms(entries), link)
    queries = Queries.of([p.claim for p in found], link)
    block = score_block(queries, prepared)
    column = {e.id: i for i, e in enumerate(entries)}
    labels = np.zeros(block.scores.shape, dtype=np.float64)
    for row, pair in enumerate(found):
        if pair.relation != "unrelated":
            labels[row, column[pair.record]] = 1.0
    return {"entries": entries, "pairs": found, "block": block, "labels": labels,
            "own": np.array([column[p.record] for p in found])}


def _rows(data: dict[str, object]) -> tuple[np.ndarray, np.ndarray]:
    """(claim row, entry column) of the pairs kept for fitting."""
    block = data["block"]
    own = data["own"]
    assert hasattr(block, "spelling")
    likeness = np.maximum.reduce(
        [
            block.semantic if block.semantic is not None else np.zeros_like(block.spelling),
            block.entry_coverage,
            block.spelling / 100.0,
        ]
    )
    rows, columns = [], []
    for row in range(likeness.shape[0]):
        # The hardest wrong entries in the claim's script, and across scripts by meaning.
        same = block.modes[row] != 1
        chosen = [own[row]]
        for pool, measure in ((same, likeness[row]), (~same, _semantic(block)[row])):
            order = [c for c in np.argsort(-measure, kind="stable") if pool[c] and c != own[row]]
            chosen += order[:HARD]
        rows += [row] * len(chosen)
        columns += [int(c) for c in chosen]
    return np.array(rows), np.array(columns)


def _semantic(block: object) -> np.ndarray:
    value = block.semantic
    return value if value is not None else np.zeros_like(block.spelling)


def fit(data: dict[str, object]) -> dict[str, tuple[dict[str, float], float, int]]:
    """One model per mode: {mode: (weights, intercept, rows)}."""
    block = data["block"]
    labels = data["labels"]
    rows, columns = _rows(data)
    fitted: dict[str, tuple[dict[str, float], float, int]] = {}
    for mode in scorer.FITTED:
        names = FEATURES[mode]
        chosen = block.modes[rows, columns] == scorer.MODES.index(mode)
        r, c = rows[chosen], columns[chosen]
        x = np.column_stack([_column(block, name)[r, c] for name in names]).astype(np.float64)
        y = labels[r, c]
        positives = max(1.0, y.sum())
        negatives = max(1.0, len(y) - y.sum())
        weight = np.where(
            y == 1, 0.5 * len(y) / positives, NEGATIVE_WEIGHT * 0.5 * len(y) / negatives
        )
        model = fit_logistic(x, y, sample_weight=weight, l2=L2)
        fitted[mode] = (
            {n: round(float(w), 4) for n, w in zip(names, model.weights, strict=True)},
            round(model.intercept, 4),
            len(y),
        )
    return fitted


def _column(block: object, name: str) -> np.ndarray:
    value = getattr(block, name)
    return value / 100.0 if name == "spelling" else value


def render(fitted: dict[str, tuple[dict[str, float], float, int]]) -> str:
    """scorer.toml's text."""
    lines = [
        "# Match scorer: logistic models over the parts of a match (see scorer.py).",
        "# Fitted by training/fit_match_scorer.py on training/pairs split A (the project's own",
        "# corpus, CC0): do not edit by hand, rerun the script with --write.",
    ]
    for mode, (weights, intercept, count) in fitted.items():
        pairs_text = ", ".join(f"{name} = {value}" for name, value in weights.items())
        lines += ["", f"[{mode}]", f"# {count} pairs", f"intercept = {intercept}",
                  f"weights = {{ {pairs_text} }}"]
    return "\n".join(lines) + "\n"


def evaluate(data: dict[str, object], min_score: float = 70.0) -> None:
    """Print, per variant kind, how often the own evidence is the top match and reaches
    ``min_score``; and how often a wrong entry reaches it."""
    block = data["block"]
    found = data["pairs"]
    own = data["own"]
    assert isinstance(found, list)
    reached: Counter[str] = Counter()
    top1: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong = 0
    wrong_kind: dict[str, int] = defaultdict(int)
    for row, pair in enumerate(found):
        scores = block.scores[row]
        total[pair.kind] += 1
        best = int(np.argmax(scores))
        if pair.relation != "unrelated":
            top1[pair.kind] += best == own[row]
            reached[pair.kind] += scores[own[row]] >= min_score
            others = np.delete(scores, own[row])
        else:
            others = scores
        if (others >= min_score).any():
            wrong += 1
            wrong_kind[pair.kind] += 1
    print(f"{'kind':16} {'n':>5} {'top-1':>6} {'>=70':>6} {'wrong>=70':>9}")
    for kind in total:
        n = total[kind]
        print(f"{kind:16} {n:5d} {top1[kind] / n:6.3f} {reached[kind] / n:6.3f} "
              f"{wrong_kind[kind] / n:9.3f}")
    print(f"claims with a wrong entry at >= {min_score:g}: {wrong}/{len(found)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write scorer.toml")
    parser.add_argument("--evaluate", choices=("A", "B"), help="score a split after fitting")
    args = parser.parse_args()
    link = EncoderLink(cache_dir=default_cache_dir())
    if link.encoder() is None:
        raise SystemExit(f"the encoder is needed: {link.problem}")
    fitted = fit(features("A", link))
    text = render(fitted)
    print(text)
    if args.write:
        TARGET.write_text(text, encoding="utf-8")
        scorer.models.cache_clear()
        print(f"wrote {TARGET}")
    if args.evaluate:
        if not args.write:
            print("(evaluating the scorer.toml in place; use --write to evaluate the new fit)")
        evaluate(features(args.evaluate, link))


if __name__ == "__main__":
    main()

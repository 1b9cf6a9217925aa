"""Quantity extraction on real text: counts by kind, speed, and a random sample to judge by eye.

Reads ``../shared/data/ar_saudinewsnet_sample/*.jsonl`` (article ``content``) and
``../shared/data/en_liar_politifact/valid.tsv`` (statement column) relative to the repo root at
run time; prints "dataset not found" and exits 0 when they are absent. Precision is judged by a
person reading the sample (``--sample N``, ``--seed S``); a digits-only baseline (every run of
digits is a quantity) is counted alongside for scale.

Usage: python benchmarks/eval_quantities.py [--sample 50] [--seed 1]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import time
from collections import Counter
from pathlib import Path

from factcheck.lang import get_pack
from factcheck.text.quantities import describe, extract_quantities

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
_DIGITS = re.compile(r"[0-9\u0660-\u0669]+")


def read_texts(lang: str) -> list[str]:
    """The texts of one language's dataset (empty when the dataset is absent)."""
    if lang == "ar":
        texts = []
        for path in sorted((DATA / "ar_saudinewsnet_sample").glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    texts.append(str(json.loads(line).get("content", "")))
        return texts
    path = DATA / "en_liar_politifact" / "valid.tsv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [row[2] for row in rows if len(row) > 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=50, help="extractions to print per language")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    for lang in ("ar", "en"):
        texts = read_texts(lang)
        if not texts:
            print(f"{lang}: dataset not found")
            continue
        pack = get_pack(lang)
        started = time.perf_counter()
        found = [(text, q) for text in texts for q in extract_quantities(text, pack)]
        elapsed = time.perf_counter() - started
        characters = sum(len(t) for t in texts)
        baseline = sum(len(_DIGITS.findall(t)) for t in texts)
        kinds = Counter(q.kind for _, q in found)
        print(
            f"{lang}: {len(texts)} texts, {characters:,} chars, {len(found)} quantities "
            f"({dict(kinds)}), digit runs (baseline) {baseline}, {elapsed:.2f}s"
        )
        for text, quantity in rng.sample(found, min(args.sample, len(found))):
            context = text[max(0, quantity.start - 40) : quantity.end + 25].replace("\n", " ")
            shown = f"{quantity.text!r:38} -> {describe(quantity)!r:34}"
            print(f"  {quantity.kind:7} {shown} | {context}")


if __name__ == "__main__":
    main()

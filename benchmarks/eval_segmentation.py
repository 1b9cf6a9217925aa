"""Boundary precision/recall/F1 of factcheck's sentence segmentation on UD Arabic PUD documents.

Reads ``../shared/data/ar_en_ud_arabic_pud/segmentation_docs_DERIVED.jsonl`` (relative to the
repo root) at run time; prints "dataset not found" and exits 0 when it is absent. Arabic texts
are the documents' ``text_ar``; English documents are the ``gold_sentences_en`` joined by a
space. A naive baseline (split after every ``. ! ? ؟`` followed by a space) runs alongside.

Usage: python benchmarks/eval_segmentation.py [--show N]   (N: print N wrong documents per language)
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

from factcheck.lang import get_pack
from factcheck.text.segment import segment

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data" / "ar_en_ud_arabic_pud" / "segmentation_docs_DERIVED.jsonl"
_NAIVE = re.compile(r"[.!?؟]+(?=\s)")

Splitter = Callable[[str], set[int]]


def gold_boundaries(text: str, sentences: list[str]) -> set[int] | None:
    """End offsets of every gold sentence but the last (None if they cannot be located)."""
    ends: set[int] = set()
    cursor = 0
    for sentence in sentences:
        sentence = sentence.strip()
        found = text.find(sentence, cursor)
        if found == -1:
            return None
        cursor = found + len(sentence)
        ends.add(cursor)
    ends.discard(cursor)
    return ends


def factcheck_splitter(code: str) -> Splitter:
    pack = get_pack(code)

    def split(text: str) -> set[int]:
        ends = {s.end for s in segment(text, pack=pack)}
        ends.discard(len(text.rstrip()))
        return ends

    return split


def naive_splitter(text: str) -> set[int]:
    ends = {m.end() for m in _NAIVE.finditer(text)}
    ends.discard(len(text.rstrip()))
    return ends


def score(docs: list[tuple[str, set[int]]], split: Splitter) -> tuple[float, float, float, float]:
    true_pos = false_pos = false_neg = 0
    started = time.perf_counter()
    for text, gold in docs:
        predicted = split(text)
        true_pos += len(predicted & gold)
        false_pos += len(predicted - gold)
        false_neg += len(gold - predicted)
    elapsed = time.perf_counter() - started
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0
    recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, elapsed


def show_errors(docs: list[tuple[str, set[int]]], split: Splitter, limit: int) -> None:
    shown = 0
    for text, gold in docs:
        predicted = split(text)
        if predicted == gold or shown >= limit:
            continue
        shown += 1
        for end in sorted(predicted ^ gold):
            label = "extra " if end in predicted else "missed"
            print(f"  {label} ...{text[max(0, end - 60):end]!r} | {text[end:end + 40]!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print N wrong documents per language")
    args = parser.parse_args()
    if not DATA.exists():
        print("dataset not found")
        return 0
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    corpora: dict[str, list[tuple[str, set[int]]]] = {"ar": [], "en": []}
    for row in rows:
        gold_ar = gold_boundaries(row["text_ar"], row["gold_sentences_ar"])
        if gold_ar is not None:
            corpora["ar"].append((row["text_ar"], gold_ar))
        if row.get("gold_sentences_en"):
            text_en = " ".join(s.strip() for s in row["gold_sentences_en"])
            gold_en = gold_boundaries(text_en, row["gold_sentences_en"])
            if gold_en is not None:
                corpora["en"].append((text_en, gold_en))
    header = ("lang", "splitter", "docs", "gold", "P", "R", "F1", "secs")
    print("{:<5} {:<10} {:>5} {:>5} {:>6} {:>6} {:>6} {:>6}".format(*header))
    for code, docs in corpora.items():
        if not docs:
            continue
        gold_count = sum(len(g) for _, g in docs)
        for name, split in (("factcheck", factcheck_splitter(code)), ("naive", naive_splitter)):
            precision, recall, f1, elapsed = score(docs, split)
            print(
                f"{code:<5} {name:<10} {len(docs):>5} {gold_count:>5} "
                f"{precision:>6.3f} {recall:>6.3f} {f1:>6.3f} {elapsed:>6.2f}"
            )
        if args.show:
            print(f"errors ({code}):")
            show_errors(docs, factcheck_splitter(code), args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Measure matching on third-party data read from ``../shared/data`` at run time.

* CheckThat! 2021 Task 2A (tweets against previously fact-checked claims, Arabic and English):
  MAP@5, MRR and P@1 on train, dev and test, for the product's matcher (semantic, and lexical
  only as without an encoder), beside two baselines measured in the same run: the previous
  matcher (rapidfuzz on canonical forms, as before the encoder) and a stock BM25 (Okapi,
  k1 1.2, b 0.75) on the same canonical tokens of the raw tweet against claim + title.
  Nothing here is tuned on these data: the scorer is fitted on the project's own pairs.
* The default threshold: of the queries whose top match is correct, the share scoring at least
  ``--min-score``; of unrelated LIAR test statements matched against LIAR valid, the share with
  any match at that score.
* UD Arabic PUD, 1,000 parallel sentences: P@1 of Arabic against the English sentences and back.

Usage: ``python benchmarks/eval_matching.py [--data DIR] [--min-score 70] [--markdown]``
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import math
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from factcheck.evidence.base import EvidenceBase
from factcheck.evidence.features import matching_forms
from factcheck.evidence.index import default_cache_dir
from factcheck.evidence.matching import canonical_many
from factcheck.models import EvidenceEntry
from factcheck.semantic import EncoderLink

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
# Best CheckThat! 2021 Task 2A test runs (MAP@5), from the lab's overview (Shaar et al. 2021).
PUBLISHED = {"ar": 0.908, "en": 0.883}
csv.field_size_limit(1 << 30)


def _tsv(path: Path, header: bool = True) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    return rows[1:] if header else rows


Queries = dict[str, list[tuple[str, str]]]


def checkthat(
    data: Path, lang: str
) -> tuple[list[EvidenceEntry], Queries, dict[str, set[str]]]:
    """The verified claims (as entries with their titles), the tweets by split, the qrels."""
    qrels: dict[str, set[str]] = {}
    if lang == "en":
        folder = data / "en_checkthat2021_task2a_claim_retrieval"
        claims = _tsv(folder / "CT2021-Task2A-EN-Verified_Claims.txt")
        splits = {s: _tsv(folder / f"EN_{s}_queries.tsv") for s in ("train", "dev", "test")}
        for row in _tsv(folder / "EN-all_QRELs.txt", header=False):
            qrels.setdefault(row[0], set()).add(row[2])
    else:
        folder = data / "ar_checkthat2021_task2a_claim_retrieval"
        claims = _tsv(folder / "vclaims_reconstructed.tsv")
        splits = {s: _tsv(folder / f"queries_{s}.tsv") for s in ("train", "dev", "test")}
        for name in ("qrels_train_dev.tsv", "qrels_test_DERIVED_from_topk_labels.tsv"):
            for row in _tsv(folder / name, header=False):
                if row and row[-1].strip() == "1":
                    qrels.setdefault(row[0], set()).add(row[2])
    entries = [
        EvidenceEntry(
            id=row[0], claim=row[1], rating=None, rating_class="false", lang=lang,
            origin=f"checkthat-{lang}", title=(row[2] if len(row) > 2 and row[2] else None),
        )
        for row in claims
        if len(row) > 1 and row[1].strip()
    ]
    queries = {
        split: [(row[0], row[1]) for row in rows if len(row) > 1 and row[0] in qrels]
        for split, rows in splits.items()
    }
    return entries, queries, qrels


def bm25(documents: Sequence[str], queries: Sequence[str]) -> npt.NDArray[np.float32]:
    """Stock Okapi BM25 (k1 1.2, b 0.75, term frequencies) of each query against every
    document, on whitespace tokens."""
    k1, b = 1.2, 0.75
    postings: dict[str, list[tuple[int, int]]] = {}
    lengths = np.zeros(len(documents))
    for row, document in enumerate(documents):
        words = document.split()
        lengths[row] = len(words)
        for word, count in Counter(words).items():
            postings.setdefault(word, []).append((row, count))
    average = float(lengths.mean()) if len(documents) else 1.0
    result = np.zeros((len(queries), len(documents)), dtype=np.float32)
    for row, query in enumerate(queries):
        for word in set(query.split()):
            found = postings.get(word)
            if not found:
                continue
            idf = math.log(1 + (len(documents) - len(found) + 0.5) / (len(found) + 0.5))
            rows = np.array([r for r, _ in found])
            counts = np.array([c for _, c in found], dtype=np.float64)
            norm = k1 * (1 - b + b * lengths[rows] / average)
            result[row, rows] += idf * counts * (k1 + 1) / (counts + norm)
    return result


def ranking_figures(
    scores: npt.NDArray[np.float32], relevant: Sequence[set[int]]
) -> tuple[float, float, float]:
    """MAP@5, MRR and P@1 of score rows (ties in entry order)."""
    average_precision, reciprocal, first = [], [], []
    for row, wanted in zip(scores, relevant, strict=True):
        order = np.argsort(-row, kind="stable")
        top = order[:5]
        hits = total = 0.0
        for rank, column in enumerate(top):
            if int(column) in wanted:
                hits += 1
                total += hits / (rank + 1)
        average_precision.append(total / min(len(wanted), 5))
        ranks = np.flatnonzero(np.isin(order, list(wanted)))
        reciprocal.append(1.0 / (ranks[0] + 1) if len(ranks) else 0.0)
        first.append(float(int(order[0]) in wanted))
    return float(np.mean(average_precision)), float(np.mean(reciprocal)), float(np.mean(first))


def _print(rows: list[tuple[str, ...]], header: tuple[str, ...], markdown: bool) -> None:
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    print()


def eval_checkthat(data: Path, link: EncoderLink, min_score: float, markdown: bool) -> None:
    """CheckThat! 2021 2A: ranking figures and the threshold's reach."""
    rows: list[tuple[str, ...]] = []
    reach: list[tuple[str, ...]] = []
    for lang in ("ar", "en"):
        entries, queries, qrels = checkthat(data, lang)
        column = {e.id: i for i, e in enumerate(entries)}
        started = time.perf_counter()
        semantic = EvidenceBase(entries, encoder=link)
        semantic.prepared()  # embeds (or reads from the vector cache) the claims and titles
        prepared_seconds = time.perf_counter() - started
        lexical = EvidenceBase(entries)
        plain_forms = canonical_many([e.claim for e in entries])
        titled_forms = canonical_many([f"{e.claim} {e.title or ''}" for e in entries])
        # As before headlines were read: the raw claim's canonical form, no title.
        untitled = [dataclasses.replace(e, title=None) for e in entries]
        previous = EvidenceBase(untitled, forms=plain_forms)
        for split in ("train", "dev", "test"):
            texts = [text for _, text in queries[split]]
            wanted = [{column[v] for v in qrels[q] if v in column} for q, _ in queries[split]]
            kept = [i for i, w in enumerate(wanted) if w]
            texts = [texts[i] for i in kept]
            wanted = [wanted[i] for i in kept]
            started = time.perf_counter()
            product = semantic.scores(texts)
            seconds = time.perf_counter() - started
            matrices = {
                "product (semantic)": product,
                "product, lexical only": lexical.scores(texts),
                "previous matcher (rapidfuzz)": previous.prepared().spelling(
                    canonical_many(texts)
                ),
                "stock BM25 (claim + title)": bm25(titled_forms, canonical_many(texts)),
                "BM25, tweet noise stripped": bm25(titled_forms, matching_forms(texts)),
            }
            for name, matrix in matrices.items():
                figures = ranking_figures(matrix, wanted)
                shown = split == "test" and name.startswith("product (s")
                published = f"{PUBLISHED[lang]:.3f}" if shown else ""
                rows.append(
                    (lang, split, name, str(len(texts)), *(f"{f:.3f}" for f in figures), published)
                )
            correct_top = [i for i, w in enumerate(wanted) if int(np.argmax(product[i])) in w]
            reached = sum(float(product[i].max()) >= min_score for i in correct_top)
            any_reached = sum(float(product[i].max()) >= min_score for i in range(len(texts)))
            reach.append(
                (lang, split, str(len(texts)), f"{len(correct_top) / len(texts):.3f}",
                 f"{reached / max(len(correct_top), 1):.3f}", f"{any_reached / len(texts):.3f}",
                 f"{1000 * seconds / len(texts):.1f}")
            )
        print(f"# {lang}: {len(entries)} verified claims prepared in {prepared_seconds:.1f} s")
    header = ("lang", "split", "matcher", "queries", "MAP@5", "MRR", "P@1", "best published (test)")
    _print(rows, header, markdown)
    _print(
        reach,
        ("lang", "split", "queries", "top-1 correct", f"of those, score >= {min_score:g}",
         f"any match >= {min_score:g}", "ms per query (brute force)"),
        markdown,
    )


def eval_liar(data: Path, link: EncoderLink, min_score: float, markdown: bool) -> None:
    """Unrelated LIAR test statements against LIAR valid as evidence."""
    def statements(name: str) -> list[list[str]]:
        return [r for r in _tsv(data / "en_liar_politifact" / name, header=False) if len(r) > 2]

    entries = [
        EvidenceEntry(id=r[0], claim=r[2], rating=r[1], rating_class="true", lang="en",
                      origin="liar-valid")
        for r in statements("valid.tsv")
    ]
    claims = [r[2] for r in statements("test.tsv")]
    rows = []
    for name, base in (
        ("product (semantic)", EvidenceBase(entries, encoder=link)),
        ("product, lexical only", EvidenceBase(entries)),
    ):
        matrix = base.scores(claims)
        share = float((matrix.max(axis=1) >= min_score).mean())
        rows.append((name, str(len(claims)), f"{share:.4f}"))
    previous = EvidenceBase(entries, forms=canonical_many([e.claim for e in entries]))
    spelling = previous.prepared().spelling(canonical_many(claims))
    rows.append(("previous matcher (rapidfuzz)", str(len(claims)),
                 f"{float((spelling.max(axis=1) >= min_score).mean()):.4f}"))
    header = ("LIAR test vs LIAR valid (unrelated)", "claims", f"with a match >= {min_score:g}")
    _print(rows, header, markdown)


def eval_pud(data: Path, link: EncoderLink, markdown: bool) -> None:
    """Cross-lingual retrieval of parallel sentences."""
    table = _tsv(data / "ar_en_ud_arabic_pud" / "sentences_ar_en_DERIVED.tsv")
    arabic = [row[2] for row in table]
    english = [row[3] for row in table]
    rows = []
    for source, target, direction in ((arabic, english, "ar -> en"), (english, arabic, "en -> ar")):
        entries = [
            EvidenceEntry(id=str(i), claim=t, rating=None, rating_class="true", origin="pud")
            for i, t in enumerate(target)
        ]
        wanted = [{i} for i in range(len(source))]
        product = EvidenceBase(entries, encoder=link).scores(source)
        spelling = EvidenceBase(entries).prepared().spelling(canonical_many(source))
        for name, matrix in (("product (semantic)", product), ("rapidfuzz", spelling)):
            first = ranking_figures(matrix, wanted)[2]
            rows.append((direction, name, str(len(source)), f"{first:.3f}"))
    _print(rows, ("UD Arabic PUD", "matcher", "sentences", "P@1"), markdown)


def main() -> None:
    """Print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--min-score", type=float, default=70.0)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--only", choices=("checkthat", "liar", "pud"))
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"skipped: no data directory at {args.data}")
        return
    link = EncoderLink(cache_dir=default_cache_dir())
    if link.encoder() is None:
        print(f"note: {link.problem}; the semantic rows fall back to lexical only")
    if args.only in (None, "checkthat"):
        eval_checkthat(args.data, link, args.min_score, args.markdown)
    if args.only in (None, "liar"):
        eval_liar(args.data, link, args.min_score, args.markdown)
    if args.only in (None, "pud"):
        eval_pud(args.data, link, args.markdown)


if __name__ == "__main__":
    main()

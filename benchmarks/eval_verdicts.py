"""Measure matching and verdicts on third-party data read from ``../shared/data`` at run time.

ANS stance pairs (Arabic), LIAR statements (English) as rated evidence, Arabic spelling
variants and changed numbers; prints accuracy, macro-F1 and P@1. Skips cleanly without data.

Usage: ``python benchmarks/eval_verdicts.py [--data DIR] [--min-score 70] [--limit N]``
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from factcheck.evidence import EvidenceBase, classify_rating
from factcheck.lang import get_pack
from factcheck.models import EvidenceEntry, Verdict
from factcheck.text.quantities import extract_quantities
from factcheck.verdict import decide

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
LABELS = ("supported", "refuted", "mixed", "unverified")
_EXPECTED_OF_CLASS = {"true": "supported", "false": "refuted", "mixed": "mixed"}
_NUMBER = re.compile(r"\d[\d,]*")
_DIACRITICS = ("\u064e", "\u064f", "\u0650", "\u0652", "\u064b")


def _entry(identifier: str, claim: str, rating: str | None) -> EvidenceEntry:
    return EvidenceEntry(
        id=identifier, claim=claim, rating=rating, rating_class=classify_rating(rating)
    )


def _verdicts(
    base: EvidenceBase, claims: Sequence[str], language: str, min_score: float
) -> list[Verdict]:
    pack = get_pack(language)
    all_matches = base.search_many(claims, top=5, min_score=min(min_score, 50.0))
    return [
        decide(c, extract_quantities(c, pack), m, pack=pack, min_score=min_score)
        for c, m in zip(claims, all_matches, strict=True)
    ]


def _macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    scores = []
    for label in sorted(set(gold)):
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def _row(name: str, count: int, figures: str) -> None:
    print(f"{name:<46} {count:>6}  {figures}")


def _spelling_variant(text: str, rng: random.Random) -> str:
    """Add diacritics and tatweel, swap hamza/taa-marbuta/yaa forms, use Arabic-Indic digits."""
    out = []
    for ch in text:
        if ch.isdigit() and ch.isascii():
            out.append(chr(0x0660 + int(ch)))
            continue
        swapped = {"ة": "ه", "ى": "ي", "أ": "ا", "إ": "ا", "ا": "أ"}.get(ch, ch)
        out.append(swapped if rng.random() < 0.5 else ch)
        if "\u0621" <= ch <= "\u064a":
            if rng.random() < 0.3:
                out.append(rng.choice(_DIACRITICS))
            if rng.random() < 0.05 and ch not in "ادذرزوةى":
                out.append("\u0640")
    return "".join(out)


def _change_number(text: str, rng: random.Random) -> str | None:
    found = [m for m in _NUMBER.finditer(text) if m.group().replace(",", "").isdigit()]
    found = [m for m in found if int(m.group().replace(",", "")) >= 2]
    if not found:
        return None
    target = rng.choice(found)
    value = int(target.group().replace(",", ""))
    if 1900 <= value <= 2030:
        new = str(value - rng.randint(2, 6))
    else:
        new = f"{value * rng.choice((3, 5)):,}"
    return text[: target.start()] + new + text[target.end() :]


def eval_ans(data: Path, min_score: float, limit: int | None) -> list[tuple[str, str]]:
    """ANS: s1 as true evidence, s2 as claims. Returns (gold, predicted) of the Arabic suites."""
    path = data / "ar_ans_arabic_news_stance" / "stance" / "dev.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))[:limit]
    evidence = list(dict.fromkeys(r["s1"] for r in rows))
    index = {text: i for i, text in enumerate(evidence)}
    base = EvidenceBase([_entry(f"ans{i}", t, None) for i, t in enumerate(evidence)])
    expected = {"agree": "supported", "disagree": "refuted", "other": "unverified"}
    verdicts = _verdicts(base, [r["s2"] for r in rows], "ar", min_score)
    gold = [expected[r["stance"]] for r in rows]
    predicted = [v.label for v in verdicts]
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(rows)
    _row(
        "ANS dev stance (s2 vs s1 evidence)",
        len(rows),
        f"accuracy {accuracy:.3f}  macro-F1 {_macro_f1(gold, predicted):.3f}",
    )
    for stance in ("agree", "disagree", "other"):
        picked = [(r, v) for r, v in zip(rows, verdicts, strict=True) if r["stance"] == stance]
        counts = Counter(v.label for _, v in picked)
        own = sum(
            v.evidence is not None and v.evidence.id == f"ans{index[r['s1']]}" for r, v in picked
        )
        _row(
            f"  {stance}: verdicts / matched own s1 ≥ {min_score:g}",
            len(picked),
            " ".join(f"{k} {counts[k]}" for k in LABELS)
            + f" / own {own / max(len(picked), 1):.2f}",
        )

    rng = random.Random(7)
    exact = _verdicts(base, evidence, "ar", min_score)
    variants = [_spelling_variant(t, rng) for t in evidence]
    varied = _verdicts(base, variants, "ar", min_score)
    same = sum(a.label == b.label == "supported" for a, b in zip(exact, varied, strict=True))
    _row(
        "ANS s1 spelling variants: verdict unchanged",
        len(evidence),
        f"{same / len(evidence):.3f} (exact text supported: "
        f"{sum(v.label == 'supported' for v in exact) / len(evidence):.3f})",
    )
    changed = [(i, _change_number(t, rng)) for i, t in enumerate(evidence)]
    numeric = [(i, c) for i, c in changed if c is not None]
    refuted = _verdicts(base, [c for _, c in numeric], "ar", min_score)
    hits = sum(v.label == "refuted" for v in refuted)
    _row("ANS s1 with a number/year changed -> refuted", len(numeric), f"{hits / len(numeric):.3f}")
    return (
        [("supported", v.label) for v in varied]
        + [("supported", v.label) for v in exact]
        + [("refuted", v.label) for v in refuted]
    )


def _drop_word(text: str, rng: random.Random) -> str:
    words = text.split()
    if len(words) > 5:
        words.pop(rng.randrange(1, len(words)))
    return " ".join(words)


def eval_liar(data: Path, min_score: float, limit: int | None) -> list[tuple[str, str]]:
    """LIAR valid: statements as rated evidence; exact, perturbed and renumbered claims."""
    path = data / "en_liar_politifact" / "valid.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if len(r) > 2][:limit]
    entries = [_entry(r[0], r[2], r[1]) for r in rows]
    base = EvidenceBase(entries)
    rng = random.Random(11)
    suites = {
        "exact": [e.claim for e in entries],
        "attribution prefix": [f"A senator said that {e.claim}" for e in entries],
        "one word dropped": [_drop_word(e.claim, rng) for e in entries],
    }
    pairs: list[tuple[str, str]] = []
    for name, claims in suites.items():
        verdicts = _verdicts(base, claims, "en", min_score)
        top = base.search_many(claims, top=1)
        p_at_1 = sum(bool(t) and t[0].entry.id == e.id for t, e in zip(top, entries, strict=True))
        gold = [_EXPECTED_OF_CLASS.get(e.rating_class, "unverified") for e in entries]
        predicted = [v.label for v in verdicts]
        correct = sum(g == p for g, p in zip(gold, predicted, strict=True))
        pairs.extend(zip(gold, predicted, strict=True))
        _row(
            f"LIAR valid, {name}",
            len(entries),
            f"P@1 {p_at_1 / len(entries):.3f}  verdict accuracy {correct / len(entries):.3f}",
        )
    true_entries = [e for e in entries if e.rating_class == "true"]
    changed = [(e, _change_number(e.claim, rng)) for e in true_entries]
    numeric = [(e, c) for e, c in changed if c is not None]
    verdicts = _verdicts(base, [c for _, c in numeric], "en", min_score)
    hits = sum(v.label == "refuted" for v in verdicts)
    pairs.extend(("refuted", v.label) for v in verdicts)
    _row(
        "LIAR true statements, number changed -> refuted",
        len(numeric),
        f"{hits / len(numeric):.3f}",
    )
    unrelated_path = data / "en_liar_politifact" / "test.tsv"
    with unrelated_path.open(encoding="utf-8", newline="") as handle:
        unrelated = [r[2] for r in csv.reader(handle, delimiter="\t") if len(r) > 2][:limit]
    verdicts = _verdicts(base, unrelated, "en", min_score)
    none = sum(v.label == "unverified" and v.evidence is None for v in verdicts)
    pairs.extend(("unverified", v.label if v.evidence is None else "matched") for v in verdicts)
    _row(
        "LIAR test statements (unrelated) -> no match",
        len(unrelated),
        f"{none / len(unrelated):.3f}",
    )
    return pairs


def main() -> None:
    """Print the evaluation table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--min-score", type=float, default=70.0)
    parser.add_argument("--limit", type=int, default=None, help="rows per dataset")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"skipped: no data directory at {args.data}")
        return
    print(f"{'suite':<46} {'n':>6}  figures (min_score {args.min_score:g})")
    pairs = eval_ans(args.data, args.min_score, args.limit)
    pairs += eval_liar(args.data, args.min_score, args.limit)
    correct = sum(g == p for g, p in pairs)
    _row(
        "single-claim suites (variants, numbers, LIAR, unrelated)",
        len(pairs),
        f"correct {correct / len(pairs):.3f}",
    )


if __name__ == "__main__":
    main()

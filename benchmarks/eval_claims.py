"""Measure claim detection (``assess_checkworthiness``) on real articles and debates.

Reads third-party data from ``../shared/data`` at run time (never copied into the repo):
hand-annotated gold sentences (``benchmarks/gold/claims_*.jsonl``: dataset, doc id, offsets,
label; no text) and the CLEF-2018 CheckThat! task-1 debates. Prints precision/recall/F1 of
``is_claim`` per language and split, next to two baselines measured in the same run.

The documents go through the real pipeline, as ``factcheck.api`` runs it: ``segment``,
``attribute_sentences`` over the document (context, paragraphs, signatures), then per sentence
``extract_quantities`` and ``assess_checkworthiness``. A gold sentence is predicted a claim when
a segmented sentence that overlaps it (by at least half of the shorter of the two) is a claim.

Splits: ``tune``, ``heldout`` and ``train2`` were looked at while writing the rules. ``fresh``
to ``fresh5`` (claims_*_fresh*.jsonl) were each annotated before the tool was run on them and
served as the held-out figure of a round (``fresh`` of rounds 1-2, ``fresh2`` of round 3,
``fresh3`` of round 4, ``fresh4`` of round 5, ``fresh5`` of round 6); each has been tuning
data since. ``fresh6`` is the current held-out set: annotated before the tool was run on it,
scored only with ``--heldout`` (once per tuning round), and its errors are never listed.
``*_annotator2`` holds the same sentences labelled independently by a second annotator (who did
not see the first labels), and ``*_adjudicated`` the labels after the two annotators'
disagreements were settled by re-reading the claim definition; the agreement table (F1 of
annotator 2 against annotator 1, Cohen's kappa) is the ceiling a rule set can expect.

Usage: ``python benchmarks/eval_claims.py [--data DIR] [--dump DATASET DOC_ID]
[--errors SPLIT] [--heldout]`` (``--dump`` prints the sentences of one document with their
offsets, for annotation; ``--errors`` prints the misclassified gold sentences of a split, for
tuning).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from factcheck.attribution import attribute, attribute_sentences
from factcheck.claims import CLAIM_THRESHOLD, assess_checkworthiness, hand_checkworthiness_score
from factcheck.lang import LanguagePack, get_pack
from factcheck.models import Checkworthiness
from factcheck.text.detect import detect_sentence_language
from factcheck.text.quantities import extract_quantities
from factcheck.text.segment import paragraph_starts, segment

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "benchmarks" / "gold"
# Splits named so are the current held-out set: scored only with --heldout, never tuned on.
HELDOUT_PREFIX = "fresh6"
DEFAULT_DATA = ROOT.parent / "shared" / "data"

# Gold annotation sentences come from this splitter (so offsets never depend on the project's
# segmenter): a line break, or . ! ? ؟ followed by a space, except after a short abbreviation.
_SPLIT = re.compile(r"\n+|(?<=[.!?؟])[\"'”’)]{0,2}[ \t]+")
_ABBREVIATION = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b[A-Z](?:\.[A-Z])*)\.[\"'”’)]{0,2}$")


@dataclass(frozen=True)
class Span:
    """One gold sentence: where it is and whether it is a claim."""

    dataset: str
    doc: str
    start: int
    end: int
    label: int
    split: str


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank sentence of ``text`` (simple regex splitter)."""
    start = 0
    for match in _SPLIT.finditer(text):
        piece = text[start : match.start()]
        if "\n" not in match.group() and _ABBREVIATION.search(piece):
            continue  # "Sept." / "U.S." / "Mr." do not end a sentence
        yield from _trimmed(text, start, match.start())
        start = match.end()
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    piece = text[start:end]
    if piece.strip():
        left = len(piece) - len(piece.lstrip())
        yield start + left, start + len(piece.rstrip())


def load_document(data: Path, dataset: str, doc: str) -> str | None:
    """The text of one document of a dataset, or None when it is not there."""
    if dataset == "ar_saudinewsnet_sample":
        for path in sorted((data / dataset).glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                if record.get("sample_id") == doc:
                    return str(record["content"])
        return None
    if dataset == "en_polnear_attribution_dev":
        path = data / dataset / "text" / doc
        return path.read_text(encoding="utf-8") if path.is_file() else None
    return None


def load_gold(*, heldout: bool = False) -> list[Span]:
    """The gold spans under ``benchmarks/gold``; the current held-out splits
    (:data:`HELDOUT_PREFIX`) only when ``heldout`` is true."""
    spans = []
    for path in sorted(GOLD_DIR.glob("claims_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                if r["split"].startswith(HELDOUT_PREFIX) and not heldout:
                    continue
                spans.append(
                    Span(r["dataset"], r["doc"], r["start"], r["end"], int(r["label"]), r["split"])
                )
    return spans


@dataclass
class Counts:
    """Confusion counts of a binary classifier."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, gold: bool) -> None:
        if predicted and gold:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1

    def row(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        n = self.tp + self.fp + self.fn + self.tn
        return f"{n:6d} {self.tp + self.fn:6d} {p:6.3f} {r:6.3f} {f:6.3f}"


@dataclass(frozen=True)
class Assessed:
    """One segmented sentence of a document and its check-worthiness."""

    start: int
    end: int
    worth: Checkworthiness
    # The hand formula's score, printed next to the pack's learned model.
    hand: float


def run_pipeline(text: str, language: str) -> list[Assessed]:
    """Segment ``text`` and assess every sentence the way ``factcheck.api`` does (attribution
    over the whole document, with its context, paragraphs and quotation signatures)."""
    pack = get_pack(language)
    sentences = segment(text, pack=pack)
    packs = [
        get_pack(detect_sentence_language(sentence.prose, language)) for sentence in sentences
    ]
    attributions = attribute_sentences(
        [(sentence.prose, packs[n]) for n, sentence in enumerate(sentences)],
        breaks=paragraph_starts(text, sentences),
    )
    assessed = []
    for sentence, sentence_pack, attribution in zip(sentences, packs, attributions, strict=True):
        quantities = extract_quantities(sentence.prose, sentence_pack)
        worth = assess_checkworthiness(
            sentence.prose, sentence_pack, quantities=quantities, attribution=attribution
        )
        hand = hand_checkworthiness_score(
            sentence.prose, sentence_pack, quantities=quantities, attribution=attribution
        )
        assessed.append(Assessed(sentence.start, sentence.end, worth, hand))
    return assessed


def predicted_claim(span: Span, assessed: Iterable[Assessed]) -> tuple[bool, list[Assessed]]:
    """Whether a segmented sentence overlapping ``span`` substantially is a claim."""
    matched = []
    for sentence in assessed:
        overlap = min(span.end, sentence.end) - max(span.start, sentence.start)
        shorter = min(span.end - span.start, sentence.end - sentence.start)
        if overlap > 0 and 2 * overlap >= shorter:
            matched.append(sentence)
    return any(s.worth.is_claim for s in matched), matched


Predictor = Callable[[str, LanguagePack], bool]


def _all_claims(text: str, pack: LanguagePack) -> bool:
    return True


def _has_digit(text: str, pack: LanguagePack) -> bool:
    return any(ch.isdigit() for ch in text)


BASELINES: dict[str, Predictor] = {
    "baseline:all": _all_claims,
    "baseline:digit": _has_digit,
}
HEADER = f"{'set':34s} {'method':15s} {'n':>6s} {'pos':>6s} {'P':>6s} {'R':>6s} {'F1':>6s}"


def _report(
    name: str, rows: list[tuple[str, str, int, bool]], hand: list[bool] | None = None
) -> None:
    """Rows are (text, language, gold label, our prediction); ``hand``: the hand formula's."""
    counts = Counts()
    for _text, _lang, label, ours in rows:
        counts.add(ours, bool(label))
    print(f"{name:34s} {'factcheck':15s} {counts.row()}")
    if hand is not None:
        counts = Counts()
        for (_text, _lang, label, _ours), predicted in zip(rows, hand, strict=True):
            counts.add(predicted, bool(label))
        print(f"{name:34s} {'hand formula':15s} {counts.row()}")
    for method, predict in BASELINES.items():
        counts = Counts()
        for text, lang, label, _ours in rows:
            counts.add(predict(text, get_pack(lang)), bool(label))
        print(f"{name:34s} {method:15s} {counts.row()}")


def evaluate_gold(data: Path, errors: str | None = None, *, heldout: bool = False) -> bool:
    """Print scores on the hand-annotated gold, per language and split."""
    spans = load_gold(heldout=heldout)
    texts: dict[tuple[str, str], str | None] = {}
    pipeline: dict[tuple[str, str], list[Assessed]] = {}
    groups: dict[tuple[str, str], list[tuple[str, str, int, bool]]] = {}
    hand: dict[tuple[str, str], list[bool]] = {}
    for span in spans:
        key = (span.dataset, span.doc)
        lang = "ar" if span.dataset.startswith("ar_") else "en"
        if key not in texts:
            texts[key] = load_document(data, *key)
            document = texts[key]
            pipeline[key] = run_pipeline(document, lang) if document is not None else []
        text = texts[key]
        if text is None:
            continue
        ours, matched = predicted_claim(span, pipeline[key])
        gold_text = text[span.start : span.end]
        groups.setdefault((lang, span.split), []).append((gold_text, lang, span.label, ours))
        hand.setdefault((lang, span.split), []).append(
            any(m.hand >= CLAIM_THRESHOLD for m in matched)
        )
        if errors == span.split and ours != bool(span.label):
            detail = " | ".join(f"{m.worth.score:.2f} {','.join(m.worth.signals)}" for m in matched)
            print(f"{'FP' if ours else 'FN'} [{detail}] {gold_text}")
    if not groups:
        return False
    for (lang, split), rows in sorted(groups.items()):
        _report(f"gold {lang} {split}", rows, hand[(lang, split)])
    return True


def cohen_kappa(first: list[int], second: list[int]) -> float:
    """Cohen's kappa of two binary labelings of the same items."""
    n = len(first)
    if n == 0:
        return 0.0
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    pos_a, pos_b = sum(first) / n, sum(second) / n
    expected = pos_a * pos_b + (1 - pos_a) * (1 - pos_b)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def evaluate_agreement(first: str = "fresh", second: str = "fresh_annotator2") -> None:
    """Print inter-annotator agreement between two splits that label the same sentences."""
    by_split: dict[str, dict[tuple[str, str, int, int], int]] = {}
    for span in load_gold(heldout=True):  # agreement between annotators: no tool output
        by_split.setdefault(span.split, {})[(span.dataset, span.doc, span.start, span.end)] = (
            span.label
        )
    one, two = by_split.get(first, {}), by_split.get(second, {})
    columns = " ".join(f"{c:>6s}" for c in ("n", "pos1", "pos2", "agree", "F1", "kappa"))
    print(f"\n{'agreement':34s} {columns}")
    for lang in ("ar", "en"):
        keys = sorted(k for k in one.keys() & two.keys() if k[0].startswith(f"{lang}_"))
        if not keys:
            continue
        a, b = [one[k] for k in keys], [two[k] for k in keys]
        both = sum(x and y for x, y in zip(a, b, strict=True))
        f1 = 2 * both / (sum(a) + sum(b)) if sum(a) + sum(b) else 0.0
        agree = sum(x == y for x, y in zip(a, b, strict=True)) / len(keys)
        name = f"{lang} {second} vs {first}"
        print(
            f"{name:34s} {len(keys):6d} {sum(a):6d} {sum(b):6d} {agree:6.3f} {f1:6.3f}"
            f" {cohen_kappa(a, b):6.3f}"
        )


def evaluate_clef(data: Path) -> bool:
    """Print scores on the CLEF-2018 task-1 debates (check-worthy, a stricter notion)."""
    root = data / "ar_en_clef2018_debates" / "task1"
    found = False
    for folder, lang in (("English", "en"), ("Arabic", "ar")):
        rows = []
        for path in sorted((root / folder).glob("*.txt")):
            for line in path.read_text(encoding="utf-8").splitlines():
                fields = line.split("\t")
                if len(fields) >= 4 and fields[3].strip() in {"0", "1"}:
                    sentence = fields[2].strip()
                    pack = get_pack(lang)
                    worth = assess_checkworthiness(
                        sentence,
                        pack,
                        quantities=extract_quantities(sentence, pack),
                        attribution=attribute(sentence, pack),
                    )
                    rows.append((sentence, lang, int(fields[3]), worth.is_claim))
        if rows:
            found = True
            _report(f"clef2018 task1 {lang} (check-worthy)", rows)
    return found


def dump(data: Path, dataset: str, doc: str) -> None:
    """Print the sentences of one document with offsets (for annotating gold by hand)."""
    text = load_document(data, dataset, doc)
    if text is None:
        print("document not found")
        return
    for index, (start, end) in enumerate(split_sentences(text)):
        print(f"{index}\t{start}\t{end}\t{text[start:end]}")


def main(argv: list[str] | None = None) -> int:
    """Entry point: print the evaluation tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--dump", nargs=2, metavar=("DATASET", "DOC_ID"))
    parser.add_argument("--errors", metavar="SPLIT", help="print misclassified gold sentences")
    parser.add_argument(
        "--heldout",
        action="store_true",
        help=f"also score the held-out splits ({HELDOUT_PREFIX}*): once per tuning round",
    )
    args = parser.parse_args(argv)
    if args.dump:
        dump(args.data, *args.dump)
        return 0
    if not args.data.is_dir():
        print("dataset not found")
        return 0
    print(HEADER)
    if args.errors and args.errors.startswith(HELDOUT_PREFIX):
        parser.error("held-out errors are not listed: they would become tuning data")
    found = evaluate_gold(args.data, args.errors, heldout=args.heldout)
    found = evaluate_clef(args.data) or found
    if not found:
        print("dataset not found")
    for split in ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", HELDOUT_PREFIX):
        evaluate_agreement(split, f"{split}_annotator2")
    return 0


if __name__ == "__main__":
    sys.exit(main())

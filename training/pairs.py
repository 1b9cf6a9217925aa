"""Read the project's claim-pair corpus (``training/pairs``): base facts and their variants.

Each record holds one evidence sentence and variants of it written by the project (paraphrases,
tweets, translations, negations, opposite actions, swapped names, changed numbers and dates,
claims on the same topic, unrelated claims); ``adjudication.jsonl`` holds the final label of
every pair where the two annotation passes disagreed. Split A (economy, energy, transport,
technology, agriculture, labour, trade, housing) trains; split B (health, courts, science, sport,
education, weather, culture, local government, environment) tests: no topic is in both.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent / "pairs"
SPLITS = {"A": ("en_A", "ar_A"), "B": ("en_B", "ar_B")}
RELATION = {
    "paraphrase": "agree", "paraphrase_far": "agree", "reported": "agree", "tweet": "agree",
    "translation": "agree", "year_only": "agree",
    "negation": "disagree", "denial": "disagree", "opposite": "disagree",
    "entity_swap": "disagree", "number_change": "disagree", "date_change": "disagree",
    "same_topic": "unrelated", "unrelated": "unrelated",
}


@dataclass(frozen=True)
class Pair:
    """One variant against its record's evidence."""

    pair: str  # "<record id>#<variant index>"
    record: str
    lang: str  # the evidence's language
    claim_lang: str
    evidence: str
    claim: str
    kind: str
    relation: str  # agree | disagree | unrelated (adjudicated)
    note: str | None


def _adjudicated() -> dict[str, str]:
    final: dict[str, str] = {}
    path = HERE / "adjudication.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        final[row["pair"]] = row["final"]
    return final


def records(split: str) -> Iterator[dict[str, object]]:
    """The records of split ``A`` or ``B`` (or ``all``)."""
    names = SPLITS["A"] + SPLITS["B"] if split == "all" else SPLITS[split]
    for name in names:
        for line in (HERE / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            yield json.loads(line)


def pairs(split: str, kinds: Sequence[str] | None = None) -> list[Pair]:
    """Every (evidence, variant) pair of a split, with its adjudicated relation."""
    final = _adjudicated()
    found: list[Pair] = []
    for record in records(split):
        variants = record["variants"]
        assert isinstance(variants, list)
        for index, variant in enumerate(variants):
            kind = str(variant["kind"])
            if kinds is not None and kind not in kinds:
                continue
            pair_id = f"{record['id']}#{index}"
            found.append(
                Pair(
                    pair=pair_id,
                    record=str(record["id"]),
                    lang=str(record["lang"]),
                    claim_lang=str(variant.get("lang", record["lang"])),
                    evidence=str(record["evidence"]),
                    claim=str(variant["text"]),
                    kind=kind,
                    relation=final.get(pair_id, RELATION[kind]),
                    note=variant.get("note"),
                )
            )
    return found

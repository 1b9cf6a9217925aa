"""The persistent evidence index: same matches as brute force, invalidation, corruption
recovery, concurrent builders, malformed entries, and every evidence format through it."""

from __future__ import annotations

import json
import multiprocessing
import random
import shutil
from pathlib import Path

import pytest

import factcheck.evidence.index as index_module
from factcheck import api
from factcheck.errors import EvidenceError
from factcheck.evidence import EvidenceBase, load_evidence
from factcheck.evidence.index import (
    IndexedEvidence,
    build_index,
    clear_cache,
    ensure_index,
    index_info,
    open_index,
)
from factcheck.semantic import EncoderLink

FIXTURES = Path(__file__).parent / "fixtures"
_EN = [
    "grain", "exports", "port", "ministry", "troops", "shells", "million", "percent", "budget",
    "deficit", "vaccine", "doses", "border", "oil", "tons", "rose", "fell", "report", "agency",
    "election", "turnout", "prices", "water",
]
_AR = [
    "صادرات", "الحبوب", "الميناء", "الوزارة", "القوات", "قذائف", "مليون", "بالمئة",
    "الميزانية", "العجز", "اللقاح", "جرعة", "الحدود", "النفط", "طن", "ارتفعت", "انخفضت",
    "تقرير", "وكالة", "الانتخابات", "الأسعار", "المياه",
]
_FILLER = [
    "the", "of", "in", "to", "and", "a", "on", "that", "in", "في", "من", "على", "إلى", "أن",
    "عن",
]


def _write_base(path: Path, size: int, seed: int = 3) -> list[str]:
    """Sentences of 8-30 words: a topical vocabulary, invented rare words, numbers."""
    rng = random.Random(seed)
    claims = []
    with path.open("w", encoding="utf-8") as out:
        for number in range(size):
            words = _AR if rng.random() < 0.5 else _EN
            length = rng.randint(8, 30)
            tokens = [
                rng.choice(_FILLER) if rng.random() < 0.3
                else rng.choice(words) if rng.random() < 0.6
                else f"w{rng.randint(0, 30_000)}"
                for _ in range(length)
            ]
            tokens.insert(rng.randrange(length), f"{rng.randint(2, 9_999_999):,}")
            claim = " ".join(tokens)
            claims.append(claim)
            out.write(json.dumps({"id": f"g{number}", "claim": claim, "rating": "False"},
                                 ensure_ascii=False) + "\n")
    return claims


def _paraphrase(claim: str, rng: random.Random) -> str:
    tokens = claim.split()
    tokens.pop(rng.randrange(len(tokens)))
    return "The agency said that " + " ".join(tokens)


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def test_top_match_agrees_with_brute_force_on_20k(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "big.jsonl"
    claims = _write_base(path, 20_000)
    rng = random.Random(5)
    texts = [_paraphrase(rng.choice(claims), rng) for _ in range(30)]
    # Absent claims made of common words only: no rare word to find candidates by.
    texts += [" ".join(rng.choice(_EN + _FILLER) for _ in range(12)) for _ in range(15)]
    indexed = open_index([path], cache_dir=cache)
    brute = EvidenceBase(load_evidence([path]))
    got = indexed.search_many(texts, top=3)
    want = brute.search_many(texts, top=3)
    # The top match as verdicts count it (score >= the default minimum): the same for >= 95%.
    agree = 0
    for found, expected in zip(got, want, strict=True):
        top = [m for m in found[:1] if m.score >= api.DEFAULT_MIN_SCORE]
        best = [m for m in expected[:1] if m.score >= api.DEFAULT_MIN_SCORE]
        agree += [(m.entry, m.score) for m in top] == [(m.entry, m.score) for m in best]
    assert agree / len(texts) >= 0.95
    # Paraphrases of entries: the very same top match and score, every time.
    for found, expected in zip(got[:30], want[:30], strict=True):
        assert (found[0].entry, found[0].score) == (expected[0].entry, expected[0].score)


def test_entries_made_of_common_words_are_candidates(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A small budget makes this 20k base behave like a million-entry one: common words lie
    # beyond the budget, so an entry made only of them shares no word the query looks up.
    monkeypatch.setattr(index_module, "POSTINGS_BUDGET", 2_000)
    monkeypatch.setattr(index_module, "LIGHT_DF", 200)
    path = tmp_path / "big.jsonl"
    _write_base(path, 20_000)
    light = ["in the of to and on a", "في من على إلى أن عن"]
    with path.open("a", encoding="utf-8") as out:
        for number, claim in enumerate(light):
            out.write(json.dumps({"id": f"light{number}", "claim": claim}, ensure_ascii=False))
            out.write("\n")
    rng = random.Random(9)
    texts = []
    for claim in light:
        words = claim.split() + [f"w{rng.randint(0, 30_000)}" for _ in range(6)]
        rng.shuffle(words)
        texts.append(" ".join(words))
    brute = EvidenceBase(load_evidence([path])).search_many(texts, top=1)
    assert [m[0].entry.id for m in brute] == ["light0", "light1"]  # what brute force finds
    indexed = open_index([path], cache_dir=cache)
    got = indexed.search_many(texts, top=1)
    assert [(m[0].entry, m[0].score) for m in got] == [(m[0].entry, m[0].score) for m in brute]
    monkeypatch.setattr(index_module, "LIGHT_CANDIDATES", 0)  # without the light stage
    missed = indexed.search_many(texts, top=1)
    assert all(not m or m[0].entry.id not in ("light0", "light1") for m in missed)


def test_index_is_reused_and_invalidated_when_the_file_changes(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "facts.jsonl"
    shutil.copy(FIXTURES / "evidence" / "good.jsonl", path)
    first = ensure_index(path, cache_dir=cache)
    stamp = first.stat().st_mtime_ns
    assert ensure_index(path, cache_dir=cache) == first
    assert first.stat().st_mtime_ns == stamp  # reused, not rebuilt
    with path.open("a", encoding="utf-8") as out:
        out.write('{"id": "new", "claim": "The harbour handled 7 million containers in 2022."}\n')
    second = ensure_index(path, cache_dir=cache)
    assert second != first
    found = open_index([path], cache_dir=cache).search("the harbour handled 7 million containers")
    assert found and found[0].entry.id == "new"


@pytest.mark.parametrize("damage", ["garbage", "truncate", "unmarked"])
def test_damaged_index_is_rebuilt_with_a_warning(tmp_path: Path, cache: Path, damage: str) -> None:
    path = tmp_path / "facts.jsonl"
    shutil.copy(FIXTURES / "evidence" / "good.jsonl", path)
    index = ensure_index(path, cache_dir=cache)
    if damage == "garbage":
        index.write_bytes(b"not a database at all" * 100)
    elif damage == "truncate":
        data = index.read_bytes()
        index.write_bytes(data[: len(data) // 3])
    else:
        import sqlite3

        connection = sqlite3.connect(index)
        connection.execute("DELETE FROM meta WHERE key = 'complete'")
        connection.commit()
        connection.close()
    warnings: list[str] = []
    rebuilt = ensure_index(path, cache_dir=cache, warn=warnings.append)
    assert rebuilt == index
    assert len(warnings) == 1 and "rebuilding" in warnings[0]
    assert len(open_index([path], cache_dir=cache)) == len(load_evidence([path]))


def _build_in_child(path: str, cache: str) -> None:
    build_index([Path(path)], cache_dir=Path(cache))


def test_concurrent_builders_do_not_corrupt(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "base.jsonl"
    _write_base(path, 3000)
    context = multiprocessing.get_context("spawn")
    children = [context.Process(target=_build_in_child, args=(str(path), str(cache)))
                for _ in range(2)]
    for child in children:
        child.start()
    for child in children:
        child.join(120)
        assert child.exitcode == 0
    indexes = list((cache / "index").glob("*.sqlite"))
    assert len(indexes) == 1
    assert not list((cache / "index").glob(".*.tmp"))  # no half-written file left behind
    info = index_info(path, cache_dir=cache)
    assert info is not None and info.entries == 3000


def test_unreadable_file_leaves_no_index(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[{"claim": "x"},', encoding="utf-8")
    with pytest.raises(EvidenceError, match=r"broken\.json"):
        ensure_index(path, cache_dir=cache)
    assert not [p for p in (cache / "index").iterdir() if p.suffix in (".sqlite", ".tmp")]


def test_malformed_entries_stop_unless_skipped(cache: Path) -> None:
    bad = FIXTURES / "evidence" / "bad.jsonl"
    with pytest.raises(EvidenceError, match=r"bad.jsonl:\d+"):
        api.load_evidence_base([bad], index="always", cache_dir=cache)
    warnings: list[str] = []
    source = api.load_evidence_base(
        [bad], index="always", cache_dir=cache, skip_invalid=True, warn=warnings.append
    )
    assert isinstance(source, IndexedEvidence)
    assert len(source) == len(load_evidence([bad], skip_invalid=True))
    assert warnings and "skipped" in warnings[0]


@pytest.mark.parametrize(
    "path",
    [
        FIXTURES / "evidence" / "good.jsonl",
        FIXTURES / "evidence" / "good.csv",
        FIXTURES / "evidence" / "good.yaml",
        FIXTURES / "evidence" / "good.json",
        FIXTURES / "ecosystem" / "claimreview-graph.json",
        FIXTURES / "ecosystem" / "saved-page.html",
        FIXTURES / "ecosystem" / "google-response.json",
    ],
    ids=lambda p: p.name,
)
def test_every_format_matches_the_same_through_the_index(path: Path, cache: Path) -> None:
    entries = load_evidence([path])
    # The same encoder and vector cache as load_evidence_base gives the index.
    brute = EvidenceBase(entries, encoder=EncoderLink(cache_dir=cache))
    indexed = api.load_evidence_base([path], index="always", cache_dir=cache)
    assert isinstance(indexed, IndexedEvidence) and indexed.encoder is not None
    texts = [entry.claim for entry in entries]
    got = indexed.search_many(texts, top=2)
    want = brute.search_many(texts, top=2)
    assert [[(m.entry, m.score) for m in row] for row in got] == [
        [(m.entry, m.score) for m in row] for row in want
    ]


def test_several_files_keep_their_origin_and_unique_ids(tmp_path: Path, cache: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text('{"id": "x1", "claim": "The dam holds 5 billion cubic metres of water"}\n')
    second.write_text('{"id": "x2", "claim": "The airport served 30 million passengers"}\n')
    source = api.load_evidence_base([first, second], index="always", cache_dir=cache)
    (match,) = source.search("the airport served 30 million passengers", top=1)
    assert (match.entry.id, match.entry.origin) == ("x2", str(second))
    second.write_text('{"id": "x1", "claim": "The airport served 30 million passengers"}\n')
    with pytest.raises(EvidenceError, match=r"b.jsonl:1: id: duplicate id 'x1'"):
        api.load_evidence_base([first, second], index="always", cache_dir=cache)


def test_stats_and_clear(tmp_path: Path, cache: Path) -> None:
    path = FIXTURES / "ecosystem" / "google-response.json"
    assert index_info(path, cache_dir=cache) is None
    ensure_index(path, cache_dir=cache)
    info = index_info(path, cache_dir=cache)
    assert info is not None
    assert (info.entries, info.languages, info.ratings) == (
        3, {"en": 2, "ar": 1}, {"mixed": 2, "false": 1}
    )
    removed, freed = clear_cache(cache)
    assert removed >= 1 and freed > 0
    assert index_info(path, cache_dir=cache) is None


def test_verdicts_identical_on_the_project_articles_with_few_candidates(cache: Path) -> None:
    # Few candidates per file, so BM25 retrieval (not whole-file scoring) picks the evidence.
    claims = Path(__file__).parent.parent / "claims"
    evidence = [claims / "evidence-en.jsonl", claims / "evidence-ar.jsonl"]
    documents = api.read_documents([claims / "en-russia-dprk.md", claims / "ar-russia-dprk.md"])
    indexes = build_index(evidence, cache_dir=cache)
    indexed = IndexedEvidence(list(zip(evidence, indexes, strict=True)), candidates=3)
    brute = api.check_documents(documents, EvidenceBase(load_evidence(evidence)))
    got = api.check_documents(documents, indexed)

    def verdicts(result: api.ListResult) -> list[tuple[str, str, str | None, float | None]]:
        # The score of an unverified verdict is the best score under the threshold, which the
        # index need not reproduce (it may find no candidate at all).
        return [
            (c.text, c.verdict.label, c.verdict.evidence and c.verdict.evidence.id,
             c.verdict.score if c.verdict.evidence else None)
            for d in result.documents for c in d.claims if c.verdict is not None
        ]

    assert len(verdicts(brute)) > 30
    assert verdicts(got) == verdicts(brute)


def test_batched_parallel_build_equals_a_single_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Large files stream through forked workers batch by batch; small batches force that path
    # here, and the index must be the same as one built in a single batch.
    path = tmp_path / "base.jsonl"
    claims = _write_base(path, 3_000)
    with path.open("a", encoding="utf-8") as out:
        out.write('{"id": "g7", "claim": "a second entry with a used id"}\n')
    seen: list[tuple[int, int]] = []
    whole = open_index([path], cache_dir=tmp_path / "whole")
    monkeypatch.setattr(index_module, "_BATCH", 200)
    batched = open_index(
        [path], cache_dir=tmp_path / "batched", progress=lambda n, t: seen.append((n, t))
    )
    assert len(batched) == len(whole) == 3_000
    assert batched.problems() == whole.problems() and len(whole.problems()) == 1
    rng = random.Random(2)
    texts = [_paraphrase(rng.choice(claims), rng) for _ in range(20)]
    assert batched.search_many(texts, top=3) == whole.search_many(texts, top=3)
    assert seen[-1][0] == seen[-1][1] and len(seen) > 10  # one update per batch
    info = index_info(path, cache_dir=tmp_path / "batched")
    assert info is not None and sum(info.ratings.values()) == 3_000

"""Evidence at scale: index build, warm ``check``/``list`` and per-claim latency vs brute force.

Generates a seeded evidence base (Arabic and English sentences of 8-30 words with numbers, Zipf-
like vocabulary) at each size, and a 30-claim article (half near-paraphrases of entries, half
absent); then builds the persistent index, runs the CLI warm in subprocesses, and compares the
index's top match per claim with brute-force ``rapidfuzz.process.extractOne`` over every entry
with the same scorer. Prints a table (``--markdown`` for README form).

Usage: ``python benchmarks/evidence_scale.py [--sizes 100000 1000000] [--markdown]``
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_EN_COMMON = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "for",
    "is",
    "on",
    "said",
    "was",
    "with",
    "by",
    "as",
    "at",
    "from",
    "has",
    "have",
    "it",
    "its",
    "are",
    "were",
    "be",
    "this",
    "which",
    "an",
    "will",
    "not",
    "but",
    "more",
    "than",
    "after",
    "about",
    "year",
    "percent",
    "million",
    "people",
]
_AR_COMMON = [
    "في",
    "من",
    "على",
    "إلى",
    "أن",
    "التي",
    "الذي",
    "عن",
    "مع",
    "هذا",
    "هذه",
    "كان",
    "قال",
    "وقال",
    "بعد",
    "عام",
    "مليون",
    "بالمئة",
    "أكثر",
    "ألف",
    "حيث",
    "بين",
    "خلال",
    "كما",
    "وفق",
    "الحكومة",
    "الوزارة",
]
_EN_SYLLABLES = [
    "ba",
    "ce",
    "di",
    "fo",
    "gu",
    "ha",
    "je",
    "ki",
    "lo",
    "mu",
    "na",
    "pe",
    "qui",
    "ro",
    "su",
    "ta",
    "ve",
    "wi",
    "xo",
    "yu",
    "ze",
    "ar",
    "en",
    "is",
    "on",
]
_AR_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
_EN_ATTRIBUTION = ("According to officials, ", "The ministry said that ", "Reports claim ")
_AR_ATTRIBUTION = ("وقالت الوزارة إن ", "وذكرت وكالة الأنباء أن ", "بحسب مسؤولين، ")


def _vocabulary(rng: random.Random, size: int) -> tuple[list[str], list[str]]:
    english = set(_EN_COMMON)
    while len(english) < size:
        english.add("".join(rng.choice(_EN_SYLLABLES) for _ in range(rng.randint(2, 4))))
    arabic = set(_AR_COMMON)
    while len(arabic) < size:
        arabic.add("".join(rng.choice(_AR_LETTERS) for _ in range(rng.randint(3, 7))))
    # Common words first: they take the top Zipf ranks.
    return (
        _EN_COMMON + sorted(english - set(_EN_COMMON)),
        _AR_COMMON + sorted(arabic - set(_AR_COMMON)),
    )


class _Generator:
    def __init__(self, seed: int, vocabulary: int = 60_000) -> None:
        self.rng = random.Random(seed)
        self.english, self.arabic = _vocabulary(self.rng, vocabulary)
        weights = [1.0 / (rank + 1) ** 1.05 for rank in range(vocabulary)]
        total = 0.0
        self.cumulative: list[float] = []
        for weight in weights:
            total += weight
            self.cumulative.append(total)

    def sentence(self, arabic: bool) -> str:
        words = self.arabic if arabic else self.english
        length = self.rng.randint(8, 30)
        picks = self.rng.choices(words, cum_weights=self.cumulative, k=length)
        for _ in range(self.rng.randint(1, 2)):
            number = self.rng.choice(
                (
                    f"{self.rng.randint(2, 999)}",
                    f"{self.rng.randint(1000, 9_999_999):,}",
                    f"{self.rng.randint(1, 99)}.{self.rng.randint(1, 9)}%",
                    f"{self.rng.randint(1990, 2024)}",
                )
            )
            picks.insert(self.rng.randrange(len(picks) + 1), number)
        return " ".join(picks)

    def paraphrase(self, text: str, arabic: bool) -> str:
        tokens = text.split()
        tokens.pop(self.rng.randrange(len(tokens)))
        i = self.rng.randrange(len(tokens) - 1)
        tokens[i], tokens[i + 1] = tokens[i + 1], tokens[i]
        prefix = self.rng.choice(_AR_ATTRIBUTION if arabic else _EN_ATTRIBUTION)
        return prefix + " ".join(tokens) + "."


_RATINGS = ("False", "Mostly false", "Misleading", "Half true", "True", "زائف", "مضلل", "صحيح")


def write_base(path: Path, size: int, seed: int = 7) -> list[str]:
    """Write ``size`` entries as JSON Lines; return the claims."""
    generator = _Generator(seed)
    claims: list[str] = []
    with path.open("w", encoding="utf-8") as out:
        for number in range(size):
            arabic = generator.rng.random() < 0.5
            claim = generator.sentence(arabic)
            claims.append(claim)
            record = {
                "id": f"e{number}",
                "claim": claim,
                "rating": generator.rng.choice(_RATINGS),
                "lang": "ar" if arabic else "en",
                "source": "Desk",
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return claims


def make_claims(claims: list[str], count: int = 30, seed: int = 11) -> list[str]:
    """Half near-paraphrases of entries, half sentences absent from the base."""
    generator = _Generator(seed)
    out: list[str] = []
    for index in range(count):
        arabic = index % 2 == 1
        if index < count // 2:
            source = generator.rng.choice(claims)
            out.append(generator.paraphrase(source, any("\u0600" <= c <= "\u06ff" for c in source)))
        else:
            out.append(generator.sentence(arabic) + ".")
    return out


# Runs ``python -m factcheck ARGS`` in a grandchild and writes its wall time, peak RSS, CPU
# time and exit code. A child's ru_maxrss starts from the RSS of the process it was forked
# from (Linux keeps the pre-exec high-water mark), so forking from this large process would
# report this process's memory; a fresh small interpreter forks instead.
_LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, "-m", "factcheck", *sys.argv[2:]])
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    cpu = usage.ru_utime + usage.ru_stime
    out.write(f"{wall} {usage.ru_maxrss} {cpu} {os.waitstatus_to_exitcode(status)}")
"""


def _run(args: list[str], env: dict[str, str]) -> tuple[float, int, str, float]:
    """Wall time, peak RSS (KiB), stdout and CPU time (user + system) of ``python -m
    factcheck ARGS`` alone (see _LAUNCHER). CPU time shows the cost when other work shares
    the machine."""
    with tempfile.TemporaryDirectory() as folder:
        figures = Path(folder) / "figures"
        done = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, str(figures), *args],
            capture_output=True,
            env=env,
            check=False,
            text=True,
        )
        wall, rss, cpu, code = figures.read_text(encoding="ascii").split()
    if int(code) not in (0, 1):
        raise SystemExit(f"factcheck {' '.join(args[:2])} failed: {done.stderr.strip()}")
    return float(wall), int(rss), done.stdout, float(cpu)


def measure(size: int, work: Path, brute_claims: int) -> dict[str, float | int | str]:
    """One row of the table."""
    from rapidfuzz import process

    from factcheck.evidence.index import open_index

    path = work / f"evidence-{size}.jsonl"
    claims = write_base(path, size)
    article_claims = make_claims(claims)
    article = work / f"article-{size}.md"
    article.write_text("\n\n".join(article_claims) + "\n", encoding="utf-8")
    env = dict(os.environ, FACTCHECK_CACHE_DIR=str(work / "cache"), COLUMNS="120")
    # Warm means as installed: bytecode cached (here in a private folder, not in the tree).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")

    # The build as a user runs it: the whole `factcheck evidence index` process.
    build, build_rss, _, build_cpu = _run(["evidence", "index", str(path)], env)
    index = open_index([path], cache_dir=work / "cache")

    # Warm runs: the index exists and bytecode is cached; the best of three (the machine may be
    # busy with other work), the claim a paraphrase (a match to score and explain).
    check = ["check", article_claims[0], "-e", str(path)]
    runs = [_run(check, env) for _ in range(3)]
    check_wall, check_rss = min(r[0] for r in runs), max(r[1] for r in runs)
    check_cpu = min(r[3] for r in runs)
    listing = ["list", str(article), "-e", str(path), "-f", "json"]
    runs = [_run(listing, env) for _ in range(3)]
    list_wall, list_rss = min(r[0] for r in runs), max(r[1] for r in runs)
    list_cpu = min(r[3] for r in runs)
    verdicts = [c["verdict"]["label"] for d in json.loads(runs[0][2])["documents"]
                for c in d["claims"]]

    start, cpu = time.perf_counter(), time.process_time()
    indexed = index.search_many(article_claims, top=1)
    per_claim = (time.perf_counter() - start) / len(article_claims)
    per_claim_cpu = (time.process_time() - cpu) / len(article_claims)

    # Brute force: the same scorer over every entry. EvidenceBase (process.cdist on all cores)
    # is the fast brute force and gives every claim's top match; extractOne with the scorer as
    # a Python function is timed on a few claims and must agree with it.
    from factcheck.evidence.base import EvidenceBase
    from factcheck.evidence.matching import canonical, canonical_many, combined_scorer
    from factcheck.models import EvidenceEntry

    entries = [EvidenceEntry(f"e{i}", claim, None, "true") for i, claim in enumerate(claims)]
    base = EvidenceBase(entries)
    start, cpu = time.perf_counter(), time.process_time()
    brute = base.search_many(article_claims, top=1)
    brute_per_claim = (time.perf_counter() - start) / len(article_claims)
    brute_cpu = (time.process_time() - cpu) / len(article_claims)
    forms = canonical_many(claims)
    scorer = combined_scorer()
    sample = article_claims[: max(brute_claims, 1)]
    start = time.perf_counter()
    extract = [
        process.extractOne(canonical(c), forms, scorer=scorer, processor=None) for c in sample
    ]
    extract_per_claim = (time.perf_counter() - start) / len(sample)
    # Scores are float32 rounded to 0.1, extractOne's are float64: compare to the 0.1 shown.
    extract_agree = sum(
        bool(b) and e is not None and abs(round(e[1], 1) - b[0].score) < 0.05
        for e, b in zip(extract, brute, strict=False)
    )
    agree_any = agree_shown = 0
    for found, best in zip(indexed, brute, strict=True):
        top = found[0] if found else None
        want = best[0] if best else None
        same = (top is None and want is None) or (
            top is not None
            and want is not None
            and (top.entry.claim == want.entry.claim or top.score == want.score)
        )
        agree_any += same
        shown = [m for m in (top, want) if m is not None and m.score >= 70]
        agree_shown += same or not shown
    return {
        "entries": size,
        "build_s": round(build, 1),
        "build_cpu_s": round(build_cpu, 1),
        "index_mb": round(index.size_bytes / 1e6),
        "check_s": round(check_wall, 2),
        "check_cpu_s": round(check_cpu, 2),
        "list_s": round(list_wall, 2),
        "list_cpu_s": round(list_cpu, 2),
        "claim_ms": round(per_claim * 1000, 1),
        "claim_cpu_ms": round(per_claim_cpu * 1000, 1),
        "brute_ms": round(brute_per_claim * 1000),
        "brute_cpu_ms": round(brute_cpu * 1000),
        "extractone_ms": round(extract_per_claim * 1000),
        "extractone_agrees": f"{extract_agree}/{len(sample)}",
        "speedup": round(brute_per_claim / per_claim),
        "top1": f"{agree_any}/{len(article_claims)}",
        "top1_at_70": f"{agree_shown}/{len(article_claims)}",
        "claims_listed": len(verdicts),
        "rss_mb": round(max(check_rss, list_rss) / 1024),
        "build_rss_mb": round(build_rss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument(
        "--extract-claims",
        type=int,
        default=3,
        help="claims also timed by process.extractOne (a Python scorer: slow)",
    )
    parser.add_argument("--markdown", action="store_true")
    options = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in options.sizes:
            rows.append(measure(size, Path(folder), options.extract_claims))
            print(json.dumps(rows[-1]), file=sys.stderr)
    columns = list(rows[0])
    if options.markdown:
        print("| " + " | ".join(columns) + " |")
        print("|" + "---|" * len(columns))
        for row in rows:
            print("| " + " | ".join(str(row[c]) for c in columns) + " |")
    else:
        widths = [max(len(c), *(len(str(r[c])) for r in rows)) for c in columns]
        print("  ".join(c.rjust(w) for c, w in zip(columns, widths, strict=True)))
        for row in rows:
            print("  ".join(str(row[c]).rjust(w) for c, w in zip(columns, widths, strict=True)))


if __name__ == "__main__":
    main()

"""Benchmark: time ``factcheck gate`` (the whole process) on 200 generated drafts of ~1,000 words.

Half the drafts are Arabic, half English; sentences are built from templates written for this
benchmark (attributed, vaguely attributed, unsourced, opinion). Target: under 10 s on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EN_TEMPLATES = (
    "The {body} said on {day} that {n:,} tonnes of {good} reached {place} in {month} {year}.",
    "Officials say more than {n} trucks crossed into {place} during {month}.",
    "About {p}% of households in {place} lack clean water, according to the {body}.",
    "Prices of {good} rose by {p}% in {year}.",
    "Analysts believe the plan may fail before the end of the season.",
    "Residents described long queues outside the bakeries of {place}.",
    "Reports indicate that {n} families left {place} in {month} {year}.",
    "The {body} added that the shipments would continue next week.",
)
AR_TEMPLATES = (
    "أعلنت {body} يوم {day} أن {n} طن من {good} وصلت إلى {place} في {month} {year}.",
    "قال مسؤولون إن أكثر من {n} شاحنة دخلت {place} خلال شهر {month}.",
    "ارتفعت أسعار {good} بنسبة {p}% في عام {year}.",
    "يرى محللون أن الخطة قد تتعثر قبل نهاية الموسم.",
    "وتشير التقارير إلى أن {n} أسرة غادرت {place} في {month} {year}.",
    "وأضافت {body} أن الشحنات ستستمر الأسبوع المقبل.",
    "وصف السكان طوابير طويلة أمام مخابز {place}.",
    "ونقلت وكالة تاس عن مصدر أن {n} جندي وصلوا إلى {place}.",
)
EN_WORDS = {
    "body": ("Ministry of Agriculture", "port authority", "World Food Programme",
             "health ministry"),
    "day": ("Monday", "Tuesday", "Friday"),
    "good": ("wheat", "rice", "fuel", "flour"),
    "place": ("Aden", "Hodeidah", "Mukalla", "Taiz"),
    "month": ("March", "April", "June", "October"),
}
AR_WORDS = {
    "body": ("وزارة الزراعة", "هيئة الميناء", "وزارة الصحة", "منظمة الأغذية"),
    "day": ("الاثنين", "الثلاثاء", "الجمعة"),
    "good": ("القمح", "الأرز", "الوقود", "الدقيق"),
    "place": ("عدن", "الحديدة", "المكلا", "تعز"),
    "month": ("مارس", "أبريل", "يونيو", "أكتوبر"),
}


def make_draft(rng: random.Random, arabic: bool, words: int = 1000) -> str:
    """A draft of about ``words`` words in paragraphs of four sentences."""
    templates, vocab = (AR_TEMPLATES, AR_WORDS) if arabic else (EN_TEMPLATES, EN_WORDS)
    sentences: list[str] = []
    count = 0
    while count < words:
        fields = {key: rng.choice(values) for key, values in vocab.items()}
        sentence = rng.choice(templates).format(
            n=rng.randint(10, 90000), p=rng.randint(2, 95), year=rng.randint(2015, 2025), **fields
        )
        sentences.append(sentence)
        count += len(sentence.split())
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    title = "# تقرير ميداني\n\n" if arabic else "# Field report\n\n"
    return title + "\n\n".join(paragraphs) + "\n"


def _time(command: list[str]) -> tuple[float, float, bytes]:
    """Wall and CPU seconds (this child and its workers) of one run, and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(done.stderr.decode("utf-8", "replace"))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def main() -> None:
    """Generate the drafts, run the gate as a separate process and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--drafts", type=int, default=200)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--per-file-sample", type=int, default=10,
                        help="drafts gated one process each (the naive baseline), "
                        "extrapolated to all drafts; 0 skips it")
    args = parser.parse_args()
    rng = random.Random(7)
    rows: list[tuple[str, int, float, float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        total_words = 0
        for index in range(args.drafts):
            text = make_draft(rng, arabic=index % 2 == 1, words=args.words)
            total_words += len(text.split())
            (root / f"draft-{index:03d}.md").write_text(text, encoding="utf-8")
        base = [sys.executable, "-m", "factcheck", "gate", str(root), "--exit-zero"]
        claims = findings = 0
        load_before = os.getloadavg()[0]
        for label, extra, env in (
            ("concise, 2 jobs", ["--format", "concise"], {}),
            ("json, 2 jobs", ["--format", "json"], {}),
            ("concise, 1 job", ["--format", "concise"], {"FACTCHECK_JOBS": "1"}),
        ):
            os.environ.update(env)
            timings = [_time(base + extra) for _ in range(args.runs)]
            for key in env:
                del os.environ[key]
            walls = [t[0] for t in timings]
            if extra[-1] == "json":
                data = json.loads(timings[-1][2])
                claims, findings = data["summary"]["claims"], len(data["findings"])
            rows.append((label, len(walls), min(walls), sum(walls) / len(walls),
                         min(t[1] for t in timings)))
        if args.per_file_sample:
            # Brute force: one process per draft (a hook run file by file), as in pre-commit
            # without require_serial; timed on a sample and scaled to all drafts.
            sample = sorted(root.glob("*.md"))[: args.per_file_sample]
            one = [_time([sys.executable, "-m", "factcheck", "gate", str(path), "--exit-zero",
                          "--format", "concise"]) for path in sample]
            scale = args.drafts / len(sample)
            rows.append((f"1 process/draft x{len(sample)}, scaled", 1,
                         sum(t[0] for t in one) * scale, sum(t[0] for t in one) * scale,
                         sum(t[1] for t in one) * scale))
    print(f"{args.drafts} drafts, {total_words:,} words, {claims:,} claims, "
          f"{findings:,} findings; {os.cpu_count()} CPUs, load average {load_before:.1f} "
          f"before, {os.getloadavg()[0]:.1f} after (other processes compete for the CPUs)")
    print(f"{'run':<32} {'n':>3} {'best s':>8} {'mean s':>8} {'cpu s':>8}")
    for label, count, best, mean, cpu in rows:
        print(f"{label:<32} {count:>3} {best:>8.2f} {mean:>8.2f} {cpu:>8.2f}")
    best_default = rows[0][2]
    print(f"target < 10 s (default run): {'ok' if best_default < 10 else 'SLOW'}")


if __name__ == "__main__":
    main()

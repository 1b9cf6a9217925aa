"""Cost of a large article: wall time and peak memory of ``factcheck list`` as the article grows
toward the default ``--max-bytes`` (20 MiB), next to the floor of any tool that holds the text
(a Python process that only reads and decodes the same file), and the refusal above the limit.

Run: .venv/bin/python benchmarks/large_article.py [MB ...]   (default: 1 5 20)
The article repeats the bundled examples (English and Arabic) until it reaches the size.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEASURE = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], capture_output=True)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(done.returncode, peak, done.stderr.decode()[-300:].strip().replace('\\n', ' | '))\n"
)
FLOOR = "import sys; text = open(sys.argv[1], 'rb').read().decode('utf-8'); print(len(text))"


def _run(command: list[str]) -> tuple[int, float, float, str]:
    """(exit code, seconds, peak RSS in MB, end of stderr) of ``command``."""
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True,
                         text=True, check=True).stdout.split(" ", 2)
    elapsed = time.perf_counter() - started
    return int(out[0]), elapsed, int(out[1]) / 1024, out[2].strip() if len(out) > 2 else ""


def build(path: Path, size: int) -> None:
    """An article of about ``size`` bytes: the examples repeated, whole paragraphs only."""
    unit = "\n\n".join(
        (ROOT / "claims" / name).read_text(encoding="utf-8")
        for name in ("en-russia-dprk.md", "ar-russia-dprk.md")
    ) + "\n\n"
    data = unit.encode("utf-8")
    path.write_bytes(data * max(1, size // len(data)))


def main() -> None:
    sizes = [float(a) for a in sys.argv[1:]] or [1.0, 5.0, 20.0]
    factcheck = [sys.executable, "-m", "factcheck"]
    print(f"{'MB':>6} {'claims':>7} {'seconds':>8} {'MB/s':>6} {'peak MB':>8} "
          f"{'floor MB':>9} {'peak/size':>9}")
    with tempfile.TemporaryDirectory() as folder:
        article, report = Path(folder) / "big.md", Path(folder) / "out.jsonl"
        for megabytes in sizes:
            build(article, int(megabytes * 1_000_000))
            size = article.stat().st_size
            code, seconds, peak, err = _run(
                [*factcheck, "list", str(article), "-f", "jsonl", "-o", str(report)]
            )
            if code != 0:
                print(f"{size / 1e6:6.1f} exit {code}: {err}")
                continue
            claims = sum(1 for _ in report.open(encoding="utf-8"))
            _, _, floor, _ = _run([sys.executable, "-c", FLOOR, str(article)])
            print(f"{size / 1e6:6.1f} {claims:7d} {seconds:8.1f} {size / 1e6 / seconds:6.2f} "
                  f"{peak:8.0f} {floor:9.0f} {peak / (size / 1e6):9.1f}")
        # Above the default limit: refused from the file size, before reading.
        with article.open("wb") as stream:
            stream.truncate(20 * 1024 * 1024 + 1)
        code, seconds, peak, err = _run([*factcheck, "list", str(article)])
        print(f"20 MiB + 1 byte: exit {code} in {seconds:.2f}s, peak {peak:.0f} MB: {err}")


if __name__ == "__main__":
    main()

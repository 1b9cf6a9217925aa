"""Evidence at the command line: index, stats, cache clear, import of ecosystem formats, folders
and config as evidence, --skip-invalid, --format claimreview, and the index giving the same
report as brute force."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import run_cli
from factcheck.evidence import validate_evidence

ECOSYSTEM = Path(__file__).parent.parent / "fixtures" / "ecosystem"
CLAIMS = Path(__file__).parent.parent.parent / "claims"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A private cache, and indexes used whatever the evidence's size."""
    return {"FACTCHECK_CACHE_DIR": str(tmp_path / "cache"), "FACTCHECK_INDEX": "always"}


def test_index_stats_and_cache_clear(tmp_path: Path, env: dict[str, str]) -> None:
    source = ECOSYSTEM / "google-response.json"
    before = run_cli("evidence", "stats", str(source), env=env)
    assert before.code == 0, before.stderr
    assert "index      not indexed" in before.stdout
    built = run_cli("evidence", "index", str(source), env=env)
    assert built.code == 0, built.stderr
    assert built.stdout.startswith(f"{source}: 3 entries indexed")
    assert built.stderr == ""  # no progress bar when stderr is not a terminal
    stats = run_cli("evidence", "stats", str(source), "--json", env=env)
    record = json.loads(stats.stdout)
    assert (record["entries"], record["languages"], record["ratings"]) == (
        3, {"en": 2, "ar": 1}, {"mixed": 2, "false": 1}
    )
    assert record["index_bytes"] > 0 and 0 <= record["index_age_seconds"] < 600
    assert Path(record["index"]).parent == Path(env["FACTCHECK_CACHE_DIR"]) / "index"
    table = run_cli("evidence", "stats", str(source), env=env)
    assert "entries    3 (0 malformed)" in table.stdout and "MB, built" in table.stdout
    cleared = run_cli("cache", "clear", env=env)
    assert cleared.code == 0 and cleared.stdout.startswith("removed ")
    assert not Path(record["index"]).exists()
    again = run_cli("evidence", "stats", str(source), env=env)
    assert "not indexed" in again.stdout


@pytest.mark.parametrize(
    ("name", "claims"),
    [
        ("saved-page.html", ["The new bridge cost 900 million dollars"]),
        ("claimreview-single.json",
         ["Grain exports through the port doubled to 12 million tons in 2023"]),
        ("google-response.json", ["The city planted one million trees in 2021"] * 2
         + ["نسبة البطالة بلغت 30 بالمئة"]),
    ],
)
def test_import_converts_ecosystem_files(tmp_path: Path, name: str, claims: list[str]) -> None:
    output = tmp_path / "out.jsonl"
    run = run_cli("evidence", "import", str(ECOSYSTEM / name), "-o", str(output))
    assert run.code == 0, run.stderr
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [r["claim"] for r in records] == claims
    assert all(r["rating"] and r["source"] for r in records)
    # The converted file reads back as the same evidence.
    report = validate_evidence(output)
    assert not report.problems
    assert [e.claim for e in report.entries] == claims


def test_import_without_claim_reviewed_names_it_unless_skipped(tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    source = ECOSYSTEM / "claimreview-list.jsonld"
    failed = run_cli("evidence", "import", str(source), "-o", str(output))
    assert failed.code == 2
    assert f"{source}:20: claimReviewed" in failed.stderr
    assert len(failed.stderr.strip().splitlines()) == 1 and not output.exists()


def test_skip_invalid_on_list_and_check(fixtures: Path, env: dict[str, str]) -> None:
    bad = fixtures / "evidence" / "bad.jsonl"
    article = fixtures / "articles" / "en-port.md"
    # Through the index (test_cli covers brute force stopping at the first problem).
    stopped = run_cli("list", str(article), "-e", str(bad), env=env)
    assert stopped.code == 2 and "bad.jsonl:2:" in stopped.stderr
    assert len(stopped.stderr.strip().splitlines()) == 1
    skipped = run_cli("list", str(article), "-e", str(bad), "--skip-invalid", "-f", "json",
                      env=env)
    assert skipped.code == 0, skipped.stderr
    assert "warning: skipped" in skipped.stderr and "bad.jsonl:2" in skipped.stderr
    checked = run_cli("check", "A fine entry here today", "-e", str(bad), "--skip-invalid",
                      "-f", "json")
    assert checked.code == 0, checked.stderr
    assert json.loads(checked.stdout)["matches"][0]["id"] == "B1"


def test_folder_repeated_and_config_evidence_keep_their_origin(
    tmp_path: Path, fixtures: Path
) -> None:
    folder = tmp_path / "evidence"
    (folder / "nested").mkdir(parents=True)
    shutil.copy(fixtures / "evidence-port.jsonl", folder / "port.jsonl")
    (folder / "nested" / "bridge.jsonl").write_text(
        '{"id": "X1", "claim": "The new bridge cost 900 million dollars", "rating": "false"}\n',
        encoding="utf-8",
    )
    (folder / "notes.txt").write_text("not evidence", encoding="utf-8")

    def origins(*args: str, cwd: Path | None = None) -> dict[str, str]:
        run = run_cli("check", "The new bridge cost 900 million dollars", *args, "-f", "json",
                      cwd=cwd)
        assert run.code == 0, run.stderr
        data = json.loads(run.stdout)
        return {m["id"]: m["origin"] for m in data["matches"]}

    by_folder = origins("-e", str(folder))
    assert by_folder["X1"] == str(folder / "nested" / "bridge.jsonl")
    by_files = origins("-e", str(folder / "port.jsonl"), "-e",
                       str(folder / "nested" / "bridge.jsonl"))
    assert by_files == by_folder
    (tmp_path / ".factcheck.toml").write_text('evidence = ["evidence"]\n', encoding="utf-8")
    assert origins(cwd=tmp_path) == by_folder
    empty = tmp_path / "empty"
    empty.mkdir()
    run = run_cli("check", "x y z", "-e", str(empty))
    assert run.code == 2 and "no evidence files in this folder" in run.stderr


def test_claimreview_format_on_list_and_check(fixtures: Path) -> None:
    evidence = str(fixtures / "evidence-port.jsonl")
    listed = run_cli("list", str(fixtures / "articles" / "en-port.md"), "-e", evidence,
                     "--format", "claimreview")
    assert listed.code == 0, listed.stderr
    graph = json.loads(listed.stdout)
    assert graph["@context"] == "https://schema.org"
    reviews = graph["@graph"]
    assert reviews and all(r["@type"] == "ClaimReview" for r in reviews)
    wheat = next(r for r in reviews if "wheat" in r["claimReviewed"])
    assert wheat["reviewRating"]["alternateName"] == "True"
    assert wheat["reviewRating"]["ratingValue"] == 5
    assert wheat["citation"]["url"] == "https://example.org/p1"
    checked = run_cli("check", "More than 300 trucks crossed the border in April 2024",
                      "-e", evidence, "--format", "claimreview")
    review = json.loads(checked.stdout)
    assert review["@type"] == "ClaimReview"
    assert (review["reviewRating"]["ratingValue"], review["reviewRating"]["alternateName"]) == (
        1, "False"
    )
    # And ClaimReview output reads back as evidence.
    assert "claimReviewed" in review and review["citation"]["claimReviewed"]


@pytest.mark.parametrize("article", ["en-russia-dprk.md", "ar-russia-dprk.md"])
def test_index_gives_the_same_report_as_brute_force(article: str, tmp_path: Path) -> None:
    args = ["list", str(CLAIMS / article), "-e", str(CLAIMS / "evidence-en.jsonl"),
            "-e", str(CLAIMS / "evidence-ar.jsonl"), "-f", "json"]
    brute = run_cli(*args, env={"FACTCHECK_INDEX": "never"})
    indexed = run_cli(*args, env={"FACTCHECK_INDEX": "always",
                                  "FACTCHECK_CACHE_DIR": str(tmp_path / "cache")})
    assert brute.code == indexed.code == 0, indexed.stderr
    assert json.loads(indexed.stdout) == json.loads(brute.stdout)
    assert list((tmp_path / "cache" / "index").glob("*.sqlite"))  # the index was really used


def test_build_progress_waits_a_second_before_drawing(capsys: pytest.CaptureFixture[str]) -> None:
    from factcheck.cli.common import BuildProgress

    now = [0.0]
    progress = BuildProgress()
    progress._clock = lambda: now[0]  # a fake clock: no sleeping in tests
    progress._started = 0.0
    progress(10, 100)  # under a second: a short build draws nothing
    assert progress._bar is None
    now[0] = 1.5
    progress(50, 100)
    assert progress._bar is not None
    progress(100, 100)  # done: the bar is stopped and, being transient, erased
    assert not progress._bar.live.is_started  # type: ignore[attr-defined]
    capsys.readouterr()

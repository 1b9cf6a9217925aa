"""End-to-end runs of the command line on small articles written for these tests."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Run, run_cli


def _json(run: Run) -> dict:
    assert run.code == 0, run.stderr
    return json.loads(run.stdout)


def test_installed_console_script_runs() -> None:
    script = Path(sys.executable).parent / "factcheck"
    if not script.exists():
        found = shutil.which("factcheck")
        assert found, "the factcheck console script is not installed"
        script = Path(found)
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert done.stdout.startswith("factcheck ")


def test_list_json_contract_and_offsets(fixtures: Path) -> None:
    article = fixtures / "articles" / "en-port.md"
    data = _json(run_cli("list", str(article), "--format", "json"))
    assert data["version"] == 1
    (document,) = data["documents"]
    assert document["path"] == str(article)
    assert document["language"] == "en"
    text = article.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    for claim in document["claims"]:
        assert set(claim) >= {"id", "text", "start", "end", "line", "column", "checkworthiness",
                              "quantities", "attribution", "verdict"}
        assert text[claim["start"]:claim["end"]] == claim["text"]
        line_start = sum(len(x) for x in lines[: claim["line"] - 1])
        assert line_start + claim["column"] - 1 == claim["start"]
        assert 0.0 <= claim["checkworthiness"] <= 1.0
        assert claim["verdict"] is None
    texts = [c["text"] for c in document["claims"]]
    # Front matter, code blocks, hedged opinions and questions yield no claims.
    assert not any("customs office" in t or t == "Grain at the port" for t in texts)
    assert not any("may fail" in t or t.endswith("?") for t in texts)
    wheat = next(c for c in document["claims"] if "wheat" in c["text"])
    assert wheat["attribution"]["status"] == "named"
    assert "Ministry of Agriculture" in wheat["attribution"]["source"]
    trucks = next(c for c in document["claims"] if "trucks" in c["text"])
    assert trucks["attribution"]["status"] == "vague"
    assert any(q["value"] == 300 and q["qualifier"] == "more_than" for q in trucks["quantities"])
    summary = data["summary"]
    assert summary["claims"] == len(texts)
    assert sum(summary["attribution"].values()) == len(texts)
    assert summary["verdicts"] is None


def test_list_with_evidence_gives_verdicts(fixtures: Path) -> None:
    data = _json(run_cli(
        "list",
        str(fixtures / "articles" / "en-port.md"),
        str(fixtures / "articles" / "ar-port.txt"),
        "--evidence", str(fixtures / "evidence-port.jsonl"), "--format", "json",
    ))
    english, arabic = data["documents"]
    assert arabic["language"] == "ar"
    by_text = {c["text"]: c for c in english["claims"]}
    wheat = next(c for t, c in by_text.items() if "wheat" in t)
    assert wheat["verdict"]["label"] == "supported"
    assert wheat["verdict"]["evidence"]["id"] == "P1"
    trucks = next(c for t, c in by_text.items() if "trucks" in t)
    assert trucks["verdict"]["label"] == "refuted"
    ar_wheat = next(c for c in arabic["claims"] if "القمح" in c["text"])
    assert ar_wheat["attribution"]["status"] == "named"
    assert ar_wheat["verdict"]["label"] == "supported"
    assert data["summary"]["verdicts"]["supported"] >= 2


def test_list_table_has_rows_and_summary(fixtures: Path) -> None:
    run = run_cli("list", str(fixtures / "articles" / "ar-port.txt"),
                  "-e", str(fixtures / "evidence-port.jsonl"))
    assert run.code == 0, run.stderr
    assert "ar-port.txt" in run.stdout
    assert "SUPPORTED" in run.stdout
    assert "claims in 1 document" in run.stdout
    assert "\x1b[" not in run.stdout  # not a terminal: no colour codes


def test_list_reads_stdin_and_jsonl(fixtures: Path) -> None:
    data = (fixtures / "articles" / "en-port.md").read_bytes()
    run = run_cli("list", "-", "--format", "jsonl", stdin=data)
    assert run.code == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert rows and all(row["path"] == "<stdin>" for row in rows)
    piped = run_cli("list", "--format", "jsonl", stdin=data)
    assert piped.stdout == run.stdout


def test_list_markdown_format(fixtures: Path) -> None:
    run = run_cli("list", str(fixtures / "articles" / "en-port.md"), "--format", "markdown")
    assert run.code == 0, run.stderr
    assert "| # | Line:Col | Claim | Attribution |" in run.stdout


def test_list_reads_paths_from_config(tmp_path: Path, fixtures: Path) -> None:
    shutil.copy(fixtures / "articles" / "en-port.md", tmp_path / "draft.md")
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\npaths = ["draft.md"]\n')
    sub = tmp_path / "sub"
    sub.mkdir()
    data = _json(run_cli("list", "--format", "json", cwd=sub))
    assert data["documents"][0]["path"].endswith("draft.md")


def test_check_single_claim_reason_names_both_numbers(fixtures: Path) -> None:
    evidence = str(fixtures / "evidence-port.jsonl")
    data = _json(run_cli("check", "9,000 tonnes of wheat reached the port of Aden in March 2024",
                         "-e", evidence, "--format", "json"))
    assert data["version"] == 1
    assert data["verdict"]["label"] == "refuted"
    assert "9,000" in data["verdict"]["reason"] and "4,000" in data["verdict"]["reason"]
    assert data["matches"][0]["id"] == "P1"
    assert {"id", "claim", "score", "rating", "source", "url"} <= set(data["matches"][0])
    assert "start" not in data["claim"]


def test_check_table_output(fixtures: Path) -> None:
    run = run_cli("check", "وصلت ٤٠٠٠ طن من القمح إلى ميناء عدن في مارس 2024",
                  "-e", str(fixtures / "evidence-port.jsonl"), "--top", "2")
    assert run.code == 0, run.stderr
    assert "SUPPORTED" in run.stdout
    assert "P3" in run.stdout


def test_evidence_validate_reports_each_problem(fixtures: Path) -> None:
    good = run_cli("evidence", "validate", str(fixtures / "evidence-port.jsonl"))
    assert good.code == 0
    assert "4 valid entries" in good.stdout
    bad = run_cli("evidence", "validate", str(fixtures / "evidence-bad.jsonl"))
    assert bad.code == 1
    assert f"{fixtures / 'evidence-bad.jsonl'}:2: claim:" in bad.stdout
    assert f"{fixtures / 'evidence-bad.jsonl'}:3:" in bad.stdout


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("caf\u00e9".encode("latin-1") + b" au lait", "UTF-8"),
    ],
)
def test_bad_articles_fail_in_one_line(tmp_path: Path, content: bytes, needle: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    run = run_cli("list", str(path))
    assert run.code == 2
    assert needle in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["list", "no/such/file.md"],
        ["list", "."],
        ["list", "--bogus-option", "x.md"],
        ["list", "x.md", "--format", "yaml"],
        ["list", "x.md", "--lang", "xx"],
        ["check", "a claim"],
        ["check", "a claim", "-e", "missing.jsonl"],
        ["list", "--min-score", "500", "x.md"],
    ],
)
def test_usage_and_input_errors_are_one_line(args: list[str], tmp_path: Path) -> None:
    run = run_cli(*args, cwd=tmp_path)
    assert run.code == 2, run.stdout
    assert run.stderr.startswith("factcheck: error:")
    assert len(run.stderr.strip().splitlines()) == 1
    assert "Traceback" not in run.stderr


def test_malformed_evidence_names_file_line_and_field(fixtures: Path) -> None:
    run = run_cli("list", str(fixtures / "articles" / "en-port.md"),
                  "-e", str(fixtures / "evidence-bad.jsonl"))
    assert run.code == 2
    assert "evidence-bad.jsonl:2: claim" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_no_article_on_a_terminal_prints_a_hint(tmp_path: Path) -> None:
    # Run under a pseudo-terminal so stdin is a tty, as for a person typing `factcheck list`.
    pty = pytest.importorskip("pty")
    import os

    pid, fd = pty.fork()
    if pid == 0:  # child
        os.chdir(tmp_path)
        os.execv(sys.executable, [sys.executable, "-m", "factcheck", "list"])
    output = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 2
    assert b"no article given" in output


def test_help_has_examples() -> None:
    for command in (["list"], ["check"], ["evidence", "validate"]):
        run = run_cli(*command, "--help")
        assert run.code == 0
        assert "Example" in run.stdout


def test_no_color_env_and_flag(fixtures: Path) -> None:
    article = str(fixtures / "articles" / "en-port.md")
    forced = run_cli("list", article, env={"FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    assert "\x1b[" not in run_cli("list", article, "--no-color", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in run_cli("list", article, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout


def test_markup_in_article_is_shown_literally(tmp_path: Path) -> None:
    path = tmp_path / "evil.txt"
    path.write_text(
        "The [bold red]ministry[/] said on Monday that 40 people died in the \x1b]0;pwned\x07 "
        "flood in March 2024.\n", encoding="utf-8")
    run = run_cli("list", str(path), env={"FORCE_COLOR": "1"})
    assert run.code == 0, run.stderr
    assert "[bold red]ministry[/]" in run.stdout
    assert "\x1b]0;" not in run.stdout

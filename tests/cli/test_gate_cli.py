"""End-to-end runs of ``factcheck gate`` and ``factcheck config show`` over a small tree of
Arabic and English drafts written for these tests (tests/fixtures/gate)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import FIXTURES, Run, run_cli

GATE = FIXTURES / "gate"
DRAFTS = GATE / "drafts"
EVIDENCE = GATE / "evidence.jsonl"
POLICY = GATE / "factcheck.toml"
SCHEMA = FIXTURES / "sarif" / "sarif-schema-2.1.0.json"
ALL = ("--evidence", str(EVIDENCE), "--config", str(POLICY))


def gate_cli(*args: str, cwd: Path | None = None) -> Run:
    """Run the command line in this process (much faster than a subprocess per case); the
    subprocess path is covered by the tests that use ``run_cli``."""
    from factcheck.cli import main

    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    code = 0
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(list(args))
            except SystemExit as done:
                code = int(done.code or 0)
    finally:
        os.chdir(previous)
    return Run(code, out.getvalue(), err.getvalue())


def _json(run: Run, code: int | None = None) -> dict:
    if code is not None:
        assert run.code == code, run.stderr
    return json.loads(run.stdout)


def _rules_at(data: dict) -> set[tuple[str, int, str]]:
    return {(Path(f["path"]).name, f["line"], f["rule"]) for f in data["findings"]}


@pytest.fixture(scope="module")
def full() -> dict:
    """The JSON of the whole tree with evidence and the source policy."""
    return _json(gate_cli("gate", str(DRAFTS), *ALL, "--format", "json"), code=1)


# (file, line, rule): every rule fires where the drafts were written to trigger it.
EXPECTED = [
    ("en-desk.md", 5, "unsourced"),
    ("ar-desk.md", 5, "unsourced"),
    ("en-desk.md", 7, "vague-source"),
    ("ar-desk.md", 7, "vague-source"),
    ("en-desk.md", 5, "refuted"),
    ("ar-desk.md", 5, "refuted"),
    ("en-desk.md", 7, "mixed"),
    ("en-desk.md", 9, "unverified"),
    ("en-desk.md", 9, "single-state-source"),
    ("ar-desk.md", 9, "single-state-source"),
    ("en-desk.md", 5, "vague-number"),
    ("ar-desk.md", 5, "vague-number"),
    ("en-page.html", 8, "unsourced"),
]


@pytest.mark.parametrize("expected", EXPECTED)
def test_each_rule_fires(full: dict, expected: tuple[str, int, str]) -> None:
    assert expected in _rules_at(full)


# (file, line, rule) that must NOT fire: named sources, opinions, other-tagged sources, HTML chrome.
ABSENT = [
    ("en-desk.md", 3, "unsourced"),
    ("ar-desk.md", 3, "unsourced"),
    ("en-desk.md", 11, "single-state-source"),
    ("en-desk.md", 3, "refuted"),
    ("ar-brief.txt", 1, "unsourced"),
    ("en-page.html", 7, "unsourced"),
    ("en-page.html", 5, "unsourced"),
    ("en-page.html", 9, "unsourced"),
]


@pytest.mark.parametrize("absent", ABSENT)
def test_rules_do_not_fire_on_sourced_or_hidden_text(full: dict, absent: tuple) -> None:
    assert absent not in _rules_at(full)
    assert not any(Path(f["path"]).name == absent[0] and f["line"] == 13 for f in full["findings"])


def test_json_keeps_the_list_contract_and_adds_findings(full: dict) -> None:
    assert full["version"] == 1
    assert {d["path"].rsplit("/", 1)[-1] for d in full["documents"]} == {
        "ar-brief.txt", "ar-desk.md", "en-desk.md", "en-page.html"}
    assert full["summary"]["claims"] == sum(len(d["claims"]) for d in full["documents"])
    finding = full["findings"][0]
    assert set(finding) >= {"rule", "severity", "message", "path", "line", "column", "end_line",
                            "end_column", "claim_id", "fingerprint"}
    assert full["gate"]["failed"] is True
    assert full["gate"]["counts"]["error"] == sum(
        1 for f in full["findings"] if f["severity"] == "error")
    # HTML positions are lines and columns of the HTML file itself.
    page = (DRAFTS / "en-page.html").read_text(encoding="utf-8").splitlines()
    html = next(f for f in full["findings"]
                if f["path"].endswith("en-page.html") and f["rule"] == "unsourced")
    assert page[html["line"] - 1][html["column"] - 1:].startswith("Roughly 250 containers")


def test_without_evidence_or_policy_only_attribution_rules_fire() -> None:
    data = _json(gate_cli("gate", str(DRAFTS), "--format", "json",
                         "--config", str(GATE / "empty.toml")), code=1)
    assert {f["rule"] for f in data["findings"]} == {"unsourced", "vague-source"}
    assert data["summary"]["verdicts"] is None


@pytest.mark.parametrize(("args", "code"), [
    ((str(DRAFTS / "ar-brief.txt"),), 0),                       # only named claims: clean
    ((str(DRAFTS),), 1),                                        # unsourced is an error
    ((str(DRAFTS), "--exit-zero"), 0),
    ((str(DRAFTS), "--fail-on", "refuted"), 0),                 # no evidence: nothing refuted
    ((str(DRAFTS), *ALL, "--fail-on", "refuted"), 1),
    ((str(DRAFTS / "en-desk.md"), "--fail-on", "mixed,refuted", *ALL), 1),
    ((str(DRAFTS / "ar-brief.txt"), "--fail-on", "warning"), 0),
    ((str(DRAFTS), "--min-severity", "error", "--fail-on", "warning"), 1),
    ((str(DRAFTS / "nothing-*.md"),), 0),                       # unmatched glob: a warning
    ((str(DRAFTS / "nothing-*.md"), "--strict"), 2),
    ((str(DRAFTS / "missing.md"),), 2),
    ((str(DRAFTS), "--fail-on", "typo"), 2),
    ((str(DRAFTS), "--format", "xml"), 2),
    ((str(DRAFTS), "--evidence", str(FIXTURES / "evidence" / "bad.jsonl")), 2),
    ((str(DRAFTS), "--baseline", str(GATE / "no-baseline.json")), 2),
])
def test_exit_codes(args: tuple[str, ...], code: int) -> None:
    run = gate_cli("gate", "--format", "concise", *args, cwd=GATE)
    assert run.code == code, run.stdout + run.stderr
    if code == 2:
        assert run.stderr.startswith("factcheck: error: ")
        assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_help_shows_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    run = gate_cli("gate", "--help")
    assert run.code == 0
    text = " ".join(run.stdout.split())
    for default in ("[default: table on a terminal, else concise]", "[default: error]",
                    "[default: info]", "[default: *.md *.markdown *.txt *.html *.htm]"):
        assert default in text


def test_unmatched_glob_warns() -> None:
    run = gate_cli("gate", str(DRAFTS / "nothing-*.md"))
    assert "matched no files" in run.stderr and run.code == 0


def test_concise_lines_and_min_severity() -> None:
    run = gate_cli("gate", str(DRAFTS), *ALL, "--format", "concise", "--exit-zero")
    lines = run.stdout.splitlines()
    assert lines[-1].endswith("failed: 5 failing.") or "failing" in lines[-1]
    import re

    pattern = re.compile(r"^(.+):(\d+):(\d+): (error|warning|info) ([a-z-]+) .+$")
    assert all(pattern.match(line) for line in lines[:-1])
    assert {pattern.match(line).group(4) for line in lines[:-1]} == {"error", "warning", "info"}
    only = gate_cli("gate", str(DRAFTS), *ALL, "--format", "concise", "--min-severity", "warning",
                   "--exit-zero")
    assert " info " not in only.stdout
    assert len(only.stdout.splitlines()) < len(lines)


def test_table_groups_findings_per_file() -> None:
    run = gate_cli("gate", str(DRAFTS), "--format", "table")
    assert run.code == 1
    text = run.stdout
    # One heading per file (named relative to the working folder, like ruff does).
    assert sum(line.endswith("drafts/en-desk.md") for line in text.splitlines()) == 1
    assert "  5:1  error    unsourced" in text
    assert "\x1b[" not in text


def test_sarif_is_valid_against_the_official_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    run = gate_cli("gate", "drafts", "suppress", "--evidence", "evidence.jsonl", "--config",
                  "factcheck.toml", "--format", "sarif", cwd=GATE)
    assert run.code == 1, run.stderr
    log = json.loads(run.stdout)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    (sarif_run,) = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= {"unsourced", "vague-source", "refuted", "mixed",
                                        "unverified", "single-state-source", "vague-number"}
    assert all(r["help"]["text"] and r["shortDescription"]["text"] for r in rules)
    results = sarif_run["results"]
    first = results[0]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert location["artifactLocation"]["uri"].startswith(("drafts/", "suppress/"))
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"]
    assert any(r.get("suppressions") == [{"kind": "inSource"}] for r in results)
    assert {r["level"] for r in results} <= {"error", "warning", "note"}


def test_github_workflow_commands_parse() -> None:
    import re

    run = gate_cli("gate", str(DRAFTS), *ALL, "--format", "github")
    assert run.code == 1
    command = re.compile(r"^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:]*,?)+)::(.+)$")
    seen = set()
    for line in run.stdout.splitlines():
        match = command.match(line)
        assert match, line
        props = dict(p.split("=", 1) for p in match.group(2).split(","))
        assert set(props) == {"file", "line", "col", "endLine", "endColumn", "title"}
        assert Path(props["file"]).exists()
        assert int(props["line"]) >= 1 and int(props["col"]) >= 1
        seen.add((match.group(1), props["title"]))
    assert ("error", "factcheck unsourced") in seen
    assert ("notice", "factcheck unverified") in seen


def test_junit_has_one_testcase_per_claim(full: dict) -> None:
    run = gate_cli("gate", str(DRAFTS), *ALL, "--format", "junit")
    assert run.code == 1
    root = ET.fromstring(run.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == full["summary"]["claims"]
    failures = root.findall("./testsuite/testcase/failure")
    assert int(root.get("failures")) == len({id(c) for c in cases if c.find("failure") is not None})
    assert {f.get("type") for f in failures} >= {"unsourced", "refuted"}
    assert int(root.get("tests")) == len(cases)


def test_output_file_is_written_and_summary_goes_to_stderr(tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    run = run_cli("gate", str(DRAFTS), "--format", "sarif", "--output", str(target))
    assert run.code == 1 and run.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert "finding" in run.stderr
    assert not [p for p in tmp_path.iterdir() if p.name != "report.sarif"]


def test_stdin_with_filename() -> None:
    text = b"<p>Nearly 60 schools closed in Gaza in May 2024.</p>\n"
    run = run_cli("gate", "-", "--stdin-filename", "news/page.html", "--format", "concise",
                  stdin=text)
    assert run.code == 1
    assert run.stdout.startswith("news/page.html:1:4: error unsourced ")
    bad = run_cli("gate", str(DRAFTS), "--stdin-filename", "x.md")
    assert bad.code == 2 and "needs '-'" in bad.stderr


def test_suppression_comments(tmp_path: Path) -> None:
    data = _json(gate_cli("gate", str(GATE / "suppress"), "--format", "json"), code=1)
    reported = {(Path(f["path"]).name, f["line"], f["rule"]) for f in data["findings"]}
    assert reported == {
        ("ar-notes.txt", 4, "unsourced"),
        ("en-notes.md", 20, "unused-suppression"),   # unknown rule name
        ("en-notes.md", 21, "unsourced"),            # ... so the claim is still reported
    }
    # 'ignore refuted' is only stale when evidence was given and nothing was refuted.
    with_evidence = _json(gate_cli("gate", str(GATE / "suppress"), "--evidence", str(EVIDENCE),
                                   "--format", "json"), code=1)
    assert ("en-notes.md", 17, "unused-suppression") in {
        (Path(f["path"]).name, f["line"], f["rule"]) for f in with_evidence["findings"]}
    suppressed = {(Path(f["path"]).name, f["line"], f["rule"]) for f in data["suppressed"]}
    assert suppressed == {
        ("ar-notes.txt", 2, "unsourced"),
        ("en-notes.md", 4, "unsourced"),
        ("en-notes.md", 6, "vague-source"),
        ("en-notes.md", 9, "unsourced"),
        ("en-notes.md", 12, "unsourced"),
        ("en-notes.md", 14, "unsourced"),
    }
    uses = {(Path(s["path"]).name, s["line"], s["directive"]): s["used"]
            for s in data["suppressions"]}
    assert uses[("en-notes.md", 11, "off")] == 2
    assert uses[("en-notes.md", 17, "ignore")] == 0
    assert data["gate"]["suppressed"] == 6
    table = gate_cli("gate", str(GATE / "suppress"), "--format", "table")
    assert "6 suppressed by 5 comment(s)" in table.stdout
    off = gate_cli("gate", str(GATE / "suppress"), "--format", "concise",
                  "--config", str(_write(tmp_path / "c.toml",
                                         '[severity]\nunused-suppression = "off"\n')))
    assert "unused-suppression" not in off.stdout


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


ARTICLE_PAGE = (
    "<!DOCTYPE html><html><head><title>Grain at the port</title></head><body>"
    "<nav>Home | World | 400 links</nav><article><h1>Grain at the port</h1>"
    "<p>The port authority said that 8,000 tonnes of rice arrived in Aden in March 2024, the "
    "largest delivery this year.</p><p>Roughly 250 containers were unloaded in April 2024, and "
    "the quays stayed open through the night to clear the backlog.</p></article>"
    "<footer>Copyright 2024, 500 readers</footer></body></html>"
)


def test_gate_fetches_drafts_from_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the name http.server calls
            body = ARTICLE_PAGE.encode("utf-8")
            self.send_response(200 if self.path == "/story.html" else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/story.html"
    env = {"NO_PROXY": "127.0.0.1", "HTTP_PROXY": "", "http_proxy": "", "ALL_PROXY": "",
           "all_proxy": "", "FACTCHECK_HTTP_RETRIES": "0", "FACTCHECK_HTTP_TIMEOUT": "5",
           "FACTCHECK_CACHE_DIR": str(tmp_path / "cache")}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    try:
        _write(tmp_path / "local.md", "About 300 families fled Rafah in June 2024.\n")
        run = gate_cli("gate", url, "local.md", "--format", "concise", cwd=tmp_path)
        sarif = gate_cli("gate", url, "--format", "sarif", cwd=tmp_path)
        missing = gate_cli("gate", url.replace("story", "gone"), cwd=tmp_path)
    finally:
        server.shutdown()
    assert run.code == 1, run.stderr
    lines = run.stdout.splitlines()
    assert any(line.startswith(f"{url}:") and " error unsourced " in line
               and "Roughly 250 containers" in line for line in lines), lines
    assert any(line.startswith("local.md:1:1: error unsourced") for line in lines)
    assert not any("8,000 tonnes" in line or "400 links" in line for line in lines)
    assert missing.code == 2 and len(missing.stderr.strip().splitlines()) == 1
    # In SARIF a fetched draft is located by its own address, not as a repository file.
    (result, *_) = json.loads(sarif.stdout)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": url}


def test_findings_of_a_file_come_in_reading_order(tmp_path: Path) -> None:
    _write(tmp_path / "notes.md", "<!-- factcheck: ignore vague-source -->\n"
           "The Ministry of Energy said the plant reopened in 2023.\n\n"
           "About 300 families fled Rafah in June 2024.\n\n<!-- factcheck: on -->\n")
    run = gate_cli("gate", "notes.md", "--format", "concise", cwd=tmp_path)
    assert run.code == 1
    assert [line.split(" ", 3)[:3] for line in run.stdout.splitlines()[:-1]] == [
        ["notes.md:1:1:", "warning", "unused-suppression"],
        ["notes.md:4:1:", "error", "unsourced"],
        ["notes.md:6:1:", "warning", "unused-suppression"],   # a stray 'on'
    ]


def test_paths_from_config_are_reported_relative_to_the_working_folder(tmp_path: Path) -> None:
    shutil.copytree(DRAFTS, tmp_path / "drafts")
    _write(tmp_path / ".factcheck.toml", 'paths = ["drafts"]\n')
    run = gate_cli("gate", "--format", "concise", cwd=tmp_path)
    assert run.code == 1
    lines = run.stdout.splitlines()[:-1]
    assert lines and all(line.startswith("drafts/") for line in lines), lines
    sarif = json.loads(gate_cli("gate", "--format", "sarif", cwd=tmp_path).stdout)
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"]
                 for r in sarif["runs"][0]["results"]]
    assert locations and all(loc["uri"].startswith("drafts/") and loc["uriBaseId"] == "%SRCROOT%"
                             for loc in locations)


def test_rating_phrases_from_config_apply_to_the_gate(tmp_path: Path) -> None:
    _write(tmp_path / "facts.jsonl", '{"id": "R1", "claim": "About 300 families fled Rafah in '
           'June 2024", "rating": "invented", "source": "Desk"}\n')
    _write(tmp_path / "story.md", "About 300 families fled Rafah in June 2024.\n")
    args = ("gate", "story.md", "--evidence", "facts.jsonl", "--format", "json")
    _write(tmp_path / ".factcheck.toml", "")
    plain = _json(gate_cli(*args, cwd=tmp_path), code=1)
    assert "refuted" not in {f["rule"] for f in plain["findings"]}
    _write(tmp_path / ".factcheck.toml", '[ratings]\nfalse = ["invented"]\n')
    rated = _json(gate_cli(*args, cwd=tmp_path), code=1)
    assert "refuted" in {f["rule"] for f in rated["findings"]}


# ---------------------------------------------------------------- config


def test_config_discovery_walks_up_and_sets_severity_and_fail_on(tmp_path: Path) -> None:
    shutil.copytree(DRAFTS, tmp_path / "drafts")
    _write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.factcheck]\n'
           'paths = ["drafts"]\nfail-on = ["refuted"]\n\n[tool.factcheck.severity]\n'
           'unsourced = "info"\nvague-source = "off"\n')
    nested = tmp_path / "drafts" / "deeper"
    nested.mkdir()
    run = gate_cli("gate", "--format", "json", cwd=nested)
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    rules = {(f["rule"], f["severity"]) for f in data["findings"]}
    assert ("unsourced", "info") in rules
    assert not any(rule == "vague-source" for rule, _ in rules)
    # A .factcheck.toml nearer to the working folder wins.
    _write(nested / ".factcheck.toml", 'paths = ["../en-desk.md"]\n')
    near = _json(gate_cli("gate", "--format", "json", cwd=nested), code=1)
    assert [Path(d["path"]).name for d in near["documents"]] == ["en-desk.md"]


@pytest.mark.parametrize(("text", "message"), [
    ('colour = "red"\n', "unknown key 'colour'"),
    ('[severity]\nunsourced = "fatal"\n', "severity.unsourced: expected one of"),
    ('[severity]\nmade-up = "error"\n', "severity.made-up: unknown rule"),
    ('fail-on = ["sometimes"]\n', "fail-on: unknown rule or severity 'sometimes'"),
    ("min-severity = 3\n", "min-severity: expected one of"),
    ('[[sources]]\naliases = ["x"]\n', "sources[1].name"),
    ('[[sources]]\nname = "A"\ncolour = "b"\n', "sources[1].colour: unknown key"),
    ('[policy]\nnumbers-need-named-source = "yes"\n', "policy.numbers-need-named-source"),
    ("respect-gitignore = 1\n", "respect-gitignore: expected true or false"),
    ("paths = [\n", "invalid TOML"),
])
def test_config_errors_name_the_key(tmp_path: Path, text: str, message: str) -> None:
    config = _write(tmp_path / ".factcheck.toml", text)
    run = gate_cli("gate", str(DRAFTS / "ar-brief.txt"), cwd=tmp_path)
    assert run.code == 2
    assert message in run.stderr and str(config) in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_config_show_reports_values_and_their_origin(tmp_path: Path) -> None:
    config = _write(tmp_path / ".factcheck.toml",
                    'min-score = 80\nevidence = ["facts.jsonl"]\n[severity]\nmixed = "error"\n')
    run = gate_cli("config", "show", cwd=tmp_path)
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == f"# config file: {config}"
    assert f"min-score = 80.0  # {config}" in lines
    assert f'severity.mixed = "error"  # {config}' in lines
    assert 'severity.unsourced = "error"  # default' in lines
    assert 'fail-on = ["error"]  # default' in lines
    data = _json(gate_cli("config", "show", "--json", cwd=tmp_path), code=0)
    assert data["values"]["evidence"] == {"value": [str(tmp_path / "facts.jsonl")],
                                          "source": str(config)}
    assert data["values"]["top"]["source"] == "default"
    empty = tmp_path / "empty"
    empty.mkdir()
    none = gate_cli("config", "show", "--config", str(GATE / "empty.toml"), cwd=empty)
    assert none.code == 0 and "min-score = 70.0  # default" in none.stdout
    broken = gate_cli("config", "show", "--config", str(tmp_path / "nope.toml"))
    assert broken.code == 2 and "config file not found" in broken.stderr


def test_config_show_prints_valid_toml_and_hides_secrets(tmp_path: Path) -> None:
    import tomllib

    _write(tmp_path / "pyproject.toml", '[tool.factcheck]\ngoogle-api-key = "SECRET-123"\n'
           '[[tool.factcheck.sources]]\nname = "TASS"\naliases = ["تاس", "وكالة تاس"]\n'
           'tags = ["state-media"]\n')
    run = gate_cli("config", "show", cwd=tmp_path)
    assert run.code == 0, run.stderr
    assert "SECRET-123" not in run.stdout
    shown = tomllib.loads(run.stdout)
    assert shown["sources"] == [{"name": "TASS", "aliases": ["تاس", "وكالة تاس"],
                                 "tags": ["state-media"]}]
    assert shown["severity"]["unsourced"] == "error"
    assert shown["google-api-key"] == "***"
    assert "SECRET-123" not in gate_cli("config", "show", "--json", cwd=tmp_path).stdout


# ---------------------------------------------------------------- baseline and git


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env,
                          check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "newsroom"
    root.mkdir()
    _git(root, "init", "-q", "-b", "main")
    _write(root / "story.md", "# Story\n\nNearly 60 schools closed in Gaza in May 2024.\n\n"
           "The Ministry of Education said 12 teachers were hurt in May 2024.\n")
    _write(root / "قصة.md", "أغلقت نحو 60 مدرسة في غزة في مايو 2024.\n")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "first drafts")
    return root


def test_baseline_fails_only_on_new_findings(repo: Path) -> None:
    baseline = repo / ".factcheck-baseline.json"
    written = gate_cli("gate", ".", "--write-baseline", str(baseline), cwd=repo)
    assert written.code == 0, written.stderr
    recorded = json.loads(baseline.read_text(encoding="utf-8"))
    assert {e["rule"] for e in recorded["findings"]} == {"unsourced"}
    assert len(recorded["findings"]) == 2
    assert gate_cli("gate", ".", "--baseline", str(baseline), cwd=repo).code == 0
    # Moving and re-wrapping a baselined claim keeps it baselined ...
    _write(repo / "story.md", "# Story\n\nThe Ministry of Education said 12 teachers were hurt "
           "in May 2024.\n\nNearly 60 schools\nclosed in   Gaza in May 2024.\n")
    moved = gate_cli("gate", ".", "--baseline", str(baseline), "--format", "json", cwd=repo)
    assert moved.code == 0, moved.stdout
    assert json.loads(moved.stdout)["gate"]["baselined"] == 2
    # In SARIF, baselined findings are suppressed outside the source, not new alerts.
    sarif = json.loads(gate_cli("gate", ".", "--baseline", str(baseline), "--format", "sarif",
                                cwd=repo).stdout)
    results = sarif["runs"][0]["results"]
    assert len(results) == 2 and all(
        r["baselineState"] == "unchanged" and r["suppressions"][0]["kind"] == "external"
        for r in results)
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(sarif)
    # ... a new unsourced claim fails.
    with (repo / "story.md").open("a", encoding="utf-8") as stream:
        stream.write("\nAbout 300 families fled Rafah in June 2024.\n")
    new = gate_cli("gate", ".", "--baseline", str(baseline), "--format", "concise", cwd=repo)
    assert new.code == 1
    assert [line.split(": ")[0] for line in new.stdout.splitlines()[:-1]] == ["story.md:8:1"]
    # The baseline given in config is read, and is never rewritten without --write-baseline.
    before = baseline.read_bytes()
    _write(repo / ".factcheck.toml", 'baseline = ".factcheck-baseline.json"\n')
    assert gate_cli("gate", ".", cwd=repo).code == 1
    assert baseline.read_bytes() == before


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "malformed baseline"),
    ('{"version": 9, "findings": []}', "expected a factcheck baseline"),
    ('{"version": 1, "findings": [{"rule": "x"}]}', "finding 1 has no fingerprint"),
])
def test_malformed_baseline_is_an_input_error(tmp_path: Path, content: str, message: str) -> None:
    baseline = _write(tmp_path / "b.json", content)
    run = gate_cli("gate", str(DRAFTS / "ar-brief.txt"), "--baseline", str(baseline))
    assert run.code == 2 and message in run.stderr
    assert baseline.read_text(encoding="utf-8") == content


def test_diff_base_checks_only_changed_sentences(repo: Path) -> None:
    _git(repo, "tag", "v1")
    assert gate_cli("gate", ".", "--diff-base", "v1", cwd=repo).code == 0
    with (repo / "story.md").open("a", encoding="utf-8") as stream:
        stream.write("\nAbout 300 families fled Rafah in June 2024.\n")
    _write(repo / "new.md", "Some 40 clinics shut down in July 2024.\n")
    _git(repo, "add", "new.md")
    _write(repo / "قصة.md", "أغلقت نحو 60 مدرسة في غزة في مايو 2024.\n\n"
           "وقالت وزارة الصحة إن 12 طبيبا أصيبوا.\n")
    run = gate_cli("gate", ".", "--diff-base", "v1", "--format", "json", cwd=repo)
    assert run.code == 1, run.stderr
    data = json.loads(run.stdout)
    assert {(f["path"], f["line"], f["rule"]) for f in data["findings"]} == {
        ("story.md", 7, "unsourced"), ("new.md", 1, "unsourced")}
    assert data["gate"]["diff_base"] == "v1"
    bad = gate_cli("gate", ".", "--diff-base", "no-such-rev", cwd=repo)
    assert bad.code == 2 and "unknown git revision 'no-such-rev'" in bad.stderr


@pytest.mark.parametrize("name", ["my story.md", 'we"ird.md', "back\\slash.md", "été 2024.md"])
def test_diff_base_follows_files_whose_names_git_quotes(repo: Path, name: str) -> None:
    # git ends such names with a tab or quotes them C-style in the diff headers.
    (repo / "drafts").mkdir()
    _write(repo / "drafts" / name, "The Ministry said 5 schools closed in May 2024.\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "more")
    with (repo / "drafts" / name).open("a", encoding="utf-8") as stream:
        stream.write("\nAbout 70 clinics shut in June 2024.\n")
    run = gate_cli("gate", "drafts", "--diff-base", "HEAD", "--format", "concise", cwd=repo)
    assert run.code == 1, run.stdout + run.stderr
    assert run.stdout.splitlines()[0].startswith(f"drafts/{name}:3:1: error unsourced")


def test_diff_base_outside_a_repository_is_a_usage_error(tmp_path: Path) -> None:
    _write(tmp_path / "a.md", "Nearly 60 schools closed in May 2024.\n")
    run = run_cli("gate", "a.md", "--diff-base", "HEAD", cwd=tmp_path,
                  env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)})
    assert run.code == 2 and "is not inside a git repository" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_gitignored_drafts_are_skipped(repo: Path) -> None:
    (repo / "private").mkdir()
    _write(repo / "private" / "notes.md", "Nearly 70 schools closed in May 2024.\n")
    _write(repo / ".gitignore", "private/\n")
    data = _json(gate_cli("gate", ".", "--format", "json", "--exit-zero", cwd=repo))
    assert "private/notes.md" not in {d["path"] for d in data["documents"]}
    data = _json(gate_cli("gate", ".", "--no-gitignore", "--format", "json", "--exit-zero",
                         cwd=repo))
    assert "private/notes.md" in {d["path"] for d in data["documents"]}


# ---------------------------------------------------------------- pre-commit


def test_pre_commit_hook_runs_with_the_real_tool(repo: Path, tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    import yaml

    hooks = yaml.safe_load((Path(__file__).parents[2] / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    # The hook as published, run as a local 'system' hook so no network install is needed.
    local = {**hook, "language": "system",
             "entry": f"{Path(sys.executable).parent / 'factcheck'} gate"}
    _write(repo / ".pre-commit-config.yaml",
           yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}, allow_unicode=True))
    _write(repo / "script.py", "print('60 schools closed')\n")
    _git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    command = [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"]
    failed = subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env,
                            check=False, timeout=120)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "story.md:3:1: error unsourced" in failed.stdout
    assert "script.py" not in failed.stdout
    _write(repo / "story.md", "The Ministry of Education said 12 teachers were hurt.\n")
    _write(repo / "قصة.md", "قالت وزارة الصحة إن 12 طبيبا أصيبوا في مايو 2024.\n")
    _git(repo, "add", ".")
    passed = subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env,
                            check=False, timeout=120)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


@pytest.mark.skipif(not os.environ.get("FACTCHECK_TEST_PRE_COMMIT_INSTALL"),
                    reason="slow (pip-installs factcheck, ~90 s); set "
                    "FACTCHECK_TEST_PRE_COMMIT_INSTALL=1 to run")
def test_published_hook_installs_from_a_local_checkout(repo: Path, tmp_path: Path) -> None:
    """The hook as users get it (language: python): pre-commit pip-installs this checkout."""
    source = Path(__file__).parents[2]
    checkout = tmp_path / "factcheck-checkout"
    ignore = shutil.ignore_patterns(".venv", ".git", "__pycache__", "*_cache")
    shutil.copytree(source, checkout, ignore=ignore)
    _git(checkout, "init", "-q", "-b", "main")
    _git(checkout, "add", ".")
    _git(checkout, "commit", "-q", "-m", "snapshot")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(checkout), "factcheck",
         "--all-files", "--color", "never"],
        cwd=repo, capture_output=True, text=True, env=env, check=False, timeout=600,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "story.md:3:1: error unsourced" in done.stdout


def test_malformed_evidence_stops_the_gate_unless_skipped() -> None:
    bad = str(FIXTURES / "evidence-bad.jsonl")
    draft = str(DRAFTS / "en-desk.md")
    stopped = gate_cli("gate", draft, "-e", bad, "--format", "concise")
    assert stopped.code == 2
    assert stopped.stderr.count("\n") == 1 and "evidence-bad.jsonl:2" in stopped.stderr
    skipped = gate_cli("gate", draft, "-e", bad, "--format", "json", "--skip-invalid",
                       "--exit-zero")
    assert skipped.code == 0
    assert "skipped" in skipped.stderr and "malformed" in skipped.stderr
    assert json.loads(skipped.stdout)["findings"]


def test_max_bytes_limits_drafts_from_files_and_stdin(tmp_path: Path) -> None:
    draft = tmp_path / "big.md"
    draft.write_text("The ministry said 5,000 people left in May 2024.\n" * 10, encoding="utf-8")
    size = draft.stat().st_size
    refused = gate_cli("gate", str(draft), "--max-bytes", str(size - 1))
    assert refused.code == 2 and refused.stderr.count("\n") == 1
    assert "over the limit" in refused.stderr and "--max-bytes" in refused.stderr
    assert gate_cli("gate", str(draft), "--max-bytes", str(size), "--exit-zero").code == 0
    piped = run_cli("gate", "-", "--max-bytes", "10", stdin=draft.read_bytes())
    assert piped.code == 2 and "over the limit" in piped.stderr

"""The composite GitHub Action (action.yml): its structure, and its shell steps run here with
bash against the drafts of tests/fixtures/gate, as the runner would run them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, REPO

yaml = pytest.importorskip("yaml")

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}")


def _step(step_id: str) -> dict[str, Any]:
    return next(s for s in STEPS if s.get("id") == step_id)


def _expressions(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [e for v in value.values() for e in _expressions(v)]
    if isinstance(value, list):
        return [e for v in value for e in _expressions(v)]
    return [m.group(1).strip() for m in EXPRESSION.finditer(str(value))]


def test_action_is_a_well_formed_composite_action() -> None:
    assert {"name", "description", "inputs", "outputs", "runs"} <= set(ACTION)
    assert ACTION["runs"]["using"] == "composite"
    for step in STEPS:
        # A composite step either runs a script (and must name its shell) or uses an action.
        assert ("run" in step) != ("uses" in step), step
        if "run" in step:
            assert step.get("shell") == "bash", step
    ids = [s["id"] for s in STEPS if "id" in s]
    assert len(ids) == len(set(ids))
    inputs = set(ACTION["inputs"])
    for expression in _expressions(ACTION):
        for name in re.findall(r"inputs\.([\w-]+)", expression):
            assert name in inputs, expression
        for name in re.findall(r"steps\.([\w-]+)\.outputs", expression):
            assert name in ids, expression
    assert ACTION["outputs"]["exit-code"]["value"] == "${{ steps.gate.outputs.exit-code }}"
    # Inputs reach scripts through env, never pasted into the script text (shell injection).
    for step in STEPS:
        assert not any("inputs." in e for e in _expressions(step.get("run", ""))), step


def test_sarif_upload_uses_codeql_action_only_when_asked() -> None:
    upload = next(s for s in STEPS if "upload-sarif" in s.get("uses", ""))
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert "inputs.sarif == 'true'" in upload["if"]
    assert "steps.gate.outputs.sarif-file" in upload["if"]
    assert upload["with"]["sarif_file"] == "${{ steps.gate.outputs.sarif-file }}"
    assert STEPS.index(upload) > STEPS.index(_step("gate"))


def _run_step(script: str, env: dict[str, str], cwd: Path) -> tuple[int, str, dict[str, str]]:
    """Run a step's script the way the runner does (bash -e, GITHUB_OUTPUT file)."""
    output = cwd / "github-output.txt"
    output.write_text("", encoding="utf-8")
    environment = {**os.environ, **env, "GITHUB_OUTPUT": str(output),
                   "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script],
                          cwd=cwd, env=environment, capture_output=True, text=True,
                          timeout=120, check=False)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if line)
    return done.returncode, done.stdout, outputs


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    if shutil.which("bash") is None or not (Path(sys.executable).parent / "factcheck").exists():
        pytest.skip("needs bash and the installed factcheck script")
    shutil.copytree(FIXTURES / "gate" / "drafts", tmp_path / "drafts")
    shutil.copy(FIXTURES / "gate" / "evidence.jsonl", tmp_path / "evidence.jsonl")
    (tmp_path / ".factcheck.toml").write_text("", encoding="utf-8")
    return tmp_path


def _gate_env(**values: str) -> dict[str, str]:
    env = {"FACTCHECK_PATHS": "", "FACTCHECK_EVIDENCE": "", "FACTCHECK_ARGS": "",
           "FACTCHECK_SARIF": "false"}
    env.update(values)
    return env


def test_gate_step_writes_sarif_and_the_exit_code(workspace: Path) -> None:
    script = _step("gate")["run"]
    code, _, outputs = _run_step(script, _gate_env(
        FACTCHECK_PATHS="drafts/*.md drafts/en-page.html", FACTCHECK_EVIDENCE="evidence.jsonl",
        FACTCHECK_SARIF="true"), workspace)
    assert code == 0  # the step itself passes; the last step fails the job
    assert outputs == {"exit-code": "1", "sarif-file": "factcheck.sarif"}
    log = json.loads((workspace / "factcheck.sarif").read_text(encoding="utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]}
    assert uris == {"drafts/ar-desk.md", "drafts/en-desk.md", "drafts/en-page.html"}
    assert "refuted" in {r["ruleId"] for r in log["runs"][0]["results"]}


def test_gate_step_annotates_without_sarif_and_reports_usage_errors(workspace: Path) -> None:
    script = _step("gate")["run"]
    code, stdout, outputs = _run_step(script, _gate_env(FACTCHECK_PATHS="drafts"), workspace)
    assert code == 0 and outputs == {"exit-code": "1"}
    assert stdout.startswith("::error file=drafts/")
    _, _, outputs = _run_step(script, _gate_env(FACTCHECK_ARGS="--exit-zero"), workspace)
    assert outputs == {"exit-code": "0"}
    _, _, outputs = _run_step(script, _gate_env(FACTCHECK_ARGS="--fail-on typo",
                                                FACTCHECK_SARIF="true"), workspace)
    assert outputs == {"exit-code": "2"}  # no SARIF file, so nothing to upload


@pytest.mark.parametrize("exit_code", ["1", "2"])
def test_last_step_fails_the_job_with_the_gate_exit_code(tmp_path: Path, exit_code: str) -> None:
    step = STEPS[-1]
    assert step["if"] == "${{ steps.gate.outputs.exit-code != '0' }}"
    code, _, _ = _run_step(step["run"], {"FACTCHECK_EXIT": exit_code}, tmp_path)
    assert str(code) == exit_code

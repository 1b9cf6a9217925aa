"""Semantic matching as a user meets it: across languages, paraphrases, tweets, and without it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.conftest import REPO, run_cli

EN = str(REPO / "claims" / "evidence-en.jsonl")
AR = str(REPO / "claims" / "evidence-ar.jsonl")


def _check(claim: str, *evidence: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    args = ["check", claim, "--format", "json"]
    for path in evidence:
        args += ["-e", path]
    run = run_cli(*args, env=env)
    assert run.code == 0, run.stderr
    result: dict[str, Any] = json.loads(run.stdout)
    return result


@pytest.mark.parametrize(
    ("claim", "evidence", "expected"),
    [
        # Arabic claim, English evidence, and the reverse.
        ("وقعت روسيا وكوريا الشمالية معاهدة دفاع مشترك في يونيو 2024", EN, ("en-005", "en")),
        ("North Korea has sent more than 8 million artillery shells to Russia", AR,
         ("ar-001", "ar")),
        # Worded differently from the evidence: found first, but USE scores it 67, under the
        # threshold (capitals for countries, "shipped" for "sent"): a known gap, see README.
        pytest.param(
            "Pyongyang shipped over eight million shells to Moscow", EN, ("en-001", "en"),
            marks=pytest.mark.xfail(strict=True, reason="scores 67 < 70 with USE"),
        ),
        ("North Korea shipped over eight million artillery shells to Russia", EN,
         ("en-001", "en")),
        # A post quoting the claim, with its links, tags and footer.
        ("JUST IN 🚨 Russia & North Korea sign mutual defence treaty in June 2024 #Russia "
         "@KremlinNews https://t.co/Xy12 — World Wire (@worldwire) June 19, 2024", EN,
         ("en-005", "en")),
    ],
)
def test_the_entry_about_the_same_fact_is_found(
    claim: str, evidence: str, expected: tuple[str, str]
) -> None:
    result = _check(claim, evidence)
    best = result["matches"][0]
    assert (best["id"], best["lang"]) == expected
    assert best["score"] >= 70 and result["verdict"]["label"] == "supported"
    assert best["parts"]["mode"] in ("semantic", "cross-lingual")


def test_an_unrelated_sentence_matches_nothing() -> None:
    result = _check("The city marathon was won by a Kenyan runner in record time.", EN, AR)
    assert result["verdict"]["label"] == "unverified"
    assert all(m["score"] < 70 for m in result["matches"])


def test_the_table_names_the_entry_language() -> None:
    run = run_cli("check", "وقعت روسيا وكوريا الشمالية معاهدة دفاع مشترك في يونيو 2024", "-e", EN)
    assert run.code == 0, run.stderr
    assert "Lang" in run.stdout and "│ en " in run.stdout


def test_explain_shows_the_semantic_and_lexical_parts() -> None:
    run = run_cli("check", "Pyongyang shipped over eight million shells to Moscow", "-e", EN,
                  "--explain")
    assert run.code == 0, run.stderr
    assert "semantic: cosine" in run.stdout and "lexical: share" in run.stdout
    assert "match score" in run.stdout


def test_turned_off_matching_is_lexical_and_silent() -> None:
    off = {"FACTCHECK_ENCODER": "none"}
    result = _check("وقعت روسيا وكوريا الشمالية معاهدة دفاع مشترك في يونيو 2024", EN, env=off)
    assert result["verdict"]["label"] == "unverified"
    assert {m["parts"]["mode"] for m in result["matches"]} <= {"lexical"}
    run = run_cli("check", "Russia and North Korea signed a treaty", "-e", EN, env=off)
    assert run.code == 0 and "warning" not in run.stderr


def test_an_unknown_encoder_is_one_line_and_exit_2() -> None:
    run = run_cli("check", "claim", "-e", EN, env={"FACTCHECK_ENCODER": "bert"})
    assert run.code == 2
    assert run.stderr.strip().splitlines() == [
        "factcheck: error: FACTCHECK_ENCODER: 'bert' is not one of use-m3, none"
    ]

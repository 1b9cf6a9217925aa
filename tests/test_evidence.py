"""Tests for reading evidence files (JSONL, JSON, CSV, YAML) and for rating classes."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.errors import EvidenceError
from factcheck.evidence import EvidenceProblem, classify_rating, load_evidence, validate_evidence

FIXTURES = Path(__file__).parent / "fixtures" / "evidence"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # (file, [(id, line, rating_class)])
        ("good.jsonl", [("E1", 1, "true"), ("E2", 3, "true"), ("good:4", 4, "false")]),
        ("good.json", [("J1", 2, "true"), ("J2", 3, "false"), ("J3", 8, "unproven")]),
        ("object.json", [("O1", 4, "true"), ("O2", 6, "mixed")]),
        ("good.csv", [("C1", 2, "true"), ("C2", 3, "true"), ("C3", 5, "false")]),
        ("good.yaml", [("Y1", 2, "true"), ("Y2", 5, "mixed"), ("good:9", 9, "true")]),
        ("bom.jsonl", [("BOM1", 1, "true")]),
    ],
)
def test_valid_files_give_entries_with_lines(
    name: str, expected: list[tuple[str, int, str]]
) -> None:
    report = validate_evidence(FIXTURES / name)
    assert report.problems == ()
    assert [(e.id, e.line, e.rating_class) for e in report.entries] == expected
    assert all(e.origin == str(FIXTURES / name) for e in report.entries)


def test_fields_are_read() -> None:
    entry = validate_evidence(FIXTURES / "good.jsonl").entries[0]
    assert entry.claim.startswith("North Korea has sent")
    assert (entry.source, entry.url, entry.date, entry.lang) == (
        "NIS",
        "https://example.org/nis",
        "2024-10-01",
        "en",
    )
    assert entry.rating is None  # no rating: a known fact
    text_alias = validate_evidence(FIXTURES / "good.jsonl").entries[2]
    assert text_alias.claim == "The Moon is made of cheese."


def test_yaml_dates_and_boolean_ratings_are_read_as_text() -> None:
    entries = validate_evidence(FIXTURES / "good.yaml").entries
    assert entries[0].date == "2023-09-13"
    assert entries[2].rating == "true"


def test_csv_claim_may_span_lines() -> None:
    entries = validate_evidence(FIXTURES / "good.csv").entries
    assert "\n" in entries[1].claim
    assert entries[1].source is None  # empty cell


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "bad.jsonl",
            [
                (2, "claim"),
                (3, "id"),
                (4, "claim"),
                (5, "url"),
                (6, "date"),
                (7, "claim"),
                (8, None),
                (9, None),
                (10, "rating"),
            ],
        ),
        ("bad.json", [(3, "url"), (8, "claim")]),
        ("bad.yaml", [(3, "claim"), (6, "source")]),
        ("bad.csv", [(1, "claim")]),
    ],
)
def test_problems_name_line_and_field(name: str, expected: list[tuple[int, str | None]]) -> None:
    report = validate_evidence(FIXTURES / name)
    assert [(p.line, p.field) for p in report.problems] == expected
    assert all(p.path == str(FIXTURES / name) for p in report.problems)


def test_problem_str_is_linter_like() -> None:
    problem = EvidenceProblem("ev.jsonl", 3, "url", "must be an http:// or https:// address")
    assert str(problem) == "ev.jsonl:3: url: must be an http:// or https:// address"
    assert (
        str(EvidenceProblem("ev.jsonl", 8, None, "not valid JSON")) == "ev.jsonl:8: not valid JSON"
    )


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("broken.json", "broken.json:4: not valid JSON"),
        ("broken.yaml", "broken.yaml:4: not valid YAML"),
        ("latin1.jsonl", "latin1.jsonl:1: not valid UTF-8"),
        ("missing.jsonl", "missing.jsonl: evidence file not found"),
    ],
)
def test_unreadable_files_raise(name: str, fragment: str) -> None:
    with pytest.raises(EvidenceError) as caught:
        validate_evidence(FIXTURES / name)
    assert fragment in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("content", "suffix", "fragment"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", ".jsonl", "binary"),
        (b"no json here\nnor here\n", ".jsonl", ":1: not valid JSON"),
        (b'{"claim": "x"}', ".json", "entries"),
        (b"", ".jsonl", "no evidence entries"),
        (b"key: value\n", ".yaml", "must be a list"),
        (b'id,claim\n1,"unterminated\n', ".csv", "not valid CSV"),
    ],
)
def test_files_that_are_not_evidence(
    tmp_path: Path, content: bytes, suffix: str, fragment: str
) -> None:
    path = tmp_path / f"evidence{suffix}"
    path.write_bytes(content)
    try:
        problems = [str(p) for p in validate_evidence(path).problems]
    except EvidenceError as error:
        problems = [str(error)]
    assert any(fragment in p for p in problems), problems


def test_unknown_extension_is_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "facts.txt"
    path.write_text('{"claim": "One."}\n{"claim": "Two."}\n', encoding="utf-8")
    assert [e.id for e in validate_evidence(path).entries] == ["facts:1", "facts:2"]


def test_load_evidence_keeps_order_across_files() -> None:
    entries = load_evidence([FIXTURES / "good.json", FIXTURES / "good.jsonl"])
    assert [e.id for e in entries] == ["J1", "J2", "J3", "E1", "E2", "good:4"]


def test_load_evidence_raises_first_problem_and_counts_the_rest() -> None:
    with pytest.raises(EvidenceError) as caught:
        load_evidence([FIXTURES / "good.jsonl", FIXTURES / "bad.jsonl"])
    message = str(caught.value)
    assert message.startswith(f"{FIXTURES / 'bad.jsonl'}:2: claim: missing")
    assert "and 8 more problems" in message


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text('{"id": "X", "claim": "One."}\n', encoding="utf-8")
    second.write_text('\n{"id": "X", "claim": "Two."}\n', encoding="utf-8")
    with pytest.raises(EvidenceError, match=r"b\.jsonl:2: id: duplicate id 'X'"):
        load_evidence([first, second])


@pytest.mark.parametrize(
    ("rating", "expected"),
    [
        (None, "true"),
        ("", "true"),
        ("True", "true"),
        ("MOSTLY TRUE", "true"),
        ("accurate", "true"),
        ("صحيح", "true"),
        ("صحيحٌ تماماً", "true"),
        ("false", "false"),
        ("Pants on Fire!", "false"),
        ("pants-fire", "false"),
        ("barely-true", "false"),
        ("Fabricated", "false"),
        ("hoax", "false"),
        ("Not true", "false"),
        ("زائف", "false"),
        ("خبر زائف", "false"),
        ("غير صحيح", "false"),
        ("إشاعة", "false"),
        ("اشاعة", "false"),
        ("مُفبرك", "false"),
        ("half-true", "mixed"),
        ("Misleading", "mixed"),
        ("Missing Context", "mixed"),
        ("Out of context", "mixed"),
        ("مضلل", "mixed"),
        ("غير دقيق", "mixed"),
        ("صحيح جزئياً", "mixed"),
        ("مبالغ فيه", "mixed"),
        ("Unproven", "unproven"),
        ("research in progress", "unproven"),
        ("غير مؤكد", "unproven"),
        ("لا دليل", "unproven"),
        ("Rating: Mostly False", "false"),
        ("something nobody rates with", "unproven"),
    ],
)
def test_classify_rating(rating: str | None, expected: str) -> None:
    assert classify_rating(rating) == expected

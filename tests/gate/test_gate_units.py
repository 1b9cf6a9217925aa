"""Unit tests of the gate's pure parts: suppressions, source policy, fingerprints, HTML text,
file discovery, fail-on and the github escaping."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck.errors import InputError, UsageError
from factcheck.gate import GateSettings, draft_from_text
from factcheck.gate.baseline import fingerprint
from factcheck.gate.discover import discover
from factcheck.gate.html_text import extract_html_text
from factcheck.gate.policy import SourcePolicy, SourceSpec
from factcheck.gate.rules import RULE_NAMES, Finding, parse_fail_on
from factcheck.gate.suppress import blank_comments, parse_suppressions
from factcheck.models import NO_ATTRIBUTION, Attribution, Claim
from factcheck.report.gate_github import escape_data, escape_property

# (draft, [(comment line, directive, rules, first covered line, last covered line, problem?)])
SUPPRESSION_CASES = [
    ("<!-- factcheck: ignore -->\nA claim.\n", [(1, "ignore", (), 2, 2, False)]),
    ("<!-- factcheck: ignore -->\n\n\nA claim.\n", [(1, "ignore", (), 4, 4, False)]),
    ("A claim. <!-- factcheck: ignore unsourced -->\n", [(1, "ignore", ("unsourced",), 1, 1,
                                                         False)]),
    ("<!--factcheck:ignore-next-line unsourced, vague-source-->\nx\n",
     [(1, "ignore-next-line", ("unsourced", "vague-source"), 2, 2, False)]),
    ("a\n<!-- factcheck: off -->\nb\nc\n<!-- factcheck: on -->\nd\n",
     [(2, "off", (), 2, 5, False)]),
    ("<!-- factcheck: off refuted -->\nb\nc\n", [(1, "off", ("refuted",), 1, 4, False)]),
    ("<!-- factcheck: ignore bogus -->\nx\n", [(1, "ignore", ("bogus",), 2, 2, True)]),
    ("<!-- factcheck: silence -->\nx\n", [(1, "silence", (), 2, 2, True)]),
    ("<!-- FactCheck: IGNORE -->\nx\n", [(1, "ignore", (), 2, 2, False)]),
    ("<!-- an ordinary comment -->\nx\n", []),
    # A stray 'on' closes nothing: kept (and reported as unused) with a problem.
    ("<!-- factcheck: on -->\nx\n", [(1, "on", (), 2, 2, True)]),
    ("<!-- factcheck: off -->\n<!-- factcheck: on -->\n<!-- factcheck: on -->\n",
     [(1, "off", (), 1, 2, False), (3, "on", (), 5, 5, True)]),
    ("\u200f<!-- factcheck: ignore -->\r\nادعاء.\r\n", [(1, "ignore", (), 2, 2, False)]),
]


@pytest.mark.parametrize(("text", "expected"), SUPPRESSION_CASES)
def test_parse_suppressions(text: str, expected: list[tuple]) -> None:
    found = parse_suppressions(text, path="d.md", rule_names=RULE_NAMES)
    got = [(s.line, s.directive, s.rules, s.first_line, s.last_line, s.problem is not None)
           for s in found]
    assert got == expected


def test_suppression_pattern_is_bounded_and_rejects_adversarial_input() -> None:
    import re

    from factcheck.gate.suppress import _COMMENT

    # Linear by construction: every repetition has an upper bound (no *, + or {n,}), so a
    # match attempt reads at most a few hundred characters (timing lives in benchmarks/).
    assert not re.search(r"(?<!\\)[*+]|\{\d+,\}", _COMMENT.pattern)
    text = "<!-- factcheck: ignore " + "a" * 200_000 + "\n" + "<!--factcheck:" * 20_000
    assert parse_suppressions(text, path="x", rule_names=RULE_NAMES) == []


def test_blank_comments_keeps_offsets() -> None:
    text = "One.\n<!-- factcheck: ignore -->\nTwo."
    blanked = blank_comments(text)
    assert len(blanked) == len(text)
    assert "factcheck" not in blanked
    assert blanked.index("Two.") == text.index("Two.")


POLICY = SourcePolicy(sources=(
    SourceSpec("TASS", ("تاس", "وكالة تاس", "TASS news agency"), ("state-media",)),
    SourceSpec("NIS", ("National Intelligence Service",
                       "جهاز الاستخبارات الوطني في كوريا الجنوبية"), ("intelligence",)),
))


@pytest.mark.parametrize(("text", "names"), [
    ("According to TASS, troops arrived.", ["TASS"]),
    ("the tass news agency reported", ["TASS"]),
    ("وذكرت وكالة تاس أن الجنود وصلوا", ["TASS"]),
    ("ونقلت «تاس» عن مصدر", ["TASS"]),
    ("قال لوكالة تاس إن", ["TASS"]),
    ("وقال جهاز الاستخبارات الوطني في كوريا الجنوبية إن", ["NIS"]),
    ("South Korea's National Intelligence Service and TASS", ["NIS", "TASS"]),
    ("Tassel makers said", []),
    ("تاسع مرة", []),
])
def test_policy_finds_aliases_across_languages(text: str, names: list[str]) -> None:
    assert [spec.name for spec in POLICY.find(text)] == names


@pytest.mark.parametrize(("a", "b", "same"), [
    ("More than 450 trucks  entered\nthe crossing.", "More than 450 trucks entered the crossing.",
     True),
    ("دخلت أكثر من ٤٥٠ شاحنة", "دخلت اكثر من 450 شاحنة", True),
    ("More than 450 trucks entered.", "More than 460 trucks entered.", False),
])
def test_fingerprint_ignores_whitespace_and_spelling_variants(a: str, b: str, same: bool) -> None:
    assert (fingerprint("unsourced", a) == fingerprint("unsourced", b)) is same
    assert fingerprint("unsourced", a) != fingerprint("vague-source", a)


def test_html_text_keeps_offsets_and_skips_chrome() -> None:
    source = ("<html><head><title>T</title></head><body><nav>Menu 100</nav>\n"
              "<p>The agency said 5 ships &amp; 3 boats left.</p><script>x = 9</script>"
              "<footer>2024 footer</footer></body></html>")
    text = extract_html_text(source)
    assert len(text) == len(source)
    start = source.index("The agency")
    assert text[start:start + 10] == "The agency"
    assert "Menu" not in text and "x = 9" not in text and "footer" not in text
    assert "&" in text and "amp;" not in text


def test_html_draft_positions_point_into_the_source() -> None:
    source = "<p>\n  First.</p>\n<p>The 7 ships left in May 2024.</p>\n"
    draft = draft_from_text(source, path="page.html")
    assert draft.html and draft.source == source
    assert draft.document.text.index("The 7 ships") == source.index("The 7 ships")


def _files(found: tuple[Path, ...], root: Path) -> list[str]:
    return [p.resolve().relative_to(root.resolve()).as_posix() for p in found]


def test_discover_walks_folders_with_gitignore_include_and_exclude(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("build/\n*.tmp.md\n")
    for name in ["a.md", "b.txt", "c.html", "d.py", "x.tmp.md", "build/e.md", "sub/f.md",
                 "sub/old/g.md", "sub/.gitignore"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("text\n" if not name.endswith(".gitignore") else "old/\n")
    found = discover([str(tmp_path)], cwd=tmp_path)
    assert _files(found.files, tmp_path) == ["a.md", "b.txt", "c.html", "sub/f.md"]
    found = discover([str(tmp_path)], respect_gitignore=False, exclude=["sub/"], cwd=tmp_path)
    assert _files(found.files, tmp_path) == ["a.md", "b.txt", "build/e.md", "c.html",
                                             "x.tmp.md"]
    found = discover([str(tmp_path)], include=["*.txt"], cwd=tmp_path)
    assert _files(found.files, tmp_path) == ["b.txt"]
    # A file named explicitly is checked whatever its suffix, unless excluded.
    found = discover([str(tmp_path / "d.py")], cwd=tmp_path)
    assert _files(found.files, tmp_path) == ["d.py"]
    found = discover([str(tmp_path / "*.md"), str(tmp_path / "nothing-*.md")], cwd=tmp_path)
    assert _files(found.files, tmp_path) == ["a.md", "x.tmp.md"]
    assert found.unmatched == (str(tmp_path / "nothing-*.md"),)
    with pytest.raises(InputError, match="no such file"):
        discover([str(tmp_path / "missing.md")], cwd=tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_discover_skips_pipes_that_would_block_the_read(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("text\n")
    os.mkfifo(tmp_path / "pipe.md")
    assert _files(discover([str(tmp_path)], cwd=tmp_path).files, tmp_path) == ["a.md"]
    assert _files(discover([str(tmp_path / "*.md")], cwd=tmp_path).files, tmp_path) == ["a.md"]
    with pytest.raises(InputError, match="not a regular file"):
        discover([str(tmp_path / "pipe.md")], cwd=tmp_path)


def _finding(rule: str, severity: str) -> Finding:
    return Finding(rule=rule, severity=severity, message="m", path="p", line=1,  # type: ignore[arg-type]
                   column=1, end_line=1, end_column=2, text="t")


@pytest.mark.parametrize(("fail_on", "rule", "severity", "fails"), [
    (("error",), "unsourced", "error", True),
    (("error",), "vague-source", "warning", False),
    (("warning",), "vague-source", "warning", True),
    (("warning",), "unsourced", "error", True),
    (("info",), "unverified", "info", True),
    (("vague-source",), "unsourced", "error", False),
    (("vague-source",), "vague-source", "warning", True),
])
def test_fail_on_rules_and_severities(fail_on: tuple[str, ...], rule: str, severity: str,
                                      fails: bool) -> None:
    assert GateSettings(fail_on=fail_on).fails(_finding(rule, severity)) is fails


def test_parse_fail_on_splits_commas_and_rejects_unknown_names() -> None:
    assert parse_fail_on(["unsourced,refuted", "warning"]) == ("unsourced", "refuted", "warning")
    with pytest.raises(UsageError, match="unknown rule or severity 'typo'"):
        parse_fail_on(["typo"])


@pytest.mark.parametrize(("raw", "data", "prop"), [
    ("50% done", "50%25 done", "50%25 done"),
    ("a\nb\r", "a%0Ab%0D", "a%0Ab%0D"),
    ("x: y, z", "x: y, z", "x%3A y%2C z"),
])
def test_github_escaping(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def _claim(text: str, source: str | None) -> Claim:
    start = text.find(source) if source else -1
    attribution = (Attribution("named", source=source, source_start=start,
                               source_end=start + len(source)) if source else NO_ATTRIBUTION)
    return Claim(id="c", text=text, start=0, end=len(text), line=1, column=1, language="en",
                 checkworthiness=1.0, attribution=attribution)


# (sentence, the attributed source as the core finds it, needs a second source?)
@pytest.mark.parametrize(("text", "source", "single"), [
    ("According to TASS, 3,000 soldiers arrived.", "TASS", True),
    ("Russia's state news agency TASS said 3,000 soldiers arrived.",
     "Russia's state news agency TASS", True),
    ("According to TASS and Reuters, 3,000 soldiers arrived.", "TASS", False),
    ("TASS and the BBC reported that 3,000 soldiers arrived.", "the BBC", False),
    ("وذكرت وكالة تاس أن 3000 جندي وصلوا.", "وكالة تاس", True),
    ("ذكرت وكالة تاس ووكالة رويترز أن 3000 جندي وصلوا.", "وكالة تاس ووكالة رويترز", False),
    ("ذكرت وكالة تاس ورويترز أن 3000 جندي وصلوا.", "وكالة تاس", False),
    ("The NIS said 10,000 troops were sent.", "The NIS", False),
    ("Some 10,000 troops were sent.", None, False),
])
def test_single_state_source(text: str, source: str | None, single: bool) -> None:
    policy = SourcePolicy(sources=(*POLICY.sources, SourceSpec("NIS2", ("NIS",), ())))
    assert policy.needs_second_source(_claim(text, source)) is single


def test_parallel_workers_give_the_same_result_as_one_process() -> None:
    from factcheck import api
    from factcheck.gate import check_drafts

    fixtures = Path(__file__).parents[1] / "fixtures" / "gate"
    texts = [p.read_text(encoding="utf-8") for p in sorted((fixtures / "drafts").iterdir())]
    drafts = [draft_from_text(texts[i % len(texts)], path=f"d{i}.md") for i in range(10)]
    evidence = api.load_evidence_base([fixtures / "evidence.jsonl"])
    for base in (None, evidence):
        one = check_drafts(drafts, base, jobs=1)
        two = check_drafts(drafts, base, jobs=2)
        assert one == two
        assert [d.document.path for d in two.documents] == [f"d{i}.md" for i in range(10)]

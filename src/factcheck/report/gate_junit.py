"""JUnit XML for CI dashboards: one test suite per draft, one test case per claim (failing when
the claim has a failing finding), plus a test case per reported suppression problem."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from factcheck.gate import GateResult
from factcheck.gate.rules import Finding
from factcheck.report import RenderOptions
from factcheck.report.safe import safe_markup_text

# XML 1.0 cannot carry most control characters, even escaped: safe_markup_text shows them (and
# C1 controls, bidi overrides) as visible \xNN / \uNNNN; the two noncharacters are dropped.
_XML_BAD = dict.fromkeys([0xFFFE, 0xFFFF])


def _clean(text: str) -> str:
    return safe_markup_text(text).translate(_XML_BAD)


def _case(suite: ET.Element, name: str, classname: str, findings: list[Finding],
          failing_all: set[Finding]) -> tuple[int, int]:
    case = ET.SubElement(suite, "testcase", name=_clean(name), classname=_clean(classname))
    failing = [f for f in findings if f in failing_all]
    for finding in failing:
        failure = ET.SubElement(
            case, "failure",
            message=_clean(f"{finding.rule}: {finding.message}"), type=finding.rule,
        )
        failure.text = _clean(f"{finding.path}:{finding.line}:{finding.column}: "
                              f"{finding.severity} {finding.rule} {finding.message}")
    others = [f for f in findings if f not in failing]
    if others:
        out = ET.SubElement(case, "system-out")
        out.text = _clean("\n".join(f"{f.severity} {f.rule}: {f.message}" for f in others))
    return 1, 1 if failing else 0


def render(gate: GateResult, options: RenderOptions) -> str:
    """The gate result as a JUnit XML document."""
    by_claim: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    loose: dict[str, list[Finding]] = defaultdict(list)
    for finding in gate.findings:
        if finding.claim is not None:
            by_claim[(finding.path, finding.claim.id)].append(finding)
        else:
            loose[finding.path].append(finding)
    failing_all = set(gate.failing)
    root = ET.Element("testsuites", name="factcheck gate")
    total_tests = total_failures = 0
    for document in gate.result.documents:
        path = document.document.path
        suite = ET.SubElement(root, "testsuite", name=_clean(path))
        tests = failures = 0
        for claim in document.claims:
            excerpt = " ".join(claim.text.split())
            excerpt = excerpt if len(excerpt) <= 80 else excerpt[:79] + "…"
            name = f"{claim.line}:{claim.column} {excerpt}"
            counted = _case(suite, name, path, by_claim.get((path, claim.id), []),
                            failing_all)
            tests, failures = tests + counted[0], failures + counted[1]
        for finding in loose.get(path, []):
            counted = _case(suite, f"{finding.line}:{finding.column} {finding.rule}", path,
                            [finding], failing_all)
            tests, failures = tests + counted[0], failures + counted[1]
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        total_tests, total_failures = total_tests + tests, total_failures + failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

"""SARIF 2.1.0 for the gate, so GitHub code scanning and other viewers show findings inline.

Suppressed findings are included with an ``inSource`` suppression and baselined ones with an
``external`` one and ``baselineState: unchanged``, as the SARIF spec intends; columns count
code points.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from factcheck import __version__
from factcheck.gate import GateResult
from factcheck.gate.baseline import finding_fingerprint
from factcheck.gate.rules import RULES, Finding
from factcheck.net.urls import is_url
from factcheck.report import RenderOptions
from factcheck.report.safe import safe_json

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/factcheck/factcheck#gate-rules"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> dict[str, str]:
    if is_url(path):  # a draft fetched from the web is located by its own address
        return {"uri": quote(path, safe=":/?#[]@!$&'()*+,;=%~")}
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": "file://" + quote(pure.as_posix())}
    posix = pure.as_posix().removeprefix("./")
    return {"uri": quote(posix), "uriBaseId": "%SRCROOT%"}


def _rule_dicts() -> list[dict[str, Any]]:
    return [
        {
            "id": rule.name,
            "name": "".join(part.capitalize() for part in rule.name.split("-")),
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.help},
            "help": {"text": rule.help, "markdown": f"**{rule.summary}**\n\n{rule.help}"},
            "helpUri": f"{INFORMATION_URI}-{rule.name}",
            "defaultConfiguration": {"level": _LEVELS[rule.severity]},
            "properties": {"tags": ["factcheck", "editorial"]},
        }
        for rule in RULES
    ]


def _result(finding: Finding, *, suppressed: bool, baselined: bool, new: bool) -> dict[str, Any]:
    index = next(i for i, rule in enumerate(RULES) if rule.name == finding.rule)
    region: dict[str, Any] = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": max(finding.end_column, 1),
    }
    if finding.text:
        region["snippet"] = {"text": finding.text}
    data: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": _uri(finding.path),
                                            "region": region}}],
        "partialFingerprints": {"factcheckFingerprint/v1": finding_fingerprint(finding)},
    }
    if suppressed:
        data["suppressions"] = [{"kind": "inSource"}]
    if baselined:
        # 'external': suppressed outside the source (the baseline file), so code scanning
        # shows it as suppressed instead of opening an alert for known findings.
        data["suppressions"] = [{"kind": "external",
                                 "justification": "recorded in the factcheck baseline"}]
        data["baselineState"] = "unchanged"
    elif new:
        data["baselineState"] = "new"
    return data


def sarif_dict(gate: GateResult) -> dict[str, Any]:
    """The gate result as a SARIF log (one run)."""
    with_baseline = bool(gate.baselined)
    results = [_result(f, suppressed=False, baselined=False, new=with_baseline)
               for f in gate.findings]
    results += [_result(f, suppressed=True, baselined=False, new=False) for f in gate.suppressed]
    results += [_result(f, suppressed=False, baselined=True, new=False) for f in gate.baselined]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "factcheck",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": _rule_dicts(),
                    }
                },
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {"%SRCROOT%": {"description": {
                    "text": "The folder factcheck gate ran in."}}},
                # No exitCode: the renderer cannot know it (--exit-zero changes it).
                "invocations": [{"executionSuccessful": True}],
                "results": results,
            }
        ],
    }


def render(gate: GateResult, options: RenderOptions) -> str:
    """The gate result as SARIF 2.1.0 JSON (indented unless it has over 1,000 results)."""
    data = sarif_dict(gate)
    indent = 2 if len(data["runs"][0]["results"]) <= 1000 else None
    # safe_json: C1 controls, bidi overrides and U+2028/2029 as \u escapes (same value).
    return safe_json(json.dumps(data, ensure_ascii=False, indent=indent)) + "\n"

"""The gate's JSON: the documented ``list`` contract (version 1) plus findings, suppressions
and the outcome, so one file serves dashboards and scripts."""

from __future__ import annotations

import json
from typing import Any

from factcheck.gate import GateResult
from factcheck.gate.baseline import finding_fingerprint
from factcheck.gate.rules import Finding
from factcheck.report import RenderOptions
from factcheck.report.safe import safe_json
from factcheck.report.serialise import list_dict


def finding_dict(finding: Finding) -> dict[str, Any]:
    """A finding as JSON."""
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "claim_id": finding.claim.id if finding.claim else None,
        "fingerprint": finding_fingerprint(finding),
    }


def gate_dict(gate: GateResult) -> dict[str, Any]:
    """The whole gate result as JSON."""
    data = list_dict(gate.result)
    data["findings"] = [finding_dict(f) for f in gate.findings]
    data["suppressed"] = [finding_dict(f) for f in gate.suppressed]
    data["suppressions"] = [
        {
            "path": use.suppression.path,
            "line": use.suppression.line,
            "directive": use.suppression.directive,
            "rules": list(use.suppression.rules),
            "used": use.used,
        }
        for use in gate.suppressions
    ]
    data["gate"] = {
        "failed": gate.failed,
        "failing": len(gate.failing),
        "counts": gate.counts(),
        "suppressed": len(gate.suppressed),
        "baselined": len(gate.baselined),
        "diff_base": gate.diff_base,
    }
    return data


# Indenting runs json's pure-Python encoder (about 10x slower than the C one): large results
# are written compact so gating thousands of claims stays fast.
INDENT_MAX_CLAIMS = 1000


def render(gate: GateResult, options: RenderOptions) -> str:
    """The gate result as JSON (indented unless it has more than 1,000 claims)."""
    claims = sum(len(d.claims) for d in gate.result.documents)
    indent = 2 if claims <= INDENT_MAX_CLAIMS else None
    # safe_json: C1 controls, bidi overrides and U+2028/2029 as \u escapes (same value).
    return safe_json(json.dumps(gate_dict(gate), ensure_ascii=False, indent=indent)) + "\n"

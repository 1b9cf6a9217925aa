"""Human and line-oriented gate output: ``table`` (grouped per file) and ``concise``
(``path:line:col: severity rule message``, one finding a line, like ruff and Vale)."""

from __future__ import annotations

from itertools import groupby

from factcheck.gate import GateResult
from factcheck.gate.rules import Finding
from factcheck.report import RenderOptions
from factcheck.report.safe import safe_text

_COLOURS = {"error": "31", "warning": "33", "info": "36"}


def _paint(text: str, code: str, options: RenderOptions) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if options.color else text


def summary_line(gate: GateResult) -> str:
    """One line: counts of reported, suppressed and baselined findings and the outcome."""
    counts = gate.counts()
    files = len(gate.result.documents)
    claims = sum(len(d.claims) for d in gate.result.documents)
    parts = [
        f"{len(gate.findings)} finding{'s' if len(gate.findings) != 1 else ''} "
        f"({counts['error']} error, {counts['warning']} warning, {counts['info']} info)",
        f"{claims} claim{'s' if claims != 1 else ''} in {files} file{'s' if files != 1 else ''}",
    ]
    if gate.suppressed:
        used = sum(1 for use in gate.suppressions if use.used)
        parts.append(f"{len(gate.suppressed)} suppressed by {used} comment(s)")
    if gate.baselined:
        parts.append(f"{len(gate.baselined)} in baseline")
    if gate.diff_base:
        parts.append(f"only lines changed since {safe_text(gate.diff_base)}")
    outcome = f"failed: {len(gate.failing)} failing" if gate.failed else "passed"
    return "; ".join(parts) + f". {outcome}."


def concise_line(finding: Finding) -> str:
    """``path:line:col: severity rule message``."""
    return (
        f"{safe_text(finding.path)}:{finding.line}:{finding.column}: {finding.severity} "
        f"{finding.rule} {safe_text(finding.message)}"
    )


def render_concise(gate: GateResult, options: RenderOptions) -> str:
    """One line per finding, then the summary line."""
    lines = [concise_line(f) for f in gate.findings]
    lines.append(summary_line(gate))
    return "\n".join(lines) + "\n"


def render_table(gate: GateResult, options: RenderOptions) -> str:
    """Findings grouped per file, aligned ``line:col  severity  rule  message`` rows."""
    out: list[str] = []
    width = options.width or 100
    for path, group in groupby(gate.findings, key=lambda f: f.path):
        findings = list(group)
        out.append(_paint(safe_text(path), "1;4", options))
        where_width = max(len(f"{f.line}:{f.column}") for f in findings)
        rule_width = max(len(f.rule) for f in findings)
        for finding in findings:
            where = f"{finding.line}:{finding.column}".ljust(where_width)
            severity = _paint(finding.severity.ljust(7), _COLOURS[finding.severity], options)
            prefix_width = 2 + where_width + 2 + 7 + 2 + rule_width + 2
            message = safe_text(finding.message)
            room = max(20, width - prefix_width)
            if len(message) > room:
                message = message[: room - 1] + "…"
            out.append(f"  {where}  {severity}  {finding.rule.ljust(rule_width)}  {message}")
        out.append("")
    out.append(summary_line(gate))
    return "\n".join(out) + "\n"

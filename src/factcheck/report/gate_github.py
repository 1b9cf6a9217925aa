"""GitHub Actions workflow commands: ``::error file=..,line=..,col=..,title=..::message``, so
findings show as annotations on the pull request without a SARIF upload."""

from __future__ import annotations

from factcheck.gate import GateResult
from factcheck.report import RenderOptions
from factcheck.report.safe import safe_text

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message (``%``, CR, LF), as the Actions toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (also ``:`` and ``,``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(gate: GateResult, options: RenderOptions) -> str:
    """One workflow command per finding."""
    lines = []
    for f in gate.findings:
        properties = ",".join([
            f"file={escape_property(safe_text(f.path))}",
            f"line={f.line}",
            f"col={f.column}",
            f"endLine={f.end_line}",
            f"endColumn={f.end_column}",
            f"title={escape_property(f'factcheck {f.rule}')}",
        ])
        # The message quotes article text: control characters and bidi overrides made visible.
        message = escape_data(safe_text(f.message))
        lines.append(f"::{_COMMANDS[f.severity]} {properties}::{message}")
    return "".join(line + "\n" for line in lines)

"""JSON and JSON Lines output (the stable contract of :mod:`factcheck.report.serialise`)."""

from __future__ import annotations

import json
from typing import Any

from factcheck.models import CheckResult, ListResult
from factcheck.report import RenderOptions
from factcheck.report.safe import safe_json
from factcheck.report.serialise import SCHEMA_VERSION, check_dict, claim_dict, list_dict


def _dumps(data: Any, *, indent: int | None) -> str:
    # ensure_ascii=False keeps Arabic readable; json escapes C0 controls itself, safe_json the
    # rest (C1, bidi overrides, U+2028/2029).
    return safe_json(json.dumps(data, ensure_ascii=False, indent=indent))


def render_list(result: ListResult, options: RenderOptions) -> str:
    """One JSON object for the whole run."""
    return _dumps(list_dict(result), indent=2) + "\n"


def render_list_lines(result: ListResult, options: RenderOptions) -> str:
    """One JSON object per claim, each carrying its document's path and language."""
    lines = [
        _dumps(
            {"version": SCHEMA_VERSION, "path": d.document.path, **claim_dict(claim)},
            indent=None,
        )
        for d in result.documents
        for claim in d.claims
    ]
    return "".join(line + "\n" for line in lines)


def render_check(result: CheckResult, options: RenderOptions) -> str:
    """One JSON object: claim, verdict, matches."""
    return _dumps(check_dict(result), indent=2) + "\n"


def render_check_lines(result: CheckResult, options: RenderOptions) -> str:
    """The ``check`` object on a single line."""
    return _dumps(check_dict(result), indent=None) + "\n"

"""The ``evidence`` sub-commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from factcheck.cli.app import evidence_app
from factcheck.evidence import validate_evidence


@evidence_app.command("validate")
def evidence_validate(
    files: Annotated[list[Path], typer.Argument(help="Evidence files to validate.")],
) -> None:
    """Report how many entries each evidence file has and every malformed entry
    (file:line: field: problem). Exits 1 when a file has problems.

    Example: factcheck evidence validate claims/evidence-ar.jsonl
    """
    failed = False
    for path in files:
        report = validate_evidence(path)
        for problem in report.problems:
            typer.echo(str(problem))
        noun = "entry" if len(report.entries) == 1 else "entries"
        status = f"{len(report.problems)} problem(s)" if report.problems else "ok"
        typer.echo(f"{path}: {len(report.entries)} valid {noun}, {status}")
        failed = failed or bool(report.problems)
    if failed:
        raise typer.Exit(1)

"""The Typer application objects that command modules register on."""

from __future__ import annotations

from typing import Annotated

import typer

from factcheck import __version__

app = typer.Typer(
    name="factcheck",
    help=(
        "List an article's check-worthy claims with their sources, and check claims against "
        "an evidence file of known facts and prior fact-checks (Arabic and English)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
evidence_app = typer.Typer(
    help="Work with evidence files (JSONL, JSON, CSV, YAML).", no_args_is_help=True
)
app.add_typer(evidence_app, name="evidence")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Fact-check articles from the command line.

    Example: factcheck list claims/en-russia-dprk.md --evidence claims/evidence-en.jsonl
    """

"""The command line: a thin Typer layer that parses options, wires the API and sets exit codes.

Exit codes: 0 success, 2 usage or input error, 3 internal error, 130 interrupted.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from factcheck import __version__, api
from factcheck.config import Config, find_config, load_config_file
from factcheck.errors import FactcheckError, InputError, UsageError
from factcheck.evidence import validate_evidence
from factcheck.models import Document
from factcheck.reader import decode_text
from factcheck.report import RenderOptions, render_check, render_list

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


class OutputFormat(str, Enum):
    """Output formats of ``list`` and ``check``."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


class Language(str, Enum):
    """Article languages: detected, Arabic or English."""

    auto = "auto"
    ar = "ar"
    en = "en"


EvidenceOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--evidence",
        "-e",
        help="Evidence file (JSONL, JSON, CSV or YAML); repeat for several.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
LangOption = Annotated[
    Language | None,
    typer.Option("--lang", "-l", help="Language of the text (default: auto).", show_default=False),
]
MinScoreOption = Annotated[
    float | None,
    typer.Option(
        "--min-score",
        min=0,
        max=100,
        help="Lowest match score (0-100) that counts as evidence "
        f"[default: {api.DEFAULT_MIN_SCORE:g}].",
        show_default=False,
    ),
]
TopOption = Annotated[
    int | None,
    typer.Option(
        "--top", min=1, help=f"Matches to keep per claim [default: {api.DEFAULT_TOP}].",
        show_default=False,
    ),
]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help="No colours (also when NO_COLOR is set).")
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="Config file to use instead of searching for one.",
                 show_default=False),
]


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


def _options(no_color: bool) -> RenderOptions:
    color = (
        not no_color
        and not os.environ.get("NO_COLOR")
        and (sys.stdout.isatty() or bool(os.environ.get("FORCE_COLOR")))
    )
    if sys.stdout.isatty():
        width = shutil.get_terminal_size((100, 24)).columns
    else:
        columns = os.environ.get("COLUMNS", "")
        width = int(columns) if columns.isdigit() and int(columns) > 20 else 100
    return RenderOptions(color=color, width=width)


def _emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _load_config(path: Path | None) -> Config:
    return load_config_file(path) if path else find_config()


def _evidence_paths(given: Sequence[Path] | None, config: Config) -> list[Path]:
    if given:
        return list(given)
    return [Path(p) for p in config.get("evidence", [])]


def _read_stdin(language: str) -> Document:
    data = sys.stdin.buffer.read()
    return api.document_from_text(decode_text(data, name="<stdin>"), language=language)


def _documents(articles: Sequence[str], config: Config, language: str) -> list[Document]:
    if not articles:
        configured = config.get("paths")
        if configured:
            articles = configured
        elif not sys.stdin.isatty():
            return [_read_stdin(language)]
        else:
            raise UsageError(
                "no article given; try 'factcheck list ARTICLE.md', pipe text in, "
                "or set paths in [tool.factcheck]"
            )
    documents: list[Document] = []
    for article in articles:
        if article == "-":
            documents.append(_read_stdin(language))
        else:
            documents.extend(api.read_documents([Path(article)], language=language))
    return documents


@app.command("list")
def list_claims(
    articles: Annotated[
        list[str] | None,
        typer.Argument(
            help="Articles (.md, .txt; '-' for standard input). Default: paths from config.",
            show_default=False,
        ),
    ] = None,
    evidence: EvidenceOption = None,
    output_format: FormatOption = OutputFormat.table,
    lang: LangOption = None,
    min_score: MinScoreOption = None,
    top: TopOption = None,
    no_color: NoColorOption = False,
    config_path: ConfigOption = None,
) -> None:
    """List every check-worthy claim of one or more articles, who it is attributed to, and
    (with --evidence) its verdict.

    Example: factcheck list claims/ar-russia-dprk.md --evidence claims/evidence-ar.jsonl
    """
    config = _load_config(config_path)
    language = lang.value if lang else config.get("language", "auto")
    documents = _documents(articles or [], config, language)
    evidence_paths = _evidence_paths(evidence, config)
    base = api.load_evidence_base(evidence_paths) if evidence_paths else None
    result = api.check_documents(
        documents,
        base,
        min_score=min_score if min_score is not None else config.get("min-score", 70.0),
        top=top or config.get("top", api.DEFAULT_TOP),
        min_checkworthiness=config.get("min-checkworthiness"),
    )
    _emit(render_list(result, output_format.value, _options(no_color)))


@app.command("check")
def check(
    claim: Annotated[str, typer.Argument(help="The claim to check, in quotes.")],
    evidence: EvidenceOption = None,
    output_format: FormatOption = OutputFormat.table,
    lang: LangOption = None,
    min_score: MinScoreOption = None,
    top: TopOption = None,
    no_color: NoColorOption = False,
    config_path: ConfigOption = None,
) -> None:
    """Check a single claim against the evidence: verdict, reason and top matches.

    Example: factcheck check "North Korea sent 3 million shells" -e claims/evidence-en.jsonl
    """
    config = _load_config(config_path)
    evidence_paths = _evidence_paths(evidence, config)
    if not evidence_paths:
        raise UsageError("no evidence given; use --evidence FILE (or set evidence in config)")
    base = api.load_evidence_base(evidence_paths)
    result = api.check_claim(
        claim,
        base,
        language=lang.value if lang else config.get("language", "auto"),
        min_score=min_score if min_score is not None else config.get("min-score", 70.0),
        top=top or config.get("top", api.DEFAULT_TOP),
    )
    _emit(render_check(result, output_format.value, _options(no_color)))


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


def _fail(message: str, code: int) -> NoReturn:
    sys.stderr.write(f"factcheck: error: {message}\n")
    raise SystemExit(code)


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point: runs the app and turns every failure into one line."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    args = [a for a in args if a != "--debug"]
    try:
        code = app(args=args, prog_name="factcheck", standalone_mode=False)
    except FactcheckError as error:
        _fail(str(error), error.exit_code)
    except typer.Exit as done:
        raise SystemExit(done.exit_code) from None
    except (KeyboardInterrupt, typer.Abort):
        _fail("interrupted", 130)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); silence the flush at exit too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(0) from None
    except typer.TyperException as error:  # click usage errors: bad option, missing argument
        formatter = getattr(error, "format_message", None)
        message = formatter() if callable(formatter) else str(error)
        if type(error).__name__ == "NoArgsIsHelpError":
            sys.stderr.write(message + "\n")
            raise SystemExit(2) from None
        first_line = " ".join(str(message).split())
        context = getattr(error, "ctx", None)
        hint = f" (see '{context.command_path} --help')" if context is not None else ""
        _fail(first_line + hint, getattr(error, "exit_code", 2))
    except Exception as error:
        if debug:
            raise
        _fail(
            f"internal error ({type(error).__name__}: {error}) in factcheck {__version__}; "
            "rerun with --debug for the traceback and report it",
            3,
        )
    if isinstance(code, int) and code:
        raise SystemExit(code)


__all__ = ["InputError", "app", "main"]

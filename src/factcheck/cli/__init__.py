"""The command line: a thin Typer layer that parses options, wires the API and sets exit codes.

Each command lives in its own module and registers on :data:`factcheck.cli.app.app`.
Exit codes: 0 success, 1 findings (validate, gate), 2 usage or input error, 3 internal error,
130 interrupted (Ctrl-C), 143 terminated (SIGTERM).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Sequence
from typing import NoReturn

import typer

from factcheck import __version__
from factcheck.cli import (  # noqa: F401  (register on import)
    cache_cmd,
    evidence_cmd,
    gate_cmd,
    list_check,
)
from factcheck.cli.app import app
from factcheck.errors import FactcheckError
from factcheck.report.safe import safe_text


class _Terminated(BaseException):
    """SIGTERM, raised as an exception so pending writes clean up before the process exits."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


def _fail(message: str, code: int) -> NoReturn:
    # Messages quote paths and file contents: one line, control and bidi characters visible.
    sys.stderr.write(f"factcheck: error: {safe_text(message)}\n")
    raise SystemExit(code)


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point: runs the app and turns every failure into one line."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    args = [a for a in args if a != "--debug"]
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        with contextlib.suppress(ValueError):  # only the main thread may set handlers
            signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        code = app(args=args, prog_name="factcheck", standalone_mode=False)
    except FactcheckError as error:
        _fail(str(error), error.exit_code)
    except typer.Exit as done:
        raise SystemExit(done.exit_code) from None
    except (KeyboardInterrupt, typer.Abort):
        _fail("interrupted", 130)
    except _Terminated:
        _fail("terminated", 143)
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
    except Exception as error:  # last resort: never show a bare traceback
        if debug:
            raise
        detail = str(error)
        detail = detail if len(detail) <= 200 else detail[:199] + "…"
        _fail(
            f"internal error ({type(error).__name__}: {detail}) in factcheck {__version__}; "
            "rerun with --debug for the traceback and report it",
            3,
        )
    if code == 130:
        # Typer turns Ctrl-C into a silent exit code 130; no command returns 130 itself.
        _fail("interrupted", 130)
    if isinstance(code, int) and code:
        raise SystemExit(code)


__all__ = ["app", "main"]

"""Console-script entry point, free of heavy imports.

Loading the command line (Typer, rich, numpy, rapidfuzz) takes a noticeable moment; Ctrl-C
then must end in the same one line and exit code 130 as during a run, not a traceback.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Load the command line, then run it (see :func:`factcheck.cli.main`)."""
    try:
        from factcheck.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("factcheck: error: interrupted\n")
        raise SystemExit(130) from None
    run()

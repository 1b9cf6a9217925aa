"""Shared test helpers: run the installed command line in a subprocess."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests: a fast, fixed-seed "dev" profile by default; "ci" (selected when CI is set,
# as CI runs with CI=true) runs at least 2,000 examples per property, still derandomized so
# a failure reproduces. HYPOTHESIS_PROFILE picks a profile explicitly.
settings.register_profile(
    "ci",
    max_examples=2000,
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev",
    max_examples=150,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)

# One cache for the whole run (vectors, the encoder's fast-loading copy, indexes) instead of
# the user's; tests that need a cache of their own still set FACTCHECK_CACHE_DIR themselves.
os.environ.setdefault("FACTCHECK_CACHE_DIR", tempfile.mkdtemp(prefix="factcheck-tests-"))

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> Run:
    """Run ``python -m factcheck ARGS`` and capture its exit code and output."""
    environment = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    environment["COLUMNS"] = "160"
    environment.update(env or {})
    completed = subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=cwd,
        env=environment,
        timeout=120,
        check=False,
    )
    return Run(
        completed.returncode,
        completed.stdout.decode("utf-8", "replace"),
        completed.stderr.decode("utf-8", "replace"),
    )


@pytest.fixture
def fixtures() -> Path:
    """The folder of test fixtures written for this project."""
    return FIXTURES


@pytest.fixture(autouse=True)
def _restore_sigterm() -> Iterator[None]:
    """Put back the SIGTERM handler a test leaves behind (the CLI installs one when it runs in
    this process): with it, a test run ignores SIGTERM and forked workers inherit it."""
    handler = signal.getsignal(signal.SIGTERM)
    yield
    signal.signal(signal.SIGTERM, handler)


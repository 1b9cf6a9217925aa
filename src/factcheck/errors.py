"""The project's exception hierarchy.

Every error a user can cause is a :class:`FactcheckError` whose ``str()`` is a one-line,
user-facing message; the CLI prints it and exits with :attr:`FactcheckError.exit_code`.
"""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class: a problem the user can fix, described in one line."""

    exit_code = 2


class InputError(FactcheckError):
    """An article cannot be read: missing, unreadable, binary, not UTF-8, or empty."""


class EvidenceError(FactcheckError):
    """An evidence file is missing or malformed (the message names file, line and field)."""


class ConfigError(FactcheckError):
    """A configuration file or value is invalid (the message names the key)."""


class UsageError(FactcheckError):
    """An option value is invalid, e.g. an unknown format or language."""

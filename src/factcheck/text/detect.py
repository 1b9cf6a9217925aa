"""Language detection by script and function words (stub: to be implemented)."""

from __future__ import annotations


def detect_language(text: str) -> str:
    """Return ``"ar"``, ``"en"`` or ``"und"`` (undetermined) for ``text``."""
    raise NotImplementedError

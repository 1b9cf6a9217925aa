"""Sentence segmentation with exact character offsets, and Markdown prose masking.

(stub: to be implemented)
"""

from __future__ import annotations

from factcheck.lang import LanguagePack
from factcheck.models import Sentence


def mask_markdown(text: str) -> str:
    """Return ``text`` with non-prose Markdown blanked to spaces (same length, newlines kept)."""
    raise NotImplementedError


def segment(text: str, *, pack: LanguagePack, markdown: bool = False) -> list[Sentence]:
    """Split ``text`` into sentences whose offsets index ``text`` exactly."""
    raise NotImplementedError


class LineIndex:
    """Maps character offsets to 1-based (line, column); CRLF, CR and LF all end a line."""

    def __init__(self, text: str) -> None:
        raise NotImplementedError

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of ``offset`` (column counts code points)."""
        raise NotImplementedError

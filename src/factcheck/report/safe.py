"""Text is data, not markup: neutralise what could take over a terminal or a table.

Control characters (ANSI/OSC escapes start with one) and bidi overrides/isolates are shown as
visible ``\\xNN`` / ``\\uNNNN`` escapes; line breaks inside a cell become spaces.
"""

from __future__ import annotations

import re

# C0 (but tab/newline handled apart), DEL, C1, bidi embeddings/overrides/isolates, line/para seps.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_BREAKS = re.compile(r"[\t\n]+")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: str, *, single_line: bool = True) -> str:
    """``text`` with control and bidi-override characters made visible and harmless."""
    if single_line:
        text = _BREAKS.sub(" ", text.replace("\r\n", " "))
    return _UNSAFE.sub(_escape, text)

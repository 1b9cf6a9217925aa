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


# Characters kept as they are in HTML and JSON (tab, line breaks) are left out here.
_UNSAFE_IN_MARKUP = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)
# What json.dumps(ensure_ascii=False) leaves raw but a terminal, a JavaScript parser or a
# line splitter may act on: DEL, C1, bidi overrides, line/paragraph separators.
_UNSAFE_IN_JSON = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def safe_markup_text(text: str) -> str:
    """``text`` for HTML or XML: line breaks and tabs kept, other control characters and bidi
    overrides made visible (escape it for the markup afterwards)."""
    return _UNSAFE_IN_MARKUP.sub(_escape, text)


def safe_json(dumped: str) -> str:
    """JSON text from ``json.dumps(..., ensure_ascii=False)`` with the characters above written
    as ``\\uXXXX`` escapes: the same JSON value, inert in a terminal and in JSON Lines.

    Safe because outside strings JSON text is plain ASCII, so every match is inside a string.
    """
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)

"""Reading articles: bytes in, validated text out, with one-line errors for bad input.

Text is decoded strictly as UTF-8 without newline translation, so offsets index what was read
(a leading BOM is dropped and is not part of the text).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO

from factcheck.errors import InputError
from factcheck.models import Document

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mdx"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})

# Control characters that never occur in prose; a file with many of them is binary.
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_MARKDOWN_HINTS = re.compile(
    r"\A(?:---|\+\+\+)\s*$|^#{1,6}\s+\S|^```|^~~~|\]\([^()\[\]\s]{1,2000}\)|^\s{0,3}[-*+]\s+\S",
    re.MULTILINE,
)


def _over_limit(max_bytes: int) -> str:
    return f"is over the limit of {max_bytes:,} bytes; raise it with --max-bytes"


def read_stream(stream: BinaryIO, *, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read an open binary stream (e.g. standard input), refusing more than ``max_bytes``."""
    try:
        data = stream.read(max_bytes + 1)
    except OSError as error:
        raise InputError(f"{name}: cannot read: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise InputError(f"{name}: {_over_limit(max_bytes)}")
    return data


def read_bytes(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file, turning every OS problem into an :class:`InputError`."""
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not an article")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: {size:,} bytes {_over_limit(max_bytes)}")
        # Read at most one byte past the limit: a pipe or device (/dev/zero) has no size.
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"{path}: {_over_limit(max_bytes)}")
        return data
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None


def decode_text(data: bytes, *, name: str) -> str:
    """Decode article bytes strictly as UTF-8; reject binary, non-UTF-8 and empty input."""
    if b"\x00" in data:
        raise InputError(f"{name}: contains NUL bytes; this looks like a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(
            f"{name}: not valid UTF-8 (byte {error.start}, line {line}); "
            "convert it first, e.g. with iconv -t UTF-8"
        ) from None
    text = text.removeprefix("\ufeff")
    if len(_BINARY_CONTROLS.findall(text[:65536])) > 8:
        raise InputError(f"{name}: contains control characters; this looks like a binary file")
    if not text.strip():
        raise InputError(f"{name}: the article is empty")
    return text


def is_markdown(name: str, text: str) -> bool:
    """Whether to treat the text as Markdown: by suffix, else by a look at its syntax."""
    suffix = Path(name).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return True
    if suffix in TEXT_SUFFIXES:
        return False
    return len(_MARKDOWN_HINTS.findall(text[:65536])) >= 2


def read_document(
    path: Path, *, language: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Read an article file into a :class:`Document` (language detected unless given)."""
    text = decode_text(read_bytes(path, max_bytes=max_bytes), name=str(path))
    return make_document(text, path=str(path), language=language)


def make_document(text: str, *, path: str, language: str = "auto") -> Document:
    """Wrap text as a :class:`Document`, deciding Markdown and language."""
    from factcheck.text.detect import detect_language

    markdown = is_markdown(path, text)
    if language == "auto":
        language = detect_language(text)
    return Document(path=path, text=text, language=language, markdown=markdown)

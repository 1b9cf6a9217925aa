"""Normalisation of Arabic and English text, for analysis (offset-tracked) and for matching.

``fold`` keeps a map back to the original text so rules can run on folded text while the
spans they report stay exact; ``normalise`` is the lossy form used for fuzzy matching.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Arabic harakat, tanween, shadda, sukun, superscript alef, Quranic marks; tatweel handled apart.
_ARABIC_MARKS = frozenset(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
)
_TATWEEL = "\u0640"
# Invisible format characters that only affect rendering (ZWJ/ZWNJ, bidi marks, BOM).
_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                       "\u2066\u2067\u2068\u2069\ufeff\u00ad")

_LETTER_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ئ": "ي", "ی": "ي", "ې": "ي",
    "ة": "ه", "ۀ": "ه",
    "ؤ": "و",
    "ک": "ك", "ګ": "ك",
}
# Arabic-Indic (U+0660..) and Extended/Persian (U+06F0..) digits to ASCII.
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {
    chr(0x06F0 + i): str(i) for i in range(10)
}
# Arabic decimal and thousands separators to their Latin counterparts.
_SEPARATORS = {"\u066b": ".", "\u066c": ",", "\u066a": "%"}
_QUOTES = {
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "‹": '"', "›": '"',
}


@dataclass(frozen=True)
class FoldedText:
    """Folded text plus, for every folded character, the index of the original character."""

    text: str
    origin: tuple[int, ...]
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the folded text to a span of the original text.

        The span runs up to the next kept character, so marks the fold removed after the last
        letter (harakat, tanween, tatweel) stay inside it: ``قالَ``, not ``قال`` + a stray mark.
        """
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else self.original_length
            return pos, pos
        after = self.origin[end] if end < len(self.origin) else self.original_length
        # max(): inside an expansion (a ligature folded to two letters) both share one origin.
        return self.origin[start], max(self.origin[end - 1] + 1, after)


def _fold_char(ch: str, *, quotes: bool) -> str:
    if ch in _ARABIC_MARKS or ch == _TATWEEL or ch in _INVISIBLE:
        return ""
    if ch in _DIGITS:
        return _DIGITS[ch]
    if ch in _SEPARATORS:
        return _SEPARATORS[ch]
    if quotes and ch in _QUOTES:
        return _QUOTES[ch]
    if ch in _LETTER_FOLD:
        return _LETTER_FOLD[ch]
    if ch.isascii():
        return ch
    out = unicodedata.normalize("NFKC", ch)
    # NFKC may yield a sequence (ligatures such as U+FEFB lam-alef): fold each piece too.
    if out != ch:
        return "".join(_fold_char(c, quotes=quotes) for c in out)
    if unicodedata.category(ch) == "Mn":
        return ""  # combining marks on Latin letters as well (é written as e + U+0301)
    decomposed = unicodedata.normalize("NFD", ch)
    base = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    if base != decomposed:
        # Precomposed é must fold like e + U+0301 (whose mark is dropped above), or the two
        # spellings of one word would not match. (Hangul decomposes without marks: kept.)
        return base
    return ch


@lru_cache(maxsize=4096)
def _fold_table(ch: str, quotes: bool) -> str:
    return _fold_char(ch, quotes=quotes)


def fold(text: str, *, quotes: bool = False) -> FoldedText:
    """Fold ``text`` for rule matching, keeping a map to original offsets.

    Applies NFKC, removes Arabic diacritics, tatweel and invisible format characters, folds
    alef/yaa/taa-marbuta/hamza-seat variants, and maps Arabic-Indic and Persian digits to ASCII.
    Case and punctuation are kept (English rules use capitalisation). With ``quotes=True``
    guillemets and curly quotes become straight quotes.
    """
    return _fold_cached(text, quotes)


# Several stages fold the same sentence one after another; FoldedText is immutable, so a
# small cache of recent results is safe and saves most of the repeated work.
@lru_cache(maxsize=256)
def _fold_cached(text: str, quotes: bool) -> FoldedText:
    table = _FOLD_MAP_QUOTES if quotes else _FOLD_MAP
    folded = text.translate(table)
    # Fast path: no character was dropped or expanded, so offsets are unchanged (the
    # translate loop runs in C; only text with marks, tatweel or ligatures takes the slow path).
    if len(folded) == len(text) and table.irregular.isdisjoint(text):
        return FoldedText(folded, tuple(range(len(text))), len(text))
    pieces: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        out = _fold_table(ch, quotes)
        if out:
            pieces.append(out)
            origin.extend([index] * len(out))
    return FoldedText("".join(pieces), tuple(origin), len(text))


class _FoldMap(dict[int, str]):
    """A ``str.translate`` table that folds each code point, computed on first sight."""

    def __init__(self, *, quotes: bool) -> None:
        super().__init__()
        self.quotes = quotes
        # Characters that fold to zero or several characters (offsets shift after them).
        self.irregular: set[str] = set()

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code), quotes=self.quotes)
        if len(folded) != 1:
            self.irregular.add(chr(code))
        self[code] = folded
        return folded


# str.translate runs the per-character loop in C: normalising 100k evidence entries is
# several times faster than joining per-character Python calls.
_FOLD_MAP = _FoldMap(quotes=False)
_FOLD_MAP_QUOTES = _FoldMap(quotes=True)


def fold_text(text: str) -> str:
    """The folded form of ``text`` without the offset map (for folding rule data)."""
    return text.translate(_FOLD_MAP)


_NON_WORD = re.compile(r"[^\w%.,]+|(?<!\d)[.,]|[.,](?!\d)")


def normalise(text: str) -> str:
    """Normalise ``text`` for fuzzy matching.

    Everything :func:`fold` does, plus quotes folded, case folded, punctuation (other than
    decimal points, thousands separators and %) turned to spaces, and whitespace collapsed.
    The result is idempotent: ``normalise(normalise(t)) == normalise(t)``.
    """
    # casefold can reintroduce characters the fold removes (e.g. İ -> i + U+0307): fold twice.
    folded = text.translate(_FOLD_MAP_QUOTES).casefold().translate(_FOLD_MAP_QUOTES)
    return " ".join(_NON_WORD.sub(" ", folded).split())

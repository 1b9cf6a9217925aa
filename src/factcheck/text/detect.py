"""Language detection by script and function words.

Arabic is told by its script; English by Latin script plus enough English function words
(listed in ``lang/en.toml`` under ``[segment] function_words``). A short text (a claim typed on
the command line, "North Korea sent 3 million shells") may have no function word at all, so
there the pack's number words, scales and month names count as English words too. Anything
else is ``"und"``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.lang import get_pack

# Arabic-script letters (basic, supplement, extended-A, presentation forms); digits excluded.
_ARABIC = re.compile(
    r"[\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff"
    r"\ufb50-\ufdff\ufe70-\ufefc]"
)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")

# Detection looks at a prefix: enough to decide, and bounded time on 20 MB documents.
_SAMPLE = 200_000
# "Dominate": Arabic letters are more than half of all letters.
_ARABIC_SHARE = 0.5
# English needs Latin letters to dominate and this share of its words to be function words
# (running English prose is around 40-50%; titles and name lists score far lower).
_FUNCTION_WORD_SHARE = 0.12
# A sentence is "clearly" in one script when that script has this share of its letters
# (70%: an Arabic sentence naming "Apple" or "Reuters" stays Arabic).
_CLEAR_SHARE = 0.7
# Up to this many words a text is "short": the pack's number and month words count as well.
_SHORT_WORDS = 20


@lru_cache(maxsize=1)
def _english_function_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in get_pack("en").strings("segment", "function_words"))


@lru_cache(maxsize=1)
def _english_lexicon() -> frozenset[str]:
    """Function words plus the one-word number words, scales and month names of the pack."""
    pack = get_pack("en")
    words = set(_english_function_words())
    for key in ("numbers", "scales", "months"):
        words.update(w.casefold() for w in pack.mapping("quantities", key) if " " not in w)
    return frozenset(words)


def _letter_counts(text: str) -> tuple[int, int, int]:
    """Counts of (Arabic-script letters, Latin letters, all letters) in ``text``."""
    return (
        len(_ARABIC.findall(text)),
        len(_LATIN.findall(text)),
        len(_LETTER.findall(text)),
    )


def detect_language(text: str) -> str:
    """Return ``"ar"``, ``"en"`` or ``"und"`` (undetermined) for ``text``.

    ``"ar"`` when Arabic-script letters are most of the letters; ``"en"`` when Latin letters
    are and enough of the words are English function words (the, of, and, is ...);
    ``"und"`` otherwise, including for empty, whitespace-only or digits-only text.
    """
    sample = text[:_SAMPLE]
    arabic, latin, letters = _letter_counts(sample)
    if letters == 0:
        return "und"
    if arabic > letters * _ARABIC_SHARE:
        return "ar"
    if latin > letters * _ARABIC_SHARE:
        words = [w.casefold() for w in _LATIN_WORD.findall(sample)]
        known = _english_lexicon() if len(words) <= _SHORT_WORDS else _english_function_words()
        hits = sum(1 for w in words if w in known)
        if hits and hits >= len(words) * _FUNCTION_WORD_SHARE:
            return "en"
    return "und"


def detect_sentence_language(text: str, default: str) -> str:
    """``"ar"`` or ``"en"`` when ``text`` is clearly in Arabic or Latin script, else ``default``.

    Meant for single sentences of a document: an English quote inside an Arabic article gets
    the English pack, while a sentence of mixed or no letters keeps the document's language.
    """
    arabic, latin, letters = _letter_counts(text)
    if letters < 2:
        return default
    if arabic >= letters * _CLEAR_SHARE:
        return "ar"
    if latin >= letters * _CLEAR_SHARE:
        return "en"
    return default

"""Social-media noise taken out of a text before it is matched (never out of what is shown).

A post quoting a claim carries links, handles, hashtags, emoji and a "— Name (@handle) date"
footer. Links and emoji say nothing about the claim; a handle or hashtag often names its actor
(``@JoeBiden``, ``#هام_جدا``), so those become words; the footer's display name stays, since
a post's author is often the claim's subject. Measured on the CheckThat! 2021 train tweets
(``benchmarks/eval_matching.py``), keeping the name and splitting handles ranked best.
"""

from __future__ import annotations

import html
import re

_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.IGNORECASE)
# "— Jane Roe (@jroe) March 3, 2021" at the end of an embedded post: keep the display name.
_FOOTER = re.compile(
    r"[—–]\s*([^—–\n]{0,80}?)\s*\(@\w+\)\s*(?:[A-Z][a-z]+\.?\s+\d{1,2},\s*\d{4})?\s*$"
)
_RETWEET = re.compile(r"^\s*RT\s+@\w+:\s*")
_HANDLE = re.compile(r"(?<![\w@])@(\w+)")
_HASHTAG = re.compile(r"(?<![\w&])#(\w+)")
# Word breaks inside a handle or hashtag: camel case ("JoeBiden") and underscores.
_INNER_BREAK = re.compile(r"(?<=[a-z])(?=[A-Z])|_+")
# Pictographs, dingbats, arrows and symbols, variation selectors, ZWJ, keycap, flags.
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2190-\u21ff\u2300-\u23ff\u2460-\u27bf\u2900-\u297f"
    "\u2b00-\u2bff\ufe0e\ufe0f\u200d\u20e3\U000e0020-\U000e007f]"
)
_MARKERS = re.compile(r"[\u2066-\u2069\u200e\u200f]")


def _words(name: str) -> str:
    return " " + _INNER_BREAK.sub(" ", name) + " "


def strip_social_noise(text: str) -> str:
    """``text`` without links, emoji and post furniture; handles and hashtags as words.

    A text without any of these comes back unchanged but for runs of whitespace.
    """
    if not any(mark in text for mark in ("http", "www.", "@", "#", "&", "pic.", "—", "–")) and (
        _EMOJI.search(text) is None
    ):
        return " ".join(text.split())
    cleaned = html.unescape(text).replace('""', '"')
    cleaned = _FOOTER.sub(lambda found: " " + found.group(1) + " ", cleaned)
    cleaned = _RETWEET.sub("", cleaned)
    cleaned = _URL.sub(" ", cleaned)
    cleaned = _HANDLE.sub(lambda found: _words(found.group(1)), cleaned)
    cleaned = _HASHTAG.sub(lambda found: _words(found.group(1)), cleaned)
    cleaned = _MARKERS.sub("", _EMOJI.sub(" ", cleaned))
    return " ".join(cleaned.split())

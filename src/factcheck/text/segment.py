"""Sentence segmentation with exact character offsets, and Markdown prose masking.

Owns ``segment`` (text -> sentences whose offsets index the input exactly), ``mask_markdown``
(Markdown syntax blanked to spaces, same length) and ``LineIndex`` (offset -> line:column).

Block rules (which line breaks can never fall inside a sentence):

* A blank line always ends a paragraph.
* Markdown (``markdown=True``): ATX and setext headings, table rows, horizontal rules and
  reference definitions are blocks of their own; a list item or the start of a blockquote
  starts a new block; other single line breaks are soft (CommonMark paragraphs) unless the
  title rule below applies.
* Plain text: a line starting with a bullet (``-``, ``*``, ``•`` ... or ``1.``/``1)``) starts a
  new block.
* Both: a single line break is soft unless the line before it is *title-like* (in Markdown
  judged on the masked line, so a ``**bold**`` pseudo-heading counts): it has at most 12
  words, does not end in sentence or continuation punctuation (``. ! ? ؟ … , ، ; ؛ :``,
  dashes, an opening bracket), is short (at most 40 characters, or under 60% of the length of
  the next line), and the next line does not start with a lower-case letter. Hard-wrapped
  paragraphs have lines of similar length and continue in lower case, so their breaks stay
  soft, while datelines and headlines above a paragraph become blocks.

Inside a block, sentence ends are found by :func:`_sentence_ends` (see its docstring).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cache
from itertools import pairwise

from factcheck.lang import LanguagePack, available_languages, get_pack
from factcheck.models import Sentence
from factcheck.text.normalise import fold_text

# ---------------------------------------------------------------------------------------------
# Shared character classes

_TERMINATORS = ".!?؟…۔‼⁇⁈⁉"
_CLOSERS = "\"'”’»›)]}"
_OPENERS = "\"'“‘«‹([{„"
# Zero-width and format characters that must never start or end a sentence (BOM, ZWSP, marks).
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u200e\u200f\u2060\u00ad"
_TRIM = frozenset(" \t\r\n\f\v\u00a0\u2028\u2029\u3000\u202f\u2007\u2009\u200a" + _INVISIBLE)

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NOT_NEWLINE = re.compile(r"[^\r\n]")
_LETTER = re.compile(r"[^\W\d_]")
_ARABIC_LETTER = re.compile(
    r"[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06fc\u0750-\u077f\u08a0-\u08ff]"
)


def _blank(text: str) -> str:
    """Spaces for every character of ``text`` except line breaks."""
    return _NOT_NEWLINE.sub(" ", text)


def _split_lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line's content (line break excluded); always at least one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _LINE_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


# ---------------------------------------------------------------------------------------------
# Markdown masking


class _Kind(Enum):
    """How a line takes part in block structure."""

    BLANK = "blank"  # no prose: ends the paragraph (blank line, code, front matter, comment)
    ISOLATED = "isolated"  # a block of its own: heading, table row, rule, reference definition
    START = "start"  # starts a new block that later lines may continue: list item, blockquote
    PARA = "para"  # continues the current paragraph


# Blanks, then blockquote markers each with its blanks: no two blank runs meet, so a run of
# blanks is never split two ways (a scan stays linear).
_FENCE_OPEN = re.compile(r"[ \t]{0,24}(?:>[ \t]{0,13}){0,8}(`{3,}|~{3,})([^\r\n]*)")
_FENCE_CLOSE = re.compile(r"[ \t]{0,24}(?:>[ \t]{0,13}){0,8}(`{3,}|~{3,})[ \t]*")
_INDENTED = re.compile(r"(?: {4}|\t)")
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
# Starts only at the start of a blank run, so a long run of blanks is scanned once (linear).
_ATX_CLOSE = re.compile(r"(?<![ \t])[ \t]+#+[ \t]*$")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
_QUOTE_PREFIX = re.compile(r" {0,3}(?:>[ \t]?){1,8}")
_LIST_MARKER = re.compile(r"[ \t]{0,12}(?:[-*+•]|\d{1,9}[.)])(?:[ \t]+(?:\[[ xX]\][ \t]+)?|$)")
_REF_DEFINITION = re.compile(r" {0,3}\[[^\]\r\n]{1,500}\]:[ \t]*\S")
_TABLE_DELIMITER = re.compile(r"[ \t|:-]*")
_PIPE = re.compile(r"(?<!\\)\|")
_HTML_COMMENT_OPEN = "<!--"
_HTML_COMMENT_CLOSE = "-->"
_RAW_HTML_OPEN = re.compile(r"<(script|style)\b", re.IGNORECASE)
_BACKTICKS = re.compile(r"`+")
_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")
_ESCAPED = "\ue000"  # stands in for an escaped punctuation character while rules run
_AUTOLINK = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]{1,2000}|[^<>\s@]{1,200}@[^<>\s@]{1,200})>"
)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]{0,40}(?:\s[^<>]{0,1000})?/?>")
_LINK = re.compile(
    r"(!?\[)([^\[\]]{0,1000})(\]"
    r"(?:\(\s{0,20}[^()\s]{0,2000}(?:\([^()\s]{0,500}\)[^()\s]{0,500}){0,3}"
    r"(?:\s{1,20}(?:\"[^\"]{0,500}\"|'[^']{0,500}'|\([^()]{0,500}\)))?\s{0,20}\)"
    r"|\[[^\[\]]{0,200}\]))"
)
_BARE_URL = re.compile(r"(?:\b[A-Za-z][A-Za-z0-9+.-]{1,15}://|\bwww\.)[^\s<>\"]{0,2000}[^\s<>\"'.,;:!?)\]]")
_EMPHASIS = re.compile(r"\*+|_+|~~")


def _line_is_blank(line: str) -> bool:
    return not line.strip()


def _table_rows(lines: list[str]) -> set[int]:
    """Indices of lines that are rows of a pipe table (GFM delimiter row, or ``| ... |``)."""
    rows: set[int] = set()
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        is_delimiter = (
            "|" in stripped
            and "-" in stripped
            and _TABLE_DELIMITER.fullmatch(stripped) is not None
        )
        if is_delimiter and index > 0 and "|" in lines[index - 1]:
            rows.update((index - 1, index))
            index += 1
            while index < len(lines) and "|" in lines[index] and lines[index].strip():
                rows.add(index)
                index += 1
            continue
        if len(stripped) >= 2 and stripped[0] == "|" and stripped[-1] == "|":
            rows.add(index)
        index += 1
    return rows


def _mask_code_spans(line: str) -> str:
    """Blank inline code: a run of N backticks up to the next run of exactly N (linear)."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)]
    if len(runs) < 2:
        return line
    # next_same[i]: index of the next run with the same length as run i (scan from the right).
    next_same = [-1] * len(runs)
    last_seen: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        next_same[index] = last_seen.get(length, -1)
        last_seen[length] = index
    pieces: list[str] = []
    cursor = 0
    index = 0
    while index < len(runs):
        closing = next_same[index]
        if closing == -1:
            index += 1
            continue
        start, end = runs[index][0], runs[closing][1]
        pieces.append(line[cursor:start])
        pieces.append(" " * (end - start))
        cursor = end
        index = closing + 1
    pieces.append(line[cursor:])
    return "".join(pieces)


def _blank_spans(line: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return line
    pieces: list[str] = []
    cursor = 0
    for start, end in spans:
        if start < cursor:
            start = cursor
        if end <= start:
            continue
        pieces.append(line[cursor:start])
        pieces.append(" " * (end - start))
        cursor = end
    pieces.append(line[cursor:])
    return "".join(pieces)


def _mask_emphasis(line: str) -> str:
    """Blank ``*``/``_``/``~~`` runs that touch a word on one side (not ``2 * 3`` or snake_case)."""
    spans: list[tuple[int, int]] = []
    for match in _EMPHASIS.finditer(line):
        start, end = match.span()
        before = line[start - 1] if start > 0 else " "
        after = line[end] if end < len(line) else " "
        if before.isspace() and after.isspace():
            continue
        if match.group()[0] == "_" and before.isalnum() and after.isalnum():
            continue  # intraword underscore: an identifier, not emphasis
        spans.append((start, end))
    return _blank_spans(line, spans)


def _mask_inline(line: str) -> str:
    """Blank the inline syntax of one prose line (its block markers already blanked)."""
    if "`" in line:
        line = _mask_code_spans(line)
    original = line
    escaped = False
    if "\\" in line:
        spans = [(m.start(), m.start() + 1) for m in _ESCAPE.finditer(line)]
        if spans:
            escaped = True
            chars = list(line)
            for start, _ in spans:
                chars[start] = " "
                chars[start + 1] = _ESCAPED
            line = "".join(chars)
    if "<" in line:
        line = _AUTOLINK.sub(lambda m: " " * len(m.group()), line)
        line = _HTML_TAG.sub(lambda m: " " * len(m.group()), line)
    if "[" in line:
        line = _LINK.sub(
            lambda m: " " * len(m.group(1)) + m.group(2) + " " * len(m.group(3)), line
        )
    if "://" in line or "www." in line:
        line = _BARE_URL.sub(lambda m: " " * len(m.group()), line)
    if "*" in line or "_" in line or "~~" in line:
        line = _mask_emphasis(line)
    if escaped:
        line = "".join(
            original[i] if ch == _ESCAPED else ch for i, ch in enumerate(line)
        )
    return line


def _mask_multiline_html(text: str) -> str:
    """Blank HTML comments and script/style elements, which may span lines (linear scans)."""
    if "<" not in text:
        return text
    spans: list[tuple[int, int]] = []
    cursor = 0
    while True:
        start = text.find(_HTML_COMMENT_OPEN, cursor)
        if start == -1:
            break
        close = text.find(_HTML_COMMENT_CLOSE, start + len(_HTML_COMMENT_OPEN))
        end = len(text) if close == -1 else close + len(_HTML_COMMENT_CLOSE)
        spans.append((start, end))
        cursor = end
    cursor = 0
    while True:
        match = _RAW_HTML_OPEN.search(text, cursor)
        if match is None:
            break
        closing = re.compile(rf"</{match.group(1)}\s*>", re.IGNORECASE).search(text, match.end())
        if closing is None:
            break
        spans.append((match.start(), closing.end()))
        cursor = closing.end()
    if not spans:
        return text
    spans.sort()
    pieces: list[str] = []
    cursor = 0
    for start, end in spans:
        start = max(start, cursor)
        if end <= start:
            continue
        pieces.append(text[cursor:start])
        pieces.append(_blank(text[start:end]))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _front_matter_end(lines: list[str]) -> int:
    """Number of leading lines that are YAML (``---``) or TOML (``+++``) front matter."""
    first = lines[0].lstrip("\ufeff").rstrip()
    if first not in ("---", "+++"):
        return 0
    closers = ("---", "...") if first == "---" else ("+++",)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in closers:
            return index + 1
    return 0


def _analyse_markdown(text: str) -> tuple[str, list[_Kind]]:
    """The masked text and the block kind of every line."""
    spans = _split_lines(text)
    lines = [text[start:end] for start, end in spans]
    kinds = [_Kind.PARA] * len(lines)
    masked = list(lines)

    # Pass 1: front matter, fenced and indented code (whole lines, so HTML inside is safe).
    index = _front_matter_end(lines)
    for skipped in range(index):
        masked[skipped] = " " * len(lines[skipped])
        kinds[skipped] = _Kind.BLANK
    fence: tuple[str, int] | None = None
    previous_blank = True
    in_list = False
    while index < len(lines):
        line = lines[index]
        if fence is not None:
            close = _FENCE_CLOSE.fullmatch(line)
            if close and close.group(1)[0] == fence[0] and len(close.group(1)) >= fence[1]:
                fence = None
            masked[index] = " " * len(line)
            kinds[index] = _Kind.BLANK
            index += 1
            continue
        opening = _FENCE_OPEN.match(line)
        if opening and not (opening.group(1)[0] == "`" and "`" in opening.group(2)):
            fence = (opening.group(1)[0], len(opening.group(1)))
            masked[index] = " " * len(line)
            kinds[index] = _Kind.BLANK
            index += 1
            continue
        blank = _line_is_blank(line)
        if not blank and _LIST_MARKER.match(line):
            in_list = True
        elif not blank and not line[:1].isspace():
            in_list = False
        if not blank and not in_list and previous_blank and _INDENTED.match(line):
            masked[index] = " " * len(line)
            kinds[index] = _Kind.BLANK
            index += 1
            continue  # previous_blank stays True: following indented lines are code too
        previous_blank = blank
        index += 1

    # Pass 2: HTML comments and raw script/style elements across lines.
    joined = "\n".join(masked)
    joined = _mask_multiline_html(joined)
    masked = joined.split("\n")

    # Pass 3: block markers and inline syntax, line by line.
    tables = _table_rows(masked)
    previous_quote = False
    for index, line in enumerate(masked):
        if kinds[index] is _Kind.BLANK:
            continue
        if _line_is_blank(line):
            kinds[index] = _Kind.BLANK
            previous_quote = False
            continue
        quote = _QUOTE_PREFIX.match(line)
        body_start = quote.end() if quote else 0
        body = line[body_start:]
        kind = _Kind.START if quote and not previous_quote else _Kind.PARA
        previous_quote = quote is not None
        if index in tables:
            body = _blank_spans(body, [m.span() for m in _PIPE.finditer(body)])
            if _TABLE_DELIMITER.fullmatch(body.strip()):
                body = " " * len(body)
            kind = _Kind.ISOLATED
        elif _REF_DEFINITION.match(body):
            body = " " * len(body)
            kind = _Kind.ISOLATED
        elif _RULE.fullmatch(body):
            body = " " * len(body)
            kind = _Kind.ISOLATED
            if index > 0 and kinds[index - 1] in (_Kind.PARA, _Kind.START) and body_start == 0:
                kinds[index - 1] = _Kind.ISOLATED  # `---` under a line: setext heading
        elif (
            _SETEXT.fullmatch(body)
            and index > 0
            and kinds[index - 1] in (_Kind.PARA, _Kind.START)
        ):
            body = " " * len(body)
            kind = _Kind.ISOLATED
            kinds[index - 1] = _Kind.ISOLATED
        else:
            atx = _ATX.match(body)
            if atx:
                closing = _ATX_CLOSE.search(body)
                cut = closing.start() if closing and closing.start() >= atx.end() else len(body)
                body = " " * atx.end() + body[atx.end():cut] + " " * (len(body) - cut)
                kind = _Kind.ISOLATED
            else:
                item = _LIST_MARKER.match(body)
                if item:
                    body = " " * item.end() + body[item.end():]
                    kind = _Kind.START
        masked[index] = " " * body_start + _mask_inline(body)
        kinds[index] = kind

    # Reassemble with the original line breaks.
    pieces: list[str] = []
    for index, (_, end) in enumerate(spans):
        pieces.append(masked[index])
        next_start = spans[index + 1][0] if index + 1 < len(spans) else len(text)
        pieces.append(text[end:next_start])
    return "".join(pieces), kinds


def mask_markdown(text: str) -> str:
    """Return ``text`` with non-prose Markdown blanked to spaces (same length, newlines kept).

    Blanked: front matter, fenced and indented code, HTML comments and tags, inline code,
    link and image targets (the link text stays), reference definitions, autolinks and bare
    URLs, heading/blockquote/list markers, emphasis markers, table pipes and rules.
    """
    return _analyse_markdown(text)[0]


# ---------------------------------------------------------------------------------------------
# Block structure of plain text

_PLAIN_BULLET = re.compile(r"[ \t]{0,12}(?:[-*•‣◦▪●–—]|\d{1,2}[.)])[ \t]+\S")
_TITLE_END_PUNCTUATION = frozenset(_TERMINATORS + _CLOSERS + ",،;؛:-–—([{&")
_TITLE_MAX_WORDS = 12
_TITLE_SHORT = 40
_TITLE_RATIO = 0.6


def _title_like(line: str, following: str) -> bool:
    """Whether a line break after ``line`` is hard because ``line`` reads as a title."""
    stripped = line.strip(" \t\u00a0" + _INVISIBLE)
    if not stripped or stripped[-1] in _TITLE_END_PUNCTUATION:
        return False
    if following.lstrip()[:1].islower():
        return False  # a lower-case next line continues a (hard-wrapped) sentence
    if len(stripped.split()) > _TITLE_MAX_WORDS:
        return False
    return len(stripped) <= _TITLE_SHORT or len(stripped) < _TITLE_RATIO * len(following.strip())


def _plain_kinds(lines: list[str]) -> list[_Kind]:
    kinds: list[_Kind] = []
    for line in lines:
        if _line_is_blank(line):
            kinds.append(_Kind.BLANK)
        elif _PLAIN_BULLET.match(line):
            kinds.append(_Kind.START)
        else:
            kinds.append(_Kind.PARA)
    return kinds


def _break_after_titles(lines: list[str], kinds: list[_Kind]) -> None:
    """Turn a soft break after a title-like line into a block start (in place).

    Only the first line of a block can be a title: a short line in the middle of a
    hard-wrapped paragraph ("...closed in" / "Gaza in May 2024.") is a wrap, not a title.
    """
    for index in range(1, len(lines)):
        first_of_block = kinds[index - 1] is _Kind.START or (
            kinds[index - 1] is _Kind.PARA
            and (index == 1 or kinds[index - 2] in (_Kind.BLANK, _Kind.ISOLATED))
        )
        if (
            kinds[index] is _Kind.PARA
            and first_of_block
            and _title_like(lines[index - 1], lines[index])
        ):
            kinds[index] = _Kind.START


def _blocks(spans: list[tuple[int, int]], kinds: list[_Kind]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every block: runs of lines joined by soft breaks."""
    current: tuple[int, int] | None = None
    for (start, end), kind in zip(spans, kinds, strict=True):
        if kind is _Kind.BLANK:
            if current is not None:
                yield current
            current = None
            continue
        if kind is _Kind.PARA and current is not None:
            current = (current[0], end)
            continue
        if current is not None:
            yield current
        if kind is _Kind.ISOLATED:
            yield (start, end)
            current = None
        else:
            current = (start, end)
    if current is not None:
        yield current


# ---------------------------------------------------------------------------------------------
# Sentence ends inside a block


@dataclass(frozen=True)
class _Rules:
    """A pack's segmentation data, folded and lower-cased once."""

    abbreviations: frozenset[str]
    before_number: frozenset[str]
    after_number_final: frozenset[str]
    sentence_starters: frozenset[str]
    quote_continuations: frozenset[str]
    quote_window: int


def _folded_set(packs: list[LanguagePack], key: str) -> frozenset[str]:
    return frozenset(
        value.casefold().rstrip(".") for pack in packs for value in pack.strings("segment", key)
    )


@cache
def _rules(pack: LanguagePack) -> _Rules:
    # Word lists of every pack apply: an Arabic article quotes "Dr. Smith" and an English one
    # «د. سامي», and each list only matches words of its own script. The quote window (how
    # far a reporting verb may follow a quote) follows the document's word order.
    packs = [pack, *(get_pack(code) for code in available_languages() if code != pack.code)]
    window = pack.section("segment").get("quote_continuation_window", 1)
    return _Rules(
        abbreviations=_folded_set(packs, "abbreviations"),
        before_number=_folded_set(packs, "abbreviations_before_number"),
        after_number_final=_folded_set(packs, "after_number_final"),
        sentence_starters=_folded_set(packs, "sentence_starters"),
        quote_continuations=_folded_set(packs, "quote_continuations"),
        quote_window=window if isinstance(window, int) and 0 <= window <= 5 else 1,
    )


_BOUNDARY = re.compile(
    "([" + re.escape(_TERMINATORS) + "]+)([" + re.escape(_CLOSERS) + "]*)"
)
# A token: at most 64 non-space characters (bounded, so adversarial input stays linear).
_NEXT_TOKENS = re.compile(r"\s{0,200}(\S{1,64})")
_WORD_EDGE = _OPENERS + _CLOSERS + _TERMINATORS + ",،;؛:*_-–—"
_DOTTED = re.compile(r"(?:[^\W\d_]\.){1,8}[^\W\d_]")
_NUMBER = re.compile(r"[\d٠-٩۰-۹][\d٠-٩۰-۹.,٫٬]*")
_INITIAL = re.compile(r"[A-Z]\.")
# A quotation signed with a dash and a name (and a short description after a comma) right after
# its closing mark ('... shame.” ― Jane Roe, 52 “Next ...'): group 1 is the signature.
_SIGNATURE = re.compile(
    r"[”\"»’]\s*([―—]\s*[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3}(?:,[^“\"«\r\n]{0,60})?)"
    r"(?=\s+[“\"«]|\s*$)"
)


def _previous_token(block: str, end: int) -> str:
    """The non-space run (at most 64 characters) ending at ``end``, opening punctuation cut."""
    start = end
    limit = max(0, end - 64)
    while start > limit and not block[start - 1].isspace():
        start -= 1
    # Closing quotes too: a stray ” often opens a quotation (”Mr. Trump ...).
    return block[start:end].lstrip(_OPENERS + _CLOSERS)


def _token_before(block: str, end: int) -> str:
    """The token before the one ending at ``end`` (used for ``2015 م.``)."""
    start = end
    limit = max(0, end - 64)
    while start > limit and not block[start - 1].isspace():
        start -= 1
    while start > 0 and block[start - 1].isspace() and end - start < 200:
        start -= 1
    return _previous_token(block, start)


def _next_words(block: str, position: int, count: int) -> list[str]:
    words: list[str] = []
    for _ in range(count):
        match = _NEXT_TOKENS.match(block, position)
        if match is None:
            break
        words.append(match.group(1))
        position = match.end()
    return words


def _bare(word: str) -> str:
    return word.strip(_WORD_EDGE)


def _is_abbreviation(token: str, rules: _Rules, next_word: str) -> bool:
    """Whether a period after ``token`` belongs to an abbreviation rather than ending a sentence."""
    key = fold_text(token).casefold()
    next_digit = next_word[:1].isdigit()
    if key in rules.before_number:
        return next_digit
    if key in rules.abbreviations or _DOTTED.fullmatch(token):
        return True
    if len(key) == 1 and key.isalpha():
        # A lone letter before a period: an initial (J. Smith) or an Arabic abbreviation
        # (د. for doctor, م. for engineer); Arabic has no one-letter words that end sentences.
        return token.isupper() or _ARABIC_LETTER.match(key) is not None
    return False


def _sentence_ends(block: str, rules: _Rules) -> list[int]:
    """Offsets in ``block`` just after each sentence end.

    A run of terminators (``. ! ? ؟ … ۔``) plus any closing quotes/brackets ends a sentence
    when whitespace or the block end follows, except when:

    * the next word starts with a lower-case letter (``"Stop!" he said``, ``etc. and``);
    * the run follows an opening bracket (``(...)`` marks an omission);
    * a single period ends an abbreviation from the pack, a dotted acronym (``U.S.``, ``a.m.``)
      or a lone letter (an initial, ``J. Smith``; Arabic ``د.``), unless the next word is a
      capitalised sentence starter from the pack (``in the U.S. The``); ``No.``-style
      abbreviations only count before a number; ``after_number_final`` entries (``2015 م.``)
      end a sentence when they follow a number;
    * after a closing quote, one of the next ``quote_continuation_window`` words is a
      reporting verb from the pack (``«...؟» قال``, ``"Stop!" Smith said``).

    A period between two Arabic letters (``حدث.وقال``, a missing space) also ends a sentence.
    """
    ends: list[int] = []
    length = len(block)
    for match in _BOUNDARY.finditer(block):
        term_start = match.start(1)
        end = match.end()
        terminators = match.group(1)
        if term_start > 0 and block[term_start - 1] in "([":
            continue
        if end < length and not block[end].isspace():
            # No space after: a decimal, a URL, U.S ... but a missing space between two
            # Arabic words is a sentence end.
            if (
                terminators in ".؟!"
                and not match.group(2)
                and term_start > 0
                and _ARABIC_LETTER.match(block[term_start - 1])
                and _ARABIC_LETTER.match(block[end])
            ):
                token = _previous_token(block, term_start)
                if not _is_abbreviation(token, rules, block[end]):
                    ends.append(end)
            continue
        if end >= length:
            ends.append(end)
            continue
        words = _next_words(block, end, max(1, rules.quote_window))
        if not words:
            ends.append(end)
            continue
        first = words[0].lstrip(_OPENERS)
        if first[:1].islower():
            continue
        if match.group(2) and any(
            _bare(fold_text(word)).casefold() in rules.quote_continuations for word in words
        ):
            continue
        if terminators == "." and not match.group(2):
            token = _previous_token(block, term_start)
            if token and _is_abbreviation(token, rules, first):
                starter = (
                    _bare(first).casefold() in rules.sentence_starters
                    and not _INITIAL.match(first)
                )
                final = (
                    fold_text(token).casefold() in rules.after_number_final
                    and _NUMBER.fullmatch(_token_before(block, term_start)) is not None
                )
                if not (starter or final):
                    continue
        ends.append(end)
    return _signed(block, ends)


def _signed(block: str, ends: list[int]) -> list[int]:
    """``ends`` with signed quotations kept whole: no end between a closing quote and the dash
    of its signature ('shame.” ― Jane Roe'), and an end after the signature when the next
    quotation follows on the same line ('― Jane Roe “Next ...'). Linear in the block."""
    quotes: list[int] = []  # each signature: its closing quote ...
    dashes: list[int] = []  # ... and its dash
    extra: list[int] = []
    last = len(block.rstrip())
    for match in _SIGNATURE.finditer(block):
        words = match.group(1)[1:].split(",")[0].split()
        if not words or not all(word[:1].isupper() for word in words):
            continue  # "“no” — Smith disagreed": prose, not a signature
        quotes.append(match.start())
        dashes.append(match.start(1))
        if match.end() < last:
            extra.append(match.end())
    if not quotes:
        return ends

    def inside(end: int) -> bool:
        index = bisect_left(quotes, end) - 1  # the last signature whose quote is before ``end``
        return index >= 0 and end <= dashes[index]

    return sorted({e for e in ends if not inside(e)} | set(extra))


# ---------------------------------------------------------------------------------------------
# Public segmentation


def _trimmed(text: str, masked: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)``: whitespace and masked blanks in front, whitespace behind."""
    while start < end and (masked[start] in _TRIM or text[start] in _TRIM):
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def segment(text: str, *, pack: LanguagePack, markdown: bool = False) -> list[Sentence]:
    """Split ``text`` into sentences whose offsets index ``text`` exactly.

    ``text[s.start:s.end] == s.text`` for every sentence; ``s.prose`` is the same span of
    :func:`mask_markdown` (equal to ``s.text`` when ``markdown`` is false). Sentences with no
    letters are dropped. See the module docstring for the block and sentence rules.
    """
    spans = _split_lines(text)
    if markdown:
        masked, kinds = _analyse_markdown(text)
    else:
        masked = text
        kinds = _plain_kinds([text[start:end] for start, end in spans])
    _break_after_titles([masked[start:end] for start, end in spans], kinds)
    rules = _rules(pack)
    sentences: list[Sentence] = []
    for block_start, block_end in _blocks(spans, kinds):
        block = masked[block_start:block_end]
        previous = 0
        for end in [*_sentence_ends(block, rules), len(block)]:
            if end <= previous:
                continue
            start, stop = _trimmed(text, masked, block_start + previous, block_start + end)
            previous = end
            if start >= stop:
                continue
            prose = masked[start:stop]
            if _LETTER.search(prose) is None:
                continue
            sentences.append(Sentence(start=start, end=stop, text=text[start:stop], prose=prose))
    return sentences


_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")


def paragraph_starts(text: str, sentences: list[Sentence]) -> list[bool]:
    """Whether each sentence opens a paragraph of ``text``: a blank line comes before it, or,
    in a text that never leaves a blank line between sentences, a line break does (wire copy
    often puts each paragraph on one line)."""
    gaps = [text[a.end : b.start] for a, b in pairwise(sentences)]
    blank = [_BLANK_LINE.search(gap) is not None for gap in gaps]
    opens = blank if any(blank) else [_LINE_BREAK.search(gap) is not None for gap in gaps]
    return [True, *opens][: len(sentences)]


class LineIndex:
    """Maps character offsets to 1-based (line, column); CRLF, CR and LF all end a line."""

    def __init__(self, text: str) -> None:
        self._length = len(text)
        self._starts = [0, *(match.end() for match in _LINE_BREAK.finditer(text))]

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of ``offset`` (column counts code points).

        ``offset`` may equal the text length (the position after the last character).
        """
        if not 0 <= offset <= self._length:
            raise ValueError(f"offset {offset} is outside the text (length {self._length})")
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

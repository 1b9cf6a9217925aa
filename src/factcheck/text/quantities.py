"""Quantities: numbers, number words, scales, percentages, years and dates, with qualifiers.

Extraction runs a linear token scan over folded text using the ``[quantities]`` pack data;
comparison treats every quantity as an interval so claims and evidence can be checked.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any, NamedTuple

from factcheck.lang import LanguagePack, available_languages, get_pack
from factcheck.models import Qualifier, Quantity
from factcheck.text.normalise import fold, fold_text

# Runs of digits with internal separators, runs of letters, "'s", or one other character.
# Every alternative is a plain run or a run of (separator + digits) groups, so it is linear.
_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+|'s|\S")
# Longer digit runs are identifiers or phone numbers, and would be slow to convert.
_MAX_DIGITS = 15
_MAX_PLAIN_DIGITS = 8
_YEAR_MIN, _YEAR_MAX = 1800, 2100
_QUALIFIERS: tuple[Qualifier, ...] = ("more_than", "at_least", "about", "less_than", "at_most")
# Characters that, glued to the left of a number, make it part of an identifier or a URL.
_LEFT_GLUE_REJECT = frozenset("=/_#@.:+\\&")


class _Token(NamedTuple):
    text: str
    low: str
    start: int
    end: int
    line_start: bool
    is_digits: bool
    is_word: bool


@dataclass(frozen=True)
class _Phrases:
    """Phrases (tuples of tokens) to values, with their first words for a quick reject."""

    entries: Mapping[tuple[str, ...], Any]
    firsts: frozenset[str]
    lasts: frozenset[str]
    longest: int

    def __contains__(self, key: tuple[str, ...]) -> bool:
        return key in self.entries

    def __getitem__(self, key: tuple[str, ...]) -> Any:
        return self.entries[key]


Phrases = _Phrases


@dataclass(frozen=True)
class _Lexicon:
    """The ``[quantities]`` data of one pack, tokenised and indexed."""

    numbers: Phrases
    multipliers: Mapping[str, float]
    scales: Mapping[str, float]
    plural_scales: frozenset[str]
    dual_scales: frozenset[str]
    ambiguous_alone: frozenset[str]
    article_one: frozenset[str]
    number_articles: frozenset[str]
    joiners: frozenset[str]
    clitics: tuple[str, ...]
    unit_prefixes: tuple[str, ...]
    percent_words: Phrases
    qualifiers: Phrases
    qualifiers_after: Phrases
    months: Phrases
    ambiguous_months: frozenset[str]
    months_capitalised: bool
    other_calendar_months: Phrases
    year_cues: frozenset[str]
    year_followers: frozenset[str]
    year_suffixes: Phrases
    other_calendar_suffixes: Phrases
    date_year_links: Phrases
    ordinal_suffixes: frozenset[str]
    rank_words: frozenset[str]
    ordinal_words: frozenset[str]
    capitalised_labels: bool
    fraction_words: frozenset[str]
    range_words: frozenset[str]
    unit_skip: frozenset[str]
    unit_articles: frozenset[str]
    unit_stopwords: frozenset[str]
    currency_symbols: Mapping[str, str]
    suffix_scales: Mapping[str, float]
    currency_suffix_scales: Mapping[str, float]
    # Words that may begin a quantity: number words, scales, articles, months.
    starters: frozenset[str] = frozenset()


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(m.group().lower() for m in _TOKEN.finditer(fold_text(phrase)))


def _table(entries: dict[tuple[str, ...], Any]) -> _Phrases:
    return _Phrases(
        entries,
        frozenset(key[0] for key in entries),
        frozenset(key[-1] for key in entries),
        max((len(key) for key in entries), default=0),
    )


def _phrases(values: Iterable[Any], value: Any = True) -> _Phrases:
    return _table({_key(str(v)): value for v in values if _key(str(v))})


def _raw_phrases(pack: LanguagePack, key: str) -> dict[tuple[str, ...], Any]:
    return {_key(k): v for k, v in pack.mapping("quantities", key).items() if _key(k)}


def _phrase_map(raw: Mapping[str, Any]) -> _Phrases:
    return _table({_key(k): v for k, v in raw.items() if _key(k)})


def _words(values: Iterable[str]) -> frozenset[str]:
    return frozenset(fold_text(v).lower() for v in values)


@cache
def _lexicon(pack: LanguagePack) -> _Lexicon:
    section = pack.section("quantities")

    def strings(key: str) -> tuple[str, ...]:
        return pack.strings("quantities", key)

    def floats(key: str) -> dict[str, float]:
        return {k.lower(): float(v) for k, v in pack.mapping("quantities", key).items()}

    lexicon = _Lexicon(
        numbers=_table({k: float(v) for k, v in _raw_phrases(pack, "numbers").items()}),
        multipliers=floats("multipliers"),
        scales=floats("scales"),
        plural_scales=_words(strings("plural_scales")),
        dual_scales=_words(strings("dual_scales")),
        ambiguous_alone=_words(strings("ambiguous_alone")),
        article_one=_words(strings("article_one")),
        number_articles=_words(strings("number_articles")),
        joiners=_words(strings("joiners")),
        clitics=tuple(sorted(_words(strings("clitics")), key=len, reverse=True)),
        unit_prefixes=tuple(sorted(_words(strings("unit_prefixes")), key=len, reverse=True)),
        percent_words=_phrases(strings("percent_words")),
        qualifiers=_phrase_map(pack.mapping("quantities", "qualifiers")),
        qualifiers_after=_phrase_map(pack.mapping("quantities", "qualifiers_after")),
        months=_table({k: int(v) for k, v in _raw_phrases(pack, "months").items()}),
        ambiguous_months=_words(strings("ambiguous_months")),
        months_capitalised=bool(section.get("months_capitalised", False)),
        other_calendar_months=_phrases(strings("other_calendar_months")),
        year_cues=_words(strings("year_cues")),
        year_followers=_words(strings("year_followers")),
        year_suffixes=_phrases(strings("year_suffixes")),
        other_calendar_suffixes=_phrases(strings("other_calendar_year_suffixes")),
        date_year_links=_phrases(strings("date_year_links")),
        ordinal_suffixes=_words(strings("ordinal_suffixes")),
        rank_words=_words(strings("rank_words")),
        ordinal_words=_words(strings("ordinal_words")),
        capitalised_labels=bool(section.get("capitalised_labels", False)),
        fraction_words=_words(strings("fraction_words")),
        range_words=_words(strings("range_words")),
        unit_skip=_words(strings("unit_skip")),
        unit_articles=_words(strings("unit_articles")),
        unit_stopwords=_words(strings("unit_stopwords")),
        currency_symbols={
            k: fold_text(str(v)).lower()
            for k, v in pack.mapping("quantities", "currency_symbols").items()
        },
        suffix_scales=floats("suffix_scales"),
        currency_suffix_scales=floats("currency_suffix_scales"),
    )
    return replace(lexicon, starters=_starters(lexicon))


def _starters(lex: _Lexicon) -> frozenset[str]:
    return frozenset(
        set(lex.numbers.firsts)
        | set(lex.multipliers)
        | set(lex.scales)
        | set(lex.article_one)
        | set(lex.months.firsts)
        | set(lex.other_calendar_months.firsts)
    )


def _tokenise(folded: str) -> list[_Token]:
    tokens: list[_Token] = []
    previous_end = 0
    for match in _TOKEN.finditer(folded):
        start, end = match.span()
        text = match.group()
        line_start = not tokens or "\n" in folded[previous_end:start]
        first = text[0]
        tokens.append(
            _Token(text, text.lower(), start, end, line_start, first.isdigit(), first.isalpha())
        )
        previous_end = end
    return tokens


@dataclass
class _Found:
    """A quantity found in token terms, before mapping to original offsets."""

    kind: str
    value: float
    start: int  # folded offsets
    end: int
    unit: str | None = None
    qualifier: Qualifier | None = None
    month: int | None = None
    day: int | None = None


class _Scanner:
    """One left-to-right pass over the tokens of a text."""

    def __init__(self, tokens: list[_Token], lex: _Lexicon) -> None:
        self.tokens = tokens
        self.lex = lex
        self.n = len(tokens)
        self.bare: dict[int, tuple[tuple[int, str], ...]] = {}
        # Lookups repeat as the phrase and unit rules look at the same tokens: remember them.
        self.memo: dict[tuple[int, int, bool], tuple[Any, int, int]] = {}

    # ---- small helpers -------------------------------------------------------------------
    def bare_forms(self, k: int) -> tuple[tuple[int, str], ...]:
        """The forms of word token ``k`` without a leading clitic: (clitic length, rest)."""
        forms = self.bare.get(k)
        if forms is None:
            low = self.tokens[k].low
            forms = tuple(
                (len(p), low[len(p) :])
                for p in self.lex.clitics
                if low.startswith(p) and len(low) > len(p) + 1
            )
            self.bare[k] = forms
        return forms

    def adjacent(self, k: int) -> bool:
        """Token ``k`` touches token ``k - 1`` (no space between)."""
        return 0 < k < self.n and self.tokens[k - 1].end == self.tokens[k].start

    def phrase(self, k: int, table: Phrases, *, clitic: bool = False) -> tuple[Any, int, int]:
        """Longest phrase of ``table`` starting at ``k``: (value, tokens used, clitic length)."""
        if k >= self.n:
            return None, 0, 0
        key = (k, id(table), clitic)
        cached = self.memo.get(key)
        if cached is None:
            cached = self.memo[key] = self._phrase(k, table, clitic)
        return cached

    def _phrase(self, k: int, table: Phrases, clitic: bool) -> tuple[Any, int, int]:
        first = self.tokens[k].low
        cut = 0
        if first not in table.firsts:
            if not clitic:
                return None, 0, 0
            cut = next((c for c, bare in self.bare_forms(k) if bare in table.firsts), 0)
            if not cut:
                return None, 0, 0
            first = first[cut:]
        if table.longest == 1:
            value = table.entries.get((first,))
            return (None, 0, 0) if value is None else (value, 1, cut)
        for length in range(min(table.longest, self.n - k), 0, -1):
            words = (first, *[t.low for t in self.tokens[k + 1 : k + length]])
            value = table.entries.get(words)
            if value is not None:
                return value, length, cut
        return None, 0, 0

    def phrase_before(self, k: int, table: Phrases) -> tuple[Any, int]:
        """Longest phrase of ``table`` ending just before token ``k``: (value, first token)."""
        if k == 0 or self.tokens[k - 1].low not in table.lasts:
            return None, k
        for length in range(min(table.longest, k), 0, -1):
            words = tuple(t.low for t in self.tokens[k - length : k])
            if words in table:
                return table[words], k - length
            for _, bare in self.bare_forms(k - length):
                stripped = (bare, *words[1:])
                if stripped in table:
                    return table[stripped], k - length
        return None, k

    def digits_value(self, k: int) -> float | None:
        """The value of a digit token, or None when its separators are not a number's."""
        text = self.tokens[k].text
        integer, _, decimals = text.partition(".")
        if "." in decimals or "," in decimals:
            return None  # 1.2.3 or 1.5,3: versions, dates, lists
        groups = integer.split(",")
        if len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
            return None
        digits = "".join(groups)
        if len(groups) == 1 and len(digits) > _MAX_PLAIN_DIGITS:
            return None  # 920004696: phone and account numbers are written without separators
        if len(digits) > _MAX_DIGITS or (len(digits) > 1 and digits[0] == "0" and not decimals):
            return None
        return float(digits + ("." + decimals if decimals else ""))

    def is_year_token(self, k: int) -> bool:
        text = self.tokens[k].text
        return len(text) == 4 and text.isdigit() and _YEAR_MIN <= int(text) <= _YEAR_MAX

    # ---- the scan ------------------------------------------------------------------------
    def scan(self) -> list[_Found]:
        found: list[_Found] = []
        k = 0
        starters = self.lex.starters
        while k < self.n:
            token = self.tokens[k]
            # Most tokens cannot start a quantity: skip them without the full parse.
            if not token.is_digits and not (
                token.is_word
                and (
                    token.low in starters
                    or any(bare in starters for _, bare in self.bare_forms(k))
                )
            ):
                k += 1
                continue
            result = self.parse_at(k)
            if result is None:
                k += 1
                continue
            item, k = result
            if item is not None:
                found.append(item)
        return found

    def parse_at(self, k: int) -> tuple[_Found | None, int] | None:
        token = self.tokens[k]
        if token.is_digits:
            if not self.left_ok(k):
                return None, self.skip_chain(k)
            right = self.right_glue(k)
            if right == "reject":
                return None, self.skip_chain(k)
            date = self.date_from_day(k)
            if date is not None:
                return date
        if token.is_word:
            date = self.date_from_month(k)
            if date is not None:
                return date
        return self.number_at(k)

    def left_ok(self, k: int) -> bool:
        """False when the number at ``k`` is glued to an identifier, URL, phone or heading."""
        if (
            self.tokens[k].line_start
            and k + 2 < self.n
            and self.tokens[k + 1].text in (".", ")")
            and self.adjacent(k + 1)
            and not self.adjacent(k + 2)
        ):
            return False  # "1. item" list markers
        if k == 0:
            return True
        before = self.tokens[k - 1]
        if before.text == "#":
            return False  # "#3" tags and Markdown heading numbers
        if before.low in self.lex.ordinal_words:
            return False  # «الحادية عشرة»: part of an ordinal
        rank = self.tokens[k - 2] if before.text in (".", "(") and k > 1 else before
        if rank.low in self.lex.rank_words:
            return False  # "No. 1", «رقم 9200»: ranks and identifiers, not amounts
        if self.lex.capitalised_labels and self.is_label(k - 1) and not self.is_year_token(k):
            return False  # "Question 1", "Act 10": names, not amounts
        if not self.adjacent(k):
            return True
        if before.is_word:
            return before.low in self.lex.clitics or before.low in self.lex.number_articles or (
                any(before.low == c + a for c in self.lex.clitics for a in self.lex.number_articles)
            )
        if before.text in _LEFT_GLUE_REJECT or before.is_digits:
            return False
        # F-16, COVID-19: a dash glued to a word before the number.
        glued_dash = before.text == "-" and self.adjacent(k - 1)
        return not (glued_dash and not self.tokens[k - 2].is_digits)

    def is_label(self, k: int) -> bool:
        """Token ``k`` is a capitalised word inside a sentence ("Question" in "Question 1")."""
        token = self.tokens[k]
        if not token.is_word or not token.text[0].isupper() or token.line_start or k == 0:
            return False
        if self.tokens[k - 1].text in (".", "!", "?", ":", '"', "(") and len(token.text) > 2:
            return False  # sentence start: "About 80%"
        lex = self.lex
        words = (token.low,)
        return not (
            words in lex.qualifiers or words in lex.months or words in lex.numbers
            or token.low in lex.scales or token.low in lex.year_cues
        )

    def right_glue(self, k: int) -> str:
        """What is glued to the right of the digit token ``k``: ``reject`` or ``ok``."""
        slash_after = k + 2 < self.n and self.tokens[k + 1].text == "/"
        slash_before = k >= 2 and self.tokens[k - 1].text == "/"
        if (slash_after and self.tokens[k + 2].is_digits) or (
            slash_before and self.tokens[k - 2].is_digits
        ):
            return "reject"  # 22 / 8 / 2015 written with spaces
        if not self.adjacent(k + 1):
            return "ok"
        after = self.tokens[k + 1]
        if after.text == "(" and self.adjacent(k + 2) and self.tokens[k + 2].is_word:
            return "reject"  # 401(k)
        if after.text in (":", "/") and self.adjacent(k + 2) and self.tokens[k + 2].is_digits:
            return "reject"  # 10:30, 12/03
        if after.text == "-" and self.adjacent(k + 2) and self.tokens[k + 2].is_digits:
            # Year ranges (2019-2020) are kept; other digit-dash-digit runs are phones or ranges.
            return "ok" if self.is_year_token(k) and self.is_year_token(k + 2) else "reject"
        if after.is_word:
            low = after.low
            lex = self.lex
            if low in lex.suffix_scales or low in lex.currency_suffix_scales:
                return "ok"
            if (low,) in lex.year_suffixes or (low,) in lex.other_calendar_suffixes:
                return "ok"
            if low in lex.ordinal_suffixes and self.month_at(k + 2)[0] is not None:
                return "ok"  # 12th March
            return "reject"  # 1st, 1990s, 3D, ABC17
        return "ok"

    def skip_chain(self, k: int) -> int:
        """Skip a run of glued digit/separator tokens (phone numbers, times, dates with slashes)."""
        k += 1
        while k < self.n and self.adjacent(k):
            k += 1
        # A scale word after a rejected number belongs to it («45ر2 مليون»).
        if k < self.n and (self.tokens[k].low in self.lex.scales):
            k += 1
        return k

    # ---- dates ---------------------------------------------------------------------------
    def month_at(self, k: int) -> tuple[int | None, int]:
        """Month number and token count of a month name at ``k``."""
        if k >= self.n or not self.tokens[k].is_word:
            return None, 0
        value, length, _ = self.phrase(k, self.lex.months)
        if value is None:
            return None, 0
        if self.lex.months_capitalised and not self.tokens[k].text[0].isupper():
            return None, 0
        # «يونيو حزيران»: news agencies give both names of the month; read them as one.
        again, extra, _ = self.phrase(k + length, self.lex.months)
        if again == value:
            length += extra
        return int(value), length

    def year_after(self, k: int, *, allow_link: bool) -> tuple[int | None, int]:
        """A year at ``k`` (after an optional comma or link words): (year, index after it)."""
        j = k
        if j < self.n and self.tokens[j].text == ",":
            j += 1
        elif allow_link:
            _, length, _ = self.phrase(j, self.lex.date_year_links)
            j += length
        if j < self.n and self.tokens[j].is_digits and len(self.tokens[j].text) == 4:
            text = self.tokens[j].text
            if text.isdigit() and 1000 <= int(text) <= 2999 and self.right_glue(j) == "ok":
                if self.adjacent(j + 1) and self.tokens[j + 1].text == "-":
                    return None, k
                return int(text), self.after_year_suffix(j + 1)
        return None, k

    def after_year_suffix(self, k: int) -> int:
        _, length, _ = self.phrase(k, self.lex.year_suffixes)
        return k + length

    def small_day(self, k: int) -> int | None:
        if k >= self.n or not self.tokens[k].is_digits:
            return None
        text = self.tokens[k].text
        if not text.isdigit() or len(text) > 2 or not 1 <= int(text) <= 31:
            return None
        return int(text)

    def date_from_day(self, k: int) -> tuple[_Found | None, int] | None:
        """``12 March 2024``, ``11 اغسطس 2015 م``, ``26 شوال 1436 هـ`` (consumed, not reported)."""
        day = self.small_day(k)
        if day is None:
            return None
        j = k + 1
        if j < self.n and self.adjacent(j) and self.tokens[j].low in self.lex.ordinal_suffixes:
            j += 1
        if (
            j + 2 < self.n
            and self.tokens[j].low in self.lex.range_words
            and self.small_day(j + 1) is not None
            and (self.month_at(j + 2)[0] or self.phrase(j + 2, self.lex.other_calendar_months)[1])
        ):
            j += 2  # "15 to 19 December", «من 17 - 23 شوال»: the range's first day
        if j < self.n and self.tokens[j].low in self.lex.unit_skip and self.month_at(j + 1)[0]:
            j += 1
        _, other, _ = self.phrase(j, self.lex.other_calendar_months)
        if other:
            return None, self.skip_other_calendar_year(j + other)
        month, length = self.month_at(j)
        if month is None:
            return None
        year, end = self.year_after(j + length, allow_link=True)
        return self.date(k, end, month, day, year), end

    def skip_other_calendar_year(self, k: int) -> int:
        if k < self.n and self.tokens[k].is_digits and len(self.tokens[k].text) <= 4:
            _, length, _ = self.phrase(k + 1, self.lex.other_calendar_suffixes)
            return k + 1 + length
        return k

    def date_from_month(self, k: int) -> tuple[_Found | None, int] | None:
        """``June 2024``, ``June 12, 2024``, ``سبتمبر 2023م``, ``كانون الثاني``; Hijri skipped."""
        _, other, _ = self.phrase(k, self.lex.other_calendar_months)
        if other:
            end = self.skip_other_calendar_year(k + other)
            return (None, end) if end > k + other else None
        month, length = self.month_at(k)
        if month is None:
            return None
        j = k + length
        day = None
        if j < self.n and self.tokens[j].text == "." and len(self.tokens[k].low) <= 4:
            j += 1  # "Sept. 12"
        if (
            self.small_day(j) is not None
            and self.right_glue(j) == "ok"
            and self.number_at(j) is not None
            and self.number_at(j)[1] == j + 1  # type: ignore[index]
        ):
            day = self.small_day(j)
            j += 1
        else:
            j = k + length
        year, end = self.year_after(j, allow_link=day is None)
        if day is None and year is None:
            end = k + length
            paired = length > 1 and (self.tokens[k].low,) in self.lex.months
            if (self.tokens[k].low in self.lex.ambiguous_months and not paired) or (
                length == 1 and self.tokens[k].low in self.lex.clitics
            ):
                return None
        elif year is None:
            end = j
        return self.date(k, end, month, day, year), end

    def date(self, k: int, end: int, month: int, day: int | None, year: int | None) -> _Found:
        return _Found(
            "date", float(year or 0), self.tokens[k].start, self.tokens[end - 1].end,
            month=month, day=day,
        )

    # ---- numbers -------------------------------------------------------------------------
    def element(self, k: int, *, first: bool) -> tuple[str, float, int, int, bool] | None:
        """A number element at ``k``: (kind, value, next index, clitic length, joined by و)."""
        token = self.tokens[k]
        lex = self.lex
        if token.is_digits:
            value = self.digits_value(k)
            return None if value is None else ("digits", value, k + 1, 0, False)
        if not token.is_word:
            return None
        value, length, clitic = self.phrase(k, lex.numbers, clitic=True)
        joined = clitic > 0 and token.low[:clitic] in lex.joiners
        if value is not None and clitic and length == 1 and len(token.low) - clitic <= 3:
            return None  # «وست بروميتش»: too short to trust once a clitic is stripped
        if value is not None:
            alone = length == 1 and token.low[clitic:] in lex.ambiguous_alone
            kind = "ambiguous" if alone else "word"
            return kind, float(value), k + length, clitic, joined
        for word, is_joined, cut in self.word_forms(k):
            if word in lex.multipliers:
                kind = "plural_mult" if word in lex.plural_scales else "mult"
                return kind, lex.multipliers[word], k + 1, cut, is_joined
            if word in lex.scales:
                if word in lex.plural_scales:
                    kind = "plural_scale"
                elif word in lex.dual_scales:
                    kind = "dual_scale"
                else:
                    kind = "scale"
                return kind, lex.scales[word], k + 1, cut, is_joined
            if first and word in lex.article_one:
                return "article", 1.0, k + 1, cut, False
        return None

    def word_forms(self, k: int) -> Iterable[tuple[str, bool, int]]:
        yield self.tokens[k].low, False, 0
        for cut, bare in self.bare_forms(k):
            yield bare, self.tokens[k].low[:cut] in self.lex.joiners, cut

    def number_at(self, k: int) -> tuple[_Found | None, int] | None:
        lex = self.lex
        first = self.element(k, first=True)
        if first is None:
            return None
        kind, value, j, clitic, _ = first
        if kind != "digits" and k > 0 and self.tokens[k - 1].low in lex.ordinal_words:
            return None  # «الحادية عشرة»: the eleventh
        if self.split_by_letter(k, j):
            skip_scale = j < self.n and self.tokens[j].low in lex.scales
            return None, j + 1 if skip_scale else j
        if kind in ("plural_scale", "plural_mult"):
            return None  # «آلاف الجنود», "thousands of": vague
        start = self.tokens[k].start + clitic
        total = 0.0
        current: float | None = None
        last_scale = math.inf
        previous = kind
        single_token = True
        currency = self.currency_before(k)
        # «(300) ألف ريال»: a number in brackets still takes the scale and unit after them.
        paren = k > 0 and self.tokens[k - 1].text == "("
        if kind == "digits":
            current = value
            glued = self.tokens[j].low if self.adjacent(j) and self.tokens[j].is_word else None
            if glued is not None and glued in lex.suffix_scales:
                total, current, last_scale, previous = value * lex.suffix_scales[glued], None, (
                    lex.suffix_scales[glued]), "scale"
                j += 1
            elif glued is not None and currency and glued in lex.currency_suffix_scales:
                scale = lex.currency_suffix_scales[glued]
                total, current, last_scale, previous = value * scale, None, scale, "scale"
                j += 1
        elif kind in ("scale", "dual_scale"):
            total, last_scale = value * (2 if kind == "dual_scale" else 1), value
        elif kind == "mult":
            current = value
        else:  # word, ambiguous, article
            current = value
        # Extend the phrase element by element; each step consumes a token, so it is linear.
        while j < self.n:
            if paren and self.tokens[j].text == ")":
                start, j, paren = self.tokens[k - 1].start, j + 1, False
                continue
            separate_joiner = self.tokens[j].low in lex.joiners and not self.adjacent(j)
            dash = self.tokens[j].text == "-" and self.adjacent(j) and self.adjacent(j + 1)
            joiner = 1 if separate_joiner or dash else 0
            if j + joiner >= self.n:
                break
            nxt = self.element(j + joiner, first=False)
            if nxt is None:
                break
            n_kind, n_value, n_end, n_clitic, n_joined = nxt
            hyphen = joiner == 1 and self.tokens[j].text == "-"
            joined = (joiner == 1 and not hyphen) or n_joined
            if n_clitic and not n_joined:
                break
            if not self.continues(previous, current, last_scale, n_kind, n_value, joined, hyphen):
                break
            if n_kind in ("scale", "plural_scale", "dual_scale"):
                total += (current if current is not None else 1.0) * n_value
                current, last_scale = None, n_value
            elif n_kind in ("mult", "plural_mult"):
                current = (current if current is not None else 1.0) * n_value
            else:
                current = (current or 0.0) + n_value
            previous = n_kind
            single_token = False
            j = n_end
        if previous == "article" or (kind == "ambiguous" and single_token):
            return None
        if kind != "digits" and k > 1 and self.tokens[k - 1].text == "-" and self.adjacent(k):
            return None, j  # "half-a-dozen": part of a compound we do not read
        if k > 0 and self.tokens[k - 1].low in lex.fraction_words:
            return None, j  # "half a million": a fraction of the number we would read
        after = j + 1 if j < self.n and self.tokens[j].text == "-" and self.adjacent(j) else j
        if after < self.n and self.tokens[after].low in lex.fraction_words:
            return None, after + 1  # "two-thirds" is a fraction, not a count
        value = total + (current or 0.0)
        end = self.tokens[j - 1].end
        is_plain_digits = kind == "digits" and single_token and total == 0.0
        return self.finish(k, j, start, end, value, is_plain_digits, currency)

    def continues(
        self,
        previous: str,
        current: float | None,
        last_scale: float,
        kind: str,
        value: float,
        joined: bool,
        hyphen: bool,
    ) -> bool:
        """Whether a number element may extend the phrase built so far."""
        after_big = previous in ("scale", "dual_scale", "plural_scale", "mult", "plural_mult")
        if kind in ("scale", "plural_scale", "dual_scale"):
            if joined or value >= last_scale or previous in ("scale", "dual_scale", "plural_scale"):
                return False
            return kind != "plural_scale" or current is not None
        if kind in ("mult", "plural_mult"):
            return not joined and current is not None and current < value and not after_big
        if kind == "digits":
            # «مليون و500 ألف»: digits continue only after a scale word and a joiner.
            after_scale = previous in ("scale", "dual_scale", "plural_scale")
            return joined and after_scale and value < last_scale
        if kind == "article":
            return False
        # number words
        if after_big:
            bound = last_scale if previous in ("scale", "dual_scale", "plural_scale") else 100.0
            return value < bound
        if current is None:
            return False
        units = current % 10 == 0 and 20 <= current < 100
        if units and 1 <= value <= 9 and not joined:
            return True  # twenty five / twenty-five
        # ثمانية وثلاثين: units, then tens joined by و.
        return 1 <= current <= 9 and value % 10 == 0 and 20 <= value < 100 and joined and not hyphen

    def split_by_letter(self, k: int, j: int) -> bool:
        """Digits split by a lone letter («6 ر 12»): a local decimal notation we do not read."""
        if not self.tokens[k].is_digits:
            return False
        lone_after = j + 1 < self.n and len(self.tokens[j].low) == 1 and self.tokens[j].is_word
        joiner = self.tokens[j].low in self.lex.joiners if lone_after else True
        if lone_after and self.tokens[j + 1].is_digits and not joiner:
            return True
        lone_before = k > 1 and len(self.tokens[k - 1].low) == 1 and self.tokens[k - 1].is_word
        return (
            lone_before
            and self.tokens[k - 2].is_digits
            and self.tokens[k - 1].low not in self.lex.joiners
            and self.tokens[k - 1].low not in self.lex.clitics
        )

    def currency_before(self, k: int) -> str | None:
        if k > 0 and self.adjacent(k):
            return self.lex.currency_symbols.get(self.tokens[k - 1].text)
        return None

    def finish(
        self,
        k: int,
        j: int,
        start: int,
        end: int,
        value: float,
        plain_digits: bool,
        currency: str | None,
    ) -> tuple[_Found | None, int]:
        """Percent sign, year or count, qualifier before and after, and unit."""
        lex = self.lex
        qualifier, q_start = self.qualifier_before(k)
        if qualifier is not None:
            start = min(start, self.tokens[q_start].start)
        if currency is not None:
            start = self.tokens[k - 1].start
        # Percent: "%" glued or spaced, or a percent phrase.
        if j < self.n and self.tokens[j].text == "%":
            end, j = self.tokens[j].end, j + 1
            return self.counted("percent", value, start, end, j, qualifier)
        _, length, _ = self.phrase(j, lex.percent_words)
        if length:
            end, j = self.tokens[j + length - 1].end, j + length
            return self.counted("percent", value, start, end, j, qualifier)
        if (
            j + 2 < self.n
            and not (plain_digits and self.is_year_token(k))
            and self.tokens[j].low in lex.range_words
            and self.tokens[j + 1].is_digits
            and (self.tokens[j + 2].text == "%" or self.phrase(j + 2, lex.percent_words)[1])
        ):
            return _Found("percent", value, start, end, qualifier=qualifier), j  # 12 to 13%
        if plain_digits:
            _, other, _ = self.phrase(j, lex.other_calendar_suffixes)
            if other:
                return None, j + other  # «1436 هـ»: a Hijri year, not comparable with others
        if plain_digits and self.is_year_token(k):
            year_or_skip = self.year(k, j, qualifier)
            if year_or_skip is not None:
                return year_or_skip
        return self.counted("count", value, start, end, j, qualifier, currency=currency)

    def year(self, k: int, j: int, qualifier: Qualifier | None) -> tuple[_Found | None, int] | None:
        """A four-digit number as a year, or None when it reads as a count."""
        lex = self.lex
        _, suffix, _ = self.phrase(j, lex.year_suffixes)
        token = self.tokens[k]
        if suffix:
            end = self.tokens[j + suffix - 1].end
            return _Found("year", float(token.text), token.start, end), j + suffix
        if qualifier is not None:
            return None
        before = self.tokens[k - 1].low if k > 0 else ""
        if k > 0 and self.tokens[k - 1].is_word and self.adjacent(k):
            before = self.tokens[k - 2].low if k > 1 else ""  # «ال2015», «و2015»
        nxt = self.tokens[j] if j < self.n else None
        cued = before in lex.year_cues or (k > 0 and self.tokens[k - 1].low in lex.year_cues)
        if k > 1 and self.tokens[k - 1].low in lex.range_words:
            cued = cued or self.is_year_token(k - 2)  # "2012 و2014", "between 2000 and 2006"
        if k > 1 and self.adjacent(k) and self.tokens[k - 1].low in lex.joiners:
            cued = cued or self.is_year_token(k - 2)
        # Without a cue, a four-digit number followed by a noun is a count ("2000 جندي").
        if (
            not cued
            and nxt is not None
            and nxt.is_word
            and nxt.low not in lex.year_followers
            and (nxt.low in lex.scales or nxt.low in lex.multipliers or self.unit_at(j)[0])
        ):
            return None
        return _Found("year", float(token.text), token.start, token.end), j

    def qualifier_before(self, k: int) -> tuple[Qualifier | None, int]:
        lex = self.lex
        i = k
        if i > 0 and self.adjacent(i) and self.tokens[i - 1].is_word:
            i -= 1  # a glued clitic or article: «ب80», «ال80»
        if i > 0 and self.tokens[i - 1].text == "(":
            i -= 1
        if i > 0 and self.tokens[i - 1].low in lex.number_articles:
            i -= 1  # «قرابة الـ 80%»
        value, first = self.phrase_before(i, lex.qualifiers)
        if value in _QUALIFIERS:
            return value, first
        return None, k

    def unit_at(self, j: int, *, after_of: bool = False) -> tuple[str | None, int]:
        """The head noun of the quantity ending before token ``j``: (unit, index after it).

        With ``after_of`` (percentages) only a noun after "of"/«من» counts: "80% of voters".
        """
        lex = self.lex
        if j < self.n and self.tokens[j].low in lex.unit_skip and j + 1 < self.n:
            j_word = j + 1
            if self.tokens[j_word].low in lex.unit_articles and j_word + 1 < self.n:
                j_word += 1  # "80% of the victims"
        elif after_of:
            return None, j
        else:
            j_word = j
        if j_word >= self.n or not self.tokens[j_word].is_word:
            return None, j
        token = self.tokens[j_word]
        low = token.low
        if (
            low in lex.unit_stopwords
            or self.month_at(j_word)[0] is not None
            or self.element(j_word, first=False) is not None
            or self.phrase(j_word, lex.qualifiers_after)[0] is not None
            or (low,) in lex.year_suffixes
            or len(low) < 2
        ):
            return None, j
        # Compounds: "private-sector jobs" -> look past the hyphens.
        steps = 0
        while (
            steps < 3
            and j_word + 2 < self.n
            and self.tokens[j_word + 1].text == "-"
            and self.adjacent(j_word + 1)
            and self.adjacent(j_word + 2)
            and self.tokens[j_word + 2].is_word
        ):
            j_word, low, steps = j_word + 2, self.tokens[j_word + 2].low, steps + 1
        # English puts adjectives before the head: "new government jobs" -> "jobs".
        if not lex.clitics and not low.endswith("s"):
            for ahead in range(j_word + 1, min(j_word + 3, self.n)):
                following = self.tokens[ahead]
                if not following.is_word or not following.text.islower():
                    break
                if following.low in lex.unit_stopwords:
                    break
                if following.low.endswith("s") and len(following.low) > 3:
                    j_word, low = ahead, following.low
                    break
        for prefix in lex.unit_prefixes:
            if low.startswith(prefix) and len(low) - len(prefix) >= 2:
                low = low[len(prefix) :]
                break
        return low, j_word + 1

    def counted(
        self,
        kind: str,
        value: float,
        start: int,
        end: int,
        j: int,
        qualifier: Qualifier | None,
        *,
        currency: str | None = None,
    ) -> tuple[_Found, int]:
        lex = self.lex
        after, length, _ = self.phrase(j, lex.qualifiers_after, clitic=True)
        if after in _QUALIFIERS and length:
            qualifier = qualifier or after
            end, j = self.tokens[j + length - 1].end, j + length
        unit: str | None = currency
        if currency is None:
            unit, unit_end = self.unit_at(j, after_of=kind == "percent")
            if unit is not None:
                end, j = self.tokens[unit_end - 1].end, unit_end
                after, length, _ = self.phrase(j, lex.qualifiers_after, clitic=True)
                if after in _QUALIFIERS and length:
                    qualifier = qualifier or after
                    end, j = self.tokens[j + length - 1].end, j + length
        return _Found(kind, value, start, end, unit=unit, qualifier=qualifier), j


def extract_quantities(text: str, pack: LanguagePack) -> list[Quantity]:
    """Quantities in ``text`` with offsets into ``text``, in text order and non-overlapping.

    Finds counts (digits, number words and scale words: "8 ملايين", "a million", "1.5bn"),
    percentages, years ("2024م", "in 2023") and dates ("12 March", "سبتمبر 2023م"), each with
    the qualifier before or after it ("more than", «قرابة») and the unit noun after it.
    """
    folded = fold(text)
    found = _Scanner(_tokenise(folded.text), _lexicon(pack)).scan()
    quantities: list[Quantity] = []
    for item in found:
        start, end = folded.span(item.start, item.end)
        quantities.append(
            Quantity(
                kind=item.kind,  # type: ignore[arg-type]
                value=item.value,
                text=text[start:end],
                start=start,
                end=end,
                unit=item.unit,
                qualifier=item.qualifier,
                month=item.month,
                day=item.day,
            )
        )
    return quantities


# ---- comparison ----------------------------------------------------------------------------


@dataclass(frozen=True)
class QuantityConflict:
    """A claim quantity that contradicts the evidence quantity it was paired with."""

    claim: Quantity
    evidence: Quantity


@lru_cache(maxsize=1)
def _unit_synonyms() -> Mapping[str, str]:
    """Variant -> canonical unit, merged over every pack (comparison has no language)."""
    synonyms: dict[str, str] = {}
    for code in available_languages():
        for canonical, variants in get_pack(code).mapping("quantities", "unit_synonyms").items():
            key = canonical.lower()
            synonyms[key] = key
            for variant in variants if isinstance(variants, list) else []:
                synonyms[fold_text(str(variant)).lower()] = key
    return synonyms


_ARABIC_ARTICLE = re.compile(r"^(?:وال|بال|فال|كال|لل|ال)(?=..)")
_ARABIC_ENDING = re.compile(r"(?<=...)(?:ات|ين|ون|ه|ا)$")
_ENGLISH_PLURAL = re.compile(r"(?<=..)(?:ies|es|s)$")


def _unit_key(unit: str | None) -> str | None:
    """A light stem of a unit so singular, plural and listed synonyms compare equal."""
    if unit is None:
        return None
    word = fold_text(unit).lower()
    word = _unit_synonyms().get(word, word)
    if word.isascii():
        if word.endswith("ies"):
            return word[:-3] + "y"
        return _ENGLISH_PLURAL.sub("", word) if not word.endswith("ss") else word
    word = _ARABIC_ARTICLE.sub("", word)
    word = _unit_synonyms().get(word, word)
    return _ARABIC_ENDING.sub("", word)


def _interval(quantity: Quantity) -> tuple[float, float]:
    """The values a quantity allows: exact ±1% (±0.4 below 100), about ±10%, bounds open-ended."""
    value = float(quantity.value)
    qualifier = quantity.qualifier
    if qualifier in ("more_than", "at_least"):
        return value, math.inf
    if qualifier in ("less_than", "at_most"):
        return -math.inf, value
    if qualifier == "about":
        spread = max(abs(value) * 0.1, 0.5)
    elif value.is_integer() and abs(value) < 100:
        spread = 0.4  # neighbouring whole numbers (and whole percentages) must differ
    else:
        spread = abs(value) * 0.01
    return value - spread, value + spread


def _agree(claim: Quantity, evidence: Quantity) -> bool:
    if claim.kind == "year":
        return claim.value == evidence.value
    if claim.kind == "date":
        if claim.month is not None and evidence.month is not None and claim.month != evidence.month:
            return False
        return not (claim.value and evidence.value and claim.value != evidence.value)
    low, high = _interval(claim)
    other_low, other_high = _interval(evidence)
    return low <= other_high and other_low <= high


def _pairs(
    claim: Sequence[Quantity], evidence: Sequence[Quantity]
) -> list[tuple[Quantity, list[Quantity]]]:
    """Each claim quantity with the evidence quantities it should be compared with."""
    paired: list[tuple[Quantity, list[Quantity]]] = []
    for quantity in claim:
        same_kind = [e for e in evidence if e.kind == quantity.kind]
        if not same_kind:
            continue
        if quantity.kind in ("year", "date"):
            paired.append((quantity, same_kind))
            continue
        key = _unit_key(quantity.unit)
        by_unit = [e for e in same_kind if key is not None and _unit_key(e.unit) == key]
        if by_unit:
            paired.append((quantity, by_unit))
            continue
        claim_same = [c for c in claim if c.kind == quantity.kind]
        if len(claim_same) == 1 and len(same_kind) == 1:
            paired.append((quantity, same_kind))
    return paired


def find_conflicts(
    claim: Sequence[Quantity], evidence: Sequence[Quantity]
) -> list[QuantityConflict]:
    """Pair claim and evidence quantities of the same kind (and unit) and return contradictions.

    A claim quantity conflicts when it agrees with none of the evidence quantities it is
    paired with (counts and percentages as intervals, years exactly, dates by month and year).
    Unpaired quantities are never conflicts.
    """
    conflicts: list[QuantityConflict] = []
    for quantity, candidates in _pairs(claim, evidence):
        if not any(_agree(quantity, e) for e in candidates):
            conflicts.append(QuantityConflict(claim=quantity, evidence=candidates[0]))
    return conflicts


def find_agreements(
    claim: Sequence[Quantity], evidence: Sequence[Quantity]
) -> list[tuple[Quantity, Quantity]]:
    """The (claim, evidence) pairs, paired as in :func:`find_conflicts`, whose values agree."""
    return [
        (quantity, e)
        for quantity, candidates in _pairs(claim, evidence)
        for e in candidates
        if _agree(quantity, e)
    ]


_QUALIFIER_WORDS: dict[str, str] = {
    "more_than": "more than",
    "at_least": "at least",
    "about": "about",
    "less_than": "less than",
    "at_most": "at most",
}
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def _number(value: float) -> str:
    value = float(value)
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


# Punctuation that may cling to the unit word at the end of a quantity's text.
_DISPLAY_PUNCTUATION = ".,;:!?()[]«»\"'،؛؟"


def _written_unit(quantity: Quantity) -> str:
    """The unit as the text spells it («قذيفة», not the folded «قذيفه») when the quantity's
    text ends with it; else the folded unit."""
    words = quantity.text.split()
    last = words[-1].strip(_DISPLAY_PUNCTUATION) if words else ""
    if quantity.unit and last and fold_text(last).lower().endswith(quantity.unit):
        return last
    return quantity.unit or ""


def describe(quantity: Quantity) -> str:
    """Human-readable form, e.g. ``"more than 8,000,000 shells"`` or ``"June 2024"``."""
    if quantity.kind == "year":
        return str(int(quantity.value))
    if quantity.kind == "date":
        parts = []
        if quantity.day:
            parts.append(str(quantity.day))
        if quantity.month:
            parts.append(_MONTH_NAMES[quantity.month - 1])
        if quantity.value:
            parts.append(str(int(quantity.value)))
        return " ".join(parts)
    text = _number(quantity.value) + ("%" if quantity.kind == "percent" else "")
    if quantity.unit:
        joiner = " of " if quantity.kind == "percent" else " "
        text = f"{text}{joiner}{_written_unit(quantity)}"
    if quantity.qualifier:
        text = f"{_QUALIFIER_WORDS[quantity.qualifier]} {text}"
    return text

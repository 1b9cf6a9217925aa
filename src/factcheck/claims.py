"""Check-worthiness: is a sentence a checkable factual claim, and how check-worthy is it.

Rules are data (``[checkworthiness]`` of each language pack); this module combines them.

Scoring formula
---------------
The sentence is folded (``factcheck.text.normalise.fold`` with quotes folded) and every
category of signal is looked for; each category counts once, with the weight of its strongest
match (weights come from the pack).

* Positive categories (evidence of a checkable assertion): ``number``, ``percent``, ``date``,
  ``comparative`` (only together with a number), ``actor`` (titles, institutions, «»-quoted
  names, capitalised words inside an English sentence), ``event`` (past-tense event verbs,
  Arabic «قد» + past verb) and ``attribution:named`` / ``attribution:vague``. They are combined
  by a noisy-OR starting from the pack's ``base``::

      p = 1 - (1 - base) * prod(1 - w_pos)

* Negative categories (the sentence is not an assertion of fact): ``question``, ``opinion``,
  ``prediction``, ``hedge``, ``obligation``, ``conditional``, ``evaluative``, ``boilerplate``
  (credit lines and page furniture: "Reporting by ...", «للنشرة العربية»), ``fragment``
  (fewer than ``min_words`` words), ``heading`` (no closing punctuation) and ``lead-in`` (ends
  with a colon: it announces a list or a quotation whose content follows). Each damps the
  score::

      score = p * prod(1 - w_neg)

  A sentence at least half of whose words are a direct quotation is further damped by
  ``1 - quotation * share`` (pack weight ``quotation``, default 0): a speaker's own words are a
  view or a retort more often than a checkable statement.

  A forecast stated with figures by a named source, or with figures and a date (a scheduled
  event: "the hearing will open on 3 May"), has its ``prediction`` weight scaled by
  ``1 - forecast_relief`` (pack key; signal ``forecast:figures``). A ``hedge`` or
  ``prediction`` found after the main clause (the first comma/semicolon/dash after
  ``min_words`` words) is scaled by ``1 - subordinate_relief`` when the main clause itself states
  an event or a figure ("X closed in June, though it may reopen"). The same relief applies to
  one at most four words after a relative pronoun or embedding word (pack list
  ``embedding_words``: "the judges who will hear the case", «المنتدى الذي سيعقد») when the text
  before it states an event or a figure and no quotation mark or colon comes between them.
  Every match of a damping pattern is weighed, so a relieved forecast in a relative clause does
  not hide another in the main clause.

``actor`` and ``event`` are looked for with the attribution's source and cue blanked out: the
``attribution:*`` signal already stands for "someone said so", so a quoted opinion does not
also collect an actor (the speaker's name) and an event ("said").

With the pack key ``reported_content`` (English), an attribution counts only when what it
reports states something of its own: the content (the longer side of the source and cue:
the quotation before "..., she said Friday", the clause after "X said that") is searched for a
figure, a date or an event. When it has none ("X said the plan is a disgrace"), the
``attribution:*`` weight is dropped, and so are figures and dates found in the frame only
("said Friday"); the signal ``report:no-content`` says so. A speaker's view does not become a
claim because the speaker is named.

Both products keep ``score`` in [0, 1] by construction; ``is_claim`` is
``score >= CLAIM_THRESHOLD``.

Learned model
-------------
A pack may instead carry a logistic model learned from gold sentences by
``benchmarks/fit_checkworthiness.py`` (``[checkworthiness.model]``: ``bias`` and a
``weights`` table keyed by the names of :func:`checkworthiness_features`, i.e. the strengths of
the categories above plus general features of the sentence's form)::

    score = sigmoid(bias + sum(weight * feature))

The decision threshold chosen by cross-validation is folded into ``bias``, so ``is_claim`` is
still ``score >= CLAIM_THRESHOLD``. Without a model the hand formula scores. Neither
shipped pack carries a model at present: on the gold tuning sentences the learned models do
not beat the hand formula under nested cross-validation (see the fit script's ``--nested``).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from factcheck.lang import LanguagePack
from factcheck.models import Attribution, Checkworthiness, Quantity
from factcheck.text.normalise import FoldedText, fold, fold_text

CLAIM_THRESHOLD = 0.5
SECTION = "checkworthiness"

# Positive categories in the order their signals are reported.
_POSITIVE = ("number", "percent", "date", "comparative", "actor", "event")
# Negative categories; hedges report the phrase that matched ("hedge:may").
_NEGATIVE = (
    "question",
    "opinion",
    "prediction",
    "hedge",
    "obligation",
    "conditional",
    "evaluative",
    "boilerplate",
)
_PHRASE_TABLES = ("event", "actor", *_NEGATIVE[1:])
# Negative categories that a trailing subordinate clause may carry without undoing the
# assertion of the main clause ("X said Y, though Z may follow").
_CLAUSE_BOUND = frozenset({"prediction", "hedge"})

_DEFAULT_BASE = 0.35
_DEFAULT_WEIGHTS: Mapping[str, float] = {
    "number": 0.3,
    "percent": 0.15,
    "date": 0.25,
    "comparative": 0.1,
    "actor": 0.3,
    "attribution:named": 0.35,
    "attribution:vague": 0.15,
    "question": 0.9,
    "fragment": 0.8,
    "heading": 0.5,
    "lead-in": 0.5,
}

_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"\S+")
# Closing punctuation that makes a line a sentence rather than a heading.
_CLOSERS = frozenset(".!?؟:;\"')]…")
_SPACE_RUN = re.compile(r"\s+")
# A clause break: comma or semicolon (Latin or Arabic) or a spaced dash.
_CLAUSE_BREAK = re.compile(r"[,;،؛]\s|\s[-–—]{1,2}\s")
# Word-count buckets of the general features (inclusive bounds).
_WORD_BUCKETS = (
    ("words:1-5", 0, 5),
    ("words:6-12", 6, 12),
    ("words:13-25", 13, 25),
    ("words:26-45", 26, 45),
    ("words:46+", 46, 1 << 30),
)
_LOWER_START = re.compile(r"^\W{0,3}[^\W\d_](?<=[a-zà-ÿ])")
# A quotation mark or colon starts a clause of its own (a relative clause does not run on).
_CLAUSE_OPENER = re.compile(r'[":]')
# Words between a relative pronoun or complementiser and the forecast it embeds.
_EMBED_WINDOW = 4
# A sentence at least this share quoted is a quotation (less is a quoted phrase or a title).
_MOSTLY = 0.5
# A capital initial with its full stop ("E.", "J.").
_INITIAL = re.compile(r"[A-Z]\.")
_LIST_ITEM = re.compile(r"^(?:[-*•–]\s|\d{1,3}[.)]\s)")


@dataclass(frozen=True)
class _PhraseTable:
    """One category of phrases compiled to a single regex, with the weight of each phrase."""

    regex: re.Pattern[str] | None
    weights: Mapping[str, float]

    def matches(self, text: str) -> Iterable[re.Match[str]]:
        return self.regex.finditer(text) if self.regex is not None else ()

    def weight(self, match: re.Match[str]) -> float:
        return self.weights.get(_key(match.group("p")), 0.0)


@dataclass(frozen=True)
class _Pattern:
    """A regular expression from the pack that raises one category."""

    regex: re.Pattern[str]
    signal: str
    category: str
    weight: float


@dataclass(frozen=True)
class _Model:
    """A learned logistic model: score = sigmoid(bias + sum of weight * feature)."""

    bias: float
    weights: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class _Rules:
    """Everything ``assess_checkworthiness`` needs from one pack, compiled once."""

    base: float
    min_words: int
    weights: Mapping[str, float]
    capitalised_names: bool
    not_names: frozenset[str]
    capitalised_words: frozenset[str]
    question_marks: tuple[str, ...]
    tables: Mapping[str, _PhraseTable]
    openers: _PhraseTable
    dates: re.Pattern[str] | None
    number_words: re.Pattern[str] | None
    percent_words: re.Pattern[str] | None
    comparatives: re.Pattern[str] | None
    patterns: tuple[_Pattern, ...]
    forecast_relief: float
    subordinate_relief: float
    embedders: re.Pattern[str] | None
    first_person: re.Pattern[str] | None
    reported_content: bool
    model: _Model | None


def _key(phrase: str) -> str:
    return _SPACE_RUN.sub(" ", phrase.strip()).casefold()


def _alternation(phrases: Iterable[str]) -> str:
    """Literal phrases, longest first, with internal spaces matching a short whitespace run."""
    unique = sorted({_key(p) for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(r"\s{1,5}".join(re.escape(w) for w in p.split(" ")) for p in unique)


def _affixes(items: Sequence[str]) -> str:
    if not items:
        return ""
    return "(?:" + "|".join(re.escape(i) for i in sorted(items, key=len, reverse=True)) + ")?"


def _phrase_regex(
    phrases: Iterable[str],
    clitics: Sequence[str],
    suffixes: Sequence[str] = (),
    prefixes: Sequence[str] = (),
) -> re.Pattern[str] | None:
    body = _alternation(phrases)
    if not body:
        return None
    # Whole words only; an Arabic clitic (and for nouns an article) may be glued before, a verb
    # suffix after.
    return re.compile(
        rf"(?<![\w']){_affixes(clitics)}{_affixes(prefixes)}(?P<p>{body}){_affixes(suffixes)}"
        r"(?![\w'])",
        re.IGNORECASE,
    )


def _weights(raw: Any) -> dict[str, float]:
    if not isinstance(raw, Mapping):
        return {}
    return {_key(str(k)): float(v) for k, v in raw.items() if isinstance(v, (int, float))}


@cache
def _rules(pack: LanguagePack) -> _Rules:
    section = pack.section(SECTION)
    clitics = pack.strings(SECTION, "clitics")
    suffixes = pack.strings(SECTION, "verb_suffixes")
    prefixes = pack.strings(SECTION, "noun_prefixes")
    tables: dict[str, _PhraseTable] = {}
    for name in _PHRASE_TABLES:
        weights = _weights(pack.mapping(SECTION, name))
        regex = _phrase_regex(
            weights,
            clitics,
            suffixes if name == "event" else (),
            prefixes if name == "actor" else (),
        )
        tables[name] = _PhraseTable(regex, weights)
    opener_weights = _weights(pack.mapping(SECTION, "question_openers"))
    opener_body = _alternation(opener_weights)
    openers = _PhraseTable(
        re.compile(rf"^\W{{0,3}}{_affixes(clitics)}(?P<p>{opener_body})(?![\w'])", re.IGNORECASE)
        if opener_body
        else None,
        opener_weights,
    )
    patterns = []
    raw_patterns = section.get("patterns", [])
    for entry in raw_patterns if isinstance(raw_patterns, list) else []:
        if not isinstance(entry, Mapping) or "pattern" not in entry:
            continue
        flags = re.IGNORECASE if entry.get("ignore_case") else 0
        patterns.append(
            _Pattern(
                regex=re.compile(fold_text(str(entry["pattern"])), flags),
                signal=str(entry.get("signal", entry.get("category", "pattern"))),
                category=str(entry.get("category", "event")),
                weight=float(entry.get("weight", 0.0)),
            )
        )
    weights = dict(_DEFAULT_WEIGHTS)
    weights.update(_weights(section.get("weights", {})))
    return _Rules(
        base=float(section.get("base", _DEFAULT_BASE)),
        min_words=int(section.get("min_words", 3)),
        weights=weights,
        capitalised_names=bool(section.get("capitalised_names", False)),
        not_names=frozenset(
            _key(n)
            for key in ("not_names", "capitalised_words")
            for n in pack.strings(SECTION, key)
        ),
        capitalised_words=frozenset(_key(n) for n in pack.strings(SECTION, "capitalised_words")),
        question_marks=pack.strings(SECTION, "question_marks") or ("?", "؟"),
        tables=tables,
        openers=openers,
        # A possessive date word ("Tuesday's hearing") still dates the sentence.
        dates=_phrase_regex(pack.strings(SECTION, "date_words"), clitics, ("'s",)),
        number_words=_phrase_regex(pack.strings(SECTION, "number_words"), clitics),
        percent_words=_phrase_regex(pack.strings(SECTION, "percent_words"), clitics),
        comparatives=_phrase_regex(pack.strings(SECTION, "comparatives"), clitics),
        patterns=tuple(patterns),
        forecast_relief=min(1.0, max(0.0, float(section.get("forecast_relief", 0.0)))),
        subordinate_relief=min(1.0, max(0.0, float(section.get("subordinate_relief", 0.0)))),
        embedders=_phrase_regex(pack.strings(SECTION, "embedding_words"), clitics),
        first_person=_phrase_regex(pack.strings(SECTION, "first_person"), clitics),
        reported_content=bool(section.get("reported_content", False)),
        model=_model(section.get("model")),
    )


def _model(raw: Any) -> _Model | None:
    """The pack's ``[checkworthiness.model]`` (``bias`` and a ``weights`` table), if any."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("bias"), (int, float)):
        return None
    weights = raw.get("weights", {})
    if not isinstance(weights, Mapping):
        return None
    return _Model(
        bias=float(raw["bias"]),
        weights=tuple(
            (str(k), float(v)) for k, v in weights.items() if isinstance(v, (int, float))
        ),
    )


def _is_name_like(match: re.Match[str], sentence_start: int, always_upper: frozenset[str]) -> bool:
    """A capitalised phrase inside an English sentence is a name ("May", "Will"), not a modal.

    Words that are always capitalised ("I think") are not names.
    """
    text = match.group("p")
    words = text.split()
    first = _key(words[0]) if words else ""
    return match.start("p") > sentence_start and text[:1].isupper() and first not in always_upper


def _has_capitalised_name(text: str, not_names: frozenset[str]) -> bool:
    previous = ""
    for index, token in enumerate(_TOKEN.finditer(text)):
        word = token.group().strip("\"'([{-—–")
        after_stop = previous[-1:] in {".", "!", "?", ":", '"', "'", "—", "-"} and not (
            # A title or an initial ("Mr. Quiros", "Charles E. Grassley") does not end a sentence.
            _INITIAL.fullmatch(previous) or _key(previous.rstrip(".")) in not_names
        )
        previous = token.group()
        if index == 0 or after_stop or not word[:1].isupper():
            continue
        if _key(word.rstrip(".,;:!?'\")]").removesuffix("'s")) in not_names:
            continue
        return True
    return False


def _frame_spans(folded: FoldedText, attribution: Attribution | None) -> list[tuple[int, int]]:
    """Folded spans of the attribution's source and cue found in the sentence (a carried
    attribution may have its cue here: "he said" resolved to a name); none when there is no
    attribution. ``origin`` is non-decreasing, so each original span is one slice of the
    folded text."""
    if attribution is None or attribution.status == "none":
        return []
    return [
        (bisect_left(folded.origin, start), bisect_left(folded.origin, end))
        for start, end in (
            (attribution.source_start, attribution.source_end),
            (attribution.cue_start, attribution.cue_end),
        )
        if start is not None and end is not None
    ]


def _attribution_frame_masked(folded: FoldedText, attribution: Attribution | None) -> str:
    """``folded.text`` with the attribution's source and cue blanked out.

    The attribution signal already stands for "a named actor said so"; counting the source's
    name again as an ``actor`` and the cue ("said") as an ``event`` would let any quoted opinion
    pass as a claim. Actor and event signals are therefore looked for in the reported content.
    """
    spans = [(low, high) for low, high in _frame_spans(folded, attribution) if low < high]
    if not spans:
        return folded.text
    chars = list(folded.text)
    for low, high in spans:
        chars[low:high] = " " * (high - low)
    return "".join(chars)


def _reported_content(folded: FoldedText, attribution: Attribution | None) -> str | None:
    """The words an attribution reports, without its frame (source and cue).

    The longer side of the frame is the content: "'...,' X said Friday." reports what comes
    before the source (the day it was said is not content), "X said that ..." what follows the
    cue. A sentence carried over from its speaker with no cue of its own (a quotation going
    on) is content throughout. None when the sentence has no attribution.
    """
    spans = _frame_spans(folded, attribution)
    if not spans:
        carried = attribution is not None and attribution.carried
        return folded.text if carried else None
    low = min(start for start, _ in spans)
    high = max(end for _, end in spans)
    text = folded.text
    before, after = text[:low], text[high:]
    # The frame closes the sentence when few words follow it ("..., she said in an interview").
    if len(_WORD.findall(before)) >= len(_WORD.findall(after)):
        return before
    return after


def _content_asserts(rules: _Rules, text: str) -> bool:
    """Whether ``text`` states a figure, a date or an event of its own."""
    if _YEAR.search(text) or (rules.dates is not None and rules.dates.search(text)):
        return True
    return _main_clause_asserts(rules, text)


def _main_clause_end(folded: str, min_words: int) -> int:
    """Where the main clause ends: the first clause break after ``min_words`` words, or the end."""
    words = 0
    previous = 0
    for match in _CLAUSE_BREAK.finditer(folded):
        words += len(_WORD.findall(folded, previous, match.start()))
        previous = match.start()
        if words >= min_words:
            return match.start()
    return len(folded)


def _main_clause_asserts(rules: _Rules, head: str) -> bool:
    """Whether the main clause states an event or a figure of its own (the attribution frame is
    masked out, so "X said that Y, ..." only counts when Y itself reports one)."""
    if _DIGIT.search(head) or (rules.number_words is not None and rules.number_words.search(head)):
        return True
    if any(True for _ in rules.tables["event"].matches(head)):
        return True
    return any(p.category == "event" and p.regex.search(head) for p in rules.patterns)


def _first_assertion_end(rules: _Rules, text: str) -> int | None:
    """Where the first event or figure of ``text`` ends (None when it states neither)."""
    ends = []
    for regex in (_DIGIT, rules.number_words):
        found = regex.search(text) if regex is not None else None
        if found is not None:
            ends.append(found.end())
    event = next(iter(rules.tables["event"].matches(text)), None)
    if event is not None:
        ends.append(event.end())
    for pattern in rules.patterns:
        if pattern.category == "event":
            found = pattern.regex.search(text)
            if found is not None:
                ends.append(found.end())
    return min(ends) if ends else None


def _embedding_test(rules: _Rules, content: str) -> Callable[[int], bool]:
    """A test of whether a hedge or forecast starting at an offset sits in a relative or
    embedded clause ("the judges who will hear the case", "how he would respond") of a sentence
    that states an event or a figure before it: the forecast is then not what the sentence
    asserts. Everything is found once per sentence, so each test is a pair of bisections."""
    if rules.embedders is None or rules.subordinate_relief <= 0:
        return lambda start: False
    embedders = [m.start() for m in rules.embedders.finditer(content)]
    asserted_by = _first_assertion_end(rules, content) if embedders else None
    if asserted_by is None:
        return lambda start: False
    words = [m.start() for m in _WORD.finditer(content)]

    def embedded(start: int) -> bool:
        if asserted_by > start:
            return False
        before = bisect_left(words, start)  # words that start before the match
        if before < 2:
            return False
        # The nearest embedding word before the match, among the last few words, and no
        # quotation or colon between them: a quotation opens a clause of its own.
        low = words[before - min(before, _EMBED_WINDOW)]
        index = bisect_left(embedders, start) - 1
        return (
            index >= 0
            and embedders[index] >= low
            and _CLAUSE_OPENER.search(content, embedders[index], start) is None
        )

    return embedded


def _score_category(best: dict[str, float], category: str, weight: float) -> None:
    if weight > best.get(category, 0.0):
        best[category] = weight


@dataclass(frozen=True)
class _Analysis:
    """Every signal found in one sentence, with its strength, before they are combined."""

    positive: Mapping[str, float]
    negative: Mapping[str, float]
    attribution_signal: str | None
    attribution_weight: float
    carried: bool
    empty_report: bool
    forecast: bool
    fragment: bool
    heading: bool
    hedge_names: tuple[str, ...]
    pattern_names: tuple[str, ...]
    shape: Mapping[str, float]


def _quoted_share(stripped: str) -> float:
    """Share of the words of ``stripped`` (quotes folded to ``"``) inside a quotation.

    A quotation may run on from the previous sentence (a closing mark with no opening one:
    the words before it are quoted) or on into the next (an opening mark left open).
    """
    marks = [i for i, ch in enumerate(stripped) if ch == '"']
    if not marks:
        return 0.0
    spans: list[tuple[int, int]] = []
    if len(marks) % 2 and not stripped.startswith('"'):
        spans.append((0, marks[0]))  # continues a quotation opened earlier
        marks = marks[1:]
    for index in range(0, len(marks), 2):
        end = marks[index + 1] if index + 1 < len(marks) else len(stripped)
        spans.append((marks[index], end))
    total = len(_WORD.findall(stripped))
    inside = sum(len(_WORD.findall(stripped, start, end)) for start, end in spans)
    return inside / total if total else 0.0


def _shape_features(rules: _Rules, folded: str, stripped: str, words: int) -> dict[str, float]:
    """General features of the sentence's form (length, punctuation, case, person, quotes)."""
    shape = {name: 1.0 if low <= words <= high else 0.0 for name, low, high in _WORD_BUCKETS}
    shape["ends:colon"] = 1.0 if stripped.endswith(":") else 0.0
    shape["starts:lower"] = 1.0 if _LOWER_START.match(stripped) else 0.0
    shape["list-item"] = 1.0 if _LIST_ITEM.match(stripped) else 0.0
    shape["quote:opens"] = 1.0 if stripped[:1] == '"' else 0.0
    shape["quote:closes"] = 1.0 if stripped.rstrip(".,!?؟;:")[-1:] == '"' else 0.0
    shape["quoted"] = _quoted_share(stripped)
    shape["first-person"] = (
        1.0 if rules.first_person is not None and rules.first_person.search(folded) else 0.0
    )
    tokens = [t for t in _WORD.findall(stripped) if not t.isdigit()]
    if rules.capitalised_names and len(tokens) > 1:
        capitalised = sum(1 for t in tokens[1:] if t[:1].isupper())
        shape["capitalised"] = capitalised / (len(tokens) - 1)
    else:
        shape["capitalised"] = 0.0
    return shape


def _analyse(
    text: str,
    pack: LanguagePack,
    quantities: Sequence[Quantity],
    attribution: Attribution | None,
) -> _Analysis:
    """Look for every category of signal in ``text`` (see the module docstring)."""
    rules = _rules(pack)
    folded_text = fold(text, quotes=True)
    folded = folded_text.text
    content = _attribution_frame_masked(folded_text, attribution)
    stripped = folded.strip()
    # Where the first word starts: a capitalised hedge there ('"Maybe ...', "(Reporting by")
    # opens the sentence and is not a name.
    first_word = _WORD.search(folded)
    sentence_start = first_word.start() if first_word is not None else len(folded)
    positive: dict[str, float] = {}
    negative: dict[str, float] = {}
    hedge_names: list[str] = []
    # Finer names of positive pattern matches ("event:qad"), reported after the categories.
    pattern_names: list[str] = []
    w = rules.weights

    # Quantities: from the caller's extractor, else digits and number words found here.
    kinds = {q.kind for q in quantities}
    if (
        kinds
        or _DIGIT.search(folded)
        or (rules.number_words is not None and rules.number_words.search(folded))
    ):
        _score_category(positive, "number", w["number"])
    if (
        "percent" in kinds
        or "%" in folded
        or (rules.percent_words is not None and rules.percent_words.search(folded))
    ):
        _score_category(positive, "percent", w["percent"])
    if (
        kinds & {"year", "date"}
        or _YEAR.search(folded)
        or (rules.dates is not None and rules.dates.search(folded))
    ):
        _score_category(positive, "date", w["date"])
    if (
        "number" in positive
        and rules.comparatives is not None
        and rules.comparatives.search(folded)
    ):
        _score_category(positive, "comparative", w["comparative"])

    if rules.capitalised_names and _has_capitalised_name(content.strip(), rules.not_names):
        _score_category(positive, "actor", w["actor"])

    # A hedge or forecast inside a trailing clause ("..., though she said it may fail") does not
    # undo the main clause's assertion: its damping is relieved by ``subordinate_relief``.
    head_end = _main_clause_end(folded, rules.min_words)
    relief = 0.0
    if (
        rules.subordinate_relief > 0
        and head_end < len(folded)
        and _main_clause_asserts(rules, content[:head_end])
    ):
        relief = rules.subordinate_relief

    embedded = _embedding_test(rules, content)

    def damped(category: str, start: int, weight: float) -> float:
        if category not in _CLAUSE_BOUND:
            return weight
        if start >= head_end:
            return weight * (1.0 - relief)
        if embedded(start):
            return weight * (1.0 - rules.subordinate_relief)
        return weight

    for name, table in rules.tables.items():
        target = positive if name in _POSITIVE else negative
        for match in table.matches(content if name in _POSITIVE else folded):
            if (
                rules.capitalised_names
                and name not in _POSITIVE
                and _is_name_like(match, sentence_start, rules.capitalised_words)
            ):
                continue
            weight = damped(name, match.start(), table.weight(match))
            _score_category(target, name, weight)
            if name == "hedge" and weight > 0:
                hedge_names.append(f"hedge:{_key(match.group('p'))}")

    for pattern in rules.patterns:
        target = positive if pattern.category in _POSITIVE else negative
        found = pattern.regex.search(content if target is positive else folded)
        if found is None:
            continue
        weight = pattern.weight
        if target is negative:
            # Every match counts, the strongest wins: a forecast relieved inside a relative
            # clause must not hide another one in the main clause.
            weight = max(
                damped(pattern.category, m.start(), pattern.weight)
                for m in pattern.regex.finditer(folded)
            )
        _score_category(target, pattern.category, weight)
        if pattern.category == "hedge":
            hedge_names.append(pattern.signal)
        elif pattern.category in _POSITIVE and pattern.signal != pattern.category:
            pattern_names.append(pattern.signal)

    opener = next(iter(rules.openers.matches(stripped)), None)
    if opener is not None and not (
        rules.capitalised_names and "prediction" in negative and _key(opener.group("p")) == "will"
    ):
        _score_category(negative, "question", rules.openers.weight(opener))
    if any(mark in folded for mark in rules.question_marks):
        _score_category(negative, "question", w["question"])

    attribution_signal = None
    attribution_weight = 0.0
    if attribution is not None and attribution.status != "none":
        attribution_signal = f"attribution:{attribution.status}"
        attribution_weight = w.get(attribution_signal, 0.0)
    # A forecast stated with figures by a named source ("the IMF expects 1.6% growth") reports
    # a checkable figure, not a guess, and one with a figure and a date is a scheduled event
    # ("will open on 3 May"): the prediction damping is relieved by the pack's
    # ``forecast_relief``. An unattributed, undated forecast stays a prediction.
    forecast = False
    if (
        "prediction" in negative
        and "number" in positive
        and ("date" in positive or attribution_signal == "attribution:named")
    ):
        forecast = rules.forecast_relief > 0
        negative["prediction"] *= 1.0 - rules.forecast_relief
    # An attribution whose reported words state no figure, date or event of their own ("X said
    # the plan is a disgrace", "'...,' she said Friday") reports a view: the attribution does
    # not make it a claim, and a date or figure of the frame ("said Friday") is not its content.
    empty_report = False
    if rules.reported_content and attribution_signal is not None:
        reported = _reported_content(folded_text, attribution)
        if reported is not None and not _content_asserts(rules, reported):
            empty_report = True
            attribution_weight = 0.0
            for category in ("number", "percent", "date", "comparative"):
                positive.pop(category, None)
    words = len(_WORD.findall(stripped))
    fragment = words < rules.min_words
    return _Analysis(
        positive=positive,
        negative=negative,
        attribution_signal=attribution_signal,
        attribution_weight=attribution_weight,
        carried=bool(attribution is not None and attribution.carried),
        empty_report=empty_report,
        forecast=forecast,
        fragment=fragment,
        heading=not fragment and bool(stripped) and stripped[-1] not in _CLOSERS,
        hedge_names=tuple(hedge_names),
        pattern_names=tuple(pattern_names),
        shape=_shape_features(rules, folded, stripped, words),
    )


def _features(analysis: _Analysis) -> dict[str, float]:
    features = {c: analysis.positive.get(c, 0.0) for c in _POSITIVE}
    for status in ("named", "vague"):
        signal = f"attribution:{status}"
        features[signal] = 1.0 if analysis.attribution_signal == signal else 0.0
    features["attribution:carried"] = 1.0 if analysis.carried else 0.0
    features["forecast:figures"] = 1.0 if analysis.forecast else 0.0
    features.update({c: analysis.negative.get(c, 0.0) for c in _NEGATIVE})
    features["fragment"] = 1.0 if analysis.fragment else 0.0
    features["heading"] = 1.0 if analysis.heading else 0.0
    features.update(analysis.shape)
    return features


def checkworthiness_features(
    text: str,
    pack: LanguagePack,
    *,
    quantities: Sequence[Quantity] = (),
    attribution: Attribution | None = None,
) -> dict[str, float]:
    """Each signal's strength in ``text`` before the signals are combined, in [0, 1].

    Keys are the positive and negative categories of the module docstring (the pack weight of
    the strongest match, 0.0 when absent; ``attribution:named``, ``attribution:vague``,
    ``attribution:carried``, ``forecast:figures``, ``fragment`` and ``heading`` are 0/1),
    plus general features of the sentence's form: word-count buckets (``words:1-5`` ...),
    ``ends:colon``, ``starts:lower``, ``list-item``, ``quote:opens``,
    ``quote:closes``, ``quoted`` (share of the words inside a direct quotation),
    ``first-person`` and ``capitalised`` (share of capitalised words after the first, Latin
    script only). The same keys are returned for every sentence and pack.

    >>> from factcheck.lang import get_pack
    >>> checkworthiness_features("Will prices rise?", get_pack("en"))["question"] > 0
    True
    """
    return _features(_analyse(text, pack, quantities, attribution))


def _hand_score(rules: _Rules, analysis: _Analysis) -> float:
    """The hand formula of the module docstring (noisy-OR, then damping)."""
    p = 1.0 - rules.base
    for weight in analysis.positive.values():
        p *= 1.0 - weight
    if analysis.attribution_signal is not None:
        p *= 1.0 - analysis.attribution_weight
    score = 1.0 - p
    for weight in analysis.negative.values():
        score *= 1.0 - weight
    for _, factor in _dampers(rules, analysis):
        score *= factor
    return score


def _dampers(rules: _Rules, analysis: _Analysis) -> list[tuple[str, float]]:
    """(signal, factor) of each damping by the sentence's shape that applies: a fragment, a
    heading, a lead-in ending with a colon, a sentence mostly quoted."""
    weights = rules.weights
    found = []
    if analysis.fragment:
        found.append(("fragment", 1.0 - weights["fragment"]))
    if analysis.heading:
        found.append(("heading", 1.0 - weights["heading"]))
    if analysis.shape.get("ends:colon"):
        found.append(("lead-in", 1.0 - weights["lead-in"]))
    quoted = analysis.shape.get("quoted", 0.0)
    if quoted >= _MOSTLY and weights.get("quotation", 0.0) > 0:
        found.append(("quotation", 1.0 - weights["quotation"] * quoted))
    return found


def _model_score(model: _Model, features: Mapping[str, float]) -> float:
    """Logistic model: sigmoid(bias + sum of weight * feature)."""
    z = model.bias + sum(weight * features.get(name, 0.0) for name, weight in model.weights)
    # Clamp the exponent so extreme inputs cannot overflow.
    return 1.0 / (1.0 + math.exp(-min(60.0, max(-60.0, z))))


def hand_checkworthiness_score(
    text: str,
    pack: LanguagePack,
    *,
    quantities: Sequence[Quantity] = (),
    attribution: Attribution | None = None,
) -> float:
    """The hand formula's score of ``text`` (ignores a learned model), for comparison.

    >>> from factcheck.lang import get_pack
    >>> hand_checkworthiness_score("Will prices rise?", get_pack("en")) < CLAIM_THRESHOLD
    True
    """
    analysis = _analyse(text, pack, quantities, attribution)
    return min(1.0, max(0.0, _hand_score(_rules(pack), analysis)))


def assess_checkworthiness(
    text: str,
    pack: LanguagePack,
    *,
    quantities: Sequence[Quantity] = (),
    attribution: Attribution | None = None,
) -> Checkworthiness:
    """Score ``text`` in [0, 1]; ``is_claim`` says whether it is a claim worth listing.

    ``text`` is one sentence. ``quantities`` and ``attribution`` are what
    :func:`factcheck.text.quantities.extract_quantities` and
    :func:`factcheck.attribution.attribute` found in it (optional: digits are also detected
    here). ``signals`` names what raised or lowered the score, e.g. ``("number", "date",
    "attribution:named")`` or ``("hedge:may",)``. The score is the pack's learned model when
    it has one (``[checkworthiness.model]``), else the hand formula.

    >>> from factcheck.lang import get_pack
    >>> assess_checkworthiness("The ministry announced 300 new jobs in May 2024.",
    ...                        get_pack("en")).is_claim
    True
    """
    rules = _rules(pack)
    analysis = _analyse(text, pack, quantities, attribution)
    if rules.model is not None:
        score = _model_score(rules.model, _features(analysis))
    else:
        score = _hand_score(rules, analysis)
    score = min(1.0, max(0.0, score))

    signals = [c for c in _POSITIVE if analysis.positive.get(c, 0.0) > 0]
    signals.extend(dict.fromkeys(analysis.pattern_names))
    if analysis.attribution_signal is not None:
        signals.append(analysis.attribution_signal)
    if analysis.empty_report:
        signals.append("report:no-content")
    if analysis.forecast:
        signals.append("forecast:figures")
    for category in _NEGATIVE:
        if analysis.negative.get(category, 0.0) <= 0:
            continue
        if category == "hedge":
            signals.extend(dict.fromkeys(analysis.hedge_names))
        else:
            signals.append(category)
    signals.extend(name for name, _ in _dampers(rules, analysis))
    return Checkworthiness(score=score, is_claim=score >= CLAIM_THRESHOLD, signals=tuple(signals))

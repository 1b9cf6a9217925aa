"""Attribution: who a sentence says its content comes from (named, vague or none).

Cues, vague words and boundaries come from the ``[attribution]`` section of a language pack;
rules run on folded text and report spans of the original sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise
from typing import Literal

from factcheck.lang import LanguagePack
from factcheck.models import NO_ATTRIBUTION, Attribution, AttributionStatus
from factcheck.text.normalise import FoldedText, fold, fold_text

SECTION = "attribution"
# A source phrase longer than this is not a source but the walk running into the content.
MAX_SOURCE_WORDS = 10
# Adverbs/time words skipped between a cue and its source: bounded so every cue costs O(1).
MAX_SKIPPED = 4
MAX_ARABIC_PRESUBJECT_WORDS = 5
MAX_QUOTED_NAME_SPACES = 5
# "Name, title, (more title,) said": comma-separated phrases walked back before a cue.
MAX_APPOSITIVES = 6
# A title between commas may be long ("senior associate for ... at the X Institute").
MAX_TITLE_WORDS = 25
# A name before a headline/transcript colon ("Kirby: ...") or after a quote dash ("— Jane Roe").
MAX_LABEL_WORDS = 4
# Dashes that introduce who said a quotation.
_QUOTE_DASHES = frozenset("―—")
# Marks that open a quotation at the start of a sentence ("”" too: a mistyped opener).
_OPENING_QUOTES = frozenset("“”\"'‘«")
# At most this many tokens describe a signer after the comma ("― Jane Roe, 52, Houston").
MAX_BYLINE_TAIL = 8
# A signed quotation runs back at most this many sentences from its signature.
MAX_SIGNED_SENTENCES = 8
_CLOSING_QUOTES = frozenset("”\"'’»")
# Quotation marks for packs that track quotations across sentences: directional pairs and the
# straight mark, which toggles.
_OPEN_QUOTE = "“"
_CLOSE_QUOTE = "”"
_STRAIGHT_QUOTE = '"'
_DOUBLED_APOSTROPHE = "''"
# A quotation still open after this many sentences is a stray mark, not a long quote.
MAX_QUOTE_SENTENCES = 12
# A block quotation after a lead-in ("X wrote:") runs to the end of its paragraph, but no
# further than this many sentences (a text without paragraph breaks is one long paragraph).
MAX_BLOCK_SENTENCES = 8
# How many sentences back a pronoun may find its named source, and a name mention.
MAX_PRONOUN_DISTANCE = 6
MAX_MENTION_DISTANCE = 3
# A complement ("that", a quotation) may follow a cue after a short object ("told reporters").
MAX_COMPLEMENT_GAP = 8
_QUOTE_OPENERS = frozenset(["“", '"', "‘", ":", "«"])

# A «quoted name» (bounded, so the scan stays linear), a number, a word, or one other character.
_TOKEN = re.compile(r"«[^«»\n]{1,80}»|\d+(?:[.,]\d+)*|\w+(?:['’\-]\w+)*|\S")
# The same with short straight-quoted names as one token, for packs that quote names that way.
_TOKEN_QUOTES = re.compile(
    r"«[^«»\n]{1,80}»|\"[^\"\n]{1,60}\"|\d+(?:[.,]\d+)*|\w+(?:['’\-]\w+)*|\S"
)
_JOINING_PUNCT = frozenset("-&")
# What may precede an Arabic SVO subject: the sentence start or clause punctuation.
_CLAUSE_OPENERS = frozenset(["start", ",", "،", ":", ".", "(", ")", "-", "|"])

Phrases = Mapping[str, tuple[tuple[str, ...], ...]]


@dataclass(frozen=True)
class _Token:
    text: str
    key: str
    start: int
    end: int
    kind: Literal["word", "number", "quoted", "punct"]

    @property
    def wordlike(self) -> bool:
        return self.kind in ("word", "quoted")


@dataclass(frozen=True)
class _Rules:
    source_after: bool
    quote_units: bool
    copulas: frozenset[str]
    conjunctions: tuple[str, ...]
    article: str
    verbs: frozenset[str]
    inverted: frozenset[str]
    evidence_verbs: frozenset[str]
    evidence_nouns: frozenset[str]
    object_b_verbs: frozenset[str]
    noun_markers: frozenset[str]
    complementisers: frozenset[str]
    prepositions: Phrases
    weak_prepositions: frozenset[tuple[str, ...]]
    source_nouns: frozenset[str]
    passives: Phrases
    continuations: Phrases
    vague_heads: frozenset[str]
    vague_modifiers: frozenset[str]
    determiners: frozenset[str]
    adjective_suffixes: tuple[str, ...]
    pronouns: frozenset[str]
    boundaries: frozenset[str]
    clause_words: frozenset[str]
    relative_words: frozenset[str]
    skip_before: frozenset[str]
    agent_prepositions: frozenset[str]
    joiners: frozenset[str]
    content_prepositions: frozenset[str]
    time_words: frozenset[str]
    titles: frozenset[str]
    connectors: frozenset[str]
    participles: frozenset[str]
    participle_followers: frozenset[str]
    progressive_auxiliaries: frozenset[str]
    appositive_links: frozenset[str]
    appositive_relatives: frozenset[str]
    as_openers: frozenset[str]
    colon_names: bool
    complement_verbs: frozenset[str]
    complement_openers: frozenset[str]
    complement_skips: frozenset[str]
    clause_verbs: frozenset[str]
    clause_cues: frozenset[str]
    frame_nouns: frozenset[str]
    frame_prepositions: frozenset[str]
    numeral_words: frozenset[str]
    resolvable_pronouns: frozenset[str]
    chain_pronouns: frozenset[str]
    passive_auxiliaries: frozenset[str]
    passive_reports: frozenset[str]
    passive_skips: frozenset[str]
    charge_verbs: frozenset[str]
    charge_particles: frozenset[str]
    infinitive_verbs: frozenset[str]
    adverb_suffixes: tuple[str, ...]
    person_nouns: frozenset[str]
    head_nouns: frozenset[str]
    naming_verbs: frozenset[str]
    coordinators: frozenset[str]
    not_opening: frozenset[str]
    naming_particles: frozenset[str]
    indefinite: frozenset[str]
    definite: frozenset[str]
    unnamed_openers: frozenset[str]
    plural_numerals: frozenset[str]
    group_nouns: frozenset[str]
    document_nouns: frozenset[str]
    track_quotes: bool


@dataclass(frozen=True)
class _Cue:
    first: int  # index of the first cue token
    after: int  # index of the first token after the cue
    start: int  # folded character span of the cue
    end: int
    kind: Literal["verb", "evidence", "preposition", "passive", "participle", "label", "frame"]
    key: str  # the cue's first word without clitics
    # Characters of token ``after`` that still belong to the cue (an attached «لـ»).
    shift: int = 0
    conjunction: bool = False
    weak: bool = False


@dataclass(frozen=True)
class _Found:
    """A cue with what was found for it: an explicit source, a passive, or nothing/pronoun."""

    cue: _Cue
    status: AttributionStatus | None = None  # None: no explicit source (pronoun or missing)
    span: tuple[int, int] | None = None  # folded character span of the source
    passive: bool = False


def _phrases(values: Sequence[str]) -> Phrases:
    table: dict[str, list[tuple[str, ...]]] = {}
    for value in values:
        words = tuple(value.casefold().split())
        if words:
            table.setdefault(words[0], []).append(words)
    # Longest phrase first, so "it is believed" wins over "is believed".
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()}


@cache
def _rules(pack: LanguagePack) -> _Rules | None:
    section = pack.section(SECTION)
    if not section.get("cue_verbs") and not section.get("prepositions"):
        return None

    def words(key: str) -> frozenset[str]:
        return frozenset(s.casefold() for s in pack.strings(SECTION, key))

    return _Rules(
        source_after=str(section.get("source_side", "before")) == "after",
        quote_units=bool(section.get("quote_units", False)),
        copulas=words("copulas"),
        conjunctions=pack.strings(SECTION, "conjunction_prefixes"),
        article=fold_text(str(section.get("article", ""))),
        verbs=words("cue_verbs"),
        inverted=words("inverted_verbs"),
        evidence_verbs=words("evidence_verbs"),
        evidence_nouns=words("evidence_nouns"),
        object_b_verbs=words("object_b_verbs"),
        noun_markers=words("noun_markers"),
        complementisers=words("complementisers"),
        prepositions=_phrases(pack.strings(SECTION, "prepositions")),
        weak_prepositions=frozenset(
            tuple(p.casefold().split()) for p in pack.strings(SECTION, "weak_prepositions")
        ),
        source_nouns=words("source_nouns"),
        passives=_phrases(pack.strings(SECTION, "passives")),
        continuations=_phrases(pack.strings(SECTION, "continuations")),
        vague_heads=words("vague_heads"),
        vague_modifiers=words("vague_modifiers"),
        determiners=words("determiners"),
        adjective_suffixes=pack.strings(SECTION, "adjective_suffixes"),
        pronouns=words("pronouns"),
        boundaries=words("boundaries"),
        clause_words=words("clause_words"),
        relative_words=words("relative_words"),
        skip_before=words("skip_before"),
        agent_prepositions=words("agent_prepositions"),
        joiners=words("source_joiners"),
        content_prepositions=words("content_prepositions"),
        time_words=words("time_words"),
        titles=words("title_abbreviations"),
        connectors=words("connectors"),
        participles=words("participle_cues"),
        participle_followers=words("participle_followers"),
        progressive_auxiliaries=words("progressive_auxiliaries"),
        appositive_links=words("appositive_links"),
        appositive_relatives=words("appositive_relatives"),
        as_openers=words("as_clause_openers"),
        colon_names=bool(section.get("colon_names", False)),
        complement_verbs=words("complement_verbs"),
        complement_openers=words("complement_openers"),
        complement_skips=words("complement_skips"),
        clause_verbs=words("complement_clause_verbs"),
        clause_cues=words("bare_clause_cues"),
        frame_nouns=words("frame_nouns"),
        frame_prepositions=words("frame_prepositions"),
        numeral_words=words("numeral_words"),
        resolvable_pronouns=words("resolvable_pronouns"),
        chain_pronouns=words("chain_pronouns"),
        passive_auxiliaries=words("passive_auxiliaries"),
        passive_reports=words("passive_reports"),
        passive_skips=words("passive_skips"),
        charge_verbs=words("charge_verbs"),
        charge_particles=words("charge_particles"),
        infinitive_verbs=words("infinitive_verbs"),
        adverb_suffixes=tuple(s.casefold() for s in pack.strings(SECTION, "adverb_suffixes")),
        person_nouns=words("person_nouns"),
        head_nouns=words("head_nouns"),
        naming_verbs=words("naming_verbs"),
        coordinators=words("coordinators"),
        not_opening=words("not_opening_prepositions"),
        naming_particles=words("naming_particles"),
        indefinite=words("indefinite_articles"),
        definite=words("definite_articles"),
        unnamed_openers=words("unnamed_openers"),
        plural_numerals=words("plural_numerals"),
        group_nouns=words("group_nouns"),
        document_nouns=words("document_nouns"),
        track_quotes=bool(section.get("track_quotes", False)),
    )


def _tokenise(text: str, *, quote_units: bool) -> list[_Token]:
    tokens: list[_Token] = []
    for match in (_TOKEN_QUOTES if quote_units else _TOKEN).finditer(text):
        piece = match.group()
        kind: Literal["word", "number", "quoted", "punct"]
        if piece[0] in '«"' and len(piece) > 1:
            # A long quotation is reported content, not a quoted name: it ends a source.
            kind = "quoted" if piece.count(" ") <= MAX_QUOTED_NAME_SPACES else "punct"
        elif piece[0].isdigit():
            kind = "number"
        elif piece[0].isalnum() or piece[0] == "_":
            kind = "word"
        else:
            kind = "punct"
        tokens.append(_Token(piece, piece.casefold(), match.start(), match.end(), kind))
    return tokens


class _Analyser:
    """Finds cues and their sources in the tokens of one folded sentence."""

    def __init__(self, rules: _Rules, tokens: list[_Token]) -> None:
        self.rules = rules
        self.tokens = tokens
        self.first_word = next((i for i, t in enumerate(tokens) if t.wordlike), 0)
        self.starts = [t.start for t in tokens]
        # A headline in title case capitalises its verbs too ("Ex-Aide Says Plan Failed").
        long_words = [t for t in tokens if t.kind == "word" and len(t.text) > 3]
        capitals = sum(t.text[:1].isupper() for t in long_words)
        self.title_case = (
            not rules.conjunctions and capitals >= 4 and capitals >= 0.8 * len(long_words)
        )

    # ---- words -------------------------------------------------------------------------------

    def _unclitic(self, key: str) -> tuple[str, bool]:
        """``key`` without a leading conjunction clitic when that leaves a plausible word."""
        for prefix in self.rules.conjunctions:
            if key.startswith(prefix) and len(key) > len(prefix) + 2:
                return key[len(prefix) :], True
        return key, False

    def _head(self, key: str) -> str:
        article = self.rules.article
        if article and key.startswith(article) and len(key) > len(article) + 1:
            return key[len(article) :]
        return key

    def _is_cue_word(self, token: _Token) -> bool:
        bare, _ = self._unclitic(token.key)
        return token.kind == "word" and (token.key in self.rules.verbs or bare in self.rules.verbs)

    # ---- cues --------------------------------------------------------------------------------

    def _match_phrase(self, index: int, table: Phrases) -> tuple[int, int, bool, int] | None:
        """Longest phrase of ``table`` at ``index``: (end index, shift, conjunction, char end)."""
        token = self.tokens[index]
        if token.kind != "word":
            return None
        bare, conjunction = self._unclitic(token.key)
        for first, conj in ((token.key, False), (bare, conjunction)):
            for phrase in table.get(first, ()):
                matched = self._match_rest(index, phrase)
                if matched is not None:
                    end, shift, char_end = matched
                    return end, shift, conj, char_end
        return None

    def _match_rest(self, index: int, phrase: tuple[str, ...]) -> tuple[int, int, int] | None:
        position = index + 1
        for n, word in enumerate(phrase[1:], start=1):
            if position >= len(self.tokens) or self.tokens[position].kind != "word":
                return None
            token = self.tokens[position]
            last = n == len(phrase) - 1
            if token.key == word:
                position += 1
                continue
            # A one-letter final clitic («وفقاً لـ») may be written onto the next word.
            if last and len(word) == 1 and token.key.startswith(word) and len(token.key) > 2:
                return position, len(word), token.start + len(word)
            return None
        return position, 0, self.tokens[position - 1].end

    def _phrase_at(self, index: int, end: int, shift: int, conjunction: bool) -> tuple[str, ...]:
        """The words of a matched phrase as written in the pack (clitic removed)."""
        keys = [t.key for t in self.tokens[index:end]]
        if conjunction:
            keys[0] = self._unclitic(keys[0])[0]
        if shift:
            keys.append(self.tokens[end].key[:shift])
        return tuple(keys)

    def cues(self) -> list[_Cue]:
        """All cues of the sentence, in text order (a multi-word cue is consumed whole)."""
        rules = self.rules
        found: list[_Cue] = []
        index = 0
        while index < len(self.tokens):
            token = self.tokens[index]
            if token.kind != "word":
                index += 1
                continue
            bare, conjunction = self._unclitic(token.key)
            start = token.start + (len(token.key) - len(bare) if conjunction else 0)
            for kind, table in (("preposition", rules.prepositions), ("passive", rules.passives)):
                matched = self._match_phrase(index, table)
                if matched is not None:
                    end, shift, conj, char_end = matched
                    cue_start = start if conj else token.start
                    cue_key = bare if conj else token.key
                    weak = self._phrase_at(index, end, shift, conj) in rules.weak_prepositions
                    found.append(
                        _Cue(
                            index,
                            end,
                            cue_start,
                            char_end,
                            kind,  # type: ignore[arg-type]
                            cue_key,
                            shift,
                            conj,
                            weak,
                        )
                    )
                    index = end
                    break
            else:
                if token.key in rules.frame_nouns and self.frame_owner(index) is not None:
                    # "Trump's claim that ...": a reporting frame inside a noun phrase.
                    found.append(_Cue(index, index + 1, token.start, token.end, "frame", token.key))
                elif not self._verb_position(index):
                    pass
                elif (passive := self._passive(index)) is not None:
                    if passive and (
                        token.key in rules.verbs
                        or bare in rules.verbs
                        or self._split_passive(index)
                    ):
                        # "was accused of", "was criticized by X": a passive report, vague
                        # unless an agent follows (see ``examine``).
                        found.append(
                            _Cue(index, index + 1, token.start, token.end, "passive", token.key)
                        )
                elif self._modifies_noun(index):
                    pass
                elif (
                    token.key in rules.participles
                    and index > 0
                    and self.tokens[index - 1].text == ","
                ):
                    # "..., saying the talks failed": the sentence's subject is the source.
                    found.append(
                        _Cue(index, index + 1, token.start, token.end, "participle", token.key)
                    )
                elif token.key in rules.verbs or bare in rules.verbs:
                    key = token.key if token.key in rules.verbs else bare
                    conj = key != token.key
                    found.append(
                        _Cue(
                            index,
                            index + 1,
                            start if conj else token.start,
                            token.end,
                            "verb",
                            key,
                            0,
                            conj,
                        )
                    )
                elif token.key in rules.evidence_verbs:
                    found.append(
                        _Cue(index, index + 1, token.start, token.end, "evidence", token.key)
                    )
                elif token.key in rules.participles and self._progressive(index):
                    # "The White House is saying that ...": a finite verb in the progressive;
                    # it needs reported content after it (see ``_attribute``).
                    found.append(_Cue(index, index + 1, token.start, token.end, "verb", token.key))
                index += 1
        return found

    def _passive(self, index: int) -> bool | None:
        """Is the cue word at ``index`` a passive participle? None when it is not; True when
        someone's words are reported ("was accused of", "was criticized by X"), False when not
        ("is observed as", "were admitted"). Passives listed as phrases ("is said") match first.
        """
        if self.tokens[index].key.endswith("ing"):
            return None  # "is saying": a progressive, see ``_progressive``
        position = self._auxiliary_before(index)
        if position is None:
            return None
        if self._split_passive(index):
            return True  # "is not thought to be": a listed passive with a word inside
        following = self.tokens[index + 1].key if index + 1 < len(self.tokens) else ""
        return following in self.rules.passive_reports

    def _auxiliary_before(self, index: int) -> int | None:
        """Index of the passive auxiliary before the participle at ``index``, past adverbs and
        inner words ("was widely criticized", "is not thought", "was once asked"), else None."""
        position = index - 1
        for _ in range(MAX_SKIPPED):
            if position < 0 or not (
                self.tokens[position].key.endswith("ly")
                or self.tokens[position].key in self.rules.passive_skips
            ):
                break
            position -= 1
        if position < 0 or self.tokens[position].key not in self.rules.passive_auxiliaries:
            return None
        return position

    def _split_passive(self, index: int) -> bool:
        """Is the participle at ``index`` a listed passive ("is thought") with words between?"""
        position = self._auxiliary_before(index)
        if position is None or position == index - 1:
            return False
        auxiliary = self.tokens[position].key
        return (auxiliary, self.tokens[index].key) in self.rules.passives.get(auxiliary, ())

    def _progressive(self, index: int) -> bool:
        """Is the participle at ``index`` after a progressive auxiliary ("is (also) warning")?"""
        position = index - 1
        for _ in range(MAX_SKIPPED):
            if position < 0 or self.tokens[position].kind != "word":
                return False
            key = self.tokens[position].key
            if key in self.rules.progressive_auxiliaries:
                return True
            if key not in self.rules.skip_before and key not in self.rules.time_words:
                return False
            position -= 1
        return False

    def frame_owner(self, index: int) -> int | None:
        """Index of the possessive name owning a frame noun ("By Trump's own admission")."""
        position = index - 1
        if position > 0 and self.tokens[position].key == "own":
            position -= 1
        if position < 0:
            return None
        owner = self.tokens[position]
        if not (
            owner.kind == "word"
            and owner.text[:1].isupper()
            and owner.key.endswith(("'s", "’s"))
            and len(owner.key) > 3
        ):
            return None
        following = self.tokens[index + 1].key if index + 1 < len(self.tokens) else ""
        before = self.tokens[position - 1].key if position > 0 else ""
        if following in self.rules.complement_openers or before in self.rules.frame_prepositions:
            return position
        return None

    def has_complement(self, found: _Found) -> bool:
        """Does a cue that also names events ("ruled", "rejects") introduce reported content?

        It does with a that-clause, a quotation, a colon or "to" + recipient after it (past a
        short object), or in closing position (", the judge noted.").
        """
        cue = found.cue
        if self.trailing(found):
            return True
        if (
            found.span is not None
            and self.opens_sentence(found)
            and all(t.kind == "punct" for t in self.tokens[cue.after :])
        ):
            return True  # '"Why not?" / Vitter demanded.': the quotation before is the content
        last = min(len(self.tokens), cue.after + MAX_COMPLEMENT_GAP)
        position = cue.after
        # Adverbs and particles may come first ("pointed out that", "noted Monday that").
        while position < last and (
            self.tokens[position].key in self.rules.complement_skips
            or self.tokens[position].key in self.rules.time_words
            or self.tokens[position].key.endswith("ly")
        ):
            position += 1
        if (
            position < last
            and self.tokens[position].key == "to"
            and cue.key not in self.rules.infinitive_verbs
        ):
            return True  # "complained to reporters"
        if found.span is not None and self._parenthetical(found.span[0]):
            # "These workers, Smith explained at the hearing, were ...": a short tail of words
            # and then the comma that closes the inserted clause.
            for ahead in range(position, last):
                token = self.tokens[ahead]
                if token.text == "," and ahead > position:
                    return True
                if token.kind != "word" or token.key in self.rules.boundaries:
                    break
        if position + 1 < len(self.tokens) and self.tokens[position].text == ",":
            if found.span is not None and self._as_clause(found.span[0]):
                return True  # "As Mr. Bown observed, ...": the main clause is the content
            if self.tokens[position + 1].text in _QUOTE_OPENERS:
                return True  # 'Miller added, "The camp ...'
            if found.span is not None and self._parenthetical(found.span[0]):
                return True  # "the weapons, he added, are like ..."
            if self.tokens[position + 1].key in self.rules.participles:
                return True  # '"...," Rendell recalled, suggesting ...': content both sides
        if cue.key in self.rules.charge_verbs:
            # "accused the North's leader, Kim Jong Un, of recklessness": the charge, past an
            # object that may hold an appositive, is the reported content.
            for ahead in range(
                position + 1, min(len(self.tokens), cue.after + 2 * MAX_COMPLEMENT_GAP)
            ):
                token = self.tokens[ahead]
                if token.key in self.rules.charge_particles:
                    return True
                if token.kind == "punct" and token.text not in (",", "'", "’"):
                    break
        naming = cue.key in self.rules.naming_verbs
        if naming:
            # "called climate change a hoax": object, then what the source calls it.
            if position < len(self.tokens) and self.tokens[position].key in (
                self.rules.naming_particles
            ):
                return False  # "called for", "called on"
            last = min(len(self.tokens), cue.after + 2 * MAX_COMPLEMENT_GAP)
        # A finite verb after the object is a clause without "that" ("confirmed the plan was
        # dead"), unless a relative or subordinate word came first ("the man who was").
        bare_clause = True
        while position < last:
            token = self.tokens[position]
            if token.text in _QUOTE_OPENERS or (
                token.kind == "word" and token.key in self.rules.complement_openers
            ):
                return True
            if token.kind == "word" and token.key in self.rules.boundaries:
                bare_clause = False
            if (
                bare_clause
                and cue.key in self.rules.clause_cues
                and position > cue.after
                and token.kind == "word"
                and token.key in self.rules.clause_verbs
            ):
                return True
            if naming and position > cue.after and token.key in self.rules.indefinite:
                return True
            if token.text == "." and self._abbreviation_before(position):
                position += 1
                continue
            if token.kind == "punct":
                return False
            position += 1
        return False

    def _as_clause(self, start: int) -> bool:
        """Does an "as" opening a clause come right before the source at folded ``start``?"""
        index = bisect_left(self.starts, start) - 1
        return (
            index >= 0
            and self.tokens[index].key in self.rules.as_openers
            and (index <= self.first_word or self.tokens[index - 1].kind == "punct")
        )

    def _parenthetical(self, start: int) -> bool:
        """Does a comma come right before the source starting at folded offset ``start``?"""
        index = bisect_left(self.starts, start)
        return index > 0 and self.tokens[index - 1].text == ","

    def clean_source(self, span: tuple[int, int]) -> tuple[int, int] | None:
        """A found English source without trailing function words ("Easley for" -> "Easley"),
        or None when it is no noun phrase ("Another 19 percent", "seems to", "the suing")."""
        if self.rules.conjunctions:
            return span
        rules = self.rules
        first = bisect_left(self.starts, span[0])
        last = bisect_left(self.starts, span[1]) - 1
        trailing = rules.joiners | rules.content_prepositions | rules.determiners | {"to"}
        end = span[1]
        while last >= first and self.tokens[last].key in trailing:
            last -= 1
            end = self.tokens[last].end if last >= 0 else span[0]
        words = [t for t in self.tokens[first : last + 1] if t.kind == "word"]
        if not words:
            return None
        if words[0].key in rules.joiners or words[0].key in rules.content_prepositions:
            return None  # "to send angry tweets", "of Republican claims": no noun phrase
        if first > 0 and self.tokens[first - 1].kind == "number":
            return None  # "19 percent said": a share of respondents, not a source
        if len(words) > 1 and all(w.key.split("-")[0] in rules.numeral_words for w in words[:2]):
            return None  # "Sixty-two percent of voters agreed": a share, spelled out
        if all(
            w.key.split("-")[0] in rules.numeral_words
            or w.key in rules.determiners
            or w.key in rules.clause_words  # "This said", "There said"
            or w.key.endswith("ly")
            for w in words
        ):
            return None
        tail = words[-1]
        if len(words) > 1 and tail.key in rules.pronouns:
            return None  # "the target it pledged": the pronoun is the subject, not the phrase
        if not tail.text[:1].isupper() and (
            tail.key in rules.clause_words
            or tail.key in rules.skip_before
            or tail.key == "not"
            or tail.key.endswith(("ly", "n't", "n’t", "ing"))
        ):
            return None
        return span[0], end

    def subject_name(self) -> tuple[int, int] | None:
        """Folded span of a capitalised name opening the sentence ("Mr. Clarke", "Trump"), the
        likeliest referent of a "he"/"she" in the next sentences; None for anything else."""
        if self.rules.conjunctions or self.title_case:
            # Arabic names are not capitalised (Arabic resolves no pronouns); a headline in
            # title case capitalises its verbs too ("Clinton Goes After Trump").
            return None
        words = self._relative_opener() or self.sentence_subject()
        # "presidential nominee Hillary Clinton": a lower-case title before the name.
        name = [i for i in words if self.tokens[i].text[:1].isupper()]
        lead = words[: len(words) - len(name)]
        if (
            name
            and lead
            and name == words[len(lead) :]
            and self.tokens[lead[-1]].key in self.rules.person_nouns
        ):
            words = name
        if not words or len(words) > MAX_LABEL_WORDS or not self._proper(words[0]):
            return None
        tokens = [self.tokens[i] for i in words]
        if any(not t.text[:1].isupper() for t in tokens) or tokens[-1].key.endswith(("'s", "’s")):
            return None  # "Those discussions", "Trump's campaign"
        return tokens[0].start, tokens[-1].end

    def _relative_opener(self) -> list[int]:
        """The name opening "Mr. Obama, who ..., spoke of ...": a subject that the relative
        clause after it keeps from its verb; empty when the sentence opens otherwise."""
        if any(t.kind == "punct" for t in self.tokens[: self.first_word]):
            return []
        words = self._name_from(self.first_word)
        after = words[-1] + 1 if words else len(self.tokens)
        if (
            after + 1 < len(self.tokens)
            and self.tokens[after].text == ","
            and self.tokens[after + 1].key in self.rules.relative_words
        ):
            return words
        return []

    def own_subject(
        self, pronoun: tuple[int, int], regions: Sequence[tuple[int, int]], names: set[str]
    ) -> tuple[int, int] | None:
        """Folded span of the name opening this sentence that a later pronoun source stands for
        ("Ms. Lee got a roar when she added ..."); None when another capitalised word outside
        quotations comes between them ("Trump mocked Clinton after she said"), which could be
        the pronoun's referent too."""
        subject = self.subject_name()
        if (
            subject is None
            or subject[1] > pronoun[0]
            or not self.known_name(subject, names)  # "All of this, he said"
            or any(t.kind == "punct" for t in self.tokens[: self.first_word])
            or any(start <= subject[0] < end for start, end in regions)
        ):
            return None  # '"Clinton lies," he said': a name inside a quotation is no subject
        first = bisect_left(self.starts, subject[1])
        last = bisect_left(self.starts, pronoun[0])
        for token in self.tokens[first:last]:
            if (
                token.kind == "word"
                and token.text[:1].isupper()
                and not any(start <= token.start < end for start, end in regions)
            ):
                return None
        return subject

    def subject_pronoun(self) -> bool:
        """Does the sentence's subject consist of one chain pronoun ("She then visited ...")?"""
        words = self.sentence_subject()
        return len(words) == 1 and self.tokens[words[0]].key in self.rules.chain_pronouns

    def titles(self, span: tuple[int, int], name: str) -> dict[str, str]:
        """Person nouns used as a capitalised title in the folded ``span`` ("President" in
        "President Barack Obama"), each mapped to ``name``."""
        first = bisect_left(self.starts, span[0])
        last = bisect_left(self.starts, span[1])
        return {
            self.tokens[i].key: name
            for i in range(first, last)
            if self.tokens[i].key in self.rules.person_nouns and self.tokens[i].text[:1].isupper()
        }

    def known_name(self, span: tuple[int, int], names: set[str]) -> bool:
        """Is the subject ``span`` a name? One capitalised word opening the sentence ("Seeing",
        "Trump") counts only if the document has used it inside a sentence before."""
        first = bisect_left(self.starts, span[0])
        last = bisect_left(self.starts, span[1]) - 1
        if first != last or first != self.first_word:
            return True
        return self.tokens[first].key in names

    def inner_names(self) -> list[str]:
        """Keys of the capitalised words that are not the sentence's first word."""
        return [
            t.key
            for i, t in enumerate(self.tokens)
            if i != self.first_word and t.kind == "word" and t.text[:1].isupper()
        ]

    def has_name(self, span: tuple[int, int]) -> bool:
        """Does the folded ``span`` hold a name (a capitalised word that is no common opener)?"""
        first = bisect_left(self.starts, span[0])
        last = bisect_left(self.starts, span[1])
        return any(self.tokens[i].kind == "word" and self._proper(i) for i in range(first, last))

    def description(self, span: tuple[int, int]) -> bool:
        """Is the folded ``span`` a definite description of a person ("the Vermont senator",
        "the former president") rather than a name?"""
        first = bisect_left(self.starts, span[0])
        last = bisect_left(self.starts, span[1]) - 1
        if last - first + 1 > MAX_LABEL_WORDS or last <= first:
            return False
        head = self.tokens[last]
        # After "after", "because", "that" the description is someone in a subordinate clause,
        # often not the person the article has been quoting.
        subordinate = first > 0 and self.tokens[first - 1].key in self.rules.boundaries
        return (
            not subordinate
            and self.tokens[first].key in self.rules.definite
            and head.key in self.rules.person_nouns
            and not head.text[:1].isupper()
        )

    def _modifies_noun(self, index: int) -> bool:
        """Is the cue word a participle after a noun ("deliveries promised by the West")?"""
        following = index + 1
        return (
            following < len(self.tokens)
            and self.tokens[following].key in self.rules.participle_followers
        )

    def _verb_position(self, index: int) -> bool:
        """Can the cue word at ``index`` be a verb? Not "the United States", "his claims"."""
        token = self.tokens[index]
        if index != self.first_word and token.text[:1].isupper() and not self.title_case:
            return False
        if index == 0:
            return True
        previous = self.tokens[index - 1]
        return not (
            previous.key in self.rules.noun_markers
            or previous.kind == "number"  # "by 0.1 points", "3 reports"
            # "Twenty-seven states": after a count above one, a cue word in -s is a plural noun
            # (the plural verb has no -s).
            or (
                token.key.endswith("s")
                and previous.key.rsplit("-", 1)[-1] in self.rules.plural_numerals
            )
            or (
                previous.kind == "word"
                and previous.key.endswith(("'s", "’s"))
                and previous.key not in self.rules.progressive_auxiliaries  # "He's saying"
            )
        )

    # ---- source phrases ----------------------------------------------------------------------

    def _abbreviation_before(self, index: int) -> bool:
        """Is the full stop at ``index`` part of a name ("Mr.", "U.S.", "John F.")?"""
        if index == 0:
            return False
        previous = self.tokens[index - 1]
        last = previous.key.rsplit("-", 1)[-1]  # "R-Ky." ends with a state abbreviation
        return previous.kind == "word" and (
            previous.key in self.rules.titles
            or last in self.rules.titles
            or (len(previous.text) == 1 and previous.text.isupper())
        )

    def _vague_so_far(self, words: list[int]) -> bool:
        return all(
            self._head(self.tokens[i].key) in self.rules.vague_heads or self._is_modifier(i)
            for i in words
        ) and any(self._head(self.tokens[i].key) in self.rules.vague_heads for i in words)

    def scan_after(self, index: int, cue: _Cue) -> tuple[list[int], str, int]:
        """Source words after a cue: (token indices, what stopped the scan, shift of the first)."""
        rules = self.rules
        tokens = self.tokens
        shift = cue.shift
        skipped = 0
        # Skip time words and an Arabic recipient («قال لـ«عكاظ»», «قال للصحفيين»).
        while index < len(tokens) and skipped < MAX_SKIPPED and shift == 0:
            token = tokens[index]
            if token.kind == "word" and token.key in rules.time_words:
                index += 1
            elif rules.conjunctions and token.key == "ل" and index + 1 < len(tokens):
                index += 2
            elif rules.conjunctions and token.key.startswith("لل") and len(token.key) > 3:
                index += 1
            else:
                break
            skipped += 1
        words: list[int] = []
        stop = "end"
        while index < len(tokens):
            if len(words) >= MAX_SOURCE_WORDS:
                stop = "length"
                break
            token = tokens[index]
            key = token.key[shift:] if shift and not words else token.key
            if token.kind == "punct":
                if (token.text == "." and self._abbreviation_before(index)) or (
                    token.text in _JOINING_PUNCT and words
                ):
                    index += 1
                    continue
                closing = self._bracket_end(index) if words else None
                if closing is not None:
                    words.append(closing)  # "مندوبان بمنظمة ... (أوبك)"
                    index = closing + 1
                    continue
                stop = token.text[0]
                break
            if token.kind == "number":
                stop = "number"
                break
            if token.kind == "word" and words:
                if key in rules.joiners and self._vague_so_far(words):
                    words.append(index)
                    index += 1
                    continue
                if key in rules.connectors:
                    words.append(index)
                    index += 1
                    continue
            if token.kind == "word" and (
                key in rules.boundaries
                or key in rules.time_words
                or key in rules.clause_words
                or key in rules.content_prepositions
            ):
                stop = key
                break
            if (
                token.kind == "word"
                and rules.conjunctions
                and not words
                and key.startswith("ب")
                and key not in rules.connectors
                and (cue.key in rules.object_b_verbs or key.startswith("بال"))
            ):
                stop = key  # «تتعهد بحماية ...»: the object follows, the subject came first
                break
            if token.kind == "word" and words and rules.conjunctions:
                if key.startswith("لل") and self._genitive_follows(index):
                    words.append(index)  # «الأمين العام للأمم المتحدة»
                    index += 1
                    continue
                if key.startswith("بال") or key.startswith("لل") or key == "ل":
                    stop = key
                    break
                if key.startswith("ب") and cue.key in rules.object_b_verbs and len(words) >= 2:
                    stop = key
                    break
            if token.kind == "word" and words and self._is_cue_word(token):
                stop = "cue"
                break
            words.append(index)
            index += 1
        return words, stop, (shift if words and words[0] == cue.after else 0)

    def _bracket_start(self, index: int) -> int | None:
        """Index of the "(" matching a ")" at ``index`` within a few tokens, if any."""
        if self.tokens[index].text != ")":
            return None
        for position in range(index - 1, max(index - 10, -1), -1):
            text = self.tokens[position].text
            if text == "(":
                return position if position > 0 else None
            if text == ")":
                return None
        return None

    def _bracket_end(self, index: int) -> int | None:
        """Index of the ")" closing a "(" at ``index`` within a few tokens, if any."""
        if self.tokens[index].text != "(":
            return None
        for position in range(index + 1, min(index + 8, len(self.tokens))):
            token = self.tokens[position]
            if token.text == ")":
                return position
            if token.text == "(" or token.key in self.rules.time_words:
                return None  # "(الأربعاء)" is a date, not part of the name
        return None

    def _genitive_follows(self, index: int) -> bool:
        """Is the لل- word at ``index`` followed by a definite adjective or a bracket?"""
        if index + 1 >= len(self.tokens):
            return False
        following = self.tokens[index + 1]
        article = self.rules.article
        return following.text == "(" or bool(article and following.key.startswith(article))

    def scan_before(self, index: int, limit: int = MAX_SOURCE_WORDS) -> tuple[list[int], str]:
        """Source words before a cue (subject of an SVO verb), in text order."""
        rules = self.rules
        tokens = self.tokens
        position = index - 1
        skipped = 0
        while (
            position >= 0
            and skipped < MAX_SKIPPED
            and tokens[position].kind == "word"
            and (
                tokens[position].key in rules.skip_before
                or tokens[position].key in rules.time_words
                or self._adverb(position)
            )
        ):
            position -= 1
            skipped += 1
        words: list[int] = []
        stop = "start"
        while position >= 0:
            if len(words) >= limit:
                stop = "length"
                break
            token = tokens[position]
            if token.kind == "punct":
                if (token.text == "." and self._abbreviation_before(position)) or (
                    token.text in _JOINING_PUNCT and words
                ):
                    position -= 1
                    continue
                opening = self._bracket_start(position)
                if opening is not None:
                    # A short bracket inside a name: "Sen. David Perdue (R-Ga.) said".
                    words.append(position)
                    position = opening - 1
                    continue
                stop = token.text
                break
            if token.kind == "number":
                if words and self._year_modifier(position):
                    words.append(position)  # "Data from the 2014 census show"
                    position -= 1
                    continue
                stop = "number"
                break
            key = token.key
            if (
                key in rules.relative_words
                and words
                and position > 0
                and tokens[position - 1].kind == "word"
            ):
                words.append(position)
                position -= 1
                continue
            cue_word = (
                self._is_cue_word(token)
                and self._verb_position(position)  # not "one of the states suing"
                and not (key in rules.evidence_nouns or key in rules.vague_heads)
            )
            if key in rules.boundaries or key in rules.clause_words or cue_word:
                stop = key
                break
            words.append(position)
            position -= 1
            if len(words) == 1 and key in rules.pronouns and not rules.conjunctions:
                # "the target it pledged", "in an interview he blasted": a pronoun right
                # before the verb is its whole subject.
                stop = key
                break
        words.reverse()
        return words, stop

    def _adverb(self, index: int) -> bool:
        """Is the word at ``index`` a lower-case manner adverb ("aggressively", "frequently")?"""
        token = self.tokens[index]
        return (
            token.kind == "word"
            and not token.text[:1].isupper()
            and token.key.endswith(self.rules.adverb_suffixes)
        )

    def _year_modifier(self, index: int) -> bool:
        """Is the number at ``index`` a year modifying a name ("the 2014 Community Survey")?"""
        token = self.tokens[index]
        following = self.tokens[index + 1] if index + 1 < len(self.tokens) else None
        return (
            len(token.text) == 4
            and token.text.isdigit()
            and token.text[:2] in ("19", "20")
            and index > 0
            and self.tokens[index - 1].key in self.rules.definite
            and following is not None
            and following.text[:1].isupper()
        )

    def _skip_back(self, index: int) -> int:
        """Index of the token before ``index`` once auxiliaries and adverbs are skipped."""
        position = index - 1
        skipped = 0
        while (
            position >= 0
            and skipped < MAX_SKIPPED
            and self.tokens[position].kind == "word"
            and (
                self.tokens[position].key in self.rules.skip_before
                or self.tokens[position].key in self.rules.time_words
                or self._adverb(position)
            )
        ):
            position -= 1
            skipped += 1
        return position

    def appositive(self, index: int) -> list[int] | None:
        """Source of "Name, title, (has) said": the name, or "title, Name" when a name follows.

        Only a chain of at least two comma-separated phrases that opens a clause counts, so
        "Prices rose, said Kirby" is left to the inverted reading.
        """
        position = self._skip_back(index)
        if position < 0 or self.tokens[position].text != ",":
            return None
        segments: list[list[int]] = []
        stop = ","
        while stop == "," and len(segments) < MAX_APPOSITIVES:
            words, stop = self.scan_before(position, MAX_TITLE_WORDS)
            if not words and stop == "number" and self._age_at(position - 1):
                segments.append([position - 1])  # "Quina Jones, 25, said"
                position -= 2
                stop = ","
                continue
            if not words:
                break
            segments.append(words)
            position = words[0] - 1
            if self._links_appositive(position, stop, words):
                position -= 1  # ", who runs ..., said" / ", director of X and a professor, said"
                if position >= 0 and self.tokens[position].text == ",":
                    stop = ","
                    continue
                words, stop = self.scan_before(position + 1, MAX_TITLE_WORDS)
                if not words:
                    break
                segments.append(words)
                position = words[0] - 1
        opener = (
            stop == "start"
            or stop in self.rules.boundaries
            or stop in _CLOSING_QUOTES
            or stop in (":", ";", "(", "-", "—")
        )
        if len(segments) < 2 or not opener or len(segments[-1]) > MAX_SOURCE_WORDS:
            return None
        segments.reverse()
        head, following = segments[0], segments[1]
        if self.tokens[head[0]].kind == "number":
            return None
        if (
            len(following) <= MAX_LABEL_WORDS
            and any(self.tokens[i].kind == "word" for i in following)
            and all(
                self.tokens[i].text[:1].isupper()
                for i in following
                if self.tokens[i].kind == "word"
            )
        ):
            return list(range(head[0], following[-1] + 1))  # "Ukraine's president, Zelensky"
        return head

    def relative_subject(self, index: int) -> list[int] | None:
        """Source of "Name, who ... since he left in May, said": the name before a relative
        clause set off by commas, however many clause words the clause holds."""
        position = self._skip_back(index)
        if position < 0 or self.tokens[position].text != ",":
            return None
        for back in range(position - 1, max(-1, position - 1 - MAX_TITLE_WORDS), -1):
            token = self.tokens[back]
            if (
                token.kind == "punct"
                and token.text not in (",", "'", "’", "-")
                and not (token.text == "." and self._abbreviation_before(back))  # "U.S."
            ):
                return None  # the clause must not cross a quotation or a sentence part
            if token.key not in self.rules.relative_words | self.rules.appositive_relatives:
                continue
            if back < 1 or self.tokens[back - 1].text != ",":
                return None
            words, stop = self.scan_before(back - 1)
            opener = stop == "start" or stop in self.rules.boundaries or stop in (":", ";")
            if not (words and opener):
                # "Schiff, 56, who ...," / "Jane Roe, of Ashton, Md., who ...,": the name
                # heads a chain of appositives before the relative clause.
                words = self.appositive(back) or []
            if words and (any(self._proper(i) for i in words) or self._source_head(words[-1])):
                return words  # "Smith, who ...," / "The report, which ...,"
            return None
        return None

    def _conjoined(self, words: list[int], stop: str) -> list[int]:
        """``words`` with the names coordinated before them ("Merkley (D-Ore.), Brown and
        Menendez all suggested"): the subject is the whole list, which opens a clause; else
        ``words`` unchanged."""
        if stop not in self.rules.appositive_links or not self._proper(words[0]):
            return words
        names = list(words)
        position = words[0] - 1  # the "and"
        for _ in range(MAX_APPOSITIVES):
            before = self.tokens[position - 1] if position > 0 else None
            if before is None or not (before.text[:1].isupper() or before.text == ")"):
                return words
            part, stop = self.scan_before(position, MAX_LABEL_WORDS + 4)
            if not part or not all(
                self.tokens[i].text[:1].isupper() or self.tokens[i].kind == "punct"
                for i in part
            ):
                return words  # "Trump lost and Clinton said": a clause, not a name
            names = part + names
            if stop != ",":
                break
            position = part[0] - 1
        opener = stop == "start" or stop in self.rules.boundaries or stop in (":", ";")
        return list(range(names[0], words[-1] + 1)) if opener else words

    def _dashed_subject(self, index: int) -> list[int] | None:
        """Source of "Kall -- co-editor of X, a book on Y -- said": the name before a
        parenthetical set off by dashes right before the cue."""
        position = self._skip_back(index)
        if position < 1 or self.tokens[position].text not in ("-", "—", "–"):
            return None
        for back in range(position - 2, max(-1, position - 2 - MAX_TITLE_WORDS), -1):
            token = self.tokens[back]
            if token.text not in ("-", "—", "–"):
                if token.kind == "punct" and token.text not in (",", "'", "’", "."):
                    return None
                continue
            while back > 0 and self.tokens[back - 1].text in ("-", "—", "–"):
                back -= 1  # "--" is two tokens
            words, stop = self.scan_before(back)
            opener = stop == "start" or stop in self.rules.boundaries or stop in (":", ";")
            if words and opener and any(self._proper(i) for i in words):
                return words
            return None
        return None

    def _source_head(self, index: int) -> bool:
        """Does the word at ``index`` name a kind of source ("report", "ministry", "senator")?"""
        key = self._head(self.tokens[index].key)
        rules = self.rules
        return key in (
            rules.person_nouns | rules.head_nouns | rules.evidence_nouns | rules.document_nouns
            | rules.group_nouns
        )

    def _age_at(self, index: int) -> bool:
        """Is the token at ``index`` a bare number between commas (an age: "Jones, 25, said")?"""
        return (
            index > 0 and self.tokens[index].kind == "number" and self.tokens[index - 1].text == ","
        )

    def _links_appositive(self, position: int, stop: str, words: list[int]) -> bool:
        """Does the word at ``position`` join two parts of one title ("who", "and a")?"""
        if position < 1 or self.tokens[position].kind != "word":
            return False
        if stop in self.rules.relative_words or stop in self.rules.appositive_relatives:
            return self.tokens[position - 1].text == ","
        if stop not in self.rules.appositive_links:
            return False
        # "director of X and a professor", "an economist and tax expert", "a professor of
        # planning and transport at X": one title, joined between lower-case words
        return self.tokens[words[0]].key in self.rules.determiners or (
            not self.tokens[words[0]].text[:1].isupper()
            and not self.tokens[position - 1].text[:1].isupper()
        )

    def sentence_subject(self, cue: int | None = None) -> list[int]:
        """The noun phrase opening the sentence ("The Trump campaign" in "The Trump campaign
        hit back, saying ..."), or opening its main clause after a short adverbial and a comma
        ("On Thursday, however, Trump spoke ..., promising"); empty when there is none before
        the token ``cue``."""
        limit = len(self.tokens) if cue is None else cue
        start = self.first_word
        for _ in range(MAX_APPOSITIVES):
            words, position = self._subject_from(start, limit)
            if words:
                return words
            # Only an adverbial ("In May,", "however,") may come before the subject.
            if position >= limit or self.tokens[position].text != ",":
                return []
            start = position + 1
        return []

    def _subject_from(self, position: int, limit: int) -> tuple[list[int], int]:
        """The subject starting at ``position`` (must be followed by its verb), and, when there
        is none, the index of the comma ending the adverbial found there."""
        rules = self.rules

        def phrase_word(key: str) -> bool:
            # Lower-case words a subject noun phrase is made of: nouns and their modifiers.
            return (
                key in rules.vague_heads
                or key in rules.person_nouns
                or key in rules.head_nouns
                or key in rules.vague_modifiers
            )

        words: list[int] = []
        adverbial = False
        while position < limit and len(words) < MAX_LABEL_WORDS + 2:
            token = self.tokens[position]
            key = token.key
            if token.kind == "punct" and token.text == "." and self._abbreviation_before(position):
                position += 1
                continue
            if token.kind != "word":
                break
            if not words and key in rules.pronouns and not adverbial:
                return [position], position
            if not words and (key in rules.boundaries or key in rules.content_prepositions):
                adverbial = True  # "In May, ..." opens with an adverbial, not a subject
            if not words and position == self.first_word and key.endswith(("ing", "ed")):
                adverbial = True  # "Chastened by the analyses, Trump revised ..."
            if adverbial:
                position += 1
                continue
            function_word = (
                key in rules.boundaries
                or key in rules.clause_words
                or key in rules.skip_before
                or key in rules.content_prepositions
                or key in rules.joiners
                or self._is_cue_word(token)
            )
            if words and function_word:
                break
            capital = token.text[:1].isupper()
            known = capital or key in rules.determiners or phrase_word(key)
            # A lower-case word ending like a verb ("slammed", "attacks") ends it; so does an
            # unknown one after a bare name ("Trump spoke") or after a word that can end a
            # noun phrase ("The Trump campaign hit back").
            if words and not known:
                last = self.tokens[words[-1]]
                # "two Democratic speechwriters": a count opens a noun phrase, as "the" does.
                bare_name = last.text[:1].isupper() and (
                    self.tokens[words[0]].key not in rules.determiners | rules.unnamed_openers
                )
                after_noun = not last.text[:1].isupper() and phrase_word(last.key)
                if key.endswith(("ed", "s")) or bare_name or after_noun:
                    break
            words.append(position)
            position += 1
        if words and (position >= limit or self.tokens[position].kind != "word"):
            # A subject is followed by its verb: "however," or "Trump," is no subject here.
            return [], position
        return words, position

    def label(self) -> _Found | None:
        """A name before a headline/transcript colon ("PENCE: ...") or after a quote dash."""
        tokens = self.tokens
        if not self.rules.colon_names or not tokens:
            return None
        for index, token in enumerate(tokens):
            if token.text not in _QUOTE_DASHES:
                continue
            if index > 0 and tokens[index - 1].text not in _CLOSING_QUOTES:
                continue
            words = self._name_from(index + 1)
            if words:
                cue = _Cue(index, index + 1, token.start, token.end, "label", token.key)
                return self._explicit(cue, words)
        words = self._name_from(self.first_word)
        # A transcript line may open with a quotation mark ('"PENCE: ...').
        if words and all(t.text in _QUOTE_OPENERS for t in tokens[: self.first_word]):
            colon = words[-1] + 1
            if colon + 1 < len(tokens) and tokens[colon].text == ":":
                end = tokens[colon]
                cue = _Cue(colon, colon + 1, end.start, end.end, "label", ":")
                found = self._explicit(cue, words)
                return found if found.status is not None else None
        return None

    def byline(self, found: _Found) -> bool:
        """Is ``found`` a quote dash and a name that make up the whole sentence ("― Jane Roe"),
        perhaps with a short description after a comma ("― Jane Roe, 52, Houston")?"""
        return found.cue.first == 0 and self.signs(found)

    def signs(self, found: _Found) -> bool:
        """Is ``found`` a quote dash and a name that end the sentence ('...” ― Jane Roe')?"""
        if found.cue.kind != "label" or found.cue.key not in _QUOTE_DASHES or found.span is None:
            return False
        tail = [t for t in self.tokens if t.start >= found.span[1]]
        if all(t.kind == "punct" for t in tail):
            return True
        return tail[0].text == "," and len(tail) <= MAX_BYLINE_TAIL

    def lead_subject(self, names: set[str]) -> tuple[int, int] | None:
        """Folded span of the name that is the subject of the sentence, after short adverbials
        ("During the primaries, the Times gave ...:" gives "the Times"): capitalised words (a
        determiner may open them) followed by a lower-case word, their verb. ``names`` are the
        document's names (see :meth:`known_name`); None when the subject is no name."""
        tokens = self.tokens
        start = self.first_word
        for _ in range(MAX_APPOSITIVES):
            if start >= len(tokens):
                return None
            position = start + (tokens[start].key in self.rules.determiners)
            words = self._name_from(position)
            after = words[-1] + 1 if words else position
            if (
                words
                and self._proper(words[0])
                and after < len(tokens)
                and tokens[after].kind == "word"
                and tokens[after].text[:1].islower()
                and self.known_name((tokens[words[0]].start, tokens[words[-1]].end), names)
            ):
                return tokens[start].start, tokens[words[-1]].end
            stop = min(len(tokens), start + MAX_LABEL_WORDS + 2)
            comma = next((i for i in range(start, stop) if tokens[i].text == ","), None)
            if comma is None:
                return None  # only a short adverbial may come before the subject
            start = comma + 1
        return None

    def _name_from(self, index: int) -> list[int]:
        """Capitalised words from ``index`` (a name of at most a few words), else empty."""
        words: list[int] = []
        position = index
        while position < len(self.tokens) and len(words) <= MAX_LABEL_WORDS:
            token = self.tokens[position]
            if token.kind == "word" and token.text[:1].isupper():
                words.append(position)
            elif not (token.text == "." and words and self._abbreviation_before(position)):
                break
            position += 1
        if (
            not words
            or len(words) > MAX_LABEL_WORDS
            or self.tokens[words[0]].key
            in (self.rules.determiners | self.rules.pronouns | self.rules.boundaries)
        ):
            return []
        return words

    # ---- classification ----------------------------------------------------------------------

    def _is_modifier(self, index: int) -> bool:
        key = self.tokens[index].key
        head = self._head(key)
        if key in self.rules.vague_modifiers or head in self.rules.vague_modifiers:
            return True
        if not self.rules.conjunctions:  # English modifiers are lower-case words
            return False
        return any(
            head.endswith(s) and len(head) > len(s) + 2 for s in self.rules.adjective_suffixes
        )

    def _proper(self, index: int) -> bool:
        """English evidence of a name: a capitalised word that is not the sentence's first."""
        token = self.tokens[index]
        if token.kind == "quoted":
            return True
        if self.rules.conjunctions:
            return False
        if not token.text[:1].isupper():
            return False
        if index != self.first_word:
            return True
        # The first word is capitalised anyway: a name only if it is no known common word.
        key = token.key
        return not (
            key in self.rules.vague_modifiers
            or key in self.rules.vague_heads
            or key in self.rules.determiners
            or key in self.rules.pronouns
        )

    def classify(self, words: list[int]) -> tuple[AttributionStatus | None, list[int]]:
        """Status of a source phrase (None for a bare pronoun) and the words to report."""
        rules = self.rules
        if not words:
            return None, words
        if len(words) == 1 and self.tokens[words[0]].key in rules.pronouns:
            return None, words
        keys = [self._head(self.tokens[i].key) for i in words]
        unnamed = self._unnamed_group(words, keys)
        if unnamed is not None:
            return unnamed, words
        heads = [n for n, k in enumerate(keys) if k in rules.vague_heads]
        if not heads:
            return "named", words
        head = heads[0]
        if rules.conjunctions:
            # Arabic: vague unless something other than modifiers joins the vague head.
            for n in range(len(words)):
                i = words[n]
                token = self.tokens[i]
                if n in heads:
                    continue
                if token.kind == "quoted":
                    return "named", words
                if token.key in rules.joiners and n + 1 < len(words):
                    following = words[n + 1]
                    if not self._is_modifier(following) and n + 1 not in heads:
                        return "named", words
                    continue
                if not self._is_modifier(i):
                    return "named", words
            return "vague", words
        if not any(self._proper(i) for i in words):
            return "vague", words
        # "reports by Reuters": the agent after by/from is the source.
        for n in range(head + 1, len(words) - 1):
            if keys[n] in rules.agent_prepositions and any(self._proper(i) for i in words[n + 1 :]):
                return "named", words[n + 1 :]
        return "named", words

    def _unnamed_group(self, words: list[int], keys: list[str]) -> AttributionStatus | None:
        """The status a source's form settles, whatever names modify it; else None (also for
        packs without ``unnamed_openers``/``group_nouns``/``document_nouns``).

        The head is the last word before a joiner ("spokesman" in "a spokesman for the Army").
        Unnamed people are vague even with a name as modifier: an indefinite or quantifying
        opener before a person ("A Texas judge", "Two Pentagon officials", "Some Republicans"),
        or a group of people named by nothing else ("Republicans"; "Pentagon officials" keeps
        the institution as its name). A definite document ("The study", "the ruling") is one
        specific source: named.
        """
        rules = self.rules
        if any(t.text == "," for t in self.tokens[max(0, words[0] - 1) : words[-1]]):
            # "A lawyer for the firm, Jane Roe" / "Dean, a former chairman": a name in apposition
            return None
        cut = next((n for n, k in enumerate(keys) if n and k in rules.joiners), len(keys))
        head = keys[cut - 1]
        if keys[0] in rules.definite:
            return "named" if head in rules.document_nouns else None
        if keys[0] in rules.unnamed_openers and head in rules.person_nouns | rules.group_nouns:
            return "vague"
        if (
            keys[0] in rules.plural_numerals
            and len(words) > 1
            and not self.tokens[words[cut - 1]].text[:1].isupper()
            and head not in rules.document_nouns | rules.evidence_nouns
        ):
            return "vague"  # "two Democratic speechwriters": a count of unnamed people
        if head in rules.group_nouns and not any(
            self._proper(i) for n, i in enumerate(words[:cut]) if n != cut - 1
        ):
            return "vague"  # "Republicans", "Many lawmakers"; "Pentagon officials" is left named
        return None

    # ---- per cue -----------------------------------------------------------------------------

    def _explicit(self, cue: _Cue, words: list[int], shift: int = 0) -> _Found:
        status, kept = self.classify(words)
        if status is None:
            return _Found(cue, None, self._span(kept, shift if kept == words else 0))
        return _Found(cue, status, self._span(kept, shift if kept[0] == words[0] else 0))

    def _span(self, words: list[int], shift: int = 0) -> tuple[int, int] | None:
        if not words:
            return None
        return self.tokens[words[0]].start + shift, self.tokens[words[-1]].end

    def relayed(self, outlet: _Found, speaker: _Found) -> bool:
        """Does an opening "According to X," relay what ``speaker`` said ("According to the
        paper, the mayor said ...")? The one who spoke is then the source."""
        if outlet.cue.kind != "preposition" or outlet.cue.first != self.first_word:
            return False
        if speaker.cue.kind != "verb" or speaker.span is None or speaker.status != "named":
            return False
        index = bisect_left(self.starts, speaker.span[0])
        return index > 0 and self.tokens[index - 1].text == ","

    def opens_sentence(self, found: _Found) -> bool:
        """Is ``found`` the main clause: its subject (or, without one, its cue) comes first?"""
        first = self.tokens[self.first_word].start if self.tokens else 0
        if found.span is not None:
            return found.span[0] == first
        return found.cue.first == self.first_word

    def _starts_clause(self, index: int) -> bool:
        """Does the cue at ``index`` follow punctuation or open the sentence?"""
        return index <= self.first_word or self.tokens[index - 1].kind == "punct"

    def examine(self, cue: _Cue) -> _Found | None:
        """What the cue attributes to; None when the cue is not an attribution after all."""
        rules = self.rules
        if cue.kind == "preposition":
            if cue.first == self.first_word and cue.key in rules.not_opening:
                return None  # "Citing a theory, Trump said ...": the main clause has the source
            words, _, shift = self.scan_after(cue.after, cue)
            if not words:
                return None
            if cue.weak:
                # «وفقاً لـ» is mostly "in accordance with": a source only if a source noun leads.
                first = self.tokens[words[0]]
                key = first.key[shift:] if words[0] == cue.after else first.key
                head = self._head(key)
                nouns = rules.source_nouns | rules.vague_heads
                if first.kind != "quoted" and key not in nouns and head not in nouns:
                    return None
            return self._explicit(cue, words, shift)
        if cue.kind == "passive":
            if rules.conjunctions:
                words, stop, shift = self.scan_after(cue.after, cue)
                if words and stop in rules.complementisers:
                    found = self._explicit(cue, words, shift)
                    if found.status is not None:
                        return found
                return _Found(cue, passive=True)
            after = cue.after
            if after < len(self.tokens) and self.tokens[after].key in rules.agent_prepositions:
                words, _, _ = self.scan_after(after + 1, cue)
                if words:
                    return self._explicit(cue, words)
            return _Found(cue, passive=True)
        if cue.kind == "frame":
            owner = self.tokens[self.frame_owner(cue.first) or 0]
            return _Found(cue, "named", (owner.start, owner.end - 2))
        if cue.kind == "participle":
            if any(t.text in _QUOTE_OPENERS for t in self.tokens[: self.first_word]):
                # '"Unity means ...," she said, emphasizing ...': the sentence opens with the
                # quotation, so its first words are content, not the subject.
                return _Found(cue)
            subject = self.sentence_subject(cue.first)
            return self._explicit(cue, subject) if subject else _Found(cue)
        if cue.kind == "evidence":
            words, _ = self.scan_before(cue.first)
            if any(self.tokens[i].key in rules.evidence_nouns for i in words):
                return self._explicit(cue, words)
            following = self.tokens[cue.after].key if cue.after < len(self.tokens) else ""
            if following == "that" and any(self._proper(i) for i in words):
                return self._explicit(cue, words)  # "The Charlotte Observer found that ..."
            return None
        if rules.source_after:
            return self._examine_vso(cue)
        return self._examine_svo(cue)

    def _examine_svo(self, cue: _Cue) -> _Found | None:
        before = self._skip_back(cue.first)
        if before > 0 and self.tokens[before].key == "to" and not cue.key.endswith(("s", "d")):
            # "Ham went on to explain how ...": the subject of the verb governing "to".
            subject = self.sentence_subject(before)
            if not subject or self._is_cue_word(self.tokens[subject[-1]]):
                return None
            first = self.tokens[subject[0]]
            if (
                first.text[:1].isupper()
                or first.key in self.rules.determiners | self.rules.pronouns
            ):
                return self._explicit(cue, subject)
            return None
        words, stop = self.scan_before(cue.first)
        if words and any(self.tokens[i].key not in self.rules.determiners for i in words):
            return self._explicit(cue, self._conjoined(words, stop))
        if not words and stop in self.rules.relative_words | self.rules.appositive_relatives:
            # "Ted Cruz endorses Trump, who says he is honored": the name before ", who" (or
            # right before it: "the Chicago Police Department which reported").
            who = self._skip_back(cue.first)
            comma = who >= 2 and self.tokens[who - 1].text == ","
            if comma or (who >= 1 and self.tokens[who - 1].text[:1].isupper()):
                name: list[int] = []
                position = who - 2 if comma else who - 1
                while (
                    position >= 0
                    and len(name) < MAX_LABEL_WORDS
                    and self.tokens[position].kind == "word"
                    and self.tokens[position].text[:1].isupper()
                ):
                    name.insert(0, position)
                    position -= 1
                if name:
                    return self._explicit(cue, name)
        if not words and stop in self.rules.coordinators:
            # "Cruz exhorted Republicans ... and said he was ...": the first verb's subject.
            subject = self.sentence_subject(cue.first)
            if subject and self.tokens[subject[0]].key not in self.rules.pronouns:
                return self._explicit(cue, subject)
        chain = (
            self.appositive(cue.first)
            or self.relative_subject(cue.first)
            or self._dashed_subject(cue.first)
        )
        if chain:
            return self._explicit(cue, chain)
        if cue.key in self.rules.inverted and self._starts_clause(cue.first):
            after, _, _ = self.scan_after(cue.after, cue)
            if any(
                self.tokens[i].key.endswith("ed")
                and not self.tokens[i].text[:1].isupper()
                and self.tokens[j].key not in self.rules.determiners
                for j, i in pairwise(after)
            ):
                # "..., said the candidate tended to ...": a noun and its verb are content.
                after = []
            if after:
                first = self.tokens[after[0]]
                if (
                    first.text[:1].isupper()
                    or first.key in self.rules.determiners
                    or first.key in self.rules.vague_heads
                    or first.key in self.rules.pronouns
                    or first.key in self.rules.numeral_words
                    or first.key in self.rules.vague_modifiers
                ):
                    return self._explicit(cue, after)
        return None

    def _examine_vso(self, cue: _Cue) -> _Found | None:
        rules = self.rules
        if not cue.conjunction and rules.copulas:
            before, before_stop = self.scan_before(cue.first, MAX_ARABIC_PRESUBJECT_WORDS)
            if before and before_stop in rules.copulas:
                return self._explicit(cue, before)  # «وكانت الوزارة قد قالت»
        words, stop, shift = self.scan_after(cue.after, cue)
        if words:
            return self._explicit(cue, words, shift)
        if not cue.conjunction and cue.first > self.first_word:
            before, before_stop = self.scan_before(cue.first, MAX_ARABIC_PRESUBJECT_WORDS)
            opener = before_stop in _CLAUSE_OPENERS or (
                before_stop in rules.boundaries and before_stop not in rules.relative_words
            )
            if before and opener:
                return self._explicit(cue, before)
        # No subject: «وأضاف أن ...», «وقال: ...» keep the previous source; anything else
        # (a verb used with an object) is not an attribution.
        if stop in rules.boundaries or stop in ("end", ":", ",", "،", "«", '"', "."):
            return _Found(cue)
        return None

    def trailing(self, found: _Found) -> bool:
        """Is this a closing attribution clause (", X said on Monday." / ", said X, ...")?"""
        if found.cue.kind != "verb" or found.span is None or self.rules.source_after:
            return False
        opener = bisect_left(self.starts, found.span[0])
        if opener == 0 or (self.tokens[opener - 1].kind != "punct" and opener != found.cue.after):
            return False
        if opener == found.cue.after:  # inverted: the verb itself follows the punctuation
            return self._starts_clause(found.cue.first)
        tail = 0
        limit = MAX_SKIPPED
        # Verbs of opinion or evaluation ("I believe in ...") take no long closing tail.
        key = found.cue.key
        reporting = key not in self.rules.complement_verbs or key in self.rules.clause_cues
        for position in range(found.cue.after, len(self.tokens)):
            token = self.tokens[position]
            if token.kind in ("word", "number") and token.key not in self.rules.time_words:
                if tail == 0 and token.key in self.rules.content_prepositions and reporting:
                    # '..., DuVernay explained in an interview with The Huffington Post.'
                    limit = MAX_COMPLEMENT_GAP
                if limit > MAX_SKIPPED and token.key in self.rules.complement_openers:
                    return False  # "..., Smith said in an interview that ...": content follows
                tail += 1
                if tail > limit:
                    return False
        return True

    def continuation(self) -> tuple[int, int] | None:
        """Folded span of a continuation opener («ومن جانبه», "He added") at the start."""
        if not self.tokens:
            return None
        matched = self._match_phrase(self.first_word, self.rules.continuations)
        if matched is None:
            return None
        return self.tokens[self.first_word].start, matched[3]


def _carry(
    previous: Attribution | None, cue_span: tuple[int, int], folded: FoldedText, text: str
) -> Attribution | None:
    if previous is None or previous.status == "none":
        return None
    start, end = folded.span(*cue_span)
    return Attribution(
        status=previous.status,
        source=previous.source,
        cue=text[start:end],
        cue_start=start,
        cue_end=end,
        carried=True,
    )


def _result(
    status: AttributionStatus,
    source_span: tuple[int, int] | None,
    cue_span: tuple[int, int],
    folded: FoldedText,
    text: str,
) -> Attribution:
    cue_start, cue_end = folded.span(*cue_span)
    if source_span is None:
        return Attribution(
            status=status, cue=text[cue_start:cue_end], cue_start=cue_start, cue_end=cue_end
        )
    source_start, source_end = folded.span(*source_span)
    return Attribution(
        status=status,
        source=text[source_start:source_end],
        cue=text[cue_start:cue_end],
        source_start=source_start,
        source_end=source_end,
        cue_start=cue_start,
        cue_end=cue_end,
    )


@dataclass
class AttributionContext:
    """What attribution remembers between the sentences of one document, in reading order.

    Make one per document and pass it to every ``attribute`` call for that document, in order;
    each call updates it: whether a quotation is still open, who spoke last, and the named
    sources and person names that a later "he said" may refer to.
    """

    sentence: int = 0
    in_quote: bool = False
    quote_sentences: int = 0
    # The last sentence was attributed and ended with a colon ("Limbaugh added:").
    introduced: bool = False
    # The attribution of the previous sentence when it had one (a quotation opening the next
    # sentence continues that speaker).
    speaker: Attribution | None = None
    # (sentence number, source) of recent named sources that hold a name, oldest first.
    sources: list[tuple[int, str]] = field(default_factory=list)
    # (sentence number, name) of recent sentences opening with a name ("Mr. Clarke became ..."),
    # oldest first.
    mentions: list[tuple[int, str]] = field(default_factory=list)
    # Capitalised words seen inside sentences (not first): the names of this document.
    names: set[str] = field(default_factory=set)
    # Person noun -> the latest named source or subject carrying it as a title ("president" ->
    # "President Barack Obama").
    titles: dict[str, str] = field(default_factory=dict)

    def resolve(self) -> str | None:
        """The name a singular pronoun most likely refers to, if any is recent enough: the
        speaker of the sentence just before, else a name that opened a recent sentence, else
        an older speaker."""
        now = self.sentence
        latest = [name for number, name in reversed(self.sources) if now - number <= 1]
        mentions = [
            name for number, name in reversed(self.mentions) if now - number <= MAX_MENTION_DISTANCE
        ]
        older = [
            name for number, name in reversed(self.sources) if now - number <= MAX_PRONOUN_DISTANCE
        ]
        return next(iter([*latest, *mentions, *older]), None)


def _quotations(text: str, inside: bool) -> tuple[list[tuple[int, int]], bool]:
    """Quoted stretches of ``text`` (starting inside one if ``inside``) and the state at its end."""
    regions: list[tuple[int, int]] = []
    opened = 0 if inside else -1
    # Two apostrophes are one straight quotation mark (''like this'' in some newspapers).
    text = text.replace(_DOUBLED_APOSTROPHE, " " + _STRAIGHT_QUOTE)
    for position, char in enumerate(text):
        if char == _OPEN_QUOTE or (char == _STRAIGHT_QUOTE and opened < 0):
            if opened < 0:
                opened = position
        elif char in (_CLOSE_QUOTE, _STRAIGHT_QUOTE) and opened >= 0:
            regions.append((opened, position + 1))
            opened = -1
    if opened >= 0:
        regions.append((opened, len(text)))
    return regions, opened >= 0


def _carried(
    status: AttributionStatus,
    source: str | None,
    cue_span: tuple[int, int] | None,
    folded: FoldedText,
    text: str,
) -> Attribution:
    if cue_span is None:
        return Attribution(status=status, source=source, carried=True)
    start, end = folded.span(*cue_span)
    return Attribution(
        status=status,
        source=source,
        cue=text[start:end],
        cue_start=start,
        cue_end=end,
        carried=True,
    )


def attribute(
    text: str,
    pack: LanguagePack,
    *,
    previous: Attribution | None = None,
    context: AttributionContext | None = None,
) -> Attribution:
    """Attribution of ``text`` (offsets into ``text``); ``previous`` is the preceding sentence's.

    ``text`` is one sentence. The result is ``named`` (a specific person, organisation, outlet or
    document), ``vague`` (reports, sources, unnamed officials, passive "it is believed") or
    ``none``. ``text[source_start:source_end] == source`` and ``text[cue_start:cue_end] == cue``.
    A sentence whose cue has a pronoun or no subject ("He added", «وأضاف أن») takes the source of
    ``previous`` with ``carried=True``; then ``source_start``/``source_end`` are None because the
    source is not in ``text``. With a ``context`` (one per document, updated by the call), a
    pronoun ("he said") resolves to a recent named source or person name, and a sentence that
    continues a quotation opened before it is attributed to the quotation's speaker (carried).
    Packs without ``[attribution]`` data always give ``none``.
    """
    return _attribute_text(text, pack, previous, context, sign=False)[0]


def _attribute_text(
    text: str,
    pack: LanguagePack,
    previous: Attribution | None,
    context: AttributionContext | None,
    *,
    sign: bool,
) -> tuple[Attribution, tuple[str, bool] | None, Attribution | None]:
    """:func:`attribute`, and with ``sign`` the signature that ends ``text`` (see
    :func:`_signature`) and the speaker of what it introduces as a lead-in (see
    :func:`_lead_in`), all from one tokenisation of the sentence."""
    rules = _rules(pack)
    if rules is None or not text:
        return NO_ATTRIBUTION, None, None
    folded = fold(text)
    analyser = _Analyser(rules, _tokenise(folded.text, quote_units=rules.quote_units))
    tracking = context is not None and rules.track_quotes
    regions: list[tuple[int, int]] = []
    ends_inside = False
    if context is not None and tracking:
        regions, ends_inside = _quotations(folded.text, context.in_quote)
    result = _attribute(analyser, folded, text, previous, context, regions)
    lead = None
    if sign:
        lead = _lead_in(analyser, folded, text, result, context)
    if context is not None:
        _remember(context, analyser, folded, text, result, ends_inside)
    return result, _signature(analyser, folded, text) if sign else None, lead


def _lead_in(
    analyser: _Analyser,
    folded: FoldedText,
    text: str,
    result: Attribution,
    context: AttributionContext | None,
) -> Attribution | None:
    """The speaker of what a lead-in ending with a colon introduces ("Sanders made the
    following comment:", "The Times endorsed her:", «وقال في بيان:»), as a carried
    attribution; None when ``text`` is no lead-in or names no one."""
    if not text.rstrip().endswith(":"):
        return None
    if result.status != "none":
        return Attribution(status=result.status, source=result.source, carried=True)
    subject = analyser.lead_subject(context.names) if context is not None else None
    if subject is None:
        return None
    start, end = folded.span(*subject)
    return Attribution(status="named", source=text[start:end], carried=True)


def _signature(
    analyser: _Analyser, folded: FoldedText, text: str
) -> tuple[str, bool] | None:
    """The name a quotation is signed with at the end of ``text`` ('...” ― Jane Roe, 52' gives
    "Jane Roe"), and whether ``text`` is the signature line alone; None when unsigned."""
    found = analyser.label()
    if found is None or found.span is None or not analyser.signs(found):
        return None
    start, end = folded.span(*found.span)
    return text[start:end], analyser.byline(found)


def attribute_sentences(
    sentences: Sequence[tuple[str, LanguagePack]], *, breaks: Sequence[bool] | None = None
) -> list[Attribution]:
    """Attribution of every sentence of one document, in order, each with its language pack.

    :func:`attribute` with the previous sentence and one :class:`AttributionContext`, as a
    reader follows the text; then a quotation signed on the line after it ("“...”" then
    "― Jane Roe") is attributed to its signer (carried: the name is not in those sentences),
    which one sentence at a time cannot see. ``breaks[i]`` tells whether sentence ``i`` opens a
    paragraph (a blank line before it): a lead-in ending with a colon ("Sanders made the
    following comment:") then gives its speaker to the whole paragraph that follows it, a
    block quotation, instead of to one sentence.
    """
    previous: Attribution | None = None
    context = AttributionContext()
    results: list[Attribution] = []
    texts = [text for text, _ in sentences]
    if breaks is not None and len(breaks) != len(sentences):
        raise ValueError("breaks must give one flag per sentence")
    # The speaker of the block quotation a lead-in opened, if one is open.
    block: Attribution | None = None
    covered = 0  # sentences of the block so far
    for number, (text, pack) in enumerate(sentences):
        result, signed, lead = _attribute_text(text, pack, previous, context, sign=True)
        # The block ends with the paragraph after the lead-in, or when it is long enough.
        ends = breaks is None or breaks[number] or covered >= MAX_BLOCK_SENTENCES
        if block is not None and covered and ends:
            block = None
        if block is not None:
            covered += 1
            if result.status == "none" or result.carried:
                result = block
        if lead is not None:
            block, covered = lead, 0
        previous = result if result.status != "none" else None
        if signed is not None:
            name, alone = signed
            carried = Attribution(status="named", source=name, carried=True)
            for index in _signed_quotation(texts, number, alone=alone):
                if results[index].status == "none" or results[index].carried:
                    results[index] = carried
        results.append(result)
    return results


def _signed_quotation(texts: Sequence[str], signed: int, *, alone: bool) -> range:
    """Indexes of the sentences before ``texts[signed]`` that belong to the quotation it signs:
    back to the sentence that opens the quotation (at most ``MAX_SIGNED_SENTENCES``). A
    signature line alone signs a quotation closed just before it; one after a closing quote
    ('... end.” ― Jane Roe') signs the sentences of its quotation before it, if any."""
    if alone:
        if not signed or texts[signed - 1].rstrip()[-1:] not in _CLOSING_QUOTES:
            return range(0)
        last = signed - 1
    elif texts[signed].lstrip()[:1] in _OPENING_QUOTES:
        return range(0)  # the quotation opens in the signed sentence itself
    else:
        last = signed
    for first in range(last, max(-1, last - MAX_SIGNED_SENTENCES), -1):
        if texts[first].lstrip()[:1] in _OPENING_QUOTES:
            return range(first, signed)
        if first < last and texts[first].rstrip()[-1:] in _CLOSING_QUOTES:
            break  # an earlier quotation closed here: this one has no opening mark
    return range(0)


def _folded_span(folded: FoldedText, start: int, end: int) -> tuple[int, int]:
    """The folded span of the original ``[start, end)`` (``origin`` never decreases)."""
    return bisect_left(folded.origin, start), bisect_left(folded.origin, end)


def _remember(
    context: AttributionContext,
    analyser: _Analyser,
    folded: FoldedText,
    text: str,
    result: Attribution,
    ends_inside: bool,
) -> None:
    number = context.sentence
    context.quote_sentences = context.quote_sentences + 1 if ends_inside else 0
    context.in_quote = ends_inside and context.quote_sentences <= MAX_QUOTE_SENTENCES
    context.speaker = result if result.status != "none" else None
    context.introduced = context.speaker is not None and text.rstrip().endswith(":")
    if result.status == "named" and result.source:
        if result.carried:
            context.sources.append((number, result.source))  # the same speaker goes on
        elif result.source_start is not None and result.source_end is not None:
            own = _folded_span(folded, result.source_start, result.source_end)
            # Only a source with a name is a referent: not "the event" or a stray clause.
            if analyser.has_name(own):
                context.sources.append((number, result.source))
                context.titles.update(analyser.titles(own, result.source))
    context.sources = [m for m in context.sources if number - m[0] < MAX_PRONOUN_DISTANCE]
    subject = analyser.subject_name()
    if subject is not None and analyser.known_name(subject, context.names):
        start, end = folded.span(*subject)
        context.mentions.append((number, text[start:end]))
        context.titles.update(analyser.titles(subject, text[start:end]))
    elif subject is None and analyser.subject_pronoun():
        # "Clinton leaned in ... She started ... She then ...": a pronoun subject keeps the
        # person it stands for in view, so a "she said" further on still finds her.
        name = context.resolve()
        if name is not None:
            context.mentions.append((number, name))
    context.mentions = [m for m in context.mentions if number - m[0] < MAX_MENTION_DISTANCE]
    context.names.update(analyser.inner_names())
    context.sentence = number + 1


def _attribute(
    analyser: _Analyser,
    folded: FoldedText,
    text: str,
    previous: Attribution | None,
    context: AttributionContext | None,
    regions: list[tuple[int, int]],
) -> Attribution:
    rules = analyser.rules
    # A sentence that starts inside a quotation opened earlier, or that opens with a quotation
    # right after an attributed sentence, continues that speaker's words.
    opening = folded.text.lstrip()
    first = _STRAIGHT_QUOTE if opening.startswith(_DOUBLED_APOSTROPHE) else opening[:1]
    # "Limbaugh added:" introduces the next sentence as what he said.
    continues = (
        context is not None
        and context.speaker is not None
        and (
            context.in_quote
            or context.introduced
            or (bool(regions) and first in (_OPEN_QUOTE, _STRAIGHT_QUOTE))
        )
    )
    fallback: _Found | None = None
    explicit: _Found | None = None
    closing = False
    for cue in analyser.cues():
        if any(start <= cue.start < end for start, end in regions):
            continue  # words inside a quotation are the content, not its attribution
        found = analyser.examine(cue)
        if found is None:
            continue
        if (
            found.cue.kind == "verb"
            and (found.cue.key in rules.complement_verbs or found.cue.key in rules.participles)
            and not analyser.has_complement(found)
        ):
            continue  # "The court rejected the appeal": an event, not a report
        if found.status is not None and found.span is not None:
            cleaned = analyser.clean_source(found.span)
            if cleaned is None and found.cue.kind not in ("verb", "participle"):
                continue
            found = _Found(found.cue) if cleaned is None else replace(found, span=cleaned)
        if found.status is not None:
            # An explicit source in this sentence always wins over carry-over and passives; a
            # closing ", the source added." is the sentence's own attribution, so it wins over
            # verbs inside the reported content.
            closing = analyser.trailing(found)
            if explicit is None or closing or analyser.relayed(explicit, found):
                explicit = found
            if closing:
                break
        elif fallback is None:
            fallback = found
    if (
        explicit is not None
        and fallback is not None
        and not closing
        and fallback.cue.first < explicit.cue.first
        and analyser.opens_sentence(fallback)
    ):
        # "He added that deliveries ... were late": the main clause's cue comes first; a cue
        # later on is inside the reported content.
        explicit = None
    if explicit is None:
        explicit = analyser.label()
        if explicit is not None and analyser.byline(explicit):
            # "― Jane Roe" on a line of its own signs the quotation before it; the line itself
            # states nothing.
            return NO_ATTRIBUTION
    if explicit is not None and explicit.status is not None:
        span = (explicit.cue.start, explicit.cue.end)
        if (
            context is not None
            and explicit.status == "named"
            and explicit.span is not None
            and analyser.description(explicit.span)
        ):
            # "the Vermont senator said": the person last named with that title ("President
            # Obama" for "the president"), else the person named recently, as for "he said".
            head = folded.text[explicit.span[0] : explicit.span[1]].split()[-1].casefold()
            name = context.titles.get(head) or context.resolve()
            if name is not None:
                return _carried("named", name, span, folded, text)
        return _result(explicit.status, explicit.span, span, folded, text)
    if fallback is not None:
        cue_span = (fallback.cue.start, fallback.cue.end)
        if fallback.passive:
            return _result("vague", None, cue_span, folded, text)
        if context is not None and fallback.span is not None:
            pronoun = folded.text[fallback.span[0] : fallback.span[1]].casefold()
            own = (
                analyser.own_subject(fallback.span, regions, context.names)
                if pronoun in rules.chain_pronouns
                else None
            )
            if own is not None:
                # Resolved like any pronoun: the source is the name, reported as carried.
                start, end = folded.span(*own)
                return _carried("named", text[start:end], cue_span, folded, text)
            name = context.resolve() if pronoun in rules.resolvable_pronouns else None
            if name is not None:
                return _carried("named", name, cue_span, folded, text)
        if continues and context is not None and context.speaker is not None:
            speaker = context.speaker
            return _carried(speaker.status, speaker.source, cue_span, folded, text)
        carried = _carry(previous, cue_span, folded, text)
        if carried is not None:
            return carried
        # An unresolved pronoun or missing subject: attributed, but to no one we can name.
        return _result("vague", fallback.span, cue_span, folded, text)
    if continues and context is not None and context.speaker is not None:
        speaker = context.speaker
        return _carried(speaker.status, speaker.source, None, folded, text)
    opener = analyser.continuation()
    if opener is not None:
        carried = _carry(previous, opener, folded, text)
        if carried is not None:
            return carried
    return NO_ATTRIBUTION

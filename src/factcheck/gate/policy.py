"""Source policy: named sources with aliases across languages and tags, and the checks on them.

Aliases are matched on normalised text token by token; an Arabic token may carry the clitics
و ف ب ل ك (and ال) in front, so «لوكالة تاس» finds the alias «وكالة تاس».
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from factcheck.models import Claim
from factcheck.text.normalise import normalise

DEFAULT_SECOND_SOURCE_TAGS = ("state-media",)
# Proclitic strings that may stand before an Arabic word (conjunction, preposition, article).
_CLITICS = frozenset({
    "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك", "ال", "وال", "فال", "بال",
    "كال", "لل", "ولل", "فلل", "وبال", "وكال", "فبال",
})
_MAX_CLITIC = 4
# Where a source phrase lists several sources: "TASS and Reuters", "TASS, Interfax",
# «وكالة تاس ووكالة رويترز» (the conjunction و attached to the next word).
_SOURCE_SEPARATORS = re.compile(r"\s{0,5}(?:,|،|&|\band\b)\s{0,5}|\s{1,5}(?=و\w)")
# "According to TASS and Reuters, ...": more sources right after the attributed one.
_MORE_SOURCES = re.compile(
    r"\A\s{0,3}(?:and|&|,\s{0,3}and)\s{1,3}((?:the\s{1,3})?[A-Z][\w'.-]{0,40}"
    r"(?:\s{1,3}[A-Z][\w'.-]{0,40}){0,4})"
    r"|\A\s{1,3}و(\w{2,40}(?:\s{1,3}\w{2,40}){0,2})(?=\s{1,3}(?:ان|إن|أن)\b)"
)


@dataclass(frozen=True)
class SourceSpec:
    """A source the newsroom knows: canonical name, aliases (any language) and tags."""

    name: str
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


def _is_arabic(token: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in token)


def _forms(token: str) -> Iterable[str]:
    """The token and, for Arabic, the token with a leading clitic removed."""
    yield token
    if _is_arabic(token):
        for size in range(1, min(_MAX_CLITIC, len(token) - 2) + 1):
            if token[:size] in _CLITICS:
                yield token[size:]


@dataclass(frozen=True)
class SourcePolicy:
    """Declared sources plus the policy switches of the ``single-state-source`` and
    ``vague-number`` rules."""

    sources: tuple[SourceSpec, ...] = ()
    second_source_tags: tuple[str, ...] = DEFAULT_SECOND_SOURCE_TAGS
    numbers_need_named_source: bool = False
    _index: dict[str, list[tuple[tuple[str, ...], int]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        # Index every alias (and the name) by its first normalised token.
        for number, spec in enumerate(self.sources):
            for alias in (spec.name, *spec.aliases):
                tokens = tuple(normalise(alias).split())
                if tokens:
                    self._index.setdefault(tokens[0], []).append((tokens, number))
        for entries in self._index.values():
            entries.sort(key=lambda item: -len(item[0]))

    def find(self, text: str) -> list[SourceSpec]:
        """The declared sources mentioned in ``text``, in order of first mention."""
        if not self._index:
            return []
        tokens = normalise(text).split()
        found: list[int] = []
        position = 0
        while position < len(tokens):
            step = 1
            for form in _forms(tokens[position]):
                hit = self._match(form, tokens, position)
                if hit is not None:
                    length, number = hit
                    if number not in found:
                        found.append(number)
                    step = length
                    break
            position += step
        return [self.sources[n] for n in found]

    def _match(self, first: str, tokens: Sequence[str], position: int) -> tuple[int, int] | None:
        for alias, number in self._index.get(first, ()):
            end = position + len(alias)
            if end <= len(tokens) and all(
                alias[i] == tokens[position + i] for i in range(1, len(alias))
            ):
                return len(alias), number
        return None

    def resolve(self, source: str) -> SourceSpec | None:
        """The declared source an attributed source string refers to, if any."""
        found = self.find(source)
        return found[0] if found else None

    def sources_of(self, claim: Claim) -> list[str]:
        """Names of the sources behind a claim: each source its attribution lists (declared
        ones by their canonical name), then declared sources the sentence mentions."""
        names: list[str] = []

        def add(name: str) -> None:
            if name and name not in names:
                names.append(name)

        attribution = claim.attribution
        if attribution.source and attribution.status == "named":
            parts = [p for p in _SOURCE_SEPARATORS.split(attribution.source) if p.strip()]
            if attribution.source_end is not None:
                after = claim.text[attribution.source_end - claim.start:][:200]
                more = _MORE_SOURCES.match(after)
                if more:
                    parts.append(more.group(1) or more.group(2))
            for part in parts:
                spec = self.resolve(part)
                add(spec.name if spec else part.strip().removeprefix("و"))
        for spec in self.find(claim.text):
            add(spec.name)
        return names

    def needs_second_source(self, claim: Claim) -> bool:
        """True when every source behind the claim carries a tag that needs a second source."""
        if not self._index or not self.second_source_tags:
            return False
        names = self.sources_of(claim)
        if not names:
            return False
        by_name = {spec.name: spec for spec in self.sources}
        wanted = set(self.second_source_tags)
        return all(
            name in by_name and wanted.intersection(by_name[name].tags) for name in names
        )

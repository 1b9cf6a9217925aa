"""Inline suppression comments: ``<!-- factcheck: ignore [RULE,...] -->`` and friends.

``ignore`` covers its own line when it shares it with text, else the next non-blank line;
``ignore-next-line`` covers the next line; ``off`` ... ``on`` covers a block (``off`` alone
runs to the end of the file). Each may name rules; without names it covers every rule.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

# Bounded, linear: no nested quantifiers; the comment body is at most 300 characters.
_COMMENT = re.compile(
    r"<!--[ \t]{0,20}factcheck[ \t]{0,5}:[ \t]{0,20}([A-Za-z-]{1,30})"
    r"([^>\n]{0,300}?)[ \t]{0,20}-->",
    re.IGNORECASE,
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NAME_SEPARATORS = re.compile(r"[\s,]+")
DIRECTIVES = ("ignore", "ignore-next-line", "off", "on")
# Invisible marks (bidi, zero-width) that editors leave around a comment: not text.
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u061c\u2066\u2067\u2068\u2069\ufeff"


@dataclass(frozen=True)
class Suppression:
    """One suppression comment: where it is, what it covers (lines, inclusive) and rules.

    ``rules`` empty means every rule. ``problem`` is set for a malformed comment.
    """

    path: str
    line: int
    column: int
    end_column: int
    directive: str
    rules: tuple[str, ...]
    first_line: int
    last_line: int
    text: str
    problem: str | None = None

    def covers(self, rule: str, line: int, end_line: int) -> bool:
        """Whether a finding of ``rule`` spanning ``line``..``end_line`` is suppressed."""
        if self.problem is not None or (self.rules and rule not in self.rules):
            return False
        if self.directive == "off":
            return self.first_line <= line <= self.last_line
        return line <= self.last_line and end_line >= self.first_line


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _LINE_BREAK.finditer(text))]


def parse_suppressions(
    text: str, *, path: str, rule_names: Sequence[str]
) -> list[Suppression]:
    """Find the suppression comments of a draft (``on`` comments close ``off`` blocks and are
    not returned themselves)."""
    if "factcheck" not in text and "FACTCHECK" not in text.upper():
        return []
    starts = _line_starts(text)
    ends = [*starts[1:], len(text)]
    lines = [text[s:e].rstrip("\r\n") for s, e in zip(starts, ends, strict=True)]
    total = len(lines)
    found: list[Suppression] = []
    open_blocks: list[int] = []
    for match in _COMMENT.finditer(text):
        line = bisect_right(starts, match.start())
        column = match.start() - starts[line - 1] + 1
        end_column = match.end() - starts[line - 1] + 1
        directive = match.group(1).lower()
        names = tuple(n for n in _NAME_SEPARATORS.split(match.group(2).strip()) if n)
        problem: str | None = None
        if directive not in DIRECTIVES:
            problem = f"unknown suppression directive {directive!r}"
        unknown = [n for n in names if n not in rule_names]
        if unknown and problem is None:
            problem = f"unknown rule {unknown[0]!r} in suppression comment"
        if directive == "on" and problem is None and not open_blocks:
            # A stray 'on' re-enables nothing: report it so it is not mistaken for a guard.
            problem = "'on' without an earlier 'off'"
        if directive == "on" and problem is None:
            for index in open_blocks:
                block = found[index]
                found[index] = replace(block, last_line=line)
            open_blocks.clear()
            continue
        own_line = lines[line - 1]
        rest = (own_line[: column - 1] + own_line[end_column - 1 :]).strip(_INVISIBLE + " \t\f\v")
        if directive == "ignore-next-line":
            first = last = line + 1
        elif directive == "off":
            first, last = line, total
        elif rest:
            first = last = line
        else:
            first = line + 1
            while first <= total and not lines[first - 1].strip():
                first += 1
            last = first
        found.append(Suppression(
            path=path, line=line, column=column, end_column=end_column, directive=directive,
            rules=names, first_line=first, last_line=last, text=match.group(0), problem=problem,
        ))
        if directive == "off" and problem is None:
            open_blocks.append(len(found) - 1)
    return found


def blank_comments(text: str) -> str:
    """``text`` with suppression comments replaced by spaces (same length, same offsets), so a
    plain-text draft's comments never read as prose."""
    if "factcheck" not in text.lower():
        return text
    return _COMMENT.sub(lambda m: " " * len(m.group(0)), text)

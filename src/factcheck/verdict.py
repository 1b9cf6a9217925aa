"""Verdicts: from a claim and its evidence matches to supported/refuted/mixed/unverified.

Owns the rules that weigh an entry's rating against numbers and dates that agree or conflict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from factcheck.lang import LanguagePack, get_pack
from factcheck.models import EvidenceEntry, Match, Quantity, Verdict, VerdictLabel
from factcheck.text import quantities

# Matches within this many points of the best considered one are weighed together.
STRONG_WINDOW = 10.0
# The verdict an entry gives when no number or date conflicts (true entries handled apart).
_LABEL_OF_CLASS: dict[str, VerdictLabel] = {
    "true": "supported",
    "false": "refuted",
    "mixed": "mixed",
    "unproven": "unverified",
}


@dataclass(frozen=True)
class _Outcome:
    """What one matching entry says about the claim."""

    label: VerdictLabel
    match: Match
    reason: str
    numeric: bool  # decided by a number/date conflict
    agreed: bool  # some claim number/date agrees with one of the entry's


@lru_cache(maxsize=4096)
def _entry_quantities(text: str, pack: LanguagePack) -> tuple[Quantity, ...]:
    # Entries recur across the claims of a document; extract each entry's figures once.
    return tuple(quantities.extract_quantities(text, pack))


def _entry_pack(entry: EvidenceEntry, claim_pack: LanguagePack) -> LanguagePack:
    if entry.lang:
        return get_pack(entry.lang.split("-")[0])
    # A match scoring >= min_score shares most characters with the claim, so it is written
    # in the claim's language: the claim's pack reads it correctly.
    return claim_pack


def _cite(entry: EvidenceEntry) -> str:
    return f"{entry.id}, {entry.source}" if entry.source else entry.id


def _rated(entry: EvidenceEntry) -> str:
    by = f" by {entry.source}" if entry.source else ""
    return f"a claim rated {entry.rating or entry.rating_class}{by}"


def _outcome(
    match: Match, claim_quantities: Sequence[Quantity], pack: LanguagePack
) -> _Outcome | None:
    """The entry's verdict on the claim, or ``None`` when the entry is about another figure."""
    entry = match.entry
    entry_quantities = _entry_quantities(entry.claim, _entry_pack(entry, pack))
    both = bool(claim_quantities) and bool(entry_quantities)
    conflicts = quantities.find_conflicts(claim_quantities, entry_quantities) if both else []
    agreements = quantities.find_agreements(claim_quantities, entry_quantities) if both else []
    agreed = bool(agreements)
    score = f"score {match.score:.0f}"
    if entry.rating_class == "true":
        if conflicts:
            first = conflicts[0]
            reason = (
                f"evidence says {quantities.describe(first.evidence)}; "
                f"claim says {quantities.describe(first.claim)} ({_cite(entry)})"
            )
            return _Outcome("refuted", match, reason, True, agreed)
        rating = entry.rating or "true"
        same = f"; evidence says {quantities.describe(agreements[0][1])}" if agreements else ""
        reason = f"matches {entry.id} (rated {rating}, {score}{same})"
        return _Outcome("supported", match, reason, False, agreed)
    if conflicts:
        # A false or doubtful claim about a different figure says nothing about this one.
        return None
    reason = f"matches {_rated(entry)} ({entry.id}, {score})"
    label = _LABEL_OF_CLASS[entry.rating_class]
    return _Outcome(label, match, reason, False, agreed)


def _one_line(reason: str) -> str:
    return " ".join(reason.split())


def _verdict(outcome: _Outcome, reason: str | None = None) -> Verdict:
    return Verdict(
        label=outcome.label if reason is None else "mixed",
        score=outcome.match.score,
        reason=_one_line(reason or outcome.reason),
        evidence=outcome.match.entry,
    )


def decide(
    claim_text: str,
    claim_quantities: Sequence[Quantity],
    matches: Sequence[Match],
    *,
    pack: LanguagePack,
    min_score: float,
) -> Verdict:
    """The verdict for a claim given its matches (best first), with a one-line reason.

    Only matches scoring at least ``min_score`` count; none -> ``unverified``. Each counted
    entry gives an outcome from its rating class and the claim's numbers and dates:

    * rated true: a conflicting number/date -> ``refuted``, otherwise ``supported``;
    * rated false: ``refuted``, unless the numbers conflict (it is about a different figure,
      so the entry is skipped);
    * mixed/misleading -> ``mixed``; unproven -> ``unverified``.

    The strongest outcome decides, among those within ``STRONG_WINDOW`` points of the best. If
    strong outcomes disagree (one supports, one refutes) the verdict is ``mixed`` - except that
    a number/date conflict outweighs support from entries whose figures do not agree with the
    claim's (an entry that states no number cannot confirm one).
    ``claim_text`` is used only for the reason when nothing matches.
    """
    considered = sorted((m for m in matches if m.score >= min_score), key=lambda m: -m.score)
    if not considered:
        top_score = max((m.score for m in matches), default=0.0)
        closest = f" (best {top_score:.0f})" if top_score > 0 else ""
        reason = f"no evidence entry scores ≥ {min_score:g}{closest}"
        return Verdict("unverified", top_score, reason)
    outcomes: list[_Outcome] = []
    skipped: list[Match] = []
    for match in considered:
        outcome = _outcome(match, claim_quantities, pack)
        if outcome is None:
            skipped.append(match)
        else:
            outcomes.append(outcome)
    if not outcomes:
        first = skipped[0]
        return Verdict(
            "unverified",
            first.score,
            _one_line(
                f"the closest evidence ({first.entry.id}, rated "
                f"{first.entry.rating or first.entry.rating_class}) is about a different figure"
            ),
            first.entry,
        )
    best = outcomes[0]
    strong = [o for o in outcomes if o.match.score >= best.match.score - STRONG_WINDOW]
    supporting = [o for o in strong if o.label == "supported"]
    refuting = [o for o in strong if o.label == "refuted"]
    if supporting and refuting:
        numeric_refutations = [o for o in refuting if o.numeric]
        if numeric_refutations and not any(o.agreed for o in supporting):
            return _verdict(numeric_refutations[0])
        support, refute = supporting[0], refuting[0]
        decider = support if support.match.score >= refute.match.score else refute
        reason = (
            f"evidence disagrees: {support.match.entry.id} supports "
            f"(score {support.match.score:.0f}), {refute.match.entry.id} refutes "
            f"(score {refute.match.score:.0f}): {refute.reason}"
        )
        return _verdict(decider, reason)
    return _verdict(best)

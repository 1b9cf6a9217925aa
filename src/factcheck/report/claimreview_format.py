"""schema.org ClaimReview JSON-LD output: each checked claim as a ClaimReview another tool (or a
search engine) can read; claims without evidence (``unverified``) are left out of ``list``.

The rating is on schema.org's 1-5 scale (1 false, 3 mixed, 5 true) with the verdict as
``alternateName``; the best evidence entry is cited with its URL and rating.
"""

from __future__ import annotations

import json
from typing import Any

from factcheck import __version__
from factcheck.models import CheckResult, Claim, ListResult, Verdict
from factcheck.report import RenderOptions
from factcheck.report.safe import safe_json

# Verdict -> (ratingValue on 1..5, alternateName).
_RATING = {
    "refuted": (1, "False"),
    "mixed": (3, "Mixed"),
    "supported": (5, "True"),
    "unverified": (0, "Unverified"),
}


def _review(claim: Claim, verdict: Verdict, *, url: str | None = None) -> dict[str, Any]:
    value, name = _RATING[verdict.label]
    rating: dict[str, Any] = {
        "@type": "Rating",
        "ratingValue": value,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": name,
        "ratingExplanation": verdict.reason,
    }
    if verdict.label == "unverified":
        # schema.org has no value for "not rated": leave the scale out.
        rating = {"@type": "Rating", "alternateName": name,
                  "ratingExplanation": verdict.reason}
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "claimReviewed": claim.text,
        "reviewRating": rating,
        "author": {"@type": "Organization", "name": f"factcheck {__version__}"},
        "inLanguage": claim.language,
    }
    if url:
        review["url"] = url
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.attribution.source:
        item["author"] = {"@type": "Thing", "name": claim.attribution.source}
    if url:
        item["appearance"] = {"@type": "CreativeWork", "url": url}
    review["itemReviewed"] = item
    evidence = verdict.evidence
    if evidence is not None:
        cited: dict[str, Any] = {"@type": "ClaimReview", "claimReviewed": evidence.claim}
        if evidence.url:
            cited["url"] = evidence.url
        if evidence.rating:
            cited["reviewRating"] = {"@type": "Rating", "alternateName": evidence.rating}
        if evidence.source:
            cited["author"] = {"@type": "Organization", "name": evidence.source}
        if evidence.date:
            cited["datePublished"] = evidence.date
        review["citation"] = cited
    return review


def _dumps(data: Any) -> str:
    return safe_json(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def _page_url(path: str) -> str | None:
    return path if path.startswith(("http://", "https://")) else None


def render_list(result: ListResult, options: RenderOptions) -> str:
    """A JSON-LD ``@graph`` of ClaimReviews, one per claim with a verdict other than
    ``unverified``."""
    graph = [
        _review(claim, claim.verdict, url=_page_url(document.document.path))
        for document in result.documents
        for claim in document.claims
        if claim.verdict is not None and claim.verdict.label != "unverified"
    ]
    return _dumps({"@context": "https://schema.org", "@graph": graph})


def render_check(result: CheckResult, options: RenderOptions) -> str:
    """One ClaimReview (also for ``unverified``, with the reason)."""
    return _dumps({"@context": "https://schema.org", **_review(result.claim, result.verdict)})

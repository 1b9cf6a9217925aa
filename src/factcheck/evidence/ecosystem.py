"""The fact-checking ecosystem's formats: schema.org ClaimReview JSON-LD and saved Google Fact
Check Tools API ``claims:search`` responses, read into evidence entries.

ClaimReview comes as one object, a list, an ``@graph``, or ``<script type="application/ld+json">``
blocks of a saved HTML page. Problems name the file and line of the review they concern.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

from factcheck.errors import EvidenceError
from factcheck.models import EvidenceEntry, RatingClass

NO_CLAIMREVIEW = "no ClaimReview in this JSON-LD (need @type ClaimReview)"
Classify = Callable[[str | None], RatingClass]
Item = EvidenceEntry | tuple[int, str | None, str]  # an entry, or (line, field, message)

# <script type="application/ld+json"> ... </script>, attributes in any order (bounded).
_SCRIPT = re.compile(
    r"<script\b[^>]{0,400}?type\s*=\s*[\"']?application/ld\+json[\"']?[^>]{0,400}>"
    r"(?P<body>.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)


_LANG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,3}")


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type")
    names = value if isinstance(value, list) else [value]
    return {n.rsplit("/", 1)[-1] for n in names if isinstance(n, str)}


def detect(data: Any) -> str | None:
    """``"claimreview"``, ``"google"`` or None for parsed JSON of another shape."""
    items = data if isinstance(data, list) else [data]
    for item in items:
        if not isinstance(item, dict):
            return None
        if isinstance(item.get("claims"), list) or (
            "nextPageToken" in item and "claims" not in item
        ):
            return "google"
        if "@graph" in item or "@context" in item or "@type" in item:
            return "claimreview"
    return None


def _nodes(data: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD node of ``data`` in document order (lists and @graph flattened)."""
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _nodes(graph)


def _text(value: Any) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        return value.strip() or None
    return None


def _name(value: Any) -> str | None:
    """The name of an author / publisher given as a string, an object or a list of them."""
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return _text(value.get("name")) or _text(value.get("alternateName")) or _text(
            value.get("url")
        )
    return _text(value)


def _date(value: Any) -> str | None:
    text = _text(value)
    if text and re.match(r"\d{4}-\d{2}-\d{2}", text):
        return text[:10]
    return text


def _url(value: Any) -> str | None:
    text = _text(value)
    if text and urlsplit(text).scheme in ("http", "https") and urlsplit(text).netloc:
        return text
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def numeric_class(value: float, best: float, worst: float) -> RatingClass:
    """A rating value on a best..worst scale: the bottom quarter false, the top quarter true,
    the middle mixed (schema.org's defaults are best 5, worst 1)."""
    if best == worst:
        return "unproven"
    position = (value - worst) / (best - worst)
    if position <= 0.25:
        return "false"
    if position >= 0.75:
        return "true"
    return "mixed"


def _rating(review: Any, classify: Classify) -> tuple[str | None, RatingClass]:
    """The rating text and class of a ``reviewRating``: its words first (alternateName), else
    ``ratingValue`` against ``bestRating``/``worstRating``."""
    if not isinstance(review, dict):
        return None, "unproven"
    words = _text(review.get("alternateName")) or _text(review.get("name"))
    value = _number(review.get("ratingValue"))
    best = _number(review.get("bestRating"))
    worst = _number(review.get("worstRating"))
    by_words = classify(words) if words else "unproven"
    if by_words != "unproven" or value is None:
        return words, by_words
    best = 5.0 if best is None else best
    worst = 1.0 if worst is None else worst
    shown = words or f"{value:g}/{best:g}"
    return shown, numeric_class(value, best, worst)


def _identifier(prefix: str, url: str | None, claim: str, who: str | None) -> str:
    # One review page often checks several claims: the claim is part of the id.
    basis = f"{url}|{who}|{claim}"
    return f"{prefix}:" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]


def claimreview_items(
    data: Any, *, display: str, lines: Callable[[int], int], classify: Classify
) -> Iterator[Item]:
    """Entries (and problems) of the ClaimReview nodes of parsed JSON-LD ``data``.

    ``lines(n)`` is the line the ``n``-th ClaimReview starts on (document order).
    """
    number = 0
    for node in _nodes(data):
        if "ClaimReview" not in _types(node):
            continue
        line = lines(number)
        number += 1
        claim = _text(node.get("claimReviewed"))
        if claim is None:
            yield (line, "claimReviewed", "ClaimReview without claimReviewed (the claim checked)")
            continue
        rating, rating_class = _rating(node.get("reviewRating"), classify)
        url = _url(node.get("url"))
        checker = _name(node.get("author"))
        item = node.get("itemReviewed")
        language = _text(node.get("inLanguage"))
        if isinstance(item, dict):
            language = language or _text(item.get("inLanguage"))
        if language is not None and _LANG.fullmatch(language) is None:
            language = None
        yield EvidenceEntry(
            id=_text(node.get("@id")) or _identifier("claimreview", url, claim, checker),
            claim=claim,
            rating=rating,
            rating_class=rating_class,
            source=checker,
            url=url,
            date=_date(node.get("datePublished")),
            lang=language.lower() if language else None,
            origin=display,
            line=line,
            title=_text(node.get("headline")) or _text(node.get("name")),
        )
    if number == 0:
        yield (1, None, NO_CLAIMREVIEW)


def google_items(
    data: Any, *, display: str, lines: Callable[[int], int], classify: Classify
) -> Iterator[Item]:
    """Entries (one per review) of saved ``claims:search`` responses (one or a list of pages).

    ``lines(n)`` is the line the ``n``-th claim starts on.
    """
    pages = data if isinstance(data, list) else [data]
    number = 0
    for page in pages:
        claims = page.get("claims", []) if isinstance(page, dict) else None
        if not isinstance(claims, list):
            raise EvidenceError(f"{display}:1: 'claims' is not a list (not a claims:search answer)")
        for claim in claims:
            line = lines(number)
            number += 1
            if not isinstance(claim, dict):
                yield (line, None, "a claim is not an object")
                continue
            text = _text(claim.get("text"))
            if text is None:
                yield (line, "text", "claim without text")
                continue
            reviews = claim.get("claimReview")
            if not isinstance(reviews, list) or not reviews:
                yield (line, "claimReview", "claim without any claimReview")
                continue
            for review in reviews:
                if not isinstance(review, dict):
                    yield (line, "claimReview", "a review is not an object")
                    continue
                publisher = review.get("publisher")
                source = _name(publisher) if not isinstance(publisher, dict) else (
                    _text(publisher.get("name")) or _text(publisher.get("site"))
                )
                rating = _text(review.get("textualRating"))
                url = _url(review.get("url"))
                yield EvidenceEntry(
                    id=_identifier("google", url, text, source),
                    claim=text,
                    rating=rating,
                    # A review without a rating says nothing about the claim: not "true".
                    rating_class=classify(rating) if rating else "unproven",
                    source=source,
                    url=url,
                    date=_date(review.get("reviewDate")) or _date(claim.get("claimDate")),
                    lang=_text(review.get("languageCode")),
                    origin=display,
                    line=line,
                    title=_text(review.get("title")),
                )


def json_ld_blocks(page: str) -> Iterator[tuple[int, str]]:
    """(line, JSON text) of each ``application/ld+json`` script of an HTML page."""
    for found in _SCRIPT.finditer(page):
        body = found.group("body")
        start = found.start("body") + len(body) - len(body.lstrip())
        # Some pages wrap the JSON in a CDATA section or HTML-escape it.
        stripped = body.strip()
        if stripped.startswith("<![CDATA[") and stripped.endswith("]]>"):
            stripped = stripped[9:-3]
        if "&quot;" in stripped and '"' not in stripped:
            stripped = html.unescape(stripped)
        yield page.count("\n", 0, start) + 1, stripped


def nth_line(text: str, needle: str, base: int = 1) -> Callable[[int], int]:
    """A function giving the line of the ``n``-th occurrence of ``needle`` (else ``base``)."""
    starts: list[int] = []
    position = text.find(needle)
    while position != -1:
        starts.append(text.count("\n", 0, position) + base)
        position = text.find(needle, position + 1)

    def line(number: int) -> int:
        return starts[number] if number < len(starts) else base

    return line


def parse_json(text: str, display: str, base: int = 1) -> Any:
    """``json.loads`` with a file:line error."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise EvidenceError(
            f"{display}:{error.lineno + base - 1}: not valid JSON: {error.msg}"
        ) from None

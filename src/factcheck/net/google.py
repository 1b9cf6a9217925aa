"""A client for the Google Fact Check Tools API (``claims:search``).

Results become :class:`EvidenceEntry` values (one per published review). The API key is sent as
the ``key`` parameter and never appears in any message: URLs are redacted and the key masked.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx

from factcheck.evidence import classify_rating
from factcheck.models import EvidenceEntry
from factcheck.net.fetch import (
    HttpSettings,
    HttpStatusError,
    NetworkError,
    check_url,
    fetch_bytes,
    make_client,
)
from factcheck.net.urls import redact_url

DEFAULT_API_URL = "https://factchecktools.googleapis.com/v1alpha1/claims:search"
KEY_VARIABLE = "FACTCHECK_GOOGLE_API_KEY"
URL_VARIABLE = "FACTCHECK_GOOGLE_API_URL"
ORIGIN = "google"
PAGE_SIZE = 50
DEFAULT_LIMIT = 100


class GoogleApiError(NetworkError):
    """The Fact Check Tools API could not be used: no key, key rejected, bad answer."""


@dataclass(frozen=True)
class GoogleSettings:
    """Where the API is and the key to use (never shown)."""

    api_key: str
    api_url: str = DEFAULT_API_URL

    def __repr__(self) -> str:  # keep the key out of tracebacks and debug output
        return f"GoogleSettings(api_key='REDACTED', api_url={self.api_url!r})"


def google_settings(
    environ: Mapping[str, str], *, config_key: str | None = None, config_url: str | None = None
) -> GoogleSettings:
    """The key from ``FACTCHECK_GOOGLE_API_KEY`` (else the config's ``google-api-key``) and the
    base URL from ``FACTCHECK_GOOGLE_API_URL`` (else ``google-api-url``, else Google's)."""
    key = (environ.get(KEY_VARIABLE) or config_key or "").strip()
    if not key:
        raise GoogleApiError(
            f"no Google Fact Check Tools API key; set {KEY_VARIABLE} "
            "(or google-api-key in the config)"
        )
    url = (environ.get(URL_VARIABLE) or config_url or DEFAULT_API_URL).strip()
    check_url(url)
    return GoogleSettings(api_key=key, api_url=url)


def _mask(text: str, key: str) -> str:
    return text.replace(key, "REDACTED") if key else text


def _entry_id(review_url: str | None, claim: str, publisher: str | None) -> str:
    basis = review_url or f"{publisher}|{claim}"
    return "google:" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _date(value: Any) -> str | None:
    text = _text(value)
    return text[:10] if text and len(text) >= 10 and text[4] == "-" else text


def _web_url(value: Any) -> str | None:
    text = _text(value)
    if text and urlsplit(text).scheme in ("http", "https"):
        return text
    return None


def entries_from_response(
    data: Any, *, display: str, language: str | None = None
) -> tuple[list[EvidenceEntry], str | None]:
    """Map one ``claims:search`` answer to entries (one per review) and the next page token.

    Raises :class:`GoogleApiError` naming ``display`` when the answer has the wrong shape.
    """
    if not isinstance(data, dict):
        raise GoogleApiError(f"{display}: unexpected API answer (not a JSON object)")
    claims = data.get("claims", [])
    if not isinstance(claims, list):
        raise GoogleApiError(f"{display}: unexpected API answer ('claims' is not a list)")
    entries: list[EvidenceEntry] = []
    for claim in claims:
        if not isinstance(claim, dict):
            raise GoogleApiError(f"{display}: unexpected API answer (a claim is not an object)")
        text = _text(claim.get("text"))
        reviews = claim.get("claimReview", [])
        if text is None or not isinstance(reviews, list):
            continue
        for review in reviews:
            if not isinstance(review, dict):
                continue
            publisher = review.get("publisher")
            publisher = publisher if isinstance(publisher, dict) else {}
            source = _text(publisher.get("name")) or _text(publisher.get("site"))
            rating = _text(review.get("textualRating"))
            url = _web_url(review.get("url"))
            entries.append(
                EvidenceEntry(
                    id=_entry_id(url, text, source),
                    claim=text,
                    rating=rating,
                    # No rating from a fact-checker means "not known", never "true".
                    rating_class=classify_rating(rating) if rating else "unproven",
                    source=source,
                    url=url,
                    date=_date(review.get("reviewDate")) or _date(claim.get("claimDate")),
                    lang=(_text(review.get("languageCode")) or language),
                    origin=ORIGIN,
                    title=_text(review.get("title")),
                )
            )
    token = data.get("nextPageToken")
    return entries, token if isinstance(token, str) and token else None


def _rejected(error: HttpStatusError, display: str) -> GoogleApiError:
    body = error.body.decode("utf-8", "replace")
    message = ""
    try:
        parsed = json.loads(body)
        if isinstance(parsed, dict) and isinstance(parsed.get("error"), dict):
            message = str(parsed["error"].get("message") or "")
    except ValueError:
        pass
    detail = f": {' '.join(message.split())[:200]}" if message else ""
    if error.status in (401, 403) or "api key" in message.lower():
        return GoogleApiError(
            f"{display}: the API key was rejected (HTTP {error.status}){detail}",
            url=error.url,
        )
    return GoogleApiError(
        f"{display}: HTTP {error.status}{detail}", url=error.url, transient=error.transient
    )


async def _search(
    query: str,
    google: GoogleSettings,
    *,
    language: str | None,
    max_age_days: int | None,
    limit: int,
    settings: HttpSettings,
    transport: httpx.AsyncBaseTransport | None,
) -> list[EvidenceEntry]:
    entries: dict[str, EvidenceEntry] = {}
    token: str | None = None
    seen_tokens: set[str] = set()
    async with make_client(settings, transport=transport) as client:
        while len(entries) < limit:
            params: dict[str, str] = {"query": query, "pageSize": str(min(PAGE_SIZE, limit))}
            if language:
                params["languageCode"] = language
            if max_age_days is not None:
                params["maxAgeDays"] = str(max_age_days)
            if token:
                params["pageToken"] = token
            params["key"] = google.api_key
            separator = "&" if urlsplit(google.api_url).query else "?"
            url = google.api_url + separator + urlencode(params)
            display = redact_url(url)
            try:
                fetched = await fetch_bytes(client, url, settings=settings)
            except HttpStatusError as error:
                raise _rejected(error, display) from None
            try:
                data = json.loads(fetched.content.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as error:
                raise GoogleApiError(
                    f"{display}: malformed JSON from the API ({' '.join(str(error).split())})",
                    url=url,
                ) from None
            page, token = entries_from_response(data, display=display, language=language)
            for entry in page:
                entries.setdefault(entry.id, entry)
            if token is None or token in seen_tokens:
                break
            seen_tokens.add(token)
    return list(entries.values())[:limit]


def search_claims(
    query: str,
    google: GoogleSettings,
    *,
    language: str | None = None,
    max_age_days: int | None = None,
    limit: int = DEFAULT_LIMIT,
    settings: HttpSettings | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[EvidenceEntry]:
    """Search published fact-checks of ``query`` (``languageCode=language``, reviews at most
    ``max_age_days`` old), following ``nextPageToken`` until ``limit`` entries are found.

    Every failure is a :class:`NetworkError` (:class:`GoogleApiError` for API problems) whose
    message never contains the key.
    """
    if not query.strip():
        raise GoogleApiError("the Google Fact Check search query is empty")
    try:
        return asyncio.run(
            _search(
                query.strip(),
                google,
                language=language,
                max_age_days=max_age_days,
                limit=max(1, limit),
                settings=settings or HttpSettings(),
                transport=transport,
            )
        )
    except NetworkError as error:
        # Belt and braces: whatever built the message, the key is masked.
        masked = _mask(str(error), google.api_key)
        if masked == str(error) and isinstance(error, GoogleApiError):
            raise
        raise GoogleApiError(
            masked, url=redact_url(error.url), transient=error.transient
        ) from None

"""Main-text extraction from HTML pages with trafilatura.

Menus, footers, comments and related-link lists are left out, so they never yield claims;
what remains is the article's title and its paragraphs separated by blank lines.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass

from factcheck.net.fetch import NetworkError
from factcheck.net.urls import redact_url

_TITLE = re.compile(r"<title\b[^>]{0,200}>([^<]{1,500})</title>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0]{1,200}")


@dataclass(frozen=True)
class Article:
    """The main content of a page: its title (None when it has none) and its text."""

    title: str | None
    text: str


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    title = " ".join(html_lib.unescape(title).split())
    return title or None


def extract_article(html: str, *, url: str = "") -> Article:
    """Extract the title and main text of an HTML page (paragraphs separated by blank lines).

    Raises :class:`NetworkError` naming ``url`` when the page has no article text.
    """
    import trafilatura

    result = trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
    )
    text = ""
    title: str | None = None
    if result is not None:
        data = result if isinstance(result, dict) else result.as_dict()
        text = str(data.get("text") or "")
        title = _clean_title(data.get("title"))
    if title is None:
        found = _TITLE.search(html[:200_000])
        title = _clean_title(found.group(1)) if found else None
    # One paragraph per line from trafilatura; blank lines make paragraph breaks explicit
    # for the segmenter (a heading without a full stop must not run into the next line).
    paragraphs = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    body = "\n\n".join(p for p in paragraphs if p)
    if not body:
        raise NetworkError(f"{redact_url(url)}: no article text found on the page", url=url)
    return Article(title=title, text=body + "\n")

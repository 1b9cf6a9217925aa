"""Address helpers with no network dependency: telling URLs from paths and redacting secrets.

Kept apart from ``fetch`` so the command line can recognise URLs without importing httpx.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters whose values are secrets and never shown.
SECRET_PARAMS = frozenset({"key", "api_key", "apikey", "token", "access_token", "password"})


def is_url(text: str) -> bool:
    """Whether ``text`` is an http:// or https:// address (as opposed to a file path)."""
    return text[:8].lower().startswith(("http://", "https://"))


def redact_url(url: str) -> str:
    """The URL with secret query values (``key=`` ...) and any password replaced."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return "<invalid URL>"
    query = parse_qsl(parts.query, keep_blank_values=True)
    if any(name.lower() in SECRET_PARAMS for name, _ in query):
        query = [(n, "REDACTED" if n.lower() in SECRET_PARAMS else v) for n, v in query]
        parts = parts._replace(query=urlencode(query, safe=":/"))
    if password:
        netloc = parts.netloc.rsplit("@", 1)[-1]
        parts = parts._replace(netloc=f"{parts.username}:REDACTED@{netloc}")
    return urlunsplit(parts)

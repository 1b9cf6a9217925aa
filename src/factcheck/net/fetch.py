"""HTTP fetching: the one httpx client factory, retries with backoff, size caps and charsets.

Every network failure becomes a :class:`NetworkError` whose one-line message names the URL
(secrets redacted) and the cause; nothing here prints or exits.
"""

from __future__ import annotations

import asyncio
import codecs
import dataclasses
import email.utils
import re
import socket
import ssl
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import httpx

from factcheck import __version__
from factcheck.errors import ConfigError, FactcheckError
from factcheck.net.urls import redact_url

if TYPE_CHECKING:
    from factcheck.models import Document

PROJECT_URL = "https://github.com/factcheck/factcheck"
USER_AGENT = f"factcheck/{__version__} (+{PROJECT_URL})"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})

# (url, bytes received, total bytes or None) -> None
ProgressHook = Callable[[str, int, "int | None"], None]


class NetworkError(FactcheckError):
    """A URL could not be fetched; ``transient`` is True when trying later may work
    (connection problems, timeouts, 429 and 5xx), so a cached copy may stand in."""

    def __init__(self, message: str, *, url: str = "", transient: bool = False) -> None:
        super().__init__(message)
        self.url = redact_url(url) if url else ""
        self.transient = transient


class HttpStatusError(NetworkError):
    """The server answered with an error status; ``body`` keeps the start of its answer."""

    def __init__(self, message: str, *, url: str, status: int, body: bytes = b"") -> None:
        super().__init__(message, url=url, transient=status == 429 or status >= 500)
        self.status = status
        self.body = body


@dataclass(frozen=True)
class HttpSettings:
    """How to talk HTTP: timeouts, caps, retries and concurrency.

    ``backoff`` is the first retry delay in seconds, doubled on each retry; a ``Retry-After``
    from the server is honoured up to ``max_retry_after`` seconds.
    """

    timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 3
    backoff: float = 0.5
    max_retry_after: float = 30.0
    concurrency: int = 8
    http2: bool = True

    @classmethod
    def from_env(cls, environ: Mapping[str, str], **overrides: float | int | None) -> HttpSettings:
        """Settings from ``FACTCHECK_HTTP_*`` variables (TIMEOUT, RETRIES, BACKOFF,
        MAX_RETRY_AFTER, MAX_BYTES), then ``overrides`` that are not None."""
        values: dict[str, float | int] = {}
        for name, kind in (
            ("timeout", float),
            ("retries", int),
            ("backoff", float),
            ("max_retry_after", float),
            ("max_bytes", int),
        ):
            variable = f"FACTCHECK_HTTP_{name.upper()}"
            raw = environ.get(variable)
            if raw is None or not raw.strip():
                continue
            try:
                value = kind(raw)
            except ValueError:
                raise ConfigError(f"{variable}: expected a number, got {raw!r}") from None
            if value < 0 or (name in ("timeout", "max_bytes") and value == 0):
                raise ConfigError(f"{variable}: must be positive, got {raw!r}")
            values[name] = value
        values |= {k: v for k, v in overrides.items() if v is not None}
        return dataclasses.replace(cls(), **values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Fetched:
    """A response read in full: the URL asked for, where it ended up, status and body."""

    url: str
    final_url: str
    status: int
    headers: httpx.Headers
    content: bytes
    http_version: str = "HTTP/1.1"

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower case ('' when absent)."""
        value: str = self.headers.get("content-type", "")
        return value.split(";")[0].strip().lower()


def check_url(url: str) -> str:
    """Validate an address before fetching: http/https with a host; return it unchanged."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as error:
        raise NetworkError(f"{redact_url(url)}: not a valid URL ({error})", url=url) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise NetworkError(
            f"{redact_url(url)}: only http:// and https:// addresses can be fetched", url=url
        )
    if not host:
        raise NetworkError(f"{redact_url(url)}: the address has no host name", url=url)
    return url


def _guard_request(request: httpx.Request) -> None:
    # Runs for every request, redirects included. Names under .invalid never resolve
    # (RFC 6761 6.4 asks resolvers to answer at once), so no lookup leaves the machine.
    host = request.url.host.lower().rstrip(".")
    if host == "invalid" or host.endswith(".invalid"):
        raise NetworkError(
            f"{redact_url(str(request.url))}: cannot resolve host {host!r} (DNS lookup failed)",
            url=str(request.url),
        )
    if request.url.scheme not in ("http", "https"):
        raise NetworkError(
            f"{redact_url(str(request.url))}: redirected to a non-http(s) address",
            url=str(request.url),
        )


async def _async_guard(request: httpx.Request) -> None:
    _guard_request(request)


def make_client(
    settings: HttpSettings | None = None, *, transport: httpx.AsyncBaseTransport | None = None
) -> httpx.AsyncClient:
    """The one HTTP client factory: HTTP/1.1 and HTTP/2, capped redirects, explicit timeouts,
    proxies from the environment and factcheck's User-Agent. ``transport`` is for tests."""
    settings = settings or HttpSettings()
    limit = max(1, settings.concurrency)
    return httpx.AsyncClient(
        http2=settings.http2,
        follow_redirects=True,
        max_redirects=settings.max_redirects,
        timeout=httpx.Timeout(settings.timeout),
        limits=httpx.Limits(max_connections=limit, max_keepalive_connections=limit),
        trust_env=True,
        headers={"User-Agent": USER_AGENT},
        event_hooks={"request": [_async_guard]},
        transport=transport,
    )


def _causes(error: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]


def _describe_transport_error(error: httpx.TransportError, settings: HttpSettings) -> tuple[
    str, bool
]:
    """A cause for the message, and whether retrying makes sense."""
    chain = _causes(error)
    if isinstance(error, httpx.ConnectTimeout):
        return f"connection timed out after {settings.timeout:g}s", True
    if isinstance(error, httpx.TimeoutException):
        return f"timed out after {settings.timeout:g}s waiting for the server", False
    if isinstance(error, httpx.ProxyError):
        return f"proxy error: {_one_line(str(error))}", True
    if any(isinstance(c, socket.gaierror) for c in chain) or "Name or service not known" in str(
        error
    ):
        return "cannot resolve the host name (DNS lookup failed)", False
    for cause in chain:
        if isinstance(cause, ssl.SSLCertVerificationError):
            detail = getattr(cause, "verify_message", None) or getattr(cause, "reason", None)
            detail = detail or str(cause)
            return f"TLS certificate verification failed: {_one_line(str(detail))}", False
        if isinstance(cause, ssl.SSLError):
            return f"TLS error: {_one_line(getattr(cause, 'reason', None) or str(cause))}", False
    if "SSL" in str(error) or "TLS" in str(error):
        return f"TLS error: {_one_line(str(error))}", False
    if any(isinstance(c, ConnectionRefusedError) for c in chain) or "refused" in str(error):
        return "connection refused", True
    if isinstance(error, httpx.RemoteProtocolError):
        return f"the server broke the connection: {_one_line(str(error))}", True
    text = _one_line(str(error)) or type(error).__name__
    return f"connection failed: {text}", True


def _retry_after(value: str | None, settings: HttpSettings) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = when.timestamp() - time.time()
    return min(max(seconds, 0.0), settings.max_retry_after)


def _backoff(attempt: int, settings: HttpSettings) -> float:
    return float(min(settings.backoff * (2.0**attempt), settings.max_retry_after))


def _status_message(url: str, response: httpx.Response) -> str:
    reason = response.reason_phrase or ""
    return f"{redact_url(url)}: HTTP {response.status_code} {reason}".rstrip()


async def _read_capped(
    response: httpx.Response,
    url: str,
    max_bytes: int,
    on_progress: ProgressHook | None,
) -> bytes:
    declared = response.headers.get("content-length", "")
    total = int(declared) if declared.isdigit() else None
    too_big = f"{redact_url(url)}: the response is larger than the limit of {max_bytes:,} bytes"
    if total is not None and total > max_bytes:
        raise NetworkError(too_big, url=url)
    chunks: list[bytes] = []
    received = 0
    async for chunk in response.aiter_bytes():
        received += len(chunk)
        if received > max_bytes:
            raise NetworkError(too_big, url=url)
        chunks.append(chunk)
        if on_progress is not None:
            on_progress(url, received, total)
    return b"".join(chunks)


async def fetch_bytes(
    client: httpx.AsyncClient,
    url: str,
    *,
    settings: HttpSettings,
    headers: Mapping[str, str] | None = None,
    max_bytes: int | None = None,
    on_progress: ProgressHook | None = None,
) -> Fetched:
    """GET ``url`` with retries: connection errors, 429 (honouring Retry-After) and 5xx are
    retried with exponential backoff; other 4xx are not. A 304 is returned as is (for
    revalidation); other error statuses raise :class:`HttpStatusError`."""
    check_url(url)
    limit = settings.max_bytes if max_bytes is None else max_bytes
    attempt = 0
    while True:
        delay: float | None = None
        failure: NetworkError
        try:
            async with client.stream("GET", url, headers=dict(headers or {})) as response:
                status = response.status_code
                if status < 300 or status == 304:
                    content = b"" if status == 304 else await _read_capped(
                        response, url, limit, on_progress
                    )
                    return Fetched(
                        url=url,
                        final_url=str(response.url),
                        status=status,
                        headers=response.headers,
                        content=content,
                        http_version=response.http_version,
                    )
                body = b""
                if status >= 400:
                    async for chunk in response.aiter_bytes():
                        body += chunk
                        if len(body) >= 4096:
                            break
                failure = HttpStatusError(
                    _status_message(url, response), url=url, status=status, body=body[:4096]
                )
                if status == 429 or status >= 500:
                    delay = _retry_after(response.headers.get("retry-after"), settings)
                    if delay is None:
                        delay = _backoff(attempt, settings)
                else:
                    raise failure
        except httpx.TooManyRedirects:
            raise NetworkError(
                f"{redact_url(url)}: too many redirects (more than {settings.max_redirects})",
                url=url,
            ) from None
        except httpx.TransportError as error:
            cause, retry = _describe_transport_error(error, settings)
            failure = NetworkError(f"{redact_url(url)}: {cause}", url=url, transient=True)
            if not retry:
                raise failure from None
            delay = _backoff(attempt, settings)
        except httpx.InvalidURL as error:
            raise NetworkError(
                f"{redact_url(url)}: not a valid URL ({_one_line(str(error))})", url=url
            ) from None
        if attempt >= settings.retries:
            raise failure
        attempt += 1
        await asyncio.sleep(delay)


async def fetch_many(
    urls: Sequence[str],
    *,
    settings: HttpSettings,
    headers: Sequence[Mapping[str, str] | None] | None = None,
    max_bytes: int | None = None,
    on_progress: ProgressHook | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[Fetched | NetworkError]:
    """Fetch many URLs concurrently (at most ``settings.concurrency`` at once); each result
    is the response or the :class:`NetworkError` it failed with, in input order."""
    gate = asyncio.Semaphore(max(1, settings.concurrency))
    per_url = list(headers) if headers is not None else [None] * len(urls)

    async def one(client: httpx.AsyncClient, url: str, extra: Mapping[str, str] | None) -> (
        Fetched | NetworkError
    ):
        async with gate:
            try:
                return await fetch_bytes(
                    client,
                    url,
                    settings=settings,
                    headers=extra,
                    max_bytes=max_bytes,
                    on_progress=on_progress,
                )
            except NetworkError as error:
                return error

    async with make_client(settings, transport=transport) as client:
        return list(
            await asyncio.gather(*(one(client, u, h) for u, h in zip(urls, per_url, strict=True)))
        )


# --- charsets --------------------------------------------------------------------------------

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:+-]{1,40})", re.IGNORECASE)
# <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">;
# bounded repeats keep the scan linear.
_META_CHARSET = re.compile(
    rb"<meta\b[^>]{0,500}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:+-]{1,40})", re.IGNORECASE
)
# Labels browsers treat as windows-1252 (WHATWG Encoding), so 0x80-0x9f decode as they do.
_WINDOWS_1252_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii",
                                  "ascii", "l1", "cp819", "ibm819"})


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def detect_charset(content: bytes, content_type: str | None = None) -> str:
    """The page's encoding: a BOM, else the Content-Type charset, else ``<meta charset>`` or
    http-equiv, else detection by charset-normalizer, else UTF-8."""
    if content.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if content_type:
        found = _HEADER_CHARSET.search(content_type)
        codec = _codec(found.group(1) if found else None)
        if codec:
            return codec
    meta = _META_CHARSET.search(content[:4096])
    codec = _codec(meta.group(1).decode("ascii") if meta else None)
    if codec:
        # A page that claims UTF-16 in ASCII-compatible bytes is really ASCII-compatible.
        return "utf-8" if codec.startswith("utf-16") else codec
    from charset_normalizer import from_bytes

    best = from_bytes(content[:200_000]).best()
    return _codec(best.encoding if best else None) or "utf-8"


def decode_page(content: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode page bytes; return (text, codec used). Undecodable bytes become U+FFFD."""
    codec = detect_charset(content, content_type)
    return content.decode(codec, errors="replace"), codec


# --- articles --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """An HTML page as fetched and decoded."""

    url: str
    final_url: str
    html: str
    charset: str
    http_version: str


def page_from(fetched: Fetched) -> Page:
    """Check that a response is an HTML page and decode it."""
    media = fetched.content_type
    if media and media not in HTML_TYPES:
        raise NetworkError(
            f"{redact_url(fetched.url)}: not an HTML page (Content-Type: {media})",
            url=fetched.url,
        )
    if not fetched.content.strip():
        raise NetworkError(f"{redact_url(fetched.url)}: the page is empty", url=fetched.url)
    html, charset = decode_page(fetched.content, fetched.headers.get("content-type"))
    return Page(fetched.url, fetched.final_url, html, charset, fetched.http_version)


def _first_error(results: Sequence[Fetched | NetworkError]) -> None:
    for result in results:
        if isinstance(result, NetworkError):
            raise result


def fetch_pages(
    urls: Sequence[str],
    *,
    settings: HttpSettings | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[Page]:
    """Fetch HTML pages concurrently; the first failure (in input order) is raised."""
    settings = settings or HttpSettings()
    for url in urls:
        check_url(url)
    results = asyncio.run(fetch_many(urls, settings=settings, transport=transport))
    _first_error(results)
    return [page_from(r) for r in results if isinstance(r, Fetched)]


def fetch_documents(
    urls: Sequence[str],
    *,
    concurrency: int | None = None,
    language: str = "auto",
    settings: HttpSettings | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[Document]:
    """Fetch article pages and extract their main text into :class:`Document` values whose
    ``path`` is the URL and ``title`` the article title (menus, footers and related links are
    left out). Pages are fetched concurrently, at most ``concurrency`` at once."""
    from factcheck.api import document_from_text
    from factcheck.net.extract import extract_article

    settings = settings or HttpSettings()
    if concurrency is not None:
        settings = dataclasses.replace(settings, concurrency=max(1, concurrency))
    documents: list[Document] = []
    for page in fetch_pages(urls, settings=settings, transport=transport):
        article = extract_article(page.html, url=page.url)
        document = document_from_text(article.text, path=page.url, language=language)
        documents.append(dataclasses.replace(document, markdown=False, title=article.title))
    return documents

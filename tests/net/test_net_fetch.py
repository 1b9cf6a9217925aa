"""Fetching pages from a real HTTP server on 127.0.0.1: charsets, redirects, retries, caps,
timeouts, errors; extraction leaves menus, footers and related links out."""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Iterator

import httpx
import pytest
from netserver import Site, start_site, unused_port

from factcheck.api import check_documents
from factcheck.net.extract import extract_article
from factcheck.net.fetch import (
    USER_AGENT,
    HttpSettings,
    NetworkError,
    decode_page,
    fetch_documents,
    fetch_pages,
)
from factcheck.net.urls import is_url, redact_url

FAST = HttpSettings(timeout=0.5, retries=2, backoff=0.01, max_retry_after=0.2)


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    running = start_site()
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # trust_env=True: a proxy from the environment must not catch loopback traffic in tests.
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


def _error(site: Site, path: str, settings: HttpSettings = FAST) -> str:
    with pytest.raises(NetworkError) as caught:
        fetch_documents([site.url(path)], settings=settings)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(site.url(path)), message
    return message


# --- articles ---------------------------------------------------------------------------------

BOILERPLATE = {
    "/en.html": ("Airline", "Central bank", "Fishing fleet", "Copyright", "Subscribe", "Privacy"),
    "/ar.html": ("الطيران", "البنك المركزي", "أسطول", "الحقوق", "اشترك", "الرئيسية"),
}
ARTICLE = {
    "/en.html": ("4.2 million containers", "950 million dollars", "6 million containers"),
    "/ar.html": ("4.2 مليون حاوية", "950 مليون دولار", "6 ملايين حاوية"),
}


@pytest.mark.parametrize(
    ("path", "language", "title"),
    [
        ("/en.html", "en", "Port expansion doubles cargo capacity"),
        ("/ar.html", "ar", "توسعة الميناء تضاعف قدرة الشحن"),
    ],
)
def test_article_text_and_claims_without_boilerplate(
    site: Site, path: str, language: str, title: str
) -> None:
    [document] = fetch_documents([site.url(path)], settings=FAST)
    assert document.path == site.url(path)
    assert document.title == title
    assert document.language == language
    assert not document.markdown
    for phrase in ARTICLE[path]:
        assert phrase in document.text
    for phrase in BOILERPLATE[path]:
        assert phrase not in document.text
    claims = check_documents([document]).documents[0].claims
    assert len(claims) >= 3
    assert all(not any(p in c.text for p in BOILERPLATE[path]) for c in claims)


@pytest.mark.parametrize(
    "path",
    ["/ar-1256-meta.html", "/ar-1256-http-equiv.html", "/ar-1256-header.html",
     "/ar-1256-none.html"],
)
def test_windows_1256_pages_decode(site: Site, path: str) -> None:
    [page] = fetch_pages([site.url(path)], settings=FAST)
    assert page.charset == "cp1256"
    assert "الميناء الشمالي استقبل 4.2 مليون حاوية" in page.html
    [document] = fetch_documents([site.url(path)], settings=FAST)
    assert document.language == "ar"
    assert "\ufffd" not in document.text


@pytest.mark.parametrize(
    ("content", "content_type", "charset"),
    [
        ("مرحبا".encode(), "text/html; charset=UTF-8", "utf-8"),
        ("مرحبا".encode("cp1256"), 'text/html; charset="windows-1256"', "cp1256"),
        (b"<meta charset='iso-8859-1'><p>caf\xe9</p>", "text/html", "cp1252"),
        ("<meta charset=utf-8>café".encode(), None, "utf-8"),
        (b"\xef\xbb\xbf<p>bom</p>", "text/html; charset=cp1256", "utf-8-sig"),
        (b"<p>x</p>", "text/html; charset=no-such-codec", "cp1252"),  # detected ASCII
    ],
)
def test_charset_order(content: bytes, content_type: str | None, charset: str) -> None:
    _, used = decode_page(content, content_type)
    assert used == charset


def test_user_agent_and_many_urls_concurrently(site: Site) -> None:
    urls = [site.url(f"/pause/{i}") for i in range(8)]
    site.max_in_flight = 0
    started = time.monotonic()
    documents = fetch_documents(urls, concurrency=4, settings=FAST)
    elapsed = time.monotonic() - started
    assert [d.path for d in documents] == urls  # input order kept
    assert site.max_in_flight == 4
    assert elapsed < 8 * 0.25  # faster than one at a time
    assert site.headers_of("/pause/0")[0]["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("factcheck/")


# --- redirects, retries, errors -------------------------------------------------------------


def test_redirects_are_followed_up_to_the_cap(site: Site) -> None:
    [page] = fetch_pages([site.url("/redirect/3")], settings=FAST)
    assert page.final_url.endswith("/en.html")
    message = _error(site, "/redirect/9")
    assert "too many redirects (more than 5)" in message
    assert "too many redirects" in _error(site, "/loop")


def test_500_then_success_is_retried(site: Site) -> None:
    [document] = fetch_documents([site.url("/flaky-500/a")], settings=FAST)
    assert document.title
    assert site.hits["/flaky-500/a"] == 2


def test_persistent_5xx_gives_up_after_the_retries(site: Site) -> None:
    assert "HTTP 500" in _error(site, "/always-500")
    assert site.hits["/always-500"] == FAST.retries + 1


@pytest.mark.parametrize(("path", "status"), [("/missing", "HTTP 404"), ("/forbidden", "HTTP 403")])
def test_other_4xx_are_not_retried(site: Site, path: str, status: str) -> None:
    assert status in _error(site, path)
    assert site.hits[path] == 1


def test_429_honours_retry_after(site: Site) -> None:
    settings = HttpSettings(timeout=2, retries=2, backoff=0.01, max_retry_after=5)
    started = time.monotonic()
    fetch_documents([site.url("/limited/a")], settings=settings)
    assert time.monotonic() - started >= 0.95  # Retry-After: 1
    assert site.hits["/limited/a"] == 2


@pytest.mark.parametrize("path", ["/limited-long/a", "/limited-date/a"])
def test_retry_after_is_capped(site: Site, path: str) -> None:
    started = time.monotonic()
    fetch_documents([site.url(path)], settings=FAST)  # an hour, or a date long past
    assert time.monotonic() - started < 1.5
    assert site.hits[path] == 2


@pytest.mark.parametrize(
    ("path", "cause"),
    [
        ("/data.json", "not an HTML page (Content-Type: application/json)"),
        ("/image.png", "not an HTML page (Content-Type: image/png)"),
        ("/big", "larger than the limit of 1,000,000 bytes"),
        ("/big-streamed", "larger than the limit of 1,000,000 bytes"),
        ("/empty.html", "no article text found on the page"),
    ],
)
def test_unusable_pages(site: Site, path: str, cause: str) -> None:
    settings = HttpSettings(timeout=2, retries=0, max_bytes=1_000_000)
    assert cause in _error(site, path, settings)


def test_slow_server_times_out(site: Site) -> None:
    started = time.monotonic()
    message = _error(site, "/slow", HttpSettings(timeout=0.3, retries=2, backoff=0.01))
    assert "timed out after 0.3s" in message
    assert time.monotonic() - started < 1.5  # a read timeout is not retried


def test_refused_connection_is_retried_then_reported() -> None:
    url = f"http://127.0.0.1:{unused_port()}/article"
    with pytest.raises(NetworkError) as caught:
        fetch_documents([url], settings=FAST)
    assert str(caught.value) == f"{url}: connection refused"
    assert caught.value.transient


def test_invalid_host_fails_without_a_lookup() -> None:
    with pytest.raises(NetworkError) as caught:
        fetch_documents(["http://news.invalid/story"], settings=FAST)
    assert str(caught.value) == (
        "http://news.invalid/story: cannot resolve host 'news.invalid' (DNS lookup failed)"
    )


def test_tls_handshake_with_a_plain_http_server_fails(site: Site) -> None:
    url = f"https://127.0.0.1:{site.port}/en.html"
    with pytest.raises(NetworkError) as caught:
        fetch_documents([url], settings=FAST)
    assert str(caught.value).startswith(f"{url}: TLS error")


def _raising(error: BaseException) -> httpx.MockTransport:
    # Only for failures a local server cannot produce.
    def handler(request: httpx.Request) -> httpx.Response:
        try:
            raise error
        except OSError as cause:
            raise httpx.ConnectError(str(cause), request=request) from cause

    return httpx.MockTransport(handler)


@pytest.mark.parametrize(
    ("error", "cause"),
    [
        (ssl.SSLCertVerificationError(1, "certificate verify failed: self-signed certificate"),
         "TLS certificate verification failed"),
        (socket.gaierror(-2, "Name or service not known"), "DNS lookup failed"),
    ],
)
def test_transport_failures_are_named(error: BaseException, cause: str) -> None:
    with pytest.raises(NetworkError) as caught:
        fetch_documents(["https://example.org/a"], settings=FAST, transport=_raising(error))
    assert str(caught.value).startswith("https://example.org/a: ")
    assert cause in str(caught.value)


@pytest.mark.parametrize(
    ("url", "cause"),
    [
        ("ftp://example.org/a", "only http:// and https:// addresses can be fetched"),
        ("http:///nohost", "the address has no host name"),
    ],
)
def test_bad_addresses(url: str, cause: str) -> None:
    with pytest.raises(NetworkError, match=cause):
        fetch_documents([url], settings=FAST)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://api.example/v1?query=x&key=SECRET", "https://api.example/v1?query=x&key=REDACTED"),
        ("https://user:pw@host.example/a", "https://user:REDACTED@host.example/a"),
        ("https://host.example/a?q=1", "https://host.example/a?q=1"),
    ],
)
def test_redact_url(url: str, shown: str) -> None:
    assert redact_url(url) == shown


@pytest.mark.parametrize(
    ("text", "expected"),
    [("https://a.example/x", True), ("HTTP://a.example", True), ("article.md", False),
     ("http-notes.md", False), ("-", False)],
)
def test_is_url(text: str, expected: bool) -> None:
    assert is_url(text) is expected


@pytest.mark.parametrize(
    ("environ", "field", "value"),
    [
        ({"FACTCHECK_HTTP_TIMEOUT": "0.25"}, "timeout", 0.25),
        ({"FACTCHECK_HTTP_RETRIES": "0"}, "retries", 0),
        ({"FACTCHECK_HTTP_BACKOFF": "0.01"}, "backoff", 0.01),
        ({}, "timeout", 20.0),
    ],
)
def test_settings_from_env(environ: dict[str, str], field: str, value: float) -> None:
    assert getattr(HttpSettings.from_env(environ), field) == value


def test_extract_article_keeps_paragraph_breaks() -> None:
    html = (
        "<html><head><title>T &amp; U</title></head><body><article><h1>Heading</h1>"
        + "".join(f"<p>Paragraph {i} says that {i * 10} people came to the meeting.</p>"
                  for i in range(1, 6))
        + "</article></body></html>"
    )
    article = extract_article(html, url="http://127.0.0.1/x")
    assert article.title in ("T & U", "Heading")
    assert "\n\nParagraph 2 says" in article.text

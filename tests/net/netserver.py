"""A real HTTP server on 127.0.0.1 for the network tests: article pages, redirects, slow and
failing endpoints, revalidating evidence files and a fake Fact Check Tools ``claims:search``.

Nothing here contacts any other address; every route is defined below.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

FIXTURES = Path(__file__).parent.parent / "fixtures" / "net"
API_KEY = "test-key-5f3a9c"
EVIDENCE = (
    '{"id": "port-1", "claim": "The northern harbour handled 4.2 million containers last year",'
    ' "rating": "true", "source": "Port authority"}\n'
    '{"id": "port-2", "claim": "The new terminal cost 2 billion dollars", "rating": "false",'
    ' "source": "Harbour Gazette"}\n'
)
ETAG = '"ev-1"'
LAST_MODIFIED = "Tue, 05 Mar 2024 10:00:00 GMT"
# The fake API's pages: token -> (claims, next token)
API_PAGES: dict[str, tuple[list[dict[str, object]], str | None]] = {
    "": (
        [
            {
                "text": "The new terminal cost 2 billion dollars",
                "claimant": "A social media post",
                "claimDate": "2024-03-01T00:00:00Z",
                "claimReview": [
                    {
                        "publisher": {"name": "Harbour Checks", "site": "harbourchecks.example"},
                        "url": "https://harbourchecks.example/terminal-cost",
                        "title": "No, the terminal did not cost 2 billion",
                        "reviewDate": "2024-03-04T00:00:00Z",
                        "textualRating": "False",
                        "languageCode": "en",
                    }
                ],
            }
        ],
        "page-2",
    ),
    "page-2": (
        [
            {
                "text": "The port handled 4.2 million containers last year",
                "claimReview": [
                    {
                        "publisher": {"site": "dockwatch.example"},
                        "url": "https://dockwatch.example/containers",
                        "reviewDate": "2024-02-10T00:00:00Z",
                        "textualRating": "Mostly true",
                        "languageCode": "en",
                    },
                    {
                        "publisher": {"name": "Second Look"},
                        "url": "https://secondlook.example/port",
                        "textualRating": "Correct",
                    },
                ],
            }
        ],
        None,
    ),
}

Route = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    site: Site

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        self.query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        self.route_path = parts.path
        site = self.site
        with site.lock:
            site.hits[parts.path] += 1
            site.requests.append((parts.path, dict(self.headers.items()), self.query))
            site.in_flight += 1
            site.max_in_flight = max(site.max_in_flight, site.in_flight)
        try:
            route = site.route_for(parts.path)
            if route is None:
                self.send_body(404, b"not here", "text/plain")
            else:
                route(self)
        finally:
            with site.lock:
                site.in_flight -= 1

    def send_body(
        self,
        status: int,
        body: bytes,
        content_type: str | None = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that time out or stop reading on purpose are part of the tests


class Site:
    """The running server, its routes and what it was asked."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str], dict[str, str]]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.routes: dict[str, Route] = {}
        self.prefix_routes: dict[str, Route] = {}
        handler = type("BoundHandler", (Handler,), {"site": self})
        self.server = _Server(("127.0.0.1", 0), handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        _default_routes(self)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route_for(self, path: str) -> Route | None:
        if path in self.routes:
            return self.routes[path]
        for prefix, route in self.prefix_routes.items():
            if path.startswith(prefix):
                return route
        return None

    def headers_of(self, path: str) -> list[dict[str, str]]:
        with self.lock:
            return [headers for p, headers, _ in self.requests if p == path]

    def queries_of(self, path: str) -> list[dict[str, str]]:
        with self.lock:
            return [query for p, _, query in self.requests if p == path]

    def start(self) -> Site:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _page(name: str) -> Route:
    body = (FIXTURES / name).read_bytes()
    return lambda h: h.send_body(200, body)


def _windows_1256(declare: str) -> Route:
    html = (FIXTURES / "ar-article.html").read_text(encoding="utf-8")
    if declare == "meta":
        body = html.replace('charset="utf-8"', 'charset="windows-1256"').encode("cp1256")
        return lambda h: h.send_body(200, body, "text/html")
    if declare == "http-equiv":
        html = html.replace(
            '<meta charset="utf-8">',
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">',
        )
        body = html.encode("cp1256")
        return lambda h: h.send_body(200, body, "text/html")
    body = html.replace('<meta charset="utf-8">', "").encode("cp1256")
    content_type = "text/html; charset=windows-1256" if declare == "header" else "text/html"
    return lambda h: h.send_body(200, body, content_type)


def _redirects(h: Handler) -> None:
    left = int(h.route_path.rsplit("/", 1)[-1])
    h.redirect(f"/redirect/{left - 1}" if left > 1 else "/en.html")


def _slow(h: Handler) -> None:
    time.sleep(float(h.query.get("s", "2")))
    h.send_body(200, (FIXTURES / "en-article.html").read_bytes())


def _fail_first(status: int, retry_after: str | None = None) -> Route:
    def route(h: Handler) -> None:
        if h.site.hits[h.route_path] == 1:
            headers = {"Retry-After": retry_after} if retry_after is not None else {}
            h.send_body(status, b"try again later", "text/plain", headers)
        else:
            h.send_body(200, (FIXTURES / "en-article.html").read_bytes())

    return route


def _close_delimited(h: Handler) -> None:
    # No Content-Length: the size cap must hold while streaming.
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Connection", "close")
    h.end_headers()
    h.close_connection = True
    chunk = b"<p>" + b"x" * 65_536 + b"</p>"
    for _ in range(64):
        h.wfile.write(chunk)


def _evidence(etag: bool, last_modified: bool) -> Route:
    def route(h: Handler) -> None:
        headers: dict[str, str] = {}
        if etag:
            headers["ETag"] = ETAG
        if last_modified:
            headers["Last-Modified"] = LAST_MODIFIED
        if (etag and h.headers.get("If-None-Match") == ETAG) or (
            not etag and last_modified and h.headers.get("If-Modified-Since") == LAST_MODIFIED
        ):
            h.send_response(304)
            for name, value in headers.items():
                h.send_header(name, value)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        h.send_body(200, EVIDENCE.encode("utf-8"), "application/x-ndjson", headers)

    return route


def _claims_search(h: Handler) -> None:
    if h.query.get("key") != API_KEY:
        message = "API key not valid. Please pass a valid API key."
        error = {"error": {"code": 400, "message": message, "status": "INVALID_ARGUMENT"}}
        h.send_body(400, json.dumps(error).encode(), "application/json")
        return
    claims, token = API_PAGES.get(h.query.get("pageToken", ""), ([], None))
    data: dict[str, object] = {"claims": claims}
    if token:
        data["nextPageToken"] = token
    h.send_body(200, json.dumps(data).encode(), "application/json; charset=UTF-8")


def _default_routes(site: Site) -> None:
    site.routes |= {
        "/en.html": _page("en-article.html"),
        "/ar.html": _page("ar-article.html"),
        "/ar-1256-meta.html": _windows_1256("meta"),
        "/ar-1256-http-equiv.html": _windows_1256("http-equiv"),
        "/ar-1256-header.html": _windows_1256("header"),
        "/ar-1256-none.html": _windows_1256("none"),
        "/loop": lambda h: h.redirect("/loop"),
        "/slow": _slow,
        "/missing": lambda h: h.send_body(404, b"gone", "text/plain"),
        "/forbidden": lambda h: h.send_body(403, b"no", "text/plain"),
        "/always-500": lambda h: h.send_body(500, b"broken", "text/plain"),
        "/always-503": lambda h: h.send_body(503, b"down", "text/plain", {"Retry-After": "0"}),
        "/data.json": lambda h: h.send_body(200, b'{"a": 1}', "application/json"),
        "/image.png": lambda h: h.send_body(200, b"\x89PNG\r\n", "image/png"),
        "/big": lambda h: h.send_body(200, b"<p>" + b"y" * 3_000_000 + b"</p>"),
        "/big-streamed": _close_delimited,
        "/empty.html": lambda h: h.send_body(200, b"<html><body>  </body></html>"),
        "/evidence.jsonl": _evidence(etag=True, last_modified=True),
        "/evidence-lm.jsonl": _evidence(etag=False, last_modified=True),
        "/evidence-plain.jsonl": _evidence(etag=False, last_modified=False),
        "/v1alpha1/claims:search": _claims_search,
        "/bad/claims:search": lambda h: h.send_body(200, b"{not json", "application/json"),
        "/odd/claims:search": lambda h: h.send_body(
            200, b'{"claims": "nope"}', "application/json"
        ),
    }
    site.prefix_routes |= {
        "/redirect/": _redirects,
        "/flaky-500/": _fail_first(500),
        "/limited/": _fail_first(429, "1"),
        "/limited-long/": _fail_first(429, "3600"),
        "/limited-date/": _fail_first(429, "Wed, 21 Oct 2015 07:28:00 GMT"),
        "/pause/": lambda h: _slow_for(h, 0.25),
    }


def _slow_for(h: Handler, seconds: float) -> None:
    time.sleep(seconds)
    h.send_body(200, (FIXTURES / "en-article.html").read_bytes())


def start_site() -> Site:
    """Start a server on 127.0.0.1 (a free port) in a daemon thread."""
    return Site().start()


def unused_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (connections are refused)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])

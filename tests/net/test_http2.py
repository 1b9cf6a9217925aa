"""HTTP/2 over TLS against a real server on 127.0.0.1 (hypercorn, a throwaway CA from trustme).

httpx speaks HTTP/2 only over TLS (negotiated with ALPN), so the plain-HTTP test server of
the other network tests cannot show it; this one records the protocol of every request.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli

hypercorn_config = pytest.importorskip("hypercorn.config")
hypercorn_asyncio = pytest.importorskip("hypercorn.asyncio")
trustme = pytest.importorskip("trustme")

PAGE = Path(__file__).parent.parent / "fixtures" / "net" / "en-article.html"
Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class TlsSite:
    """An HTTPS server in a thread; ``versions`` lists the HTTP version of each request."""

    def __init__(self, folder: Path) -> None:
        authority = trustme.CA()
        certificate = authority.issue_cert("127.0.0.1", "localhost")
        self.ca_file = folder / "ca.pem"
        authority.cert_pem.write_to_path(str(self.ca_file))
        chain, key = folder / "chain.pem", folder / "key.pem"
        certificate.cert_chain_pems[0].write_to_path(str(chain))
        for extra in certificate.cert_chain_pems[1:]:
            extra.write_to_path(str(chain), append=True)
        certificate.private_key_pem.write_to_path(str(key))
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.config = hypercorn_config.Config()
        self.config.bind = [f"127.0.0.1:{self.port}"]
        self.config.certfile, self.config.keyfile = str(chain), str(key)
        self.config.alpn_protocols = ["h2", "http/1.1"]
        self.config.accesslog = self.config.errorlog = None
        self.versions: list[str] = []
        self._loop = asyncio.new_event_loop()
        self._stop = asyncio.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    async def app(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve the English test article at every path, noting the protocol."""
        if scope["type"] != "http":
            return
        self.versions.append(str(scope["http_version"]))
        body = PAGE.read_bytes()
        headers = [(b"content-type", b"text/html; charset=utf-8"),
                   (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(
            hypercorn_asyncio.serve(self.app, self.config, shutdown_trigger=self._stop.wait)
        )

    def start(self) -> None:
        self._thread.start()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("the HTTPS test server did not start")

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=10)

    def url(self, path: str) -> str:
        return f"https://127.0.0.1:{self.port}{path}"


@pytest.fixture
def tls_site(tmp_path: Path) -> Iterator[TlsSite]:
    site = TlsSite(tmp_path)
    site.start()
    try:
        yield site
    finally:
        site.stop()


def test_pages_come_over_http2_with_tls(tls_site: TlsSite) -> None:
    run = run_cli("list", tls_site.url("/en.html"), "-f", "json",
                  env={"SSL_CERT_FILE": str(tls_site.ca_file)})
    assert run.code == 0, run.stderr
    document = json.loads(run.stdout)["documents"][0]
    assert document["path"] == tls_site.url("/en.html")
    assert document["claims"]
    assert tls_site.versions and set(tls_site.versions) == {"2"}


def test_an_untrusted_certificate_is_one_line(tls_site: TlsSite, tmp_path: Path) -> None:
    # Another CA than the one that signed the server's certificate.
    other = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(other))
    run = run_cli("list", tls_site.url("/en.html"), env={"SSL_CERT_FILE": str(other)})
    assert run.code == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert tls_site.url("/en.html") in lines[0]
    assert "TLS certificate verification failed" in lines[0]
    assert "Traceback" not in run.stderr

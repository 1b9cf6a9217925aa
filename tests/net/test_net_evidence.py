"""Remote evidence (download, cache, ETag/Last-Modified revalidation, offline fallback) and the
Google Fact Check Tools client, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from netserver import API_KEY, ETAG, LAST_MODIFIED, Handler, Site, start_site

from factcheck.evidence import EvidenceBase, load_evidence
from factcheck.net.evidence_remote import default_cache_dir, download_evidence, resolve_evidence
from factcheck.net.fetch import HttpSettings, NetworkError
from factcheck.net.google import (
    GoogleApiError,
    GoogleSettings,
    entries_from_response,
    google_settings,
    search_claims,
)

FAST = HttpSettings(timeout=0.5, retries=1, backoff=0.01, max_retry_after=0.2)


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    running = start_site()
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


# --- evidence ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "sent"),
    [
        ("/evidence.jsonl", {"If-None-Match": ETAG, "If-Modified-Since": LAST_MODIFIED}),
        ("/evidence-lm.jsonl", {"If-Modified-Since": LAST_MODIFIED}),
    ],
)
def test_download_then_304_reuses_the_cache(
    site: Site, tmp_path: Path, path: str, sent: dict[str, str]
) -> None:
    [first] = download_evidence([site.url(path)], cache=tmp_path, settings=FAST)
    assert first.name == path.lstrip("/")  # the URL's file name: format and default ids follow
    entries = load_evidence([first])
    assert [e.id for e in entries] == ["port-1", "port-2"]
    stamp = first.stat().st_mtime_ns
    [second] = download_evidence([site.url(path)], cache=tmp_path, settings=FAST)
    assert second == first
    assert second.stat().st_mtime_ns == stamp  # not rewritten
    revalidation = site.headers_of(path)[-1]
    for name, value in sent.items():
        assert revalidation[name] == value


def test_without_validators_it_downloads_again(site: Site, tmp_path: Path) -> None:
    for _ in range(2):
        download_evidence([site.url("/evidence-plain.jsonl")], cache=tmp_path, settings=FAST)
    assert "If-None-Match" not in site.headers_of("/evidence-plain.jsonl")[-1]


def test_offline_uses_the_cached_copy_with_a_warning(tmp_path: Path) -> None:
    server = start_site()
    url = server.url("/evidence.jsonl")
    [cached] = download_evidence([url], cache=tmp_path, settings=FAST)
    server.stop()  # now the connection is refused
    warnings: list[str] = []
    [again] = download_evidence([url], cache=tmp_path, settings=FAST, warn=warnings.append)
    assert again == cached
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{url}: connection refused; using the cached copy")


def _then(site: Site, path: str, status: int) -> str:
    """A route that serves the evidence once, then answers ``status``."""
    serve = site.routes["/evidence-plain.jsonl"]

    def route(handler: Handler) -> None:
        if site.hits[path] == 1:
            serve(handler)
        else:
            handler.send_body(status, b"no", "text/plain", {"Retry-After": "0"})

    site.routes[path] = route
    return site.url(path)


def test_5xx_with_a_cache_warns_but_4xx_fails(site: Site, tmp_path: Path) -> None:
    warnings: list[str] = []
    down = _then(site, "/down.jsonl", 503)
    gone = _then(site, "/gone.jsonl", 404)
    cached = download_evidence([down, gone], cache=tmp_path, settings=FAST)
    assert download_evidence([down], cache=tmp_path, settings=FAST, warn=warnings.append) == [
        cached[0]
    ]
    assert len(warnings) == 1 and "HTTP 503" in warnings[0]
    with pytest.raises(NetworkError, match=r"/gone\.jsonl: HTTP 404"):
        download_evidence([gone], cache=tmp_path, settings=FAST, warn=warnings.append)
    assert len(warnings) == 1


def test_resolve_keeps_paths_and_order(site: Site, tmp_path: Path) -> None:
    local = tmp_path / "local.jsonl"
    local.write_text('{"claim": "x"}\n', encoding="utf-8")
    resolved = resolve_evidence(
        [local, site.url("/evidence.jsonl"), str(local)], cache=tmp_path / "c", settings=FAST
    )
    assert resolved[0] == local and resolved[2] == local
    assert resolved[1].name == "evidence.jsonl" and resolved[1].parent.parent == tmp_path / "c"


def test_cache_dir_override(tmp_path: Path) -> None:
    assert default_cache_dir({"FACTCHECK_CACHE_DIR": str(tmp_path)}) == tmp_path
    assert default_cache_dir({}).name == "evidence"


# --- Google Fact Check Tools -----------------------------------------------------------------


def _google(site: Site, key: str = API_KEY, path: str = "/v1alpha1/claims:search") -> (
    GoogleSettings
):
    return GoogleSettings(api_key=key, api_url=site.url(path))


def test_search_follows_pages_and_maps_reviews(site: Site) -> None:
    entries = search_claims("terminal cost", _google(site), language="en", max_age_days=30,
                            settings=FAST)
    assert [(e.claim, e.rating, e.rating_class, e.source) for e in entries] == [
        ("The new terminal cost 2 billion dollars", "False", "false", "Harbour Checks"),
        ("The port handled 4.2 million containers last year", "Mostly true", "true",
         "dockwatch.example"),
        ("The port handled 4.2 million containers last year", "Correct", "true", "Second Look"),
    ]
    first = entries[0]
    assert first.url == "https://harbourchecks.example/terminal-cost"
    assert first.date == "2024-03-04" and first.lang == "en" and first.origin == "google"
    assert first.id.startswith("google:")
    queries = site.queries_of("/v1alpha1/claims:search")[-2:]
    assert [q.get("pageToken") for q in queries] == [None, "page-2"]
    assert all(q["languageCode"] == "en" and q["maxAgeDays"] == "30" for q in queries)
    assert all(q["query"] == "terminal cost" for q in queries)


def test_remote_entries_can_be_scored(site: Site) -> None:
    entries = search_claims("terminal", _google(site), settings=FAST)
    [best] = EvidenceBase(entries).search("the terminal cost 2 billion dollars", top=1)
    assert best.entry.source == "Harbour Checks" and best.score > 90


def test_limit_stops_paging(site: Site) -> None:
    before = site.hits["/v1alpha1/claims:search"]
    assert len(search_claims("x", _google(site), limit=1, settings=FAST)) == 1
    assert site.hits["/v1alpha1/claims:search"] == before + 1


@pytest.mark.parametrize(
    ("key", "path", "cause"),
    [
        ("wrong-key-77aa", "/v1alpha1/claims:search",
         "the API key was rejected (HTTP 400): API key not valid"),
        (API_KEY, "/bad/claims:search", "malformed JSON from the API"),
        (API_KEY, "/odd/claims:search", "unexpected API answer ('claims' is not a list)"),
        (API_KEY, "/always-500", "HTTP 500"),
    ],
)
def test_api_errors_never_show_the_key(site: Site, key: str, path: str, cause: str) -> None:
    with pytest.raises(NetworkError) as caught:
        search_claims("x", _google(site, key, path), settings=FAST)
    message = str(caught.value)
    assert cause in message
    assert key not in message and key not in repr(caught.value.url)
    assert "key=REDACTED" in message
    assert "\n" not in message


def test_key_and_url_come_from_environment_or_config() -> None:
    with pytest.raises(GoogleApiError, match="FACTCHECK_GOOGLE_API_KEY"):
        google_settings({})
    assert google_settings({}, config_key="k1").api_key == "k1"
    settings = google_settings(
        {"FACTCHECK_GOOGLE_API_KEY": "k2", "FACTCHECK_GOOGLE_API_URL": "http://127.0.0.1:9/s"},
        config_key="k1",
    )
    assert (settings.api_key, settings.api_url) == ("k2", "http://127.0.0.1:9/s")
    assert "k2" not in repr(settings)


@pytest.mark.parametrize(
    ("data", "count", "token"),
    [
        ({}, 0, None),
        ({"claims": [], "nextPageToken": ""}, 0, None),
        ({"claims": [{"text": "x", "claimReview": [{"textualRating": "Pants on Fire"}]}]}, 1,
         None),
        ({"claims": [{"claimReview": [{}]}], "nextPageToken": "t"}, 0, "t"),
    ],
)
def test_entries_from_response(data: dict[str, object], count: int, token: str | None) -> None:
    entries, next_token = entries_from_response(data, display="api")
    assert (len(entries), next_token) == (count, token)


def test_unrated_review_is_unproven() -> None:
    data = {"claims": [{"text": "x", "claimReview": [{"url": "https://a.example/r"}]}]}
    [entry], _ = entries_from_response(data, display="api")
    assert entry.rating is None and entry.rating_class == "unproven"
    assert json.dumps(entry.__dict__)  # plain values only

"""End-to-end network runs of the command line against a real HTTP server on 127.0.0.1:
articles from URLs, evidence URLs, ``check --remote google`` and ``evidence import``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from netserver import API_KEY, Site, start_site

from conftest import Run, run_cli


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    running = start_site()
    yield running
    running.stop()


@pytest.fixture
def env(site: Site, tmp_path: Path) -> dict[str, str]:
    """Short timeouts, tiny backoff, a private cache, no proxies, the fake Google API."""
    proxies = {name: "" for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy",
                                     "https_proxy", "all_proxy")}
    return proxies | {
        "NO_PROXY": "127.0.0.1,localhost",
        "FACTCHECK_HTTP_TIMEOUT": "1",
        "FACTCHECK_HTTP_RETRIES": "1",
        "FACTCHECK_HTTP_BACKOFF": "0.01",
        "FACTCHECK_HTTP_MAX_RETRY_AFTER": "0.1",
        "FACTCHECK_CACHE_DIR": str(tmp_path / "cache"),
        "FACTCHECK_GOOGLE_API_KEY": API_KEY,
        "FACTCHECK_GOOGLE_API_URL": site.url("/v1alpha1/claims:search"),
    }


def _json(run: Run) -> dict:  # type: ignore[type-arg]
    assert run.code == 0, run.stderr
    return json.loads(run.stdout)


def _one_error(run: Run) -> str:
    assert run.code == 2, (run.stdout, run.stderr)
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    return lines[0]


def test_list_urls_shows_url_title_and_article_claims_only(
    site: Site, env: dict[str, str], tmp_path: Path
) -> None:
    local = tmp_path / "local.md"
    local.write_text("The council said it spent 3 million dollars on roads in 2023.\n",
                     encoding="utf-8")
    urls = [site.url("/en.html"), site.url("/ar-1256-meta.html")]
    data = _json(run_cli("list", urls[0], str(local), urls[1], "-f", "json",
                         "--concurrency", "2", env=env, cwd=tmp_path))
    documents = data["documents"]
    assert [d["path"] for d in documents] == [urls[0], str(local), urls[1]]
    assert [d["title"] for d in documents] == [
        "Port expansion doubles cargo capacity", None, "توسعة الميناء تضاعف قدرة الشحن"
    ]
    assert [d["language"] for d in documents] == ["en", "en", "ar"]
    english = " ".join(c["text"] for c in documents[0]["claims"])
    arabic = " ".join(c["text"] for c in documents[2]["claims"])
    assert "4.2 million containers" in english and "4.2 مليون حاوية" in arabic
    for phrase in ("Airline", "Central bank", "Copyright", "الطيران", "البنك المركزي", "الحقوق"):
        assert phrase not in english + arabic


def test_table_shows_url_and_title(site: Site, env: dict[str, str]) -> None:
    run = run_cli("list", site.url("/ar.html"), "--no-color", "--bidi", "off", env=env)
    assert run.code == 0, run.stderr
    assert site.url("/ar.html") in run.stdout
    assert "توسعة الميناء تضاعف قدرة الشحن" in run.stdout


def test_evidence_url_is_downloaded_then_revalidated(site: Site, env: dict[str, str]) -> None:
    args = ("list", site.url("/en.html"), "-e", site.url("/evidence.jsonl"), "-f", "json")
    before = site.hits["/evidence.jsonl"]
    first = _json(run_cli(*args, env=env))
    second = _json(run_cli(*args, env=env))
    assert first == second
    assert first["summary"]["verdicts"]["supported"] >= 1
    assert site.hits["/evidence.jsonl"] == before + 2
    assert site.headers_of("/evidence.jsonl")[-1].get("If-None-Match") == '"ev-1"'
    cached = list(Path(env["FACTCHECK_CACHE_DIR"]).glob("*/evidence.jsonl"))
    assert len(cached) == 1


def test_check_remote_google_without_local_evidence(site: Site, env: dict[str, str]) -> None:
    data = _json(run_cli("check", "The new terminal cost 2 billion dollars", "--remote",
                         "google", "-f", "json", env=env))
    assert data["verdict"]["label"] == "refuted"
    best = data["matches"][0]
    assert (best["source"], best["rating"], best["url"]) == (
        "Harbour Checks", "False", "https://harbourchecks.example/terminal-cost"
    )
    query = site.queries_of("/v1alpha1/claims:search")[-1]
    assert query["languageCode"] == "en"


def test_check_remote_merges_with_local_matches(site: Site, env: dict[str, str],
                                                tmp_path: Path) -> None:
    local = tmp_path / "local.jsonl"
    local.write_text('{"id": "mine", "claim": "The new terminal cost 950 million dollars", '
                     '"source": "Ministry"}\n', encoding="utf-8")
    run = run_cli("check", "The new terminal cost 2 billion dollars", "--remote", "google",
                  "-e", str(local), "--no-color", env=env)
    assert run.code == 0, run.stderr
    for text in ("Harbour Checks", "False", "harbourchecks.example/terminal-cost", "Ministry"):
        assert text in run.stdout


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"FACTCHECK_GOOGLE_API_KEY": ""}, "no Google Fact Check Tools API key"),
        ({"FACTCHECK_GOOGLE_API_KEY": "bad-key-0042"}, "the API key was rejected (HTTP 400)"),
    ],
)
def test_check_remote_key_problems(env: dict[str, str], change: dict[str, str],
                                   expected: str) -> None:
    run = run_cli("check", "The terminal cost 2 billion dollars", "--remote", "google",
                  env=env | change)
    line = _one_error(run)
    assert expected in line
    assert "bad-key-0042" not in run.stderr + run.stdout


def test_evidence_import_google(site: Site, env: dict[str, str], tmp_path: Path) -> None:
    output = tmp_path / "checks.jsonl"
    run = run_cli("evidence", "import", "google", "--query", "port terminal", "--lang", "en",
                  "--max-age-days", "90", "-o", str(output), env=env)
    assert run.code == 0, run.stderr
    lines = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 3  # both pages, every review
    assert lines[0]["source"] == "Harbour Checks" and lines[0]["rating"] == "False"
    assert API_KEY not in output.read_text(encoding="utf-8") + run.stderr
    query = site.queries_of("/v1alpha1/claims:search")[-1]
    assert (query["languageCode"], query["maxAgeDays"]) == ("en", "90")
    assert run_cli("evidence", "validate", str(output)).code == 0
    again = run_cli("evidence", "import", "google", "--query", "x", "-o", str(output), env=env)
    assert "already exists; use --force" in _one_error(again)
    forced = run_cli("evidence", "import", "google", "--query", "x", "-o", str(output),
                     "--force", env=env)
    assert forced.code == 0, forced.stderr


def test_evidence_import_converts_a_file(tmp_path: Path) -> None:
    source = tmp_path / "facts.csv"
    source.write_text("id,claim,rating,source\nf1,The bridge opened in 1998,true,City archive\n",
                      encoding="utf-8")
    output = tmp_path / "facts.jsonl"
    run = run_cli("evidence", "import", str(source), "-o", str(output))
    assert run.code == 0, run.stderr
    assert json.loads(output.read_text(encoding="utf-8")) == {
        "id": "f1", "claim": "The bridge opened in 1998", "rating": "true",
        "source": "City archive",
    }


@pytest.mark.parametrize(
    ("path", "cause"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/data.json", "not an HTML page (Content-Type: application/json)"),
        ("/slow", "timed out after 1s waiting for the server"),
        ("/loop", "too many redirects (more than 5)"),
    ],
)
def test_list_url_errors(site: Site, env: dict[str, str], path: str, cause: str) -> None:
    line = _one_error(run_cli("list", site.url(path), env=env))
    assert line == f"factcheck: error: {site.url(path)}: {cause}"


def test_unresolvable_host_is_one_line(env: dict[str, str]) -> None:
    line = _one_error(run_cli("list", "https://newsroom.invalid/story", env=env))
    assert line == ("factcheck: error: https://newsroom.invalid/story: cannot resolve host "
                    "'newsroom.invalid' (DNS lookup failed)")

"""Evidence files given as URLs: downloaded once, cached, and revalidated with ETag/Last-Modified.

A 304 reuses the cached copy; when the server cannot be reached the cached copy is used with a
warning. The cache lives under the user cache folder (``FACTCHECK_CACHE_DIR`` overrides it).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import httpx

from factcheck.atomic import write_atomic
from factcheck.net.fetch import (
    Fetched,
    HttpSettings,
    NetworkError,
    ProgressHook,
    check_url,
    fetch_many,
)
from factcheck.net.urls import is_url, redact_url

# Evidence files are larger than articles.
DEFAULT_EVIDENCE_MAX_BYTES = 200 * 1024 * 1024
_SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv", ".yaml", ".yml")
_SUFFIX_BY_TYPE = {
    "application/json": ".json",
    "text/csv": ".csv",
    "application/yaml": ".yaml",
    "application/x-yaml": ".yaml",
    "text/yaml": ".yaml",
    "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
}
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")

Warn = Callable[[str], None]


def default_cache_dir(environ: Mapping[str, str]) -> Path:
    """Where downloaded evidence is kept: ``FACTCHECK_CACHE_DIR``, else the user cache folder."""
    override = environ.get("FACTCHECK_CACHE_DIR", "").strip()
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_cache_path("factcheck", appauthor=False) / "evidence"


def _key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:24]


def _file_name(url: str, content_type: str) -> str:
    """The URL's own file name (so formats and default ids follow it), made safe."""
    name = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    name = _UNSAFE_NAME.sub("_", name)[-100:].lstrip(".") or "evidence"
    if not name.lower().endswith(_SUFFIXES):
        name += _SUFFIX_BY_TYPE.get(content_type, ".jsonl")
    return name


def _read_meta(path: Path) -> dict[str, Any] | None:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


class _Entry:
    """One URL's place in the cache: metadata file and (once known) the data file."""

    def __init__(self, url: str, cache: Path) -> None:
        self.url = url
        self.meta_path = cache / f"{_key(url)}.json"
        self.folder = cache / _key(url)
        self.meta = _read_meta(self.meta_path)
        name = self.meta.get("file") if self.meta else None
        self.cached: Path | None = None
        if isinstance(name, str) and (self.folder / name).is_file():
            self.cached = self.folder / name

    def conditional_headers(self) -> dict[str, str]:
        if self.cached is None or self.meta is None:
            return {}
        headers: dict[str, str] = {}
        if isinstance(self.meta.get("etag"), str):
            headers["If-None-Match"] = self.meta["etag"]
        if isinstance(self.meta.get("last_modified"), str):
            headers["If-Modified-Since"] = self.meta["last_modified"]
        return headers

    def store(self, fetched: Fetched) -> Path:
        name = _file_name(fetched.final_url, fetched.content_type)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise NetworkError(
                f"{self.folder}: cannot create the cache folder: {error.strerror or error}"
            ) from None
        target = self.folder / name
        write_atomic(target, fetched.content)
        meta = {
            "url": redact_url(self.url),
            "file": name,
            "etag": fetched.headers.get("etag"),
            "last_modified": fetched.headers.get("last-modified"),
        }
        write_atomic(self.meta_path, json.dumps(meta, ensure_ascii=False, indent=1) + "\n")
        return target


@contextlib.contextmanager
def _progress_bar(enabled: bool, urls: Sequence[str]) -> Iterator[ProgressHook | None]:
    """A rich progress bar on standard error (callers enable it only on a terminal)."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TransferSpeedColumn,
    )

    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    tasks = {url: progress.add_task(redact_url(url)[-60:], total=None) for url in urls}

    def update(url: str, received: int, total: int | None) -> None:
        if url in tasks:
            progress.update(tasks[url], completed=received, total=total)

    with progress:
        yield update


def download_evidence(
    urls: Sequence[str],
    *,
    cache: Path,
    settings: HttpSettings | None = None,
    progress: bool = False,
    warn: Warn | None = None,
    max_bytes: int = DEFAULT_EVIDENCE_MAX_BYTES,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[Path]:
    """Download evidence URLs into ``cache`` (concurrently) and return the local files.

    A cached copy is revalidated (If-None-Match / If-Modified-Since): 304 reuses it. When the
    server cannot be reached (or answers 429/5xx) a cached copy is used and ``warn`` is told;
    without one the :class:`NetworkError` is raised.
    """
    settings = settings or HttpSettings()
    for url in urls:
        check_url(url)
    entries = [_Entry(url, cache) for url in urls]
    with _progress_bar(progress, urls) as hook:
        results = asyncio.run(
            fetch_many(
                urls,
                settings=settings,
                headers=[e.conditional_headers() for e in entries],
                max_bytes=max_bytes,
                on_progress=hook,
                transport=transport,
            )
        )
    paths: list[Path] = []
    for entry, result in zip(entries, results, strict=True):
        if isinstance(result, NetworkError):
            if result.transient and entry.cached is not None:
                if warn is not None:
                    warn(f"{result}; using the cached copy {entry.cached}")
                paths.append(entry.cached)
                continue
            raise result
        if result.status == 304 and entry.cached is not None:
            paths.append(entry.cached)
        elif result.status == 304:
            raise NetworkError(
                f"{redact_url(entry.url)}: HTTP 304 Not Modified but nothing is cached",
                url=entry.url,
            )
        else:
            paths.append(entry.store(result))
    return paths


def resolve_evidence(
    sources: Sequence[str | Path],
    *,
    cache: Path,
    settings: HttpSettings | None = None,
    progress: bool = False,
    warn: Warn | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[Path]:
    """Evidence sources as local files: paths stay, http(s) URLs are downloaded (cached)."""
    urls = [str(s) for s in sources if isinstance(s, str) and is_url(s)]
    downloaded = iter(
        download_evidence(
            urls, cache=cache, settings=settings, progress=progress, warn=warn,
            transport=transport,
        )
        if urls
        else []
    )
    return [
        next(downloaded) if isinstance(s, str) and is_url(s) else Path(s) for s in sources
    ]

"""A persistent on-disk evidence index: an inverted index in SQLite, then the brute-force scorer.

One index file per evidence file, in the cache, named by the file's content hash; built into a
temporary file under a lock and renamed into place, so readers never see half an index.

Retrieval is two-stage. Stage one ranks entries by BM25 over the claim's tokens (canonical
forms, so Arabic clitics and dates are folded as for scoring) and keeps the ``CANDIDATES`` best.
Each token's postings (the entries containing it) are one array in the ``terms`` table and BM25
is summed with numpy: measured, FTS5's ``ORDER BY rank`` cost ~5 us per posting and had to drop
all but the rarest tokens to answer in time, which lost the brute-force top match of claims made
of common words; summing arrays costs nanoseconds per posting. Tokens are taken rarest first and
the common ones dropped once ``POSTINGS_BUDGET`` postings are summed.

That leaves out entries made almost only of common words ("in 2019 the rise of this was ...");
they share no rare word with a text, yet ``token_set_ratio`` scores an entry whose words are
nearly all in the text high. So entries with at most ``LIGHT_RARE_TOKENS`` words rarer than
``LIGHT_DF`` (measured: 1.8% of a million generated entries) get postings of their own, over
all their words, and the ``LIGHT_CANDIDATES`` of them sharing the largest share of their words
with the text join the candidates. Stage two scores the candidates with :class:`EvidenceBase`
itself, so scores are the brute-force scores. A file with no more entries than ``CANDIDATES``
is scored whole: exactly brute force.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import hashlib
import itertools
import json
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from factcheck.errors import EvidenceError
from factcheck.evidence import lexical, vectors
from factcheck.evidence.base import best_matches, entry_forms, entry_texts
from factcheck.evidence.features import CHUNK, EntrySet, Queries, score_block
from factcheck.evidence.formats import EvidenceProblem, iter_evidence
from factcheck.evidence.ratings import RatingTable
from factcheck.models import EvidenceEntry, Match
from factcheck.semantic import DEFAULT_ENCODER, EncoderLink

# Bump when the schema, canonical() or the reading of evidence files changes meaning.
INDEX_VERSION = "4"
# Evidence files together at least this large are indexed (about 10,000 entries); smaller ones
# are matched by brute force, which is then as fast as opening an index.
INDEX_MIN_BYTES = 2_000_000
# Candidates taken per text by BM25 and scored (tuned with benchmarks/evidence_scale.py).
CANDIDATES = 200
# Most postings (entries containing a query word, summed over its words) one query sums: the
# rarest words come first and common ones are left out once the budget is spent (~1 ms).
POSTINGS_BUDGET = 100_000
# At most this many of the rarest tokens make up a query.
MAX_QUERY_TOKENS = 32
# An entry with at most LIGHT_RARE_TOKENS tokens found in at most LIGHT_DF entries is "light":
# the budgeted query cannot reach it through rare words. (A query's budget holds at least ten
# tokens of LIGHT_DF entries.) The light entries covered most by a text join its candidates.
LIGHT_DF = POSTINGS_BUDGET // 10
LIGHT_RARE_TOKENS = 3
LIGHT_CANDIDATES = 50
# BM25 parameters (the usual ones, as FTS5 uses).
_K1, _B = 1.2, 0.75
_BATCH = 20_000
_MARKER = "complete"

ProgressCallback = Callable[[int, int], None]
WarnCallback = Callable[[str], None]


def default_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """``FACTCHECK_CACHE_DIR``, else the user cache folder (platformdirs) of factcheck."""
    environ = os.environ if environ is None else environ
    override = environ.get("FACTCHECK_CACHE_DIR", "").strip()
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_cache_path("factcheck", appauthor=False)


def index_dir(cache_dir: Path | None = None) -> Path:
    """The folder holding the index files."""
    return (cache_dir or default_cache_dir()) / "index"


# ---------------------------------------------------------------------------------------------
# Content hashes (with a stat memo so a warm run does not reread a large file)


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except FileNotFoundError:
        raise EvidenceError(f"{path}: evidence file not found") from None
    except IsADirectoryError:
        raise EvidenceError(f"{path}: is a directory, not an evidence file") from None
    except OSError as error:
        raise EvidenceError(f"{path}: cannot read evidence file: {error.strerror}") from None
    return digest.hexdigest()


def content_hash(path: Path, folder: Path) -> str:
    """SHA-256 of the file, remembered by (size, mtime, inode) like git's index: a file that
    changes gets a new stat and is hashed again."""
    try:
        stat = path.stat()
    except OSError:
        return _hash_file(path)  # raises the user-facing error
    memo_path = folder / "hashes" / (hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:32])
    signature = f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}"
    with contextlib.suppress(OSError):
        remembered = memo_path.read_text(encoding="ascii").split()
        if len(remembered) == 2 and remembered[0] == signature:
            return remembered[1]
    digest = _hash_file(path)
    # A file changed within the last moments may change again within the same mtime tick.
    if time.time() - stat.st_mtime > 2:
        with contextlib.suppress(OSError):
            from factcheck.atomic import write_atomic

            memo_path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(memo_path, f"{signature} {digest}\n")
    return digest


def index_key(path: Path, digest: str, encoder: str = "none") -> str:
    """The index file name stem: content, the file's format (extension) and stem (default
    ids use it), the index version and the encoder whose vectors it holds (``none``)."""
    basis = f"{INDEX_VERSION}\0{digest}\0{path.suffix.lower()}\0{path.stem}\0{encoder}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:40]


# ---------------------------------------------------------------------------------------------
# Building


_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entries(
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, claim TEXT NOT NULL, rating TEXT,
    rating_class TEXT NOT NULL, source TEXT, url TEXT, date TEXT, lang TEXT,
    line INTEGER NOT NULL, form TEXT NOT NULL, title TEXT);
CREATE TABLE problems(line INTEGER, field TEXT, message TEXT NOT NULL);
CREATE TABLE terms(term TEXT PRIMARY KEY, docs INTEGER NOT NULL, postings BLOB NOT NULL)
    WITHOUT ROWID;
CREATE TABLE light(term TEXT PRIMARY KEY, postings BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE arrays(name TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
"""
# Postings and token counts are stored as little-endian unsigned 32-bit arrays.
_ROWIDS = "<u4"


def _tokens(form: str) -> list[str]:
    """The distinct index tokens of a canonical form (its words: "12.5%" is one), in order."""
    return list(dict.fromkeys(form.split()))


@dataclass(frozen=True)
class IndexInfo:
    """What ``evidence stats`` shows about one indexed file."""

    path: str
    index_path: Path
    entries: int
    problems: int
    languages: dict[str, int]
    ratings: dict[str, int]
    size_bytes: int
    built_at: dt.datetime


def _batches(entries: Iterator[EvidenceEntry], size: int) -> Iterator[list[EvidenceEntry]]:
    batch: list[EvidenceEntry] = []
    for entry in entries:
        batch.append(entry)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _write_index(
    target: Path,
    path: Path,
    digest: str,
    progress: ProgressCallback | None,
    encoder: EncoderLink | None = None,
    key: str = "",
) -> None:
    """Read ``path`` and write a complete index to ``target`` (a fresh temporary file).

    Entries stream through in batches (only the postings stay in memory), so a build's memory
    does not grow with the entries' text; the progress total is the file's line count.
    """
    problems: list[EvidenceProblem] = []
    entries = iter_evidence(path, problems)
    estimate = max(1, _line_count(path))
    connection = sqlite3.connect(target, isolation_level=None)
    try:
        connection.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=8192;"
        )
        connection.executescript(_SCHEMA)
        connection.execute("BEGIN")
        if progress is not None:
            progress(0, estimate)
        vocabulary: dict[str, int] = {}
        term_ids: list[npt.NDArray[np.uint32]] = []
        lengths: list[npt.NDArray[np.uint32]] = []
        languages: Counter[str] = Counter()
        ratings: Counter[str] = Counter()
        total = 0
        embedded = _Embedded()
        for chunk, forms in _forms(_batches(entries, _BATCH)):
            rows = [
                (
                    total + offset + 1, e.id, e.claim, e.rating, e.rating_class, e.source,
                    e.url, e.date, e.lang, e.line, form, e.title,
                )
                for offset, (e, form) in enumerate(zip(chunk, forms, strict=True))
            ]
            connection.executemany(
                "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
            )
            if encoder is not None:
                embedded.add(encoder, chunk, total + 1)
            languages.update(e.lang or "unknown" for e in chunk)
            ratings.update(e.rating_class for e in chunk)
            total += len(chunk)
            # Postings as (term id, rowid) pairs, grouped by term at the end with one sort.
            distinct = [_tokens(form) for form in forms]  # as queries tokenise
            lengths.append(np.array([len(tokens) for tokens in distinct], dtype=np.uint32))
            term_ids.append(np.array(
                [vocabulary.setdefault(t, len(vocabulary)) for ts in distinct for t in ts],
                dtype=np.uint32,
            ))
            if progress is not None:
                progress(min(total, estimate), estimate)
        connection.executemany(
            "INSERT INTO problems VALUES (?, ?, ?)",
            [(p.line, p.field, p.message) for p in problems],
        )
        _write_postings(connection, vocabulary, term_ids, lengths)
        connection.execute("CREATE INDEX entries_id ON entries(id)")
        vectors_meta = embedded.write(connection, target, key, total) if encoder else {}
        stats = {
            "languages": dict(languages.most_common()),
            "ratings": dict(ratings.most_common()),
        }
        meta = {
            "version": INDEX_VERSION,
            "sha256": digest,
            "source": str(path),
            "entries": str(total),
            "problems": str(len(problems)),
            "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "stats": json.dumps(stats, ensure_ascii=False),
            "encoder": encoder.name if encoder is not None else "none",
            **vectors_meta,
            # Written last, in the same transaction: an index without it is not trusted.
            _MARKER: "1",
        }
        connection.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        connection.execute("COMMIT")
        if progress is not None:
            progress(estimate, estimate)
    finally:
        connection.close()


class _Embedded:
    """The vectors of a build's entries (claims, then headlines), gathered batch by batch."""

    def __init__(self) -> None:
        self.codes: list[npt.NDArray[np.int8]] = []
        self.scales: list[npt.NDArray[np.float32]] = []
        self.rows: list[npt.NDArray[np.int32]] = []
        self.titles: list[npt.NDArray[np.bool_]] = []

    def add(self, encoder: EncoderLink, chunk: Sequence[EvidenceEntry], first: int) -> None:
        """Embed a batch whose first entry has row id ``first`` (through the vector cache, so
        an interrupted build resumes where it was)."""
        texts, titled = entry_texts(chunk)
        found = encoder.codes(texts)
        if found is None:
            return
        rows = np.arange(first, first + len(chunk), dtype=np.int32)
        self.codes.append(found[0])
        self.scales.append(found[1])
        self.rows.append(np.concatenate([rows, rows[titled]]))
        self.titles.append(np.arange(len(texts)) >= len(chunk))

    def write(
        self, connection: sqlite3.Connection, target: Path, key: str, total: int
    ) -> dict[str, str]:
        """Write the vectors file beside ``target`` and its tables; return the meta rows."""
        if not self.codes:
            return {}
        codes = np.concatenate(self.codes)
        scales = np.concatenate(self.scales)
        rows = np.concatenate(self.rows)
        titles = np.concatenate(self.titles)
        centroids, bounds, position = vectors.write_vectors(
            vectors_path(target), key, codes, scales, rows
        )
        claim_at = np.full(total + 1, -1, dtype="<i8")
        title_at = np.full(total + 1, -1, dtype="<i8")
        claim_at[rows[~titles]] = position[~titles]
        title_at[rows[titles]] = position[titles]
        for name, array in (
            ("centroids", centroids.astype("<f4")), ("bounds", bounds.astype("<i8")),
            ("claim_at", claim_at), ("title_at", title_at),
        ):
            connection.execute("INSERT INTO arrays VALUES (?, ?)", (name, array.tobytes()))
        return {"vectors": str(len(codes)), "dim": str(codes.shape[1])}


def vectors_path(index_path: Path) -> Path:
    """The vectors file that goes with an index file (or a build's temporary file)."""
    return index_path.with_name(index_path.name + ".vectors")


def _line_count(path: Path) -> int:
    """Lines of ``path`` (a progress total: one entry per line in JSON Lines and CSV)."""
    count = 0
    with contextlib.suppress(OSError), path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            count += block.count(b"\n")
    return count + 1


def _write_postings(
    connection: sqlite3.Connection,
    vocabulary: dict[str, int],
    term_ids: list[npt.NDArray[np.uint32]],
    lengths: list[npt.NDArray[np.uint32]],
) -> None:
    """The ``terms`` table (each term's rowids, ascending), the ``light`` table (the same for
    the light entries only) and the token counts."""
    counts = np.concatenate(lengths) if lengths else np.zeros(0, np.uint32)
    terms = np.concatenate(term_ids) if term_ids else np.zeros(0, np.uint32)
    rowids = np.repeat(np.arange(1, len(counts) + 1, dtype=np.uint32), counts)
    docs = np.bincount(terms, minlength=len(vocabulary))
    # Each entry's summed idf (the denominator of its lexical coverage), computed as brute
    # force computes it (before the postings are sorted by term).
    masses = lexical.masses_from_ids(
        terms.astype(np.int64), counts.astype(np.int64), docs.astype(np.int64), len(counts)
    )
    connection.execute(
        "INSERT INTO arrays VALUES ('masses', ?)", (masses.astype("<f8").tobytes(),)
    )
    rare = np.bincount(rowids, weights=docs[terms] <= LIGHT_DF, minlength=len(counts) + 1)
    light = rare[rowids] <= LIGHT_RARE_TOKENS
    order = np.argsort(terms, kind="stable")  # stable: rowids stay ascending per term
    rowids, terms, light = rowids[order], terms[order], light[order]
    del order  # the largest array (int64): a million-entry build's memory peaks here
    names = sorted(vocabulary.items())
    postings = _Grouped(rowids, terms, len(vocabulary))
    connection.executemany(
        "INSERT INTO terms VALUES (?, ?, ?)",
        ((term, int(docs[i]), postings[i]) for term, i in names),
    )
    postings = _Grouped(rowids[light], terms[light], len(vocabulary))
    connection.executemany(
        "INSERT INTO light VALUES (?, ?)",
        ((term, postings[i]) for term, i in names if postings.size(i)),
    )
    connection.execute(
        "INSERT INTO arrays VALUES ('lengths', ?)", (counts.astype(_ROWIDS).tobytes(),)
    )


class _Grouped:
    """Postings grouped by term id: ``terms`` sorted, ``rowids`` in the same order."""

    def __init__(
        self, rowids: npt.NDArray[np.uint32], terms: npt.NDArray[np.uint32], size: int
    ) -> None:
        self._rowids = rowids
        self._ends = np.cumsum(np.bincount(terms, minlength=size))

    def size(self, term: int) -> int:
        """How many postings term id ``term`` has."""
        return int(self._ends[term] - (self._ends[term - 1] if term else 0))

    def __getitem__(self, term: int) -> bytes:
        start = int(self._ends[term - 1]) if term else 0
        return self._rowids[start : int(self._ends[term])].astype(_ROWIDS).tobytes()


def _forms(
    batches: Iterator[list[EvidenceEntry]],
) -> Iterator[tuple[list[EvidenceEntry], list[str]]]:
    """Each batch with the canonical forms of its claims, in order; computed by forked workers
    on every core while this process writes earlier batches (canonical() is most of a build's
    time). At most two batches per worker are in flight, so memory stays bounded."""
    workers = min(os.cpu_count() or 1, 8)
    first = list(itertools.islice(batches, 3))
    import multiprocessing

    if workers < 2 or len(first) < 3 or "fork" not in multiprocessing.get_all_start_methods():
        for batch in itertools.chain(first, batches):
            yield batch, entry_forms(batch)
        return
    batches = itertools.chain(first, batches)
    window = 2 * workers
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_worker_signals)
    try:
        pending: collections.deque[tuple[list[EvidenceEntry], Any]] = collections.deque()
        for batch in batches:
            pending.append((batch, pool.apply_async(entry_forms, (batch,))))
            if len(pending) >= window:
                done, result = pending.popleft()
                yield done, result.get()
        while pending:
            done, result = pending.popleft()
            yield done, result.get()
        # Done: let the workers finish and exit by themselves. (Pool.__exit__ would terminate
        # them, and a worker killed while it holds the task queue's lock can leave another
        # one waiting for that lock for ever: seen as a hung build.)
        pool.close()
    except BaseException:
        pool.terminate()  # an error or an abandoned build: nothing is waited for
        raise
    finally:
        pool.join()


def _worker_signals() -> None:
    """In a build worker, SIGTERM kills (the CLI's handler, inherited by fork, would raise in
    the worker and keep it alive when the pool terminates it); Ctrl-C is the parent's to handle."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextlib.contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    """An exclusive advisory lock (fcntl; without it, the atomic rename alone protects)."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a+b") as handle:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            yield
            return
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _check_index(index_path: Path) -> str | None:
    """Why the index at ``index_path`` cannot be used (None: it can)."""
    try:
        connection = sqlite3.connect(f"file:{index_path}?mode=ro", uri=True)
        try:
            rows = dict(connection.execute("SELECT key, value FROM meta").fetchall())
            last = connection.execute("SELECT max(rowid) FROM entries").fetchone()[0] or 0
            connection.execute("SELECT term, docs, postings FROM terms LIMIT 1").fetchall()
            connection.execute("SELECT term, postings FROM light LIMIT 1").fetchall()
            stored = connection.execute(
                "SELECT length(data) FROM arrays WHERE name = 'lengths'"
            ).fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return f"unreadable ({error})"
    if rows.get(_MARKER) != "1":
        return "incomplete (its build did not finish)"
    if rows.get("version") != INDEX_VERSION:
        return "made by another version of factcheck"
    if str(last) != rows.get("entries") or stored is None:
        return "damaged (entry count does not match)"
    if stored[0] != last * np.dtype(_ROWIDS).itemsize:
        return "damaged (token counts do not match)"
    if rows.get("vectors"):
        try:
            _open_vectors(index_path, rows)
        except ValueError as problem:
            return str(problem)
    return None


def _open_vectors(index_path: Path, meta: Mapping[str, str]) -> vectors.VectorFile:
    """The vectors file of an index (ValueError: missing, damaged, not this index's)."""
    connection = sqlite3.connect(f"file:{index_path}?mode=ro", uri=True)
    try:
        arrays = dict(
            connection.execute(
                "SELECT name, data FROM arrays WHERE name IN ('centroids', 'bounds')"
            ).fetchall()
        )
    finally:
        connection.close()
    if len(arrays) != 2:
        raise ValueError("damaged (vector tables missing)")
    dim = int(meta["dim"])
    centroids = np.frombuffer(arrays["centroids"], dtype="<f4").reshape(-1, dim)
    bounds = np.frombuffer(arrays["bounds"], dtype="<i8")
    return vectors.VectorFile(vectors_path(index_path), index_path.stem, centroids, bounds)


def ensure_index(
    path: Path,
    *,
    cache_dir: Path | None = None,
    progress: ProgressCallback | None = None,
    warn: WarnCallback | None = None,
    rebuild: bool = False,
    encoder: EncoderLink | None = None,
) -> Path:
    """The index file of the evidence file ``path``, built first when missing, stale or
    damaged (a damaged one is reported through ``warn`` and rebuilt). With an ``encoder`` the
    index holds the entries' vectors too (in a ``.vectors`` file beside it).

    Safe with concurrent builders: the build writes a temporary file under a file lock and
    renames it into place, and whoever gets the lock second reuses the first's index. A file
    that cannot be read or parsed raises ``EvidenceError`` and leaves nothing behind.
    """
    folder = index_dir(cache_dir)
    digest = content_hash(path, folder)
    if encoder is not None and encoder.encoder() is None:
        encoder = None  # it cannot be loaded: a lexical index
    index_path = folder / f"{index_key(path, digest, encoder.name if encoder else 'none')}.sqlite"
    if not rebuild and index_path.exists():
        problem = _check_index(index_path)
        if problem is None:
            return index_path
        if warn is not None:
            warn(f"the index of {path} is {problem}; rebuilding it")
    with _locked(folder / f"{index_path.stem}.lock"):
        if not rebuild and index_path.exists() and _check_index(index_path) is None:
            return index_path  # another process built it while we waited
        temporary = folder / f".{index_path.stem}.{os.getpid()}.tmp"
        temporary.unlink(missing_ok=True)
        vectors_path(temporary).unlink(missing_ok=True)
        try:
            _write_index(temporary, path, digest, progress, encoder, index_path.stem)
            # The vectors first: an index file in place always has its vectors beside it.
            if vectors_path(temporary).exists():
                os.replace(vectors_path(temporary), vectors_path(index_path))
            os.replace(temporary, index_path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            vectors_path(temporary).unlink(missing_ok=True)
            raise
    return index_path


def build_index(
    paths: Sequence[Path],
    *,
    cache_dir: Path | None = None,
    progress: ProgressCallback | None = None,
    warn: WarnCallback | None = None,
    rebuild: bool = False,
    encoder: EncoderLink | None = None,
) -> list[Path]:
    """Build (or reuse) the index of every evidence file; return the index files."""
    return [
        ensure_index(
            p, cache_dir=cache_dir, progress=progress, warn=warn, rebuild=rebuild,
            encoder=encoder,
        )
        for p in paths
    ]


# ---------------------------------------------------------------------------------------------
# Searching


@dataclass
class _Part:
    """One evidence file's index, opened lazily once per process (forked workers reopen)."""

    source: Path
    index_path: Path
    _connection: sqlite3.Connection | None = None
    _pid: int = 0
    _meta: dict[str, str] = field(default_factory=dict)
    _factor: npt.NDArray[np.float32] | None = None
    _tokens: npt.NDArray[np.float32] | None = None
    _arrays: dict[str, npt.NDArray[Any]] = field(default_factory=dict)
    _vectors: vectors.VectorFile | None = None

    def connection(self) -> sqlite3.Connection:
        if self._connection is None or self._pid != os.getpid():
            self._connection = sqlite3.connect(
                f"file:{self.index_path}?mode=ro", uri=True, check_same_thread=False
            )
            self._pid = os.getpid()
            self._meta = dict(self._connection.execute("SELECT key, value FROM meta"))
        return self._connection

    def length_factor(self) -> npt.NDArray[np.float32]:
        """BM25's factor of a token present once, ``(K1 + 1) / (1 + K1 * (1 - B + B * tokens
        / average))``, of every entry by rowid (index 0 unused)."""
        if self._factor is None:
            tokens = self.token_counts()[1:]
            average = float(tokens.mean()) if len(tokens) else 1.0
            factor = (_K1 + 1.0) / (1.0 + _K1 * (1.0 - _B + _B * tokens / max(average, 1.0)))
            self._factor = np.concatenate([np.zeros(1, np.float32), factor.astype(np.float32)])
        return self._factor

    def token_counts(self) -> npt.NDArray[np.float32]:
        """The number of distinct tokens of every entry by rowid (index 0 unused)."""
        if self._tokens is None:
            (data,) = self.connection().execute(
                "SELECT data FROM arrays WHERE name = 'lengths'"
            ).fetchone()
            tokens = np.frombuffer(data, dtype=np.dtype(_ROWIDS)).astype(np.float32)
            self._tokens = np.concatenate([np.ones(1, np.float32), tokens])
        return self._tokens

    @property
    def meta(self) -> dict[str, str]:
        self.connection()
        return self._meta

    def __len__(self) -> int:
        return int(self.meta["entries"])

    def array(self, name: str, dtype: str) -> npt.NDArray[Any]:
        """A stored array by name (read once)."""
        found = self._arrays.get(name)
        if found is None:
            row = self.connection().execute(
                "SELECT data FROM arrays WHERE name = ?", (name,)
            ).fetchone()
            found = np.frombuffer(row[0] if row else b"", dtype=dtype)
            self._arrays[name] = found
        return found

    def masses(self) -> npt.NDArray[np.float64]:
        """Each entry's summed idf, by rowid - 1."""
        return self.array("masses", "<f8")

    def vectors(self) -> vectors.VectorFile | None:
        """The entries' vectors (None: a lexical index)."""
        if self._vectors is None and self.meta.get("vectors"):
            self._vectors = _open_vectors(self.index_path, self.meta)
        return self._vectors

    def frequencies(self, tokens: Sequence[str]) -> dict[str, int]:
        """How many entries hold each of ``tokens`` (those held by none are left out)."""
        found: dict[str, int] = {}
        unique = list(dict.fromkeys(tokens))
        for start in range(0, len(unique), 900):
            chunk = unique[start : start + 900]
            marks = ",".join("?" * len(chunk))
            found.update(
                self.connection().execute(
                    f"SELECT term, docs FROM terms WHERE term IN ({marks})", chunk
                )
            )
        return found


class IndexedEvidence:
    """Evidence files matched through their persistent indexes (same interface and scores
    as :class:`EvidenceBase`; ties keep file order)."""

    def __init__(
        self,
        parts: Sequence[tuple[Path, Path]],
        *,
        ratings: RatingTable | None = None,
        candidates: int = CANDIDATES,
        encoder: EncoderLink | None = None,
    ) -> None:
        """``parts``: (evidence file, its index file) pairs in evidence order; ``encoder``
        embeds the claims when the indexes hold vectors."""
        self._parts = [_Part(source, index) for source, index in parts]
        self._ratings = ratings
        self.candidates = candidates
        self.encoder = encoder

    def __len__(self) -> int:
        return sum(len(part) for part in self._parts)

    @property
    def size_bytes(self) -> int:
        """Total size of the index files (with their vectors)."""
        return sum(
            part.index_path.stat().st_size + _size(vectors_path(part.index_path))
            for part in self._parts
        )

    def problems(self) -> list[EvidenceProblem]:
        """Malformed entries found when the files were indexed (they are not in the index)."""
        found: list[EvidenceProblem] = []
        for part in self._parts:
            rows = part.connection().execute(
                "SELECT line, field, message FROM problems ORDER BY line"
            )
            found.extend(EvidenceProblem(str(part.source), ln, f, m) for ln, f, m in rows)
        return found

    def duplicate_id(self) -> EvidenceProblem | None:
        """The first id used in two of the files (ids must be unique across files)."""
        for later in range(1, len(self._parts)):
            connection = self._parts[later].connection()
            for earlier in range(later):
                other = self._parts[earlier].index_path
                connection.execute("ATTACH DATABASE ? AS other", (f"file:{other}?mode=ro",))
                try:
                    row = connection.execute(
                        "SELECT e.id, e.line, o.line FROM entries e JOIN other.entries o "
                        "ON o.id = e.id ORDER BY e.rowid LIMIT 1"
                    ).fetchone()
                finally:
                    connection.execute("DETACH DATABASE other")
                if row is not None:
                    first = self._parts[earlier].source
                    return EvidenceProblem(
                        str(self._parts[later].source), row[1], "id",
                        f"duplicate id {row[0]!r} (first used in {first}:{row[2]})",
                    )
        return None

    def _postings(
        self, part: _Part, tokens: list[str]
    ) -> list[tuple[int, npt.NDArray[np.uint32]]]:
        """(entries containing it, postings) of the text's tokens chosen for the query: rarest
        first, while the postings summed stay within :data:`POSTINGS_BUDGET`."""
        if not tokens:
            return []
        connection = part.connection()
        docs = part.frequencies(tokens)
        chosen: list[str] = []
        summed = 0
        for term in sorted((t for t in tokens if t in docs), key=lambda t: (docs[t], t)):
            full = len(chosen) == MAX_QUERY_TOKENS
            if full or (chosen and summed + docs[term] > POSTINGS_BUDGET):
                break
            chosen.append(term)
            summed += docs[term]
        if not chosen:
            return []
        marks = ",".join("?" * len(chosen))
        rows = connection.execute(
            f"SELECT docs, postings FROM terms WHERE term IN ({marks})", chosen
        )
        return [(count, np.frombuffer(blob, dtype=np.dtype(_ROWIDS))) for count, blob in rows]

    def _candidates(
        self, form: str, code: npt.NDArray[np.float32] | None, scale: float
    ) -> list[tuple[int, int]]:
        """(part number, rowid) of the candidates for one text (its canonical form, and its
        vector's int8 code and scale when it has one), in evidence order: the BM25 best, the
        light entries, and the nearest vectors."""
        found: list[tuple[int, int]] = []
        tokens = _tokens(form)
        for number, part in enumerate(self._parts):
            total = len(part)
            if total <= self.candidates:
                # No fewer entries than candidates: score them all, exactly as brute force does
                # (an entry sharing no token with the text may still score above 0).
                found.extend((number, rowid) for rowid in range(1, total + 1))
                continue
            touched = np.union1d(self._ranked(part, tokens), self._light(part, tokens))
            stored = part.vectors()
            if stored is not None and code is not None:
                touched = np.union1d(touched, stored.neighbours(code, scale))
            found.extend((number, int(rowid)) for rowid in touched)
        return found

    def _ranked(self, part: _Part, tokens: list[str]) -> npt.NDArray[np.intp]:
        """Rowids of the ``candidates`` entries BM25 ranks best for a text's distinct ``tokens``,
        ascending."""
        total = len(part)
        postings = self._postings(part, tokens)
        if not postings:
            return np.zeros(0, np.intp)
        # BM25 (each token counted once): the sum over shared tokens of idf x length factor.
        counts = np.array([count for count, _ in postings], dtype=np.float64)
        idf = np.log1p((total - counts + 0.5) / (counts + 0.5)).astype(np.float32)
        rowids = np.concatenate([ids for _, ids in postings])
        weights = np.repeat(idf, [len(ids) for _, ids in postings])
        weights *= part.length_factor()[rowids]
        scores = np.bincount(rowids, weights=weights, minlength=total + 1)
        touched = np.flatnonzero(scores)
        if len(touched) > self.candidates:
            # The best scores; ties at the cut in file order (touched is in rowid order).
            values = scores[touched]
            cut = len(values) - self.candidates
            kth = np.partition(values, cut)[cut]
            above = touched[values > kth]
            tied = touched[values == kth][: self.candidates - len(above)]
            touched = np.sort(np.concatenate([above, tied]))
        return touched

    def _light(self, part: _Part, tokens: list[str]) -> npt.NDArray[np.intp]:
        """Rowids of the ``LIGHT_CANDIDATES`` light entries sharing the largest share of their
        tokens with a text's distinct ``tokens`` (ties in file order), ascending."""
        if not tokens:
            return np.zeros(0, np.intp)
        marks = ",".join("?" * len(tokens))
        rows = part.connection().execute(
            f"SELECT postings FROM light WHERE term IN ({marks})", tokens
        ).fetchall()
        if not rows:
            return np.zeros(0, np.intp)
        rowids = np.concatenate([np.frombuffer(blob, dtype=np.dtype(_ROWIDS)) for (blob,) in rows])
        shared = np.bincount(rowids)
        touched = np.flatnonzero(shared)
        share = shared[touched] / part.token_counts()[touched]
        best = np.argsort(-share, kind="stable")[:LIGHT_CANDIDATES]
        return np.sort(touched[best])

    def _entries(
        self, keys: Sequence[tuple[int, int]]
    ) -> dict[tuple[int, int], tuple[EvidenceEntry, str]]:
        by_part: dict[int, list[int]] = {}
        for number, rowid in keys:
            by_part.setdefault(number, []).append(rowid)
        found: dict[tuple[int, int], tuple[EvidenceEntry, str]] = {}
        for number, rowids in by_part.items():
            part = self._parts[number]
            origin = str(part.source)
            for start in range(0, len(rowids), 900):  # SQLite's variable limit
                chunk = rowids[start : start + 900]
                marks = ",".join("?" * len(chunk))
                rows = part.connection().execute(
                    "SELECT rowid, id, claim, rating, rating_class, source, url, date, lang, "
                    f"line, form, title FROM entries WHERE rowid IN ({marks})",
                    chunk,
                )
                for row in rows:
                    (rowid, ident, claim, rating, rclass, source, url, date, lang, line, form,
                     title) = row
                    if self._ratings is not None:
                        rclass = self._ratings.classify(rating)
                    entry = EvidenceEntry(
                        id=ident, claim=claim, rating=rating, rating_class=rclass,
                        source=source, url=url, date=date, lang=lang, origin=origin, line=line,
                        title=title,
                    )
                    found[(number, rowid)] = (entry, form)
        return found

    def search(self, text: str, *, top: int = 5, min_score: float = 0.0) -> list[Match]:
        """The best ``top`` matches of ``text`` scoring at least ``min_score`` (0-100)."""
        return self.search_many([text], top=top, min_score=min_score)[0]

    def search_many(
        self, texts: Sequence[str], *, top: int = 5, min_score: float = 0.0
    ) -> list[list[Match]]:
        """:meth:`search` for many texts: candidates per text, scored as brute force scores
        (:func:`factcheck.evidence.features.score_block`), in blocks of ``CHUNK`` texts."""
        if top <= 0 or not texts:
            return [[] for _ in texts]
        semantic = self.encoder is not None and any(p.vectors() is not None for p in self._parts)
        queries = Queries.of(texts, self.encoder if semantic else None)
        results: list[list[Match]] = []
        for start in range(0, len(texts), CHUNK):
            results.extend(self._search_block(queries.part(start, start + CHUNK), top, min_score))
        return results

    def _search_block(self, queries: Queries, top: int, min_score: float) -> list[list[Match]]:
        per_text = [
            self._candidates(
                form,
                None if queries.codes is None else queries.codes[row],
                0.0 if queries.scales is None else float(queries.scales[row]),
            )
            for row, form in enumerate(queries.forms)
        ]
        keys = sorted({key for keys in per_text for key in keys})
        if not keys:
            return [[] for _ in per_text]
        loaded = self._entries(keys)
        prepared = self._entry_set(keys, loaded, queries)
        block = score_block(queries, prepared)
        column = {key: i for i, key in enumerate(keys)}
        return [
            best_matches(
                block, row, prepared.entries, top=top, min_score=min_score,
                allowed=np.array([column[key] for key in keys_of_text], dtype=np.intp),
            )
            for row, keys_of_text in enumerate(per_text)
        ]

    def _entry_set(
        self,
        keys: Sequence[tuple[int, int]],
        loaded: Mapping[tuple[int, int], tuple[EvidenceEntry, str]],
        queries: Queries,
    ) -> EntrySet:
        """The candidates as brute force would hold them: each file's own term statistics and
        entry weights, and their vectors."""
        claim_tokens = [t for tokens in queries.tokens for t in tokens]
        stats = [
            lexical.TermStats(len(part), part.frequencies(claim_tokens)) for part in self._parts
        ]
        rowids = np.array([rowid for _, rowid in keys], dtype=np.int64)
        numbers = np.array([number for number, _ in keys], dtype=np.intp)
        masses = np.zeros(len(keys), dtype=np.float64)
        for number, part in enumerate(self._parts):
            chosen = numbers == number
            if chosen.any():
                masses[chosen] = part.masses()[rowids[chosen] - 1]
        prepared = EntrySet(
            tuple(loaded[key][0] for key in keys),
            [loaded[key][1] for key in keys],
            numbers,
            stats,
            masses,
        )
        if queries.codes is not None:
            self._attach_vectors(prepared, numbers, rowids)
        return prepared

    def _attach_vectors(
        self, prepared: EntrySet, numbers: npt.NDArray[np.intp], rowids: npt.NDArray[np.int64]
    ) -> None:
        """The candidates' claim and headline vectors, from each file's vectors file."""
        dim = next(found.dim for p in self._parts if (found := p.vectors()) is not None)
        codes = np.zeros((len(rowids), dim), dtype=np.float32)
        scales = np.zeros(len(rowids), dtype=np.float32)
        title_rows: list[int] = []
        title_codes: list[npt.NDArray[np.float32]] = []
        title_scales: list[npt.NDArray[np.float32]] = []
        for number, part in enumerate(self._parts):
            stored = part.vectors()
            chosen = np.flatnonzero(numbers == number)
            if stored is None or not len(chosen):
                continue
            claim_at = part.array("claim_at", "<i8")[rowids[chosen]]
            codes[chosen], scales[chosen] = stored.vectors(claim_at)
            title_at = part.array("title_at", "<i8")[rowids[chosen]]
            has_title = title_at >= 0
            if has_title.any():
                found_codes, found_scales = stored.vectors(title_at[has_title])
                title_rows.extend(chosen[has_title].tolist())
                title_codes.append(found_codes)
                title_scales.append(found_scales)
        prepared.codes, prepared.scales = codes, scales
        prepared.title_rows = np.array(title_rows, dtype=np.intp)
        prepared.title_codes = (
            np.concatenate(title_codes) if title_codes else np.zeros((0, dim), np.float32)
        )
        prepared.title_scales = (
            np.concatenate(title_scales) if title_scales else np.zeros(0, np.float32)
        )

    def close(self) -> None:
        """Close the open index files."""
        for part in self._parts:
            if part._connection is not None:
                part._connection.close()
                part._connection = None
            if part._vectors is not None:
                part._vectors.close()
                part._vectors = None


def open_index(
    paths: Sequence[Path],
    *,
    cache_dir: Path | None = None,
    progress: ProgressCallback | None = None,
    warn: WarnCallback | None = None,
    ratings: RatingTable | None = None,
    encoder: EncoderLink | None = None,
) -> IndexedEvidence:
    """The indexes of ``paths`` (built or reused) ready for searching."""
    indexes = build_index(paths, cache_dir=cache_dir, progress=progress, warn=warn, encoder=encoder)
    return IndexedEvidence(
        list(zip(paths, indexes, strict=True)), ratings=ratings, encoder=encoder
    )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def index_info(path: Path, *, cache_dir: Path | None = None) -> IndexInfo | None:
    """Stats of the current index of ``path`` (None: not indexed, or the index is stale)."""
    folder = index_dir(cache_dir)
    digest = content_hash(path, folder)
    candidates = [
        folder / f"{index_key(path, digest, name)}.sqlite" for name in (DEFAULT_ENCODER, "none")
    ]
    index_path = next((c for c in candidates if c.exists()), candidates[-1])
    if not index_path.exists() or _check_index(index_path) is not None:
        return None
    connection = sqlite3.connect(f"file:{index_path}?mode=ro", uri=True)
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    finally:
        connection.close()
    stats = json.loads(meta["stats"])
    return IndexInfo(
        path=str(path),
        index_path=index_path,
        entries=int(meta["entries"]),
        problems=int(meta["problems"]),
        languages=stats["languages"],
        ratings=stats["ratings"],
        size_bytes=index_path.stat().st_size + _size(vectors_path(index_path)),
        built_at=dt.datetime.fromisoformat(meta["built_at"]),
    )


def clear_cache(cache_dir: Path | None = None) -> tuple[int, int]:
    """Remove every index (and the hash memo); return (files removed, bytes freed)."""
    folder = index_dir(cache_dir)
    removed = freed = 0
    if not folder.is_dir():
        return 0, 0
    for item in sorted(folder.rglob("*"), key=lambda p: -len(p.parts)):
        with contextlib.suppress(OSError):
            if item.is_dir():
                item.rmdir()
                continue
            freed += item.stat().st_size
            item.unlink()
            removed += 1
    with contextlib.suppress(OSError):
        folder.rmdir()
    return removed, freed


def wants_index(paths: Sequence[Path], *, mode: str = "auto") -> bool:
    """Whether ``paths`` are matched through an index: ``always``, ``never``, or ``auto``
    (together at least :data:`INDEX_MIN_BYTES`)."""
    if mode in ("always", "never"):
        return mode == "always"
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total >= INDEX_MIN_BYTES

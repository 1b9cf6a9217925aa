"""Evidence files: JSON Lines, JSON arrays, CSV and YAML read into validated entries.

Every problem names the file, the line the entry starts on and the field, like a linter.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from factcheck.errors import EvidenceError
from factcheck.evidence import ecosystem
from factcheck.evidence.ratings import RatingTable, classify_rating
from factcheck.models import EvidenceEntry, RatingClass

Classify = Callable[[str | None], RatingClass]


@dataclass(frozen=True)
class EvidenceProblem:
    """One malformed entry: where it is and what is wrong."""

    path: str
    line: int
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        if self.field:
            return f"{where}: {self.field}: {self.message}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    """Entries read from an evidence file and the problems found."""

    path: str
    entries: tuple[EvidenceEntry, ...]
    problems: tuple[EvidenceProblem, ...]


# A raw record: the line it starts on and the value parsed there.
_Record = tuple[int, Any]

_FORMATS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".jsonld": "json",
    ".html": "html",
    ".htm": "html",
}
# Longest line of a line-based evidence file (JSON Lines, CSV, YAML): 10 MiB.
MAX_LINE_BYTES = 10 * 1024 * 1024
_OPTIONAL_TEXT_FIELDS = ("rating", "source", "url", "date", "lang", "title")
# ISO-ish dates: 2024, 2024-06, 2024-06-01, optionally a time (bounded, no nested repeats).
_DATE = re.compile(
    r"(?P<year>\d{4})(?:[-/](?P<month>\d{1,2})(?:[-/](?P<day>\d{1,2}))?)?"
    r"(?:[T ][0-9:.,+\-Z ]{1,40})?"
)
_LANG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,3}")


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _check_line_lengths(data: bytes, display: str) -> None:
    """Refuse a line over :data:`MAX_LINE_BYTES`, naming it: no real entry is that long."""
    if len(data) <= MAX_LINE_BYTES:
        return
    start, number = 0, 1
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end == -1 else end
        if end - start > MAX_LINE_BYTES:
            raise EvidenceError(
                f"{display}:{number}: line is longer than the limit of {MAX_LINE_BYTES:,} bytes; "
                "is this an evidence file?"
            )
        start, number = end + 1, number + 1


def _read_text(path: Path) -> str:
    """The file decoded as strict UTF-8 (a BOM is allowed), or ``EvidenceError``."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise EvidenceError(f"{path}: evidence file not found") from None
    except IsADirectoryError:
        raise EvidenceError(f"{path}: is a directory, not an evidence file") from None
    except OSError as error:
        raise EvidenceError(f"{path}: cannot read evidence file: {error.strerror}") from None
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise EvidenceError(f"{path}:{line}: binary file, not an evidence file (NUL byte)")
    if _format_of(path) != "json":  # a .json file may legitimately be one minified line
        _check_line_lengths(data, str(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise EvidenceError(
            f"{path}:{line}: not valid UTF-8 (byte {error.start}); save the file as UTF-8"
        ) from None


class _Lines:
    """Offset -> 1-based line number."""

    def __init__(self, text: str) -> None:
        self._newlines = [i for i, ch in enumerate(text) if ch == "\n"]

    def line(self, offset: int) -> int:
        return bisect.bisect_left(self._newlines, offset) + 1


_JSONL_BREAK = re.compile(r"\r\n?|\n")


def _jsonl_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of JSON Lines text, one at a time (no list of every line).

    Only CR and LF end a record: str.splitlines() would also split at U+2028, U+0085 and
    others, which JSON strings may hold raw. (JSON escapes CR and LF inside strings.)
    """
    start = 0
    number = 1
    for found in _JSONL_BREAK.finditer(text):
        yield number, text[start : found.start()]
        start, number = found.end(), number + 1
    yield number, text[start:]


class _JsonlRecords:
    """The records of a JSON Lines text, parsed lazily so a million-line file never holds every
    parsed record at once; lines that are not JSON are added to ``problems`` as they pass."""

    def __init__(self, text: str, display: str) -> None:
        self._text, self._display = text, display
        self.problems: list[EvidenceProblem] = []
        self.count = 0

    def __iter__(self) -> Iterator[_Record]:
        for number, line in _jsonl_lines(self._text):
            stripped = line.strip()
            if not stripped or stripped.startswith("//"):
                continue
            try:
                record = json.loads(stripped)
            except json.JSONDecodeError as error:
                self.problems.append(
                    EvidenceProblem(self._display, number, None, f"not valid JSON: {error.msg}")
                )
                continue
            self.count += 1
            yield number, record
        if self.problems and not self.count:
            # Not one line parses: this is not a JSON Lines file at all.
            raise EvidenceError(f"{self.problems[0]} (is this a JSON Lines file?)")


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _json_error(display: str, lines: _Lines, pos: int, message: str) -> EvidenceError:
    return EvidenceError(f"{display}:{lines.line(pos)}: not valid JSON: {message}")


def _scan_array(text: str, pos: int, lines: _Lines, display: str) -> tuple[list[_Record], int]:
    """Parse the JSON array starting at ``text[pos] == "["``, keeping each element's line."""
    decoder = json.JSONDecoder()
    records: list[_Record] = []
    pos = _skip_space(text, pos + 1)
    if pos < len(text) and text[pos] == "]":
        return records, pos + 1
    while True:
        try:
            value, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as error:
            raise _json_error(display, lines, error.pos, error.msg) from None
        records.append((lines.line(pos), value))
        pos = _skip_space(text, end)
        if pos < len(text) and text[pos] == ",":
            pos = _skip_space(text, pos + 1)
        elif pos < len(text) and text[pos] == "]":
            return records, pos + 1
        else:
            raise _json_error(display, lines, pos, "expected ',' or ']' after an array element")


def _records_json(text: str, display: str) -> tuple[list[_Record], list[EvidenceProblem]]:
    lines = _Lines(text)
    pos = _skip_space(text, 0)
    if pos >= len(text):
        return [], []
    decoder = json.JSONDecoder()
    if text[pos] == "[":
        records, end = _scan_array(text, pos, lines, display)
    elif text[pos] == "{":
        records, end = _scan_entries_object(text, pos, lines, display, decoder)
    else:
        raise _json_error(display, lines, pos, 'expected an array of entries or {"entries": [...]}')
    end = _skip_space(text, end)
    if end < len(text):
        raise _json_error(display, lines, end, "extra data after the top-level value")
    return records, []


def _scan_entries_object(
    text: str, pos: int, lines: _Lines, display: str, decoder: json.JSONDecoder
) -> tuple[list[_Record], int]:
    """Parse a top-level object and return the elements of its ``entries`` array with lines."""
    records: list[_Record] | None = None
    pos = _skip_space(text, pos + 1)
    if pos < len(text) and text[pos] == "}":
        pos += 1
    else:
        while True:
            try:
                key, pos = decoder.raw_decode(text, pos)
            except json.JSONDecodeError as error:
                raise _json_error(display, lines, error.pos, error.msg) from None
            if not isinstance(key, str):
                raise _json_error(display, lines, pos, "object keys must be strings")
            pos = _skip_space(text, pos)
            if pos >= len(text) or text[pos] != ":":
                raise _json_error(display, lines, pos, "expected ':' after an object key")
            pos = _skip_space(text, pos + 1)
            if key == "entries" and pos < len(text) and text[pos] == "[":
                records, pos = _scan_array(text, pos, lines, display)
            else:
                try:
                    _, pos = decoder.raw_decode(text, pos)
                except json.JSONDecodeError as error:
                    raise _json_error(display, lines, error.pos, error.msg) from None
            pos = _skip_space(text, pos)
            if pos < len(text) and text[pos] == ",":
                pos = _skip_space(text, pos + 1)
            elif pos < len(text) and text[pos] == "}":
                pos += 1
                break
            else:
                raise _json_error(display, lines, pos, "expected ',' or '}' in an object")
    if records is None:
        raise EvidenceError(
            f'{display}:1: a JSON object must have an "entries" list (or use a top-level array)'
        )
    return records, pos


def _records_csv(text: str, display: str) -> tuple[list[_Record], list[EvidenceProblem]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[_Record] = []
    problems: list[EvidenceProblem] = []
    header: list[str] | None = None
    start = 1
    try:
        for row in reader:
            line = start
            start = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in row]
                if "claim" not in header and "text" not in header:
                    # Every row would lack its claim: report the header once instead.
                    problem = EvidenceProblem(
                        display, line, "claim", "the header row has no 'claim' column"
                    )
                    return [], [problem]
                continue
            if len(row) > len(header):
                problems.append(
                    EvidenceProblem(
                        display,
                        line,
                        None,
                        f"{len(row)} cells but the header has {len(header)} columns",
                    )
                )
            values = {
                name: (cell if cell.strip() else None)
                for name, cell in zip(header, row, strict=False)
                if name
            }
            records.append((line, values))
    except csv.Error as error:
        raise EvidenceError(f"{display}:{reader.line_num}: not valid CSV: {error}") from None
    return records, problems


def _records_yaml(text: str, display: str) -> tuple[list[_Record], list[EvidenceProblem]]:
    import yaml  # only YAML evidence needs it; kept out of every command's start-up

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise EvidenceError(f"{display}{line}: not valid YAML: {problem}") from None
    if root is None:
        return [], []
    if isinstance(root, yaml.MappingNode) and isinstance(data, dict) and "entries" in data:
        for key_node, value_node in root.value:
            if key_node.value == "entries":
                root = value_node
        data = data["entries"]
    if not isinstance(root, yaml.SequenceNode) or not isinstance(data, list):
        raise EvidenceError(
            f"{display}:{root.start_mark.line + 1}: a YAML evidence file must be a list of entries"
        )
    nodes = root.value
    records = [(node.start_mark.line + 1, value) for node, value in zip(nodes, data, strict=True)]
    return records, []


def _format_of(path: Path) -> str:
    return _FORMATS.get(path.suffix.lower(), "jsonl")


def _optional_text(
    record: dict[str, Any], name: str, problem: Callable[[str, str], None]
) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if name == "rating" and isinstance(value, bool):
        # YAML reads an unquoted `rating: true` as a boolean; it plainly means "true".
        return "true" if value else "false"
    if name == "date" and isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()  # YAML reads unquoted dates as dates
    if not isinstance(value, str):
        problem(name, f"expected a string, got {_type_name(value)}")
        return None
    value = value.strip()
    return value or None


def _check_url(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return "must be an http:// or https:// address"
    if not parts.netloc:
        return "has no host"
    return None


def _check_date(date: str) -> str | None:
    found = _DATE.fullmatch(date)
    if found is None:
        return f"{date!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"
    year = int(found["year"])
    month = int(found["month"] or 1)
    day = int(found["day"] or 1)
    try:
        dt.date(year, month, day)
    except ValueError as error:
        return f"{date!r} is not a real date ({error})"
    return None


def _entries(
    records: Iterable[_Record], display: str, stem: str, classify: Classify = classify_rating
) -> Iterator[EvidenceEntry | EvidenceProblem]:
    """Validate raw records; yield entries and problems in file order."""
    for line, record in records:
        found: list[EvidenceProblem] = []

        def problem(
            field: str, message: str, line: int = line, found: list[EvidenceProblem] = found
        ) -> None:
            found.append(EvidenceProblem(display, line, field, message))

        if not isinstance(record, dict):
            yield EvidenceProblem(
                display,
                line,
                None,
                f"entry is {_type_name(record)}, expected an object with a 'claim'",
            )
            continue
        field_name = "claim" if record.get("claim") is not None or "text" not in record else "text"
        claim = record.get(field_name)
        if claim is None:
            problem("claim", "missing (every entry needs the statement it checks)")
        elif not isinstance(claim, str):
            problem(field_name, f"expected a string, got {_type_name(claim)}")
        elif not claim.strip():
            problem(field_name, "is empty")
        raw_id = record.get("id")
        identifier = f"{stem}:{line}"
        if raw_id is not None:
            if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)):
                problem("id", f"expected a string, got {_type_name(raw_id)}")
            elif not str(raw_id).strip():
                problem("id", "is empty")
            else:
                identifier = str(raw_id).strip()
        values = {name: _optional_text(record, name, problem) for name in _OPTIONAL_TEXT_FIELDS}
        if values["url"] is not None and (message := _check_url(values["url"])):
            problem("url", message)
        if values["date"] is not None and (message := _check_date(values["date"])):
            problem("date", message)
        if values["lang"] is not None:
            if _LANG.fullmatch(values["lang"]) is None:
                problem("lang", f"{values['lang']!r} is not a language code such as 'ar' or 'en'")
            else:
                values["lang"] = values["lang"].lower().replace("_", "-")
        if found:
            yield from found
            continue
        assert isinstance(claim, str)
        yield EvidenceEntry(
            id=identifier,
            claim=claim.strip(),
            rating=values["rating"],
            rating_class=classify(values["rating"]),
            source=values["source"],
            url=values["url"],
            date=values["date"],
            lang=values["lang"],
            origin=display,
            line=line,
            title=values["title"],
        )


def _ecosystem_items(
    text: str, kind: str, display: str, classify: Classify
) -> Iterator[EvidenceEntry | EvidenceProblem] | None:
    """Entries of a ClaimReview / Google API / HTML file, or None for our own JSON format."""
    items: list[ecosystem.Item] = []
    if kind == "html":
        blocks = list(ecosystem.json_ld_blocks(text))
        for base, body in blocks:
            data = ecosystem.parse_json(body, display, base)
            lines = ecosystem.nth_line(body, "ClaimReview", base)
            items.extend(
                ecosystem.claimreview_items(data, display=display, lines=lines, classify=classify)
            )
        # Pages carry other JSON-LD too (Organization, BreadcrumbList): only a page without
        # any ClaimReview at all is a problem.
        items = [
            i for i in items if not (isinstance(i, tuple) and i[2] == ecosystem.NO_CLAIMREVIEW)
        ]
        if not items:
            problem = "no ClaimReview JSON-LD (<script type=\"application/ld+json\">) in the page"
            items.append((1, None, problem))
    else:
        stripped = text.lstrip()
        if not stripped.startswith(("{", "[")):
            return None
        data = ecosystem.parse_json(text, display)
        found = ecosystem.detect(data)
        if found == "claimreview":
            lines = ecosystem.nth_line(text, "ClaimReview")
            items.extend(
                ecosystem.claimreview_items(data, display=display, lines=lines, classify=classify)
            )
        elif found == "google":
            lines = ecosystem.nth_line(text, '"text"')
            items.extend(
                ecosystem.google_items(data, display=display, lines=lines, classify=classify)
            )
        else:
            return None
    return iter(
        item if isinstance(item, EvidenceEntry) else EvidenceProblem(display, *item)
        for item in items
    )


def iter_evidence(
    path: Path, problems: list[EvidenceProblem], *, ratings: RatingTable | None = None
) -> Iterator[EvidenceEntry]:
    """The valid entries of an evidence file one at a time, in file order; every problem is
    appended to ``problems`` as it is found (sorted by line once the entries are exhausted).

    JSON Lines files are parsed lazily, so a consumer that does not keep the entries (the
    index build) holds one batch at a time. See :func:`validate_evidence` for the formats.
    """
    display = str(path)
    text = _read_text(path)
    classify: Classify = ratings.classify if ratings is not None else classify_rating
    kind = _format_of(path)
    items = _ecosystem_items(text, kind, display, classify) if kind in ("json", "html") else None
    # Whether the file held any record (the ecosystem readers report an empty file themselves).
    had_records = True
    lazy: _JsonlRecords | None = None
    if items is None and kind == "jsonl":
        lazy = _JsonlRecords(text, display)
        items = _entries(lazy, display, path.stem, classify)
    elif items is None:
        readers = {"json": _records_json, "csv": _records_csv, "yaml": _records_yaml}
        records, found = readers[kind](text, display)
        problems.extend(found)
        had_records = bool(records)
        items = _entries(records, display, path.stem, classify)
    else:
        items = iter(list(items))
    seen: dict[str, int] = {}
    for item in items:
        if isinstance(item, EvidenceProblem):
            problems.append(item)
        elif item.id in seen:
            problems.append(
                EvidenceProblem(
                    display,
                    item.line,
                    "id",
                    f"duplicate id {item.id!r} (first used on line {seen[item.id]})",
                )
            )
        else:
            seen[item.id] = item.line
            yield item
    if lazy is not None:
        problems.extend(lazy.problems)
        had_records = lazy.count > 0
    if not had_records and not problems:
        problems.append(EvidenceProblem(display, 1, None, "no evidence entries in the file"))
    problems.sort(key=lambda p: p.line)


def validate_evidence(path: Path, *, ratings: RatingTable | None = None) -> ValidationReport:
    """Read an evidence file and collect every problem.

    The format follows the extension: ``.json``/``.jsonld`` (an array, an object with an
    ``entries`` list, schema.org ClaimReview JSON-LD, or a saved Google Fact Check Tools
    ``claims:search`` response), ``.html``/``.htm`` (a saved page's ClaimReview JSON-LD),
    ``.csv`` (header row), ``.yaml``/``.yml`` (a list of mappings); anything else is JSON
    Lines. Fields: ``claim`` (alias ``text``, required), ``id`` (default ``<stem>:<line>``),
    ``rating`` (free text, see :func:`classify_rating`, or ``ratings`` when given; missing
    means a known fact, class ``"true"``), ``source``, ``url`` (http/https), ``date`` (ISO),
    ``lang``. Unknown fields are ignored. A file that cannot be read or parsed at all raises
    ``EvidenceError``.
    """
    problems: list[EvidenceProblem] = []
    entries = tuple(iter_evidence(path, problems, ratings=ratings))
    return ValidationReport(str(path), entries, tuple(problems))


def load_evidence(
    paths: Sequence[Path], *, skip_invalid: bool = False, ratings: RatingTable | None = None
) -> list[EvidenceEntry]:
    """Read evidence files; raise ``EvidenceError`` naming the first problem's file, line, field
    (with ``skip_invalid``, malformed entries are left out instead; see :func:`read_evidence`).

    Entries come back in file order, then line order. Ids must be unique across all files.
    """
    entries, _ = read_evidence(paths, skip_invalid=skip_invalid, ratings=ratings)
    return entries


def read_evidence(
    paths: Sequence[Path], *, skip_invalid: bool = False, ratings: RatingTable | None = None
) -> tuple[list[EvidenceEntry], list[EvidenceProblem]]:
    """The valid entries of ``paths`` and the problems of the malformed ones, which raise
    ``EvidenceError`` (the first, with a count of the rest) unless ``skip_invalid``."""
    entries: list[EvidenceEntry] = []
    problems: list[EvidenceProblem] = []
    seen: dict[str, EvidenceEntry] = {}
    for path in paths:
        report = validate_evidence(path, ratings=ratings)
        problems.extend(report.problems)
        for entry in report.entries:
            first = seen.get(entry.id)
            if first is not None:
                problems.append(
                    EvidenceProblem(
                        entry.origin,
                        entry.line,
                        "id",
                        f"duplicate id {entry.id!r} (first used in {first.origin}:{first.line})",
                    )
                )
                continue
            seen[entry.id] = entry
            entries.append(entry)
    if problems and not skip_invalid:
        raise problems_error(problems)
    return entries, problems


def problems_error(problems: Sequence[EvidenceProblem]) -> EvidenceError:
    """One error line: the first problem and how many more there are."""
    more = len(problems) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return EvidenceError(f"{problems[0]}{suffix}; fix them or use --skip-invalid")


def convert_file(
    path: Path, *, skip_invalid: bool = False, ratings: RatingTable | None = None
) -> list[EvidenceEntry]:
    """The entries of any evidence file factcheck reads (JSONL, JSON, CSV, YAML, ClaimReview
    JSON-LD or HTML, a saved Google Fact Check Tools answer), for ``evidence import``."""
    return load_evidence([path], skip_invalid=skip_invalid, ratings=ratings)

"""Configuration: ``[tool.factcheck]`` in ``pyproject.toml`` or a ``.factcheck.toml``.

Found by walking up from the current directory (the nearest wins; in one directory
``.factcheck.toml`` wins over ``pyproject.toml``). Unknown keys and bad values are errors that
name the key; relative paths are resolved against the config file's directory.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from factcheck.errors import ConfigError

CONFIG_NAMES = (".factcheck.toml", "pyproject.toml")


def _string_list(key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(f"{key}: expected a string or a list of strings")


def _number(low: float, high: float) -> Callable[[str, Any], float]:
    def check(key: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{key}: expected a number between {low:g} and {high:g}")
        if not low <= value <= high:
            raise ConfigError(f"{key}: {value} is outside {low:g}..{high:g}")
        return float(value)

    return check


def _positive_int(key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{key}: expected a whole number of at least 1")
    return value


def _language(key: str, value: Any) -> str:
    from factcheck.lang import available_languages

    choices = ("auto", *available_languages())
    if value not in choices:
        raise ConfigError(f"{key}: expected one of {', '.join(choices)}")
    return str(value)


def _bidi(key: str, value: Any) -> str:
    if value not in ("auto", "on", "off"):
        raise ConfigError(f"{key}: expected one of auto, on, off")
    return str(value)


def _boolean(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{key}: expected true or false")
    return value


def _encoder(key: str, value: Any) -> str:
    from factcheck.semantic import ENCODER_CHOICES

    if value not in ENCODER_CHOICES:
        raise ConfigError(f"{key}: expected one of {', '.join(ENCODER_CHOICES)}")
    return str(value)


def _path(key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{key}: expected a file path")
    return value


def _level(key: str, value: Any) -> str:
    from factcheck.gate.rules import SEVERITIES

    if value not in SEVERITIES:
        raise ConfigError(f"{key}: expected one of {', '.join(SEVERITIES)}")
    return str(value)


def _severity_table(key: str, value: Any) -> dict[str, str]:
    from factcheck.gate.rules import OFF, RULE_NAMES, SEVERITIES

    if not isinstance(value, dict):
        raise ConfigError(f"{key}: expected a table of rule = severity")
    table: dict[str, str] = {}
    for rule, level in value.items():
        if rule not in RULE_NAMES:
            raise ConfigError(f"{key}.{rule}: unknown rule (known: {', '.join(RULE_NAMES)})")
        if level not in (*SEVERITIES, OFF):
            raise ConfigError(f"{key}.{rule}: expected one of {', '.join((*SEVERITIES, OFF))}")
        table[rule] = level
    return table


def _fail_on(key: str, value: Any) -> list[str]:
    from factcheck.errors import UsageError
    from factcheck.gate.rules import parse_fail_on

    try:
        return list(parse_fail_on(_string_list(key, value), key=key))
    except UsageError as error:
        raise ConfigError(str(error)) from None


def _sources(key: str, value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise ConfigError(f"{key}: expected an array of tables ([[tool.factcheck.sources]])")
    sources: list[dict[str, Any]] = []
    for number, item in enumerate(value, 1):
        where = f"{key}[{number}]"
        if not isinstance(item, dict):
            raise ConfigError(f"{where}: expected a table with name, aliases, tags")
        unknown = sorted(set(item) - {"name", "aliases", "tags"})
        if unknown:
            raise ConfigError(f"{where}.{unknown[0]}: unknown key (known: aliases, name, tags)")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{where}.name: expected the source's name")
        sources.append({
            "name": name,
            "aliases": _string_list(f"{where}.aliases", item.get("aliases", [])),
            "tags": _string_list(f"{where}.tags", item.get("tags", [])),
        })
    return sources


_POLICY_KEYS: dict[str, Callable[[str, Any], Any]] = {
    "second-source-tags": _string_list,
    "numbers-need-named-source": _boolean,
}


def _policy(key: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{key}: expected a table")
    policy: dict[str, Any] = {}
    for raw, item in value.items():
        name = raw.replace("_", "-")
        if name not in _POLICY_KEYS:
            known = ", ".join(sorted(_POLICY_KEYS))
            raise ConfigError(f"{key}.{raw}: unknown key (known: {known})")
        policy[name] = _POLICY_KEYS[name](f"{key}.{raw}", item)
    return policy


def _text(key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{key}: expected a non-empty string")
    return value.strip()


def _index_mode(key: str, value: Any) -> str:
    if value not in ("auto", "always", "never"):
        raise ConfigError(f"{key}: expected one of auto, always, never")
    return str(value)


def _ratings(key: str, value: Any) -> dict[str, list[str]]:
    classes = ("true", "false", "mixed", "unproven")
    if not isinstance(value, dict):
        raise ConfigError(f"{key}: expected a table of rating class = [phrases]")
    table: dict[str, list[str]] = {}
    for name, phrases in value.items():
        if name not in classes:
            raise ConfigError(f"{key}.{name}: unknown rating class (known: {', '.join(classes)})")
        table[name] = _string_list(f"{key}.{name}", phrases)
    return table


# key -> validator; keys are spelled with dashes (underscores are accepted too).
SCHEMA: dict[str, Callable[[str, Any], Any]] = {
    "paths": _string_list,
    "evidence": _string_list,
    "language": _language,
    "min-score": _number(0, 100),
    "min-checkworthiness": _number(0, 1),
    "top": _positive_int,
    # factcheck gate
    "include": _string_list,
    "exclude": _string_list,
    "respect-gitignore": _boolean,
    "severity": _severity_table,
    "fail-on": _fail_on,
    "min-severity": _level,
    "baseline": _path,
    "sources": _sources,
    "policy": _policy,
    "bidi": _bidi,
    # network (factcheck.net)
    "concurrency": _positive_int,
    "http-timeout": _number(0.001, 3600),
    "google-api-key": _text,
    "google-api-url": _text,
    # evidence at scale (factcheck.evidence.index, ratings)
    "encoder": _encoder,
    "evidence-index": _index_mode,
    "ratings": _ratings,
}
PATH_KEYS = frozenset({"paths", "evidence", "baseline"})


@dataclass(frozen=True)
class Config:
    """Effective configuration values and the file they came from (None: defaults only)."""

    values: Mapping[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key`` or ``default``."""
        return self.values.get(key, default)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None


def parse_config(table: Mapping[str, Any], path: Path) -> Config:
    """Validate a config table; relative paths become absolute against the file's folder."""
    values: dict[str, Any] = {}
    for raw_key, raw_value in table.items():
        key = raw_key.replace("_", "-")
        if key not in SCHEMA:
            known = ", ".join(sorted(SCHEMA))
            raise ConfigError(f"{path}: unknown key {raw_key!r} (known keys: {known})")
        value = SCHEMA[key](f"{path}: {raw_key}", raw_value)
        if key in PATH_KEYS and isinstance(value, str):
            value = value if Path(value).is_absolute() else str(path.parent / value)
        elif key in PATH_KEYS:
            value = [
                v if Path(v).is_absolute() or v.lower().startswith(("http://", "https://"))
                else str(path.parent / v)
                for v in value
            ]
        values[key] = value
    return Config(values=values, path=path)


def load_config_file(path: Path) -> Config:
    """Load an explicit config file (``pyproject.toml`` uses its ``[tool.factcheck]`` table)."""
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("factcheck", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.factcheck] must be a table")
    return parse_config(data, path)


def find_config(start: Path | None = None) -> Config:
    """The nearest configuration walking up from ``start`` (default: current directory)."""
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml":
                data = _read_toml(candidate)
                tool = data.get("tool", {})
                if not isinstance(tool, dict) or "factcheck" not in tool:
                    continue
            return load_config_file(candidate)
    return Config()

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


# key -> validator; keys are spelled with dashes (underscores are accepted too).
SCHEMA: dict[str, Callable[[str, Any], Any]] = {
    "paths": _string_list,
    "evidence": _string_list,
    "language": _language,
    "min-score": _number(0, 100),
    "min-checkworthiness": _number(0, 1),
    "top": _positive_int,
}
PATH_KEYS = frozenset({"paths", "evidence"})


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
        if key in PATH_KEYS:
            value = [str(path.parent / v) if not Path(v).is_absolute() else v for v in value]
        values[key] = value
    return Config(values=values, path=path)


def load_config_file(path: Path) -> Config:
    """Load an explicit config file (``pyproject.toml`` uses its ``[tool.factcheck]`` table)."""
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("factcheck", {})
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
                if "factcheck" not in data.get("tool", {}):
                    continue
            return load_config_file(candidate)
    return Config()

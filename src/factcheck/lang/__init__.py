"""Language packs: everything factcheck knows about a language lives in ``lang/<code>.toml``.

A pack is read once and cached. Languages without a pack get the generic pack
(``generic.toml``): generic rules, no attribution cues, so nothing crashes.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from factcheck.text.normalise import fold_text

GENERIC = "generic"


@dataclass(frozen=True, eq=False)
class LanguagePack:
    """The data of one language pack. Packs compare and hash by ``code``."""

    code: str
    name: str
    data: Mapping[str, Any] = field(repr=False)

    def __hash__(self) -> int:
        return hash(self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LanguagePack) and other.code == self.code

    def section(self, name: str) -> Mapping[str, Any]:
        """A top-level table of the pack (empty when the pack has none)."""
        value = self.data.get(name, {})
        return value if isinstance(value, Mapping) else {}

    def strings(self, section: str, key: str, *, folded: bool = True) -> tuple[str, ...]:
        """A list of strings from ``[section] key``, folded like analysed text by default.

        Folding lets packs be written in natural spelling (with hamza, taa marbuta,
        diacritics) while rules run on folded text.
        """
        values = self.section(section).get(key, [])
        if not isinstance(values, list):
            return ()
        return tuple(fold_text(str(v)) if folded else str(v) for v in values)

    def mapping(self, section: str, key: str, *, folded: bool = True) -> dict[str, Any]:
        """A table from ``[section.key]`` with folded keys by default."""
        values = self.section(section).get(key, {})
        if not isinstance(values, Mapping):
            return {}
        return {(fold_text(str(k)) if folded else str(k)): v for k, v in values.items()}


def available_languages() -> tuple[str, ...]:
    """Codes of the languages that have a pack (``generic`` excluded)."""
    names = [
        entry.name[: -len(".toml")]
        for entry in resources.files(__package__).iterdir()
        if entry.name.endswith(".toml")
    ]
    return tuple(sorted(n for n in names if n != GENERIC))


@cache
def get_pack(code: str) -> LanguagePack:
    """The pack for ``code`` (``"ar"``, ``"en"`` ...), or the generic pack if there is none."""
    if code not in available_languages():
        code = GENERIC
    raw = resources.files(__package__).joinpath(f"{code}.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    name = str(data.get("meta", {}).get("name", code))
    return LanguagePack(code=code, name=name, data=data)

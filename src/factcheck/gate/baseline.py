"""Baselines: today's findings recorded by fingerprint, so later runs fail only on new ones.

A fingerprint hashes the rule and the normalised claim text (not the line), so moving a
paragraph or re-wrapping whitespace keeps a finding baselined; editing the claim's words does not.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from factcheck.errors import InputError
from factcheck.gate.rules import Finding
from factcheck.text.normalise import normalise

BASELINE_VERSION = 1


def fingerprint(rule: str, text: str) -> str:
    """The fingerprint of a finding: sha256 of the rule and the normalised text, shortened."""
    digest = hashlib.sha256(f"{rule}\x00{normalise(text)}".encode()).hexdigest()
    return digest[:20]


def finding_fingerprint(finding: Finding) -> str:
    """The fingerprint of ``finding`` (its claim's text, or the suppression comment's text)."""
    return fingerprint(finding.rule, finding.text)


def baseline_dict(findings: Iterable[Finding]) -> dict[str, Any]:
    """A baseline file's content for ``findings`` (sorted, so rewrites diff cleanly)."""
    entries = sorted(
        (
            {
                "fingerprint": finding_fingerprint(f),
                "rule": f.rule,
                "path": f.path,
                "text": " ".join(f.text.split()),
            }
            for f in findings
        ),
        key=lambda e: (e["path"], e["rule"], e["fingerprint"]),
    )
    return {"version": BASELINE_VERSION, "tool": "factcheck", "findings": entries}


def render_baseline(findings: Iterable[Finding]) -> str:
    """The baseline file's text."""
    return json.dumps(baseline_dict(findings), ensure_ascii=False, indent=2) + "\n"


def load_baseline(path: Path) -> Counter[str]:
    """Read a baseline file into a multiset of fingerprints; malformed files are InputErrors."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(
            f"{path}: baseline not found; create it with --write-baseline {path}"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read baseline: {error}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: malformed baseline (line {error.lineno}: {error.msg})") from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
        raise InputError(f"{path}: malformed baseline: expected a factcheck baseline, version 1")
    entries = data.get("findings")
    if not isinstance(entries, list):
        raise InputError(f"{path}: malformed baseline: 'findings' must be a list")
    counts: Counter[str] = Counter()
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise InputError(f"{path}: malformed baseline: finding {number} has no fingerprint")
        counts[entry["fingerprint"]] += 1
    return counts


def split_baselined(
    findings: Sequence[Finding], baseline: Counter[str]
) -> tuple[list[Finding], list[Finding]]:
    """(new findings, findings absorbed by the baseline); each baseline entry absorbs one."""
    left = Counter(baseline)
    new: list[Finding] = []
    known: list[Finding] = []
    for finding in findings:
        key = finding_fingerprint(finding)
        if left[key] > 0:
            left[key] -= 1
            known.append(finding)
        else:
            new.append(finding)
    return new, known

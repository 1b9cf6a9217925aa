"""Attribution: who a sentence says its content comes from (named, vague or none).

(stub: to be implemented)
"""

from __future__ import annotations

from factcheck.lang import LanguagePack
from factcheck.models import Attribution


def attribute(text: str, pack: LanguagePack, *, previous: Attribution | None = None) -> Attribution:
    """Attribution of ``text`` (offsets into ``text``); ``previous`` is the preceding sentence's."""
    raise NotImplementedError

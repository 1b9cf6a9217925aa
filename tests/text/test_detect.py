"""Tests for language detection by script and English function words."""

from __future__ import annotations

import pytest

from factcheck.text.detect import detect_language, detect_sentence_language

DOCUMENTS = [
    ("أعلنت وزارة النقل أن الميناء استقبل 3.5 مليون حاوية في عام 2023.", "ar"),
    ("أعلنت الشركة عن نتائجها في مؤتمر صحفي عقد في دبي، وحضره ممثلو Reuters و AFP.", "ar"),
    ("قالَ الوزيـــرُ إنَّ النموَّ بلغَ ٣٫٥ في المئة", "ar"),
    ("The port handled 3.5 million containers in 2023, the ministry said.", "en"),
    ("It was the first time that the company had reported a loss.", "en"),
    ("Le ministre a annoncé une hausse des prix du carburant.", "und"),
    ("Der Minister hat eine Erhöhung der Preise angekündigt.", "und"),
    ("Acme Widgets Quarterly Results", "und"),
    # Short claims with no function word: number words, scales and months are English too.
    ("North Korea sent 3 million shells", "en"),
    ("Russia vetoed panel renewal in March", "en"),
    ("Corea del Norte envió tres millones de proyectiles", "und"),
    ("", "und"),
    ("   \n\t  ", "und"),
    ("12,500 3.5% ٣٫٥ 2023", "und"),
    ("!!! ??? ...", "und"),
    ("Привет, как дела?", "und"),
]


@pytest.mark.parametrize(("text", "expected"), DOCUMENTS)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_detect_language_on_long_mixed_document() -> None:
    arabic = "وقال المتحدث باسم الوزارة إن الخطة ستنفذ على ثلاث مراحل. " * 50
    english = "The spokesman said the plan would be carried out in three stages. " * 10
    assert detect_language(arabic + english) == "ar"
    assert detect_language(english * 6 + arabic[:200]) == "en"


SENTENCES = [
    ("وقال المتحدث إن الخطة جاهزة.", "en", "ar"),
    ("The spokesman said the plan was ready.", "ar", "en"),
    ("Le plan est prêt.", "ar", "en"),  # clearly Latin script: the English pack applies
    ("أعلنت Apple عن هاتف جديد", "en", "ar"),
    ("Apple أعلنت", "und", "und"),  # no script has 70% of the letters
    ("2023: 3.5%", "ar", "ar"),
    ("", "en", "en"),
    ("x", "ar", "ar"),
]


@pytest.mark.parametrize(("text", "default", "expected"), SENTENCES)
def test_detect_sentence_language(text: str, default: str, expected: str) -> None:
    assert detect_sentence_language(text, default) == expected

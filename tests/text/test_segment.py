"""Tests for sentence segmentation, Markdown masking and line/column lookup.

Each language rule is a row of a table: adding a case is adding a line.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.lang import get_pack
from factcheck.models import Sentence
from factcheck.text.segment import LineIndex, mask_markdown, paragraph_starts, segment

AR = get_pack("ar")
EN = get_pack("en")
GENERIC = get_pack("generic")


def _texts(text: str, lang: str = "en", *, markdown: bool = False) -> list[str]:
    sentences = segment(text, pack=get_pack(lang), markdown=markdown)
    _assert_exact(text, sentences, markdown=markdown)
    return [s.text for s in sentences]


def _assert_exact(text: str, sentences: list[Sentence], *, markdown: bool) -> None:
    previous_end = 0
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert len(sentence.prose) == len(sentence.text)
        if not markdown:
            assert sentence.prose == sentence.text
        assert sentence.start >= previous_end
        assert sentence.text == sentence.text.strip()
        previous_end = sentence.end


# ---------------------------------------------------------------------------------------------
# Plain text: English

ENGLISH = [
    ("The port opened in 2019. It handles 3.5 million containers.",
     ["The port opened in 2019.", "It handles 3.5 million containers."]),
    ('"Stop!" he said. Then the crowd left.',
     ['"Stop!" he said.', "Then the crowd left."]),
    ("“Where is the money?” asked the auditor. Nobody answered.",
     ["“Where is the money?” asked the auditor.", "Nobody answered."]),
    ('"We will win!" Smith said on Monday. The vote is in May.',
     ['"We will win!" Smith said on Monday.', "The vote is in May."]),
    ("Dr. Layla Haddad met Mr. Brown at 10 a.m. Monday. They talked.",
     ["Dr. Layla Haddad met Mr. Brown at 10 a.m. Monday.", "They talked."]),
    ("The report by J. R. Smith was late. It cost $1,250,000.",
     ["The report by J. R. Smith was late.", "It cost $1,250,000."]),
    ("Exports to the U.S. rose sharply. The U.S. The end.",
     ["Exports to the U.S. rose sharply.", "The U.S.", "The end."]),
    ("He moved to the U.S. The next year he returned.",
     ["He moved to the U.S.", "The next year he returned."]),
    ("Costs rose, e.g. fuel and rent. Wages fell.",
     ["Costs rose, e.g. fuel and rent.", "Wages fell."]),
    ("They sold fruit, grain, etc. and some fish. Prices held.",
     ["They sold fruit, grain, etc. and some fish.", "Prices held."]),
    ("Room No. 5 was closed on Jan. 3. Staff moved.",
     ["Room No. 5 was closed on Jan. 3.", "Staff moved."]),
    ("Was the answer no. Nobody knew.", ["Was the answer no.", "Nobody knew."]),
    ("He hesitated... then he signed. Wait… The deal collapsed.",
     ["He hesitated... then he signed.", "Wait…", "The deal collapsed."]),
    ("The vote (held in March.) was close. Turnout was low.",
     ["The vote (held in March.) was close.", "Turnout was low."]),
    ("Really?! Yes. Absolutely!", ["Really?!", "Yes.", "Absolutely!"]),
    ("He quoted the law (...) and sat down.", ["He quoted the law (...) and sat down."]),
    ("Rome fell in 476 A.D. Historians disagree.",
     ["Rome fell in 476 A.D.", "Historians disagree."]),
    ("Acme Inc. said profits rose. Acme Corp. The rival fell.",
     ["Acme Inc. said profits rose.", "Acme Corp.", "The rival fell."]),
]


@pytest.mark.parametrize(("text", "expected"), ENGLISH)
def test_english_sentences(text: str, expected: list[str]) -> None:
    assert _texts(text, "en") == expected


# ---------------------------------------------------------------------------------------------
# Plain text: Arabic

ARABIC = [
    ("افتتح الميناء عام 2019. ويستوعب 3.5 مليون حاوية.",
     ["افتتح الميناء عام 2019.", "ويستوعب 3.5 مليون حاوية."]),
    ("هل ارتفعت الأسعار؟ نعم ارتفعت!", ["هل ارتفعت الأسعار؟", "نعم ارتفعت!"]),
    ("ارتفعت النسبة إلى ٣٫٥ في المئة؛ وتراجعت البطالة. انتهى الاجتماع.",
     ["ارتفعت النسبة إلى ٣٫٥ في المئة؛ وتراجعت البطالة.", "انتهى الاجتماع."]),
    ("«هل تصدق هذا؟» قال الوزير للصحفيين. ثم غادر.",
     ["«هل تصدق هذا؟» قال الوزير للصحفيين.", "ثم غادر."]),
    ("قال الوزير «الخطة جاهزة.» وأضاف أن التنفيذ يبدأ غدا.",
     ["قال الوزير «الخطة جاهزة.»", "وأضاف أن التنفيذ يبدأ غدا."]),
    ('وكتبت المتحدثة: "لقد انتهى الأمر". وبعد ذلك صمتت.',
     ['وكتبت المتحدثة: "لقد انتهى الأمر".', "وبعد ذلك صمتت."]),
    ("التقى د. سامي الحسن بالمهندس م. علي. وناقشا المشروع.",
     ["التقى د. سامي الحسن بالمهندس م. علي.", "وناقشا المشروع."]),
    ("بني المسجد عام 1436 هـ. وتم توسيعه عام 2015 م. وما زال مفتوحا.",
     ["بني المسجد عام 1436 هـ.", "وتم توسيعه عام 2015 م.", "وما زال مفتوحا."]),
    ("أقيم المعرض في الظهران .\nويهدف إلى دعم الأسر .",
     ["أقيم المعرض في الظهران .", "ويهدف إلى دعم الأسر ."]),
    ("وقع الحادث.وقال شهود إن السيارة كانت مسرعة.",
     ["وقع الحادث.", "وقال شهود إن السيارة كانت مسرعة."]),
    ("وصل ۔ ثم غادر", ["وصل ۔", "ثم غادر"]),
    ("بلغ عدد السكان ١٢٬٥٠٠ نسمة. ولا يزال ينمو", ["بلغ عدد السكان ١٢٬٥٠٠ نسمة.", "ولا يزال ينمو"]),
    ("حضر أ.د. خالد المؤتمر. وألقى كلمة.", ["حضر أ.د. خالد المؤتمر.", "وألقى كلمة."]),
]


@pytest.mark.parametrize(("text", "expected"), ARABIC)
def test_arabic_sentences(text: str, expected: list[str]) -> None:
    assert _texts(text, "ar") == expected


# ---------------------------------------------------------------------------------------------
# Plain text: line breaks (blank lines, soft breaks, title-like lines, bullets)

PLAIN_BLOCKS = [
    ("First paragraph without a stop\n\nSecond paragraph",
     ["First paragraph without a stop", "Second paragraph"]),
    ("Port Sales Climb\nThe port sold more containers this year than in any year before it.",
     ["Port Sales Climb", "The port sold more containers this year than in any year before it."]),
    ("The minister said that the new port would open\nin the spring of next year.",
     ["The minister said that the new port would open\nin the spring of next year."]),
    ("This paragraph is wrapped by an editor at a fixed width of about\n"
     "sixty-five characters so every line has the same\nlength more or less.",
     ["This paragraph is wrapped by an editor at a fixed width of about\n"
      "sixty-five characters so every line has the same\nlength more or less."]),
    ("الرياض 26 شوال 1436 هـ واس\nأعلنت الوزارة اليوم عن افتتاح الميناء الجديد في المنطقة الشرقية.",
     ["الرياض 26 شوال 1436 هـ واس",
      "أعلنت الوزارة اليوم عن افتتاح الميناء الجديد في المنطقة الشرقية."]),
    ("Items:\n- bread and milk\n- rice", ["Items:", "- bread and milk", "- rice"]),
    ("Line one,\ncontinues here.", ["Line one,\ncontinues here."]),
    ("The plan was\r\napproved today\r\n\r\nNext", ["The plan was\r\napproved today", "Next"]),
    ("Alpha ends here.\rBeta ends here.\r\rGamma",
     ["Alpha ends here.", "Beta ends here.", "Gamma"]),
]


@pytest.mark.parametrize(("text", "expected"), PLAIN_BLOCKS)
def test_plain_blocks(text: str, expected: list[str]) -> None:
    lang = "ar" if any("\u0600" <= c <= "\u06ff" for c in text) else "en"
    assert _texts(text, lang) == expected


DROPPED = ["", "   \n\t ", "12.5. 300!", "... ??? !!!", "1.\n2.\n3.", "\ufeff"]


@pytest.mark.parametrize("text", DROPPED)
def test_sentences_without_letters_are_dropped(text: str) -> None:
    assert segment(text, pack=EN) == []


def test_offsets_survive_bom_emoji_and_combining_marks() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    text = f"\ufeffThe family {family} arrived. Cafe\u0301 owners cheered. العربيةُ جميلةٌ."
    texts = _texts(text, "en")
    assert texts == [
        f"The family {family} arrived.",
        "Cafe\u0301 owners cheered.",
        "العربيةُ جميلةٌ.",
    ]
    assert segment(text, pack=EN)[0].start == 1


def test_generic_pack_still_segments() -> None:
    assert _texts("Un. Deux! Trois?", "xx") == ["Un.", "Deux!", "Trois?"]
    assert segment("A. Bc", pack=GENERIC)[0].text == "A. Bc"


# ---------------------------------------------------------------------------------------------
# Markdown segmentation

MARKDOWN = [
    ("# Port report\nThe port grew. It hired staff.",
     ["Port report", "The port grew.", "It hired staff."]),
    ("Title\n=====\nBody text here", ["Title", "Body text here"]),
    ("Intro line\n- first item\n- second item. Still second\n1. numbered",
     ["Intro line", "first item", "second item.", "Still second", "numbered"]),
    ("| Country | Share |\n|---|---|\n| Oman | 40% |",
     ["Country | Share |", "Oman | 40% |"]),
    ("> Quoted claim here.\n> More of it\n\nAfter the quote",
     ["Quoted claim here.", "More of it", "After the quote"]),
    ("Before\n\n```python\nx = 1. y = 2.\n```\n\nAfter",
     ["Before", "After"]),
    ("See [the report](https://example.org/a.b?c=1 \"Report\"). It is long.",
     ['See [the report](https://example.org/a.b?c=1 "Report").', "It is long."]),
    ("---\ntitle: A. B.\n---\nBody starts here.", ["Body starts here."]),
    ("Use `a. b. c.` here. Done.", ["Use `a. b. c.` here.", "Done."]),
    ("**Bold pseudo heading**\nA paragraph that follows the bold pseudo heading line.",
     ["Bold pseudo heading**", "A paragraph that follows the bold pseudo heading line."]),
    ("## أرقام الميناء\nارتفع عدد الحاويات. وتراجع الزمن.",
     ["أرقام الميناء", "ارتفع عدد الحاويات.", "وتراجع الزمن."]),
    ("text <!-- a hidden. note --> more text. End",
     ["text <!-- a hidden. note --> more text.", "End"]),
]


@pytest.mark.parametrize(("text", "expected"), MARKDOWN)
def test_markdown_sentences(text: str, expected: list[str]) -> None:
    lang = "ar" if any("\u0600" <= c <= "\u06ff" for c in text) else "en"
    assert _texts(text, lang, markdown=True) == expected


def test_markdown_prose_is_masked_slice() -> None:
    text = "Read **this** [link](http://x.org/a.b) now."
    sentences = segment(text, pack=EN, markdown=True)
    masked = mask_markdown(text)
    assert len(sentences) == 1
    sentence = sentences[0]
    assert sentence.prose == masked[sentence.start : sentence.end]
    assert "http" not in sentence.prose
    assert sentence.prose.split() == ["Read", "this", "link", "now."]


# ---------------------------------------------------------------------------------------------
# mask_markdown

MASKS = [
    ("# Heading", "  Heading"),
    ("## Heading ##", "   Heading   "),
    ("> quoted", "  quoted"),
    ("- item", "  item"),
    ("* item", "  item"),
    ("12. item", "    item"),
    ("- [x] done", "      done"),
    ("a *b* c", "a  b  c"),
    ("a **b** c", "a   b   c"),
    ("a __b__ c", "a   b   c"),
    ("snake_case_name", "snake_case_name"),
    ("2 * 3", "2 * 3"),
    ("x `code` y", "x        y"),
    ("x ``a ` b`` y", "x           y"),
    ("[text](http://a.b/c)", " text               "),
    ('[text](http://a.b "T")', " text                 "),
    ("![alt](img.png)", "  alt          "),
    ("[text][ref]", " text      "),
    ("[ref]: http://a.b/c", "                   "),
    ("<http://a.b/c>", "              "),
    ("go to http://a.b/c. Now", "go to " + " " * 12 + ". Now"),
    ("a <b>bold</b> c", "a    bold     c"),
    ("x <!-- c --> y", "x            y"),
    ("| a | b |", "  a   b  "),
    ("---", "   "),
    ("***", "   "),
    ("\\*not emphasis\\*", " *not emphasis *"),
    ("---\nk: v\n---\ntext", "   \n    \n   \ntext"),
    ("+++\nk = 1\n+++\ntext", "   \n     \n   \ntext"),
    ("~~~\ncode\n~~~\ntext", "   \n    \n   \ntext"),
    ("para\n\n    indented code\n\npara", "para\n\n                 \n\npara"),
    ("x <!-- multi\nline --> y", "x" + " " * 11 + "\n" + " " * 9 + "y"),
    ("a\r\n# b\r\n", "a\r\n  b\r\n"),
    ("plain text stays", "plain text stays"),
]


@pytest.mark.parametrize(("text", "expected"), MASKS)
def test_mask_markdown(text: str, expected: str) -> None:
    masked = mask_markdown(text)
    assert masked == expected
    assert len(masked) == len(text)


@given(st.text(alphabet=st.sampled_from(list("ab .!?#>*_`[]()<>|-\n\r\t:؟«»٫1ا")), max_size=200))
@settings(max_examples=300, deadline=None)
def test_mask_keeps_length_and_line_breaks(text: str) -> None:
    masked = mask_markdown(text)
    assert len(masked) == len(text)
    for original, blanked in zip(text, masked, strict=True):
        assert blanked == original or blanked == " "
        if original in "\r\n":
            assert blanked == original


@given(st.text(alphabet=st.sampled_from(list("ab A.!?\"'»«)(\n\r؟ق ٣٫…")), max_size=200),
       st.booleans())
@settings(max_examples=300, deadline=None)
def test_segment_offsets_are_exact(text: str, markdown: bool) -> None:
    for pack in (EN, AR):
        _assert_exact(text, segment(text, pack=pack, markdown=markdown), markdown=markdown)


# ---------------------------------------------------------------------------------------------
# LineIndex

LINE_POSITIONS = [
    ("abc", 0, (1, 1)),
    ("abc", 3, (1, 4)),
    ("ab\ncd", 3, (2, 1)),
    ("ab\r\ncd", 4, (2, 1)),
    ("ab\r\ncd", 5, (2, 2)),
    ("ab\rcd\nef", 6, (3, 1)),
    ("\n\n\nx", 3, (4, 1)),
    ("\U0001f600x\ny", 1, (1, 2)),
    ("عربي\nنص", 6, (2, 2)),
]


@pytest.mark.parametrize(("text", "offset", "expected"), LINE_POSITIONS)
def test_line_index(text: str, offset: int, expected: tuple[int, int]) -> None:
    assert LineIndex(text).position(offset) == expected


@pytest.mark.parametrize("offset", [-1, 4])
def test_line_index_rejects_offsets_outside_text(offset: int) -> None:
    with pytest.raises(ValueError):
        LineIndex("abc").position(offset)


# ---------------------------------------------------------------------------------------------
# Performance: linear on adversarial input, fast on a megabyte

ADVERSARIAL = {
    "dots": "." * 100_000,
    "guillemets": "«" * 100_000,
    "backticks": "`" * 100_000,
    "backtick pairs": "`a" * 50_000,
    "brackets": "[" * 100_000,
    "links": "[a](" * 25_000,
    "tags": "<a " * 33_000,
    "comments": "<!--" * 25_000,
    "urls": "http://" * 14_000,
    "stars": "*a" * 50_000,
    "underscores": "_" * 100_000,
    "question marks": "?" * 100_000,
    "abbreviations": "Dr. " * 25_000,
    "initials": "A. " * 30_000,
    "fences": "```\n" * 25_000,
    "spaces": "a." + " " * 100_000 + "b.",
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_adversarial_input_is_fast(name: str) -> None:
    text = ADVERSARIAL[name]
    started = time.perf_counter()
    for markdown in (False, True):
        segment(text, pack=EN, markdown=markdown)
        segment(text, pack=AR, markdown=markdown)
    # 4 runs on ~100 KB; a quadratic regex would take minutes here.
    assert time.perf_counter() - started < 8.0


def test_megabyte_document_is_fast() -> None:
    paragraph = (
        "The port handled 3.5 million containers in 2023, Dr. Haddad said. "
        "«هل ارتفعت الصادرات؟» سأل الصحفي. وقال الوزير إن النمو بلغ ٣٫٥ في المئة.\n\n"
    )
    text = paragraph * (1_000_000 // len(paragraph))
    started = time.perf_counter()
    sentences = segment(text, pack=AR)
    elapsed = time.perf_counter() - started
    assert len(sentences) == 3 * (1_000_000 // len(paragraph))
    assert elapsed < 3.0  # about 0.2 s on the reference machine; generous for slow CI


@pytest.mark.parametrize("markdown", [False, True])
def test_short_line_inside_a_wrapped_paragraph_is_not_a_title(markdown: bool) -> None:
    text = (
        "Aid trucks waited for days at the two crossings, which officials said were\n"
        "closed in\n"
        "Gaza in May 2024 after the fighting spread.\n"
        "\n"
        "Breaking News\n"
        "The ministry said 5,000 people left.\n"
    )
    found = [s.text for s in segment(text, pack=get_pack("en"), markdown=markdown)]
    assert found == [
        "Aid trucks waited for days at the two crossings, which officials said were\n"
        "closed in\nGaza in May 2024 after the fighting spread.",
        "Breaking News",  # the first line of a block still reads as a title
        "The ministry said 5,000 people left.",
    ]


def test_a_signed_quotation_keeps_its_signature_and_the_next_quotation_starts_a_sentence() -> None:
    text = (
        "“We need order. You get shot.” ― Jane Roe “Next one here. Second.” ― Tom Lee, 52, "
        "Houston “Third quote.”\nHe represents our shame.”― Carla Sanchez.\n"
    )
    got = [s.text for s in segment(text, pack=get_pack("en"))]
    assert got == [
        "“We need order.",
        "You get shot.” ― Jane Roe",
        "“Next one here.",
        "Second.” ― Tom Lee, 52, Houston",
        "“Third quote.”",
        "He represents our shame.”― Carla Sanchez.",
    ]


def test_a_dash_after_a_quote_followed_by_prose_is_no_signature() -> None:
    got = [s.text for s in segment("The mayor said “no” — Smith disagreed. Prices rose.",
                                   pack=get_pack("en"))]
    assert got == ["The mayor said “no” — Smith disagreed.", "Prices rose."]


def test_many_signed_quotations_stay_linear() -> None:
    # Hostile input: a long block of signatures is split once each, not re-scanned per match
    # (measured 5.6 s for 8,000 before; the bound is generous for a loaded machine).
    text = "Yes.” ― Jane Roe “" * 8000
    start = time.perf_counter()
    sentences = segment(text, pack=get_pack("en"))
    assert len(sentences) == 8000
    assert time.perf_counter() - start < 3.0


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        # Blank lines part paragraphs; a single line break inside one does not.
        ("One fell. Two rose.\n\nThree met.\nFour left.\n \nFive won.", [1, 0, 1, 0, 1]),
        # A text that never leaves a blank line: each line is a paragraph (wire copy).
        ("One fell. Two rose.\nThree met.\nFour left.", [1, 0, 1, 1]),
        ("One fell. Two rose.", [1, 0]),
        ("", []),
    ],
)
def test_paragraph_starts(text: str, starts: list[int]) -> None:
    sentences = segment(text, pack=get_pack("en"))
    assert paragraph_starts(text, sentences) == [bool(s) for s in starts]

"""Tests for quantity extraction, comparison and display (text/quantities.py).

Sentences are written for these tests; each table row is one case.
"""

from __future__ import annotations

import time

import pytest

from factcheck.lang import get_pack
from factcheck.models import Qualifier, Quantity, QuantityKind
from factcheck.text.quantities import (
    describe,
    extract_quantities,
    find_agreements,
    find_conflicts,
)

# (language, text, expected quantities as (kind, value, unit, qualifier))
EXTRACTION = [
    # ---- Arabic ----
    ("ar", "أطلق الجيش أكثر من 8 ملايين قذيفة خلال عامين.",
     [("count", 8e6, "قذيفه", "more_than")]),
    ("ar", "قتل قرابة الــــ 80% من الجرحى.", [("percent", 80, "جرحي", "about")]),
    ("ar", "أرسلت الدولة أكثر من 11 ألف جندي إلى الحدود.",
     [("count", 11000, "جندي", "more_than")]),
    ("ar", "صدّرت الشركة بأكثر من مليون برميل من النفط.",
     [("count", 1e6, "برميل", "more_than")]),
    ("ar", "وصل نحو ٣٬٥٠٠ لاجئ أمس.", [("count", 3500, "لاجي", "about")]),
    ("ar", "ارتفع المؤشر ٤٥٫٥ بالمئة.", [("percent", 45.5, None, None)]),
    ("ar", "تراجع الإنتاج 12 في المائة.", [("percent", 12, None, None)]),
    ("ar", "نما الاقتصاد 3 بالمائة تقريبا.", [("percent", 3, None, "about")]),
    ("ar", "أصيب ثمانية وثلاثين شخصا في الحادث.", [("count", 38, "شخصا", None)]),
    ("ar", "بنت البلدية ثلاثة آلاف وخمسمئة منزل.", [("count", 3500, "منزل", None)]),
    ("ar", "وصل ألفا جندي إلى المدينة.", [("count", 2000, "جندي", None)]),
    ("ar", "استفاد مئتا ألف طفل من البرنامج.", [("count", 200000, "طفل", None)]),
    ("ar", "بلغت الصفقة مليون و500 ألف دولار.", [("count", 1.5e6, "دولار", None)]),
    ("ar", "شارك أحد عشر لاعبا في التدريب.", [("count", 11, "لاعبا", None)]),
    ("ar", "يضم الفريق 8 ملايين مشترك.", [("count", 8e6, "مشترك", None)]),
    ("ar", "أطلقت ما لا يقل عن 20 صاروخا.", [("count", 20, "صاروخا", "at_least")]),
    ("ar", "سقط 10 آلاف قتيل على الأقل.", [("count", 10000, "قتيل", "at_least")]),
    ("ar", "لم يتجاوز العدد ما لا يزيد عن 40 شاحنة.", [("count", 40, "شاحنه", "at_most")]),
    ("ar", "شارك أقل من 300 متطوع.", [("count", 300, "متطوع", "less_than")]),
    ("ar", "باعت الشركة زهاء 7 مليارات دولار.", [("count", 7e9, "دولار", "about")]),
    ("ar", "افتتح المصنع عام 2015.", [("year", 2015, None, None)]),
    ("ar", "بدأ المشروع في 2024م بعد تأخير.", [("year", 2024, None, None)]),
    ("ar", "ارتفع العدد إلى 2000 جندي.", [("count", 2000, "جندي", None)]),
    ("ar", "تأسست المدينة في 1436 هـ.", []),
    ("ar", "وقعت المعاهدة في سبتمبر 2023م.", [("date", 2023, None, None)]),
    ("ar", "اتصل على الرقم 0501234567 أو 920004696.", []),
    ("ar", "انتهى الاجتماع عند 13:38 مساء.", []),
    ("ar", "آلاف الجنود عبروا الحدود.", []),
    ("ar", "لعب نادي وست بروميتش أمس.", []),
    # ---- English ----
    ("en", "The army fired more than 8 million shells last year.",
     [("count", 8e6, "shells", "more_than")]),
    ("en", "About 80% of the victims were civilians.", [("percent", 80, "victims", "about")]),
    ("en", "Over 11,000 troops crossed the border.", [("count", 11000, "troops", "more_than")]),
    ("en", "They shipped a million barrels of oil.", [("count", 1e6, "barrels", None)]),
    ("en", "One million jobs were lost.", [("count", 1e6, "jobs", None)]),
    ("en", "The plan costs 1.5 billion dollars.", [("count", 1.5e9, "dollars", None)]),
    ("en", "The deal was worth $3m in cash.", [("count", 3e6, "dollars", None)]),
    ("en", "Sales reached 1.5bn units.", [("count", 1.5e9, "units", None)]),
    ("en", "Ten-thousand people marched.", [("count", 10000, "people", None)]),
    ("en", "ten thousand people marched.", [("count", 10000, "people", None)]),
    ("en", "She won thirty-eight votes.", [("count", 38, "votes", None)]),
    ("en", "Twenty-one people and a few more.", [("count", 21, "people", None)]),
    ("en", "I have half-a-dozen ideas and 3 million fans.", [("count", 3e6, "fans", None)]),
    ("en", "They created half a million jobs.", []),
    ("en", "He sold a dozen and 3 cars.", [("count", 12, None, None), ("count", 3, "cars", None)]),
    ("ar", "قالت الحادية عشرة إنها توافق.", []),
    ("ar", "بلغت القيمة 6 ر 12 مليون دينار.", []),
    ("en", "He bought a dozen eggs.", [("count", 12, "eggs", None)]),
    ("en", "They built one hundred and five homes.", [("count", 105, "homes", None)]),
    ("en", "Two hundred thousand people left.", [("count", 200000, "people", None)]),
    ("en", "Nearly 3,000 people were hurt.", [("count", 3000, "people", "about")]),
    ("en", "Unemployment fell to 4.5 percent.", [("percent", 4.5, None, None)]),
    ("en", "Prices rose up to 20 per cent.", [("percent", 20, None, "at_most")]),
    ("en", "The firm hired fewer than 30,000 workers.",
     [("count", 30000, "workers", "less_than")]),
    ("en", "The law passed in 2023 after a long debate.", [("year", 2023, None, None)]),
    ("en", "The 2016 election was close.", [("year", 2016, None, None)]),
    ("en", "The agency sent 2,000 troops.", [("count", 2000, "troops", None)]),
    ("en", "They used 500 new government vehicles.", [("count", 500, "vehicles", None)]),
    ("en", "She came 1st at 10:30, call 555-1234 about COVID-19 and F-16s in the 1990s.", []),
    ("en", "Roughly two-thirds of voters agreed.", []),
    ("en", "Virginia is the No. 1 recipient.", []),
    ("en", "Thousands of people marched.", []),
    ("en", "No one knows.", []),
]


def _summary(quantities: list[Quantity]) -> list[tuple[object, ...]]:
    return [(q.kind, q.value, q.unit, q.qualifier) for q in quantities]


@pytest.mark.parametrize(("lang", "text", "expected"), EXTRACTION)
def test_extract_quantities(
    lang: str, text: str, expected: list[tuple[str, float, str | None, str | None]]
) -> None:
    found = extract_quantities(text, get_pack(lang))
    assert _summary(found) == [(k, float(v), u, q) for k, v, u, q in expected]
    for quantity in found:
        assert text[quantity.start : quantity.end] == quantity.text


# (language, text, (value, month, day) of each date found)
DATES = [
    ("en", "The treaty was signed in June 2024.", [(2024, 6, None)]),
    ("en", "Voting ends on 12 March.", [(0, 3, 12)]),
    ("en", "Voting ended on June 12, 2024.", [(2024, 6, 12)]),
    ("en", "You may go, but in May 2020 it changed.", [(2020, 5, None)]),
    ("en", "Talks resumed in September.", [(0, 9, None)]),
    ("ar", "وقع الاتفاق في يونيو 2024.", [(2024, 6, None)]),
    ("ar", "جرت مناقشات في سبتمبر 2023م.", [(2023, 9, None)]),
    ("ar", "بدأت الحملة في كانون الثاني 2020.", [(2020, 1, None)]),
    ("ar", "انتهت المهلة في تشرين الأول.", [(0, 10, None)]),
    ("ar", "انطلق المؤتمر يوم 17 يوليو تموز.", [(0, 7, 17)]),
    ("ar", "الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م", [(2015, 8, 11)]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), DATES)
def test_dates(lang: str, text: str, expected: list[tuple[int, int, int | None]]) -> None:
    found = [q for q in extract_quantities(text, get_pack(lang)) if q.kind == "date"]
    assert [(q.value, q.month, q.day) for q in found] == [(float(v), m, d) for v, m, d in expected]


def test_offsets_survive_tatweel_and_digits() -> None:
    text = "تسببت في سقوط قرابة الــــ ٨٠٪ من الضحايا"
    (quantity,) = extract_quantities(text, get_pack("ar"))
    assert quantity.kind == "percent"
    assert quantity.value == 80
    assert quantity.text.startswith("قرابة")
    assert text[quantity.start : quantity.end] == quantity.text


def test_generic_pack_reads_digits() -> None:
    found = extract_quantities("Il y a 250 personnes et 12,5 %.", get_pack("xx"))
    assert [q.value for q in found][:1] == [250.0]


def _q(
    kind: QuantityKind,
    value: float,
    unit: str | None = None,
    qualifier: Qualifier | None = None,
    month: int | None = None,
) -> Quantity:
    return Quantity(kind, value, "", 0, 0, unit=unit, qualifier=qualifier, month=month)


# (claim quantities, evidence quantities, conflict expected, agreement expected)
COMPARISONS = [
    ([_q("count", 8e6, "shells", "more_than")], [_q("count", 8e6, "shell", "at_least")],
     False, True),
    ([_q("count", 3e6, "shells")], [_q("count", 8e6, "shells", "more_than")], True, False),
    ([_q("percent", 80, None, "about")], [_q("percent", 80)], False, True),
    ([_q("percent", 80)], [_q("percent", 81)], True, False),
    ([_q("percent", 45)], [_q("percent", 46, None, "about")], False, True),
    ([_q("count", 11000, "جندي")], [_q("count", 11000, "جنود")], False, True),
    ([_q("count", 11000, "جندي")], [_q("count", 5000, "جنود")], True, False),
    ([_q("count", 8e6, "قذيفه")], [_q("count", 8e6, "قذائف")], False, True),
    ([_q("count", 500, "troops")], [_q("count", 500, "soldiers")], False, True),
    # units differ but each side has one count: still compared
    ([_q("count", 100, "artillery")], [_q("count", 900, "shells")], True, False),
    # several evidence counts with other units: not paired, so neither
    ([_q("count", 100, "tanks")], [_q("count", 5, "jets"), _q("count", 9, "ships")], False, False),
    ([_q("count", 10, None, "less_than")], [_q("count", 12)], True, False),
    ([_q("count", 10, None, "at_most")], [_q("count", 9)], False, True),
    ([_q("count", 1.5e6)], [_q("count", 1.51e6)], False, True),
    ([_q("year", 2023)], [_q("year", 2024), _q("year", 2020)], True, False),
    ([_q("year", 2024)], [_q("year", 2024), _q("year", 2020)], False, True),
    ([_q("date", 2024, month=6)], [_q("date", 2024, month=7)], True, False),
    ([_q("date", 2024, month=6)], [_q("date", 0, month=6)], False, True),
    ([_q("date", 2023, month=9)], [_q("date", 2024, month=9)], True, False),
    ([_q("count", 5)], [_q("percent", 5)], False, False),
    ([_q("year", 2020)], [], False, False),
]


@pytest.mark.parametrize(("claim", "evidence", "conflict", "agreement"), COMPARISONS)
def test_conflicts_and_agreements(
    claim: list[Quantity], evidence: list[Quantity], conflict: bool, agreement: bool
) -> None:
    assert bool(find_conflicts(claim, evidence)) is conflict
    assert bool(find_agreements(claim, evidence)) is agreement


def test_extracted_claim_and_evidence_conflict() -> None:
    ar, en = get_pack("ar"), get_pack("en")
    claim = extract_quantities("أرسلت 3 ملايين قذيفة", ar)
    evidence = extract_quantities("أرسلت أكثر من 8 ملايين قذيفة", ar)
    (conflict,) = find_conflicts(claim, evidence)
    assert conflict.claim.value == 3e6
    agreeing = extract_quantities("It sent 8,000,000+ shells.", en)
    assert find_agreements(evidence, agreeing)


@pytest.mark.parametrize(
    ("quantity", "text"),
    [
        (_q("count", 8e6, "shells", "more_than"), "more than 8,000,000 shells"),
        (_q("percent", 80, None, "about"), "about 80%"),
        (_q("percent", 42.5, "voters"), "42.5% of voters"),
        (_q("date", 2024, month=6), "June 2024"),
        (Quantity("date", 0, "", 0, 0, month=3, day=12), "12 March"),
        (_q("year", 2023), "2023"),
        (_q("count", 1.5e9, "dollars", "at_most"), "at most 1,500,000,000 dollars"),
    ],
)
def test_describe(quantity: Quantity, text: str) -> None:
    assert describe(quantity) == text


def _best_time(text: str, lang: str) -> float:
    pack = get_pack(lang)
    extract_quantities("warm up 1", pack)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        extract_quantities(text, pack)
        best = min(best, time.perf_counter() - started)
    return best


# Adversarial inputs of about 100,000 characters: (language, repeated unit, repeats).
ADVERSARIAL = [
    ("en", "1", 100_000),
    ("en", ",", 100_000),
    ("ar", "٬", 100_000),
    ("en", "1,", 50_000),
    ("en", "1.", 50_000),
    ("en", "one hundred and ", 6_250),
    ("ar", "ثلاثة ", 16_667),
    ("ar", "ثلاثة وثلاثين ", 7_143),
    ("ar", "أكثر من ", 12_500),
    ("ar", "مليون ", 16_667),
]


@pytest.mark.parametrize(("lang", "unit", "repeats"), ADVERSARIAL)
def test_linear_time(lang: str, unit: str, repeats: int) -> None:
    # Absolute bound for 100k characters, generous for slow shared CI machines.
    full = _best_time(unit * repeats, lang)
    assert full < 2.0
    # Linear growth: a quarter of the input takes about a quarter of the time (quadratic: 1/16).
    quarter = _best_time(unit * (repeats // 4), lang)
    assert full < 10 * quarter + 0.25  # slack for noisy shared machines; quadratic is 16x


def test_describe_spells_the_unit_as_written() -> None:
    # Matching compares folded units («قذيفه»); people read the text's own spelling.
    (shells,) = extract_quantities("أطلق الجيش أكثر من 8 ملايين قذيفةٍ.", get_pack("ar"))
    assert shells.unit == "قذيفه"
    assert describe(shells) == "more than 8,000,000 قذيفةٍ"
    (soldiers,) = extract_quantities("Officials counted 11,000 Soldiers.", get_pack("en"))
    assert describe(soldiers) == "11,000 Soldiers"

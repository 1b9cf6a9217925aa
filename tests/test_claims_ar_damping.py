"""Arabic check-worthiness: damping cues that must not misfire on factual news sentences.

Every sentence here is written for the test (none comes from a dataset). Each rule is checked
both ways: the misfire is gone, and the cue it was meant for still works.
"""

from __future__ import annotations

import pytest

from factcheck.attribution import attribute
from factcheck.claims import assess_checkworthiness, checkworthiness_features
from factcheck.lang import get_pack
from factcheck.models import Checkworthiness
from factcheck.text.quantities import extract_quantities


def _assess(text: str) -> Checkworthiness:
    """Assess ``text`` the way the pipeline does (quantities and attribution found first)."""
    pack = get_pack("ar")
    return assess_checkworthiness(
        text,
        pack,
        quantities=extract_quantities(text, pack),
        attribution=attribute(text, pack),
    )


# Nouns and foreign names that start like a future verb (سـ + ي/ت/ن) are not forecasts.
@pytest.mark.parametrize(
    "text",
    [
        "وارتفع سعر خام برنت 40 سنتا ليصل إلى 70 دولارا للبرميل.",
        "وتلعب الجمعية دورا وسيطا بين الأسر المحتاجة والمتبرعين.",
        "وشارك في البطولة اللاعب سترلينج بعد انتقاله إلى النادي.",
        "ووفرت البلدية وسيلة نقل مجانية لزوار المهرجان.",
    ],
)
def test_nouns_like_future_verbs_are_not_forecasts(text: str) -> None:
    result = _assess(text)
    assert result.is_claim and "prediction" not in result.signals, result.signals


@pytest.mark.parametrize(
    "text", ["سنتابع القضية حتى النهاية.", "ستتراجع الأسعار في الأشهر المقبلة."]
)
def test_future_verbs_that_start_like_those_nouns_still_predict(text: str) -> None:
    result = _assess(text)
    assert not result.is_claim and "prediction" in result.signals, result.signals


def test_colon_then_complementiser_is_reported_speech() -> None:
    # «قال: إن ...» reports content; «قال: "..."» quotes the speaker's own words.
    reported = _assess("وقالت النيابة: إن المتهم اعترف بسرقة المحل.")
    direct = _assess("وقال المدرب: «نحن سعداء بالفوز ونتطلع إلى المباراة القادمة».")
    assert reported.is_claim and "opinion" not in reported.signals, reported.signals
    assert not direct.is_claim and "opinion" in direct.signals, direct.signals


def test_condition_inside_a_sentence_damps_less_than_one_that_opens_it() -> None:
    pack = get_pack("ar")
    inside = "وأوضحت الهيئة أنه يتم صرف التعويض للمزارعين المسجلين في حال تضرر المحصول."
    opening = "وفي حال تضرر المحصول يصرف التعويض للمزارعين."
    inside_weight = checkworthiness_features(inside, pack)["conditional"]
    opening_weight = checkworthiness_features(opening, pack)["conditional"]
    assert 0 < inside_weight < opening_weight
    assert _assess(inside).is_claim
    assert not _assess(opening).is_claim
    assert _assess("وعرضت الشركة مليون ريال على المالك شريطة أن يبيع الأرض.").is_claim


def test_trailing_wish_does_not_undo_the_visit() -> None:
    visit = _assess("وزار المحافظ المرضى في مستشفى المدينة، متمنيا لهم الشفاء العاجل.")
    wish = _assess("وأعرب المحافظ عن أمله في شفاء المرضى.")
    assert visit.is_claim, (visit.score, visit.signals)
    assert not wish.is_claim, (wish.score, wish.signals)


def test_the_name_amal_is_not_a_hope() -> None:
    named = _assess("وقدمت الباحثة أمل العتيبي محاضرة عن تاريخ المنطقة.")
    hope = _assess("آمل أن تنتهي الأزمة قريبا.")
    assert named.is_claim and "opinion" not in named.signals, named.signals
    assert not hope.is_claim and "opinion" in hope.signals, hope.signals


@pytest.mark.parametrize(
    ("text", "is_claim"),
    [
        ("لعب الفريق بشكل جيد في الشوط الثاني.", False),
        ("وكانت فرصة جيدة للاعبين الشباب.", False),
        ("فاز الفريق بهدفين في الشوط الثاني.", True),
        # The adverb «جيدا» ("well") with a verb of knowing is no judgement.
        ("وقال إن اللجنة تعرف هذه المشكلة جيدا منذ سنوات.", True),
    ],
)
def test_praise_of_a_performance_is_a_judgement(text: str, is_claim: bool) -> None:
    result = _assess(text)
    assert result.is_claim is is_claim, (result.score, result.signals)


@pytest.mark.parametrize(
    "text",
    ["وفي المساء تفقد الوفد المواقع المتضررة.", "وفي الختام استعرض الوفد نتائج الزيارة."],
)
def test_official_activity_after_an_opening_phrase_is_an_event(text: str) -> None:
    # The verb is not the first word, so only the pack's event verbs can find it.
    result = _assess(text)
    assert result.is_claim and "event" in result.signals, (result.score, result.signals)


def test_reported_speculation_is_a_hedge() -> None:
    result = _assess("تزايدت التكهنات بتغيير المدرب قبل نهاية الموسم.")
    assert not result.is_claim and "hedge:التكهنات" in result.signals, result.signals

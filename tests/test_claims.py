"""Tests for check-worthiness: which sentences are claims, and which signals say so."""

from __future__ import annotations

import math
import time

import pytest

from factcheck.attribution import attribute
from factcheck.claims import (
    CLAIM_THRESHOLD,
    _reported_content,
    _rules,
    assess_checkworthiness,
    checkworthiness_features,
    hand_checkworthiness_score,
)
from factcheck.lang import LanguagePack, get_pack
from factcheck.models import Attribution, Quantity
from factcheck.text.normalise import fold
from factcheck.text.quantities import extract_quantities

# (language, sentence, is_claim, a signal that must be present or None)
CASES = [
    # English: events, numbers, dates, named actors
    ("en", "The ministry announced 300 new jobs in May 2024.", True, "number"),
    ("en", "The bill passed the Senate 52-48 on Tuesday.", True, "date"),
    ("en", "Unemployment fell to 4.9 percent last month.", True, "percent"),
    ("en", "Rebels shot down a cargo plane near the border.", True, "event"),
    ("en", "Theresa May visited Washington in January.", True, "actor"),
    ("en", "The company sold twelve thousand cars in its first year.", True, "number"),
    ("en", "The city spent more than 40 million dollars on the bridge.", True, "comparative"),
    ("en", "Police arrested two men after the robbery.", True, "event"),
    # English: opinions, hedges, predictions, obligations, questions, conditionals
    ("en", "I think the economy is doing great.", False, "opinion"),
    ("en", "In my view, the reform was a mistake.", False, "opinion"),
    ("en", "We believe the plan is fair to everyone.", False, "opinion"),
    ("en", "The plan may cost five billion dollars.", False, "hedge:may"),
    ("en", "The storm might have damaged the harbour.", False, "hedge:might"),
    ("en", "Perhaps the mayor knew about the deal.", False, "hedge:perhaps"),
    ("en", "Prices will rise again next spring.", False, "prediction"),
    ("en", "Growth is expected to slow in the second half.", False, "prediction"),
    ("en", "The government must cut spending now.", False, "obligation"),
    ("en", "Voters should read the proposal carefully.", False, "obligation"),
    ("en", "What did the senator say about the budget?", False, "question"),
    ("en", "Did the council approve the budget", False, "question"),
    ("en", "If taxes rise, shops in the centre close.", False, "conditional"),
    ("en", "Unless the court intervenes, the vote goes ahead.", False, "conditional"),
    ("en", "This is a terrible and shameful day.", False, "evaluative"),
    ("en", "Thank you.", False, "fragment"),
    ("en", "Flood Relief Update", False, None),
    # Arabic: events, numbers, dates, actors, «قد» + past
    ("ar", "قتل 15 شخصاً في انفجار بالعاصمة أمس.", True, "number"),
    ("ar", "أعلن وزير الخارجية السعودي عن مبادرة جديدة.", True, "actor"),
    ("ar", "وقد وقّعت الحكومة الاتفاق يوم الأحد.", True, "event:qad"),
    ("ar", "فقد تسببت الأمطار في إغلاق ١٢ طريقاً.", True, "event:qad"),
    ("ar", "وقد أرسلت الوزارة فريقاً إلى المنطقة.", True, "event:qad"),
    ("ar", "ارتفعت أسعار القمح بنسبة ٨٪ خلال شهر مارس.", True, "percent"),
    ("ar", "افتتحت «جمعية الحرفيين» معرضها السنوي في جدة.", True, "actor"),
    ("ar", "وصل الوفد إلى القاهرة في الرابع من يونيو.", True, "date"),
    # Arabic: «قد» + imperfect, hedges, predictions, opinions, obligations, questions, conditionals
    ("ar", "قد يكون الاقتصاد في حالة ركود.", False, "hedge:qad"),
    ("ar", "قد تؤدي الأزمة إلى انهيار العملة.", False, "hedge:qad"),
    ("ar", "ربما تتأخر الرحلة بسبب الطقس.", False, "hedge:ربما"),
    ("ar", "من الممكن أن ترتفع الأسعار قليلاً.", False, "hedge:من الممكن"),
    ("ar", "سوف ترتفع الأسعار العام المقبل.", False, "prediction"),
    ("ar", "سيتم افتتاح المشروع في ديسمبر.", False, "prediction"),
    ("ar", "من المتوقع أن يرتفع النمو إلى 3 بالمئة.", False, "prediction"),
    ("ar", "أعتقد أن القرار كان خاطئاً.", False, "opinion"),
    ("ar", "في رأيي أن الخطة غير عادلة.", False, "opinion"),
    ("ar", "يجب على الحكومة أن تتحرك فوراً.", False, "obligation"),
    ("ar", "على الوزارة أن تراجع هذه الأرقام.", False, "obligation"),
    ("ar", "هل يعرف الوزير حجم المشكلة؟", False, "question"),
    ("ar", "لماذا تأخر صرف الرواتب هذا الشهر", False, "question"),
    ("ar", "إذا ارتفعت الأسعار تراجع الطلب في الأسواق.", False, "conditional"),
    ("ar", "لو وصل الدعم مبكراً لنجا المزارعون.", False, "conditional"),
    ("ar", "// انتهى //", False, "fragment"),
    # Arabic: verb-first news sentences, past verbs after «قد», سـ names that are not futures
    ("ar", "وتواصل فرق الدفاع المدني أعمال البحث في الموقع.", True, "event:verb-first"),
    ("ar", "عقب ذلك توالت مداخلات أعضاء اللجنة.", True, "event:verb-first"),
    ("ar", "وكانت الوكالة قد نقلت عن الوزير هذا التصريح.", True, "event"),
    ("ar", "مثل رجل من سيدني أمام المحكمة بتهمة التهريب.", True, None),
    ("ar", "وقال ستيف براون إن الحادث وقع فجراً.", True, "event"),
    ("ar", "وهذا قد تؤدي إليه الأزمة.", False, "hedge:qad"),
    # English: a speaker talking about themself gives a view
    ("en", "I cannot understand why the council waited so long.", False, "opinion"),
    ("en", "I'm not a supporter of the mayor, but enough already.", False, "opinion"),
]


@pytest.mark.parametrize(("lang", "text", "is_claim", "signal"), CASES)
def test_claim_rules(lang: str, text: str, is_claim: bool, signal: str | None) -> None:
    result = assess_checkworthiness(text, get_pack(lang))
    assert result.is_claim is is_claim, (result.score, result.signals)
    assert result.is_claim is (result.score >= CLAIM_THRESHOLD)
    assert 0.0 <= result.score <= 1.0
    if signal is not None:
        assert signal in result.signals


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "وقد وقّعت الشركة العقد"),
        ("ar", "فقد أرسل الجيش تعزيزات"),
        ("ar", "لقد تمكنت الفرق من السيطرة على الحريق"),
    ],
)
def test_qad_with_past_verb_is_assertive(lang: str, text: str) -> None:
    signals = assess_checkworthiness(text + ".", get_pack(lang)).signals
    assert "event:qad" in signals
    assert "hedge:qad" not in signals


@pytest.mark.parametrize(
    "text", ["قد يصل العدد إلى ألف", "قد نرى تغييراً", "وقد تكون الأرقام أعلى", "قد لا يكفي ذلك"]
)
def test_qad_with_imperfect_verb_is_a_hedge(text: str) -> None:
    result = assess_checkworthiness(text + ".", get_pack("ar"))
    assert "hedge:qad" in result.signals
    assert not result.is_claim


def test_capitalised_may_is_a_name_not_a_hedge() -> None:
    result = assess_checkworthiness(
        "On Monday, Prime Minister May signed the order.", get_pack("en")
    )
    assert not any(s.startswith("hedge") for s in result.signals)
    assert result.is_claim


@pytest.mark.parametrize(
    ("status", "signal"), [("named", "attribution:named"), ("vague", "attribution:vague")]
)
def test_attributed_fact_stays_a_claim(status: str, signal: str) -> None:
    # How much an attribution adds is learned (the pack's model), not fixed by hand: what
    # must hold is that it is reported and does not turn a factual sentence into a non-claim.
    text = "The factory closed after the flood."
    pack = get_pack("en")
    attributed = assess_checkworthiness(
        text,
        pack,
        attribution=Attribution(status=status, source="the mayor"),  # type: ignore[arg-type]
    )
    assert signal in attributed.signals
    assert attributed.is_claim, (attributed.score, attributed.signals)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The fund said the economy will grow 1.6 percent next year."),
        ("ar", "ويتوقع الصندوق أن ينمو الاقتصاد بنسبة 1.6 بالمئة العام المقبل."),
    ],
)
def test_forecast_with_figures_from_named_source_is_claim(lang: str, text: str) -> None:
    pack = get_pack(lang)
    named = assess_checkworthiness(
        text, pack, quantities=[], attribution=Attribution(status="named", source="the fund")
    )
    plain = assess_checkworthiness(text, pack)
    assert named.is_claim, (named.score, named.signals)
    assert "forecast:figures" in named.signals
    assert not plain.is_claim, (plain.score, plain.signals)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_model_score_matches_features(lang: str) -> None:
    # A pack's learned model is sigmoid(bias + sum w * x) over checkworthiness_features;
    # without one the hand formula scores.
    pack = get_pack(lang)
    text = {"en": "The factory closed after the flood.", "ar": "أغلق المصنع بعد الفيضان أمس."}[lang]
    features = checkworthiness_features(text, pack)
    assert features and all(0.0 <= v <= 1.0 for v in features.values())
    score = assess_checkworthiness(text, pack).score
    model = pack.section("checkworthiness").get("model")
    if model is None:  # a pack without a learned model keeps the hand formula
        assert score == pytest.approx(hand_checkworthiness_score(text, pack))
        return
    z = model["bias"] + sum(w * features.get(k, 0.0) for k, w in model["weights"].items())
    assert score == pytest.approx(1 / (1 + math.exp(-z)))


def test_quantities_from_the_caller_count() -> None:
    text = "Rainfall reached a record last spring."
    pack = get_pack("en")
    quantity = Quantity(kind="percent", value=40.0, text="forty percent", start=0, end=5)
    with_q = assess_checkworthiness(text, pack, quantities=[quantity])
    assert "percent" in with_q.signals and "number" in with_q.signals
    assert with_q.score > assess_checkworthiness(text, pack).score


def test_generic_pack_does_not_crash() -> None:
    result = assess_checkworthiness("Le conseil a voté 12 résolutions en 2023.", get_pack("xx"))
    assert 0.0 <= result.score <= 1.0
    assert "number" in result.signals


@pytest.mark.parametrize("text", ["", "   ", "?", "؟؟؟", "\n\n"])
def test_degenerate_inputs(text: str) -> None:
    for lang in ("en", "ar"):
        result = assess_checkworthiness(text, get_pack(lang))
        assert 0.0 <= result.score <= 1.0
        assert not result.is_claim


PATHOLOGICAL = [
    "a" * 100_000,
    "ed" * 50_000,
    "Aa " * 33_333,
    "قد ت" * 25_000,
    "قد " * 33_333,
    "على " * 25_000,
    "س" * 100_000,
    "سيت" * 33_333,
    "1" * 100_000,
    '"' * 100_000,
    "«ا" * 50_000,
    " " * 100_000,
    "الوزير ال" * 11_111,
    "ت" * 99_999 + "ا",
    "I think " * 12_500,
    "1 who will " * 9_090,  # a forecast in a relative clause, tested once per match
    "وقال " * 20_000,  # speech verbs, each a possible start of direct speech
]


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=range(len(PATHOLOGICAL)))
def test_linear_time_on_pathological_input(text: str) -> None:
    for lang in ("en", "ar"):
        pack = get_pack(lang)
        assess_checkworthiness("warm up.", pack)
        started = time.perf_counter()
        result = assess_checkworthiness(text, pack)
        assert time.perf_counter() - started < 3.0  # linear: ~0.5 s; quadratic: hours
        assert 0.0 <= result.score <= 1.0


def _assess_attributed(lang: str, text: str) -> tuple[bool, tuple[str, ...]]:
    """Assess ``text`` with the attribution the real attribution stage finds in it."""
    from factcheck.attribution import attribute

    pack = get_pack(lang)
    result = assess_checkworthiness(text, pack, attribution=attribute(text, pack))
    return result.is_claim, result.signals


# A quoted view stays a view when a named speaker says it; a quoted fact stays a claim.
@pytest.mark.parametrize(
    ("lang", "text", "is_claim"),
    [
        (
            "en",
            "\u201cThis is the moment when families make up their minds,\u201d Okafor said.",
            False,
        ),
        ("en", "\u201cThere is real anger out there,\u201d the organiser told reporters.", False),
        (
            "en",
            "\u201cThe mill shut down in March and 200 workers lost their jobs,\u201d Okafor said.",
            True,
        ),
        ("ar", "وأعرب المشاركون عن أملهم في تكرار التجربة خلال الأعوام القادمة.", False),
        ("ar", "ويهدف البرنامج إلى دعم الأسر المنتجة وتنمية روح المبادرة لدى الشباب.", False),
        ("ar", "وأكد المدير أن الهيئة تسعى لاستقطاب الكفاءات الوطنية في كل القطاعات.", False),
        ("ar", "وقال المدير إن الهيئة وظفت 120 مهندسا خلال العام الماضي.", True),
    ],
)
def test_attributed_views_and_facts(lang: str, text: str, is_claim: bool) -> None:
    result, signals = _assess_attributed(lang, text)
    assert result is is_claim, signals


# A hedge or forecast in a trailing clause does not sink the main clause's event or figure;
# in the main clause it still does.
@pytest.mark.parametrize(
    ("lang", "text", "is_claim"),
    [
        (
            "en",
            "The council closed the library in June, though officials admit it might reopen.",
            True,
        ),
        ("en", "The library might reopen in June, the council said.", False),
        ("ar", "وقال الطبيب إن المستشفى استقبل 40 مصابا، وقد يرتفع العدد خلال الليل.", True),
        ("ar", "وقال الطبيب إن العدد قد يرتفع خلال الليل، بحسب التقديرات الأولية.", False),
    ],
)
def test_trailing_clause_hedge(lang: str, text: str, is_claim: bool) -> None:
    result, signals = _assess_attributed(lang, text)
    assert result is is_claim, signals


@pytest.mark.parametrize(
    "text",
    [
        "The factory kept its doors open throughout the strike.",
        "The mayor did not attend the ceremony at the harbour.",
        "Rebels fled the town before the army arrived.",
    ],
)
def test_irregular_and_negated_past_is_an_event(text: str) -> None:
    result = assess_checkworthiness(text, get_pack("en"))
    assert "event" in result.signals


# List lead-ins and open questions in list items are not claims: "whether X;" asks, and a line
# ending with a colon announces content that follows it.
@pytest.mark.parametrize(
    ("lang", "text", "signal"),
    [
        ("en", "whether the regional council approves the new budget;", "question"),
        ("en", "Two questions will decide the outcome of the strike:", "lead-in"),
        ("en", "The main findings of the audit are these:", "lead-in"),
        ("ar", "وتتلخص أبرز نتائج الدراسة في ثلاث نقاط:", "lead-in"),
        ("ar", "ما إذا كانت البلدية ستوافق على الميزانية الجديدة؛", "question"),
    ],
)
def test_list_lead_ins_and_open_questions(lang: str, text: str, signal: str) -> None:
    result = assess_checkworthiness(text, get_pack(lang))
    assert not result.is_claim, (result.score, result.signals)
    assert signal in result.signals


def test_colon_inside_a_sentence_is_not_a_lead_in() -> None:
    result = assess_checkworthiness(
        "The council reported one figure: 300 homes flooded in March.", get_pack("en")
    )
    assert result.is_claim and "lead-in" not in result.signals


# A forecast inside a relative clause does not undo the figure the sentence states; a forecast
# that is the sentence's own assertion still does.
@pytest.mark.parametrize(
    ("text", "is_claim"),
    [
        ("Of the 12 judges who will hear the appeal, seven were appointed by the governor.", True),
        ("The judges will hear the appeal in May.", False),
        ("Among likely voters, 52 percent back the mayor.", True),
        ("Turnout is likely to fall in the northern districts.", False),
    ],
)
def test_embedded_forecasts_and_likely(text: str, is_claim: bool) -> None:
    result = assess_checkworthiness(text, get_pack("en"))
    assert result.is_claim is is_claim, (result.score, result.signals)


@pytest.mark.parametrize(
    "text",
    [
        "People here are tired of promises from the council.",
        "The harbour stayed closed for most of the winter season.",
    ],
)
def test_direct_quotation_is_damped(text: str) -> None:
    # The same words score lower as a speaker's direct quotation than as narration.
    pack = get_pack("en")
    plain = hand_checkworthiness_score(text, pack)
    quoted = hand_checkworthiness_score(f"\u201c{text}\u201d", pack)
    assert quoted < plain
    assert "quotation" in assess_checkworthiness(f"\u201c{text}\u201d", pack).signals
    assert checkworthiness_features(f'"{text}"', pack)["quoted"] == pytest.approx(1.0)
    assert checkworthiness_features(text, pack)["quoted"] == 0.0


def test_quoted_share_counts_a_quotation_continued_from_before() -> None:
    features = checkworthiness_features(
        'the harbour stayed closed," the mayor said.', get_pack("en")
    )
    assert features["quoted"] == pytest.approx(4 / 7)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "(Reporting by Jane Roe; Editing by John Doe.)"),
        ("en", "Additional reporting by Sam Lee in Cairo."),
        ("ar", "(إعداد سارة أحمد للنشرة العربية)"),
    ],
)
def test_credit_lines_are_not_claims(lang: str, text: str) -> None:
    result = assess_checkworthiness(text, get_pack(lang))
    assert not result.is_claim and "boilerplate" in result.signals, result.signals


# Stressing, urging and calling for states what should happen, not what did.
@pytest.mark.parametrize(
    ("text", "is_claim"),
    [
        ("وشدد الوزير على أهمية الالتزام بالأنظمة.", False),
        ("ودعا المحافظ الأهالي إلى التبرع بالدم في المستشفيات.", False),
        ("وقال المحافظ إن المستشفيات استقبلت 300 متبرع بالدم أمس.", True),
    ],
)
def test_arabic_exhortation(text: str, is_claim: bool) -> None:
    result, signals = _assess_attributed("ar", text)
    assert result is is_claim, signals


def test_arabic_city_name_is_not_a_future_verb() -> None:
    result = assess_checkworthiness(
        "وفاز مانشستر سيتي على ضيفه بثلاثة أهداف مقابل هدف.", get_pack("ar")
    )
    assert result.is_claim and "prediction" not in result.signals, result.signals


@pytest.mark.parametrize(
    "text",
    [
        "It is unclear whether the new scheme works.",
        "The senator's plan is wrong and dangerous for the region.",
    ],
)
def test_judgements_are_not_claims(text: str) -> None:
    result = assess_checkworthiness(text, get_pack("en"))
    assert not result.is_claim and "evaluative" in result.signals, result.signals


def test_capitalised_hedge_after_an_opening_quote() -> None:
    # A hedge opening the quoted words is the sentence's first word, not a name.
    result = assess_checkworthiness('"Maybe the harbour flooded overnight."', get_pack("en"))
    assert "hedge:maybe" in result.signals and not result.is_claim


def test_learned_model_scores_when_a_pack_has_one() -> None:
    # A pack may carry [checkworthiness.model]; its logistic score then replaces the formula.
    base = get_pack("en")
    section = dict(base.section("checkworthiness"))
    section["model"] = {"bias": -1.0, "weights": {"number": 10.0}}
    pack = LanguagePack(
        "en-model-test", "English (model test)", {**base.data, "checkworthiness": section}
    )
    with_number = assess_checkworthiness("The mayor opened 3 schools.", pack)
    without = assess_checkworthiness("The mayor opened the schools.", pack)
    assert with_number.score == pytest.approx(1 / (1 + math.exp(-(-1.0 + 10.0 * 0.3))))
    assert without.score == pytest.approx(1 / (1 + math.exp(1.0)))
    assert with_number.is_claim and not without.is_claim


@pytest.mark.parametrize(
    ("text", "is_claim"),
    [
        ("I assigned a second nurse to the night shift in 2019.", True),
        ("I also notified the police that the gate was open.", True),
        ("I cannot understand why the council waited so long.", False),
    ],
)
def test_first_person_narrative_is_an_account(text: str, is_claim: bool) -> None:
    # "I" + a past-tense verb narrates what the speaker did; other first-person talk is a view.
    result = assess_checkworthiness(text, get_pack("en"))
    assert result.is_claim is is_claim, (result.score, result.signals)


@pytest.mark.parametrize(
    "text",
    [
        "I mean, the council has no plan for the river at all.",
        "But, you know, the whole process is broken from top to bottom.",
    ],
)
def test_spoken_discourse_markers_mark_talk(text: str) -> None:
    result = assess_checkworthiness(text, get_pack("en"))
    assert not result.is_claim and "opinion" in result.signals, (result.score, result.signals)


# An Arabic forecast inside a relative clause («الذي سيخدم») does not undo the event the
# sentence reports; the same forecast as the main verb does.
@pytest.mark.parametrize(
    ("text", "is_claim"),
    [
        ("افتتحت الوزارة أمس المستشفى الذي سيخدم سكان المنطقة الشرقية.", True),
        ("ستفتتح الوزارة المستشفى الذي يخدم سكان المنطقة الشرقية.", False),
    ],
)
def test_arabic_forecast_in_relative_clause(text: str, is_claim: bool) -> None:
    result = assess_checkworthiness(text, get_pack("ar"))
    assert result.is_claim is is_claim, (result.score, result.signals)


def test_relieved_forecast_does_not_hide_one_in_the_main_clause() -> None:
    # «سيقوم» sits in the relative clause; «ستشمل» is the main verb and still predicts.
    pack = get_pack("ar")
    main = assess_checkworthiness(
        "وقال إن الجولات التي سيقوم بها الوفد الطبي الزائر ستشمل ثلاث مدارس.", pack
    )
    present = assess_checkworthiness(
        "وقال إن الجولات التي سيقوم بها الوفد الطبي الزائر تشمل ثلاث مدارس.", pack
    )
    assert not main.is_claim, (main.score, main.signals)
    assert present.is_claim, (present.score, present.signals)


def test_quotation_ends_a_relative_clause() -> None:
    # A quotation opened after the relative pronoun is the speaker's own clause: its forecast
    # gets no relief.
    pack = get_pack("ar")
    quoted = checkworthiness_features('زار الوفد 3 مدارس التي قال مديرها "ستغلق أبوابها".', pack)
    plain = checkworthiness_features("زار الوفد 3 مدارس التي قال مديرها ستغلق أبوابها.", pack)
    assert quoted["prediction"] > plain["prediction"] > 0


def test_arabic_future_verb_after_a_noun_ending_like_a_preposition() -> None:
    # «المستشفى» ends like «في»: the verb after it is still a future verb.
    result = assess_checkworthiness("المستشفى سيخدم سكان المنطقة.", get_pack("ar"))
    assert "prediction" in result.signals and not result.is_claim


# A forecast with a figure and a date is a scheduled event; without the date (and without a
# named source) it stays a prediction.
@pytest.mark.parametrize(
    ("lang", "text", "is_claim"),
    [
        ("en", "The new bridge will open to traffic on 14 March.", True),
        ("en", "The new bridge will open to traffic soon.", False),
        ("en", "The bridge is expected to carry 40,000 cars a day.", False),
        ("ar", "سيفتتح المعرض الدولي للكتاب في 5 أكتوبر.", True),
    ],
)
def test_scheduled_event_with_figure_and_date(lang: str, text: str, is_claim: bool) -> None:
    result = assess_checkworthiness(text, get_pack(lang))
    assert result.is_claim is is_claim, (result.score, result.signals)
    assert ("forecast:figures" in result.signals) is is_claim


# Arabic direct speech (speech verb, then a colon or an opening quotation) is damped as a view;
# reported speech («قال إن») and a quoted outlet name («لـ"الوطن"») are not.
@pytest.mark.parametrize(
    ("text", "is_claim"),
    [
        ('وقال مدير المعرض: "نحن فخورون بما قدمه المشاركون هذا العام.', False),
        ("وأضاف مدير المعرض قائلا: «نشكر كل من ساهم في نجاح هذه الدورة».", False),
        ("وقال مدير المعرض إن المشاركين قدموا مئتي عمل هذا العام.", True),
        ('وقال مدير المعرض لـ"الوطن" إن المعرض استقبل زوارا من عشر دول.', True),
    ],
)
def test_arabic_direct_speech(text: str, is_claim: bool) -> None:
    result = assess_checkworthiness(text, get_pack("ar"))
    assert result.is_claim is is_claim, (result.score, result.signals)
    assert ("opinion" in result.signals) is not is_claim


def test_title_abbreviation_does_not_end_the_sentence_for_names() -> None:
    # "Mr." ends with a full stop but the capitalised word after it is a name, not a new
    # sentence's first word.
    pack = get_pack("en")
    named = assess_checkworthiness("The appeal of Mr. Brandt is pending.", pack)
    unnamed = assess_checkworthiness("The appeal of him is pending.", pack)
    assert "actor" in named.signals and named.is_claim
    assert "actor" not in unnamed.signals and not unnamed.is_claim


# The speaker's group ("we", "our", "us") marks a view like "I" does; "we" + a past-tense verb
# narrates, and a capitalised "Our" inside a name is not the speaker.
@pytest.mark.parametrize(
    ("text", "is_claim"),
    [
        ("In our view the council has lost the trust of Riverside residents.", False),
        ("The Harbour Board owes us an apology.", False),
        ("The council has lost the trust of Riverside residents.", True),
        ("We visited the Riverside clinic in 2019 and counted 40 beds.", True),
        ("For Our Future spent 3 million dollars in Ohio.", True),
    ],
)
def test_first_person_plural_is_a_view(text: str, is_claim: bool) -> None:
    result = assess_checkworthiness(text, get_pack("en"))
    assert result.is_claim is is_claim, (result.score, result.signals)
    assert ("opinion" in result.signals) is not is_claim


@pytest.mark.parametrize(
    "text", ["Additional reporting by Tomas Lind.", "--additional reporting from Tomas Lind."]
)
def test_additional_reporting_is_a_credit_line(text: str) -> None:
    result = assess_checkworthiness(text, get_pack("en"))
    assert "boilerplate" in result.signals and not result.is_claim


def test_a_present_need_is_an_obligation() -> None:
    pack = get_pack("en")
    need = assess_checkworthiness(
        "The mayor and the council say more inspections are needed.", pack
    )
    done = assess_checkworthiness(
        "The mayor and the council say more inspections were carried out.", pack
    )
    assert "obligation" in need.signals and not need.is_claim
    assert done.is_claim


def test_possessive_date_word_dates_the_sentence() -> None:
    # "Friday's vote" dates the forecast: with its figure it is a scheduled event.
    pack = get_pack("en")
    dated = assess_checkworthiness("After Friday's vote, 14 members will join the committee.", pack)
    undated = assess_checkworthiness("After the vote, 14 members will join the committee.", pack)
    assert "date" in dated.signals and dated.is_claim
    assert "date" not in undated.signals and not undated.is_claim


def _assess_en(text: str) -> tuple[bool, tuple[str, ...]]:
    """The English pipeline on one sentence: quantities and attribution, then the score."""
    pack = get_pack("en")
    worth = assess_checkworthiness(
        text,
        pack,
        quantities=extract_quantities(text, pack),
        attribution=attribute(text, pack),
    )
    return worth.is_claim, worth.signals


@pytest.mark.parametrize(
    ("text", "is_claim"),
    [
        ("Senator Ellen Park said the new zoning plan is a betrayal of local families.", False),
        # The day it was said belongs to the frame, not to what was said.
        (
            "\u201cThe zoning plan is a betrayal of local families,\u201d Senator Ellen Park said"
            " Monday.",
            False,
        ),
        ("Senator Ellen Park said the council approved the zoning plan in March.", True),
        ("\u201cThe council approved the zoning plan,\u201d Senator Ellen Park said Monday.", True),
        ("Senator Ellen Park said the plan would cost the city 40 million dollars.", True),
    ],
)
def test_attribution_counts_only_with_reported_content(text: str, is_claim: bool) -> None:
    # A named speaker's view is still a view: the attribution raises the score only when what
    # it reports states a figure, a date or an event of its own.
    claim, signals = _assess_en(text)
    assert claim is is_claim
    assert ("report:no-content" in signals) is not is_claim
    assert "attribution:named" in signals


@pytest.mark.parametrize(
    ("text", "is_claim"),
    [
        # A quotation going on from its speaker: the whole sentence is what was said.
        ("\u201cOur mayor was a worthy rival in every race.", False),
        ("\u201cThose plans are just distractions,\u201d he said.", False),
        ("\u201cThe council approved the zoning plan in March.", True),
        ("\u201cThe plan cost the city 40 million dollars,\u201d he said.", True),
    ],
)
def test_carried_attribution_counts_only_with_reported_content(text: str, is_claim: bool) -> None:
    # Carried over from the speaker of the sentences before ("he" resolved to a name, or an
    # open quotation): as for a speaker named in the sentence, a view stays a view.
    pack = get_pack("en")
    own = attribute(text, pack)
    carried = Attribution(
        status="named",
        source="Ellen Park",
        cue=own.cue,
        cue_start=own.cue_start,
        cue_end=own.cue_end,
        carried=True,
    )
    worth = assess_checkworthiness(
        text, pack, quantities=extract_quantities(text, pack), attribution=carried
    )
    assert worth.is_claim is is_claim
    assert ("report:no-content" in worth.signals) is not is_claim


def test_reported_content_rule_is_a_pack_setting() -> None:
    # Without the pack key (the Arabic pack) the attribution weighs whatever it reports.
    assert _rules(get_pack("en")).reported_content
    assert not _rules(get_pack("ar")).reported_content
    text = "\u201cThe plan is a disgrace,\u201d the mayor said on Friday."
    attribution = attribute(text, get_pack("en"))
    content = _reported_content(fold(text, quotes=True), attribution)
    assert content is not None
    assert "disgrace" in content and "friday" not in content.casefold()


@pytest.mark.parametrize(
    ("text", "is_claim"),
    [
        ("The new tax rules do not help local families.", False),
        ("This budget isn't fair to the Westside.", False),
        ("Don't blame the Governor for the delay.", False),
        # A past negation states an event.
        ("The new tax rules did not help local families in 2019.", True),
        ("The Westside clinic was not open on Sunday.", True),
    ],
)
def test_present_negation_is_a_judgement(text: str, is_claim: bool) -> None:
    claim, signals = _assess_en(text)
    assert claim is is_claim
    assert ("evaluative" in signals) is not is_claim


@pytest.mark.parametrize(
    ("text", "is_claim"),
    [
        # "It is / that's / this is" + a predicate characterises: a name alone does not save it.
        ("It's typical of the Westside Council.", False),
        ("That's what the Harbor Commission wants.", False),
        ("This is a turning point for Maple County.", False),
        # A progressive is an action under way; past forms narrate.
        ("It's raising the fee for Maple County.", True),
        ("It was the Harbor Commission that approved the fee in March.", True),
        ("That was the year the Harbor Commission doubled the fee.", True),
    ],
)
def test_deictic_copula_characterises(text: str, is_claim: bool) -> None:
    claim, signals = _assess_en(text)
    assert claim is is_claim
    assert ("evaluative" in signals) is not is_claim


def test_deictic_copula_leaves_figures_and_dates_a_claim() -> None:
    claim, signals = _assess_en(
        "This is the third time the Harbor Commission has raised the fee since 2019."
    )
    assert claim and "evaluative" in signals


@pytest.mark.parametrize(
    ("text", "is_claim"),
    [
        # A stance adverb grades what follows: with nothing else to count it is a view.
        ("Mayor Ruiz truly understands the city.", False),
        ("He flawlessly executed the plan.", False),
        # The same adverb does not undo a figure or a date.
        ("Mayor Ruiz actually cut the budget by 12 percent in March.", True),
        ("The Harbor Commission clearly approved the fee in March.", True),
    ],
)
def test_stance_adverbs_are_evaluative(text: str, is_claim: bool) -> None:
    claim, signals = _assess_en(text)
    assert claim is is_claim
    assert "evaluative" in signals

"""Time expressions in French, English and Spanish: what is a date, what is not, and what it means."""

import datetime as dt
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.extract.event_span import bare_weekdays
from pactwatch.extract.timeexpr import lower_view, parse_expression, sentence_bounds
from pactwatch.knowledge.tense import find_cues, literal_prefixes, tense_near

D = dt.date


def only(text, lang):
    exprs = parse_expression(text, lang)
    assert len(exprs) == 1, [e.text for e in exprs]
    return exprs[0]


@pytest.mark.parametrize(
    "text, lang, span, kind, first, last",
    [
        ("Accra – Du 28 au 30 novembre, le", "fr", "Du 28 au 30 novembre", "partial", (28, 11), (30, 11)),
        ("les 28-30 novembre 2023 à Accra", "fr", "les 28-30 novembre 2023", "absolute", (28, 11), (30, 11)),
        ("Genève, 30 avril - La", "fr", "30 avril", "partial", (30, 4), None),
        ("signé le 3 mai 2022 par", "fr", "3 mai 2022", "absolute", (3, 5), None),
        ("réunion (20-22/03) à Dakar", "fr", "20-22/03", "partial", (20, 3), (22, 3)),
        ("le 1er juin", "fr", "1er juin", "partial", (1, 6), None),
        ("on 12 March 2024 in", "en", "12 March 2024", "absolute", (12, 3), None),
        ("on March 12, 2024 in", "en", "March 12, 2024", "absolute", (12, 3), None),
        ("held 12-14 March in Bonn", "en", "12-14 March", "partial", (12, 3), (14, 3)),
        ("from 17 to 20 May 2022, the", "en", "from 17 to 20 May 2022", "absolute", (17, 5), (20, 5)),
        ("on the 1st of May 2024", "en", "1st of May 2024", "absolute", (1, 5), None),
        ("el 3 de mayo de 2023 en", "es", "3 de mayo de 2023", "absolute", (3, 5), None),
        ("del 5 al 7 de junio en Lima", "es", "del 5 al 7 de junio", "partial", (5, 6), (7, 6)),
        ("el 5 de junio en Lima", "es", "5 de junio", "partial", (5, 6), None),
        (
            "entre el 5 y el 7 de junio de 2021",
            "es",
            "entre el 5 y el 7 de junio de 2021",
            "absolute",
            (5, 6),
            (7, 6),
        ),
        ("el 1.º de mayo", "es", "1.º de mayo", "partial", (1, 5), None),
    ],
)
def test_day_month_expressions(text, lang, span, kind, first, last):
    e = only(text, lang)
    assert (e.text, e.kind, (e.day, e.month)) == (span, kind, first)
    assert (e.until[:2] if e.until else None) == last
    assert text[e.start : e.end] == e.text


@pytest.mark.parametrize(
    "text, lang, year, start, end",
    [
        ("the forum, 17-20 May 2022.", "en", None, D(2022, 5, 17), D(2022, 5, 20)),
        ("from March 28 - April 2, 2024, in", "en", None, D(2024, 3, 28), D(2024, 4, 2)),
        ("du 28 décembre 2023 au 3 janvier 2024", "fr", None, D(2023, 12, 28), D(2024, 1, 3)),
        ("del 28 de diciembre al 2 de enero", "es", 2023, D(2023, 12, 28), D(2024, 1, 2)),
        ("le 21/03/2024 à", "fr", None, D(2024, 3, 21), D(2024, 3, 21)),
        ("dated 2024-03-21 in", "en", None, D(2024, 3, 21), D(2024, 3, 21)),
        ("en novembre 2023,", "fr", None, D(2023, 11, 1), D(2023, 11, 30)),
        ("en mayo de 2023", "es", None, D(2023, 5, 1), D(2023, 5, 31)),
        ("Adopté en 2018, le Pacte", "fr", None, D(2018, 1, 1), D(2018, 12, 31)),
    ],
)
def test_expressions_resolve_to_dates(text, lang, year, start, end):
    assert only(text, lang).dates(year) == (start, end)


def test_weekday_joins_the_date_and_checks_the_year():
    e = only("Elle parlera jeudi (21/03) à Rabat.", "fr")
    assert (e.text, e.weekday, e.day, e.month) == ("jeudi (21/03)", 3, 21, 3)
    assert e.dates(2023) is None  # 21 March 2023 was a Tuesday
    assert e.dates(2024) == (D(2024, 3, 21), D(2024, 3, 21))
    assert only("Thursday, 21 March 2024", "en").weekday == 3


def test_february_29_exists_only_in_leap_years():
    e = only("le 29 février", "fr")
    assert e.dates(2023) is None and e.dates(2024) == (D(2024, 2, 29), D(2024, 2, 29))


def test_two_dates_joined_by_and_are_not_a_range():
    exprs = parse_expression("signé le 3 mai 2022 et le 1er juin", "fr")
    assert [e.text for e in exprs] == ["3 mai 2022", "1er juin"]
    assert only("les 5 et 6 juin", "fr").until == (6, 6, None)


@pytest.mark.parametrize(
    "text, lang, span, first, last",
    [
        ("talks held on 3 and 4 July in Bern", "en", "3 and 4 July", D(2023, 7, 3), D(2023, 7, 4)),
        ("the 3rd and 4th of July", "en", "3rd and 4th of July", D(2023, 7, 3), D(2023, 7, 4)),
        ("delegates met July 3 and 4 in Bern", "en", "July 3 and 4", D(2023, 7, 3), D(2023, 7, 4)),
        ("les 6 et 7 février à Lomé", "fr", "les 6 et 7 février", D(2023, 2, 6), D(2023, 2, 7)),
        ("el 24 y el 25 de abril", "es", "24 y el 25 de abril", D(2023, 4, 24), D(2023, 4, 25)),
        (
            "los días 11 y 12 de agosto de 2022, en Cali",
            "es",
            "los días 11 y 12 de agosto de 2022",
            D(2022, 8, 11),
            D(2022, 8, 12),
        ),
        ("on 2, 3 and 4 September", "en", "2, 3 and 4 September", D(2023, 9, 2), D(2023, 9, 4)),
        ("los días 5, 6 y 7 de mayo", "es", "los días 5, 6 y 7 de mayo", D(2023, 5, 5), D(2023, 5, 7)),
        ("les 12, 13 et 14 juin 2024", "fr", "les 12, 13 et 14 juin 2024", D(2024, 6, 12), D(2024, 6, 14)),
    ],
)
def test_pairs_and_lists_of_days_are_spans(text, lang, span, first, last):
    e = only(text, lang)
    assert (e.text, e.is_span) == (span, True)
    assert e.dates(2023) == (first, last)


def test_commas_make_a_list_of_days_only_before_and_or_et_y():
    assert [e.text for e in parse_expression("dans 28 pays, 5 juin", "fr")] == ["5 juin"]
    assert [e.text for e in parse_expression("le 5, le 6 juin", "fr")] == ["6 juin"]
    assert [e.text for e in parse_expression("with 3, 4 or 5 May", "en")] == ["5 May"]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Contact : +41 79 748 03 95 ou +32 492 25 02 34", "fr"),
        ("Teléfono: +34 915 55 12 03", "es"),
        ("Write to a.dupont2023@example.org or see www.example.org/2023/05/12", "en"),
        ("Représentants de 28 pays et de 175 Etats membres", "fr"),
        ("Le Programme 2030 et la stratégie 2024-2028", "fr"),
        ("sa je mar le", "fr"),
        ("Participants may 12 times a year apply", "en"),
        ("la planète Mars, en mars", "fr"),
        ("Nos actions en mayo", "es"),
        ("1,5 million de personnes; 3.2 milliards", "fr"),
        ("hoy en día los migrantes", "es"),
    ],
)
def test_things_that_are_not_dates(text, lang):
    assert parse_expression(text, lang) == []


def test_may_the_month_needs_a_capital_and_a_number():
    assert only("on 3 May 2024", "en").month == 5
    assert only("In May 2024 we", "en").dates() == (D(2024, 5, 1), D(2024, 5, 31))
    assert parse_expression("they may 2024", "en") == []


@pytest.mark.parametrize(
    "phrase, lang, unit, offset",
    [
        ("aujourd'hui", "fr", "day", 0),
        ("aujourd’hui", "fr", "day", 0),
        ("hier", "fr", "day", -1),
        ("demain", "fr", "day", 1),
        ("cette semaine", "fr", "week", 0),
        ("la semaine dernière", "fr", "week", -1),
        ("today", "en", "day", 0),
        ("yesterday", "en", "day", -1),
        ("this week", "en", "week", 0),
        ("last week", "en", "week", -1),
        ("hoy", "es", "day", 0),
        ("ayer", "es", "day", -1),
        ("esta semana", "es", "week", 0),
        ("la semana pasada", "es", "week", -1),
        ("esta mañana", "es", "day", 0),
    ],
)
def test_relative_words(phrase, lang, unit, offset):
    e = only(f"X, {phrase}, Y", lang)
    assert (e.kind, e.unit, e.offset, e.text) == ("relative", unit, offset, phrase)


def test_relative_expressions_anchor_to_a_date():
    wed = D(2024, 3, 13)
    assert only("hier", "fr").anchored(wed) == (D(2024, 3, 12),) * 2
    assert only("la semaine dernière", "fr").anchored(wed) == (D(2024, 3, 4), D(2024, 3, 10))
    assert only("lundi prochain", "fr").anchored(wed) == (D(2024, 3, 18),) * 2
    assert only("last Monday", "en").anchored(wed) == (D(2024, 3, 11),) * 2
    assert only("el lunes pasado", "es").anchored(wed) == (D(2024, 3, 11),) * 2
    assert only("next month", "en").anchored(wed) == (D(2024, 4, 1), D(2024, 4, 30))
    assert only("mañana", "es").anchored(wed) == (D(2024, 3, 14),) * 2
    assert only("le 30 avril", "fr").anchored(wed) == (D(2024, 4, 30),) * 2


def cue_at(text, lang, word):
    low = lower_view(text)
    start = text.index(word)
    return tense_near(find_cues(low, lang), start, start + len(word), (0, len(text)))


@pytest.mark.parametrize(
    "text, lang, word, tense",
    [
        (
            "le Forum, qui se tiendra du 17 au 20 mai 2022, examinera",
            "fr",
            "17 au 20 mai 2022",
            "future_scheduled",
        ),
        ("des recommandations qui seront prises en compte lors de la COP 28", "fr", "COP 28", "future"),
        ("la conférence, qui s'est tenue à Gand en avril 2024", "fr", "avril 2024", "past"),
        ("the forum, which was held in May 2022, agreed", "en", "May 2022", "past"),
        ("the forum that will take place in May 2026", "en", "May 2026", "future_scheduled"),
        ("ahead of the upcoming COP30 in Belém", "en", "COP30", "future_scheduled"),
        ("la cumbre que se celebrará en junio de 2025", "es", "junio de 2025", "future_scheduled"),
        ("la cumbre que se celebró en junio de 2019", "es", "junio de 2019", "past"),
        ("el país que ostenta la presidencia del Consejo", "es", "presidencia", "present"),
        ("Sierra Leone and Guinea met on the matter", "en", "Guinea", None),
    ],
)
def test_tense_cues(text, lang, word, tense):
    cue = cue_at(text, lang, word)
    assert (cue.tense if cue else None) == tense


def test_cue_prefixes_expand_accent_classes_and_stop_at_optional_parts():
    assert literal_prefixes("pr[ée]vue?s? (?:pour|le)") == {"prévu", "prevu"}
    assert literal_prefixes("se tiendr(?:a|ont)") == {"se tiendr"}
    assert literal_prefixes("prochaine?s?") == {"prochain"}


def test_spanish_imperfect_subjunctive_is_not_future():
    assert [c.text for c in find_cues(lower_view("si fuera posible, era difícil"), "es")] == []
    assert [c.tense for c in find_cues(lower_view("la reunión será en Quito"), "es")] == ["future"]


PIECES = [
    *"0123456789 /-.,()+",
    "mai",
    "juin",
    "March",
    " de ",
    " au ",
    "mayo",
    "2023",
    "hier",
    "jeudi ",
    "er",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_spans_are_in_order_inside_the_text(text):
    last = 0
    for e in parse_expression(text, "fr"):
        assert last <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text
        last = e.end


def test_parsing_a_long_release_is_fast():
    text = (
        "Accra – Du 28 au 30 novembre, le gouvernement a organisé un dialogue avec 28 pays. "
        "Le Forum, qui se tiendra du 17 au 20 mai 2022, examinera les progrès accomplis depuis 2018. "
        "Contact : +41 79 748 03 95, a.dupont@example.org. Aujourd'hui, la semaine dernière, jeudi (21/03). "
    ) * 12  # about 700 words
    parse_expression(text, "fr")
    best = min(_timed(lambda: parse_expression(text, "fr")) for _ in range(5))
    assert best < 0.010, f"{best * 1000:.2f} ms for {len(text.split())} words"


def _timed(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


# --- weekdays placed by tense, weekdays named alone, sentences -----------------------------------


@pytest.mark.parametrize(
    "phrase, lang, lean, day",
    [
        ("ce vendredi", "fr", -1, D(2024, 3, 8)),  # past: the latest Friday on or before Wednesday 13th
        ("ce vendredi", "fr", 1, D(2024, 3, 15)),  # future: the next one
        ("ce vendredi", "fr", 0, D(2024, 3, 15)),  # neither: the nearest
        ("on Monday", "en", 0, D(2024, 3, 11)),
        ("on Monday", "en", 1, D(2024, 3, 18)),
        ("este miércoles", "es", -1, D(2024, 3, 13)),  # the day itself, either way
        ("este miércoles", "es", 1, D(2024, 3, 13)),
        ("el lunes pasado", "es", 1, D(2024, 3, 11)),  # 'pasado' wins over the tense
    ],
)
def test_a_weekday_is_placed_by_the_lean_of_its_tense(phrase, lang, lean, day):
    assert only(phrase, lang).anchored(D(2024, 3, 13), lean) == (day, day)


@pytest.mark.parametrize(
    "text, lang, found",
    [
        ("ont achevé vendredi à Dakar deux jours", "fr", ["vendredi"]),
        ("talks ended in Lusaka Tuesday", "en", ["Tuesday"]),
        ("concluyeron el viernes dos días", "es", ["el viernes"]),
        ("Black Friday sales", "en", []),
        ("a friday deal", "en", []),  # English weekdays are capitalised
        ("llegó a Santo Domingo", "es", []),  # a weekday alone in Spanish takes 'el'
        ("un Vendredi saint", "fr", []),
    ],
)
def test_weekdays_named_alone(text, lang, found):
    low = lower_view(text)
    assert [e.text for e in bare_weekdays(text, low, lang, 0, len(text))] == found
    assert parse_expression(text, lang) == []  # alone, a weekday is no date for other stages


@pytest.mark.parametrize(
    "text, n",
    [
        ("Le Président, M. Dennis Francis, réunira les États. Ils viendront.", 2),
        ("Amina J. Mohammed spoke. Then Dr. Lee replied.", 2),
        ("El ministro dijo que no. El Gobierno insiste.", 2),  # 'no.' ends a sentence; 'No.' would not
    ],
)
def test_sentences_do_not_end_after_honorifics_or_initials(text, n):
    assert len(sentence_bounds(text)) == n

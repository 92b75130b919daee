"""The dates stage: event and publication dates, with the year inferred when the text gives none."""

import datetime as dt
import time
from pathlib import Path

import pytest

from pactwatch.document import Document
from pactwatch.extract.dates import Constraint, combine, date_stage, iso_prefix
from pactwatch.extract.event_span import find_durations, opening_limit
from pactwatch.extract.timeexpr import lower_view, sentence_bounds
from pactwatch.knowledge.timeline import (
    milestone_mentions,
    name_key,
    names_match,
    session_mentions,
    text_terms,
    title_offices,
)
from pactwatch.pipeline import REGISTRY
from pactwatch.text.normalize import slug

D = dt.date
DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


def run(body, dateline=None, persons=(), lang="fr", meta=None):
    """Build a document by hand and run the stage: ``dateline`` is (its text, its date text)."""
    entities = [
        {
            "type": "person",
            "id": slug(n),
            "name": n,
            "titles": list(t),
            "affiliations": list(a),
            "mentions": [],
        }
        for n, t, a in persons
    ]
    line = {"text": dateline[0], "places": [], "date_text": dateline[1]} if dateline else None
    doc = Document("test", body=body, lang=lang, dateline=line, entities=entities, meta=meta or {})
    date_stage(doc)
    return doc.dates


def event(dates):
    ev = dates["event"]
    return ev and (ev["start"], ev["end"])


def published(dates):
    pub = dates["published"]
    return pub and (pub["earliest"], pub["latest"])


def test_the_stage_is_registered():
    assert REGISTRY["dates"].func is date_stage


# --- the dev corpus, rebuilt by hand (body from the dateline on) -------------------------------


def dev_body(name, dateline):
    path = DEV / name
    if not path.exists():
        pytest.skip("dev corpus not found beside the repository")
    text = path.read_text(encoding="utf-8")
    return text[text.index(dateline) :]


def test_dev_000_dialogue_span_and_year_from_the_director_general_and_cop28():
    dl = "Accra – Du 28 au 30 novembre"
    pope = ("Amy Pope", ["Directrice générale de l’OIM"], ["IOM"])
    dates = run(dev_body("000_5713546a97d42bc0.txt", dl), (dl, "Du 28 au 30 novembre"), [pope])
    assert event(dates) == ("2023-11-28", "2023-11-30")
    lo, hi = map(D.fromisoformat, published(dates))
    assert lo <= D(2023, 12, 31) and hi >= D(2023, 11, 28) and (hi - lo).days <= 366
    assert "Amy Pope" in dates["event"]["why"] and "COP 28" in dates["event"]["why"]


def test_dev_001_published_between_the_76th_session_and_the_first_imrf():
    dl = "New York – Aujourd'hui"
    persons = [
        ("Abdullah Shahid", ["président de la 76e session de l'Assemblée générale des Nations Unies"], []),
        ("António Guterres", ["Secrétaire général des Nations Unies"], ["UN"]),
        (
            "António Vitorino",
            ["Directeur général de l'Organisation internationale pour les migrations"],
            ["IOM"],
        ),
    ]
    dates = run(dev_body("001_5dff5016eaecc63a.txt", dl), (dl, "Aujourd'hui"), persons)
    assert dates["event"] is None
    lo, hi = map(D.fromisoformat, published(dates))
    assert D(2021, 9, 14) <= lo <= hi <= D(2022, 5, 16)
    assert "76" in dates["published"]["why"]


def test_dev_003_year_from_the_belgian_presidency():
    dl = "Genève, Gand, 30 avril"
    pope = ("Amy Pope", ["Directrice générale de l'Organisation internationale pour les migrations"], ["IOM"])
    dates = run(dev_body("003_a0047cf2eef54c10.txt", dl), (dl, "30 avril"), [pope])
    assert event(dates) == ("2024-04-30", "2024-04-30")
    assert published(dates) == ("2024-04-30", "2024-04-30") and dates["published"]["value"] == "2024-04-30"
    assert "BEL" in dates["event"]["why"]


# --- office-holders ----------------------------------------------------------------------------


def test_director_general_gives_a_lower_bound_in_english():
    body = "Geneva, 14 June – IOM Director General Amy Pope opened a workshop on labour mobility."
    dates = run(
        body, ("Geneva, 14 June", "14 June"), [("Amy Pope", ["Director General of IOM"], ["IOM"])], "en"
    )
    assert event(dates) == ("2024-06-14", "2024-06-14")
    assert "IOM Director General" in dates["event"]["why"]


def test_close_spelling_and_several_years_take_the_earliest_in_spanish():
    body = "Ginebra, 5 de junio – El Director General de la OIM, Antonio Vittorino, inauguró hoy un taller."
    person = ("Antonio Vittorino", ["Director General de la OIM"], ["IOM"])
    dates = run(body, ("Ginebra, 5 de junio", "5 de junio"), [person], "es")
    assert event(dates) == ("2019-06-05", "2019-06-05")
    assert "took the earliest" in dates["event"]["why"]


def test_president_of_a_numbered_session_dates_by_the_session():
    body = (
        "New York, 15 mars – Abdallah Shahid, président de la 76e session de l'Assemblée générale, a parlé."
    )
    person = ("Abdallah Shahid", ["président de la 76e session de l'Assemblée générale"], [])
    assert event(run(body, ("New York, 15 mars", "15 mars"), [person])) == ("2022-03-15", "2022-03-15")


def test_two_high_commissioners_intersect():
    body = (
        "Genève, 10 décembre – Volker Türk, Haut-Commissaire des Nations Unies aux droits de l'homme, et "
        "Filippo Grandi, Haut-Commissaire des Nations Unies pour les réfugiés, ont signé une déclaration."
    )
    persons = [
        ("Volker Türk", ["Haut-Commissaire des Nations Unies aux droits de l'homme"], ["OHCHR"]),
        ("Filippo Grandi", ["Haut-Commissaire des Nations Unies pour les réfugiés"], ["UNHCR"]),
    ]
    dates = run(body, ("Genève, 10 décembre", "10 décembre"), persons)
    assert event(dates) == ("2022-12-10", "2022-12-10")
    assert "2023" in dates["event"]["why"] and "2025" in dates["event"]["why"]


def test_grandis_successor_dates_from_2026():
    body = "Geneva, 20 June – UN High Commissioner for Refugees Barham Salih visited a reception centre."
    person = ("Barham Salih", ["UN High Commissioner for Refugees"], ["UNHCR"])
    assert event(run(body, ("Geneva, 20 June", "20 June"), [person], "en")) == ("2026-06-20", "2026-06-20")


@pytest.mark.parametrize(
    "title",
    [
        "Directrice générale adjointe de l'OIM",
        "ex Alta Comisionada de la ONU para los Derechos Humanos",
        "former UN High Commissioner for Human Rights",
        "Coordonnatrice du Réseau régional des Nations Unies sur les migrations",
        "Représentant spécial du Secrétaire général des Nations Unies",
    ],
)
def test_titles_that_are_not_the_office(title):
    assert title_offices(title, ["IOM", "OHCHR", "UN"]) == []


def test_titles_that_name_the_office_in_three_languages():
    ids = lambda t, a=(): [o.id for o in title_offices(t, a)]  # noqa: E731
    assert ids("Directora General de la OIM") == ["iom-dg"]
    assert ids("Director General of the International Organization for Migration") == ["iom-dg"]
    assert ids("Coordinator of the UN Network on Migration") == ["unnm-coordinator"]
    assert ids("Secretario General de las Naciones Unidas") == ["un-sg"]
    assert ids("Directrice générale", ["IOM"]) == ["iom-dg"]


def test_name_matching_allows_close_spellings_only():
    assert names_match(name_key("Abdullah Shahid"), name_key("Abdulla Shahid"))
    assert names_match(name_key("Amina Mohammed"), name_key("Amina J. Mohammed"))
    assert not names_match(name_key("Amy Pope"), name_key("Amy Poe Smith"))
    assert not names_match(name_key("Pope"), name_key("Amy Pope"))


def test_a_former_office_holder_in_running_text_dates_nothing():
    body = "Santiago, 8 de marzo – La ex Alta Comisionada para los Derechos Humanos Michelle Bachelet habló."
    dates = run(body, ("Santiago, 8 de marzo", "8 de marzo"), lang="es")
    assert dates == {"event": None, "published": None}


def test_office_holders_are_found_in_running_text_without_person_entities():
    body = (
        "New York, 18 décembre – Csaba Kőrösi, président de la 77e session de l'Assemblée générale, et le "
        "Secrétaire général des Nations Unies, António Guterres, ont ouvert la séance."
    )
    dates = run(body, ("New York, 18 décembre", "18 décembre"))
    assert event(dates) == ("2022-12-18", "2022-12-18")
    assert "Kőrösi" in dates["event"]["why"]


def test_a_title_in_running_text_belongs_to_the_nearer_name():
    text = "Amy Pope, Director General of IOM, met António Vitorino in Lisbon."
    found = [(name, f.label) for name, _, f in text_terms(text, lower_view(text), sentence_bounds(text))]
    assert found == [("Amy Pope", "IOM Director General")]


# --- numbered sessions, conferences, milestones, presidencies ----------------------------------


@pytest.mark.parametrize(
    "body, lang, expected",
    [
        ("Bonn, 12 June – The text will be presented at COP28 in Dubai.", "en", "2023-06-12"),
        (
            "Bonn, 12 June – The decisions of COP 27, held in Sharm el-Sheikh, guide the talks.",
            "en",
            "2023-06-12",
        ),
        (
            "Nueva York, 20 de octubre – El presidente del 78.º período de sesiones de la Asamblea General "
            "habló.",
            "es",
            "2023-10-20",
        ),
        (
            "Genève, 4 mars – La 55e session du Conseil des droits de l'homme, qui se tient à Genève, "
            "examine le texte.",
            "fr",
            "2024-03-04",
        ),
        (
            "New York, 10 February – States prepare for the first International Migration Review Forum, "
            "which will take place in the spring.",
            "en",
            "2022-02-10",
        ),
        (
            "Nueva York, 10 de febrero – Tras el primer Foro de Examen de la Migración Internacional, que se "
            "celebró en primavera, los Estados publicaron un informe.",
            "es",
            "2023-02-10",
        ),
        (
            "Madrid, 15 de noviembre – La conferencia fue organizada por la Presidencia española del Consejo "
            "de la UE.",
            "es",
            "2023-11-15",
        ),
        (
            "Budapest, 5 September – Hungary, which currently holds the rotating Presidency of the Council "
            "of the EU, hosted the meeting.",
            "en",
            "2024-09-05",
        ),
        (
            "Warsaw, 5 December – Poland will take over the Presidency of the Council of the EU next month.",
            "en",
            "2024-12-05",
        ),
        (
            "Genève, 2 février – Les États se préparent au Forum qui se tiendra du 17 au 20 mai 2022.",
            "fr",
            "2022-02-02",
        ),
        (
            "Geneva, 2 February – The forum, which was held from 17 to 20 May 2022, adopted a declaration.",
            "en",
            "2023-02-02",
        ),
    ],
)
def test_dated_things_place_the_document_by_their_tense(body, lang, expected):
    head = body.split(" – ")[0]
    date_text = head.split(", ", 1)[1]
    dates = run(body, (head, date_text), lang=lang)
    assert event(dates) == (expected, expected), dates


def test_existence_and_old_past_years_alone_do_not_pick_a_year():
    body = "Genève, 30 avril – Le Réseau des Nations Unies sur les migrations suit le Pacte adopté en 2018."
    assert run(body, ("Genève, 30 avril", "30 avril")) == {"event": None, "published": None}


def test_a_conference_mentioned_without_tense_gives_a_window_around_it():
    body = "Dubai, 5 December – Delegates at COP28 discussed human mobility."
    dates = run(body, ("Dubai, 5 December", "5 December"), lang="en")
    assert event(dates) == ("2023-12-05", "2023-12-05")


def test_two_presidency_countries_in_one_sentence_date_nothing():
    body = (
        "Dakar, 3 mai – La Belgique et la Hongrie, qui assurent la présidence du Conseil de l'UE, ont parlé."
    )
    assert run(body, ("Dakar, 3 mai", "3 mai")) == {"event": None, "published": None}


def test_a_weekday_picks_the_years_where_it_falls():
    body = "Rabat, jeudi 21 mars – António Guterres, Secrétaire général des Nations Unies, est arrivé."
    person = ("António Guterres", ["Secrétaire général des Nations Unies"], ["UN"])
    assert event(run(body, ("Rabat, jeudi 21 mars", "jeudi 21 mars"), [person])) == (
        "2019-03-21",
        "2019-03-21",
    )


# --- spans, relative words, metadata -----------------------------------------------------------


def test_a_dateline_span_gives_the_event_and_a_month_after_it():
    dates = run(
        "Nairobi, 3-5 October 2023 – The regional review closed.",
        ("Nairobi, 3-5 October 2023", "3-5 October 2023"),
        lang="en",
    )
    assert event(dates) == ("2023-10-03", "2023-10-05")
    assert published(dates) == ("2023-10-03", "2023-11-05") and dates["published"]["value"] == "2023"


def test_yesterday_after_a_dated_dateline_is_the_day_before():
    body = "Geneva, 12 March 2024 – Yesterday, ministers from 20 countries met in Bern."
    dates = run(body, ("Geneva, 12 March 2024", "12 March 2024"), lang="en")
    assert event(dates) == ("2024-03-11", "2024-03-11")
    assert published(dates) == ("2024-03-12", "2024-03-12")


def test_today_is_anchored_to_the_metadata_date():
    meta = {"date": "2023-06-05", "date_source": "htmldate"}
    dates = run(
        "Ginebra – Hoy, la OIM presentó su informe anual.", ("Ginebra – Hoy", "Hoy"), lang="es", meta=meta
    )
    assert event(dates) == ("2023-06-05", "2023-06-05")
    assert dates["published"]["value"] == "2023-06-05" and "htmldate" in dates["published"]["why"]


def test_today_without_anything_to_anchor_it_is_null():
    dates = run("Genève – Aujourd'hui, l'OIM publie un rapport.", ("Genève – Aujourd'hui", "Aujourd'hui"))
    assert dates == {"event": None, "published": None}


def test_metadata_date_alone_gives_the_publication_date():
    dates = run(
        "Le rapport couvre 23 objectifs.", meta={"date": "2023-06-05T10:00:00Z", "date_source": "htmldate"}
    )
    assert dates["event"] is None
    assert published(dates) == ("2023-06-05", "2023-06-05")


def test_metadata_a_few_days_after_a_single_day_dateline():
    body = "Genève, 12 mars 2024 – Le forum a réuni 40 pays."
    dates = run(body, ("Genève, 12 mars 2024", "12 mars 2024"), meta={"date": "2024-03-14"})
    assert event(dates) == ("2024-03-12", "2024-03-12")
    assert published(dates) == ("2024-03-14", "2024-03-14")


def test_contradictions_drop_the_weaker_evidence_and_say_so():
    body = "Genève, 30 avril – Amy Pope, Directrice générale de l'OIM, a parlé."
    pope = ("Amy Pope", ["Directrice générale de l'OIM"], ["IOM"])
    dates = run(body, ("Genève, 30 avril", "30 avril"), [pope], meta={"date": "2019-05-02"})
    assert event(dates) == ("2019-04-30", "2019-04-30")
    assert published(dates) == ("2019-05-02", "2019-05-02")
    assert "dropped" in dates["event"]["why"].lower() and "Amy Pope" in dates["published"]["why"]


def test_publication_date_stated_in_the_text():
    dates = run("Le rapport est en ligne. Publié le 4 juillet 2023.")
    assert published(dates) == ("2023-07-04", "2023-07-04")


def test_event_from_the_first_paragraph_without_a_dateline():
    dates = run("Le séminaire s'est tenu du 5 au 7 juin 2023 à Dakar, avec 40 participants.\nSuite.")
    assert event(dates) == ("2023-06-05", "2023-06-07") and dates["published"] is None
    dates = run(
        "The workshop was held from 5 to 7 June in Dakar.\nMore.", lang="en", meta={"date": "2023-06-09"}
    )
    assert event(dates) == ("2023-06-05", "2023-06-07")
    assert published(dates) == ("2023-06-09", "2023-06-09")


def test_phone_numbers_and_figures_date_nothing():
    body = "Genève – 28 pays et 175 Etats membres. Contact : +41 79 748 03 95, +32 492 25 02 34."
    assert run(body, ("Genève", None)) == {"event": None, "published": None}


def test_published_is_null_when_the_window_is_wider_than_a_year():
    body = "Le Secrétaire général des Nations Unies, António Guterres, a salué le rapport."
    person = ("António Guterres", ["Secrétaire général des Nations Unies"], ["UN"])
    assert run(body, persons=[person])["published"] is None


def test_other_languages_still_read_french_english_and_spanish_dates():
    dates = run("Genf, 12 March 2024 – Der Bericht.", ("Genf, 12 March 2024", "12 March 2024"), lang="de")
    assert event(dates) == ("2024-03-12", "2024-03-12")


# --- building blocks ---------------------------------------------------------------------------


def test_combine_drops_what_contradicts_stronger_evidence():
    strong = Constraint(D(2024, 1, 1), D(2024, 6, 30), 5, "strong")
    weak = Constraint(D(2019, 1, 1), D(2019, 12, 31), 1, "weak")
    agree = Constraint(D(2023, 10, 1), None, 4, "agree")
    lo, hi, kept, dropped = combine([weak, agree, strong])
    assert (lo, hi) == (D(2024, 1, 1), D(2024, 6, 30))
    assert [c.label for c in kept] == ["strong", "agree"] and [c.label for c in dropped] == ["weak"]


@pytest.mark.parametrize(
    "lo, hi, value",
    [
        (D(2023, 11, 28), D(2023, 11, 28), "2023-11-28"),
        (D(2023, 11, 28), D(2023, 11, 30), "2023-11"),
        (D(2023, 11, 28), D(2023, 12, 31), "2023"),
        (D(2021, 9, 14), D(2022, 5, 16), None),
    ],
)
def test_value_is_only_as_precise_as_the_span(lo, hi, value):
    assert iso_prefix(lo, hi) == value


def test_the_stage_is_fast_on_a_long_release():
    para = (
        "Le dialogue a réuni des délégués de 28 pays ; Amy Pope, Directrice générale de l'OIM, a rappelé "
        "que le Forum se tiendra du 17 au 20 mai 2022 et que la COP 28 suivra. Contact : +41 79 748 03 95. "
    )
    body = "Accra – Du 28 au 30 novembre, le Gouvernement du Ghana a organisé un dialogue.\n" + para * 20
    doc = Document(
        "t",
        body=body,
        lang="fr",
        dateline={"text": "Accra – Du 28 au 30 novembre", "places": [], "date_text": "Du 28 au 30 novembre"},
    )
    date_stage(doc)
    best = min(_timed(lambda: date_stage(doc)) for _ in range(5))
    assert best < 0.015, f"{best * 1000:.2f} ms for {len(body.split())} words"


def _timed(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


# --- the event span stated in the opening paragraphs -------------------------------------------


def dated(body, lang, persons=(), meta=None):
    """Run the stage on ``body`` whose dateline is 'Place, date –' (or 'Place –' with no date)."""
    head = body.split(" – ")[0]
    date_text = head.split(", ", 1)[1] if ", " in head else None
    return run(body, (head, date_text), persons, lang, meta)


POPE_FR = ("Amy Pope", ["Directrice générale de l'OIM"], ["IOM"])
VITORINO_EN = ("António Vitorino", ["Director General of IOM"], ["IOM"])


@pytest.mark.parametrize(
    "body, lang, persons, expected",
    [
        (  # a pair of days ending at the dateline date, English
            "Kigali, 15 May 2024 – Labour ministers from twelve countries met in Kigali on 14 and 15 May to "
            "compare their bilateral agreements.",
            "en",
            (),
            ("2024-05-14", "2024-05-15"),
        ),
        (  # a range ending five days before the dateline date, in the second paragraph
            "Lima, 12 June 2023 – The regional office published its findings.\n"
            "Officials gathered in Cusco from 5 to 7 June to review border procedures.",
            "en",
            (),
            ("2023-06-05", "2023-06-07"),
        ),
        (  # French pair after an event noun
            "Niamey, 22 novembre 2023 – Un atelier national organisé les 21 et 22 novembre a réuni les "
            "services de l'état civil.",
            "fr",
            (),
            ("2023-11-21", "2023-11-22"),
        ),
        (  # Spanish pair opening the sentence, with a meeting verb
            "Quito, 9 de marzo de 2024 – Los días 7 y 8 de marzo, funcionarios de aduanas y de migración se "
            "reunieron en Quito para armonizar sus registros.",
            "es",
            (),
            ("2024-03-07", "2024-03-08"),
        ),
        (  # a list of consecutive days
            "Asunción, 26 de abril de 2024 – El taller celebrado los días 24, 25 y 26 de abril cerró con "
            "una declaración.",
            "es",
            (),
            ("2024-04-24", "2024-04-26"),
        ),
        (  # the span crosses the year: its year is the one before the dateline's
            "Dakar, 2 janvier – Les 30 et 31 décembre, un séminaire a réuni les points focaux. Amy Pope, "
            "Directrice générale de l'OIM, y a pris la parole.",
            "fr",
            [POPE_FR],
            ("2023-12-30", "2023-12-31"),
        ),
    ],
)
def test_the_opening_paragraphs_state_the_event_span(body, lang, persons, expected):
    dates = dated(body, lang, persons)
    assert event(dates) == expected, dates
    assert "opening paragraphs" in dates["event"]["why"]
    assert published(dates)[0] == published(dates)[1]  # still issued on the dateline date


@pytest.mark.parametrize(
    "body, lang",
    [
        # no event noun or meeting verb in the sentence
        ("Rabat, 10 mai 2024 – Le rapport couvre la période du 6 au 9 mai.", "fr"),
        # the span ended weeks before the day of issue
        ("Bogotá, 30 de abril de 2024 – El taller celebrado del 2 al 4 de abril dejó recomendaciones.", "es"),
        # the span is still ahead, and too far ahead for a preview (over two weeks after the day of issue)
        ("Geneva, 3 March 2024 – The forum, to be held from 20 to 22 March, will gather 40 States.", "en"),
        # too long to be the reported event
        ("Geneva, 20 March 2024 – The Council session held from 26 February to 5 April heard IOM.", "en"),
        # in the fourth paragraph only
        ("Accra, 6 June 2024 – A.\nB.\nC.\nDelegates met on 5 and 6 June.", "en"),
    ],
)
def test_spans_that_are_not_the_event_leave_the_dateline_date(body, lang):
    dates = dated(body, lang)
    day = dates["published"]["earliest"]
    assert event(dates) == (day, day), dates


@pytest.mark.parametrize(
    "body, lang, expected",
    [
        (
            "Accra, 6 June 2024 – A three-day regional workshop on labour mobility closed today in Accra.",
            "en",
            ("2024-06-04", "2024-06-06"),
        ),
        (
            "Lima, 20 de septiembre de 2023 – Tras tres días de debate, los delegados aprobaron hoy una hoja "
            "de ruta común.",
            "es",
            ("2023-09-18", "2023-09-20"),
        ),
        (
            "Tunis, 3 octobre 2023 – Un forum de deux jours sur la mobilité des compétences s'ouvre "
            "aujourd'hui à Tunis.",
            "fr",
            ("2023-10-03", "2023-10-04"),
        ),
        (
            "Nairobi, 8 March 2024 – The two-day dialogue that ended yesterday agreed on a joint plan.",
            "en",
            ("2024-03-06", "2024-03-07"),
        ),
    ],
)
def test_a_duration_ending_or_starting_on_the_day_of_issue(body, lang, expected):
    dates = dated(body, lang)
    assert event(dates) == expected, dates
    assert "duration" in dates["event"]["why"]


@pytest.mark.parametrize(
    "body, lang",
    [
        (
            "Tunis, 3 octobre 2023 – Aujourd'hui, la délégation a rappelé qu'il y a deux jours de route "
            "jusqu'à la frontière.",
            "fr",
        ),
        ("Geneva, 3 October 2023 – Today the team said results will come in two days of work.", "en"),
        (
            "Lima, 3 de octubre de 2023 – Hoy la red recordó que en dos días de trabajo nada se resuelve.",
            "es",
        ),
        (
            "Lima, 3 de octubre de 2023 – Hoy se supo que durante dos días antes del taller faltó el agua.",
            "es",
        ),
    ],
)
def test_durations_that_do_not_end_today(body, lang):
    dates = dated(body, lang)
    assert event(dates) == ("2023-10-03", "2023-10-03"), dates


@pytest.mark.parametrize(
    "text, lang, days",
    [
        ("a two-day meeting", "en", [2]),
        ("talks held for three days", "en", [3]),
        ("un dialogue de deux jours", "fr", [2]),
        ("une formation d'une semaine", "fr", [7]),
        ("cerraron dos días de debate", "es", [2]),
        ("una jornada de trabajo", "es", [1]),
        ("two days later", "en", []),  # an offset, not a duration
        ("il y a trois jours de cela", "fr", []),
        ("durante tres semanas", "es", []),  # longer than an event reported as one
        ("results in 2 days of work", "en", []),
        ("six days", "en", []),  # a bare count: neither hyphen nor 'for'/'of'
    ],
)
def test_durations(text, lang, days):
    low = lower_view(text)
    assert [d for _, _, d in find_durations(low, lang, 0, len(low))] == days


def test_the_opening_paragraphs_are_the_first_two_non_empty_lines():
    text = "First line.\n\nSecond line.\nThird line."
    assert text[: opening_limit(text)].split() == ["First", "line.", "Second", "line."]


def test_event_span_around_the_publication_date_when_the_dateline_has_none():
    body = "Nairobi – Delegates from nine countries met in Nairobi on 4 and 5 March to plan joint patrols."
    dates = dated(body, "en", meta={"date_text": "Published on 6 March 2024"})
    assert event(dates) == ("2024-03-04", "2024-03-05")
    assert published(dates) == ("2024-03-06", "2024-03-06")
    assert "published line" in dates["event"]["why"]


@pytest.mark.parametrize(
    "body, lang, meta, expected",
    [
        (
            "Officials from six countries met the regional commission today to review their joint plan.",
            "en",
            {"date": "2024-06-18", "date_source": "html-metadata"},
            "2024-06-18",
        ),
        (
            "Los dos gobiernos firmaron ayer en San Salvador un acuerdo sobre trabajo temporal.",
            "es",
            {"date_text": "Publicado el 15 de mayo de 2024"},
            "2024-05-14",
        ),
    ],
)
def test_today_in_the_first_sentence_is_read_from_the_publication_date(body, lang, meta, expected):
    dates = run(body, lang=lang, meta=meta)
    assert event(dates) == (expected, expected)
    assert "first sentence" in dates["event"]["why"]


def test_today_beyond_the_first_sentence_is_not_the_event():
    body = "A programme helps returnees start again.\nToday she runs a guesthouse in the city."
    assert run(body, lang="en", meta={"date": "2024-03-12"})["event"] is None


def test_a_future_event_in_the_first_paragraph_is_not_the_event():
    body = (
        "Ginebra – Hoy, en una reunión técnica, los Estados prepararon la conferencia que se celebrará del "
        "3 al 5 de diciembre de 2025 en Bonn."
    )
    assert dated(body, "es")["event"] is None


# --- offsets from dated things -----------------------------------------------------------------


@pytest.mark.parametrize(
    "body, lang, expected",
    [
        (
            "Geneva, 20 May – One year after the first International Migration Review Forum, States met to "
            "take stock of their pledges.",
            "en",
            "2023-05-20",
        ),
        (
            "Rabat, 10 décembre – Deux ans après l'adoption du Pacte mondial pour des migrations sûres, "
            "ordonnées et régulières, les autorités ont présenté leur bilan.",
            "fr",
            "2020-12-10",
        ),
        (
            "Quito, 15 de junio – Seis meses después de la COP 28, la red nacional presentó su informe.",
            "es",
            "2024-06-15",
        ),
        (
            "Bamako, 5 juin – Un an après l'atelier de juin 2023, les communes ont fait le point.",
            "fr",
            "2024-06-05",
        ),
        (
            "Panamá, 10 de noviembre – Tres semanas antes de la COP 28, los ministros fijaron su posición.",
            "es",
            "2023-11-10",
        ),
        (  # the Compact is counted from its adoption (December 2018), not from the call for it (2016)
            "Geneva, 12 March – Five years after the Global Compact for Safe, Orderly and Regular Migration "
            "was adopted, States met to compare notes.",
            "en",
            "2024-03-12",
        ),
    ],
)
def test_an_offset_from_a_dated_thing_places_the_document(body, lang, expected):
    dates = dated(body, lang)
    assert event(dates) == (expected, expected), dates
    assert "about" in dates["event"]["why"]


@pytest.mark.parametrize(
    "body",
    [
        "Genève, 4 mars – Depuis deux ans, le réseau national travaille avec les communes.",
        # 'après' followed by a comma is an adverb: 'mai 2020' is not what the document is counted from
        "Rabat, 4 mars – Deux ans après, en mai 2020, le réseau national a été lancé.",
    ],
)
def test_offsets_with_nothing_to_count_from_are_ignored(body):
    assert dated(body, "fr") == {"event": None, "published": None}


# --- the 'published on' line -------------------------------------------------------------------


def test_published_line_gives_the_year_and_the_day_of_issue():
    body = "Tegucigalpa, 21 de noviembre – Autoridades y bancos se reunieron para abaratar las remesas."
    dates = dated(body, "es", meta={"date_text": "Publicado el 23 de noviembre de 2023"})
    assert event(dates) == ("2023-11-21", "2023-11-21")
    assert published(dates) == ("2023-11-23", "2023-11-23")
    assert "published line" in dates["published"]["why"]


@pytest.mark.parametrize(
    "line, lang, day",
    [
        ("Posted: 14.03.2024 10:52", "en", "2024-03-14"),
        ("Publié le 3 mai 2023", "fr", "2023-05-03"),
        ("23/11/2023", "es", "2023-11-23"),
    ],
)
def test_published_line_forms(line, lang, day):
    dates = run("Le rapport est en ligne.", lang=lang, meta={"date_text": line, "date": "2023-06-30"})
    assert published(dates) == (day, day), dates


def test_published_line_wins_over_the_metadata_date():
    meta = {"date_text": "Publié le 3 mai 2023", "date": "2023-05-10", "date_source": "htmldate"}
    dates = run("Le rapport est en ligne.", meta=meta)
    assert published(dates) == ("2023-05-03", "2023-05-03")
    assert "htmldate" in dates["published"]["why"]  # named as dropped


def test_a_published_line_without_a_date_is_ignored():
    assert run("Le rapport est en ligne.", meta={"date_text": "Publié par l'OIM"}) == {
        "event": None,
        "published": None,
    }


# --- several years fit: what decides ----------------------------------------------------------


def test_several_years_fit_and_the_metadata_date_decides():
    body = "Geneva, 5 June – IOM Director General António Vitorino opened the workshop."
    dates = dated(body, "en", [VITORINO_EN], meta={"date": "2021-09-30", "date_source": "htmldate"})
    assert event(dates) == ("2021-06-05", "2021-06-05")
    assert "nearest the metadata date" in dates["event"]["why"]


def test_several_years_fit_and_nothing_decides_takes_the_earliest_and_says_it_is_weak():
    body = "Geneva, 5 June – IOM Director General António Vitorino opened the workshop."
    dates = dated(body, "en", [VITORINO_EN])
    assert event(dates) == ("2019-06-05", "2019-06-05")
    assert "weak default" in dates["event"]["why"]


# --- previews: the event announced for the coming days -----------------------------------------


@pytest.mark.parametrize(
    "body, lang, expected",
    [
        (  # a weekday in a future sentence: the next such day after the day of issue (a Monday)
            "Nairobi, 4 March 2024 – Labour ministers from eight countries will gather in Nairobi on "
            "Thursday for a regional dialogue on skills mobility.",
            "en",
            ("2024-03-07", "2024-03-07"),
        ),
        (  # the weekday of the lead, widened to the span that starts that day in the next paragraph
            "Bangkok, 5 June 2023 – Officials will meet on Tuesday to open the regional review.\n"
            "The 6-8 June review is hosted by the regional commission.",
            "en",
            ("2023-06-06", "2023-06-08"),
        ),
        (
            "Dakar, 3 octobre 2023 – La CEDEAO organisera du 10 au 12 octobre à Dakar un atelier régional "
            "sur l'état civil.",
            "fr",
            ("2023-10-10", "2023-10-12"),
        ),
        (  # a weekday with its date, in the simple future
            "Rabat, 6 février 2024 – La ministre présidera le lundi 12 février une séance de travail "
            "consacrée aux travailleurs saisonniers.",
            "fr",
            ("2024-02-12", "2024-02-12"),
        ),
        (
            "Quito, 2 de septiembre de 2024 – La conferencia regional sobre movilidad laboral se celebrará "
            "del 9 al 11 de septiembre en Quito.",
            "es",
            ("2024-09-09", "2024-09-11"),
        ),
        (  # a dated event named by its ordinal: its days, and the year it gives the dateline
            "Ginebra, 11 de diciembre – Los Estados llevarán sus compromisos al segundo Foro Mundial sobre "
            "los Refugiados, que se celebrará esta semana.",
            "es",
            ("2023-12-13", "2023-12-15"),
        ),
        (  # a present-tense opening with a weekday: the next such day (4 March 2024 is a Monday)
            "Addis Ababa, 4 March 2024 – A regional workshop on labour migration statistics opens in Addis "
            "Ababa on Wednesday.",
            "en",
            ("2024-03-06", "2024-03-06"),
        ),
        (
            "Abidjan, 4 mars 2024 – Un atelier régional sur les statistiques migratoires s'ouvre mercredi à "
            "Abidjan.",
            "fr",
            ("2024-03-06", "2024-03-06"),
        ),
        (
            "Lima, 4 de marzo de 2024 – El foro andino sobre movilidad laboral comienza el miércoles en "
            "Lima.",
            "es",
            ("2024-03-06", "2024-03-06"),
        ),
        (
            "Ginebra, 20 de enero – Los gobiernos preparan la decimocuarta Cumbre del FMMD, que se "
            "celebrará en Ginebra con 120 delegaciones.",
            "es",
            ("2024-01-23", "2024-01-25"),
        ),
    ],
)
def test_a_preview_gives_the_event_it_announces(body, lang, expected):
    dates = dated(body, lang)
    assert event(dates) == expected, dates
    assert "announced in the opening paragraphs" in dates["event"]["why"]
    assert published(dates)[0] == published(dates)[1] < expected[0]  # issued before the event


@pytest.mark.parametrize(
    "body, lang",
    [
        # the lead reports what was done today
        (
            "Geneva, 3 March 2024 – IOM today presented a report that will be discussed at a workshop "
            "from 6 to 8 March.",
            "en",
        ),
        # the lead is in the past: a later meeting is not what the article reports
        (
            "Accra, 6 June 2024 – Delegates adopted a joint plan in Accra.\n"
            "They will meet again from 10 to 12 June.",
            "en",
        ),
        # a weekday in a sentence that does not speak of the future
        (
            "Lima, 7 March 2024 – The network will publish its findings soon.\nThe consultation held on "
            "Monday gathered 30 experts.",
            "en",
        ),
        ("Tunis, 4 mars 2024 – Le ministère publiera un rapport le 8 mars.", "fr"),  # no event word
    ],
)
def test_what_is_not_a_preview_leaves_the_dateline_date(body, lang):
    dates = dated(body, lang)
    day = dates["published"]["earliest"]
    assert event(dates) == (day, day), dates


# --- milestones named by their ordinal ---------------------------------------------------------


@pytest.mark.parametrize(
    "text, label, start",
    [
        ("the second Global Refugee Forum", "second Global Refugee Forum", "2023-12-13"),
        ("le premier Forum mondial sur les réfugiés", "first Global Refugee Forum", "2019-12-16"),
        ("el segundo Foro Mundial sobre los Refugiados", "second Global Refugee Forum", "2023-12-13"),
        ("the Global Refugee Forum in 2019", "first Global Refugee Forum", "2019-12-16"),
        ("le 14e sommet du FMMD", "GFMD Summit 14", "2024-01-23"),
        ("the eleventh GFMD Summit", "GFMD Summit 11", "2018-12-05"),
        ("la duodécima Cumbre del Foro Mundial sobre Migración y Desarrollo", "GFMD Summit 12", "2020-01-20"),
        ("le premier Forum d'examen a montré", "first International Migration Review Forum", "2022-05-17"),
        ("el segundo Foro de Examen", "second International Migration Review Forum", "2026-01-01"),
        ("the Los Angeles Declaration on Migration and Protection", "Los Angeles Declaration", "2022-06-10"),
        ("la Declaración de Los Ángeles", "Los Angeles Declaration", "2022-06-10"),
        ("l'adoption du pacte sur la migration et l'asile", "adoption of the EU Pact", "2024-05-14"),
        ("the Pact on Migration and Asylum, adopted by the Council", "adoption of the EU Pact", "2024-05-14"),
    ],
)
def test_dated_events_named_by_their_ordinal_or_year(text, label, start):
    low = lower_view(text)
    found = [m.fact for m in session_mentions(low) + milestone_mentions(low)]
    assert found and label in found[0].label and str(found[0].start) == start, found


def test_overlapping_triggers_are_all_found():
    # 'deuxième forum' (the IMRF's trigger) overlaps 'forum mondial sur les r' (the refugee forum's)
    low = lower_view("Au deuxième Forum mondial sur les réfugiés, les États ont pris des engagements.")
    assert [m.fact.label for m in session_mentions(low)] == ["the second Global Refugee Forum (Geneva)"]


@pytest.mark.parametrize(
    "body, lang, expected",
    [
        (
            "Genève, 10 décembre – Un an après le premier Forum mondial sur les réfugiés, les États ont "
            "fait le point.",
            "fr",
            "2020-12-10",
        ),
        (
            "Washington, 10 June – Two years after the Los Angeles Declaration on Migration and Protection, "
            "governments met to review it.",
            "en",
            "2024-06-10",
        ),
        (
            "Bruxelles, 20 juin – Un mois après l'adoption du pacte sur la migration et l'asile par le "
            "Conseil, les ministres se sont réunis.",
            "fr",
            "2024-06-20",
        ),
    ],
)
def test_new_milestones_give_the_year(body, lang, expected):
    assert event(dated(body, lang)) == (expected, expected)


# --- a dated event referred to in the future: the year just before it -------------------------


@pytest.mark.parametrize(
    "body, lang, expected",
    [
        (
            "Brussels, 4 February – Under the Global Compact for Migration, the new screening rules will "
            "apply from 12 June 2026.",
            "en",
            "2026-02-04",
        ),
        (
            "Paris, 3 mars – Le Pacte mondial pour des migrations sûres guide la nouvelle loi, qui entrera "
            "en vigueur le 1er janvier 2025.",
            "fr",
            "2024-03-03",
        ),
        (
            "Bogotá, 5 de agosto – Conforme al Pacto Mundial para la Migración, el nuevo estatuto entrará "
            "en vigor el 1 de marzo de 2025.",
            "es",
            "2024-08-05",
        ),
    ],
)
def test_a_future_reference_puts_the_document_within_the_look_ahead_span(body, lang, expected):
    dates = dated(body, lang)
    assert event(dates) == (expected, expected), dates
    assert "look-ahead span" in dates["event"]["why"]


def test_when_two_years_fit_the_look_ahead_takes_the_one_just_before_the_future_event():
    # 28 December 2023 (issued up to a month later) and 28 December 2024 both fit
    body = (
        "Varsovie, 28 décembre – Les champions du Pacte mondial se réuniront le 20 janvier 2025 à Varsovie."
    )
    dates = dated(body, "fr")
    assert event(dates) == ("2024-12-28", "2024-12-28"), dates
    assert "just before what is referred to in the future" in dates["event"]["why"]


def test_a_deadline_gives_no_look_ahead():
    body = (
        "Paris, 3 mars – Le Pacte mondial pour des migrations sûres guide le plan, qui devra être mis en "
        "œuvre d'ici le 31 décembre 2030."
    )
    dates = dated(body, "fr")
    assert "look-ahead" not in dates["event"]["why"]
    assert event(dates) == ("2017-03-03", "2017-03-03")  # the weak default, said as such
    assert "weak default" in dates["event"]["why"]


# --- weekdays: named alone, placed by the tense ------------------------------------------------


@pytest.mark.parametrize(
    "body, lang, meta, expected",
    [
        (  # past: the latest Thursday on or before Friday 7 June 2024
            "NIAMEY (AFP) - Les délégués ont clôturé jeudi à Niamey trois jours de consultations sur la "
            "migration de travail.",
            "fr",
            {"date_text": "Publié le 7 juin 2024"},
            ("2024-06-04", "2024-06-06"),
        ),
        (  # an English weekday alone, after the verb
            "LUSAKA (Reuters) - Officials from nine countries wrapped up two days of talks on labour "
            "migration in Lusaka Tuesday.",
            "en",
            {"date_text": "Posted: 12 September 2024"},
            ("2024-09-09", "2024-09-10"),
        ),
        (
            "ASUNCIÓN (EFE) - Los ministros concluyeron el viernes en Asunción dos días de reuniones sobre "
            "remesas.",
            "es",
            {"date_text": "Publicado el 9 de septiembre de 2024"},
            ("2024-09-05", "2024-09-06"),
        ),
        (  # future: the next Thursday after Monday 9 September 2024, and an opening verb
            "ASUNCIÓN (EFE) - Los ministros iniciarán el jueves en Asunción dos días de reuniones sobre "
            "remesas.",
            "es",
            {"date_text": "Publicado el 9 de septiembre de 2024"},
            ("2024-09-12", "2024-09-13"),
        ),
    ],
)
def test_a_weekday_alone_anchors_a_duration(body, lang, meta, expected):
    dates = run(body, (body.split(" - ")[0], None), lang=lang, meta=meta)
    assert event(dates) == expected, dates
    assert "duration" in dates["event"]["why"]


def test_a_weekday_in_the_first_sentence_is_the_event_day():
    body = "Los dos gobiernos firmaron el martes en San Salvador un acuerdo sobre trabajo temporal."
    dates = run(body, lang="es", meta={"date_text": "Publicado el 16 de mayo de 2024"})  # a Thursday
    assert event(dates) == ("2024-05-14", "2024-05-14")
    body = "Genève, 12 mars 2024 – Lundi, les ministres ont adopté une feuille de route commune."
    assert event(dated(body, "fr")) == ("2024-03-11", "2024-03-11")


@pytest.mark.parametrize(
    "body, lang, expected",
    [
        (
            "Lomé, 5 mars 2024 – Le ministère a ouvert ce mardi à Lomé un atelier de deux jours sur la "
            "réintégration.",
            "fr",
            ("2024-03-05", "2024-03-06"),
        ),
        (
            "Tegucigalpa, 8 de abril de 2024 – La cancillería dio inicio hoy a un taller de tres días "
            "sobre retorno.",
            "es",
            ("2024-04-08", "2024-04-10"),
        ),
        (
            "Manila, 15 July 2024 – The labour ministry inaugurated today a three-day forum on the welfare "
            "of seafarers.",
            "en",
            ("2024-07-15", "2024-07-17"),
        ),
    ],
)
def test_opening_verbs_in_the_past_start_the_duration(body, lang, expected):
    dates = dated(body, lang)
    assert event(dates) == expected, dates
    assert "starts on" in dates["event"]["why"]

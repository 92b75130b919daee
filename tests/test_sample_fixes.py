"""Fixes found on the sample corpus: speech verbs, HTML date lines, event names.

All texts are written for these tests; every quoted person is fictional.
"""

from __future__ import annotations

import pytest

from pactwatch.api import extract_source, extract_text
from pactwatch.document import Document
from pactwatch.extract.cues import person_cues
from pactwatch.extract.events import event_name
from pactwatch.ingest.readers import with_time_text
from pactwatch.text.boilerplate import split_article

# --- 1. speech verbs ------------------------------------------------------------------------

SPEECH_FORMS = {
    "fr": [
        "a résumé",
        "résume",
        "a rapporté",
        "rapporté",
        "rapporte",
        "a observé",
        "observé",
        "observe",
        "a estimé",
        "estime",
        "a souligné",
        "souligne",
        "a rappelé",
        "rappelle",
        "a ajouté",
        "ajoute",
        "a précisé",
        "précise",
        "a insisté",
        "insiste",
    ],
    "en": [
        "summarised",
        "summarized",
        "summarises",
        "observed",
        "observes",
        "noted",
        "notes",
        "recalled",
        "recalls",
        "reported",
        "stressed",
        "stresses",
        "argued",
        "argues",
    ],
    "es": [
        "opinó",
        "opina",
        "resumió",
        "observó",
        "observa",
        "recordó",
        "recuerda",
        "subrayó",
        "destacó",
        "precisó",
        "señaló",
        "sostuvo",
        "sostiene",
        "agregó",
        "agrega",
        "opinado",
        "resumido",
    ],
}
PRONOUN_FORMS = [
    "a-t-elle observé",
    "a-t-il résumé",
    "a-t-elle rapporté",
    "observe-t-elle",
    "résume-t-il",
    "rapporte-t-il",
    "insiste-t-elle",
    "she observed",
    "he argued",
    "she summarised",
    "he reported",
    "opinó",
    "resumió",
    "observó",
    "recordó",
    "sostuvo",
]


@pytest.mark.parametrize("form", [f for forms in SPEECH_FORMS.values() for f in forms])
def test_reporting_verb_forms_are_speech_verbs(form):
    assert person_cues().speech_verb.fullmatch(form), form


@pytest.mark.parametrize("form", PRONOUN_FORMS)
def test_pronoun_reporting_forms(form):
    assert person_cues().pronoun_speech.fullmatch(form), form


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "LYON, 3 mars 2025 — Une association locale a ouvert une permanence pour les travailleurs "
            "saisonniers.\n"
            "« Les demandes de régularisation prennent désormais plusieurs mois de plus qu'avant », observe "
            "Margaux Tellier-Binet, juriste dans une association fictive.",
            "Margaux Tellier-Binet",
        ),
        (
            "RABAT, 4 mars 2025 — Les délégations ont clos trois jours de travaux sur la migration de "
            "travail.\n"
            "« Nous sommes repartis avec une méthode commune et un calendrier précis pour la suite », "
            "a résumé "
            "Karim Bouzid-Lefranc, rapporteur fictif de la réunion.",
            "Karim Bouzid-Lefranc",
        ),
        (
            "DAKAR, 5 mars 2025 — Une enquête de terrain a été menée auprès de familles de migrants de "
            "retour.\n"
            "« Beaucoup de familles nous disent qu'elles attendent encore les aides promises au départ », a "
            "rapporté Aminata Sow-Berthier, enquêtrice d'une organisation fictive.",
            "Aminata Sow-Berthier",
        ),
        (
            "LONDON, 6 March 2025 – A city council presented its first plan for the reception of newcomers.\n"
            "“Housing remains the hardest part of every reception plan we have looked at so far,” argued "
            "Thomas Whitcombe-Hale, a fictional researcher at a housing charity.",
            "Thomas Whitcombe-Hale",
        ),
        (
            "QUITO, 7 de marzo de 2025 – Un grupo de municipios presentó un programa de acogida para "
            "familias.\n"
            "«Los municipios ya hacen el trabajo, pero lo hacen sin presupuesto propio ni apoyo "
            "técnico», opinó "
            "Lorena Guamán Ibarra, investigadora de un centro ficticio.",
            "Lorena Guamán Ibarra",
        ),
    ],
)
def test_quote_attributed_with_added_reporting_verbs(text, speaker):
    record = extract_text(text)
    assert [q["speaker"] for q in record["quotes"]] == [speaker]


def test_inverted_pronoun_observe_goes_to_the_person_named_before():
    text = (
        "PARIS, 8 mars 2025 — Sophie Marchal-Idir, sociologue fictive, a présenté une étude sur les jeunes "
        "travailleurs venus d'Afrique de l'Ouest.\n"
        "« Les trajectoires se ressemblent beaucoup plus qu'on ne le pense souvent », observe-t-elle."
    )
    assert [q["speaker"] for q in extract_text(text)["quotes"]] == ["Sophie Marchal-Idir"]


# --- 2. HTML date lines -----------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main><article><h1>{title}</h1>
<p class="date">{label} <time datetime="2024-10-02">{date}</time></p>
<p>{lead}</p><p>{more}</p></article></main></body></html>"""

HTML_CASES = [
    (
        "fr",
        "Publié le",
        "2 octobre 2024",
        "Un atelier régional sur les migrations de travail se tient à Lomé",
        "LOMÉ, 2 octobre 2024 — Un atelier régional consacré aux migrations de travail a réuni "
        "aujourd'hui des "
        "représentants de douze pays d'Afrique de l'Ouest pour comparer leurs politiques.",
        "Les participants ont examiné la reconnaissance des qualifications et la protection sociale des "
        "travailleurs migrants, ainsi que le rôle des agences de recrutement.",
    ),
    (
        "en",
        "Published on",
        "2 October 2024",
        "Regional workshop on labour migration held in Accra",
        "ACCRA, 2 October 2024 – A regional workshop on labour migration brought together "
        "officials from twelve "
        "West African countries today to compare their policies and share practice.",
        "Participants discussed the recognition of skills and the social protection of migrant workers, and "
        "the role of recruitment agencies in the region.",
    ),
    (
        "es",
        "Publicado el",
        "2 de octubre de 2024",
        "Taller regional sobre migración laboral en San Salvador",
        "SAN SALVADOR, 2 de octubre de 2024 – Un taller regional sobre migración laboral reunió hoy a "
        "funcionarios de ocho países de Centroamérica para comparar sus políticas.",
        "Los participantes examinaron el reconocimiento de competencias y la protección social de "
        "las personas "
        "trabajadoras migrantes, así como el papel de las agencias de contratación.",
    ),
]


@pytest.mark.parametrize(("lang", "label", "date", "title", "lead", "more"), HTML_CASES)
def test_html_publication_line_does_not_hide_the_dateline(tmp_path, lang, label, date, title, lead, more):
    page = tmp_path / f"page-{lang}.html"
    html = PAGE.format(lang=lang, label=label, date=date, title=title, lead=lead, more=more)
    page.write_text(html, encoding="utf-8")
    record = extract_source(str(page))
    assert record["dateline"] is not None and record["dateline"]["date_text"] == date
    assert record["body"].startswith(lead.split(",")[0])
    assert label not in record["body"]


def test_time_element_text_survives_html_cleaning():
    html = '<p>Publié le <time datetime="2021-09-14">14 septembre 2021</time></p>'
    assert "14 septembre 2021</time>14 septembre 2021</p>" in with_time_text(html)
    assert with_time_text("<p>no time here</p>") == "<p>no time here</p>"


@pytest.mark.parametrize("label", ["Publié le", "Mis en ligne le", "Published on", "Publicado el"])
def test_orphan_publication_label_is_not_body_text(label):
    title = "Un titre de page assez long pour être un titre"
    lead = (
        "BAMAKO, 9 mai 2024 — Une rencontre nationale sur la migration de retour a réuni "
        "aujourd'hui des élus "
        "locaux et des associations de la diaspora."
    )
    article = split_article(f"{title}\n{label}\n{lead}", title)
    assert article.lines == [lead]


# --- 3. event names ---------------------------------------------------------------------------

STAGES = ("language", "dateline", "entities", "persons", "dates", "events")


def _event(body: str) -> dict:
    from pactwatch.pipeline import REGISTRY

    doc = Document(source="t.txt", text=body)
    doc.body = body
    for name in STAGES:
        REGISTRY[name].func(doc)
    return doc.events[0]


@pytest.mark.parametrize(
    ("body", "name"),
    [
        (
            "TUNIS, 12 juin 2025 — Le deuxième forum méditerranéen sur la mobilité des étudiants s'est "
            "achevé "
            "aujourd'hui après trois jours de débats entre universités et ministères.",
            "forum méditerranéen sur la mobilité des étudiants",
        ),
        (
            "LIMA, 12 de junio de 2025 – La conferencia andina sobre movilidad humana clausuró hoy sus "
            "trabajos "
            "con un llamado a armonizar los permisos de residencia.",
            "conferencia andina sobre movilidad humana",
        ),
        (
            "LIMA, 12 de junio de 2025 – La Asamblea Regional de Alcaldes hizo suyo hoy un plan de acogida "
            "para las ciudades fronterizas de la región.",
            "Asamblea Regional de Alcaldes",
        ),
        (
            "NAIROBI, 12 June 2025 – Delegates met for the third Global Labour Mobility Forum, which closed "
            "today with a call for fair recruitment.",
            "Global Labour Mobility Forum",
        ),
        (
            "NAIROBI, 12 June 2025 – The regional consultation on fair recruitment has ended today "
            "with a set "
            "of shared principles for employers.",
            "consultation on fair recruitment",
        ),
        (
            "DAKAR, 12 juin 2025 — Les ministres se sont réunis en conférence régionale les 10 et 11 "
            "juin pour "
            "adopter un plan commun sur la migration de travail.",
            "conférence régionale",
        ),
        (
            "BOGOTÁ, 12 de junio de 2025 – Se prepara el próximo foro regional sobre desplazamiento previsto "
            "para 2026 en una ciudad aún por definir.",
            "foro regional sobre desplazamiento",
        ),
    ],
)
def test_event_name_stops_before_the_verb_or_adjunct(body, name):
    assert _event(body)["name"] == name


def test_event_name_cut_at_its_word_limit_never_ends_on_a_preposition():
    body = (
        "séminaire national sur la protection des travailleurs migrants saisonniers employés dans les "
        "exploitations agricoles du sud et de l'est du pays pendant la saison"
    )
    name = event_name(body, 0, "fr")
    assert name.split()[-1] not in {"de", "du", "des", "la", "le", "les", "et", "dans", "pendant"}
    assert name.startswith("séminaire national sur la protection")


def test_event_name_in_an_unknown_language_keeps_ambiguous_short_words():
    body = "workshop on access to a fair hearing for detained migrants"
    assert event_name(body, 0, None) == "workshop on access to a fair hearing for detained migrants"
    assert (
        event_name("foro de alcaldes a realizarse en mayo", 0, "es")
        == "foro de alcaldes a realizarse en mayo"
    )
    assert event_name("forum des maires a été reporté", 0, "fr") == "forum des maires"

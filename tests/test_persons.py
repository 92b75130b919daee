"""Persons, titles and quotes in French, English and Spanish (sentences of our own, fictional speakers)."""

import pytest

from pactwatch.extract.persons import person_stage
from pactwatch.extract.quotes import quote_stage
from pactwatch.extract.titles import split_coordinated, title_after, title_before


def persons(doc):
    return {e["name"]: e for e in doc.entities if e["type"] == "person"}


def run(make_doc, body, lang):
    doc = make_doc(body, lang=lang)
    person_stage(doc)
    quote_stage(doc)
    return doc


FR = (
    "Dakar – Du 5 au 7 février, le réseau national a réuni ses membres.\n"
    "« Nous avons avancé ensemble sur les données », a déclaré Mme Aïssatou Ndiaye-Faye, coordinatrice du réseau "
    "national sur les migrations et conseillère au ministère de l'Intérieur.\n"
    "« Ce travail continue. Il demande des moyens durables », a-t-elle ajouté.\n"
    "Le Directeur régional de l'OIM, Baptiste Lemoine, a salué ces progrès. « Le réseau montre la voie pour "
    "toute la région », a déclaré M. Lemoine."
)

EN = (
    "GENEVA, 12 March 2024 – A new report was presented today.\n"
    "“Countries are moving from pledges to practice,” said Hannah Whitcombe, Head of the Migration Data Unit.\n"
    "Network coordinator Tomasz Wierzbicki added that the next review is close. "
    "He said: “We will publish every pledge with its evidence and keep the list open to all.”\n"
    "“The work starts now.\n"
    "“And it will not stop at the review,” she added."
)

ES = (
    "Ciudad de Panamá, 14 de junio – La red regional presentó hoy su plan de trabajo.\n"
    "«Hemos escuchado a las comunidades migrantes y a los gobiernos locales», afirmó Lucía Ferrer Ibáñez, "
    "directora del programa regional.\n"
    "Según el coordinador Martín Aguilar Rojas, «la cooperación entre países es la única vía posible para avanzar».\n"
    "—Seguiremos trabajando con todos los socios —añadió Ferrer."
)


def test_french_names_titles_and_short_forms(make_doc):
    doc = run(make_doc, FR, "fr")
    people = persons(doc)
    assert set(people) == {"Aïssatou Ndiaye-Faye", "Baptiste Lemoine"}
    assert people["Aïssatou Ndiaye-Faye"]["id"] == "aissatou-ndiaye-faye"
    assert people["Aïssatou Ndiaye-Faye"]["titles"] == [
        "coordinatrice du réseau national sur les migrations",
        "conseillère au ministère de l'Intérieur",
    ]
    assert people["Baptiste Lemoine"]["titles"] == ["Directeur régional de l'OIM"]
    assert "Lemoine" in [m["text"] for m in people["Baptiste Lemoine"]["mentions"]]


def test_french_quote_speakers_after_and_pronoun(make_doc):
    doc = run(make_doc, FR, "fr")
    speakers = [q["speaker"] for q in doc.quotes]
    assert speakers == ["Aïssatou Ndiaye-Faye", "Aïssatou Ndiaye-Faye", "Baptiste Lemoine"]
    first = doc.quotes[0]
    assert doc.body[first["start"] : first["end"]] == first["text"]


def test_english_titles_and_quotes(make_doc):
    doc = run(make_doc, EN, "en")
    people = persons(doc)
    assert "Hannah Whitcombe" in people and "Tomasz Wierzbicki" in people
    assert people["Hannah Whitcombe"]["titles"] == ["Head of the Migration Data Unit"]
    assert any("coordinator" in t.lower() for t in people["Tomasz Wierzbicki"]["titles"])
    speakers = [q["speaker"] for q in doc.quotes]
    assert speakers[0] == "Hannah Whitcombe"
    assert "Tomasz Wierzbicki" in speakers


def test_english_quote_over_two_paragraphs_is_one_quote(make_doc):
    doc = run(make_doc, EN, "en")
    last = doc.quotes[-1]
    assert last["text"].startswith("The work starts now.") and "will not stop" in last["text"]


def test_spanish_names_titles_and_quotes(make_doc):
    doc = run(make_doc, ES, "es")
    people = persons(doc)
    assert {"Lucía Ferrer Ibáñez", "Martín Aguilar Rojas"} <= set(people)
    assert people["Lucía Ferrer Ibáñez"]["titles"] == ["directora del programa regional"]
    assert [q["speaker"] for q in doc.quotes][:2] == ["Lucía Ferrer Ibáñez", "Martín Aguilar Rojas"]


@pytest.mark.parametrize(
    "text",
    [
        "Cliquez ici pour accéder au rapport (disponible en anglais et en espagnol).",
        "Le Pacte mondial sur les migrations constitue un cadre solide pour la coopération internationale.",
        "The Global Compact for Migration was adopted in Marrakech by the United Nations.",
        "La Red de las Naciones Unidas sobre la Migración publicó su Plan de Trabajo Regional.",
    ],
)
def test_no_person_in_sentences_without_one(make_doc, text):
    doc = run(make_doc, text, "fr")
    assert persons(doc) == {}


def test_title_helpers():
    body = "a déclaré le Secrétaire général des Nations Unies, Sebastián Ortega, dans son rapport."
    start = body.index("Sebastián")
    assert title_before(body, start) == ["Secrétaire général des Nations Unies"]
    assert title_after(body, body.index(", dans") ) == []
    assert split_coordinated("Directrice de l'office et Coordinatrice du réseau") == [
        "Directrice de l'office", "Coordinatrice du réseau"]
    assert split_coordinated("Conseiller auprès des Nations Unies et des autres organisations") == [
        "Conseiller auprès des Nations Unies et des autres organisations"]


@pytest.mark.parametrize(
    "text",
    [
        "Christian Aid and the Norwegian Refugee Council opened an office in the north.",
        "The delegation travelled from Santa Cruz de la Sierra to La Paz by road.",
        "Les participants venaient de Port Louis et de San José pour la réunion régionale.",
        "The Khartoum Process and the Rabat Process met in the same week.",
    ],
)
def test_organisations_and_places_that_start_like_names_are_not_persons(make_doc, text):
    doc = run(make_doc, text, "en")
    assert persons(doc) == {}


def test_honorific_and_particles_make_one_name(make_doc):
    doc = run(make_doc, "Según la Sra. Fatou Ba de la Cruz, el plan llega a tiempo. Ahmed Ould Mohamed, "
                        "director del programa, también habló.", "es")
    assert {"Fatou Ba de la Cruz", "Ahmed Ould Mohamed"} <= set(persons(doc))

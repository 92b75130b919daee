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


@pytest.mark.parametrize(
    ("body", "lang", "name", "title"),
    [
        ("The plan is backed by UNDP Administrator Marcus T. Ellison and several donors.", "en",
         "Marcus T. Ellison", "UNDP Administrator"),
        ("The meeting was opened by Commissioner for Employment Hedda Lindqvist on Monday.", "en",
         "Hedda Lindqvist", None),
        ("Se reunieron con la ministra de Trabajo, Empleo y Seguridad Social, Rosaura Quintero Lima, en la capital.",
         "es", "Rosaura Quintero Lima", "ministra de Trabajo, Empleo y Seguridad Social"),
        ("Participó el presidente del consejo regional, el chileno Tomás Arriagada Fuentes, junto a otros.", "es",
         "Tomás Arriagada Fuentes", "presidente del consejo regional"),
        ("Le Président du comité national, M. Idrissa Kaboré, a ouvert la séance.", "fr", "Idrissa Kaboré",
         "Président du comité national"),
        ("Léonie Rakotondrabe, Ministre de la Population, de la Protection sociale et de la Promotion de la femme, "
         "a signé l'accord.", "fr", "Léonie Rakotondrabe",
         "Ministre de la Population, de la Protection sociale et de la Promotion de la femme"),
    ],
)
def test_titles_before_and_after_names(make_doc, body, lang, name, title):
    doc = run(make_doc, body, lang)
    people = persons(doc)
    assert set(people) == {name}
    if title:
        assert title in people[name]["titles"]


def test_a_title_after_a_name_never_starts_with_a_conjunction(make_doc):
    body = ("Asistieron el presidente de la junta, el boliviano Néstor Quiroga Paz, y el director general de la "
            "agencia, el peruano Julián Sotomayor.")
    people = persons(run(make_doc, body, "es"))
    assert people["Néstor Quiroga Paz"]["titles"] == ["presidente de la junta"]
    assert people["Julián Sotomayor"]["titles"] == ["director general de la agencia"]


def test_places_and_institutions_after_a_given_name_are_not_persons(make_doc):
    body = ("Every spring he leaves his village in Santa Rosa Alta for the coast. The Fair Recruitment Initiative "
            "and the Grace Foundation Award were launched in 2014.")
    assert persons(run(make_doc, body, "en")) == {}


def test_bare_verb_and_first_name_follow_ups(make_doc):
    body = ('Sin embargo, Íñigo Lasa Etxeberria, abogado de la asociación, ha advertido del retraso. '
            '"Si una cita tarda cuatro meses, nada funciona", ha señalado.\n'
            "Ana Beltrán Ruiz, a nurse, joined later. Ana plans to stay. “We will keep the clinic open all year,” "
            "she says.")
    doc = run(make_doc, body, "es")
    assert [q["speaker"] for q in doc.quotes] == ["Íñigo Lasa Etxeberria", "Ana Beltrán Ruiz"]
    assert "Ana" in [m["text"] for m in persons(doc)["Ana Beltrán Ruiz"]["mentions"]]

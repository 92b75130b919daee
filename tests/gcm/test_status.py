"""GCM status facts (pactwatch/gcm/status.py): champions, UN networks, co-chairs, funding, voluntary reviews.

Sentences are our own wording in English, French and Spanish; records are built with explicit entity
mentions so each test pins the cue logic, not the entity extractor (two end-to-end tests run both).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pactwatch.api import extract_text
from pactwatch.document import record_id
from pactwatch.extract.timeexpr import lower_view, sentence_bounds
from pactwatch.gcm import status
from pactwatch.gcm.status import cue_data, kind_confidences, status_facts
from pactwatch.knowledge import load_json
from pactwatch.store.derive import CONFIDENCE, derive, event_id

COUNTRIES = {  # country names used below -> ISO3
    "Ecuador": "ECU", "Kenya": "KEN", "Nepal": "NPL", "the Philippines": "PHL", "Indonesia": "IDN",
    "Colombia": "COL", "Canada": "CAN", "Brazil": "BRA", "Thailand": "THA", "Portugal": "PRT",
    "Ghana": "GHA", "Royaume du Maroc": "MAR", "Maroc": "MAR", "Sénégal": "SEN", "Mexique": "MEX",
    "Niger": "NER", "France": "FRA", "Chile": "CHL", "Guatemala": "GTM", "Argentina": "ARG",
    "Bolivia": "BOL", "Perú": "PER", "Zambia": "ZMB", "Lesotho": "LSO", "Côte d'Ivoire": "CIV",
    "Mali": "MLI", "Panamá": "PAN", "Morocco": "MAR", "Mexico": "MEX", "Sri Lanka": "LKA",
    "République d'El Salvador": "SLV", "México": "MEX", "Reino de Marruecos": "MAR", "Suisse": "CHE",
    "Honduras": "HND", "Costa Rica": "CRI", "Bénin": "BEN", "Togo": "TGO", "Uruguay": "URY",
    "Paraguay": "PRY", "Colombie": "COL", "Norway": "NOR", "Germany": "DEU", "Ecuadorian": "ECU",
    "Marruecos": "MAR", "El Salvador": "SLV", "España": "ESP",
}  # fmt: skip
ORGS = {  # organisation names -> contract ids
    "UN Network on Migration": "UNNM", "Réseau des Nations Unies sur les migrations": "UNNM",
    "Réseau national des Nations Unies sur les migrations": "UNNM",
    "Red de las Naciones Unidas sobre la Migración": "UNNM", "Migration MPTF": "MPTF",
    "Fondo Fiduciario de Asociados Múltiples para la Migración": "MPTF", "European Union": "EU",
    "Union européenne": "EU", "Unión Europea": "EU", "IOM": "IOM", "OIM": "IOM",
    "Global Forum on Migration and Development": "GFMD", "United Nations": "UN",
    "Red Nacional de las Naciones Unidas sobre Migración": "UNNM",
}  # fmt: skip
MONEY = re.compile(r"US\$ [\d.,]+ million|\d+ millions? d'euros|[\d.,]+ dólares|[\d.,]+ millones de dólares")


def make(text: str, lang: str, events: list[dict] | None = None) -> dict:
    """A CONTRACT.md record of ``text`` whose entities are the names of COUNTRIES and ORGS found in it."""
    entities, taken = [], []
    for table, kind in ((ORGS, "organization"), (COUNTRIES, "country")):
        for name in sorted(table, key=len, reverse=True):
            spans = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
            spans = [s for s in spans if not any(a < s[1] and s[0] < b for a, b in taken)]
            if spans:
                taken += spans
                mentions = [{"start": a, "end": b, "text": text[a:b]} for a, b in spans]
                entities.append({"type": kind, "id": table[name], "name": name, "mentions": mentions})
    figures = [
        {"value": 1, "unit": "usd", "text": m.group(), "start": m.start(), "end": m.end()}
        for m in MONEY.finditer(text)
    ]
    return {"id": record_id(text), "source": "test.txt", "lang": lang, "title": None, "body": text,
            "dateline": None, "dates": {"event": None, "published": {"value": "2024-05"}},
            "entities": entities, "quotes": [], "contacts": [], "figures": figures,
            "events": events or [], "objectives": [], "principles": []}  # fmt: skip


def found(text: str, lang: str, kind: str, events=None) -> set[tuple]:
    """(subject, object, value) of the facts of ``kind`` read from ``text``."""
    facts = status_facts(make(text, lang, events), event_key=event_id)
    return {(f["subject_id"], f["object_id"], f["value"]) for f in facts if f["kind"] == kind}


CHAMPION_YES = [
    (
        "en",
        "Indonesia has formally confirmed that it will serve as a Champion country of the Compact.",
        {("IDN", None, "Champion country of the Compact")},
    ),
    (
        "en",
        "The Champion Countries Initiative, whose members include Nepal and Ecuador, met online.",
        {("NPL", None, "Champion Countries Initiative"), ("ECU", None, "Champion Countries Initiative")},
    ),
    ("en", "Ecuador became a GCM Champion country in 2022.", {("ECU", None, "GCM Champion country")}),
    (
        "en",
        "Kenya, one of the champion countries of the Global Compact, hosted the retreat.",
        {("KEN", None, "champion countries of the Global Compact")},
    ),
    (
        "en",
        "Several champion countries, including Nepal and the Philippines, presented plans.",
        {("NPL", None, "champion countries"), ("PHL", None, "champion countries")},
    ),
    (
        "en",
        "As a champion country of the Global Compact for Safe, Orderly and Regular Migration, "
        "Indonesia adopted a national plan.",
        {("IDN", None, "champion country of the Global Compact for Safe, Orderly and Regular Migration")},
    ),
    (
        "en",
        "Colombia has joined the Champion Countries Initiative.",
        {("COL", None, "Champion Countries Initiative")},
    ),
    (
        "fr",
        "Le Royaume du Maroc est un pays champion du Pacte mondial depuis 2020.",
        {("MAR", None, "pays champion du Pacte mondial")},
    ),
    (
        "fr",
        "En tant que pays champion du Pacte mondial depuis mars 2021, le Portugal a présenté son plan.",
        {("PRT", None, "pays champion du Pacte mondial")},
    ),
    (
        "fr",
        "Plusieurs pays champions, dont le Ghana et le Sénégal, ont pris la parole.",
        {("GHA", None, "pays champions"), ("SEN", None, "pays champions")},
    ),
    (
        "fr",
        "Le Mexique, pays champion du Pacte, accueillera la réunion.",
        {("MEX", None, "pays champion du Pacte")},
    ),
    (
        "es",
        "Chile se convirtió en país campeón del Pacto Mundial en 2021.",
        {("CHL", None, "país campeón del Pacto Mundial")},
    ),
    (
        "es",
        "Como país campeón del Pacto Mundial, Guatemala presentó su plan nacional.",
        {("GTM", None, "país campeón del Pacto Mundial")},
    ),
    (
        "es",
        "Ecuador forma parte de los países campeones del Pacto Mundial.",
        {("ECU", None, "países campeones del Pacto Mundial")},
    ),
]

CHAMPION_NO = [
    ("en", "Canada is a champion of human rights."),
    ("en", "Brazil is the football world champion country."),
    ("en", "Thailand plans to become a GCM champion country."),
    ("en", "Portugal is not a champion country."),
    ("en", "In Ghana, champion countries discussed climate mobility."),
    ("en", "Ghana hosted a dialogue for the champion countries of the Global Compact."),
    ("fr", "Le Sénégal souhaite devenir pays champion du Pacte mondial."),
    ("fr", "Le Niger n'est pas un pays champion."),
    ("fr", "Au Maroc, les pays champions du Pacte se sont réunis."),
    ("fr", "La France est championne du monde de football."),
    ("es", "Argentina, país campeón mundial de fútbol, recibió a la delegación."),
    ("es", "Bolivia busca convertirse en país campeón del Pacto Mundial."),
    ("es", "Perú no es un país campeón del Pacto Mundial."),
    ("es", "En Chile, los países campeones del Pacto debatieron."),
    ("en", "Prospective champion countries such as Bolivia and Paraguay attended as observers."),
    ("fr", "Les futurs pays champions, dont le Togo, ont assisté à la réunion."),
    ("es", "Los futuros países campeones, como Paraguay, asistieron como observadores."),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CHAMPION_YES)
def test_champion_statements_give_the_country(lang, text, expected):
    assert found(text, lang, "country-is-champion") == expected


@pytest.mark.parametrize(("lang", "text"), CHAMPION_NO)
def test_other_senses_intent_negation_and_mere_presence_give_no_champion(lang, text):
    assert found(text, lang, "country-is-champion") == set()


NETWORK_YES = [
    ("en", "The UN Network on Migration in Ecuador was launched on Tuesday.", "ECU"),
    (
        "en",
        "The Government of Zambia and the United Nations launched the UN Network on Migration in Zambia.",
        "ZMB",
    ),
    ("en", "Lesotho launched a country network on migration last week.", "LSO"),
    ("fr", "Le Réseau des Nations Unies sur les migrations au Maroc a été lancé mardi.", "MAR"),
    (
        "fr",
        "Le lancement officiel du Réseau national des Nations Unies sur les migrations en Côte d'Ivoire "
        "a eu lieu à Abidjan.",
        "CIV",
    ),
    ("es", "Se estableció la Red de las Naciones Unidas sobre la Migración en Chile.", "CHL"),
    (
        "es",
        "La Red de las Naciones Unidas sobre la Migración en Panamá fue lanzada oficialmente en 2021.",
        "PAN",
    ),
    ("es", "Ecuador lanzó oficialmente la Red Nacional de las Naciones Unidas sobre Migración.", "ECU"),
]

NETWORK_NO = [
    ("en", "The UN Network on Migration in Ghana will be launched next month."),
    ("en", "The UN Network on Migration in Kenya launched a report on labour migration."),
    ("en", "The Government plans to establish a UN Network on Migration in Nepal."),
    ("fr", "Le Réseau des Nations Unies sur les migrations au Niger sera lancé en juin."),
    ("fr", "Le Réseau des Nations Unies sur les migrations au Mali a lancé une campagne."),
    ("es", "El Gobierno prevé crear la Red de las Naciones Unidas sobre la Migración en Perú."),
    ("es", "La Red de las Naciones Unidas sobre la Migración en Panamá presentó su plan de trabajo."),
]


@pytest.mark.parametrize(("lang", "text", "iso"), NETWORK_YES)
def test_network_launch_gives_the_network_and_the_country(lang, text, iso):
    facts = found(text, lang, "network-established-in")
    assert {(s, o) for s, o, _ in facts} == {("UNNM", iso)}


@pytest.mark.parametrize(("lang", "text"), NETWORK_NO)
def test_future_plans_and_other_launches_give_no_network(lang, text):
    assert found(text, lang, "network-established-in") == set()


def test_network_subject_is_the_contract_id_of_the_un_network():
    ids = {org["id"] for org in load_json("organizations.json")["organizations"]}
    assert cue_data()["kinds"]["network-established-in"]["subject"]["id"] in ids


CO_CHAIR_YES = [
    (
        "es",
        "Marruecos y El Salvador, primeros copresidentes de la iniciativa, participaron en el debate.",
        {("MAR", None, "iniciativa"), ("SLV", None, "iniciativa")},
    ),
    (
        "es",
        "España copresidió, junto con Portugal, la revisión regional celebrada en Ginebra en marzo de 2024.",
        {("ESP", None, "revisión regional"), ("PRT", None, "revisión regional")},
    ),
    # the organisation after 'of the' is not what was co-chaired (and a mask is never read from its middle)
    (
        "en",
        "A meeting of the Global Forum on Migration and Development, co-chaired by Ghana and Kenya.",
        {("GHA", None, None), ("KEN", None, None)},
    ),
    (
        "en",
        "Morocco and Mexico co-chair the Group of Friends of the Global Compact.",
        {
            ("MAR", None, "Group of Friends of the Global Compact"),
            ("MEX", None, "Group of Friends of the Global Compact"),
        },
    ),
    (
        "en",
        "The Global Forum on Migration and Development, co-chaired by France and Morocco, met in Geneva.",
        {
            ("FRA", "GFMD", "Global Forum on Migration and Development"),
            ("MAR", "GFMD", "Global Forum on Migration and Development"),
        },
    ),
    (
        "en",
        "As co-chairs of the regional consultative process, Nepal and Sri Lanka opened the meeting.",
        {("NPL", None, "regional consultative process"), ("LKA", None, "regional consultative process")},
    ),
    (
        "fr",
        "Le Maroc copréside avec la République d'El Salvador l'initiative des pays champions.",
        {("MAR", None, "initiative des pays champions"), ("SLV", None, "initiative des pays champions")},
    ),
    (
        "fr",
        "En tant que coprésidents du Processus de Rabat, la France et le Sénégal ont ouvert la séance.",
        {("FRA", None, "Processus de Rabat"), ("SEN", None, "Processus de Rabat")},
    ),
    (
        "es",
        "México y Guatemala copresiden el Proceso de Quito desde 2022.",
        {("MEX", None, "Proceso de Quito"), ("GTM", None, "Proceso de Quito")},
    ),
    (
        "es",
        "Chile copreside, junto con el Reino de Marruecos, la iniciativa de países campeones.",
        {("CHL", None, "iniciativa de países campeones"), ("MAR", None, "iniciativa de países campeones")},
    ),
]

CO_CHAIR_NO = [
    ("en", "In Morocco, co-chairs of the forum met on Monday."),
    ("en", "Portugal will co-chair the next forum."),
    ("fr", "Au Maroc, les coprésidents du forum se sont réunis."),
    ("fr", "Le Portugal coprésidera le prochain forum."),
    ("es", "El Perú copresidirá la próxima reunión."),
    ("es", "En Chile, los copresidentes del foro se reunieron."),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CO_CHAIR_YES)
def test_co_chairs_give_each_country_and_the_initiative(lang, text, expected):
    assert found(text, lang, "country-co-chairs") == expected


@pytest.mark.parametrize(("lang", "text"), CO_CHAIR_NO)
def test_co_chairs_elsewhere_or_in_future_give_nothing(lang, text):
    assert found(text, lang, "country-co-chairs") == set()


WORKSHOP = [
    {
        "name": "workshop",
        "kind": "workshop",
        "places": ["Quito"],
        "country": "ECU",
        "start": "2024-05-02",
        "end": "2024-05-03",
        "organizers": [],
    }
]
WORKSHOP_ID = event_id(WORKSHOP[0])

FUNDED_YES = [
    (
        "en",
        "The workshop was funded by the Migration MPTF with US$ 2 million.",
        {("MPTF", WORKSHOP_ID, "US$ 2 million")},
    ),
    (
        "en",
        "The Migration MPTF allocated US$ 2.5 million to a joint programme in Ecuador.",
        {("MPTF", "ECU", "US$ 2.5 million")},
    ),
    ("en", "Projects in Ghana funded by the European Union reached 3,000 migrants.", {("EU", "GHA", None)}),
    ("en", "The meeting was held with support from the Migration MPTF.", {("MPTF", None, None)}),
    (
        "en",
        "The Migration MPTF approved US$ 3 million for a programme in Ecuador.",
        {("MPTF", "ECU", "US$ 3 million")},
    ),
    # a comma does not make a list of funders without a closing 'and': IOM only trained the officials
    ("en", "With funding from Norway, IOM trained 120 border officials in Ghana.", {("NOR", "GHA", None)}),
    (
        "fr",
        "L'atelier a été financé par l'Union européenne à hauteur de 2 millions d'euros.",
        {("EU", WORKSHOP_ID, "2 millions d'euros")},
    ),
    (
        "fr",
        "L'atelier a eu lieu grâce au soutien financier du Gouvernement de la Suisse.",
        {("CHE", WORKSHOP_ID, None)},
    ),
    (
        "es",
        "El taller fue financiado por la Unión Europea con 300.000 dólares.",
        {("EU", WORKSHOP_ID, "300.000 dólares")},
    ),
    (
        "es",
        "El Fondo Fiduciario de Asociados Múltiples para la Migración asignó 1,5 millones de dólares a un "
        "programa en Honduras.",
        {("MPTF", "HND", "1,5 millones de dólares")},
    ),
]

FUNDED_NO = [
    ("en", "The European Union provided technical support to the Government of Ghana."),
    ("en", "The dialogue was organised with the support of IOM and the Government of Ghana."),
    ("en", "The European Union will fund the next phase."),
    ("fr", "L'atelier a été organisé avec l'appui de l'OIM."),
    ("fr", "L'Union européenne financera la deuxième phase."),
    ("es", "El foro se celebró con el apoyo de la OIM."),
    ("es", "La Unión Europea no financió el proyecto."),
]


@pytest.mark.parametrize(("lang", "text", "expected"), FUNDED_YES)
def test_funding_gives_funder_object_and_amount(lang, text, expected):
    assert found(text, lang, "organization-funded", events=WORKSHOP) == expected


@pytest.mark.parametrize(("lang", "text"), FUNDED_NO)
def test_support_without_money_and_future_funding_give_nothing(lang, text):
    assert found(text, lang, "organization-funded", events=WORKSHOP) == set()


def test_a_programme_is_not_the_event_even_with_an_event_noun_far_away():
    text = "A Migration MPTF-funded programme helps people who come home, with advice and a workshop."
    record = make(text, "en", WORKSHOP)
    facts = status_facts(record, event_key=event_id)
    assert [(f["subject_id"], f["object_id"]) for f in facts] == [("MPTF", None)]


REVIEW_YES = [
    ("en", "Nepal submitted its voluntary GCM review ahead of the regional review.", "NPL"),
    (
        "en",
        "The voluntary national review submitted by Mexico covers all 23 objectives of the Compact.",
        "MEX",
    ),
    ("en", "Chile's voluntary national review of the Global Compact was presented in May.", "CHL"),
    ("fr", "Le Maroc a présenté son examen national volontaire du Pacte mondial.", "MAR"),
    ("fr", "L'examen national volontaire du Sénégal sur la mise en œuvre du Pacte a été validé.", "SEN"),
    ("es", "Perú presentó su revisión nacional voluntaria del Pacto Mundial.", "PER"),
    (
        "es",
        "La revisión nacional voluntaria de Colombia sobre el Pacto Mundial fue presentada en 2024.",
        "COL",
    ),
]

REVIEW_NO = [
    ("en", "Ghana presented its Voluntary National Review at the High-Level Political Forum on the SDGs."),
    ("en", "Chile will present its voluntary national review of the Compact next year."),
    ("en", "Costa Rica is preparing its voluntary national review on migration."),
    (
        "fr",
        "Le Bénin a présenté son examen national volontaire sur les ODD au Forum politique de haut niveau.",
    ),
    ("fr", "Le Togo présentera son examen national volontaire du Pacte en 2025."),
    (
        "es",
        "Uruguay presentó su informe nacional voluntario sobre los ODS en el Foro Político de Alto Nivel.",
    ),
    ("es", "Paraguay prevé presentar su revisión nacional voluntaria del Pacto."),
    ("en", "Ghana presented its voluntary national review on the SDGs, with a chapter on migration."),
    (
        "fr",
        "Le Bénin a présenté son examen national volontaire sur les ODD, avec un chapitre sur la migration.",
    ),
    ("es", "Uruguay presentó su informe nacional voluntario sobre los ODS, con un capítulo sobre migración."),
]


@pytest.mark.parametrize(("lang", "text", "iso"), REVIEW_YES)
def test_voluntary_gcm_review_gives_the_country(lang, text, iso):
    assert {s for s, _, _ in found(text, lang, "country-reviewed-gcm")} == {iso}


@pytest.mark.parametrize(("lang", "text"), REVIEW_NO)
def test_sdg_reviews_and_future_reviews_give_nothing(lang, text):
    assert found(text, lang, "country-reviewed-gcm") == set()


def test_span_is_the_sentence_of_the_cue():
    first = "The Government of Ghana hosted the retreat."
    second = "Kenya, one of the champion countries of the Global Compact, opened it."
    text = f"{first} {second} The closing session was online."
    (fact,) = status_facts(make(text, "en"))
    assert text[fact["span_start"] : fact["span_end"]] == second
    assert fact["subject_id"] == "KEN"


def test_the_country_anaphor_takes_the_single_country_of_the_previous_sentence():
    text = "Indonesia adopted its national plan in March. The country became a GCM Champion in 2021."
    (fact,) = status_facts(make(text, "en"))
    assert (fact["subject_id"], fact["span_start"], fact["span_end"]) == ("IDN", 0, len(text))
    assert fact["confidence"] < kind_confidences()["country-is-champion"]
    two = "Indonesia and Kenya met in March. The country became a GCM Champion in 2021."
    assert status_facts(make(two, "en")) == []


def test_french_record_is_not_read_with_spanish_look_alikes():
    text = "Le Maroc copréside avec la République d'El Salvador l'initiative des pays champions."
    values = {f["value"] for f in status_facts(make(text, "fr"))}
    assert values == {"initiative des pays champions"}


def test_derive_carries_status_facts_with_provenance():
    text = "Ecuador became a GCM Champion country in 2022. The workshop was funded by the Migration MPTF."
    derived = derive(make(text, "en", WORKSHOP), "1.2.3")
    facts = {f["kind"]: f for f in derived.facts if f["kind"] in kind_confidences()}
    assert set(facts) == {"country-is-champion", "organization-funded"}
    champion = facts["country-is-champion"]
    assert (champion["subject_type"], champion["subject_id"], champion["extractor_version"]) == (
        "country",
        "ECU",
        "1.2.3",
    )
    assert champion["observed_on"] == "2024-05" and len(champion["fact_key"]) == 24
    assert (
        text[champion["span_start"] : champion["span_end"]]
        == "Ecuador became a GCM Champion country in 2022."
    )
    assert facts["organization-funded"]["object_type"] == "event"
    assert facts["organization-funded"]["object_id"] == WORKSHOP_ID
    assert all(CONFIDENCE[k] == v for k, v in kind_confidences().items())


def test_money_units_follow_the_figures_table():
    units = json.loads(resources.files("pactwatch.extract").joinpath("data", "units.json").read_text("utf-8"))
    assert set(units["currency_prefixes"]) <= set(cue_data()["money_units"])


def test_end_to_end_english_through_extract_text():
    text = (
        "Quito, 12 March 2024 – The UN Network on Migration in Ecuador was launched on Tuesday. "
        "Ecuador became a GCM Champion country in 2022. "
        "Morocco and Mexico co-chair the Group of Friends of the Global Compact. "
        "Chile presented its voluntary national review of the GCM last year. "
        "Thailand plans to become a champion country."
    )
    record = extract_text(text)
    got = {(f["kind"], f["subject_id"], f["object_id"]) for f in derive(record, "e2e").facts}
    assert {
        ("network-established-in", "UNNM", "ECU"),
        ("country-is-champion", "ECU", None),
        ("country-co-chairs", "MAR", None),
        ("country-co-chairs", "MEX", None),
        ("country-reviewed-gcm", "CHL", None),
    } <= got
    assert not any(kind == "country-is-champion" and subject == "THA" for kind, subject, _ in got)


def test_end_to_end_french_and_spanish_through_extract_text():
    fr = extract_text(
        "Rabat, 3 mai 2023 – Le Réseau des Nations Unies sur les migrations au Maroc a été lancé mardi. "
        "Le Royaume du Maroc est un pays champion du Pacte mondial depuis 2020. "
        "L'atelier a été financé par l'Union européenne à hauteur de 2 millions d'euros."
    )
    es = extract_text(
        "Santiago, 3 de mayo de 2023 – Se estableció la Red de las Naciones Unidas sobre la Migración "
        "en Chile. "
        "Chile se convirtió en país campeón del Pacto Mundial en 2021. "
        "Bolivia busca convertirse en país campeón del Pacto Mundial."
    )
    got_fr = {(f["kind"], f["subject_id"], f["object_type"]) for f in derive(fr, "e2e").facts}
    got_es = {(f["kind"], f["subject_id"], f["object_id"]) for f in derive(es, "e2e").facts}
    assert {("network-established-in", "UNNM", "country"), ("country-is-champion", "MAR", None),
            ("organization-funded", "EU", "event")} <= got_fr  # fmt: skip
    assert {("network-established-in", "UNNM", "CHL"), ("country-is-champion", "CHL", None)} <= got_es
    assert not any(kind == "country-is-champion" and subject == "BOL" for kind, subject, _ in got_es)


# --- the screen (which patterns can match where) is a speed-up only: it never changes a result -------

REGRESSION = [  # one text per language with every kind, and one with odd white space; facts pinned
    (
        "en",
        "Geneva, 4 June 2024 – Kenya, which is now a GCM Champion country, hosted a regional meeting on "
        "labour mobility. The UN Network on Migration in Nepal was launched in 2021. Ghana and Ecuador "
        "co-chair the Group of Friends of the Global Compact. The workshop was funded by the European "
        "Union with US$ 2 million. Thailand plans to become a champion country.",
        [
            ("country-is-champion", "KEN", None, "GCM Champion country", 0, 111, 0.8),
            ("network-established-in", "UNNM", "NPL", "launched", 112, 170, 0.8),
            ("country-co-chairs", "ECU", None, "Group of Friends of the Global Compact", 171, 241, 0.75),
            ("country-co-chairs", "GHA", None, "Group of Friends of the Global Compact", 171, 241, 0.75),
            ("organization-funded", "EU", WORKSHOP_ID, "US$ 2 million", 242, 307, 0.75),
        ],
    ),
    (
        "fr",
        "Dakar, 5 mars 2024 – Le Bénin fait partie des pays champions du Pacte mondial depuis 2022. "
        "Le Réseau des Nations Unies sur les migrations au Togo a été officiellement lancé lundi. "
        "L'atelier a été financé par l'Union européenne à hauteur de 3 millions d'euros. "
        "Le Maroc a présenté son examen national volontaire du Pacte mondial. "
        "Le Niger souhaite devenir pays champion.",
        [
            ("country-is-champion", "BEN", None, "pays champions du Pacte mondial", 0, 90, 0.8),
            ("network-established-in", "UNNM", "TGO", "lancé", 91, 179, 0.8),
            ("organization-funded", "EU", WORKSHOP_ID, "3 millions d'euros", 180, 259, 0.75),
            ("country-reviewed-gcm", "MAR", None, "examen national volontaire", 260, 328, 0.8),
        ],
    ),
    (
        "es",
        "Ciudad de México, 2 de abril de 2024 – Honduras se convirtió en país campeón del Pacto Mundial "
        "en 2022. La Red de las Naciones Unidas sobre la Migración en Costa Rica fue lanzada "
        "oficialmente en 2023. México y Guatemala copresiden el Proceso de Quito desde 2021. "
        "El taller fue financiado por la Unión Europea con 500.000 dólares. Uruguay presentó su "
        "revisión nacional voluntaria del Pacto Mundial.",
        [
            ("country-is-champion", "HND", None, "país campeón del Pacto Mundial", 0, 103, 0.8),
            ("network-established-in", "UNNM", "CRI", "lanzada", 104, 200, 0.8),
            ("country-co-chairs", "GTM", None, "Proceso de Quito", 201, 262, 0.75),
            ("country-co-chairs", "MEX", None, "Proceso de Quito", 201, 262, 0.75),
            ("organization-funded", "EU", WORKSHOP_ID, "500.000 dólares", 263, 329, 0.75),
            ("country-reviewed-gcm", "URY", None, "revisión nacional voluntaria", 330, 397, 0.8),
        ],
    ),
    (
        "en",
        "Indonesia adopted its plan in May.\nThe country\tbecame a GCM\u00a0Champion in 2021. "
        "The workshop was\nfunded\u2009by the Migration MPTF with US$ 1 million.",
        [
            ("country-is-champion", "IDN", None, "GCM Champion", 0, 77, 0.64),
            ("organization-funded", "MPTF", None, "US$ 1 million", 95, 143, 0.75),
        ],
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), REGRESSION)
def test_representative_texts_keep_their_facts(lang, text, expected):
    facts = status_facts(make(text, lang, WORKSHOP), event_key=event_id)
    assert [(f["kind"], f["subject_id"], f["object_id"], f["value"], f["span_start"], f["span_end"],
             f["confidence"]) for f in facts] == expected  # fmt: skip


def screen_texts() -> list[tuple[str, str]]:
    """Every test text above, one multi-sentence text per language, and each with odd white space,
    accents and case (character for character, so the entity offsets hold)."""
    lists = [CHAMPION_YES, CHAMPION_NO, NETWORK_YES, NETWORK_NO, CO_CHAIR_YES, CO_CHAIR_NO, FUNDED_YES,
             FUNDED_NO, REVIEW_YES, REVIEW_NO, REGRESSION]  # fmt: skip
    texts = [(lang, text) for items in lists for lang, text, *_ in items]
    texts += [(lang, " ".join(t for code, t in texts if code == lang)) for lang in ("en", "fr", "es")]
    tabs = str.maketrans({" ": "\t", "e": "é", "'": "\u2019"})
    thin = str.maketrans({" ": "\u2009", "o": "O", "a": "á"})
    return texts + [(lang, text.translate(odd)) for lang, text in texts for odd in (tabs, thin)]


def test_the_screen_never_changes_what_is_found(monkeypatch):
    """Every pattern run on every sentence (the table's rules without clauses) finds the same facts."""
    records = [make(text, lang, WORKSHOP) for lang, text in screen_texts()]
    records += [{**record, "lang": None} for record in records[::5]]  # all three languages' patterns
    screened = [status_facts(record, event_key=event_id) for record in records]
    assert sum(map(len, screened)) > 100
    full = status.tables()
    bare = replace(full, rules=tuple(replace(rule, clauses=()) for rule in full.rules))
    monkeypatch.setattr(status, "tables", lambda: bare)
    status._screen.cache_clear()
    try:
        assert [status_facts(record, event_key=event_id) for record in records] == screened
    finally:
        monkeypatch.undo()
        status._screen.cache_clear()


def test_every_clause_holds_where_its_pattern_matches():
    """The clauses read off a pattern are met by each sentence the pattern matches in (the screen is
    sound), and the cue patterns have clauses of words at all (it screens)."""
    rules = status.tables().rules
    assert all(any(not clause & set(status.MASK.values()) for clause in rule.clauses) for rule in rules)
    matched = 0
    for lang, text in screen_texts():
        record = make(text, lang, WORKSHOP)
        low, spaced = status._lowered(text)
        view = status._view(low, status._spots(record))
        for start, end in sentence_bounds(text):
            for rule in rules:
                for _ in rule.regex.finditer(view[start:end]):
                    matched += 1
                    words = {w for c in rule.clauses for w in c}
                    present = {w for w in words if w in spaced[start:end] or w in view[start:end]}
                    assert all(not clause.isdisjoint(present) for clause in rule.clauses), (rule, text)
    assert matched > 100


def test_clause_words_keep_white_space_and_skip_words_inside_words():
    (rule,) = [r for r in status.tables().rules if r.kind == "organization-funded" and r.lang == "en"
               and "allocated" in r.regex.pattern]  # fmt: skip
    words = {w for clause in rule.clauses for w in clause}
    assert " allocate" in words and " grants" in words  # 'migrants' holds 'grants', not ' grants'
    assert status._needs(re.compile(r"abc\s+cde(?:fg|hi)?x{2}")) == (frozenset({"abc "}), frozenset({" cde"}))
    # one word of each branch ('longer' holds 'long'); 'yz' is too short to screen with
    assert status._needs(re.compile(r"(?:long|longer)\s*word|other")) == (frozenset({"long", "other"}),)
    assert status._needs(re.compile(r"x?yz|abcd")) == ()


def test_text_without_cue_words_skips_masking_and_sentence_splitting(monkeypatch):
    def boom(*_):
        raise AssertionError("split a text no pattern can match")

    monkeypatch.setattr(status, "sentence_bounds", boom)
    monkeypatch.setattr(status, "_view", boom)
    text = "Kenya and Ghana discussed labour mobility with IOM in Geneva. Nepal hosted the next meeting."
    assert status_facts(make(text, "en")) == []
    with pytest.raises(AssertionError, match="split"):
        status_facts(make("Kenya became a GCM Champion country.", "en"))


@given(st.text(alphabet=st.characters(max_codepoint=0x2FFF), max_size=60))
def test_lowered_views_are_plain_character_for_character(text):
    low, spaced = status._lowered(text)
    assert low == status.plain(lower_view(text)) == "".join(map(status._base, lower_view(text)))
    assert spaced == re.sub(r"\s", " ", low) and len(spaced) == len(text)


PIECES = ["champion", " champions", "ampi", " ", "co-chair", "x", "\ue000", " funded", "fund"]


@given(st.lists(st.sampled_from(PIECES), max_size=12))
def test_the_finder_reports_every_occurrence_of_every_word(parts):
    screen = status._screen(("en",))
    text = "".join(parts)
    brute = {(i, w) for w in screen.heads for i in range(len(text)) if text.startswith(w, i)}
    assert set(screen.found(text)) == brute

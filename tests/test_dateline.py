"""Datelines in the forms French, English and Spanish releases use."""

import pytest

from pactwatch.text.dateline import find_dateline


@pytest.mark.parametrize(
    ("body", "lang", "places", "countries", "date_text"),
    [
        ("Accra – Du 28 au 30 novembre, le gouvernement a réuni les pays.", "fr", ["Accra"], ["GHA"],
         "Du 28 au 30 novembre"),
        ("Genève, Gand, 30 avril - La directrice a salué le texte.", "fr", ["Genève", "Gand"], ["CHE", "BEL"],
         "30 avril"),
        ("New York – Aujourd'hui, à l'occasion d'une réunion, le rapport a été publié.", "fr", ["New York"],
         ["USA"], "Aujourd'hui"),
        ("GENEVA, 12 March 2024 – The network published its report.", "en", ["GENEVA"], ["CHE"],
         "12 March 2024"),
        ("Geneva/Nairobi – 3 May – Two regional offices signed the plan.", "en", ["Geneva", "Nairobi"],
         ["CHE", "KEN"], "3 May"),
        ("Ciudad de Panamá, 14 de junio – La red regional presentó su plan.", "es", ["Ciudad de Panamá"], ["PAN"],
         "14 de junio"),
        ("Buenos Aires - La OIM y el gobierno firmaron un acuerdo de cooperación.", "es", ["Buenos Aires"],
         ["ARG"], None),
    ],
)
def test_datelines(body, lang, places, countries, date_text):
    found = find_dateline(body, lang)
    assert found is not None
    assert [p["name"] for p in found["places"]] == places
    assert [p["country"] for p in found["places"]] == countries
    assert found["date_text"] == date_text
    assert body.startswith(found["text"])


@pytest.mark.parametrize(
    "body",
    [
        "Le dialogue a abouti à une série de recommandations - qui seront prises en compte.",
        "Representatives of 28 countries – from Africa, Europe and Latin America – met in Accra.",
        "La promotion d’une migration sûre et régulière ;",
        "",
    ],
)
def test_no_dateline_in_ordinary_sentences(body):
    assert find_dateline(body, "fr") is None


def test_country_in_parentheses_after_the_city():
    found = find_dateline("MÁLAGA (España), 25 de octubre – Representantes de gobiernos cerraron hoy el foro.", "es")
    assert found["places"] == [{"name": "MÁLAGA", "country": "ESP"}]
    assert found["date_text"] == "25 de octubre"


def test_date_after_the_dash_with_a_leading_article():
    found = find_dateline("Tegucigalpa - Los días 21 y 22 de noviembre de 2023, autoridades se reunieron.", "es")
    assert found["places"][0]["country"] == "HND"
    assert found["date_text"] == "Los días 21 y 22 de noviembre de 2023"


@pytest.mark.parametrize(
    ("body", "lang", "place", "country", "date_text"),
    [
        ("NAIROBI, Jan 9 (Reuters) - Officials from five countries agreed on a plan.", "en", "NAIROBI", "KEN",
         "Jan 9"),
        ("LIMA, 3 jul (EFE).- Las autoridades migratorias presentaron un plan nuevo.", "es", "LIMA", "PER", "3 jul"),
        ("Sevilla, 8 de mayo (Europa Press) - Varias asociaciones pidieron más citas.", "es", "Sevilla", "ESP",
         "8 de mayo"),
        ("ABIDJAN (AFP) - Des délégués de dix pays se sont réunis pour un atelier.", "fr", "ABIDJAN", "CIV", None),
        ("Quito, 2 de febrero de 2024. El Gobierno y la OIM firmaron un convenio nuevo.", "es", "Quito", "ECU",
         "2 de febrero de 2024"),
    ],
)
def test_wire_and_full_stop_datelines(body, lang, place, country, date_text):
    found = find_dateline(body, lang)
    assert found is not None
    assert (found["places"][0]["name"], found["places"][0]["country"]) == (place, country)
    assert found["date_text"] == date_text


def test_a_sentence_with_a_full_stop_is_not_a_dateline():
    assert find_dateline("Dr. Ana Torres presentó el informe. La reunión siguió.", "es") is None


def test_ambiguous_city_follows_the_countries_the_text_names():
    body = ("San José, 14 de marzo de 2024. El gobierno de Costa Rica firmó un acuerdo con España.\n"
            "Costa Rica ampliará las contrataciones temporales.")
    assert find_dateline(body, "es")["places"][0]["country"] == "CRI"
    assert find_dateline("San Jose, March 3 – Tech firms met city officials.", "en")["places"][0]["country"] == "USA"

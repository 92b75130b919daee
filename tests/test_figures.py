"""The figures stage: counted quantities in French, English and Spanish, and what is not one."""

from __future__ import annotations

import json
import time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.document import Document
from pactwatch.extract.figures import figure_stage, find_figures, parse_number

DEV = Path("/work/shared/corpus/dev")


def pairs(text: str, lang: str | None) -> list[tuple[float, str]]:
    return [(f["value"], f["unit"]) for f in find_figures(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # plain counts
        ("La réunion a rassemblé 32 pays de la région.", "fr", [(32, "country")]),
        ("Delegates from 41 countries met in Bangkok.", "en", [(41, "country")]),
        ("Asistieron delegados de 19 países del continente.", "es", [(19, "country")]),
        # thousands: spaces, narrow no-break spaces, dots (FR/ES), commas (EN)
        ("Plus de 2 300 participants étaient inscrits.", "fr", [(2300, "participant")]),
        ("Au total, 12\u202f400 migrants ont été assistés.", "fr", [(12400, "migrant")]),
        ("Unos 3.200 participantes se conectaron.", "es", [(3200, "participant")]),
        ("Some 4,750 migrants received help.", "en", [(4750, "migrant")]),
        ("The fund reached 1,250,000 people.", "en", [(1250000, "person")]),
        # multipliers and decimals
        ("On estime à 2,4 millions de migrants la population concernée.", "fr", [(2400000, "migrant")]),
        ("About 1.8 million people were displaced.", "en", [(1800000, "person")]),
        ("Se registraron 15 mil migrantes en tránsito.", "es", [(15000, "migrant")]),
        ("Quelque 2 millions de personnes migrantes vivent ici.", "fr", [(2000000, "migrant")]),
        # money
        ("The donors pledged USD 4.5 million to the fund.", "en", [(4500000, "usd")]),
        ("A grant of $750,000 was approved.", "en", [(750000, "usd")]),
        ("Le projet dispose de 6,5 millions d'euros.", "fr", [(6500000, "eur")]),
        ("Se destinaron 3 millones de dólares al programa.", "es", [(3000000, "usd")]),
        ("Un budget de 800 000 francs suisses.", "fr", [(800000, "chf")]),
        # percentages only with a sign or the words
        ("Les femmes représentent 48 % des participants.", "fr", [(48, "percent")]),
        ("Remittances rose by 7 per cent last year.", "en", [(7, "percent")]),
        ("Un 35 por ciento de los encuestados respondió.", "es", [(35, "percent")]),
        # number words up to twenty
        ("Sept pays ont signé la déclaration.", "fr", [(7, "country")]),
        ("Twelve recommendations were adopted.", "en", [(12, "recommendation")]),
        ("Se presentaron cuatro proyectos nuevos.", "es", [(4, "project")]),
        ("Deux millions de personnes sont concernées.", "fr", [(2000000, "person")]),
        # adjectives between number and unit; multi-word units
        ("Elle a rencontré 150 jeunes migrants à Tunis.", "fr", [(150, "migrant")]),
        ("Nine new projects were launched.", "en", [(9, "project")]),
        ("Ya existen 62 redes de país en el mundo.", "es", [(62, "network")]),
        ("Il existe désormais 55 réseaux de pays.", "fr", [(55, "network")]),
        ("The review covered 18 country networks.", "en", [(18, "network")]),
        ("Les 193 États membres ont voté.", "fr", [(193, "member-state")]),
        ("All 193 Member States agreed.", "en", [(193, "member-state")]),
        ("Unos 600 niños migrantes fueron atendidos.", "es", [(600, "child")]),
        ("They trained 250 migrant workers.", "en", [(250, "worker")]),
        ("Le texte compte 10 principes directeurs.", "fr", [(10, "principle")]),
        ("The dialogue gathered 1 200 delegates.", "en", [(1200, "delegate")]),
        ("Se entrevistó a 2.500 encuestados.", "es", [(2500, "respondent")]),
        ("Some 45 civil society organizations joined.", "en", [(45, "organization")]),
        ("Après la COVID-19 280 pays ont répondu.", "fr", [(280, "country")]),  # '19' is not glued to '280'
    ],
)
def test_figures_found(text: str, lang: str, expected: list[tuple[float, str]]) -> None:
    assert pairs(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Le Pacte a été adopté en 2018 à Marrakech.", "fr"),
        ("L'organisation œuvre depuis 1951 dans la région.", "fr"),
        ("In 2019 migrants faced new barriers.", "en"),
        ("La réunion s'est tenue le 30 avril à Rabat.", "fr"),
        ("The forum runs from 17 to 20 May.", "en"),
        ("El taller tuvo lugar del 3 al 5 de junio.", "es"),
        ("Lors de la 77e session de l'Assemblée générale, les pays ont débattu.", "fr"),
        ("At the 5th meeting, countries discussed it.", "en"),
        ("Les discussions de la COP 29 pays ont continué.", "fr"),
        ("Objective 23 countries should enhance cooperation.", "en"),
        ("Según el objetivo 7 migrantes deben ser protegidos.", "es"),
        ("Voir la résolution 73/195 des Nations Unies.", "fr"),
        ("The COVID-19 pandemic hit migrants hard.", "en"),
        ("Appelez le +41 79 123 45 67 pour les migrants.", "fr"),
        ("Trente pour cent des migrants sont des femmes.", "fr"),  # number word above twenty: no figure
        ("Vingt-deux pays ont signé.", "fr"),  # compound number words are not read as 'deux'
        ("Les recommandations 3 et 4 portent sur les migrants.", "fr"),
        ("Il a fallu 10 jours aux migrants pour arriver.", "fr"),
        ("Le budget atteint 2 millions.", "fr"),  # a multiplier alone has no unit
        ("One in five migrants is a child.", "en"),  # the base of a ratio
        ("Uno de cada cuatro migrantes es mujer.", "es"),
    ],
)
def test_not_figures(text: str, lang: str) -> None:
    assert find_figures(text, lang) == []


def test_offsets_and_text_point_into_body() -> None:
    body = "Accra – Plus de 1 500 participants venus de 28 pays africains ont salué les 3,5 millions d'euros."
    figures = find_figures(body, "fr")
    assert [f["text"] for f in figures] == ["1 500 participants", "28 pays", "3,5 millions d'euros"]
    for f in figures:
        assert body[f["start"] : f["end"]] == f["text"]


def test_currency_prefix_is_part_of_the_text() -> None:
    body = "The appeal seeks USD 2.5 million for shelters."
    [fig] = find_figures(body, "en")
    assert (fig["text"], fig["value"], fig["unit"]) == ("USD 2.5 million", 2500000, "usd")


@pytest.mark.parametrize(
    ("text", "lang", "qualifier"),
    [
        ("Plus de 40 pays étaient représentés.", "fr", "more-than"),
        ("Près de 300 migrants ont été secourus.", "fr", "about"),
        ("Nearly 90 participants attended.", "en", "about"),
        ("At least 12 children were found.", "en", "at-least"),
        ("Casi 500 personas llegaron.", "es", "about"),
        ("Más de 20 países participaron.", "es", "more-than"),
        ("Moins de 10 projets ont été retenus.", "fr", "less-than"),
    ],
)
def test_qualifiers(text: str, lang: str, qualifier: str) -> None:
    [fig] = find_figures(text, lang)
    assert fig["qualifier"] == qualifier


def test_no_qualifier_field_without_one() -> None:
    [fig] = find_figures("Les 28 pays ont adopté le texte.", "fr")
    assert "qualifier" not in fig


def test_a_year_with_a_qualifier_is_a_count() -> None:
    assert pairs("Plus de 2000 participants étaient présents.", "fr") == [(2000, "participant")]


def test_language_tables_are_kept_apart() -> None:
    # Spanish 'red' is a network; in English it is a colour.
    assert pairs("Five red flags were raised.", "en") == []
    assert pairs("Se creó 1 red nacional.", "es") == [(1, "network")]
    # with no language, all three tables are used
    assert pairs("Seis países y 40 countries.", None) == [(6, "country"), (40, "country")]


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1 500", Decimal(1500)),
        ("1\u202f500", Decimal(1500)),
        ("1.500", Decimal(1500)),
        ("1,500", Decimal(1500)),
        ("1,2", Decimal("1.2")),
        ("2.5", Decimal("2.5")),
        ("10.000,50", Decimal("10000.50")),
        ("1,250,000.75", Decimal("1250000.75")),
        ("3 000 000", Decimal(3000000)),
    ],
)
def test_parse_number(raw: str, value: Decimal) -> None:
    assert parse_number(raw) == value


def test_stage_writes_doc_figures() -> None:
    doc = Document(source="t", body="Les 14 recommandations du rapport.", lang="fr")
    figure_stage(doc)
    assert doc.figures == [
        {"value": 14, "unit": "recommendation", "text": "14 recommandations", "start": 4, "end": 22}
    ]


def dev_bodies() -> list[tuple[str, dict]]:
    if not (DEV / "gold.json").exists():
        return []
    out = []
    for gold in json.loads((DEV / "gold.json").read_text(encoding="utf-8")):
        text = (DEV / gold["file"]).read_text(encoding="utf-8")
        body = text[text.index(gold["title"]) + len(gold["title"]) :].lstrip("\n")
        out.append((body, gold))
    return out


@pytest.mark.skipif(not dev_bodies(), reason="dev corpus not available")
@pytest.mark.parametrize(
    ("body", "gold"), dev_bodies(), ids=lambda x: x["file"] if isinstance(x, dict) else ""
)
def test_dev_corpus_figures(body: str, gold: dict) -> None:
    found = sorted(pairs(body, gold["lang"]))
    assert found == sorted((f["value"], f["unit"]) for f in gold["figures"])


def test_speed_well_under_a_millisecond() -> None:
    body = " ".join(body for body, _ in dev_bodies()) or "Plus de 1 500 participants de 28 pays. " * 60
    words = body.split()
    body = " ".join((words * (700 // len(words) + 1))[:700])
    find_figures(body, "fr")
    runs = 50
    began = time.perf_counter()
    for _ in range(runs):
        find_figures(body, "fr")
    assert (time.perf_counter() - began) / runs < 0.002  # generous bound for slow CI machines


PIECES = [*"0123456789 ,.%$€+-/:\n", "pays", "dos", " millions de ", "USD", "COP ", "plus de "]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_text_gives_figures_with_valid_spans(text: str) -> None:
    for fig in find_figures(text, "fr"):
        assert text[fig["start"] : fig["end"]] == fig["text"]
        assert isinstance(fig["value"], int | float)

"""Reference tables and lookups for countries and places (pactwatch.knowledge.geo)."""

from __future__ import annotations

import time

import pytest

from pactwatch.knowledge import load_json, load_tsv
from pactwatch.knowledge.geo import (
    CASE_PROPER,
    Gazetteer,
    TokenStream,
    case_ok,
    country_name,
    iso_codes,
    language_names,
    lookup_place,
    place_index,
    place_key,
)
from pactwatch.knowledge.orgs import name_case
from pactwatch.text.matching import CASE_ANY, CASE_CAPITALIZED, CASE_EXACT
from pactwatch.text.normalize import fold


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Genève", "CHE"),
        ("Ginebra", "CHE"),
        ("Geneva", "CHE"),
        ("Genf", "CHE"),
        ("Женева", "CHE"),
        ("Gand", "BEL"),
        ("Gante", "BEL"),
        ("Bruxelles", "BEL"),
        ("Bruselas", "BEL"),
        ("New York", "USA"),
        ("Nueva York", "USA"),
        ("Accra", "GHA"),
        ("Ciudad de Panamá", "PAN"),
        ("ciudad de panama", "PAN"),
        ("Le Caire", "EGY"),
        ("La Haye", "NLD"),
        ("Addis-Abeba", "ETH"),
        ("Addis Abeba", "ETH"),
        ("N'Djamena", "TCD"),
        ("Londres", "GBR"),
        ("Darién", "PAN"),
        ("Lampedusa", "ITA"),
    ],
)
def test_lookup_place_in_any_language(name, iso3):
    assert lookup_place(name) == {"name": name, "country": iso3}


def test_lookup_place_prefers_the_most_populous_city():
    # Florence (Italy) over Florence, Alabama; Geneva (Switzerland) over Geneva, Illinois
    assert lookup_place("Florence")["country"] == "ITA"
    assert lookup_place("Geneva")["country"] == "CHE"
    assert lookup_place("Mexico")["country"] == "MEX"


def test_lookup_place_unknown_or_empty():
    assert lookup_place("Zzyzxville") is None
    assert lookup_place("") is None
    assert lookup_place("   ") is None


def test_lookup_place_strips_spaces():
    assert lookup_place("  Dakar ") == {"name": "Dakar", "country": "SEN"}


def test_place_index_skips_junk_transliterations():
    index = place_index()
    assert "ri nei wa" not in index  # a lower-case romanisation of Geneva's Chinese name
    assert "gva" not in index  # an airport code


def test_place_key_folds_accents_case_and_hyphens():
    assert place_key("Addis-Abeba") == place_key("addis abeba") == "addis abeba"
    assert place_key("Genève") == "geneve"
    assert place_key("Cox’s Bazar") == place_key("Cox's Bazar")


def test_country_name_is_cldr():
    assert country_name("GHA") == "Ghana"
    assert country_name("USA") == "United States"
    assert country_name("MAR", "fr") == "Maroc"
    assert country_name("DEU", "es") == "Alemania"
    assert country_name("XKX") == "Kosovo"
    assert country_name("ZZZ") == "ZZZ"


def test_iso_codes_map_alpha2_to_alpha3():
    codes = iso_codes()
    assert codes["GH"] == "GHA" and codes["SV"] == "SLV" and codes["CD"] == "COD"
    assert "EU" not in codes and "UN" not in codes  # CLDR pseudo-territories are not countries


def test_adjective_table_covers_every_un_member_state():
    rows = load_tsv("country_adjectives.tsv")
    codes = {c for r in rows for c in r["iso3"].split("|")}
    assert len(codes - {"PSE", "XKX"}) == 193
    assert codes <= set(iso_codes().values())
    columns = ("fr_m", "fr_f", "fr_mpl", "fr_fpl", "en", "en_pl", "es_m", "es_f", "es_mpl", "es_fpl")
    assert all(set(columns) <= set(r) for r in rows)
    venezuela = next(r for r in rows if r["iso3"] == "VEN")
    assert (venezuela["fr_mpl"], venezuela["en"], venezuela["es_mpl"]) == (
        "vénézuéliens",
        "Venezuelan",
        "venezolanos",
    )


def test_french_and_spanish_adjectives_are_lower_case_and_english_capitalised():
    for row in load_tsv("country_adjectives.tsv"):
        for column in ("fr_m", "fr_f", "fr_mpl", "fr_fpl", "es_m", "es_f", "es_mpl", "es_fpl"):
            assert all(f == f.lower() for f in row[column].split("/") if f), (row["iso3"], column)
        assert all(f[:1].isupper() for f in row["en"].split("/") if f), row["iso3"]


@pytest.mark.parametrize(
    "name",
    [
        "countries_extra.tsv",
        "country_adjectives.tsv",
        "country_ambiguity.tsv",
        "entity_stoplist.tsv",
        "language_cues.tsv",
        "place_aliases.tsv",
    ],
)
def test_every_tsv_table_names_its_source(name):
    from importlib import resources

    text = resources.files("pactwatch.knowledge").joinpath("data", name).read_text(encoding="utf-8")
    assert any(line.startswith("# source:") for line in text.splitlines())


@pytest.mark.parametrize(
    "name",
    [
        "geo_rules.json",
        "place_rules.json",
        "organizations.json",
        "org_patterns.json",
        "subnational_names.json",
        "arabic_clitics.json",
        "russian_declension.json",
    ],
)
def test_every_json_table_names_its_source(name):
    assert load_json(name)["_source"]


def test_language_names_come_from_cldr_in_three_languages():
    names = language_names()
    assert {"anglais", "english", "ingles", "arabe", "arabic", "chinois", "espanol"} <= names


def test_token_stream_offsets_and_keys():
    stream = TokenStream("Le Royaume du Maroc, l’OIM")
    assert stream.keys == ["le", "royaume", "du", "maroc", "l", "oim"]
    assert stream.word(3) == "Maroc" and stream.span(1, 4) == "Royaume du Maroc"
    assert stream.glued(2) and not stream.glued(4)  # a comma breaks a name
    assert stream.glued(5)  # an apostrophe does not


def test_gazetteer_longest_match_and_case():
    g = Gazetteer()
    g.add("Guinée", "GIN")
    g.add("Guinée-Bissau", "GNB")
    g.add("UE", "EU", CASE_EXACT)
    g.add("Chile", "CHL", CASE_CAPITALIZED)
    found = [(m.text, m.payload) for m in g.find("La Guinée-Bissau, la Guinée et l'UE; ue; chile y Chile.")]
    assert found == [("Guinée-Bissau", "GNB"), ("Guinée", "GIN"), ("UE", "EU"), ("Chile", "CHL")]


def test_place_index_builds_fast():
    place_index.cache_clear()
    started = time.perf_counter()
    place_index()
    assert time.perf_counter() - started < 3.0  # about 0.6 s on one core; generous for a busy machine


def test_case_proper_lets_generic_words_be_lower_case():
    phrase = "Réseau des Nations Unies"
    rule = (CASE_PROPER, (2, 3))
    assert case_ok("réseau des Nations Unies", phrase, rule)
    assert case_ok("Réseau des nations unies", phrase, rule)  # a first capital is enough, as before
    assert not case_ok("réseau des nations Unies", phrase, rule)


def test_canonical_names_opening_with_a_generic_word_get_the_proper_rule():
    assert name_case("Red de las Naciones Unidas sobre la Migración") == (CASE_PROPER, (3,))
    assert name_case("Réseau des Nations Unies sur les migrations") == (CASE_PROPER, (2,))
    assert name_case("Network on Migration") == CASE_CAPITALIZED  # nothing proper left
    assert name_case("Banque mondiale") == CASE_CAPITALIZED  # no generic opening word
    assert name_case("système des Nations Unies") == CASE_ANY


def test_gazetteer_rank_chooses_among_payloads_whose_case_fits():
    g = Gazetteer()
    g.add("philippine", "fr", CASE_ANY)
    g.add("Philippine", "en", CASE_CAPITALIZED)
    english_first = lambda stream, i, j, payload: 0 if payload == "en" else 1  # noqa: E731
    assert [p for _, _, p in g.scan(TokenStream("Philippine nurses"))] == ["fr"]
    assert [p for _, _, p in g.scan(TokenStream("Philippine nurses"), english_first)] == ["en"]
    assert [p for _, _, p in g.scan(TokenStream("une infirmière philippine"), english_first)] == ["fr"]


def test_a_form_shared_by_two_languages_names_one_country():
    codes: dict[str, set[str]] = {}
    columns = ("fr_m", "fr_f", "fr_mpl", "fr_fpl", "en", "en_pl", "es_m", "es_f", "es_mpl", "es_fpl")
    for row in load_tsv("country_adjectives.tsv"):
        for column in columns:
            for form in filter(None, row[column].split("/")):
                codes.setdefault(fold(form), set()).add(row["iso3"])
    assert {form: c for form, c in codes.items() if len(c) > 1} == {}


# ---- a country name that is also a division of another country (pactwatch.knowledge.subnational) ----


def _countries(text: str, lang: str) -> list[str]:
    from pactwatch.extract.gazetteer import find_countries

    return [m.payload for m in find_countries(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Pickers travel to the state of Georgia each spring and come back from Georgia in July.", "en", []),
        (
            "Il travaille dans l’État américain de Géorgie et retournera en Géorgie l’an prochain.",
            "fr",
            ["USA"],
        ),
        ("Los jornaleros trabajan en el estado de Georgia y regresan a Georgia cada año.", "es", []),
        ("Orchards in Georgia and Alabama hire seasonal crews.", "en", []),
        ("She moved to Savannah, Georgia, in 2019.", "en", []),
        ("He was born in Georgia (United States).", "en", ["USA"]),
        ("The Governor of Georgia signed the bill; Georgian growers welcomed it.", "en", []),
    ],
)
def test_georgia_the_us_state_is_not_the_country(text, lang, expected):
    assert _countries(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("La Géorgie a adopté une nouvelle stratégie migratoire.", "fr", ["GEO"]),
        ("Georgia and Armenia signed a readmission agreement.", "en", ["GEO", "ARM"]),
        ("Georgia, the United States and Mexico joined the statement.", "en", ["GEO", "USA", "MEX"]),
        ("Georgia pledged support to returnees, officials in Tbilisi said.", "en", ["GEO"]),
        ("Georgia received new funds.", "en", ["GEO"]),
    ],
)
def test_georgia_the_country_stays_a_country(text, lang, expected):
    assert _countries(text, lang) == expected


def test_a_caucasus_cue_keeps_the_silent_mentions_of_the_country():
    text = "A farm in the state of Georgia hired pickers from Kutaisi; Georgia signed a mobility deal."
    assert _countries(text, "en") == ["GEO"]  # the second mention only


def test_subnational_rules_come_from_the_table_and_geonames():
    from pactwatch.knowledge.subnational import subnational_rules

    rule = subnational_rules()["GEO"]
    assert rule["parent"] == "USA" and ("state", "of") in rule["before"]
    assert ("florida",) in rule["siblings"] and ("georgia",) not in rule["siblings"]
    assert ("atlanta",) in rule["cities"] and ("savannah",) in rule["cities"]


@pytest.mark.parametrize(
    "text",
    [
        "Central Macedonia and East Azerbaijan are regions, not countries.",
        "La province de Luxembourg compte de nombreux travailleurs frontaliers.",
        "Azerbaiyán Oriental es una provincia con mucha emigración.",
    ],
)
def test_regions_named_after_a_country_are_not_that_country(text):
    assert _countries(text, "en") == []

"""The contacts stage: press-contact names, e-mails, phones (E.164) and organisations."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.document import Document
from pactwatch.extract import contacts as contacts_module
from pactwatch.extract.contact_parts import (
    display_name,
    email_matches_name,
    is_service_number,
    place_before,
)
from pactwatch.extract.contacts import contact_stage, find_contact_blocks, org_for_email, to_e164

DEV = Path("/work/shared/corpus/dev")


@pytest.fixture
def make_doc():
    """Factory: a document with a body, a language, entities and a dateline."""

    def make(
        body: str, lang: str = "fr", entities: list | None = None, dateline: dict | None = None
    ) -> Document:
        return Document(source="test", body=body, lang=lang, entities=entities or [], dateline=dateline)

    return make


def org_entity(body: str, phrase: str, org_id: str) -> dict:
    start = body.index(phrase)
    return {"type": "organization", "id": org_id, "mentions": [{"start": start, "end": start + len(phrase)}]}


def summary(body: str, lang: str = "fr", **kw) -> list[tuple]:
    return [(b.name, b.email, b.phone) for b in find_contact_blocks(body, lang, **kw)]


# --- cues and names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "lang", "expected"),
    [
        (
            "Fin du texte.\nPour plus d'informations, veuillez contacter Julie Marchand au bureau de Dakar : "
            "jmarchand@iom.int ; +221 33 869 62 00.",
            "fr",
            [("Julie Marchand", "jmarchand@iom.int", "+221338696200")],
        ),
        (
            "End of story.\nFor more information, please contact Tom Becker at IOM Vienna, tbecker@iom.int, "
            "+43 660 123 4567",
            "en",
            [("Tom Becker", "tbecker@iom.int", "+436601234567")],
        ),
        (
            "Fin de la nota.\nPara más información, contactar a Ana Lucía Ortega en la OIM: aortega@iom.int, "
            "+51 987 654 321",
            "es",
            [("Ana Lucía Ortega", "aortega@iom.int", "+51987654321")],
        ),
        (
            "Contacts presse :\nGenève : Marc Dubois, +41 22 917 90 00, mdubois@ohchr.org\n"
            "Nairobi : Grace Wanjiru, gwanjiru@unhcr.org",
            "fr",
            [
                ("Marc Dubois", "mdubois@ohchr.org", "+41229179000"),
                ("Grace Wanjiru", "gwanjiru@unhcr.org", None),
            ],
        ),
        (
            "Media contacts:\nMaria Lopez\nSenior Media Officer\nIOM Regional Office\n+507 6123 4567\n"
            "mlopez@iom.int\n\nPeter Brown\n+41 79 555 12 34\npbrown@unhcr.org",
            "en",
            [
                ("Maria Lopez", "mlopez@iom.int", "+50761234567"),
                ("Peter Brown", "pbrown@unhcr.org", "+41795551234"),
            ],
        ),
        (
            "Contacto de prensa: Carlos Pérez Gómez (cperez@un.org) o "
            "Lucía Fernández (lfernandez@unhcr.org).",
            "es",
            [
                ("Carlos Pérez Gómez", "cperez@un.org", None),
                ("Lucía Fernández", "lfernandez@unhcr.org", None),
            ],
        ),
    ],
)
def test_contact_blocks(body: str, lang: str, expected: list[tuple]) -> None:
    assert summary(body, lang) == expected


def test_name_spans_point_into_body() -> None:
    body = "Pour plus d'informations, veuillez contacter :\nBruxelles : Léa Moreau lmoreau@iom.int"
    [block] = find_contact_blocks(body, "fr")
    assert body[block.name_start : block.name_end] == "Léa Moreau"
    assert block.place == "Bruxelles"


@pytest.mark.parametrize(
    "body",
    [
        "Contacts presse :\nBruxelles : Ines Costa icosta@iom.int",
        "Media contacts:\nNew York: Sara Lee, slee@un.org",
        "Press contact: In Geneva: Sara Lee, slee@un.org",
    ],
)
def test_place_labels_are_not_names(body: str) -> None:
    names = [b.name for b in find_contact_blocks(body, "en")]
    assert len(names) == 1 and names[0] in {"Ines Costa", "Sara Lee"}


def test_place_after_preposition_is_not_a_name() -> None:
    body = "Para más información, contactar a Rosa Díaz de la OIM en Buenos Aires: rdiaz@iom.int"
    assert summary(body, "es") == [("Rosa Díaz", "rdiaz@iom.int", None)]


def test_office_after_an_acronym_is_not_a_name() -> None:
    body = "Para más información, contactar a:\nJuan Pérez, OIM Costa Rica, Tel: +506 2212 5300, jp@iom.int"
    assert summary(body, "es") == [("Juan Pérez", "jp@iom.int", "+50622125300")]


def test_office_line_between_name_and_address_is_not_a_name() -> None:
    body = "Media contacts:\nJane Doe\nRegional Office for Central America\n+506 2212 5300\njdoe@iom.int"
    assert summary(body, "en") == [("Jane Doe", "jdoe@iom.int", "+50622125300")]


def test_a_known_given_name_wins_over_an_earlier_capitalised_pair() -> None:
    body = "Media contacts:\nSouth Sudan Mission\nGrace Akol\n+211 912 345 678\ngakol@iom.int"
    assert summary(body, "en") == [("Grace Akol", "gakol@iom.int", "+211912345678")]


def test_cue_words_titles_and_honorifics_are_not_names() -> None:
    body = "Contacts Presse Médias\nMme Claire Martin, Chargée de Communication, cmartin@iom.int"
    [block] = find_contact_blocks(body, "fr")
    assert block.name == "Claire Martin"


def test_all_caps_surname_is_kept_but_acronyms_are_not() -> None:
    body = "For more information, please contact Hanna KOWALSKI, IOM, hkowalski@iom.int"
    assert summary(body, "en") == [("Hanna KOWALSKI", "hkowalski@iom.int", None)]


def test_name_alone_right_after_a_cue_is_kept() -> None:
    assert summary("Pour plus d'informations, veuillez contacter M. Hugo Lambert.") == [
        ("Hugo Lambert", None, None)
    ]


def test_name_alone_later_in_a_section_is_dropped() -> None:
    body = "Pour plus d'informations :\nhlambert@iom.int\nBureau Régional Afrique\nMarie Curie"
    assert summary(body) == [(None, "hlambert@iom.int", None)]


def test_stray_email_line_keeps_only_an_adjacent_name() -> None:
    near = "Les candidatures sont reçues par Paul Girard (pgirard@iom.int) jusqu'au vendredi."
    far = "Amy Pope a salué le texte ; les questions peuvent être envoyées à info@iom.int."
    assert summary(near) == [("Paul Girard", "pgirard@iom.int", None)]
    assert summary(far) == [(None, "info@iom.int", None)]


def test_org_text_after_the_name() -> None:
    body = (
        "Pour plus d'informations, veuillez contacter Nora Haddad au secrétariat du Réseau des Nations Unies "
        "sur les migrations à l'adresse suivante : nhaddad@iom.int"
    )
    [block] = find_contact_blocks(body, "fr")
    assert block.org_text == "secrétariat du Réseau des Nations Unies sur les migrations"


# --- e-mails ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "email"),
    [
        ("JDoe@IOM.INT", "jdoe@iom.int"),
        ("j.doe-smith@ext.ec.europa.eu.", "j.doe-smith@ext.ec.europa.eu"),
        ("jdoe [at] iom [dot] int", "jdoe@iom.int"),
        ("jdoe(at)unhcr.org", "jdoe@unhcr.org"),
        ("jdoe [arroba] oim [punto] int", "jdoe@oim.int"),
    ],
)
def test_emails(written: str, email: str) -> None:
    [block] = find_contact_blocks(f"Media contacts: Jane Doe, {written}", "en")
    assert block.email == email


# --- phones -----------------------------------------------------------------------------------


def test_national_phone_needs_a_region() -> None:
    body = "Pour plus d'informations :\nBruxelles : Paul Durand pdurand@iom.int, 0492 25 02 34"
    [block] = find_contact_blocks(body, "fr")
    assert block.phone_text == "0492 25 02 34"
    assert block.phone in (None, "+32492250234")  # None unless the gazetteer places Bruxelles
    [block] = find_contact_blocks(body, "fr", default_region="BE")
    assert block.phone == "+32492250234"


def test_phone_with_trunk_prefix_and_brackets() -> None:
    body = "Media contact: Jane Doe, Tel: +41 (0)22 717 91 11, jdoe@iom.int"
    assert summary(body, "en") == [("Jane Doe", "jdoe@iom.int", "+41227179111")]


def test_second_phone_is_kept_on_the_block() -> None:
    body = "Media contact: Jane Doe, Tel: +41 22 717 91 11, Mobile: +41 79 123 45 67, jdoe@iom.int"
    [block] = find_contact_blocks(body, "en")
    assert block.phones == ["+41227179111", "+41791234567"]


@pytest.mark.parametrize(
    "body",
    [
        "Contacts presse : Jean Roux, jroux@iom.int. Communiqué du 30.04.2024.",
        "Contacts presse : Jean Roux, jroux@iom.int, réunion du 2024-04-30.",
        "Media contacts: Jean Roux, jroux@iom.int; the programme reached 1 500 000 people in 2023.",
        "Media contacts: Jean Roux, jroux@iom.int, ISO 9001 certified since 2015 2016.",
        "Media contacts: Jean Roux, jroux@iom.int, +41 12",
    ],
)
def test_dates_years_figures_are_not_phones(body: str) -> None:
    [block] = find_contact_blocks(body, "fr", default_region="CH")
    assert block.phone is None and block.phone_text is None


def test_phone_outside_contact_text_is_ignored() -> None:
    assert (
        find_contact_blocks("La ligne 0800 123 456 est ouverte aux migrants.", "fr", default_region="FR")
        == []
    )


def test_to_e164() -> None:
    assert to_e164("+32 492 25 02 34") == "+32492250234"
    assert to_e164("0041 22 717 91 11") == "+41227179111"
    assert to_e164("022 717 91 11", ["CH"]) == "+41227179111"
    assert to_e164("022 717 91 11") is None
    assert to_e164("+1 2") is None


# --- phones: place labels, references, service lines ------------------------------------------


@pytest.mark.parametrize(
    ("body", "lang", "expected"),
    [
        (
            "Contactos de prensa:\nMarta Solís Rey, Oficina de Comunicación – Madrid: 91 379 97 00, "
            "msolis@exterior.example",
            "es",
            [("Marta Solís Rey", "msolis@exterior.example", "+34913799700")],
        ),
        (
            "Contact presse : Service de presse du ministère, Dakar : 33 889 10 10 – presse@gouv.example",
            "fr",
            [(None, "presse@gouv.example", "+221338891010")],
        ),
        (
            "For further information:\nLabour Ministry press desk, Port Louis: 207 6600, desk@labour.example",
            "en",
            [(None, "desk@labour.example", "+2302076600")],
        ),
        (
            "Contacto para medios:\nLuis Vargas Soria, UNICEF – Cochabamba: (4) 425 1234, lvargas@unicef.org",
            "es",
            [("Luis Vargas Soria", "lvargas@unicef.org", "+59144251234")],
        ),
    ],
)
def test_national_number_takes_the_place_label_before_it(body: str, lang: str, expected: list) -> None:
    assert summary(body, lang, default_region="US") == expected


def test_each_number_of_a_line_takes_its_own_place_label() -> None:
    body = (
        "Contactos de prensa: Eva Lima, Lyon : 04 72 10 30 30, elima@org.example ; "
        "Raúl Soto, Quito: 02 299 3000, rsoto@org.example"
    )
    assert [b.phone for b in find_contact_blocks(body, "es")] == ["+33472103030", "+59322993000"]


def test_place_before() -> None:
    assert place_before("Press desk, Port Louis: 207 6600", 0, 23) == "Port Louis"
    assert place_before("Ana Ruiz – In Quito : Tel. 02 299 3000", 0, 27) == "Quito"
    assert place_before("Ana Ruiz, 02 299 3000", 0, 10) is None


def test_a_surname_that_is_also_a_town_is_not_a_place_label() -> None:
    """'Martin' is a Slovak town, and 022 717 91 11 a valid Slovak number: the name must not place it."""
    body = "Media contact: Jane Martin: 022 717 91 11, jmartin@org.example"
    assert summary(body, "en", default_region="CH")[0][2] == "+41227179111"


def test_short_national_number_needs_a_label() -> None:
    bare = "Media contacts: Ravi Doorgah, rdoorgah@gov.example, 207 6600"
    labelled = "Media contacts: Ravi Doorgah, rdoorgah@gov.example, Tel: 207 6600"
    assert summary(bare, "en", default_region="MU") == [("Ravi Doorgah", "rdoorgah@gov.example", None)]
    assert summary(labelled, "en", default_region="MU")[0][2] == "+2302076600"


def test_trunk_prefix_with_a_space_after_the_bracket() -> None:
    body = "Contacts presse : Yann Morel – Londres : +44 (0) 20 7946 0000 – ymorel@org.example"
    assert summary(body) == [("Yann Morel", "ymorel@org.example", "+442079460000")]


@pytest.mark.parametrize(
    "body",
    [
        "Contactos de prensa: Luis Vera, lvera@org.example. Comunicado 112/2023.",
        "Press contacts: Jane Roe, jroe@org.example. Ref. 4471 2290 18",
        "Contacts presse : Jean Roux, jroux@org.example. Dossier n° 2210 4471 88.",
        "Press contacts: Jane Roe, jroe@org.example (document 2024/118 8871)",
    ],
)
def test_reference_numbers_are_not_phones(body: str) -> None:
    [block] = find_contact_blocks(body, "en", default_region="BE")
    assert block.numbers == []


def test_a_phone_label_before_a_number_word_still_labels_the_phone() -> None:
    body = "Media contact: Jane Roe, Phone no. 0492 25 02 34, jroe@org.example"
    assert summary(body, "en", default_region="BE")[0][2] == "+32492250234"


@pytest.mark.parametrize(
    ("body", "region", "phones"),
    [
        (
            "Contact presse : Léa Martin, lmartin@org.example, 01 53 69 30 00\nStandard : 01 43 17 53 53",
            "FR",
            ["+33153693000"],
        ),
        (
            "Contactos de prensa: Rosa Díaz, rdiaz@org.example, 2220-4000\nCentral telefónica: 2222-3333",
            "CR",
            ["+50622204000"],
        ),
        (
            "Press contacts:\nJane Roe (+32 2 298 11 22)\nQuestions from the public: freephone 0800 123 4567",
            "GB",
            ["+3222981122"],
        ),
        ("Media contacts: Jane Roe, jroe@org.example, +800 1234 5678", None, []),
        ("Para más información: Rosa Díaz, rdiaz@org.example, Tel. 900 100 200", "ES", []),
    ],
)
def test_switchboards_and_freephone_lines_are_not_contacts(
    body: str, region: str | None, phones: list
) -> None:
    found = [p for b in find_contact_blocks(body, "fr", default_region=region) for p in b.phones]
    assert found == phones


def test_is_service_number() -> None:
    assert is_service_number("+80012345678") and is_service_number("+33800909090")
    assert not is_service_number("+41227179111") and not is_service_number(None)


# --- names in capitals and their addresses ---------------------------------------------------


def test_surnames_in_capitals_and_a_shared_address_line() -> None:
    body = (
        "Press contacts:\nMarta GÓMEZ-RUIZ (+32 2 298 11 22)\nPieter VAN DEN BERG (+32 2 299 33 44)\n"
        "E-mail: marta.gomez-ruiz@ec.europa.eu"
    )
    assert summary(body, "en") == [
        ("Marta GÓMEZ-RUIZ", "marta.gomez-ruiz@ec.europa.eu", "+3222981122"),
        ("Pieter VAN DEN BERG", None, "+3222993344"),
    ]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Joana DE SOUSA", "Joana de Sousa"),
        ("Rosa BA DE LA CRUZ", "Rosa Ba de la Cruz"),
        ("Yann LE GALL", "Yann Le Gall"),
        ("Pieter VAN DEN BERG", "Pieter van den Berg"),
        ("Anna KOWALCZYK-LEE", "Anna Kowalczyk-Lee"),
        ("Gilbert F. Houngbo", "Gilbert F. Houngbo"),
    ],
)
def test_display_name(written: str, shown: str) -> None:
    assert display_name(written) == shown


def test_email_matches_name() -> None:
    assert email_matches_name("marta.gomez-ruiz@ec.europa.eu", "Marta GÓMEZ-RUIZ")
    assert email_matches_name("jdoe@iom.int", "Jane Doe")
    assert not email_matches_name("marta.gomez@ec.europa.eu", "Pieter VAN DEN BERG")


# --- organisations and the stage --------------------------------------------------------------


def test_org_for_email_longest_suffix() -> None:
    assert org_for_email("a@iom.int") == "IOM"
    assert org_for_email("a@ext.ec.europa.eu") == "EC"
    assert org_for_email("a@eeas.europa.eu") == "EU"
    assert org_for_email("a@desa.un.org") == "UN"
    assert org_for_email("a@gmail.com") is None
    assert org_for_email(None) is None


def test_org_entity_in_the_contact_line_wins_over_the_domain(make_doc) -> None:
    body = (
        "Texte.\nPour plus d'informations, veuillez contacter:\n"
        "Emma Roy au Réseau des Nations Unies sur les migrations : eroy@iom.int"
    )
    doc = make_doc(body, entities=[org_entity(body, "Réseau des Nations Unies sur les migrations", "UNNM")])
    contact_stage(doc)
    assert doc.contacts == [{"name": "Emma Roy", "email": "eroy@iom.int", "phone": None, "org": "UNNM"}]


def test_org_entity_outside_the_contact_is_ignored(make_doc) -> None:
    body = "Le HCR a publié un rapport.\nContacts presse : Emma Roy, eroy@iom.int"
    doc = make_doc(body, entities=[org_entity(body, "HCR", "UNHCR")])
    contact_stage(doc)
    assert doc.contacts[0]["org"] == "IOM"


def test_stage_uses_dateline_country_for_national_numbers(make_doc) -> None:
    body = (
        "Bruxelles – Texte.\nPour plus d'informations, contactez Lina Petit : lpetit@iom.int, 0492 25 02 34"
    )
    doc = make_doc(body, dateline={"places": [{"name": "Bruxelles", "country": "BEL"}]})
    contact_stage(doc)
    assert doc.contacts[0]["phone"] == "+32492250234"


def test_stage_uses_a_country_named_in_the_contact_line(make_doc) -> None:
    body = "Contacts presse : Lina Petit, OIM Belgique, lpetit@iom.int, 0492 25 02 34"
    start = body.index("Belgique")
    country = {"type": "country", "id": "BEL", "mentions": [{"start": start, "end": start + 8}]}
    doc = make_doc(body, entities=[country])
    contact_stage(doc)
    assert doc.contacts[0]["phone"] == "+32492250234"


def test_stage_places_an_ambiguous_city_label_with_the_release_countries(make_doc) -> None:
    """'San José' is first a US city to the gazetteer; the release is about Costa Rica."""
    body = (
        "El Gobierno de Costa Rica firmó el acuerdo.\nContactos de prensa:\n"
        "Elena Mora Vega, Prensa – San José: 2220-4000, emora@rree.example"
    )
    start = body.index("Costa Rica")
    country = {"type": "country", "id": "CRI", "mentions": [{"start": start, "end": start + 10}]}
    doc = make_doc(body, lang="es", entities=[country])
    contact_stage(doc)
    assert [c["phone"] for c in doc.contacts] == ["+50622204000"]


def test_stage_writes_names_in_capitals_in_normal_case(make_doc) -> None:
    doc = make_doc("Press contacts:\nJoana DE SOUSA (+32 2 298 11 22)", lang="en")
    contact_stage(doc)
    assert doc.contacts == [{"name": "Joana de Sousa", "email": None, "phone": "+3222981122", "org": None}]


def test_stage_prefers_the_person_entity_name(make_doc) -> None:
    body = "Media contacts: Jane Doe, jdoe@iom.int"
    start = body.index("Jane Doe")
    person = {
        "type": "person",
        "id": "jane-doe",
        "name": "Jane A. Doe",
        "mentions": [{"start": start, "end": start + 8}],
    }
    doc = make_doc(body, lang="en", entities=[person])
    contact_stage(doc)
    assert doc.contacts[0]["name"] == "Jane A. Doe"


def test_stage_excluded_place_entity_is_not_a_name(make_doc) -> None:
    body = "Media contacts:\nPort Louis: pl@iom.int"
    start = body.index("Port Louis")
    place = {"type": "place", "id": "port-louis", "mentions": [{"start": start, "end": start + 10}]}
    doc = make_doc(body, lang="en", entities=[place])
    contact_stage(doc)
    assert doc.contacts == [{"name": None, "email": "pl@iom.int", "phone": None, "org": "IOM"}]


def test_stage_second_phone_becomes_its_own_row(make_doc) -> None:
    doc = make_doc("Media contact: Jane Doe, +41 22 717 91 11 / +41 79 123 45 67, jdoe@iom.int", lang="en")
    contact_stage(doc)
    assert [c["phone"] for c in doc.contacts] == ["+41227179111", "+41791234567"]
    assert {c["name"] for c in doc.contacts} == {"Jane Doe"}


def test_no_contacts_in_plain_prose(make_doc) -> None:
    doc = make_doc("Amy Pope a rencontré Sofia Reyes à Genève le 30 avril 2024 ; 28 pays étaient présents.")
    contact_stage(doc)
    assert doc.contacts == []


def test_gazetteer_is_optional(monkeypatch) -> None:
    """Without the gazetteer module, labels place nothing but contacts are still found."""
    monkeypatch.setitem(sys.modules, "pactwatch.extract.gazetteer", None)  # import now fails
    contacts_module.place_country.cache_clear()
    try:
        body = "Contacts presse :\nBruxelles : Léa Moreau lmoreau@iom.int, 0492 25 02 34"
        [block] = find_contact_blocks(body, "fr")
        assert (block.name, block.email, block.phone, block.phone_text) == (
            "Léa Moreau",
            "lmoreau@iom.int",
            None,
            "0492 25 02 34",
        )
    finally:
        contacts_module.place_country.cache_clear()


# --- dev corpus and speed ---------------------------------------------------------------------


def dev_docs() -> list[tuple[str, dict]]:
    if not (DEV / "gold.json").exists():
        return []
    out = []
    for gold in json.loads((DEV / "gold.json").read_text(encoding="utf-8")):
        text = (DEV / gold["file"]).read_text(encoding="utf-8")
        out.append((text[text.index(gold["title"]) + len(gold["title"]) :].lstrip("\n"), gold))
    return out


@pytest.mark.skipif(not dev_docs(), reason="dev corpus not available")
@pytest.mark.parametrize(("body", "gold"), dev_docs(), ids=lambda x: x["file"] if isinstance(x, dict) else "")
def test_dev_corpus_emails_and_phones(make_doc, body: str, gold: dict) -> None:
    doc = make_doc(body, lang=gold["lang"])
    contact_stage(doc)
    assert sorted({c["email"] for c in doc.contacts if c["email"]}) == sorted(gold["emails"])
    assert sorted({c["phone"] for c in doc.contacts if c["phone"]}) == sorted(gold["phones"])
    contact_people = {p["name"] for p in gold["people"] if not p["titles"]}
    assert {c["name"] for c in doc.contacts} == contact_people


def test_speed_well_under_a_millisecond(make_doc) -> None:
    bodies = [b for b, _ in dev_docs()] or ["Texte. " * 700 + "Contacts presse : Jane Doe, jdoe@iom.int"]
    body = max(bodies, key=len)
    doc = make_doc(body)
    contact_stage(doc)
    runs = 50
    began = time.perf_counter()
    for _ in range(runs):
        contact_stage(doc)
    assert (time.perf_counter() - began) / runs < 0.002  # generous bound for slow CI machines


PIECES = [*"0123456789 +()-.:;,@\n", "Contacts presse", "Jean Roux", "jr@iom.int", " [at] ", "Genève", "Tel"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_text_gives_blocks_with_valid_spans(text: str) -> None:
    for block in find_contact_blocks(text, "fr", default_region="CH"):
        assert 0 <= block.start <= block.end <= len(text)
        if block.name is not None:
            assert text[block.name_start : block.name_end] == block.name
        assert block.phone is None or block.phone.startswith("+")

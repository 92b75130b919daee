"""The main event: kind, name, places and organisers, from the stages before it."""

from pactwatch.document import Document

STAGES = ("language", "dateline", "entities", "persons", "dates", "events")


def extract(body: str) -> Document:
    doc = Document(source="t.txt", text=body)
    doc.body = body
    return _run(doc)


def _run(doc: Document) -> Document:
    from pactwatch.pipeline import REGISTRY

    for name in STAGES:
        REGISTRY[name].func(doc)
    return doc


def test_french_dialogue_organised_by_a_government_with_support():
    doc = extract(
        "Dakar – Du 5 au 7 février 2024, le Gouvernement du Sénégal, avec le soutien de l'Organisation internationale "
        "pour les migrations (OIM), a organisé un atelier national de validation du plan de mise en œuvre du Pacte "
        "mondial.\nLes participants ont adopté une feuille de route."
    )
    event = doc.events[0]
    assert event["kind"] == "workshop"
    assert event["name"].startswith("atelier national de validation")
    assert event["places"] == ["Dakar"] and event["country"] == "SEN"
    assert event["organizers"] == ["SEN", "IOM"]
    assert (event["start"], event["end"]) == ("2024-02-05", "2024-02-07")


def test_english_conference_hosted_by():
    doc = extract(
        "NAIROBI, 14 June 2023 – A regional conference on labour mobility opened today in Nairobi, hosted by "
        "the Government of Kenya and the International Labour Organization.\nDelegates from 11 countries attended."
    )
    event = doc.events[0]
    assert event["kind"] == "conference"
    assert event["organizers"] == ["KEN", "ILO"]
    assert event["start"] == "2023-06-14"


def test_spanish_meeting():
    doc = extract(
        "Ciudad de Panamá, 3 de mayo de 2023 – La reunión regional sobre movilidad humana, organizada por la OIM "
        "y el ACNUR, reunió a delegaciones de 15 países."
    )
    event = doc.events[0]
    assert event["kind"] == "meeting"
    assert event["organizers"] == ["IOM", "UNHCR"]
    assert event["country"] == "PAN"


def test_no_event_in_a_statement_without_one():
    doc = extract("The Director General welcomed the adoption of the new policy by the regional body.")
    assert doc.events == []

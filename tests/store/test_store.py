"""The store's write and read rules on synthetic records: idempotency, versions, search, entities, reviews."""

import pytest

from pactwatch.store import Filters, StoreError

from .conftest import entity, make_record

V = "test-extractor"


def test_same_content_twice_is_stored_once(store):
    record = make_record("The forum opened in Accra.")
    assert store.put(record, b"raw bytes", V).status == "stored"
    again = store.put(record, b"raw bytes", V)
    assert (again.status, again.id, again.version) == ("unchanged", record["id"], 1)
    assert store.counts()["documents"] == 1 and store.counts()["blobs"] == 1


def test_same_text_at_another_source_is_not_stored_again(store):
    store.put(make_record("Same words.", source="a.txt"), b"a", V)
    outcome = store.put(make_record("Same words.", source="b.txt"), b"b", V)
    assert outcome.status == "unchanged" and "a.txt" in outcome.note
    assert store.counts()["documents"] == 1


def test_changed_content_is_a_new_version_and_the_old_is_kept(store):
    old = make_record("First wording of the release.", source="page.html")
    new = make_record("Second wording of the release.", source="page.html")
    store.put(old, b"v1", V)
    outcome = store.put(new, b"v2", V)
    assert (outcome.status, outcome.version) == ("new version", 2)
    versions = store.versions("page.html")
    assert [(v["version"], v["is_current"]) for v in versions] == [(1, 0), (2, 1)]
    assert store.document(old["id"])["store"]["current"] is False
    assert store.search("wording")["total"] == 1  # only the current version is searched
    assert store.search("wording", Filters(all_versions=True))["total"] == 2
    assert store.blob(versions[0]["content_hash"]) == b"v1"


def test_a_page_back_to_an_earlier_text_makes_that_version_current(store):
    first, second = make_record("Text one.", source="p"), make_record("Text two.", source="p")
    store.put(first, b"1", V)
    store.put(second, b"2", V)
    assert store.put(first, b"1 again, other bytes", V).status == "unchanged"
    assert [v["is_current"] for v in store.versions("p")] == [1, 0]


@pytest.mark.parametrize(
    "body, query",
    [
        ("Le Gouvernement de l'Équateur a accueilli la réunion à Genève.", "Equateur"),
        ("Le Gouvernement de l'Équateur a accueilli la réunion à Genève.", "geneve"),
        ("Delegates met in Genève to review the Compact.", "GENEVE review"),
        ("La reunión se celebró en Bogotá con la Organización Internacional.", "bogota organizacion"),
        ("Los migrantes venezolanos en Perú recibieron asistencia.", "peru"),
        ("The Network in Côte d'Ivoire was launched.", "cote ivoire"),
    ],
)
def test_search_ignores_case_and_accents(store, body, query):
    store.put(make_record(body, lang="fr"), body.encode(), V)
    result = store.search(query)
    assert result["total"] == 1
    assert "<mark>" in result["results"][0]["snippet"]


def test_accented_query_finds_plain_text(store):
    store.put(make_record("Meeting in Geneve on Ecuador."), b"x", V)
    assert store.search("Équateur")["total"] == 0  # different word: no false positive
    assert store.search("Genève")["total"] == 1


def test_query_syntax_characters_are_words_not_operators(store):
    store.put(make_record("Objective 23: international co-operation AND partnerships."), b"x", V)
    for query in ("co-operation", "23:", 'AND "international', "NEAR(x y)", "*"):
        store.search(query)  # never an FTS5 syntax error
    assert store.search('"international co"')["total"] == 1


def test_filters_and_facets(store):
    body_a = "Ecuador and IOM held a dialogue on data."
    body_b = "Ghana and IOM held a dialogue on remittances."
    rec_a = make_record(body_a, source="a", lang="en", entities=[entity("country", "ECU", "Ecuador", body_a),
                        entity("organization", "IOM", "IOM", body_a)],
                        objectives=[{"id": 1, "score": 0.9, "evidence": []}],
                        dates={"event": None, "published": {"value": "2023-05-02"}})  # fmt: skip
    rec_b = make_record(body_b, source="b", lang="fr", entities=[entity("country", "GHA", "Ghana", body_b),
                        entity("organization", "IOM", "IOM", body_b)],
                        dates={"event": None, "published": {"value": "2024-01"}})  # fmt: skip
    store.put(rec_a, b"a", V)
    store.put(rec_b, b"b", V)
    assert store.search("dialogue")["total"] == 2
    assert [h["id"] for h in store.search("dialogue", Filters(country="ECU"))["results"]] == [rec_a["id"]]
    assert store.search("dialogue", Filters(objective=1))["total"] == 1
    assert store.search("dialogue", Filters(lang="fr"))["total"] == 1
    assert store.search("dialogue", Filters(since="2024"))["total"] == 1
    assert store.search("dialogue", Filters(until="2023"))["total"] == 1
    assert store.search("dialogue", Filters(until="2023-04"))["total"] == 0
    facets = store.search("dialogue")["facets"]
    assert facets["organization"] == [{"id": "IOM", "name": "IOM", "count": 2}]
    assert {f["id"] for f in facets["country"]} == {"ECU", "GHA"}
    assert store.search("", Filters(org="IOM"))["total"] == 2  # no words: the filters alone


def test_the_same_person_is_one_entity_across_languages(store):
    fr = "« Agissons », a déclaré António Vitorino, Directeur général de l'OIM."
    en = '"Let us act," said Antonio Vitorino, IOM Director General.'
    store.put(
        make_record(
            fr,
            source="fr",
            lang="fr",
            entities=[
                entity(
                    "person",
                    "antonio-vitorino",
                    "António Vitorino",
                    fr,
                    titles=["Directeur général de l'OIM"],
                    affiliations=["IOM"],
                )
            ],
        ),
        b"fr",
        V,
    )
    store.put(make_record(en, source="en", entities=[entity("person", "antonio-vitorino", "Antonio Vitorino",
              en, titles=["IOM Director General"], affiliations=["IOM"])]), b"en", V)  # fmt: skip
    persons = store.entities("person")
    assert len(persons) == 1 and persons[0]["documents"] == 2
    person = store.entity("person", "antonio-vitorino")
    assert person["name"] == "António Vitorino"  # the accented spelling wins
    assert person["titles"] == ["Directeur général de l'OIM", "IOM Director General"]
    assert store.search("", Filters(person="antonio-vitorino"))["total"] == 2


def test_the_same_event_is_one_entity_across_languages(store):
    event = {"places": ["Nueva York"], "country": "USA", "start": "2022-05-17", "end": "2022-05-20",
             "organizers": ["UNGA"]}  # fmt: skip
    fr_event = {**event, "name": "Forum d'examen des migrations internationales", "kind": "forum"}
    en_event = {**event, "name": "International Migration Review Forum", "kind": "review"}
    store.put(make_record("Le Forum s'est ouvert.", source="fr", events=[fr_event]), b"1", V)
    store.put(make_record("The Forum opened.", source="en", events=[en_event]), b"2", V)
    events = store.entities("event")
    assert len(events) == 1 and events[0]["documents"] == 2
    assert set(events[0]["names"]) == {fr_event["name"], en_event["name"]}


def test_reviewed_facts_survive_reextraction(store):
    body = "Said Marta Quiroga, Director of the Network."
    person = entity("person", "marta-quiroga", "Marta Quiroga", body, titles=["Director of the Network"],
                    affiliations=["UNNM"])  # fmt: skip
    record = make_record(body, entities=[person], objectives=[{"id": 23, "score": 0.8, "evidence": []}])
    store.put(record, b"raw", V)
    title = store.facts(kind="person-holds-title")[0]
    objective = store.facts(kind="document-serves-objective")[0]
    store.review(title["id"], "accepted", "ana")
    store.review(objective["id"], "rejected", "ana")
    store.replace_extraction(record["id"], record, "v2")
    facts = store.facts()
    kept = {f["id"]: f for f in facts if f["status"] != "auto"}
    assert set(kept) == {title["id"], objective["id"]}
    assert kept[title["id"]]["reviewed_by"] == "ana" and kept[title["id"]]["extractor_version"] == V
    assert len([f for f in facts if f["kind"] == "person-holds-title"]) == 1  # not added again as auto
    assert all(f["extractor_version"] == "v2" for f in facts if f["status"] == "auto")


def test_reviews_carry_over_to_the_next_version_of_a_page(store):
    first = "Said Marta Quiroga, Director of the Network, on Monday."
    second = "Said Marta Quiroga, Director of the Network, on Tuesday."
    for text, raw in ((first, b"1"), (second, b"2")):
        person = entity("person", "marta-quiroga", "Marta Quiroga", text, titles=["Director"])
        store.put(make_record(text, source="page", entities=[person]), raw, V)
        if raw == b"1":
            store.review(store.facts(kind="person-holds-title")[0]["id"], "accepted", "ana")
    statuses = [f["status"] for f in store.facts(kind="person-holds-title")]
    assert statuses == ["accepted", "accepted"]


def test_review_of_an_unknown_fact_or_status_fails(store):
    with pytest.raises(StoreError, match="no such fact"):
        store.review(999, "accepted", "ana")
    with pytest.raises(StoreError, match="status"):
        store.review(1, "maybe", "ana")


def test_lookup_finds_documents_and_entities(store):
    body = "Ghana hosted it."
    record = make_record(body, entities=[entity("country", "GHA", "Ghana", body)])
    store.put(record, b"x", V)
    assert store.lookup(record["id"])[0] == "document"
    assert store.lookup("GHA")[1]["name"] == "Ghana"
    assert store.lookup("country:GHA")[1]["documents"][0]["id"] == record["id"]
    with pytest.raises(StoreError):
        store.lookup("nothing-here")


def test_a_failed_write_leaves_nothing_behind(store):
    body = "A document whose facts cannot be written."
    bad = make_record(body, entities=[{"type": "person", "id": "x", "name": "X", "titles": ["t"],
                                       "mentions": [{"start": 0}]}])  # fmt: skip
    with pytest.raises(KeyError):
        store.put(bad, b"x", V)
    assert store.counts() == {k: 0 for k in store.counts()}

"""Ingest and re-extraction through the real pipeline, from files on disk."""

from pactwatch.settings import Settings
from pactwatch.store import Filters
from pactwatch.store.ingest import ingest, reextract

FR = """Quito – Le 12 mars 2024, le Gouvernement de l'Équateur a accueilli à Quito \
le Forum régional d'examen sur les migrations, avec le soutien de l'OIM.
« Nous devons protéger chaque personne en mouvement », a déclaré Mme Lucía Fernández Ortega, ministre des \
Relations extérieures de l'Équateur.
Les participants ont évoqué la collecte de données et les voies de migration régulière.
"""
EN = """Quito – On 12 March 2024, the Government of Ecuador hosted the regional review forum on migration \
in Quito, with the support of IOM.
"We must protect every person on the move," said Lucia Fernandez Ortega, Minister of Foreign Affairs \
of Ecuador.
Participants discussed data collection and regular migration pathways.
"""
SETTINGS = Settings()


def write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_ingest_counts_stored_unchanged_new_versions_and_failures(store, tmp_path):
    fr = write(tmp_path, "fr.txt", FR)
    write(tmp_path, "en.txt", EN)
    write(tmp_path, "empty.txt", "")
    first = ingest(store, [str(tmp_path)], SETTINGS)
    assert (first.counts["stored"], first.counts["failed"]) == (2, 1)
    assert "empty" in str(first.failures[0])
    again = ingest(store, [str(tmp_path)], SETTINGS)
    assert (again.counts["stored"], again.counts["unchanged"]) == (0, 2)
    write(tmp_path, "fr.txt", FR.replace("12 mars", "13 mars"))
    changed = ingest(store, [fr], SETTINGS)
    assert changed.counts["new version"] == 1
    assert [v["version"] for v in store.versions(fr)] == [1, 2]
    assert "0 failed" in changed.line()


def test_person_and_event_merged_across_french_and_english(store, tmp_path):
    ingest(store, [write(tmp_path, "fr.txt", FR), write(tmp_path, "en.txt", EN)], SETTINGS)
    person = store.entity("person", "lucia-fernandez-ortega")
    assert person["name"] == "Lucía Fernández Ortega" and len(person["documents"]) == 2
    events = store.entities("event")
    assert len(events) == 1 and events[0]["documents"] == 2
    assert store.search("equateur", Filters(country="ECU"))["total"] == 1  # French text, no accent typed
    assert store.search("Ecuador")["total"] == 1
    assert store.search("quito", Filters(person="lucia-fernandez-ortega"))["total"] == 2


def test_reextract_keeps_reviews_and_rebuilds_the_rest(store, tmp_path):
    ingest(store, [write(tmp_path, "fr.txt", FR)], SETTINGS)
    fact = store.facts(kind="event-hosted-in")[0]
    store.review(fact["id"], "accepted", "reviewer")
    before = store.counts()
    summary = reextract(store, SETTINGS)
    assert summary.counts["re-extracted"] == 1 and summary.counts["failed"] == 0
    assert store.fact(fact["id"])["status"] == "accepted"
    assert store.counts() == before  # the same pipeline gives the same rows back

"""Property tests: any valid record goes into the store and comes back the same, spans and all."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactwatch.store import Filters, open_store

from .conftest import make_record

# letters and digits of the Latin scripts (unicode61 knows the Unicode 6.1 tables only)
WORD = st.text(alphabet=st.characters(categories=("L", "N"), max_codepoint=0x24F), min_size=1, max_size=12)
TEXT = st.lists(WORD, min_size=1, max_size=30).map(" ".join)
KINDS = st.sampled_from(["country", "organization", "person", "place"])


@st.composite
def records(draw):
    """A contract-shaped record with entities whose mentions are real spans of its body."""
    body = draw(TEXT)
    entities = []
    for n in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(body) - 1))
        end = draw(st.integers(start + 1, len(body)))
        entities.append({"type": draw(KINDS), "id": f"e{n}", "name": body[start:end],
                         "mentions": [{"start": start, "end": end, "text": body[start:end]}]})  # fmt: skip
    objectives = [{"id": i, "score": draw(st.floats(0, 1)), "evidence": []}
                  for i in draw(st.sets(st.integers(1, 23), max_size=3))]  # fmt: skip
    date = draw(st.none() | st.dates().map(lambda d: d.isoformat()))
    return make_record(
        body,
        source=draw(TEXT),
        title=draw(st.none() | TEXT),
        lang=draw(st.sampled_from(["fr", "en", "es"])),
        entities=entities,
        objectives=objectives,
        dates={"event": None, "published": {"value": date} if date else None},
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=records(), raw=st.binary(min_size=1, max_size=200))
def test_a_record_comes_back_as_it_went_in(record, raw):
    with open_store(":memory:") as store:
        outcome = store.put(record, raw, "v")
        back = store.document(outcome.id)
        provenance = back.pop("store")
        assert back == record
        assert provenance["version"] == 1 and provenance["current"] is True
        assert store.blob(provenance["content_hash"]) == raw
        rows = store.conn.execute("SELECT entity_id, span_start, span_end, text FROM mentions").fetchall()
        expected = {
            (e["id"], m["start"], m["end"], m["text"]) for e in record["entities"] for m in e["mentions"]
        }
        assert {tuple(r) for r in rows} == expected
        assert [d["id"] for d in store.documents()] == [record["id"]]
        first_word = record["body"].split()[0]
        assert store.search(first_word)["total"] == 1
        for obj in record["objectives"]:
            assert store.search("", Filters(objective=obj["id"]))["total"] == 1


@settings(max_examples=30, deadline=None)
@given(record=records())
def test_putting_twice_changes_nothing(record):
    with open_store(":memory:") as store:
        store.put(record, b"raw", "v")
        before = store.counts()
        assert store.put(record, b"raw", "v").status == "unchanged"
        assert store.counts() == before

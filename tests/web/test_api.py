"""The JSON API under /api, in process: every endpoint, its errors, pagination, facets, filters and writes.

The store is built once for the module from three short press releases written for these
tests (French, English, Spanish; the people quoted are fictional). Each test declares the
endpoints it exercises with ``@covers``, and the declaration is checked against the
requests the test really made; ``test_every_api_endpoint_is_covered`` then fails as soon
as an endpoint is added to the API without a test.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import socket
import warnings

import pytest

from pactwatch.errors import ExtractionFailed
from pactwatch.settings import Settings
from pactwatch.store import Store
from pactwatch.store.export import CSV_COLUMNS
from pactwatch.store.ingest import ingest
from pactwatch.web import api, create_app

with warnings.catch_warnings():  # starlette warns that its client will move to httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "api-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

DOCS = {
    "fr": """Communiqué
Le Sénégal et la Suisse renforcent leur coopération sur la migration de main-d'œuvre
Genève – Le 14 mars 2024, les délégations du Sénégal et de la Suisse se sont réunies à Genève pour examiner \
un projet pilote de mobilité professionnelle destiné aux jeunes diplômés, dans le cadre du Pacte \
mondial pour \
des migrations sûres, ordonnées et régulières.
Le projet prévoit des voies de migration régulière pour la formation en alternance, la reconnaissance des \
compétences acquises à l'étranger et un meilleur accès à l'information avant le départ.
« Nous voulons que chaque candidat connaisse ses droits avant même de quitter Dakar », a déclaré Aminata \
Kestrel-Diop, cheffe de la délégation sénégalaise.
L'Organisation internationale pour les migrations (OIM) accompagnera les deux pays dans le suivi \
des résultats.
""",
    "en": """Press release
Ecuador launches a national network on migration
Quito – On 3 October 2023, the Government of Ecuador and United Nations agencies launched a national network \
on migration to support the implementation of the Global Compact for Safe, Orderly and Regular Migration.
The network will improve migration data, strengthen consular protection and assistance for Ecuadorians \
abroad, and promote the safe and dignified return and sustainable reintegration of returning migrants.
"Good data is the first step towards good policy, and this network gives us both," said Tobias \
Wrenfield-Ochoa, coordinator of the network in Ecuador.
The International Organization for Migration (IOM) will act as the secretariat of the network.
""",
    "es": """Comunicado de prensa
Honduras presenta su plan sobre remesas y desarrollo
Tegucigalpa – El 21 de junio de 2023, el Gobierno de Honduras presentó un plan para reducir el costo de las \
remesas y promover la inclusión financiera de las familias de migrantes.
El plan busca promover transferencias de remesas más rápidas, seguras y económicas, y crear condiciones para \
que la diáspora contribuya al desarrollo sostenible en sus comunidades de origen.
"Cada dólar que se pierde en comisiones es un dólar que no llega a una familia", afirmó Lucía Marbella \
Quintanar, viceministra de Economía de Honduras.
La Organización Internacional para las Migraciones (OIM) brindará asistencia técnica al plan.
""",
}
COUNTRY = {"fr": "SEN", "en": "ECU", "es": "HND"}

# -- which endpoints the tests exercise -----------------------------------------------------------

COVERED: set[tuple[str, str]] = set()
SEEN: set[tuple[str, str]] = set()


def api_endpoints() -> set[tuple[str, str]]:
    """(method, path) of every route of the API router, as served under /api."""
    return {
        (method, "/api" + route.path)
        for route in api.router.routes
        for method in getattr(route, "methods", None) or ()
        if method != "HEAD"
    }


def covers(*endpoints: str):
    """Declare the endpoints ("GET /api/search") a test exercises; it fails if it did not request them."""
    wanted = {tuple(e.split(" ", 1)) for e in endpoints}
    COVERED.update(wanted)

    def wrap(test):
        @functools.wraps(test)
        def run(*args, **kwargs):
            SEEN.clear()
            test(*args, **kwargs)
            missing = wanted - SEEN
            assert not missing, f"the test declares but never requested {sorted(missing)}"

        return run

    return wrap


def recording(app):
    """The app wrapped so that each request records which API route answered it."""
    api_routes = {id(route): route for route in api.router.routes}

    async def asgi(scope, receive, send):
        await app(scope, receive, send)
        route = scope.get("route")
        if route is not None and id(route) in api_routes:
            SEEN.add((scope["method"], "/api" + route.path))

    return asgi


# -- fixtures -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """A store built from the three documents above."""
    folder = tmp_path_factory.mktemp("api")
    paths = []
    for lang, text in DOCS.items():
        path = folder / f"{lang}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    db = folder / "store.db"
    with Store(db) as store:
        summary = ingest(store, paths, Settings(quiet=True))
    assert summary.counts["stored"] == 3, summary.failures
    return db


@pytest.fixture(scope="module")
def client(db):
    """A client of the app with a token set."""
    with TestClient(recording(create_app(db, Settings(api_token=TOKEN)))) as c:
        yield c


@pytest.fixture(scope="module")
def tokenless(db):
    """A client of the app over the same store, with no token set (writes disabled)."""
    with TestClient(recording(create_app(db, Settings()))) as c:
        yield c


@pytest.fixture(scope="module")
def ids(client):
    """Document id by language, from the API's own document list."""
    docs = client.get("/api/documents", params={"per_page": 100}).json()["results"]
    by_lang = {d["lang"]: d["id"] for d in docs if d["source"].endswith(".txt")}
    assert set(by_lang) == {"fr", "en", "es"}
    return by_lang


@pytest.fixture(scope="module")
def speakers(client, ids):
    """The person id quoted in each document (fictional people)."""
    out = {}
    for lang, doc_id in ids.items():
        quotes = client.get(f"/api/documents/{doc_id}").json()["quotes"]
        assert quotes and quotes[0]["speaker_id"], f"the {lang} document should yield a quote"
        out[lang] = quotes[0]["speaker_id"]
    return out


def assert_error(response, status: int) -> dict:
    """The response is an error in the API's one shape, with this status; its error block."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status
    assert body["error"]["code"] and body["error"]["message"]
    return body["error"]


def result_ids(response) -> list[str]:
    """The document ids of a search response."""
    assert response.status_code == 200, response.text
    return [r["id"] for r in response.json()["results"]]


# -- coverage of the API itself -------------------------------------------------------------------


def test_every_api_endpoint_is_covered():
    endpoints = api_endpoints()
    assert ("GET", "/api/search") in endpoints and ("POST", "/api/ingest") in endpoints
    assert endpoints - COVERED == set(), "API endpoints without a test"
    assert COVERED - endpoints == set(), "tests declare endpoints the API does not have"


def test_every_api_endpoint_is_in_the_openapi_schema(client):
    schema = client.get("/openapi.json").json()
    served = {(m.upper(), p) for p, ops in schema["paths"].items() for m in ops if p.startswith("/api")}
    assert served == api_endpoints()


def test_unknown_api_path_and_method_use_the_error_shape(client):
    assert_error(client.get("/api/no-such-thing"), 404)
    assert_error(client.delete("/api/search"), 405)


# -- reads ----------------------------------------------------------------------------------------


@covers("GET /api/overview")
def test_overview(client):
    view = client.get("/api/overview").json()
    assert view["counts"]["documents"] >= 3
    assert {"SEN", "ECU", "HND"} <= {c["id"] for c in view["top_countries"]}
    assert [o["id"] for o in view["objective_coverage"]] == list(range(1, 24))
    assert {row["lang"] for row in view["by_month"]} >= {"fr", "en", "es"}
    assert "IOM" in {o["id"] for o in view["top_organizations"]}
    names = {
        c["id"]: c["name"] for c in client.get("/api/overview", params={"lang": "fr"}).json()["top_countries"]
    }
    assert names["SEN"] == "Sénégal"
    assert_error(client.get("/api/overview", params={"lang": "xx"}), 422)


@covers("GET /api/search")
def test_search_pagination_fields(client):
    first = client.get("/api/search", params={"q": "migration", "per_page": 1}).json()
    info = first["pagination"]
    assert set(info) == {"page", "per_page", "total", "pages"}
    assert info["page"] == 1 and info["per_page"] == 1 and info["total"] >= 2
    assert info["pages"] == info["total"] and len(first["results"]) == 1
    second = client.get("/api/search", params={"q": "migration", "per_page": 1, "page": 2}).json()
    assert second["pagination"]["page"] == 2 and len(second["results"]) == 1
    assert second["results"][0]["id"] != first["results"][0]["id"]
    beyond = client.get("/api/search", params={"q": "migration", "page": 50}).json()
    assert beyond["results"] == [] and beyond["pagination"]["total"] == info["total"]


@covers("GET /api/search")
def test_search_facet_shapes(client, ids):
    found = client.get("/api/search", params={"q": "OIM"}).json()
    assert set(found["facets"]) == {"country", "organization", "person", "objective", "lang"}
    for values in found["facets"].values():
        for value in values:
            assert set(value) == {"id", "name", "count"} and value["count"] >= 1
    assert {v["id"] for v in found["facets"]["lang"]} == {"fr", "es"}
    countries = {v["id"]: v for v in found["facets"]["country"]}
    assert countries["SEN"]["name"] == "Senegal" and countries["SEN"]["count"] == 1
    assert "ECU" not in countries
    for value in found["facets"]["objective"]:
        assert value["name"].startswith(f"{value['id']}. ")
    hit = found["results"][0]
    assert set(hit) >= {"id", "source", "version", "title", "lang", "date", "score", "snippet"}


@covers("GET /api/search")
def test_search_filters(client, ids):
    assert result_ids(client.get("/api/search", params={"country": "ECU"})) == [ids["en"]]
    assert result_ids(client.get("/api/search", params={"country": "hnd"})) == [ids["es"]]
    assert result_ids(client.get("/api/search", params={"lang": "fr", "q": "migrations"})) == [ids["fr"]]
    assert result_ids(client.get("/api/search", params={"lang": "es"})) == [ids["es"]]
    assert result_ids(client.get("/api/search", params={"since": "2024"})) == [ids["fr"]]
    assert result_ids(client.get("/api/search", params={"until": "2023-06", "country": "HND"})) == [ids["es"]]
    assert result_ids(client.get("/api/search", params={"until": "2023-05"})) == []
    fr_doc = client.get(f"/api/documents/{ids['fr']}").json()
    for objective in fr_doc["objectives"]:
        assert ids["fr"] in result_ids(client.get("/api/search", params={"objective": objective["id"]}))
    served = {o["id"] for o in fr_doc["objectives"]}
    unserved = next(n for n in range(1, 24) if n not in served)
    assert ids["fr"] not in result_ids(client.get("/api/search", params={"objective": unserved}))
    person = next(e["id"] for e in fr_doc["entities"] if e["type"] == "person")
    assert result_ids(client.get("/api/search", params={"person": person})) == [ids["fr"]]
    assert ids["en"] in result_ids(client.get("/api/search", params={"org": "IOM"}))


@covers("GET /api/search")
def test_search_is_accent_insensitive(client, ids):
    for query in ("geneve", "Genève", "GENEVE"):
        found = client.get("/api/search", params={"q": query}).json()
        assert [r["id"] for r in found["results"]] == [ids["fr"]], query
        assert "<mark>Genève</mark>" in found["results"][0]["snippet"]
    assert result_ids(client.get("/api/search", params={"q": "diaspora"})) == [ids["es"]]
    assert result_ids(client.get("/api/search", params={"q": '"dignified return"'})) == [ids["en"]]
    assert result_ids(client.get("/api/search", params={"q": '"return dignified"'})) == []


@covers("GET /api/search")
def test_search_refuses_invalid_parameters(client):
    for params in ({"objective": 99}, {"objective": "five"}, {"since": "notadate"}, {"until": "2023-13-45x"},
                   {"page": 0}, {"per_page": 0}, {"per_page": 1000}, {"q": "x" * 501}):  # fmt: skip
        error = assert_error(client.get("/api/search", params=params), 422)
        assert error["code"] == "invalid"
        assert next(iter(params)) in error["message"]


@covers("GET /api/documents")
def test_documents_list(client, ids):
    listed = client.get("/api/documents", params={"per_page": 2}).json()
    assert listed["pagination"]["per_page"] == 2 and listed["pagination"]["total"] >= 3
    assert listed["results"][0]["id"] == ids["fr"]  # newest first (2024)
    assert_error(client.get("/api/documents", params={"page": 0}), 422)


@covers("GET /api/documents/{doc_id}")
def test_document(client, ids):
    doc = client.get(f"/api/documents/{ids['en']}").json()
    assert doc["id"] == ids["en"] and doc["lang"] == "en"
    assert doc["title"] == "Ecuador launches a national network on migration"
    assert doc["store"]["version"] == 1 and doc["store"]["current"] is True
    assert "ECU" in {e["id"] for e in doc["entities"] if e["type"] == "country"}
    assert doc["facts"] and all(f["document"] == ids["en"] for f in doc["facts"])
    error = assert_error(client.get("/api/documents/0000000000000000"), 404)
    assert error["code"] == "not_found" and "0000000000000000" in error["message"]


@covers("GET /api/entities")
def test_entities(client, speakers):
    people = client.get("/api/entities", params={"type": "person"}).json()["entities"]
    assert set(speakers.values()) <= {p["id"] for p in people}
    assert all(p["type"] == "person" for p in people)
    countries = client.get("/api/entities", params={"type": "country", "limit": 2}).json()["entities"]
    assert len(countries) == 2
    assert_error(client.get("/api/entities", params={"type": "planet"}), 422)
    assert_error(client.get("/api/entities", params={"limit": 0}), 422)


@covers("GET /api/countries/{iso3}")
def test_country(client, ids, speakers):
    view = client.get("/api/countries/SEN").json()
    assert view["id"] == "SEN" and view["name"] == "Senegal" and view["documents"] == 1
    assert view["region"] == "africa"
    assert [d["id"] for d in view["latest"]] == [ids["fr"]]
    assert speakers["fr"] in {q["subject_id"] for q in view["quotes"]}
    assert len(view["objective_coverage"]) == 23
    assert client.get("/api/countries/sen", params={"lang": "es"}).json()["name"] == "Senegal"
    assert client.get("/api/countries/sen", params={"lang": "fr"}).json()["name"] == "Sénégal"
    assert_error(client.get("/api/countries/ZZZ"), 404)
    assert_error(client.get("/api/countries/SENE"), 422)
    assert_error(client.get("/api/countries/S1N"), 422)


@covers("GET /api/objectives", "GET /api/objectives/{number}")
def test_objectives(client, ids):
    listing = client.get("/api/objectives", params={"lang": "fr"}).json()
    assert [o["id"] for o in listing["objectives"]] == list(range(1, 24))
    assert len(listing["principles"]) == 10
    served = client.get(f"/api/documents/{ids['en']}").json()["objectives"][0]["id"]
    view = client.get(f"/api/objectives/{served}").json()
    assert view["id"] == served and view["label"] and view["documents"] >= 1
    assert ids["en"] in {f["document"] for f in view["evidence"]}
    assert "ECU" in {c["id"] for c in view["countries"]}
    for bad in ("0", "24", "99", "one"):
        assert_error(client.get(f"/api/objectives/{bad}"), 422)


@covers("GET /api/people/{person_id}")
def test_person(client, ids, speakers):
    person = client.get(f"/api/people/{speakers['es']}").json()
    assert person["name"] == "Lucía Marbella Quintanar" and person["type"] == "person"
    assert [q["document"] for q in person["quotes"]] == [ids["es"]]
    assert "Cada dólar" in person["quotes"][0]["value"]
    assert [d["id"] for d in person["documents"]] == [ids["es"]]
    assert_error(client.get("/api/people/nobody-at-all"), 404)


@covers("GET /api/organizations/{org_id}")
def test_organization(client, ids):
    org = client.get("/api/organizations/IOM").json()
    assert org["type"] == "organization" and set(ids.values()) <= {d["id"] for d in org["documents"]}
    assert org["quotes"] == []
    assert_error(client.get("/api/organizations/NO-SUCH-ORG"), 404)


@covers("GET /api/matrix")
def test_matrix(client, ids):
    served = {o["id"] for o in client.get(f"/api/documents/{ids['es']}").json()["objectives"]}
    view = client.get("/api/matrix").json()
    cells = {(c["country"], c["objective"]): c["documents"] for c in view["cells"]}
    assert all(cells[("HND", n)] == 1 for n in served)
    assert len(view["objectives"]) == 23 and "africa" in view["regions"]
    africa = client.get("/api/matrix", params={"region": "africa"}).json()
    assert {c["id"] for c in africa["countries"]} == {"SEN"} and africa["filters"] == {"region": "africa"}
    early = client.get("/api/matrix", params={"until": "2023-06"}).json()
    assert {c["country"] for c in early["cells"]} == {"HND"}
    assert_error(client.get("/api/matrix", params={"since": "notadate"}), 422)
    assert_error(client.get("/api/matrix", params={"region": "Europe!"}), 422)


@covers("GET /api/facts", "GET /api/facts/{fact_id}")
def test_facts(client):
    listed = client.get("/api/facts", params={"per_page": 3}).json()
    assert len(listed["facts"]) == 3 and listed["pagination"]["total"] > 3
    fact = listed["facts"][0]
    assert set(fact) >= {
        "id",
        "kind",
        "subject_type",
        "subject_id",
        "document",
        "confidence",
        "status",
        "evidence",
    }
    assert client.get(f"/api/facts/{fact['id']}").json() == fact
    quoted = client.get("/api/facts", params={"kind": "person-quoted"}).json()
    assert quoted["pagination"]["total"] >= 3 and {f["kind"] for f in quoted["facts"]} == {"person-quoted"}
    assert_error(client.get("/api/facts/987654321"), 404)
    assert_error(client.get("/api/facts/0"), 422)
    assert_error(client.get("/api/facts", params={"status": "maybe"}), 422)


# -- writes ---------------------------------------------------------------------------------------


def a_quote_fact(client) -> dict:
    """An unreviewed person-quoted fact."""
    return client.get("/api/facts", params={"kind": "person-quoted", "status": "auto"}).json()["facts"][0]


@covers("POST /api/facts/{fact_id}/review", "GET /api/facts/{fact_id}", "GET /api/facts")
def test_review_changes_the_status(client):
    fact = a_quote_fact(client)
    url = f"/api/facts/{fact['id']}/review"
    answer = client.post(url, json={"status": "accepted", "by": "tester"}, headers=AUTH)
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "accepted" and answer.json()["reviewed_by"] == "tester"
    shown = client.get(f"/api/facts/{fact['id']}").json()
    assert shown["status"] == "accepted" and shown["reviewed_by"] == "tester" and shown["reviewed_at"]
    accepted = client.get("/api/facts", params={"status": "accepted"}).json()["facts"]
    assert fact["id"] in {f["id"] for f in accepted}
    assert fact["id"] not in {
        f["id"] for f in client.get("/api/facts", params={"per_page": 100}).json()["facts"]
    }
    client.post(url, json={"status": "rejected"}, headers=AUTH)
    assert client.get(f"/api/facts/{fact['id']}").json()["status"] == "rejected"


@covers("POST /api/facts/{fact_id}/review")
def test_review_refuses_bad_input(client):
    fact = a_quote_fact(client)
    url = f"/api/facts/{fact['id']}/review"
    assert_error(client.post(url, json={"status": "maybe"}, headers=AUTH), 422)
    assert_error(client.post(url, json={}, headers=AUTH), 422)
    assert_error(client.post(url, content=b"not json", headers=AUTH), 422)
    assert_error(client.post("/api/facts/987654321/review", json={"status": "accepted"}, headers=AUTH), 404)
    assert client.get(f"/api/facts/{fact['id']}").json()["status"] == "auto"


@covers("POST /api/facts/{fact_id}/review")
def test_review_needs_the_token(client, tokenless):
    fact = a_quote_fact(client)
    url = f"/api/facts/{fact['id']}/review"
    missing = client.post(url, json={"status": "accepted"})
    assert assert_error(missing, 401)["code"] == "unauthorized"
    assert missing.headers["www-authenticate"] == "Bearer"
    assert_error(
        client.post(url, json={"status": "accepted"}, headers={"Authorization": "Bearer wrong"}), 401
    )
    assert_error(client.post(url, json={"status": "accepted"}, headers={"Authorization": TOKEN}), 401)
    assert_error(
        client.post(url, json={"status": "accepted"}, headers={"Authorization": f"Basic {TOKEN}"}), 401
    )
    for headers in ({}, AUTH, {"Authorization": "Bearer "}):
        assert (
            assert_error(tokenless.post(url, json={"status": "accepted"}, headers=headers), 403)["code"]
            == "forbidden"
        )
    assert client.get(f"/api/facts/{fact['id']}").json()["status"] == "auto"


@covers("GET /api/export")
def test_export_jsonl(client, ids):
    answer = client.get("/api/export")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/x-ndjson"
    records = [json.loads(line) for line in answer.text.splitlines()]
    assert set(ids.values()) <= {r["id"] for r in records}
    for record in records:
        assert {"id", "source", "lang", "title", "body", "entities", "objectives", "store"} <= set(record)
        assert set(record["store"]) >= {
            "version",
            "current",
            "content_hash",
            "extractor_version",
            "ingested_at",
        }
    only_fr = client.get("/api/export", params={"format": "jsonl", "lang": "fr"}).text.splitlines()
    assert [json.loads(line)["id"] for line in only_fr] == [ids["fr"]]
    assert json.loads(only_fr[0])["body"].startswith("Genève – Le 14 mars 2024")
    assert client.get("/api/export", params={"country": "ZZZ"}).text == ""


@covers("GET /api/export")
def test_export_csv(client, ids):
    answer = client.get("/api/export", params={"format": "csv", "country": "ECU"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert answer.text.splitlines()[0] == ",".join(CSV_COLUMNS)
    assert [r["id"] for r in rows] == [ids["en"]]
    row = rows[0]
    assert row["lang"] == "en" and row["published"] == "2023-10-03" and "ECU" in row["countries"].split(";")
    assert "IOM" in row["organizations"].split(";") and row["current"] == "1"
    assert_error(client.get("/api/export", params={"format": "xml"}), 422)
    assert_error(client.get("/api/export", params={"objective": 0}), 422)


# undated, so that it changes no date-filtered answer of the other tests, whatever their order
NEW_TEXT = """Press release
Mongolia opens a one-stop centre for returning workers
Ulaanbaatar – The Government of Mongolia has opened a one-stop centre where returning \
workers can find advice on jobs, housing and the recognition of skills gained abroad.
"Nobody should come home to a closed door," said Bayar Quillfeather, director of the centre.
"""


@covers("POST /api/ingest", "GET /api/search", "GET /api/documents/{doc_id}")
def test_ingest_texts_then_search(client):
    body = {"texts": [{"name": "mongolia-centre", "text": NEW_TEXT}]}
    answer = client.post("/api/ingest", json=body, headers=AUTH)
    assert answer.status_code == 200, answer.text
    (result,) = answer.json()["results"]
    assert (
        result["status"] == "stored" and result["source"] == "api:mongolia-centre" and result["version"] == 1
    )
    assert answer.json()["summary"] == {"stored": 1}
    assert result_ids(client.get("/api/search", params={"q": "one-stop centre"})) == [result["id"]]
    assert result["id"] in result_ids(client.get("/api/search", params={"country": "MNG"}))
    doc = client.get(f"/api/documents/{result['id']}").json()
    assert doc["source"] == "api:mongolia-centre" and doc["title"].startswith("Mongolia opens")
    assert client.get("/api/search", params={"q": "Quillfeather"}).json()["results"][0]["date"] is None
    again = client.post("/api/ingest", json=body, headers=AUTH).json()
    assert again["results"][0]["status"] == "unchanged" and again["results"][0]["id"] == result["id"]


@covers("POST /api/ingest")
def test_ingest_reports_bad_items_as_rows(client, monkeypatch):
    def unresolvable(host, *args, **kwargs):  # no DNS query leaves the test
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", unresolvable)
    body = {"texts": [{"name": "blank", "text": "   \n  "}], "urls": ["http://no-such-host.invalid/page"]}
    answer = client.post("/api/ingest", json=body, headers=AUTH)
    assert answer.status_code == 200, answer.text
    rows = {r["source"]: r for r in answer.json()["results"]}
    assert rows["http://no-such-host.invalid/page"]["status"] == "failed"
    assert rows["api:blank"]["status"] == "failed"
    assert all(set(r["error"]) == {"code", "message"} for r in rows.values())
    assert answer.json()["summary"] == {"failed": 2}


@covers("POST /api/ingest")
def test_ingest_reports_a_stage_bug_as_a_row_not_a_server_error(client, monkeypatch):
    from pactwatch.web import ingesting

    def broken(*args, **kwargs):
        raise RuntimeError("a stage broke")

    monkeypatch.setattr(ingesting, "extract_raw", broken)
    body = {"texts": [{"name": "breaks-a-stage", "text": "Some text about migration."}]}
    answer = client.post("/api/ingest", json=body, headers=AUTH)
    assert answer.status_code == 200, answer.text
    (row,) = answer.json()["results"]
    assert row["status"] == "failed" and row["error"]["code"] == ExtractionFailed.code
    assert "RuntimeError: a stage broke" in row["error"]["message"]


@covers("POST /api/ingest")
def test_ingest_refuses_bad_requests(client):
    assert_error(client.post("/api/ingest", json={}, headers=AUTH), 422)
    assert_error(client.post("/api/ingest", json={"texts": [{"name": "", "text": "x"}]}, headers=AUTH), 422)
    assert_error(client.post("/api/ingest", json={"texts": "just a string"}, headers=AUTH), 422)
    assert_error(client.post("/api/ingest", json={"urls": ["ftp://files.example/a.txt"]}, headers=AUTH), 400)
    assert_error(client.post("/api/ingest", json={"urls": ["http://127.0.0.1/"]}, headers=AUTH), 400)
    assert_error(client.post("/api/ingest", json={"urls": ["http://[not-an-address/"]}, headers=AUTH), 400)


@covers("POST /api/ingest", "GET /api/search")
def test_ingest_needs_the_token(client, tokenless):
    body = {
        "texts": [
            {"name": "unauthorised", "text": "Zanzibarian pelicans meet in Lisbon to talk about migration."}
        ]
    }
    assert_error(client.post("/api/ingest", json=body), 401)
    assert_error(client.post("/api/ingest", json=body, headers={"Authorization": "Bearer nope"}), 401)
    assert_error(tokenless.post("/api/ingest", json=body, headers=AUTH), 403)
    assert_error(tokenless.post("/api/ingest", json=body), 403)
    assert result_ids(client.get("/api/search", params={"q": "Zanzibarian"})) == []

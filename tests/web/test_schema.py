"""Schemathesis against the served OpenAPI schema, in process: no request may make the server fail.

Every operation of ``/openapi.json`` is called with generated valid and invalid input
(``not_a_server_error``: never a 5xx), and every API error keeps the one error shape.
Valid requests also name records that exist (documents, facts, people...), so pages of
real data are built, not only 404s. Writes get the bearer token, so their real work runs
(review decisions, ingest of generated texts and of generated URLs), and each is sent
again with a wrong token, which must never succeed.

The run cannot reach the network: while the module runs, name resolution answers only
for IP literals and every outgoing connection is refused (and recorded). The server
keeps ``allow_private`` off, so a generated URL ends as a 400 or a failed result row,
and no connection is ever attempted to a non-public address. Bounded (a few dozen
examples per operation, no shrinking, derandomized) so the module runs in seconds.
Schemathesis' pytest loader (``from_fixture``) does not work with pytest 9, so each
operation's Hypothesis strategy is driven here with ``@given``.
"""

from __future__ import annotations

import ipaddress
import socket
import warnings
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from pactwatch.ingest.urls import address_problem
from pactwatch.settings import Settings
from pactwatch.store import Store
from pactwatch.store.ingest import ingest
from pactwatch.web import create_app

TOKEN = "schema-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
MAX_EXAMPLES = 30
REAL_GETADDRINFO = socket.getaddrinfo
CONNECTIONS: list[str] = []  # addresses the server tried to connect to (during one request)

DOCS = {
    "fr.txt": """Communiqué
Le Maroc et le Mali lancent un dialogue sur la protection consulaire
Rabat – Le 2 février 2024, les gouvernements du Maroc et du Mali ont ouvert un dialogue sur la protection \
consulaire des travailleurs migrants et sur l'accès aux services de base, avec l'appui de l'Organisation \
internationale pour les migrations (OIM).
« Un consulat doit être une porte ouverte, pas un guichet fermé », a déclaré Salif Orvane-Keïta, \
diplomate malien.
""",
    "es.txt": """Comunicado
Chile y Perú acuerdan un registro común de datos sobre movilidad
Santiago – El 5 de mayo de 2023, Chile y Perú acordaron crear un registro común de datos sobre \
movilidad humana \
para mejorar la planificación de servicios en la frontera, con el apoyo de la Organización \
Internacional para \
las Migraciones (OIM).
"Sin datos fiables, cada política es una apuesta", dijo Elena Fuentecilla Brio, directora del proyecto.
""",
}

SCHEMES = [
    "http://",
    "https://",
    "HTTP://",
    " http://",
    "\thttp://",
    "ftp://",
    "file://",
    "javascript:",
    "//",
    "",
]
# URLs the ingest endpoint is sent: public, private and malformed hosts, odd schemes, ports and paths.
HOSTS = st.one_of(
    st.ip_addresses(v=4).map(str),
    st.ip_addresses(v=6).map(lambda ip: f"[{ip}]"),
    st.sampled_from(["localhost", "no-such-host.invalid", "0", "127.1", "0x7f.1", "2130706433", "[::1]",
                     "[::ffff:127.0.0.1]", "[abc", "[::1", "..", "[fe80::1%25eth0]", "user:pw@10.0.0.1", ""]),
    st.text(max_size=12),
)  # fmt: skip
URLS = st.builds(
    lambda scheme, host, port, rest: f"{scheme}{host}{port}{rest}",
    st.sampled_from(SCHEMES),
    HOSTS,
    st.sampled_from(["", ":80", ":0", ":65536", ":x", ":"]),
    st.text(max_size=12),
)
PLAIN_URLS = st.builds(
    "{}://{}/{}".format,
    st.sampled_from(["http", "https"]),
    st.one_of(st.ip_addresses(v=4).map(str), st.ip_addresses(v=6).map(lambda ip: f"[{ip}]")),
    st.from_regex(r"[a-z0-9/._-]{0,20}", fullmatch=True),
)


def offline_getaddrinfo(host, port, *args, **kwargs):
    """Name resolution for IP literals only: no DNS query leaves the test."""
    kwargs["flags"] = kwargs.get("flags", 0) | socket.AI_NUMERICHOST
    return REAL_GETADDRINFO(host, port, *args, **kwargs)


def no_connection(address, *args, **kwargs):
    """Record the address, then refuse: the schema tests never reach the network."""
    CONNECTIONS.append(address[0])
    raise ConnectionRefusedError("the schema tests do not reach the network")


@pytest.fixture(scope="module")
def offline():
    """No DNS and no outgoing connection for the module (the in-process client needs neither)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket, "getaddrinfo", offline_getaddrinfo)
        patch.setattr(socket, "create_connection", no_connection)
        yield


@pytest.fixture(scope="module")
def web_app(tmp_path_factory):
    """The app over a small store of its own (the run writes to it), with a token set."""
    folder = tmp_path_factory.mktemp("schema")
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = folder / "store.db"
    with Store(db) as store:
        summary = ingest(store, [str(folder / name) for name in DOCS], Settings(quiet=True))
    assert summary.counts["stored"] == len(DOCS), summary.failures
    return create_app(db, Settings(api_token=TOKEN, allow_private=False, timeout=5))


@pytest.fixture(scope="module")
def api_schema(web_app, offline):
    """The served schema, loaded through the app itself."""
    with warnings.catch_warnings():  # the in-process client warns about its httpx dependency
        warnings.simplefilter("ignore")
        return schemathesis.openapi.from_asgi("/openapi.json", web_app)


@pytest.fixture(scope="module")
def known(web_app) -> dict[str, list]:
    """Path parameter values that exist in the store, so generated requests reach real records too."""
    with Store(web_app.state.db) as store:
        entities = store.entities(None, 1000)
        found = {
            "doc_id": [d["id"] for d in store.documents()],
            "fact_id": [f["id"] for f in store.facts(limit=2)]
            + [f["id"] for f in store.facts(kind="person-quoted")],
            "person_id": [e["id"] for e in entities if e["type"] == "person"],
            "org_id": [e["id"] for e in entities if e["type"] == "organization"][:2],
            "iso3": [e["id"] for e in entities if e["type"] == "country"][:2],
        }
    assert all(found.values()), found
    return found


def strategy(operation, mode: GenerationMode, known: dict[str, list]):
    """Generated cases for an operation; valid ones also name existing records, or send generated URLs."""
    plain = operation.as_strategy(generation_mode=mode)
    if mode is not GenerationMode.POSITIVE:
        return plain
    extra = []
    if operation.method.upper() == "POST" and operation.path == "/api/ingest":
        for urls in (st.lists(URLS, min_size=1, max_size=3), st.lists(PLAIN_URLS, min_size=1, max_size=2)):
            extra.append(
                urls.flatmap(lambda u: operation.as_strategy(generation_mode=mode, body={"urls": u}))
            )
    for param in operation.path_parameters:
        for value in known.get(param.name, ()):
            extra.append(operation.as_strategy(generation_mode=mode, path_parameters={param.name: value}))
    return st.one_of(plain, *extra)


def served_operations() -> list[tuple[str, str]]:
    """(method, path) of every operation in the app's OpenAPI schema (the app opens no store for it)."""
    paths = create_app(":memory:").openapi()["paths"]
    return sorted((method.upper(), path) for path, ops in paths.items() for method in ops)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
@pytest.mark.parametrize(("method", "path"), served_operations())
def test_no_server_error(api_schema, known, method, path, mode):
    """Generated requests to one operation never get a 5xx; API errors keep the one shape."""
    is_write = method == "POST"
    statuses: Counter[int | str] = Counter()

    @given(case=strategy(api_schema[path][method], mode, known))
    @settings(
        max_examples=MAX_EXAMPLES * (3 if path == "/api/ingest" else 1),
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
    )
    def run(case):
        CONNECTIONS.clear()
        response = case.call_and_validate(headers=AUTH if is_write else None, checks=[not_a_server_error])
        statuses[response.status_code] += 1
        statuses["connections"] += len(CONNECTIONS)
        for address in CONNECTIONS:  # the URL vetting let no private address through
            assert address_problem(ipaddress.ip_address(address.split("%")[0])) is None, address
        if response.status_code >= 400:
            assert set(response.json()) == {"error"}, response.text
        if is_write:
            refused = case.call(headers={"Authorization": "Bearer not-the-token"})
            assert refused.status_code in (400, 401, 422), refused.text

    try:
        run()
    except Unsatisfiable:
        # an operation whose every parameter takes any string has no invalid input to send
        assert mode is GenerationMode.NEGATIVE, "no valid request could be generated"
    if mode is GenerationMode.POSITIVE:
        assert statuses[200], f"no generated request succeeded: {dict(statuses)}"
    if mode is GenerationMode.POSITIVE and path == "/api/ingest":
        assert statuses["connections"], "no generated URL reached the (refused) fetch"


def test_the_schema_lists_the_writes_with_bearer_auth(web_app):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    served = TestClient(web_app).get("/openapi.json").json()
    assert "HTTPBearer" in served["components"]["securitySchemes"]
    for path in ("/api/ingest", "/api/facts/{fact_id}/review"):
        assert served["paths"][path]["post"]["security"] == [{"HTTPBearer": []}]
    assert "security" not in served["paths"]["/api/search"]["get"]

"""Web app security: hostile documents shown escaped everywhere, writes refused, no SSRF, no open redirect.

Three hostile documents (written for these tests; the people quoted are fictional):
one posted as text through the API, whose title, body and quote carry ``<script>``,
``javascript:`` links, ``<img onerror>`` and raw HTML; one HTML file whose visible text
contains escaped markup (and a real script that must never reach the text), stored
under the source name ``javascript:alert(1).html``; and one plain text file. Every page
that shows them is parsed: no script element, no event-handler attribute and no
``javascript:`` URL may come from a document, and the escaped text must be there.
"""

from __future__ import annotations

import os
import socket
import warnings
from html.parser import HTMLParser

import pytest

from pactwatch.settings import Settings
from pactwatch.store import Store
from pactwatch.store.ingest import ingest
from pactwatch.web import create_app

with warnings.catch_warnings():  # starlette warns that its client will move to httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "security-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SCRIPT = "<script>alert(1)</script>"
SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
IMG = "<img src=x onerror=alert(1)>"
IMG_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"

POSTED = f"""Press release
Colombia hosts {SCRIPT} a dialogue on labour migration
Bogotá – On 12 April 2024, the Government of Colombia hosted a regional dialogue on regular \
pathways for labour \
migration and the recognition of skills {IMG}, with the support of the International Organization for \
Migration (IOM).
Participants reviewed a guide published at javascript:alert(1) and <a \
href="javascript:alert(1)">this link</a>, \
and <b>bold claims</b> <iframe src="https://evil.example/"></iframe> about recruitment fees.
"We will not accept {SCRIPT} any recruitment fee charged to workers {IMG}," said Marisol Quenby-Arango, \
director of the labour mobility office of Colombia.
"""
HTML_FILE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Ecuador &lt;script&gt;alert(1)&lt;/script&gt; opens a migrant information desk</title>
<script>document.write('a real script, never part of the text')</script>
</head><body><article>
<h1>Ecuador &lt;script&gt;alert(1)&lt;/script&gt; opens a migrant information desk</h1>
<p>Quito – On 2 May 2024, the Government of Ecuador opened an information desk for migrants and refugees \
&lt;img src=x onerror=alert(1)&gt; that explains how to obtain legal identity documents and access \
health care.</p>
<p><a href="javascript:alert(1)">Read the guide</a> and <a href="https://example.org/guide">the \
other guide</a>.</p>
<p>“Clear information &lt;script&gt;alert(1)&lt;/script&gt; is the first protection a migrant has,” said \
Rodrigo Velmont-Sáenz, head of the information desk.</p>
</article></body></html>
"""
HTML_NAME = "javascript:alert(1).html"
PLAIN = """Communiqué
Le Bénin ouvre un guichet d'information pour les travailleurs migrants
Cotonou – Le 8 juillet 2024, le gouvernement du Bénin a ouvert un guichet d'information sur les voies de \
migration régulière et les droits des travailleurs migrants.
« Personne ne devrait partir sans connaître ses droits », a déclaré Honorine Dassou-Kerval, \
responsable du guichet.
"""
UNSAFE_URLS = [
    "http://127.0.0.1/",
    "http://[::1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "http://10.255.255.1/",
    "http://localhost:8000/admin",
    "http://0x7f.1/",
    "http://[::ffff:127.0.0.1]/",
    "https://192.168.1.1/",
    "http://0/",
]
REFUSED_SCHEMES = [
    "file:///etc/passwd",
    "javascript:alert(1)",
    "ftp://files.example/a.txt",
    "gopher://x/",
    "data:text/html,<script>alert(1)</script>",
    "/etc/passwd",
    "http:///etc/passwd",
]


class Elements(HTMLParser):
    """Every start tag of a page with its attributes (what a browser would build)."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_safe(page: str) -> None:
    """No element of the page can run script: no script or iframe, no on* attribute, no javascript: URL."""
    assert "<script" not in page.lower()
    assert "<img src=x" not in page and "<iframe" not in page.lower()
    for tag, attrs in Elements(page).tags:
        assert tag not in ("script", "iframe", "object", "embed", "base"), tag
        for name, value in attrs.items():
            assert not name.startswith("on"), f"<{tag} {name}={value!r}>"
            if name in ("href", "src", "action", "formaction"):
                assert not (value or "").strip().lower().startswith(("javascript:", "data:text")), (
                    tag,
                    value,
                )


def assert_shown_escaped(page: str, *needles: str) -> None:
    """The page is safe and shows each needle (escaped markup) as text."""
    assert_safe(page)
    for needle in needles:
        assert needle in page, needle


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The app over a store holding the plain file and the hostile HTML file (by a relative name)."""
    folder = tmp_path_factory.mktemp("security")
    (folder / HTML_NAME).write_text(HTML_FILE, encoding="utf-8")
    (folder / "benin.txt").write_text(PLAIN, encoding="utf-8")
    db = folder / "store.db"
    here = os.getcwd()
    os.chdir(folder)  # the HTML file's source is then the relative name "javascript:alert(1).html"
    try:
        with Store(db) as store:
            summary = ingest(store, [HTML_NAME, "benin.txt"], Settings(quiet=True))
    finally:
        os.chdir(here)
    assert summary.counts["stored"] == 2, summary.failures
    return create_app(db, Settings(api_token=TOKEN))


@pytest.fixture(scope="module")
def client(app):
    """An anonymous client (no cookie), not following redirects."""
    with TestClient(app, follow_redirects=False) as c:
        yield c


@pytest.fixture(scope="module")
def posted(client) -> dict:
    """The hostile text posted through the API (under a hostile name): its document record."""
    answer = client.post("/api/ingest", json={"texts": [{"name": SCRIPT, "text": POSTED}]}, headers=AUTH)
    assert answer.status_code == 200, answer.text
    (result,) = answer.json()["results"]
    assert result["status"] == "stored", result
    return client.get(f"/api/documents/{result['id']}").json()


@pytest.fixture(scope="module")
def html_doc(client) -> dict:
    """The hostile HTML file's document record."""
    found = client.get("/api/search", params={"q": "information desk"}).json()["results"]
    assert [r["source"] for r in found] == [HTML_NAME]
    return client.get(f"/api/documents/{found[0]['id']}").json()


def facts_of(client, doc: dict, kind: str) -> list[dict]:
    """The facts of one kind that a document gave."""
    return [f for f in client.get(f"/api/documents/{doc['id']}").json()["facts"] if f["kind"] == kind]


def page(client, url: str, **params) -> str:
    """An HTML page that must load (200) and carry the security headers."""
    answer = client.get(url, params=params)
    assert answer.status_code == 200, (url, answer.status_code)
    assert answer.headers["content-type"].startswith("text/html")
    assert "script-src" not in answer.headers["content-security-policy"]
    assert answer.headers["content-security-policy"].startswith("default-src 'none'")
    return answer.text


# -- the stored text keeps the markup as text -----------------------------------------------------


def test_the_hostile_text_is_stored_as_written(posted, html_doc):
    assert (
        SCRIPT in posted["title"] and IMG in posted["body"] and 'href="javascript:alert(1)"' in posted["body"]
    )
    assert posted["source"] == f"api:{SCRIPT}"
    assert SCRIPT in html_doc["title"] and IMG in html_doc["body"]
    assert "a real script" not in html_doc["body"] and "document.write" not in html_doc["body"]


# -- every page that shows a hostile document shows it escaped ------------------------------------


def test_home_page(client, posted, html_doc):
    assert_shown_escaped(page(client, "/"), f"Colombia hosts {SCRIPT_ESCAPED}", f"Ecuador {SCRIPT_ESCAPED}")


def test_search_page(client, posted, html_doc):
    found = page(client, "/search", q="recruitment fee")
    assert_shown_escaped(
        found, f"Colombia hosts {SCRIPT_ESCAPED}", f"accept {SCRIPT_ESCAPED} any <mark>recruitment</mark>"
    )
    assert_shown_escaped(
        page(client, "/search", q="onerror"), "&lt;img src=x <mark>onerror</mark>=alert(1)&gt;"
    )
    assert_shown_escaped(page(client, "/search", q="legal identity"), f"Ecuador {SCRIPT_ESCAPED}")
    listing = page(client, "/search")
    assert_shown_escaped(listing, f"Colombia hosts {SCRIPT_ESCAPED}", f"Ecuador {SCRIPT_ESCAPED}")
    assert f"api:{SCRIPT_ESCAPED}" in listing


def test_search_does_not_reflect_the_query_as_markup(client, posted):
    query = '"><script>alert(1)</script><img src=x onerror=alert(1)> colombia'
    reflected = page(client, "/search", q=query, country='"><b>')
    assert_shown_escaped(
        reflected, f"&#34;&gt;{SCRIPT_ESCAPED}{IMG_ESCAPED} colombia", 'value="&#34;&gt;&lt;b&gt;"'
    )
    assert "<b>" not in reflected


def test_document_pages(client, posted, html_doc):
    shown = page(client, f"/documents/{posted['id']}")
    assert_shown_escaped(
        shown,
        f"Colombia hosts {SCRIPT_ESCAPED}",
        IMG_ESCAPED,
        "&lt;iframe src=&#34;https://evil.example/&#34;&gt;",
        "&lt;a href=&#34;javascript:alert(1)&#34;&gt;",
        "&lt;b&gt;bold claims&lt;/b&gt;",
    )
    assert f"api:{SCRIPT_ESCAPED}" in shown
    shown = page(client, f"/documents/{html_doc['id']}")
    assert_shown_escaped(shown, f"Ecuador {SCRIPT_ESCAPED}", IMG_ESCAPED, "javascript:alert(1).html")
    assert "a real script" not in shown


def test_the_source_link_is_never_a_javascript_href(client, html_doc):
    shown = page(client, f"/documents/{html_doc['id']}")
    links = [attrs.get("href") or "" for tag, attrs in Elements(shown).tags if tag == "a"]
    assert not [h for h in links if "javascript" in h.lower()]
    assert html_doc["source"] == HTML_NAME  # shown as text only


def test_country_pages(client, posted, html_doc):
    assert_shown_escaped(
        page(client, "/countries/COL"), f"Colombia hosts {SCRIPT_ESCAPED}", SCRIPT_ESCAPED, IMG_ESCAPED
    )
    assert_shown_escaped(page(client, "/countries/ecu"), f"Ecuador {SCRIPT_ESCAPED}")


def test_objective_pages(client, posted, html_doc):
    served = [o["id"] for o in posted["objectives"]] + [o["id"] for o in html_doc["objectives"]]
    assert served, "the hostile documents should serve at least one objective"
    for number in sorted(set(served)):
        shown = page(client, f"/objectives/{number}")
        assert_safe(shown)
        assert f"Colombia hosts {SCRIPT_ESCAPED}" in shown or f"Ecuador {SCRIPT_ESCAPED}" in shown, number


def test_person_pages(client, posted, html_doc):
    for doc in (posted, html_doc):
        (quote,) = doc["quotes"]
        assert SCRIPT in quote["text"]
        shown = page(client, f"/people/{quote['speaker_id']}")
        assert_shown_escaped(shown, SCRIPT_ESCAPED, quote["speaker"])
    assert IMG_ESCAPED in page(client, f"/people/{posted['quotes'][0]['speaker_id']}")


def test_organization_page(client, posted):
    assert_shown_escaped(page(client, "/organizations/IOM"), f"Colombia hosts {SCRIPT_ESCAPED}")


def test_review_page(client, posted, html_doc):
    shown = page(client, "/review", kind="person-quoted")
    assert_shown_escaped(shown, f"Colombia hosts {SCRIPT_ESCAPED}", f"Ecuador {SCRIPT_ESCAPED}", IMG_ESCAPED)
    assert_safe(page(client, "/review"))


def test_other_pages_are_safe(client, posted):
    for url in ("/objectives", "/matrix", "/no-such-page", "/documents/nothing"):
        answer = client.get(url)
        assert "content-security-policy" in answer.headers, url
        assert_safe(answer.text)


def test_every_response_has_the_security_headers(client, posted):
    for url in ("/", "/api/overview", "/api/nothing", "/static/style.css", "/openapi.json", "/documents/x"):
        headers = client.get(url).headers
        assert "default-src 'none'" in headers["content-security-policy"], url
        assert "frame-ancestors 'none'" in headers["content-security-policy"], url
        assert headers["x-content-type-options"] == "nosniff", url
        assert headers["x-frame-options"] == "DENY", url


def test_api_json_is_not_served_as_html(client, posted):
    answer = client.get(f"/api/documents/{posted['id']}")
    assert answer.headers["content-type"] == "application/json"
    assert SCRIPT in answer.json()["title"]  # data stays data; escaping is the page's job


# -- writes need the token -------------------------------------------------------------------------


def test_api_writes_without_the_token_are_refused(client, posted):
    fact = facts_of(client, posted, "person-quoted")[0]
    body = {"texts": [{"name": "sneaky", "text": "Quokkaville delegates met to talk about migration."}]}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Token {TOKEN}"}):
        assert client.post("/api/ingest", json=body, headers=headers).status_code == 401
        answer = client.post(f"/api/facts/{fact['id']}/review", json={"status": "rejected"}, headers=headers)
        assert answer.status_code == 401
        assert (
            client.post(f"/review/{fact['id']}", data={"decision": "rejected"}, headers=headers).status_code
            == 401
        )
    assert client.get("/api/search", params={"q": "Quokkaville"}).json()["total"] == 0
    assert client.get(f"/api/facts/{fact['id']}").json()["status"] == "auto"


def test_review_form_without_the_cookie_is_refused(app, client, posted):
    fact = facts_of(client, posted, "person-quoted")[0]
    refused = client.post(f"/review/{fact['id']}", data={"decision": "accepted"})
    assert refused.status_code == 401 and refused.headers["content-type"].startswith("text/html")
    with TestClient(app, follow_redirects=False, cookies={"pactwatch_token": "not-it"}) as forged:
        assert forged.post(f"/review/{fact['id']}", data={"decision": "accepted"}).status_code == 401
    assert client.get(f"/api/facts/{fact['id']}").json()["status"] == "auto"


def test_login_with_a_wrong_token_is_refused(app):
    with TestClient(app, follow_redirects=False) as browser:
        for token in ("wrong", TOKEN + "x", TOKEN[:-1], " " + TOKEN):
            answer = browser.post("/login", data={"token": token, "back": "/review"})
            assert answer.status_code == 401
            assert "set-cookie" not in answer.headers
        assert "pactwatch_token" not in browser.cookies


def test_login_then_review_by_form_works(app, client, posted):
    fact = facts_of(client, posted, "person-holds-title")[0]
    with TestClient(app, follow_redirects=False) as browser:
        answer = browser.post("/login", data={"token": TOKEN, "back": "/review"})
        assert answer.status_code == 303 and answer.headers["location"] == "/review"
        cookie = answer.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        decision = {"decision": "rejected", "back": "/review?status=auto"}
        done = browser.post(f"/review/{fact['id']}", data=decision, headers={"Origin": "http://testserver"})
        assert done.status_code == 303 and done.headers["location"] == "/review?status=auto"
    assert client.get(f"/api/facts/{fact['id']}").json()["status"] == "rejected"


def test_a_form_post_from_another_site_is_refused(app, client, posted):
    fact = facts_of(client, posted, "person-quoted")[0]
    with TestClient(app, follow_redirects=False) as browser:
        assert browser.post("/login", data={"token": TOKEN}).status_code == 303
        for foreign in ({"Origin": "https://evil.example"}, {"Referer": "https://evil.example/page"},
                        {"Origin": "http://testserver.evil.example"}, {"Origin": "null"}):  # fmt: skip
            answer = browser.post(f"/review/{fact['id']}", data={"decision": "rejected"}, headers=foreign)
            assert answer.status_code == 403, foreign
            assert browser.post("/logout", headers=foreign).status_code == 403
        assert (
            browser.post(
                "/login", data={"token": TOKEN}, headers={"Origin": "https://evil.example"}
            ).status_code
            == 403
        )
    assert client.get(f"/api/facts/{fact['id']}").json()["status"] == "auto"


# -- no redirect off the site ---------------------------------------------------------------------

OFFSITE = ["https://evil.example", "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example",
           "/\t/evil.example", " //evil.example", "javascript:alert(1)", "http:evil.example",
           "https:/evil.example", "evil.example", "/%0d%0aSet-Cookie:x=1"]  # fmt: skip


def assert_local(location: str) -> None:
    """A redirect target on this site: a path, not a scheme, host or protocol-relative URL."""
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location
    assert "\\" not in location and not any(ord(c) < 32 for c in location), location
    assert "evil.example" not in location.split("?")[0].split("/")[1:2], location


@pytest.mark.parametrize("back", OFFSITE)
def test_no_open_redirect(app, back):
    with TestClient(app, follow_redirects=False) as browser:
        answer = browser.get("/language", params={"hl": "fr", "back": back})
        assert answer.status_code == 303
        assert_local(answer.headers["location"])
        answer = browser.post("/login", data={"token": TOKEN, "back": back})
        assert answer.status_code == 303
        assert_local(answer.headers["location"])
        assert "\n" not in answer.headers.get("set-cookie", "")


def test_local_redirects_still_work(app):
    with TestClient(app, follow_redirects=False) as browser:
        answer = browser.get("/language", params={"hl": "es", "back": "/search?q=migración"})
        assert answer.status_code == 303 and answer.headers["location"].startswith("/search?q=")


# -- no server-side request to private addresses --------------------------------------------------


@pytest.fixture
def no_network(monkeypatch):
    """Every outgoing connection is recorded and refused."""
    attempts: list = []

    def refuse(address, *args, **kwargs):
        attempts.append(address)
        raise ConnectionRefusedError("no network in this test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def assert_error(response, status: int) -> dict:
    """The response is an API error in the one shape, with this status."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status
    return body["error"]


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_ingest_refuses_private_addresses(client, no_network, url):
    before = client.get("/api/overview").json()["counts"]["documents"]
    body = {
        "urls": [url],
        "texts": [{"name": "riding-along", "text": "Xylophonia signs a migration accord."}],
    }
    error = assert_error(client.post("/api/ingest", json=body, headers=AUTH), 400)
    assert "address" in error["message"]
    assert no_network == []
    assert client.get("/api/overview").json()["counts"]["documents"] == before
    assert client.get("/api/search", params={"q": "Xylophonia"}).json()["total"] == 0


@pytest.mark.parametrize("url", REFUSED_SCHEMES)
def test_ingest_refuses_other_schemes(client, no_network, url):
    error = assert_error(client.post("/api/ingest", json={"urls": [url]}, headers=AUTH), 400)
    assert "http" in error["message"] or "host" in error["message"]
    assert no_network == []


@pytest.mark.parametrize("url", ["http://[abc/", "http://[::1", "http://a:99999/", "ht\ttp://8.8.8.8/x",
                                 "http://example.org:port/"])  # fmt: skip
def test_ingest_refuses_malformed_urls(client, no_network, url):
    assert_error(client.post("/api/ingest", json={"urls": [url]}, headers=AUTH), 400)
    assert no_network == []


def test_a_url_with_spaces_around_it_is_fetched_as_a_url_not_opened_as_a_file(client, no_network):
    answer = client.post("/api/ingest", json={"urls": ["  http://203.0.114.7/page \n"]}, headers=AUTH)
    assert answer.status_code == 200, answer.text
    (row,) = answer.json()["results"]
    assert row["source"] == "http://203.0.114.7/page" and row["status"] == "failed"
    assert no_network and no_network[0][0] == "203.0.114.7"


def test_writes_are_refused_when_the_server_has_no_token(posted, tmp_path):
    with TestClient(create_app(tmp_path / "empty.db", Settings()), follow_redirects=False) as anyone:
        assert_error(anyone.post("/api/ingest", json={"urls": ["http://10.0.0.1/"]}, headers=AUTH), 403)
        assert_error(anyone.post("/api/facts/1/review", json={"status": "accepted"}, headers=AUTH), 403)
        assert anyone.post("/login", data={"token": ""}).status_code in (400, 401)
        assert anyone.post("/login", data={"token": TOKEN}).status_code == 401

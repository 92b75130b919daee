"""End-to-end: the served app driven in headless Chromium (Debian's ``chromium``) by Playwright.

The store is built from the bundled sample corpus, as ``pactwatch demo`` builds it, and
served by uvicorn on a free loopback port. Screenshots of each step are written to
``test-artifacts/`` (or ``$PACTWATCH_ARTIFACTS``). Without a Chromium binary the tests are
skipped, unless ``PACTWATCH_REQUIRE_BROWSER=1`` (set by CI), where they fail instead.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

CHROMIUM = os.environ.get("PACTWATCH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
TOKEN = "e2e-review-token"
ARTIFACTS = Path(os.environ.get("PACTWATCH_ARTIFACTS") or Path(__file__).parents[2] / "test-artifacts")

if not Path(CHROMIUM).exists():
    if os.environ.get("PACTWATCH_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"no Chromium at {CHROMIUM}: install Debian's chromium package")
    pytest.skip(f"no Chromium at {CHROMIUM}", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Path:
    """A store built from the bundled samples, as ``pactwatch demo`` builds it."""
    from pactwatch.samples import sample_paths
    from pactwatch.settings import Settings
    from pactwatch.store import Store
    from pactwatch.store.ingest import ingest

    db = tmp_path_factory.mktemp("e2e") / "demo.db"
    with Store(db) as store:
        summary = ingest(store, [str(p) for p in sample_paths()], Settings(quiet=True))
    assert summary.counts["failed"] == 0, summary.failures
    return db


@pytest.fixture(scope="module")
def server(sample_store):
    """The app served by uvicorn in a thread; its base URL."""
    import uvicorn

    from pactwatch.settings import Settings
    from pactwatch.web import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(sample_store, Settings(api_token=TOKEN)), host="127.0.0.1", port=port,
                            log_level="warning")  # fmt: skip
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.console_errors = errors  # a test expecting an error status clears it
    yield pg
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not errors, f"browser console errors: {errors}"


def test_search_with_a_facet(server, page):
    page.goto(server + "/")
    page.fill("#quick-q", "migration")
    page.press("#quick-q", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=migration"))
    total = int(page.locator("p.total strong").inner_text())
    assert total > 0
    facet = page.locator("section.facet[data-facet='country'] li a").first
    facet_name = facet.inner_text()
    facet_count = int(page.locator("section.facet[data-facet='country'] li .count").first.inner_text())
    facet.click()
    page.wait_for_url(re.compile(r"country=[A-Z]{3}"))
    iso = parse_qs(urlsplit(page.url).query)["country"][0]
    assert int(page.locator("p.total strong").inner_text()) == facet_count <= total
    assert iso in page.locator("ul.chips").inner_text()
    assert page.locator("article.hit").count() == min(facet_count, 20)
    assert facet_name  # the facet showed a readable name, not only a code
    page.screenshot(path=str(_artifact("search-facet.png")))


def test_document_shows_its_highlights(server, page):
    page.goto(server + "/search?q=migration")
    page.locator("section.facet[data-facet='country'] li a").first.click()
    page.wait_for_url(re.compile(r"country="))
    page.locator("section.facet[data-facet='objective'] li a").first.click()
    page.wait_for_url(re.compile(r"objective="))
    iso = parse_qs(urlsplit(page.url).query)["country"][0]
    page.locator("article.hit h2 a").first.click()
    page.wait_for_url(re.compile(r"/documents/"))
    assert page.locator(".doc-body").inner_text().strip()
    country = page.locator(f".doc-body a.hl-country[href='/countries/{iso}']").first
    assert country.is_visible()  # the country the search was narrowed to is highlighted and linked
    color = country.evaluate("el => getComputedStyle(el).backgroundColor")
    assert color not in ("rgba(0, 0, 0, 0)", "transparent")  # the highlight is visible
    evidence = page.locator(".doc-body .hl-evidence")
    assert evidence.count() > 0
    assert "objective" in evidence.first.get_attribute("title")
    assert page.locator("table.facts tbody tr").count() > 0


def test_country_page_shows_its_chart(server, page):
    page.goto(server + "/")
    page.locator("#h-countries + ol a").first.click()
    page.wait_for_url(re.compile(r"/countries/[A-Z]{3}$"))
    images = page.locator("figure.chart img")
    assert images.count() == 2
    for i in range(2):
        width = images.nth(i).evaluate("img => img.complete ? img.naturalWidth : 0")
        assert width > 200  # the SVG decoded and has a real size
    page.locator("figure.chart details summary").first.click()
    assert page.locator("figure.chart details table tbody tr").first.is_visible()


def test_accept_a_fact_in_the_review_queue(server, page, sample_store):
    from pactwatch.store import Store

    page.goto(server + "/review")
    assert page.locator("form.decide").count() == 0  # no decisions before signing in
    page.fill("#token", TOKEN)
    page.click("form.login button[type=submit]")
    page.wait_for_url(re.compile(r"/review$"))
    row = page.locator("table.review tbody tr").first
    fact_id = int(row.get_attribute("id").removeprefix("fact-"))
    row.locator("button[value=accepted]").click()
    page.wait_for_load_state()
    assert page.locator(f"#fact-{fact_id}").count() == 0  # gone from the "not reviewed" list
    page.goto(server + "/review?status=accepted")
    assert page.locator(f"#fact-{fact_id} .status-accepted").is_visible()
    with Store(sample_store) as store:
        fact = store.fact(fact_id)
    assert fact["status"] == "accepted" and fact["reviewed_at"]


def test_wrong_token_is_refused(server, page):
    page.goto(server + "/review")
    page.fill("#token", "not-the-token")
    with page.expect_response(lambda r: r.url.endswith("/login")) as answer:
        page.click("form.login button[type=submit]")
    assert answer.value.status == 401
    assert page.locator(".error-message").is_visible()
    page.console_errors.clear()  # the 401 above is the expected answer
    page.goto(server + "/review")
    assert page.locator("form.decide").count() == 0


def test_keyboard_and_french(server, page):
    page.goto(server + "/?hl=fr")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Le corpus en un coup d'œil"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"  # skip link comes first
    unlabeled = page.evaluate(
        "[...document.querySelectorAll('input:not([type=hidden]), select')]"
        ".filter(el => !el.labels || el.labels.length === 0).length"
    )
    assert unlabeled == 0


def _artifact(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name

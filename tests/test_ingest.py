"""Ingest: folder walking, decoding, the readers (text, HTML, PDF, DOCX), URL fetching, batch workers."""

from __future__ import annotations

import datetime as dt
import io
import ipaddress
import os
import signal
import sys
import threading
import time
import types
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import docx
import pytest
from fpdf import FPDF
from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch import batch, pipeline
from pactwatch.errors import (
    BinaryInput,
    DecodeFailed,
    EmptyInput,
    PactwatchError,
    ReadFailed,
    TimedOut,
    TooLarge,
    UnsafeURL,
)
from pactwatch.ingest import decode, readers, sources, urls
from pactwatch.ingest.decode import decode_bytes
from pactwatch.ingest.readers import read_document, read_docx, read_html, read_pdf, read_text, sniff_kind
from pactwatch.ingest.sources import Skipped, Source, iter_sources
from pactwatch.settings import Settings

FAST = Settings(stages=())

# ---------------------------------------------------------------- builders


def make_pdf(paragraphs, title=None, created=None):
    """A one-page PDF with a text layer (fpdf2 core font: Latin-1 text only)."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for text in paragraphs:
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    if title:
        pdf.set_title(title)
    if created:
        pdf.set_creation_date(created)
    return bytes(pdf.output())


def make_docx(heading, paragraphs, table=None, title=None, created=None):
    """A DOCX with a heading, paragraphs, an optional table and core properties."""
    document = docx.Document()
    document.add_heading(heading, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    if title:
        document.core_properties.title = title
    if created:
        document.core_properties.created = created
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


HTML_ES = """<!DOCTYPE html><html lang="es"><head><meta charset="utf-8">
<title>Encuentro en Bogotá | Portal de noticias</title>
<meta property="article:published_time" content="2024-03-14T09:00:00Z">
<script>var aviso = "GUION_NO_DEBE_APARECER";</script><style>p { color: red }</style></head>
<body><nav><ul><li><a href="/">Inicio</a></li><li><a href="/n">Noticias</a></li></ul></nav>
<article><h1>Encuentro regional sobre migración en Bogotá</h1>
<p>Bogotá – Representantes de once países se reunieron esta semana para coordinar sus políticas.</p>
<p>La portavoz ficticia Lucía Ferrer afirmó que «la cooperación regional es indispensable para todos».</p>
<script>document.write("OTRO_GUION_NO_DEBE_APARECER")</script>
<p>El próximo encuentro tendrá lugar en Quito durante el segundo semestre del año.</p></article>
<footer><p>Todos los derechos reservados. Aviso legal y política de privacidad.</p></footer></body></html>"""


# ---------------------------------------------------------------- sources


def touch(path, data=b"x"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def relative(items, root):
    """The paths of the Sources among ``items``, relative to ``root``."""
    return [os.path.relpath(i.location, root) for i in items if isinstance(i, Source)]


def test_walk_is_deterministic_and_skips_with_notes(tmp_path):
    for name in [
        "sub/c.pdf",
        "b.txt",
        "img.png",
        ".hidden.txt",
        ".git/config.txt",
        "a.html",
        "Z.docx",
        "notes",
    ]:
        touch(tmp_path / name)
    os.mkfifo(tmp_path / "pipe.txt")
    items = list(iter_sources([str(tmp_path)]))
    assert relative(items, tmp_path) == [
        "Z.docx",
        "a.html",
        "b.txt",
        "sub/c.pdf",
    ]  # code-point order, depth first
    skipped = {os.path.relpath(i.location, tmp_path): i.reason for i in items if isinstance(i, Skipped)}
    assert skipped == {
        ".git": "hidden",
        ".hidden.txt": "hidden",
        "img.png": "unsupported type .png",
        "notes": "unsupported type (no extension)",
        "pipe.txt": "not a regular file",
    }
    assert [i.kind for i in items if isinstance(i, Source)] == ["docx", "html", "text", "pdf"]


def test_explicit_files_urls_and_missing_paths_are_sources(tmp_path):
    png = touch(tmp_path / "photo.png")
    items = list(iter_sources([str(png), "https://example.org/a", str(tmp_path / "gone.txt")]))
    assert items == [
        Source(str(png)),
        Source("https://example.org/a"),
        Source(str(tmp_path / "gone.txt"), "text"),
    ]
    assert items[1].is_url and not items[0].is_url


def test_symlink_loop_and_aliases_are_walked_once(tmp_path):
    touch(tmp_path / "a.txt")
    touch(tmp_path / "sub" / "b.txt")
    os.symlink("..", tmp_path / "sub" / "up")  # back to the folder being walked: a loop
    os.symlink("sub", tmp_path / "twin")  # a second way into sub/
    os.symlink("a.txt", tmp_path / "link.txt")  # a second name for a.txt
    items = list(iter_sources([str(tmp_path)]))
    assert relative(items, tmp_path) == ["a.txt", "sub/b.txt"]
    notes = [(os.path.relpath(i.location, tmp_path), i.reason) for i in items if isinstance(i, Skipped)]
    assert [n for n, _ in notes] == ["link.txt", "sub/up", "twin"]
    assert "symlink loop" in notes[1][1] and "same folder" in notes[2][1] and "same file" in notes[0][1]


def test_walk_streams_one_folder_at_a_time(tmp_path, monkeypatch):
    touch(tmp_path / "a" / "first.txt")
    for i in range(50):
        touch(tmp_path / "b" / f"{i}.txt")
    listed = []
    real = os.scandir

    def counting(path):
        listed.append(os.path.basename(path))
        return real(path)

    monkeypatch.setattr(sources.os, "scandir", counting)
    first = next(iter_sources([str(tmp_path)]))
    assert first.location.endswith("first.txt")
    assert "b" not in listed  # the rest of the tree is not listed before the first input is handed out


# ---------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("La réunion s'est tenue à Genève, où les délégués ont évoqué la crise.", "latin-1"),
        ("Le directeur a déclaré : « C’est une étape décisive pour la coopération. » Œuvre.", "cp1252"),
        ("El señor Muñoz habló en la reunión de Bogotá sobre la migración.", "latin-1"),
        ("Международная организация по миграции провела встречу в Женеве.", "cp1251"),
        ("Réunion à Genève, été 2023", "utf-8-sig"),
        ("Réunion à Genève, été 2023", "utf-16"),
        ("Meeting in Geneva on regional cooperation", "utf-16-le"),  # no BOM
    ],
)
def test_decoding_round_trips(text, encoding):
    assert decode_bytes("t", text.encode(encoding)).text == text


def test_decoding_cleans_newlines_nul_and_controls():
    decoded = decode_bytes("t", b"Ligne un\r\nLigne\x00 deux\rfin\x07\n")
    assert decoded.text == "Ligne un\nLigne deux\nfin\n"


def test_declared_encoding_is_used_when_bytes_are_not_utf8():
    data = "Prix : 5 € à Genève".encode("iso8859-15")
    assert decode_bytes("t", data, declared="ISO-8859-15").text == "Prix : 5 € à Genève"
    assert (
        decode_bytes("t", "déjà".encode(), declared="latin-1").text == "déjà"
    )  # UTF-8 wins over a wrong label


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInput),
        (b" \n\t ", EmptyInput),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, BinaryInput),
        (bytes(range(256)) * 20, BinaryInput),
        (bytes((i * 37 + 11) % 128 + 128 for i in range(4000)), DecodeFailed),  # high bytes, no language
    ],
)
def test_decoding_refuses(data, error):
    with pytest.raises(error):
        decode_bytes("t", data)


def test_binary_kind_names_formats():
    assert decode.binary_kind(b"PK\x03\x04rest") == "ZIP archive"
    assert decode.binary_kind(b"\x00\x00\x00\x18ftypmp42") == "MP4/QuickTime media"
    assert decode.binary_kind(b"Plain words") is None


# ---------------------------------------------------------------- readers


def test_text_reader_keeps_everything():
    doc = read_text("note.txt", "Titre\n\nGenève – Le 3 mai, une réunion.\n".encode("cp1252"))
    assert (doc.kind, doc.text, doc.meta["encoding"]) == (
        "text",
        "Titre\n\nGenève – Le 3 mai, une réunion.\n",
        "cp1252",
    )


def test_html_reader_main_text_title_date_no_script():
    doc = read_html("page.html", HTML_ES.encode())
    assert doc.kind == "html"
    assert doc.meta["title"] == "Encuentro regional sobre migración en Bogotá"
    assert (doc.meta["date"], doc.meta["date_source"], doc.meta["lang"]) == (
        "2024-03-14",
        "html-metadata",
        "es",
    )
    lines = doc.text.splitlines()
    assert any(
        line.startswith("Bogotá – Representantes de once países") for line in lines
    )  # paragraphs as lines
    assert any(line.startswith("El próximo encuentro") for line in lines)
    for absent in ("GUION_NO_DEBE_APARECER", "OTRO_GUION", "color: red", "Inicio"):
        assert absent not in doc.text


def test_html_reader_honours_meta_charset():
    page = (
        "<html><head><meta charset='windows-1252'><title>Café</title></head><body><article>"
        "<p>The café near the station hosted a long meeting of delegates from several countries today.</p>"
        "<p>A second paragraph keeps the extractor confident that this is the main text of the page.</p>"
        "</article></body></html>"
    ).encode("cp1252")
    doc = read_html("page.htm", page)
    assert "The café near the station" in doc.text
    assert "date" not in doc.meta  # no date in the markup: none is invented


def test_pdf_reader_text_title_date_and_reflow():
    long_sentence = (
        "Des representants de vingt pays se sont reunis a Geneve pour discuter de la cooperation "
        "regionale en matiere de migration et de protection des personnes deplacees dans la region."
    )
    data = make_pdf(
        ["Communiqué : réunion à Genève", long_sentence],
        title="Communiqué de presse",
        created=dt.datetime(2023, 11, 30, tzinfo=dt.UTC),
    )
    doc = read_pdf("c.pdf", data)
    assert doc.kind == "pdf"
    assert "Communiqué : réunion à Genève" in doc.text.splitlines()
    assert long_sentence in doc.text  # wrapped lines joined back into one paragraph line
    assert doc.meta["title"] == "Communiqué de presse"
    assert (doc.meta["date"], doc.meta["date_source"], doc.meta["pages"]) == (
        "2023-11-30",
        "pdf-creation-date",
        1,
    )


def test_reflow_keeps_titles_and_sentences_apart():
    page = "A Title Line\nThe first sentence goes on\nover two lines.\nNext sentence."
    assert readers.reflow(page) == "A Title Line\nThe first sentence goes on over two lines.\nNext sentence."


def test_docx_reader_paragraphs_tables_properties():
    data = make_docx(
        "Encuentro regional en Bogotá",
        [
            "Bogotá – El 12 de marzo, representantes de once países hablaron de migración.",
            "",
            "Última línea.",
        ],
        table=[["País", "Delegados"], ["Colombia", "12"]],
        title="Encuentro regional",
        created=dt.datetime(2024, 3, 12, 9, 0),
    )
    doc = read_docx("e.docx", data)
    assert doc.text.splitlines() == [
        "Encuentro regional en Bogotá",
        "Bogotá – El 12 de marzo, representantes de once países hablaron de migración.",
        "Última línea.",
        "País | Delegados",
        "Colombia | 12",
    ]
    assert (doc.meta["title"], doc.meta["date"], doc.meta["date_source"]) == (
        "Encuentro regional",
        "2024-03-12",
        "docx-created",
    )


def test_sniffing_trusts_bytes_over_names():
    pdf = make_pdf(["Short text"])
    assert sniff_kind(pdf, "text") == "pdf"
    assert sniff_kind(b"  <!DOCTYPE html><html><body>x</body></html>", "text") == "html"
    assert sniff_kind(make_docx("Title", ["Body"]), None) == "docx"
    assert sniff_kind(b"PK\x03\x04not really a zip", None) == "text"  # -> E002 when decoded
    assert sniff_kind(b"Plain text < not html", None) == "text"


def test_read_document_refuses_by_size_before_opening(tmp_path, monkeypatch):
    path = touch(tmp_path / "big.txt", b"x" * 2000)
    monkeypatch.setattr(readers, "open", lambda *a, **k: pytest.fail("opened"), raising=False)
    with pytest.raises(TooLarge):
        read_document(Source(str(path), "text"), Settings(max_bytes=1000, stages=()))


def test_read_document_vanished_and_folder(tmp_path):
    with pytest.raises(ReadFailed, match="no such file"):
        read_document(Source(str(tmp_path / "gone.txt")), FAST)
    with pytest.raises(ReadFailed, match="folder"):
        read_document(Source(str(tmp_path)), FAST)


# ---------------------------------------------------------------- URLs


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
        "224.0.0.1", "240.0.0.1", "255.255.255.255", "192.0.2.10", "::1", "::", "fe80::1", "fc00::1",
        "ff02::1", "fec0::1", "2001:db8::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1",
        "::ffff:0:a00:1", "64:ff9b::a9fe:a9fe", "2002:c0a8:101::1", "2001:0:4136:e378:8000:63bf:80ff:fffe",
    ],
)  # fmt: skip
def test_address_guard_refuses(address):
    assert urls.address_problem(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", ["8.8.8.8", "151.101.1.69", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_address_guard_allows_public(address):
    assert urls.address_problem(ipaddress.ip_address(address)) is None


def test_resolution_is_checked_before_connecting():
    with pytest.raises(UnsafeURL, match="loopback"):
        urls.resolve_public("localhost", 80, allow_private=False)
    with pytest.raises(UnsafeURL):
        urls.resolve_public("2130706433", 80, allow_private=False)  # 127.0.0.1 written as one number
    assert urls.resolve_public("localhost", 80, allow_private=True)


class _Handler(BaseHTTPRequestHandler):
    """A local test server: pages, a big body, a slow answer, redirects."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        routes = {
            "/page": (200, "text/html; charset=utf-8", HTML_ES.encode()),
            "/pdf": (200, "application/octet-stream", make_pdf(["Plain English text about a meeting."])),
            "/big": (200, "text/plain", b"x" * 5000),
            "/missing": (404, "text/plain", b"no"),
        }
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path.startswith("/redirect"):
            self.send_response(302)
            self.send_header("Location", "http://10.1.2.3/" if self.path == "/redirect-private" else "/page")
            self.end_headers()
            return
        if self.path == "/stream":  # no Content-Length: the size cap must stop the read
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(20):
                self.wfile.write(b"y" * 1000)
            return
        status, ctype, body = routes.get(self.path, (200, "text/plain", b"slow answer"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


LOCAL = Settings(stages=(), allow_private=True, timeout=5, max_bytes=4000)


def test_fetch_html_and_sniffed_pdf(server):
    doc = read_document(Source(server + "/page"), LOCAL)
    assert doc.kind == "html" and doc.meta["title"].startswith("Encuentro regional")
    assert doc.meta["url"] == server + "/page" and doc.meta["content_type"] == "text/html"
    pdf = read_document(Source(server + "/pdf"), Settings(stages=(), allow_private=True))
    assert pdf.kind == "pdf" and "Plain English text" in pdf.text


def test_fetch_refuses_local_addresses_by_default(server):
    with pytest.raises(UnsafeURL):
        read_document(Source(server + "/page"), Settings(stages=()))


def test_fetch_limits(server):
    with pytest.raises(TooLarge, match="announced"):
        read_document(Source(server + "/big"), LOCAL)
    with pytest.raises(TooLarge):
        read_document(Source(server + "/stream"), LOCAL)
    with pytest.raises(TimedOut):
        read_document(Source(server + "/slow"), Settings(stages=(), allow_private=True, timeout=0.3))
    with pytest.raises(ReadFailed, match="404"):
        read_document(Source(server + "/missing"), LOCAL)


def test_redirects_are_followed_and_each_hop_vetted(server, monkeypatch):
    assert read_document(Source(server + "/redirect"), LOCAL).meta["url"] == server + "/page"
    real = urls.address_problem
    monkeypatch.setattr(urls, "address_problem", lambda ip: None if str(ip) == "127.0.0.1" else real(ip))
    strict = Settings(stages=(), timeout=5)
    assert read_document(Source(server + "/page"), strict).kind == "html"  # the test server passes
    with pytest.raises(UnsafeURL, match="10.1.2.3"):
        read_document(Source(server + "/redirect-private"), strict)  # refused before any connection


# ---------------------------------------------------------------- batch: order, workers, time limits


def fake_extract(source, settings):
    """Stands in for extract_one in workers (inherited through fork): misbehaves on request."""
    name = os.path.basename(source.location)
    if name.startswith("slow"):
        time.sleep(0.4)
    if name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGKILL)
    if name.startswith("stuck"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # the soft time limit cannot fire
        time.sleep(30)
    return {"source": source.location}


needs_fork = pytest.mark.skipif(
    sys.platform != "linux", reason="workers inherit the test double through fork"
)


@needs_fork
def test_workers_keep_input_order(monkeypatch):
    monkeypatch.setattr(batch, "extract_one", fake_extract)
    names = ["slow0.txt"] + [f"f{i:02d}.txt" for i in range(40)] + ["slow1.txt", "last.txt"]
    results = list(batch.extract_paths(names, Settings(stages=(), jobs=2)))
    assert [r["source"] for r in results] == names


@needs_fork
def test_worker_crash_fails_that_document_only(monkeypatch):
    monkeypatch.setattr(batch, "extract_one", fake_extract)
    names = [f"a{i}.txt" for i in range(10)] + ["crash.txt"] + [f"b{i}.txt" for i in range(10)]
    results = list(batch.extract_paths(names, Settings(stages=(), jobs=2)))
    assert len(results) == len(names)
    failed = [r for r in results if isinstance(r, batch.Failure)]
    assert [(f.source, f.code) for f in failed] == [("crash.txt", "E100")]
    assert "signal 9" in failed[0].detail
    assert [r["source"] for r in results if isinstance(r, dict)] == [n for n in names if n != "crash.txt"]


@needs_fork
def test_worker_overrunning_its_time_is_stopped(monkeypatch):
    monkeypatch.setattr(batch, "extract_one", fake_extract)
    monkeypatch.setattr(batch, "KILL_GRACE", 0.2)
    names = ["a.txt", "stuck.txt", "b.txt", "c.txt"]
    started = time.monotonic()
    results = list(batch.extract_paths(names, Settings(stages=(), jobs=2, timeout=0.5)))
    assert time.monotonic() - started < 10
    assert [r.code if isinstance(r, batch.Failure) else r["source"] for r in results] == [
        "a.txt",
        "E008",
        "b.txt",
        "c.txt",
    ]


def test_time_limit_in_process(tmp_path, monkeypatch):
    path = touch(tmp_path / "a.txt", b"Some text")
    monkeypatch.setattr(batch, "read_document", lambda source, settings: time.sleep(5))
    started = time.monotonic()
    [result] = batch.extract_paths([str(path)], Settings(stages=(), timeout=0.3))
    assert time.monotonic() - started < 3
    assert (result.code, result.detail) == ("E008", "took longer than 0.3 s")


def test_stage_bug_fails_the_document_and_names_the_stage(tmp_path, monkeypatch):
    module = types.ModuleType("pactwatch_test_broken_stage")
    exec("def explode(doc):\n    raise ValueError('boom')\n", module.__dict__)
    monkeypatch.setitem(sys.modules, module.__name__, module)
    stage = pipeline.Stage("explode", f"{module.__name__}:explode", ("text",), ("body",), "always fails")
    monkeypatch.setitem(pipeline.REGISTRY, "explode", stage)
    good = touch(tmp_path / "a.txt", b"Some text")
    [result] = batch.extract_paths([str(good)], Settings(stages=("explode",)))
    assert result.code == "E100"
    assert result.detail.startswith("stage explode: ValueError: boom")


def test_a_stage_that_cannot_load_stops_before_reading(monkeypatch):
    stage = pipeline.Stage("ghost", "pactwatch_no_such_module:stage", ("text",), ("body",), "missing")
    monkeypatch.setitem(pipeline.REGISTRY, "ghost", stage)
    with pytest.raises(pipeline.PipelineError, match="ghost"):
        next(batch.extract_paths(["whatever.txt"], Settings(stages=("ghost",))))


# ---------------------------------------------------------------- three languages, every reader

SAMPLES = {
    "fr": (
        "Réunion à Genève",
        "Les délégués ont évoqué la coopération régionale et la protection des enfants.",
    ),
    "en": ("Meeting in Nairobi", "Delegates discussed regional cooperation and the protection of children."),
    "es": (
        "Reunión en Bogotá",
        "¿Cómo mejorar la cooperación? Los señores delegados hablaron de protección.",
    ),
}


def html_page(title, sentence):
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<article><h1>{title}</h1><p>{sentence}</p><p>{sentence[::-1].capitalize()}.</p></article></body></html>"
    ).encode()


@pytest.mark.parametrize("lang", sorted(SAMPLES))
@pytest.mark.parametrize(
    ("kind", "build"),
    [
        ("text", lambda t, s: f"{t}\n{s}\n".encode()),
        ("html", html_page),
        ("pdf", lambda t, s: make_pdf([t, s])),
        ("docx", lambda t, s: make_docx(t, [s])),
    ],
)
def test_every_reader_in_three_languages(tmp_path, lang, kind, build):
    title, sentence = SAMPLES[lang]
    path = touch(tmp_path / f"doc.{ {'text': 'txt'}.get(kind, kind) }", build(title, sentence))
    [item] = iter_sources([str(tmp_path)])
    doc = read_document(item, FAST)
    assert doc.kind == kind
    lines = doc.text.splitlines()
    assert title in lines and sentence in lines, (path, lines)


# ---------------------------------------------------------------- properties: untrusted bytes


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_decode_or_fail_with_a_code(data):
    try:
        text = decode_bytes("t", data).text
    except (EmptyInput, BinaryInput, DecodeFailed):
        return
    assert text.strip() and "\x00" not in text and "\r" not in text


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(["pdf", "docx", "html", "text"]))
def test_damaged_containers_fail_with_a_code(noise, kind):
    prefix = {"pdf": b"%PDF-1.4\n", "docx": b"PK\x03\x04", "html": b"<html><body>", "text": b""}[kind]
    try:
        readers.READERS[kind]("x", prefix + noise + (b"%%EOF" if kind == "pdf" else b""), None)
    except PactwatchError:
        pass


def test_html_press_contact_block_is_kept(tmp_path):
    """trafilatura drops elements classed 'contact'; the reader puts press contacts back."""
    from pactwatch.ingest.readers import read_html

    paragraphs = "".join(f"<p>Paragraphe {i} du communiqué sur la migration de main-d'œuvre et les réseaux "
                         f"nationaux, avec assez de mots pour compter.</p>" for i in range(6))
    html = (f"<html><head><title>Titre</title></head><body><article><h1>Titre</h1>{paragraphs}"
            "<div class='press-contact'><p><strong>Contact presse</strong></p>"
            "<p>Awa Diallo, chargée de communication – Dakar : +221 33 869 62 00, adiallo@example.org</p></div>"
            "</article><footer><p>Tous droits réservés</p></footer></body></html>")
    doc = read_html("page.html", html.encode("utf-8"))
    assert doc.text.count("adiallo@example.org") == 1
    assert "Tous droits réservés" not in doc.text

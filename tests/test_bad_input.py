"""Bad inputs through the real command line: each is reported on one stderr line, the batch goes on.

Most tests run `--stages ""` or `--stages boilerplate`: the guarantees checked here are
about reading and reporting, not about what later stages extract, and they must hold
(and stay fast) whatever stages exist.
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import docx
import pytest
from click.testing import CliRunner
from fpdf import FPDF

from pactwatch import batch
from pactwatch.cli import cli

ERROR = "pactwatch: error: "


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    """No user settings file or PACTWATCH_* variable changes what these tests see."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    for key in list(os.environ):
        if key.startswith("PACTWATCH_"):
            monkeypatch.delenv(key)


def extract(*args):
    """Run `pactwatch extract ARGS`; exit code, records, error lines, all of stderr."""
    result = CliRunner().invoke(cli, ["extract", *map(str, args)], catch_exceptions=False)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    errors = [line for line in result.stderr.splitlines() if line.startswith(ERROR)]
    return result.exit_code, records, errors, result.stderr


def code_of(line):
    return line.rsplit("[", 1)[1].rstrip("]")


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


TEXT_FR = (
    "Réunion régionale à Genève\n"
    "Le 12 mars, des délégués de vingt pays ont parlé de coopération et de protection.\n"
)


def tiny_png():
    """A valid 1x1 PNG."""

    def chunk(kind, body):
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")

    ihdr = (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def test_empty_file(tmp_path):
    status, records, errors, _ = extract(write(tmp_path / "empty.txt", b""), "--stages", "")
    assert (status, records) == (1, [])
    assert len(errors) == 1 and errors[0].endswith("[E001]") and "empty.txt" in errors[0]


def test_binary_files(tmp_path):
    png = write(tmp_path / "photo.png", tiny_png())
    noise = write(tmp_path / "noise.bin", random.Random(7).randbytes(5000))
    good = write(tmp_path / "good.txt", TEXT_FR)
    status, records, errors, _ = extract(png, noise, good, "--stages", "")
    assert status == 2 and len(records) == 1 and records[0]["source"] == str(good)
    assert [code_of(e) for e in errors] == ["E002", "E002"]
    assert "PNG image" in errors[0]


def test_legacy_encodings_are_decoded_right(tmp_path):
    latin1 = write(tmp_path / "latin1.txt", TEXT_FR.encode("latin-1"))
    cp1252 = write(tmp_path / "cp1252.txt", ("Genève – « l’accord » " + TEXT_FR).encode("cp1252"))
    status, records, errors, _ = extract(latin1, cp1252, "--stages", "boilerplate")
    assert (status, errors) == (0, [])
    for record in records:
        shown = f"{record['title']}\n{record['body']}"
        assert "Genève" in shown and "délégués" in shown and "Ã" not in shown


def test_undecodable_bytes(tmp_path):
    garbage = write(tmp_path / "garbage.txt", bytes((i * 37 + 11) % 128 + 128 for i in range(4000)))
    status, records, errors, _ = extract(garbage, "--stages", "")
    assert (status, records, [code_of(e) for e in errors]) == (1, [], ["E003"])


def test_huge_file_is_refused_by_size_without_reading(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:
        fh.truncate(200 * 10**6)  # sparse: costs no disk and no time
    started = time.monotonic()
    status, records, errors, _ = extract(huge, "--stages", "")
    assert time.monotonic() - started < 2  # 200 MB were not read
    assert (status, records) == (1, [])
    assert code_of(errors[0]) == "E004" and "200,000,000 bytes" in errors[0]


def test_max_size_moves_the_limit(tmp_path):
    path = write(tmp_path / "note.txt", TEXT_FR * 40)  # about 4 kB
    assert code_of(extract(path, "--stages", "", "--max-size", "1kB")[2][0]) == "E004"
    status, records, errors, _ = extract(path, "--stages", "", "--max-size", "1MB")
    assert (status, len(records), errors) == (0, 1, [])


def test_pdf_without_text_layer(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 120, 60, style="F")  # a drawing, as in a scan: no text layer
    path = write(tmp_path / "scan.pdf", bytes(pdf.output()))
    status, records, errors, _ = extract(path, "--stages", "")
    assert (status, records, [code_of(e) for e in errors]) == (1, [], ["E005"])


def make_pdf_bytes():
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, "Delegates from twelve countries met in Nairobi to discuss labour mobility.")
    return bytes(pdf.output())


def make_docx_bytes():
    document = docx.Document()
    document.add_paragraph("Delegados de doce países se reunieron en Lima para hablar de movilidad laboral.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_truncated_pdf_and_docx(tmp_path):
    pdf, doc = make_pdf_bytes(), make_docx_bytes()
    paths = [
        write(tmp_path / "cut.pdf", pdf[: len(pdf) // 2]),
        write(tmp_path / "cut.docx", doc[: len(doc) // 2]),
        write(tmp_path / "whole.pdf", pdf),
        write(tmp_path / "whole.docx", doc),
    ]
    status, records, errors, _ = extract(*paths, "--stages", "")
    assert status == 2
    assert [code_of(e) for e in errors] == ["E006", "E006"]
    assert "cut.pdf" in errors[0] and "cut.docx" in errors[1]
    assert [r["source"] for r in records] == [str(paths[2]), str(paths[3])]


def test_folder_of_ten_thousand_files(tmp_path):
    # 10,000 tiny files and no stages (--stages ""): this checks walking, reading, counting
    # and reporting at volume, in a few seconds; stage speed is measured elsewhere.
    root = tmp_path / "many"
    for i in range(9_900):
        write(root / f"d{i % 10}" / f"n{i:05d}.txt", f"Note {i}: rencontre à Genève.")
    for i in range(60):
        write(root / f".cache{i}.txt", "hidden")
    for i in range(40):
        write(root / "img" / f"p{i}.png", tiny_png())
    write(root / "d0" / "empty.txt", b"")
    started = time.monotonic()
    status, records, errors, stderr = extract(root, "--stages", "")
    elapsed = time.monotonic() - started
    assert len(records) == 9_900 and status == 1 and [code_of(e) for e in errors] == ["E001"]
    notes = [line for line in stderr.splitlines() if ": skipped: " in line]
    assert sum("hidden" in n for n in notes) == 60 and sum("unsupported type .png" in n for n in notes) == 40
    assert "9901 input(s): 9900 extracted, 1 failed, 100 skipped" in stderr
    assert [r["source"] for r in records[:2]] == [
        str(root / "d0" / "n00000.txt"),
        str(root / "d0" / "n00010.txt"),
    ]
    assert elapsed < 60


def test_symlink_loop(tmp_path):
    root = tmp_path / "tree"
    write(root / "a.txt", TEXT_FR)
    write(root / "sub" / "b.txt", TEXT_FR)
    os.symlink("..", root / "sub" / "parent")  # a folder link to its parent: a loop
    status, records, errors, stderr = extract(root, "--stages", "")
    assert (status, errors) == (0, [])
    assert sorted(r["source"] for r in records) == [str(root / "a.txt"), str(root / "sub" / "b.txt")]
    loop_notes = [line for line in stderr.splitlines() if "symlink loop" in line]
    assert len(loop_notes) == 1 and "sub/parent" in loop_notes[0]


def test_file_vanishing_mid_run(tmp_path, monkeypatch):
    root = tmp_path / "docs"
    for name in ("a.txt", "b.txt", "c.txt"):
        write(root / name, TEXT_FR)
    real = batch.read_document

    def read_and_delete_next(source, settings):
        if source.location.endswith("a.txt"):
            os.remove(root / "b.txt")  # listed already, gone before it is read
        return real(source, settings)

    monkeypatch.setattr(batch, "read_document", read_and_delete_next)
    status, records, errors, _ = extract(root, "--stages", "")
    assert status == 1
    assert [r["source"] for r in records] == [str(root / "a.txt"), str(root / "c.txt")]
    assert len(errors) == 1 and "b.txt" in errors[0] and code_of(errors[0]) == "E006"


def test_nul_bytes(tmp_path):
    path = write(tmp_path / "nul.txt", TEXT_FR.encode().replace(b" ", b" \x00", 3))
    status, records, errors, _ = extract(path, "--stages", "boilerplate")
    assert (status, errors) == (0, [])
    assert "\x00" not in json.dumps(records, ensure_ascii=False) and "\\u0000" not in json.dumps(records)
    assert "Genève" in records[0]["title"] + records[0]["body"]


def test_huge_single_line(tmp_path):
    words = ["migration", "coopération", "Genève", "délégués", "région", "accord", "et", "de"]
    rng = random.Random(3)
    line = " ".join(rng.choice(words) for _ in range(250_000))  # about 2 MB, no newline at all
    path = write(tmp_path / "line.txt", line)
    started = time.monotonic()
    status, records, errors, _ = extract(path, "--stages", "boilerplate")
    assert (status, errors, len(records)) == (0, [], 1)
    assert time.monotonic() - started < 30


def test_html_script_is_never_body(tmp_path):
    page = (
        "<!DOCTYPE html><html lang='en'><head><title>Regional meeting</title>"
        "<script>fetch('/track'); var marker = 'SCRIPT_MARKER_ONE';</script></head><body>"
        "<article><h1>Regional meeting on labour mobility</h1>"
        "<p>Delegates from twelve countries met in Nairobi this week to agree on shared mobility rules.</p>"
        "<script>document.body.innerHTML = 'SCRIPT_MARKER_TWO';</script>"
        "<noscript>Please turn on JavaScript.</noscript>"
        "<p>The fictional spokesperson Jane Roe said the talks would continue in the autumn in Kampala.</p>"
        "</article></body></html>"
    )
    path = write(tmp_path / "page.html", page)
    status, records, errors, _ = extract(path, "--stages", "boilerplate")
    assert (status, errors) == (0, [])
    shown = json.dumps(records[0], ensure_ascii=False)
    assert "SCRIPT_MARKER" not in shown and "fetch(" not in shown
    assert "Delegates from twelve countries" in shown and "JavaScript" not in shown


def test_missing_path_is_a_failed_input_not_a_traceback(tmp_path):
    good = write(tmp_path / "good.txt", TEXT_FR)
    status, records, errors, stderr = extract(tmp_path / "nope.txt", good, "--stages", "")
    assert (status, len(records)) == (1, 1)
    assert len(errors) == 1 and "nope.txt" in errors[0] and code_of(errors[0]) == "E006"
    assert "Traceback" not in stderr


def test_exit_status_is_capped_at_100(tmp_path):
    for i in range(105):
        write(tmp_path / "empties" / f"{i:03d}.txt", b"")
    status, records, errors, _ = extract(tmp_path / "empties", "--stages", "", "--quiet")
    assert (status, records, len(errors)) == (100, [], 105)


def test_module_entry_point_in_a_subprocess(tmp_path):
    empty = write(tmp_path / "empty.txt", b"")
    good = write(tmp_path / "good.txt", TEXT_FR.encode("cp1252"))
    done = subprocess.run(
        [sys.executable, "-m", "pactwatch", "extract", str(empty), str(good), "--stages", "boilerplate"],
        capture_output=True,
        timeout=120,
        env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "xdg")},
    )
    assert done.returncode == 1
    lines = done.stdout.decode("utf-8").splitlines()
    assert len(lines) == 1 and "Genève" in lines[0]
    stderr = done.stderr.decode("utf-8").splitlines()
    assert [line for line in stderr if line.startswith(ERROR)] == [f"{ERROR}{empty}: empty file [E001]"]


class _SlowHandler(BaseHTTPRequestHandler):
    """Answers only after a delay, so the batch is still running when the test stops it."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        time.sleep(3)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"late")


def test_records_printed_before_a_kill_stay_valid(tmp_path):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _SlowHandler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    good = write(tmp_path / "good.txt", TEXT_FR)
    slow_url = f"http://127.0.0.1:{httpd.server_address[1]}/slow"
    command = [
        sys.executable,
        "-m",
        "pactwatch",
        "extract",
        str(good),
        slow_url,
        "--allow-private",
        "--stages",
        "",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        first = process.stdout.readline()  # arrives while the second input is still being fetched
        assert process.poll() is None
        process.kill()
        rest = process.stdout.read()
    finally:
        process.wait(10)
        httpd.shutdown()
        httpd.server_close()
    assert json.loads(first)["source"] == str(good)
    assert rest == b""


def test_odd_file_names_keep_one_line_and_valid_json(tmp_path):
    root = tmp_path / "names"
    root.mkdir()
    (root / "two\nlines.txt").write_bytes(b"")  # a newline in a name must not split the error line
    with open(os.path.join(os.fsencode(root), b"caf\xe9.txt"), "wb") as fh:  # not UTF-8: no str form
        fh.write(TEXT_FR.encode())
    status, records, errors, _ = extract(root, "--stages", "", "--quiet")
    assert status == 1 and len(errors) == 1 and "two lines.txt" in errors[0]
    assert [r["source"] for r in records] == [os.path.join(str(root), "caf\udce9.txt")]

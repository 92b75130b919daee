"""The command line: commands, options, output formats, streams and exit status."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from pactwatch import __version__, errors, pipeline
from pactwatch.cli import cli

TEXT_FR = (
    "Réunion régionale à Genève\n"
    "Le 12 mars, des délégués de vingt pays ont parlé de coopération et de protection.\n"
)
TEXT_EN = (
    "Regional meeting in Nairobi\n"
    "On 4 June, delegates from twelve countries discussed labour mobility and protection.\n"
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    """No user settings file or PACTWATCH_* variable changes what these tests see."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    for key in list(os.environ):
        if key.startswith("PACTWATCH_"):
            monkeypatch.delenv(key)


def run(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


@pytest.fixture
def folder(tmp_path):
    """Two good documents, an empty one, an image and a hidden file."""
    root = tmp_path / "docs"
    root.mkdir()
    (root / "a_fr.txt").write_text(TEXT_FR, encoding="utf-8")
    (root / "b_empty.txt").write_bytes(b"")
    (root / "c_en.txt").write_text(TEXT_EN, encoding="utf-8")
    (root / "d.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / ".e.txt").write_text("hidden", encoding="utf-8")
    return root


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.stdout


def test_extract_help_documents_exit_status_and_codes():
    text = run("extract", "--help").stdout
    assert "capped at 100" in text
    for cls in vars(errors).values():
        if isinstance(cls, type) and issubclass(cls, errors.PactwatchError) and cls.code != "E000":
            assert cls.code in text
    for option in (
        "--format",
        "--jobs",
        "--stages",
        "--max-size",
        "--timeout",
        "--allow-private",
        "--config",
    ):
        assert option in text


def test_stages_lists_the_pipeline_in_order():
    result = run("stages")
    assert result.exit_code == 0
    names = [
        line.split(". ", 1)[1]
        for line in result.stdout.splitlines()
        if line[:3].strip().rstrip(".").isdigit()
    ]
    assert names == list(pipeline.DEFAULT_PIPELINE)
    first = pipeline.REGISTRY[names[0]]
    assert f"reads:  {', '.join(first.reads)}" in result.stdout
    assert f"writes: {', '.join(first.writes)}" in result.stdout


def test_stages_checks_a_custom_pipeline():
    assert run("stages", "--stages", "boilerplate,language").exit_code == 0
    result = run("stages", "--stages", "language")
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and result.stderr.startswith("pactwatch: error: stages:")


def test_streams_counts_and_exit_status(folder):
    result = run("extract", folder, "--stages", "")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [os.path.basename(r["source"]) for r in records] == ["a_fr.txt", "c_en.txt"]
    lines = result.stderr.splitlines()
    assert lines[0] == f"pactwatch: note: {folder / '.e.txt'}: skipped: hidden"
    assert [line for line in lines if "error" in line] == [
        f"pactwatch: error: {folder / 'b_empty.txt'}: empty file [E001]"
    ]
    assert lines[-1] == "pactwatch: 3 input(s): 2 extracted, 1 failed, 2 skipped"


def test_jsonl_is_compact_utf8_one_record_a_line(folder):
    result = run("extract", folder / "a_fr.txt", "--stages", "boilerplate")
    assert result.stdout.count("\n") == 1 and "Genève" in result.stdout  # not \u00e8
    assert '": ' not in result.stdout and '", "' not in result.stdout
    assert result.stdout_bytes.decode("utf-8") == result.stdout


def test_json_and_pretty_formats(folder):
    array = json.loads(run("extract", folder, "--stages", "", "--format", "json").stdout)
    assert [os.path.basename(r["source"]) for r in array] == ["a_fr.txt", "c_en.txt"]
    assert json.loads(run("extract", folder / "b_empty.txt", "--format", "json", "--stages", "").stdout) == []
    pretty = run("extract", folder, "--stages", "", "--format", "pretty").stdout
    decoder, position, found = json.JSONDecoder(), 0, []
    while position < len(pretty.rstrip()):
        record, position = decoder.raw_decode(pretty, position)
        found.append(record)
        position += 1
    assert found == array and '\n  "source": ' in pretty


def test_quiet_keeps_errors_only(folder):
    result = run("extract", folder, "--stages", "", "--quiet")
    assert result.stderr.splitlines() == [f"pactwatch: error: {folder / 'b_empty.txt'}: empty file [E001]"]


def test_jobs_do_not_change_the_output(folder):
    one = run("extract", folder, folder / "missing.txt", folder / "c_en.txt", "--stages", "boilerplate")
    two = run(
        "extract", folder, folder / "missing.txt", folder / "c_en.txt", "--stages", "boilerplate", "-j", "2"
    )
    assert (one.exit_code, one.stdout, one.stderr) == (two.exit_code, two.stdout, two.stderr)
    assert one.exit_code == 2


def test_bad_option_values_are_one_line_usage_errors(folder):
    for args in (["--max-size", "lots"], ["--jobs", "-2"], ["--stages", "nope"], ["--timeout", "0"]):
        result = run("extract", folder, *args)
        assert result.exit_code == 2 and result.stdout == ""
        assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("pactwatch: error: ")


def test_settings_file_environment_and_flags(folder, tmp_path):
    config = tmp_path / "pw.toml"
    config.write_text('format = "json"\nstages = []\n', encoding="utf-8")
    good = folder / "a_fr.txt"
    assert run("extract", good, "--config", config).stdout.startswith("[\n")
    assert run("extract", good, "--config", config, env={"PACTWATCH_FORMAT": "pretty"}).stdout.startswith(
        "{\n"
    )
    flagged = run(
        "extract", good, "--config", config, "--format", "jsonl", env={"PACTWATCH_FORMAT": "pretty"}
    )
    assert flagged.stdout.startswith('{"id":')
    assert run("extract", good, "--config", tmp_path / "absent.toml").exit_code == 2


def test_private_urls_are_refused_unless_allowed():
    result = run("extract", "http://127.0.0.1:9/page", "http://[::ffff:10.0.0.1]/", "--stages", "")
    assert result.exit_code == 2
    assert [line.rsplit(" ", 1)[1] for line in result.stderr.splitlines() if "error" in line] == [
        "[E007]",
        "[E007]",
    ]


def test_a_stage_that_cannot_load_stops_the_run(folder, monkeypatch):
    stage = pipeline.Stage("ghost", "pactwatch_no_such_module:stage", ("text",), ("body",), "missing")
    monkeypatch.setitem(pipeline.REGISTRY, "ghost", stage)
    result = run("extract", folder, "--stages", "ghost")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("pactwatch: error: stage 'ghost' cannot be loaded")

"""`pactwatch objectives FILE|-`: the mapping of a text, evidence highlighted or as JSON."""

import json

from click.testing import CliRunner

from pactwatch.cli import cli


def test_objectives_from_stdin_as_json():
    text = "El gobierno reforzó la lucha contra la trata de personas y el tráfico ilícito de migrantes en la frontera."
    result = CliRunner().invoke(cli, ["objectives", "-", "--format", "json"], input=text)
    assert result.exit_code == 0, result.output
    ids = [o["id"] for o in json.loads(result.output)["objectives"]][:3]
    assert {9, 10} <= set(ids)


def test_objectives_text_highlights_evidence(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Remittances sent home by migrant workers must cost less: the network works with banks to cut "
                    "transfer fees and promote financial inclusion.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["objectives", str(path), "--no-color"])
    assert result.exit_code == 0, result.output
    assert "20" in result.output and "[" in result.output


def test_objectives_on_a_missing_file_is_one_line_error(tmp_path):
    result = CliRunner().invoke(cli, ["objectives", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "nope.txt" in result.output and result.output.count("\n") == 1

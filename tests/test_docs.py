"""The README stays true: every command and every `extract` option is documented, and its commands are real."""

import re

import click
import pytest

from pactwatch.cli import cli

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_SCRIPT = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_in_the_readme(command):
    assert f"pactwatch {command}" in README


@pytest.mark.parametrize("option", [o for p in cli.commands["extract"].params if isinstance(p, click.Option)
                                    for o in p.opts if o.startswith("--")])
def test_every_extract_option_is_in_the_readme(option):
    assert option in README


def test_every_command_has_help_text():
    for name, command in cli.commands.items():
        assert command.help and len(command.help.split()) > 5, name


def test_ci_runs_the_readme_test_command():
    readme_test = re.search(r"pip install -e \"\.\[test\]\" && (python -m pytest[^\n]*)", README)
    assert readme_test and readme_test.group(1) in CI_SCRIPT

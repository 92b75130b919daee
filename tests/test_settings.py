"""Settings: defaults, then TOML file, then PACTWATCH_* variables, then flags; checked when built."""

from __future__ import annotations

import dataclasses
import os
import pickle

import pytest

from pactwatch.pipeline import DEFAULT_PIPELINE
from pactwatch.settings import Settings, SettingsError, load_settings, parse_size


@pytest.fixture(autouse=True)
def no_user_settings(monkeypatch, tmp_path):
    """No settings file or PACTWATCH_* variable of the machine leaks into a test."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    for key in list(os.environ):
        if key.startswith("PACTWATCH_"):
            monkeypatch.delenv(key)


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults():
    s = load_settings()
    assert s.max_bytes == 50_000_000
    assert (s.jobs, s.timeout, s.allow_private, s.format, s.quiet) == (1, 60.0, False, "jsonl", False)
    assert s.stages == DEFAULT_PIPELINE


def test_layers_override_in_order(tmp_path):
    config = write(tmp_path / "s.toml", 'max_bytes = "10MB"\njobs = 3\nformat = "pretty"\ntimeout = 5\n')
    env = {"PACTWATCH_JOBS": "2", "PACTWATCH_FORMAT": "json", "PACTWATCH_DB": "ignored: not a setting"}
    s = load_settings(config, {"format": "jsonl", "quiet": None}, environ=env)
    assert s.max_bytes == 10_000_000  # file only
    assert s.timeout == 5.0  # file only
    assert s.jobs == 2  # env over file
    assert s.format == "jsonl"  # flag over env
    assert s.quiet is False  # a None flag means "not given"


def test_default_user_file_is_read(tmp_path):
    folder = tmp_path / "xdg" / "pactwatch"
    folder.mkdir(parents=True)
    write(folder / "settings.toml", "allow_private = true\n")
    assert load_settings().allow_private is True


def test_config_named_by_environment(tmp_path):
    config = write(tmp_path / "other.toml", 'stages = ["boilerplate"]\n')
    assert load_settings(environ={"PACTWATCH_CONFIG": str(config)}).stages == ("boilerplate",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50MB", 50_000_000),
        ("2 GiB", 2 * 2**30),
        ("1.5kb", 1500),
        ("300", 300),
        (1024, 1024),
        ("10k", 10_000),
    ],
)
def test_parse_size(text, expected):
    assert parse_size(text) == expected


@pytest.mark.parametrize("text", ["", "MB", "ten", "5 parsecs", "-3MB", True])
def test_parse_size_rejects(text):
    with pytest.raises(SettingsError):
        parse_size(text)


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("jobs", -1, "jobs"),
        ("jobs", "many", "jobs"),
        ("jobs", 2.5, "jobs"),
        ("timeout", 0, "timeout"),
        ("timeout", "soon", "timeout"),
        ("format", "xml", "format"),
        ("max_bytes", "0", "max_bytes"),
        ("allow_private", "maybe", "allow_private"),
        ("stages", "boilerplate,nonsense", "nonsense"),
        ("stages", "language", "reads body"),  # needs boilerplate before it
    ],
)
def test_invalid_values_fail_when_built(field, value, words):
    with pytest.raises(SettingsError, match=words):
        load_settings(overrides={field: value})


def test_environment_values_are_parsed():
    env = {"PACTWATCH_ALLOW_PRIVATE": "yes", "PACTWATCH_MAX_BYTES": "1MiB", "PACTWATCH_STAGES": ""}
    s = load_settings(environ=env)
    assert (s.allow_private, s.max_bytes, s.stages) == (True, 2**20, ())
    assert load_settings(environ={"PACTWATCH_QUIET": "off"}).quiet is False


def test_jobs_zero_means_one_per_cpu():
    assert load_settings(overrides={"jobs": 0}).jobs == (os.cpu_count() or 1)


def test_unknown_key_in_file_is_an_error(tmp_path):
    config = write(tmp_path / "s.toml", "max_byte = 10\n")
    with pytest.raises(SettingsError, match="unknown key.*max_byte"):
        load_settings(config)


def test_bad_toml_and_missing_file(tmp_path):
    with pytest.raises(SettingsError, match="not valid TOML"):
        load_settings(write(tmp_path / "bad.toml", "jobs = = 2\n"))
    with pytest.raises(SettingsError, match="cannot read"):
        load_settings(tmp_path / "absent.toml")


def test_frozen_and_picklable():
    s = Settings(stages=("boilerplate",), jobs=2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.jobs = 3  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(s)) == s

"""One typed, frozen settings object, built in layers and checked when built.

Layers, each overriding the one before: the defaults below, then a TOML file
(``--config FILE``, else ``$PACTWATCH_CONFIG``, else ``settings.toml`` in the user
config folder that platformdirs names, e.g. ``~/.config/pactwatch/settings.toml``),
then ``PACTWATCH_*`` environment variables (``PACTWATCH_MAX_BYTES=100MB``,
``PACTWATCH_JOBS=4``, ``PACTWATCH_STAGES=boilerplate,language``...), then CLI flags.
TOML keys and variable suffixes are the field names of ``Settings``.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir, user_data_dir

from . import __version__
from .pipeline import DEFAULT_PIPELINE, PipelineError, check_pipeline

ENV_PREFIX = "PACTWATCH_"
FORMATS = ("jsonl", "json", "pretty")
MAX_JOBS = 256
MAX_HOST_INTERVAL = 3600.0  # an hour between requests is already a crawl of 24 pages a day
MAX_LISTING_DEPTH = 10
# Size units: decimal (kB, MB, GB) and binary (KiB, MiB, GiB), as in IEC 80000-13.
SIZE_UNITS = {
    "": 1, "b": 1, "k": 10**3, "kb": 10**3, "m": 10**6, "mb": 10**6, "g": 10**9, "gb": 10**9,
    "kib": 2**10, "mib": 2**20, "gib": 2**30,
}  # fmt: skip
SIZE_PATTERN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$", re.IGNORECASE)
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", ""})


class SettingsError(ValueError):
    """A setting with a wrong name, type or value; the message names it and where it came from."""


@dataclass(frozen=True)
class Settings:
    """Everything a batch run can be told; immutable and picklable (it travels to workers)."""

    max_bytes: int = 50 * 10**6  # inputs larger than this are refused before being read (E004)
    jobs: int = 1  # worker processes; 0 means one per CPU
    timeout: float = 60.0  # seconds per document (reading, fetching and all stages)
    allow_private: bool = False  # let URLs reach private, loopback and link-local addresses
    stages: tuple[str, ...] = DEFAULT_PIPELINE  # the pipeline, in order
    format: str = "jsonl"  # jsonl | json | pretty
    quiet: bool = False  # no notes, progress or summary on stderr (errors are still printed)
    max_redirects: int = 5
    user_agent: str = f"pactwatch/{__version__}"
    host_interval: float = 1.0  # ingest: seconds between requests to one host (more if Crawl-delay asks)
    obey_robots: bool = True  # ingest: fetch nothing a site's robots.txt disallows for pactwatch
    max_listed_urls: int = 10_000  # ingest: URLs followed from one feed or sitemap input, nested ones too
    max_listing_depth: int = 2  # ingest: levels of sitemaps (or feeds) followed inside a sitemap index
    db: str = ""  # the knowledge store's SQLite file; empty means pactwatch.db in the user data folder
    api_token: str = ""  # bearer token that API and review writes need; empty means writes are refused

    def __post_init__(self) -> None:
        """Coerce and check every field, so a bad value fails here and not mid-batch."""
        for f in fields(self):
            object.__setattr__(self, f.name, _coerce(f.name, getattr(self, f.name)))
        if self.jobs == 0:
            object.__setattr__(self, "jobs", os.cpu_count() or 1)
        _check(self)


def _check(s: Settings) -> None:
    """Range and vocabulary checks on coerced values."""
    if s.max_bytes < 1:
        raise SettingsError(f"max_bytes must be at least 1 byte, not {s.max_bytes}")
    if not 1 <= s.jobs <= MAX_JOBS:
        raise SettingsError(f"jobs must be between 0 (one per CPU) and {MAX_JOBS}, not {s.jobs}")
    if not s.timeout > 0:
        raise SettingsError(f"timeout must be a positive number of seconds, not {s.timeout}")
    if s.format not in FORMATS:
        raise SettingsError(f"format must be one of {', '.join(FORMATS)}, not {s.format!r}")
    if s.max_redirects < 0:
        raise SettingsError(f"max_redirects must be 0 or more, not {s.max_redirects}")
    if not 0 <= s.host_interval <= MAX_HOST_INTERVAL:
        raise SettingsError(f"host_interval must be 0 to {MAX_HOST_INTERVAL:g} s, not {s.host_interval}")
    if s.max_listed_urls < 1:
        raise SettingsError(f"max_listed_urls must be at least 1, not {s.max_listed_urls}")
    if not 0 <= s.max_listing_depth <= MAX_LISTING_DEPTH:
        raise SettingsError(f"max_listing_depth must be 0 to {MAX_LISTING_DEPTH}, not {s.max_listing_depth}")
    try:
        check_pipeline(s.stages)
    except PipelineError as err:
        raise SettingsError(f"stages: {err}") from None


def parse_size(value: str | int | float) -> int:
    """Bytes from ``50MB``, ``1.5 GiB``, ``2000`` or an int: sizes are written the way people say them."""
    if isinstance(value, bool):
        raise SettingsError(f"not a size: {value!r}")
    if isinstance(value, int | float):
        return int(value)
    match = SIZE_PATTERN.match(str(value))
    unit = match and SIZE_UNITS.get(match.group(2).lower())
    if not match or unit is None:
        raise SettingsError(f"not a size: {value!r} (examples: 50MB, 2GiB, 100000)")
    return int(float(match.group(1)) * unit)


def parse_bool(value: Any) -> bool:
    """A boolean from a bool or a word (1/0, true/false, yes/no, on/off)."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS or word in FALSE_WORDS:
        return word in TRUE_WORDS
    raise SettingsError(f"not a yes/no value: {value!r}")


def parse_stages(value: Any) -> tuple[str, ...]:
    """A stage list from ``"a,b,c"`` or a list of names; an empty string means no stages."""
    items = str(value).split(",") if isinstance(value, str) else list(value)
    return tuple(str(x).strip() for x in items if str(x).strip())


def _coerce(name: str, value: Any) -> Any:
    """The value of field ``name`` in its declared type, or a SettingsError naming the field."""
    try:
        if name == "max_bytes":
            return parse_size(value)
        if name == "stages":
            return parse_stages(value)
        if name in ("allow_private", "quiet", "obey_robots"):
            return parse_bool(value)
        if name in ("jobs", "max_redirects", "max_listed_urls", "max_listing_depth"):
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError(value)
            return int(value)
        if name in ("timeout", "host_interval"):
            if isinstance(value, bool):
                raise ValueError(value)
            return float(value)
        return str(value).strip().lower() if name == "format" else str(value)
    except (TypeError, ValueError) as err:
        raise SettingsError(f"{name}: bad value {value!r} ({err})") from None


FIELD_NAMES = frozenset(f.name for f in fields(Settings))


def db_path(settings: Settings) -> Path:
    """The store file: ``settings.db``, else ``pactwatch.db`` in the platformdirs user data folder."""
    return (
        Path(settings.db).expanduser() if settings.db else Path(user_data_dir("pactwatch")) / "pactwatch.db"
    )


def default_config_path() -> Path:
    """Where the user settings file lives when neither --config nor $PACTWATCH_CONFIG names one."""
    return Path(user_config_dir("pactwatch")) / "settings.toml"


def read_config(path: Path) -> dict[str, Any]:
    """The settings in a TOML file; unknown keys are an error, so a typo never passes silently."""
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as err:
        raise SettingsError(f"cannot read settings file {path}: {err.strerror or err}") from None
    except tomllib.TOMLDecodeError as err:
        raise SettingsError(f"settings file {path} is not valid TOML: {err}") from None
    unknown = sorted(set(data) - FIELD_NAMES)
    if unknown:
        raise SettingsError(f"settings file {path}: unknown key(s) {', '.join(unknown)}")
    return data


def env_overrides(environ: Mapping[str, str]) -> dict[str, str]:
    """Settings named by ``PACTWATCH_<FIELD>`` variables (other PACTWATCH_* names are left alone)."""
    found = {}
    for key, value in environ.items():
        name = key[len(ENV_PREFIX) :].lower() if key.startswith(ENV_PREFIX) else ""
        if name in FIELD_NAMES:
            found[name] = value
    return found


def load_settings(
    config: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Build the settings: defaults, then the TOML file, then PACTWATCH_* variables, then ``overrides``.

    ``config`` names a file that must exist; without it ``$PACTWATCH_CONFIG`` is used, else
    the default user file if there is one. ``overrides`` holds CLI flags (None values are ignored).
    """
    environ = os.environ if environ is None else environ
    explicit = config or environ.get(ENV_PREFIX + "CONFIG")
    path = Path(explicit) if explicit else default_config_path()
    layers: dict[str, Any] = {}
    if explicit or path.is_file():
        layers.update(read_config(path))
    layers.update(env_overrides(environ))
    layers.update({k: v for k, v in (overrides or {}).items() if v is not None})
    unknown = sorted(set(layers) - FIELD_NAMES)
    if unknown:
        raise SettingsError(f"unknown setting(s) {', '.join(unknown)}")
    return Settings(**layers)

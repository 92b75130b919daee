"""The command line: parse options, build the settings, call one library function."""

from __future__ import annotations

import os
import sys

import click

from . import __version__, errors
from .batch import run_extract
from .pipeline import PipelineError, check_pipeline
from .settings import FORMATS, SettingsError, load_settings

EXIT_CAP = 100  # exit status = failed inputs, at most this
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141


class SetupError(click.ClickException):
    """Nothing could start (bad settings, a stage that cannot load): one line, exit status 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        """Print the one-line message on stderr."""
        click.echo(f"pactwatch: error: {self.message}", err=True)


def _error_codes() -> str:
    """The error catalogue, one code a line, for the help text (kept true by construction)."""
    classes = sorted(
        (c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.PactwatchError)),
        key=lambda c: c.code,
    )
    lines = [f"  {c.code}  {(c.__doc__ or '').strip().splitlines()[0]}" for c in classes if c.code != "E000"]
    return "\b\nError codes:\n" + "\n".join(lines)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pactwatch")
def cli() -> None:
    """pactwatch: evidence on the Global Compact for Migration, from documents to facts with provenance."""


@cli.command(epilog=_error_codes())
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="jsonl: one JSON record a line (default); json: one array; pretty: indented records.",
)
@click.option(
    "--jobs", "-j", type=int, default=None, help="Worker processes; 0 means one per CPU.  [default: 1]"
)
@click.option(
    "--stages",
    default=None,
    metavar="A,B,C",
    help="Pipeline stages to run, in order (see `pactwatch stages`); '' runs none.  [default: all]",
)
@click.option(
    "--max-size",
    default=None,
    metavar="SIZE",
    help="Refuse inputs larger than this (e.g. 50MB, 2GiB), before reading them.  [default: 50MB]",
)
@click.option(
    "--timeout", type=float, default=None, metavar="S", help="Seconds allowed per document.  [default: 60]"
)
@click.option(
    "--allow-private",
    is_flag=True,
    default=None,
    help="Let URLs reach private, loopback and link-local addresses (refused by default).",
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    default=None,
    metavar="FILE",
    help="Settings file (TOML) instead of ~/.config/pactwatch/settings.toml.",
)
@click.option(
    "--quiet", "-q", is_flag=True, default=None, help="No notes or summary on stderr; errors still shown."
)
@click.pass_context
def extract(
    ctx: click.Context,
    paths: tuple[str, ...],
    fmt,
    jobs,
    stages,
    max_size,
    timeout,
    allow_private,
    config,
    quiet,
) -> None:
    """Extract one record per document from files, folders and URLs.

    \b
    PATH is a file, a folder or an http(s) URL. Folders are walked recursively
    (.txt .text .html .htm .xhtml .pdf .docx; hidden entries and other types are
    skipped with a note); a file named on the command line is always read.
    Records go to stdout, in input order, each flushed as soon as it is done;
    notes, errors and a summary go to stderr, one line per failed input:
    "pactwatch: error: SOURCE: REASON [Ecode]".

    \b
    Settings: defaults, then the settings file, then PACTWATCH_* environment
    variables (PACTWATCH_JOBS=4, PACTWATCH_MAX_BYTES=100MB...), then options.

    \b
    Exit status: the number of inputs that failed, capped at 100; 0 when
    every input gave a record. 2 also when nothing could start (invalid
    options, settings or pipeline); 130 when interrupted; 141 when the
    reader of stdout went away (`| head`).
    """
    overrides = {
        "format": fmt,
        "jobs": jobs,
        "stages": stages,
        "max_bytes": max_size,
        "timeout": timeout,
        "allow_private": allow_private,
        "quiet": quiet,
    }
    settings = _settings(config, overrides)
    try:
        failed = run_extract(paths, settings, click.get_binary_stream("stdout"), sys.stderr)
    except PipelineError as err:
        raise SetupError(str(err)) from None
    except KeyboardInterrupt:
        click.echo("pactwatch: interrupted", err=True)
        ctx.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:  # the reader of stdout went away (`| head`): stop quietly
        _detach_stdout()
        ctx.exit(EXIT_BROKEN_PIPE)
    ctx.exit(min(failed, EXIT_CAP))


@cli.command()
@click.option("--stages", default=None, metavar="A,B,C", help="Check and show this pipeline instead.")
@click.option(
    "--config", type=click.Path(dir_okay=False), default=None, metavar="FILE", help="Settings file."
)
def stages(stages, config) -> None:
    """Show the pipeline: each stage in order, what it reads, what it writes, what it does."""
    settings = _settings(config, {"stages": stages})
    for number, stage in enumerate(check_pipeline(settings.stages), 1):
        click.echo(
            f"{number:>2}. {stage.name}\n    reads:  {', '.join(stage.reads)}\n"
            f"    writes: {', '.join(stage.writes)}\n    {stage.about}"
        )


@cli.command()
@click.argument("source", metavar="FILE|-")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: the mapping with its evidence highlighted; json: the record's objectives and principles.")
@click.option("--color/--no-color", default=None, help="Bold highlights (default: when stdout is a terminal).")
def objectives(source, fmt, color) -> None:
    """Map a text to the 23 GCM objectives and 10 guiding principles, with the evidence highlighted.

    FILE is a text dump, HTML, PDF or DOCX file or an http(s) URL; - reads plain text from standard input.
    Exit status 1 when the input cannot be read.
    """
    import json

    from .api import map_objectives
    from .gcm.mapping import format_mapping

    stdin_text = click.get_text_stream("stdin").read() if source == "-" else None
    try:
        body, mapping = map_objectives(source, stdin_text=stdin_text)
    except errors.PactwatchError as err:
        raise click.ClickException(str(err)) from None
    if fmt == "json":
        payload = {"objectives": mapping.objective_records(), "principles": mapping.principle_records()}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    click.echo(format_mapping(body, mapping, color=sys.stdout.isatty() if color is None else color))


def _settings(config, overrides):
    """The settings for this run, or a one-line SetupError."""
    try:
        return load_settings(config, overrides)
    except SettingsError as err:
        raise SetupError(str(err)) from None


def _detach_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main() -> None:
    """Console entry point (`pactwatch`, `python -m pactwatch`)."""
    cli.main(prog_name="pactwatch")

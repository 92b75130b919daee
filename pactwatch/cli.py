"""The command line: parse options, build the settings, call one library function."""

from __future__ import annotations

import json
import os
import sqlite3
import sys

import click

from . import __version__, errors
from .batch import Failure, run_extract
from .pipeline import PipelineError, check_pipeline
from .settings import FORMATS, SettingsError, load_settings

EXIT_CAP = 100  # exit status = failed inputs, at most this
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141
ENTITY_KINDS = ("country", "organization", "person", "place", "event")


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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: the mapping with its evidence highlighted; json: the record's objectives and principles.",
)
@click.option(
    "--color/--no-color", default=None, help="Bold highlights (default: when stdout is a terminal)."
)
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


def _db_options(func):
    """--db and --config, shared by every store command."""
    func = click.option(
        "--db", type=click.Path(dir_okay=False), default=None, metavar="PATH",
        help="The store's SQLite file.  [default: pactwatch.db in the user data folder]",
    )(func)  # fmt: skip
    return click.option(
        "--config", type=click.Path(dir_okay=False), default=None, metavar="FILE", help="Settings file."
    )(func)


def _filter_options(func):
    """The document filters shared by search and export."""
    for name, help_text in reversed(FILTER_HELP):
        func = click.option(f"--{name}", default=None, help=help_text)(func)
    return click.option(
        "--all-versions", is_flag=True, help="Include superseded versions of changed documents."
    )(func)


FILTER_HELP = (
    ("country", "Only documents naming this country (ISO3, e.g. ECU)."),
    ("org", "Only documents naming this organisation id (e.g. IOM)."),
    ("person", "Only documents naming this person id (e.g. amy-pope)."),
    ("objective", "Only documents serving this GCM objective (1-23)."),
    ("lang", "Only documents in this language (fr, en, es...)."),
    ("since", "Only documents dated on or after this ISO date prefix (2023, 2023-11)."),
    ("until", "Only documents dated on or before this ISO date prefix."),
)


def _open(db, config, overrides=None):
    """(settings, store) for a store command; a one-line SetupError when the store cannot open."""
    from .settings import db_path
    from .store import StoreError, open_store

    settings = _settings(config, {"db": db, **(overrides or {})})
    try:
        return settings, open_store(db_path(settings))
    except (StoreError, OSError, sqlite3.Error) as err:
        raise SetupError(f"cannot open the store {db_path(settings)}: {err}") from None


def _filters(country, org, person, objective, lang, since, until, all_versions):
    """The Filters of the shared filter options (objective checked to be a number)."""
    from .store import Filters

    if objective is not None and not str(objective).isdigit():
        raise click.BadParameter(f"not an objective number: {objective!r}", param_hint="--objective")
    objective = int(objective) if objective is not None else None
    return Filters(country, org, person, objective, lang, since, until, all_versions)


def _echo_json(payload) -> None:
    """Indented JSON on stdout (UTF-8, accents kept)."""
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


@cli.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@_db_options
@click.option("--max-size", default=None, metavar="SIZE", help="Refuse inputs larger than this (e.g. 50MB).")
@click.option("--timeout", type=float, default=None, metavar="S", help="Seconds allowed per document.")
@click.option("--allow-private", is_flag=True, default=None, help="Let URLs reach private addresses.")
@click.option("--ignore-robots", is_flag=True, default=None, help="Fetch pages robots.txt disallows.")
@click.option("--host-interval", type=float, default=None, metavar="S",
              help="Seconds between two requests to one host.  [default: 1]")  # fmt: skip
@click.option("--max-urls", type=int, default=None, metavar="N",
              help="URLs followed from one feed or sitemap input.  [default: 10000]")  # fmt: skip
@click.option("--quiet", "-q", is_flag=True, default=None, help="No progress or summary; errors still shown.")
@click.pass_context
def ingest(
    ctx, sources, db, config, max_size, timeout, allow_private, ignore_robots, host_interval, max_urls, quiet
) -> None:
    """Extract files, folders, URLs, RSS/Atom feeds and sitemaps into the knowledge store.

    \b
    Each document is stored in one transaction with a copy of its raw content. The same
    content again is "unchanged"; new content at a known source is a "new version" (the
    old one is kept). A feed or sitemap (a URL or a file, .xml.gz too) is not stored:
    the pages it lists are ingested, a sitemap index's sitemaps in turn. URLs are
    fetched politely: robots.txt is obeyed, requests to one host are spaced.
    One line per failed input on stderr, then a summary.
    Exit status: the number of inputs that failed, capped at 100.
    """
    from .store.ingest import LISTED
    from .store.ingest import ingest as run_ingest

    overrides = {
        "max_bytes": max_size,
        "timeout": timeout,
        "allow_private": allow_private,
        "obey_robots": False if ignore_robots else None,
        "host_interval": host_interval,
        "max_listed_urls": max_urls,
        "quiet": quiet,
    }
    settings, store = _open(db, config, overrides)
    live = not settings.quiet and sys.stderr.isatty()

    def report(location, result) -> None:
        if isinstance(result, Failure):
            click.echo(("\r\x1b[K" if live else "") + f"pactwatch: error: {result}", err=True)
        elif getattr(result, "status", None) == LISTED and not settings.quiet:
            click.echo(("\r\x1b[K" if live else "") + f"pactwatch: note: {location}: {result.note}", err=True)
        elif live:
            click.echo(f"\rpactwatch: {location[-60:]}\x1b[K", err=True, nl=False)

    try:
        with store:
            summary = run_ingest(store, sources, settings, report)
    except PipelineError as err:
        raise SetupError(str(err)) from None
    except KeyboardInterrupt:
        click.echo("\npactwatch: interrupted (every document stored so far is kept)", err=True)
        ctx.exit(EXIT_INTERRUPTED)
    if not settings.quiet:
        click.echo(("\r\x1b[K" if live else "") + f"pactwatch: {summary.line()}", err=True)
    ctx.exit(min(summary.counts["failed"], EXIT_CAP))


@cli.command()
@click.argument("query", metavar="QUERY")
@_db_options
@_filter_options
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True, help="Results shown.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: results and facets for reading; json: the documented result object.")  # fmt: skip
def search(query, db, config, limit, fmt, **filter_values) -> None:
    """Full-text search of the stored documents, accent- and case-insensitive, with facet counts.

    QUERY: words that must all occur (\"quoted phrases\" too); '' lists the documents the
    filters select, newest first. Snippets show the matches highlighted.
    """
    from .store.render import search_text

    _, store = _open(db, config)
    with store:
        result = store.search(query, _filters(**filter_values), limit)
    if fmt == "json":
        _echo_json(result)
    else:
        click.echo(search_text(result, bold=sys.stdout.isatty()))


@cli.command()
@click.argument("ref", metavar="DOC|ENTITY")
@_db_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for reading; json: the stored record (or entity) as data.")  # fmt: skip
def show(ref, db, config, fmt) -> None:
    """Show one stored document (by record id) or entity (by id, or TYPE:ID such as person:amy-pope).

    Exit status 1 when nothing has that id.
    """
    from .store import StoreError
    from .store.render import document_text, entity_text

    _, store = _open(db, config)
    with store:
        try:
            what, item = store.lookup(ref)
        except StoreError:
            raise click.ClickException(f"{ref}: no such document or entity") from None
    text = document_text if what == "document" else entity_text
    click.echo(json.dumps(item, ensure_ascii=False, indent=2) if fmt == "json" else text(item))


@cli.command()
@_db_options
@click.option("--type", "kind", type=click.Choice(ENTITY_KINDS), default=None, help="Only this type.")
@click.option("--limit", type=click.IntRange(1), default=100, show_default=True, help="Entities shown.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")  # fmt: skip
def entities(db, config, kind, limit, fmt) -> None:
    """List the entities of the store, resolved across documents, most mentioned first."""
    from .store.render import entity_line

    _, store = _open(db, config)
    with store:
        rows = store.entities(kind, limit)
    _echo_json(rows) if fmt == "json" else click.echo("\n".join(entity_line(e) for e in rows))


@cli.command()
@_db_options
@click.option(
    "--status", type=click.Choice(["auto", "accepted", "rejected"]), default=None, help="Only this status."
)
@click.option("--kind", default=None, help="Only this kind of fact (e.g. person-holds-title).")
@click.option("--limit", type=click.IntRange(1), default=100, show_default=True, help="Facts shown.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")  # fmt: skip
def facts(db, config, status, kind, limit, fmt) -> None:
    """List facts with their provenance (document, span, extractor version, confidence, review)."""
    from .store.render import fact_line

    _, store = _open(db, config)
    with store:
        rows = store.facts(status, kind, limit=limit)
    _echo_json(rows) if fmt == "json" else click.echo("\n".join(fact_line(f) for f in rows))


@cli.command()
@click.argument("fact_id", metavar="FACT", type=int)
@_db_options
@click.option("--accept", "status", flag_value="accepted", help="Mark the fact as correct.")
@click.option("--reject", "status", flag_value="rejected", help="Mark the fact as wrong.")
@click.option("--by", default=None, metavar="NAME", help="Who reviewed it.  [default: the login name]")
def review(fact_id, db, config, status, by) -> None:
    """Accept or reject one fact; reviewed facts survive re-extraction. Exit status 1 for an unknown fact."""
    import getpass

    from .store import StoreError
    from .store.render import fact_line

    if status is None:
        raise click.UsageError("say --accept or --reject")
    _, store = _open(db, config)
    with store:
        try:
            fact = store.review(fact_id, status, by or getpass.getuser())
        except StoreError as err:
            raise click.ClickException(str(err)) from None
    click.echo(fact_line(fact))


@cli.command()
@_db_options
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl",
              show_default=True, help="jsonl: each record with a `store` block; csv: one flat row per "
              "document; parquet: the csv columns typed, plus body and record (needs -o).")  # fmt: skip
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              metavar="FILE", help="File to write; - is stdout (jsonl, csv).  [default: -]")  # fmt: skip
def export(db, config, fmt, output, **filter_values) -> None:
    """Export stored documents (current versions unless --all-versions) as JSON Lines, CSV or Parquet.

    Parquet is a binary file format: it needs -o FILE (exit status 2 otherwise).
    """
    from .store.export import FILE_FORMATS, write_export, write_parquet

    if fmt in FILE_FORMATS and output == "-":
        raise click.UsageError(f"--format {fmt} writes a file, not standard output: give -o FILE")
    filters = _filters(**filter_values)
    _, store = _open(db, config)
    with store:
        try:
            if fmt in FILE_FORMATS:
                count = write_parquet(store.documents(filters), output)
            elif output == "-":
                stdout = click.get_text_stream("stdout", encoding="utf-8")
                count = write_export(store.documents(filters), fmt, stdout)
            else:
                with open(output, "w", encoding="utf-8", newline="") as out:
                    count = write_export(store.documents(filters), fmt, out)
        except OSError as err:
            raise click.ClickException(f"cannot write {output}: {err.strerror or err}") from None
    click.echo(f"pactwatch: {count} document(s) exported", err=True)


@cli.command()
@_db_options
@click.option("--quiet", "-q", is_flag=True, default=None, help="No summary; errors still shown.")
@click.pass_context
def reextract(ctx, db, config, quiet) -> None:
    """Run the current pipeline again over every stored document's raw content.

    Mentions, links and automatic facts are rebuilt; reviewed facts are kept.
    Exit status: the number of documents that failed, capped at 100.
    """
    from .store.ingest import reextract as run_reextract

    settings, store = _open(db, config, {"quiet": quiet})

    def report(location, result) -> None:
        if isinstance(result, Failure):
            click.echo(f"pactwatch: error: {result}", err=True)

    with store:
        summary = run_reextract(store, settings, report)
    if not settings.quiet:
        click.echo(f"pactwatch: {summary.line(('re-extracted', 'failed'))}", err=True)
    ctx.exit(min(summary.counts["failed"], EXIT_CAP))


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


from . import cli_web  # noqa: E402, F401  (registers serve and demo)

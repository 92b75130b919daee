"""The commands that serve the web app: ``serve`` (an existing store) and ``demo`` (a fresh sample store).

Kept apart from ``cli.py`` so the extraction commands never import the web stack.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import click

from .batch import Failure
from .cli import SetupError, _db_options, _open, _settings, cli

DEFAULT_PORT = 8000


def _serve(db: Path | str, settings, host: str, port: int) -> None:
    """Run the app with uvicorn until interrupted."""
    import uvicorn

    from .web import create_app

    click.echo(f"pactwatch: serving {db} at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(create_app(db, settings), host=host, port=port, log_level="warning")


def _server_options(func):
    """--host, --port and --token, shared by serve and demo."""
    func = click.option(
        "--token",
        default=None,
        metavar="TOKEN",
        help="Bearer token for writes (API ingest, review).  [default: api_token setting]",
    )(func)
    func = click.option(
        "--port",
        type=click.IntRange(1, 65535),
        default=DEFAULT_PORT,
        show_default=True,
        help="Port to listen on.",
    )(func)
    return click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")(func)


def _report_failure(location, result) -> None:
    """One line on stderr for a sample that could not be stored (the others go on)."""
    if isinstance(result, Failure):
        click.echo(f"pactwatch: error: {result}", err=True)


@cli.command()
@_db_options
@_server_options
def serve(db, config, host, port, token) -> None:
    """Serve the web app and the JSON API (/api, schema at /openapi.json) on a store.

    Writes (POST /api/ingest, reviews) need the bearer token from the api_token setting
    or --token; without one, writes are refused.
    """
    from .settings import db_path

    settings, store = _open(db, config, {"api_token": token})
    store.close()
    _serve(db_path(settings), settings, host, port)


@cli.command()
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    default=None,
    metavar="PATH",
    help="Where to build the demo store (replaced).  [default: demo.db in the user data folder]",
)
@click.option(
    "--config", type=click.Path(dir_okay=False), default=None, metavar="FILE", help="Settings file."
)
@_server_options
@click.option("--no-serve", is_flag=True, help="Build the demo store and stop.")
def demo(db, config, host, port, token, no_serve) -> None:
    """Build a fresh store from the bundled sample corpus and serve it.

    \b
    The samples (FR/EN/ES, text, HTML and PDF) are written for pactwatch: they state
    public facts about GCM implementation; their quotes are from fictional people.
    A review token is made up for the session unless --token or api_token is set.
    """
    from platformdirs import user_data_dir

    from .samples import sample_paths
    from .store.ingest import ingest

    path = Path(db) if db else Path(user_data_dir("pactwatch")) / "demo.db"
    for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        stale.unlink(missing_ok=True)
    settings, store = _open(str(path), config, {"quiet": True})
    with store:
        summary = ingest(store, [str(p) for p in sample_paths()], settings, _report_failure)
    click.echo(f"pactwatch: demo store {path}: {summary.line()}", err=True)
    if summary.counts["stored"] == 0:
        raise SetupError("no sample document could be stored")
    if no_serve:
        return
    token = token or settings.api_token or secrets.token_urlsafe(12)
    click.echo(f"pactwatch: review token for this session: {token}", err=True)
    _serve(path, _settings(config, {"db": str(path), "api_token": token}), host, port)

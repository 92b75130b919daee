"""pactwatch: evidence on the Global Compact for Safe, Orderly and Regular Migration.

Documents in (press releases, news, reports in FR/EN/ES and the other UN languages),
facts with provenance out: ``extract_source(path_or_url)`` and ``extract_text(text)``
return the extraction record of CONTRACT.md.
"""

__version__ = "0.1.0"


def __getattr__(name: str):
    """Lazy access to the front-door functions, so ``import pactwatch`` stays cheap."""
    if name in ("extract_source", "extract_text"):
        from . import api

        return getattr(api, name)
    raise AttributeError(name)

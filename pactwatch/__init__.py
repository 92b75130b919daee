"""pactwatch: evidence on the Global Compact for Safe, Orderly and Regular Migration.

Documents in (press releases, news, reports in FR/EN/ES and the other UN languages),
facts with provenance out: see ``pactwatch.extract_source`` and CONTRACT.md.
"""

__version__ = "0.1.0"

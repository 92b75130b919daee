"""The web app and JSON API over the knowledge store (``pactwatch serve``, ``pactwatch demo``).

``create_app(db, settings)`` returns the ASGI application; pages and API share the data
functions of ``web.data``.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]

"""The web application: pages for people and a JSON API for programs, over one knowledge store.

``create_app(db, settings)`` builds it; ``pactwatch serve`` and ``pactwatch demo`` run it
with uvicorn. Everything is served by pactwatch itself (no CDN, no outside request: the
interactive API docs, which load scripts from a CDN, are off; ``/openapi.json`` is on).
Every response carries a strict Content-Security-Policy: no script runs on any page,
so a document's hostile content, already escaped by the templates, has a second wall.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..settings import Settings
from . import api, pages
from .data import NotFound

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid",
    500: "server_error",
}


def create_app(db: str | Path, settings: Settings | None = None) -> FastAPI:
    """The ASGI app serving pages and ``/api`` from the store at ``db``."""
    app = FastAPI(
        title="pactwatch",
        version=__version__,
        summary="Evidence on the Global Compact for Safe, Orderly and Regular Migration",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.db = str(db)
    app.state.settings = settings or Settings()
    static = resources.files(__package__).joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(api.router, prefix="/api")
    app.include_router(pages.router)
    _handlers(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    return app


def error_body(status: int, message: str) -> dict:
    """The one JSON error shape of the API."""
    return {"error": {"status": status, "code": ERROR_CODES.get(status, "error"), "message": message}}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _handlers(app: FastAPI) -> None:
    """Errors as JSON under /api and as an HTML page elsewhere, with the same status codes."""

    async def respond(request: Request, status: int, message: str, headers=None):
        if _is_api(request):
            return JSONResponse(error_body(status, message), status_code=status, headers=headers)
        return pages.error_page(request, status, message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return await respond(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err.get('loc', ())[1:]) or 'request'}: {err.get('msg')}"
            for err in exc.errors()[:5]
        )
        return await respond(request, 422 if _is_api(request) else 400, problems or "invalid request")

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound):
        return await respond(request, 404, str(exc))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):
        return await respond(request, 500, f"internal error ({type(exc).__name__}); please report it")

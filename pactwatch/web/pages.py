"""The HTML pages: server-rendered from the same data functions as the API, no JavaScript.

Templates autoescape everything (document text is hostile); the only markup passed
through is the ``<mark>`` of search snippets, rebuilt here from escaped text. Charts are
SVG images rendered on the server. Review actions are plain forms, allowed only with the
review token (kept in an HttpOnly, SameSite=Strict cookie after signing in) and from a
page of the same site.
"""

from __future__ import annotations

import getpass
from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, Form, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from ..gcm.reference import objectives
from ..store.search import MARK_CLOSE, MARK_OPEN
from ..store.sqlite import Store, StoreError
from . import charts, data, figures
from .api import ISO_DATE, FilterParams
from .deps import TOKEN_COOKIE, filters_from, get_settings, get_store, token_ok
from .highlight import record_marks, segments
from .i18n import languages, pick, translator

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(resources.files(__package__).joinpath("templates")))
StoreDep = Annotated[Store, Depends(get_store)]
PageNo = Annotated[int, Query(ge=1, le=100_000)]
LANG_COOKIE = "hl"
FACT_KINDS_REVIEWED = None  # every kind may be reviewed


def ui_lang(request: Request) -> str:
    """The interface language of this request (``?hl=``, cookie, Accept-Language, English)."""
    return pick(
        request.query_params.get("hl"),
        request.cookies.get(LANG_COOKIE),
        request.headers.get("accept-language"),
    )


def render(request: Request, name: str, http_status: int = 200, **context: Any) -> HTMLResponse:
    """A template rendered with the interface language, its strings and the URL helpers."""
    hl = ui_lang(request)
    context |= {
        "t": translator(hl),
        "hl": hl,
        "languages": languages(),
        "path": request.url.path,
        "signed_in": _signed_in(request),
        "with_params": _with_params(request),
    }
    return templates.TemplateResponse(request, name, context, status_code=http_status)


def _with_params(request: Request):
    """``with_params(**changes)``: this page's URL with some query parameters set or removed."""

    def build(**changes: Any) -> str:
        params = dict(request.query_params)
        params.pop("page", None) if "page" not in changes else None
        for key, value in changes.items():
            if value is None or value == "":
                params.pop(key, None)
            else:
                params[key] = str(value)
        return request.url.path + ("?" + urlencode(params) if params else "")

    return build


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """An error as an HTML page with the given status."""
    return render(request, "error.html", http_status=status, status_code=status, message=message)


def marked(snippet: str) -> Markup:
    """A search snippet as safe markup: its text escaped, only the store's ``<mark>`` kept."""
    pieces = str(snippet or "").split(MARK_OPEN)
    out = [escape(pieces[0])]
    for piece in pieces[1:]:
        inside, _, after = piece.partition(MARK_CLOSE)
        out.append(Markup("<mark>") + escape(inside) + Markup("</mark>") + escape(after))
    return Markup("").join(out)


templates.env.filters["marked"] = marked
templates.env.globals["safe_link"] = lambda url: (
    url if urlsplit(str(url)).scheme in ("http", "https") else None
)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep):
    """The corpus at a glance."""
    hl = ui_lang(request)
    view = data.overview(store, hl)
    figs = figures.urls("/charts/home", figures.home_specs(view, translator(hl)("documents_axis")), hl)
    return render(request, "home.html", view=view, figs=figs)


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    store: StoreDep,
    filters: Annotated[FilterParams, Query()],
    q: Annotated[str, Query(max_length=500)] = "",
    page: PageNo = 1,
):
    """Search with facets, highlighted snippets and pagination."""
    found = data.search(store, q, filters_from(filters), data.Page(page, data.PER_PAGE), ui_lang(request))
    return render(request, "search.html", q=q, found=found, filters=filters)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, store: StoreDep, doc_id: str):
    """A document with its entities, quotes and objective evidence highlighted, and its facts."""
    doc = data.document(store, doc_id)
    labels = {n: o.label_in(ui_lang(request)) for n, o in objectives().items()}
    pieces = segments(doc.get("body") or "", record_marks(doc, labels))
    return render(request, "document.html", doc=doc, pieces=pieces, labels=labels)


@router.get("/countries/{iso3}", response_class=HTMLResponse)
def country(request: Request, store: StoreDep, iso3: Annotated[str, Path(pattern="^[A-Za-z]{3}$")]):
    """A country: timeline, objective coverage chart, actors, quotes, events, GCM status."""
    hl = ui_lang(request)
    view = data.country(store, iso3, hl)
    specs = figures.country_specs(view, translator(hl)("documents_axis"))
    figs = figures.urls(f"/charts/countries/{view['id']}", specs, hl)
    return render(request, "country.html", view=view, figs=figs)


ChartName = Annotated[str, Path(pattern="^[a-z_]{1,20}$")]


@router.get("/charts/home/{name}.svg")
def home_chart(request: Request, store: StoreDep, name: ChartName) -> Response:
    """One chart of the home page as SVG."""
    hl = ui_lang(request)
    return _svg(figures.home_specs(data.overview(store, hl), translator(hl)("documents_axis")), name)


@router.get("/charts/countries/{iso3}/{name}.svg")
def country_chart(
    request: Request, store: StoreDep, iso3: Annotated[str, Path(pattern="^[A-Za-z]{3}$")], name: ChartName
) -> Response:
    """One chart of a country page as SVG."""
    hl = ui_lang(request)
    return _svg(figures.country_specs(data.country(store, iso3, hl), translator(hl)("documents_axis")), name)


@router.get("/charts/objectives/{number}/{name}.svg")
def objective_chart(
    request: Request, store: StoreDep, number: Annotated[int, Path(ge=1, le=23)], name: ChartName
) -> Response:
    """One chart of an objective page as SVG."""
    hl = ui_lang(request)
    return _svg(
        figures.objective_specs(data.objective(store, number, hl), translator(hl)("documents_axis")), name
    )


def _svg(specs: dict, name: str) -> Response:
    """The named chart rendered on the server (rendering cached by spec); 404 when it has no data."""
    spec = specs.get(name)
    if spec is None:
        raise HTTPException(404, f"no chart {name!r} here")
    return Response(
        charts.render_svg(spec), media_type="image/svg+xml", headers={"Cache-Control": "private, max-age=60"}
    )


@router.get("/objectives", response_class=HTMLResponse)
def objective_list(request: Request, store: StoreDep):
    """The 23 objectives and the 10 guiding principles."""
    hl = ui_lang(request)
    return render(
        request, "objectives.html", items=data.objective_list(store, hl), principles=data.principle_list(hl)
    )


@router.get("/objectives/{number}", response_class=HTMLResponse)
def objective(request: Request, store: StoreDep, number: Annotated[int, Path(ge=1, le=23)]):
    """An objective: definition, evidence heatmap by country and year, evidence list."""
    hl = ui_lang(request)
    view = data.objective(store, number, hl)
    specs = figures.objective_specs(view, translator(hl)("documents_axis"))
    figs = figures.urls(f"/charts/objectives/{number}", specs, hl)["heatmap"]
    return render(request, "objective.html", view=view, figs=figs)


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person(request: Request, store: StoreDep, person_id: str):
    """A person: titles over time, quotes, documents."""
    return render(request, "entity.html", ent=data.entity(store, "person", person_id))


@router.get("/organizations/{org_id}", response_class=HTMLResponse)
def organization(request: Request, store: StoreDep, org_id: str):
    """An organisation: its documents and facts."""
    return render(request, "entity.html", ent=data.entity(store, "organization", org_id))


@router.get("/matrix", response_class=HTMLResponse)
def matrix(
    request: Request,
    store: StoreDep,
    since: Annotated[str | None, Query(pattern=ISO_DATE)] = None,
    until: Annotated[str | None, Query(pattern=ISO_DATE)] = None,
    region: Annotated[str | None, Query(pattern="^[a-z]*$")] = None,
):
    """Countries × objectives, each cell linking to its evidence."""
    view = data.matrix(store, since or None, until or None, region or None, ui_lang(request))
    cells = {(c["country"], c["objective"]): c["documents"] for c in view["cells"]}
    return render(request, "matrix.html", view=view, cells=cells, since=since, until=until, region=region)


@router.get("/review", response_class=HTMLResponse)
def review_queue(
    request: Request,
    store: StoreDep,
    status: Annotated[str, Query(pattern="^(auto|accepted|rejected)$")] = "auto",
    kind: Annotated[str | None, Query(max_length=60)] = None,
    page: PageNo = 1,
):
    """Facts to accept or reject (the list is open; the decisions need the token)."""
    queue = data.review_queue(store, status, kind or None, data.Page(page, data.PER_PAGE))
    return render(request, "review.html", queue=queue, status=status, kind=kind)


@router.post("/review/{fact_id}")
def review(
    request: Request,
    store: StoreDep,
    fact_id: Annotated[int, Path(ge=1, le=2**62)],
    decision: Annotated[str, Form(pattern="^(accepted|rejected|auto)$")],
    back: Annotated[str, Form(max_length=500)] = "/review",
):
    """Record a review decision from the queue's form, then go back to the queue."""
    _same_site(request)
    if not _signed_in(request):
        raise HTTPException(401, translator(ui_lang(request))("sign_in_needed"))
    try:
        store.review(fact_id, decision, getpass.getuser())
    except StoreError:
        raise data.NotFound(f"no fact {fact_id}") from None
    return RedirectResponse(_local(back), status_code=303)


@router.post("/login")
def login(
    request: Request,
    token: Annotated[str, Form(max_length=500)],
    back: Annotated[str, Form(max_length=500)] = "/review",
):
    """Keep the review token in a cookie when it is right; say so when it is not."""
    _same_site(request)
    if not token_ok(get_settings(request), token):
        return error_page(request, 401, translator(ui_lang(request))("wrong_token"))
    response = RedirectResponse(_local(back), status_code=303)
    response.set_cookie(
        TOKEN_COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https"
    )
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    """Forget the review token."""
    _same_site(request)
    response = RedirectResponse("/review", status_code=303)
    response.delete_cookie(TOKEN_COOKIE)
    return response


@router.get("/language")
def language(request: Request, hl: Annotated[str, Query(pattern="^[a-z]{2}$")], back: str = "/"):
    """Switch the interface language (a cookie) and go back to the page."""
    response = RedirectResponse(_local(back), status_code=303)
    if hl in languages():
        response.set_cookie(LANG_COOKIE, hl, samesite="lax", max_age=365 * 24 * 3600)
    return response


def _signed_in(request: Request) -> bool:
    return token_ok(get_settings(request), request.cookies.get(TOKEN_COOKIE))


def _same_site(request: Request) -> None:
    """Refuse a form post that comes from another site (a second wall behind SameSite cookies)."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if origin and urlsplit(origin).netloc != request.url.netloc:
        raise HTTPException(403, "form posted from another site")


def _local(target: str) -> str:
    """``target`` if it is a path on this site, else "/" (no open redirect)."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target

"""A small website on 127.0.0.1 for the feed, sitemap and robots.txt tests: real HTTP, no network.

Pages are short press releases in French, English and Spanish written for these tests;
every person quoted is fictional.
"""

from __future__ import annotations

import gzip
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FR = """<html><head><title>Dakar accueille un atelier régional sur la migration de main-d'œuvre</title></head>
<body><h1>Dakar accueille un atelier régional sur la migration de main-d'œuvre</h1>
<p>Dakar, 4 février 2025 – Des représentants de neuf pays d'Afrique de l'Ouest se sont réunis à Dakar pour
un atelier consacré au recrutement équitable des travailleurs migrants, avec l'appui de l'OIM.</p>
<p>« Un recrutement juste commence par une information claire donnée avant le départ », a déclaré
Mme Mireille Dambreville, coordinatrice fictive du programme.</p>
<p>Les participants ont proposé un répertoire commun des agences de recrutement agréées.</p></body></html>"""

EN = """<html><head><title>Coastal towns pilot early warning for displacement</title></head>
<body><h1>Coastal towns pilot early warning for displacement</h1>
<p>Suva, 11 March 2025 – Three coastal towns in Fiji have begun testing an early warning system that
links storm forecasts with plans for temporary relocation, supported by IOM.</p>
<p>"Families told us they want to know where to go before the water arrives," said Thomas Okafor-Lindqvist,
a fictional programme officer.</p>
<p>The pilot will run for twelve months before a review with local councils.</p></body></html>"""

ES = """<html><head><title>Quito abre un centro de orientación para personas migrantes</title></head>
<body><h1>Quito abre un centro de orientación para personas migrantes</h1>
<p>Quito, 20 de mayo de 2025 – La alcaldía de Quito inauguró un centro de orientación que ofrece
asesoría legal y acceso a servicios de salud a personas migrantes, con el apoyo de la OIM.</p>
<p>"Nadie debería perderse en los trámites por no conocer sus derechos", afirmó Lucía Marchena Soto,
directora ficticia del centro.</p>
<p>El centro atenderá de lunes a sábado en el barrio de San Blas.</p></body></html>"""

EN2 = """<html><head><title>Regional network publishes guide on return and reintegration</title></head>
<body><h1>Regional network publishes guide on return and reintegration</h1>
<p>Nairobi, 2 April 2025 – A regional network of migration officials published a practical guide on
safe return and sustainable reintegration, drawing on projects in five countries.</p>
<p>"Reintegration works when communities are part of the plan," said Amara Velásquez-Holm, a fictional
network adviser.</p></body></html>"""

ROBOTS = b"User-agent: *\nDisallow: /private/\n"


def rss(base: str, paths: list[str]) -> bytes:
    """An RSS 2.0 feed listing ``paths`` on ``base``."""
    items = "".join(
        f"<item><title>Item {i}</title><link>{base}{p}</link></item>" for i, p in enumerate(paths)
    )
    channel = f"<channel><title>News</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def urlset(base: str, paths: list[str]) -> bytes:
    """A sitemap listing ``paths`` on ``base``."""
    urls = "".join(f"<url><loc>{base}{p}</loc></url>" for p in paths)
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()


def site_routes(base: str) -> dict[str, tuple[int, str, bytes]]:
    """Path -> (status, content type, body) of the test site at ``base``."""
    html = "text/html; charset=utf-8"
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="{base}/news/">
  <title>Actualités</title>
  <entry><title>FR</title><link rel="enclosure" href="/files/photo.jpg"/><link href="fr"/></entry>
  <entry><title>ES</title><link rel="alternate" type="text/html" href="{base}/news/es"/></entry>
</feed>"""
    index = f"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>{base}/sitemap-pages.xml</loc></sitemap>
  <sitemap><loc>{base}/sitemap-more.xml.gz</loc></sitemap>
</sitemapindex>"""
    more = gzip.compress(urlset(base, ["/news/es", "/news/guide"]))
    return {
        "/robots.txt": (200, "text/plain", ROBOTS),
        "/news/fr": (200, html, FR.encode()),
        "/news/en": (200, html, EN.encode()),
        "/news/es": (200, html, ES.encode()),
        "/news/guide": (200, html, EN2.encode()),
        "/private/es": (200, html, ES.replace("Quito abre", "Cuenca abre").encode()),
        "/feed.xml": (200, "application/rss+xml", rss(base, ["/news/fr", "/private/es", "/news/en"])),
        "/atom.xml": (200, "application/atom+xml", atom.encode()),
        "/broken.xml": (200, "text/xml", b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>A'),
        "/sitemap.xml": (200, "application/xml", index.encode()),
        "/sitemap-pages.xml": (200, "text/xml", urlset(base, ["/news/fr", "/news/en"])),
        "/sitemap-more.xml.gz": (200, "application/x-gzip", more),
        "/redirect-private": (302, "/private/es", b""),
    }  # fmt: skip


class _Handler(BaseHTTPRequestHandler):
    """Serves ``server.routes`` (a 302's second item is its Location); logs each path in ``server.log``."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.server.log.append(self.path)
        status, ctype, body = self.server.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        if status in (301, 302):
            self.send_header("Location", ctype)
        else:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def local_site(routes: dict | None = None):
    """Serve the test site on a free port; yields the server (``.base``, ``.routes``, ``.log``)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.routes = site_routes(httpd.base) if routes is None else routes
    httpd.log = []
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()

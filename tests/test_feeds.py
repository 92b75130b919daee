"""Feeds and sitemaps: parsing (RSS 2.0 and 1.0, Atom, sitemaps, gzip, safe XML), ingest over real HTTP."""

from __future__ import annotations

import gzip

import pytest
from click.testing import CliRunner

from pactwatch.cli import cli
from pactwatch.errors import ReadFailed, TooLarge
from pactwatch.ingest.feeds import gunzip, listing_root, parse_listing, read_listing
from pactwatch.settings import Settings
from pactwatch.store import open_store
from pactwatch.store.ingest import ingest

from .local_site import local_site, rss

BASE = "https://news.example.org/feeds/main.xml"
LOCAL = Settings(allow_private=True, host_interval=0, timeout=20)


@pytest.fixture(scope="module")
def site():
    with local_site() as server:
        yield server


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "store.db") as opened:
        yield opened


# ---------------------------------------------------------------- parsing


def test_rss2_links_permalinks_duplicates_and_foreign_schemes():
    data = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
 <atom:link rel="self" href="https://news.example.org/feeds/main.xml"/>
 <item><link> https://news.example.org/a#top </link></item>
 <item><guid>https://news.example.org/b</guid></item>
 <item><guid isPermaLink="false">https://news.example.org/not-a-page</guid></item>
 <item><link>/c</link></item>
 <item><link>https://news.example.org/a</link></item>
 <item><link>mailto:press@news.example.org</link></item>
</channel></rss>"""
    listing = parse_listing(BASE, data, BASE)
    assert listing.label == "RSS feed"
    assert listing.urls == (
        "https://news.example.org/a",
        "https://news.example.org/b",
        "https://news.example.org/c",
    )
    assert "1 entry without a link" in listing.summary() and "not absolute http(s)" in listing.summary()


def test_rss1_rdf_uses_link_then_rdf_about():
    data = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
 <channel rdf:about="https://news.example.org/"><title>N</title></channel>
 <item rdf:about="https://news.example.org/one"><title>1</title><link>https://news.example.org/one-page</link></item>
 <item rdf:about="https://news.example.org/two"><title>2</title></item>
</rdf:RDF>"""
    listing = parse_listing(BASE, data, BASE)
    assert listing.root == "RDF" and listing.urls == (
        "https://news.example.org/one-page",
        "https://news.example.org/two",
    )


def test_atom_alternate_links_resolved_against_xml_base():
    data = b"""<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example.org/fr/">
 <entry><link rel="enclosure" href="photo.jpg"/><link href="communique-1"/></entry>
 <entry xml:base="archives/"><link rel="alternate" href="communique-2"/></entry>
 <entry><id>urn:uuid:1225c695</id></entry>
</feed>"""
    listing = parse_listing(BASE, data, BASE)
    assert listing.urls == (
        "https://news.example.org/fr/communique-1",
        "https://news.example.org/fr/archives/communique-2",
    )
    assert "1 link(s) that are not absolute" in listing.summary()


def test_sitemaps_and_gzip():
    urlset = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://a.example/x</loc></url></urlset>'
    index = b"<sitemapindex><sitemap><loc>https://a.example/s1.xml</loc></sitemap></sitemapindex>"
    read = {"meta": {"url": "https://a.example/sitemap.xml.gz"}}
    assert read_listing("s.xml.gz", gzip.compress(urlset), read, 10_000).urls == ("https://a.example/x",)
    assert read_listing("i.xml", index, read, 10_000).label == "sitemap index"
    assert read_listing("page.gz", gzip.compress(b"<html><body>hi</body></html>"), read, 10_000) is None
    with pytest.raises(TooLarge, match="decompressed"):
        gunzip("bomb.gz", gzip.compress(b"<" + b" " * 1_000_000), 50_000)
    with pytest.raises(ReadFailed, match="gzip"):
        gunzip("bad.gz", b"\x1f\x8b\x08\x00garbage", 1000)


@pytest.mark.parametrize(
    ("data", "root"),
    [
        (b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- hi --><rss version="2.0"/>', "rss"),
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><rdf:RDF xmlns:rdf="r"/>', "RDF"),
        (b"  <feed xmlns='http://www.w3.org/2005/Atom'/>", "feed"),
        (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', None),
        (b"<!DOCTYPE html><html><head><title>rss</title></head></html>", None),
        (b"Communique: <rss> is mentioned in plain text", None),
        (b"%PDF-1.7 <rss>", None),
    ],
)
def test_listing_root_sniffs_the_root_element(data, root):
    assert listing_root(data) == root


def test_entities_are_never_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("https://leak.example/secret", encoding="utf-8")
    data = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>
<rss><channel><item><link>&xxe;</link></item><item><link>https://a.example/&lol2;</link></item>
<item><link>https://a.example/ok</link></item></channel></rss>""".encode()
    urls = parse_listing("f.xml", data, "f.xml").urls
    assert not any("leak" in u or "lollol" in u for u in urls)
    assert "https://a.example/ok" in urls


def test_malformed_feed_recovered_or_refused_with_the_xml_error():
    recoverable = b"<rss><channel><item><title>Jobs & skills</title><link>https://a.example/1</link></item>"
    listing = parse_listing("f.xml", recoverable, "f.xml")
    assert listing.urls == ("https://a.example/1",) and "recovered from bad XML" in listing.summary()
    with pytest.raises(ReadFailed, match=r"malformed RSS feed: .*line 1"):
        parse_listing("f.xml", b"<rss><channel><item><title>Jobs & skills", "f.xml")


# ---------------------------------------------------------------- ingest over HTTP


def _failures(summary):
    return {f.source: f for f in summary.failures}


def test_rss_feed_items_are_ingested_and_the_robots_disallowed_one_fails(site, store):
    seen = []
    summary = ingest(store, [site.base + "/feed.xml"], LOCAL, lambda loc, res: seen.append((loc, res)))
    assert summary.counts["stored"] == 2 and summary.counts["listed"] == 1 and summary.counts["failed"] == 1
    failure = _failures(summary)[site.base + "/private/es"]
    assert failure.code == "E006" and f"disallowed by {site.base}/robots.txt" in str(failure)
    assert "\n" not in str(failure)
    assert seen[0][0] == site.base + "/feed.xml" and "RSS feed with 3 URL(s)" in seen[0][1].note
    assert [loc for loc, _ in seen[1:]] == [site.base + p for p in ("/news/fr", "/private/es", "/news/en")]
    assert "1 listed" in summary.line()
    inputs = {i["location"]: i for i in store.stored_inputs()}
    assert inputs[site.base + "/news/fr"]["meta"]["listed_in"] == site.base + "/feed.xml"
    assert site.log.count("/private/es") == 0  # refused before any request


def test_atom_feed_and_robots_fetched_once_per_run(site, store):
    before = site.log.count("/robots.txt")
    summary = ingest(store, [site.base + "/atom.xml", site.base + "/news/guide"], LOCAL)
    assert summary.counts["stored"] == 3 and summary.counts["failed"] == 0
    assert site.log.count("/robots.txt") - before == 1
    assert store.search("Quito")["total"] == 1 and store.search("Dakar")["total"] == 1


def test_sitemap_index_nested_and_gzipped(site, store):
    summary = ingest(store, [site.base + "/sitemap.xml"], LOCAL)
    assert summary.counts["listed"] == 3 and summary.counts["stored"] == 4 and summary.counts["failed"] == 0


def test_sitemap_url_cap_and_depth_limit(site, store):
    notes = []
    capped = Settings(allow_private=True, host_interval=0, max_listed_urls=3)
    summary = ingest(store, [site.base + "/sitemap.xml"], capped, lambda loc, res: notes.append(res))
    # 2 sitemaps + 1 page: the cap counts every URL followed from the input, nested sitemaps included
    assert summary.counts["listed"] == 3 and summary.counts["stored"] == 1
    assert "only 1 followed (max_listed_urls 3 reached)" in notes[1].note
    assert "only 0 followed" in notes[-1].note
    shallow = Settings(allow_private=True, host_interval=0, max_listing_depth=0)
    summary = ingest(store, [site.base + "/sitemap.xml"], shallow, lambda loc, res: notes.append(res))
    assert summary.counts["stored"] + summary.counts["unchanged"] == 0
    assert "not followed: more than max_listing_depth 0" in notes[-1].note


def test_malformed_feed_fails_alone(site, store):
    summary = ingest(store, [site.base + "/broken.xml", site.base + "/news/en"], LOCAL)
    failure = _failures(summary)[site.base + "/broken.xml"]
    assert failure.code == "E006" and "malformed RSS feed" in failure.detail
    assert summary.counts["stored"] + summary.counts["unchanged"] == 1


def test_feed_file_pointing_at_a_loopback_server_is_refused(site, store, tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss(site.base, ["/news/fr", "/news/en"]))
    before = len(site.log)
    summary = ingest(store, [str(feed)], Settings(host_interval=0))
    assert summary.counts["listed"] == 1 and summary.counts["failed"] == 2
    assert all(f.code == "E007" and "loopback" in f.detail for f in summary.failures)
    assert len(site.log) == before  # not even robots.txt was asked for


def test_cli_ingest_feed_url(site, tmp_path):
    db = tmp_path / "cli.db"
    args = ["ingest", site.base + "/feed.xml", "--db", str(db), "--allow-private", "--host-interval", "0"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 1  # the robots-disallowed page
    assert f"pactwatch: note: {site.base}/feed.xml: RSS feed with 3 URL(s)" in result.stderr
    assert f"pactwatch: error: {site.base}/private/es: disallowed by" in result.stderr
    assert "2 stored, 0 unchanged, 0 new version, 1 failed, 0 skipped, 1 listed" in result.stderr
    result = CliRunner().invoke(cli, [*args, "--ignore-robots"], catch_exceptions=False)
    assert result.exit_code == 0 and "1 stored, 2 unchanged" in result.stderr


def test_cli_refuses_bad_feed_settings(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", "x.xml", "--db", str(tmp_path / "d.db"), "--max-urls", "0"])
    assert result.exit_code == 2 and "max_listed_urls must be at least 1" in result.stderr

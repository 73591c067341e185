"""Feed discovery in a page, the usual candidate paths, and sniffing a body."""

from __future__ import annotations

import json

from reader.feeds import candidate_urls, discover_feeds, looks_like_feed

PAGE = """<!DOCTYPE html>
<html><head>
<title>Harbourside Gazette</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/atom+xml" title="Atom" href="/atom.xml">
<link rel="alternate" type="application/rss+xml" title="All stories" href="feed/rss.xml?lang=en">
<link rel="alternate" hreflang="fr" href="/fr/">
<link rel="alternate" type="application/json" title="Search API" href="/api/search.json">
<link rel="alternate" type="application/json" title="JSON Feed" href="/feed.json">
<link rel="alternate" type="application/feed+json" href="https://other.example/f.json#top">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
<link rel="alternate" type="application/rss+xml" href="/atom.xml">
<link rel="alternate stylesheet" type="application/rss+xml" href="/odd.xml">
</head><body>
<link rel="alternate" type="application/rss+xml" href="/late.xml">
</body></html>"""


def test_advertised_feeds_in_page_order() -> None:
    got = discover_feeds(PAGE, "https://gazette.example/news/today")
    assert got == (
        "https://gazette.example/atom.xml",
        "https://gazette.example/news/feed/rss.xml?lang=en",
        "https://gazette.example/feed.json",
        "https://other.example/f.json",
        "https://gazette.example/late.xml",
    )


def test_base_href_and_bytes() -> None:
    page = (
        b'<html><head><base href="https://cdn.gazette.example/site/">'
        b'<link rel="alternate" type="application/rss+xml" href="rss"></head></html>'
    )
    assert discover_feeds(page, "https://gazette.example/") == (
        "https://cdn.gazette.example/site/rss",
    )


def test_pages_without_feeds_and_garbage() -> None:
    assert discover_feeds("<html><head><title>x</title></head></html>", "https://a.example/") == ()
    assert discover_feeds(b"\x00\xff\xfe garbage", None) == ()
    assert discover_feeds('<link rel="alternate" type="application/rss+xml" href="/r">', None) == ()


def test_candidate_urls_on_the_same_host() -> None:
    assert candidate_urls("https://Gazette.example:8443/news/today?x=1#y") == (
        "https://gazette.example:8443/feed",
        "https://gazette.example:8443/rss",
        "https://gazette.example:8443/rss.xml",
        "https://gazette.example:8443/atom.xml",
        "https://gazette.example:8443/feed.xml",
        "https://gazette.example:8443/index.xml",
    )
    assert candidate_urls("ftp://gazette.example/") == ()
    assert candidate_urls("not a url") == ()


def test_looks_like_feed() -> None:
    assert looks_like_feed(b'<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', None)
    assert looks_like_feed(b"\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'/>", "text/html")
    assert looks_like_feed(b"<!-- c --><rdf:RDF xmlns:rdf='x'/>", "text/xml")
    feed = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": []}).encode()
    assert looks_like_feed(feed, "application/json")
    assert looks_like_feed('<rss/>'.encode("utf-16"), None)
    # an HTML page is never a feed, whatever it is served as
    assert not looks_like_feed(b"<!DOCTYPE html><html><body>x</body></html>", "application/rss+xml")
    assert not looks_like_feed(b"<html><head></head></html>", None)
    assert not looks_like_feed(b'{"data": [1, 2]}', "application/json")
    assert not looks_like_feed(b"<svg/>", "image/svg+xml")
    assert not looks_like_feed(b"", None)
    # a feed type speaks for an XML root we do not know by name
    assert looks_like_feed(b"<channel><item/></channel>", "application/rss+xml")

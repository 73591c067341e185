"""Finding a site's feed: the feeds a page advertises, and the usual places to try."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser

from reader.feeds.sniff import FEED_TYPES

CANDIDATE_PATHS = ("/feed", "/rss", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml")
"""Paths tried on a site's own host when its page advertises no feed, in this order."""

MAX_LINKS = 200
_FEED_HINT = re.compile(r"feed|rss|atom", re.IGNORECASE)
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def discover_feeds(html: str | bytes, url: str | None) -> tuple[str, ...]:
    """The feed URLs the page at ``url`` advertises (``<link rel="alternate">`` of a feed
    type), absolute http(s), each once, in page order. ``application/json`` counts when
    the link's address or title speaks of a feed; ``application/xml`` and ``text/xml``
    when they speak of a feed, RSS or Atom. Never raises."""
    try:
        return _discover(html, url)
    except Exception:  # a last guard: discovery is total
        return ()


def _discover(html: str | bytes, url: str | None) -> tuple[str, ...]:
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    tree = LexborHTMLParser(html)
    base = url
    base_node = tree.css_first("base[href]")
    if base_node is not None:
        href = base_node.attributes.get("href") or ""
        joined = _absolute(href, url)
        if joined is not None:
            base = joined
    found: list[str] = []
    for node in tree.css("link[rel][href]")[: MAX_LINKS * 10]:
        attrs = node.attributes
        rels = (attrs.get("rel") or "").lower().split()
        if "alternate" not in rels and "feed" not in rels:
            continue
        if "stylesheet" in rels:
            continue
        kind = (attrs.get("type") or "").split(";", 1)[0].strip().lower()
        href = attrs.get("href") or ""
        hint = f"{href} {attrs.get('title') or ''}"
        if kind in FEED_TYPES:
            pass
        elif kind == "application/json":
            if "feed" not in hint.lower():
                continue
        elif kind in ("application/xml", "text/xml") or (not kind and "feed" in rels):
            if not _FEED_HINT.search(hint):
                continue
        else:
            continue
        got = _absolute(href, base)
        if got is not None and got not in found:
            found.append(got)
            if len(found) >= MAX_LINKS:
                break
    return tuple(found)


def candidate_urls(url: str) -> tuple[str, ...]:
    """The usual feed addresses on the host of ``url`` (same scheme, host and port):
    ``/feed``, ``/rss``, ``/rss.xml``, ``/atom.xml``, ``/feed.xml``, ``/index.xml``.
    Empty for anything that is not an http(s) URL."""
    origin = _origin(url)
    if origin is None:
        return ()
    return tuple(origin + path for path in CANDIDATE_PATHS)


def _origin(url: str) -> str | None:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if _CONTROLS.search(parts.netloc):
        return None
    netloc = parts.netloc.rpartition("@")[2].lower()
    return urlunsplit((parts.scheme.lower(), netloc, "", "", ""))


def _absolute(href: str, base: str | None) -> str | None:
    """``href`` joined onto ``base`` as an http(s) URL without its fragment; None for
    other schemes or addresses holding control characters. The query is kept as it is:
    a feed's address is the server's business."""
    href = href.strip()
    if not href or _CONTROLS.search(href):
        return None
    try:
        joined = urljoin(base, href) if base else href
        parts = urlsplit(joined)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path or "/", parts.query, ""))

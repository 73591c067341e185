"""What a body is, judged from its first bytes: a feed (XML or JSON), an HTML page, or
something else. Pure; reads at most the first 2,048 bytes."""

from __future__ import annotations

import codecs
import re
from typing import Literal

Kind = Literal["xml-feed", "json-feed", "html", "xml", "other"]

_HEAD = 2_048
_SKIP = re.compile(r"\s*(?:<\?[^>]*>\s*|<!--.*?-->\s*|<![^>\[]*(?:\[.*?\])?\s*>\s*)*",
                   re.DOTALL | re.IGNORECASE)
_HTML_DOCTYPE = re.compile(r"<!doctype\s+html", re.IGNORECASE)
_ROOT = re.compile(r"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")
_FEED_ROOTS = frozenset({"rss", "feed", "rdf"})
_HTML_ROOTS = frozenset({"html", "head", "body", "meta", "title", "div", "script", "link"})
_JSON_FEED = re.compile(r'"version"\s*:\s*"https?://jsonfeed\.org/version/', re.IGNORECASE)
_JSON_ITEMS = re.compile(r'"items"\s*:\s*\[')

FEED_TYPES = frozenset(
    {
        "application/rss+xml", "application/atom+xml", "application/rdf+xml",
        "application/feed+json", "application/x-rss+xml", "application/x-atom+xml",
        "application/rss", "application/atom",
    }
)
XML_TYPES = frozenset({"application/xml", "text/xml"})
JSON_TYPES = frozenset({"application/json"})


def head_text(data: bytes) -> str:
    """The first bytes decoded enough to look at (byte-order marks honoured)."""
    head = data[:_HEAD]
    if head.startswith(codecs.BOM_UTF8):
        return head[3:].decode("utf-8", "replace")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", "replace")
    if head.startswith(b"<\x00"):
        return head.decode("utf-16-le", "replace")
    if head.startswith(b"\x00<"):
        return head.decode("utf-16-be", "replace")
    return head.decode("utf-8", "replace")


def kind_of(data: bytes) -> Kind:
    """The kind of document ``data`` holds, from its start alone."""
    text = head_text(data).lstrip("\ufeff \t\r\n")
    if text.startswith("{"):
        if _JSON_FEED.search(text) or _JSON_ITEMS.search(text):
            return "json-feed"
        return "other"
    if not text.startswith("<"):
        return "other"
    pos = _SKIP.match(text)
    prolog = text[: pos.end()] if pos else ""
    rest = text[pos.end():] if pos else text
    m = _ROOT.match(rest)
    root = m.group(2).lower() if m else ""
    if root in _FEED_ROOTS:
        return "xml-feed"  # even after a wrong <!DOCTYPE html>
    if root in _HTML_ROOTS or _HTML_DOCTYPE.search(prolog):
        return "html"
    return "xml" if m else "other"


def media_type(content_type: str | None) -> str:
    """``text/xml; charset=x`` → ``text/xml``; empty when unknown."""
    if not content_type:
        return ""
    return content_type.split(";", 1)[0].strip().lower()


def looks_like_feed(data: bytes, content_type: str | None = None) -> bool:
    """True when ``data`` (served as ``content_type``) is a feed we can read: RSS, Atom
    or JSON Feed. The body decides; the type only speaks for a body that could be
    either (a JSON object without the JSON Feed version, an XML root we do not know)."""
    kind = kind_of(data)
    if kind in ("xml-feed", "json-feed"):
        return True
    if kind == "html":
        return False
    mtype = media_type(content_type)
    if mtype in FEED_TYPES:
        return kind != "other" or head_text(data).lstrip().startswith("{")
    return False

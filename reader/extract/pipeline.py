"""The steps of ``extract``, in order. See ``reader.extract`` for the overview."""

from __future__ import annotations

import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from reader.extract.body import Body, page_body, text_body
from reader.extract.charset import decode_keeping_utf8
from reader.extract.prescan import bound_utf8
from reader.extract.sanitize import clean_optional, clean_text
from reader.model import Article, Teaser

_SURROGATES = re.compile("[\ud800-\udfff]")
_MAX_URL = 8192
_TAG = re.compile(r"<[a-zA-Z!/?]")
_SNIFF_CHARS = 65536


def run(html: str | bytes, url: str | None, encoding: str | None) -> Article:
    data: bytes | None = None
    if isinstance(html, bytes | bytearray):
        text, data = decode_keeping_utf8(html, encoding)
    else:
        text = str(html)
    if data is None:
        try:
            # Encoding is the check for lone surrogates, and lexbor wants UTF-8 anyway.
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            text = _SURROGATES.sub("\ufffd", text)
            data = text.encode("utf-8")
    page_url = _usable_url(url)
    if not _TAG.search(text, 0, _SNIFF_CHARS) and text.strip():
        # No markup at all: a plain-text document. Its paragraphs are the body.
        return _article(None, text_body(text, "text"))
    tree = LexborHTMLParser(bound_utf8(data))
    meta = _metadata(tree, page_url)
    body = page_body(tree, page_url, _field(meta, "title"), _field(meta, "lead_image"))
    json_ld = getattr(meta, "json_ld_body", None) if meta is not None else None
    if json_ld and _prefer_json_ld(json_ld, body):
        body = text_body(json_ld, "json-ld", teasers=body.teasers)
    if not body.markdown.strip():
        # Nothing shown as a story (a listing, a page of teasers): the page's description
        # of itself says more than an empty body.
        described = _description(tree)
        if described:
            body = text_body(described, "page", teasers=body.teasers)
    return _article(meta, body)


_DESCRIPTIONS = ('meta[name="description"]', 'meta[property="og:description"]')
_MAX_DESCRIPTION = 2000


def _description(tree: Any) -> str | None:
    for selector in _DESCRIPTIONS:
        node = tree.css_first(selector)
        content = node.attributes.get("content") if node is not None else None
        if content and content.strip():
            return " ".join(content.split())[:_MAX_DESCRIPTION]
    return None


def _usable_url(url: object) -> str | None:
    if not isinstance(url, str) or not url.strip() or len(url) > _MAX_URL:
        return None
    if _SURROGATES.search(url):
        return None
    return url.strip()


def _metadata(tree: Any, url: str | None) -> Any:
    try:
        from reader.extract.metadata import read_metadata

        return read_metadata(tree, url)
    except Exception:  # metadata is a best effort; the body stands without it
        return None


def _prefer_json_ld(json_ld: str, body: Body) -> bool:
    """JSON-LD wins when the page shows clearly less of the story than it carries."""
    shown = len(body.text)
    carried = len(json_ld)
    return carried > 200 and shown < 0.6 * carried


def _field(meta: Any, name: str) -> Any:
    return getattr(meta, name, None) if meta is not None else None


def _article(meta: Any, body: Body) -> Article:
    published = _field(meta, "published")
    teasers = tuple(
        Teaser(
            url=t.url,
            title=clean_text(t.title),
            summary=clean_text(t.summary),
            kind=t.kind,
            image=clean_optional(t.image),
        )
        for t in body.teasers
    )
    return Article(
        title=clean_optional(_field(meta, "title")),
        byline=clean_optional(_field(meta, "byline")),
        published=published,
        site_name=clean_optional(_field(meta, "site_name")),
        canonical_url=clean_optional(_field(meta, "canonical_url")),
        lead_image=clean_optional(_field(meta, "lead_image")),
        language=clean_optional(_field(meta, "language")),
        markdown=clean_text(body.markdown),
        text=clean_text(body.text),
        body_source=body.source,
        teasers=teasers,
    )

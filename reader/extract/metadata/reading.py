"""Page metadata: title, byline, date, site, canonical URL, lead image, language.

``read_metadata(tree, url)`` is pure and total: it reads the parsed page (never changes
it) and returns a ``Metadata`` whatever the page holds. A few cheap tag queries collect
the meta tags, JSON-LD and headings (``metapage``); costlier nodes are read only when
the cheap sources said nothing.

Sources, best first, per field:
- title (``metatitle``): an ``<h1>`` the page's own titles confirm (or its only ``<h1>``
  on the same subject), ``og:title``, JSON-LD ``headline``, ``<title>``; the site's name
  is cut from either end.
- byline (``metabyline``): JSON-LD persons unless the "By …" line under the headline
  names someone else, author meta tags, "By …" lines, ``itemprop``/``rel``/class
  bylines, JSON-LD organisations; a house byline (the site's own name) gives None.
- published: JSON-LD ``datePublished``, publication meta tags, ``<time>`` marked as the
  publication time (or the first one after the headline), dates beside the headline,
  the URL's ``/YYYY/MM/DD/``, dated elements, modified-time tags, an upload folder in
  the lead image's URL.
- site name: ``og:site_name`` (unless it looks nothing like the host and the title's
  suffix does), JSON-LD publisher / WebSite, ``application-name``, the title's suffix,
  a masthead ``<h1>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from reader.extract.metadata.byline import byline
from reader.extract.metadata.dates import date_from_url, parse_date, parse_textual_date
from reader.extract.metadata.jsonld import LinkedData, read_linked_data
from reader.extract.metadata.page import PageNodes
from reader.extract.metadata.text import (
    absolute_http_url,
    clean_block,
    matches_host,
    names_site,
    normalise_language,
)
from reader.extract.metadata.title import masthead as find_masthead
from reader.extract.metadata.title import site_from_title, site_name, title

_DATE_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "article.published",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "date",
    "article:published",
    "og:published_time",
    "published_time",
    "published-date",
    "release_date",
    "cxenseparse:recs:publishtime",
    "article_date_original",
    "originalpublicationdate",
    "displaydate",
    "dateline",
)
_MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "last-modified")
_IMAGE_KEYS = (
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "twitter:image",
    "twitter:image:src",
    "image",
    "thumbnailurl",
)
_LANG_KEYS = ("og:locale", "content-language", "language", "dc.language", "inlanguage")
_NOT_ALNUM = re.compile(r"[\W_]+")
_MARKUP = re.compile(r"<(?:p|br|div|a|strong|em|b|i|span|body|h[1-6]|ul|ol|li|blockquote)\b", re.I)
_BLOCK_END = re.compile(r"</(?:p|div|h[1-6]|li|blockquote|ul|ol)\s*>|<br\s*/?>", re.I)
_BLANK_LINES = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a page says about itself. Every string is terminal-safe and on one line,
    except ``json_ld_body`` which keeps its line breaks."""

    title: str | None = None
    byline: str | None = None
    published: datetime | date | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    lead_image: str | None = None
    language: str | None = None
    json_ld_body: str | None = None


def read_metadata(tree: Any, url: str | None) -> Metadata:
    """What ``tree`` (a ``LexborHTMLParser``) says about its page. Never raises."""
    try:
        page = PageNodes(tree)
    except Exception:
        return Metadata()
    try:
        linked = read_linked_data(page.scripts)
    except Exception:
        linked = LinkedData()
    site = _guarded(site_name, page, linked, url)
    masthead = _guarded(find_masthead, page)
    from_title = None if masthead else _guarded(site_from_title, page, linked, url)
    if site and from_title:
        # A declared name that looks nothing like the site ("U.S." on reuters.com) yields
        # to a title suffix that does ("… - Reuters").
        if url and not names_site(site, None, url) and matches_host(from_title, url):
            site = from_title
        from_title = None
    return Metadata(
        title=_guarded(title, page, linked, site or from_title or masthead, url, masthead),
        byline=_guarded(byline, page, linked, [site, from_title, masthead]),
        published=_guarded(_published, page, linked, url),
        site_name=site or from_title or masthead,
        canonical_url=_guarded(_canonical, page, linked, url),
        lead_image=_guarded(_image, page, linked, url),
        language=_guarded(_language, page, linked, url),
        json_ld_body=_guarded(_body, page, linked, url),
    )


def _guarded(func: Any, *args: Any) -> Any:
    try:
        return func(*args)
    except Exception:
        return None


def _published(page: PageNodes, linked: LinkedData, url: str | None) -> datetime | date | None:
    candidates: list[str | None] = [linked.published]
    for key in _DATE_KEYS:
        candidates.extend(page.meta.get(key, ()))
    for value in candidates:
        found = parse_date(value)
        if found:
            return found
    for stamp in page.time_stamps():
        found = parse_date(stamp)
        if found:
            return found
    for text in page.header_texts():
        found = parse_date(text)
        if found:
            return found
    from_url = date_from_url(url)
    if from_url:
        return from_url
    for text in page.dated_texts():
        found = parse_textual_date(text)
        if found:
            return found
    for value in (v for key in _MODIFIED_KEYS for v in page.meta.get(key, ())):
        found = parse_date(value)
        if found:
            return found
    # Last resort: an upload folder in the lead image's URL (".../uploads/2018/08/25/x.jpg").
    for value in (v for k, vs in page.meta.items() if "image" in k for v in vs):
        found = date_from_url(value)
        if found:
            return found
    return None


def _canonical(page: PageNodes, linked: LinkedData, url: str | None) -> str | None:
    for rel, href in page.links:
        if "canonical" in rel.split():
            found = absolute_http_url(href, url)
            if found:
                return found
    return absolute_http_url(page.first(("og:url",)), url)


def _image(page: PageNodes, linked: LinkedData, url: str | None) -> str | None:
    for value in [*(v for k in _IMAGE_KEYS for v in page.meta.get(k, ())), linked.image]:
        found = absolute_http_url(value, url)
        if found:
            return found
    for rel, href in page.links:
        if rel == "image_src":
            return absolute_http_url(href, url)
    return None


def _language(page: PageNodes, linked: LinkedData, url: str | None) -> str | None:
    for value in (page.lang, *(page.first((k,)) for k in _LANG_KEYS)):
        found = normalise_language(value)
        if found:
            return found
    return None


def _body(page: PageNodes, linked: LinkedData, url: str | None) -> str | None:
    body = linked.body
    if body and _MARKUP.search(body):
        body = _markup_to_text(body)
    return clean_block(body)


def _markup_to_text(markup: str) -> str:
    """Plain text of an ``articleBody`` that holds HTML (some CMSs put their markup there):
    a paragraph per block, tags gone. Parsed as its own small document."""
    from selectolax.lexbor import LexborHTMLParser

    from reader.extract.prescan import bound_html

    spaced = _BLOCK_END.sub("\n\n", markup)
    text = LexborHTMLParser(bound_html(spaced)).text(deep=True) or ""
    paragraphs = (" ".join(chunk.split()) for chunk in _BLANK_LINES.split(text))
    return "\n\n".join(p for p in paragraphs if p)

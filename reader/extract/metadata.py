"""Page metadata: title, byline, date, site, canonical URL, lead image, language.

``read_metadata(tree, url)`` is pure and total: it reads the parsed page (never changes
it) and returns a ``Metadata`` whatever the page holds. One CSS query collects every
node it looks at, in document order; the rest is plain Python over that short list.

Sources, best first, per field:
- title: an ``<h1>`` that the page's own titles confirm, ``og:title``, JSON-LD
  ``headline``, ``<title>``; the site's name is cut from either end.
- byline: JSON-LD persons, author meta tags, ``itemprop=author``, ``rel=author``,
  byline classes, a "By …" line under the headline.
- published: JSON-LD ``datePublished``, publication meta tags, ``<time>`` marked as the
  publication time (or the first one after the headline), dated elements near the
  headline, the URL's ``/YYYY/MM/DD/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from reader.extract.byline import byline_from_text, clean_byline, join_names
from reader.extract.dates import date_from_url, parse_date, parse_textual_date
from reader.extract.jsonld import LinkedData, read_linked_data
from reader.extract.metapage import PageNodes
from reader.extract.metatext import (
    absolute_http_url,
    clean_block,
    clean_line,
    matches_host,
    normalise_language,
    same_site,
    split_title,
    strip_site,
    title_segments,
)

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
_AUTHOR_KEYS = (
    "author",
    "article:author",
    "og:article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "citation_author",
    "article.author",
)
_TITLE_KEYS = ("og:title", "twitter:title", "headline", "dc.title", "parsely-title")
_SITE_KEYS = (
    "og:site_name",
    "application-name",
    "apple-mobile-web-app-title",
    "twitter:app:name:iphone",
    "publisher",
    "copyright",
)
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
_URLISH = re.compile(r"^https?:|^www\.|://")


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
    site = _guarded(_site_name, page, linked, url)
    masthead = _guarded(_masthead, page)
    return Metadata(
        title=_guarded(_title, page, linked, site or masthead, url, masthead),
        byline=_guarded(_byline, page, linked, site),
        published=_guarded(_published, page, linked, url),
        site_name=site or _guarded(_site_from_title, page, linked, url) or masthead,
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


def _site_name(page: PageNodes, linked: LinkedData, url: str | None) -> str | None:
    for candidate in (
        page.first(_SITE_KEYS[:1]),
        linked.publisher,
        linked.website_name,
        page.first(_SITE_KEYS[1:4]),
    ):
        cleaned = clean_line(candidate)
        if cleaned and len(cleaned) <= 80 and not _URLISH.search(cleaned):
            return cleaned
    return None


def _site_from_title(page: PageNodes, linked: LinkedData, url: str | None) -> str | None:
    raw = clean_line(page.title)
    if not raw:
        return None
    headline = clean_line(page.first(_TITLE_KEYS) or linked.headline)
    parts = split_title(raw)
    if parts is None:
        return None
    head, tail, _ = parts
    if headline and clean_line(headline) == head:
        return tail
    return tail if matches_host(tail, url) else None


def _masthead(page: PageNodes) -> str | None:
    """An ``<h1>`` that is the site's name: one of the shorter parts of a "Site - Story"
    title (blogs often set their name in the only ``<h1>``)."""
    raw_title = clean_line(page.title)
    if not raw_title or not page.h1:
        return None
    segments = title_segments(raw_title)
    if len(segments) < 2:
        return None
    longest = max(len(segment) for segment in segments)
    for h1 in page.h1:
        text = clean_line(h1)
        if text and any(text.casefold() == s.casefold() and len(s) < longest for s in segments):
            return text
    return None


def _title(
    page: PageNodes,
    linked: LinkedData,
    site: str | None,
    url: str | None,
    masthead: str | None = None,
) -> str | None:
    raw_title = clean_line(page.title)
    og = clean_line(page.first(_TITLE_KEYS))
    headline = clean_line(linked.headline)
    references = [strip_site(t, site, url) for t in (og, headline, raw_title) if t]
    refs_folded = [r.casefold() for r in references if r]
    for h1 in page.h1:
        text = clean_line(h1)
        if text and text != masthead and any(_similar(text.casefold(), r) for r in refs_folded):
            return text
    if page.h1_count == 1 and masthead is None:
        # A page's only <h1>, sentence-long and not the site's name, is its headline even
        # when the title tags were written for search engines.
        text = clean_line(page.h1[0])
        if text and len(text.split()) >= 4 and not same_site(text, site, url):
            return text
    for candidate in (og, headline, raw_title):
        stripped = strip_site(candidate, site, url) if candidate else None
        if stripped:
            return stripped
    return clean_line(page.h1[0]) if page.h1 else None


def _similar(h1: str, reference: str) -> bool:
    if len(h1) < 4:
        return False
    return (
        h1 == reference
        or (len(h1) >= 0.6 * len(reference) and h1 in reference)
        or (len(reference) >= 0.6 * len(h1) and reference in h1)
    )


def _byline(page: PageNodes, linked: LinkedData, site: str | None) -> str | None:
    not_site = [_fold(s) for s in (site, linked.publisher, linked.website_name) if s]

    def person(value: str | None) -> str | None:
        cleaned = clean_byline(clean_line(value))
        if cleaned and not _names_site(_fold(cleaned), not_site):
            return cleaned
        return None

    if linked.authors:
        joined = join_names([clean_line(name) or "" for name in linked.authors])
        if joined and not _names_site(_fold(joined), not_site):
            return joined
    for key in _AUTHOR_KEYS:
        for value in page.meta.get(key, ()):
            found = person(value)
            if found:
                return found
    for text in page.header_texts():
        found = person(byline_from_text(text))
        if found:
            return found
    for text in page.author_texts():
        found = person(text)
        if found:
            return found
    for value in linked.organisation_authors:
        found = person(value)
        if found:
            return found
    return None


def _fold(text: str) -> str:
    return _NOT_ALNUM.sub("", text.casefold())


def _names_site(byline: str, sites: list[str]) -> bool:
    """Whether a (folded) byline is really the site's own name ("LinkNaija", "Beachbody")."""
    return any(site and (byline in site or site in byline) for site in sites)


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
    return clean_block(linked.body)

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
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain
from typing import Any

from reader.extract.byline import byline_from_text, join_names, read_byline
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
_MARKUP = re.compile(r"<(?:p|br|div|a|strong|em|b|i|span|body|h[1-6]|ul|ol|li|blockquote)\b", re.I)
_BLOCK_END = re.compile(r"</(?:p|div|h[1-6]|li|blockquote|ul|ol)\s*>|<br\s*/?>", re.I)
_BLANK_LINES = re.compile(r"\n\s*\n")
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
    from_title = None if masthead else _guarded(_site_from_title, page, linked, url)
    if site and from_title:
        # A declared name that looks nothing like the site ("U.S." on reuters.com) yields
        # to a title suffix that does ("… - Reuters").
        if url and not same_site(site, None, url) and matches_host(from_title, url):
            site = from_title
        from_title = None
    return Metadata(
        title=_guarded(_title, page, linked, site or from_title or masthead, url, masthead),
        byline=_guarded(_byline, page, linked, [site, from_title, masthead]),
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


def _site_name(page: PageNodes, linked: LinkedData, url: str | None) -> str | None:
    for candidate in (
        page.first(_SITE_KEYS[:1]),
        linked.publisher,
        linked.website_name,
        page.first(_SITE_KEYS[1:4]),
    ):
        cleaned = clean_line(candidate.lstrip("@") if candidate else None)
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
    confirmed = {clean_line(h) for h in (headline, *page.h1) if h}
    if head in confirmed:
        return tail
    return tail if matches_host(tail, url) else None


def _masthead(page: PageNodes) -> str | None:
    """An ``<h1>`` that is the site's name: one of the shorter parts of a "Site - Story"
    title (blogs often set their name in the only ``<h1>``)."""
    raw_title = clean_line(page.title)
    if not raw_title or not page.h1:
        return None
    folded_title = raw_title.casefold()
    if not any((clean_line(h1) or "\0").casefold() in folded_title for h1 in page.h1):
        return None
    segments = title_segments(raw_title)
    if len(segments) < 2:
        return None
    folded = [segment.casefold() for segment in segments]
    for h1 in page.h1:
        text = clean_line(h1)
        if not text or text.casefold() not in folded:
            continue
        others = {f for f in folded if f != text.casefold() and len(f) > len(text)}
        # Confirmed when the story's own heading (an <h2>), longer than the site's name,
        # is another part of the title.
        if others and any((clean_line(h2) or "").casefold() in others for h2 in page.h2_texts()):
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
        # A page's only <h1>, sentence-long, not the site's name and on the same subject
        # as the title tags, is its headline even when those were written for search.
        text = clean_line(page.h1[0])
        if (
            text
            and len(text.split()) >= 4
            and not same_site(text, site, url)
            and _words(text) & set().union(*(_words(r) for r in references if r))
        ):
            return text
    for candidate in (og, headline, raw_title):
        stripped = strip_site(candidate, site, url) if candidate else None
        if stripped:
            return stripped
    return clean_line(page.h1[0]) if page.h1 else None


def _words(text: str) -> set[str]:
    """The longer words of ``text``, folded: enough to tell whether two titles share a
    subject."""
    return {w for w in _NOT_ALNUM.split(text.casefold()) if len(w) >= 4}


def _similar(h1: str, reference: str) -> bool:
    if len(h1) < 4:
        return False
    return (
        h1 == reference
        or (len(h1) >= 0.6 * len(reference) and h1 in reference)
        or (len(reference) >= 0.6 * len(h1) and reference in h1)
    )


def _byline(page: PageNodes, linked: LinkedData, sites: list[str | None]) -> str | None:
    """The first complete byline from the best source; a visible "By …" line under the
    headline wins over JSON-LD when the two name different people."""
    names = tuple(s for s in (*sites, linked.publisher, linked.website_name) if s)
    not_site = [_fold(s) for s in names]
    partial: str | None = None
    visible = _first_byline(
        (byline_from_text(text) for text in page.header_texts()), names, complete_only=True
    )
    if linked.authors:
        joined = join_names([clean_line(name) or "" for name in linked.authors])
        if joined and not _names_site(joined, not_site):
            if visible and not any(_fold(n) in _fold(visible) for n in joined.split(", ")):
                return visible
            return joined
    if visible:
        return visible
    strong = [
        *(value for key in _AUTHOR_KEYS for value in page.meta.get(key, ())),
        *(byline_from_text(text) for text in page.header_texts()),
    ]
    for value in chain(strong, page.author_texts(), linked.organisation_authors):
        cleaned, complete = read_byline(clean_line(value), names)
        if not cleaned:
            continue
        if _names_site(cleaned, not_site):
            return partial  # the page's own byline is the site's name: a house byline
        if complete and (partial is None or set(partial.split(", ")) <= set(cleaned.split(", "))):
            return cleaned
        partial = partial or cleaned
    return partial


def _first_byline(
    values: Iterable[str | None], sites: tuple[str, ...], *, complete_only: bool
) -> str | None:
    not_site = [_fold(s) for s in sites]
    for value in values:
        cleaned, complete = read_byline(clean_line(value), sites)
        if cleaned and (complete or not complete_only) and not _names_site(cleaned, not_site):
            return cleaned
    return None


def _fold(text: str) -> str:
    folded = _NOT_ALNUM.sub("", text.casefold())
    return folded[3:] if folded.startswith("the") and len(folded) > 6 else folded


def _names_site(byline: str, sites: list[str]) -> bool:
    """Whether every name of a byline is really the site's own ("LinkNaija", "Telegraph
    Sport" on The Telegraph): a house byline."""
    names = [_fold(name) for name in byline.split(", ")]
    return all(
        any(site and name and (name in site or site in name) for site in sites) for name in names
    )


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

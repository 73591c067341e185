"""Titles and site names: the headline as a reader sees it, and who publishes it.

Part of ``reader.extract.metadata.reading`` (see there for the order of sources). Pure and total
in the sense that callers guard every call; nothing here changes the page.
"""

from __future__ import annotations

import re

from reader.extract.metadata.jsonld import LinkedData
from reader.extract.metadata.page import PageNodes
from reader.extract.metadata.text import (
    clean_line,
    matches_host,
    names_site,
    split_title,
    strip_site,
    title_segments,
)

_NOT_ALNUM = re.compile(r"[\W_]+")
TITLE_KEYS = ("og:title", "twitter:title", "headline", "dc.title", "parsely-title")
SITE_KEYS = (
    "og:site_name",
    "application-name",
    "apple-mobile-web-app-title",
    "twitter:app:name:iphone",
    "publisher",
    "copyright",
)

_URLISH = re.compile(r"^https?:|^www\.|://")


def site_name(page: PageNodes, linked: LinkedData, url: str | None) -> str | None:
    for candidate in (
        page.first(SITE_KEYS[:1]),
        linked.publisher,
        linked.website_name,
        page.first(SITE_KEYS[1:4]),
    ):
        cleaned = clean_line(candidate.lstrip("@") if candidate else None)
        if cleaned and len(cleaned) <= 80 and not _URLISH.search(cleaned):
            return cleaned
    return None


def site_from_title(page: PageNodes, linked: LinkedData, url: str | None) -> str | None:
    raw = clean_line(page.title)
    if not raw:
        return None
    headline = clean_line(page.first(TITLE_KEYS) or linked.headline)
    parts = split_title(raw)
    if parts is None:
        return None
    head, tail, _ = parts
    confirmed = {clean_line(h) for h in (headline, *page.h1) if h}
    if head in confirmed:
        return tail
    return tail if matches_host(tail, url) else None


def masthead(page: PageNodes) -> str | None:
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


def title(
    page: PageNodes,
    linked: LinkedData,
    site: str | None,
    url: str | None,
    masthead: str | None = None,
) -> str | None:
    raw_title = clean_line(page.title)
    og = clean_line(page.first(TITLE_KEYS))
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
            and not names_site(text, site, url)
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


_NAME_ENDS = (":", " - ", " \u2013 ", " \u2014 ", ", ", " (", " | ")


def _similar(h1: str, reference: str) -> bool:
    if len(h1) < 4:
        return False
    return (
        h1 == reference
        # "Name: a line that describes it" (encyclopaedias, glossaries): the name; not
        # a one-word kicker ("Opinion: ...").
        or (" " in h1 and reference.startswith(h1) and reference[len(h1) :].startswith(_NAME_ENDS))
        or (len(h1) >= 0.6 * len(reference) and h1 in reference)
        or (len(reference) >= 0.6 * len(h1) and reference in h1)
    )

"""The byline of a page: which of its candidate author strings names the people.

Part of ``reader.extract.metadata.reading``. Sources, best first: JSON-LD persons (unless the
visible "By …" line under the headline names someone else), author meta tags, "By …"
lines beside the headline, ``itemprop=author`` / ``rel=author`` / byline and author
classes, JSON-LD organisations. A byline that is the site's own name (a house byline)
ends the search with None.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import chain

from reader.extract.metadata.jsonld import LinkedData
from reader.extract.metadata.names import byline_from_text, join_names, read_byline
from reader.extract.metadata.page import PageNodes
from reader.extract.metadata.text import clean_line

_NOT_ALNUM = re.compile(r"[\W_]+")

AUTHOR_KEYS = (
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


def byline(page: PageNodes, linked: LinkedData, sites: list[str | None]) -> str | None:
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
        *(value for key in AUTHOR_KEYS for value in page.meta.get(key, ())),
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

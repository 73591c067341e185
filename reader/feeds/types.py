"""The values ``reader.feeds`` hands out. Frozen: they cross layers as they are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

FeedFormat = Literal["rss", "atom", "json"]
"""RSS 0.9x/1.0/2.0 (``rss``), Atom 1.0 or 0.3 (``atom``), JSON Feed 1.x (``json``)."""

MAX_ITEMS = 10_000
"""A feed keeps at most this many items (the first ones, in the feed's order)."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed. Every text field is terminal-safe (no controls, escape
    sequences or bidi overrides); markup-like text such as ``[bold]`` stays literal.

    ``id`` is never empty: the entry's id/guid, else its link, else ``hash:`` and a
    stable hash of title and date. ``link`` is an absolute, normalised http(s) URL (our
    URL normalisation: tracking parameters removed) or None. ``published`` is an aware
    datetime, a date when the feed gives only the day, or None when unknown, unparseable
    or (with ``now``) in the future. ``summary`` is plain text; ``content`` is the HTML
    the feed itself carries for the story, if any.
    """

    id: str
    title: str | None = None
    link: str | None = None
    published: datetime | date | None = None
    summary: str | None = None
    content: str | None = None
    author: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """What ``parse_feed`` read. ``format`` is None when the input is no feed at all
    (an HTML page, another XML document, nothing readable); ``warnings`` then say why.
    ``link`` is the site's own page (normalised http(s)), not the feed's address."""

    format: FeedFormat | None = None
    title: str | None = None
    link: str | None = None
    items: tuple[FeedItem, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def is_feed(self) -> bool:
        return self.format is not None


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One subscription of an OPML file: the feed's address (``xmlUrl``, an absolute
    http(s) URL as written), its title, the site (``htmlUrl``) and its tags (the folders
    it sits in, outermost first, then its ``category`` names; no repeats)."""

    url: str
    title: str | None = None
    html_url: str | None = None
    tags: tuple[str, ...] = ()
    page: bool = False
    """A site with no feed, followed through this page (``reader:kind="page"``, our own
    attribute; other readers see a page address and can look for its feed)."""


@dataclass(frozen=True, slots=True)
class OpmlDocument:
    """A parsed OPML file: its head title and its subscriptions in file order (each
    address once), with warnings for outlines left out."""

    title: str | None = None
    feeds: tuple[OpmlFeed, ...] = ()
    warnings: tuple[str, ...] = ()


class OpmlError(ValueError):
    """The input is not an OPML document (not XML, or its root is not ``<opml>``)."""

"""The values the cache hands out (re-exported by ``reader.cache``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from reader.model import Article, StoryRow, Teaser

__all__ = [
    "FeedKind",
    "FeedRecord",
    "FullText",
    "ItemRecord",
    "NewItem",
    "StoredStory",
    "StoryRow",
    "TeaserRecord",
    "TeaserStatus",
]

TeaserStatus = Literal["pending", "offline", "failed"]
FeedKind = Literal["feed", "page"]
"""A feed proper, or a site's front page followed through its teasers."""
FullText = Literal["pending", "stored", "failed", "feed-only"]
"""An item's full story: not fetched yet, stored in the story cache, could not be had
(the feed's own content is kept; ``fulltext_error`` says why), or not asked for."""


@dataclass(frozen=True)
class StoredStory:
    url: str
    """The story's key: the final URL of the response that was stored."""
    article: Article
    fetched_at: datetime
    last_read: datetime | None
    position: float
    """Remembered scroll offset."""
    truncated: bool
    etag: str | None
    last_modified: str | None
    extractor_version: str


@dataclass(frozen=True)
class TeaserRecord:
    """What the library knows of one teaser of one story."""

    teaser: Teaser
    rank: int
    status: TeaserStatus
    final_url: str | None = None
    title: str | None = None
    """The linked story's real title, once fetched."""
    site: str | None = None
    published: str | None = None
    error: str | None = None
    """Why fetching it failed (a sentence), when status is "failed"."""


@dataclass(frozen=True)
class FeedRecord:
    """One subscription, with counts of its items."""

    url: str
    """The feed's own address (after discovery and permanent redirects)."""
    title: str | None
    site_url: str | None
    kind: FeedKind
    tags: tuple[str, ...]
    etag: str | None
    last_modified: str | None
    added: datetime
    last_success: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    not_before: datetime | None
    """Refreshing waits until then (the server asked us to back off)."""
    dead: bool
    """The server said 410 Gone: refreshing skips it."""
    items: int = 0
    unread: int = 0


@dataclass(frozen=True)
class NewItem:
    """An item as a refresh hands it to the cache (``url``: the story's normalised URL)."""

    guid: str
    url: str | None
    title: str | None
    published: datetime | date | None
    summary: str | None
    content: str | None
    author: str | None = None


@dataclass(frozen=True)
class ItemRecord:
    """One story of the subscriptions (a story in two feeds is one record)."""

    id: int
    url: str | None
    title: str | None
    published: datetime | date | None
    summary: str | None
    content: str | None
    author: str | None
    first_seen: datetime
    read: bool
    fulltext: FullText
    fulltext_error: str | None
    feeds: tuple[str, ...]
    """The URLs of the subscriptions that brought it, the first one first."""
    offline: bool
    """The full story is in the story cache (it opens offline)."""

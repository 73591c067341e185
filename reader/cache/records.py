"""The values the cache hands out (re-exported by ``reader.cache``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from reader.model import Article, StoryRow, Teaser

__all__ = ["StoredStory", "StoryRow", "TeaserRecord", "TeaserStatus"]

TeaserStatus = Literal["pending", "offline", "failed"]


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

"""The local store: one SQLite file. STUB: the cache helper owns this module.

Contract the library relies on (keep these names and meanings):
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from reader.model import Article, Page, Teaser

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
class StoryRow:
    """One line of ``cache list`` / ``cache search`` and of the app's library."""

    url: str
    title: str
    site: str
    last_read: datetime | None
    """Local time of the last reading (None for stories only prefetched)."""
    snippet: str = ""
    """For search results: the matching text, terms marked with « » (plain text)."""


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


class Cache:
    """Open with ``Cache.open(directory)``; never raises for a broken file (see warnings)."""

    path: Path | None
    warnings: list[str]

    @classmethod
    def open(cls, directory: Path) -> Cache:
        raise NotImplementedError

    def get(self, url: str) -> StoredStory | None:
        """The story stored under ``url`` or any alias of it (requested, final, canonical)."""
        raise NotImplementedError

    def put(
        self, page: Page, article: Article, *, extractor_version: str, aliases: Iterable[str] = ()
    ) -> StoredStory:
        """Store page and article (one transaction); ``page.url``, ``page.final_url``,
        ``article.canonical_url`` and ``aliases`` all lead to it afterwards."""
        raise NotImplementedError

    def raw_page(self, url: str) -> Page | None:
        raise NotImplementedError

    def touch(self, url: str) -> None:
        """Record that the story was read now (moves it to the top of ``recent``)."""
        raise NotImplementedError

    def set_position(self, url: str, position: float) -> None:
        raise NotImplementedError

    def recent(self, limit: int = 200, offset: int = 0) -> list[StoryRow]:
        """Stories read, most recently read first."""
        raise NotImplementedError

    def search(self, query: str, limit: int = 50) -> list[StoryRow]:
        """Full-text search over titles and bodies, best match first, with snippets."""
        raise NotImplementedError

    def put_teasers(self, story_url: str, teasers: Sequence[Teaser]) -> None:
        raise NotImplementedError

    def teasers(self, story_url: str) -> list[TeaserRecord]:
        raise NotImplementedError

    def update_teaser(
        self,
        teaser_url: str,
        *,
        status: TeaserStatus,
        final_url: str | None = None,
        title: str | None = None,
        site: str | None = None,
        published: str | None = None,
        error: str | None = None,
    ) -> None:
        """Record what fetching a teaser's URL found (shared by every story linking it)."""
        raise NotImplementedError

    def prune(self, *, older_than_days: float | None = None, max_bytes: int | None = None) -> int:
        """Delete the least recently used stories; returns how many went."""
        raise NotImplementedError

    def reextract(self, extract: Callable[[Page], Article], version: str) -> int:
        """Re-extract stored pages whose extractor version differs; returns the count."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

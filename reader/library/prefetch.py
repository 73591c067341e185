"""Prefetching a story's teasers: fetched in parallel (the fetcher bounds each host and
backs off on 429/503), each story extracted and stored so that it opens offline later,
and the cache's record of every teaser kept up to date (real title, site, date; offline,
or failed and why). Once a teaser's story is stored (and shown as offline), its pictures
are stored with it within the per-story budget (``pictures``)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.library.pages import extract_page, extractor_version, record_offline
from reader.library.target import is_web_url
from reader.library.views import TeaserState, TeaserStatusView, teaser_state

if TYPE_CHECKING:
    from reader.cache import Cache, TeaserRecord
    from reader.fetch import Fetcher
    from reader.model import Article

KeepPictures = Callable[["Cache", str, "Article"], Awaitable[int]]
"""Stores a stored story's pictures within the budget (``Pictures.keep``)."""

RETRIES = 2
"""Extra attempts after a 429 or 503 answer."""


class Prefetcher:
    """Resolves the top ``limit`` web teasers of a story into stored stories."""

    def __init__(
        self, cache: Cache, fetcher: Fetcher, limit: int, *, pictures: KeepPictures | None = None
    ) -> None:
        self.cache = cache
        self.fetcher = fetcher
        self.limit = limit
        self.pictures = pictures

    async def run(
        self, story_url: str, on_update: Callable[[TeaserState], None] | None = None
    ) -> None:
        """Fetch, extract and store the teasers of the story stored as ``story_url``,
        calling ``on_update`` each time one of them changes."""
        records = [r for r in self.cache.teasers(story_url) if is_web_url(r.teaser.url)]

        def emit(record: TeaserRecord, status: TeaserStatusView | None = None) -> None:
            if on_update is not None:
                on_update(teaser_state(self.cache, record, status))

        async def one(record: TeaserRecord) -> None:
            url = record.teaser.url
            known = self.cache.get(url)
            stored: tuple[str, Article] | None = None
            if known is not None:
                record_offline(self.cache, url, known.url, known.article)
            else:
                emit(record, "loading")
                stored = await self._resolve(url)
            for fresh in self.cache.teasers(story_url):
                if fresh.teaser.url == url:
                    emit(fresh)
                    break
            if stored is not None and self.pictures is not None:
                await self.pictures(self.cache, *stored)

        results = await asyncio.gather(
            *(one(r) for r in records[: self.limit]), return_exceptions=True
        )
        for result in results:
            if isinstance(result, BaseException) and not isinstance(result, Exception):
                raise result

    async def _resolve(self, url: str) -> tuple[str, Article] | None:
        """Fetch, extract and store one teaser's story; a failure is recorded, not raised.
        Returns the stored story's URL and article."""
        try:
            page = await self.fetcher.fetch(url, retries=RETRIES)
            article = await asyncio.to_thread(extract_page, page)
            if article.is_empty:
                raise ReaderError("no story on that page")
            stored = self.cache.put(
                page, article, extractor_version=extractor_version(), aliases=(url,)
            )
            self.cache.put_teasers(stored.url, article.teasers)
            record_offline(self.cache, url, stored.url, article)
        except ReaderError as exc:
            self.cache.update_teaser(url, status="failed", error=str(exc))
            return None
        return stored.url, article

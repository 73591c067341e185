"""Prefetching a story's teasers: fetched in parallel (bounded per host), backing off on
429/503, each story extracted and stored so that it opens offline later, and the cache's
record of every teaser kept up to date (real title, site, date; offline, or failed and
why)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from reader.errors import FetchError, ReaderError
from reader.library_extract import extract_page, extractor_version, record_offline
from reader.library_target import is_web_url
from reader.model import Page

if TYPE_CHECKING:
    from reader.cache import TeaserRecord
    from reader.fetch import Fetcher
    from reader.library import Library, Story, TeaserState

RETRIES = 2
"""Extra attempts after a 429 or 503 answer."""
FIRST_WAIT = 0.5
"""Seconds before the first retry when the server gives no Retry-After."""
MAX_WAIT = 8.0
"""The longest we wait before a retry, whatever Retry-After asks."""


def _retry_after(exc: Exception) -> float | None:
    value = getattr(exc, "retry_after", None)
    if value is None:
        return None
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return None
    return seconds if seconds >= 0 else None


class HostGate:
    """Per host: at most ``per_host`` requests at once (the fetcher bounds that too; this
    keeps the bound across retries), and a time before which nothing more is sent there
    once the host has said 429 or 503."""

    def __init__(self, per_host: int) -> None:
        self.per_host = max(1, per_host)
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._not_before: dict[str, float] = {}

    @staticmethod
    def _host(url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}".lower()

    def slot(self, url: str) -> asyncio.Semaphore:
        host = self._host(url)
        sem = self._slots.get(host)
        if sem is None:
            sem = self._slots[host] = asyncio.Semaphore(self.per_host)
        return sem

    async def wait_turn(self, url: str) -> None:
        loop = asyncio.get_running_loop()
        while (delay := self._not_before.get(self._host(url), 0.0) - loop.time()) > 0:
            await asyncio.sleep(delay)

    def hold_off(self, url: str, seconds: float) -> None:
        host = self._host(url)
        until = asyncio.get_running_loop().time() + seconds
        self._not_before[host] = max(self._not_before.get(host, 0.0), until)


async def fetch_with_backoff(fetcher: Fetcher, url: str, gate: HostGate | None = None) -> Page:
    """``fetcher.fetch(url)``, retried up to ``RETRIES`` times on 429 and 503 after the
    server's Retry-After (bounded by ``MAX_WAIT``) or a doubling wait; with a ``gate``,
    the whole host waits, not just this request."""
    gate = gate or HostGate(fetcher.settings.per_host)
    for attempt in range(RETRIES + 1):
        try:
            async with gate.slot(url):
                await gate.wait_turn(url)  # in the slot: a hold-off set meanwhile counts
                return await fetcher.fetch(url)
        except FetchError as exc:
            if getattr(exc, "status", None) not in (429, 503) or attempt == RETRIES:
                raise
            wait = _retry_after(exc)
            if wait is None:
                wait = FIRST_WAIT * 2**attempt
            gate.hold_off(url, min(wait, MAX_WAIT))
    raise AssertionError("unreachable")  # pragma: no cover


async def prefetch_teasers(
    lib: Library, story: Story, on_update: Callable[[TeaserState], None] | None
) -> None:
    """Resolve the top ``lib.config.prefetch`` web teasers of ``story`` (see module doc)."""
    records = [r for r in lib.cache.teasers(story.url) if is_web_url(r.teaser.url)]
    records = records[: lib.config.prefetch]
    gate = HostGate(lib.config.per_host)

    def emit(record: TeaserRecord, status: str | None = None) -> None:
        if on_update is None:
            return
        state = lib.teaser_state(record, status)  # type: ignore[arg-type]
        on_update(state)

    async def one(record: TeaserRecord) -> None:
        url = record.teaser.url
        known = lib.cache.get(url)
        if known is not None:
            record_offline(lib.cache, url, known.url, known.article)
        else:
            emit(record, "loading")
            try:
                page = await fetch_with_backoff(lib.fetcher, url, gate)
                article = await asyncio.to_thread(extract_page, page)
                if article.is_empty:
                    raise ReaderError("no story on that page")
                stored = lib.cache.put(
                    page, article, extractor_version=extractor_version(), aliases=(url,)
                )
                lib.cache.put_teasers(stored.url, article.teasers)
                record_offline(lib.cache, url, stored.url, article)
            except ReaderError as exc:
                lib.cache.update_teaser(url, status="failed", error=str(exc))
        for fresh in lib.cache.teasers(story.url):
            if fresh.teaser.url == url:
                emit(fresh)
                break

    results = await asyncio.gather(*(one(r) for r in records), return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException) and not isinstance(result, Exception):
            raise result

"""The one façade the app and the command line go through.

Async: the app calls it from Textual *async* workers (the app's own event loop; not
thread workers, whose loops the shared HTTP client does not belong to), the command line
through ``asyncio.run``. Nothing heavy is imported at module level: the cache, the
fetcher (httpx) and the extractor (selectolax) load when first needed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reader.config import Config, size_label
from reader.errors import FetchError, NoArticleError, NotCachedError, ReaderError
from reader.library.pages import extract_page, extractor_version, record_offline
from reader.library.target import file_url_path, parse_target
from reader.library.views import Picture, Story, TeaserState, teaser_state
from reader.model import Article, Page, StoryRow

if TYPE_CHECKING:
    from reader.cache import Cache, StoredStory
    from reader.fetch import Fetcher
    from reader.library.pictures import Pictures
    from reader.library.subscriptions import Feeds


class Library:
    revalidate_wait: float = 5.0
    """Seconds a cached story waits for its revalidation before it is shown as cached."""

    def __init__(
        self, config: Config, *, offline: bool = False, feeds_apart: bool = False
    ) -> None:
        self.config = config
        self.offline = offline
        self.feeds_apart = feeds_apart
        """Subscriptions (and the stories their refreshes store) live in memory, for this
        run only: the demo's feeds, never added to the user's own."""
        self._apart: Cache | None = None
        self.warnings: list[str] = []
        """Warnings not tied to one story (the cache moved aside, a read-only folder)."""
        self._unreported: list[str] = []
        """Of those, the ones no Story has carried yet (the next one opened carries them,
        so the app, which shows a story's warnings, shows these too)."""
        self._cache: Cache | None = None
        self._fetcher: Fetcher | None = None
        self._feeds: Feeds | None = None
        self._pictures: Pictures | None = None

    # -- the lazily opened parts ---------------------------------------------------
    @property
    def cache(self) -> Cache:
        """The cache, opened on first use; its warnings join ``self.warnings``."""
        if self._cache is None:
            from reader.cache import Cache

            self._cache = Cache.open(self.config.cache_dir, max_bytes=self.config.max_cache_bytes)
            self.warnings.extend(self._cache.warnings)
            self._unreported.extend(self._cache.warnings)
        return self._cache

    @property
    def fetcher(self) -> Fetcher:
        """The process's one HTTP client, made on first use (never in offline mode)."""
        if self.offline:
            raise NotCachedError("offline: nothing goes to the network")
        if self._fetcher is None:
            from reader.fetch import Fetcher, FetchSettings

            self._fetcher = Fetcher(
                FetchSettings(
                    connect_timeout=self.config.connect_timeout,
                    deadline=self.config.deadline,
                    max_bytes=self.config.max_bytes,
                    max_picture_bytes=self.config.max_picture_bytes,
                    per_host=max(1, self.config.per_host),
                )
            )
        return self._fetcher

    @property
    def feeds(self) -> Feeds:
        """Subscriptions: add, import, export, remove, list, items, mark read, refresh."""
        if self._feeds is None:
            from reader.library.subscriptions import Feeds

            self._feeds = Feeds(
                self._feeds_cache,
                lambda: self.fetcher,
                concurrency=self.config.feed_concurrency,
                stories=self.config.feed_stories,
                pictures=self.pictures.keep,
            )
        return self._feeds

    @property
    def pictures(self) -> Pictures:
        """Pictures: from the cache, else fetched (``picture``); kept within the budget
        for stories fetched in the background (``keep``)."""
        if self._pictures is None:
            from reader.library.pictures import Pictures

            self._pictures = Pictures(
                cache=lambda: self.cache,
                fetcher=lambda: self.fetcher,
                offline=self.offline,
                max_bytes=self.config.max_picture_bytes,
                budget=self.config.picture_budget,
                other_caches=lambda: [] if self._apart is None else [self._apart],
            )
        return self._pictures

    def _feeds_cache(self) -> Cache:
        if not self.feeds_apart:
            return self.cache
        if self._apart is None:
            from reader.cache import Cache

            self._apart = Cache.in_memory()
        return self._apart

    # -- opening a story -------------------------------------------------------------
    async def open(
        self, target: str, *, reload: bool = False, base_url: str | None = None
    ) -> Story:
        """Cache first (revalidating when online), else the network. Raises ReaderError.

        ``base_url`` is the page URL of a local file (``reader extract FILE --url``).
        The story is recorded as read now.
        """
        url = parse_target(target)
        path = file_url_path(url)
        if path is not None:
            story = await self._open_file(url, path, base_url)
        elif self.offline:
            stored = self.cache.get(url)
            if stored is None:
                raise NotCachedError(f"not in the cache (offline): {url}")
            story = self._story(await self._current(stored), url, from_cache=True)
        else:
            story = await self._open_web(url, reload=reload)
        self.cache.touch(story.url)
        if path is None:
            self._mark_offline(story)
        return story

    def _mark_offline(self, story: Story) -> None:
        """Every teaser record of this story's URLs says: offline (and, once touched, read)."""
        for url in dict.fromkeys((story.requested_url, story.url)):
            record_offline(self.cache, url, story.url, story.article)

    def cached(self, target: str) -> Story | None:
        """The stored story for ``target`` (any alias), without the network and without
        recording a reading; None when it is not in the cache."""
        try:
            url = parse_target(target)
        except ReaderError:
            url = target
        stored = self.cache.get(url)
        if stored is None or stored.extractor_version != extractor_version():
            # A story an older extractor made is re-extracted by ``open``, in a thread.
            return None
        return self._story(stored, url, from_cache=True)

    async def _open_web(self, url: str, *, reload: bool) -> Story:
        stored = self.cache.get(url)
        if stored is None:
            page = await self.fetcher.fetch(url)
            return await self._store(page, url)
        stored = await self._current(stored)
        request = self.fetcher.fetch(
            url,
            etag=None if reload else stored.etag,
            last_modified=None if reload else stored.last_modified,
        )
        try:
            import asyncio

            page = await asyncio.wait_for(request, None if reload else self.revalidate_wait)
        except FetchError as exc:
            note = f"could not refresh the story ({exc}); showing the copy in the cache"
            return self._story(stored, url, from_cache=True, extra=(note,))
        except TimeoutError:
            note = (
                f"could not refresh the story (no answer within {self.revalidate_wait:g} s); "
                "showing the copy in the cache"
            )
            return self._story(stored, url, from_cache=True, extra=(note,))
        if page.status == 304:
            return self._story(stored, url, from_cache=True)
        try:
            return await self._store(page, url)
        except NoArticleError:
            note = "the page no longer holds a story; showing the copy in the cache"
            return self._story(stored, url, from_cache=True, extra=(note,))

    async def _open_file(self, url: str, path: Path, base_url: str | None) -> Story:
        from reader.fetch import read_local

        try:
            import asyncio

            page = await asyncio.to_thread(read_local, path, max_bytes=self.config.max_file_bytes)
        except FetchError:
            stored = self.cache.get(url) if not path.exists() else None
            if stored is None:
                raise
            note = f"{path} is gone; showing the copy in the cache"
            return self._story(await self._current(stored), url, from_cache=True, extra=(note,))
        return await self._store(page, url, base_url=base_url)

    async def _store(self, page: Page, requested: str, *, base_url: str | None = None) -> Story:
        import asyncio

        article = await asyncio.to_thread(extract_page, page, base_url)
        if article.is_empty:
            raise NoArticleError(f"no article found in {requested}")
        aliases = tuple(u for u in (requested, page.url) if u != page.final_url)
        stored = self.cache.put(
            page, article, extractor_version=extractor_version(), aliases=aliases
        )
        self.cache.put_teasers(stored.url, article.teasers)
        return self._story(stored, requested, from_cache=False)

    async def _current(self, stored: StoredStory) -> StoredStory:
        """``stored``, re-extracted from its raw page when an older extractor made it
        (in a thread: the app calls this from its event loop)."""
        import asyncio

        version = extractor_version()
        if stored.extractor_version == version:
            return stored
        raw = self.cache.raw_page(stored.url)
        if raw is None:
            return stored
        article = await asyncio.to_thread(extract_page, raw)
        if article.is_empty:
            return stored
        fresh = self.cache.put(raw, article, extractor_version=version, aliases=(stored.url,))
        self.cache.put_teasers(fresh.url, article.teasers)
        return fresh

    def _story(
        self,
        stored: StoredStory,
        requested: str,
        *,
        from_cache: bool,
        extra: tuple[str, ...] = (),
    ) -> Story:
        warnings = (*self._unreported, *extra)
        self._unreported.clear()
        if stored.truncated:
            local = file_url_path(stored.url) is not None
            cap = self.config.max_file_bytes if local else self.config.max_bytes
            cut = f"page cut at {size_label(cap)} (the size cap); showing the part that arrived"
            warnings = (cut, *warnings)
        return Story(
            url=stored.url,
            requested_url=requested,
            article=stored.article,
            fetched_at=stored.fetched_at,
            from_cache=from_cache,
            truncated=stored.truncated,
            position=stored.position,
            warnings=warnings,
        )

    def extract_bytes(self, data: bytes, *, url: str | None = None, name: str = "stdin") -> Article:
        """Extract a page given as bytes (stdin); not cached. Raises NoArticleError."""
        from reader.extract import extract

        article = extract(data, url)
        if article.is_empty:
            raise NoArticleError(f"no article found in {name}")
        return article

    # -- teasers -------------------------------------------------------------------------
    def teasers(self, story: Story) -> list[TeaserState]:
        """What the cache knows of the story's teasers, best first."""
        return [teaser_state(self.cache, r) for r in self.cache.teasers(story.url)]

    async def prefetch(
        self, story: Story, on_update: Callable[[TeaserState], None] | None = None
    ) -> list[TeaserState]:
        """Fetch, extract and store the story's top ``config.prefetch`` teasers in the
        background, calling ``on_update`` as each one changes. Never in offline mode."""
        if self.offline or self.config.prefetch <= 0:
            return self.teasers(story)
        from reader.library.prefetch import Prefetcher

        await Prefetcher(
            self.cache, self.fetcher, self.config.prefetch, pictures=self.pictures.keep
        ).run(story.url, on_update)
        return self.teasers(story)

    # -- pictures ------------------------------------------------------------------------
    async def picture(self, url: str, *, story_url: str) -> Picture:
        """The picture at ``url`` of the story ``story_url`` (``Story.url``): from the
        cache, else (online) fetched through the fetcher, checked (``reader.pictures.probe``:
        JPEG, PNG, GIF or WebP, under the size and pixel limits) and stored with the
        story, so it shows offline later. Never raises for a bad picture: ``problem``
        says why there is nothing to draw ("not stored (offline)", "not found (404)",
        "timed out", …). Safe to call for many pictures at once (the fetcher's per-host
        limit bounds them; one picture asked twice is fetched once)."""
        return await self.pictures.get(url, story_url)

    def story_pictures(self, story: Story) -> list[str]:
        """The story's picture addresses in order: the lead picture first, then those
        in its text; each once, http(s) only (``reader.pictures.story_pictures``)."""
        from reader.pictures import story_pictures

        return story_pictures(story.article)

    # -- the rest of the cache -------------------------------------------------------
    def recent(self, limit: int = 200) -> list[StoryRow]:
        return self.cache.recent(limit)

    def last_read(self) -> StoryRow | None:
        """The story read last (the library's first row), if any."""
        rows = self.cache.recent(1)
        return rows[0] if rows and rows[0].last_read is not None else None

    def search(self, query: str, limit: int = 50) -> list[StoryRow]:
        return self.cache.search(query, limit)

    def set_position(self, url: str, position: float) -> None:
        self.cache.set_position(url, position)

    def prune(self, *, older_than_days: float | None = None, max_bytes: int | None = None) -> int:
        return self.cache.prune(older_than_days=older_than_days, max_bytes=max_bytes)

    def save_markdown(self, story: Story, folder: Path | None = None) -> Path:
        """Write the story as Markdown with YAML front matter into ``folder`` (default:
        ``config.save_dir``), named after its title, never overwriting a file."""
        from reader.library.formats import front_matter_document, slug

        folder = folder or self.config.save_dir
        text = front_matter_document(story.article, story.url, datetime.now(UTC).astimezone())
        name = slug(story.article.title)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for n in range(1, 10_000):
                path = folder / (f"{name}.md" if n == 1 else f"{name}-{n}.md")
                try:
                    with path.open("x", encoding="utf-8") as fh:
                        fh.write(text)
                except FileExistsError:
                    continue
                return path
        except OSError as exc:
            raise ReaderError(f"could not save to {folder}: {exc.strerror or exc}") from None
        raise ReaderError(f"could not save to {folder}: too many files named {name}-N.md")

    def close(self) -> None:
        """Close the cache, for a library that never went to the network (the HTTP client
        needs ``await aclose()``)."""
        if self._fetcher is not None:
            raise RuntimeError("this library made an HTTP client: use `await aclose()`")
        self._close_caches()

    async def aclose(self) -> None:
        if self._fetcher is not None:
            fetcher, self._fetcher = self._fetcher, None
            await fetcher.aclose()
        self._close_caches()

    def _close_caches(self) -> None:
        for cache in (self._cache, self._apart):
            if cache is not None:
                cache.close()
        self._cache = self._apart = None

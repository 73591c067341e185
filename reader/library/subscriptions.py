"""Subscriptions: adding a feed (discovering it from a page), OPML in and out, and
refreshing every feed at once with the full story of each new item.

A refresh runs all feeds concurrently under one global limit (``feed_concurrency``)
and the fetcher's per-host limit. Each feed is asked conditionally (its ETag and
Last-Modified): an unchanged feed costs one 304 and writes nothing but its success
time. 429/503 back the feed off (Retry-After, else ``BACK_OFF``); 301/308 move its
stored address; 410 marks it dead; any other failure is its ``last_error``, and never
stops the others. New items' stories are fetched, extracted (in a thread) and stored
in the story cache, so they open offline like any story read, with their pictures
within the per-story budget (``pictures``, the library's ``Pictures.keep``).
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from reader.errors import FetchError, ReaderError
from reader.library.pages import extract_page, extractor_version

if TYPE_CHECKING:
    import asyncio

    from reader.cache import Cache, FeedKind, FeedRecord, FullText, ItemRecord, NewItem
    from reader.feeds import ParsedFeed
    from reader.fetch import Fetcher
    from reader.model import Article, Page

Found = Literal["feed", "advertised", "usual-path", "page"]
"""How ``add`` found what it subscribed to: the address was a feed; the page advertised
one (``<link rel="alternate">``); one of the usual paths on its host; or none, so the
page itself is followed through its teasers."""

BACK_OFF = 600.0
"""Seconds a feed waits after a 429/503 that gave no Retry-After."""
MAX_BACK_OFF = 86_400.0
"""The longest a Retry-After is honoured (a day)."""
MAX_ADVERTISED = 5
"""Feeds a page advertises that ``add`` tries, in page order."""
STORY_RETRIES = 2
OPML_MAX_BYTES = 50_000_000


@dataclass(frozen=True)
class Added:
    """What ``add`` subscribed to."""

    url: str
    """The feed's own address (or the page's, for ``kind="page"``)."""
    title: str | None
    kind: Literal["feed", "page"]
    found: Found
    items: int
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Imported:
    added: int
    known: int
    """Subscriptions already there (they gained the file's tags, nothing else changed)."""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Progress:
    """Where a refresh stands (handed to its callback at every change)."""

    feeds_total: int = 0
    feeds_done: int = 0
    feeds_failed: int = 0
    feeds_unchanged: int = 0
    new_items: int = 0
    stories_total: int = 0
    stories_stored: int = 0
    stories_failed: int = 0

    @property
    def stories_done(self) -> int:
        return self.stories_stored + self.stories_failed


@dataclass(frozen=True)
class Refreshed:
    """The outcome of a refresh: the last progress, and every feed's error."""

    progress: Progress
    errors: tuple[tuple[str, str], ...] = ()
    """(feed URL, what went wrong), in subscription order."""
    skipped: tuple[tuple[str, str], ...] = ()
    """(feed URL, why it was not asked): dead, or backing off."""
    moved: tuple[tuple[str, str], ...] = ()
    """(old URL, new URL) of feeds that moved for good."""
    warnings: tuple[str, ...] = ()


@dataclass
class _Run:
    progress: Progress
    report: Callable[[Progress], None] | None
    errors: dict[str, str] = field(default_factory=dict)
    moved: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unchanged: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    """Feeds that answered 304 (url, etag, last_modified), recorded together at the end."""

    def bump(self, **counts: int) -> None:
        changes = {k: getattr(self.progress, k) + v for k, v in counts.items()}
        self.progress = replace(self.progress, **changes)
        if self.report is not None:
            self.report(self.progress)


def _now() -> datetime:
    return datetime.now(UTC)


def _story_url(link: str | None) -> str | None:
    """A story's identity: its URL as our URL normalisation gives it (``reader.feeds``
    already normalises links; this keeps the rule in one visible place)."""
    from reader.extract import resolve_url

    return None if link is None else resolve_url(link, None)


def _item_inputs(parsed: ParsedFeed) -> list[NewItem]:
    from reader.cache import NewItem

    return [
        NewItem(
            guid=i.id, url=_story_url(i.link), title=i.title, published=i.published,
            summary=i.summary, content=i.content, author=i.author,
        )
        for i in parsed.items
    ]


def _teaser_inputs(article: Article) -> list[NewItem]:
    from reader.cache import NewItem

    return [
        NewItem(guid=t.url, url=_story_url(t.url), title=t.title, published=None,
                summary=t.summary or None, content=None)
        for t in article.teasers
        if t.url.startswith(("http://", "https://"))
    ]


class Feeds:
    """The library's subscriptions (``Library.feeds``)."""

    def __init__(
        self,
        cache: Callable[[], Cache],
        fetcher: Callable[[], Fetcher],
        *,
        concurrency: int,
        stories: bool,
        pictures: Callable[[Cache, str, Article], Awaitable[int]] | None = None,
    ) -> None:
        self._cache = cache
        self._fetcher = fetcher
        self._pictures = pictures
        self.concurrency = max(1, concurrency)
        self.stories = stories

    # -- subscribing ---------------------------------------------------------------------
    async def add(self, url: str, tags: Sequence[str] = ()) -> Added:
        """Subscribe to ``url``: a feed, or a page whose feed is found (advertised, else
        the usual paths on its host), else the page itself followed through its teasers.
        Raises ``ReaderError`` when it is already a subscription or nothing can be read."""
        from reader.library.target import parse_target

        url = parse_target(url)
        subs = self._cache().subscriptions
        if subs.feed(url) is not None:
            raise ReaderError(f"already subscribed to {url}")
        page = await self._fetcher().fetch(url, accept="feed")
        parsed = await self._as_feed(page)
        found: Found = "feed"
        if parsed is None:
            page_url = page.final_url
            for how, candidates in await self._discover(page):
                hit = await self._first_feed(candidates)
                if hit is not None:
                    page, parsed = hit
                    found = how
                    break
            else:
                return await self._add_page(url, page, page_url, tags)
        assert parsed is not None
        address = self._address(page)
        if address != url and subs.feed(address) is not None:
            raise ReaderError(f"already subscribed to {address} (the feed {url} leads to)")
        if not subs.add(address, title=parsed.title, site_url=parsed.link, kind="feed",
                        tags=_tags(tags)):
            raise ReaderError(f"already subscribed to {address}")
        fresh = subs.succeeded(
            address, etag=page.etag, last_modified=page.last_modified, title=parsed.title,
            site_url=parsed.link,
            items=_item_inputs(parsed), fulltext="pending" if self.stories else "feed-only",
        )
        cut = ("cut at the size cap; read as far as it got",) if page.truncated else ()
        return Added(address, parsed.title, "feed", found, len(fresh), (*cut, *parsed.warnings))

    @staticmethod
    def _address(page: Page) -> str:
        return page.moved_to or page.url

    async def _as_feed(self, page: Page) -> ParsedFeed | None:
        parsed = await self._parse(page)
        return parsed if parsed.is_feed else None

    async def _parse(self, page: Page) -> ParsedFeed:
        """The page read as a feed (``format`` None, with warnings saying why, when it
        is none: an HTML page is judged by its first bytes and never parsed)."""
        import asyncio

        from reader.feeds import ParsedFeed, looks_like_feed, parse_feed

        if not looks_like_feed(page.body, page.content_type):
            return ParsedFeed(warnings=("it answered with a web page, not a feed",))
        return await asyncio.to_thread(
            parse_feed, page.body, page.final_url, content_type=page.content_type, now=_now()
        )

    async def _discover(self, page: Page) -> list[tuple[Found, tuple[str, ...]]]:
        import asyncio

        from reader.feeds import candidate_urls, discover_feeds

        advertised = await asyncio.to_thread(discover_feeds, page.body, page.final_url)
        return [
            ("advertised", advertised[:MAX_ADVERTISED]),
            ("usual-path", candidate_urls(page.final_url)),
        ]

    async def _first_feed(self, urls: Sequence[str]) -> tuple[Page, ParsedFeed] | None:
        """The first of ``urls`` (in their order) that answers with a feed; all are asked
        at once."""
        import asyncio


        async def one(candidate: str) -> tuple[Page, ParsedFeed] | None:
            try:
                page = await self._fetcher().fetch(candidate, accept="feed")
            except FetchError:
                return None
            parsed = await self._as_feed(page)
            return None if parsed is None else (page, parsed)

        for result in await asyncio.gather(*(one(u) for u in urls)):
            if result is not None:
                return result
        return None

    async def _add_page(self, url: str, page: Page, page_url: str, tags: Sequence[str]) -> Added:
        import asyncio

        article = await asyncio.to_thread(extract_page, page)
        items = _teaser_inputs(article)
        if not items:
            raise ReaderError(
                f"no feed found for {url}: the page advertises none, none of the usual "
                "addresses on its host holds one, and the page lists no stories to follow"
            )
        address = self._address(page)
        subs = self._cache().subscriptions
        title = article.site_name or article.title
        if not subs.add(address, title=title, site_url=page_url, kind="page", tags=_tags(tags)):
            raise ReaderError(f"already subscribed to {address}")
        fresh = subs.succeeded(
            address, etag=page.etag, last_modified=page.last_modified, items=items,
            fulltext="pending" if self.stories else "feed-only",
        )
        return Added(address, title, "page", "page", len(fresh))

    # -- reading -----------------------------------------------------------------------
    def subscriptions(self) -> list[FeedRecord]:
        """Every subscription, in the order added, with its item counts."""
        return self._cache().subscriptions.feeds()

    def titles(self) -> dict[str, str | None]:
        """Each subscription's title by its URL."""
        return self._cache().subscriptions.titles()

    def items(
        self,
        *,
        feed: str | None = None,
        tag: str | None = None,
        unread: bool = False,
        limit: int | None = None,
    ) -> list[ItemRecord]:
        """The subscriptions' stories, newest first, each story once. An unknown ``feed``
        is an error (a typo would otherwise look like an empty feed)."""
        subs = self._cache().subscriptions
        if feed is not None and subs.feed(feed) is None:
            raise ReaderError(f"not a subscription: {feed}; `reader feed list` shows them")
        return subs.items(feed=feed, tag=tag, unread=unread, limit=limit)

    def mark_read(
        self, urls: Sequence[str] | None = None, *, read: bool = True, ids: Sequence[int] = ()
    ) -> int:
        """Mark stories read (or unread) by URL or item id; ``urls`` None: all of them."""
        return self._cache().subscriptions.mark_read(urls, read=read, ids=ids)

    def remove(self, url: str) -> None:
        subs = self._cache().subscriptions
        if not subs.remove(url):
            raise ReaderError(f"not a subscription: {url}; `reader feed list` shows them")

    def import_opml(self, path: Path) -> Imported:
        """Store the subscriptions of an OPML file; fetches nothing."""
        from reader.feeds import OpmlError, parse_opml

        try:
            with path.open("rb") as handle:
                data = handle.read(OPML_MAX_BYTES + 1)
        except OSError as exc:
            raise ReaderError(f"cannot read {path}: {exc.strerror or exc}") from None
        if len(data) > OPML_MAX_BYTES:
            raise ReaderError(f"{path} is larger than 50 MB; that is not a list of feeds")
        try:
            doc = parse_opml(data)
        except OpmlError as exc:
            raise ReaderError(f"{path}: {exc}") from None
        feeds: list[tuple[str, str | None, str | None, list[str], FeedKind]] = [
            (f.url, f.title, f.html_url, _tags(f.tags), "page" if f.page else "feed")
            for f in doc.feeds
        ]
        if not feeds:
            raise ReaderError(f"{path} holds no feeds (no outline with an xmlUrl)")
        added, known = self._cache().subscriptions.import_many(feeds)
        return Imported(added, known, doc.warnings)

    def export_opml(self) -> str:
        from reader.feeds import OpmlFeed, write_opml

        return write_opml(
            OpmlFeed(
                url=f.url, title=f.title, html_url=f.site_url, tags=f.tags, page=f.kind == "page"
            )
            for f in self._cache().subscriptions.feeds()
        )

    # -- refreshing ------------------------------------------------------------------------
    async def refresh(
        self,
        urls: Sequence[str] | None = None,
        *,
        stories: bool | None = None,
        on_progress: Callable[[Progress], None] | None = None,
    ) -> Refreshed:
        """Refresh ``urls`` (default: every subscription); with ``stories`` (default: the
        config's ``feed_stories``) fetch and store every new item's story. Returns when
        every feed is done and every new story is stored or has failed."""
        import asyncio

        subs = self._cache().subscriptions
        everything = subs.feeds()
        if urls:
            by_url = {f.url: f for f in everything}
            missing = [u for u in urls if u not in by_url]
            if missing:
                raise ReaderError(
                    f"not a subscription: {missing[0]}; `reader feed list` shows them"
                )
            chosen = [by_url[u] for u in dict.fromkeys(urls)]
        else:
            chosen = everything
        fetch_stories = self.stories if stories is None else stories
        now = time.time()
        skipped: list[tuple[str, str]] = []
        due: list[FeedRecord] = []
        for feed in chosen:
            if feed.dead and not urls:
                skipped.append((feed.url, "gone (the server answered 410 Gone)"))
            elif feed.not_before is not None and feed.not_before.timestamp() > now and not urls:
                skipped.append((feed.url, "backing off until " + feed.not_before.isoformat()))
            else:
                due.append(feed)
        run = _Run(Progress(feeds_total=len(due)), on_progress)
        if on_progress is not None:
            on_progress(run.progress)
        gate = asyncio.Semaphore(self.concurrency)
        story_tasks: list[asyncio.Task[None]] = []
        scheduled: set[int] = set()

        def fetch_story(item_id: int, story_url: str) -> None:
            if item_id not in scheduled:
                scheduled.add(item_id)
                task = asyncio.create_task(self._story(item_id, story_url, gate, run))
                story_tasks.append(task)

        async def feed_task(feed: FeedRecord) -> None:
            async with gate:
                fresh = await self._refresh_one(feed, run, fetch_stories)
            for item_id, story_url in fresh:
                fetch_story(item_id, story_url)

        try:
            await asyncio.gather(*(feed_task(f) for f in due))
        finally:
            subs.unchanged(run.unchanged)
        if fetch_stories and due:
            # Stories a refresh cut short (ctrl+c, a crash) left pending: fetched now.
            for item_id, story_url in subs.pending([self._moved(run, f.url) for f in due]):
                fetch_story(item_id, story_url)
        if story_tasks:
            await asyncio.gather(*story_tasks)
        order = {f.url: n for n, f in enumerate(chosen)}
        errors = sorted(run.errors.items(), key=lambda e: order.get(e[0], len(order)))
        return Refreshed(run.progress, tuple(errors), tuple(skipped), tuple(run.moved),
                         tuple(run.warnings))

    @staticmethod
    def _moved(run: _Run, url: str) -> str:
        for old, new in run.moved:
            if old == url:
                return new
        return url

    async def _refresh_one(
        self, feed: FeedRecord, run: _Run, stories: bool
    ) -> list[tuple[int, str]]:
        """Ask one feed; record what happened. Returns the new stories to fetch."""
        import asyncio

        from reader.fetch import HTTPStatusError

        subs = self._cache().subscriptions
        url = feed.url
        try:
            page = await self._fetcher().fetch(
                url, etag=feed.etag, last_modified=feed.last_modified, accept="feed"
            )
        except HTTPStatusError as exc:
            if exc.status == 410:
                subs.failed(url, f"{exc} (the feed is gone; it is no longer asked)", dead=True)
            elif exc.status in (429, 503):
                wait = min(exc.retry_after if exc.retry_after is not None else BACK_OFF,
                           MAX_BACK_OFF)
                subs.failed(url, str(exc), not_before=time.time() + wait)
            else:
                subs.failed(url, str(exc))
            run.errors[url] = str(exc)
            run.bump(feeds_done=1, feeds_failed=1)
            return []
        except FetchError as exc:
            subs.failed(url, str(exc))
            run.errors[url] = str(exc)
            run.bump(feeds_done=1, feeds_failed=1)
            return []
        if page.moved_to and page.moved_to != url:
            subs.moved(url, page.moved_to)
            run.moved.append((url, page.moved_to))
            url = page.moved_to
        fulltext: FullText = "pending" if stories else "feed-only"
        if page.status == 304:
            run.unchanged.append((url, page.etag, page.last_modified))
            run.bump(feeds_done=1, feeds_unchanged=1)
            return []
        if feed.kind == "page":
            article = await asyncio.to_thread(extract_page, page)
            items = _teaser_inputs(article)
            title = None
        else:
            parsed = await self._parse(page)
            if not parsed.is_feed:
                why = parsed.warnings[0] if parsed.warnings else "nothing could be read"
                message = f"{url} did not give a feed reader can read: {why}"
                subs.failed(url, message)
                run.errors[url] = message
                run.bump(feeds_done=1, feeds_failed=1)
                return []
            items, title = _item_inputs(parsed), parsed.title
            if parsed.warnings:
                run.warnings.append(f"{url}: {parsed.warnings[0]}")
        if page.truncated:
            run.warnings.append(f"{url}: cut at the size cap; read as far as it got")
        fresh = subs.succeeded(
            url, etag=page.etag, last_modified=page.last_modified, title=title, items=items,
            fulltext=fulltext,
        )
        run.bump(feeds_done=1, new_items=len(fresh))
        return [(i, u) for i, u in fresh if u is not None] if stories else []

    async def _story(self, item_id: int, url: str, gate: asyncio.Semaphore, run: _Run) -> None:
        """Fetch, extract and store one new item's story; a failure keeps the feed's own
        content and says why."""
        import asyncio

        cache = self._cache()
        subs = cache.subscriptions
        run.bump(stories_total=1)
        known = cache.get(url)
        if known is not None:
            subs.fulltext(item_id, "stored", published=known.article.published)
            run.bump(stories_stored=1)
            return
        try:
            async with gate:
                page = await self._fetcher().fetch(url, retries=STORY_RETRIES)
            article = await asyncio.to_thread(extract_page, page)
            if article.is_empty:
                raise ReaderError(f"no story found in {url}")
            stored = cache.put(page, article, extractor_version=extractor_version(),
                               aliases=(url,))
            cache.put_teasers(stored.url, article.teasers)
        except ReaderError as exc:
            subs.fulltext(item_id, "failed", str(exc))
            run.bump(stories_failed=1)
            return
        subs.fulltext(item_id, "stored", published=article.published)
        run.bump(stories_stored=1)
        if self._pictures is not None:
            async with gate:
                await self._pictures(cache, stored.url, article)


def _tags(tags: Sequence[str]) -> list[str]:
    """Tags as stored: one line each, surrounding blanks gone, empty ones and repeats
    dropped."""
    from reader.extract import one_line

    out: list[str] = []
    for tag in tags:
        clean = one_line(tag).strip()
        if clean and clean not in out:
            out.append(clean)
    return out


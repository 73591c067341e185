"""A story's pictures: from the cache, else fetched, checked and stored with the story.

``Pictures.get`` is what ``Library.picture`` runs: it never raises for a bad picture,
it answers with a ``Picture`` whose ``problem`` says in a few words why there is nothing
to draw. Fetching goes through the one ``Fetcher`` (its per-host slots bound any number
of pictures asked at once; its deadline and 429/503 hold-off apply) with
``accept="picture"``; the bytes that come back are judged by ``reader.pictures.probe``
before they are stored. Two requests for one picture at once share one fetch.

``Pictures.keep`` stores the pictures of a story fetched in the background (a prefetched
teaser, a subscription's new story) within the per-story budget: the lead picture
first, then the story's in order, a picture that would pass the budget skipped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from reader.config import size_label
from reader.errors import FetchError, NotCachedError, ReaderError
from reader.library.views import Picture

if TYPE_CHECKING:
    from reader.cache import Cache
    from reader.fetch import Fetcher
    from reader.model import Article
    from reader.pictures import PictureInfo

RETRIES = 1
"""Extra attempts at a picture after a 429 or 503 answer."""
MAX_KEPT = 16
"""Pictures tried at most per story fetched in the background (a budget of small files
could otherwise mean hundreds of requests for one story)."""
OFFLINE = "offline"
NOT_STORED = "not stored (offline)"


@dataclass
class _Running:
    """A fetch of one picture and how many callers wait for it."""

    task: asyncio.Task[tuple[bytes, PictureInfo] | str]
    waiting: int = 0


@dataclass
class Pictures:
    """The library's pictures (``Library.picture``, and the background budget)."""

    cache: Callable[[], Cache]
    """The cache the app's stories live in."""
    fetcher: Callable[[], Fetcher]
    offline: bool
    max_bytes: int
    """The cap on one picture (``config.max_picture_bytes``)."""
    budget: int
    """Bytes of pictures kept with a story fetched in the background."""
    other_caches: Callable[[], list[Cache]] = list
    """More caches a picture may already be in (the demo's in-memory one)."""
    _running: dict[str, _Running] = field(default_factory=dict, init=False, repr=False)

    async def get(self, url: str, story_url: str) -> Picture:
        """The picture at ``url`` for the story ``story_url``: from the cache (linked to
        that story as well), else fetched, checked and stored with it."""
        from reader.pictures import is_picture_url

        if not is_picture_url(url):
            return Picture(url, None, "not a web address")
        cache = self.cache()
        stored = await _in_thread(None, cache.picture, url)
        if stored is not None:
            await _in_thread(False, cache.link_picture, story_url, url)
            return Picture(url, stored.data, None, stored.width, stored.height)
        for other in self.other_caches():
            stored = await _in_thread(None, other.picture, url)
            if stored is not None:  # copied, so the story shows it offline later
                await _keep(cache, story_url, url, stored.data, stored)
                return Picture(url, stored.data, None, stored.width, stored.height)
        if self.offline:
            return Picture(url, None, NOT_STORED)
        got = await self._shared(url, story_url)
        if isinstance(got, str):
            return Picture(url, None, got)
        data, info = got
        # The fetch stored it with the story of the caller that started it: the others
        # link theirs.
        await _in_thread(False, cache.link_picture, story_url, url)
        return Picture(url, data, None, info.width, info.height)

    async def _fetch_and_keep(self, url: str, story_url: str) -> tuple[bytes, PictureInfo] | str:
        got = await self.fetch(url)
        if not isinstance(got, str):
            data, info = got
            await _keep(self.cache(), story_url, url, data, info)
        return got

    async def _shared(self, url: str, story_url: str) -> tuple[bytes, PictureInfo] | str:
        """Fetch, check and store ``url``, once for every caller asking meanwhile (until
        it is stored: a caller after that finds it in the cache). A caller cancelled
        stops waiting; the fetch stops when nobody waits any more."""
        key = url.partition("#")[0]
        running = self._running.get(key)
        if running is None:
            task = asyncio.get_running_loop().create_task(self._fetch_and_keep(url, story_url))
            running = self._running[key] = _Running(task)

            def forget(_: object, entry: _Running = running) -> None:
                if self._running.get(key) is entry:
                    del self._running[key]

            task.add_done_callback(forget)
        running.waiting += 1
        try:
            return await asyncio.shield(running.task)
        except asyncio.CancelledError:
            if running.waiting == 1 and not running.task.done():
                running.task.cancel()
                if self._running.get(key) is running:  # a later caller starts afresh
                    del self._running[key]
            raise
        finally:
            running.waiting -= 1

    async def fetch(self, url: str, cap: int | None = None) -> tuple[bytes, PictureInfo] | str:
        """The checked bytes of the picture at ``url`` and what its header says, or a
        short reason why not. ``cap`` (default: the size cap) bounds the download."""
        from reader.pictures import PictureProblem, probe

        try:
            page = await self.fetcher().fetch(
                url, accept="picture", retries=RETRIES,
                max_bytes=self.max_bytes if cap is None else cap,
            )
        except FetchError as exc:
            return problem_of(exc)
        except NotCachedError:
            return OFFLINE
        # In a thread: a header is cheap to read, but a hostile one (a PNG of compressed
        # text chunks) can take a tenth of a second, which the app must not wait on.
        info = await asyncio.to_thread(probe, page.body)
        if isinstance(info, PictureProblem):
            return info.reason
        return page.body, info

    async def keep(self, cache: Cache, story_url: str, article: Article) -> int:
        """Store the pictures of a story fetched in the background, within the budget:
        the lead picture first, then the rest in order, a picture that would pass what
        is left skipped. Returns the bytes of the story's pictures kept. Nothing when
        offline or with a budget of 0; never raises for a bad picture."""
        from reader.pictures import story_pictures

        if self.offline or self.budget <= 0:
            return 0
        used = 0
        for url in story_pictures(article)[:MAX_KEPT]:
            room = self.budget - used
            if room <= 0:
                break
            try:
                size = await asyncio.to_thread(cache.picture_size, url)
            except ReaderError:
                continue
            if size is not None:
                if size <= room and await _in_thread(False, cache.link_picture, story_url, url):
                    used += size
                continue
            cap = min(room, self.max_bytes) if self.max_bytes > 0 else room
            got = await self.fetch(url, cap)
            if isinstance(got, str):
                continue
            data, info = got
            if await _keep(cache, story_url, url, data, info):
                used += len(data)
        return used


def problem_of(exc: FetchError) -> str:
    """A fetch failure in the few words shown in a picture's place."""
    from reader.fetch import (
        BadURLError,
        ConnectFailedError,
        ConnectionLostError,
        ContentEncodingError,
        FetchTimeoutError,
        HTTPStatusError,
        NotPictureError,
        PictureTooLargeError,
        RedirectError,
    )

    if isinstance(exc, HTTPStatusError):
        status = exc.status
        if status in (404, 410):
            return f"not found ({status})"
        if status in (429, 503):
            return f"server busy ({status})"
        if status >= 500:
            return f"server error ({status})"
        return f"refused ({status})"
    if isinstance(exc, PictureTooLargeError):
        return f"too large (over {size_label(exc.limit)})"
    if isinstance(exc, NotPictureError):
        return exc.reason
    if isinstance(exc, BadURLError):
        return "not a web address"  # one the fetcher refuses (a port out of range)
    if isinstance(exc, FetchTimeoutError):
        return "timed out"
    if isinstance(exc, ConnectFailedError):
        return "could not connect"
    if isinstance(exc, ConnectionLostError):
        return "connection lost"
    if isinstance(exc, RedirectError):
        return "bad redirect"
    if isinstance(exc, ContentEncodingError):
        return "damaged picture"
    return "could not fetch"


T = TypeVar("T")


class _Shape(Protocol):
    """What is stored beside a picture's bytes (a ``PictureInfo``, a ``StoredPicture``)."""

    @property
    def media_type(self) -> str: ...
    @property
    def width(self) -> int: ...
    @property
    def height(self) -> int: ...


async def _in_thread(default: T, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` in a thread (the cache's I/O, off the event loop), or ``default``
    when the cache says it cannot (a ``ReaderError``)."""
    try:
        return await asyncio.to_thread(fn, *args)
    except ReaderError:
        return default


async def _keep(cache: Cache, story_url: str, url: str, data: bytes, shape: _Shape) -> bool:
    """Store a checked picture with its story (in a thread); False when it was not."""
    return await _in_thread(False, lambda: cache.put_picture(
        story_url, url, data, media_type=shape.media_type, width=shape.width,
        height=shape.height,
    ))

"""The fetch layer: one httpx client for the process.

``async with Fetcher(settings) as f: page = await f.fetch(url)`` gives a ``Page`` or
raises a ``FetchError`` whose message a person understands. What it guarantees:

- redirects are followed here, not by httpx: at most ``max_redirects``, http(s) targets
  only, loops detected, redirect bodies never read;
- the body is streamed and decoded here (gzip, deflate, br, nested) against a cap on the
  decoded size; past the cap reading stops and ``Page.truncated`` is set;
- one total deadline per request covers every hop, headers and body (a slow drip
  cannot outlast it); waiting for a free per-host slot before the first hop does not
  count against it;
- at most ``per_host`` requests at once to one scheme + host + port;
- only HTML and XHTML come back (with ``accept="feed"``, feeds, XML and JSON too);
  the header's charset goes to ``Page.charset``;
- with ``accept="picture"`` the body comes back as it is (content encodings undone,
  never read as text), whole or not at all: past ``max_picture_bytes`` it is refused
  (``PictureTooLargeError``), and markup (a web page, SVG) is refused by its first bytes
  (``NotPictureError``);
- a chain of permanent redirects (301/308 only) is reported as ``Page.moved_to``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal, TypeVar

from reader.errors import FetchError
from reader.fetch.body import BodyReader, picture_too_large, read_picture
from reader.fetch.client import make_client, prepare
from reader.fetch.encoding import BodyDecoder
from reader.fetch.errors import (
    BACK_OFF_STATUSES,
    REDIRECT_STATUSES,
    HTTPStatusError,
    Phase,
    show,
    status_error,
    timeout_error,
    translate,
)
from reader.fetch.redirects import (
    CookieState,
    RedirectTracker,
    check_web_url,
    origin_key,
    redirect_target,
)
from reader.fetch.settings import FetchSettings
from reader.fetch.sniff import parse_content_type, refuse_type
from reader.model import Page

if TYPE_CHECKING:
    import httpx


_T = TypeVar("_T")

Accept = Literal["html", "feed", "picture"]
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, "
    "text/html;q=0.7, */*;q=0.1"
)
"""The Accept header of a request made with ``accept="feed"``."""
PICTURE_ACCEPT = "image/webp, image/png, image/jpeg, image/gif;q=0.9, */*;q=0.1"
"""The Accept header of a request made with ``accept="picture"``: the formats drawn
(no AVIF or SVG, which a server choosing by this header would otherwise send)."""
PERMANENT_REDIRECTS = frozenset({301, 308})

FIRST_WAIT = 0.5
"""Seconds before the first retry of a 429/503 when the server gives no Retry-After."""
MAX_WAIT = 8.0
"""The longest a retry waits, whatever Retry-After asks."""

def _sendable(value: str) -> bool:
    """A stored validator we can send back: printable ASCII of a sane length."""
    return len(value) <= 1024 and value.isascii() and value.isprintable()


class Fetcher:
    """``async with Fetcher(settings) as f: page = await f.fetch(url)``.

    ``fetch`` raises ``reader.errors.FetchError`` with a message a person understands.
    With ``etag``/``last_modified`` it sends a conditional request; a 304 answer comes
    back as ``Page(status=304, body=b"")``.
    """

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings or FetchSettings()
        self._client: httpx.AsyncClient | None = None
        self._closed = False
        self._slots: dict[tuple[str, str, int], asyncio.Semaphore] = {}
        self._not_before: dict[tuple[str, str, int], float] = {}
        """Per host: the loop time before which nothing more is sent (after a 429/503)."""

    async def _ready(self) -> httpx.AsyncClient:
        """The client, made on first use; its slow parts (imports, TLS roots) run in a
        worker thread so the event loop never stalls on them."""
        if self._closed:
            raise RuntimeError("this Fetcher is closed")
        if self._client is None:
            tls = await asyncio.to_thread(prepare)
            if self._client is None:
                self._client = make_client(self.settings, tls)
        return self._client

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        retries: int = 0,
        accept: Accept = "html",
        max_bytes: int | None = None,
    ) -> Page:
        """The page at ``url``. With ``retries``, a 429 or 503 answer is asked again that
        many times, after the server's Retry-After (at most ``MAX_WAIT`` s) or a doubling
        wait; meanwhile every request to that host waits, not just this one.

        ``accept="feed"`` takes RSS, Atom, JSON Feed, XML and JSON besides HTML (judged
        by type and first bytes; binary bodies are still refused) and asks for them in
        the Accept header.

        ``accept="picture"`` takes any bytes that are not markup, whole: a body past
        ``max_bytes`` (default ``settings.max_picture_bytes``; 0 or less: no cap) raises
        ``PictureTooLargeError`` instead of being cut. ``max_bytes`` applies to pictures
        only."""
        cap = self.settings.max_picture_bytes if max_bytes is None else max_bytes
        for attempt in range(retries + 1):
            try:
                return await self._fetch_once(url, etag, last_modified, accept, cap)
            except HTTPStatusError as exc:
                if exc.status not in BACK_OFF_STATUSES or attempt == retries:
                    raise
                wait = exc.retry_after
                if wait is None:
                    wait = FIRST_WAIT * 2**attempt
                self._hold_off(check_web_url(url), min(wait, MAX_WAIT))
        raise AssertionError("unreachable")  # pragma: no cover

    async def _fetch_once(
        self,
        url: str,
        etag: str | None,
        last_modified: str | None,
        accept: Accept,
        picture_cap: int,
    ) -> Page:
        client = await self._ready()
        target = check_web_url(url)
        headers: dict[str, str] = {}
        if accept == "feed":
            headers["Accept"] = FEED_ACCEPT
        elif accept == "picture":
            headers["Accept"] = PICTURE_ACCEPT
        if etag and _sendable(etag):
            headers["If-None-Match"] = etag
        if last_modified and _sendable(last_modified):
            headers["If-Modified-Since"] = last_modified
        tracker = RedirectTracker(url, self.settings.max_redirects)
        loop = asyncio.get_running_loop()
        deadline_at: float | None = None
        current = target
        permanent = True
        while True:
            tracker.visit(current, _cookie_state(client))
            slot = self._slot(current)
            if deadline_at is None:
                await self._enter(current, slot)
                limit = self.settings.deadline
                deadline_at = loop.time() + limit if limit > 0 else None
            else:
                await self._within(deadline_at, url, self._enter(current, slot))
            try:
                outcome = await self._within(
                    deadline_at, url, self._hop(client, current, headers, accept, picture_cap)
                )
            finally:
                slot.release()
            if isinstance(outcome, Page):
                return _finish(outcome, url, tracker.chain, permanent)
            status, location = outcome
            permanent = permanent and status in PERMANENT_REDIRECTS
            current = tracker.follow(current, location)

    async def _within(self, deadline_at: float | None, url: str, work: Awaitable[_T]) -> _T:
        """Await ``work`` until ``deadline_at`` (loop time); past it, a timeout error."""
        try:
            async with asyncio.timeout_at(deadline_at) as cm:
                return await work
        except TimeoutError:
            if cm.expired():
                raise timeout_error(url, self.settings.deadline) from None
            raise

    async def _enter(self, url: httpx.URL, slot: asyncio.Semaphore) -> None:
        """Take one of the host's slots once the host is not held off (after a 429/503)."""
        key = origin_key(url)
        loop = asyncio.get_running_loop()
        while True:
            while (delay := self._not_before.get(key, 0.0) - loop.time()) > 0:
                await asyncio.sleep(delay)
            await slot.acquire()
            if self._not_before.get(key, 0.0) <= loop.time():
                return
            slot.release()  # held off while this request waited for its slot

    def _hold_off(self, url: httpx.URL, seconds: float) -> None:
        key = origin_key(url)
        until = asyncio.get_running_loop().time() + seconds
        self._not_before[key] = max(self._not_before.get(key, 0.0), until)

    def _slot(self, url: httpx.URL) -> asyncio.Semaphore:
        key = origin_key(url)
        slot = self._slots.get(key)
        if slot is None:
            slot = self._slots[key] = asyncio.Semaphore(max(1, self.settings.per_host))
        return slot

    async def _hop(
        self,
        client: httpx.AsyncClient,
        url: httpx.URL,
        headers: dict[str, str],
        accept: Accept,
        picture_cap: int = 0,
    ) -> Page | tuple[int, httpx.URL]:
        """One request: a ``Page``, or a redirect's status and the URL it points to (body
        unread)."""
        import httpx

        phase: Phase = "connect"
        try:
            request = client.build_request("GET", url, headers=headers)
            response = await client.send(request, stream=True)
            try:
                phase = "head"
                status = response.status_code
                conditional = "If-None-Match" in headers or "If-Modified-Since" in headers
                if status in REDIRECT_STATUSES and "location" in response.headers:
                    return status, redirect_target(response)
                if status == 304 and conditional:
                    # A 304 has no body by definition; reading its end lets the
                    # connection go back to the pool instead of being closed.
                    await response.aread()
                    return _not_modified(response, headers)
                if not 200 <= status < 300:
                    raise status_error(str(url), status, response.headers.get("retry-after"))
                media, charset = parse_content_type(_last(response, "content-type"))
                if accept == "picture":
                    phase = "body"
                    return await _picture(response, str(url), media, picture_cap)
                refuse_type(media, str(url), accept)
                decoder = BodyDecoder(
                    response.headers.get_list("content-encoding", split_commas=True)
                )
                phase = "body"
                reader = BodyReader(str(url), media, charset, self.settings.max_bytes, accept)
                body = await reader.read(decoder, _raw_chunks(response))
                return Page(
                    url=str(url),
                    final_url=str(url),
                    status=status,
                    content_type=body.content_type,
                    charset=charset,
                    body=body.data,
                    truncated=body.truncated,
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                    fetched_at=datetime.now(UTC),
                )
            finally:
                await response.aclose()
        except httpx.HTTPError as exc:
            raise translate(exc, str(url), phase, self.settings) from None
        except (httpx.InvalidURL, httpx.StreamError, ValueError, OSError):
            # Not expected past check_web_url, but a person must never see a traceback.
            raise FetchError(f"could not fetch {show(str(url))}: the request failed") from None

    async def aclose(self) -> None:
        self._closed = True
        if self._client is not None:
            await self._client.aclose()

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


async def _raw_chunks(response: httpx.Response) -> AsyncIterator[bytes]:
    async for chunk in response.aiter_raw():
        yield chunk


async def _picture(response: httpx.Response, url: str, media: str, cap: int) -> Page:
    """A picture's whole body (see ``read_picture``); a Content-Length over the cap is
    refused before a byte of the body is read."""
    encodings = response.headers.get_list("content-encoding", split_commas=True)
    declared = response.headers.get("content-length", "").strip()
    plain = all(e.strip().lower() in ("", "identity") for e in encodings)
    if cap > 0 and plain and declared.isdigit() and int(declared) > cap:
        raise picture_too_large(url, cap)
    data = await read_picture(url, cap, BodyDecoder(encodings), _raw_chunks(response))
    return Page(
        url=url,
        final_url=url,
        status=response.status_code,
        content_type=media or "application/octet-stream",
        charset=None,
        body=data,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        fetched_at=datetime.now(UTC),
    )


def _cookie_state(client: httpx.AsyncClient) -> CookieState:
    return tuple(sorted((c.domain, c.path, c.name, c.value or "") for c in client.cookies.jar))


def _last(response: httpx.Response, name: str) -> str | None:
    """The last of the header's lines (browsers use the last Content-Type given)."""
    values = [v for v in response.headers.get_list(name) if v.strip()]
    return values[-1] if values else None


def _not_modified(response: httpx.Response, sent: dict[str, str]) -> Page:
    media, charset = parse_content_type(_last(response, "content-type"))
    return Page(
        url=str(response.url),
        final_url=str(response.url),
        status=304,
        content_type=media or "text/html",
        charset=charset,
        body=b"",
        etag=response.headers.get("etag") or sent.get("If-None-Match"),
        last_modified=response.headers.get("last-modified") or sent.get("If-Modified-Since"),
        fetched_at=datetime.now(UTC),
    )


def _finish(page: Page, asked: str, chain: tuple[str, ...], permanent: bool) -> Page:
    moved = page.final_url if chain and permanent and page.final_url != asked else None
    return replace(page, url=asked, redirects=chain, moved_to=moved)

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
- only HTML and XHTML come back; the header's charset goes to ``Page.charset``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypeVar

from reader import __version__
from reader.errors import FetchError
from reader.fetch_body import BodyReader
from reader.fetch_client import make_client, prepare
from reader.fetch_decode import BodyDecoder
from reader.fetch_errors import (
    BadURLError,
    ConnectFailedError,
    ConnectionLostError,
    ContentEncodingError,
    FetchTimeoutError,
    HTTPStatusError,
    LocalFileError,
    NotHTMLError,
    ProtocolViolationError,
    RedirectError,
    show,
    timeout_error,
)
from reader.fetch_failures import REDIRECT_STATUSES, Phase, status_error, translate
from reader.fetch_local import read_local
from reader.fetch_redirect import (
    CookieState,
    RedirectTracker,
    check_web_url,
    origin_key,
    redirect_target,
)
from reader.fetch_sniff import parse_content_type, refuse_type
from reader.model import Page

if TYPE_CHECKING:
    import httpx

__all__ = [
    "USER_AGENT",
    "BadURLError",
    "ConnectFailedError",
    "ConnectionLostError",
    "ContentEncodingError",
    "FetchError",
    "FetchSettings",
    "FetchTimeoutError",
    "Fetcher",
    "HTTPStatusError",
    "LocalFileError",
    "NotHTMLError",
    "ProtocolViolationError",
    "RedirectError",
    "read_local",
]

_T = TypeVar("_T")

USER_AGENT = f"reader/{__version__} (terminal news reader)"


@dataclass(frozen=True)
class FetchSettings:
    connect_timeout: float = 10.0
    """Seconds to wait for a connection (0 or less: no connect timeout)."""
    deadline: float = 20.0
    """Total seconds for one request, redirects and body included (0 or less: none)."""
    max_redirects: int = 10
    max_bytes: int = 10_000_000
    """Cap on the decoded body; the body is cut there and ``Page.truncated`` set
    (0 or less: no cap)."""
    per_host: int = 4
    """Requests at once to one scheme + host + port (less than 1 counts as 1)."""
    user_agent: str = USER_AGENT


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
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Page:
        client = await self._ready()
        target = check_web_url(url)
        headers: dict[str, str] = {}
        if etag and _sendable(etag):
            headers["If-None-Match"] = etag
        if last_modified and _sendable(last_modified):
            headers["If-Modified-Since"] = last_modified
        tracker = RedirectTracker(url, self.settings.max_redirects)
        loop = asyncio.get_running_loop()
        deadline_at: float | None = None
        current = target
        while True:
            tracker.visit(current, _cookie_state(client))
            slot = self._slot(current)
            if deadline_at is None:
                await slot.acquire()
                limit = self.settings.deadline
                deadline_at = loop.time() + limit if limit > 0 else None
            else:
                await self._within(deadline_at, url, slot.acquire())
            try:
                outcome = await self._within(deadline_at, url, self._hop(client, current, headers))
            finally:
                slot.release()
            if isinstance(outcome, Page):
                return _finish(outcome, url, tracker.chain)
            current = tracker.follow(current, outcome)

    async def _within(self, deadline_at: float | None, url: str, work: Awaitable[_T]) -> _T:
        """Await ``work`` until ``deadline_at`` (loop time); past it, a timeout error."""
        try:
            async with asyncio.timeout_at(deadline_at) as cm:
                return await work
        except TimeoutError:
            if cm.expired():
                raise timeout_error(url, self.settings.deadline) from None
            raise

    def _slot(self, url: httpx.URL) -> asyncio.Semaphore:
        key = origin_key(url)
        slot = self._slots.get(key)
        if slot is None:
            slot = self._slots[key] = asyncio.Semaphore(max(1, self.settings.per_host))
        return slot

    async def _hop(
        self, client: httpx.AsyncClient, url: httpx.URL, headers: dict[str, str]
    ) -> Page | httpx.URL:
        """One request: a ``Page``, or the URL a redirect points to (body unread)."""
        import httpx

        phase: Phase = "connect"
        try:
            request = client.build_request("GET", url, headers=headers)
            response = await client.send(request, stream=True)
            try:
                phase = "head"
                status = response.status_code
                conditional = bool(headers)
                if status in REDIRECT_STATUSES and "location" in response.headers:
                    return redirect_target(response)
                if status == 304 and conditional:
                    return _not_modified(response, headers)
                if not 200 <= status < 300:
                    raise status_error(str(url), status, response.headers.get("retry-after"))
                media, charset = parse_content_type(_last(response, "content-type"))
                refuse_type(media, str(url))
                decoder = BodyDecoder(
                    response.headers.get_list("content-encoding", split_commas=True)
                )
                phase = "body"
                body = await BodyReader(str(url), media, charset, self.settings.max_bytes).read(
                    decoder, _raw_chunks(response)
                )
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


def _finish(page: Page, asked: str, chain: tuple[str, ...]) -> Page:
    return replace(page, url=asked, redirects=chain)

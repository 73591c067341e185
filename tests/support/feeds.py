"""Builders for the subscription tests: feeds written here for this project, handlers
that answer conditional requests, and a library on a temporary cache (no tests here).

Every feed and page text is original, written for these tests.
"""

from __future__ import annotations

import asyncio
import html as htmllib
import json
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from reader.config import Config
from reader.library import Library
from tests.support.httpserver import Handler, Reply, Request
from tests.support.library import story_html

T = TypeVar("T")

LAST_MODIFIED = "Tue, 01 Dec 2026 08:00:00 GMT"


@dataclass(frozen=True)
class Entry:
    title: str
    link: str | None
    guid: str | None = None
    published: str | None = "Mon, 30 Nov 2026 09:00:00 +0000"
    description: str = "A short note on the day's events at the harbour."


def rss(title: str, entries: Sequence[Entry], site: str = "http://127.0.0.1/") -> bytes:
    items = []
    for e in entries:
        parts = [f"<title>{htmllib.escape(e.title)}</title>"]
        if e.link is not None:
            parts.append(f"<link>{htmllib.escape(e.link)}</link>")
        if e.guid is not None:
            parts.append(f'<guid isPermaLink="false">{htmllib.escape(e.guid)}</guid>')
        if e.published is not None:
            parts.append(f"<pubDate>{e.published}</pubDate>")
        parts.append(f"<description>{htmllib.escape(e.description)}</description>")
        items.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{htmllib.escape(title)}</title><link>{htmllib.escape(site)}</link>"
        "<description>Test feed</description>" + "\n".join(items) + "</channel></rss>"
    ).encode()


def atom(title: str, entries: Sequence[Entry]) -> bytes:
    body = []
    for n, e in enumerate(entries):
        link = f'<link rel="alternate" href="{htmllib.escape(e.link)}"/>' if e.link else ""
        body.append(
            f"<entry><id>{htmllib.escape(e.guid or f'urn:test:{n}')}</id>"
            f"<title>{htmllib.escape(e.title)}</title>{link}"
            "<updated>2026-11-29T08:30:00Z</updated>"
            f"<summary>{htmllib.escape(e.description)}</summary></entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{htmllib.escape(title)}</title><id>urn:test:feed</id>"
        "<updated>2026-11-29T08:30:00Z</updated>" + "".join(body) + "</feed>"
    ).encode()


def feed_file(body: bytes, kind: str = "application/rss+xml") -> Handler:
    """Serves ``body`` with Last-Modified and an ETag, and 304 to a request that has
    either (as a static file server does)."""
    etag = f'"{len(body)}-{hash(body) & 0xFFFF:x}"'

    def handle(req: Request) -> Reply:
        if req.headers.get("if-none-match") == etag or (
            "if-none-match" not in req.headers
            and req.headers.get("if-modified-since") == LAST_MODIFIED
        ):
            return Reply(status=304, headers={"ETag": etag, "Last-Modified": LAST_MODIFIED})
        return Reply(
            body=body,
            headers={"Content-Type": kind, "ETag": etag, "Last-Modified": LAST_MODIFIED},
        )

    return handle


def story(title: str) -> Handler:
    body = story_html(title).encode()
    return lambda _req: Reply(body=body, headers={"Content-Type": "text/html; charset=utf-8"})


def json_of(text: str) -> Any:
    return json.loads(text)


def config(cache_dir: Path, **changes: Any) -> Config:
    return replace(Config(cache_dir=cache_dir, connect_timeout=2.0, deadline=5.0), **changes)


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


async def with_library(cfg: Config, work: Any) -> Any:
    """Run ``await work(lib)`` on a fresh library, closed afterwards."""
    lib = Library(cfg)
    try:
        return await work(lib)
    finally:
        await lib.aclose()

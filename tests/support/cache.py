"""Builders shared by the cache tests (no tests here)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from reader.model import Article, Page, Teaser

FIXED_TIME = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)


def page(
    n: int | str,
    body: bytes | None = None,
    *,
    fetched_at: datetime | None = FIXED_TIME,
    host: str = "news.test",
) -> Page:
    return Page(
        url=f"http://{host}/ask/{n}",
        final_url=f"http://{host}/story/{n}",
        status=200,
        content_type="text/html",
        charset="utf-8",
        body=body if body is not None else f"<h1>Story {n}</h1><p>Body of {n}.</p>".encode(),
        fetched_at=fetched_at,
    )


def article(
    n: int | str, text: str | None = None, *, title: str | None = None, **extra: object
) -> Article:
    body = text if text is not None else f"The body of story number {n} says little."
    return Article(
        title=title if title is not None else f"Story {n}",
        text=body,
        markdown=body,
        canonical_url=f"http://canon.test/{n}",
        **extra,  # type: ignore[arg-type]
    )


def teasers(*names: str) -> tuple[Teaser, ...]:
    return tuple(
        Teaser(url=f"http://news.test/story/{name}", title=f"About {name}", kind="related")
        for name in names
    )


def raw(path: Path) -> sqlite3.Connection:
    """A plain connection to inspect a cache file the way any SQLite tool would."""
    return sqlite3.connect(path)


def integrity(path: Path) -> str:
    conn = raw(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()

"""SQL row helpers of the cache: turning rows into values and values into rows.

Every function here runs on a connection the caller holds, inside its transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from reader.cache.codec import (
    compress,
    decode_article,
    decompress,
    encode_meta,
    host_of,
    local_time,
    now_utc,
    to_timestamp,
    url_key,
)
from reader.cache.records import StoredStory
from reader.model import Article, Page, Teaser

STORY_COLUMNS = (
    "s.id, s.url, s.title, s.body, s.markdown, s.meta, s.fetched_at, s.last_read_ts, "
    "s.position, s.extractor_version, p.truncated, p.etag, p.last_modified"
)
PAGE_COLUMNS = (
    "p.url, p.final_url, p.status, p.content_type, p.charset, p.body, "
    "p.truncated, p.etag, p.last_modified, p.fetched_at, p.redirects"
)


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)


def stored_story(row: Sequence[Any]) -> StoredStory:
    """A StoredStory from a row of ``STORY_COLUMNS``."""
    return StoredStory(
        url=str(row[1]),
        article=decode_article(_opt(row[2]), str(row[3]), bytes(row[4]), str(row[5])),
        fetched_at=datetime.fromisoformat(str(row[6])),
        last_read=local_time(row[7]),
        position=float(row[8]),
        truncated=bool(row[10]),
        etag=_opt(row[11]),
        last_modified=_opt(row[12]),
        extractor_version=str(row[9]),
    )


def page_from_row(row: Sequence[Any]) -> Page:
    """A Page (body decompressed) from a row of ``PAGE_COLUMNS``."""
    return Page(
        url=str(row[0]),
        final_url=str(row[1]),
        status=int(row[2]),
        content_type=str(row[3]),
        charset=_opt(row[4]),
        body=decompress(bytes(row[5])),
        truncated=bool(row[6]),
        etag=_opt(row[7]),
        last_modified=_opt(row[8]),
        fetched_at=None if row[9] is None else datetime.fromisoformat(str(row[9])),
        redirects=tuple(str(u) for u in json.loads(str(row[10]))),
    )


def _article_columns(article: Article, url: str) -> tuple[str | None, str, bytes, str, str, int]:
    markdown_z = compress(article.markdown.encode("utf-8"))
    meta = encode_meta(article)
    site = article.site_name or host_of(url)
    title = article.title
    size = len(title or "") + 2 * len(article.text) + len(markdown_z) + len(meta) + 256
    return title, article.text, markdown_z, meta, site, size


def insert_story(
    conn: sqlite3.Connection, page: Page, article: Article, version: str, aliases: Iterable[str]
) -> int:
    final = url_key(page.final_url)
    requested = url_key(page.url)
    fetched = page.fetched_at or now_utc()
    fetched_ts = to_timestamp(fetched)
    title, text, markdown_z, meta, site, size = _article_columns(article, final)
    body_z = compress(page.body)
    size += len(body_z)
    row = conn.execute("SELECT id FROM story WHERE url = ?", (final,)).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT story_id FROM alias WHERE url IN (?, ?) ORDER BY url = ? DESC LIMIT 1",
            (final, requested, final),
        ).fetchone()
    if row is None:
        story_id = int(conn.execute(
            "INSERT INTO story(url, title, body, markdown, meta, site, extractor_version, "
            "fetched_at, fetched_ts, last_used_ts, size) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (final, title, text, markdown_z, meta, site, version, fetched.isoformat(),
             fetched_ts, fetched_ts, size),
        ).lastrowid or 0)
    else:
        story_id = int(row[0])
        conn.execute(
            "UPDATE story SET url = ?, title = ?, body = ?, markdown = ?, meta = ?, site = ?, "
            "extractor_version = ?, fetched_at = ?, fetched_ts = ?, "
            "last_used_ts = max(last_used_ts, ?), size = ? WHERE id = ?",
            (final, title, text, markdown_z, meta, site, version, fetched.isoformat(),
             fetched_ts, fetched_ts, size, story_id),
        )
    conn.execute(
        "INSERT OR REPLACE INTO page(story_id, url, final_url, status, content_type, charset, "
        "etag, last_modified, fetched_at, truncated, redirects, body, body_size) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (story_id, page.url, page.final_url, page.status, page.content_type, page.charset,
         page.etag, page.last_modified,
         None if page.fetched_at is None else page.fetched_at.isoformat(),
         int(page.truncated), json.dumps(list(page.redirects)), body_z, len(page.body)),
    )
    keys = [final, requested, *page.redirects, *aliases]
    if article.canonical_url:
        keys.append(article.canonical_url)
    for key in dict.fromkeys(url_key(k) for k in keys if k):
        # An alias moves to this story unless it is another story's own key.
        conn.execute(
            "INSERT INTO alias(url, story_id) VALUES (?, ?) ON CONFLICT(url) DO UPDATE "
            "SET story_id = excluded.story_id WHERE NOT EXISTS (SELECT 1 FROM story AS o "
            "WHERE o.id = alias.story_id AND o.url = alias.url AND o.id != excluded.story_id)",
            (key, story_id),
        )
    replace_teasers(conn, story_id, article.teasers)
    return story_id


def update_article(
    conn: sqlite3.Connection, story_id: int, url: str, article: Article, version: str
) -> None:
    title, text, markdown_z, meta, site, size = _article_columns(article, url)
    conn.execute(
        "UPDATE story SET title = ?, body = ?, markdown = ?, meta = ?, site = ?, "
        "extractor_version = ?, size = ? + (SELECT length(body) FROM page WHERE story_id = ?) "
        "WHERE id = ?",
        (title, text, markdown_z, meta, site, version, size, story_id, story_id),
    )
    if article.canonical_url:
        conn.execute(
            "INSERT OR IGNORE INTO alias(url, story_id) VALUES (?, ?)",
            (url_key(article.canonical_url), story_id),
        )
    replace_teasers(conn, story_id, article.teasers)


def replace_teasers(conn: sqlite3.Connection, story_id: int, teasers: Sequence[Teaser]) -> None:
    conn.execute("DELETE FROM story_teaser WHERE story_id = ?", (story_id,))
    conn.executemany(
        "INSERT INTO story_teaser(story_id, rank, link, url, title, summary, kind, image) "
        "VALUES (?,?,?,?,?,?,?,?)",
        [
            (story_id, rank, url_key(t.url), t.url, t.title, t.summary, t.kind, t.image)
            for rank, t in enumerate(teasers)
        ],
    )

"""Pictures in the cache: stored once by address, linked to every story that shows them.

A picture's row goes when its last link does (the ``story_picture_orphan`` trigger of
schema version 5), so deleting or pruning stories takes their pictures with them unless
another story still shows them.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from reader.cache.codec import url_key


@dataclass(frozen=True)
class StoredPicture:
    """A picture as the cache holds it (bytes as they came, verified when stored)."""

    url: str
    data: bytes
    media_type: str
    width: int
    height: int
    size: int
    fetched_at: datetime


def story_id(conn: sqlite3.Connection, story_url: str) -> int | None:
    row = conn.execute(
        "SELECT story_id FROM alias WHERE url = ?", (url_key(story_url),)
    ).fetchone()
    return None if row is None else int(row[0])


def read_picture(conn: sqlite3.Connection, url: str) -> StoredPicture | None:
    row = conn.execute(
        "SELECT url, data, media_type, width, height, size, fetched_ts FROM picture "
        "WHERE url = ?",
        (url_key(url),),
    ).fetchone()
    if row is None:
        return None
    return StoredPicture(
        url=row[0],
        data=bytes(row[1]),
        media_type=row[2],
        width=int(row[3]),
        height=int(row[4]),
        size=int(row[5]),
        fetched_at=datetime.fromtimestamp(float(row[6]), UTC),
    )


def insert_picture(
    conn: sqlite3.Connection,
    story: int,
    url: str,
    data: bytes,
    media_type: str,
    width: int,
    height: int,
) -> None:
    """Store (or replace) the picture at ``url`` and link it to the story ``story``."""
    conn.execute(
        "INSERT INTO picture(url, data, media_type, width, height, size, fetched_ts) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET data = excluded.data, "
        "media_type = excluded.media_type, width = excluded.width, "
        "height = excluded.height, size = excluded.size, fetched_ts = excluded.fetched_ts",
        (url_key(url), data, media_type, int(width), int(height), len(data), time.time()),
    )
    link(conn, story, url)


def link(conn: sqlite3.Connection, story: int, url: str) -> bool:
    """Link the stored picture at ``url`` to the story; False when it is not stored."""
    row = conn.execute("SELECT id FROM picture WHERE url = ?", (url_key(url),)).fetchone()
    if row is None:
        return False
    conn.execute(
        "INSERT OR IGNORE INTO story_picture(story_id, picture_id) VALUES (?, ?)",
        (story, int(row[0])),
    )
    return True


def is_linked(conn: sqlite3.Connection, story: int, url: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM story_picture AS l JOIN picture AS p ON p.id = l.picture_id "
        "WHERE l.story_id = ? AND p.url = ?",
        (story, url_key(url)),
    ).fetchone()
    return row is not None


def story_picture_bytes(conn: sqlite3.Connection, story: int) -> int:
    row = conn.execute(
        "SELECT coalesce(sum(p.size), 0) FROM story_picture AS l "
        "JOIN picture AS p ON p.id = l.picture_id WHERE l.story_id = ?",
        (story,),
    ).fetchone()
    return int(row[0])

"""Subscriptions in the cache: feeds, their tags, their items and read state.

Functions over a connection; ``Cache`` wraps each in its read or write transaction.
Values handed out are frozen records (``FeedRecord``, ``ItemRecord``): nothing keeps a
row or a cursor, so pruning stories or items never breaks one already handed out.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Protocol, TypeVar

from reader.cache.codec import plain, url_key
from reader.cache.records import FeedKind, FeedRecord, FullText, ItemRecord, NewItem

T = TypeVar("T")


class Transactions(Protocol):
    """What ``Subscriptions`` needs of the ``Cache``: its read and write transactions."""

    def _read(self, fn: Callable[[sqlite3.Connection], T], doing: str = ...) -> T: ...

    def _write(self, fn: Callable[[sqlite3.Connection], T], doing: str = ...) -> T: ...

_FEED_COLUMNS = (
    "f.id, f.url, f.title, f.site_url, f.kind, f.etag, f.last_modified, f.added_ts, "
    "f.last_success_ts, f.last_error, f.last_error_ts, f.not_before_ts, f.dead"
)


def _when(ts: float | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, UTC)


def _text(value: object) -> str | None:
    return None if value is None else plain(str(value))


def encode_published(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


def decode_published(value: str | None) -> datetime | date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
    except ValueError:
        return None


def _sort_ts(published: datetime | date | None, now: float) -> float:
    """Newest first by the published time; a day alone counts as its noon UTC; an item
    without a date sorts by when it was first seen."""
    if isinstance(published, datetime):
        moment = published if published.tzinfo else published.replace(tzinfo=UTC)
        return moment.timestamp()
    if isinstance(published, date):
        return datetime(published.year, published.month, published.day, 12, tzinfo=UTC).timestamp()
    return now


# -- feeds ---------------------------------------------------------------------------------
def _tags(conn: sqlite3.Connection, feed_id: int) -> tuple[str, ...]:
    rows = conn.execute(
        "SELECT tag FROM feed_tag WHERE feed_id = ? ORDER BY rank", (feed_id,)
    ).fetchall()
    return tuple(plain(r[0]) for r in rows)


def _feed(
    conn: sqlite3.Connection,
    row: Sequence[object],
    counts: tuple[int, int] | None = None,
    tags: tuple[str, ...] | None = None,
) -> FeedRecord:
    """The record of a feed row; ``counts`` (items, unread) and ``tags`` when the caller
    read them for many feeds at once, else read here."""
    feed_id = int(row[0])  # type: ignore[call-overload]
    if counts is None:
        counts = conn.execute(
            "SELECT count(*), coalesce(sum(i.read = 0), 0) FROM feed_item AS fi "
            "JOIN item AS i ON i.id = fi.item_id WHERE fi.feed_id = ?",
            (feed_id,),
        ).fetchone()
    return FeedRecord(
        url=str(row[1]),
        title=_text(row[2]),
        site_url=_text(row[3]),
        kind="page" if row[4] == "page" else "feed",
        tags=_tags(conn, feed_id) if tags is None else tags,
        etag=None if row[5] is None else str(row[5]),
        last_modified=None if row[6] is None else str(row[6]),
        added=_when(row[7]) or datetime.now(UTC),  # type: ignore[arg-type]
        last_success=_when(row[8]),  # type: ignore[arg-type]
        last_error=_text(row[9]),
        last_error_at=_when(row[10]),  # type: ignore[arg-type]
        not_before=_when(row[11]),  # type: ignore[arg-type]
        dead=bool(row[12]),
        items=int(counts[0]),
        unread=int(counts[1]),
    )


def feed_id(conn: sqlite3.Connection, url: str) -> int | None:
    row = conn.execute("SELECT id FROM feed WHERE url = ?", (url,)).fetchone()
    return None if row is None else int(row[0])


def get_feed(conn: sqlite3.Connection, url: str) -> FeedRecord | None:
    row = conn.execute(f"SELECT {_FEED_COLUMNS} FROM feed AS f WHERE f.url = ?", (url,)).fetchone()
    return None if row is None else _feed(conn, row)


def list_feeds(conn: sqlite3.Connection) -> list[FeedRecord]:
    """Every subscription with its counts and tags: three queries in all, not two a feed
    (a thousand feeds cost one pass over their items)."""
    rows = conn.execute(f"SELECT {_FEED_COLUMNS} FROM feed AS f ORDER BY f.id").fetchall()
    if not rows:
        return []
    # Items per feed from feed_item alone (every row has its item: foreign keys are on),
    # unread ones from the small index of unread items (``item_unread``; the CROSS JOIN
    # keeps SQLite from walking every item row, a table a hundred times larger).
    totals = conn.execute("SELECT feed_id, count(*) FROM feed_item GROUP BY feed_id")
    unread = dict(conn.execute(
        "SELECT fi.feed_id, count(*) FROM item AS i CROSS JOIN feed_item AS fi "
        "ON fi.item_id = i.id WHERE i.read = 0 GROUP BY fi.feed_id"
    ).fetchall())
    counts: dict[int, tuple[int, int]] = {
        int(fid): (int(n), int(unread.get(fid, 0))) for fid, n in totals.fetchall()
    }
    tags: dict[int, list[str]] = {}
    for fid, tag in conn.execute("SELECT feed_id, tag FROM feed_tag ORDER BY feed_id, rank"):
        tags.setdefault(int(fid), []).append(plain(tag))
    return [
        _feed(conn, r, counts.get(int(r[0]), (0, 0)), tuple(tags.get(int(r[0]), ())))
        for r in rows
    ]


def _add_tags(conn: sqlite3.Connection, fid: int, tags: Iterable[str]) -> None:
    row = conn.execute(
        "SELECT coalesce(max(rank), -1) FROM feed_tag WHERE feed_id = ?", (fid,)
    ).fetchone()
    rank = int(row[0]) + 1
    for tag in tags:
        cur = conn.execute(
            "INSERT OR IGNORE INTO feed_tag(feed_id, tag, rank) VALUES (?, ?, ?)", (fid, tag, rank)
        )
        rank += cur.rowcount


def add_feed(
    conn: sqlite3.Connection,
    url: str,
    *,
    title: str | None,
    site_url: str | None,
    kind: FeedKind,
    tags: Sequence[str],
    now: float,
) -> bool:
    """Store a new subscription; False (nothing changed) when ``url`` is already one."""
    if feed_id(conn, url) is not None:
        return False
    cur = conn.execute(
        "INSERT INTO feed(url, title, site_url, kind, added_ts) VALUES (?, ?, ?, ?, ?)",
        (url, title, site_url, kind, now),
    )
    _add_tags(conn, int(cur.lastrowid or 0), tags)
    return True


def import_feeds(
    conn: sqlite3.Connection,
    feeds: Sequence[tuple[str, str | None, str | None, Sequence[str], FeedKind]],
    now: float,
) -> tuple[int, int]:
    """Store (url, title, site, tags, kind) subscriptions; one already there gains the new
    tags and keeps everything else. Returns (added, already there)."""
    added = known = 0
    for url, title, site, tags, kind in feeds:
        fid = feed_id(conn, url)
        if fid is None:
            add_feed(conn, url, title=title, site_url=site, kind=kind, tags=tags, now=now)
            added += 1
        else:
            _add_tags(conn, fid, tags)
            known += 1
    return added, known


def remove_feed(conn: sqlite3.Connection, url: str) -> bool:
    """Remove a subscription and the items no other subscription brought; stories
    stored in the story cache stay there (they are the reading history)."""
    fid = feed_id(conn, url)
    if fid is None:
        return False
    conn.execute(
        "DELETE FROM item WHERE id IN (SELECT item_id FROM feed_item WHERE feed_id = ?) "
        "AND NOT EXISTS (SELECT 1 FROM feed_item AS o WHERE o.item_id = item.id "
        "AND o.feed_id != ?)",
        (fid, fid),
    )
    conn.execute("DELETE FROM feed WHERE id = ?", (fid,))
    return True


def record_success(
    conn: sqlite3.Connection,
    url: str,
    *,
    now: float,
    etag: str | None,
    last_modified: str | None,
    title: str | None = None,
    site_url: str | None = None,
) -> None:
    conn.execute(
        "UPDATE feed SET last_success_ts = ?, etag = ?, last_modified = ?, "
        "title = coalesce(?, title), site_url = coalesce(?, site_url), "
        "last_error = NULL, last_error_ts = NULL, not_before_ts = NULL, dead = 0 WHERE url = ?",
        (now, etag, last_modified, title, site_url, url),
    )


def record_error(
    conn: sqlite3.Connection,
    url: str,
    error: str,
    *,
    now: float,
    not_before: float | None = None,
    dead: bool = False,
) -> None:
    conn.execute(
        "UPDATE feed SET last_error = ?, last_error_ts = ?, not_before_ts = ?, "
        "dead = max(dead, ?) WHERE url = ?",
        (error, now, not_before, int(dead), url),
    )


def move_feed(conn: sqlite3.Connection, old: str, new: str) -> bool:
    """The feed at ``old`` now lives at ``new`` (a permanent redirect). When ``new`` is
    already a subscription the two become one: items and tags move over. Returns
    whether anything changed."""
    fid = feed_id(conn, old)
    if fid is None or old == new:
        return False
    other = feed_id(conn, new)
    if other is None:
        conn.execute("UPDATE feed SET url = ? WHERE id = ?", (new, fid))
        return True
    conn.execute(
        "INSERT OR IGNORE INTO feed_item(feed_id, guid, item_id, seen_ts) "
        "SELECT ?, guid, item_id, seen_ts FROM feed_item WHERE feed_id = ?",
        (other, fid),
    )
    _add_tags(conn, other, _tags(conn, fid))
    conn.execute("DELETE FROM feed WHERE id = ?", (fid,))
    return True


# -- items ---------------------------------------------------------------------------------
def store_items(
    conn: sqlite3.Connection,
    url: str,
    items: Sequence[NewItem],
    *,
    now: float,
    fulltext: FullText = "pending",
) -> list[tuple[int, str | None]]:
    """Record the feed's items. Returns (id, url) of the stories new to the cache (not
    already brought by this or another feed), in feed order. An item seen before keeps
    its read state; its title and summary follow the feed."""
    fid = feed_id(conn, url)
    if fid is None:
        return []
    fresh: list[tuple[int, str | None]] = []
    for item in items:
        known = conn.execute(
            "SELECT item_id FROM feed_item WHERE feed_id = ? AND guid = ?", (fid, item.guid)
        ).fetchone()
        if known is not None:
            conn.execute(
                "UPDATE item SET title = coalesce(?, title), summary = coalesce(?, summary) "
                "WHERE id = ?",
                (item.title, item.summary, int(known[0])),
            )
            continue
        key = url_key(item.url) if item.url else None
        row = (
            conn.execute("SELECT id FROM item WHERE url = ?", (key,)).fetchone()
            if key is not None
            else None
        )
        if row is not None:
            item_id = int(row[0])
        else:
            cur = conn.execute(
                "INSERT INTO item(url, title, published, sort_ts, summary, content, author, "
                "first_seen_ts, fulltext) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    key, item.title, encode_published(item.published),
                    _sort_ts(item.published, now), item.summary, item.content, item.author,
                    now, fulltext if key is not None else "feed-only",
                ),
            )
            item_id = int(cur.lastrowid or 0)
            fresh.append((item_id, key))
        conn.execute(
            "INSERT OR IGNORE INTO feed_item(feed_id, guid, item_id, seen_ts) VALUES (?, ?, ?, ?)",
            (fid, item.guid, item_id, now),
        )
    return fresh


def set_fulltext(
    conn: sqlite3.Connection,
    item_id: int,
    state: FullText,
    error: str | None = None,
    published: datetime | date | None = None,
) -> None:
    """The item's full-text state; ``published`` (the story's own date) dates an item its
    feed left undated, and sorts it there."""
    conn.execute(
        "UPDATE item SET fulltext = ?, fulltext_error = ? WHERE id = ?", (state, error, item_id)
    )
    if published is not None:
        conn.execute(
            "UPDATE item SET published = ?, sort_ts = ? WHERE id = ? AND published IS NULL",
            (encode_published(published), _sort_ts(published, 0.0), item_id),
        )


def pending_fulltext(conn: sqlite3.Connection, feeds: Sequence[str] | None = None) -> list[
    tuple[int, str]
]:
    """Items whose full story was never fetched (a refresh cut short), oldest first."""
    sql = "SELECT i.id, i.url FROM item AS i WHERE i.fulltext = 'pending' AND i.url IS NOT NULL"
    args: list[object] = []
    if feeds is not None:
        marks = ",".join("?" * len(feeds))
        sql += (
            " AND i.id IN (SELECT fi.item_id FROM feed_item AS fi JOIN feed AS f "
            f"ON f.id = fi.feed_id WHERE f.url IN ({marks}))"
        )
        args.extend(feeds)
    return [(int(r[0]), str(r[1])) for r in conn.execute(sql + " ORDER BY i.id", args)]


def list_items(
    conn: sqlite3.Connection,
    *,
    feed: str | None = None,
    tag: str | None = None,
    unread: bool = False,
    limit: int | None = None,
) -> list[ItemRecord]:
    """Items newest first (by published time, else first seen), each story once."""
    where: list[str] = []
    args: list[object] = []
    if feed is not None:
        where.append(
            "i.id IN (SELECT fi.item_id FROM feed_item AS fi JOIN feed AS f "
            "ON f.id = fi.feed_id WHERE f.url = ?)"
        )
        args.append(feed)
    if tag is not None:
        where.append(
            "i.id IN (SELECT fi.item_id FROM feed_item AS fi JOIN feed_tag AS t "
            "ON t.feed_id = fi.feed_id WHERE t.tag = ?)"
        )
        args.append(tag)
    if unread:
        where.append("i.read = 0")
    sql = (
        "SELECT i.id, i.url, i.title, i.published, i.summary, i.content, i.author, "
        "i.first_seen_ts, i.read, i.fulltext, i.fulltext_error, "
        "EXISTS (SELECT 1 FROM alias AS a WHERE a.url = i.url) FROM item AS i"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY i.sort_ts DESC, i.id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        args.append(max(0, limit))
    rows = conn.execute(sql, args).fetchall()
    sources = _sources(conn, [int(r[0]) for r in rows])
    return [
        ItemRecord(
            id=int(r[0]),
            url=r[1],
            title=_text(r[2]),
            published=decode_published(r[3]),
            summary=_text(r[4]),
            content=r[5],
            author=_text(r[6]),
            first_seen=_when(r[7]) or datetime.now(UTC),
            read=bool(r[8]),
            fulltext=r[9],
            fulltext_error=_text(r[10]),
            feeds=sources.get(int(r[0]), ()),
            offline=bool(r[11]),
        )
        for r in rows
    ]


def _sources(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for item_id, url in conn.execute(
            "SELECT fi.item_id, f.url FROM feed_item AS fi JOIN feed AS f ON f.id = fi.feed_id "
            f"WHERE fi.item_id IN ({marks}) ORDER BY fi.item_id, fi.seen_ts, f.id",
            chunk,
        ):
            urls = found.setdefault(int(item_id), [])
            if url not in urls:
                urls.append(str(url))
    return {k: tuple(v) for k, v in found.items()}


def mark_read(
    conn: sqlite3.Connection, urls: Sequence[str] | None = None, *, read: bool = True,
    ids: Sequence[int] = (),
) -> int:
    """Mark items read (or unread) by story URL or id; ``urls`` None means every item.
    Returns how many changed."""
    if urls is None and not ids:
        flag = int(read)
        return conn.execute("UPDATE item SET read = ? WHERE read != ?", (flag, flag)).rowcount
    changed = 0
    for url in urls or ():
        changed += conn.execute(
            "UPDATE item SET read = ? WHERE url = ? AND read != ?",
            (int(read), url_key(url), int(read)),
        ).rowcount
    for item_id in ids:
        changed += conn.execute(
            "UPDATE item SET read = ? WHERE id = ? AND read != ?", (int(read), item_id, int(read))
        ).rowcount
    return changed


class Subscriptions:
    """The cache's subscriptions (``cache.subscriptions``): each method one read or one
    write transaction of the cache, with its locking, retries and error sentences."""

    def __init__(self, cache: Transactions) -> None:
        self._cache = cache

    def feed(self, url: str) -> FeedRecord | None:
        return self._cache._read(lambda c: get_feed(c, url), "read a subscription")

    def feeds(self) -> list[FeedRecord]:
        """Every subscription with its counts."""
        return self._cache._read(list_feeds, "read the subscriptions")

    def titles(self) -> dict[str, str | None]:
        """Every subscription's URL and title (no counts: cheap for a list of items)."""
        rows = self._cache._read(
            lambda c: c.execute("SELECT url, title FROM feed").fetchall(),
            "read the subscriptions",
        )
        return {str(r[0]): _text(r[1]) for r in rows}

    def add(
        self,
        url: str,
        *,
        title: str | None = None,
        site_url: str | None = None,
        kind: FeedKind = "feed",
        tags: Sequence[str] = (),
    ) -> bool:
        now = time.time()
        return self._cache._write(
            lambda c: add_feed(
                c, url, title=title, site_url=site_url, kind=kind, tags=tags, now=now
            ),
            "store the subscription",
        )

    def import_many(
        self, feeds: Sequence[tuple[str, str | None, str | None, Sequence[str], FeedKind]]
    ) -> tuple[int, int]:
        now = time.time()
        return self._cache._write(lambda c: import_feeds(c, feeds, now), "store the subscriptions")

    def remove(self, url: str) -> bool:
        return self._cache._write(lambda c: remove_feed(c, url), "remove the subscription")

    def moved(self, old: str, new: str) -> bool:
        return self._cache._write(lambda c: move_feed(c, old, new), "update the feed's address")

    def succeeded(
        self,
        url: str,
        *,
        etag: str | None,
        last_modified: str | None,
        title: str | None = None,
        site_url: str | None = None,
        items: Sequence[NewItem] = (),
        fulltext: FullText = "pending",
    ) -> list[tuple[int, str | None]]:
        """Record a successful refresh and its items, in one transaction; returns the
        stories new to the cache (see ``store_items``)."""
        now = time.time()

        def run(c: sqlite3.Connection) -> list[tuple[int, str | None]]:
            record_success(
                c, url, now=now, etag=etag, last_modified=last_modified, title=title,
                site_url=site_url,
            )
            return store_items(c, url, items, now=now, fulltext=fulltext)

        return self._cache._write(run, "store the feed's items")

    def unchanged(self, feeds: Sequence[tuple[str, str | None, str | None]]) -> None:
        """Record (url, etag, last_modified) of feeds that answered 304, all in one
        transaction: an unchanged feed writes nothing else."""
        if not feeds:
            return
        now = time.time()

        def run(c: sqlite3.Connection) -> None:
            for url, etag, last_modified in feeds:
                record_success(c, url, now=now, etag=etag, last_modified=last_modified)

        self._cache._write(run, "record the refresh")

    def failed(
        self, url: str, error: str, *, not_before: float | None = None, dead: bool = False
    ) -> None:
        now = time.time()
        self._cache._write(
            lambda c: record_error(c, url, error, now=now, not_before=not_before, dead=dead),
            "record the feed's error",
        )

    def items(
        self,
        *,
        feed: str | None = None,
        tag: str | None = None,
        unread: bool = False,
        limit: int | None = None,
    ) -> list[ItemRecord]:
        return self._cache._read(
            lambda c: list_items(c, feed=feed, tag=tag, unread=unread, limit=limit),
            "read the subscriptions' stories",
        )

    def pending(self, feeds: Sequence[str] | None = None) -> list[tuple[int, str]]:
        return self._cache._read(lambda c: pending_fulltext(c, feeds), "read the cache")

    def fulltext(
        self,
        item_id: int,
        state: FullText,
        error: str | None = None,
        published: datetime | date | None = None,
    ) -> None:
        self._cache._write(
            lambda c: set_fulltext(c, item_id, state, error, published),
            "record the story's state",
        )

    def mark_read(
        self, urls: Sequence[str] | None = None, *, read: bool = True, ids: Sequence[int] = ()
    ) -> int:
        return self._cache._write(
            lambda c: mark_read(c, urls, read=read, ids=ids), "record the reading"
        )

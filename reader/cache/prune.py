"""Keeping the cache bounded: delete least-recently-used stories, give space back.

A story is *used* when it is fetched or read (``story.last_used_ts``). Deleting a story
deletes its page, teasers, aliases and picture links (foreign keys cascade), its index
entries and every picture no other story shows (triggers); teaser records no story links
any more go too. A story's weight when choosing how many to delete is its own size plus
its pictures' bytes. Deletions run in small
transactions so another ``reader`` process never waits long.

Size means pages in use: ``(page_count - freelist_count) * page_size``. Free pages are
handed back to the file system with ``incremental_vacuum`` (the file is created with
``auto_vacuum = INCREMENTAL``), so after a prune the file shrinks as well.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from typing import Protocol, TypeVar

T = TypeVar("T")


class Writer(Protocol):
    """Runs a function in one short write transaction and returns its result."""

    def __call__(self, fn: Callable[[sqlite3.Connection], T], /) -> T: ...

BATCH = 200
MAX_ROUNDS = 12


def used_bytes(conn: sqlite3.Connection) -> int:
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    return int((pages - free) * size)


def _delete(write: Writer, ids: list[int]) -> int:
    done = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]

        def run(conn: sqlite3.Connection, chunk: list[int] = chunk) -> int:
            marks = ",".join("?" * len(chunk))
            cur = conn.execute(f"DELETE FROM story WHERE id IN ({marks})", chunk)
            return cur.rowcount

        done += write(run)
    return done


def _tidy(write: Writer) -> None:
    """Drop orphan teaser records, merge index segments, return free pages."""

    def run(conn: sqlite3.Connection) -> None:
        conn.execute(
            "DELETE FROM teaser_link WHERE NOT EXISTS "
            "(SELECT 1 FROM story_teaser AS t WHERE t.link = teaser_link.url)"
        )
        conn.execute(  # the trigger keeps this empty; a file changed by hand may not
            "DELETE FROM picture WHERE NOT EXISTS "
            "(SELECT 1 FROM story_picture AS l WHERE l.picture_id = picture.id)"
        )
        conn.execute("INSERT INTO story_fts(story_fts, rank) VALUES ('merge', 200)")
        conn.execute("INSERT INTO title_fts(title_fts, rank) VALUES ('merge', 200)")

    write(run)
    write(lambda conn: conn.execute("PRAGMA incremental_vacuum").fetchall())


def prune_older(conn: sqlite3.Connection, write: Writer, days: float) -> int:
    cutoff = time.time() - days * 86400.0
    ids = [int(r[0]) for r in conn.execute(
        "SELECT id FROM story WHERE last_used_ts < ? ORDER BY last_used_ts, id", (cutoff,)
    )]
    return _delete(write, ids)


def prune_to_size(
    conn: sqlite3.Connection,
    write: Writer,
    max_bytes: int,
    keep: int | None = None,
    max_delete: int | None = None,
) -> int:
    """Delete LRU stories until the pages in use fit in ``max_bytes`` (or ``max_delete``
    stories went: a bound on the work of one call)."""
    deleted = 0
    for _ in range(MAX_ROUNDS):
        used = used_bytes(conn)
        if used <= max_bytes or (max_delete is not None and deleted >= max_delete):
            break
        excess = used - max_bytes
        ids: list[int] = []
        freed = 0
        for story_id, size in conn.execute(
            "SELECT s.id, s.size + coalesce((SELECT sum(p.size) FROM story_picture AS l "
            "JOIN picture AS p ON p.id = l.picture_id WHERE l.story_id = s.id), 0) "
            "FROM story AS s WHERE s.id IS NOT ? ORDER BY s.last_used_ts, s.id",
            (keep,),
        ):
            ids.append(int(story_id))
            freed += int(size)
            if freed >= excess or (max_delete is not None and deleted + len(ids) >= max_delete):
                break
        if not ids:
            break
        deleted += _delete(write, ids)
        _tidy(write)
        if used_bytes(conn) >= used:
            # Deleting wrote index tombstones faster than it freed pages: fold them in.
            write(lambda c: c.execute("INSERT INTO story_fts(story_fts) VALUES ('optimize')"))
            write(lambda c: c.execute("INSERT INTO title_fts(title_fts) VALUES ('optimize')"))
            _tidy(write)
            if used_bytes(conn) >= used:
                break
    return deleted


def prune(
    conn: sqlite3.Connection,
    write: Writer,
    *,
    older_than_days: float | None,
    max_bytes: int | None,
    keep: int | None = None,
    max_delete: int | None = None,
) -> int:
    deleted = 0
    if older_than_days is not None:
        deleted += prune_older(conn, write, older_than_days)
    if max_bytes is not None:
        deleted += prune_to_size(conn, write, max_bytes, keep, max_delete)
    if deleted:
        _tidy(write)
    return deleted

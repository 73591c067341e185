"""The local store: one SQLite file, ``reader.sqlite3`` in the cache folder.

Contract the library relies on (keep these names and meanings). Opening never raises
(see ``Cache.warnings``); writes raise ``CacheError`` with a sentence a person can act
on. One connection, usable from any thread (a lock guards it); every write is one short
``BEGIN IMMEDIATE`` transaction, retried while another process holds the lock.
Schema and migrations: ``schema``; opening and recovery: ``connect``; search:
``search``; pruning: ``prune``; rows: ``rows``; encoding: ``codec``.
Search and pruning are imported when first used: opening a story at start-up needs
neither.
"""

from __future__ import annotations

import contextlib
import math
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from reader.cache.codec import local_time, plain, url_key
from reader.cache.connect import (
    damage_flag,
    is_corruption,
    open_cache,
    open_memory,
    primary_code,
)
from reader.cache.pictures import (
    StoredPicture,
    insert_picture,
    is_linked,
    read_picture,
    story_id,
    story_picture_bytes,
)
from reader.cache.pictures import link as link_picture
from reader.cache.records import StoredStory, StoryRow, TeaserRecord, TeaserStatus
from reader.cache.rows import (
    PAGE_COLUMNS,
    STORY_COLUMNS,
    insert_story,
    page_from_row,
    replace_teasers,
    stored_story,
)
from reader.config import MAX_CACHE_BYTES
from reader.errors import CacheError
from reader.model import Article, Page, Teaser

if TYPE_CHECKING:
    from reader.cache.subscriptions import Subscriptions

T = TypeVar("T")

DEFAULT_MAX_BYTES = MAX_CACHE_BYTES
CHECK_SIZE_EVERY = 32
"""put() measures the file every this many stores (and on the first)."""
PRUNE_TO = 0.9
"""Automatic pruning goes down to this share of the limit, so it does not run often."""
CHECK_SIZE_PICTURE_BYTES = 8_000_000
"""put_picture() measures the file each time this many picture bytes were stored since
the last measure (pictures grow the file faster than stories)."""
AUTO_PRUNE_MAX = 500
"""At most this many stories go in one automatic prune (about a second of work); the
next checks go on until the cache fits."""
_BUSY_RETRIES = 3
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_FULL, _SQLITE_READONLY = 5, 6, 13, 8


class Cache:
    """Open with ``Cache.open(directory)``; never raises for a broken file (see warnings)."""

    path: Path | None
    warnings: list[str]

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path | None,
        warnings: list[str],
        max_bytes: int | None = DEFAULT_MAX_BYTES,
    ) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self.path = path
        self.warnings = warnings
        self.max_bytes = max_bytes
        self._puts = 0
        self._picture_bytes = 0
        """Picture bytes stored since the file was last measured."""
        self._closed = False

    @classmethod
    def open(cls, directory: Path, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Cache:
        """Open ``directory/reader.sqlite3`` (created with its folder when missing).

        ``max_bytes`` is the size limit put() keeps to (None: no limit).
        """
        opened = open_cache(Path(directory))
        return cls(opened.conn, opened.path, opened.warnings, max_bytes)

    @classmethod
    def in_memory(cls) -> Cache:
        """A cache that lives in memory for this process only."""
        return cls(open_memory(), None, [], None)

    # -- plumbing ---------------------------------------------------------------------

    def _error(self, exc: sqlite3.Error, doing: str) -> CacheError:
        where = f"the cache file {self.path}" if self.path else "the in-memory cache"
        code = primary_code(exc)
        if code == _SQLITE_FULL:
            return CacheError(
                f"could not {doing}: {where} is full (disk or size limit); nothing was "
                "changed; free some disk space or run `reader cache prune`"
            )
        if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
            return CacheError(
                f"could not {doing}: {where} stayed locked by another reader process; "
                "try again"
            )
        if code == _SQLITE_READONLY:
            return CacheError(f"could not {doing}: {where} is read-only ({exc})")
        if is_corruption(exc):
            if self.path is not None:
                with contextlib.suppress(OSError):
                    damage_flag(self.path).touch()
            return CacheError(
                f"could not {doing}: {where} is damaged ({exc}); the next time reader "
                "starts it moves the file aside (kept) and starts a new cache"
            )
        return CacheError(f"could not {doing}: {where} failed ({exc})")

    def _check_open(self) -> None:
        if self._closed:
            raise CacheError("the cache was closed; open it again")

    def _write(self, fn: Callable[[sqlite3.Connection], T], doing: str = "write the cache") -> T:
        """Run ``fn`` in one BEGIN IMMEDIATE transaction, retrying while busy."""
        with self._lock:
            self._check_open()
            conn = self._conn
            for attempt in range(_BUSY_RETRIES):
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    break
                except sqlite3.OperationalError as exc:
                    busy = primary_code(exc) in (_SQLITE_BUSY, _SQLITE_LOCKED)
                    if not busy or attempt == _BUSY_RETRIES - 1:
                        raise self._error(exc, doing) from None
                    time.sleep(0.05 * (attempt + 1))
            try:
                result = fn(conn)
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self._error(exc, doing) from None
                if isinstance(exc, UnicodeEncodeError):  # a lone surrogate in some text
                    raise CacheError(
                        f"could not {doing}: its text holds characters that cannot be stored "
                        f"({exc.reason}); nothing was changed"
                    ) from None
                raise
            return result

    def _read(self, fn: Callable[[sqlite3.Connection], T], doing: str = "read the cache") -> T:
        with self._lock:
            self._check_open()
            try:
                return fn(self._conn)
            except sqlite3.Error as exc:
                raise self._error(exc, doing) from None

    # -- stories ----------------------------------------------------------------------

    def get(self, url: str) -> StoredStory | None:
        """The story stored under ``url`` or any alias of it (requested, final, canonical)."""

        def run(conn: sqlite3.Connection) -> StoredStory | None:
            row = conn.execute(
                f"SELECT {STORY_COLUMNS} FROM alias AS a JOIN story AS s ON s.id = a.story_id "
                "LEFT JOIN page AS p ON p.story_id = s.id WHERE a.url = ?",
                (url_key(url),),
            ).fetchone()
            return None if row is None else stored_story(row)

        return self._read(run, "read a story from the cache")

    def put(
        self, page: Page, article: Article, *, extractor_version: str, aliases: Iterable[str] = ()
    ) -> StoredStory:
        """Store page and article (one transaction); ``page.url``, ``page.final_url``,
        ``article.canonical_url`` and ``aliases`` all lead to it afterwards.

        Storing a story already there (by its final URL, else by the URL asked for)
        replaces its page and article and keeps its reading history and position.
        """

        def run(conn: sqlite3.Connection) -> tuple[int, StoredStory]:
            story_id = insert_story(conn, page, article, extractor_version, aliases)
            row = conn.execute(
                f"SELECT {STORY_COLUMNS} FROM story AS s LEFT JOIN page AS p "
                "ON p.story_id = s.id WHERE s.id = ?",
                (story_id,),
            ).fetchone()
            return story_id, stored_story(row)

        story_id, stored = self._write(run, "store the story in the cache")
        self._after_put(story_id)
        return stored

    def put_many(self, items: Iterable[tuple[Page, Article, str]]) -> int:
        """Store many (page, article, extractor_version) at once, in one transaction
        (an import or a benchmark); returns how many."""
        batch = list(items)
        self._write(
            lambda conn: [insert_story(conn, p, a, v, ()) for p, a, v in batch],
            "store stories in the cache",
        )
        return len(batch)

    def _after_put(self, story_id: int, *, check: bool = False) -> None:
        check = check or self._puts % CHECK_SIZE_EVERY == 0
        self._puts += 1
        if not check or self.max_bytes is None:
            return
        limit = self.max_bytes
        from reader.cache import prune as cache_prune

        try:
            if self._read(cache_prune.used_bytes) > limit:
                with self._lock:
                    cache_prune.prune(
                        self._conn, self._write, older_than_days=None,
                        max_bytes=int(limit * PRUNE_TO), keep=story_id,
                        max_delete=AUTO_PRUNE_MAX,
                    )
        except (CacheError, sqlite3.Error) as exc:
            # The story is stored; a prune that could not run now runs on a later put.
            note = f"could not keep the cache under its size limit: {exc}"
            if note not in self.warnings:
                self.warnings.append(note)

    def raw_page(self, url: str) -> Page | None:
        def run(conn: sqlite3.Connection) -> Page | None:
            row = conn.execute(
                f"SELECT {PAGE_COLUMNS} "
                "FROM alias AS a JOIN page AS p ON p.story_id = a.story_id WHERE a.url = ?",
                (url_key(url),),
            ).fetchone()
            return None if row is None else page_from_row(row)

        return self._read(run, "read a page from the cache")

    def touch(self, url: str) -> None:
        """Record that the story was read now (moves it to the top of ``recent``)."""
        now = time.time()
        self._write(
            lambda conn: conn.execute(
                "UPDATE story SET last_read_ts = ?, last_used_ts = ? "
                "WHERE id = (SELECT story_id FROM alias WHERE url = ?)",
                (now, now, url_key(url)),
            ),
            "record the reading in the cache",
        )

    def set_position(self, url: str, position: float) -> None:
        value = float(position)
        if not math.isfinite(value) or value < 0:
            value = 0.0
        self._write(
            lambda conn: conn.execute(
                "UPDATE story SET position = ? "
                "WHERE id = (SELECT story_id FROM alias WHERE url = ?)",
                (value, url_key(url)),
            ),
            "remember the reading position",
        )

    def recent(self, limit: int = 200, offset: int = 0) -> list[StoryRow]:
        """Stories read, most recently read first."""
        rows = self._read(
            lambda conn: conn.execute(
                "SELECT url, title, site, last_read_ts FROM story WHERE last_read_ts IS NOT NULL "
                "ORDER BY last_read_ts DESC, id DESC LIMIT ? OFFSET ?",
                (max(0, limit), max(0, offset)),
            ).fetchall()
        )
        return [
            StoryRow(r[0], plain(r[1] or ""), plain(r[2] or ""), local_time(r[3])) for r in rows
        ]

    def search(self, query: str, limit: int = 50) -> list[StoryRow]:
        """Full-text search over titles and bodies, best match first, with snippets.

        Every stored story is searched, read or only prefetched (``last_read`` None).
        """
        from reader.cache.search import hits, parse_query, search_ids

        parsed = parse_query(query)
        if parsed is None or limit <= 0:
            return []

        def run(conn: sqlite3.Connection) -> list[StoryRow]:
            conn.execute("BEGIN")  # one snapshot for the several queries of a search
            try:
                found = hits(conn, parsed, search_ids(conn, parsed.expression, limit))
            finally:
                conn.execute("COMMIT")
            return [
                StoryRow(h.url, plain(h.title or ""), plain(h.site), local_time(h.last_read_ts),
                         plain(h.snippet))
                for h in found
            ]

        return self._read(run, "search the cache")

    # -- teasers ----------------------------------------------------------------------

    def put_teasers(self, story_url: str, teasers: Sequence[Teaser]) -> None:
        """Replace the story's teasers (rank = position in ``teasers``); a story not
        stored is ignored."""

        def run(conn: sqlite3.Connection) -> None:
            story = story_id(conn, story_url)
            if story is not None:
                replace_teasers(conn, story, teasers)

        self._write(run, "store the teasers in the cache")

    def teasers(self, story_url: str) -> list[TeaserRecord]:
        rows = self._read(
            lambda conn: conn.execute(
                "SELECT t.rank, t.url, t.title, t.summary, t.kind, t.image, l.status, "
                "l.final_url, l.title, l.site, l.published, l.error "
                "FROM alias AS a JOIN story_teaser AS t ON t.story_id = a.story_id "
                "LEFT JOIN teaser_link AS l ON l.url = t.link WHERE a.url = ? ORDER BY t.rank",
                (url_key(story_url),),
            ).fetchall()
        )
        return [
            TeaserRecord(
                teaser=Teaser(url=r[1], title=r[2], summary=r[3], kind=r[4], image=r[5]),
                rank=int(r[0]),
                status=r[6] or "pending",
                final_url=r[7], title=r[8], site=r[9], published=r[10], error=r[11],
            )
            for r in rows
        ]

    def update_teaser(
        self,
        teaser_url: str,
        *,
        status: TeaserStatus,
        final_url: str | None = None,
        title: str | None = None,
        site: str | None = None,
        published: str | None = None,
        error: str | None = None,
    ) -> None:
        """Record what fetching a teaser's URL found (shared by every story linking it)."""
        self._write(
            lambda conn: conn.execute(
                "INSERT OR REPLACE INTO teaser_link(url, status, final_url, title, site, "
                "published, error, updated_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (url_key(teaser_url), status, final_url, title, site, published, error,
                 time.time()),
            ),
            "record the teaser in the cache",
        )

    # -- pictures ---------------------------------------------------------------------

    def picture(self, url: str) -> StoredPicture | None:
        """The stored picture at ``url`` (bytes verified when stored), or None."""
        return self._read(lambda conn: read_picture(conn, url), "read a picture from the cache")

    def picture_size(self, url: str) -> int | None:
        """Bytes of the stored picture at ``url`` (None: not stored), without reading it."""

        def run(conn: sqlite3.Connection) -> int | None:
            row = conn.execute(
                "SELECT size FROM picture WHERE url = ?", (url_key(url),)
            ).fetchone()
            return None if row is None else int(row[0])

        return self._read(run, "read the cache")

    def put_picture(
        self,
        story_url: str,
        url: str,
        data: bytes,
        *,
        media_type: str,
        width: int,
        height: int,
    ) -> bool:
        """Store the picture at ``url`` (once, whatever number of stories show it) and
        link it to the story stored under ``story_url``. A story not stored is not
        linked and the picture not kept: returns False then."""

        def run(conn: sqlite3.Connection) -> int | None:
            story = story_id(conn, story_url)
            if story is not None:
                insert_picture(conn, story, url, data, media_type, width, height)
            return story

        story = self._write(run, "store a picture in the cache")
        if story is None:
            return False
        self._picture_bytes += len(data)
        if self._picture_bytes >= CHECK_SIZE_PICTURE_BYTES:
            self._picture_bytes = 0
            self._after_put(story, check=True)
        return True

    def link_picture(self, story_url: str, url: str) -> bool:
        """Link the stored picture at ``url`` to the story under ``story_url`` too (a
        picture two stories show); False when either is not stored."""

        def linked(conn: sqlite3.Connection) -> bool | None:
            story = story_id(conn, story_url)
            if story is None:
                return False
            return True if is_linked(conn, story, url) else None

        known = self._read(linked)
        if known is not None:
            return known

        def run(conn: sqlite3.Connection) -> bool:
            story = story_id(conn, story_url)
            return story is not None and link_picture(conn, story, url)

        return self._write(run, "link a picture in the cache")

    def picture_bytes(self, story_url: str) -> int:
        """Bytes of the pictures stored with the story (0 for a story not stored)."""

        def run(conn: sqlite3.Connection) -> int:
            story = story_id(conn, story_url)
            return 0 if story is None else story_picture_bytes(conn, story)

        return self._read(run, "read the cache")

    # -- subscriptions ----------------------------------------------------------------

    @property
    def subscriptions(self) -> Subscriptions:
        """Feeds, their items and read state (``reader.cache.subscriptions``)."""
        from reader.cache.subscriptions import Subscriptions

        return Subscriptions(self)

    # -- upkeep -----------------------------------------------------------------------

    def prune(self, *, older_than_days: float | None = None, max_bytes: int | None = None) -> int:
        """Delete the least recently used stories; returns how many went."""
        from reader.cache import prune as cache_prune

        with self._lock:
            self._check_open()
            try:
                return cache_prune.prune(
                    self._conn, self._write, older_than_days=older_than_days, max_bytes=max_bytes
                )
            except sqlite3.Error as exc:
                raise self._error(exc, "prune the cache") from None

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("PRAGMA optimize")
            self._conn.close()

    def __enter__(self) -> Cache:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

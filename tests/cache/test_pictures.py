"""Pictures in the cache: stored once however many stories show them, gone with their
last story (deleted or pruned), counted in the cache's size; a version 4 file migrates
to version 5 with everything it held."""

from __future__ import annotations

import os
import sqlite3
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from reader.cache import Cache
from reader.cache.prune import used_bytes
from reader.cache.schema import apply_migrations
from tests.support.cache import article, integrity, page, raw

STORY = "http://news.test/story/{}"


def picture_rows(path: Path) -> dict[str, int]:
    conn = raw(path)
    try:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("picture", "story_picture")
        }
    finally:
        conn.close()


def used(path: Path) -> int:
    conn = raw(path)
    try:
        return used_bytes(conn)
    finally:
        conn.close()


def put_story(cache: Cache, n: int, when: datetime | None = None) -> str:
    cache.put(page(n, fetched_at=when or datetime.now(UTC)), article(n), extractor_version="1")
    return STORY.format(n)


def test_a_picture_is_stored_once_and_shared(cache_dir: Path) -> None:
    data = os.urandom(5000)
    with Cache.open(cache_dir) as cache:
        one, two = put_story(cache, 1), put_story(cache, 2)
        assert cache.put_picture(one, "http://pics.test/a.jpg#x", data, media_type="image/jpeg",
                                 width=30, height=20)
        assert cache.link_picture(two, "http://pics.test/a.jpg")
        assert cache.link_picture(two, "http://pics.test/a.jpg")  # twice is once
        stored = cache.picture("http://pics.test/a.jpg")
        assert stored is not None
        assert (stored.data, stored.media_type, stored.width, stored.height, stored.size) == (
            data, "image/jpeg", 30, 20, 5000
        )
        assert cache.picture_bytes(one) == cache.picture_bytes(two) == 5000
        # by any alias of the story
        assert cache.picture_bytes("http://news.test/ask/1") == 5000
        assert not cache.link_picture(two, "http://pics.test/never-stored.jpg")
        assert not cache.put_picture("http://news.test/not-stored", "http://pics.test/b.png",
                                     b"x", media_type="image/png", width=1, height=1)
        assert cache.picture("http://pics.test/b.png") is None
    assert picture_rows(cache_dir / "reader.sqlite3") == {"picture": 1, "story_picture": 2}


def test_a_picture_goes_with_the_last_story_that_shows_it(cache_dir: Path) -> None:
    old = datetime.now(UTC) - timedelta(days=60)
    with Cache.open(cache_dir) as cache:
        one, two = put_story(cache, 1, old), put_story(cache, 2)
        kinds = {"media_type": "image/png", "width": 2, "height": 2}
        cache.put_picture(one, "http://pics.test/shared.png", b"s" * 100, **kinds)
        cache.put_picture(one, "http://pics.test/own.png", b"o" * 100, **kinds)
        cache.put_picture(two, "http://pics.test/shared.png", b"s" * 100, **kinds)
        assert cache.prune(older_than_days=30) == 1
        assert cache.picture("http://pics.test/own.png") is None
        assert cache.picture("http://pics.test/shared.png") is not None
        assert cache.prune(older_than_days=-1) == 1
        assert cache.picture("http://pics.test/shared.png") is None
    assert picture_rows(cache_dir / "reader.sqlite3") == {"picture": 0, "story_picture": 0}


def test_pruning_by_size_counts_the_pictures(cache_dir: Path) -> None:
    """Stories of a few hundred bytes with 100 kB of pictures each: only counting the
    pictures brings the cache under the limit."""
    base = datetime.now(UTC) - timedelta(days=10)
    path = cache_dir / "reader.sqlite3"
    with Cache.open(cache_dir, max_bytes=None) as cache:
        for n in range(20):
            story = put_story(cache, n, base + timedelta(minutes=n))
            cache.put_picture(story, f"http://pics.test/{n}.jpg", os.urandom(100_000),
                              media_type="image/jpeg", width=10, height=10)
        before = used(path)
        assert before > 2_000_000
        removed = cache.prune(max_bytes=800_000)
        left = [n for n in range(20) if cache.get(STORY.format(n))]
        assert removed == 20 - len(left) and 3 <= len(left) <= 8
        assert left == list(range(20 - len(left), 20))  # the oldest went
        for n in range(20):
            assert (cache.picture(f"http://pics.test/{n}.jpg") is not None) == (n in left)
    assert used(path) <= 800_000
    assert integrity(path) == "ok"
    assert picture_rows(path) == {"picture": len(left), "story_picture": len(left)}


def test_storing_pictures_keeps_the_cache_under_its_limit(cache_dir: Path) -> None:
    with Cache.open(cache_dir, max_bytes=3_000_000) as cache:
        for n in range(12):
            story = put_story(cache, n)
            cache.put_picture(story, f"http://pics.test/{n}.jpg", os.urandom(900_000),
                              media_type="image/jpeg", width=10, height=10)
        kept = [n for n in range(12) if cache.picture(f"http://pics.test/{n}.jpg")]
    assert 0 < len(kept) < 12 and 11 in kept


def test_a_version_4_file_keeps_everything(cache_dir: Path) -> None:
    path = cache_dir / "reader.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    apply_migrations(conn, upto=4)
    conn.execute(
        "INSERT INTO story(id, url, title, body, markdown, meta, site, extractor_version, "
        "fetched_at, fetched_ts, last_read_ts, last_used_ts, position) "
        "VALUES (1, 'http://old.test/a', 'Tide tables', 'Kept from before pictures', ?, "
        "'{}', 'old.test', '0.1', '2026-01-02T03:04:05+00:00', 1767322245, 1767322300, "
        "1767322300, 7.0)",
        (zlib.compress(b"Kept from before pictures"),),
    )
    conn.execute("INSERT INTO alias(url, story_id) VALUES ('http://old.test/a', 1)")
    conn.execute(
        "INSERT INTO story_teaser(story_id, rank, link, url, title, summary, kind) "
        "VALUES (1, 0, 'http://old.test/b', 'http://old.test/b', 'Next', '', 'related')"
    )
    conn.execute(
        "INSERT INTO feed(id, url, title, added_ts) VALUES (1, 'http://old.test/feed', "
        "'Old feed', 1767322245)"
    )
    conn.execute("INSERT INTO feed_tag(feed_id, tag, rank) VALUES (1, 'coast', 0)")
    conn.execute(
        "INSERT INTO item(id, url, title, sort_ts, first_seen_ts, read, fulltext) "
        "VALUES (1, 'http://old.test/a', 'Tide tables', 1767322245, 1767322245, 1, 'stored')"
    )
    conn.execute(
        "INSERT INTO feed_item(feed_id, guid, item_id, seen_ts) VALUES (1, 'g1', 1, 1767322245)"
    )
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    conn.close()

    with Cache.open(cache_dir) as cache:
        assert cache.warnings == []
        stored = cache.get("http://old.test/a")
        assert stored is not None and stored.position == 7.0
        assert stored.article.markdown == "Kept from before pictures"
        assert [t.teaser.title for t in cache.teasers("http://old.test/a")] == ["Next"]
        assert [h.url for h in cache.search("pictures")] == ["http://old.test/a"]
        [feed] = cache.subscriptions.feeds()
        assert (feed.url, feed.title, feed.tags) == ("http://old.test/feed", "Old feed",
                                                     ("coast",))
        assert cache.picture_bytes("http://old.test/a") == 0
        assert cache.put_picture("http://old.test/a", "http://old.test/p.gif", b"GIF89a",
                                 media_type="image/gif", width=1, height=1)
    conn = raw(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 5
        assert conn.execute("SELECT read, fulltext FROM item").fetchall() == [(1, "stored")]
    finally:
        conn.close()
    assert integrity(path) == "ok"


def test_the_size_of_a_stored_picture_without_its_bytes(cache_dir: Path) -> None:
    with Cache.open(cache_dir) as cache:
        story = put_story(cache, 1)
        assert cache.picture_size("http://pics.test/a.png") is None
        cache.put_picture(story, "http://pics.test/a.png", b"p" * 321, media_type="image/png",
                          width=1, height=1)
        assert cache.picture_size("http://pics.test/a.png#frag") == 321

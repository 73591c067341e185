"""Subscriptions in the cache: the migration from the previous schema, feeds, items
shared by two feeds, read state, and records that outlive pruning."""

from __future__ import annotations

import sqlite3
import zlib
from datetime import UTC, date, datetime
from pathlib import Path

from reader.cache import Cache, NewItem
from reader.cache.schema import SCHEMA_VERSION, apply_migrations
from tests.support.cache import article, page, raw


def item(guid: str, url: str | None, title: str, published: object = None) -> NewItem:
    return NewItem(guid=guid, url=url, title=title, published=published,  # type: ignore[arg-type]
                   summary=f"About {title}", content=None)


def test_a_cache_of_the_previous_version_keeps_its_stories(cache_dir: Path) -> None:
    path = cache_dir / "reader.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    apply_migrations(conn, upto=SCHEMA_VERSION - 1)
    conn.execute(
        "INSERT INTO story(id, url, title, body, markdown, meta, site, extractor_version, "
        "fetched_at, fetched_ts, last_read_ts, last_used_ts, position) "
        "VALUES (1, 'http://old.test/a', 'A kept story', 'Read before subscriptions', ?, "
        "'{}', 'old.test', '0.1', '2026-01-02T03:04:05+00:00', 1767322245, 1767322300, "
        "1767322300, 4.0)",
        (zlib.compress(b"Read before subscriptions"),),
    )
    conn.execute("INSERT INTO alias(url, story_id) VALUES ('http://old.test/a', 1)")
    conn.close()

    with Cache.open(cache_dir) as cache:
        assert cache.warnings == []
        stored = cache.get("http://old.test/a")
        assert stored is not None and stored.position == 4.0
        assert [h.url for h in cache.search("subscriptions")] == ["http://old.test/a"]
        assert cache.subscriptions.feeds() == []
        assert cache.subscriptions.add("http://feeds.test/a.xml")
    conn = raw(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT count(*) FROM story").fetchone()[0] == 1
    conn.close()


def test_feeds_tags_and_duplicates(cache_dir: Path) -> None:
    with Cache.open(cache_dir) as cache:
        subs = cache.subscriptions
        assert subs.add("http://a.test/feed", title="A", tags=["news", "local"])
        assert not subs.add("http://a.test/feed", title="B", tags=["other"])
        added, known = subs.import_many([
            ("http://a.test/feed", "Z", None, ["news", "town"], "feed"),
            ("http://b.test/rss", "B", "http://b.test/", ["sport"], "feed"),
            ("http://c.test/front", None, None, [], "page"),
        ])
        assert (added, known) == (2, 1)
        feeds = {f.url: f for f in subs.feeds()}
        assert feeds["http://a.test/feed"].title == "A"  # nothing overwritten
        assert feeds["http://a.test/feed"].tags == ("news", "local", "town")
        assert feeds["http://b.test/rss"].site_url == "http://b.test/"
        assert feeds["http://c.test/front"].kind == "page"
        assert feeds["http://b.test/rss"].kind == "feed"
        assert subs.remove("http://b.test/rss") and not subs.remove("http://b.test/rss")


def test_one_story_in_two_feeds_is_one_item(cache_dir: Path) -> None:
    with Cache.open(cache_dir) as cache:
        subs = cache.subscriptions
        subs.add("http://a.test/feed", tags=["x"])
        subs.add("http://b.test/feed", tags=["y"])
        day = datetime(2026, 12, 1, 9, tzinfo=UTC)
        new_a = subs.succeeded("http://a.test/feed", etag='"1"', last_modified=None, items=[
            item("a1", "http://news.test/one", "One", day),
            item("a2", None, "No link", date(2026, 11, 1)),
        ])
        new_b = subs.succeeded("http://b.test/feed", etag=None, last_modified="x", items=[
            item("b1", "http://news.test/one", "One again"),
        ])
        assert len(new_a) == 2 and new_b == []
        items = subs.items()
        assert [i.title for i in items] == ["One", "No link"]  # newest first; first title kept
        assert items[0].feeds == ("http://a.test/feed", "http://b.test/feed")
        assert items[0].published == day and items[1].published == date(2026, 11, 1)
        assert items[1].fulltext == "feed-only"  # nothing to fetch without a link
        assert [i.title for i in subs.items(tag="y")] == ["One"]
        # a second sight of the same entry is not new and keeps its read state
        assert subs.mark_read(["http://news.test/one"]) == 1
        again = subs.succeeded("http://a.test/feed", etag='"2"', last_modified=None, items=[
            item("a1", "http://news.test/one", "One"),
        ])
        assert again == [] and subs.items(unread=True)[0].title == "No link"
        # removing one source keeps the shared story; removing both drops it
        subs.remove("http://a.test/feed")
        assert [i.title for i in subs.items()] == ["One"]
        subs.remove("http://b.test/feed")
        assert subs.items() == []


def test_offline_follows_the_story_cache_and_records_outlive_pruning(cache_dir: Path) -> None:
    with Cache.open(cache_dir) as cache:
        subs = cache.subscriptions
        subs.add("http://a.test/feed")
        stored = cache.put(page(1), article(1), extractor_version="t")
        [(item_id, _)] = subs.succeeded("http://a.test/feed", etag=None, last_modified=None,
                                        items=[item("1", stored.url, "Story 1")])
        subs.fulltext(item_id, "stored")
        [record] = subs.items()
        assert record.offline and record.fulltext == "stored"
        assert cache.prune(max_bytes=0) == 1
        assert record.offline and record.title == "Story 1"  # a frozen value, unchanged
        [after] = subs.items()
        assert not after.offline  # the story left the cache; the item says so


def test_a_move_to_an_address_already_subscribed_merges_the_two(cache_dir: Path) -> None:
    with Cache.open(cache_dir) as cache:
        subs = cache.subscriptions
        subs.add("http://a.test/old", tags=["one"])
        subs.add("http://a.test/new", tags=["two"])
        subs.succeeded("http://a.test/old", etag=None, last_modified=None,
                       items=[item("1", "http://news.test/1", "S")])
        assert subs.moved("http://a.test/old", "http://a.test/new")
        [feed] = subs.feeds()
        assert feed.url == "http://a.test/new" and feed.tags == ("two", "one")
        assert feed.items == 1


def test_failures_record_back_off_and_death(cache_dir: Path) -> None:
    with Cache.open(cache_dir) as cache:
        subs = cache.subscriptions
        subs.add("http://a.test/feed")
        subs.failed("http://a.test/feed", "busy", not_before=2_000_000_000.0)
        [feed] = subs.feeds()
        assert feed.last_error == "busy" and feed.not_before is not None and not feed.dead
        subs.failed("http://a.test/feed", "gone", dead=True)
        subs.unchanged([("http://a.test/feed", '"e"', None)])
        [feed] = subs.feeds()
        assert feed.last_error is None and feed.etag == '"e"' and feed.last_success


def test_hostile_text_in_a_title_comes_back_clean(cache_dir: Path) -> None:
    with Cache.open(cache_dir) as cache:
        subs = cache.subscriptions
        subs.add("http://a.test/feed", title="Feed\x1b]0;owned\x07 name")
        subs.succeeded("http://a.test/feed", etag=None, last_modified=None,
                       items=[item("1", "http://n.test/1", "Title \x1b[2J\u202ebad")])
        [feed] = subs.feeds()
        [record] = subs.items()
        for text in (feed.title or "", record.title or ""):
            assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text


def test_the_feed_list_is_read_again_after_any_change(cache_dir: Path) -> None:
    cache = Cache.open(cache_dir)
    subs = cache.subscriptions
    subs.add("https://a.example/feed.xml", title="A", tags=["town"])
    subs.add("https://b.example/feed.xml", title="B")
    subs.succeeded("https://a.example/feed.xml", etag=None, last_modified=None, items=[
        item("1", "https://a.example/one", "One"), item("2", "https://a.example/two", "Two")])
    first = {f.url: (f.items, f.unread, f.tags) for f in subs.feeds()}
    assert first == {"https://a.example/feed.xml": (2, 2, ("town",)),
                     "https://b.example/feed.xml": (0, 0, ())}
    assert {f.url: (f.items, f.unread) for f in cache.subscriptions.feeds()} == {
        u: v[:2] for u, v in first.items()}
    # a write of this connection
    cache.subscriptions.mark_read(["https://a.example/one"])
    assert [f.unread for f in subs.feeds()] == [1, 0]
    # a write of another process's connection
    other = Cache.open(cache_dir)
    other.subscriptions.mark_read(["https://a.example/two"])
    other.subscriptions.add("https://c.example/feed.xml", tags=["new"])
    other.close()
    got = {f.url: (f.unread, f.tags) for f in subs.feeds()}
    assert got == {"https://a.example/feed.xml": (0, ("town",)),
                   "https://b.example/feed.xml": (0, ()),
                   "https://c.example/feed.xml": (0, ("new",))}
    cache.close()

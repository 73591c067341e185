"""The news screen: the subscriptions' stories, opened and come back to, read marks,
unread-only, refresh, narrowing to a feed, search; the library when nothing is followed.

A real loopback server serves original feeds and story pages; subscriptions are made
through the real library into the test's cache.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Label

from reader.app import ReaderApp
from reader.app.widgets.item_list import FeedFilter, ItemList
from reader.config import Config
from reader.library import Library
from tests.support.app import make_config, wait_story, wait_until
from tests.support.feeds import Entry, atom, feed_file, rss, story
from tests.support.httpserver import LoopbackServer

HARBOUR = [
    ("/h/ferry-timetable-changes-for-winter", "Ferry timetable changes for winter",
     "Mon, 30 Nov 2026 09:00:00 +0000"),
    ("/h/lifeboat-station-opens-its-doors", "Lifeboat station opens its doors",
     "Sun, 29 Nov 2026 09:00:00 +0000"),
    ("/h/quay-lamps-switched-to-winter-hours", "Quay lamps switched to winter hours",
     "Sat, 28 Nov 2026 09:00:00 +0000"),
]
MARKET = [("/m/cheese-stall-returns-to-the-market", "Cheese stall returns to the market")]


def serve(server: LoopbackServer) -> None:
    entries = [Entry(t, server.url(p), published=d) for p, t, d in HARBOUR]
    server.route("/harbour.xml", feed_file(rss("Harbour Notes", entries)))
    market = [Entry(t, server.url(p)) for p, t in MARKET]
    server.route("/market.xml", feed_file(atom("Market Days", market),
                                          "application/atom+xml"))
    for path, title, *_ in [*HARBOUR, *MARKET]:
        server.route(path, story(title))


async def subscribe(cfg: Config, server: LoopbackServer) -> None:
    lib = Library(cfg)
    try:
        await lib.feeds.add(server.url("/harbour.xml"))
        await lib.feeds.add(server.url("/market.xml"), tags=["shops"])
        await lib.feeds.refresh()
    finally:
        await lib.aclose()


async def news_app(server: LoopbackServer, tmp_path: Path, **changes: Any) -> ReaderApp:
    serve(server)
    cfg = make_config(tmp_path, **changes)
    await subscribe(cfg, server)
    return ReaderApp(cfg)


def titles(app: ReaderApp) -> list[str]:
    return [i.title or "" for i in app.screen.query_one(ItemList).items]


def status(app: ReaderApp) -> str:
    return str(app.screen.query_one("#news-status", Label).render())


async def test_reader_opens_on_the_news_newest_first(
    server: LoopbackServer, tmp_path: Path
) -> None:
    app = await news_app(server, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.screen.id == "news")
        # newest first: the Atom entry (29 Nov, 08:30) falls between two harbour stories
        assert titles(app) == [HARBOUR[0][1], HARBOUR[1][1], MARKET[0][1], HARBOUR[2][1]]
        items = app.screen.query_one(ItemList)
        assert all(i.offline and not i.read for i in items.items)  # full text stored
        row = str(items.get_option_at_index(0).prompt)
        assert row.startswith("● Ferry timetable changes for winter")
        assert "Harbour Notes" in row
        assert "4 stories" in status(app)


async def test_a_story_opens_and_backspace_returns_to_the_same_row(
    server: LoopbackServer, tmp_path: Path
) -> None:
    app = await news_app(server, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.screen.id == "news")
        await pilot.press("down", "enter")
        await wait_story(pilot, app, HARBOUR[1][0])
        await pilot.press("backspace")
        await wait_until(pilot, lambda: app.screen.id == "news")
        items = app.screen.query_one(ItemList)
        assert items.highlighted == 1
        assert items.items[1].read  # opening marks read
        assert str(items.get_option_at_index(1).prompt).startswith("✓")
        await pilot.press("down", "enter")  # the next story, and back once more
        await wait_story(pilot, app, MARKET[0][0])
        await pilot.press("backspace")
        await wait_until(pilot, lambda: app.screen.id == "news")
        assert app.screen.query_one(ItemList).highlighted == 2


async def test_read_marks_and_unread_only(server: LoopbackServer, tmp_path: Path) -> None:
    app = await news_app(server, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.screen.id == "news")
        items = app.screen.query_one(ItemList)
        await pilot.press("m")
        assert items.items[0].read
        await pilot.press("m")
        assert not items.items[0].read
        await pilot.press("m", "U")  # read the first, then show only unread
        await wait_until(pilot, lambda: len(items.items) == 3)
        assert HARBOUR[0][1] not in titles(app)
        await pilot.press("M")  # everything shown is read now
        await pilot.press("U", "U")
        await wait_until(pilot, lambda: items.items == [])
        assert "No unread stories" in status(app)
    # the marks are in the cache: a new run sees them
    lib = Library(make_config(tmp_path))
    try:
        assert all(i.read for i in lib.feeds.items())
    finally:
        lib.close()


async def test_narrowing_to_a_feed_or_a_tag_and_searching(
    server: LoopbackServer, tmp_path: Path
) -> None:
    app = await news_app(server, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.screen.id == "news")
        feeds = app.screen.query_one(FeedFilter)
        labels = [str(feeds.get_option_at_index(i).prompt) for i in range(feeds.option_count)]
        assert labels[0].startswith("All stories")
        assert any(label.startswith("Harbour Notes") for label in labels)
        assert labels[-1].startswith("#shops")
        feeds.highlighted = len(labels) - 1  # the tag
        await wait_until(pilot, lambda: titles(app) == [MARKET[0][1]])
        await pilot.press("escape")  # back to every subscription
        await wait_until(pilot, lambda: len(titles(app)) == 4)
        await pilot.press("slash", *"lamps", "enter")
        await wait_until(pilot, lambda: titles(app) == [HARBOUR[2][1]])
        await pilot.press("escape")
        await wait_until(pilot, lambda: len(titles(app)) == 4)


async def test_refresh_asks_every_feed_and_shows_new_stories(
    server: LoopbackServer, tmp_path: Path
) -> None:
    app = await news_app(server, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.screen.id == "news")
        asked = server.hits["/harbour.xml"]
        fresh = [(HARBOUR[0][0].replace("ferry", "new-ferry"), "A new ferry is named", "")]
        entries = [Entry(t, server.url(p)) for p, t, _ in fresh + HARBOUR]
        server.route("/harbour.xml", feed_file(rss("Harbour Notes", entries)))
        server.route(fresh[0][0], story(fresh[0][1]))
        await pilot.press("R")
        await wait_until(pilot, lambda: "A new ferry is named" in titles(app))
        assert server.hits["/harbour.xml"] == asked + 1
        await wait_until(pilot, lambda: not app.screen.refreshing)  # type: ignore[attr-defined]
        # A highlight at the top stays there: the newest story, not the one that was.
        items = app.screen.query_one(ItemList)
        assert items.highlighted == 0
        assert items.selected_item is not None
        assert items.selected_item.title == "A new ferry is named"


async def test_a_highlight_below_the_top_follows_its_story_through_a_refresh(
    server: LoopbackServer, tmp_path: Path
) -> None:
    app = await news_app(server, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.screen.id == "news")
        await pilot.press("down")
        items = app.screen.query_one(ItemList)
        chosen = items.selected_item
        assert chosen is not None and items.highlighted == 1
        fresh = [(HARBOUR[0][0].replace("ferry", "new-ferry"), "A new ferry is named", "")]
        entries = [Entry(t, server.url(p)) for p, t, _ in fresh + HARBOUR]
        server.route("/harbour.xml", feed_file(rss("Harbour Notes", entries)))
        server.route(fresh[0][0], story(fresh[0][1]))
        await pilot.press("R")
        await wait_until(pilot, lambda: "A new ferry is named" in titles(app))
        await wait_until(pilot, lambda: not app.screen.refreshing)  # type: ignore[attr-defined]
        selected = app.screen.query_one(ItemList).selected_item
        assert selected is not None and selected.id == chosen.id


async def test_without_subscriptions_reader_opens_the_library(tmp_path: Path) -> None:
    app = ReaderApp(make_config(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.screen.id == "library")
        text = str(app.screen.query_one("#library-status", Label).render())
        assert "reader feed add" in text


async def test_the_news_refreshes_on_start_only_when_a_refresh_is_due(
    server: LoopbackServer, tmp_path: Path
) -> None:
    app = await news_app(server, tmp_path / "due", refresh_interval=0.0001)  # minutes
    asked = server.hits["/harbour.xml"]
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: server.hits["/harbour.xml"] > asked)
        await wait_until(pilot, lambda: not app.screen.refreshing)  # type: ignore[attr-defined]
    app = await news_app(server, tmp_path / "fresh")  # refreshed a moment ago, every hour
    asked = server.hits["/harbour.xml"]
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.screen.id == "news")
        await pilot.pause()
        await wait_until(pilot, lambda: bool(titles(app)))
        assert not app.screen.refreshing  # type: ignore[attr-defined]
        assert server.hits["/harbour.xml"] == asked

"""Subscriptions through the library: adding (discovery), refreshing against a real
loopback server, full text into the story cache, and every way a feed can fail."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reader.errors import ReaderError
from reader.library import Library, Progress
from tests.support.feeds import Entry, atom, config, feed_file, rss, run, story, with_library
from tests.support.fetch import refused_port
from tests.support.httpserver import LoopbackServer, Reply, Request
from tests.support.library import EMPTY_PAGE, page, story_html


def two_stories(server: LoopbackServer) -> bytes:
    server.route("/news/tide-gauge-stays.html", story("The tide gauge stays"))
    server.route("/news/ferry-timetable-changes.html", story("The ferry timetable changes"))
    return rss(
        "Harbour Gazette",
        [
            Entry("The tide gauge stays", server.url("/news/tide-gauge-stays.html"),
                  published="Tue, 01 Dec 2026 10:00:00 +0000"),
            Entry("The ferry timetable changes",
                  server.url("/news/ferry-timetable-changes.html?utm_source=rss"),
                  published="Mon, 30 Nov 2026 10:00:00 +0000"),
        ],
    )


def test_add_a_feed_then_refresh_stores_every_story_offline(
    server: LoopbackServer, cache_dir: Path
) -> None:
    server.route("/feed.xml", feed_file(two_stories(server)))
    cfg = config(cache_dir)

    async def work(lib: Library) -> Any:
        added = await lib.feeds.add(server.url("/feed.xml"), ["harbour"])
        seen: list[Progress] = []
        result = await lib.feeds.refresh(on_progress=seen.append)
        return added, result, seen, lib.feeds.items()

    added, result, seen, items = run(with_library(cfg, work))
    assert (added.kind, added.found, added.url) == ("feed", "feed", server.url("/feed.xml"))
    assert added.title == "Harbour Gazette" and added.items == 2
    assert result.progress.stories_stored == 2 and result.progress.stories_failed == 0
    assert seen[-1] == result.progress and seen[0].feeds_total == 1
    assert [i.title for i in items] == ["The tide gauge stays", "The ferry timetable changes"]
    # the story's URL is normalised (tracking gone) and the story opens offline
    assert items[1].url == server.url("/news/ferry-timetable-changes.html")
    assert all(i.offline and i.fulltext == "stored" for i in items)

    async def offline(lib: Library) -> Any:
        return await lib.open(server.url("/news/tide-gauge-stays.html"))

    offline_lib = Library(cfg, offline=True)
    try:
        opened = run(offline(offline_lib))
    finally:
        offline_lib.close()
    assert opened.article.title == "The tide gauge stays" and opened.from_cache


def test_an_unchanged_feed_costs_one_conditional_request_and_writes_no_item(
    server: LoopbackServer, cache_dir: Path
) -> None:
    server.route("/feed.xml", feed_file(two_stories(server)))
    cfg = config(cache_dir)
    run(with_library(cfg, lambda lib: lib.feeds.add(server.url("/feed.xml"))))
    run(with_library(cfg, lambda lib: lib.feeds.refresh()))
    before = len(server.requests)

    async def again(lib: Library) -> Any:
        result = await lib.feeds.refresh()
        return result, lib.feeds.items(), lib.feeds.subscriptions()

    result, items, [feed] = run(with_library(cfg, again))
    asked = server.requests[before:]
    assert [r.path for r in asked] == ["/feed.xml"]
    assert asked[0].headers.get("if-none-match") or asked[0].headers.get("if-modified-since")
    assert result.progress.feeds_unchanged == 1 and result.progress.new_items == 0
    assert len(items) == 2 and feed.last_success is not None and feed.last_error is None


def test_the_same_story_in_two_feeds_is_one_item_with_both_sources(
    server: LoopbackServer, cache_dir: Path
) -> None:
    body = two_stories(server)
    server.route("/a.xml", feed_file(body))
    other = atom("Quay Weekly", [Entry("Tide gauge: the vote",
                                       server.url("/news/tide-gauge-stays.html?utm_medium=x"))])
    server.route("/b.xml", feed_file(other, "application/atom+xml"))
    cfg = config(cache_dir)

    async def work(lib: Library) -> Any:
        await lib.feeds.add(server.url("/a.xml"))
        await lib.feeds.add(server.url("/b.xml"))
        await lib.feeds.refresh()
        return lib.feeds.items(), lib.feeds.items(feed=server.url("/b.xml"))

    items, of_b = run(with_library(cfg, work))
    assert len(items) == 2
    shared = next(i for i in items if i.url == server.url("/news/tide-gauge-stays.html"))
    assert shared.feeds == (server.url("/a.xml"), server.url("/b.xml"))
    assert [i.url for i in of_b] == [shared.url]
    assert server.hits["/news/tide-gauge-stays.html"] == 1


def test_a_page_that_names_its_feed_subscribes_to_the_feed(
    server: LoopbackServer, cache_dir: Path
) -> None:
    server.route("/feeds/main.xml", feed_file(two_stories(server)))
    server.route("/", page(
        '<html><head><title>Gazette</title><link rel="alternate" '
        'type="application/rss+xml" href="/feeds/main.xml"></head><body><p>Front</p></body></html>'
    ))
    added = run(with_library(config(cache_dir), lambda lib: lib.feeds.add(server.url("/"))))
    assert (added.found, added.url) == ("advertised", server.url("/feeds/main.xml"))


def test_a_page_naming_no_feed_finds_one_at_a_usual_address(
    server: LoopbackServer, cache_dir: Path
) -> None:
    server.route("/atom.xml", feed_file(two_stories(server), "application/xml"))
    server.route("/about", page("<html><body><p>About us</p></body></html>"))
    added = run(with_library(config(cache_dir), lambda lib: lib.feeds.add(server.url("/about"))))
    assert (added.found, added.url) == ("usual-path", server.url("/atom.xml"))


def test_a_site_with_no_feed_is_followed_through_its_front_page(
    server: LoopbackServer, cache_dir: Path
) -> None:
    links = "".join(
        f'<li><a href="/news/2026/12/0{n}/harbour-story-number-{n}.html">Harbour story '
        f"number {n} makes the news</a></li>"
        for n in range(1, 6)
    )
    for n in range(1, 6):
        server.route(f"/news/2026/12/0{n}/harbour-story-number-{n}.html",
                     story(f"Harbour story number {n} makes the news"))
    server.route("/", page(f"<html><head><title>Quay</title></head><body><main><h2>Latest "
                           f"stories</h2><ul>{links}</ul></main></body></html>"))
    cfg = config(cache_dir)

    async def work(lib: Library) -> Any:
        added = await lib.feeds.add(server.url("/"))
        result = await lib.feeds.refresh()
        return added, result, lib.feeds.items()

    added, result, items = run(with_library(cfg, work))
    assert (added.kind, added.found) == ("page", "page") and added.items >= 3
    assert result.progress.stories_stored == len(items) >= 3
    assert all(i.offline for i in items)


def test_a_page_with_no_feed_and_no_stories_is_refused(
    server: LoopbackServer, cache_dir: Path
) -> None:
    server.route("/", page(EMPTY_PAGE))
    with pytest.raises(ReaderError, match="no feed found"):
        run(with_library(config(cache_dir), lambda lib: lib.feeds.add(server.url("/"))))
    assert run(with_library(config(cache_dir), lambda lib: _list(lib))) == []


async def _list(lib: Library) -> list[str]:
    return [f.url for f in lib.feeds.subscriptions()]


def test_adding_twice_is_refused_and_nothing_changes(
    server: LoopbackServer, cache_dir: Path
) -> None:
    server.route("/feed.xml", feed_file(two_stories(server)))
    cfg = config(cache_dir)
    run(with_library(cfg, lambda lib: lib.feeds.add(server.url("/feed.xml"), ["one"])))
    with pytest.raises(ReaderError, match="already subscribed"):
        run(with_library(cfg, lambda lib: lib.feeds.add(server.url("/feed.xml"), ["two"])))

    async def state(lib: Library) -> Any:
        return lib.feeds.subscriptions()

    [feed] = run(with_library(cfg, state))
    assert feed.tags == ("one",) and feed.items == 2


def test_a_broken_feed_never_stops_the_others(server: LoopbackServer, cache_dir: Path) -> None:
    server.route("/good.xml", feed_file(two_stories(server)))
    server.route("/error.xml", lambda _r: Reply(500, b"oops"))
    server.route("/html.xml", page("<html><body><p>Not a feed at all</p></body></html>"))
    cfg = config(cache_dir)

    async def work(lib: Library, refused: str) -> Any:
        subs = lib.cache.subscriptions
        for path in ("/error.xml", "/good.xml", "/html.xml"):
            subs.add(server.url(path))
        subs.add(refused)
        result = await lib.feeds.refresh()
        return result, {f.url: f for f in lib.feeds.subscriptions()}, lib.feeds.items()

    with refused_port() as port:  # refuses connections while the refresh runs
        refused = f"http://127.0.0.1:{port}/feed.xml"
        result, feeds, items = run(with_library(cfg, lambda lib: work(lib, refused)))
    assert result.progress.feeds_done == 4 and result.progress.feeds_failed == 3
    assert len(items) == 2 and feeds[server.url("/good.xml")].last_error is None
    assert feeds[server.url("/good.xml")].last_success is not None
    assert "500" in (feeds[server.url("/error.xml")].last_error or "")
    assert "web page, not a feed" in (feeds[server.url("/html.xml")].last_error or "")
    assert feeds[refused].last_error and feeds[refused].last_success is None
    assert [u for u, _ in result.errors] == [server.url("/error.xml"), server.url("/html.xml"),
                                              refused]


def test_429_backs_the_feed_off_until_retry_after(server: LoopbackServer, cache_dir: Path) -> None:
    server.route("/busy.xml", lambda _r: Reply(429, b"slow down", {"Retry-After": "3600"}))
    server.route("/good.xml", feed_file(two_stories(server)))
    cfg = config(cache_dir)

    async def work(lib: Library) -> Any:
        lib.cache.subscriptions.add(server.url("/busy.xml"))
        lib.cache.subscriptions.add(server.url("/good.xml"))
        first = await lib.feeds.refresh(stories=False)
        second = await lib.feeds.refresh(stories=False)
        return first, second, {f.url: f for f in lib.feeds.subscriptions()}

    first, second, feeds = run(with_library(cfg, work))
    busy = feeds[server.url("/busy.xml")]
    assert busy.not_before is not None and busy.last_error and "429" in busy.last_error
    assert (busy.not_before - busy.last_error_at).total_seconds() >= 3500  # type: ignore[operator]
    assert server.hits["/busy.xml"] == 1  # the second refresh left it alone
    assert [u for u, _ in second.skipped] == [server.url("/busy.xml")]
    assert first.progress.feeds_failed == 1 and second.progress.feeds_done == 1


def test_a_permanent_redirect_moves_the_stored_address(
    server: LoopbackServer, cache_dir: Path
) -> None:
    server.route("/old.xml", lambda _r: Reply(301, b"", {"Location": "/new.xml"}))
    server.route("/new.xml", feed_file(two_stories(server)))
    cfg = config(cache_dir)

    async def work(lib: Library) -> Any:
        lib.cache.subscriptions.add(server.url("/old.xml"), tags=["kept"])
        result = await lib.feeds.refresh(stories=False)
        return result, lib.feeds.subscriptions(), lib.feeds.items()

    result, [feed], items = run(with_library(cfg, work))
    assert result.moved == ((server.url("/old.xml"), server.url("/new.xml")),)
    assert feed.url == server.url("/new.xml") and feed.tags == ("kept",)
    assert len(items) == 2 and items[0].feeds == (server.url("/new.xml"),)


def test_a_temporary_redirect_keeps_the_stored_address(
    server: LoopbackServer, cache_dir: Path
) -> None:
    server.route("/feed", lambda _r: Reply(302, b"", {"Location": "/today.xml"}))
    server.route("/today.xml", feed_file(two_stories(server)))

    async def work(lib: Library) -> Any:
        added = await lib.feeds.add(server.url("/feed"))
        await lib.feeds.refresh(stories=False)
        return added, lib.feeds.subscriptions()

    added, [feed] = run(with_library(config(cache_dir), work))
    assert added.url == feed.url == server.url("/feed")


def test_410_marks_the_feed_dead_and_it_is_no_longer_asked(
    server: LoopbackServer, cache_dir: Path
) -> None:
    server.route("/gone.xml", lambda _r: Reply(410, b"gone"))
    cfg = config(cache_dir)

    async def work(lib: Library) -> Any:
        lib.cache.subscriptions.add(server.url("/gone.xml"))
        await lib.feeds.refresh()
        second = await lib.feeds.refresh()
        return second, lib.feeds.subscriptions()

    second, [feed] = run(with_library(cfg, work))
    assert feed.dead and "410" in (feed.last_error or "")
    assert server.hits["/gone.xml"] == 1 and second.skipped[0][0] == server.url("/gone.xml")


def test_a_story_page_that_fails_keeps_the_feeds_own_content(
    server: LoopbackServer, cache_dir: Path
) -> None:
    server.route("/empty.html", page(EMPTY_PAGE))
    feed = rss("Mixed", [
        Entry("Missing page", server.url("/missing.html"), description="Kept from the feed."),
        Entry("Empty page", server.url("/empty.html")),
    ])
    server.route("/feed.xml", feed_file(feed))

    async def work(lib: Library) -> Any:
        lib.cache.subscriptions.add(server.url("/feed.xml"))
        result = await lib.feeds.refresh()
        return result, {i.title: i for i in lib.feeds.items()}

    result, items = run(with_library(config(cache_dir), work))
    assert result.progress.stories_failed == 2 and result.progress.feeds_failed == 0
    missing, empty = items["Missing page"], items["Empty page"]
    assert missing.fulltext == "failed" and "404" in (missing.fulltext_error or "")
    assert missing.summary == "Kept from the feed." and not missing.offline
    assert empty.fulltext == "failed" and "no story" in (empty.fulltext_error or "")


def test_no_stories_refreshes_the_feeds_only(server: LoopbackServer, cache_dir: Path) -> None:
    server.route("/feed.xml", feed_file(two_stories(server)))

    async def work(lib: Library) -> Any:
        lib.cache.subscriptions.add(server.url("/feed.xml"))
        await lib.feeds.refresh(stories=False)
        return lib.feeds.items()

    items = run(with_library(config(cache_dir), work))
    assert len(items) == 2 and all(i.fulltext == "feed-only" and not i.offline for i in items)
    assert server.hits["/news/tide-gauge-stays.html"] == 0


def test_the_config_can_turn_stories_off(server: LoopbackServer, cache_dir: Path) -> None:
    server.route("/feed.xml", feed_file(two_stories(server)))

    async def work(lib: Library) -> Any:
        lib.cache.subscriptions.add(server.url("/feed.xml"))
        return await lib.feeds.refresh()

    result = run(with_library(config(cache_dir, feed_stories=False), work))
    assert result.progress.new_items == 2 and result.progress.stories_total == 0


def test_the_per_host_limit_holds_for_sixty_new_stories_on_one_host(
    server: LoopbackServer, cache_dir: Path
) -> None:
    entries = []
    for n in range(60):
        path = f"/story/{n}.html"
        server.route(path, story(f"Harbour note number {n}"))
        entries.append(Entry(f"Harbour note number {n}", server.url(path)))
    server.route("/feed.xml", feed_file(rss("Many", entries)))

    async def work(lib: Library) -> Any:
        lib.cache.subscriptions.add(server.url("/feed.xml"))
        return await lib.feeds.refresh()

    result = run(with_library(config(cache_dir, per_host=2, feed_concurrency=16), work))
    assert result.progress.stories_stored == 60
    assert sum(server.hits[f"/story/{n}.html"] for n in range(60)) == 60
    assert 1 <= server.max_active <= 2


def test_refreshing_an_unknown_url_is_an_error(cache_dir: Path) -> None:
    with pytest.raises(ReaderError, match="not a subscription"):
        run(with_library(config(cache_dir), lambda lib: lib.feeds.refresh(["http://x.test/"])))


def test_mark_read_and_unread_filter(server: LoopbackServer, cache_dir: Path) -> None:
    server.route("/feed.xml", feed_file(two_stories(server)))

    async def work(lib: Library) -> Any:
        lib.cache.subscriptions.add(server.url("/feed.xml"), tags=["harbour"])
        await lib.feeds.refresh(stories=False)
        lib.feeds.mark_read([server.url("/news/tide-gauge-stays.html")])
        return (lib.feeds.items(unread=True), lib.feeds.items(tag="harbour"),
                lib.feeds.items(tag="other"), lib.feeds.items(limit=1))

    unread, tagged, other, one = run(with_library(config(cache_dir), work))
    assert [i.title for i in unread] == ["The ferry timetable changes"]
    assert len(tagged) == 2 and other == [] and len(one) == 1


def test_a_slow_request_counts_against_the_deadline_not_forever(
    server: LoopbackServer, cache_dir: Path
) -> None:
    def never(_sock: Any, _req: Request) -> None:
        import time

        time.sleep(3)

    server.route("/slow.xml", lambda _r: Reply(raw=never))
    cfg = config(cache_dir, deadline=0.5)

    async def work(lib: Library) -> Any:
        lib.cache.subscriptions.add(server.url("/slow.xml"))
        return await lib.feeds.refresh()

    result = run(with_library(cfg, work))
    assert result.progress.feeds_failed == 1 and "timed out" in result.errors[0][1]


def test_a_json_feed_is_subscribed_and_refreshed(server: LoopbackServer, cache_dir: Path) -> None:
    import json

    server.route("/s/net-mending.html", story("Net mending classes fill up"))
    body = json.dumps({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Quay Notes",
        "items": [{"id": "n1", "url": server.url("/s/net-mending.html"),
                   "title": "Net mending classes fill up",
                   "date_published": "2026-12-03T18:00:00+00:00",
                   "content_text": "Evening classes at the sail loft."}],
    }).encode()
    server.route("/feed.json", feed_file(body, "application/feed+json"))

    async def work(lib: Library) -> Any:
        added = await lib.feeds.add(server.url("/feed.json"))
        await lib.feeds.refresh()
        return added, lib.feeds.items()

    added, [item] = run(with_library(config(cache_dir), work))
    assert added.title == "Quay Notes" and item.offline and item.published is not None


def test_a_followed_front_page_brings_its_new_stories_on_refresh(
    server: LoopbackServer, cache_dir: Path
) -> None:
    front = {"links": 3}

    def page_of_links(_req: Request) -> Reply:
        items = "".join(
            f'<li><a href="/news/2026/12/0{n}/quay-story-number-{n}.html">Quay story number '
            f"{n} is told here</a></li>"
            for n in range(1, front["links"] + 1)
        )
        body = (f"<html><head><title>Quay</title></head><body><main><h2>Latest stories</h2>"
                f"<ul>{items}</ul></main></body></html>").encode()
        return Reply(body=body, headers={"Content-Type": "text/html; charset=utf-8"})

    for n in range(1, 6):
        server.route(f"/news/2026/12/0{n}/quay-story-number-{n}.html",
                     story(f"Quay story number {n} is told here"))
    server.route("/", page_of_links)
    cfg = config(cache_dir)

    async def first(lib: Library) -> Any:
        added = await lib.feeds.add(server.url("/"))
        await lib.feeds.refresh()
        return added, len(lib.feeds.items())

    added, before = run(with_library(cfg, first))
    front["links"] = 5

    async def second(lib: Library) -> Any:
        result = await lib.feeds.refresh()
        return result, lib.feeds.items()

    result, items = run(with_library(cfg, second))
    assert added.kind == "page" and result.progress.new_items == 5 - before
    assert len(items) == 5 and all(i.offline for i in items)


def test_an_undated_item_takes_its_storys_own_date(server: LoopbackServer, cache_dir: Path) -> None:
    dated = story_html("The lighthouse keeper retires").replace(
        "</head>", '<meta property="article:published_time" content="2026-11-20T08:00:00Z">'
                   "</head>")
    server.route("/keeper.html", lambda _r: Reply(body=dated.encode(), headers={
        "Content-Type": "text/html; charset=utf-8"}))
    server.route("/tide.html", story("The tide gauge stays"))
    feed = rss("Harbour Gazette", [
        Entry("The lighthouse keeper retires", server.url("/keeper.html"), published=None),
        Entry("The tide gauge stays", server.url("/tide.html"),
              published="Sat, 21 Nov 2026 10:00:00 +0000"),
    ])
    server.route("/feed.xml", feed_file(feed))

    async def work(lib: Library) -> Any:
        await lib.feeds.add(server.url("/feed.xml"))
        await lib.feeds.refresh()
        return lib.feeds.items()

    items = run(with_library(config(cache_dir), work))
    keeper = next(i for i in items if i.title == "The lighthouse keeper retires")
    assert keeper.published is not None and keeper.published.isoformat().startswith("2026-11-20")
    # sorted by that date now: older than the dated item, no longer "first seen just now"
    assert [i.title for i in items] == ["The tide gauge stays", "The lighthouse keeper retires"]

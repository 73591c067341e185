"""Prefetching teasers: stored so they open offline, failures recorded, 429 backed off."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from reader.config import Config
from reader.library import Library, Story, TeaserState
from reader.model import Teaser
from tests.support.httpserver import LoopbackServer, Reply, Request
from tests.support.library import page, story_html


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(cache_dir=tmp_path / "cache", save_dir=tmp_path / "saved")


@pytest.fixture
async def lib(config: Config) -> AsyncIterator[Library]:
    library = Library(config)
    yield library
    await library.aclose()


async def _front(server: LoopbackServer, lib: Library, teasers: list[Teaser]) -> Story:
    """Open a front story and give it exactly ``teasers`` (through the real cache)."""
    server.route("/front", page(story_html("Front story")))
    story = await lib.open(server.url("/front"))
    lib.cache.put_teasers(story.url, teasers)
    return story


async def test_prefetch_stores_teasers_that_then_open_offline(config: Config) -> None:
    srv = LoopbackServer().start()
    srv.route("/one", page(story_html("Gulls return to the cliffs", site="Coast News")))
    srv.route("/two-old", lambda _r: Reply(301, headers={"Location": "/two"}))
    srv.route("/two", page(story_html("Ferry timetable changes")))
    lib = Library(config)
    updates: list[TeaserState] = []
    try:
        story = await _front(
            srv,
            lib,
            [
                Teaser(srv.url("/one"), "Gulls back", kind="related"),
                Teaser(srv.url("/two-old"), "Ferry times", kind="related"),
                Teaser(srv.url("/gone"), "A missing story", kind="list"),
            ],
        )
        states = await lib.prefetch(story, updates.append)
    finally:
        await lib.aclose()
        srv.stop()
    by_url = {s.teaser.url: s for s in states}
    one, two, gone = (by_url[srv.url(p)] for p in ("/one", "/two-old", "/gone"))
    assert one.status == "offline" and one.title == "Gulls return to the cliffs"
    assert one.site == "Coast News"
    assert two.status == "offline" and two.final_url == srv.url("/two")
    assert gone.status == "failed" and gone.error and "404" in gone.error
    assert [u.status for u in updates if u.teaser.url == srv.url("/one")] == ["loading", "offline"]
    # The server is gone: the prefetched stories still open, offline.
    offline = Library(config, offline=True)
    try:
        opened = await offline.open(srv.url("/two-old"))
        assert opened.article.title == "Ferry timetable changes"
        assert opened.from_cache
    finally:
        await offline.aclose()


async def test_cached_teasers_are_marked_offline_without_a_request(
    server: LoopbackServer, lib: Library
) -> None:
    server.route("/one", page(story_html("Already read")))
    await lib.open(server.url("/one"))
    story = await _front(server, lib, [Teaser(server.url("/one"), "Teaser title")])
    states = await lib.prefetch(story)
    assert server.hits["/one"] == 1
    assert states[0].status == "offline" and states[0].read
    assert states[0].title == "Already read"


async def test_prefetch_backs_off_on_429(server: LoopbackServer, lib: Library) -> None:
    calls: list[int] = []
    body = story_html("Busy server story").encode()

    def busy(_req: Request) -> Reply:
        calls.append(1)
        if len(calls) == 1:
            return Reply(429, b"slow down", {"Retry-After": "0"})
        return Reply(body=body)

    server.route("/busy", busy)
    story = await _front(server, lib, [Teaser(server.url("/busy"), "Busy")])
    states = await lib.prefetch(story)
    assert len(calls) == 2 and states[0].status == "offline"
    assert states[0].title == "Busy server story"


async def test_prefetch_gives_up_after_a_few_503s(server: LoopbackServer, lib: Library) -> None:
    server.route("/down", lambda _r: Reply(503, b"down", {"Retry-After": "0"}))
    story = await _front(server, lib, [Teaser(server.url("/down"), "Down")])
    states = await lib.prefetch(story)
    assert server.hits["/down"] == 3
    assert states[0].status == "failed" and "503" in (states[0].error or "")


async def test_prefetch_count_bounds_and_zero_or_offline_turn_it_off(
    server: LoopbackServer, tmp_path: Path
) -> None:
    for i in range(5):
        server.route(f"/s{i}", page(story_html(f"Story number {i}")))
    teasers = [Teaser(server.url(f"/s{i}"), f"S{i}") for i in range(5)]
    lib = Library(Config(cache_dir=tmp_path / "c", prefetch=2))
    try:
        story = await _front(server, lib, teasers)
        states = await lib.prefetch(story)
        assert [s.status for s in states] == ["offline", "offline", "pending", "pending", "pending"]
    finally:
        await lib.aclose()
    for cfg, offline in (
        (Config(cache_dir=tmp_path / "c", prefetch=0), False),
        (Config(cache_dir=tmp_path / "c"), True),
    ):
        quiet = Library(cfg, offline=offline)
        try:
            front = await quiet.open(server.url("/front"))
            await quiet.prefetch(front)
        finally:
            await quiet.aclose()
    assert sum(server.hits[f"/s{i}"] for i in range(5)) == 2


async def test_per_host_limit_holds_from_the_servers_side(
    server: LoopbackServer, tmp_path: Path
) -> None:
    body = story_html("Slow story").encode()
    # The first two meet at a barrier: two at once on the server whatever the scheduler
    # does (a limit below two would break it); more than two would show in max_active.
    barrier = threading.Barrier(2, timeout=60)
    lock = threading.Lock()
    arrived: list[str] = []

    def meet_first_two(req: Request) -> Reply:
        with lock:
            arrived.append(req.path)
            first = len(arrived) <= 2
        if first:
            barrier.wait()
        return Reply(body=body)

    for i in range(8):
        server.route(f"/slow{i}", meet_first_two)
    lib = Library(Config(cache_dir=tmp_path / "c", per_host=2))
    try:
        story = await _front(server, lib, [Teaser(server.url(f"/slow{i}"), "x") for i in range(8)])
        server.max_active = 0
        states = await lib.prefetch(story)
    finally:
        await lib.aclose()
    assert all(s.status == "offline" for s in states)
    assert server.max_active == 2


async def test_a_story_opened_directly_shows_as_read_in_every_sidebar(
    server: LoopbackServer, lib: Library
) -> None:
    server.route("/one", page(story_html("Opened by hand")))
    story = await _front(server, lib, [Teaser(server.url("/one"), "Teaser title")])
    assert lib.teasers(story)[0].status == "pending"
    await lib.open(server.url("/one"))
    (state,) = lib.teasers(story)
    assert (state.status, state.read, state.title) == ("offline", True, "Opened by hand")


async def test_a_429_holds_the_whole_host_back(server: LoopbackServer, tmp_path: Path) -> None:
    import time

    sent: list[tuple[str, float]] = []
    body = story_html("Patient story").encode()

    def answer(req: Request) -> Reply:
        sent.append((req.path, time.monotonic()))
        if len(sent) == 1:
            return Reply(429, b"wait", {"Retry-After": "1"})
        return Reply(body=body)

    server.route("/a", answer)
    server.route("/b", answer)
    lib = Library(Config(cache_dir=tmp_path / "c", per_host=1))
    try:
        story = await _front(server, lib, [Teaser(server.url(p), p) for p in ("/a", "/b")])
        states = await lib.prefetch(story)
    finally:
        await lib.aclose()
    assert [s.status for s in states] == ["offline", "offline"]
    assert len(sent) == 3
    # After the 429, nothing more went to that host until Retry-After had passed.
    assert all(t - sent[0][1] >= 0.9 for _, t in sent[1:])

"""Library.picture: a picture fetched once, then served from the cache (offline too);
every kind of bad picture answers with a short problem, never an exception."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from reader.config import Config
from reader.library import Library, Picture, Story
from reader.model import Article
from reader.pictures import PictureInfo, probe
from tests.support.feeds import Entry, feed_file, rss
from tests.support.httpserver import HOLD_S, LoopbackServer, Reply, held
from tests.support.library import page, story_html
from tests.support.pictures import picture, png_claiming, serve

STORY_HTML = story_html("Lighthouse keepers' log goes on show")


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(cache_dir=tmp_path / "cache", save_dir=tmp_path / "saved")


@pytest.fixture
async def lib(config: Config) -> AsyncIterator[Library]:
    library = Library(config)
    yield library
    await library.aclose()


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """Set at the end of a test so that stalled handlers give their thread back."""
    event = threading.Event()
    yield event
    event.set()


async def _story(server: LoopbackServer, lib: Library) -> Story:
    server.route("/story", page(STORY_HTML))
    return await lib.open(server.url("/story"))


async def test_a_picture_is_fetched_once_then_served_from_the_cache_offline(
    server: LoopbackServer, config: Config
) -> None:
    jpeg = picture("JPEG", (120, 80))
    server.route("/p/lamp.jpg", serve(jpeg))
    lib = Library(config)
    try:
        story = await _story(server, lib)
        got = await lib.picture(server.url("/p/lamp.jpg"), story_url=story.url)
        again = await lib.picture(server.url("/p/lamp.jpg"), story_url=story.url)
        accept = next(r for r in server.requests if r.path == "/p/lamp.jpg").headers["accept"]
    finally:
        await lib.aclose()
    assert got == Picture(server.url("/p/lamp.jpg"), jpeg, None, 120, 80)
    assert again == got
    assert server.hits["/p/lamp.jpg"] == 1
    assert "image/jpeg" in accept and "text/html" not in accept

    offline = Library(config, offline=True)
    try:
        stored = await offline.picture(server.url("/p/lamp.jpg"), story_url=story.url)
        missing = await offline.picture(server.url("/p/other.png"), story_url=story.url)
    finally:
        await offline.aclose()
    assert stored.data == jpeg and stored.problem is None
    assert missing == Picture(server.url("/p/other.png"), None, "not stored (offline)")
    assert server.hits["/p/lamp.jpg"] == 1 and server.hits["/p/other.png"] == 0


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF", "WEBP"])
async def test_each_drawn_format_comes_back_whole(
    server: LoopbackServer, lib: Library, fmt: str
) -> None:
    data = picture(fmt, (30, 20))
    server.route("/p/x", serve(data, "application/octet-stream"))
    story = await _story(server, lib)
    got = await lib.picture(server.url("/p/x"), story_url=story.url)
    assert (got.data, got.problem, got.width, got.height) == (data, None, 30, 20)


async def test_bad_pictures_answer_with_a_problem(
    server: LoopbackServer, lib: Library
) -> None:
    jpeg = picture("JPEG", (200, 150))
    server.route("/p/page.jpg", page("<!doctype html><html><body><p>Sign in</p></body></html>"))
    server.route("/p/bomb.png", serve(png_claiming(100_000, 100_000), "image/png"))
    server.route("/p/cut.jpg", serve(jpeg[: len(jpeg) // 2]))
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"/>'
    server.route("/p/drawing.svg", serve(svg, "image/svg+xml"))
    server.route("/p/busy.jpg", lambda _r: Reply(500, b"oops"))
    story = await _story(server, lib)

    async def problem(path: str) -> str | None:
        got = await lib.picture(server.url(path), story_url=story.url)
        assert got.data is None
        return got.problem

    assert await problem("/p/missing.jpg") == "not found (404)"
    assert await problem("/p/page.jpg") == "not a picture (a web page)"
    assert await problem("/p/bomb.png") == "too large (over 40 megapixels)"
    assert await problem("/p/cut.jpg") == "damaged picture (cut short)"
    assert await problem("/p/drawing.svg") == "SVG is not drawn"
    assert await problem("/p/busy.jpg") == "server error (500)"
    # An SVG whose <svg> comes after its doctype and a long comment: the fetcher's check
    # and the picture's agree that it is a drawing.
    commented = (b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
                 b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<!--'
                 + b" drawn by hand " * 80 + b'-->\n<svg xmlns="http://www.w3.org/2000/svg"/>')
    server.route("/p/commented.svg", serve(commented, "image/svg+xml"))
    assert await problem("/p/commented.svg") == "SVG is not drawn"
    # An address the fetcher refuses (a port out of range) is no web address either.
    bad_port = await lib.picture("http://127.0.0.1:99999/p/x.jpg", story_url=story.url)
    assert bad_port.problem == "not a web address"
    for source in ("data:image/png;base64,iVBORw0KGgo=", "javascript:alert(1)", "/p/rel.jpg"):
        got = await lib.picture(source, story_url=story.url)
        assert got == Picture(source, None, "not a web address")
    assert lib.cache.picture(server.url("/p/cut.jpg")) is None


async def test_a_server_that_never_answers_times_out(
    server: LoopbackServer, tmp_path: Path, release: threading.Event
) -> None:
    config = Config(cache_dir=tmp_path / "cache", deadline=0.5)
    server.route("/p/silent.jpg", lambda _r: Reply(raw=lambda _s, _q: release.wait(HOLD_S)))
    lib = Library(config)
    try:
        story = await _story(server, lib)
        got = await lib.picture(server.url("/p/silent.jpg"), story_url=story.url)
    finally:
        await lib.aclose()
    assert got == Picture(server.url("/p/silent.jpg"), None, "timed out")


async def test_a_fifty_megabyte_picture_is_refused_at_the_cap(
    server: LoopbackServer, lib: Library
) -> None:
    """Streamed with no length: the fetch stops past 5 MB, long before the server ends."""
    jpeg = picture("JPEG", (40, 30))
    sent = []

    def stream() -> Iterator[bytes]:
        yield jpeg[:-2]
        for _ in range(50 * 16):  # 50 MB in 64 kB pieces
            sent.append(1)
            yield b"\x00" * 65_536
        yield b"\xff\xd9"

    jpeg_type = {"Content-Type": "image/jpeg"}
    server.route("/p/huge.jpg", lambda _r: Reply(body=stream(), headers=jpeg_type))
    server.route("/p/long.jpg", lambda _r: Reply(body=b"\x00" * 6_000_000, headers=jpeg_type))
    story = await _story(server, lib)
    got = await lib.picture(server.url("/p/huge.jpg"), story_url=story.url)
    assert got == Picture(server.url("/p/huge.jpg"), None, "too large (over 5 MB)")
    assert len(sent) < 50 * 16
    declared = await lib.picture(server.url("/p/long.jpg"), story_url=story.url)
    assert declared.problem == "too large (over 5 MB)"


async def test_many_pictures_at_once_keep_to_the_per_host_limit(
    server: LoopbackServer, tmp_path: Path
) -> None:
    config = Config(cache_dir=tmp_path / "cache", per_host=2)
    for n in range(8):
        server.route(f"/p/{n}.png", serve(picture("PNG", (10 + n, 10)), "image/png"))
    lib = Library(config)
    try:
        story = await _story(server, lib)
        server.max_active = 0
        urls = [server.url(f"/p/{n}.png") for n in range(8)]
        got = await asyncio.gather(
            *(lib.picture(u, story_url=story.url) for u in [*urls, *urls])
        )
    finally:
        await lib.aclose()
    assert [g.width for g in got] == [10 + n for n in range(8)] * 2
    assert server.max_active <= 2
    assert sum(server.hits[f"/p/{n}.png"] for n in range(8)) == 8


async def test_story_pictures_puts_the_lead_first(lib: Library, server: LoopbackServer) -> None:
    story = await _story(server, lib)
    article = Article(
        title="t",
        lead_image="http://pics.test/lead.jpg",
        markdown="Text.\n\n![A gull](http://pics.test/gull.png)\n\n"
        "![again](http://pics.test/lead.jpg)\n\n![x](data:image/gif;base64,R0lGOD)",
        text="Text.",
    )
    assert lib.story_pictures(replace(story, article=article)) == [
        "http://pics.test/lead.jpg",
        "http://pics.test/gull.png",
    ]


def test_probe_is_what_the_library_checks() -> None:
    info = probe(picture("GIF", (7, 5)))
    assert isinstance(info, PictureInfo) and (info.width, info.height) == (7, 5)


async def _until_asked(server: LoopbackServer, path: str, times: int = 1) -> None:
    while server.hits[path] < times:
        await asyncio.sleep(0.01)


async def test_a_caller_that_gives_up_does_not_stop_the_others(
    server: LoopbackServer, lib: Library
) -> None:
    jpeg = picture("JPEG", (20, 10))
    gate = threading.Event()
    server.route("/p/slow.jpg", held(gate, serve(jpeg)))
    story = await _story(server, lib)
    url = server.url("/p/slow.jpg")
    first = asyncio.create_task(lib.picture(url, story_url=story.url))
    second = asyncio.create_task(lib.picture(url, story_url=story.url))
    await _until_asked(server, "/p/slow.jpg")
    first.cancel()
    gate.set()
    got = await second
    assert first.cancelled() and got.data == jpeg
    assert server.hits["/p/slow.jpg"] == 1


async def test_a_fetch_nobody_waits_for_any_more_stops_and_a_later_one_starts_afresh(
    server: LoopbackServer, lib: Library
) -> None:
    jpeg = picture("JPEG", (20, 10))
    gate = threading.Event()
    server.route("/p/slow.jpg", held(gate, serve(jpeg)))
    story = await _story(server, lib)
    url = server.url("/p/slow.jpg")
    only = asyncio.create_task(lib.picture(url, story_url=story.url))
    await _until_asked(server, "/p/slow.jpg")
    only.cancel()
    with pytest.raises(asyncio.CancelledError):
        await only
    gate.set()
    got = await lib.picture(url, story_url=story.url)
    assert got.data == jpeg and server.hits["/p/slow.jpg"] == 2


async def test_a_picture_the_demo_feeds_kept_is_copied_to_the_story_that_shows_it(
    server: LoopbackServer, config: Config
) -> None:
    """The demo's feeds live in memory (``feeds_apart``) and keep their stories' pictures
    there; opening the story stores it in the real cache, and its picture with it."""
    png = picture("PNG", (16, 16))
    served = {"picture": Reply(body=png, headers={"Content-Type": "image/png"})}
    server.route("/p/a.png", lambda _r: served["picture"])
    lead = server.url("/p/a.png")
    server.route("/s/1", page(STORY_HTML.replace(
        "</title>", f'</title><meta property="og:image" content="{lead}">'
    )))
    server.route("/feed.xml", feed_file(rss("Harbour", [Entry("Keepers", server.url("/s/1"))])))
    lib = Library(config, feeds_apart=True)
    try:
        await lib.feeds.add(server.url("/feed.xml"))
        await lib.feeds.refresh()
        served["picture"] = Reply(500)
        story = await lib.open(server.url("/s/1"))
        got = await lib.picture(lead, story_url=story.url)
        in_cache = lib.cache.picture(lead)
    finally:
        await lib.aclose()
    assert got.data == png and in_cache is not None and in_cache.data == png
    assert server.hits["/p/a.png"] == 1


async def test_every_demo_story_shows_its_lead_picture_online_then_offline(
    config: Config,
) -> None:
    """The demo's stories through the library: each lead picture (a JPEG or PNG drawn
    for the demo) comes back checked, and comes back again offline from the cache."""
    from reader.demo import start_demo, story_paths

    with start_demo(0) as demo:  # any free port
        lib = Library(config)
        seen: dict[str, list[Picture]] = {}
        try:
            for path in story_paths():
                story = await lib.open(demo.url(path))
                urls = lib.story_pictures(story)
                seen[story.url] = list(await asyncio.gather(
                    *(lib.picture(u, story_url=story.url) for u in urls)
                ))
        finally:
            await lib.aclose()
    assert seen and all(pictures for pictures in seen.values())
    for pictures in seen.values():
        assert pictures[0].data is not None, pictures[0]  # the lead picture
        for got in pictures:
            assert got.data is not None or got.problem == "SVG is not drawn", got
    offline = Library(config, offline=True)
    try:
        for story_url, pictures in seen.items():
            for got in pictures:
                again = await offline.picture(got.url, story_url=story_url)
                assert again.data == got.data
    finally:
        await offline.aclose()

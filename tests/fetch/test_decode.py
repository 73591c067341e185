"""Content encodings are undone while streaming, against the cap on the decoded size.

The bombs here are 64 MB of spaces squeezed into about 64 KB; with the cap at 1 MB the
fetcher must stop at the cap and never hold much more than that in memory.
"""

from __future__ import annotations

import asyncio
import gzip
import tracemalloc
import zlib
from collections.abc import Awaitable, Callable, Iterator

import brotli  # type: ignore[import-untyped]
import pytest

from reader.fetch import ContentEncodingError, Fetcher, FetchSettings, NotHTMLError
from reader.fetch.encoding import STEP, BodyDecoder
from reader.model import Page
from tests.support.fetch import PATIENT_S, chunks, fetch, spaces_compressed
from tests.support.httpserver import LoopbackServer, Reply, html

STORY = (
    "<html><body>" + "<p>A sentence of the story, told again.</p>" * 400 + "</body></html>"
).encode()
CAP = 1_000_000
CAPPED = FetchSettings(max_bytes=CAP, deadline=PATIENT_S)
BOMB_SIZE = 64_000_000


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """64 MB of spaces as one gzip member (about 64 KB)."""
    return spaces_compressed(BOMB_SIZE, 31)


def encoded(body: bytes, encoding: str) -> Callable[[object], Reply]:
    return lambda _r: Reply(200, body, {"Content-Encoding": encoding})


@pytest.mark.parametrize(
    ("encoding", "squeeze"),
    [
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda b: zlib.compress(b, wbits=-15)),  # raw deflate, as some send it
        ("br", brotli.compress),
        ("identity", lambda b: b),
        ("gzip, br", lambda b: brotli.compress(gzip.compress(b))),
        ("GZIP , deflate", lambda b: zlib.compress(gzip.compress(b))),
        ("gzip, gzip", lambda b: gzip.compress(gzip.compress(b))),
    ],
)
async def test_encodings_are_undone(
    server: LoopbackServer, encoding: str, squeeze: Callable[[bytes], bytes]
) -> None:
    server.route("/s", encoded(squeeze(STORY), encoding))
    page = await fetch(server.url("/s"))
    assert page.body == STORY
    assert not page.truncated


async def test_gzip_members_one_after_another(server: LoopbackServer) -> None:
    body = gzip.compress(STORY[:5000]) + gzip.compress(STORY[5000:])
    server.route("/two", encoded(body, "gzip"))
    assert (await fetch(server.url("/two"))).body == STORY


async def test_unknown_encoding_is_a_clear_error(server: LoopbackServer) -> None:
    server.route("/lzw", encoded(b"\x1f\x9d\x90<p>", "compress"))
    with pytest.raises(
        ContentEncodingError, match="content encoding reader cannot decode: compress"
    ):
        await fetch(server.url("/lzw"))


async def test_broken_compression_is_a_clear_error(server: LoopbackServer) -> None:
    server.route("/junk", encoded(b"\x1f\x8b\x08\x00" + b"not really gzip at all" * 10, "gzip"))
    with pytest.raises(ContentEncodingError, match="gzip compression is broken"):
        await fetch(server.url("/junk"))


async def test_size_cap_cuts_and_marks(server: LoopbackServer) -> None:
    server.route("/long", lambda _r: Reply(200, STORY))
    page = await fetch(server.url("/long"), FetchSettings(max_bytes=10_000))
    assert page.truncated
    assert page.body == STORY[:10_000]


async def test_body_exactly_at_the_cap_is_whole(server: LoopbackServer) -> None:
    server.route("/exact", lambda _r: Reply(200, STORY))
    page = await fetch(server.url("/exact"), FetchSettings(max_bytes=len(STORY)))
    assert not page.truncated
    assert page.body == STORY


async def test_cap_applies_to_a_streamed_body(server: LoopbackServer) -> None:
    server.route("/stream", lambda _r: Reply(200, chunks(STORY * 10, 4096)))  # no length
    page = await fetch(server.url("/stream"), FetchSettings(max_bytes=20_000))
    assert page.truncated
    assert page.body == (STORY * 10)[:20_000]


async def _peak(work: Callable[[], Awaitable[Page]]) -> tuple[Page, int]:
    """Run ``work``; return its page and the most memory Python held meanwhile."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        page = await work()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return page, peak


async def test_gzip_bomb_stops_at_the_cap(server: LoopbackServer, bomb: bytes) -> None:
    server.route("/bomb", encoded(bomb, "gzip"))
    page, peak = await _peak(lambda: fetch(server.url("/bomb"), CAPPED))
    assert page.truncated
    assert len(page.body) == CAP and not page.body.strip()
    assert peak < 4 * CAP, f"held {peak:,} bytes for a {CAP:,}-byte cap"


async def test_nested_gzip_bomb_stops_at_the_cap(server: LoopbackServer, bomb: bytes) -> None:
    server.route("/nested", encoded(gzip.compress(bomb), "gzip, gzip"))
    page, peak = await _peak(lambda: fetch(server.url("/nested"), CAPPED))
    assert page.truncated and len(page.body) == CAP
    assert peak < 4 * CAP, f"held {peak:,} bytes for a {CAP:,}-byte cap"


async def test_brotli_bomb_stops_at_the_cap(server: LoopbackServer) -> None:
    server.route("/br", encoded(brotli.compress(b" " * BOMB_SIZE, quality=5), "br"))
    page, peak = await _peak(lambda: fetch(server.url("/br"), CAPPED))
    assert page.truncated and len(page.body) == CAP
    assert peak < 4 * CAP, f"held {peak:,} bytes for a {CAP:,}-byte cap"


async def test_bomb_in_a_redirect_body_is_never_opened(server: LoopbackServer, bomb: bytes) -> None:
    server.route(
        "/moved", lambda _r: Reply(302, bomb, {"Location": "/ok", "Content-Encoding": "gzip"})
    )
    server.route("/ok", html("<p>safe</p>"))

    async def go() -> Page:
        async with Fetcher(CAPPED) as fetcher:
            return await fetcher.fetch(server.url("/moved"))

    page, peak = await _peak(go)
    assert page.body == b"<p>safe</p>"
    assert peak < 2 * CAP


def test_one_compressed_chunk_never_expands_past_a_step(bomb: bytes) -> None:
    chunk = bomb[: 64 * 1024]  # about 64 MB once inflated
    pieces = BodyDecoder(["gzip"]).feed(chunk)
    tracemalloc.start()
    try:
        first = next(pieces)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert 0 < len(first) <= STEP
    assert peak < 4 * STEP
    rest = sum(len(p) for p in pieces)
    assert len(first) + rest > 50_000_000  # the rest was there, just not all at once


def test_brotli_output_is_bounded_per_step() -> None:
    pieces = list(BodyDecoder(["br"]).feed(brotli.compress(bytes(5_000_000), quality=5)))
    assert sum(map(len, pieces)) == 5_000_000
    assert max(map(len, pieces)) <= 2 * STEP  # brotli may overshoot by part of a block


def _counted(first: bytes, total: int, sent: list[int]) -> Iterator[bytes]:
    """``first``, then filler up to ``total`` bytes, counting what the server wrote."""
    yield first
    sent.append(len(first))
    filler = b"<p>" + b"z" * (64 * 1024 - 3)
    while sum(sent) < total:
        yield filler
        sent.append(len(filler))


@pytest.mark.parametrize(
    ("first", "settings"),
    [
        (b"%PDF-1.7\n" + bytes(2000), FetchSettings(deadline=PATIENT_S)),  # refused at once
        (STORY, FetchSettings(max_bytes=100_000, deadline=PATIENT_S)),  # cut at the cap
    ],
    ids=["pdf-as-html", "capped"],
)
async def test_reading_stops_early(
    server: LoopbackServer, first: bytes, settings: FetchSettings
) -> None:
    sent: list[int] = []
    total = 200_000_000
    server.route("/big", lambda _r: Reply(200, _counted(first, total, sent)))
    if first.startswith(b"%PDF"):
        with pytest.raises(NotHTMLError):
            await fetch(server.url("/big"), settings)
    else:
        assert (await fetch(server.url("/big"), settings)).truncated
    # once the server has noticed the closed connection and stopped sending:
    for _ in range(int(PATIENT_S / 0.01)):
        if server.active == 0:
            break
        await asyncio.sleep(0.01)
    assert server.active == 0, "the server is still sending"
    assert sum(sent) < total // 10

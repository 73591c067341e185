"""accept="picture": the body comes back as it is, whole, or is refused: past the picture
cap (never cut), or when its first bytes are markup. No HTML sniffing, no text decoding."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import replace

import pytest

from reader.fetch import (
    Fetcher,
    HTTPStatusError,
    NotHTMLError,
    NotPictureError,
    PictureTooLargeError,
)
from tests.support.fetch import PATIENT, fetch
from tests.support.httpserver import LoopbackServer, Reply
from tests.support.pictures import picture, serve

PIECE = 64 * 1024


async def test_a_picture_comes_back_whole_where_a_page_is_refused(
    server: LoopbackServer,
) -> None:
    jpeg = picture("JPEG", (50, 40))
    server.route("/p.jpg", serve(jpeg))
    got = await fetch(server.url("/p.jpg"), accept="picture")
    assert (got.body, got.content_type, got.charset, got.truncated) == (
        jpeg, "image/jpeg", None, False
    )
    accept = server.requests[-1].headers["accept"]
    assert accept.startswith("image/webp") and "text/html" not in accept
    with pytest.raises(NotHTMLError):
        await fetch(server.url("/p.jpg"))


async def test_a_compressed_picture_and_one_behind_a_redirect(server: LoopbackServer) -> None:
    png = picture("PNG", (30, 30))
    server.route("/z.png", lambda _r: Reply(
        body=gzip.compress(png), headers={"Content-Type": "image/png", "Content-Encoding": "gzip"}
    ))
    server.route("/old.png", lambda _r: Reply(301, headers={"Location": "/z.png"}))
    got = await fetch(server.url("/old.png"), accept="picture")
    assert got.body == png and got.final_url == server.url("/z.png")


async def test_markup_is_refused_by_its_first_bytes(server: LoopbackServer) -> None:
    page_bytes = b"\n  <!DOCTYPE html><html><p>Please sign in</p>"
    server.route("/page.jpg", serve(page_bytes, "image/jpeg"))
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'
    server.route("/d.svg", serve(svg, "image/svg+xml"))
    with pytest.raises(NotPictureError) as page:
        await fetch(server.url("/page.jpg"), accept="picture")
    assert page.value.reason == "not a picture (a web page)"
    assert str(page.value) == f"not a picture: an HTML page at {server.url('/page.jpg')}"
    with pytest.raises(NotPictureError) as svg:
        await fetch(server.url("/d.svg"), accept="picture")
    assert svg.value.reason == "SVG is not drawn"
    server.route("/doc.png", serve(b"%PDF-1.7\n" + b"\x00" * 3000, "image/png"))
    with pytest.raises(NotPictureError) as pdf:
        await fetch(server.url("/doc.png"), accept="picture")
    assert pdf.value.reason == "not a picture (a PDF document)"


async def test_an_error_status_is_an_error(server: LoopbackServer) -> None:
    with pytest.raises(HTTPStatusError) as info:
        await fetch(server.url("/missing.png"), accept="picture")
    assert info.value.status == 404


def _endless(sent: list[int]) -> Iterator[bytes]:
    yield b"\xff\xd8\xff\xe0"
    for _ in range(50_000_000 // PIECE):
        sent.append(PIECE)
        yield b"\x00" * PIECE


async def test_a_stream_past_the_cap_is_refused_not_cut(server: LoopbackServer) -> None:
    sent: list[int] = []
    server.route("/huge.jpg", lambda _r: Reply(body=_endless(sent),
                                               headers={"Content-Type": "image/jpeg"}))
    async with Fetcher(PATIENT) as fetcher:
        with pytest.raises(PictureTooLargeError) as info:
            await fetcher.fetch(server.url("/huge.jpg"), accept="picture")
    assert info.value.limit == 5_000_000
    assert str(info.value) == (
        f"picture larger than 5 MB (the picture size cap): {server.url('/huge.jpg')}"
    )
    assert sum(sent) < 20_000_000  # the server was stopped long before 50 MB


async def test_a_declared_length_past_the_cap_is_refused_before_the_body(
    server: LoopbackServer,
) -> None:
    sent: list[int] = []
    server.route("/long.jpg", lambda _r: Reply(
        body=_endless(sent), headers={"Content-Type": "image/jpeg", "Content-Length": "50000000"}
    ))
    with pytest.raises(PictureTooLargeError):
        await fetch(server.url("/long.jpg"), accept="picture")
    assert sum(sent) < 5_000_000


async def test_a_cap_of_its_own_per_request(server: LoopbackServer) -> None:
    png = picture("PNG", (40, 40))
    server.route("/a.png", serve(png, "image/png"))
    async with Fetcher(PATIENT) as fetcher:
        with pytest.raises(PictureTooLargeError) as info:
            await fetcher.fetch(server.url("/a.png"), accept="picture", max_bytes=len(png) - 1)
        assert info.value.limit == len(png) - 1
        whole = await fetcher.fetch(server.url("/a.png"), accept="picture", max_bytes=len(png))
    # the page cap (max_bytes of the settings) is not the picture cap
    async with Fetcher(replace(PATIENT, max_bytes=10, max_picture_bytes=len(png))) as fetcher:
        tiny = await fetcher.fetch(server.url("/a.png"), accept="picture")
    assert whole.body == png and tiny.body == png

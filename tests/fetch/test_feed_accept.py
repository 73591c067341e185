"""Fetching feeds: ``accept="feed"`` takes feed, XML and JSON types (HTML pages stay
as they were), and a chain of permanent redirects is reported as ``Page.moved_to``."""

from __future__ import annotations

import pytest

from reader.fetch import Fetcher, NotHTMLError
from tests.support.fetch import PATIENT
from tests.support.httpserver import LoopbackServer, Reply

RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'


@pytest.mark.parametrize(
    "media",
    ["application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
     "application/feed+json", "application/json", "text/plain", ""],
)
async def test_feed_types_are_taken_when_asked_for(server: LoopbackServer, media: str) -> None:
    headers = {"Content-Type": media} if media else {"Content-Type": ""}
    server.route("/feed", lambda _r: Reply(200, RSS, headers))
    async with Fetcher(PATIENT) as fetcher:
        page = await fetcher.fetch(server.url("/feed"), accept="feed")
        assert page.body == RSS
        assert page.content_type == (media or "text/html")
        if media not in ("", "text/plain"):
            with pytest.raises(NotHTMLError, match="not an HTML page"):
                await fetcher.fetch(server.url("/feed"))  # the default is unchanged


async def test_the_feed_accept_header_is_sent(server: LoopbackServer) -> None:
    server.route("/feed", lambda _r: Reply(200, RSS, {"Content-Type": "application/rss+xml"}))
    async with Fetcher(PATIENT) as fetcher:
        await fetcher.fetch(server.url("/feed"), accept="feed")
    assert "application/rss+xml" in server.requests[-1].headers["accept"]


async def test_binary_is_still_refused_for_feeds(server: LoopbackServer) -> None:
    server.route("/f", lambda _r: Reply(200, b"%PDF-1.4 x", {"Content-Type": "application/xml"}))
    server.route("/g", lambda _r: Reply(200, b"\x89PNG", {"Content-Type": "image/png"}))
    async with Fetcher(PATIENT) as fetcher:
        with pytest.raises(NotHTMLError, match="not a feed or an HTML page: a PDF"):
            await fetcher.fetch(server.url("/f"), accept="feed")
        with pytest.raises(NotHTMLError, match="image/png"):
            await fetcher.fetch(server.url("/g"), accept="feed")


async def test_permanent_redirects_are_reported(server: LoopbackServer) -> None:
    server.route("/a", lambda _r: Reply(301, b"", {"Location": "/b"}))
    server.route("/b", lambda _r: Reply(308, b"", {"Location": "/c"}))
    server.route("/c", lambda _r: Reply(200, RSS, {"Content-Type": "application/rss+xml"}))
    server.route("/t", lambda _r: Reply(302, b"", {"Location": "/a"}))
    async with Fetcher(PATIENT) as fetcher:
        moved = await fetcher.fetch(server.url("/a"), accept="feed")
        mixed = await fetcher.fetch(server.url("/t"), accept="feed")
        plain = await fetcher.fetch(server.url("/c"), accept="feed")
    assert moved.moved_to == server.url("/c") and moved.url == server.url("/a")
    assert mixed.moved_to is None and mixed.final_url == server.url("/c")
    assert plain.moved_to is None


async def test_a_304_after_a_permanent_redirect_still_reports_it(server: LoopbackServer) -> None:
    server.route("/a", lambda _r: Reply(301, b"", {"Location": "/b"}))
    server.route("/b", lambda r: Reply(304) if r.headers.get("if-none-match") == '"x"'
                 else Reply(200, RSS, {"Content-Type": "application/rss+xml", "ETag": '"x"'}))
    async with Fetcher(PATIENT) as fetcher:
        page = await fetcher.fetch(server.url("/a"), etag='"x"', accept="feed")
    assert page.status == 304 and page.moved_to == server.url("/b")


async def test_a_304_leaves_the_connection_open_for_the_next_request(
    server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    connects: list[object] = []
    real_connect = socket.socket.connect

    def counting(sock: socket.socket, address: object) -> None:
        connects.append(address)
        real_connect(sock, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", counting)
    server.route("/f", lambda r: Reply(304) if r.headers.get("if-none-match") == '"v"'
                 else Reply(200, RSS, {"Content-Type": "application/rss+xml", "ETag": '"v"'}))
    async with Fetcher(PATIENT) as fetcher:
        first = await fetcher.fetch(server.url("/f"), accept="feed")
        for _ in range(4):
            again = await fetcher.fetch(server.url("/f"), etag=first.etag, accept="feed")
            assert again.status == 304
    assert server.hits["/f"] == 5 and len(connects) == 1

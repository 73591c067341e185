"""Redirects are followed by the fetcher itself: limits, loops, schemes, the chain."""

from __future__ import annotations

import pytest

from reader.fetch import Fetcher, FetchSettings, RedirectError
from tests.support.fetch import PATIENT, PATIENT_S, fetch, serving
from tests.support.httpserver import LoopbackServer, Reply, Request, html


def moved(location: str, status: int = 302, **headers: str) -> Reply:
    return Reply(status, b"", {"Location": location, **headers})


async def test_relative_redirect_is_resolved(server: LoopbackServer) -> None:
    server.route("/news/old", lambda _r: moved("../stories/new?x=1"))
    server.route("/stories/new", html("<p>the story</p>"))
    page = await fetch(server.url("/news/old"))
    assert page.body == b"<p>the story</p>"
    assert page.final_url == server.url("/stories/new?x=1")
    assert page.url == server.url("/news/old")
    assert page.redirects == (server.url("/news/old"),)


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
async def test_every_redirect_status_is_followed(server: LoopbackServer, status: int) -> None:
    server.route("/a", lambda _r: moved("/b", status))
    server.route("/b", html("<p>b</p>"))
    assert (await fetch(server.url("/a"))).final_url == server.url("/b")


async def test_chain_is_recorded_in_order(server: LoopbackServer) -> None:
    for n in range(1, 5):
        server.route(f"/{n}", lambda _r, n=n: moved(f"/{n + 1}"))
    server.route("/5", html("<p>five</p>"))
    page = await fetch(server.url("/1"))
    assert page.redirects == tuple(server.url(f"/{n}") for n in range(1, 5))
    assert page.final_url == server.url("/5")


async def test_redirect_to_another_loopback_host(server: LoopbackServer) -> None:
    with serving("127.0.0.2") as other:
        other.route("/there", html("<p>over there</p>"))
        server.route("/here", lambda _r: moved(other.url("/there")))
        page = await fetch(server.url("/here"))
    assert page.final_url == other.url("/there")
    assert page.body == b"<p>over there</p>"


async def test_exactly_the_limit_is_allowed(server: LoopbackServer) -> None:
    for n in range(3):
        server.route(f"/{n}", lambda _r, n=n: moved(f"/{n + 1}"))
    server.route("/3", html("<p>end</p>"))
    page = await fetch(server.url("/0"), FetchSettings(max_redirects=3, deadline=PATIENT_S))
    assert len(page.redirects) == 3


async def test_more_than_the_limit_is_refused(server: LoopbackServer) -> None:
    server.route("/hop", lambda _r: moved(f"/hop?n={server.hits['/hop']}"))  # always new
    with pytest.raises(RedirectError) as info:
        await fetch(server.url("/hop"))
    assert str(info.value) == f"too many redirects (more than 10) from {server.url('/hop')}"
    assert server.hits["/hop"] == 11


async def test_loop_is_detected_early(server: LoopbackServer) -> None:
    server.route("/a", lambda _r: moved("/b"))
    server.route("/b", lambda _r: moved("/a"))
    with pytest.raises(RedirectError, match=r"redirect loop: .*/b leads back to .*/a"):
        await fetch(server.url("/a"))
    assert server.hits["/a"] == 1 and server.hits["/b"] == 1


def _cookie_gate(req: Request) -> Reply:
    if "seen=1" in req.headers.get("cookie", ""):
        return Reply(200, b"<p>welcome back</p>")
    return moved("/gate", **{"Set-Cookie": "seen=1; Path=/"})


async def test_coming_back_with_a_new_cookie_is_not_a_loop(server: LoopbackServer) -> None:
    server.route("/gate", _cookie_gate)
    page = await fetch(server.url("/gate"))
    assert page.body == b"<p>welcome back</p>"
    assert page.redirects == (server.url("/gate"),)


@pytest.mark.parametrize(
    ("location", "scheme"),
    [
        ("file:///etc/passwd", "file"),
        ("data:text/html,<p>hi</p>", "data"),
        ("JavaScript:alert(1)", "javascript"),
        ("ftp://127.0.0.1/x", "ftp"),
    ],
)
async def test_redirect_to_other_schemes_is_refused(
    server: LoopbackServer, location: str, scheme: str
) -> None:
    server.route("/go", lambda _r: moved(location))
    with pytest.raises(RedirectError) as info:
        await fetch(server.url("/go"))
    assert str(info.value).startswith(f"refusing to follow a redirect to a {scheme}: URL")


async def test_redirect_without_location_is_an_error(server: LoopbackServer) -> None:
    server.route("/nowhere", lambda _r: Reply(302, b""))
    with pytest.raises(Exception, match="answered 302 Found without saying where to go"):
        await fetch(server.url("/nowhere"))


async def test_redirect_body_is_never_read(server: LoopbackServer) -> None:
    # A body far bigger than the cap: reading it would truncate or time out.
    big = b"<p>" + b"x" * 5_000_000
    server.route("/r", lambda _r: Reply(302, big, {"Location": "/ok"}))
    server.route("/ok", html("<p>ok</p>"))
    settings = FetchSettings(max_bytes=1000, deadline=PATIENT_S)
    async with Fetcher(settings) as fetcher:
        page = await fetcher.fetch(server.url("/r"))
    assert page.body == b"<p>ok</p>"
    assert not page.truncated


async def test_conditional_headers_follow_the_redirect(server: LoopbackServer) -> None:
    server.route("/old", lambda _r: moved("/new", 301))
    server.route(
        "/new",
        lambda r: Reply(304) if r.headers.get("if-none-match") == '"e"' else Reply(200, b"<p>"),
    )
    page = await fetch(server.url("/old"), PATIENT, etag='"e"')
    assert page.status == 304
    assert page.final_url == server.url("/new")
    assert page.redirects == (server.url("/old"),)


async def test_redirect_to_a_malformed_address_is_refused(server: LoopbackServer) -> None:
    server.route("/bad", lambda _r: moved("http://127.0.0.1:abc/x"))
    with pytest.raises(RedirectError, match="redirected to an address that is not valid"):
        await fetch(server.url("/bad"))

"""Failing networks: deadlines, refusals, resets, silence, huge heads, DNS, proxies.

DNS failure is simulated inside this process (``socket.getaddrinfo`` patched to raise);
no test resolves a real name. The deadline tests use a tiny deadline and a server that
would take far longer (or forever) without it, so what they check is the outcome (a
timeout rather than the page, or rather than the server hanging up), never how long the
fetch took; the one timing check left is a lower bound (a timer did not fire early). The
other failures get a patient deadline, so that a busy machine cannot turn them into
timeouts.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from ipaddress import ip_address
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reader.errors import FetchError
from reader.fetch import (
    ConnectFailedError,
    ConnectionLostError,
    Fetcher,
    FetchSettings,
    FetchTimeoutError,
    ProtocolViolationError,
)
from tests.support.fetch import PATIENT, fetch, head, raw, refused_port, reset
from tests.support.httpserver import HOLD_S, LoopbackServer, Reply, Request, held, html

TINY = FetchSettings(connect_timeout=1.0, deadline=0.4)
"""For the deadline tests: the servers there take 60 s, or forever, to do what they do."""
DRIP_S = 30.0
"""How long the dripping server drips before it sends the rest of the page."""


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """Set at the end of a test so that stalled handlers give their thread back."""
    event = threading.Event()
    yield event
    event.set()


async def _timed(url: str, settings: FetchSettings = PATIENT) -> tuple[FetchError, float]:
    start = time.monotonic()
    with pytest.raises(FetchError) as info:
        await fetch(url, settings)
    return info.value, time.monotonic() - start


async def test_slow_drip_hits_the_total_deadline(
    server: LoopbackServer, release: threading.Event
) -> None:
    sent = threading.Event()  # the whole page went out

    def drip(sock: socket.socket, _req: Request) -> None:
        size = 100_000
        end = time.monotonic() + DRIP_S
        try:
            sock.sendall(head(Content_Type="text/html", Content_Length=str(size)))
            while time.monotonic() < end:  # one byte every 20 ms: a read timeout never fires
                if release.wait(0.02):
                    return
                sock.sendall(b"a")
                size -= 1
            sock.sendall(b"a" * size)  # without a total deadline, the fetch gets a page
            sent.set()
        except OSError:
            pass

    server.route("/drip", lambda _r: Reply(raw=drip))
    error, elapsed = await _timed(server.url("/drip"), TINY)
    assert isinstance(error, FetchTimeoutError)
    assert str(error) == f"timed out after 0.4 s fetching {server.url('/drip')}"
    assert not sent.is_set()  # ended while the server was still dripping
    assert elapsed > 0.35  # and not before the deadline


async def test_slow_headers_hit_the_total_deadline(
    server: LoopbackServer, release: threading.Event
) -> None:
    # The page comes once the test is over (or after a minute): without the deadline the
    # fetch would wait for it and succeed.
    server.route("/late", held(release, Reply(200, b"<p>too late</p>")))
    error, elapsed = await _timed(server.url("/late"), TINY)
    assert isinstance(error, FetchTimeoutError)
    assert str(error) == f"timed out after 0.4 s fetching {server.url('/late')}"
    assert elapsed > 0.35


async def test_deadline_covers_redirects_too(server: LoopbackServer) -> None:
    server.route("/a", lambda _r: Reply(302, b"", {"Location": "/b"}, delay=0.25))
    server.route("/b", lambda _r: Reply(200, b"<p>b</p>", delay=0.25))
    # Each hop alone fits in the 0.4 s deadline; both together do not. A deadline per hop
    # would give the page.
    error, elapsed = await _timed(server.url("/a"), TINY)
    assert isinstance(error, FetchTimeoutError)
    assert elapsed > 0.35


async def test_server_that_never_answers(server: LoopbackServer, release: threading.Event) -> None:
    # Silent for a minute, then it hangs up: without the deadline the fetch would end in
    # "closed the connection without answering" instead.
    server.route("/silent", lambda _r: Reply(raw=lambda _s, _q: release.wait(HOLD_S)))
    error, elapsed = await _timed(server.url("/silent"), TINY)
    assert isinstance(error, FetchTimeoutError)
    assert "timed out after 0.4 s fetching" in str(error)
    assert elapsed > 0.35


async def test_connection_refused() -> None:
    with refused_port() as port:
        error, _ = await _timed(f"http://127.0.0.1:{port}/story")
    assert isinstance(error, ConnectFailedError)
    assert str(error) == f"could not reach 127.0.0.1:{port}: connection refused"


async def test_reset_mid_body(server: LoopbackServer) -> None:
    start = head(Content_Type="text/html", Content_Length="100000") + b"<p>" + b"a" * 5000
    server.route("/cut", lambda _r: raw(start, then=reset))
    error, _ = await _timed(server.url("/cut"))
    assert isinstance(error, ConnectionLostError)
    assert str(error) == f"connection to 127.0.0.1:{server.port} was reset while reading " + (
        server.url("/cut")
    )


async def test_body_shorter_than_announced(server: LoopbackServer) -> None:
    start = head(Content_Type="text/html", Content_Length="100000") + b"<p>only this</p>"
    server.route("/short", lambda _r: raw(start))
    error, _ = await _timed(server.url("/short"))
    assert isinstance(error, ConnectionLostError)
    assert "was closed before the whole page arrived" in str(error)


async def test_closed_without_answering(server: LoopbackServer) -> None:
    server.route("/hangup", lambda _r: Reply(raw=lambda _s, _q: None))
    error, _ = await _timed(server.url("/hangup"))
    assert isinstance(error, ConnectionLostError)
    assert "closed the connection without answering" in str(error)


async def test_not_http_at_all(server: LoopbackServer) -> None:
    server.route("/babble", lambda _r: raw(b"SSH-2.0-OpenSSH_9.6\r\n\r\n"))
    error, _ = await _timed(server.url("/babble"))
    assert isinstance(error, ProtocolViolationError)
    assert "sent an answer that is not valid HTTP" in str(error)


async def test_huge_headers_are_refused(server: LoopbackServer) -> None:
    filler = "".join(f"X-Filler-{n}: {'v' * 1000}\r\n" for n in range(200))  # 200 KB
    reply = b"HTTP/1.1 200 OK\r\n" + filler.encode() + b"Content-Length: 4\r\n\r\n<p>x"
    server.route("/huge", lambda _r: raw(reply))
    error, _ = await _timed(server.url("/huge"))
    assert isinstance(error, ProtocolViolationError)
    assert "sent response headers too large to read" in str(error)


async def test_large_but_sane_headers_are_read(server: LoopbackServer) -> None:
    cookies = {f"X-Filler-{n}": "v" * 1000 for n in range(20)}  # 20 KB
    server.route("/cookies", html("<p>fine</p>", **cookies))
    assert (await fetch(server.url("/cookies"))).body == b"<p>fine</p>"


@pytest.fixture
def no_dns(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every name lookup fails as if the name did not exist; the calls are recorded."""
    asked: list[Any] = []

    def lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
        asked.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    return asked


async def test_name_not_resolved(no_dns: list[Any]) -> None:
    error, _ = await _timed("http://news.example.invalid/today")
    assert isinstance(error, ConnectFailedError)
    assert str(error) == "could not reach news.example.invalid: name not resolved"
    assert no_dns, "the lookup went through the patched resolver"


async def test_env_proxy_never_carries_loopback(
    server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with refused_port() as port:
        dead = f"http://127.0.0.1:{port}"
        for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
            monkeypatch.setenv(name, dead)
        server.route("/demo", html("<p>demo</p>"))
        assert (await fetch(server.url("/demo"))).body == b"<p>demo</p>"


def _ip_literal(url: str) -> bool:
    """True when the fetcher would connect to ``url``'s host without a name lookup."""
    try:
        ip_address(httpx.URL(url.strip()).host)
    except (ValueError, TypeError, httpx.InvalidURL):
        return False
    return True


@pytest.mark.usefixtures("no_proxy")
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.one_of(
        st.text(max_size=60),
        st.builds(lambda rest: "http://" + rest, st.text(max_size=60)),
        st.builds(lambda rest: "https://" + rest, st.text(max_size=60)),
    )
)
def test_any_string_gives_a_page_or_a_fetch_error(url: str) -> None:
    """Whatever the caller passes, only ``FetchError`` comes out (no lookup succeeds, and
    addresses that need no lookup are never tried: they could leave the machine)."""
    assume(not _ip_literal(url))

    def lookup(*_a: Any, **_k: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    real = socket.getaddrinfo
    socket.getaddrinfo = lookup
    try:

        async def attempt() -> None:
            async with Fetcher(FetchSettings(connect_timeout=0.5, deadline=1.0)) as fetcher:
                try:
                    await fetcher.fetch(url)
                except FetchError as exc:
                    assert exc.message and "\x1b" not in exc.message

        asyncio.run(attempt())
    finally:
        socket.getaddrinfo = real


async def test_connect_timeout() -> None:
    # A listener that never accepts, its backlog already full: the handshake never ends.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        fillers = [socket.socket() for _ in range(4)]
        try:
            for filler in fillers:
                filler.setblocking(False)
                with contextlib.suppress(BlockingIOError):
                    filler.connect(("127.0.0.1", port))
            # Without a connect timeout the 60 s deadline would end it, saying so.
            settings = FetchSettings(connect_timeout=0.3, deadline=HOLD_S)
            error, elapsed = await _timed(f"http://127.0.0.1:{port}/", settings)
        finally:
            for filler in fillers:
                filler.close()
    assert isinstance(error, FetchTimeoutError)
    assert str(error) == f"could not reach 127.0.0.1:{port}: no answer within 0.3 s"
    assert elapsed > 0.25

"""The per-host limit, counted by the servers themselves."""

from __future__ import annotations

import asyncio
import threading

from reader.fetch import Fetcher, FetchSettings
from tests.support.fetch import serving
from tests.support.httpserver import LoopbackServer, Reply, Request


async def test_one_host_never_gets_more_than_the_limit(server: LoopbackServer) -> None:
    server.route("/slow", lambda _r: Reply(200, b"<p>slow</p>", delay=0.15))
    async with Fetcher(FetchSettings(per_host=4, deadline=5)) as fetcher:
        pages = await asyncio.gather(
            *(fetcher.fetch(server.url(f"/slow?n={n}")) for n in range(10))
        )
    assert [p.body for p in pages] == [b"<p>slow</p>"] * 10
    assert server.hits["/slow"] == 10
    assert server.max_active == 4


async def test_different_hosts_do_not_share_a_limit(no_proxy: None) -> None:
    # Each handler waits until four requests are in flight at once: two per host with
    # a per-host limit of 2. A limit shared between the hosts would break the barrier.
    barrier = threading.Barrier(4, timeout=3)

    def meet(_req: Request) -> Reply:
        barrier.wait()
        return Reply(200, b"<p>met</p>")

    with serving("127.0.0.1") as one, serving("127.0.0.2") as two:
        one.route("/m", meet)
        two.route("/m", meet)
        async with Fetcher(FetchSettings(per_host=2, deadline=5)) as fetcher:
            urls = [srv.url(f"/m?n={n}") for srv in (one, two) for n in range(4)]
            pages = await asyncio.gather(*(fetcher.fetch(u) for u in urls))
    assert all(p.body == b"<p>met</p>" for p in pages)
    assert one.max_active == 2 and two.max_active == 2


async def test_waiting_for_a_slot_does_not_count_against_the_deadline(
    server: LoopbackServer,
) -> None:
    server.route("/turn", lambda _r: Reply(200, b"<p>my turn</p>", delay=0.25))
    settings = FetchSettings(per_host=1, deadline=0.8)
    async with Fetcher(settings) as fetcher:
        pages = await asyncio.gather(*(fetcher.fetch(server.url("/turn")) for _ in range(4)))
    assert len(pages) == 4  # about 1 s in all, each within its own 0.8 s
    assert server.max_active == 1


async def test_ports_are_different_hosts(server: LoopbackServer) -> None:
    with serving("127.0.0.1") as other:
        barrier = threading.Barrier(2, timeout=3)

        def meet(_req: Request) -> Reply:
            barrier.wait()
            return Reply(200, b"<p>met</p>")

        server.route("/m", meet)
        other.route("/m", meet)
        async with Fetcher(FetchSettings(per_host=1, deadline=5)) as fetcher:
            await asyncio.gather(fetcher.fetch(server.url("/m")), fetcher.fetch(other.url("/m")))


async def test_a_cancelled_fetch_gives_its_slot_back(server: LoopbackServer) -> None:
    release = threading.Event()
    server.route("/stuck", lambda _r: Reply(raw=lambda _s, _q: release.wait(5)))
    server.route("/next", lambda _r: Reply(200, b"<p>next</p>"))
    try:
        async with Fetcher(FetchSettings(per_host=1, deadline=5)) as fetcher:
            stuck = asyncio.create_task(fetcher.fetch(server.url("/stuck")))
            while not server.hits["/stuck"]:
                await asyncio.sleep(0.01)
            stuck.cancel()
            page = await asyncio.wait_for(fetcher.fetch(server.url("/next")), 2)
    finally:
        release.set()
    assert page.body == b"<p>next</p>"
    assert stuck.cancelled()

"""The per-host limit, counted by the servers themselves.

Concurrency is made certain, not hoped for: handlers meet at a barrier, so that "this
many at once" happens on any machine however the threads are scheduled. A barrier that
never fills gives up after ``MEET_S`` and fails the request.
"""

from __future__ import annotations

import asyncio
import threading

from reader.fetch import Fetcher, FetchSettings
from tests.support.fetch import serving
from tests.support.httpserver import HOLD_S, LoopbackServer, Reply, Request

MEET_S = 30.0


async def test_one_host_never_gets_more_than_the_limit(server: LoopbackServer) -> None:
    # The first four wait for each other: the server sees four at once whatever the
    # scheduler does (a limit below four would break the barrier), and more than four
    # would show in max_active.
    barrier = threading.Barrier(4, timeout=MEET_S)
    lock = threading.Lock()
    arrived: list[str] = []

    def meet_first_four(req: Request) -> Reply:
        with lock:
            arrived.append(req.path)
            first = len(arrived) <= 4
        if first:
            barrier.wait()
        return Reply(200, b"<p>slow</p>")

    server.route("/slow", meet_first_four)
    async with Fetcher(FetchSettings(per_host=4, deadline=HOLD_S)) as fetcher:
        pages = await asyncio.gather(
            *(fetcher.fetch(server.url(f"/slow?n={n}")) for n in range(10))
        )
    assert [p.body for p in pages] == [b"<p>slow</p>"] * 10
    assert server.hits["/slow"] == 10
    assert server.max_active == 4


async def test_different_hosts_do_not_share_a_limit(no_proxy: None) -> None:
    # Each handler waits until four requests are in flight at once: two per host with
    # a per-host limit of 2. A limit shared between the hosts would break the barrier.
    barrier = threading.Barrier(4, timeout=MEET_S)

    def meet(_req: Request) -> Reply:
        barrier.wait()
        return Reply(200, b"<p>met</p>")

    with serving("127.0.0.1") as one, serving("127.0.0.2") as two:
        one.route("/m", meet)
        two.route("/m", meet)
        async with Fetcher(FetchSettings(per_host=2, deadline=HOLD_S)) as fetcher:
            urls = [srv.url(f"/m?n={n}") for srv in (one, two) for n in range(4)]
            pages = await asyncio.gather(*(fetcher.fetch(u) for u in urls))
    assert all(p.body == b"<p>met</p>" for p in pages)
    assert one.max_active == 2 and two.max_active == 2


async def test_waiting_for_a_slot_does_not_count_against_the_deadline(
    server: LoopbackServer,
) -> None:
    # One at a time, 0.3 s each: the last of eight waits at least 2.1 s for its turn, far
    # past the 2 s deadline, while each fetch on its own keeps 1.7 s to spare however
    # busy the machine is.
    server.route("/turn", lambda _r: Reply(200, b"<p>my turn</p>", delay=0.3))
    settings = FetchSettings(per_host=1, deadline=2.0)
    async with Fetcher(settings) as fetcher:
        pages = await asyncio.gather(*(fetcher.fetch(server.url("/turn")) for _ in range(8)))
    assert [p.body for p in pages] == [b"<p>my turn</p>"] * 8
    assert server.max_active == 1


async def test_ports_are_different_hosts(server: LoopbackServer) -> None:
    with serving("127.0.0.1") as other:
        barrier = threading.Barrier(2, timeout=MEET_S)

        def meet(_req: Request) -> Reply:
            barrier.wait()
            return Reply(200, b"<p>met</p>")

        server.route("/m", meet)
        other.route("/m", meet)
        async with Fetcher(FetchSettings(per_host=1, deadline=HOLD_S)) as fetcher:
            await asyncio.gather(fetcher.fetch(server.url("/m")), fetcher.fetch(other.url("/m")))


async def test_a_cancelled_fetch_gives_its_slot_back(server: LoopbackServer) -> None:
    release = threading.Event()
    server.route("/stuck", lambda _r: Reply(raw=lambda _s, _q: release.wait(HOLD_S)))
    server.route("/next", lambda _r: Reply(200, b"<p>next</p>"))
    try:
        async with Fetcher(FetchSettings(per_host=1, deadline=HOLD_S)) as fetcher:
            stuck = asyncio.create_task(fetcher.fetch(server.url("/stuck")))
            while not server.hits["/stuck"]:
                await asyncio.sleep(0.01)
            stuck.cancel()
            # With the slot kept, /next would wait for ever (waiting for a slot is not
            # counted against the deadline): a generous guard, not a measure.
            page = await asyncio.wait_for(fetcher.fetch(server.url("/next")), HOLD_S / 2)
    finally:
        release.set()
    assert page.body == b"<p>next</p>"
    assert stuck.cancelled()

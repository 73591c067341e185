"""Prefetch speed and the per-host bound, measured against real loopback servers.

Run by hand from the repository root:  .venv/bin/python benchmarks/bench_prefetch.py

1. Eight teasers served from four loopback addresses (127.0.0.1-127.0.0.4, two each),
   every answer held back 200 ms: the time to prefetch all eight (fetch, extract, store)
   against one request's time measured in the same run. Target: under 2x.
2. Eight teasers from one host with per_host=4: the most requests the server saw at
   once. Target: never above 4.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.config import Config
from reader.fetch import Fetcher, FetchSettings
from reader.library import Library
from reader.model import Teaser
from tests.support.httpserver import LoopbackServer, Reply

DELAY = 0.2
ROUNDS = 5
WORDS = (
    "The ferry left the harbour late because the tide ran lower than the tables said, "
    "and the crew waited for the water to rise over the bar before they cast off. "
)


def story(n: int) -> bytes:
    paras = "".join(f"<p>{WORDS * 3}</p>" for _ in range(8))
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>Harbour note {n}</title>"
        f"</head><body><article><h1>Harbour note {n}</h1>{paras}</article></body></html>"
    ).encode()


def serve_slow(srv: LoopbackServer, paths: list[str]) -> None:
    for i, path in enumerate(paths):
        body = story(i)
        srv.route(path, lambda _r, b=body: Reply(body=b, delay=DELAY))


async def one_request(url: str) -> float:
    async with Fetcher(FetchSettings()) as fetcher:
        t0 = time.perf_counter()
        await fetcher.fetch(url)
        return time.perf_counter() - t0


async def prefetch_all(
    cache_dir: Path, front_url: str, teasers: list[Teaser], per_host: int
) -> float:
    lib = Library(Config(cache_dir=cache_dir, prefetch=len(teasers), per_host=per_host))
    try:
        front = await lib.open(front_url)
        lib.cache.put_teasers(front.url, teasers)
        t0 = time.perf_counter()
        states = await lib.prefetch(front)
        took = time.perf_counter() - t0
    finally:
        await lib.aclose()
    bad = [s for s in states if s.status != "offline"]
    if bad:
        raise SystemExit(f"prefetch failed: {[(s.teaser.url, s.error) for s in bad]}")
    return took


async def spread_over_four_hosts() -> None:
    servers = [LoopbackServer(f"127.0.0.{i}").start() for i in range(1, 5)]
    try:
        servers[0].route("/front", lambda _r: Reply(body=story(99)))
        singles: list[float] = []
        alls: list[float] = []
        for rnd in range(ROUNDS):
            paths = [f"/r{rnd}/t{k}" for k in range(2)]
            teasers: list[Teaser] = []
            for srv in servers:
                serve_slow(srv, paths)
                teasers += [Teaser(srv.url(p), f"t{p}") for p in paths]
            servers[1].route(f"/r{rnd}/single", lambda _r: Reply(body=story(0), delay=DELAY))
            singles.append(await one_request(servers[1].url(f"/r{rnd}/single")))
            with tempfile.TemporaryDirectory() as tmp:
                alls.append(await prefetch_all(Path(tmp), servers[0].url("/front"), teasers, 4))
        one, every = statistics.median(singles), statistics.median(alls)
        print(
            f"8 teasers on 4 loopback hosts, each answer after 200 ms (median of {ROUNDS} rounds):"
        )
        print(f"  one request      {one * 1000:7.1f} ms")
        print(
            f"  prefetch all 8   {every * 1000:7.1f} ms   = {every / one:.2f}x one request"
            f" (target < 2x: {'met' if every < 2 * one else 'MISSED'})"
        )
    finally:
        for srv in servers:
            srv.stop()


async def one_host_bound() -> None:
    with LoopbackServer() as srv:
        srv.route("/front", lambda _r: Reply(body=story(99)))
        paths = [f"/t{k}" for k in range(8)]
        serve_slow(srv, paths)
        teasers = [Teaser(srv.url(p), p) for p in paths]
        with tempfile.TemporaryDirectory() as tmp:
            srv.max_active = 0
            took = await prefetch_all(Path(tmp), srv.url("/front"), teasers, 4)
        print("8 teasers on one host, per_host=4:")
        print(
            f"  most at once (server-counted) {srv.max_active}   "
            f"(limit 4: {'kept' if srv.max_active <= 4 else 'BROKEN'}); took {took * 1000:.0f} ms"
        )


def main() -> None:
    asyncio.run(spread_over_four_hosts())
    asyncio.run(one_host_bound())


if __name__ == "__main__":
    main()

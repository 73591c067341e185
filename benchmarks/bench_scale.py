"""Subscriptions at scale: 1,000 feeds and 200,000 items in one cache. By hand, not in CI:

    .venv/bin/python benchmarks/bench_scale.py [--runs 5] [--items 200000] [--dir DIR]

The cache is built here (under a minute): ``Cache.open`` makes the file and its schema,
``put_many`` stores 300 stories (marked read), ``Subscriptions.import_many`` the 1,000
feeds, and the items go in with plain SQL in the cache's own schema (``item`` and
``feed_item``: the same rows ``store_items`` writes, without its per-item look-ups), 200
per feed, some of them the stored stories. All text is generated here from a fixed word list.

1. Growth: the file's size (WAL checkpointed) after 50,000, 100,000 and 200,000 items;
   bytes per item between the steps should stay the same (linear growth).
2. Start-up: ``reader --offline`` from process start to the news screen's first rows on
   the terminal, against ``reader --offline`` from process start to the library screen's
   first rows on a copy of the same file without its subscriptions (``reader`` opens the
   library when nothing is followed). Both in a pseudo-terminal; "on screen" is the first
   time a word only the first rows hold reaches the terminal. Bar: <= 1.3x.
3. A cursor move in the news list (headless, Pilot key presses, key to screen idle)
   against a bare Textual OptionList of 200 rows, as ``bench_app.py`` measures the
   sidebar. Bar: <= 1.2x.
4. ``reader feed items --limit 50`` against ``reader cache list`` on the same file, whole
   commands (CPU time of the process). Bar: <= 1.2x.
5. Full text of 500 new items from one loopback host: a refresh of a feed of 500 items
   whose stories all live on 127.0.0.1, with the per-host limit (``--per-host``, default
   2); the server counts the requests it holds at once. Bar: never more than the limit,
   and every story stored.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import pty
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
READER = str(Path(PYTHON).parent / "reader")

FEEDS = 1000
STORIES = 300
NEWS_MARK = "Quaymark"
"""A word in every item's title (and nowhere else): the news screen's rows are on screen."""
LIBRARY_MARK = "Slatemark"
"""A word in every stored story's title: the library's rows are on screen."""
VOCAB = (
    "harbour", "tide", "quay", "ferry", "council", "lamp", "gull", "net", "boat", "rope",
    "winter", "morning", "pier", "storm", "crossing", "fare", "market", "bakery", "school",
    "bus", "lifeboat", "fog", "bell", "clock", "road", "bridge", "hill", "village", "river",
)
BASE = datetime(2026, 1, 1, tzinfo=UTC)


def feed_url(f: int) -> str:
    return f"https://site{f}.example/feed.xml"


def item_url(i: int) -> str:
    return f"https://site{i % FEEDS}.example/2026/01/{i}/story-about-the-harbour-{i}"


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(VOCAB) for _ in range(n))


def build(directory: Path, items: int) -> list[tuple[int, int]]:
    """Make the cache in ``directory``; returns (items, file bytes) after each step."""
    from reader.cache import Cache
    from reader.cache.connect import DB_NAME
    from reader.model import Article, Page

    rng = random.Random(7)
    cache = Cache.open(directory, max_bytes=None)
    stories = []
    for s in range(STORIES):
        i = s * 101  # spread among the items
        url = item_url(i)
        text = _words(rng, 400)
        title = f"{LIBRARY_MARK} {_words(rng, 5)}"
        html = f"<html><body><h1>{title}</h1><p>{text}</p></body></html>".encode()
        page = Page(url, url, 200, "text/html", "utf-8", html,
                    fetched_at=BASE + timedelta(minutes=s))
        article = Article(title=title, text=text, markdown=text, canonical_url=url,
                          site_name=f"Site {i % FEEDS}")
        stories.append((page, article, "bench-1"))
    cache.put_many(stories)
    cache.subscriptions.import_many(
        [(feed_url(f), f"Site {f} news", f"https://site{f}.example/", ("town",) if f % 3 else (),
          "feed") for f in range(FEEDS)]
    )
    cache.close()
    path = directory / DB_NAME
    conn = sqlite3.connect(path, isolation_level=None)
    now = time.time()
    conn.execute("UPDATE feed SET last_success_ts = ?", (now,))
    conn.execute("UPDATE story SET last_read_ts = fetched_ts")  # the library lists them
    ids = {url: fid for fid, url in conn.execute("SELECT id, url FROM feed")}
    sizes = [(0, _size(conn, path))]
    steps = sorted({min(items, s) for s in (items // 4, items // 2, items)})
    done = 0
    for step in steps:
        conn.execute("BEGIN")
        for start in range(done, step, 10_000):
            rows, links = [], []
            for i in range(start, min(step, start + 10_000)):
                when = BASE + timedelta(minutes=i)
                rows.append((
                    i + 1, item_url(i), f"{NEWS_MARK} {_words(rng, 6)} {i}", when.isoformat(),
                    when.timestamp(), _words(rng, 30), f"Writer {i % 50}", now, int(i % 4 == 0),
                    "stored" if i % 101 == 0 and i // 101 < STORIES else "pending",
                ))
                links.append((ids[feed_url(i % FEEDS)], f"guid-{i}", i + 1, now))
            conn.executemany(
                "INSERT INTO item(id, url, title, published, sort_ts, summary, author, "
                "first_seen_ts, read, fulltext) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            conn.executemany(
                "INSERT INTO feed_item(feed_id, guid, item_id, seen_ts) VALUES (?, ?, ?, ?)",
                links)
        conn.execute("COMMIT")
        done = step
        sizes.append((step, _size(conn, path)))
    conn.close()
    return sizes


def _size(conn: sqlite3.Connection, path: Path) -> int:
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.stat().st_size


def without_feeds(src: Path, dst: Path) -> None:
    """A copy of the cache with no subscriptions (its items stay): reader opens the library."""
    from reader.cache.connect import DB_NAME

    dst.mkdir(parents=True, exist_ok=True)
    shutil.copy(src / DB_NAME, dst / DB_NAME)
    conn = sqlite3.connect(dst / DB_NAME, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("DELETE FROM feed")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def until_on_screen(cmd: list[str], mark: bytes, env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds from just before the process starts to ``mark`` on its terminal, CPU
    seconds of the process, stopped right then)."""
    master, slave = pty.openpty()
    os.set_blocking(master, False)
    t0 = time.time()
    proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    seen = b""
    wall = -1.0
    deadline = t0 + 60
    while time.time() < deadline:
        try:
            chunk = os.read(master, 65536)
        except BlockingIOError:
            time.sleep(0.001)
            continue
        except OSError:
            break
        seen = seen[-64:] + chunk
        if mark in seen:
            wall = time.time() - t0
            break
    proc.terminate()
    _pid, _status, usage = os.wait4(proc.pid, 0)
    os.close(master)
    if wall < 0:
        raise RuntimeError(f"{' '.join(cmd)} never showed {mark!r}")
    return wall, usage.ru_utime + usage.ru_stime


def command_cpu(cmd: list[str]) -> float:
    """CPU seconds (user + system) of a whole command, its output thrown away."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise RuntimeError(f"{' '.join(cmd)} failed: {err}")
    return usage.ru_utime + usage.ru_stime


async def news_moves(cache_dir: Path, moves: int) -> tuple[list[float], int]:
    """Per-key times of ``down`` in the news list, and how many rows it holds."""
    from reader.app import ReaderApp
    from reader.app.screens.news import NewsScreen
    from reader.app.widgets.item_list import ItemList
    from reader.config import Config

    app = ReaderApp(Config(cache_dir=cache_dir), offline=True)
    times: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(1200):
            screen = app.screen
            lists = screen.query(ItemList) if isinstance(screen, NewsScreen) else None
            if lists and lists.first().option_count:
                break
            await pilot.pause(0.05)
        screen = app.screen
        if not isinstance(screen, NewsScreen):
            raise RuntimeError("reader did not open on the news screen")
        shown = screen.items.option_count
        screen.items.focus()
        await pilot.pause()
        for _ in range(moves):
            gc.collect()
            t1 = time.perf_counter()
            await pilot.press("down")
            times.append(time.perf_counter() - t1)
    return times, shown


async def bare_moves(moves: int) -> list[float]:
    """Per-key times of ``down`` in a bare OptionList of 200 rows."""
    from textual.app import App, ComposeResult
    from textual.widgets import OptionList

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList(*[f"Teaser story number {i}" for i in range(200)])

    times: list[float] = []
    bare = Bare()
    async with bare.run_test(size=(120, 40)) as pilot:
        bare.query_one(OptionList).focus()
        await pilot.pause()
        for _ in range(moves):
            gc.collect()
            t1 = time.perf_counter()
            await pilot.press("down")
            times.append(time.perf_counter() - t1)
    return times


class StorySite:
    """A loopback site: ``/feed.xml`` (RSS of ``n`` items) and ``/story/N.html``; counts
    the requests it holds at once (each story answer takes ``delay`` seconds)."""

    def __init__(self, n: int, delay: float) -> None:
        self.active = self.max_active = self.story_hits = 0
        lock = threading.Lock()
        site = self
        rng = random.Random(11)
        pages = {
            f"/story/{i}.html": (
                f"<!doctype html><html><head><title>Harbour note {i}</title></head><body>"
                f"<article><h1>Harbour note {i}</h1>"
                + "".join(f"<p>{_words(rng, 60).capitalize()}.</p>" for _ in range(6))
                + "</article></body></html>"
            ).encode()
            for i in range(n)
        }

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                with lock:
                    site.active += 1
                    site.max_active = max(site.max_active, site.active)
                try:
                    if self.path == "/feed.xml":
                        body, kind = site.feed, "application/rss+xml"
                    else:
                        body, kind = pages.get(self.path, b""), "text/html; charset=utf-8"
                        time.sleep(delay)
                        with lock:
                            site.story_hits += 1
                    self.send_response(200 if body else 404)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                finally:
                    with lock:
                        site.active -= 1

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 256

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        items = "".join(
            f"<item><title>Harbour note {i}</title><link>{self.base}/story/{i}.html</link>"
            f"<guid>note-{i}</guid></item>" for i in range(n)
        )
        self.feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Notes</title>'
                     f"<link>{self.base}/</link>{items}</channel></rss>").encode()
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


def many_stories(cache_dir: Path, n: int, per_host: int) -> tuple[Any, StorySite, float]:
    """Refresh a feed of ``n`` new items on one host: (the refresh's result, the site,
    wall seconds)."""
    from reader.config import Config
    from reader.library import Library

    site = StorySite(n, delay=0.005)
    config = replace(Config(cache_dir=cache_dir), per_host=per_host, feed_concurrency=16)

    async def work() -> Any:
        lib = Library(config)
        try:
            await lib.feeds.add(site.base + "/feed.xml")
            return await lib.feeds.refresh()
        finally:
            await lib.aclose()

    t0 = time.perf_counter()
    result = asyncio.run(work())
    seconds = time.perf_counter() - t0
    site.httpd.shutdown()
    return result, site, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--items", type=int, default=200_000)
    parser.add_argument("--dir", type=Path, help="build the caches here (kept)")
    parser.add_argument("--stories", type=int, default=500)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--only-stories", action="store_true",
                        help="measure the full-text fetching of new items alone")
    args = parser.parse_args()
    if args.only_stories:
        with tempfile.TemporaryDirectory() as tmp:
            report_stories(Path(tmp), args.stories, args.per_host)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        top = args.dir or Path(tmp)
        news_dir, library_dir = top / "news-cache", top / "library-cache"
        shutil.rmtree(news_dir, ignore_errors=True)
        shutil.rmtree(library_dir, ignore_errors=True)
        t0 = time.perf_counter()
        sizes = build(news_dir, args.items)
        without_feeds(news_dir, library_dir)
        print(f"built {FEEDS} feeds, {args.items} items, {STORIES} stories in "
              f"{time.perf_counter() - t0:.0f} s")
        print("cache file growth (WAL checkpointed):")
        last_n, last_size = sizes[0]
        per_item = []
        for n, size in sizes[1:]:
            each = (size - last_size) / (n - last_n)
            per_item.append(each)
            print(f"  {n:>7} items: {size / 1e6:7.1f} MB   {each:6.0f} bytes per item added")
            last_n, last_size = n, size
        spread = (max(per_item) - min(per_item)) / min(per_item)
        print(f"  bytes per item vary by {spread:.1%} between steps (bar: within ~10%)")

        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
        news_cmd = [READER, "--offline", "--cache-dir", str(news_dir)]
        library_cmd = [READER, "--offline", "--cache-dir", str(library_dir)]
        until_on_screen(news_cmd, NEWS_MARK.encode(), env)  # warm the file cache
        until_on_screen(library_cmd, LIBRARY_MARK.encode(), env)
        news, library = [], []
        for _ in range(args.runs):
            news.append(until_on_screen(news_cmd, NEWS_MARK.encode(), env))
            library.append(until_on_screen(library_cmd, LIBRARY_MARK.encode(), env))
        nw, nc = statistics.median(w for w, _ in news), statistics.median(c for _, c in news)
        lw, lc = statistics.median(w for w, _ in library), statistics.median(c for _, c in library)
        pairs = sorted(n[0] / lib[0] for n, lib in zip(news, library, strict=True))
        print(f"start-up to first rows (median of {args.runs}, in a pty):")
        print("                              wall to rows   CPU until then")
        print(f"  reader: news screen         {nw * 1000:7.0f} ms     {nc * 1000:7.0f} ms")
        print(f"  reader: library screen      {lw * 1000:7.0f} ms     {lc * 1000:7.0f} ms")
        print(f"  ratio                       {nw / lw:7.2f}x       {nc / lc:7.2f}x"
              "   (bar: <= 1.3x)")
        print(f"  run-by-run wall ratios      {pairs[0]:.2f}-{pairs[-1]:.2f}x")

        ours, shown = asyncio.run(news_moves(news_dir, 100))
        bare = asyncio.run(bare_moves(100))
        om, bm = statistics.median(ours), statistics.median(bare)
        print(f"cursor move (100 presses, headless; news list of {shown} rows):")
        print(f"  news list: median {om * 1000:.1f} ms, max {max(ours) * 1000:.1f} ms")
        print(f"  bare OptionList of 200 rows: median {bm * 1000:.1f} ms, "
              f"max {max(bare) * 1000:.1f} ms")
        print(f"  ratio of medians {om / bm:.2f}x   (bar: <= 1.2x)")

        items_cmd = [READER, "feed", "items", "--limit", "50", "--cache-dir", str(news_dir)]
        list_cmd = [READER, "cache", "list", "--cache-dir", str(news_dir)]
        command_cpu(items_cmd)
        command_cpu(list_cmd)
        items_cpu, list_cpu = [], []
        for _ in range(args.runs):
            items_cpu.append(command_cpu(items_cmd))
            list_cpu.append(command_cpu(list_cmd))
        ic, lc2 = statistics.median(items_cpu), statistics.median(list_cpu)
        print(f"whole commands, CPU time (median of {args.runs}):")
        print(f"  reader feed items --limit 50   {ic * 1000:6.0f} ms")
        print(f"  reader cache list              {lc2 * 1000:6.0f} ms")
        print(f"  ratio                          {ic / lc2:6.2f}x   (bar: <= 1.2x)")
        report_stories(top / "stories-cache", args.stories, args.per_host)
    return 0


def report_stories(cache_dir: Path, n: int, per_host: int) -> None:
    shutil.rmtree(cache_dir, ignore_errors=True)
    result, site, seconds = many_stories(cache_dir, n, per_host)
    p = result.progress
    print(f"full text of {n} new items on one host (per-host limit {per_host}):")
    print(f"  {p.stories_stored} stored, {p.stories_failed} failed, {site.story_hits} story "
          f"requests, in {seconds:.1f} s")
    ok = site.max_active <= per_host and p.stories_stored == n
    print(f"  most requests the server held at once: {site.max_active} "
          f"(bar: <= {per_host}, every story stored: {'met' if ok else 'MISSED'})")


if __name__ == "__main__":
    raise SystemExit(main())

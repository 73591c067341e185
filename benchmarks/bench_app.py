"""App speed, side by side with a bare Textual app, in one run. By hand, not in CI:

    .venv/bin/python benchmarks/bench_app.py [--runs 7]

1. Start-up: from process start of ``reader --offline URL`` (a cached 2,000-word story,
   cache in a temp folder) to the article on screen, against a bare app (a Markdown
   widget and an OptionList, nothing else) from its start to the same story on screen.
   Both run in a pseudo-terminal; "on screen" is the first refresh after the body is
   in the widget (``READER_ON_SCREEN_FILE`` makes reader write the time and exit).
2. Opening a prefetched teaser (in-process, headless) against the bare Markdown
   widget's ``update`` with the same story. Each timed step, on both sides, starts
   after a full garbage collection (as ``timeit`` keeps the collector out of its
   timings): a collector pause owed to earlier work would otherwise land in one
   side's figure at random and swing the ratio by a third.
3. A 20,000-word story: time to show it and per page-down times.
4. A page with 500 teasers: time to show it and per cursor-move times in the sidebar.

Stories are generated here from a fixed word list (original text), served on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import pty
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
READER = str(Path(PYTHON).parent / "reader")
VOCAB = (
    "harbour", "tide", "quay", "ferry", "council", "lamp", "gull", "net", "boat", "rope",
    "winter", "morning", "pier", "storm", "crossing", "fare", "market", "bakery", "school",
    "bus", "lifeboat", "fog", "bell", "clock", "road", "bridge", "hill", "village", "river",
    "mill", "stone", "slate", "roof", "chapel", "square", "street", "crew",
)


S2K = "/news/2026/01/two-thousand-words-about-the-harbour"
S20K = "/news/2026/01/twenty-thousand-words-about-the-harbour"
MANY = "/news/2026/01/five-hundred-teasers-on-one-page"
FRONT = "/news/2026/01/front-story-with-two-teasers"
OTHER = "/news/2026/01/another-story-for-the-front"
PAGES_BY_PATH: dict[str, str] = {}
MANY_TEASERS = [
    (f"/news/2026/01/teaser-story-number-{i}", f"Teaser story number {i}") for i in range(500)
]


def words(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(VOCAB) for _ in range(n)]


def story_html(title: str, n_words: int, seed: int, teasers: list[tuple[str, str]]) -> str:
    ws = words(n_words, seed)
    paras = [" ".join(ws[i : i + 80]).capitalize() + "." for i in range(0, len(ws), 80)]
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    items = "".join(f'<li><a href="{u}">{t}</a></li>' for u, t in teasers)
    aside = f'<aside class="related"><h2>Related</h2><ul>{items}</ul></aside>' if items else ""
    return (
        f"<!doctype html><html><head><meta charset=utf-8><title>{title}</title>"
        f'<meta property="og:site_name" content="Bench Post"></head><body><main><article>'
        f"<h1>{title}</h1><p class=byline>By Bench Writer</p>{body}</article>{aside}</main>"
        "</body></html>"
    )


class Site:
    def __init__(self, pages: dict[str, bytes]) -> None:
        pages_ref = pages

        class H(BaseHTTPRequestHandler):
            def log_message(self, *a: Any) -> None:
                pass

            def do_GET(self) -> None:
                body = pages_ref.get(self.path)
                etag = f'"{hash(body)}"'
                if body and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200 if body else 404)
                self.send_header("ETag", etag)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


BARE_APP = '''
import os, sys, time
from textual.app import App
from textual.widgets import Markdown, OptionList
class Bare(App):
    def compose(self):
        yield Markdown(id="md")
        yield OptionList(*[f"teaser {i}" for i in range(8)])
    async def on_mount(self):
        text = open(sys.argv[1], encoding="utf-8").read()
        await self.query_one(Markdown).update(text)
        self.call_after_refresh(self.done)
    def done(self):
        with open(os.environ["READER_ON_SCREEN_FILE"], "a") as f:
            f.write(f"{time.time():.6f}\\n")
        self.exit()
Bare().run()
'''


def run_in_pty(cmd: list[str], stamp: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds from just before the process starts to the time it wrote to
    ``stamp``, CPU seconds the process used in all). CPU time is the steadier figure on
    a busy machine; both are reported."""
    wall, cpu, _rss, _rest = run_measured(cmd, stamp, env)
    return wall, cpu


def run_measured(
    cmd: list[str], stamp: Path, env: dict[str, str]
) -> tuple[float, float, int, list[str]]:
    """``run_in_pty``'s figures, the process's peak RSS in kB, and the rest of the
    stamp's first line (what the process wrote after the time)."""
    stamp.unlink(missing_ok=True)
    master, slave = pty.openpty()
    os.set_blocking(master, False)
    t0 = time.time()
    proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    deadline = time.time() + 120
    cpu, rss = -1.0, -1
    while time.time() < deadline:
        try:
            os.read(master, 65536)
        except (BlockingIOError, OSError):
            time.sleep(0.002)
        pid, _status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            cpu, rss = usage.ru_utime + usage.ru_stime, usage.ru_maxrss
            proc.returncode = 0
            break
    else:
        proc.kill()
        proc.wait()
    os.close(master)
    lines = stamp.read_text().splitlines() if stamp.exists() else []
    if not lines:
        raise RuntimeError(f"{cmd[0]} never reported the story on screen")
    first = lines[0].split()
    return float(first[0]) - t0, cpu, rss, first[1:]


def startup(site: Site, tmp: Path, runs: int) -> dict[str, float]:
    from reader.config import Config
    from reader.library import Library

    cache = tmp / "cache"
    url = site.url(S2K)

    async def warm() -> str:
        lib = Library(Config(cache_dir=cache))
        story = await lib.open(url)
        await lib.aclose()
        return story.article.markdown

    markdown = asyncio.run(warm())
    md_file = tmp / "story.md"
    md_file.write_text(markdown, encoding="utf-8")
    bare_file = tmp / "bare.py"
    bare_file.write_text(BARE_APP, encoding="utf-8")
    stamp = tmp / "stamp"
    env = {**os.environ, "READER_ON_SCREEN_FILE": str(stamp), "TERM": "xterm-256color",
           "COLUMNS": "120", "LINES": "40"}
    ours, bare = [], []
    for _ in range(runs):
        ours.append(run_in_pty([READER, "--offline", "--cache-dir", str(cache), url], stamp, env))
        bare.append(run_in_pty([PYTHON, str(bare_file), str(md_file)], stamp, env))
    return {
        "ours_wall": statistics.median(w for w, _ in ours),
        "ours_cpu": statistics.median(c for _, c in ours),
        "bare_wall": statistics.median(w for w, _ in bare),
        "bare_cpu": statistics.median(c for _, c in bare),
        # each run of ours against the bare run right after it (same moment's noise)
        "pair_wall": sorted(o[0] / b[0] for o, b in zip(ours, bare, strict=True)),
        "pair_cpu": sorted(o[1] / b[1] for o, b in zip(ours, bare, strict=True)),
    }


async def in_process(site: Site, tmp: Path, runs: int) -> dict[str, float]:
    from textual.app import App, ComposeResult
    from textual.widgets import Markdown, OptionList

    from reader.app import ReaderApp
    from reader.app.messages import StoryShown
    from reader.config import Config

    shown = asyncio.Event()

    class BenchApp(ReaderApp):
        def on_story_shown(self, _message: StoryShown) -> None:
            shown.set()

    async def show(app: BenchApp, pilot: Any, action: str) -> float:
        """Run the action a key is bound to (without the Pilot's own waiting)."""
        shown.clear()
        gc.collect()
        t0 = time.perf_counter()
        await app.run_action(action)
        await asyncio.wait_for(shown.wait(), 30)
        return time.perf_counter() - t0

    out: dict[str, float] = {}
    cfg = Config(cache_dir=tmp / "cache-inproc", prefetch=8)
    # -- opening a prefetched teaser ---------------------------------------------------
    app = BenchApp(cfg, target=site.url(FRONT))
    opens: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await asyncio.wait_for(shown.wait(), 30)
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        for _ in range(runs):
            await pilot.pause(0.5)  # past the prefetch start
            await app.workers.wait_for_complete()
            opens.append(await show(app, pilot, "screen.open_teaser(1)"))  # 2,000 words
            await app.workers.wait_for_complete()
            await show(app, pilot, "screen.back")
            await app.workers.wait_for_complete()
    out["open_teaser"] = statistics.median(opens)
    out["open_teaser_min"] = min(opens)
    out["open_teaser_max"] = max(opens)

    md_text = (tmp / "story.md").read_text(encoding="utf-8")
    from reader.extract import extract

    big_page = PAGES_BY_PATH[S20K]
    (tmp / "story20k.md").write_text(extract(big_page, site.url(S20K)).markdown, encoding="utf-8")

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Markdown()
            yield OptionList(*[f"teaser {i}" for i in range(8)])

    bare = Bare()
    updates: list[float] = []
    async with bare.run_test(size=(120, 40)) as pilot:
        md = bare.query_one(Markdown)
        for i in range(runs):
            done = asyncio.Event()
            gc.collect()
            t0 = time.perf_counter()
            await md.update(md_text if i % 2 == 0 else md_text + "\n\nEnd.")
            bare.call_after_refresh(done.set)
            await done.wait()
            updates.append(time.perf_counter() - t0)
    out["bare_update"] = statistics.median(updates)
    out["bare_update_min"] = min(updates)
    out["bare_update_max"] = max(updates)

    # -- the same heavy content in a bare app, for scale ---------------------------------
    from textual.containers import VerticalScroll

    class BareScroll(App[None]):
        def compose(self) -> ComposeResult:
            with VerticalScroll():
                yield Markdown()
            yield OptionList(*[f"Teaser story number {i}" for i in range(200)])

    big = (tmp / "story20k.md").read_text(encoding="utf-8")
    bare2 = BareScroll()
    async with bare2.run_test(size=(120, 40)) as pilot:
        done = asyncio.Event()
        t0 = time.perf_counter()
        await bare2.query_one(Markdown).update(big)
        bare2.call_after_refresh(done.set)
        await done.wait()
        out["bare_show_20k"] = time.perf_counter() - t0
        bare2.query_one(VerticalScroll).focus()
        pages = []
        for _ in range(40):
            t1 = time.perf_counter()
            await pilot.press("pagedown")
            pages.append(time.perf_counter() - t1)
        out["bare_page_20k_median"] = statistics.median(pages)
        out["bare_page_20k_max"] = max(pages)
        bare2.query_one(OptionList).focus()
        moves = []
        for _ in range(100):
            t1 = time.perf_counter()
            await pilot.press("down")
            moves.append(time.perf_counter() - t1)
        out["bare_move_median"] = statistics.median(moves)
        out["bare_move_max"] = max(moves)

    # -- 20,000 words and 500 teasers --------------------------------------------------
    shown.clear()
    app = BenchApp(replace(cfg, prefetch=0), target=site.url(S20K))
    async with app.run_test(size=(120, 40)) as pilot:
        t0 = time.perf_counter()
        await asyncio.wait_for(shown.wait(), 60)
        out["show_20k"] = time.perf_counter() - t0
        pages = []
        for _ in range(40):
            t1 = time.perf_counter()
            await pilot.press("space")
            pages.append(time.perf_counter() - t1)
        out["page_20k_median"] = statistics.median(pages)
        out["page_20k_max"] = max(pages)
        out["scroll_y_20k"] = app.reading.article.scroll_y
    shown.clear()
    app = BenchApp(replace(cfg, prefetch=0), target=site.url(MANY))
    async with app.run_test(size=(120, 40)) as pilot:
        t0 = time.perf_counter()
        await asyncio.wait_for(shown.wait(), 60)
        out["show_500"] = time.perf_counter() - t0
        out["teasers_500"] = app.reading.teasers.option_count
        await pilot.press("tab")
        moves = []
        for _ in range(100):
            t1 = time.perf_counter()
            await pilot.press("down")
            moves.append(time.perf_counter() - t1)
        out["move_500_median"] = statistics.median(moves)
        out["move_500_max"] = max(moves)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    pages = {
        S2K: story_html("Two thousand words about the harbour", 2000, 1, []),
        S20K: story_html("Twenty thousand words about the harbour", 20_000, 2, []),
        MANY: story_html("Five hundred teasers", 300, 3, MANY_TEASERS),
        FRONT: story_html(
            "Front", 400, 4, [(S2K, "Two thousand words about the harbour"),
                              (OTHER, "Another story")]
        ),
        OTHER: story_html("Another story", 300, 5, []),
    }
    PAGES_BY_PATH.update(pages)
    site = Site({k: v.encode() for k, v in pages.items()})
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        st = startup(site, tmp, args.runs)
        print(f"start-up to article on screen (median of {args.runs}, in a pty):")
        print("                         wall to on screen   CPU of the whole run")
        print(f"  reader --offline URL   {st['ours_wall'] * 1000:7.0f} ms"
              f"          {st['ours_cpu'] * 1000:7.0f} ms")
        print(f"  bare Textual app       {st['bare_wall'] * 1000:7.0f} ms"
              f"          {st['bare_cpu'] * 1000:7.0f} ms")
        print(f"  ratio                  {st['ours_wall'] / st['bare_wall']:7.2f}x"
              f"            {st['ours_cpu'] / st['bare_cpu']:7.2f}x   (target <= 1.3x)")
        pw, pc = st["pair_wall"], st["pair_cpu"]
        print(f"  run-by-run ratios      {pw[0]:.2f}-{pw[-1]:.2f}x"
              f"         {pc[0]:.2f}-{pc[-1]:.2f}x   (lowest-highest of {len(pw)} pairs)")
        res = asyncio.run(in_process(site, tmp, args.runs))
        ratio = res["open_teaser"] / res["bare_update"]
        ratio_min = res["open_teaser_min"] / res["bare_update_min"]
        print(f"opening a prefetched 2,000-word teaser (median of {args.runs}, headless):")
        print("                               median       best")
        print(f"  reader (teaser 1 on screen)  {res['open_teaser'] * 1000:7.0f} ms"
              f"   {res['open_teaser_min'] * 1000:7.0f} ms")
        print(f"  bare Markdown.update         {res['bare_update'] * 1000:7.0f} ms"
              f"   {res['bare_update_min'] * 1000:7.0f} ms")
        print(f"  ratio                        {ratio:7.2f}x   {ratio_min:7.2f}x"
              "   (target <= 1.2x)")
        print(f"  ranges: reader {res['open_teaser_min'] * 1000:.0f}-"
              f"{res['open_teaser_max'] * 1000:.0f} ms, bare {res['bare_update_min'] * 1000:.0f}-"
              f"{res['bare_update_max'] * 1000:.0f} ms")
        print("20,000-word story:")
        print(f"  open to on screen            {res['show_20k'] * 1000:7.0f} ms"
              f"   (bare Markdown.update: {res['bare_show_20k'] * 1000:.0f} ms)")
        print(
            f"  page down: median {res['page_20k_median'] * 1000:.1f} ms, "
            f"max {res['page_20k_max'] * 1000:.1f} ms "
            f"(scrolled to line {res['scroll_y_20k']:.0f})"
        )
        print(
            f"  bare app page down: median {res['bare_page_20k_median'] * 1000:.1f} ms, "
            f"max {res['bare_page_20k_max'] * 1000:.1f} ms"
        )
        print(f"page with {res['teasers_500']:.0f} teasers:")
        print(f"  open to on screen            {res['show_500'] * 1000:7.0f} ms")
        print(f"  sidebar cursor move: median {res['move_500_median'] * 1000:.1f} ms, "
              f"max {res['move_500_max'] * 1000:.1f} ms")
        print(f"  bare OptionList of 200 strings: median {res['bare_move_median'] * 1000:.1f} ms, "
              f"max {res['bare_move_max'] * 1000:.1f} ms")
        print("(page-down and cursor times are Pilot key presses: key to screen idle)")
    site.httpd.shutdown()


if __name__ == "__main__":
    main()

"""Pictures in the story: what they cost the text and the memory. By hand, not in CI:

    .venv/bin/python benchmarks/bench_drawing.py [--runs 7]

A 1,500-word story with 20 pictures (800 x 450 JPEGs drawn here: original shapes and
gradients), stored in a cache in a temp folder with its pictures. In a pseudo-terminal,
each side started in turn, ``reader --offline URL`` with:

1. ``images = "halfblock"`` against ``images = "off"`` and a bare Textual app (a
   Markdown widget, nothing else) with the same text: process start to the text on
   screen (``READER_ON_SCREEN_FILE``). Bar: pictures on within 1.1x of pictures off.
2. Peak RSS (``ru_maxrss``) of the process with all 20 pictures drawn
   (``READER_PICTURES_FILE``: it exits once every picture is drawn) against the same
   story with pictures off at its text on screen. Bar: under 1.5x.

3. Scrolling while the pictures arrive (in-process, headless, from the cache): from the
   moment the text is on screen, 60 presses of ``j``, each timed from key to screen idle,
   with pictures on against pictures off; and how many pictures were drawn meanwhile.
   Decoding runs in a thread, so the worst press with pictures on should stay near the
   worst press with them off.

It also reports the time from start to every picture drawn, and checks that the pictures
were drawn (not marked as failed).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_app import BARE_APP, PYTHON, READER, run_measured, words  # noqa: E402

PICTURES = 20
TITLE = "Twenty pictures of the harbour"
PATH = "/news/2026/02/twenty-pictures-of-the-harbour"


def picture(n: int) -> bytes:
    """An 800 x 450 JPEG: a sky gradient, a sea band and a few shapes, varied by ``n``."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (800, 450))
    draw = ImageDraw.Draw(img)
    for y in range(450):
        shade = int(120 + 100 * y / 450)
        draw.line([(0, y), (800, y)], fill=(40 + n * 7 % 60, shade - 40, shade))
    draw.rectangle([0, 300, 800, 450], fill=(20, 60 + n * 5 % 80, 110))
    for k in range(6):
        x = (n * 97 + k * 131) % 760
        draw.ellipse([x, 80 + k * 30, x + 40, 120 + k * 30], fill=(240, 200 - k * 20, 80))
    x = n * 20
    draw.polygon([(100 + x, 300), (180 + x, 220), (260 + x, 300)], fill=(230, 230, 230))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def story_html() -> str:
    ws = words(1500, 7)
    parts = [f"<h1>{TITLE}</h1><p class=byline>By Bench Writer</p>"]
    for i in range(PICTURES):
        chunk = ws[i * 75 : (i + 1) * 75]
        parts.append(f"<p>{' '.join(chunk).capitalize()}.</p>")
        parts.append(
            f'<figure><img src="/pictures/{i}.jpg" width="800" height="450" alt="Harbour view {i}">'
            f"<figcaption>The harbour, picture {i + 1} of {PICTURES}.</figcaption></figure>"
        )
    return (
        f"<!doctype html><html><head><meta charset=utf-8><title>{TITLE}</title></head>"
        f"<body><main><article>{''.join(parts)}</article></main></body></html>"
    )


class Site:
    def __init__(self, files: dict[str, tuple[str, bytes]]) -> None:
        class H(BaseHTTPRequestHandler):
            def log_message(self, *a: Any) -> None:
                pass

            def do_GET(self) -> None:
                kind, body = files.get(self.path, ("text/plain", b""))
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"


async def scrolling(cache: Path, url: str, images: str, presses: int) -> tuple[list[float], int]:
    """Key-to-idle seconds of each ``j`` press from the text on screen on, and the
    pictures drawn by the last press."""
    import gc

    from reader.app import ReaderApp
    from reader.app.messages import StoryShown
    from reader.config import Config

    shown = asyncio.Event()

    class BenchApp(ReaderApp):
        def on_story_shown(self, _message: StoryShown) -> None:
            shown.set()

    app = BenchApp(Config(cache_dir=cache, prefetch=0, images=images), target=url, offline=True)
    times: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await asyncio.wait_for(shown.wait(), 60)
        gc.collect()
        for _ in range(presses):
            t0 = time.perf_counter()
            await pilot.press("j")
            times.append(time.perf_counter() - t0)
        drawn = sum(p.state == "drawn" for p in app.reading.article.pictures)
    return times, drawn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    html = story_html().encode()
    files: dict[str, tuple[str, bytes]] = {PATH: ("text/html; charset=utf-8", html)}
    for i in range(PICTURES):
        files[f"/pictures/{i}.jpg"] = ("image/jpeg", picture(i))
    site = Site(files)
    url = site.base + PATH
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        cache = tmp / "cache"

        from reader.config import Config
        from reader.library import Library

        async def warm() -> tuple[str, int]:
            lib = Library(Config(cache_dir=cache))
            story = await lib.open(url)
            urls = lib.story_pictures(story)
            got = [await lib.picture(u, story_url=story.url) for u in urls]
            await lib.aclose()
            return story.article.markdown, sum(p.data is not None for p in got)

        markdown, stored = asyncio.run(warm())
        print(f"story stored with {stored} of {PICTURES} pictures")
        md_file = tmp / "story.md"
        md_file.write_text(markdown, encoding="utf-8")
        bare_file = tmp / "bare.py"
        bare_file.write_text(BARE_APP, encoding="utf-8")
        configs = {}
        for mode in ("halfblock", "off"):
            configs[mode] = tmp / f"{mode}.toml"
            configs[mode].write_text(f'images = "{mode}"\n', encoding="utf-8")
        shown, done = tmp / "shown", tmp / "done"
        base_env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
        base_env.pop("TMUX", None)
        text_env = {**base_env, "READER_ON_SCREEN_FILE": str(shown)}
        pics_env = {**text_env, "READER_PICTURES_FILE": str(done)}

        def reader(mode: str) -> list[str]:
            return [READER, "--offline", "--cache-dir", str(cache), "--config",
                    str(configs[mode]), url]

        on, off, bare, drawn = [], [], [], []
        for _ in range(args.runs):
            on.append(run_measured(reader("halfblock"), shown, text_env))
            off.append(run_measured(reader("off"), shown, text_env))
            bare.append(run_measured([PYTHON, str(bare_file), str(md_file)], shown, text_env))
            drawn.append(run_measured(reader("halfblock"), done, pics_env))
        med = statistics.median
        print(f"text on screen (median of {args.runs}, in a pty):")
        for name, rows in (("pictures on", on), ("pictures off", off), ("bare app", bare)):
            print(f"  {name:13} {med(r[0] for r in rows) * 1000:7.0f} ms wall "
                  f"{med(r[1] for r in rows) * 1000:7.0f} ms CPU")
        pair = sorted(a[0] / b[0] for a, b in zip(on, off, strict=True))
        pair_cpu = sorted(a[1] / b[1] for a, b in zip(on, off, strict=True))
        print(f"  on / off, paired: wall {med(pair):.2f}x  CPU {med(pair_cpu):.2f}x  (bar 1.1x)")
        print(f"  off / bare: wall {med(r[0] for r in off) / med(r[0] for r in bare):.2f}x")
        counts = {tuple(r[3]) for r in drawn}
        print(f"all pictures drawn: {med(r[0] for r in drawn) * 1000:.0f} ms from start "
              f"(drawn, failed: {sorted(counts)})")
        rss_on, rss_off = med(r[2] for r in drawn), med(r[2] for r in off)
        print(f"peak RSS: pictures drawn {rss_on / 1024:.1f} MB, pictures off "
              f"{rss_off / 1024:.1f} MB: {rss_on / rss_off:.2f}x (bar 1.5x)")
        presses = 60
        print(f"scrolling (j, key to idle) from the text on screen, headless, {presses} presses:")
        for mode in ("halfblock", "off"):
            times, drawn_now = asyncio.run(scrolling(cache, url, mode, presses))
            p90 = statistics.quantiles(times, n=10)[-1]
            print(f"  pictures {mode:9}: median {statistics.median(times) * 1000:5.1f} ms  "
                  f"p90 {p90 * 1000:5.1f} ms  max {max(times) * 1000:5.1f} ms  "
                  f"({drawn_now} pictures drawn meanwhile)")


if __name__ == "__main__":
    main()

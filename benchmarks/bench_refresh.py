"""Refreshing 106 real feeds from loopback: ``reader feed refresh --no-stories`` beside
lemon24's ``reader`` (PyPI) ``update_feeds(workers=8)`` and newsboat (``-x reload`` with
``reload-threads 8``), all against the same server in the same run.

Data: the 106 real feeds in ``../shared/bench/feeds/real/*.xml.gz``, or
``$READER_FEEDS_DIR``; absent data is reported and the script exits 0.

The server is a plain static file server in its own process (``--serve``): each feed at
``/<name>.xml`` as ``application/xml``, with Last-Modified, answering If-Modified-Since
with 304, no ETag, ``request_queue_size`` raised to 512.

Each candidate gets a fresh cache. Ours: ``reader feed import`` of an OPML file of the
106 feeds (not timed), then the first ``reader feed refresh --no-stories`` and the
second (unchanged feeds) are timed as whole commands, process start included. lemon24's
``reader`` runs in its own environment (``$READER_FEEDREADER_PYTHON``, else
``benchmarks/.feedreader-venv``: ``python3 -m venv benchmarks/.feedreader-venv &&
benchmarks/.feedreader-venv/bin/pip install reader``), its import name clashing with
ours: ``add_feed`` for every URL (not timed), then a process doing
``update_feeds(workers=8)``, twice. newsboat (``apt-get install newsboat``):
``newsboat -u URLS -c CACHE -C CONFIG -x reload``, twice. Missing peers are skipped with
a note.

Wall-clock time of each command and the CPU time of its process (user + system, from
``wait4``), median of ``--runs`` rounds (each round on fresh caches).

    .venv/bin/python benchmarks/bench_refresh.py [--runs N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LAST_MODIFIED = formatdate(1_764_000_000, usegmt=True)

LEMON24_ADD = """
import sys
from reader import make_reader
r = make_reader(sys.argv[1])
for url in open(sys.argv[2]).read().split():
    r.add_feed(url)
r.close()
"""
LEMON24_UPDATE = """
import sys
from reader import make_reader
r = make_reader(sys.argv[1])
r.update_feeds(workers=8)
print(sum(1 for _ in r.get_entries()))
r.close()
"""


def data_dir() -> Path:
    env = os.environ.get("READER_FEEDS_DIR")
    if env:
        return Path(env)
    return ROOT.parent / "shared" / "bench" / "feeds"


# -- the static server (its own process) ------------------------------------------------
def serve(folder: Path, port_file: Path) -> None:
    files = {f"/{p.name[: -len('.xml.gz')]}.xml": gzip.decompress(p.read_bytes())
             for p in sorted((folder / "real").glob("*.xml.gz"))}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            body = files.get(self.path.split("?", 1)[0])
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                self.send_response(304)
                self.send_header("Last-Modified", LAST_MODIFIED)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Last-Modified", LAST_MODIFIED)
            self.end_headers()
            self.wfile.write(body)

    class Server(ThreadingHTTPServer):
        request_queue_size = 512
        daemon_threads = True

    httpd = Server(("127.0.0.1", 0), Handler)
    port_file.write_text(str(httpd.server_address[1]))
    httpd.serve_forever()


def start_server(folder: Path, work: Path) -> tuple[subprocess.Popen[bytes], int]:
    port_file = work / "port"
    proc = subprocess.Popen([sys.executable, __file__, "--serve", str(folder), str(port_file)])
    deadline = time.monotonic() + 30
    while not port_file.exists() or not port_file.read_text():
        if time.monotonic() > deadline or proc.poll() is not None:
            raise SystemExit("the static server did not start")
        time.sleep(0.05)
    return proc, int(port_file.read_text())


# -- timing ---------------------------------------------------------------------------------
def timed(args: list[str], env: dict[str, str] | None = None,
          cwd: Path | None = None) -> tuple[float, float, str]:
    """Wall-clock seconds, CPU seconds (user + system of the process) and stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            cwd=cwd)
    assert proc.stdout is not None and proc.stderr is not None
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{args[0]} failed ({proc.returncode}): {err.decode()[-800:]}")
    return wall, usage.ru_utime + usage.ru_stime, out.decode()


def opml(urls: list[str]) -> str:
    lines = ['<?xml version="1.0"?>', '<opml version="2.0"><head><title>bench</title></head>',
             "<body>"]
    lines += [f"<outline type=\"rss\" text=\"f\" xmlUrl={quoteattr(u)}/>" for u in urls]
    return "\n".join([*lines, "</body></opml>"]) + "\n"


def ours(urls: list[str], work: Path) -> tuple[tuple[float, float], tuple[float, float], str]:
    cache = work / "ours"
    listing = work / "feeds.opml"
    listing.write_text(opml(urls))
    env = {**os.environ, "READER_CONFIG": str(work / "none.toml")}
    reader = [sys.executable, "-m", "reader", "--cache-dir", str(cache)]
    timed([*reader, "feed", "import", str(listing)], env, ROOT)
    w1, c1, out1 = timed([*reader, "feed", "refresh", "--no-stories"], env, ROOT)
    w2, c2, out2 = timed([*reader, "feed", "refresh", "--no-stories"], env, ROOT)
    return (w1, c1), (w2, c2), out1.strip() + " | " + out2.strip()


def lemon24(python: str, urls: list[str],
            work: Path) -> tuple[tuple[float, float], tuple[float, float], str]:
    db = work / "lemon24.sqlite"
    listing = work / "urls.txt"
    listing.write_text("\n".join(urls) + "\n")
    # -I: isolated, so our own ``reader`` package beside the script is never imported.
    timed([python, "-I", "-c", LEMON24_ADD, str(db), str(listing)], cwd=work)
    w1, c1, out1 = timed([python, "-I", "-c", LEMON24_UPDATE, str(db)], cwd=work)
    w2, c2, _ = timed([python, "-I", "-c", LEMON24_UPDATE, str(db)], cwd=work)
    return (w1, c1), (w2, c2), f"{out1.strip()} entries"


def newsboat(binary: str, urls: list[str],
             work: Path) -> tuple[tuple[float, float], tuple[float, float], str]:
    listing = work / "newsboat-urls"
    listing.write_text("\n".join(urls) + "\n")
    config = work / "newsboat-config"
    config.write_text("reload-threads 8\n")
    cache = work / "newsboat-cache.db"
    args = [binary, "-u", str(listing), "-c", str(cache), "-C", str(config), "-x", "reload"]
    env = {**os.environ, "HOME": str(work)}
    w1, c1, _ = timed(args, env, work)
    w2, c2, _ = timed(args, env, work)
    return (w1, c1), (w2, c2), ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--serve", nargs=2, metavar=("DIR", "PORT_FILE"), help=argparse.SUPPRESS)
    ns = ap.parse_args()
    if ns.serve:
        serve(Path(ns.serve[0]), Path(ns.serve[1]))
        return 0
    folder = data_dir()
    if not (folder / "real").is_dir():
        print(f"no feeds at {folder}; nothing measured")
        return 0
    peer_python = os.environ.get("READER_FEEDREADER_PYTHON") or str(
        HERE / ".feedreader-venv" / "bin" / "python")
    candidates: dict[str, Any] = {"reader (ours)": ours}
    if Path(peer_python).exists():
        candidates["lemon24 reader"] = lambda u, w: lemon24(peer_python, u, w)
    else:
        print(f"lemon24's reader not found at {peer_python}; skipped")
    newsboat_bin = shutil.which("newsboat")
    if newsboat_bin:
        candidates["newsboat"] = lambda u, w: newsboat(newsboat_bin, u, w)
    else:
        print("newsboat not installed; skipped")
    results: dict[str, list[tuple[tuple[float, float], tuple[float, float]]]] = {
        k: [] for k in candidates}
    notes: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="bench-refresh-") as tmp:
        base = Path(tmp)
        server, port = start_server(folder, base)
        try:
            names = json.loads((folder / "index.json").read_text())
            urls = [f"http://127.0.0.1:{port}/{name}.xml" for name in sorted(names)]
            for n in range(ns.runs):
                for name, run in candidates.items():
                    work = base / f"{n}-{name.split()[0]}"
                    work.mkdir()
                    first, second, note = run(urls, work)
                    results[name].append((first, second))
                    notes[name] = note
        finally:
            server.terminate()
            server.wait()
    print(f"{len(urls)} feeds from 127.0.0.1, median of {ns.runs} runs "
          "(wall s / CPU s of the command's process)")
    print(f"{'':16} {'first refresh':>20} {'second (unchanged)':>22}")
    med: dict[str, tuple[float, float, float, float]] = {}
    for name, rows in results.items():
        m = tuple(statistics.median(r[i][j] for r in rows) for i in (0, 1) for j in (0, 1))
        med[name] = m  # type: ignore[assignment]
        print(f"{name:16} {m[0]:9.2f} / {m[1]:6.2f} {m[2]:11.2f} / {m[3]:6.2f}   {notes[name]}")
    mine = med["reader (ours)"]
    for name, m in med.items():
        if name != "reader (ours)":
            print(f"vs {name}: first refresh {m[0] / mine[0]:.1f}x (wall), "
                  f"second {m[2] / mine[2]:.1f}x; ours / theirs = {mine[0] / m[0]:.2f}")
    print(f"ours: second / first = {mine[2] / mine[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Real processes: killed mid-write, and two writing at once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from reader.cache import Cache
from reader.cache.schema import apply_migrations
from tests.support.cache import integrity, raw

# Opens the cache, prints "ready", waits for the start file, then stores stories
# ``<tag>-0``, ``<tag>-1``, … (bodies of ``size`` random bytes, a long text to index),
# printing each number once put() has returned, i.e. committed.
WRITER = r"""
import os, sys, time
from pathlib import Path
from reader.cache import Cache
from reader.cache.schema import apply_migrations
from reader.model import Article, Page

directory, tag, count, size, start_file = sys.argv[1:6]
count, size = int(count), int(size)
cache = Cache.open(Path(directory))
assert not cache.warnings, cache.warnings
start = Path(start_file)
print("ready", flush=True)
while not start.exists():
    time.sleep(0.005)
words = " ".join(f"w{tag}{i % 97} common" for i in range(400))
i = 0
while count < 0 or i < count:
    url = f"http://proc.test/{tag}-{i}"
    page = Page(url, url, 200, "text/html", "utf-8", os.urandom(size))
    cache.put(page, Article(title=f"{tag} {i}", text=words, markdown=words),
              extractor_version="1")
    cache.touch(url)
    print(i, flush=True)
    i += 1
cache.close()
"""


def writer(
    directory: Path, tag: str, count: int, size: int, start: Path, *, wait_ready: bool = True
) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(directory), tag, str(count), str(size), str(start)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    if not wait_ready:
        return proc
    ready = proc.stdout.readline()
    assert ready == "ready\n", proc.stderr.read() if proc.stderr else ready
    return proc


def test_kill_9_mid_write_keeps_every_committed_story(cache_dir: Path, tmp_path: Path) -> None:
    start = tmp_path / "go"
    start.touch()
    committed: set[int] = set()
    for round_ in range(3):
        proc = writer(cache_dir, f"r{round_}", -1, 150_000, start)
        assert proc.stdout is not None
        seen: list[int] = []
        # kill at a moment that moves from round to round, while it writes
        wanted = 5 + 7 * round_
        while len(seen) < wanted:
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else "writer ended early"
            seen.append(int(line))
        time.sleep(0.003 * round_)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        committed |= {int(n) + 1000 * round_ for n in seen}
        path = cache_dir / "reader.sqlite3"
        assert integrity(path) == "ok"
        with Cache.open(cache_dir) as cache:
            assert cache.warnings == []
            for key in committed:
                tag, n = divmod(key, 1000)
                assert cache.get(f"http://proc.test/r{tag}-{n}") is not None, key
        # the search index agrees with the table after the kill (raises if not)
        conn = raw(path)
        try:
            conn.execute("INSERT INTO story_fts(story_fts, rank) VALUES ('integrity-check', 1)")
        finally:
            conn.close()


def test_two_processes_opening_an_old_file_migrate_it_once(
    cache_dir: Path, tmp_path: Path
) -> None:
    conn = sqlite3.connect(cache_dir / "reader.sqlite3", isolation_level=None)
    apply_migrations(conn, upto=1)
    conn.close()
    start = tmp_path / "go"
    start.touch()
    # both open (and so migrate) the file at the same time
    procs = [writer(cache_dir, tag, 3, 1000, start, wait_ready=False) for tag in ("a", "b")]
    for proc in procs:
        _out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
    with Cache.open(cache_dir) as cache:
        assert len(cache.search("common")) == 6
    assert integrity(cache_dir / "reader.sqlite3") == "ok"


def test_two_processes_writing_at_once_never_fail(cache_dir: Path, tmp_path: Path) -> None:
    start = tmp_path / "go"
    procs = [writer(cache_dir, tag, 40, 20_000, start) for tag in ("a", "b")]
    start.touch()  # both opened the file and wait at the gate
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert len(out.split()) == 40
    with Cache.open(cache_dir) as cache:
        rows = cache.recent(limit=500)
        assert len(rows) == 80
        assert {r.url for r in rows} == {
            f"http://proc.test/{t}-{i}" for t in ("a", "b") for i in range(40)
        }
        assert len(cache.search("common", limit=100)) == 80
        # Whether the two really overlapped is the scheduler's business, not the cache's:
        # what matters is that no write was lost or refused and both are visible.
    assert integrity(cache_dir / "reader.sqlite3") == "ok"

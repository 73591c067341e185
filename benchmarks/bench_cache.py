"""How fast the cache is with 100,000 stories in it (run by hand, not in CI).

    .venv/bin/python benchmarks/bench_cache.py [--dir DIR] [--stories N] [--rebuild]

The first run builds a cache of synthetic stories in DIR (default: a folder under the
system temp dir) and, beside it, the naive baseline: one plain FTS5 table holding the
same titles and bodies, ranked with bm25 and snippet() over every match. Later runs
reuse both. Words follow a Zipf-like draw over a few thousand made-up words, plus a
couple of rare names per story, 500-1,500 words a story.

Measured: get() by alias (requested, final or canonical URL) with its stored article;
search() for rare words, mid-frequency words and the commonest words, snippets
included; the same queries on the naive baseline; and how many of the baseline's top
10 our bounded ranking also returns in its top 10 (the price of bounding).
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.cache import Cache
from reader.model import Article, Page

SEED = 20261126
COMMON_WORDS = 5000
RARE_NAMES = 60000
ZIPF_S = 1.07
SYLLABLES = [
    c + v
    for c in ("b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
              "br", "st", "tr", "pl", "gr", "sh", "ch")
    for v in ("a", "e", "i", "o", "u", "ai", "ou", "ea")
]


def make_words(rng: random.Random, count: int, syllables: tuple[int, int]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(*syllables)))
        if word not in seen:
            seen.add(word)
            out.append(word)
    return out


class Corpus:
    def __init__(self) -> None:
        rng = random.Random(SEED)
        self.common = make_words(rng, COMMON_WORDS, (1, 3))
        self.names = [w.capitalize() for w in make_words(rng, RARE_NAMES, (4, 5))]
        weights = [1.0 / (rank**ZIPF_S) for rank in range(1, COMMON_WORDS + 1)]
        self.cum = list(itertools.accumulate(weights))

    def story(self, index: int) -> tuple[str, str]:
        rng = random.Random(SEED * 31 + index)
        total = self.cum[-1]
        draw = rng.random
        common = self.common
        cum = self.cum

        def words(n: int) -> list[str]:
            return [common[bisect.bisect_left(cum, draw() * total)] for _ in range(n)]

        body = words(rng.randint(500, 1500))
        for _ in range(rng.randint(1, 3)):
            body.insert(rng.randrange(len(body)), rng.choice(self.names))
        title_words = words(rng.randint(5, 9))
        if rng.random() < 0.3:
            title_words.insert(0, rng.choice(self.names))
        paragraphs = [
            " ".join(body[i : i + 90]).capitalize() + "." for i in range(0, len(body), 90)
        ]
        return " ".join(title_words).capitalize(), "\n\n".join(paragraphs)


def urls(index: int) -> tuple[str, str, str]:
    host = f"news{index % 40}.example"
    return (
        f"https://{host}/s/{index}",
        f"https://{host}/2026/story-{index}",
        f"https://canonical.example/{index}",
    )


def build(directory: Path, stories: int) -> None:
    corpus = Corpus()
    directory.mkdir(parents=True, exist_ok=True)
    naive = sqlite3.connect(directory / "naive.sqlite3", isolation_level=None)
    naive.execute("PRAGMA journal_mode = WAL")
    naive.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS naive USING fts5(title, body, "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    cache = Cache.open(directory, max_bytes=None)
    start = time.perf_counter()
    base = datetime(2026, 1, 1, tzinfo=UTC)
    batch: list[tuple[Page, Article, str]] = []
    rows: list[tuple[int, str, str]] = []
    for i in range(stories):
        title, text = corpus.story(i)
        requested, final, canonical = urls(i)
        html = f"<html><body><h1>{title}</h1><p>{text}</p></body></html>".encode()
        page = Page(requested, final, 200, "text/html", "utf-8", html,
                    fetched_at=base + timedelta(minutes=i))
        article = Article(title=title, text=text, markdown=text, canonical_url=canonical,
                          site_name=f"News {i % 40}", published=(base + timedelta(minutes=i)))
        batch.append((page, article, "bench-1"))
        rows.append((i + 1, title, text))
        if len(batch) == 1000 or i == stories - 1:
            cache.put_many(batch)
            naive.execute("BEGIN")
            naive.executemany("INSERT INTO naive(rowid, title, body) VALUES (?, ?, ?)", rows)
            naive.execute("COMMIT")
            batch.clear()
            rows.clear()
            if (i + 1) % 10000 == 0:
                rate = (i + 1) / (time.perf_counter() - start)
                print(f"  built {i + 1} stories ({rate:.0f}/s)", flush=True)
    naive.execute("INSERT INTO naive(naive) VALUES ('optimize')")
    naive.close()
    cache.close()


def timed(fn: Callable[[], object], repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def summary(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def pick_queries(
    conn: sqlite3.Connection, corpus: Corpus, rng: random.Random
) -> dict[str, list[str]]:
    """Rare names that do occur, mid-frequency words, the commonest words and pairs."""
    rare: list[str] = []
    while len(rare) < 30:
        name = rng.choice(corpus.names)
        found = conn.execute("SELECT 1 FROM naive WHERE naive MATCH ? LIMIT 1", (f'"{name}"',))
        if found.fetchone():
            rare.append(name)
    mid = [corpus.common[r] for r in rng.sample(range(150, 400), 20)]
    top = corpus.common[:10]
    pairs = [f"{a} {b}" for a, b in itertools.combinations(corpus.common[:6], 2)][:10]
    return {"rare": rare, "mid": mid, "common": top, "common pair": pairs}


def naive_search(conn: sqlite3.Connection, query: str) -> list[int]:
    expr = " ".join(f'"{w}"' for w in query.split())
    rows = conn.execute(
        "SELECT rowid, title, snippet(naive, 1, '«', '»', '…', 16) FROM naive "
        "WHERE naive MATCH ? ORDER BY bm25(naive, 8.0, 1.0) LIMIT 50",
        (expr,),
    ).fetchall()
    return [int(r[0]) for r in rows]


def count_matches(conn: sqlite3.Connection, query: str) -> int:
    expr = " ".join(f'"{w}"' for w in query.split())
    row = conn.execute("SELECT count(*) FROM naive WHERE naive MATCH ?", (expr,)).fetchone()
    return int(row[0])


def run(directory: Path, stories: int) -> None:
    corpus = Corpus()
    rng = random.Random(SEED + 1)
    start = time.perf_counter()
    cache = Cache.open(directory, max_bytes=None)
    print(f"Cache.open (with any pending migration): {(time.perf_counter() - start) * 1000:.0f} ms")
    start = time.perf_counter()
    Cache.open(directory, max_bytes=None).close()
    print(f"Cache.open again: {(time.perf_counter() - start) * 1000:.1f} ms")
    naive = sqlite3.connect(directory / "naive.sqlite3")
    count = cache._conn.execute("SELECT count(*) FROM story").fetchone()[0]
    size = cache.path.stat().st_size if cache.path else 0
    print(f"cache: {count} stories, {size / 1e6:.0f} MB at {cache.path}")

    ids = [rng.randrange(count) for _ in range(500)]
    keys = [urls(i)[rng.randrange(3)] for i in ids]
    for key in keys[:20]:
        cache.get(key)  # warm the page cache like a running app would be
    get_times = [t for key in keys for t in timed(lambda key=key: cache.get(key))]
    med, p95 = summary(get_times)
    print(f"get() by alias, article decoded (500 lookups): median {med:.2f} ms, p95 {p95:.2f} ms"
          "  [target < 10 ms]")

    put_times = []
    for i in range(100):
        title, text = corpus.story(stories + i)
        url = f"https://bench-put.example/{i}"
        page = Page(url, url, 200, "text/html", "utf-8", f"<p>{text}</p>".encode())
        article = Article(title=title, text=text, markdown=text)
        put_times += timed(lambda page=page, article=article: cache.put(
            page, article, extractor_version="bench-1"))
    cache._conn.execute("DELETE FROM story WHERE url LIKE 'https://bench-put.example/%'")
    med, p95 = summary(put_times)
    print(f"put() of a new 500-1,500-word story into this cache: median {med:.1f} ms, "
          f"p95 {p95:.1f} ms")

    queries = pick_queries(naive, corpus, rng)
    print(f"\n{'kind':<12} {'matches':>8} {'ours med/p95 ms':>18} {'naive med/p95 ms':>19}"
          f" {'speed-up':>9} {'top-10 overlap':>15} {'title hits ours/naive':>22}")
    for kind, words in queries.items():
        ours: list[float] = []
        base: list[float] = []
        overlap: list[float] = []
        titled = [0, 0]
        matches = [count_matches(naive, q) for q in words]
        for q in words:
            cache.search(q)  # warm-up, both sides
            naive_search(naive, q)
            ours += timed(lambda q=q: cache.search(q), 3)
            base += timed(lambda q=q: naive_search(naive, q), 3)
            mine = [_story_index(row.url) for row in cache.search(q)[:10]]
            theirs = [i - 1 for i in naive_search(naive, q)[:10]]
            if theirs:
                overlap.append(len(set(mine) & set(theirs)) / len(theirs))
            titled[0] += sum(_in_title(naive, i + 1, q) for i in mine)
            titled[1] += sum(_in_title(naive, i + 1, q) for i in theirs)
        om, op = summary(ours)
        bm, bp = summary(base)
        target = 50 if kind in ("rare", "mid") else 150
        print(f"{kind:<12} {statistics.median(matches):>8.0f} {om:>8.1f} / {op:<7.1f}"
              f" {bm:>8.1f} / {bp:<8.1f} {bm / om:>8.1f}x {statistics.mean(overlap):>14.0%}"
              f" {titled[0]:>11} / {titled[1]:<9} [target < {target} ms]")
    cache.close()
    naive.close()


def _in_title(conn: sqlite3.Connection, rowid: int, query: str) -> bool:
    row = conn.execute("SELECT title FROM naive WHERE rowid = ?", (rowid,)).fetchone()
    words = set(str(row[0]).lower().split()) if row else set()
    return all(w.lower() in words for w in query.split())


def _story_index(url: str) -> int:
    return int(url.rsplit("-", 1)[1])


def main(argv: Iterator[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default_dir = Path(tempfile.gettempdir()) / "reader-bench-cache"
    parser.add_argument("--dir", type=Path, default=default_dir)
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(None if argv is None else list(argv))
    directory: Path = args.dir
    db = directory / "reader.sqlite3"
    if args.rebuild:
        for leftover in directory.glob("*.sqlite3*"):
            leftover.unlink()
    if not db.exists() or not (directory / "naive.sqlite3").exists():
        print(f"building {args.stories} stories in {directory} (once; later runs reuse it)")
        start = time.perf_counter()
        build(directory, args.stories)
        print(f"built in {time.perf_counter() - start:.0f} s")
    run(directory, args.stories)


if __name__ == "__main__":
    main()

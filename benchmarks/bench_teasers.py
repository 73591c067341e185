"""How good are our teasers? Measured against hand labels (benchmarks/teaser_labels*.json).

Two label files, printed apart: ``teaser_labels.json`` (pages of the Scrapinghub bench) and
``teaser_labels_other.json`` (news pages of other kinds from trafilatura-realworld, some
read from another address than their own: an entry's ``read_url``, when present, is the
address given to the extractor). For each labelled page: tier-1 recall in the top 10 (tier-1 links
among our first ten, over min(10, tier-1 count)), precision of the top 10 (share of our
first ten that are tier 1 or tier 2) and junk (share of all our teasers that are neither).
Pages with no tier-1 link count for precision and junk, not for recall.

Run: .venv/bin/python benchmarks/bench_teasers.py [-v]
     .venv/bin/python benchmarks/bench_teasers.py --speed [ROUNDS]
     .venv/bin/python benchmarks/bench_teasers.py --speed [ROUNDS] --against CHECKOUT
The bench is read from ../shared/bench relative to the repository, or $READER_BENCH_DIR.

``--speed`` times instead, over all pages of the bench, in CPU time (time.process_time, so
other load on the machine matters less): find_teasers alone (pages parsed beforehand, the
stand-in main of guess_main, every memo cleared before each round, the median round
reported), then the whole extract() on the raw bytes.

``--against CHECKOUT`` (another checkout of this repository, e.g. ``git worktree add
--detach /tmp/before COMMIT``) times find_teasers of both in the same run instead: one
process each, rounds taken in turn (ABBA order), medians and the ratio of each round to
its partner printed: the way to tell a 2% change on a busy machine.
"""

from __future__ import annotations

import gzip
import importlib
import inspect
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from selectolax.lexbor import LexborHTMLParser  # noqa: E402

import reader.extract  # noqa: E402
from reader.extract.teasers.finder import find_teasers  # noqa: E402
from reader.extract.urls import resolve_url  # noqa: E402
from reader.model import Teaser  # noqa: E402

LABEL_FILES = (ROOT / "benchmarks" / "teaser_labels.json",
               ROOT / "benchmarks" / "teaser_labels_other.json")


def bench_root() -> Path:
    env = os.environ.get("READER_BENCH_DIR")
    return Path(env) if env else ROOT.parent / "shared" / "bench"


def bench_dir() -> Path:
    return bench_root() / "scrapinghub"


def page_path(page: dict[str, Any]) -> Path:
    """Where a labelled page is kept: its ``file`` under the bench folder, else a
    Scrapinghub page by its id."""
    if "file" in page:
        return bench_root() / page["file"]
    return bench_dir() / "html" / f"{page['id']}.html.gz"


def extract_wired() -> bool:
    """True when reader.extract.extract() calls our finder itself."""
    package = Path(inspect.getfile(reader.extract)).parent
    for path in package.glob("*.py"):
        if path.name.startswith("teasers"):
            continue
        if "find_teasers" in path.read_text(encoding="utf-8", errors="replace"):
            return True
    return False


def guess_main(tree: Any) -> Any:
    """A simple stand-in for the content finder: the articleBody element if marked,
    else the element holding the most paragraph text directly."""
    marked = tree.css_first("[itemprop=articleBody]")
    if marked is not None:
        return marked
    scores: dict[int, tuple[int, Any]] = {}
    for p in tree.css("p"):
        n = len(p.text(strip=True))
        if n < 60 or p.parent is None:
            continue
        parent = p.parent
        old = scores.get(parent.mem_id, (0, parent))
        scores[parent.mem_id] = (old[0] + n, parent)
    if not scores:
        return None
    return max(scores.values(), key=lambda s: s[0])[1]


def our_teasers(html: str | bytes, url: str, wired: bool) -> tuple[tuple[Teaser, ...], float]:
    start = time.perf_counter()
    if wired:
        teasers = reader.extract.extract(html, url).teasers
        return teasers, time.perf_counter() - start
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    tree = LexborHTMLParser(html)
    main = guess_main(tree)
    start = time.perf_counter()
    result = find_teasers(tree, main, url)
    return result.teasers, time.perf_counter() - start


_TEASER_MODULES = ("teasers.finder", "teasers.context", "teasers.shape", "teasers.cards",
                   "teasers.text", "urls")


def clear_memos() -> None:
    """Empty the lru caches of the teaser modules, so that a round measures a first visit."""
    for name in _TEASER_MODULES:
        module = importlib.import_module(f"reader.extract.{name}")
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)) and getattr(
                value, "__module__", ""
            ) == module.__name__:
                value.cache_clear()


def speed(base: Path, rounds: int) -> int:
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, entry in sorted(truth.items()):
        raw = gzip.decompress((base / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((raw, entry["url"]))
    trees = []
    for raw, url in pages:
        tree = LexborHTMLParser(raw.decode("utf-8", "replace"))
        trees.append((tree, guess_main(tree), url))
    n = len(trees)
    for tree, main_node, url in trees:  # warm-up: imports, compiled patterns
        find_teasers(tree, main_node, url)
    times = []
    for _ in range(rounds):
        clear_memos()
        start = time.process_time()
        for tree, main_node, url in trees:
            find_teasers(tree, main_node, url)
        times.append((time.process_time() - start) * 1000 / n)
    times.sort()
    print(f"find_teasers: {times[len(times) // 2]:.2f} ms/page CPU (median of {rounds} rounds, "
          f"best {times[0]:.2f}) over {n} pages")
    start = time.process_time()
    for raw, url in pages:
        reader.extract.extract(raw, url)
    print(f"extract():    {(time.process_time() - start) * 1000 / n:.2f} ms/page CPU, one round "
          f"after the teaser rounds")
    return 0


def _round_worker(root: str) -> int:
    """``--round-worker ROOT``: parse the bench once, then time one round of find_teasers
    (ROOT's own code) per line read on stdin, printing ms per page."""
    sys.path.insert(0, root)
    for name in [m for m in sys.modules if m == "reader" or m.startswith("reader.")]:
        del sys.modules[name]
    try:
        finder = importlib.import_module("reader.extract.teasers.finder")
    except ImportError:  # an older checkout: the finder was one module
        finder = importlib.import_module("reader.extract.teasers")
    base = bench_dir()
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    trees = []
    for page_id, entry in sorted(truth.items()):
        raw = gzip.decompress((base / "html" / f"{page_id}.html.gz").read_bytes())
        tree = LexborHTMLParser(raw.decode("utf-8", "replace"))
        trees.append((tree, guess_main(tree), entry["url"]))
    for tree, main_node, url in trees:
        finder.find_teasers(tree, main_node, url)
    print("ready", flush=True)
    for _line in sys.stdin:
        for module in [m for n, m in sys.modules.items() if n.startswith("reader.extract")]:
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)) and getattr(
                    value, "__module__", ""
                ) == module.__name__:
                    value.cache_clear()
        start = time.process_time()
        for tree, main_node, url in trees:
            finder.find_teasers(tree, main_node, url)
        print((time.process_time() - start) * 1000 / len(trees), flush=True)
    return 0


def against(other: Path, rounds: int) -> int:
    """find_teasers of this checkout and of ``other``, timed in turn in one run."""
    import statistics
    import subprocess

    me = Path(__file__).resolve()
    procs = {
        name: subprocess.Popen(
            [sys.executable, str(me), "--round-worker", str(root)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        for name, root in (("this", ROOT), ("other", other.resolve()))
    }
    for proc in procs.values():
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    times: dict[str, list[float]] = {name: [] for name in procs}
    for i in range(rounds):
        order = ["this", "other"] if i % 2 == 0 else ["other", "this"]
        for name in order:
            proc = procs[name]
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
            times[name].append(float(proc.stdout.readline()))
    for proc in procs.values():
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait()
    mine, theirs = times["this"], times["other"]
    pairs = sorted(a / b for a, b in zip(mine, theirs, strict=True))
    print(f"find_teasers, CPU ms/page over {rounds} rounds taken in turn (median, best):")
    print(f"  this checkout   {statistics.median(mine):.3f}  {min(mine):.3f}")
    print(f"  {str(other)[:14]:<14}  {statistics.median(theirs):.3f}  {min(theirs):.3f}")
    ratio = statistics.median(mine) / statistics.median(theirs)
    print(f"  this / other: ratio of medians {ratio:.3f}, "
          f"of bests {min(mine) / min(theirs):.3f}, median of round pairs "
          f"{statistics.median(pairs):.3f} ({pairs[0]:.3f}-{pairs[-1]:.3f})")
    return 0


def main() -> int:
    if "--round-worker" in sys.argv:
        return _round_worker(sys.argv[sys.argv.index("--round-worker") + 1])
    if "--speed" in sys.argv and "--against" in sys.argv:
        rest = [a for a in sys.argv[1:] if a.isdigit()]
        return against(Path(sys.argv[sys.argv.index("--against") + 1]),
                       int(rest[0]) if rest else 21)
    if "--speed" in sys.argv:
        base = bench_dir()
        if not (base / "html").is_dir():
            print(f"bench_teasers: no bench at {base} (set READER_BENCH_DIR); nothing measured")
            return 0
        rest = [a for a in sys.argv[1:] if a.isdigit()]
        return speed(base, int(rest[0]) if rest else 5)
    verbose = "-v" in sys.argv
    if not bench_root().is_dir():
        print(f"bench_teasers: no bench at {bench_root()} (set READER_BENCH_DIR); nothing measured")
        return 0
    wired = extract_wired()
    how = "reader.extract.extract()" if wired else "find_teasers() with a guessed main"
    print(f"teasers measured through {how}")
    for labels_path in LABEL_FILES:
        if labels_path.exists():
            measure(labels_path, wired, verbose)
    print("bar: recall@10 >= 0.85, precision@10 >= 0.95")
    return 0


def measure(labels_path: Path, wired: bool, verbose: bool) -> None:
    """Recall, precision and junk on the pages of one label file, overall and per set."""
    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    print(f"\n== {labels_path.name}")
    print(f"{'page':<58} {'t1':>3} {'t2':>3} {'ours':>4} {'R@10':>5} {'P@10':>5} "
          f"{'junk':>5} {'ms':>6}")
    recalls: list[float] = []
    precisions: list[float] = []
    junks: list[float] = []
    by_set: dict[str, tuple[list[float], list[float], list[float]]] = {}
    total_ms = 0.0
    for page in labels["pages"]:
        path = page_path(page)
        if not path.exists():
            continue
        raw = gzip.decompress(path.read_bytes())
        # Scrapinghub pages are UTF-8 text as the labels were made; others go in as bytes,
        # decoded by extract() as any page is.
        html: str | bytes = raw if "file" in page else raw.decode("utf-8", "replace")
        read_url = page.get("read_url") or page["url"]
        t1 = {resolve_url(u, None) or u for u in page["tier1"]}
        t2 = {resolve_url(u, None) or u for u in page["tier2"]}
        teasers, seconds = our_teasers(html, read_url, wired)
        total_ms += seconds * 1000
        urls = [t.url for t in teasers]
        top = urls[:10]
        recall = None
        if t1:
            recall = sum(1 for u in top if u in t1) / min(10, len(t1))
            recalls.append(recall)
        precision = sum(1 for u in top if u in t1 or u in t2) / len(top) if top else 1.0
        junk = sum(1 for u in urls if u not in t1 and u not in t2) / len(urls) if urls else 0.0
        precisions.append(precision)
        junks.append(junk)
        sr, sp, sj = by_set.setdefault(page.get("set", "tuning"), ([], [], []))
        if recall is not None:
            sr.append(recall)
        sp.append(precision)
        sj.append(junk)
        r = f"{recall:5.2f}" if recall is not None else "    -"
        name = page["url"] if "read_url" not in page else "@ " + page["read_url"]
        print(f"{name[:58]:<58} {len(t1):>3} {len(t2):>3} {len(urls):>4} {r} "
              f"{precision:5.2f} {junk:5.2f} {seconds * 1000:6.2f}")
        if verbose:
            for i, t in enumerate(teasers):
                mark = "T1" if t.url in t1 else "T2" if t.url in t2 else "--"
                print(f"    {i + 1:3d} {mark} {t.kind:<7} {t.url[:90]}  | {t.title[:60]}")
            for u in sorted(t1 - set(top)):
                print(f"    missed T1 {u[:100]}")
    n = len(precisions)
    if not n:
        print("no labelled page found in the bench")
        return
    mean = lambda xs: sum(xs) / len(xs) if xs else 0.0  # noqa: E731
    print(f"\naverage over {n} pages ({len(recalls)} with tier-1 links): "
          f"recall@10 {mean(recalls):.3f}  precision@10 {mean(precisions):.3f}  "
          f"junk {mean(junks):.3f}  time {total_ms / n:.2f} ms/page")
    for name, (sr, sp, sj) in sorted(by_set.items()):
        print(f"  {name}: {len(sp)} pages, recall@10 {mean(sr):.3f}  precision@10 {mean(sp):.3f}  "
              f"junk {mean(sj):.3f}")


if __name__ == "__main__":
    raise SystemExit(main())

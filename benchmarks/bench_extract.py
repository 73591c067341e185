"""Quality and speed of ``reader.extract`` against peer extractors, on the same pages.

Data: the Scrapinghub article-extraction benchmark in ``../shared/bench/scrapinghub``
(relative to the repository) or ``$READER_BENCH_DIR``. Absent data is reported and the
script exits 0.

Peers (trafilatura, readability-lxml, newspaper4k, goose3, resiliparse, justext) run in
their own virtual environment, never ours: ``$READER_PEERS_PYTHON``, else
``benchmarks/.peers-venv`` (made by ``benchmarks/setup_peers.sh``), else
``/work/peers``. This same file is the worker there (``--worker``); it sends back each
peer's text and time per page as JSON.

Speed is CPU time (``time.process_time``) per page, for every extractor alike: a busy
machine changes wall time far more than CPU time. The peers run in one subprocess, one
after the other, each over all pages once.

Metric (the benchmark's): word 4-gram shingles of ``\\w+`` tokens; precision averaged over
pages with output, recall over all pages, F1 of the two means; accuracy = share of pages
whose token lists match exactly.

    .venv/bin/python benchmarks/bench_extract.py [--peers all|none|NAME,...] [--repeat N]
        [--peers-cache FILE] [--memory MB] [--stages] [--worst N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from peers import run_peers  # noqa: E402

PEERS = ("trafilatura", "readability", "newspaper4k", "goose3", "resiliparse", "justext")
WORD = re.compile(r"\w+")


def bench_dir() -> Path:
    env = os.environ.get("READER_BENCH_DIR")
    if env:
        return Path(env)
    return HERE.parent.parent / "shared" / "bench" / "scrapinghub"


def load_pages(root: Path) -> tuple[list[str], list[str], list[str]]:
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
    ids = sorted(truth)
    html = [
        gzip.decompress((root / "html" / f"{i}.html.gz").read_bytes()).decode("utf-8", "replace")
        for i in ids
    ]
    return ids, html, [truth[i]["articleBody"] for i in ids]


def shingles(text: str) -> Counter[tuple[str, ...]]:
    toks = WORD.findall(text)
    if not toks:
        return Counter()
    if len(toks) < 4:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + 4]) for i in range(len(toks) - 3))


def score(preds: list[str], truths: list[str]) -> dict[str, float]:
    precisions: list[float] = []
    recalls: list[float] = []
    exact = 0
    for pred, truth in zip(preds, truths, strict=True):
        p, t = shingles(pred), shingles(truth)
        tp = sum((p & t).values())
        if p:
            precisions.append(tp / sum(p.values()))
        recalls.append(tp / sum(t.values()) if t else (1.0 if not p else 0.0))
        exact += WORD.findall(pred) == WORD.findall(truth)
    prec = sum(precisions) / len(precisions) if precisions else 0.0
    rec = sum(recalls) / len(recalls)
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": prec, "recall": rec, "f1": f1, "accuracy": exact / len(truths)}


# --- the worker side: runs in the peers' venv, imports only stdlib and the peers --------


def _peer_functions(names: list[str]) -> dict[str, Callable[[str, str], str]]:
    funcs: dict[str, Callable[[str, str], str]] = {}
    if "trafilatura" in names:
        import trafilatura

        def traf(html: str, url: str) -> str:
            return trafilatura.extract(html, url=url, include_comments=False) or ""

        funcs["trafilatura"] = traf
    if "readability" in names:
        import lxml.html
        from readability import Document

        def readab(html: str, url: str) -> str:
            summary = Document(html, url=url).summary(html_partial=True)
            return " ".join(lxml.html.fromstring(summary).itertext()) if summary.strip() else ""

        funcs["readability"] = readab
    if "newspaper4k" in names:
        import warnings

        warnings.filterwarnings("ignore")
        import newspaper

        def news(html: str, url: str) -> str:
            art = newspaper.Article(url or "http://example.invalid/", fetch_images=False)
            art.download(input_html=html)
            art.parse()
            return art.text or ""

        funcs["newspaper4k"] = news
    if "goose3" in names:
        from goose3 import Goose

        goose = Goose()

        def goo(html: str, url: str) -> str:
            return goose.extract(raw_html=html).cleaned_text or ""

        funcs["goose3"] = goo
    if "resiliparse" in names:
        from resiliparse.extract.html2text import extract_plain_text

        def resil(html: str, url: str) -> str:
            return extract_plain_text(html, main_content=True)

        funcs["resiliparse"] = resil
    if "justext" in names:
        import justext

        stop = justext.get_stoplist("English")

        def just(html: str, url: str) -> str:
            paras = justext.justext(html.encode("utf-8"), stop)
            return "\n\n".join(p.text for p in paras if not p.is_boilerplate)

        funcs["justext"] = just
    return funcs


def worker(names: list[str], root: Path) -> None:
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
    ids = sorted(truth)
    html = [
        gzip.decompress((root / "html" / f"{i}.html.gz").read_bytes()).decode("utf-8", "replace")
        for i in ids
    ]
    urls = [truth[i].get("url") or "" for i in ids]
    out: dict[str, dict[str, object]] = {}
    for name, func in _peer_functions(names).items():
        texts: list[str] = []
        start = time.process_time()
        for page, url in zip(html, urls, strict=True):
            try:
                texts.append(func(page, url))
            except Exception:
                texts.append("")
        out[name] = {"texts": texts, "seconds": time.process_time() - start}
    json.dump(out, sys.stdout)


# --- the driver side: runs in our venv ---------------------------------------------------


def run_ours(html: list[str], urls: list[str], repeat: int) -> tuple[list[str], float, float]:
    """reader's texts, its best time over ``repeat`` runs, and the time of the first run
    (cold: no class name, URL or caption verdict remembered yet)."""
    from reader.extract import extract

    start = time.process_time()
    texts = [extract(page, url).text for page, url in zip(html, urls, strict=True)]
    first = time.process_time() - start
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for page, url in zip(html, urls, strict=True):
            extract(page, url)
        best = min(best, time.process_time() - start)
    return texts, best, first


def stage_times(html: list[str], urls: list[str]) -> dict[str, float]:
    """CPU seconds spent in each step of ``extract`` over all pages (one warm run), by
    wrapping the steps where the pipeline calls them. Nested steps count in their own
    line and in the step around them (``page_body`` holds build ... render)."""
    from reader.extract import body, extract, pipeline
    from reader.extract.render import Renderer

    spent: dict[str, float] = {}

    def timed(name: str, func: Callable[..., object]) -> Callable[..., object]:
        def wrapper(*args: object, **kwargs: object) -> object:
            start = time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - start

        return wrapper

    steps = [
        (pipeline, ("decode_keeping_utf8", "bound_utf8", "LexborHTMLParser", "_metadata")),
        (pipeline, ("page_body", "_article")),
        (body, ("build", "analyse", "_teasers", "prune", "clutter_ids", "_trim")),
    ]
    saved: list[tuple[Any, str, Any]] = []
    for module, names in steps:
        for name in names:
            saved.append((module, name, getattr(module, name)))
            setattr(module, name, timed(name, getattr(module, name)))
    render = Renderer.render
    setattr(Renderer, "render", timed("render", render))  # noqa: B010
    try:
        for page, url in zip(html, urls, strict=True):
            extract(page, url)  # warm
        spent.clear()
        for page, url in zip(html, urls, strict=True):
            start = time.process_time()
            extract(page, url)
            spent["extract"] = spent.get("extract", 0.0) + time.process_time() - start
    finally:
        for owner, name, func in saved:
            setattr(owner, name, func)
        setattr(Renderer, "render", render)  # noqa: B010
    return spent


MEMORY_PROBE = """
import resource, sys, time
from reader.extract import extract
html = sys.stdin.read()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
article = extract(html, "https://example.com/big")
secs = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{len(html) / 1e6:.1f} MB page: {secs:.2f} s, peak RSS {peak / 1024:.0f} MB "
      f"(before extract {base / 1024:.0f} MB), body {len(article.text) / 1e6:.1f} MB of text")
"""


def ordinary_page(megabytes: float) -> str:
    """A page of ordinary markup: header, menus, a long story of paragraphs with links,
    lists, figures and tables, sidebars of teasers, a footer."""
    para = (
        "<p>The council met on <a href='/diary/{i}'>Tuesday evening</a> to discuss the "
        "harbour wall, the <em>new</em> car park and the bus timetable; residents asked "
        "questions for an hour and a half before the vote, which passed narrowly.</p>"
    )
    block = (
        "<div class='section'><h2>Part {i}</h2>" + para * 6 + "<ul><li>One point</li>"
        "<li>Another <a href='/x/{i}'>point</a></li></ul><figure><img data-src='/i/{i}.jpg' "
        "alt='A picture'><figcaption>A caption</figcaption></figure><table><tr><td>a</td>"
        "<td>b</td></tr><tr><td>1</td><td>2</td></tr></table></div>"
        "<aside class='related'><ul>"
        + "<li><a href='/story/{i}'>Another headline</a></li>" * 5
        + "</ul></aside>"
    )
    parts = ["<!doctype html><html><head><title>Big page</title></head><body><nav>"]
    parts += [f"<a href='/s/{i}'>Section {i}</a>" for i in range(30)]
    parts.append("</nav><main><article><h1>A very long story</h1>")
    size, i = 0, 0
    target = int(megabytes * 1e6)
    while size < target:
        chunk = block.replace("{i}", str(i))
        parts.append(chunk)
        size += len(chunk)
        i += 1
    parts.append("</article></main><footer>The end</footer></body></html>")
    return "".join(parts)


def measure_memory(megabytes: float) -> None:
    """Peak RSS of one extract() of an ordinary page, in a fresh interpreter."""
    proc = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE],
        input=ordinary_page(megabytes),
        capture_output=True,
        text=True,
        check=False,
    )
    print(proc.stdout.strip() or proc.stderr.strip().splitlines()[-1:])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--peers", default="all", help="all, none, or a comma list of " + ", ".join(PEERS)
    )
    ap.add_argument("--repeat", type=int, default=1, help="timing runs for reader (best kept)")
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--peers-cache", type=Path, default=None, help="reuse peer results saved here")
    ap.add_argument("--memory", type=float, default=0, help="also measure a page of this many MB")
    ap.add_argument("--stages", action="store_true", help="also time each step of extract")
    ap.add_argument(
        "--worst", type=int, default=0, help="list the N pages where reader's F1 is lowest"
    )
    args = ap.parse_args()
    root = args.data or bench_dir()
    names = list(PEERS) if args.peers == "all" else [n for n in args.peers.split(",") if n in PEERS]
    if args.worker:
        worker(names, root)
        return 0
    if args.memory:
        measure_memory(args.memory)
    if not (root / "ground-truth.json").exists():
        print(f"benchmark data not found at {root} (set READER_BENCH_DIR); nothing measured")
        return 0
    print(f"data: {root}")
    ids, html, truths = load_pages(root)
    truth_urls = json.loads((root / "ground-truth.json").read_text("utf-8"))
    urls = [truth_urls[i].get("url") for i in ids]
    rows: list[tuple[str, dict[str, float], float]] = []
    ours, seconds, first = run_ours(html, urls, max(1, args.repeat))
    rows.append(("reader", score(ours, truths), seconds))
    if args.peers_cache and args.peers_cache.exists():
        peer_results = json.loads(args.peers_cache.read_text("utf-8"))
    else:
        peer_results = run_peers(__file__, names, root) if names else {}
        if args.peers_cache:
            args.peers_cache.write_text(json.dumps(peer_results), "utf-8")
    for name, res in peer_results.items():
        texts = res["texts"]
        assert isinstance(texts, list)
        secs = res["seconds"]
        assert isinstance(secs, float)
        rows.append((name, score(texts, truths), secs))
    n = len(html)
    print(f"{len(html)} pages")
    print(
        f"{'extractor':<13}{'precision':>10}{'recall':>9}{'F1':>8}{'accuracy':>10}"
        f"{'pages/s':>10}{'ms/page':>9}  (CPU)"
    )
    for name, m, secs in sorted(rows, key=lambda r: -r[1]["f1"]):
        print(
            f"{name:<13}{m['precision']:>10.4f}{m['recall']:>9.4f}{m['f1']:>8.4f}"
            f"{m['accuracy']:>10.3f}{n / secs:>10.1f}{secs / n * 1000:>9.2f}"
        )
    print(f"reader's first run (cold caches): {first / n * 1000:.2f} ms/page")
    if args.stages:
        print("reader, CPU ms/page by step (warm):")
        for name, secs in stage_times(html, urls).items():
            print(f"  {name:<20}{secs / n * 1000:>8.2f}")
    if args.worst:
        per = []
        for i, (pred, truth) in enumerate(zip(ours, truths, strict=True)):
            per.append((score([pred], [truth]), ids[i]))
        per.sort(key=lambda r: r[0]["f1"])
        for m, pid in per[: args.worst]:
            print(f"{pid[:12]}  P={m['precision']:.2f} R={m['recall']:.2f} F1={m['f1']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

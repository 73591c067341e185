"""Metadata accuracy of ``reader.extract.metadata`` against trafilatura's, on labelled pages.

Labels: ``benchmarks/metadata_labels.json`` — page id → title, byline, site_name and
published, written by a person reading each page as a reader sees it (null where the
page has none; a list where several answers are equally right, such as "WSJ" and "The
Wall Street Journal", or the local day and the UTC day of a late-evening story). The
byline is the person(s), or a news agency; a house byline (the site's own name, "Staff
Reports", "Editorial") is null. ``set`` says whether a page was used while tuning the
code ("tuning") or labelled and measured only afterwards ("held-out").

Pages: the Scrapinghub benchmark in ``../shared/bench/scrapinghub`` (relative to the
repository) or ``$READER_BENCH_DIR``; absent data is reported and the script exits 0.

trafilatura runs in the peers' virtual environment, never ours: ``$READER_PEERS_PYTHON``,
else ``benchmarks/.peers-venv``. This same file is the worker there
(``--worker``): it answers with trafilatura's ``extract_metadata`` fields as JSON.

Comparison, the same for both: text is compared case- and whitespace-insensitively with
typographic quotes and dashes folded and trailing punctuation ignored; a byline is the
set of its names (split at ",", ";", "and", "&"; dots ignored); a date is right when it
is the same calendar day, as the page wrote it. A null label is right only when the
tool says nothing.

    .venv/bin/python benchmarks/bench_metadata.py [--show-misses]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from peers import peers_python  # noqa: E402

LABELS = HERE / "metadata_labels.json"
FIELDS = ("title", "byline", "site_name", "published")
_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.IGNORECASE)


def bench_dir() -> Path:
    env = os.environ.get("READER_BENCH_DIR")
    if env:
        return Path(env)
    return HERE.parent.parent / "shared" / "bench" / "scrapinghub"


def read_page(root: Path, page_id: str) -> str:
    return gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes()).decode(
        "utf-8", "replace"
    )


# --- the worker side: runs in the peers' venv, imports only stdlib and trafilatura -------


def worker(root: Path, ids: list[str], urls: list[str], repeat: int) -> None:
    from trafilatura import extract_metadata

    out: dict[str, Any] = {"pages": {}, "ms": []}
    for page_id, url in zip(ids, urls, strict=True):
        html = read_page(root, page_id)
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            doc = extract_metadata(html, default_url=url)
            best = min(best, time.perf_counter() - start)
        out["ms"].append(best * 1000)
        out["pages"][page_id] = {
            "title": doc.title,
            "byline": doc.author,
            "site_name": doc.sitename,
            "published": doc.date,
        }
    json.dump(out, sys.stdout)


# --- the driver side: runs in our venv ----------------------------------------------------


def run_trafilatura(
    root: Path, ids: list[str], urls: list[str], repeat: int
) -> dict[str, Any] | None:
    python = peers_python()
    if python is None:
        print("trafilatura: no peers venv (run benchmarks/setup_peers.sh); measuring reader alone")
        return None
    request = json.dumps({"ids": ids, "urls": urls, "repeat": repeat})
    proc = subprocess.run(
        [python, str(Path(__file__).resolve()), "--worker", "--data", str(root)],
        input=request,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        print("trafilatura failed:", (proc.stderr.strip().splitlines() or ["?"])[-1])
        return None
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def run_ours(root: Path, ids: list[str], urls: list[str], repeat: int) -> dict[str, Any]:
    """Our fields, and per page the best of ``repeat`` timings of ``read_metadata`` on a
    freshly parsed tree (as ``extract`` calls it); parse time is kept apart."""
    from selectolax.lexbor import LexborHTMLParser

    from reader.extract.metadata.reading import read_metadata

    pages: dict[str, Any] = {}
    meta_ms: list[float] = []
    parse_ms: list[float] = []
    for page_id, url in zip(ids, urls, strict=True):
        html = read_page(root, page_id)
        best_parse = best_meta = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            tree = LexborHTMLParser(html)
            parsed = time.perf_counter()
            meta = read_metadata(tree, url)
            done = time.perf_counter()
            best_parse = min(best_parse, parsed - start)
            best_meta = min(best_meta, done - parsed)
        parse_ms.append(best_parse * 1000)
        meta_ms.append(best_meta * 1000)
        published = meta.published.isoformat() if meta.published else None
        pages[page_id] = {
            "title": meta.title,
            "byline": meta.byline,
            "site_name": meta.site_name,
            "published": published,
        }
    return {"pages": pages, "ms": meta_ms, "parse_ms": parse_ms}


def _text(value: str) -> str:
    value = unicodedata.normalize("NFKC", value).translate(_FOLD)
    return " ".join(value.casefold().split()).strip(" .,:;|-")


def _names(value: str) -> frozenset[str]:
    parts = _NAME_SPLIT.split(value.replace(".", " "))
    return frozenset(" ".join(p.casefold().split()) for p in parts if p.strip())


def _day(value: str) -> str | None:
    found = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value)
    return found[1] if found else None


def right(field: str, label: Any, got: Any) -> bool:
    """Whether ``got`` answers ``field`` as the label says (see the module's note)."""
    if label is None:
        return not got
    if not got or not isinstance(got, str):
        return False
    answers = label if isinstance(label, list) else [label]
    for answer in answers:
        if field == "published":
            if _day(got) == answer:
                return True
        elif field == "byline":
            if _names(got) == _names(answer):
                return True
        elif _text(got) == _text(answer):
            return True
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--show-misses", action="store_true", help="list every wrong answer")
    parser.add_argument("--repeat", type=int, default=3, help="timings per page (best kept)")
    args = parser.parse_args()
    if args.worker:
        request = json.load(sys.stdin)
        worker(args.data, request["ids"], request["urls"], request["repeat"])
        return 0
    root = bench_dir()
    if not (root / "html").is_dir():
        print(f"bench_metadata: no benchmark data at {root}; set READER_BENCH_DIR. Skipping.")
        return 0
    labels: dict[str, dict[str, Any]] = json.loads(LABELS.read_text("utf-8"))
    ids = sorted(labels)
    urls = [labels[i]["url"] for i in ids]
    repeat = max(1, args.repeat)
    tools = {"reader": run_ours(root, ids, urls, repeat)}
    theirs = run_trafilatura(root, ids, urls, repeat)
    if theirs is not None:
        tools["trafilatura"] = theirs
    print(f"{len(ids)} labelled pages from {root}")
    sets = sorted({labels[i].get("set", "all") for i in ids})
    groups = [(name, [i for i in ids if labels[i].get("set", "all") == name]) for name in sets]
    if len(groups) > 1:
        groups.append(("all", ids))
    for group, members in groups:
        print(f"\n[{group}: {len(members)} pages]")
        print(f"{'field':<12}" + "".join(f"{name:>16}" for name in tools))
        for field in FIELDS:
            row = f"{field:<12}"
            for result in tools.values():
                hits = sum(
                    right(field, labels[i][field], result["pages"][i][field]) for i in members
                )
                row += f"{hits:>9}/{len(members)} {hits / len(members):4.0%}"[-16:].rjust(16)
            print(row)
    print()
    for name, pick in (("ms median", statistics.median), ("ms mean", statistics.fmean)):
        row = f"{name:<12}"
        for result in tools.values():
            row += f"{pick(result['ms']):>16.3f}"
        print(row)
    parse = tools["reader"]["parse_ms"]
    print(
        "(per page, best of --repeat; metadata only: reader's lexbor parse, "
        f"median {statistics.median(parse):.3f} ms, is apart; trafilatura's parse is inside)"
    )
    if args.show_misses:
        for field in FIELDS:
            for name, result in tools.items():
                for i in ids:
                    got = result["pages"][i][field]
                    if not right(field, labels[i][field], got):
                        want = labels[i][field]
                        print(f"MISS {name:<11} {field:<9} {i[:8]} want={want!r} got={got!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

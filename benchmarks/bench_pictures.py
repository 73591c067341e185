"""Which pictures of the story we keep, beside a careful reader mode and trafilatura.

For every page of both shared sets (``../shared/bench/scrapinghub`` and
``../shared/bench/trafilatura-realworld``, or ``$READER_BENCH_DIR`` and
``$READER_REALWORLD_DIR``) the picture URLs in ``extract(page, url).markdown`` are
compared with

- Mozilla's Readability (Firefox's reader mode) under Node with jsdom
  (``benchmarks/setup_peers_node.sh`` installs it in ``benchmarks/.peers-node``), the
  reference: recall is the share of its pictures we keep, precision the share of ours
  among its; pages where it keeps pictures and we keep none are counted;
- trafilatura with ``include_images=True`` (the peers' venv, ``setup_peers.sh``), scored
  the same way;
- the hand labels in ``picture_labels.json`` (which pictures belong to the story, each
  as the list of its addresses at its sizes), reported for ``tune`` and ``held-out``
  pages apart: the held-out ones were labelled without seeing which tool kept what and
  never looked at while rules were made.

URLs are resolved against the page URL and normalised before they are compared: scheme
and host lower case, fragment dropped, query parameters that only size or re-encode a
picture dropped (``w``, ``width``, ``h``, ``height``, ``resize``, ``fit``, ``quality``,
``q``, ``crop``, ``format``, ``auto``, ``dpr``, ``ssl``, ``strip``, ``im``, ``impolicy``),
and a WordPress-style size suffix (``-800x450`` before the extension) removed. A peer's
picture matches one of ours when any of its variants (its ``src`` and ``srcset``
candidates) normalises to our URL.

``--before REV`` also runs the ``reader`` package of git revision REV (exported to a
temporary folder) on the same pages, so figures before and after a change come from one
run.

    .venv/bin/python benchmarks/bench_pictures.py [--before REV] [--peers-cache FILE]
        [--show PAGE] [--worst N]
"""

from __future__ import annotations

import argparse
import gzip
import html as html_lib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from peers import peers_python  # noqa: E402

LABELS = HERE / "picture_labels.json"
SIZING = frozenset(
    "w width h height resize fit quality q crop format auto dpr ssl strip im impolicy".split()  # noqa: SIM905
)
_WP_SIZE = re.compile(r"-\d{2,5}x\d{2,5}(?=\.[a-z0-9]{2,5}$)", re.IGNORECASE)
_MD_IMAGE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(([^()\s]+)\)")

Pictures = list[list[str]]
"""A tool's pictures on one page, each as its variant URLs."""


def shared() -> Path:
    return HERE.parent.parent / "shared" / "bench"


def pages() -> Iterator[tuple[str, str, str]]:
    """(key, page URL, HTML) for every page of both sets; key is ``set/id``."""
    sh = Path(os.environ.get("READER_BENCH_DIR") or shared() / "scrapinghub")
    if (sh / "ground-truth.json").exists():
        truth = json.loads((sh / "ground-truth.json").read_text("utf-8"))
        for pid in sorted(truth):
            raw = gzip.decompress((sh / "html" / f"{pid}.html.gz").read_bytes())
            yield f"scrapinghub/{pid[:12]}", truth[pid]["url"], raw.decode("utf-8", "replace")
    else:
        print(f"no Scrapinghub pages at {sh}")
    rw = Path(os.environ.get("READER_REALWORLD_DIR") or shared() / "trafilatura-realworld")
    if (rw / "cases.jsonl").exists():
        for line in (rw / "cases.jsonl").read_text("utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            raw = gzip.decompress((rw / case["file"]).read_bytes())
            html = raw.decode(case.get("encoding") or "utf-8", "replace")
            yield f"realworld/{case['id']}", case["url"], html
    else:
        print(f"no real-world pages at {rw}")


def normalise(url: str, base: str) -> str | None:
    """The picture's identity: resolved, lower-case host, no fragment, no sizing query."""
    url = url.strip()
    if not url or url.startswith(("data:", "javascript:")):
        return None
    try:
        parts = urlsplit(urljoin(base, url))
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in SIZING
    ]
    path = _WP_SIZE.sub("", unquote(parts.path))
    return urlunsplit(("https", parts.netloc.lower(), path, urlencode(query), ""))


def ours(html: str, url: str) -> Pictures:
    from reader.extract import extract

    article = extract(html, url)
    return [[m.group(1)] for m in _MD_IMAGE.finditer(article.markdown)]


# --- workers ------------------------------------------------------------------------


def ours_worker() -> None:
    """Run in a subprocess with another ``reader`` on the path (``--before``)."""
    out = {key: ours(html, url) for key, url, html in pages()}
    print(json.dumps(out))


def trafilatura_worker() -> None:
    """Run in the peers' venv: trafilatura's pictures (XML output, ``<graphic src>``)."""
    import trafilatura

    out: dict[str, Pictures | None] = {}
    for key, url, html in pages():
        try:
            xml = trafilatura.extract(
                html, url=url, include_images=True, output_format="xml", with_metadata=False
            )
        except Exception:
            xml = None
        if xml is None:
            out[key] = None
            continue
        found = re.findall(r'<graphic[^>]*\bsrc="([^"]*)"', xml)
        out[key] = [[html_lib.unescape(m)] for m in found]
    print(json.dumps(out))


def run_before(rev: str) -> dict[str, Pictures]:
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "archive", rev, "reader"], cwd=HERE.parent, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        env = dict(os.environ, PYTHONPATH=tmp)
        proc = subprocess.run(
            [sys.executable, __file__, "--ours-worker"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=tmp,
        )
    result: dict[str, Pictures] = json.loads(proc.stdout)
    return result


def run_trafilatura() -> dict[str, Pictures | None]:
    py = peers_python()
    if py is None:
        print("trafilatura: no peer venv (run benchmarks/setup_peers.sh); skipped")
        return {}
    proc = subprocess.run(
        [py, __file__, "--trafilatura-worker"], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        print("trafilatura failed:", proc.stderr.strip().splitlines()[-1:])
        return {}
    result: dict[str, Pictures | None] = json.loads(proc.stdout)
    return result


def run_readability() -> dict[str, Pictures | None]:
    if not (HERE / ".peers-node" / "node_modules" / "@mozilla" / "readability").exists():
        print("readability.js: not installed (run benchmarks/setup_peers_node.sh); skipped")
        return {}
    lines = "".join(
        json.dumps({"id": key, "url": url, "html": html}) + "\n" for key, url, html in pages()
    )
    proc = subprocess.run(
        ["node", str(HERE / "readability_pictures.mjs")],
        input=lines,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        print("readability.js failed:", proc.stderr.strip().splitlines()[-1:])
        return {}
    result: dict[str, Pictures | None] = json.loads(proc.stdout)
    return result


# --- scoring ------------------------------------------------------------------------


def identities(pictures: Pictures, base: str) -> list[set[str]]:
    out: list[set[str]] = []
    for variants in pictures:
        ids = {n for v in variants if (n := normalise(v, base)) is not None}
        if ids and not any(ids & seen for seen in out):
            out.append(ids)
    return out


class Score:
    def __init__(self) -> None:
        self.ref = 0
        self.found = 0
        self.got = 0
        self.right = 0
        self.none = 0
        self.pages = 0

    def add(self, got: Pictures, ref: Pictures, base: str) -> tuple[int, int, int, int]:
        mine, theirs = identities(got, base), identities(ref, base)
        found = sum(1 for t in theirs if any(t & m for m in mine))
        right = sum(1 for m in mine if any(t & m for t in theirs))
        self.ref += len(theirs)
        self.found += found
        self.got += len(mine)
        self.right += right
        self.pages += 1
        if theirs and not found:
            self.none += 1
        return len(theirs), found, len(mine), right

    def line(self, name: str) -> str:
        recall = self.found / self.ref if self.ref else 0.0
        precision = self.right / self.got if self.got else 0.0
        return (
            f"  {name:<16} recall {recall:6.1%} ({self.found}/{self.ref})  "
            f"precision {precision:6.1%} ({self.right}/{self.got})  "
            f"pages with none of its {self.none} of {self.pages}"
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", default=None, help="also score reader at this git revision")
    ap.add_argument("--peers-cache", type=Path, default=None, help="keep peer results here")
    ap.add_argument("--worst", type=int, default=0, help="list the N pages matched worst")
    ap.add_argument("--show", default=None, help="print every tool's pictures on this page")
    ap.add_argument("--ours-worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--trafilatura-worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.ours_worker:
        ours_worker()
        return 0
    if args.trafilatura_worker:
        trafilatura_worker()
        return 0
    sys.path.insert(0, str(HERE.parent))
    every = list(pages())
    if not every:
        return 0
    base_of = {key: url for key, url, _ in every}
    peers: dict[str, dict[str, Pictures | None]] = {}
    if args.peers_cache and args.peers_cache.exists():
        peers = json.loads(args.peers_cache.read_text("utf-8"))
    if not peers.get("readability"):
        peers["readability"] = run_readability()
    if not peers.get("trafilatura"):
        peers["trafilatura"] = run_trafilatura()
    if args.peers_cache:
        args.peers_cache.write_text(json.dumps(peers), "utf-8")
    tools: dict[str, dict[str, Pictures | None]] = {}
    if args.before:
        tools[f"reader@{args.before}"] = dict(run_before(args.before))
    tools["reader"] = {key: ours(html, url) for key, url, html in every}
    tools["trafilatura"] = peers["trafilatura"]
    tools["readability.js"] = peers["readability"]
    if args.show:
        for name, found in tools.items():
            print(name)
            for pic in found.get(args.show) or []:
                print("   ", pic[0])
        return 0
    reference = peers["readability"]
    if reference:
        print("against readability.js (pages where it finds an article)")
        for subset in ("scrapinghub", "realworld", ""):
            print(f" {subset or 'both sets'}:")
            for name, found in tools.items():
                if name == "readability.js":
                    continue
                score = Score()
                for key, base in base_of.items():
                    ref = reference.get(key)
                    if ref is None or not key.startswith(subset) or key not in found:
                        continue
                    score.add(found.get(key) or [], ref, base)
                print(score.line(name))
    if LABELS.exists():
        labels = json.loads(LABELS.read_text("utf-8"))["pages"]
        print(f"against the hand labels ({len(labels)} pages)")
        for split in ("tune", "held-out"):
            keys = [k for k, v in labels.items() if v["split"] == split]
            print(f" {split} ({len(keys)} pages):")
            for name, found in tools.items():
                score = Score()
                for key in keys:
                    truth = [list(variants) for variants in labels[key]["story"]]
                    score.add(found.get(key) or [], truth, base_of[key])
                print(score.line(name))
    if args.worst and reference:
        rows = []
        for key, base in base_of.items():
            ref = reference.get(key)
            if not ref:
                continue
            score = Score()
            n_ref, found, n_got, right = score.add(tools["reader"].get(key) or [], ref, base)
            rows.append((found - n_ref + right - n_got, key, n_ref, found, n_got, right))
        rows.sort()
        print(f"worst {args.worst} pages (reference, found, ours, right):")
        for _, key, n_ref, found, n_got, right in rows[: args.worst]:
            print(f"  {key:<48} {n_ref:3} {found:3} {n_got:3} {right:3}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

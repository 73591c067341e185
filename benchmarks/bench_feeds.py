"""Feed parsers compared: correctness against feedparser, speed, and malformed input.

Data: the 106 real feeds in ``../shared/bench/feeds/real/*.xml.gz`` (with their own URLs
in ``index.json``), or ``$READER_FEEDS_DIR``. Absent data is reported and the script
exits 0.

Candidates: ``reader`` (our ``reader.feeds.parse_feed``), feedparser 6.0.14 (the
reference, pure Python), fastfeedparser 0.6.5 (lxml) and feedparser-rs 0.7.1 (Rust).
The three libraries run in the peers' environment (``$READER_PEERS_PYTHON``, else
``benchmarks/.peers-venv`` made by ``benchmarks/setup_peers.sh``), never ours; this same
file is the worker there (``--worker``) and sends back each item's link, title and date.

Correctness is measured against feedparser, item by item: the share of feedparser's
items (link and title; an item listed twice counts once) that a candidate also has with
the same link, both sides put through our URL normalisation (tracking parameters
removed), and the same title, both sides with entities decoded, tags stripped and
whitespace collapsed. Dates: of the matched items where both sides have one, the share
that agree (to the second; to the day when one side gives only a day).

Speed is CPU time (``time.process_time``) per feed, the best of ``--rounds`` runs over
all feeds, bytes in, items out.

``--damaged`` reads damaged copies of the real feeds (cut at 70%, a bare ``&``, an
escape sequence, ``&nbsp;``, raw ``<br>``, latin-1 bytes, blank lines first) with every
parser and counts the links feedparser finds in the intact feeds that each still finds.

``--malformed`` also runs every candidate over hostile and broken feeds made here
(truncated, wrong encoding declaration, undefined entities, HTML, billion laughs,
quadratic blow-up, external entities, 50,000 items, escape sequences, javascript:
links), each in its own process with a 2 GB memory limit and a 60 s timeout.

    .venv/bin/python benchmarks/bench_feeds.py [--rounds N] [--damaged] [--malformed]
        [--worst N] [--peers feedparser,fastfeedparser,feedparser-rs]
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from peers import peers_python  # noqa: E402

PEERS = ("feedparser", "fastfeedparser", "feedparser-rs")
SECRET = "reader-xxe-secret-7f3a"

# An item as the worker sends it: [link, title, date]; date is "YYYY-MM-DDTHH:MM:SS"
# in UTC, "YYYY-MM-DD" for a day alone, or None.
Item = list[Any]


def data_dir() -> Path:
    env = os.environ.get("READER_FEEDS_DIR")
    if env:
        return Path(env)
    return HERE.parent.parent / "shared" / "bench" / "feeds"


def load_feeds(root: Path) -> list[tuple[str, str, bytes]]:
    index = json.loads((root / "index.json").read_text("utf-8"))
    return [
        (name, index[name], gzip.decompress((root / "real" / f"{name}.xml.gz").read_bytes()))
        for name in sorted(index)
        if (root / "real" / f"{name}.xml.gz").exists()
    ]


# --- the worker side: stdlib and the peers only (runs in the peers' venv) ---------------


def _iso_struct(value: Any) -> str | None:
    if not value:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S", tuple(value))


def _iso_text(value: Any) -> str | None:
    from datetime import UTC, datetime

    if not value:
        return None
    try:
        d = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    if d.tzinfo is not None:
        d = d.astimezone(UTC)
    return d.strftime("%Y-%m-%dT%H:%M:%S")


def peer_function(name: str) -> Callable[[bytes, str], list[Item]]:
    if name == "feedparser":
        import feedparser

        def fp(data: bytes, url: str) -> list[Item]:
            headers = {"content-location": url, "content-type": "application/xml"}
            d = feedparser.parse(data, response_headers=headers)
            return [
                [e.get("link"), e.get("title"),
                 _iso_struct(e.get("published_parsed") or e.get("updated_parsed"))]
                for e in d.entries
            ]

        return fp
    if name == "fastfeedparser":
        import fastfeedparser

        def ffp(data: bytes, url: str) -> list[Item]:
            d = fastfeedparser.parse(data)
            return [
                [e.get("link"), e.get("title"), _iso_text(e.get("published") or e.get("updated"))]
                for e in d.entries
            ]

        return ffp
    if name == "feedparser-rs":
        import feedparser_rs

        def frs(data: bytes, url: str) -> list[Item]:
            d = feedparser_rs.parse(data)
            return [
                [e.link, e.title, _iso_struct(e.published_parsed or e.updated_parsed)]
                for e in d.entries
            ]

        return frs
    raise ValueError(name)


def run_candidate(
    func: Callable[[bytes, str], list[Item]], feeds: list[tuple[str, str, bytes]], rounds: int
) -> dict[str, Any]:
    items: dict[str, list[Item]] = {}
    errors: dict[str, str] = {}
    best = float("inf")
    for r in range(rounds):
        start = time.process_time()
        for name, url, data in feeds:
            try:
                got = func(data, url)
            except Exception as exc:  # a peer that raises has read nothing
                got = []
                errors[name] = f"{type(exc).__name__}: {exc}"[:200]
            if r == 0:
                items[name] = got
        best = min(best, time.process_time() - start)
    return {"items": items, "seconds": best, "errors": errors}


def worker(names: list[str], root: Path, rounds: int, damaged: bool) -> None:
    feeds = load_feeds(root)
    out = {name: run_candidate(peer_function(name), feeds, rounds) for name in names}
    if damaged:
        for variant, make in DAMAGES.items():
            broken = [(n, u, make(d)) for n, u, d in feeds]
            for name in names:
                out[f"{name}@{variant}"] = run_candidate(peer_function(name), broken, 1)
    json.dump(out, sys.stdout)


# --- damaged copies of the real feeds (stdlib only) ----------------------------------


def _in_first_title(data: bytes, text: bytes) -> bytes:
    """``text`` put inside the first item's title (after the channel's own)."""
    at = data.find(b"<title", data.find(b"<title") + 6)
    close = data.find(b">", at)
    return data if at < 0 or close < 0 else data[: close + 1] + text + data[close + 1 :]


def _latin1(data: bytes) -> bytes:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    return text.encode("latin-1", "xmlcharrefreplace")  # still says UTF-8, if it says


DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "cut-70%": lambda d: d[: len(d) * 7 // 10],
    "bare-&": lambda d: _in_first_title(d, b"Fish & chips "),
    "escape": lambda d: _in_first_title(d, b"\x1b[31m"),
    "&nbsp;": lambda d: _in_first_title(d, b"&nbsp;"),
    "raw-html": lambda d: _in_first_title(d, b"<p>Line<br>break</b> "),
    "latin-1": _latin1,
    "blank-first": lambda d: b"\n\n" + d,
}
"""Ways feeds break in the wild, each applied to every real feed."""


# --- malformed and hostile feeds (made here; stdlib only) -------------------------------


def _rss(items: str, head: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{head}\n<rss version="2.0"><channel>'
        f"<title>Test feed</title><link>http://127.0.0.1/</link>{items}</channel></rss>"
    ).encode()


def _items(n: int, start: int = 0) -> str:
    return "".join(
        f"<item><title>Story {i}</title><link>http://127.0.0.1/s/{i}</link>"
        f"<pubDate>Mon, 05 Feb 2024 10:00:00 +0000</pubDate></item>"
        for i in range(start, start + n)
    )


def malformed_cases(secret_path: str) -> dict[str, bytes]:
    """Each case: broken or hostile feed bytes."""
    cases: dict[str, bytes] = {}
    whole = _rss(_items(20))
    cases["truncated"] = whole[: whole.index(b"<item><title>Story 15") + 40]
    cases["utf16-declared-utf8"] = (
        '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel>'
        "<title>Caf\u00e9</title>" + _items(3) + "</channel></rss>"
    ).encode("utf-8")
    cases["latin1-declared-utf8"] = _rss(
        "<item><title>Caf\u00e9 cr\u00e8me</title><link>http://127.0.0.1/c</link></item>"
    ).decode("utf-8").encode("latin-1")
    cases["undefined-entities"] = _rss(
        "<item><title>A&nbsp;B &eacute;t&eacute; &bogus; &amp; C</title>"
        "<link>http://127.0.0.1/e</link></item>" + _items(2)
    )
    cases["bare-ampersand"] = _rss(
        "<item><title>Fish & chips</title><link>http://127.0.0.1/f?a=1&b=2</link></item>"
        + _items(2)
    )
    cases["html-page"] = (
        b"<!DOCTYPE html><html><head><title>A page</title>"
        b'<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head>'
        b"<body><p>Hello&nbsp;there<br></p></body></html>"
    )
    laughs = "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    cases["billion-laughs"] = _rss(
        "<item><title>&lol9;</title><link>http://127.0.0.1/l</link></item>" + _items(2),
        f'<!DOCTYPE rss [<!ENTITY lol0 "lol">{laughs}]>',
    )
    big = "A" * 50_000
    cases["quadratic-blowup"] = _rss(
        "<item><title>" + "&a;" * 2_000 + "</title><link>http://127.0.0.1/q</link></item>",
        f'<!DOCTYPE rss [<!ENTITY a "{big}">]>',
    )
    cases["xxe-file"] = _rss(
        "<item><title>x&xxe;y</title><link>http://127.0.0.1/x</link></item>" + _items(2),
        f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret_path}">]>',
    )
    cases["xxe-parameter"] = _rss(
        "<item><title>p</title><link>http://127.0.0.1/p</link></item>" + _items(2),
        f'<!DOCTYPE rss [<!ENTITY % ext SYSTEM "file://{secret_path}"> %ext;]>',
    )
    cases["50000-items"] = _rss(_items(50_000))
    cases["escapes-and-markup"] = _rss(
        "<item><title>\x1b[31mRed\x1b[0m [bold]x[/bold] \u202eevil</title>"
        "<link>http://127.0.0.1/r</link></item>"
        "<item><title>ref &#x1b;[2J clear</title><link>http://127.0.0.1/r2</link></item>"
    )
    cases["javascript-links"] = _rss(
        "<item><title>js</title><link>javascript:alert(1)</link></item>"
        "<item><title>data</title><link>data:text/html,hi</link></item>"
        "<item><title>ok</title><link>http://127.0.0.1/ok</link></item>"
    )
    return cases


def malformed_worker(candidate: str, case: str) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
    with tempfile.TemporaryDirectory() as tmp:
        secret = Path(tmp) / "secret.txt"
        secret.write_text(SECRET, "utf-8")
        data = malformed_cases(str(secret))[case]
        func = ours_function() if candidate == "reader" else peer_function(candidate)
        start = time.process_time()
        error = None
        try:
            items = func(data, "http://127.0.0.1/feed")
        except Exception as exc:
            items, error = [], f"{type(exc).__name__}: {str(exc)[:80]}"
        seconds = time.process_time() - start
    text = json.dumps(items)
    titles = [str(i[1] or "") for i in items]
    json.dump(
        {
            "items": len(items),
            "seconds": seconds,
            "error": error,
            "secret": SECRET in text,
            "expanded": any("lol" * 4 in t or "A" * 1_000 in t for t in titles),
            "escape": any(c in t for t in titles for c in "\x1b\x9b\u202e"),
            "bad_link": any(str(i[0] or "").startswith(("javascript:", "data:")) for i in items),
            "first": titles[0][:40] if titles else None,
        },
        sys.stdout,
    )


# --- the driver side: runs in our venv --------------------------------------------------


def ours_function() -> Callable[[bytes, str], list[Item]]:
    from datetime import UTC, datetime

    from reader.feeds import parse_feed

    def ours(data: bytes, url: str) -> list[Item]:
        out: list[Item] = []
        for item in parse_feed(data, url).items:
            p = item.published
            if isinstance(p, datetime):
                when: str | None = p.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
            else:
                when = p.isoformat() if p else None
            out.append([item.link, item.title, when])
        return out

    return ours


def run_peers(
    py: str, names: list[str], root: Path, rounds: int, damaged: bool
) -> dict[str, Any]:
    proc = subprocess.run(
        [py, str(Path(__file__).resolve()), "--worker", "--peers", ",".join(names),
         "--data", str(root), "--rounds", str(rounds), *(["--damaged"] if damaged else [])],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        print("peers failed:", proc.stderr.strip().splitlines()[-1:] or proc.returncode)
        return {}
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


_TAGS = re.compile(r"<[^<>]*>")


def norm_title(title: Any) -> str:
    from reader.extract import clean_text

    text = html.unescape(_TAGS.sub("", str(title or "")))
    return clean_text(" ".join(text.split()))


def norm_link(link: Any, base: str) -> str | None:
    from reader.extract import resolve_url

    return resolve_url(str(link), base) if link else None


def same_date(a: str, b: str) -> bool:
    if len(a) == 10 or len(b) == 10:
        return a[:10] == b[:10]
    return a == b


def compare(
    ref: dict[str, list[Item]], got: dict[str, list[Item]], urls: dict[str, str]
) -> dict[str, Any]:
    total = matched = link_only = dated = agreed = 0
    worst: list[tuple[float, str, int, int]] = []
    for name, ref_items in ref.items():
        base = urls[name]
        mine: dict[tuple[str | None, str], str | None] = {}
        links: set[str | None] = set()
        for link, title, when in got.get(name, []):
            key = (norm_link(link, base), norm_title(title))
            mine.setdefault(key, when)
            links.add(key[0])
        keys = {}
        for link, title, when in ref_items:
            keys.setdefault((norm_link(link, base), norm_title(title)), when)
        hit = 0
        for key, when in keys.items():
            total += 1
            if key in mine:
                hit += 1
                theirs = mine[key]
                if when and theirs:
                    dated += 1
                    agreed += same_date(when, theirs)
            elif key[0] in links:
                link_only += 1
        matched += hit
        if keys:
            worst.append((hit / len(keys), name, hit, len(keys)))
    worst.sort()
    return {
        "total": total,
        "matched": matched,
        "link_only": link_only,
        "dated": dated,
        "agreed": agreed,
        "worst": worst,
    }


def run_malformed(py: str | None) -> None:
    cands = ["reader"] + ([*PEERS] if py else [])
    with tempfile.TemporaryDirectory() as tmp:
        names = list(malformed_cases(str(Path(tmp) / "x")))
    print("\nmalformed and hostile feeds (items read; flags: !ENT entities expanded, "
          "!XXE secret read, !ESC escape left in a title, !LINK javascript:/data: link kept)")
    print(f"{'case':22}" + "".join(f"{c:>26}" for c in cands))
    firsts: list[str] = []
    for case in names:
        row = f"{case:22}"
        first = f"{case:22}"
        for cand in cands:
            python = sys.executable if cand == "reader" else py
            assert python is not None
            try:
                proc = subprocess.run(
                    [python, str(Path(__file__).resolve()), "--malformed-worker", cand, case],
                    capture_output=True, text=True, timeout=60, check=False,
                    env={**os.environ, "PYTHONPATH": str(HERE.parent)},
                )
                if proc.returncode != 0:
                    last = (proc.stderr.strip().splitlines() or ["?"])[-1]
                    cell = "crash " + last[:18]
                else:
                    r = json.loads(proc.stdout)
                    flags = "".join(
                        f
                        for f, on in (
                            ("!ENT", r["expanded"]),
                            ("!XXE", r["secret"]),
                            ("!ESC", r["escape"]),
                            ("!LINK", r["bad_link"]),
                        )
                        if on
                    )
                    err = " err" if r["error"] else ""
                    cell = f"{r['items']} {r['seconds'] * 1000:.0f}ms{err} {flags}".rstrip()
                    shown = r["error"] if r["error"] else ascii(r["first"])
                    first += f"{shown[:25]:>26}"
            except subprocess.TimeoutExpired:
                cell = "timeout 60s"
            row += f"{cell[:25]:>26}"
        print(row)
        firsts.append(first)
    print("\nthe first title each read (or its error)")
    print("\n".join(firsts))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--malformed-worker", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--peers", default=",".join(PEERS))
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--malformed", action="store_true", help="also run the malformed feeds")
    ap.add_argument("--worst", type=int, default=0, help="list the N feeds matched worst")
    ap.add_argument("--damaged", action="store_true",
                    help="also read damaged copies of the real feeds (cut, bare &, ...)")
    args = ap.parse_args()
    names = [n for n in args.peers.split(",") if n in PEERS]
    if args.malformed_worker:
        malformed_worker(*args.malformed_worker)
        return 0
    root = args.data or data_dir()
    if args.worker:
        worker(names, root, args.rounds, args.damaged)
        return 0
    if not (root / "index.json").exists():
        print(f"no feed data at {root}; nothing to measure")
        return 0
    feeds = load_feeds(root)
    urls = {name: url for name, url, _ in feeds}
    sizes = sum(len(d) for _, _, d in feeds)
    print(f"{len(feeds)} feeds, {sizes / 1e6:.1f} MB; CPU time, best of {args.rounds} rounds")
    results: dict[str, Any] = {"reader": run_candidate(ours_function(), feeds, args.rounds)}
    if args.damaged:
        for variant, make in DAMAGES.items():
            broken = [(n, u, make(d)) for n, u, d in feeds]
            results[f"reader@{variant}"] = run_candidate(ours_function(), broken, 1)
    py = peers_python()
    if py is None:
        print("peers: no peer venv (run benchmarks/setup_peers.sh); measuring reader alone")
    else:
        results.update(run_peers(py, names, root, args.rounds, args.damaged))
    damaged = {k: results.pop(k) for k in list(results) if "@" in k}
    ref = results.get("feedparser")
    if ref is None:
        print("feedparser (the reference) did not run: speed only")
    header = f"{'parser':16}{'items':>8}{'matched':>10}{'link only':>11}{'dates agree':>13}"
    print(header + f"{'ms/feed':>10}{'vs feedparser':>15}{'errors':>8}")
    for name, res in results.items():
        count = sum(len(v) for v in res["items"].values())
        ms = res["seconds"] * 1000 / len(feeds)
        speed = ""
        if ref is not None and name != "feedparser":
            speed = f"{ref['seconds'] / res['seconds']:.0f}x faster"
        if ref is not None:
            c = compare(ref["items"], res["items"], urls)
            match = f"{100 * c['matched'] / max(c['total'], 1):.2f}%"
            link_only = f"{c['link_only']}"
            dates = f"{100 * c['agreed'] / max(c['dated'], 1):.2f}%"
        else:
            c, match, link_only, dates = None, "", "", ""
        print(f"{name:16}{count:>8}{match:>10}{link_only:>11}{dates:>13}{ms:>10.2f}{speed:>15}"
              f"{len(res['errors']):>8}")
        if args.worst and c is not None and name != "feedparser":
            for share, feed, hit, of in c["worst"][: args.worst]:
                if share < 1:
                    print(f"    {feed} {hit}/{of} {urls[feed]}")
    if ref is not None:
        print(f"reference: feedparser, {sum(len(v) for v in ref['items'].values())} items "
              f"({sum(len({(i[0], i[1]) for i in v}) for v in ref['items'].values())} distinct)")
    if ref is not None and damaged:
        print_damaged(ref["items"], damaged, urls)
    if args.malformed:
        run_malformed(py)
    return 0


def print_damaged(
    ref: dict[str, list[Item]], damaged: dict[str, Any], urls: dict[str, str]
) -> None:
    """Share of the links feedparser finds in the intact feeds that each parser still
    finds in the damaged copies (titles are left out: some damages change them)."""
    want = {
        name: {norm_link(i[0], urls[name]) for i in items if i[0]}
        for name, items in ref.items()
    }
    total = sum(len(v) for v in want.values())
    present = {k.split("@")[0] for k in damaged}
    parsers = [p for p in ("reader", *PEERS) if p in present]
    print(f"\ndamaged copies of the real feeds: share of feedparser's links (intact feeds) "
          f"still found, of {total}")
    print(f"{'damage':14}" + "".join(f"{p:>16}" for p in parsers))
    for variant in DAMAGES:
        row = f"{variant:14}"
        for parser in parsers:
            res = damaged.get(f"{parser}@{variant}")
            if res is None:
                row += f"{'-':>16}"
                continue
            found = sum(
                len(links & {norm_link(i[0], urls[name]) for i in res["items"].get(name, [])})
                for name, links in want.items()
            )
            row += f"{100 * found / max(total, 1):>15.1f}%"
        print(row)


if __name__ == "__main__":
    raise SystemExit(main())

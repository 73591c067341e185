"""Recall and boilerplate on real pages of many kinds: strings that must and must not be
extracted, beside peer extractors in the same run.

Data: ``../shared/bench/trafilatura-realworld`` (relative to the repository) or
``$READER_REALWORLD_DIR``: ``cases.jsonl``, one case a line (``id``, ``file``, ``url``,
``must``, ``must_not``, ``encoding``), and the gzipped pages. Absent data is reported and
the script exits 0.

Each page is decoded with its case's encoding and given to ``extract`` as text with the
case's URL; the body's ``text`` (without the title) is scored. Both sides are Unicode NFC,
without format characters (category Cf), whitespace collapsed. A case is fully right when
every ``must`` string is found and no ``must_not`` string is.

Peers (readability-lxml, trafilatura) run in their own virtual environment, as in
``bench_extract.py``: this file is the worker there (``--worker``).

    .venv/bin/python benchmarks/bench_realworld.py [--peers none|all|NAME,...]
        [--show-misses] [--peers-cache FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from peers import run_peers  # noqa: E402

PEERS = ("readability", "trafilatura")


def data_dir() -> Path:
    env = os.environ.get("READER_REALWORLD_DIR")
    if env:
        return Path(env)
    return HERE.parent.parent / "shared" / "bench" / "trafilatura-realworld"


def load_cases(root: Path) -> list[dict[str, object]]:
    lines = (root / "cases.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def page_text(root: Path, case: dict[str, object]) -> str:
    raw = gzip.decompress((root / str(case["file"])).read_bytes())
    return raw.decode(str(case.get("encoding") or "utf-8"), "replace")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(text.split())


def judge(text: str, case: dict[str, object]) -> tuple[list[str], list[str]]:
    """The ``must`` strings missing and the ``must_not`` strings present."""
    got = normalise(text)
    must = [str(s) for s in case["must"]]  # type: ignore[attr-defined]
    must_not = [str(s) for s in case["must_not"]]  # type: ignore[attr-defined]
    missing = [s for s in must if normalise(s) not in got]
    present = [s for s in must_not if normalise(s) in got]
    return missing, present


# --- the worker side: runs in the peers' venv, imports only stdlib and the peers --------


def _peer_functions(names: list[str]) -> dict[str, Callable[[str, str], str]]:
    funcs: dict[str, Callable[[str, str], str]] = {}
    if "readability" in names:
        import lxml.html
        from readability import Document

        def readab(html: str, url: str) -> str:
            summary = Document(html, url=url).summary(html_partial=True)
            return " ".join(lxml.html.fromstring(summary).itertext()) if summary.strip() else ""

        funcs["readability"] = readab
    if "trafilatura" in names:
        import trafilatura

        def traf(html: str, url: str) -> str:
            return trafilatura.extract(html, url=url, include_comments=False) or ""

        funcs["trafilatura"] = traf
    return funcs


def worker(names: list[str], root: Path) -> None:
    cases = load_cases(root)
    pages = [page_text(root, c) for c in cases]
    out: dict[str, dict[str, object]] = {}
    for name, func in _peer_functions(names).items():
        texts: list[str] = []
        start = time.process_time()
        for page, case in zip(pages, cases, strict=True):
            try:
                texts.append(func(page, str(case.get("url") or "")))
            except Exception:
                texts.append("")
        out[name] = {"texts": texts, "seconds": time.process_time() - start}
    json.dump(out, sys.stdout)


# --- the driver side: runs in our venv ---------------------------------------------------


def report(
    name: str, texts: list[str], cases: list[dict[str, object]], seconds: float, misses: bool
) -> None:
    right = held = must_total = avoided = not_total = 0
    lines: list[str] = []
    for text, case in zip(texts, cases, strict=True):
        missing, present = judge(text, case)
        n_must = len(case["must"])  # type: ignore[arg-type]
        n_not = len(case["must_not"])  # type: ignore[arg-type]
        must_total += n_must
        not_total += n_not
        held += n_must - len(missing)
        avoided += n_not - len(present)
        if not missing and not present:
            right += 1
            continue
        lines.append(f"  {case['id']}  ({len(text)} chars)")
        lines += [f"    missing: {s[:100]!r}" for s in missing]
        lines += [f"    kept:    {s[:100]!r}" for s in present]
    n = len(cases)
    print(
        f"{name:<13}{right:>4}/{n} fully right ({right / n:6.1%})   must held "
        f"{held / max(1, must_total):6.1%}   must_not avoided {avoided / max(1, not_total):6.1%}"
        f"   {seconds / n * 1000:7.2f} ms/page (CPU)"
    )
    if misses and lines:
        print("\n".join(lines))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--peers", default="none", help="none, all, or a comma list of readability, trafilatura"
    )
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--peers-cache", type=Path, default=None, help="reuse peer results saved here")
    ap.add_argument("--show-misses", action="store_true", help="list every case not fully right")
    args = ap.parse_args()
    root = args.data or data_dir()
    names = list(PEERS) if args.peers == "all" else [n for n in args.peers.split(",") if n in PEERS]
    if args.worker:
        worker(names, root)
        return 0
    if not (root / "cases.jsonl").exists():
        print(f"real-world cases not found at {root} (set READER_REALWORLD_DIR); nothing measured")
        return 0
    from reader.extract import extract

    cases = load_cases(root)
    pages = [page_text(root, c) for c in cases]
    print(f"data: {root}\n{len(cases)} cases")
    start = time.process_time()
    ours = [extract(p, url=str(c.get("url") or "")).text for p, c in zip(pages, cases, strict=True)]
    report("reader", ours, cases, time.process_time() - start, args.show_misses)
    if args.peers_cache and args.peers_cache.exists():
        peer_results = json.loads(args.peers_cache.read_text("utf-8"))
    else:
        peer_results = run_peers(__file__, names, root) if names else {}
        if args.peers_cache and peer_results:
            args.peers_cache.write_text(json.dumps(peer_results), "utf-8")
    for name, res in peer_results.items():
        texts = res["texts"]
        secs = res["seconds"]
        assert isinstance(texts, list) and isinstance(secs, float)
        report(name, [str(t) for t in texts], cases, secs, args.show_misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())

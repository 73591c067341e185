"""Coverage-guided fuzzing of the feed layer (atheris, optional).

    pip install atheris
    python fuzz/fuzz_feeds.py -max_total_time=300 fuzz/feeds-corpus

Each input is split into a URL and a body; ``parse_feed`` must return a ``ParsedFeed``
without falling back on its last guard, whose every text field is terminal-safe and
whose links are http(s); ``parse_opml``
may refuse the body only with ``OpmlError``; ``discover_feeds`` returns http(s) URLs.
Seed the corpus with the real feeds in ../shared/bench/feeds/real (gunzipped).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from dataclasses import fields
from typing import Any

parse_feed: Callable[..., Any]
parse_opml: Callable[[bytes], Any]
discover_feeds: Callable[..., tuple[str, ...]]
OpmlError: type[Exception]

_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def _unsafe(text: str) -> str | None:
    for ch in text:
        code = ord(ch)
        if ch in "\n\t":
            continue
        if code < 0x20 or 0x7F <= code < 0xA0 or ch in _BIDI or 0xD800 <= code < 0xE000:
            return ch
    return None


def _check(value: object) -> None:
    if isinstance(value, str):
        bad = _unsafe(value)
        if bad is not None:
            raise AssertionError(f"unsafe character U+{ord(bad):04X} in {value[:80]!r}")
    elif isinstance(value, tuple):
        for v in value:
            _check(v)
    elif hasattr(value, "__dataclass_fields__"):
        for f in fields(value):  # type: ignore[arg-type]
            _check(getattr(value, f.name))


def one_input(data: bytes) -> None:
    head, _, body = data.partition(b"\n")
    url = head.decode("utf-8", "replace") or None
    feed = parse_feed(body, url)
    _check(feed)
    if any(w.startswith("the feed could not be read") for w in feed.warnings):
        raise AssertionError("parse_feed's last guard caught an exception")
    for item in feed.items:
        if item.link is not None and not item.link.startswith(("http://", "https://")):
            raise AssertionError(f"a link that is not http(s): {item.link[:80]!r}")
    with contextlib.suppress(OpmlError):
        _check(parse_opml(body))
    for found in discover_feeds(body, url):
        if not found.startswith(("http://", "https://")):
            raise AssertionError(f"discovered a URL that is not http(s): {found[:80]!r}")


def _load() -> None:
    global parse_feed, parse_opml, discover_feeds, OpmlError
    from reader.feeds import OpmlError as _error
    from reader.feeds import discover_feeds as _discover
    from reader.feeds import parse_feed as _parse
    from reader.feeds import parse_opml as _opml

    parse_feed, parse_opml, discover_feeds, OpmlError = _parse, _opml, _discover, _error


def main() -> None:
    import atheris

    with atheris.instrument_imports(include=["reader"]):
        _load()
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

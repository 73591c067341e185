"""``reader feed …``: subscriptions on the command line.

add, list, remove, refresh, import, export and items, through the library's ``feeds``.
Everything printed goes through the terminal-safety helpers (``one_line``); a refresh
shows its progress on stderr only when stderr is a terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reader.config import Config
from reader.errors import NotCachedError, ReaderError

if TYPE_CHECKING:
    from reader.library import Added, FeedRecord, ItemRecord, Library, Progress, Refreshed

ACTIONS = ("add", "list", "remove", "refresh", "import", "export", "items")


def parser(common: Callable[..., argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="reader feed",
        parents=[common()],
        allow_abbrev=False,
        description="Subscriptions: feeds and sites whose new stories are fetched whole.",
    )
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    shared = [common(suppress=True)]

    def action(name: str, text: str) -> argparse.ArgumentParser:
        a = sub.add_parser(name, parents=shared, help=text, allow_abbrev=False)
        a.add_argument("--offline", action="store_true", help="cache only; never the network")
        return a

    a = action("add", "subscribe to a feed, or to a site by any of its pages")
    a.add_argument("url", metavar="URL")
    a.add_argument("--tag", action="append", default=[], metavar="TAG", help="may repeat")
    a = action("list", "the subscriptions")
    a.add_argument("--format", choices=("text", "json"), default="text")
    a = action("remove", "unsubscribe (stories already stored stay in the cache)")
    a.add_argument("url", metavar="URL")
    a = action("refresh", "fetch new stories (all subscriptions, or the URLs given)")
    a.add_argument("urls", nargs="*", metavar="URL")
    a.add_argument("--no-stories", action="store_true", help="the feeds only, not the stories")
    a = action("import", "add the subscriptions of an OPML file (fetches nothing)")
    a.add_argument("file", metavar="FILE.opml")
    a = action("export", "write the subscriptions as OPML 2.0 (to stdout without FILE)")
    a.add_argument("file", nargs="?", metavar="FILE")
    a = action("items", "the subscriptions' stories, newest first")
    a.add_argument("--feed", metavar="URL")
    a.add_argument("--tag", metavar="TAG")
    a.add_argument("--unread", action="store_true")
    a.add_argument("--limit", type=_count, metavar="N")
    a.add_argument("--format", choices=("text", "json"), default="text")
    return p


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {text}")
    return value


# -- output ----------------------------------------------------------------------------------
def _fields(*values: str | None) -> str:
    from reader.extract import one_line

    return "\t".join(one_line(v or "") or "-" for v in values) + "\n"


def _local(when: datetime | None) -> str | None:
    return None if when is None else when.astimezone().strftime("%Y-%m-%d %H:%M")


def _day(value: datetime | date | None) -> str | None:
    if isinstance(value, datetime):
        return (value.astimezone() if value.tzinfo else value).strftime("%Y-%m-%d")
    return None if value is None else value.isoformat()


def feed_row(feed: FeedRecord) -> str:
    """URL, title, tags, items, unread, last success, last error."""
    return _fields(
        feed.url, feed.title, ", ".join(feed.tags), str(feed.items), str(feed.unread),
        _local(feed.last_success), feed.last_error,
    )


def item_row(item: ItemRecord, titles: dict[str, str | None]) -> str:
    """Published day, state, source, title, URL."""
    state = ("read" if item.read else "new") + (" offline" if item.offline else "")
    source = titles.get(item.feeds[0]) or item.feeds[0] if item.feeds else None
    return _fields(_day(item.published), state, source, item.title, item.url)


def _added_line(asked: str, added: Added) -> str:
    title = f" ({added.title})" if added.title else ""
    stories = f"{added.items} {'story' if added.items == 1 else 'stories'}"
    if added.found == "feed":
        return f"subscribed to the feed {added.url}{title}: {stories}"
    if added.found == "advertised":
        return f"{asked} is a web page; subscribed to the feed it names, {added.url}{title}: " \
            f"{stories}"
    if added.found == "usual-path":
        return (
            f"{asked} names no feed; subscribed to {added.url}{title}, found on its host: "
            f"{stories}"
        )
    return (
        f"no feed found for {asked}; following the page itself{title}, its story links "
        f"as items: {stories}"
    )


def _summary(result: Refreshed) -> str:
    p = result.progress
    feeds = f"{p.feeds_done} {'feed' if p.feeds_done == 1 else 'feeds'}"
    parts = [f"{p.feeds_unchanged} unchanged"]
    if p.feeds_failed:
        parts.append(f"{p.feeds_failed} failed")
    if result.skipped:
        parts.append(f"{len(result.skipped)} skipped")
    line = f"refreshed {feeds} ({', '.join(parts)}): {p.new_items} new " \
        f"{'story' if p.new_items == 1 else 'stories'}"
    if p.stories_total:
        line += f", {p.stories_stored} stored for offline reading"
        if p.stories_failed:
            line += f", {p.stories_failed} kept as the feed gives them (the page failed)"
    return line


class _Meter:
    """Progress on stderr, rewritten in place, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.live = sys.stderr.isatty()
        self._last = ""

    def show(self, p: Progress) -> None:
        if not self.live:
            return
        text = f"reader: refreshing: {p.feeds_done}/{p.feeds_total} feeds"
        if p.stories_total:
            text += f", {p.stories_done}/{p.stories_total} stories"
        failed = p.feeds_failed + p.stories_failed
        if failed:
            text += f", {failed} failed"
        if text != self._last:
            self._last = text
            sys.stderr.write("\r\x1b[K" + text)
            sys.stderr.flush()

    def done(self) -> None:
        if self.live and self._last:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


# -- the command ---------------------------------------------------------------------------
NETWORK = ("add", "refresh")
"""The actions that fetch; the others only read or write the cache (no event loop)."""

Say = Callable[[list[str] | tuple[str, ...]], None]


def run_feed(
    ns: argparse.Namespace,
    config: Config,
    write: Callable[[str], None],
    warn: Callable[[str], None],
) -> int:
    from reader.library import Library

    shown: set[str] = set()

    def say(messages: list[str] | tuple[str, ...]) -> None:
        for message in messages:
            if message not in shown:
                shown.add(message)
                warn(message)

    if ns.action in NETWORK:
        if ns.offline:
            raise NotCachedError(
                f"`reader feed {ns.action}` needs the network; run it without --offline"
            )
        import asyncio

        return asyncio.run(_online(ns, Library(config), write, say))
    lib = Library(config, offline=True)
    try:
        code = _in_cache(ns, lib, write, say)
        say(lib.warnings)
        return code
    finally:
        lib.close()
        say(lib.warnings)


async def _online(ns: argparse.Namespace, lib: Library, write: Callable[[str], None],
                  say: Say) -> int:
    try:
        if ns.action == "add":
            added = await lib.feeds.add(ns.url, ns.tag)
            say(lib.warnings)
            say(tuple(f"{added.url}: {w}" for w in added.warnings[:1]))
            write(_fields(_added_line(ns.url, added)))
            return 0
        return await _refresh(ns, lib, write, say)
    finally:
        await lib.aclose()
        say(lib.warnings)


async def _refresh(ns: argparse.Namespace, lib: Library, write: Callable[[str], None],
                   say: Say) -> int:
    feeds = lib.feeds
    if not ns.urls and not feeds.titles():
        write(_fields("no subscriptions to refresh; `reader feed add URL` adds one"))
        return 0
    meter = _Meter()
    try:
        result = await feeds.refresh(
            ns.urls or None, stories=False if ns.no_stories else None, on_progress=meter.show
        )
    finally:
        meter.done()
    say(lib.warnings)
    say(tuple(f"could not refresh {url}: {error}" for url, error in result.errors))
    say(result.warnings)
    for old, new in result.moved:
        say((f"{old} moved for good to {new}; the subscription now uses the new address",))
    write(_fields(_summary(result)))
    asked = result.progress.feeds_done
    if asked and result.progress.feeds_failed == asked:
        raise ReaderError(
            "no feed could be refreshed; check the network, or `reader feed list` for "
            "each feed's last error"
        )
    return 0


def _in_cache(ns: argparse.Namespace, lib: Library, write: Callable[[str], None],
              say: Say) -> int:
    from reader.library import dump_json, feed_dict, item_dict

    feeds = lib.feeds
    if ns.action == "list":
        subs = feeds.subscriptions()
        if ns.format == "json":
            write(dump_json([feed_dict(f) for f in subs]))
        else:
            write("".join(feed_row(f) for f in subs))
    elif ns.action == "remove":
        feeds.remove(ns.url)
        write(_fields(f"removed {ns.url}"))
    elif ns.action == "import":
        imported = feeds.import_opml(Path(ns.file))
        say(imported.warnings)
        n = imported.added
        line = f"imported {n} {'subscription' if n == 1 else 'subscriptions'}"
        if imported.known:
            line += f" ({imported.known} already there)"
        write(_fields(line + "; `reader feed refresh` fetches their stories"))
    elif ns.action == "export":
        text = feeds.export_opml()
        if ns.file is None:
            write(text)
        else:
            _write_file(Path(ns.file), text)
            n = len(feeds.titles())
            noun = "subscription" if n == 1 else "subscriptions"
            write(_fields(f"wrote {n} {noun} to {ns.file}"))
    else:
        items = feeds.items(feed=ns.feed, tag=ns.tag, unread=ns.unread, limit=ns.limit)
        if ns.format == "json":
            write(dump_json([item_dict(i) for i in items]))
        else:
            titles = feeds.titles() if items else {}
            write("".join(item_row(i, titles) for i in items))
    return 0


def _write_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (a temporary file, then a rename)."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ReaderError(f"could not write {path}: {exc.strerror or exc}") from None

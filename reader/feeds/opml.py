"""OPML 2.0 subscription lists: read (folders and categories become tags) and write."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from reader.extract import clean_text
from reader.feeds.text import short
from reader.feeds.types import OpmlDocument, OpmlError, OpmlFeed
from reader.feeds.xml.read import read_xml
from reader.feeds.xml.tree import Node, Sink

MAX_OUTLINES = 50_000
"""Outlines read from one file; the rest are left out with a warning."""
MAX_TAG = 100


class _OutlineSink(Sink):
    """Counts outlines as they close; past ``MAX_OUTLINES`` the rest are not built."""

    take_tags = frozenset({"outline"})

    def __init__(self) -> None:
        self.outlines = 0
        self.beyond = 0

    def take(self, node: Node, parent: Node, depth: int) -> bool:
        self.outlines += 1
        if self.outlines >= MAX_OUTLINES:
            self.skip_tags = self.take_tags
        return False

    def skipped(self, tag: str, parent: Node, depth: int) -> None:
        self.beyond += 1


PAGE_ATTR = "readerKind"
"""Our own outline attribute: ``readerKind="page"`` marks a site followed through a page."""


def parse_opml(data: bytes) -> OpmlDocument:
    """The subscriptions in an OPML file. An outline with ``xmlUrl`` is a subscription;
    the folders (outlines without one) around it and its ``category`` give its tags.
    Raises ``OpmlError`` when ``data`` is not OPML at all; a damaged file gives what
    could be read, with warnings."""
    result, sink = read_xml(data, _OutlineSink)
    root = result.element
    if root is None:
        raise OpmlError(f"not an OPML file: no XML could be read ({result.error or 'empty'})")
    if root.tag != "opml":
        local = root.tag.rpartition("}")[2].rpartition(":")[2][:40]
        raise OpmlError(f"not an OPML file: the document is <{local}>")
    warnings = list(result.warnings)
    head = root.find("head")
    title_node = head.find("title") if head is not None else None
    title = short(title_node.all_text(), 500) if title_node is not None else None
    body = root.find("body")
    feeds: dict[str, OpmlFeed] = {}
    refused = 0
    stack: list[tuple[Node, tuple[str, ...]]] = []
    if body is not None:
        stack.extend((n, ()) for n in reversed(body.find_all("outline")))
    while stack:
        node, folders = stack.pop()
        attrs = {k.lower(): v for k, v in node.attrs.items()}
        name = short(attrs.get("text") or attrs.get("title"), 500)
        xml_url = attrs.get("xmlurl")
        if xml_url is not None:
            url = _feed_url(xml_url)
            if url is None:
                refused += 1
            else:
                tags = _dedupe((*folders, *_categories(attrs.get("category", ""))))
                old = feeds.get(url)
                if old is None:
                    html_url = _feed_url(attrs.get("htmlurl", ""))
                    page = attrs.get(PAGE_ATTR.lower(), "").strip().lower() == "page"
                    feeds[url] = OpmlFeed(url, short(attrs.get("title") or attrs.get("text"), 500),
                                          html_url, tags, page)
                else:
                    feeds[url] = OpmlFeed(old.url, old.title, old.html_url,
                                          _dedupe((*old.tags, *tags)), old.page)
        inner = folders
        if xml_url is None and name:
            tag = _tag(name)
            if tag:
                inner = (*folders, tag)
        stack.extend((n, inner) for n in reversed(node.find_all("outline")))
    if body is None:
        warnings.append("the OPML file has no <body>")
    if refused:
        warnings.append(f"{refused} outlines had an xmlUrl that is not an http(s) address")
    if sink.beyond:
        warnings.append(
            f"the file has {sink.outlines + sink.beyond} outlines; "
            f"only the first {MAX_OUTLINES} are read"
        )
    return OpmlDocument(title, tuple(feeds.values()), tuple(warnings))


def _feed_url(raw: str) -> str | None:
    text = raw.strip()
    if text.lower().startswith("feed:"):  # feed:https://… and feed://…
        text = text[5:]
        if text.startswith("//"):
            text = "http:" + text
    if not text or clean_text(text) != text or any(c.isspace() for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return text


def _categories(raw: str) -> list[str]:
    tags: list[str] = []
    for category in raw.split(","):
        for part in category.split("/"):
            tag = _tag(part)
            if tag:
                tags.append(tag)
    return tags


def _tag(text: str) -> str | None:
    return short(text, MAX_TAG)


def _dedupe(tags: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for t in tags:
        seen.setdefault(t, None)
    return tuple(seen)


# --- writing -------------------------------------------------------------------------------


def write_opml(feeds: Iterable[OpmlFeed], title: str = "reader subscriptions") -> str:
    """OPML 2.0 text for ``feeds``: each feed an outline (``type="rss"``, ``text``,
    ``title``, ``xmlUrl``, ``htmlUrl``) inside a folder named by its first tag, with
    every tag in ``category``. ``parse_opml`` reads it back to the same feeds."""
    folders: dict[str, list[OpmlFeed]] = {}
    loose: list[OpmlFeed] = []
    for feed in feeds:
        if feed.tags:
            folders.setdefault(feed.tags[0], []).append(feed)
        else:
            loose.append(feed)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{_escape(title)}</title>",
        "  </head>",
        "  <body>",
    ]
    for feed in loose:
        lines.append("    " + _outline(feed))
    for name, members in folders.items():
        lines.append(f"    <outline text={_attr(name)} title={_attr(name)}>")
        lines.extend("      " + _outline(feed) for feed in members)
        lines.append("    </outline>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _outline(feed: OpmlFeed) -> str:
    name = feed.title or feed.url
    parts = [f"text={_attr(name)}", f"title={_attr(name)}", 'type="rss"',
             f"xmlUrl={_attr(feed.url)}"]
    if feed.html_url:
        parts.append(f"htmlUrl={_attr(feed.html_url)}")
    if feed.page:
        parts.append(f'{PAGE_ATTR}="page"')
    categories = [_category(t) for t in feed.tags]
    categories = [c for c in categories if c]
    if categories:
        parts.append(f"category={_attr(','.join('/' + c for c in categories))}")
    return "<outline " + " ".join(parts) + "/>"


def _category(tag: str) -> str:
    """A tag as one category name: ``,`` and ``/`` separate names, so they become blanks."""
    return " ".join(tag.replace(",", " ").replace("/", " ").split())


def _clean(text: str) -> str:
    # Characters XML 1.0 cannot hold at all go, with what a terminal would act on.
    text = clean_text(text)
    return "".join(c for c in text if c in "\t\n" or c >= " ") if not text.isprintable() else text


def _escape(text: str) -> str:
    return _clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    escaped = _escape(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
    return f'"{escaped}"'

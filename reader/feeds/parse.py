"""``parse_feed``: RSS 0.9x/1.0/2.0, Atom and JSON Feed bytes in, a ``ParsedFeed`` out.

Total: never raises. Whatever can be read is read; what was wrong is said in warnings
(one per kind of problem). Items are converted as their element closes, so a large
feed never sits in memory as a tree; past ``MAX_ITEMS`` the rest are only counted.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from reader.extract import resolve_url
from reader.feeds.dates import parse_date
from reader.feeds.items import make_item
from reader.feeds.jsonfeed import parse_json_feed
from reader.feeds.sniff import kind_of
from reader.feeds.text import inner_html, plain, short
from reader.feeds.types import MAX_ITEMS, FeedFormat, FeedItem, ParsedFeed
from reader.feeds.xmlread import Node, Sink, read_xml

_ITEM_PARENTS = frozenset({"channel", "rdf:RDF", "rss", "atom:feed", "RDF"})
_ITEM_TAGS = frozenset({"item", "atom:entry"})
_FUTURE_GRACE = timedelta(days=1)


def parse_feed(
    data: bytes,
    url: str | None = None,
    *,
    content_type: str | None = None,
    now: datetime | None = None,
) -> ParsedFeed:
    """Read the feed in ``data`` (served from ``url`` as ``content_type``).

    Links are resolved against ``xml:base`` and ``url``. With ``now`` (an aware
    datetime), a published date more than a day after it is dropped (None) with a
    warning: the caller's clock, since this function reads none. Never raises.
    """
    try:
        return _parse(data, url, content_type, now)
    except Exception as exc:  # a last guard: parse_feed is total by contract
        return ParsedFeed(warnings=(f"the feed could not be read ({type(exc).__name__})",))


def _parse(
    data: bytes, url: str | None, content_type: str | None, now: datetime | None
) -> ParsedFeed:
    if not data.strip():
        return ParsedFeed(warnings=("the feed is empty",))
    kind = kind_of(data)
    if kind == "json-feed":
        feed = parse_json_feed(data, url)
    elif kind == "html":
        return ParsedFeed(warnings=("not a feed: this is an HTML page",))
    else:
        feed = _parse_xml(data, url, content_type)
    return _finish(feed, now)


class _FeedSink(Sink):
    """Turns each item or entry into a ``FeedItem`` as it closes."""

    def __init__(self) -> None:
        self.items: list[FeedItem] = []
        self.seen: set[str] = set()
        self.duplicates = 0
        self.empty = 0
        self.beyond = 0

    def take(self, node: Node, parent: Node, depth: int) -> bool:
        if node.tag not in _ITEM_TAGS or parent.tag not in _ITEM_PARENTS:
            return False
        item = _atom_entry(node, parent) if node.tag == "atom:entry" else _rss_item(node)
        if item is None:
            self.empty += 1
        elif item.id in self.seen:
            self.duplicates += 1
        else:
            self.seen.add(item.id)
            self.items.append(item)
        return True

    def skip(self, tag: str, parent: Node, depth: int) -> bool:
        return len(self.items) >= MAX_ITEMS and tag in _ITEM_TAGS

    def skipped(self, tag: str, parent: Node, depth: int) -> None:
        self.beyond += 1


def _parse_xml(data: bytes, url: str | None, content_type: str | None) -> ParsedFeed:
    result, sink = read_xml(data, _FeedSink, content_type=content_type, base=url)
    warnings = list(result.warnings)
    root = result.element
    fmt: FeedFormat | None
    if root is None:
        reason = result.error or "no element"
        return ParsedFeed(warnings=(f"not a feed: nothing could be read ({reason})",))
    if root.tag in ("rss", "rdf:RDF", "RDF"):
        fmt = "rss"
        channel = root.find("channel") or root
        title = plain(_text(channel, "title", "dc:title"), html=True)
        link = _link_of(channel)
    elif root.tag == "atom:feed":
        fmt = "atom"
        title = _atom_text(root.find("atom:title"))
        link = _atom_link(root)
    else:
        local = root.tag.rpartition("}")[2].rpartition(":")[2]
        return ParsedFeed(warnings=(f"not a feed: the document is <{local[:40]}>",))
    if sink.duplicates:
        warnings.append(f"{sink.duplicates} items repeated an earlier id and were left out")
    if sink.empty:
        warnings.append(f"{sink.empty} items had no title, link or text and were left out")
    if sink.beyond:
        total = len(sink.items) + sink.duplicates + sink.empty + sink.beyond
        warnings.append(f"the feed has {total} items; only the first {MAX_ITEMS} are kept")
    return ParsedFeed(fmt, title, link, tuple(sink.items), tuple(warnings))


def _finish(feed: ParsedFeed, now: datetime | None) -> ParsedFeed:
    if now is None or now.tzinfo is None:
        return feed
    limit = now + _FUTURE_GRACE
    future = 0
    items: list[FeedItem] = []
    for item in feed.items:
        p = item.published
        if (isinstance(p, datetime) and p > limit) or (
            isinstance(p, date) and not isinstance(p, datetime) and p > limit.date()
        ):
            future += 1
            item = FeedItem(item.id, item.title, item.link, None, item.summary,
                            item.content, item.author)
        items.append(item)
    if not future:
        return feed
    warning = f"{future} items were dated in the future; their dates are left out"
    return ParsedFeed(feed.format, feed.title, feed.link, tuple(items),
                      (*feed.warnings, warning))


# --- RSS ---------------------------------------------------------------------------------


def _text(node: Node, *tags: str) -> str | None:
    found = node.find(*tags)
    if found is None:
        return None
    return found.text() if len(found.children) <= 1 else found.all_text()


def _link_of(node: Node) -> str | None:
    """An RSS element's link: ``<link>``, else an Atom alternate link inside it."""
    link = node.find("link")
    if link is not None:
        href = link.all_text().strip() or link.attrs.get("href", "")
        got = resolve_url(href, link.base) if href else None
        if got is not None:
            return got
    return _atom_link(node)


def _rss_item(node: Node) -> FeedItem | None:
    link = _link_of(node)
    guid_node = node.find("guid")
    guid = guid_node.all_text().strip() if guid_node is not None else ""
    if not guid:
        guid = node.attrs.get("rdf:about", "") or node.attrs.get("about", "")
        guid = guid.strip()
    if link is None and guid_node is not None and guid:
        permalink = guid_node.attrs.get("isPermaLink", "true").strip().lower() != "false"
        if permalink or guid.startswith(("http://", "https://")):
            link = resolve_url(guid, guid_node.base)
    title = plain(_text(node, "title", "dc:title"), html=True)
    published = None
    for tag in ("pubDate", "dc:date", "atom:published", "atom:updated", "dcterms:issued",
                "dcterms:created", "dcterms:modified", "date"):
        raw = _text(node, tag)
        if raw:
            published = parse_date(raw)
            if published is not None:
                break
    description = _html_of(node.find("description", "dc:description", "itunes:summary",
                                     "atom:summary"))
    content = _html_of(node.find("content:encoded", "xhtml:body", "atom:content", "body"))
    author = short(_text(node, "dc:creator", "author", "itunes:author"))
    author = _atom_author(node) if author is None else _rss_author(author)
    return make_item(guid, title, link, published, description, content, author)


def _rss_author(raw: str) -> str | None:
    """``jane@example.com (Jane Doe)`` → ``Jane Doe``; a bare address stays."""
    if raw.endswith(")") and "(" in raw:
        name = raw[raw.rfind("(") + 1 : -1].strip()
        if name:
            return name
    return raw


def _html_of(node: Node | None) -> str | None:
    """An element holding HTML: escaped or CDATA text, or (malformed) raw elements."""
    if node is None:
        return None
    kind = node.attrs.get("type", "").strip().lower()
    if node.attrs.get("src"):
        return None
    has_elements = any(not isinstance(c, str) for c in node.children)
    if kind == "xhtml" or has_elements:
        div = node.find("xhtml:div")
        return inner_html(div if div is not None and kind == "xhtml" else node)
    text = node.text()
    if kind in ("text", "text/plain"):
        from html import escape

        return escape(text, quote=False).replace("\n\n", "</p><p>") if text.strip() else None
    return text


# --- Atom --------------------------------------------------------------------------------


def _atom_text(node: Node | None) -> str | None:
    """An Atom text construct as plain text (type text, html or xhtml)."""
    if node is None:
        return None
    kind = node.attrs.get("type", "text").strip().lower()
    if kind == "xhtml":
        return plain(node.all_text(), html=False)
    if kind in ("html", "text/html"):
        return plain(node.all_text(), html=True)
    return plain(node.all_text(), html=False)


def _atom_link(node: Node) -> str | None:
    """The first ``rel=alternate`` link (no rel means alternate) that is http(s)."""
    first: str | None = None
    for link in node.find_all("atom:link"):
        rel = link.attrs.get("rel", "alternate").strip().lower()
        href = link.attrs.get("href", "").strip()
        if rel != "alternate" or not href:
            continue
        got = resolve_url(href, link.base)
        if got is None:
            continue
        kind = link.attrs.get("type", "").strip().lower()
        if not kind or "html" in kind:
            return got
        first = first or got
    return first


def _atom_author(node: Node) -> str | None:
    author = node.find("atom:author")
    if author is None:
        return None
    name = author.find("atom:name", "name")
    return short(name.all_text() if name is not None else author.all_text())


def _atom_entry(node: Node, feed: Node) -> FeedItem | None:
    link = _atom_link(node)
    if link is None:
        # Atom 0.3 and hand-made feeds: a bare <link>https://…</link>.
        bare = node.find("atom:link")
        text = bare.all_text().strip() if bare is not None else ""
        link = resolve_url(text, bare.base) if bare is not None and text else None
    id_node = node.find("atom:id")
    guid = id_node.all_text().strip() if id_node is not None else ""
    if link is None and id_node is not None and guid.startswith(("http://", "https://")):
        link = resolve_url(guid, id_node.base)  # an id that is an address is the link
    title = _atom_text(node.find("atom:title"))
    published = None
    for tag in ("atom:published", "atom:updated", "atom:issued", "atom:modified",
                "atom:created", "dc:date"):
        raw = _text(node, tag)
        if raw:
            published = parse_date(raw)
            if published is not None:
                break
    summary = _html_of(node.find("atom:summary"))
    content = _html_of(node.find("atom:content"))
    author = _atom_author(node) or _atom_author(feed) or short(_text(node, "dc:creator"))
    return make_item(guid, title, link, published, summary, content, author)

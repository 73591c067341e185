"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) into a ``ParsedFeed``."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from reader.extract import resolve_url
from reader.feeds.dates import parse_date
from reader.feeds.items import make_item
from reader.feeds.text import plain, short
from reader.feeds.types import MAX_ITEMS, ParsedFeed


def parse_json_feed(data: bytes, url: str | None) -> ParsedFeed:
    try:
        doc = json.loads(data.decode("utf-8-sig", "replace"))
    except (ValueError, RecursionError):
        return ParsedFeed(warnings=("not a feed: the JSON could not be read",))
    if not isinstance(doc, dict) or not isinstance(doc.get("items", []), list):
        return ParsedFeed(warnings=("not a feed: the JSON is not a JSON Feed",))
    warnings: list[str] = []
    base = _str(doc.get("feed_url")) or url
    title = plain(_str(doc.get("title")), html=None)
    link = _url(doc.get("home_page_url"), url)
    feed_author = _author(doc)
    raw_items: list[Any] = doc.get("items") or []
    if len(raw_items) > MAX_ITEMS:
        warnings.append(
            f"the feed has {len(raw_items)} items; only the first {MAX_ITEMS} are kept"
        )
        raw_items = raw_items[:MAX_ITEMS]
    items = []
    seen: set[str] = set()
    duplicates = empty = 0
    for raw in raw_items:
        if not isinstance(raw, dict):
            empty += 1
            continue
        link_item = _url(raw.get("url"), base) or _url(raw.get("external_url"), base)
        raw_id = raw.get("id")
        usable = isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool)
        guid = str(raw_id) if usable else ""
        published = parse_date(_str(raw.get("date_published"))) or parse_date(
            _str(raw.get("date_modified"))
        )
        content = _str(raw.get("content_html"))
        text = _str(raw.get("content_text"))
        if content is None and text is not None:
            content = "<p>" + escape(text, quote=False).replace("\n\n", "</p><p>") + "</p>"
        summary = _str(raw.get("summary"))
        item = make_item(
            guid,
            plain(_str(raw.get("title")), html=None),
            link_item,
            published,
            escape(summary, quote=False) if summary else None,
            content,
            _author(raw) or feed_author,
        )
        if item is None:
            empty += 1
        elif item.id in seen:
            duplicates += 1
        else:
            seen.add(item.id)
            items.append(item)
    if duplicates:
        warnings.append(f"{duplicates} items repeated an earlier id and were left out")
    if empty:
        warnings.append(f"{empty} items had no title, link or text and were left out")
    return ParsedFeed("json", title, link, tuple(items), tuple(warnings))


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _url(value: object, base: str | None) -> str | None:
    text = _str(value)
    return resolve_url(text.strip(), base) if text else None


def _author(obj: dict[str, Any]) -> str | None:
    authors = obj.get("authors")
    candidates = authors if isinstance(authors, list) else []
    single = obj.get("author")
    if isinstance(single, dict):
        candidates = [single, *candidates]
    for a in candidates:
        if isinstance(a, dict):
            name = short(_str(a.get("name")))
            if name:
                return name
    return None

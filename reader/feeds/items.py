"""Building a ``FeedItem`` from the fields a format gave: the same for every format."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from reader.feeds.text import safe_html, short, summary_text
from reader.feeds.types import FeedItem


def make_item(
    guid: str,
    title: str | None,
    link: str | None,
    published: datetime | date | None,
    summary_html: str | None,
    content_html: str | None,
    author: str | None,
) -> FeedItem | None:
    """The item, with its id: ``guid``, else ``link``, else a hash of title and date.
    None when it has nothing to show (no title, link or text)."""
    summary = summary_text(summary_html) if summary_html else None
    content = safe_html(content_html) or safe_html(summary_html)
    if summary is None and content_html:
        summary = summary_text(content_html)
    if title is None and link is None and summary is None and content is None:
        return None
    item_id = short(guid) or link or hash_id(title, published, summary or content)
    if item_id is None:
        return None
    return FeedItem(item_id, title, link, published, summary, content, author)


def hash_id(title: str | None, published: datetime | date | None, text: str | None) -> str | None:
    """``hash:`` and a stable digest of title and date (the text when both are missing)."""
    if title is None and published is None:
        if text is None:
            return None
        key = "\x00\x00" + text
    else:
        key = f"{title or ''}\x00{published.isoformat() if published else ''}"
    return "hash:" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:24]

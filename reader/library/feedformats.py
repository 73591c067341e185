"""The JSON forms of ``reader feed list`` and ``reader feed items`` (DESIGN.md's
contract), as plain dicts for ``formats.dump_json``."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from reader.library.formats import iso_published

if TYPE_CHECKING:
    from reader.cache import FeedRecord, ItemRecord


def iso_moment(value: datetime | None) -> str | None:
    """A moment as the JSON contract gives times: date and time with its offset (local
    time, to the second); None when unknown."""
    return None if value is None else value.astimezone().isoformat(timespec="seconds")


def feed_dict(feed: FeedRecord) -> dict[str, Any]:
    return {
        "url": feed.url,
        "title": feed.title,
        "tags": list(feed.tags),
        "items": feed.items,
        "unread": feed.unread,
        "last_success": iso_moment(feed.last_success),
        "last_error": feed.last_error,
        "kind": feed.kind,
        "site_url": feed.site_url,
        "dead": feed.dead,
    }


def item_dict(item: ItemRecord) -> dict[str, Any]:
    return {
        "feed": item.feeds[0] if item.feeds else None,
        "feeds": list(item.feeds),
        "title": item.title,
        "url": item.url,
        "published": iso_published(item.published),
        "read": item.read,
        "offline": item.offline,
        "summary": item.summary or "",
        "full_text": item.fulltext,
        "full_text_error": item.fulltext_error,
    }

"""Feeds, pure: RSS, Atom, JSON Feed and OPML bytes in, values out.

Under the extraction core's rule: no network, disk, clock or environment. It imports
only itself, ``reader.model`` and the public names of ``reader.extract``. Parsing
never expands an XML entity and never reads an external one.
"""

from __future__ import annotations

from reader.feeds.discover import candidate_urls, discover_feeds
from reader.feeds.opml import parse_opml, write_opml
from reader.feeds.parse import parse_feed
from reader.feeds.sniff import looks_like_feed
from reader.feeds.types import (
    MAX_ITEMS,
    FeedFormat,
    FeedItem,
    OpmlDocument,
    OpmlError,
    OpmlFeed,
    ParsedFeed,
)

__all__ = [
    "MAX_ITEMS",
    "FeedFormat",
    "FeedItem",
    "OpmlDocument",
    "OpmlError",
    "OpmlFeed",
    "ParsedFeed",
    "candidate_urls",
    "discover_feeds",
    "looks_like_feed",
    "parse_feed",
    "parse_opml",
    "write_opml",
]

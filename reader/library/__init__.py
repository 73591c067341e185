"""The one façade the app and the command line go through: open a story (cache first,
or the network), prefetch its teasers, search and prune the cache, save and format
stories. The modules inside are this package's own; code elsewhere imports only the
names below.
"""

from typing import TYPE_CHECKING, Any

from reader.library.facade import Library
from reader.library.feedformats import feed_dict, item_dict
from reader.library.formats import FORMATS, dump_json, render, to_markdown
from reader.library.pages import read_stream
from reader.library.target import is_web_url, parse_target
from reader.library.views import Picture, Story, TeaserState, TeaserStatusView
from reader.model import StoryRow

if TYPE_CHECKING:
    from reader.cache import FeedRecord, ItemRecord
    from reader.library.subscriptions import Added, Feeds, Imported, Progress, Refreshed

_LATER = {
    "FeedRecord": "reader.cache",
    "ItemRecord": "reader.cache",
    "Added": "reader.library.subscriptions",
    "Feeds": "reader.library.subscriptions",
    "Imported": "reader.library.subscriptions",
    "Progress": "reader.library.subscriptions",
    "Refreshed": "reader.library.subscriptions",
}
"""Names loaded when first asked for: subscriptions bring asyncio and the cache, which
the app's first screen must not wait for."""

__all__ = [
    "FORMATS",
    "Added",
    "FeedRecord",
    "Feeds",
    "Imported",
    "ItemRecord",
    "Library",
    "Picture",
    "Progress",
    "Refreshed",
    "Story",
    "StoryRow",
    "TeaserState",
    "TeaserStatusView",
    "dump_json",
    "feed_dict",
    "is_web_url",
    "item_dict",
    "parse_target",
    "read_stream",
    "render",
    "to_markdown",
]


def __getattr__(name: str) -> Any:
    if name in _LATER:
        import importlib

        return getattr(importlib.import_module(_LATER[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

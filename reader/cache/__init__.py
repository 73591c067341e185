"""The local store: one SQLite file, ``reader.sqlite3``, in the cache folder.

``Cache.open(folder)`` never raises (see ``Cache.warnings``); writes raise ``CacheError``
with a sentence a person can act on. The modules inside are this package's own; code
elsewhere imports only the names below.
"""

from reader.cache.connect import DB_NAME
from reader.cache.pictures import StoredPicture
from reader.cache.records import (
    FeedKind,
    FeedRecord,
    FullText,
    ItemRecord,
    NewItem,
    StoredStory,
    StoryRow,
    TeaserRecord,
    TeaserStatus,
)
from reader.cache.store import DEFAULT_MAX_BYTES, Cache
from reader.cache.subscriptions import Subscriptions

__all__ = [
    "DB_NAME",
    "DEFAULT_MAX_BYTES",
    "Cache",
    "FeedKind",
    "FeedRecord",
    "FullText",
    "ItemRecord",
    "NewItem",
    "StoredPicture",
    "StoredStory",
    "StoryRow",
    "Subscriptions",
    "TeaserRecord",
    "TeaserStatus",
]

"""The local store: one SQLite file, ``reader.sqlite3``, in the cache folder.

``Cache.open(folder)`` never raises (see ``Cache.warnings``); writes raise ``CacheError``
with a sentence a person can act on. The modules inside are this package's own; code
elsewhere imports only the names below.
"""

from reader.cache.connect import DB_NAME
from reader.cache.records import StoredStory, StoryRow, TeaserRecord, TeaserStatus
from reader.cache.store import DEFAULT_MAX_BYTES, Cache

__all__ = [
    "DB_NAME",
    "DEFAULT_MAX_BYTES",
    "Cache",
    "StoredStory",
    "StoryRow",
    "TeaserRecord",
    "TeaserStatus",
]

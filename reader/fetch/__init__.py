"""The fetch layer: one HTTP client for the process, and reading local files.

``async with Fetcher(settings) as f: page = await f.fetch(url)`` gives a ``Page`` or
raises a ``FetchError`` whose message a person understands. The modules inside are this
package's own; code elsewhere imports only the names below.
"""

from reader.errors import FetchError
from reader.fetch.errors import (
    BadURLError,
    ConnectFailedError,
    ConnectionLostError,
    ContentEncodingError,
    FetchTimeoutError,
    HTTPStatusError,
    LocalFileError,
    NotHTMLError,
    ProtocolViolationError,
    RedirectError,
)
from reader.fetch.fetcher import Fetcher
from reader.fetch.local import read_capped, read_local
from reader.fetch.settings import USER_AGENT, FetchSettings

__all__ = [
    "USER_AGENT",
    "BadURLError",
    "ConnectFailedError",
    "ConnectionLostError",
    "ContentEncodingError",
    "FetchError",
    "FetchSettings",
    "FetchTimeoutError",
    "Fetcher",
    "HTTPStatusError",
    "LocalFileError",
    "NotHTMLError",
    "ProtocolViolationError",
    "RedirectError",
    "read_capped",
    "read_local",
]

"""The fetch layer: one HTTP client for the process, and reading local files.

``async with Fetcher(settings) as f: page = await f.fetch(url)`` gives a ``Page`` or
raises a ``FetchError`` whose message a person understands. The modules inside are this
package's own; code elsewhere imports only the names below.
"""

import importlib.util
import sys

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
    NotPictureError,
    PictureTooLargeError,
    ProtocolViolationError,
    RedirectError,
)
from reader.fetch.fetcher import Fetcher
from reader.fetch.local import read_capped, read_local
from reader.fetch.settings import USER_AGENT, FetchSettings

# httpx's __init__ imports its own command-line tool (click, rich, pygments: 40-50 ms of
# CPU) whenever those are installed; nothing here runs it, so it is never loaded.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
# httpcore 1.0 asks ``import sniffio`` several times a request; anyio 4.16 no longer
# brings sniffio, and a failed import searches the whole path every time (about 60 ms
# of CPU for 100 requests). Marked absent once, the answer ("asyncio") comes at once.
if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
    sys.modules["sniffio"] = None  # type: ignore[assignment]

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
    "NotPictureError",
    "PictureTooLargeError",
    "ProtocolViolationError",
    "RedirectError",
    "read_capped",
    "read_local",
]

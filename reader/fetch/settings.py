"""How the fetch layer behaves: timeouts, size cap, redirects and per-host concurrency.

Its own module so that the fetcher and the client builder both read it without importing
each other. Defaults come from ``reader.config``, where every setting's default lives.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader import __version__
from reader.config import CONNECT_TIMEOUT, DEADLINE, MAX_BYTES, MAX_PICTURE_BYTES, PER_HOST

USER_AGENT = f"reader/{__version__} (terminal news reader)"
MAX_REDIRECTS = 10


@dataclass(frozen=True)
class FetchSettings:
    connect_timeout: float = CONNECT_TIMEOUT
    """Seconds to wait for a connection (0 or less: no connect timeout)."""
    deadline: float = DEADLINE
    """Total seconds for one request, redirects and body included (0 or less: none)."""
    max_redirects: int = MAX_REDIRECTS
    max_bytes: int = MAX_BYTES
    """Cap on the decoded body; the body is cut there and ``Page.truncated`` set
    (0 or less: no cap)."""
    max_picture_bytes: int = MAX_PICTURE_BYTES
    """Cap on one picture (``accept="picture"``): a larger one is refused with
    ``PictureTooLargeError``, never cut (0 or less: no cap)."""
    per_host: int = PER_HOST
    """Requests at once to one scheme + host + port (less than 1 counts as 1)."""
    user_agent: str = USER_AGENT

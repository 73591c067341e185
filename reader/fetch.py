"""The fetch layer: one httpx client for the process. STUB: the fetch helper owns this."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader import __version__
from reader.model import Page

USER_AGENT = f"reader/{__version__} (terminal news reader)"


@dataclass(frozen=True)
class FetchSettings:
    connect_timeout: float = 10.0
    deadline: float = 20.0
    """Total seconds for one request, redirects and body included."""
    max_redirects: int = 10
    max_bytes: int = 10_000_000
    """Cap on the decoded body; the body is cut there and ``Page.truncated`` set."""
    per_host: int = 4
    user_agent: str = USER_AGENT


class Fetcher:
    """``async with Fetcher(settings) as f: page = await f.fetch(url)``.

    ``fetch`` raises ``reader.errors.FetchError`` with a message a person understands.
    With ``etag``/``last_modified`` it sends a conditional request; a 304 answer comes
    back as ``Page(status=304, body=b"")``.
    """

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings or FetchSettings()

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Page:
        raise NotImplementedError

    async def aclose(self) -> None:
        pass

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


def read_local(path: Path, *, max_bytes: int = 100_000_000) -> Page:
    """Read an HTML file as a ``Page`` (url ``file://…``); raises ``FetchError``."""
    raise NotImplementedError

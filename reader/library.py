"""The one façade the app and the command line go through. STUB: the library helper
owns this module; the names and meanings below are the contract the app relies on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from reader.cache import StoryRow
from reader.config import Config
from reader.model import Article, Teaser

TeaserStatusView = Literal["pending", "loading", "offline", "failed"]


@dataclass(frozen=True)
class Story:
    url: str
    """The story's key: its final URL (``file://…`` for a local file)."""
    requested_url: str
    article: Article
    fetched_at: datetime | None
    from_cache: bool
    truncated: bool
    position: float
    """Remembered scroll offset (0 for a story never read)."""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class TeaserState:
    teaser: Teaser
    rank: int
    status: TeaserStatusView
    title: str
    """The best title known: the linked story's own once fetched, else the teaser's."""
    site: str | None = None
    published: str | None = None
    final_url: str | None = None
    error: str | None = None
    read: bool = False


def parse_target(target: str) -> str:
    """An http(s) URL, an existing file path (→ ``file://`` URL) or a bare host/path
    (→ ``https://``). Raises ``UsageError`` for anything else."""
    raise NotImplementedError


class Library:
    def __init__(self, config: Config, *, offline: bool = False) -> None:
        self.config = config
        self.offline = offline
        self.warnings: list[str] = []

    async def open(self, target: str, *, reload: bool = False) -> Story:
        """Cache first (revalidating when online), else the network. Raises ReaderError."""
        raise NotImplementedError

    def teasers(self, story: Story) -> list[TeaserState]:
        raise NotImplementedError

    async def prefetch(
        self, story: Story, on_update: Callable[[TeaserState], None] | None = None
    ) -> list[TeaserState]:
        raise NotImplementedError

    def recent(self, limit: int = 200) -> list[StoryRow]:
        raise NotImplementedError

    def search(self, query: str, limit: int = 50) -> list[StoryRow]:
        raise NotImplementedError

    def set_position(self, url: str, position: float) -> None:
        raise NotImplementedError

    def save_markdown(self, story: Story, folder: Path | None = None) -> Path:
        raise NotImplementedError

    async def aclose(self) -> None:
        raise NotImplementedError

"""What the library hands the app and the command line: a story opened, and what is
known of each of its teasers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from reader.model import Article, Teaser

if TYPE_CHECKING:
    from reader.cache import Cache, TeaserRecord

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
class Picture:
    """One picture of a story, as ``Library.picture`` hands it out: its verified bytes,
    or a short reason to show in its place."""

    url: str
    data: bytes | None
    """The picture's bytes (JPEG, PNG, GIF or WebP, checked by ``reader.pictures.probe``
    and under the size and pixel limits); None when it cannot be shown."""
    problem: str | None
    """When ``data`` is None, a few words to show in the picture's place: "offline",
    "not stored (offline)", "not found (404)", "not a picture", "too large (over 5 MB)",
    "timed out", "SVG is not drawn"…"""
    width: int = 0
    """Pixels across as drawn (0 when unknown: ``data`` is None)."""
    height: int = 0


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


def teaser_state(
    cache: Cache, record: TeaserRecord, status: TeaserStatusView | None = None
) -> TeaserState:
    """The sidebar's view of the cache's record of one teaser (``status`` overrides the
    stored one while the teaser is being fetched)."""
    target = record.final_url or record.teaser.url
    stored = cache.get(target) if record.status == "offline" else None
    shown = status or record.status
    return TeaserState(
        teaser=record.teaser,
        rank=record.rank,
        status=shown,
        title=record.title or record.teaser.title,
        site=record.site,
        published=record.published,
        final_url=record.final_url,
        error=record.error if shown == "failed" else None,
        read=stored is not None and stored.last_read is not None,
    )

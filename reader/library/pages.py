"""The library's side of the extractor: extracting a fetched page, and the extractor's
version, which opening a cached story needs without paying for importing the extractor."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.library.target import host_name
from reader.model import Article, Page

if TYPE_CHECKING:
    from reader.cache import Cache


def read_stream(read: Callable[[int], bytes], limit: int) -> tuple[bytes, bool]:
    """Up to ``limit`` bytes (0: no limit) from ``read`` (a stream's read, e.g. stdin's),
    and whether the stream went on past the limit."""
    from reader.fetch import read_capped

    data = read_capped(read, limit)
    return (data[:limit], True) if 0 < limit < len(data) else (data, False)


def extract_page(page: Page, base_url: str | None = None) -> Article:
    from reader.extract import extract

    return extract(page.body, base_url or page.final_url, encoding=page.charset)


def extractor_version() -> str:
    """``reader.extract.EXTRACTOR_VERSION``. The package imports its pipeline lazily, so
    this costs nothing like loading the extractor (opening a cached story needs it)."""
    from reader.extract import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


def record_offline(cache: Cache, teaser_url: str, final_url: str, article: Article) -> None:
    """The cache's record of ``teaser_url``: stored as ``final_url``, so available offline,
    with the story's own title, site and date (what every sidebar linking it shows)."""
    from reader.library.formats import iso_published

    cache.update_teaser(
        teaser_url,
        status="offline",
        final_url=final_url,
        title=article.title,
        site=article.site_name or host_name(final_url),
        published=iso_published(article.published),
    )

"""Value types shared by every layer.

Frozen dataclasses only: no selectolax node, httpx object or sqlite row escapes its own
module. Every text field of an ``Article`` or ``Teaser`` is terminal-safe (see
``reader.extract.sanitize``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

TeaserKind = Literal["related", "inline", "body", "list"]
"""Where a teaser came from, best first: an explicit related block, an inline teaser in
or right after the body, a story link inside the body, a generic list."""

BodySource = Literal["page", "json-ld", "text"]
"""Where the body came from: the visible page, JSON-LD ``articleBody``, or plain text."""

TEASER_KIND_RANK: dict[str, int] = {"related": 0, "inline": 1, "body": 2, "list": 3}


@dataclass(frozen=True, slots=True)
class Teaser:
    """A link from a story to another story, as the page presents it."""

    url: str
    title: str
    summary: str = ""
    kind: TeaserKind = "list"
    image: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A story as extracted from one page. ``markdown`` and ``text`` hold the body only."""

    title: str | None = None
    byline: str | None = None
    published: datetime | date | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    lead_image: str | None = None
    language: str | None = None
    markdown: str = ""
    text: str = ""
    body_source: BodySource = "page"
    teasers: tuple[Teaser, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when the page held no story."""
        return not self.text.strip()


@dataclass(frozen=True, slots=True)
class Page:
    """One HTTP response (or file) as the fetch layer read it."""

    url: str
    """The URL asked for."""
    final_url: str
    """The URL after redirects."""
    status: int
    content_type: str
    """The media type alone, lower case ("text/html")."""
    charset: str | None
    """The charset the Content-Type header named, if any."""
    body: bytes
    """The body with content encodings undone, in the page's own charset."""
    truncated: bool = False
    """True when the body was cut at the size cap."""
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: datetime | None = None
    """When the response arrived (UTC)."""
    redirects: tuple[str, ...] = ()
    """Every URL passed through before ``final_url``."""
    moved_to: str | None = None
    """``final_url`` when every redirect on the way was permanent (301 or 308): the
    address to ask next time instead of ``url``. None without redirects or when any hop
    was temporary."""


@dataclass(frozen=True)
class StoryRow:
    """One stored story in a list: a line of ``cache list`` / ``cache search`` and a row
    of the app's library."""

    url: str
    title: str
    site: str
    last_read: datetime | None
    """Local time of the last reading (None for stories only prefetched)."""
    snippet: str = ""
    """For search results: the matching text, terms marked with « » (plain text)."""

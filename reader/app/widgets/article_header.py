"""The block above a story's body: title, byline, date, site, reading time, URL, fetched."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from reader.library import Story

WORDS_PER_MINUTE = 230


def reading_time(text: str) -> str:
    words = len(text.split())
    minutes = max(1, round(words / WORDS_PER_MINUTE))
    return f"{minutes} min read"


def format_published(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.strftime("%-d %B %Y, %H:%M")
    return value.strftime("%-d %B %Y")


def relative_time(when: datetime | None, now: datetime | None = None) -> str:
    """'just now', '5 min ago', '3 h ago', then the date: stable on screen and in tests."""
    if when is None:
        return "unknown"
    now = now or datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (now - when).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    return when.astimezone().strftime("%Y-%m-%d")


def header_text(story: Story, *, offline: bool = False) -> Text:
    """The header as a Rich Text built from plain strings (page text is never markup)."""
    art = story.article
    text = Text()
    text.append(art.title or "(untitled)", style="bold")
    facts = [
        art.byline and f"By {art.byline}",
        art.site_name,
        format_published(art.published),
        reading_time(art.text),
    ]
    text.append("\n")
    text.append(" · ".join(f for f in facts if f), style="italic")
    text.append("\n")
    text.append(story.url, style="dim underline")
    source = "from the cache" if story.from_cache else "from the network"
    if offline:
        source = "offline copy"
    text.append(f"\nfetched {relative_time(story.fetched_at)}, {source}", style="dim")
    if story.truncated:
        text.append("\nThis page was cut at the size limit; the end is missing.", style="bold")
    return text


class ArticleHeader(Static):
    """Shows the facts about the story on screen."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)

    def show_story(self, story: Story, *, offline: bool = False) -> None:
        self.update(header_text(story, offline=offline))

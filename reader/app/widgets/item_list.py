"""The news screen's lists: the subscriptions' stories (``ItemList``) and the feeds and
tags to narrow them to (``FeedFilter``). Rows are Rich Text built from plain strings:
titles from feeds are never read as markup."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.app.widgets.article_header import relative_time
from reader.extract import one_line

if TYPE_CHECKING:
    from reader.library import FeedRecord, ItemRecord

MARKS = {"read": "✓", "offline": "●", "failed": "✗", "pending": "·"}
"""An item's mark, as the sidebar marks teasers: read, in the cache, its story could not
be fetched (the feed's own text is kept), not fetched yet."""


def item_mark(item: ItemRecord) -> str:
    if item.read:
        return MARKS["read"]
    if item.offline:
        return MARKS["offline"]
    if item.fulltext in ("failed", "feed-only"):
        return MARKS["failed"]
    return MARKS["pending"]


def item_age(item: ItemRecord, now: datetime | None = None) -> str:
    """How old the story is: its own date when the feed gives one, else when it came."""
    when = item.published
    if isinstance(when, datetime):
        return relative_time(when, now)
    if isinstance(when, date):
        return when.isoformat()
    return relative_time(item.first_seen, now)


def item_prompt(item: ItemRecord, sources: str, now: datetime | None = None) -> Text:
    text = Text(no_wrap=False)
    text.append(f"{item_mark(item)} ", style="dim" if item.read else "bold")
    text.append(one_line(item.title or item.url or "(untitled)"), style="" if item.read else "bold")
    text.append("\n  ")
    text.append(" · ".join(p for p in (sources, item_age(item, now)) if p), style="dim")
    return text


FIRST_ROWS = 60
"""Rows made at once when a list is shown (more than a terminal holds); the rest follow
right after the screen is drawn, so the first rows are never kept waiting for the last."""


class ItemList(OptionList):
    """Rows of stories; ``items[i]`` is the story shown at index i (its row may still be
    on its way: ``option_count`` catches up right after the first rows are drawn)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[ItemRecord] = []
        self._titles: dict[str, str | None] = {}

    def show_items(self, items: list[ItemRecord], titles: dict[str, str | None]) -> None:
        """Show ``items``, keeping the highlighted story where it still is; a highlight at
        the top stays at the top (the newest story, when a refresh brings newer ones)."""
        keep = self.selected_item if self.highlighted else None
        self.items, self._titles = list(items), titles
        ids = [item.id for item in self.items]
        index = ids.index(keep.id) if keep is not None and keep.id in ids else None
        first = max(FIRST_ROWS, (index or 0) + 1)
        self.set_options(self._item_rows(0, min(first, len(self.items))))
        self.highlighted = index if index is not None else (0 if self.items else None)
        if self.option_count < len(self.items):
            self.call_after_refresh(self._show_rest, self.items)

    def _item_rows(self, start: int, end: int) -> list[Option]:
        now = datetime.now(UTC)
        return [
            Option(item_prompt(item, self.sources(item), now), id=str(item.id))
            for item in self.items[start:end]
        ]

    def _show_rest(self, items: list[ItemRecord]) -> None:
        """The rows the first drawing left out (unless another list came meanwhile)."""
        if items is not self.items or self.option_count >= len(items):
            return
        self.add_options(self._item_rows(self.option_count, len(items)))

    def sources(self, item: ItemRecord) -> str:
        names = [one_line(self._titles.get(url) or url) for url in item.feeds]
        return ", ".join(dict.fromkeys(names))

    @property
    def selected_item(self) -> ItemRecord | None:
        index = self.highlighted
        return self.items[index] if index is not None and 0 <= index < len(self.items) else None

    def replace_item(self, item: ItemRecord) -> None:
        """Redraw one story's row (its read mark changed)."""
        for index, shown in enumerate(self.items):
            if shown.id == item.id:
                self.items[index] = item
                if index < self.option_count:  # else its row, still to come, is made from it
                    self.replace_option_prompt_at_index(
                        index, item_prompt(item, self.sources(item)))
                return


@dataclass(frozen=True)
class Narrowing:
    """What the story list is narrowed to: everything, one feed, or one tag."""

    feed: str | None = None
    tag: str | None = None

    @property
    def label(self) -> str:
        if self.feed:
            return "this feed"
        return f"#{self.tag}" if self.tag else "every subscription"


class FeedFilter(OptionList):
    """Every subscription (title and unread count), then every tag; the first row shows
    them all. ``choices[i]`` is what row i narrows the list to."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.choices: list[Narrowing] = []

    def show_feeds(self, feeds: list[FeedRecord]) -> None:
        keep = self.choice
        # No count on the first row: a story in two feeds counts in both of theirs.
        rows: list[tuple[Narrowing, Text]] = [(Narrowing(), _row("All stories", 0))]
        for feed in feeds:
            label = one_line(feed.title or feed.url)
            rows.append((Narrowing(feed=feed.url), _row(label, feed.unread, feed.last_error)))
        tags = sorted({t for f in feeds for t in f.tags})
        for tag in tags:
            count = sum(f.unread for f in feeds if tag in f.tags)
            rows.append((Narrowing(tag=tag), _row(f"#{one_line(tag)}", count)))
        self.choices = [choice for choice, _ in rows]
        self.set_options(Option(prompt) for _, prompt in rows)
        self.highlighted = self.choices.index(keep) if keep in self.choices else 0

    @property
    def choice(self) -> Narrowing:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.choices):
            return Narrowing()
        return self.choices[index]


def _row(label: str, unread: int, error: str | None = None) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(label, style="bold" if unread else "")
    if unread:
        text.append(f" {unread}", style="dim")
    if error:
        text.append(" ✗", style="dim")
    return text

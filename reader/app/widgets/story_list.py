"""The library's list of stories (an OptionList of Rich Text prompts)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.app.widgets.article_header import relative_time

if TYPE_CHECKING:
    from reader.library import StoryRow


def snippet_text(snippet: str) -> Text:
    """A search snippet with the terms between « » highlighted (never read as markup)."""
    text = Text()
    rest = snippet
    while "«" in rest:
        before, _, after = rest.partition("«")
        term, closed, rest = after.partition("»")
        text.append(before)
        text.append(term, style="bold reverse")
        if not closed:
            break
    else:
        text.append(rest)
    return text


def when(value: datetime | None) -> str:
    return f"read {relative_time(value)}" if value else "not read yet"


def story_prompt(row: StoryRow, *, first_label: str | None = None) -> Text:
    text = Text()
    if first_label:
        text.append(first_label, style="bold")
    text.append(row.title or row.url, style="bold")
    text.append("\n  ")
    text.append(" · ".join(p for p in (row.site, when(row.last_read)) if p), style="dim")
    if row.snippet:
        text.append("\n  ")
        text.append_text(snippet_text(" ".join(row.snippet.split())))
    text.append("\n")
    return text


class StoryList(OptionList):
    """Rows of stories; ``rows[i]`` is the row shown at index i."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[StoryRow] = []

    def show_rows(self, rows: list[StoryRow], *, continue_first: bool = False) -> None:
        self.rows = list(rows)
        self.set_options(
            Option(
                story_prompt(
                    row, first_label="Continue reading: " if continue_first and i == 0 else None
                ),
                id=str(i),
            )
            for i, row in enumerate(self.rows)
        )
        self.highlighted = 0 if self.rows else None

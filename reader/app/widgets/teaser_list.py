"""The sidebar: the stories the current story links to, one option each.

An ``OptionList`` rather than one widget per teaser: a page with 500 teasers stays light.
Prompts are Rich ``Text`` objects built from plain strings, so nothing a page says is
read as markup.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from reader.library import TeaserState

MARKS: dict[str, tuple[str, str, str]] = {
    # status: (mark, word, style)
    "read": ("✓", "read", "green"),
    "offline": ("●", "offline", "cyan"),
    "loading": ("◌", "loading…", "yellow"),
    "failed": ("✗", "failed", "red"),
    "pending": ("·", "", "dim"),
}
SUMMARY_CHARS = 140


def mark_of(state: TeaserState) -> str:
    if state.read:
        return "read"
    return state.status if state.status in MARKS else "pending"


def short_date(value: str | None) -> str | None:
    """An ISO date or time as '24 Nov 2026'; anything else as it came."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).strftime("%-d %b %Y")
    except ValueError:
        return value


def teaser_prompt(state: TeaserState, number: int, home_site: str | None = None) -> Table:
    """Two columns: the number and mark, then headline, summary and what is known."""
    mark, word, style = MARKS[mark_of(state)]
    gutter = Text(f"{number}" if number <= 9 else " ", style="dim")
    gutter.append(" ")
    gutter.append(mark, style=style)
    text = Text()
    text.append(state.title or state.teaser.url, style="bold")
    summary = " ".join(state.teaser.summary.split())
    if summary:
        if len(summary) > SUMMARY_CHARS:
            summary = summary[: SUMMARY_CHARS - 1].rstrip() + "…"
        text.append("\n")
        text.append(summary)
    site = state.site if state.site != home_site else None
    detail = [d for d in (site, short_date(state.published), word) if d]
    if state.status == "failed" and state.error:
        detail.append(state.error)
    if detail:
        text.append("\n")
        text.append(" · ".join(detail), style=f"dim {style}" if word else "dim")
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=3, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(gutter, text)
    return grid


class TeaserList(OptionList):
    """Teasers of the story on screen; selecting one posts ``OptionSelected``."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.states: list[TeaserState] = []
        self._index: dict[str, int] = {}
        self.home_site: str | None = None

    def show_teasers(self, states: list[TeaserState], home_site: str | None = None) -> None:
        """Show ``states``; a teaser's site is left out when it is ``home_site``."""
        self.states = list(states)
        self.home_site = home_site
        self._index = {s.teaser.url: i for i, s in enumerate(self.states)}
        self.set_options(
            Option(teaser_prompt(s, i + 1, home_site), id=str(i))
            for i, s in enumerate(self.states)
        )
        self.highlighted = 0 if self.states else None

    def update_teaser(self, state: TeaserState) -> None:
        index = self._index.get(state.teaser.url)
        if index is None:
            return
        self.states[index] = state
        prompt = teaser_prompt(state, index + 1, self.home_site)
        self.replace_option_prompt_at_index(index, prompt)

    def url_at(self, index: int) -> str | None:
        if 0 <= index < len(self.states):
            state = self.states[index]
            return state.final_url or state.teaser.url
        return None

    def selected_url(self) -> str | None:
        return None if self.highlighted is None else self.url_at(self.highlighted)

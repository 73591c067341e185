"""The find-in-article bar: an input and a count, docked under the article."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Horizontal
from textual.widgets import Input, Label

if TYPE_CHECKING:
    from textual.app import ComposeResult


class FindBar(Horizontal):
    """Hidden until ``/``; enter finds, escape closes."""

    def compose(self) -> ComposeResult:
        yield Label("Find:", id="find-label")
        yield Input(placeholder="text in the article (enter, then n / N)", id="find-input")
        yield Label("", id="find-count", markup=False)

    def open(self) -> None:
        self.add_class("-open")
        self.query_one(Input).focus()

    def close(self) -> None:
        self.remove_class("-open")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def set_count(self, number: int, total: int, query: str) -> None:
        label = self.query_one("#find-count", Label)
        if not query:
            label.update("")
        elif total == 0:
            label.update("no match")
        else:
            label.update(f"{number} of {total}")

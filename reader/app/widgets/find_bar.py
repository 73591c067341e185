"""The find-in-article bar: an input and a count, docked under the article."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label

if TYPE_CHECKING:
    from textual.app import ComposeResult


class FindBar(Horizontal):
    """Hidden until ``/``; enter posts ``FindBar.Find``, escape closes."""

    class Find(Message):
        """Find ``text`` in the article (empty: clear the marks)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def compose(self) -> ComposeResult:
        yield Label("Find:", id="find-label")
        yield Input(placeholder="text in the article (enter, then n / N)", id="find-input")
        yield Label("", id="find-count", markup=False)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Find(event.value))

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

"""The library: cached stories, most recently read first, and full-text search."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.screen import Screen
from textual.widgets import Header, Input, Label, OptionList

from reader.app.bindings import LIBRARY_KEYS, bindings
from reader.app.messages import AskForUrl
from reader.app.screens import OFFLINE_NOTE, style_path
from reader.app.widgets.key_bar import KeyBar
from reader.app.widgets.story_list import StoryList

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.binding import BindingType

    from reader.library import Library

EMPTY = (
    "The library is empty: no story has been read yet.\n"
    "Press ctrl+l (or :) to open a URL, or run `reader --demo` to try the demo site."
)
SUBSCRIBE = "Follow sites and feeds for the news: `reader feed add URL`."


class LibraryScreen(Screen[str | None]):
    """Dismisses with the URL of the story to open, or None to go back (escape, only
    when ``closable``: a story is open below)."""

    CSS_PATH = style_path("library.tcss")

    BINDINGS: ClassVar[list[BindingType]] = bindings(LIBRARY_KEYS)

    def __init__(
        self,
        library: Library,
        *,
        offline: bool = False,
        closable: bool = True,
        hint_subscribe: bool = False,
    ) -> None:
        super().__init__(id="library")
        self.library = library
        self.offline = offline
        self.closable = closable
        self.hint_subscribe = hint_subscribe
        """Say how to subscribe (there are no subscriptions)."""

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield Input(placeholder="search the library (enter)", id="library-search")
        yield Label("", id="library-status", markup=False)
        yield StoryList(id="library-list")
        yield KeyBar(id="key-bar")

    def on_mount(self) -> None:
        self.title = "Library"
        self.sub_title = OFFLINE_NOTE if self.offline else ""
        self.show_recent()

    def show_recent(self) -> None:
        try:
            rows = self.library.recent()
        except Exception as exc:
            rows = []
            self.notify(f"Could not read the library: {exc}", severity="error", markup=False)
        self.query_one(StoryList).show_rows(rows, continue_first=True)
        status = self.query_one("#library-status", Label)
        count = "1 story" if len(rows) == 1 else f"{len(rows)} stories"
        line = EMPTY if not rows else f"{count}, most recently read first"
        status.update(f"{line}\n{SUBSCRIBE}" if self.hint_subscribe else line)
        self.query_one(StoryList).focus()

    def action_search(self) -> None:
        self.query_one("#library-search", Input).focus()

    @on(Input.Submitted, "#library-search")
    def _search(self, event: Input.Submitted) -> None:
        event.stop()
        query = event.value.strip()
        if not query:
            self.show_recent()
            return
        try:
            rows = self.library.search(query)
        except Exception as exc:
            self.notify(f"Search failed: {exc}", severity="error", markup=False)
            return
        self.query_one(StoryList).show_rows(rows)
        status = self.query_one("#library-status", Label)
        status.update(
            f"{len(rows)} {'story matches' if len(rows) == 1 else 'stories match'} "
            f"{query!r}, best first"
            if rows
            else f"Nothing in the library matches {query!r}. Escape shows every story."
        )
        self.query_one(StoryList).focus()

    @on(OptionList.OptionSelected, "#library-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        rows = self.query_one(StoryList).rows
        if 0 <= event.option_index < len(rows):
            self.dismiss(rows[event.option_index].url)

    def action_open_url(self) -> None:
        self.post_message(AskForUrl())

    def action_close(self) -> None:
        search = self.query_one("#library-search", Input)
        if search.value:
            search.value = ""
            self.show_recent()
        elif self.closable:
            self.dismiss(None)

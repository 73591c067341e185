"""Link hints: every teaser and body link gets a label; typing a label opens the link."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.app.screens import style_path
from reader.app.screens._links import Link, hint_labels

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.binding import BindingType


def hint_prompt(label: str, link: Link, typed: str, width: int = 0) -> Text:
    """One line: the hint (typed part dimmed), the link's text, its URL dimmed; cut with
    an ellipsis at ``width`` (0: no cut)."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(typed, style="dim")
    text.append(label[len(typed) :], style="bold reverse")
    text.append(" " * (4 - len(label)))
    text.append("▸ " if link.where == "teaser" else "  ", style="dim")
    text.append(link.text)
    text.append(f"  {link.url}", style="dim")
    if width > 0:
        text.truncate(width, overflow="ellipsis")
    return text


class HintsScreen(ModalScreen[str | None]):
    """Dismisses with the chosen URL, or None on escape."""

    CSS_PATH = style_path("overlays.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_hints", "Cancel", id="hints-cancel"),
    ]

    def __init__(self, links: list[Link]) -> None:
        super().__init__(id="hints")
        self.links = links
        self.labels = hint_labels(len(links))
        self.typed = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="hints-panel"):
            yield Label(
                "Type a hint to open its link · ▸ marks teasers · escape cancels",
                id="hints-help",
                markup=False,
            )
            yield OptionList(id="hints-list")

    def on_mount(self) -> None:
        self.query_one("#hints-panel").border_title = "Links"
        self._refresh_list()
        self.query_one(OptionList).focus()
        self.call_after_refresh(self._refresh_list)  # again, now that the width is known

    def on_resize(self) -> None:
        self._refresh_list()

    def _visible(self) -> list[int]:
        return [i for i, label in enumerate(self.labels) if label.startswith(self.typed)]

    def _refresh_list(self) -> None:
        options = self.query_one(OptionList)
        width = max(20, options.scrollable_content_region.width - 1)
        options.set_options(
            Option(hint_prompt(self.labels[i], self.links[i], self.typed, width), id=str(i))
            for i in self._visible()
        )
        options.highlighted = 0 if options.option_count else None

    def on_key(self, event: events.Key) -> None:
        char = event.character or ""
        if event.key == "backspace":
            self.typed = self.typed[:-1]
        elif len(char) == 1 and char.isalpha() and char.islower():
            typed = self.typed + char
            if not any(label.startswith(typed) for label in self.labels):
                self.app.bell()
                event.stop()
                return
            self.typed = typed
        else:
            return
        event.stop()
        if self.typed in self.labels:
            self.dismiss(self.links[self.labels.index(self.typed)].url)
            return
        self._refresh_list()

    @on(OptionList.OptionSelected, "#hints-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(self.links[int(event.option.id)].url)

    def action_dismiss_hints(self) -> None:
        self.dismiss(None)

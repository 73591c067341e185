"""Ask for a URL (ctrl+l or :)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from reader.app.screens import style_path

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.binding import BindingType


class OpenUrlScreen(ModalScreen[str | None]):
    """Dismisses with what was typed (stripped), or None on escape or an empty line."""

    CSS_PATH = style_path("overlays.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="open-url-cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="open-url-panel"):
            yield Label("Open a URL, a file, or host/path (enter opens, escape cancels)")
            yield Input(placeholder="https://…", id="open-url-input")

    def on_mount(self) -> None:
        self.query_one("#open-url-panel").border_title = "Open"
        self.query_one(Input).focus()

    @on(Input.Submitted, "#open-url-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)

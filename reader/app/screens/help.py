"""Every key, read from the live bindings of the screen below (so a remap shows)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from reader.app.bindings import description
from reader.app.screens import style_path

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.binding import BindingType

LEGEND = "Teaser marks: ✓ read · ● offline · ◌ loading · ✗ failed · · not fetched yet"


def bindings_table(screen: Screen[object]) -> Table:
    """One row per action: its keys (as the keymap left them), what it does, its id."""
    rows: dict[str, tuple[list[str], str, str]] = {}
    by_action: dict[str, list[str]] = {}
    shadowed: list[tuple[str, str]] = []
    for active in screen.active_bindings.values():
        binding = active.binding
        display = screen.app.get_key_display(binding)
        if active.node is not screen and active.node is not screen.app:
            # A focused widget's own key (an arrow in the article): listed beside our
            # action of the same name, if there is one.
            shadowed.append((binding.action, display))
            continue
        if not binding.description or (binding.id is None and binding.action in by_action):
            continue
        name = binding.id or binding.action
        text = description(binding.id) or binding.description
        keys, _, _ = rows.setdefault(name, ([], text, binding.id or ""))
        by_action.setdefault(binding.action, keys)
        if display not in keys:
            keys.append(display)
    for action, display in shadowed:
        keys = by_action.get(action, [])
        if keys and display not in keys:
            keys.append(display)
    table = Table(box=None, show_header=True, header_style="bold", expand=False)
    table.add_column("keys", no_wrap=True)
    table.add_column("action")
    table.add_column(Text("id (for [keymap])"), style="dim")
    for keys, what, binding_id in rows.values():
        table.add_row(Text(", ".join(keys)), Text(what), Text(binding_id))
    return table


class HelpScreen(ModalScreen[None]):
    CSS_PATH = style_path("overlays.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="help-close"),
    ]

    def __init__(self, below: Screen[object]) -> None:
        super().__init__(id="help")
        self.below = below

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-panel"):
            yield Static(bindings_table(self.below), id="help-keys")
            yield Static(LEGEND, id="help-legend", markup=False)

    def on_mount(self) -> None:
        self.query_one("#help-panel").border_title = "Keys (escape closes)"

    def action_close(self) -> None:
        self.dismiss(None)

"""A one-line key bar: the shown bindings of the screen, read live (so remaps show).

Lighter than Textual's ``Footer`` (one widget instead of one per key, which restyled
dozens of widgets on every bindings change). Keys are clickable: each label carries the
binding's own action (never page text).
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--label",
        "key-bar--disabled",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)
        self._shown: tuple[tuple[str, str, bool], ...] = ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        shown = tuple(
            (key, active.binding.action, active.enabled)
            for key, active in screen.active_bindings.items()
            if active.binding.show
        )
        if shown != self._shown:  # bindings change often; the bar rarely does
            self._shown = shown
            self.update(self.key_text())

    def key_text(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        label_style = self.get_component_rich_style("key-bar--label")
        off_style = self.get_component_rich_style("key-bar--disabled")
        text = Text(no_wrap=True, overflow="ellipsis")
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            click = Style(meta={"@click": f"screen.{binding.action}"} if active.enabled else {})
            key = self.app.get_key_display(binding)
            on = active.enabled
            text.append(f" {key} ", (key_style if on else off_style) + click)
            text.append(f"{binding.description} ", (label_style if on else off_style) + click)
        return text

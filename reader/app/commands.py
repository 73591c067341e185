"""The command palette's provider: every action of the screen it was opened on."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.app.bindings import APP_KEYS, LIBRARY_KEYS, NEWS_KEYS, READING_KEYS, Key

if TYPE_CHECKING:
    from textual.screen import Screen


def screen_keys(screen: Screen[object]) -> tuple[Key, ...]:
    if screen.id == "reading":
        return READING_KEYS
    if screen.id == "library":
        return LIBRARY_KEYS
    if screen.id == "news":
        return NEWS_KEYS
    return ()


class ReaderCommands(Provider):
    """Offers the actions of the reading or library screen and the app's own."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        screen = self.screen
        found: list[tuple[str, str, Callable[[], object]]] = []
        for key in screen_keys(screen):
            if key.palette and screen.check_action(key.action, ()) is True:
                run = partial(screen.run_action, key.action)
                found.append((key.description, f"keys: {key.keys}", run))
        for key in APP_KEYS:
            app_run = partial(self.app.run_action, key.action)
            found.append((key.description, f"keys: {key.keys}", app_run))
        return found

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)

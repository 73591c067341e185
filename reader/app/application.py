"""The Textual app people run as ``reader``: the entry point and screen switching.

Each screen and widget lives in its own module; this file only wires them together.
"""

from __future__ import annotations

import gc
import os
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from textual.app import App

from reader.app.bindings import APP_KEYS, bindings, keymap_problems
from reader.app.screens import style_path
from reader.app.screens.reading import ReadingScreen

if TYPE_CHECKING:
    from textual.binding import BindingType
    from textual.command import Provider
    from textual.screen import Screen

    from reader.config import Config
    from reader.library import Library

STYLE_FILES = ("app.tcss", "reading.tcss")
"""Read at start-up; the library and the overlays bring their own (``CSS_PATH``)."""
ON_SCREEN_ENV = "READER_ON_SCREEN_FILE"
"""Benchmark hook: when set to a path, the app appends the time the first story is on
screen (``time.time()``) to that file and exits."""


class DemoServer(Protocol):
    """What the app needs of ``reader.demo.start_demo``'s server."""

    @property
    def front_url(self) -> str: ...

    @property
    def note(self) -> str | None: ...


def reader_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens."""
    from reader.app.commands import ReaderCommands

    return ReaderCommands


class ReaderApp(App[int]):
    TITLE = "reader"
    CSS_PATH = [style_path(name) for name in STYLE_FILES]  # noqa: RUF012 (Textual API)
    COMMANDS = App.COMMANDS | {reader_commands}
    BINDINGS: ClassVar[list[BindingType]] = bindings(APP_KEYS)

    def __init__(
        self,
        config: Config,
        *,
        target: str | None = None,
        offline: bool = False,
        demo: DemoServer | None = None,
    ) -> None:
        super().__init__()
        self.config = config
        self.offline = offline
        self.target = target
        self.demo = demo
        self._library: Library | None = None
        self.set_keymap(dict(config.keymap))

    @property
    def library(self) -> Library:
        if self._library is None:
            from reader.library import Library

            self._library = Library(self.config, offline=self.offline)
        return self._library

    @property
    def mode_note(self) -> str:
        return "offline: cache only" if self.offline else ""

    @property
    def reading(self) -> ReadingScreen:
        screen = self.get_screen("reading") if self.is_screen_installed("reading") else None
        if isinstance(screen, ReadingScreen):
            return screen
        for candidate in self.screen_stack:
            if isinstance(candidate, ReadingScreen):
                return candidate
        raise LookupError("no reading screen")

    @property
    def has_story(self) -> bool:
        return self.reading.story is not None

    @property
    def opens_at_start(self) -> bool:
        """True when the first screen opens a story (a TARGET, or the demo)."""
        return self.target is not None or self.demo is not None

    def get_default_screen(self) -> Screen[Any]:
        return ReadingScreen()

    def on_mount(self) -> None:
        if self.config.theme:
            if self.config.theme in self.available_themes:
                self.theme = self.config.theme
            else:
                self.notify(
                    f"The config names an unknown theme {self.config.theme!r}; "
                    "ctrl+p then 'theme' lists them.",
                    severity="warning",
                    markup=False,
                )
        for problem in keymap_problems(self.config.keymap):
            self.notify(problem, severity="warning", markup=False)

    async def reading_ready(self) -> None:
        """The reading screen is mounted: open what the command line asked for."""
        if self.demo is not None:
            if self.demo.note:
                self.notify(self.demo.note, markup=False)
            self.reading.open_target(self.demo.front_url)
        elif self.target is not None and self.offline:
            # Offline, opening reads only the cache: no worker, no loading indicator.
            await self.reading.open_from_cache(self.target)
        elif self.target is not None:
            self.reading.open_target(self.target)
        else:
            self.show_library()

    def show_library(self) -> None:
        from reader.app.screens.library import LibraryScreen

        if any(isinstance(s, LibraryScreen) for s in self.screen_stack):
            return

        def chosen(url: str | None) -> None:
            if url:
                self.reading.open_target(url)

        self.push_screen(LibraryScreen(), chosen)

    def ask_url(self) -> None:
        from reader.app.screens.open_url import OpenUrlScreen

        self.push_screen(OpenUrlScreen(), self._open_typed)

    def _open_typed(self, typed: str | None) -> None:
        from reader.errors import ReaderError
        from reader.library import parse_target

        if not typed:
            return
        try:
            url = parse_target(typed)
        except ReaderError as exc:
            self.notify(exc.message, title="Cannot open that", severity="error", markup=False)
            return
        while self.screen is not self.reading and len(self.screen_stack) > 1:
            self.pop_screen()
        self.reading.open_target(url)

    def action_help(self) -> None:
        from reader.app.screens.help import HelpScreen

        if self.screen.id != "help":
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        self.reading.save_position()
        self.exit(0)

    def story_shown(self) -> None:
        """Called by the reading screen after each story is on screen (benchmark hook)."""
        path = os.environ.get(ON_SCREEN_ENV)
        if path:
            import time

            with open(path, "a", encoding="utf-8") as out:
                out.write(f"{time.time():.6f}\n")
            self.exit(0)

    async def on_unmount(self) -> None:
        if self._library is not None:
            await self._library.aclose()


def run_app(
    config: Config, *, target: str | None, offline: bool, demo: DemoServer | None
) -> int:
    """Run the app until the user quits; the exit status for the command line."""
    # What the imports made (modules, classes, functions) lives as long as the process:
    # moving it out of the collector's reach saves every later collection, and the one
    # at exit, from walking it again (tens of milliseconds of start-up and exit).
    gc.freeze()
    app = ReaderApp(config, target=target, offline=offline, demo=demo)
    result = app.run()
    return 0 if result is None else int(result)

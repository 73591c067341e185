"""The Textual app people run as ``reader``: the entry point and screen switching.

Each screen and widget lives in its own module; this file only wires them together.
"""

from __future__ import annotations

import gc
import os
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from textual import work
from textual.app import App

from reader.app.bindings import APP_KEYS, bindings, keymap_problems
from reader.app.graphics import Graphics, prepare
from reader.app.messages import (
    AskForUrl,
    OpenStory,
    PicturesDone,
    ShowHome,
    ShowLibrary,
    ShowNews,
    StoryShown,
)
from reader.app.screens import style_path
from reader.app.screens.reading import ReadingScreen
from reader.errors import ReaderError

if TYPE_CHECKING:
    from textual.binding import BindingType
    from textual.command import Provider
    from textual.screen import Screen

    from reader.app.screens.news import NewsScreen
    from reader.config import Config
    from reader.library import Library

STYLE_FILES = ("app.tcss", "reading.tcss")
"""Read at start-up; the library and the overlays bring their own (``CSS_PATH``)."""
ON_SCREEN_ENV = "READER_ON_SCREEN_FILE"
"""Benchmark hook: when set to a path, the app appends the time the first story is on
screen (``time.time()``) to that file and exits."""
PICTURES_ENV = "READER_PICTURES_FILE"
"""Benchmark hook: when set to a path, the app appends the time the first story's
pictures are all drawn (or marked) to that file and exits then (not at the text)."""


class DemoServer(Protocol):
    """What the app needs of ``reader.demo.start_demo``'s server."""

    @property
    def front_url(self) -> str: ...

    @property
    def follow_urls(self) -> tuple[str, ...]: ...

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
        graphics: Graphics | None = None,
    ) -> None:
        super().__init__()
        self.config = config
        self.graphics = graphics or Graphics("halfblock", shown=config.images != "off")
        """How pictures are drawn; ``run_app`` asks the terminal before the app starts
        (made here without asking anything: half blocks, as in the tests)."""
        self.offline = offline
        self.target = target
        self.demo = demo
        self._library: Library | None = None
        self._reading: ReadingScreen | None = None
        self._library_screen: Screen[str | None] | None = None
        """The library while it is shown."""
        self._news: NewsScreen | None = None
        """The news screen, once made: kept, so that it keeps its place."""
        self.set_keymap(dict(config.keymap))

    @property
    def library(self) -> Library:
        if self._library is None:
            from reader.library import Library

            # The demo's subscriptions live in memory: never added to the user's own.
            self._library = Library(
                self.config, offline=self.offline, feeds_apart=self.demo is not None
            )
        return self._library

    @property
    def reading(self) -> ReadingScreen:
        """The one reading screen (made as the default screen)."""
        if self._reading is None:
            raise LookupError("the app has not started")
        return self._reading

    def get_default_screen(self) -> Screen[Any]:
        self._reading = ReadingScreen(
            self.library, start=self.target, offline=self.offline, graphics=self.graphics
        )
        return self._reading

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
        if self.demo is not None and self.demo.note:
            self.notify(self.demo.note, markup=False)

    def _to_reading(self) -> None:
        """Close whatever is above the reading screen (the news screen is kept)."""
        while self.screen is not self.reading and len(self.screen_stack) > 1:
            self.pop_screen()
        self._library_screen = None

    def on_open_story(self, message: OpenStory) -> None:
        self._to_reading()
        self.reading.open_target(message.target)

    def on_show_library(self, _message: ShowLibrary) -> None:
        from reader.app.screens.library import LibraryScreen

        if self._library_screen is not None:
            return  # already shown

        def chosen(url: str | None) -> None:
            self._library_screen = None
            if url:
                self._to_reading()
                self.reading.open_target(url)

        self._library_screen = LibraryScreen(
            self.library,
            offline=self.offline,
            closable=self.reading.story is not None,
            hint_subscribe=not self._subscribed(),
        )
        self.push_screen(self._library_screen, chosen)

    def _subscribed(self) -> bool:
        try:
            return bool(self.library.feeds.titles())  # no counts: the cheapest question
        except ReaderError:
            return False

    def on_show_home(self, _message: ShowHome) -> None:
        if self.demo is not None:
            self._follow_demo(self.demo.follow_urls)
        else:
            self.post_message(ShowNews() if self._subscribed() else ShowLibrary())

    @work(exclusive=True, group="demo", exit_on_error=False)
    async def _follow_demo(self, urls: tuple[str, ...]) -> None:
        """Follow the demo's sections (in memory), then show their news; the news screen
        fetches every story in the background as it opens."""
        for url in urls:
            try:
                await self.library.feeds.add(url)
            except ReaderError as exc:
                self.notify(exc.message, title="Demo", severity="warning", markup=False)
        self.post_message(ShowNews())

    def on_show_news(self, _message: ShowNews) -> None:
        if self._news is None:
            from datetime import timedelta

            from reader.app.screens.news import NewsScreen

            minutes = self.config.refresh_interval
            after = timedelta(minutes=minutes) if minutes > 0 else None
            self._news = NewsScreen(
                self.library,
                offline=self.offline,
                # the demo's stories are fetched as soon as its news opens
                refresh_after=timedelta(0) if self.demo is not None else after,
            )
            self.install_screen(self._news, name="news")
        if self.screen is self._news:
            return
        self._to_reading()

        def chosen(url: str | None) -> None:
            if url:
                self._to_reading()
                self.reading.open_from_news(url)

        self.push_screen("news", chosen)

    def on_ask_for_url(self, _message: AskForUrl) -> None:
        from reader.app.screens.open_url import OpenUrlScreen

        self.push_screen(OpenUrlScreen(), self._open_typed)

    def _open_typed(self, typed: str | None) -> None:
        from reader.library import parse_target

        if not typed:
            return
        try:
            url = parse_target(typed)
        except ReaderError as exc:
            self.notify(exc.message, title="Cannot open that", severity="error", markup=False)
            return
        self.post_message(OpenStory(url))

    def action_help(self) -> None:
        from reader.app.screens.help import HelpScreen

        if self.screen.id != "help":
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        self.reading.save_position()
        self.exit(0)

    def on_story_shown(self, _message: StoryShown) -> None:
        """Benchmark hook: the first story is on screen."""
        if _stamp(ON_SCREEN_ENV, "") and not os.environ.get(PICTURES_ENV):
            self.exit(0)

    def on_pictures_done(self, message: PicturesDone) -> None:
        """Benchmark hook: the first story's pictures are drawn (time, drawn, failed)."""
        if _stamp(PICTURES_ENV, f" {message.drawn} {message.failed}"):
            self.exit(0)

    async def on_unmount(self) -> None:
        if self._library is not None:
            await self._library.aclose()


def _stamp(variable: str, rest: str) -> bool:
    """Benchmark hooks: append the time (and ``rest``) to the file the environment
    ``variable`` names; False when it names none."""
    path = os.environ.get(variable)
    if not path:
        return False
    import time

    with open(path, "a", encoding="utf-8") as out:
        out.write(f"{time.time():.6f}{rest}\n")
    return True


def run_app(
    config: Config, *, target: str | None, offline: bool, demo: DemoServer | None
) -> int:
    """Run the app until the user quits; the exit status for the command line."""
    # What the imports made (modules, classes, functions) lives as long as the process:
    # moving it out of the collector's reach saves every later collection, and the one
    # at exit, from walking it again (tens of milliseconds of start-up and exit).
    graphics = prepare(config.images)  # before the app starts: it may ask the terminal
    gc.freeze()
    app = ReaderApp(config, target=target, offline=offline, demo=demo, graphics=graphics)
    result = app.run()
    return 0 if result is None else int(result)

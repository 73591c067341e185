"""What the reading screen does within the story on screen: scrolling, find, the
sidebar, the browser and saving. Opening and moving between stories is in
``reading.py``; this base keeps that file to one subject.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.screen import Screen
from textual.widgets import Input

from reader.app.widgets.article_view import ArticleView
from reader.app.widgets.key_bar import KeyBar
from reader.app.widgets.teaser_list import TeaserList

if TYPE_CHECKING:
    from textual.timer import Timer

    from reader.app import ReaderApp
    from reader.app.widgets.find_bar import FindBar
    from reader.library import Library, Story


class ReadingBase(Screen[None]):
    """State and actions of one story on screen."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.story: Story | None = None
        self._find_bar: FindBar | None = None
        self._loading_timer: Timer | None = None

    @property
    def reader_app(self) -> ReaderApp:
        return cast("ReaderApp", self.app)

    @property
    def library(self) -> Library:
        return self.reader_app.library

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def teasers(self) -> TeaserList:
        return self.query_one(TeaserList)

    # -- moving in the article (every scroll key also stops a pending restore) --------
    def action_scroll_down(self) -> None:
        self.article.pending_position = None
        self.article.scroll_relative(y=1, animate=False)

    def action_scroll_up(self) -> None:
        self.article.pending_position = None
        self.article.scroll_relative(y=-1, animate=False)

    def action_page_down(self) -> None:
        self.article.pending_position = None
        self.article.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.article.pending_position = None
        self.article.scroll_page_up(animate=False)

    def action_half_page_down(self) -> None:
        self.article.pending_position = None
        self.article.scroll_relative(y=max(1, self.article.size.height // 2), animate=False)

    def action_half_page_up(self) -> None:
        self.article.pending_position = None
        self.article.scroll_relative(y=-max(1, self.article.size.height // 2), animate=False)

    def action_scroll_home(self) -> None:
        self.article.pending_position = None
        self.article.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.article.pending_position = None
        self.article.scroll_end(animate=False)

    # -- find in the article ------------------------------------------------------------
    @property
    def find_bar(self) -> FindBar | None:
        """The find bar, once ``/`` has been pressed (mounted on first use)."""
        return self._find_bar

    async def action_find(self) -> None:
        from reader.app.widgets.find_bar import FindBar

        if self.story is None:
            return
        bar = self.find_bar
        if bar is None:
            bar = self._find_bar = FindBar(id="find-bar")
            await self.mount(bar, before=self.query_one(KeyBar))
        bar.open()

    @on(Input.Submitted, "#find-input")
    def _find_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        total = self.article.find(event.value)
        if self.find_bar is not None:
            self.find_bar.set_count(1 if total else 0, total, event.value)
        self.article.focus()

    async def _step_find(self, step: int) -> None:
        if not self.article.query_text:
            await self.action_find()
            return
        number, total = self.article.next_match(step)
        if self.find_bar is not None:
            self.find_bar.set_count(number, total, self.article.query_text)

    async def action_find_next(self) -> None:
        await self._step_find(1)

    async def action_find_previous(self) -> None:
        await self._step_find(-1)

    def _close_find(self) -> None:
        bar = self.find_bar
        if bar is not None:
            bar.close()
            bar.set_count(0, 0, "")
        self.article.clear_find()

    def action_close_overlay(self) -> None:
        bar = self.find_bar
        if (bar is not None and bar.is_open) or self.article.query_text:
            self._close_find()
            self.article.focus()
        elif self.has_class("-show-sidebar"):
            self.remove_class("-show-sidebar")
            self.article.focus()

    def action_toggle_sidebar(self) -> None:
        self.toggle_class("-show-sidebar")
        if self.has_class("-show-sidebar") and self.has_class("-narrow"):
            self.teasers.focus()
        else:
            self.article.focus()

    def action_browser(self) -> None:
        if self.story is not None:
            self._browse(self.story.url)

    @work(thread=True, group="browser", exit_on_error=False)
    def _browse(self, url: str) -> None:
        import webbrowser

        try:
            opened = webbrowser.open(url)
        except Exception:
            opened = False
        if not opened:
            self.app.call_from_thread(
                self.notify,
                f"No browser found for {url}; set the BROWSER environment variable.",
                severity="warning",
                markup=False,
            )

    def action_save(self) -> None:
        if self.story is None:
            return
        try:
            path = self.library.save_markdown(self.story, self.reader_app.config.save_dir)
        except Exception as exc:
            self.notify(
                f"Could not save the story: {exc}. Check save_dir in the config file.",
                title="Not saved",
                severity="error",
                markup=False,
            )
        else:
            self.notify(f"Saved to {path}", title="Saved", markup=False)

"""The reading screen: the story in the main pane, its teasers in the sidebar.

Opening runs in a worker (one at a time: a new request cancels the last); the result
comes back as a message. History keeps each story's scroll position; the cache keeps it
across runs.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Label, Markdown, OptionList

from reader.app.bindings import READING_KEYS, Key, bindings
from reader.app.graphics import Graphics
from reader.app.history import NEWS, Entry, History
from reader.app.messages import (
    AskForUrl,
    Origin,
    PicturesDone,
    ShowHome,
    ShowLibrary,
    ShowNews,
    StoryFailed,
    StoryLoaded,
    StoryShown,
    TeaserUpdated,
)
from reader.app.screens import OFFLINE_NOTE
from reader.app.widgets.article_view import ArticleView, PictureSlot
from reader.app.widgets.find_bar import FindBar
from reader.app.widgets.key_bar import KeyBar
from reader.app.widgets.picture import StoryPicture
from reader.app.widgets.teaser_list import TeaserList
from reader.errors import ReaderError
from reader.library import is_web_url

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.binding import BindingType
    from textual.timer import Timer

    from reader.library import Library, Story

NEEDS_STORY = {"hints", "find", "find_next", "find_previous", "reload", "browser", "save"}
ESCAPE = Key("close", "escape", "close_overlay", "Close the find bar or the sidebar")
LOADING_AFTER = 0.12
"""Seconds an open may take before the loading indicator shows."""
PREFETCH_AFTER = 0.25
"""Seconds after a story is on screen before its teasers are prefetched."""
NARROW_BELOW = 100
"""Below this many columns the teasers hide behind `t` and show below the article."""
PICTURES_AT_ONCE = 4
"""Pictures fetched and decoded at once (the fetch layer's per-host limit also holds)."""
PICTURE_ROWS = 24
"""The most rows a picture takes; and at most half the pane, so that text shows beside
the picture on every screen of the story."""


def _distance(y: int, top: float, height: int) -> float:
    """How far a picture at ``y`` is from the view (0 when it is in it)."""
    if top <= y < top + height:
        return 0.0
    return abs(y - top)


def width_class(width: int) -> str:
    return "-narrow" if width < NARROW_BELOW else "-wide"


class ReadingScreen(Screen[None]):
    """The story in the main pane, its teasers in the sidebar; opening and history.

    It opens ``start`` once it is first shown (from the cache alone when ``offline``), or,
    with nothing to open, asks the app for the library.
    """

    BINDINGS: ClassVar[list[BindingType]] = [*bindings(READING_KEYS), *bindings((ESCAPE,))]

    def __init__(
        self,
        library: Library,
        *,
        start: str | None = None,
        offline: bool = False,
        graphics: Graphics | None = None,
    ) -> None:
        # The width class is set before the first styling: a class that arrives with the
        # first resize would restyle every widget once more at start-up.
        super().__init__(id="reading", classes=width_class(self.app.size.width))
        self.library = library
        self.start = start
        self.offline = offline
        self.story: Story | None = None
        self._find_bar: FindBar | None = None
        self._loading_timer: Timer | None = None
        self.history = History()
        self.shown_entry: Entry | None = None
        self.busy = False
        """True from asking for a story until it is on screen or has failed."""
        self._started = False
        self.graphics = graphics or Graphics("halfblock", shown=True)

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="panes"):
            yield ArticleView(id="article")
            with Vertical(id="sidebar"):
                yield Label("Teasers", id="sidebar-title", markup=False)
                yield TeaserList(id="teasers")
        yield KeyBar(id="key-bar")

    def on_resize(self, event: events.Resize) -> None:
        narrow = event.size.width < NARROW_BELOW
        self.set_class(narrow, "-narrow")
        self.set_class(not narrow, "-wide")

    def on_article_view_widened(self, _message: ArticleView.Widened) -> None:
        # once the panes have their new sizes: the pictures follow the body's width
        self.call_after_refresh(self._fit_pictures)

    def _fit_pictures(self) -> None:
        with self.app.batch_update():
            for place in self.article.pictures:
                if place.state == "drawn" and all(place.pixels):
                    place.fit(*self._picture_size(*place.pixels))

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def teasers(self) -> TeaserList:
        return self.query_one(TeaserList)

    def on_mount(self) -> None:
        self.sub_title = OFFLINE_NOTE if self.offline else ""
        self.article.focus()
        if self.start is not None:
            # Until the first story arrives (or fails), the pane stays blank rather than
            # flashing the "no story open" text for a frame.
            self.article.waiting = True

    def on_screen_resume(self) -> None:
        if not self._started:
            # The first resume restyles and lays out the whole screen: opening the story
            # after it styles and lays out the story's blocks once instead of twice.
            self._started = True
            self.call_later(self._open_start)

    async def _open_start(self) -> None:
        if self.start is None:
            self.post_message(ShowHome())
        elif self.offline:
            # Offline, opening reads only the cache: no worker, no loading indicator.
            await self.open_from_cache(self.start)
        else:
            self.open_target(self.start)

    # -- opening ---------------------------------------------------------------------
    def open_target(
        self, target: str, origin: Origin = "new", position: float | None = None
    ) -> None:
        """Open ``target`` (a URL or a cached story's key) in a worker."""
        self.save_position()
        # The new story's teasers matter more than the old one's: stop prefetching so
        # that its fetching and extracting never slows the story being opened.
        self.workers.cancel_group(self, "prefetch")
        self.busy = True
        if self._loading_timer is not None:
            self._loading_timer.stop()
        # The loading indicator shows only when opening takes long enough to notice:
        # a story from the cache appears without a flicker.
        self._loading_timer = self.set_timer(LOADING_AFTER, self._show_loading)
        self._load(target, origin, position)

    def open_from_news(self, target: str) -> None:
        """Open ``target``, chosen in the news list: going back from it returns there."""
        self.save_position()
        self.history.visit(NEWS)
        self.open_target(target)

    async def open_from_cache(self, target: str) -> None:
        """Read ``target`` right away, in this handler (offline: no network involved),
        and show it after the next frame. At start-up that frame is the empty screen:
        the reading fills the time it waits for, and the story's blocks arrive after
        the start-up resizes, so they are laid out once."""
        self.busy = True
        story = await self._open_story(target)
        if isinstance(story, str):
            self.post_message(StoryFailed(target, story, "new"))
        else:
            self.call_after_refresh(self.post_message, StoryLoaded(story, "new", None))

    async def _open_story(self, target: str, *, reload: bool = False) -> Story | str:
        """The story, opened through the library; or, when that failed, what to tell."""
        try:
            return await self.library.open(target, reload=reload)
        except ReaderError as exc:
            return exc.message
        except Exception as exc:  # a bug below must not take the app down
            return f"Could not open {target}: {exc!r}"

    def _show_loading(self) -> None:
        # A timer's tick may already be queued when the story arrives: check.
        if self.busy:
            self.article.loading = True

    def _done_loading(self) -> None:
        self.busy = False
        self.article.waiting = False
        if self._loading_timer is not None:
            self._loading_timer.stop()
            self._loading_timer = None
        self.article.loading = False

    @work(exclusive=True, group="open", exit_on_error=False)
    async def _load(self, target: str, origin: Origin, position: float | None) -> None:
        if origin != "reload" and is_web_url(target):
            # A story in the cache goes on screen at once; asking the server whether it
            # changed waits until it is there (see ``_after_shown``).
            try:
                cached = self.library.cached(target)
            except Exception:
                cached = None  # opening it the long way reports what is wrong
            if cached is not None:
                self.post_message(StoryLoaded(cached, origin, position, revalidate=True))
                return
        story = await self._open_story(target, reload=origin == "reload")
        if isinstance(story, str):
            self.post_message(StoryFailed(target, story, origin))
        else:
            self.post_message(StoryLoaded(story, origin, position))

    async def on_story_loaded(self, message: StoryLoaded) -> None:
        story, origin = message.story, message.origin
        if origin in ("new", "reload"):
            entry = self.history.visit(story.url)
        else:
            entry = self.history.current or self.history.visit(story.url)
            self.history.replace_current_url(story.url)
        if origin == "reload":
            position = self.article.position
        elif origin == "new":
            position = story.position if message.position is None else message.position
        else:
            position = entry.position
        self.story, self.shown_entry = story, entry
        # The title first: the header redraws it in a watcher that runs later, and a
        # change after the body's layout would lay the whole story out a second time.
        self.title = story.article.title or story.url
        await self.article.show_story(story, offline=self.offline)
        self.article.restore(position)
        self._done_loading()
        self._close_find()
        self.teasers.show_teasers(self.library.teasers(story), story.article.site_name)
        count = self.teasers.option_count
        self.query_one("#sidebar-title", Label).update(
            f"Teasers · {count}" if count else "Teasers · none on this page"
        )
        self.refresh_bindings()
        for warning in story.warnings:
            self.notify(warning, title="Warning", severity="warning", markup=False)
        # Prefetching starts once the story is on screen, so that its fetching and
        # extracting never delays the first frame of the story.
        self.call_after_refresh(self._after_shown, story, message.revalidate)

    def _after_shown(self, story: Story, revalidate: bool = False) -> None:
        self.post_message(StoryShown(story.url))
        if story is self.story:
            if self.graphics.shown:
                # after the frame that follows: the text's first frame is out before
                # any picture work begins
                self.call_after_refresh(self._start_pictures, story)
            if revalidate:
                self._revalidate(story)
            self.set_timer(PREFETCH_AFTER, lambda: self._start_prefetch(story))

    @work(group="revalidate", exit_on_error=False)
    async def _revalidate(self, shown: Story) -> None:
        """Open ``shown`` (on screen from the cache) through the library: revalidated
        when online, recorded as read; a newer version replaces it where the reader is."""
        story = await self._open_story(shown.requested_url)
        if shown is not self.story or self.busy:
            return  # the reader has moved on
        if isinstance(story, str):
            self.notify(f"Could not refresh the story: {story}", severity="warning", markup=False)
            return
        # What the shown copy said already (a page cut at the size cap) is not said again.
        news = tuple(w for w in story.warnings if w not in shown.warnings)
        if not story.from_cache and (story.article != shown.article or story.url != shown.url):
            self.post_message(StoryLoaded(replace(story, warnings=news), "reload", None))
        else:
            for warning in news:
                self.notify(warning, title="Warning", severity="warning", markup=False)

    # -- pictures -------------------------------------------------------------------
    def _start_pictures(self, story: Story) -> None:
        if story is self.story and self.graphics.shown:
            self._pictures(story)

    @work(exclusive=True, group="pictures", exit_on_error=False)
    async def _pictures(self, story: Story) -> None:
        """Fetch (or read from the cache), decode and draw the story's pictures, those
        on screen first; the text is on screen already and stays usable throughout.
        Decoding runs in a thread; ready pictures go in by groups (those on screen, then
        a few at a time), each group laid out once, so scrolling never waits long."""
        article = self.article
        await article.clear_pictures()
        slots = article.picture_slots(story.article.lead_image)
        if slots:
            try:
                await asyncio.to_thread(lambda: self.graphics.widget)  # first load: off the UI
            except Exception:  # the drawing library would not load: the text stays as it is
                self.notify("Pictures cannot be drawn in this terminal.", title="Pictures",
                            severity="warning", markup=False)
                return
        top, height = article.body_top, article.size.height
        away = {id(s): _distance(s.anchor.virtual_region.y, top, height) for s in slots}
        slots.sort(key=lambda s: away[id(s)])
        gate = asyncio.Semaphore(PICTURES_AT_ONCE)
        # Tasks made in this order take the gate in this order: those on screen first.
        tasks = [asyncio.create_task(self._picture(story, slot, gate)) for slot in slots]
        in_view = sum(away[id(s)] == 0 for s in slots)
        groups = [tasks[:in_view]] if in_view else []
        groups += [
            tasks[at : at + PICTURES_AT_ONCE] for at in range(in_view, len(tasks), PICTURES_AT_ONCE)
        ]
        drawn = failed = 0
        try:
            for group in groups:
                ready = [await task for task in group]
                if story is not self.story:
                    return
                await article.put_pictures(ready)
                drawn += sum(p.state == "drawn" for _, p in ready)
                failed += sum(p.state == "failed" for _, p in ready)
        finally:
            for task in tasks:
                task.cancel()
        if story is self.story:
            self.post_message(PicturesDone(story.url, drawn, failed))

    async def _picture(
        self, story: Story, slot: PictureSlot, gate: asyncio.Semaphore
    ) -> tuple[PictureSlot, StoryPicture]:
        """The picture of ``slot`` made ready: drawn, or failed with its reason."""
        from reader.pictures import decode

        place = StoryPicture(slot.url, slot.alt, slot.label, lead=slot.lead, order=slot.order)
        async with gate:
            try:
                picture = await self.library.picture(slot.url, story_url=story.url)
            except Exception as exc:  # a bug below must not cost the story its text
                place.fail(getattr(exc, "message", None) or "could not be loaded")
                return slot, place
            if picture.data is None:
                place.fail(picture.problem or "not available")
                return slot, place
            columns, rows = self._picture_size(picture.width, picture.height)
            try:
                image = await asyncio.to_thread(
                    decode, picture.data, self.graphics.pixels_across(columns)
                )
            except Exception as exc:
                place.fail(getattr(exc, "message", None) or "cannot be decoded")
                return slot, place
        try:
            place.draw(image, self.graphics, columns, rows, (picture.width, picture.height))
        except Exception:  # the drawing library's own trouble: the alt text stays
            place.fail("could not be drawn")
        return slot, place

    def _picture_size(self, width: int, height: int) -> tuple[int, int]:
        """Columns and rows for a ``width`` x ``height`` picture: no wider than the body
        nor than the picture itself at the cell size, at most ``PICTURE_ROWS`` rows and half
        the pane, its shape kept."""
        graphics = self.graphics
        columns = max(8, self.article.body.content_size.width)
        if width <= 0 or height <= 0:
            return columns, max(1, columns // 4)
        columns = min(columns, max(1, -(-width // graphics.cell[0])))
        rows = graphics.rows_for(width, height, columns)
        rows_max = max(6, min(PICTURE_ROWS, self.article.size.height // 2))
        if rows > rows_max:
            columns = max(1, columns * rows_max // rows)
            rows = graphics.rows_for(width, height, columns)
        return columns, rows

    def action_toggle_pictures(self) -> None:
        self.graphics.shown = not self.graphics.shown
        if self.graphics.shown:
            if self.story is not None:
                self._pictures(self.story)
        else:
            self.workers.cancel_group(self, "pictures")
            self.run_worker(self.article.clear_pictures(), group="pictures-off")
        self.notify("Pictures on" if self.graphics.shown else "Pictures off", timeout=2)

    def _start_prefetch(self, story: Story) -> None:
        if story is self.story:
            self._prefetch(story)

    def on_story_failed(self, message: StoryFailed) -> None:
        self._done_loading()
        if message.origin == "back":
            self.history.forward()
        elif message.origin == "forward":
            self.history.back()
        self.refresh_bindings()
        self.notify(
            message.message, title="Could not open the story", severity="error", markup=False
        )

    @work(exclusive=True, group="prefetch", exit_on_error=False)
    async def _prefetch(self, story: Story) -> None:
        def on_update(state: object) -> None:
            self.post_message(TeaserUpdated(story.url, state))  # type: ignore[arg-type]

        try:
            await self.library.prefetch(story, on_update)
        except Exception as exc:
            self.notify(f"Prefetching stopped: {exc}", severity="warning", markup=False)

    def on_teaser_updated(self, message: TeaserUpdated) -> None:
        if self.story is not None and message.story_url == self.story.url:
            self.teasers.update_teaser(message.state)

    def save_position(self) -> None:
        """Remember where the reader is in the story on screen (history and cache)."""
        if self.story is None or self.shown_entry is None:
            return
        position = self.article.position
        self.shown_entry.position = position
        try:
            self.library.set_position(self.story.url, position)
        except Exception as exc:
            self.notify(f"Could not save the position: {exc}", severity="warning", markup=False)

    # -- links -------------------------------------------------------------------------
    @on(Markdown.LinkClicked)
    def _link_clicked(self, event: Markdown.LinkClicked) -> None:
        from reader.app.screens import _links

        event.stop()
        base = self.story.url if self.story else ""
        url = _links.resolve(base, event.href)
        if url is None:
            self.notify(
                f"Not following {event.href}: reader opens only http and https links.",
                severity="warning",
                markup=False,
            )
        elif _links.same_page(url, base):
            anchor = url.partition("#")[2]
            if anchor:
                self.article.body.goto_anchor(anchor)
        else:
            self.open_target(url)

    @on(OptionList.OptionSelected, "#teasers")
    def _teaser_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        url = self.teasers.url_at(event.option_index)
        if url:
            self.open_target(url)

    # -- actions -----------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return True if self.history.can_go_back else None
        if action == "forward":
            return True if self.history.can_go_forward else None
        if action in NEEDS_STORY and self.story is None:
            return None
        return True

    def action_open_selected(self) -> None:
        url = self.teasers.selected_url()
        if url:
            self.open_target(url)

    def action_open_teaser(self, number: int) -> None:
        url = self.teasers.url_at(number - 1)
        if url:
            self.open_target(url)
        else:
            self.notify(f"This story has no teaser {number}.", markup=False)

    def action_back(self) -> None:
        if not self.history.can_go_back:
            return
        self.save_position()
        entry = self.history.back()
        if entry is not None and entry.url == NEWS:
            self.post_message(ShowNews())
        elif entry is not None:
            self.open_target(entry.url, "back")

    def action_forward(self) -> None:
        if not self.history.can_go_forward:
            return
        self.save_position()
        entry = self.history.forward()
        if entry is not None and entry.url == NEWS:
            self.post_message(ShowNews())
        elif entry is not None:
            self.open_target(entry.url, "forward")

    def action_reload(self) -> None:
        if self.story is not None:
            self.open_target(self.story.url, "reload")

    def action_open_url(self) -> None:
        self.post_message(AskForUrl())

    def action_library(self) -> None:
        self.save_position()
        self.post_message(ShowLibrary())

    def action_news(self) -> None:
        self.save_position()
        self.post_message(ShowNews())

    def action_hints(self) -> None:
        from reader.app.screens import _links
        from reader.app.screens.hints import HintsScreen

        if self.story is None:
            return
        links = [
            _links.Link(self.teasers.url_at(i) or s.teaser.url, s.title, "teaser")
            for i, s in enumerate(self.teasers.states)
        ]
        seen = {link.url for link in links}
        links += [
            link
            for link in _links.body_links(self.story.article.markdown, self.story.url)
            if link.url not in seen
        ]
        if not links:
            self.notify("This story links to nothing reader can open.", markup=False)
            return

        def chosen(url: str | None) -> None:
            if url:
                self.open_target(url)

        self.app.push_screen(HintsScreen(links), chosen)

    # -- moving in the article -----------------------------------------------------------
    def action_scroll_down(self) -> None:
        self.article.move_lines(1)

    def action_scroll_up(self) -> None:
        self.article.move_lines(-1)

    def action_page_down(self) -> None:
        self.article.move_pages(1)

    def action_page_up(self) -> None:
        self.article.move_pages(-1)

    def action_half_page_down(self) -> None:
        self.article.move_half_page(1)

    def action_half_page_up(self) -> None:
        self.article.move_half_page(-1)

    def action_scroll_home(self) -> None:
        self.article.move_to_top()

    def action_scroll_end(self) -> None:
        self.article.move_to_bottom()

    # -- find in the article (the view marks the matches; the bar takes the text) ------
    async def action_find(self) -> None:
        if self.story is None:
            return
        if self._find_bar is None:
            self._find_bar = FindBar(id="find-bar")
            await self.mount(self._find_bar, before=self.query_one(KeyBar))
        self._find_bar.open()

    @on(FindBar.Find)
    def _find(self, message: FindBar.Find) -> None:
        total = self.article.find(message.text)
        if self._find_bar is not None:
            self._find_bar.set_count(1 if total else 0, total, message.text)
        self.article.focus()

    async def _step_find(self, step: int) -> None:
        if not self.article.query_text:
            await self.action_find()
            return
        number, total = self.article.next_match(step)
        if self._find_bar is not None:
            self._find_bar.set_count(number, total, self.article.query_text)

    async def action_find_next(self) -> None:
        await self._step_find(1)

    async def action_find_previous(self) -> None:
        await self._step_find(-1)

    def _close_find(self) -> None:
        if self._find_bar is not None:
            self._find_bar.close()
            self._find_bar.set_count(0, 0, "")
        self.article.clear_find()

    def action_close_overlay(self) -> None:
        bar = self._find_bar
        if (bar is not None and bar.is_open) or self.article.query_text:
            self._close_find()
            self.article.focus()
        elif self.has_class("-show-sidebar"):
            self.remove_class("-show-sidebar")
            self.article.focus()

    # -- the sidebar, the browser, saving --------------------------------------------------
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
            path = self.library.save_markdown(self.story)
        except Exception as exc:
            self.notify(
                f"Could not save the story: {exc}. Check save_dir in the config file.",
                title="Not saved",
                severity="error",
                markup=False,
            )
        else:
            self.notify(f"Saved to {path}", title="Saved", markup=False)

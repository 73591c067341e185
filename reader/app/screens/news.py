"""The news: every subscription's stories, newest first, with their marks, source and
age; narrowed to one feed or tag in the pane beside them; refreshed in a worker.

Opening a story dismisses the screen with the story's URL; the app keeps this screen, so
coming back (backspace from that story, or H) finds the same row.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, Label, OptionList

from reader.app.bindings import NEWS_KEYS, bindings
from reader.app.messages import AskForUrl, ShowLibrary
from reader.app.screens import OFFLINE_NOTE, style_path
from reader.app.widgets.item_list import FeedFilter, ItemList, Narrowing
from reader.app.widgets.key_bar import KeyBar
from reader.errors import ReaderError

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.binding import BindingType

    from reader.library import FeedRecord, ItemRecord, Library, Progress

SHOWN = 500
"""The most stories listed at once (the newest)."""
NARROW_BELOW = 100
"""Below this many columns the subscriptions pane hides behind `t`."""
NO_SUBSCRIPTIONS = (
    "No subscriptions yet. Add one on the command line: reader feed add URL "
    "(a feed, or any page of a site), or import a list: reader feed import FILE.opml"
)


class RefreshProgress(Message):
    """Where the refresh running in the background stands."""

    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self.progress = progress


class NewsScreen(Screen[str | None]):
    """Dismisses with the URL of the story to open (the app keeps the screen)."""

    CSS_PATH = style_path("news.tcss")
    BINDINGS: ClassVar[list[BindingType]] = bindings(NEWS_KEYS)

    def __init__(
        self,
        library: Library,
        *,
        offline: bool = False,
        refresh_after: timedelta | None = None,
    ) -> None:
        super().__init__(id="news")
        self.library = library
        self.offline = offline
        self.refresh_after = refresh_after
        """Refresh on first showing when the last refresh is older than this (None: no)."""
        self.unread_only = False
        self.query_text = ""
        self.refreshing = False
        self._started = False
        self._titles: dict[str, str | None] = {}
        self._listed = False

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="news-panes"):
            yield FeedFilter(id="news-feeds")
            with Vertical(id="news-main"):
                yield Input(placeholder="search the stories shown (enter)", id="news-search")
                yield Label("", id="news-status", markup=False)
                yield ItemList(id="news-items")
        yield KeyBar(id="key-bar")

    @property
    def items(self) -> ItemList:
        return self.query_one(ItemList)

    @property
    def feeds(self) -> FeedFilter:
        return self.query_one(FeedFilter)

    def on_mount(self) -> None:
        self.title = "News"
        self.sub_title = OFFLINE_NOTE if self.offline else ""
        self.set_class(self.app.size.width < NARROW_BELOW, "-narrow")
        # The stories first (the feeds' titles are all they need), the subscriptions pane
        # with its counts right after they are drawn.
        try:
            self._titles = self.library.feeds.titles()
        except ReaderError:
            self._titles = {}
        self.reload(feeds=False)
        self.items.focus()
        self.call_after_refresh(self._show_feeds)

    def _show_feeds(self) -> None:
        try:
            subscriptions = self.library.feeds.subscriptions()
        except ReaderError as exc:
            self.notify(exc.message, title="Could not read the news", severity="error",
                        markup=False)
            return
        self._titles = {f.url: f.title for f in subscriptions}
        with self.feeds.prevent(OptionList.OptionHighlighted):
            self.feeds.show_feeds(subscriptions)
        # The first showing refreshes when it is due, judged on the list just read (after
        # the first frame, as the pane is).
        if not self.offline and self._refresh_due(subscriptions):
            self.action_refresh()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW_BELOW, "-narrow")

    def on_screen_resume(self) -> None:
        if self._started:
            self.reload()  # stories read meanwhile show their new marks
            return
        self._started = True

    def _refresh_due(self, feeds: list[FeedRecord]) -> bool:
        if not feeds or self.refresh_after is None:
            return False
        times = [f.last_success or f.last_error_at for f in feeds]
        known = [t for t in times if t is not None]
        if len(known) < len(times):
            return True  # a feed never asked yet
        return datetime.now(UTC) - max(known) > self.refresh_after

    # -- what is shown -----------------------------------------------------------------
    def reload(self, *, feeds: bool = True) -> None:
        """Read the stories (and, with ``feeds``, the subscriptions pane) from the cache
        and show them."""
        try:
            if feeds:
                subscriptions = self.library.feeds.subscriptions()
                self._titles = {f.url: f.title for f in subscriptions}
                with self.feeds.prevent(OptionList.OptionHighlighted):
                    self.feeds.show_feeds(subscriptions)
            narrowing = self.feeds.choice
            items = self.library.feeds.items(
                feed=narrowing.feed, tag=narrowing.tag, unread=self.unread_only, limit=SHOWN
            )
        except ReaderError as exc:
            self.notify(exc.message, title="Could not read the news", severity="error",
                        markup=False)
            return
        if self.query_text:
            items = [i for i in items if _matches(i, self.query_text)]
        self.items.show_items(items, self._titles)
        self._status(len(self._titles), narrowing, items)

    def _status(self, feeds: int, narrowing: Narrowing, items: list[ItemRecord]) -> None:
        status = self.query_one("#news-status", Label)
        if feeds == 0:
            status.update(NO_SUBSCRIPTIONS)
            return
        if self.refreshing:
            return  # the refresh's progress line stays until it is done
        unread = sum(not i.read for i in items)
        which = "unread stories" if self.unread_only else "stories"
        line = f"{len(items)} {which} from {narrowing.label}, newest first"
        if unread and not self.unread_only:
            line += f" · {unread} unread"
        if self.query_text:
            line += f" · matching {self.query_text!r}"
        if not items:
            line = (
                f"Nothing matches {self.query_text!r}. Escape shows every story."
                if self.query_text
                else f"No {which} from {narrowing.label}. R refreshes, U shows every story."
            )
        status.update(line)

    @on(OptionList.OptionHighlighted, "#news-feeds")
    def _narrowed(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.reload(feeds=False)

    # -- opening -------------------------------------------------------------------------
    @on(OptionList.OptionSelected, "#news-items")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_selected()

    @on(OptionList.OptionSelected, "#news-feeds")
    def _feed_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.items.focus()

    def action_open_selected(self) -> None:
        item = self.items.selected_item
        if item is None:
            return
        if not item.url:
            self.notify("This story has no address to open; the feed gave none.",
                        markup=False)
            return
        self._mark([item], read=True)
        self.dismiss(item.url)

    # -- read marks ------------------------------------------------------------------------
    def _mark(self, items: list[ItemRecord], *, read: bool) -> None:
        try:
            self.library.feeds.mark_read(ids=[i.id for i in items], read=read)
        except ReaderError as exc:
            self.notify(exc.message, severity="error", markup=False)
            return
        for item in items:
            self.items.replace_item(replace(item, read=read))

    def action_toggle_read(self) -> None:
        item = self.items.selected_item
        if item is not None:
            self._mark([item], read=not item.read)

    def action_mark_all_read(self) -> None:
        shown = [i for i in self.items.items if not i.read]
        if shown:
            self._mark(shown, read=True)
            self.notify(f"Marked {len(shown)} stories read.", markup=False)

    def action_unread_only(self) -> None:
        self.unread_only = not self.unread_only
        self.reload(feeds=False)

    # -- search and narrowing ------------------------------------------------------------
    def action_search(self) -> None:
        self.add_class("-searching")
        self.query_one("#news-search", Input).focus()

    @on(Input.Submitted, "#news-search")
    def _search(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_text = event.value.strip()
        self.reload(feeds=False)
        self.items.focus()

    def action_clear(self) -> None:
        search = self.query_one("#news-search", Input)
        if self.query_text or search.value:
            search.value = ""
            self.query_text = ""
            self.remove_class("-searching")
            self.reload(feeds=False)
            self.items.focus()
        elif self.feeds.choice != Narrowing():
            self.feeds.highlighted = 0
        elif self.has_class("-show-feeds"):
            self.remove_class("-show-feeds")
            self.items.focus()

    def action_toggle_feeds(self) -> None:
        self.toggle_class("-show-feeds")
        if self.has_class("-show-feeds"):
            self.feeds.focus()
        else:
            self.items.focus()

    def action_library(self) -> None:
        self.post_message(ShowLibrary())

    def action_open_url(self) -> None:
        self.post_message(AskForUrl())

    # -- refreshing --------------------------------------------------------------------------
    def action_refresh(self) -> None:
        if self.offline:
            self.notify("Offline: refreshing needs the network.", severity="warning",
                        markup=False)
            return
        if not self.refreshing:
            self.refreshing = True
            self._listed = False
            self.query_one("#news-status", Label).update("Refreshing…")
            self._refresh()

    @work(exclusive=True, group="refresh", exit_on_error=False)
    async def _refresh(self) -> None:
        def progress(now: Progress) -> None:
            self.post_message(RefreshProgress(now))

        try:
            done = await self.library.feeds.refresh(on_progress=progress)
        except ReaderError as exc:
            self.notify(exc.message, title="Could not refresh", severity="error",
                        markup=False)
        except Exception as exc:  # a bug below must not take the app down
            self.notify(f"Could not refresh: {exc!r}", severity="error", markup=False)
        else:
            for url, problem in done.errors[:3]:
                self.notify(f"{url}: {problem}", title="A feed failed", severity="warning",
                            markup=False)
            if len(done.errors) > 3:
                self.notify(f"{len(done.errors) - 3} more feeds failed; "
                            "`reader feed list` says why.", severity="warning", markup=False)
        finally:
            self.refreshing = False
            self.reload()

    def on_refresh_progress(self, message: RefreshProgress) -> None:
        p = message.progress
        if p.feeds_total and p.feeds_done == p.feeds_total and not self._listed:
            # Every feed is in: list their stories now, while the stories themselves
            # are still being fetched.
            self._listed = True
            self.reload()
        line = f"Refreshing: {p.feeds_done} of {p.feeds_total} feeds"
        if p.new_items:
            line += f" · {p.new_items} new"
        if p.stories_total:
            line += f" · stories {p.stories_done} of {p.stories_total}"
        if p.feeds_failed or p.stories_failed:
            line += f" · {p.feeds_failed + p.stories_failed} failed"
        self.query_one("#news-status", Label).update(line)


def _matches(item: ItemRecord, query: str) -> bool:
    """Every word of ``query`` in the story's title or summary (any case)."""
    text = f"{item.title or ''} {item.summary or ''}".casefold()
    return all(word in text for word in query.casefold().split())

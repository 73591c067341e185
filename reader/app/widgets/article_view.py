"""The main pane: the story's header and its body as Markdown, at a readable width.

Links in the body never open a browser: ``open_links`` is off and the reading screen
handles ``Markdown.LinkClicked``. Find-in-article marks the matching blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from textual import events
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Markdown, Static
from textual.widgets.markdown import MarkdownBlock

from reader.app.widgets.article_header import ArticleHeader
from reader.app.widgets.picture import StoryPicture

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.widget import Widget

    from reader.library import Story

EMPTY_TEXT = (
    "No story open.\n\nPress ctrl+l (or :) to open a URL, L for the library, ? for every key."
)


def story_parser() -> MarkdownIt:
    """Textual's own Markdown dialect without linkify: a bare address in the text stays
    text. Links come only from the page's own ``<a href>`` (the extractor writes those);
    linkify would also swallow the escapes that keep page text literal (``\\]``)."""
    return MarkdownIt("gfm-like").disable("linkify")


@dataclass
class PictureSlot:
    """Where one picture of the story goes."""

    url: str
    alt: str
    label: MarkdownBlock | None
    """The block showing its alt text, hidden once the picture is drawn (none when the
    block holds several pictures, or for the lead picture)."""
    anchor: MarkdownBlock
    """The picture goes right after this block (the lead picture: right before it)."""
    lead: bool = False
    order: int = 0
    """Its place among the pictures of one block."""


def _added_by(picture: StoryPicture) -> int:
    """Rows a mounted picture adds to the text: its own, less those of the alt text's
    block that a drawn picture hides."""
    hidden = picture.label.outer_size.height if (
        picture.label is not None and picture.state == "drawn") else 0
    return picture.rows_taken - hidden


def _next_sibling(widget: Widget) -> Widget | None:
    parent = widget.parent
    if parent is None:
        return None
    children = parent.children
    at = children.index(widget)
    return children[at + 1] if at + 1 < len(children) else None


def block_text(block: MarkdownBlock) -> str:
    content = block.content
    return content.plain if isinstance(content, Content) else str(content)


class ArticleView(VerticalScroll):
    """Scrolls the story; ``position`` is the scroll offset kept in history and cache."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story: Story | None = None
        self._matches: list[MarkdownBlock] = []
        self._match_index = -1
        self.query_text = ""
        self._width = 0
        """The width the pictures were last fitted to (see ``Widened``)."""
        self.pending_position: float | None = None
        """A position to go to as soon as the body is tall enough (see ``restore``)."""

    def compose(self) -> ComposeResult:
        yield Static(EMPTY_TEXT, id="article-empty", markup=False)
        yield ArticleHeader(id="article-header")
        yield Markdown(id="article-body", open_links=False, parser_factory=story_parser)

    def watch_has_focus(self, _has_focus: bool) -> None:
        """Restyle this view alone when it gains or loses focus. Textual's own watcher
        restyles every node inside it too, and no rule for those depends on this focus:
        for a long story that was hundreds of blocks on every tab (and once more when
        the app exits)."""
        self.app.stylesheet.update_nodes([self], animate=True)

    @property
    def waiting(self) -> bool:
        """True while the first story is on its way: the "no story" text stays hidden."""
        return self.query_one("#article-empty").has_class("-waiting")

    @waiting.setter
    def waiting(self, value: bool) -> None:
        # The class sits on the text itself: a class on this view would restyle every
        # block of the story below it.
        self.query_one("#article-empty").set_class(value, "-waiting")

    @property
    def body(self) -> Markdown:
        return self.query_one("#article-body", Markdown)

    @property
    def position(self) -> float:
        """Where the reader is, in rows of the text without its pictures (they are drawn
        again after a restore, and move the view down as they come): the scroll offset
        less what pictures above it add, or the offset still to be restored."""
        if self.pending_position is not None:
            return self.pending_position
        top = self.body_top
        above = sum(_added_by(p) for p in self.pictures if p.virtual_region.y < top)
        return float(max(0, self.scroll_y - above))

    @property
    def body_top(self) -> int:
        """The first row of the body in view, counted from the body's own top (a block's
        ``virtual_region.y`` counts from there, below the header)."""
        return int(self.scroll_y) - self.body.virtual_region.y

    async def show_story(self, story: Story, *, offline: bool = False) -> None:
        self.clear_find()
        self.story = story
        self.add_class("-has-story")
        self.query_one(ArticleHeader).show_story(story, offline=offline)
        body = story.article.markdown
        if not body.strip():
            body = "*This page holds no story text.*"
        await self.clear_pictures()
        await self.body.update(body)

    # -- pictures ----------------------------------------------------------------------
    @property
    def pictures(self) -> list[StoryPicture]:
        return list(self.body.query_children(StoryPicture))

    async def clear_pictures(self) -> None:
        """Take the pictures out: the alt text of each shows again."""
        pictures = self.pictures
        for picture in pictures:
            picture.forget()
        if pictures:
            await self.body.remove_children(pictures)

    def picture_slots(self, lead: str | None) -> list[PictureSlot]:
        """Where the story's pictures go, in story order: after each block that holds
        pictures alone, and the lead picture (``lead``) under the header when the text
        has no picture before its first paragraph. Nothing is mounted yet."""
        from reader.pictures import pictures_alone  # not on the start-up path

        slots: list[PictureSlot] = []
        text_seen = False
        first_block: MarkdownBlock | None = None
        seen: set[str] = set()
        lines = self.body.source.splitlines(keepends=True)
        for block in self.body.query_children(MarkdownBlock):
            first_block = first_block or block
            found: list[tuple[str, str]] = []
            if block.name == "paragraph_open":
                start, end = block.source_range
                found = pictures_alone("".join(lines[start:end]))
            if not found:
                text_seen = text_seen or block.name == "paragraph_open"
                continue
            for n, (alt, url) in enumerate(found):
                if url not in seen:
                    seen.add(url)
                    label = block if len(found) == 1 else None
                    slots.append(PictureSlot(url, alt, label, block, order=n))
            if not text_seen and lead is not None:
                lead = None  # the story's text opens with its own picture
        if lead is not None and lead not in seen and first_block is not None:
            slots.insert(0, PictureSlot(lead, "", None, first_block, lead=True))
        return slots

    async def put_pictures(self, pictures: list[tuple[PictureSlot, StoryPicture]]) -> None:
        """Mount ready pictures in their slots, in one batch: the story is laid out once
        for all of them (each on its own laid the whole story out again). What the
        reader is looking at stays where it is when pictures above it grow."""
        if not pictures:
            return
        top = self.body_top
        growth = 0
        mounts = []
        with self.app.batch_update():
            for slot, picture in sorted(pictures, key=lambda p: not p[0].lead):
                anchor = slot.anchor
                if anchor.virtual_region.y < top:
                    growth += _added_by(picture)
                if slot.lead:
                    mounts.append(self.body.mount(picture, before=anchor))
                else:
                    # after the block and those of its pictures that come before this one
                    # (a mount joins the children at once, so this batch's count too)
                    after: Widget = anchor
                    while isinstance(nxt := _next_sibling(after), StoryPicture):
                        if nxt.order > slot.order:
                            break
                        after = nxt
                    mounts.append(self.body.mount(picture, after=after))
        for mounted in mounts:
            await mounted
        if growth:
            self.scroll_relative(y=growth, animate=False)

    def restore(self, position: float) -> None:
        """Scroll to ``position`` once the new body has been laid out: its height is
        known only after layout, which sends this widget a Resize when it changes."""
        self.scroll_to(y=0, animate=False, immediate=True)
        self.pending_position = position if position > 0 else None
        if self.pending_position is not None:
            self.call_after_refresh(self._try_restore)

    def _try_restore(self) -> None:
        target = self.pending_position
        if target is not None and self.max_scroll_y >= target:
            self.pending_position = None
            self.scroll_to(y=target, animate=False, immediate=True)

    class Widened(Message):
        """The view's width changed (the terminal's, or the sidebar shown or hidden):
        the pictures are fitted again."""

    def on_resize(self, event: events.Resize) -> None:
        self._try_restore()
        if event.size.width != self._width:
            self._width = event.size.width
            self.post_message(self.Widened())

    # -- moving (every move also stops a pending restore) --------------------------------
    def move_lines(self, lines: int) -> None:
        self.pending_position = None
        self.scroll_relative(y=lines, animate=False)

    def move_pages(self, pages: int) -> None:
        self.pending_position = None
        if pages > 0:
            self.scroll_page_down(animate=False)
        else:
            self.scroll_page_up(animate=False)

    def move_half_page(self, direction: int) -> None:
        self.move_lines(direction * max(1, self.size.height // 2))

    def move_to_top(self) -> None:
        self.pending_position = None
        self.scroll_home(animate=False)

    def move_to_bottom(self) -> None:
        self.pending_position = None
        self.scroll_end(animate=False)

    def on_mouse_scroll_down(self) -> None:
        self.pending_position = None

    def on_mouse_scroll_up(self) -> None:
        self.pending_position = None

    # -- find ------------------------------------------------------------------------
    def _leaf_blocks(self) -> list[MarkdownBlock]:
        return [
            b
            for b in self.body.query(MarkdownBlock)
            if not any(isinstance(c, MarkdownBlock) for c in b.children)
        ]

    def find(self, text: str) -> int:
        """Mark the blocks holding ``text`` (any case) and go to the first below the view."""
        self.clear_find()
        self.query_text = text
        needle = text.casefold()
        if not needle:
            return 0
        self._matches = [b for b in self._leaf_blocks() if needle in block_text(b).casefold()]
        for block in self._matches:
            block.add_class("-match")
        if self._matches:
            top = self.body_top
            first = next((i for i, b in enumerate(self._matches) if b.virtual_region.y >= top), 0)
            self._go(first)
        return len(self._matches)

    def next_match(self, step: int = 1) -> tuple[int, int]:
        """Go to the next (or, with -1, previous) match; returns (number, total)."""
        if not self._matches:
            return (0, 0)
        self._go((self._match_index + step) % len(self._matches))
        return (self._match_index + 1, len(self._matches))

    def _go(self, index: int) -> None:
        if 0 <= self._match_index < len(self._matches):
            self._matches[self._match_index].remove_class("-current-match")
        self._match_index = index
        block = self._matches[index]
        block.add_class("-current-match")
        self.scroll_to_widget(block, animate=False, center=True, immediate=True)

    def clear_find(self) -> None:
        for block in self._matches:
            block.remove_class("-match", "-current-match")
        self._matches = []
        self._match_index = -1
        self.query_text = ""

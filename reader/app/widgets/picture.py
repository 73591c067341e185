"""One picture of the story, drawn where it stands in the text.

It sits right after the Markdown block that holds the picture's alt text. Until the
picture arrives that text stays as it is; a drawn picture takes its place; a picture
that cannot be drawn leaves the alt text and adds a quiet note saying why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Vertical
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.widget import Widget

    from reader.app.graphics import Graphics


class StoryPicture(Vertical):
    DEFAULT_CSS = """
    StoryPicture {
        height: auto;
        width: 1fr;
    }
    StoryPicture > .picture-note {
        display: none;
        color: $text-muted;
        text-style: italic;
        height: auto;
    }
    StoryPicture.-failed > .picture-note {
        display: block;
    }
    StoryPicture > .picture-image {
        margin: 0 0 1 0;
    }
    """

    def __init__(self, url: str, alt: str, label: Widget | None, *, lead: bool = False) -> None:
        super().__init__(classes="-lead" if lead else "")
        self.url = url
        self.alt = alt
        self.label = label
        """The block that shows the alt text (none for the lead picture)."""
        self.state = "waiting"
        """``waiting``, ``drawn`` or ``failed``."""
        self.problem: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("", classes="picture-note", markup=False)

    def draw(self, image: object, graphics: Graphics, columns: int, rows: int) -> None:
        """Show the decoded ``image`` (a PIL image) ``columns`` x ``rows`` cells large."""
        widget = graphics.widget(image)
        widget.add_class("picture-image")
        widget.styles.width = columns
        widget.styles.height = rows
        self.mount(widget)
        if self.label is not None:
            self.label.display = False
        self.state = "drawn"
        self.remove_class("-failed")

    def fail(self, problem: str) -> None:
        """Keep the alt text and say, quietly, why the picture is not there."""
        self.state, self.problem = "failed", problem
        what = f"picture: {self.alt}" if self.label is None and self.alt else "picture"
        self.query_one(".picture-note", Static).update(f"[{what} not shown: {problem}]")
        self.add_class("-failed")

    def forget(self) -> None:
        """Gone from the story (pictures turned off, or another story): the alt text
        shows again."""
        if self.label is not None:
            self.label.display = True

"""One picture of the story, drawn where it stands in the text.

It sits right after the Markdown block that holds the picture's alt text, and is made
once the picture is ready (drawn) or known not to come (failed): a drawn picture takes
the alt text's place; a picture that cannot be drawn leaves the alt text and adds a
quiet note saying why.
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
        color: $text-muted;
        text-style: italic;
        height: auto;
    }
    StoryPicture > .picture-image {
        margin: 0 0 1 0;
    }
    """

    def __init__(
        self,
        url: str,
        alt: str,
        label: Widget | None,
        *,
        lead: bool = False,
        order: int = 0,
    ) -> None:
        super().__init__(classes="-lead" if lead else "")
        self.url = url
        self.alt = alt
        self.label = label
        """The block that shows the alt text (none for the lead picture)."""
        self.order = order
        self.state = "waiting"
        """``drawn`` or ``failed`` once it is ready to mount."""
        self.problem: str | None = None
        self._image: Widget | None = None
        self.rows_taken = 0
        """Rows it takes in the story (the picture and its margin, or the note)."""
        self.pixels = (0, 0)
        """The picture's own width and height (drawn ones)."""

    def draw(
        self,
        image: object,
        graphics: Graphics,
        columns: int,
        rows: int,
        pixels: tuple[int, int] = (0, 0),
    ) -> None:
        """Show the decoded ``image`` (a PIL image) ``columns`` x ``rows`` cells large;
        ``pixels`` is the picture's own size (for ``fit``)."""
        widget = graphics.widget(image)
        widget.add_class("picture-image")
        self._image, self.pixels = widget, pixels
        self.state = "drawn"
        self.fit(columns, rows)

    def fit(self, columns: int, rows: int) -> None:
        """Draw it ``columns`` x ``rows`` cells large (the pane changed its width)."""
        if self._image is not None:
            self._image.styles.width = columns
            self._image.styles.height = rows
            self.rows_taken = rows + 1

    def fail(self, problem: str) -> None:
        """Keep the alt text and say, quietly, why the picture is not there."""
        self.state, self.problem, self.rows_taken = "failed", problem, 1

    def compose(self) -> ComposeResult:
        if self._image is not None:
            yield self._image
        elif self.problem is not None:
            what = f"picture: {self.alt}" if self.label is None and self.alt else "picture"
            yield Static(
                f"[{what} not shown: {self.problem}]", classes="picture-note", markup=False
            )

    def on_mount(self) -> None:
        if self.state == "drawn" and self.label is not None:
            self.label.display = False

    def forget(self) -> None:
        """Gone from the story (pictures turned off, or another story): the alt text
        shows again."""
        if self.label is not None:
            self.label.display = True

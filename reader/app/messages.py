"""Messages: results of background work for the screens, and what the screens ask the
app to do (open a story, show the library, ask for a URL; a story was shown)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from textual.message import Message

if TYPE_CHECKING:
    from reader.library import Story, TeaserState

Origin = Literal["new", "back", "forward", "reload"]
"""How a story came to be opened: a new visit, a move in history, or a reload."""


class StoryLoaded(Message):
    """A story is ready to show."""

    def __init__(
        self, story: Story, origin: Origin, position: float | None, *, revalidate: bool = False
    ) -> None:
        super().__init__()
        self.story = story
        self.origin = origin
        self.position = position
        """Where to scroll to (None: the story's remembered position)."""
        self.revalidate = revalidate
        """The story came straight from the cache: once it is on screen, open it through
        the library (revalidating it and recording the reading), and show the newer
        version if there is one."""


class StoryFailed(Message):
    """Opening ``target`` failed; ``message`` says what happened and what to do."""

    def __init__(self, target: str, message: str, origin: Origin) -> None:
        super().__init__()
        self.target = target
        self.message = message
        self.origin = origin


class TeaserUpdated(Message):
    """The prefetcher learned something about one teaser."""

    def __init__(self, story_url: str, state: TeaserState) -> None:
        super().__init__()
        self.story_url = story_url
        self.state = state


class OpenStory(Message):
    """A screen asks the app to open ``target`` (a URL, a file, a cached story's key) in
    the reading screen."""

    def __init__(self, target: str) -> None:
        super().__init__()
        self.target = target


class ShowLibrary(Message):
    """A screen asks the app to show the library."""


class ShowNews(Message):
    """A screen asks the app to show the news (the subscriptions' stories)."""


class ShowHome(Message):
    """Nothing was asked for: the app shows the news when there are subscriptions, else
    the library."""


class AskForUrl(Message):
    """A screen asks the app to ask the user for a URL to open."""


class StoryShown(Message):
    """The reading screen has a story on screen."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url


class PicturesDone(Message):
    """The story on screen has every picture drawn or marked as not shown."""

    def __init__(self, url: str, drawn: int, failed: int) -> None:
        super().__init__()
        self.url = url
        self.drawn = drawn
        self.failed = failed

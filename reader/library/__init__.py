"""The one façade the app and the command line go through: open a story (cache first,
or the network), prefetch its teasers, search and prune the cache, save and format
stories. The modules inside are this package's own; code elsewhere imports only the
names below.
"""

from reader.library.facade import Library
from reader.library.formats import FORMATS, render, to_markdown
from reader.library.pages import read_stream
from reader.library.target import is_web_url, parse_target
from reader.library.views import Story, TeaserState, TeaserStatusView
from reader.model import StoryRow

__all__ = [
    "FORMATS",
    "Library",
    "Story",
    "StoryRow",
    "TeaserState",
    "TeaserStatusView",
    "is_web_url",
    "parse_target",
    "read_stream",
    "render",
    "to_markdown",
]

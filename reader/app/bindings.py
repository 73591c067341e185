"""Every key of the app: binding ids, default keys, the action each runs, and help text.

The ids are the contract of the config file's ``[keymap]`` table: ``back = "h,left"``
rebinds the ``back`` action. Textual's keymap support applies the table to every screen
(``App.set_keymap``); the help screen and the command palette read the live bindings,
so a remapped key shows up there too.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Key:
    id: str
    keys: str
    action: str
    description: str
    show: bool = False
    """Shown in the footer."""
    palette: bool = True
    """Offered in the command palette."""
    short: str = ""
    """The footer's label (the description when empty)."""


READING_KEYS: tuple[Key, ...] = (
    Key("scroll-down", "j,down", "scroll_down", "Scroll down"),
    Key("scroll-up", "k,up", "scroll_up", "Scroll up"),
    Key("page-down", "space,pagedown", "page_down", "Page down"),
    Key("page-up", "b,pageup", "page_up", "Page up"),
    Key("half-page-down", "d", "half_page_down", "Half a page down"),
    Key("half-page-up", "u", "half_page_up", "Half a page up"),
    Key("top", "g,home", "scroll_home", "Go to the top"),
    Key("bottom", "G,end", "scroll_end", "Go to the bottom"),
    Key("open-teaser", "enter", "open_selected", "Open the selected teaser"),
    *(
        Key(f"open-teaser-{n}", str(n), f"open_teaser({n})", f"Open teaser {n}", palette=False)
        for n in range(1, 10)
    ),
    Key("hints", "f", "hints", "Link hints", show=True, short="Hints"),
    Key("back", "backspace,h,alt+left", "back", "Back", show=True, short="Back"),
    Key("forward", "l,alt+right", "forward", "Forward"),
    Key("open-url", "ctrl+l,colon", "open_url", "Open a URL", show=True, short="Open URL"),
    Key("find", "slash", "find", "Find in the article", show=True, short="Find"),
    Key("find-next", "n", "find_next", "Next match"),
    Key("find-previous", "N", "find_previous", "Previous match"),
    Key("library", "L", "library", "Library", show=True, short="Library"),
    Key("news", "H", "news", "The news: every subscription's stories"),
    Key("reload", "r", "reload", "Reload the story"),
    Key("browser", "o", "browser", "Open in the system browser"),
    Key("save", "s", "save", "Save as Markdown"),
    Key("sidebar", "t", "toggle_sidebar", "Show or hide the teasers", show=True, short="Teasers"),
    Key("pictures", "i", "toggle_pictures", "Show or hide the story's pictures"),
    Key("focus-next", "tab", "app.focus_next", "Focus the next pane", palette=False),
    Key(
        "focus-previous",
        "shift+tab",
        "app.focus_previous",
        "Focus the previous pane",
        palette=False,
    ),
)

LIBRARY_KEYS: tuple[Key, ...] = (
    Key("library-search", "slash", "search", "Search the library", show=True, short="Search"),
    Key("library-open-url", "ctrl+l,colon", "open_url", "Open a URL", show=True, short="Open URL"),
    Key("library-close", "escape", "close", "Back to the story", show=True, short="Back"),
)

NEWS_KEYS: tuple[Key, ...] = (
    Key("news-open", "enter", "open_selected", "Open the story", palette=False),
    Key("toggle-read", "m", "toggle_read", "Mark the story read or unread", show=True,
        short="Read"),
    Key("mark-all-read", "M", "mark_all_read", "Mark every story shown read"),
    Key("unread-only", "U", "unread_only", "Show only unread stories, or all", show=True,
        short="Unread"),
    Key("refresh", "R", "refresh", "Refresh every subscription", show=True, short="Refresh"),
    Key("news-search", "slash", "search", "Search the stories shown", show=True,
        short="Search"),
    Key("news-feeds", "t", "toggle_feeds", "Show or hide the subscriptions pane"),
    Key("news-library", "L", "library", "Library", show=True, short="Library"),
    Key("news-open-url", "ctrl+l,colon", "open_url", "Open a URL", show=True,
        short="Open URL"),
    Key("news-clear", "escape", "clear", "Clear the search, then show every subscription"),
    Key("news-focus-next", "tab", "app.focus_next", "Focus the next pane", palette=False),
)

APP_KEYS: tuple[Key, ...] = (
    Key("help", "question_mark,f1", "help", "Help: every key", show=True, short="Help"),
    Key("quit", "q", "quit", "Quit", show=True),
    Key("palette", "ctrl+p", "command_palette", "Command palette", show=True, short="Palette"),
)


def bindings(keys: tuple[Key, ...]) -> list[BindingType]:
    """Textual bindings for ``keys``: one Binding per key string, each with its id."""
    return [
        Binding(k.keys, k.action, k.short or k.description, show=k.show, id=k.id) for k in keys
    ]


def description(binding_id: str | None) -> str | None:
    """The long description of a binding id (for help and the palette)."""
    for key in (*READING_KEYS, *LIBRARY_KEYS, *NEWS_KEYS, *APP_KEYS):
        if key.id == binding_id:
            return key.description
    return None


def known_ids() -> set[str]:
    return {k.id for k in (*READING_KEYS, *LIBRARY_KEYS, *NEWS_KEYS, *APP_KEYS)}


def keymap_problems(keymap: dict[str, str]) -> list[str]:
    """Sentences for the ids in ``keymap`` that no binding has (typos in the config)."""
    ids = known_ids()
    return [
        f"[keymap] names no action called {name!r}; see the help screen (?) for the ids"
        for name in sorted(keymap)
        if name not in ids
    ]

"""Back/forward history with a cursor, like a browser's. Pure; no I/O."""

from __future__ import annotations

from dataclasses import dataclass

NEWS = "reader:news"
"""The entry standing for the news list: a story opened from it comes after it, so going
back from that story returns to the list."""


@dataclass
class Entry:
    url: str
    position: float = 0.0
    """Scroll offset when the user left this entry."""


class History:
    """A list of visited URLs and a cursor. Visiting a new URL drops the forward part."""

    def __init__(self) -> None:
        self._entries: list[Entry] = []
        self._index = -1

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def current(self) -> Entry | None:
        return self._entries[self._index] if self._entries else None

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        return 0 <= self._index < len(self._entries) - 1

    def visit(self, url: str, position: float = 0.0) -> Entry:
        """Open ``url`` after the current entry; the forward entries are dropped."""
        cur = self.current
        if cur is not None and cur.url == url:
            return cur
        del self._entries[self._index + 1 :]
        entry = Entry(url, position)
        self._entries.append(entry)
        self._index = len(self._entries) - 1
        return entry

    def back(self) -> Entry | None:
        if not self.can_go_back:
            return None
        self._index -= 1
        return self._entries[self._index]

    def forward(self) -> Entry | None:
        if not self.can_go_forward:
            return None
        self._index += 1
        return self._entries[self._index]

    def replace_current_url(self, url: str) -> None:
        """After a redirect, the entry holds the story's final URL."""
        if self.current is not None:
            self.current.url = url

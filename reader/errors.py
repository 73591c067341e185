"""One exception family. Every message is a sentence a person can act on.

The command line prints ``reader: <message>``; the app shows it as a notification.
"""

from __future__ import annotations


class ReaderError(Exception):
    """Base of every error ``reader`` reports to a user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class FetchError(ReaderError):
    """A page could not be fetched (network, HTTP status, limits, content type)."""

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


class CacheError(ReaderError):
    """The cache could not be read or written."""


class NotCachedError(ReaderError):
    """Offline, and the story is not in the cache."""


class NoArticleError(ReaderError):
    """The page holds no story."""


class UsageError(ReaderError):
    """The user asked for something that cannot be (a bad target, a bad option)."""

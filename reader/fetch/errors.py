"""The fetch layer's errors, and turning transport failures into sentences.

Every class here is a ``reader.errors.FetchError``: the command line prints the message
after ``reader: ``, the app shows it as a notification. Messages never carry an httpx
type name or a traceback, and any URL in them is shown with control characters removed.
"""

from __future__ import annotations

import errno
import math
import re
import socket
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from reader.errors import FetchError
from reader.extract import quote_text

if TYPE_CHECKING:
    import httpx

    from reader.fetch.settings import FetchSettings

def show(text: str) -> str:
    """``text`` (from a server, or a URL) made fit to quote in a message."""
    return quote_text(text)


def host_label(url: str) -> str:
    """The host of ``url`` as a person would name it: ``example.com``, ``127.0.0.1:8080``."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return show(url)
    if ":" in host:
        host = f"[{host}]"
    return show(f"{host}:{port}" if port is not None else host) or show(url)


class HTTPStatusError(FetchError):
    """The server answered with an error status (4xx or 5xx)."""

    def __init__(
        self, message: str, *, url: str, status: int, retry_after: float | None = None
    ) -> None:
        super().__init__(message, url=url)
        self.status = status
        self.retry_after = retry_after
        """Seconds the server asked us to wait (429 and 503 only), when it said."""


class FetchTimeoutError(FetchError):
    """The total deadline (or the connect timeout) passed."""


class ConnectFailedError(FetchError):
    """The server could not be reached: name not resolved, refused, unreachable, TLS."""


class ConnectionLostError(FetchError):
    """The connection broke after it was made: reset, closed mid-body."""


class ProtocolViolationError(FetchError):
    """The server's answer was not valid HTTP (including headers far too large)."""


class RedirectError(FetchError):
    """Too many redirects, a loop, or a redirect to something other than http(s)."""


class NotHTMLError(FetchError):
    """The response is not an HTML page (by its Content-Type or its first bytes)."""

    def __init__(self, message: str, *, url: str | None, content_type: str) -> None:
        super().__init__(message, url=url)
        self.content_type = content_type


class NotPictureError(FetchError):
    """Asked for a picture (``accept="picture"``), the server sent markup: a web page,
    an SVG drawing, XML."""

    def __init__(self, message: str, *, url: str | None, reason: str) -> None:
        super().__init__(message, url=url)
        self.reason = reason
        """A few words to show in the picture's place ("not a picture (a web page)")."""


class PictureTooLargeError(FetchError):
    """A picture larger than its cap: refused, never cut (a cut picture is a broken one)."""

    def __init__(self, message: str, *, url: str | None, limit: int) -> None:
        super().__init__(message, url=url)
        self.limit = limit


class ContentEncodingError(FetchError):
    """The body used an unknown content encoding, or did not decode."""


class BadURLError(FetchError):
    """Not an http(s) address with a host."""


class LocalFileError(FetchError):
    """A local file could not be read (missing, a folder, unreadable, too large)."""


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and every exception behind it (causes, contexts, group members)."""
    stack = [exc]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if isinstance(current, BaseExceptionGroup):
            stack.extend(current.exceptions)
        if current.__cause__ is not None:
            stack.append(current.__cause__)
        if current.__context__ is not None:
            stack.append(current.__context__)


_ERRNO_WORDS = {
    errno.ECONNREFUSED: "connection refused",
    errno.ECONNRESET: "connection reset",
    errno.ENETUNREACH: "network unreachable",
    errno.EHOSTUNREACH: "host unreachable",
    errno.ETIMEDOUT: "no answer (timed out)",
    errno.EADDRNOTAVAIL: "address not available",
    errno.ENETDOWN: "network is down",
}


def _seconds(value: float) -> str:
    return f"{value:g} s"


def connect_reason(exc: BaseException, connect_timeout: float | None) -> str:
    """Why a connection could not be made, in a few words."""
    for cause in _causes(exc):
        if isinstance(cause, socket.gaierror):
            return "name not resolved"
        if isinstance(cause, ssl.SSLCertVerificationError):
            detail = show(str(cause.verify_message or "")) or "it could not be verified"
            return f"its certificate was refused ({detail})"
        if isinstance(cause, ssl.SSLError):
            return "the secure connection (TLS) could not be set up"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, OSError) and cause.errno in _ERRNO_WORDS:
            return _ERRNO_WORDS[cause.errno]
    if connect_timeout is not None and _is_timeout(exc):
        return f"no answer within {_seconds(connect_timeout)}"
    return "the connection failed"


def _is_timeout(exc: BaseException) -> bool:
    return any(isinstance(c, TimeoutError) for c in _causes(exc)) or "Timeout" in type(exc).__name__


def headers_too_large(exc: BaseException) -> bool:
    """True when h11 gave up on a response head bigger than its buffer."""
    return any("too long" in str(c).lower() for c in _causes(exc))


def timeout_error(url: str, seconds: float) -> FetchTimeoutError:
    return FetchTimeoutError(f"timed out after {_seconds(seconds)} fetching {show(url)}", url=url)


Phase = Literal["connect", "head", "body"]
"""How far a request got: connecting, waiting for the answer's head, reading the body."""

BACK_OFF_STATUSES = frozenset({429, 503})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delay-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"[0-9]{1,10}", value):
        return float(int(value))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def status_error(url: str, status: int, retry_after: str | None) -> HTTPStatusError:
    """``example.com answered 404 Not Found``; 429 and 503 carry ``retry_after``."""
    import httpx

    phrase = httpx.codes.get_reason_phrase(status)
    message = f"{host_label(url)} answered {status}" + (f" {phrase}" if phrase else "")
    wait = parse_retry_after(retry_after) if status in BACK_OFF_STATUSES else None
    if wait is not None:
        message += f" (it asks to wait {math.ceil(wait)} s before trying again)"
    elif status in REDIRECT_STATUSES:
        message += " without saying where to go"
    return HTTPStatusError(message, url=url, status=status, retry_after=wait)


def translate(exc: httpx.HTTPError, url: str, phase: Phase, settings: FetchSettings) -> FetchError:
    """The ``FetchError`` for an httpx failure during ``phase`` of fetching ``url``."""
    import httpx

    host = host_label(url)
    shown = show(url)
    if isinstance(exc, httpx.ConnectTimeout):
        return FetchTimeoutError(
            f"could not reach {host}: no answer within {settings.connect_timeout:g} s",
            url=url,
        )
    if isinstance(exc, httpx.TimeoutException):
        return timeout_error(url, settings.deadline)
    if isinstance(exc, httpx.ConnectError | httpx.ProxyError):
        reason = connect_reason(exc, settings.connect_timeout)
        return ConnectFailedError(f"could not reach {host}: {reason}", url=url)
    if isinstance(exc, httpx.UnsupportedProtocol):
        return BadURLError(f"not a web address: {shown}", url=url)
    if headers_too_large(exc):
        return ProtocolViolationError(
            f"{host} sent response headers too large to read ({shown})", url=url
        )
    if isinstance(exc, httpx.RemoteProtocolError):
        if phase == "body":
            return ConnectionLostError(
                f"connection to {host} was closed before the whole page arrived ({shown})",
                url=url,
            )
        if "without sending" in str(exc):
            return ConnectionLostError(
                f"{host} closed the connection without answering ({shown})", url=url
            )
        return ProtocolViolationError(
            f"{host} sent an answer that is not valid HTTP ({shown})", url=url
        )
    if isinstance(exc, httpx.ReadError | httpx.WriteError):
        when = "while reading" if phase == "body" else "before it answered:"
        return ConnectionLostError(f"connection to {host} was reset {when} {shown}", url=url)
    return FetchError(f"could not fetch {shown}: the transfer failed", url=url)

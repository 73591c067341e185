"""From what went wrong on the wire to a ``FetchError`` a person understands."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Literal, Protocol

from reader.errors import FetchError
from reader.fetch_errors import (
    BadURLError,
    ConnectFailedError,
    ConnectionLostError,
    FetchTimeoutError,
    HTTPStatusError,
    ProtocolViolationError,
    connect_reason,
    headers_too_large,
    host_label,
    show,
    timeout_error,
)

if TYPE_CHECKING:
    import httpx

Phase = Literal["connect", "head", "body"]
"""How far a request got: connecting, waiting for the answer's head, reading the body."""

BACK_OFF_STATUSES = frozenset({429, 503})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class _Timeouts(Protocol):
    @property
    def connect_timeout(self) -> float: ...

    @property
    def deadline(self) -> float: ...


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


def translate(exc: httpx.HTTPError, url: str, phase: Phase, settings: _Timeouts) -> FetchError:
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

"""Building the one httpx client a ``Fetcher`` uses."""

from __future__ import annotations

import contextlib
import functools
import importlib
from typing import TYPE_CHECKING

from reader.fetch.encoding import ACCEPT_ENCODING
from reader.fetch.redirects import check_location

if TYPE_CHECKING:
    import ssl

    import httpx

    from reader.fetch.settings import FetchSettings

ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")
"""Hosts a proxy from the environment never carries (the demo site lives there)."""


@functools.cache
def tls_context() -> ssl.SSLContext:
    """The TLS settings (system or certifi roots, SSL_CERT_FILE honoured), made once.

    The fetcher builds this in a worker thread (``prepare``) so the event loop, and the
    app's screen, never wait for it.
    """
    import httpx

    return httpx.create_ssl_context()


def prepare() -> ssl.SSLContext:
    """Everything slow about the first request, for a worker thread: importing httpx,
    httpcore, h2 and anyio (0.3-0.6 s) and loading the TLS roots (0.1-0.4 s)."""
    import httpcore  # noqa: F401  (httpx imports it only when the client is made)
    import httpx  # noqa: F401

    # httpcore loads these on the first request; anyio's asyncio backend is the largest.
    for name in ("h2.connection", "anyio", "anyio._backends._asyncio"):
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    return tls_context()


def _positive(value: float) -> float | None:
    return value if value > 0 else None


def make_client(settings: FetchSettings, tls: ssl.SSLContext) -> httpx.AsyncClient:
    import httpx

    try:
        import h2  # noqa: F401

        http2 = True
    except ImportError:  # pragma: no cover - h2 is a dependency
        http2 = False
    return httpx.AsyncClient(
        http2=http2,
        verify=tls,
        follow_redirects=False,  # followed by the fetcher: httpx would read their bodies
        timeout=httpx.Timeout(
            connect=_positive(settings.connect_timeout),
            read=_positive(settings.deadline),
            write=_positive(settings.deadline),
            pool=_positive(settings.deadline),
        ),
        mounts={f"all://{host}": None for host in LOOPBACK_HOSTS},
        event_hooks={"response": [_check_location]},
        headers={
            "User-Agent": settings.user_agent,
            "Accept": ACCEPT,
            "Accept-Encoding": ACCEPT_ENCODING,
        },
    )


async def _check_location(response: httpx.Response) -> None:
    # Runs before httpx builds the next request of a redirect, which raises a bare
    # InvalidURL on targets such as data: URLs.
    check_location(response)

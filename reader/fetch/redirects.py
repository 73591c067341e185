"""Web addresses and redirects: what may be fetched, and where a redirect may lead."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.fetch.errors import BadURLError, RedirectError, host_label, show

if TYPE_CHECKING:
    import httpx

WEB_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}

_C0_AND_SPACE = "".join(map(chr, range(0x21)))

CookieState = tuple[tuple[str, str, str, str], ...]


def check_web_url(url: str) -> httpx.URL:
    """``url`` parsed, when it is an http(s) address with a host; else ``BadURLError``."""
    import httpx

    try:
        parsed = httpx.URL(url.strip())
        usable = _usable(parsed)
    except (httpx.InvalidURL, TypeError, ValueError):
        usable = False
    if not usable:
        raise BadURLError(f"not a web address: {show(url)}", url=url)
    return parsed


def _usable(url: httpx.URL) -> bool:
    """An http(s) URL with a host (valid in IDNA terms) and a port that can exist."""
    try:
        host = url.host  # decodes IDNA; a malformed A-label raises here
    except ValueError:
        return False
    port = url.port
    return url.scheme in WEB_SCHEMES and bool(host) and (port is None or 0 < port < 65536)


def origin_key(url: httpx.URL) -> tuple[str, str, int]:
    """What the per-host limit counts by: scheme, host and port."""
    host = url.raw_host.decode("ascii", "replace").lower()
    return url.scheme, host, url.port or DEFAULT_PORTS.get(url.scheme, 0)


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def check_location(response: httpx.Response) -> None:
    """Refuse a redirect's Location before httpx itself tries to build the next request
    (it raises a bare ``InvalidURL`` on some, such as ``data:`` URLs)."""
    import httpx

    if not response.has_redirect_location:
        return
    here = str(response.url)
    location = response.headers["location"].strip(_C0_AND_SPACE)
    scheme = _SCHEME.match(location)
    if scheme and scheme.group(1).lower() not in WEB_SCHEMES:
        raise RedirectError(
            f"refusing to follow a redirect to a {show(scheme.group(1).lower())}: URL "
            f"(from {show(here)})",
            url=here,
        )
    try:
        httpx.URL(location)
    except (httpx.InvalidURL, TypeError, ValueError):
        raise RedirectError(
            f"{host_label(here)} redirected to an address that is not valid: {show(location)}",
            url=here,
        ) from None


def redirect_target(response: httpx.Response) -> httpx.URL:
    """Where a redirect response points, resolved against its URL as httpx resolves it.

    Raises ``RedirectError`` for an address that is not valid or not http(s).
    """
    check_location(response)
    here = response.url
    target = (
        response.next_request.url
        if response.next_request is not None
        else here.join(response.headers["location"].strip(_C0_AND_SPACE))
    )
    if not _usable(target):
        raise RedirectError(
            f"{host_label(str(here))} redirected to an address reader cannot follow: "
            f"{show(str(target))}",
            url=str(here),
        )
    return target


class RedirectTracker:
    """The chain of a request's redirects: counts them and spots loops.

    A loop is a return to an address already visited while the cookies are the same as
    on that visit (a site that sets a cookie and sends us back is not a loop).
    """

    def __init__(self, asked: str, limit: int) -> None:
        self.asked = asked
        self.limit = max(0, limit)
        self._chain: list[str] = []
        self._seen: dict[str, CookieState] = {}

    @property
    def chain(self) -> tuple[str, ...]:
        return tuple(self._chain)

    def visit(self, url: httpx.URL, cookies: CookieState) -> None:
        """Note a request about to be made; ``RedirectError`` when it closes a loop."""
        key = _key(url)
        if self._chain and self._seen.get(key) == cookies:
            raise RedirectError(
                f"redirect loop: {show(self._chain[-1])} leads back to {show(str(url))}",
                url=self.asked,
            )
        self._seen[key] = cookies

    def follow(self, here: httpx.URL, target: httpx.URL) -> httpx.URL:
        """Note a redirect from ``here``; ``RedirectError`` past the limit."""
        self._chain.append(str(here))
        if len(self._chain) > self.limit:
            raise RedirectError(
                f"too many redirects (more than {self.limit}) from {show(self.asked)}",
                url=self.asked,
            )
        return target


def _key(url: httpx.URL) -> str:
    return str(url.copy_with(fragment=None))

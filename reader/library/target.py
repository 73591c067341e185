"""What a user may name as a story: an http(s) URL, a file, or a bare host and path."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from reader.errors import UsageError

HINT = "give an http(s) URL, a path to an HTML file, or a host and path like example.com/story"

# Endings that name a file, never a top-level domain: "page.html" is a missing file.
_FILE_ENDINGS = frozenset({"html", "htm", "xhtml", "shtml", "txt", "xml", "json", "pdf", "php"})
_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_HOST = re.compile(rf"^(?:{_LABEL}\.)+(?P<tld>[a-z]{{2,63}}|xn--[a-z0-9-]+)(?::\d{{1,5}})?$")
_IPV4 = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?$")


def is_web_url(text: str) -> bool:
    """True for an absolute http or https URL with a host."""
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def host_name(url: str) -> str | None:
    """The host a person would name a site by when the page names none."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def file_url_path(url: str) -> Path | None:
    """The local path of a ``file://`` URL, or None for any other URL."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    return Path(unquote(parts.path))


def _bare_host(text: str) -> str | None:
    host = text.partition("/")[0]
    host = host.lower()
    if any(c.isspace() for c in text) or not host:
        return None
    m = _HOST.match(host)
    if m and m.group("tld") not in _FILE_ENDINGS:
        return f"https://{text}"
    if _IPV4.match(host) or host == "localhost" or host.startswith("localhost:"):
        return f"https://{text}"
    return None


def parse_target(target: str) -> str:
    """An http(s) URL (returned as given), a ``file://`` URL, an existing file path
    (→ its ``file://`` URL) or a bare host and path (→ ``https://…``).

    Raises ``UsageError`` for anything else, a folder, or a missing file.
    """
    text = target.strip()
    if not text:
        raise UsageError(f"no story named; {HINT}")
    if is_web_url(text):
        return text
    if "://" in text:
        path = file_url_path(text)
        if path is not None:
            return path.resolve().as_uri()
        scheme = text.split("://", 1)[0].lower()
        if scheme in ("http", "https"):
            raise UsageError(f"cannot open {target!r}: not a well-formed web address; {HINT}")
        raise UsageError(f"cannot open {target!r}: only http and https URLs are read; {HINT}")
    path = Path(text).expanduser()
    try:
        if path.is_dir():
            raise UsageError(f"{target} is a folder; {HINT}")
        if path.exists():
            return path.resolve().as_uri()
    except OSError:
        pass
    url = _bare_host(text)
    if url is not None:
        return url
    raise UsageError(f"no such file or URL: {target}; {HINT}")

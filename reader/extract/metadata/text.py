"""Small text helpers for metadata: terminal-safe strings, titles, URLs, languages.

All pure and total. ``clean_line`` is the one door every metadata string passes through
on its way out: no control characters, escape sequences or bidi overrides survive it
(``reader.extract.sanitize.clean_text`` does the work).
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote, urljoin, urlsplit

from reader.extract.sanitize import clean_text

_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " « ", " ~ ")
_PREFIX_SEPARATORS = (*_SEPARATORS, ": ")
_SPACE = re.compile(r"\s")
_NOT_ALNUM = re.compile(r"[\W_]+")
_LANGUAGE = re.compile(r"^([a-z]{2,3})(?:-([a-z]{4}))?(?:-([a-z]{2}|\d{3}))?(?:-|$)")


def _terminal_safe(text: str) -> str:
    """``clean_text`` (the extraction core's one sanitizer), and no byte-order marks."""
    return clean_text(text).replace("\ufeff", "")


def clean_line(text: str | None) -> str | None:
    """``text`` on one line, terminal-safe, whitespace collapsed; None when empty."""
    if not text:
        return None
    return " ".join(_terminal_safe(text).split()) or None


def clean_block(text: str | None) -> str | None:
    """``text`` terminal-safe with its line breaks and tabs kept; None when blank."""
    if not text or not text.strip():
        return None
    cleaned = _terminal_safe(text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return cleaned or None


def _key(text: str) -> str:
    return _NOT_ALNUM.sub("", text.casefold())


@lru_cache(maxsize=64)
def host_key(url: str | None) -> str:
    """The distinctive part of a URL's host: "www.the-hill.co.uk" gives "thehill"."""
    if not url:
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    labels = [label for label in host.split(".") if label not in ("www", "m", "amp")]
    if len(labels) > 1:
        labels.pop()  # the top-level domain
    while len(labels) > 1 and len(labels[-1]) <= 3:
        labels.pop()  # "co" of "co.uk", "com" of "com.br"
    return _key("".join(labels[-1:])) if labels else ""


def matches_host(name: str | None, url: str | None) -> bool:
    """True when ``name`` reads like the URL's host ("The Hill" and thehill.com)."""
    if not name:
        return False
    host = host_key(url)
    if " " not in name.strip() and "." in name:
        return bool(host) and host_key("http://" + name.strip().lower()) == host
    name_key = _key(name)
    if len(name_key) < 3 or len(host) < 3:
        return False
    return (
        name_key == host
        or name_key in host
        or (len(host) >= 5 and host in name_key and len(name_key) <= len(host) + 5)
    )


def names_site(part: str, site: str | None, url: str | None) -> bool:
    """True when a title segment names the site (by its name or its host)."""
    part_key = _key(part)
    if not part_key:
        return False
    if site:
        site_key = _key(site)
        if site_key and (
            part_key == site_key
            or part_key in site_key
            or (site_key in part_key and len(part_key) <= len(site_key) + 5)
        ):
            return True
    return matches_host(part, url)


_SEGMENTS = re.compile("|".join(re.escape(sep) for sep in _PREFIX_SEPARATORS[:-1]))


def title_segments(title: str) -> list[str]:
    """The parts of a title between separators ("A | B - C" gives A, B, C)."""
    return [part.strip() for part in _SEGMENTS.split(title) if part.strip()]


def split_title(title: str) -> tuple[str, str, str] | None:
    """(head, last segment, separator) at the title's last separator, or None."""
    best: tuple[int, str] | None = None
    for separator in _SEPARATORS:
        index = title.rfind(separator)
        if index > 0 and (best is None or index > best[0]):
            best = (index, separator)
    if best is None:
        return None
    index, separator = best
    head, tail = title[:index].strip(), title[index + len(separator) :].strip()
    if not head or not tail:
        return None
    return head, tail, separator


def strip_site(title: str | None, site: str | None, url: str | None) -> str | None:
    """``title`` without the site's name before or after it ("Story | Site" → "Story")."""
    if not title:
        return None
    for _ in range(3):
        parts = split_title(title)
        if parts is None:
            break
        head, tail, separator = parts
        if names_site(tail, site, url):
            title = head
            continue
        if separator == " | " and len(tail.split()) <= 4 and len(head.split()) >= 3:
            title = head
            continue
        break
    for separator in _PREFIX_SEPARATORS:
        head, found, rest = title.partition(separator)
        if found and rest.strip() and names_site(head, site, url):
            title = rest.strip()
            break
    return title or None


def absolute_http_url(value: str | None, base: str | None) -> str | None:
    """``value`` resolved against ``base`` when the result is an http(s) URL, else None."""
    if not value:
        return None
    value = _terminal_safe(value).strip()
    if not value or len(value) > 4000:
        return None
    try:
        absolute = value[:8].lower().startswith(("http://", "https://"))
        resolved = urljoin(base, value) if base and not absolute else value
        parts = urlsplit(resolved)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return None
    except ValueError:
        return None
    if _SPACE.search(resolved):
        resolved = quote(resolved, safe=":/?#[]@!$&'()*+,;=%~")
    return resolved


def normalise_language(value: str | None) -> str | None:
    """A language tag as "en" or "pt-BR" ("EN_us" gives "en-US"); None if not one."""
    if not value:
        return None
    first = value.split(",")[0].strip().replace("_", "-").lower()
    found = _LANGUAGE.match(first)
    if not found:
        return None
    language, script, region = found.groups()
    tag = language
    if script:
        tag += "-" + script.title()
    if region:
        tag += "-" + region.upper()
    return tag

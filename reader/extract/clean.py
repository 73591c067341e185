"""Clutter inside the story's container, found by what blocks say and how they are made.

The teaser finder's blocks are authoritative; these rules are the second line: link
lists (menus, tag lists, related links), blocks whose whole text is boilerplate ("Leave
a Reply", spam-filter notices, "Share this", newsletter and cookie prompts), and inline
teasers (a short block with a link that ends in "see more" / "read more").
"""

from __future__ import annotations

import re

from reader.extract.dom import INLINE, El
from reader.extract.hints import is_boilerplate, is_credit

LINK_LIST_DENSITY = 0.6
LINK_LIST_MAX_PLAIN = 400
BOILERPLATE_MAX = 300
"""Blocks longer than this are never judged by what they say."""
_TEASER_END = re.compile(
    r"(?:see|read|view|find out|learn) more\W*$|continue reading\W*$|full story\W*$"
    r"|more\s*[»›>]+\s*$",
    re.IGNORECASE,
)
# Every _TEASER_END alternative holds one of these: a cheap filter before the pattern.
_TEASER_KEYS = ("more", "reading", "story")


def _may_end_teaser(low: str) -> bool:
    return any(key in low for key in _TEASER_KEYS)


def _points_away(el: El, host: str | None) -> bool:
    """A paragraph of one link that leaves the site (another host, a mail address): a
    line of the story ("Tickets on the festival's page", a contact), not a link to
    another story of the same site."""
    link: El | None = None
    stack = list(el.kids)
    while stack:
        kid = stack.pop()
        if kid.tag == "a":
            if link is not None:
                return False
            link = kid
        elif kid.tag not in INLINE:
            return False
        else:
            stack.extend(kid.kids)
    if link is None:
        return False
    href = link.get("href").strip().lower()
    if href.startswith("mailto:"):
        return True
    if not host or not href.startswith(("http://", "https://", "//")):
        return False
    target = href.split("//", 1)[1].split("/", 1)[0].split("?", 1)[0].split(":", 1)[0]
    return _bare(target) != _bare(host)


def _bare(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


_KEEP = frozenset(("pre", "table", "tr", "td", "th", "tbody", "thead", "code"))


def clutter_ids(main: El, host: str | None = None) -> set[int]:
    """``id()``s of elements inside ``main`` that are clutter by these rules (``host``:
    the page's own host, when known)."""
    out: set[int] = set()
    stack: list[El] = list(main.kids)
    while stack:
        el = stack.pop()
        if el.tag not in INLINE and el.tag not in _KEEP and _is_clutter(el, host):
            out.add(id(el))
            continue
        stack.extend(el.kids)
    return out


def _is_clutter(el: El, host: str | None = None) -> bool:
    total = el.text_len
    if total == 0:
        return False
    if (
        el.link_len > LINK_LIST_DENSITY * total
        and total - el.link_len < LINK_LIST_MAX_PLAIN
        and el.tag not in ("h1", "h2", "h3", "h4", "h5", "h6")
        and not (el.tag == "p" and _points_away(el, host))
    ):
        return True
    if total < BOILERPLATE_MAX:
        text = el.text()
        if is_boilerplate(text):
            # A picture with its credit line ("© Agency / Photographer") is the picture,
            # not a notice: the credit's own block is judged apart.
            return not (is_credit(text) and any(e.tag == "img" for e in el.iter()))
        if el.link_len and _may_end_teaser(text.lower()) and _TEASER_END.search(text):
            return True
    return False

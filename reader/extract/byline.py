"""Bylines: turning "By Jane Doe and John Roe | April 12, 2019" into "Jane Doe, John Roe".

``clean_byline`` works on one string; ``names_from_text`` on the visible text of a
byline element. Neither raises. A result is a person-like name list or None: never a
URL, an e-mail address, a date or a sentence.
"""

from __future__ import annotations

import re

from reader.extract.dates import parse_textual_date

_PREFIX = re.compile(
    r"^\s*(?:(?:written|posted|published|reported|story|text|words|compiled|reviewed|"
    r"edited|photos?)\s+(?:and\s+\w+\s+)?)?(?:by|from|author|authors|autor|por|von|di|par|"
    r"door|av)\s*[:\-–—]?\s+",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^\s*(?:author|authors|byline|writer|posted)\s*:\s*", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:,|;|\s&\s|\s(?:and|AND|And|und|e|y|et)\s|\+)\s*")
_CUT = re.compile(
    r"\s*(?:\||•|·|—|–|\s-\s|\bon\s+(?:\w+day,?\s+)?(?:\d|[a-z]{3,9}\.?\s+\d)|"
    r"\bupdated\b|\bpublished\b|\bposted\b|\bfor\b\s+(?:the\s+)?[A-Z]|\bin\s+[A-Z]\w+$|"
    r"\d{1,2}[:/.]\d{2}|\d{4}|@|\bfollow\b|\bcontact\b|\bemail\b|\bview\s+all)",
    re.IGNORECASE,
)
_URLISH = re.compile(r"https?:|www\.|\.(?:com|org|net|html?)\b|/", re.IGNORECASE)
_ROLE_SUFFIX = re.compile(
    r",?\s+(?:staff\s+writer|senior\s+\w+|contributor|correspondent|reporter|editor|"
    r"columnist|special\s+to\s+.*)$",
    re.IGNORECASE,
)
_NOT_NAMES = frozenset(
    (
        "admin",
        "administrator",
        "staff",
        "editor",
        "editors",
        "author",
        "unknown",
        "guest",
        "anonymous",
        "contributor",
        "webmaster",
        "redaction",
        "redação",
        "redazione",
        "by",
        "the",
        "more",
        "share",
        "comments",
        "0 comments",
    )
)
_MAX_NAME_WORDS = 5
_MAX_AUTHORS = 8


def _is_name(text: str) -> bool:
    if not text or len(text) > 60 or text.lower() in _NOT_NAMES:
        return False
    if _URLISH.search(text) or "@" in text:
        return False
    words = text.split()
    if len(words) > _MAX_NAME_WORDS:
        return False
    if not any(ch.isalpha() for ch in text):
        return False
    return not (len(words) > 1 and text == text.lower() and text.isascii())


def _strip_name(part: str) -> str:
    part = _ROLE_SUFFIX.sub("", part.strip(" \t\n.,:;-–—|()[]"))
    return part.strip(" \t\n.,:;-–—|()[]")


def clean_byline(text: str | None) -> str | None:
    """Authors in ``text`` joined by ", " ("By A and B, Reporters" gives "A, B")."""
    if not text:
        return None
    text = " ".join(text.split())
    if not text or len(text) > 300 or _URLISH.match(text):
        return None
    text = _LABEL.sub("", text)
    text = _PREFIX.sub("", text)
    cut = _CUT.search(text)
    if cut and cut.start() > 0:
        text = text[: cut.start()]
    elif cut and cut.start() == 0:
        return None
    if parse_textual_date(text):
        return None
    names: list[str] = []
    for part in _SPLIT.split(text):
        name = _strip_name(part)
        if not name:
            continue
        if not _is_name(name):
            if names:
                break
            return None
        if name not in names:
            names.append(name)
        if len(names) >= _MAX_AUTHORS:
            break
    return ", ".join(names) or None


def join_names(names: list[str]) -> str | None:
    """Several author strings (each maybe "A and B") as one cleaned byline."""
    cleaned: list[str] = []
    for name in names:
        for part in (clean_byline(name) or "").split(", "):
            if part and part not in cleaned:
                cleaned.append(part)
    return ", ".join(cleaned[:_MAX_AUTHORS]) or None


_BY_PATTERN = re.compile(r"(?:^|\s)(?:By|BY|by)\s+([A-Z][^\n|]{2,120})")


def byline_from_text(text: str) -> str | None:
    """A "By Jane Doe" line inside a short text (a header or dateline)."""
    found = _BY_PATTERN.search(text)
    return clean_byline(found[1]) if found else None

"""Markdown escaping and the small pieces of Markdown syntax the renderer writes.

Page text is escaped so that whatever Markdown syntax it holds stays literal: inline
punctuation everywhere, and block markers (``#``, ``-``, ``+``, ``=``, ``1.``) where a line
starts. Link targets are percent-encoded where Markdown would end them.
"""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_\[\]<>|~])|&(?=#?\w+;)")
_LINE_START = re.compile(r"^([ \t]*)([#+=-]|\d{1,9}(?=[.)]))", re.MULTILINE)
_URL_UNSAFE = re.compile(r"[\s()<>\[\]\\`\"']")


# Every character _INLINE can match: a single class, which the regex engine scans for
# many times faster than it tries the alternatives at each position.
_SPECIAL = re.compile(r"[\\`*_\[\]<>|~&]")
_BLOCK_MARKERS = frozenset("#+=-")


def escape(text: str) -> str:
    """Escape inline Markdown syntax in a run of page text."""
    if not _SPECIAL.search(text):
        return text
    return _INLINE.sub(r"\\\g<0>", text)


def escape_line_starts(text: str) -> str:
    """Escape block markers at the start of each line of an already inline-escaped text."""
    if "\n" not in text:
        first = text.lstrip(" \t")[:1]
        if first not in _BLOCK_MARKERS and not first.isdecimal():
            return text  # one line, and it starts with no marker
    return _LINE_START.sub(_line_start, text)


def _line_start(m: re.Match[str]) -> str:
    lead, mark = m.group(1), m.group(2)
    if mark[0].isdigit():
        return f"{lead}{mark}\\"  # "1." -> "1\." (the dot follows)
    return f"{lead}\\{mark}"


def link_target(url: str) -> str:
    """A URL written so Markdown keeps it whole."""
    return _URL_UNSAFE.sub(lambda m: f"%{ord(m.group(0)):02X}", url)


def code_span(text: str) -> str:
    """Inline code with a fence longer than any backtick run inside."""
    longest = max((len(r) for r in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def code_block(text: str, language: str = "") -> str:
    """A fenced code block whose fence no line inside can close."""
    longest = max((len(r) for r in re.findall(r"^[ \t]*(`{3,})", text, re.MULTILINE)), default=2)
    fence = "`" * max(3, longest + 1)
    lang = language if re.fullmatch(r"[\w+-]{1,20}", language) else ""
    return f"{fence}{lang}\n{text}\n{fence}"

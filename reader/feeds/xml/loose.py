"""A lenient reader for the documents expat gives up on even after repairs: raw HTML in a
description (``<br>``, an unclosed ``<p>``), mismatched or stray end tags, unquoted
attributes. It drives the same ``TreeBuilder`` with the same events.

An end tag closes the nearest open element of that name and every element opened after
it; an end tag with no open element of its name is ignored; HTML void elements close at
once. Text is decoded with the HTML character table only; declarations are skipped (an
internal subset was cut out before any reading), so no entity is ever expanded.
"""

from __future__ import annotations

import re
from html import unescape

from reader.feeds.xml.tree import Sink, TreeBuilder

# Every alternative either consumes what it starts (comments, CDATA, processing
# instructions and declarations run to their end or to the end of the text) or cannot
# pass the next "<" (tags, whose quoted values hold no "<"), so reading is linear.
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<!\[CDATA\[(?P<cdata>.*?)(?:\]\]>|\Z)"
    r"|<\?.*?(?:\?>|\Z)"
    r"|<![^>]*(?:>|\Z)"
    r"|</(?P<end>[^\s<>/]+)\s*>"
    r"|<(?P<start>[A-Za-z_][^\s<>/]*)"
    r"(?P<attrs>(?:\s+[^\s=<>/\"']+(?:\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'|[^\s<>\"']+))?)*)"
    r"\s*(?P<close>/?)>"
    r"|(?P<text>[^<]+|<)",
    re.DOTALL,
)
_ATTR = re.compile(r"([^\s=<>/\"']+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s<>\"']+)))?")
# HTML elements that never have content. Not "link": RSS's <link> holds its address.
_VOID = frozenset({
    "br", "hr", "img", "input", "meta", "source", "wbr", "area", "col", "embed", "param",
    "track", "basefont", "frame", "keygen",
})


def read_leniently(text: str, sink: Sink, base: str | None) -> TreeBuilder:
    """Build the tree of ``text`` however broken it is, telling ``sink`` as expat would."""
    builder = TreeBuilder(sink, base)
    names: list[str] = []
    for m in _TOKEN.finditer(text):
        piece = m.group("text")
        if piece is not None:
            builder.data(unescape(piece) if "&" in piece else piece)
            continue
        name = m.group("start")
        if name is not None:
            attrs = _attributes(m.group("attrs"))
            builder.start(name, attrs)
            if m.group("close") or name.lower() in _VOID:
                builder.end(name)
            else:
                names.append(name)
            continue
        name = m.group("end")
        if name is not None:
            _close(builder, names, name)
            continue
        cdata = m.group("cdata")
        if cdata:
            builder.data(cdata)
    if names:
        builder.salvage()
    return builder


def _attributes(raw: str) -> dict[str, str]:
    attrs: dict[str, str] = {}
    for m in _ATTR.finditer(raw):
        value = m.group(2)
        if value is None:
            value = m.group(3) if m.group(3) is not None else (m.group(4) or "")
        attrs.setdefault(m.group(1), unescape(value) if "&" in value else value)
    return attrs


def _close(builder: TreeBuilder, names: list[str], name: str) -> None:
    """Close the nearest open ``name`` (exact, else in any case) and all inside it."""
    at = _find(names, name)
    if at is None:
        at = _find([n.lower() for n in names], name.lower())
    if at is None:
        return  # a stray end tag
    while len(names) > at:
        builder.end(names.pop())


def _find(names: list[str], name: str) -> int | None:
    for i in range(len(names) - 1, -1, -1):
        if names[i] == name:
            return i
    return None

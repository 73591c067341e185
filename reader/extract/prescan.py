"""Bound what the HTML parser sees, in one linear pass, before it sees it.

Lexbor's parse time grows with the square of nesting depth, and the C call cannot be
interrupted, so a page nested past ``MAX_DEPTH`` has its deeper opening tags (and the
matching closing tags) removed: their text stays, flattened into the element at the
limit. NUL characters are removed (a parser may stop at them or turn them into U+FFFD).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import accumulate
from operator import sub


def _names(text: str) -> list[str]:
    """Whitespace-separated names, for writing long sets compactly."""
    return text.split()


MAX_DEPTH = 2000
"""Deepest element nesting handed to the parser."""

# Elements that never hold others, or that the parser closes implicitly so often that
# counting them would overstate depth (<p><p><p>, <li><li>).
_FLAT = frozenset(
    _names(
        "area base br col embed hr img input link meta param source track wbr "
        "p li dt dd option optgroup tr td th tbody thead tfoot rb rt rtc rp colgroup"
    )
)

_HTML_CONTAINERS = frozenset(
    _names(
        "div span a b i u s em strong small big font center section article main aside header "
        "footer nav ul ol dl table form label blockquote figure figcaption pre code sub sup "
        "button select q cite abbr mark nobr del ins details summary fieldset legend"
    )
)

_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(script|style|textarea|title|xmp|noembed|noframes|plaintext)\b[^>]*(?:>|\Z).*?(?:</\1\s*>|\Z)"
    r"|<(/?)([a-zA-Z][^\s/>]*)[^>]*(?:>|\Z)",
    re.DOTALL | re.IGNORECASE,
)


# Comments and raw-text elements, whose insides are not markup. The loops are unrolled
# ("any run without '<', then a '<' that does not close it, ...") rather than lazy
# (".*?" tries the ending at every character): the same matches, several times faster.
_OPAQUE_SOURCE = (
    r"<!--[^-]*(?:-(?!->)[^-]*)*(?:-->|\Z)"
    r"|<(script|style|textarea|title|xmp|noembed|noframes)\b[^<]*(?:<(?!/\1\s*>)[^<]*)*"
    r"(?:</\1\s*>|\Z)"
)
_OPAQUE = re.compile(_OPAQUE_SOURCE, re.DOTALL | re.IGNORECASE)
_FLAT_ALT = "|".join(sorted(_FLAT, key=len, reverse=True))
_OPEN_OR_CLOSE_SOURCE = rf"<(/?)(?!(?:{_FLAT_ALT})[\s/>])[a-zA-Z]"
_OPEN_OR_CLOSE = re.compile(_OPEN_OR_CLOSE_SOURCE, re.IGNORECASE)
# The same patterns over UTF-8 bytes (tag names are ASCII), so a page need not be decoded
# to be measured.
_OPAQUE_BYTES = re.compile(_OPAQUE_SOURCE.encode(), re.DOTALL | re.IGNORECASE)
_OPEN_OR_CLOSE_BYTES = re.compile(_OPEN_OR_CLOSE_SOURCE.encode(), re.IGNORECASE)
_STEP = {"": 1, "/": -1, b"": 1, b"/": -1}.__getitem__


def _deepest(html: str) -> int:
    """Deepest nesting, counted in C loops: the running sum of +1 (open) / -1 (close),
    floored at zero, is the running sum minus its running minimum."""
    return _deepest_of(_OPEN_OR_CLOSE.findall(_OPAQUE.sub("", html)))


def _deepest_utf8(data: bytes) -> int:
    """``_deepest`` of UTF-8 bytes."""
    return _deepest_of(_OPEN_OR_CLOSE_BYTES.findall(_OPAQUE_BYTES.sub(b"", data)))


def _deepest_of(marks: list[str] | list[bytes]) -> int:
    steps = list(accumulate(map(_STEP, marks)))
    if not steps:
        return 0
    lows = accumulate(steps, min, initial=0)
    next(lows)
    deepest: int = max(map(sub, steps, lows))
    return deepest


def bound_html(html: str, max_depth: int = MAX_DEPTH) -> str:
    """Return ``html`` unchanged when it nests no deeper than ``max_depth``, else flattened."""
    if "\x00" in html:
        html = html.replace("\x00", "")
    # Every opening tag starts with "<" not followed by "/": a cheap, strict upper bound.
    if html.count("<") - html.count("</") <= max_depth or _deepest(html) <= max_depth:
        return html
    depth = 0
    dropped: Counter[str] = Counter()
    cuts: list[tuple[int, int]] = []
    for match in _TOKEN.finditer(html):
        name = match.group(3)
        if not name:
            continue
        name = name.lower()
        if name in _FLAT:
            continue
        if match.group(2):  # a closing tag
            if dropped[name]:
                dropped[name] -= 1
                cuts.append(match.span())
            elif depth:
                depth -= 1
            continue
        if match.group(0).endswith("/>") and name not in _HTML_CONTAINERS:
            continue  # self-closing in SVG/MathML; HTML ignores the slash on its own tags
        if depth >= max_depth:
            dropped[name] += 1
            cuts.append(match.span())
        else:
            depth += 1
    if not cuts:
        return html
    parts: list[str] = []
    last = 0
    for start, end in cuts:
        parts.append(html[last:start])
        last = end
    parts.append(html[last:])
    return "".join(parts)


def bound_utf8(data: bytes, max_depth: int = MAX_DEPTH) -> bytes:
    """``bound_html`` for UTF-8 bytes: the checks run on the bytes (C loops over one byte
    a character); only a page that nests too deep is decoded and bounded."""
    if b"\x00" in data:
        data = data.replace(b"\x00", b"")
    if _count_openers(data) <= max_depth or _deepest_utf8(data) <= max_depth:
        return data
    text = data.decode("utf-8", "replace")
    bounded = bound_html(text, max_depth)
    return data if bounded is text else bounded.encode("utf-8", "replace")


_OPENER = re.compile(b"<[a-zA-Z]")
_FINDALL_MAX = 1_000_000


def _count_openers(data: bytes) -> int:
    """An upper bound on the start tags in ``data`` (a start tag is ``<`` and an ASCII
    letter). One regex scan is faster than counting ``<`` and ``</`` apart (``bytes.count``
    is slow for a two-byte needle whose first byte is this common), at the price of a
    list, so a big page counts the two apart."""
    if len(data) > _FINDALL_MAX:
        return data.count(b"<") - data.count(b"</")
    return len(_OPENER.findall(data))

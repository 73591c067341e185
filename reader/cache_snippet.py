"""Snippets for search hits, made in Python rather than by FTS5's ``snippet()``.

FTS5's snippet() scores every window around every instance of every term and
tokenizes the whole column: about 1 ms a hit for the commonest words, 40-80 ms for a
page of 50 hits on a large cache. Here one regular expression finds the first match in
the body and the window around it is marked, which costs tens of microseconds.

Matching follows the index's tokenizer closely enough for marking: words are runs of
letters and digits, case is folded, and Latin diacritics are removed (as FTS5's
``unicode61 remove_diacritics 2`` does), so "cafe" marks "Café".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

OPEN_MARK = "«"
CLOSE_MARK = "»"
ELLIPSIS = "…"
WINDOW_WORDS = 16
WORDS_BEFORE = 3

_WORD_CHARS = r"[^\W_]"
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\S+")


def _fold_table() -> dict[int, int]:
    """One character to one character: accents off, lower case (lengths never change)."""
    table: dict[int, int] = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        parts = unicodedata.normalize("NFD", char)
        base = "".join(c for c in parts if not unicodedata.combining(c))
        low = base.lower()
        if len(low) == 1 and low != char:
            table[code] = ord(low)
    table[0x130] = ord("i")  # "İ".lower() would be two characters
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    folded = text.translate(_FOLD).lower()
    return folded if len(folded) == len(text) else text.lower()[: len(text)]


def term_pattern(terms: Sequence[tuple[str, bool]]) -> re.Pattern[str] | None:
    """A pattern for (word, is_prefix) terms over folded text."""
    parts = []
    for word, prefix in terms:
        word = fold(word)
        if word:
            tail = f"{_WORD_CHARS}*" if prefix else f"(?!{_WORD_CHARS})"
            parts.append(re.escape(word) + tail)
    if not parts:
        return None
    return re.compile(f"(?<!{_WORD_CHARS})(?:{'|'.join(parts)})")


def make_snippet(text: str, pattern: re.Pattern[str] | None) -> str:
    """About ``WINDOW_WORDS`` words around the first match, matches marked « »."""
    folded = fold(text)
    first = pattern.search(folded) if pattern else None
    anchor = first.start() if first else 0
    lo = max(0, anchor - 400)
    hi = min(len(text), anchor + 1200)
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text, lo, hi)]
    if not tokens:
        return ""
    at = next((i for i, (s, e) in enumerate(tokens) if e > anchor), 0)
    begin = max(0, at - WORDS_BEFORE) if first else 0
    if begin == 0 and at > 0 and lo > 0 and not text[lo - 1].isspace():
        begin = 1  # the region's first word was cut in two
    chosen = tokens[begin : begin + WINDOW_WORDS]
    start, end = chosen[0][0], chosen[-1][1]
    out: list[str] = []
    pos = start
    if pattern:
        for match in pattern.finditer(folded, start, end):
            out.append(text[pos : match.start()])
            out.append(OPEN_MARK + text[match.start() : match.end()] + CLOSE_MARK)
            pos = match.end()
    out.append(text[pos:end])
    snippet = _SPACE.sub(" ", "".join(out)).strip()
    if start > 0:
        snippet = ELLIPSIS + snippet
    if end < len(text.rstrip()):
        snippet += ELLIPSIS
    return snippet

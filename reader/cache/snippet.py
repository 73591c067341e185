"""Snippets for search hits, made in Python rather than by FTS5's ``snippet()``.

FTS5's snippet() scores every window around every instance of every term and
tokenizes the whole column: about 1 ms a hit for the commonest words, 40-80 ms for a
page of 50 hits on a large cache. Here one regular expression finds the first match in
the body and the window around it is marked: about 0.1 ms for a 10 kB body.

Matching follows the index's tokenizer closely enough for marking: words are runs of
letters and digits, case is folded, and Latin diacritics are removed (as FTS5's
``unicode61 remove_diacritics 2`` does), so "cafe" marks "Café".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

OPEN_MARK = "«"
CLOSE_MARK = "»"
ELLIPSIS = "…"
WINDOW_WORDS = 16
WORDS_BEFORE = 3

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
    """Accents off, lower case, the length kept (positions in it are positions in text)."""
    folded = text.translate(_FOLD).lower()
    return folded if len(folded) == len(text) else "".join(
        low if len(low := ch.lower()) == 1 else ch for ch in text.translate(_FOLD)
    )


@dataclass(frozen=True)
class Terms:
    """The words to mark: a plain alternation of literals (fast), word edges checked
    by hand (a regex look-behind would cost ten times more)."""

    pattern: re.Pattern[str]
    prefixes: frozenset[str]

    def spans(
        self, folded: str, start: int = 0, end: int | None = None
    ) -> Iterator[tuple[int, int]]:
        stop = len(folded) if end is None else end
        for match in self.pattern.finditer(folded, start, stop):
            lo, hi = match.span()
            if lo > 0 and folded[lo - 1].isalnum():
                continue
            if match.group(0) in self.prefixes:
                while hi < len(folded) and folded[hi].isalnum():
                    hi += 1
            elif hi < len(folded) and folded[hi].isalnum():
                continue
            yield lo, hi


def term_pattern(terms: Sequence[tuple[str, bool]]) -> Terms | None:
    """The (word, is_prefix) terms of a query, ready to find in folded text."""
    words = {fold(word): prefix for word, prefix in terms if fold(word)}
    if not words:
        return None
    ordered = sorted(words, key=len, reverse=True)
    return Terms(
        re.compile("|".join(re.escape(w) for w in ordered)),
        frozenset(w for w, prefix in words.items() if prefix),
    )


def make_snippet(text: str, terms: Terms | None) -> str:
    """About ``WINDOW_WORDS`` words around the first match, matches marked « »."""
    folded = fold(text)
    first = next(terms.spans(folded), None) if terms else None
    anchor = first[0] if first else 0
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
    if terms:
        for lo, hi in terms.spans(folded, start, end):
            out.append(text[pos:lo])
            out.append(OPEN_MARK + text[lo:hi] + CLOSE_MARK)
            pos = hi
    out.append(text[pos:end])
    snippet = _SPACE.sub(" ", "".join(out)).strip()
    if start > 0:
        snippet = ELLIPSIS + snippet
    if end < len(text.rstrip()):
        snippet += ELLIPSIS
    return snippet

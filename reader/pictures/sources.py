"""Which pictures a story has: its lead picture, then the image blocks of its Markdown.

The Markdown is the extractor's (``![alt](target)``, alt text escaped, the target
percent-encoded where Markdown would end it), but any CommonMark image is read: escaped
and nested brackets in the alt text, a target in ``<…>``, balanced parentheses, a title
after the target. Images inside code (fenced blocks, backtick spans) are text, not
pictures. Only http(s) addresses with a host count: ``data:``, ``javascript:`` and
anything else are left out, as is a second mention of the same picture.
"""

from __future__ import annotations

import bisect
import html
import re
from urllib.parse import urlsplit

from reader.model import Article

MAX_PICTURES = 1000
"""At most this many pictures of one story (a hostile page could name millions)."""
MAX_ALT = 4096
"""Longer alt text is not taken as an image's."""
MAX_URL = 8192
"""Longer addresses are not taken as pictures."""

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TICKS = re.compile(r"`+")
_PUNCT_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_UNSAFE = re.compile(r"[\s()<>\[\]\\`\"']")
_BAD_CHARS = re.compile(r"[\x00-\x20\x7f]")


def is_picture_url(url: str) -> bool:
    """True for an absolute http(s) address with a host, of a sane length, without
    blanks or control characters: the only kind of picture address fetched."""
    if not url or len(url) > MAX_URL or _BAD_CHARS.search(url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _key(url: str) -> str:
    """Two spellings of one address (``a(1).jpg`` and ``a%281%29.jpg``, with and without
    a fragment) give the same key."""
    base = url.partition("#")[0]
    return _UNSAFE.sub(lambda m: f"%{ord(m.group(0)):02X}", base)


def story_pictures(source: Article | str) -> list[str]:
    """The story's picture addresses in order: the lead picture first (when it is one),
    then the Markdown's images as they stand; each once, http(s) only."""
    if isinstance(source, Article):
        candidates = [source.lead_image or "", *markdown_pictures(source.markdown)]
    else:
        candidates = markdown_pictures(source)
    seen: set[str] = set()
    out: list[str] = []
    for candidate in candidates:
        url = candidate.strip().replace(" ", "%20")  # a ``<…>`` target may hold blanks
        if not is_picture_url(url):
            continue
        key = _key(url)
        if key in seen:
            continue
        seen.add(key)
        out.append(url)
        if len(out) >= MAX_PICTURES:
            break
    return out


def markdown_pictures(markdown: str) -> list[str]:
    """The targets of the Markdown's images, in order (any scheme, repeats kept; code
    blocks and code spans skipped)."""
    if "![" not in markdown:
        return []
    found: list[str] = []
    for chunk in _outside_fences(markdown):
        if "![" in chunk:
            _Scanner(chunk, found).run()
    return found


def pictures_alone(paragraph: str) -> list[tuple[str, str]]:
    """The pictures (alt text, address) of one Markdown paragraph that holds nothing but
    pictures, in order; an empty list for a paragraph with text of its own, in code, or
    without a picture fetched (http(s) only, as ``story_pictures``)."""
    if "![" not in paragraph:
        return []
    scanner = _Scanner(paragraph, [])
    scanner.run()
    rest, at = [], 0
    for _alt, _target, start, end in scanner.images:
        rest.append(paragraph[at:start])
        at = end
    rest.append(paragraph[at:])
    if not scanner.images or "".join(rest).strip():
        return []
    return [
        (_PUNCT_ESCAPE.sub(r"\1", alt), target)
        for alt, target, _start, _end in scanner.images
        if is_picture_url(target)
    ]


def _outside_fences(markdown: str) -> list[str]:
    """The Markdown's text outside fenced code blocks, in pieces."""
    pieces: list[str] = []
    current: list[str] = []
    fence: str | None = None
    for line in markdown.split("\n"):
        m = _FENCE.match(line)
        if fence is None:
            if m:
                fence = m.group(1)
                pieces.append("\n".join(current))
                current = []
            else:
                current.append(line)
        elif (
            m
            and m.group(1)[0] == fence[0]
            and len(m.group(1)) >= len(fence)
            and not line[m.end() :].strip()
        ):
            fence = None
    pieces.append("\n".join(current))
    return pieces


class _Scanner:
    """One pass over a piece of Markdown, collecting image targets. Brackets are matched
    once, up front (a stack), so a page of unclosed ``![`` stays linear."""

    def __init__(self, text: str, found: list[str]) -> None:
        self.text = text
        self.found = found
        self._by_length: dict[int, list[int]] = {}
        for m in _TICKS.finditer(text):
            self._by_length.setdefault(m.end() - m.start(), []).append(m.start())
        self._closer: dict[int, int] = {}
        """Where each ``[`` outside code is closed."""
        self.images: list[tuple[str, str, int, int]] = []
        """Each image met: its alt text as written, its target, where it starts and ends."""
        self._match_brackets()

    def _span_end(self, start: int, end: int) -> int | None:
        """Where the code span opened by the backtick run ``start:end`` ends, if it does."""
        same = self._by_length.get(end - start, [])
        k = bisect.bisect_right(same, start)
        return same[k] + (end - start) if k < len(same) else None

    def _past_code(self, at: int) -> int:
        """Past the backtick run at ``at`` and the code span it opens, if any."""
        text = self.text
        end = at
        while end < len(text) and text[end] == "`":
            end += 1
        closes = self._span_end(at, end)
        return closes if closes is not None else end

    def _match_brackets(self) -> None:
        text = self.text
        n = len(text)
        stack: list[int] = []
        i = 0
        while i < n:
            c = text[i]
            if c == "\\":
                i += 2
                continue
            if c == "`":
                i = self._past_code(i)
                continue
            if c == "[":
                stack.append(i)
            elif c == "]" and stack:
                self._closer[stack.pop()] = i
            i += 1

    def run(self) -> None:
        text = self.text
        n = len(text)
        i = 0
        while i < n and len(self.found) < MAX_PICTURES:
            c = text[i]
            if c == "\\":
                i += 2
                continue
            if c == "`":
                i = self._past_code(i)
                continue
            if c == "!" and text.startswith("[", i + 1):
                taken = self._image(i + 1)
                if taken is not None:
                    target, after = taken
                    self.found.append(target)
                    alt = self.text[i + 2 : self._closer[i + 1]]
                    self.images.append((alt, target, i, after))
                    i = after
                    continue
            i += 1

    def _image(self, bracket: int) -> tuple[str, int] | None:
        """The target of the image whose alt text opens at ``bracket``, and where the
        image ends; None when no image starts there."""
        close = self._closer.get(bracket)
        if close is None or close - bracket > MAX_ALT:
            return None
        if not self.text.startswith("(", close + 1):
            return None
        return self._target(close + 2)

    def _target(self, start: int) -> tuple[str, int] | None:
        text = self.text
        n = len(text)
        j = _skip_blanks(text, start)
        if text.startswith("<", j):
            close = j + 1
            while close < n and text[close] not in "<>\n":
                close += 2 if text[close] == "\\" else 1
            if close >= n or text[close] != ">":
                return None
            raw = text[j + 1 : close]
            j = close + 1
        else:
            begin = j
            parens = 0
            while j < n:
                c = text[j]
                if c == "\\" and j + 1 < n:
                    j += 2
                    continue
                if c.isspace() or ord(c) < 0x20:
                    break
                if c == "(":
                    parens += 1
                    if parens > 32:
                        return None
                elif c == ")":
                    if parens == 0:
                        break
                    parens -= 1
                j += 1
            if parens:
                return None
            raw = text[begin:j]
        j = _skip_blanks(text, j)
        if j < n and text[j] in "\"'(":
            closer = ")" if text[j] == "(" else text[j]
            k = j + 1
            while k < n and text[k] != closer:
                k += 2 if text[k] == "\\" else 1
            if k >= n:
                return None
            j = _skip_blanks(text, k + 1)
        if j >= n or text[j] != ")":
            return None
        return _unescape(raw), j + 1


def _skip_blanks(text: str, at: int) -> int:
    """Past spaces, tabs and at most one line ending."""
    newline = False
    while at < len(text) and text[at] in " \t\n":
        if text[at] == "\n":
            if newline:
                break
            newline = True
        at += 1
    return at


def _unescape(raw: str) -> str:
    """A link target as CommonMark reads it: backslash escapes and entities undone."""
    if "\\" in raw:
        raw = _PUNCT_ESCAPE.sub(r"\1", raw)
    if "&" in raw:
        raw = html.unescape(raw)
    return raw.strip()

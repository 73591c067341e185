"""Text fields of feeds made fit to show: titles and summaries as plain, terminal-safe
text, and embedded XHTML serialised back to HTML."""

from __future__ import annotations

import re
from html import escape, unescape

from reader.extract import clean_text
from reader.feeds.xmlread import Node

MAX_TITLE = 1_000
MAX_SUMMARY = 500
MAX_FIELD = 2_000  # ids, authors and other short fields
MAX_CONTENT = 5_000_000

_TAG = re.compile(r"<(?:/?[A-Za-z][^<>]*|!--.*?--|![^<>]*|\?[^<>]*)>", re.DOTALL)
_HIDDEN = re.compile(r"<(script|style|template|noscript)\b[^>]*>.*?</\1\s*>", re.DOTALL | re.I)
_LOOKS_HTML = re.compile(
    r"<[A-Za-z/!]|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"
)
_BLOCK = re.compile(r"<(?:/?(?:p|div|br|li|h[1-6]|blockquote|tr|pre)\b)[^>]*>", re.I)


def plain(text: str | None, *, html: bool | None, limit: int = MAX_TITLE) -> str | None:
    """One line of plain text: tags stripped and entities decoded when ``html`` (when it
    is None: when the text looks like HTML), whitespace collapsed, terminal-safe, cut at
    ``limit``. ``html=False`` keeps ``<`` and ``&`` as written (Atom's ``type="text"``)."""
    if not text:
        return None
    if html or (html is None and _LOOKS_HTML.search(text)):
        text = strip_tags(text)
    return _one_line(text, limit)


def _one_line(text: str, limit: int) -> str | None:
    text = clean_text(" ".join(text.split()))
    return cut(text, limit) if text else None


def summary_text(html: str, limit: int = MAX_SUMMARY) -> str | None:
    """The first ``limit`` characters of an HTML fragment's text, read from as little of
    it as gives at least half of them (a story's whole HTML is often 100 times longer),
    and never from more than its first 64 KiB."""
    window = 4 * limit
    while True:
        part = html[:window]
        if window < len(html) and part.rfind("<") > part.rfind(">"):
            part = part[: part.rfind("<")]  # not half a tag
        text = _one_line(strip_tags(part), limit)
        if window >= min(len(html), 65_536) or (text is not None and len(text) >= limit // 2):
            return text
        window *= 4


def strip_tags(html: str) -> str:
    """The text of an HTML fragment: hidden elements and tags removed, entities decoded."""
    if "<" in html:
        if "</" in html:
            html = _HIDDEN.sub(" ", html)
        html = _BLOCK.sub(" ", html)
        html = _TAG.sub("", html)
    return unescape(html) if "&" in html else html


def cut(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip() + "…"


def short(text: str | None, limit: int = MAX_FIELD) -> str | None:
    """A short field (id, author): whitespace collapsed, terminal-safe, None if empty."""
    if not text:
        return None
    text = clean_text(" ".join(text.split()))
    return text[:limit] or None


def safe_html(html: str | None) -> str | None:
    """HTML kept as HTML, with what a terminal would act on removed; None if blank."""
    if not html or html.isspace():
        return None
    return clean_text(html[:MAX_CONTENT]).strip() or None


def inner_html(node: Node) -> str:
    """The children of ``node`` serialised as HTML (namespaces dropped)."""
    out: list[str] = []
    stack: list[Node | str | tuple[str]] = list(reversed(node.children))
    while stack:
        cur = stack.pop()
        if isinstance(cur, str):
            out.append(escape(cur, quote=False))
        elif isinstance(cur, tuple):
            out.append(cur[0])
        else:
            name = _local(cur.tag)
            attrs = "".join(
                f' {_local(k)}="{escape(v)}"'
                for k, v in cur.attrs.items()
                if not k.startswith("xmlns") and _SAFE_ATTR.fullmatch(_local(k))
            )
            if name in _VOID and not cur.children:
                out.append(f"<{name}{attrs}>")
                continue
            out.append(f"<{name}{attrs}>")
            stack.append((f"</{name}>",))
            stack.extend(reversed(cur.children))
    return "".join(out)


_SAFE_ATTR = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]{0,40}")
_VOID = frozenset({"br", "img", "hr", "wbr", "source", "input", "meta", "link", "col", "area"})


def _local(tag: str) -> str:
    """``atom:div``, ``{uri}div`` or ``x:div`` without its prefix: ``div``."""
    if tag.startswith("{"):
        return tag.rpartition("}")[2]
    return tag.rpartition(":")[2]

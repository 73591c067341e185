"""The nodes of a parsed page that metadata is read from.

Measured on the 181 benchmark pages (lexbor 1.0): a query by tag name costs about
0.012 ms per page, an attribute-substring selector about 0.04 ms, and a group selector
costs the sum of its parts. So the always-needed nodes come from cheap tag queries
(``meta``, JSON-LD ``script`` and ``h1`` over the document; ``link`` and ``title`` in the
head alone), and the costly ones (``<time>`` beside headings, byline and author classes)
only when the cheaper sources (meta tags, JSON-LD) said nothing. Nothing here changes
the tree.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

_TIME_SELECTOR = 'h1, time, [itemprop="datePublished"], [itemprop="dateCreated"]'
# Case-sensitive substrings cover both "byline" and "ArticleByline" ("yline"), "author"
# and "Author" ("uthor"); lexbor runs every part of a group as its own walk, so fewer is
# faster.
_AUTHOR_SELECTOR = 'h1, [itemprop~="author"], [rel~="author"], [class*="yline"], [class*="uthor"]'
_DATED_SELECTOR = (
    '[class*="date" i], [class*="publish" i], [class*="posted" i], [class*="timestamp" i]'
)
MAX_TEXT = 400
_MAX_NODES = 40
_MAX_META = 400  # meta and link tags read; a page with more is not telling the truth
_MAX_CONTENT = 4000


_NEVER_LABELS = frozenset(("html", "body", "main", "article", "form", "ul", "ol", "table"))


def short_text(node: Any) -> str | None:
    """A node's text, whitespace collapsed, when short enough to be a label; else None.
    Containers that never are labels (``<body class="single-author">``) are not read."""
    if node.tag in _NEVER_LABELS:
        return None
    text = node.text(deep=True, separator=" ")
    if not text or len(text) > MAX_TEXT * 3:
        return None
    text = " ".join(text.split())
    return text if text and len(text) <= MAX_TEXT else None


def _siblings(node: Any, *, forward: bool, limit: int = 4) -> list[Any]:
    """Up to ``limit`` element siblings of ``node``, nearest first."""
    found: list[Any] = []
    sibling = node.next if forward else node.prev
    steps = 0
    while sibling is not None and len(found) < limit and steps < 3 * limit:
        if sibling.tag not in ("-text", "-comment", "script", "style", "noscript"):
            found.append(sibling)
        sibling = sibling.next if forward else sibling.prev
        steps += 1
    return found


class PageNodes:
    """Meta tags, links, JSON-LD texts, the title and headings of one parsed page; the
    costlier date and author nodes on demand."""

    def __init__(self, tree: Any) -> None:
        self.tree = tree
        self.meta: dict[str, list[str]] = {}
        self.links: list[tuple[str, str]] = []
        self.lang: str | None = None
        root = tree.root
        if root is not None and root.tag == "html":
            self.lang = root.attributes.get("lang") or root.attributes.get("xml:lang")
        # One walk of the document for the three kinds (lexbor walks once for a group; a
        # query by tag costs about 0.1 ms a page whatever it looks for), in document order.
        metas: list[Any] = []
        scripts: list[Any] = []
        headings: list[Any] = []
        for node in tree.css("meta, script, h1"):
            tag = node.tag
            if tag == "meta":
                metas.append(node)
            elif tag == "h1":
                headings.append(node)
            elif "ld+json" in (node.attributes.get("type") or "").lower():
                scripts.append(node)
        for node in metas[:_MAX_META]:
            attrs = node.attributes
            key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
            key = key or attrs.get("http-equiv")
            content = attrs.get("content")
            if key and content:
                self.meta.setdefault(key.strip().lower(), []).append(content[:_MAX_CONTENT])
        self.scripts = [node.text(deep=True) for node in scripts[:_MAX_NODES]]
        # <link> and <title> belong to the head (a walk of the head alone is nearly free).
        head = tree.head
        self.title: str | None = None
        for node in head.css("link, title")[:_MAX_META] if head is not None else ():
            if node.tag == "title":
                if self.title is None:
                    self.title = node.text(deep=True)[: MAX_TEXT * 3]
                continue
            rel, href = node.attributes.get("rel"), node.attributes.get("href")
            if rel and href:
                self.links.append((rel.lower(), href))
        if self.title is None:
            title = tree.css_first("title")
            self.title = title.text(deep=True)[: MAX_TEXT * 3] if title is not None else None
        self.first_h1: Any = headings[0] if headings else None
        self.h1 = [node.text(deep=True)[: MAX_TEXT * 3] for node in headings[:3]]
        self.h1_count = len(headings)
        self._header_texts: list[str] | None = None

    def h2_texts(self) -> list[str]:
        """The first few ``<h2>`` texts (asked for only when an ``<h1>`` may be a masthead)."""
        return [node.text(deep=True)[: MAX_TEXT * 3] for node in self.tree.css("h2")[:4]]

    def first(self, keys: tuple[str, ...]) -> str | None:
        """The first non-blank content of the first of ``keys`` present."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if value.strip():
                    return value
        return None

    def time_stamps(self) -> list[str]:
        """Publication time strings from ``<time>`` / ``itemprop=datePublished``, best first:
        those marked as the publication time, then those after the headline."""
        ranked: list[tuple[int, int, str]] = []
        after_h1 = False
        for index, node in enumerate(self.tree.css(_TIME_SELECTOR)[: _MAX_NODES * 2]):
            if node.tag == "h1":
                after_h1 = True
                continue
            attrs = node.attributes
            itemprop = (attrs.get("itemprop") or "").lower()
            klass = (attrs.get("class") or "").lower()
            stamp = attrs.get("datetime") or attrs.get("content") or short_text(node)
            if not stamp or "modified" in itemprop or "updated" in klass or "modified" in klass:
                continue
            marked = "pubdate" in attrs or "datepublished" in itemprop or "publish" in klass
            rank = 0 if marked else (1 if after_h1 else 2)
            ranked.append((rank, index, stamp))
        return [stamp for _, _, stamp in sorted(ranked)]

    def author_texts(self) -> Iterator[str]:
        """Candidate author strings from the page body, best first: ``itemprop=author``,
        ``rel=author``, byline classes, author classes; after the headline first. Ranked
        on attributes alone; a node's text is read only when the caller gets that far."""
        ranked: list[tuple[int, int, Any, bool]] = []
        after_h1 = False
        for index, node in enumerate(self.tree.css(_AUTHOR_SELECTOR)[: _MAX_NODES * 2]):
            if node.tag == "h1":
                after_h1 = True
                continue
            attrs = node.attributes
            itemprop = (attrs.get("itemprop") or "").lower()
            klass = (attrs.get("class") or "").lower()
            if "comment" in klass or "reply" in klass:
                continue
            if itemprop:
                rank = 0
            elif (
                "author" in (attrs.get("rel") or "").lower() or "byline" in klass or "name" in klass
            ):
                rank = 1
            else:
                rank = 2
            ranked.append((rank + (0 if after_h1 else 3), index, node, bool(itemprop)))
        ranked.sort(key=lambda item: (item[0], item[1]))
        for _, _, node, has_itemprop in ranked:
            value = None
            if has_itemprop:
                named = node.css_first('[itemprop="name"]')
                if named is not None:
                    value = named.attributes.get("content") or short_text(named)
                value = value or node.attributes.get("content")
            value = value or short_text(node)
            if value:
                yield value

    def header_texts(self) -> list[str]:
        """Short texts beside the first ``<h1>`` and its parent, nearest first: where "By …"
        lines and datelines sit. Read once per page."""
        if self._header_texts is None:
            self._header_texts = self._read_header_texts()
        return self._header_texts

    def _read_header_texts(self) -> list[str]:
        texts: list[str] = []
        node = self.first_h1
        hops = 0
        while node is not None and hops < 2 and len(texts) < 8:
            for sibling in (*_siblings(node, forward=True), *_siblings(node, forward=False)):
                text = short_text(sibling)
                if text:
                    texts.append(text)
            node = node.parent
            hops += 1
        return texts

    def dated_texts(self) -> list[str]:
        """Texts of elements whose class speaks of a date (only asked for when nothing
        better named the publication date)."""
        texts: list[str] = []
        for node in self.tree.css(_DATED_SELECTOR)[:_MAX_NODES]:
            klass = (node.attributes.get("class") or "").lower()
            if "update" in klass or "modified" in klass:
                continue
            text = short_text(node)
            if text:
                texts.append(text)
        return texts

"""Render the story's container as blocks of Markdown and plain text.

The walk skips what the cleaner marked (clutter by name, teaser blocks, link lists,
boilerplate lines) and writes headings, paragraphs, lists, quotes, tables, code and
images (alt text and URL; lazy-loading attributes, ``<picture>`` sources and
``<noscript>`` copies understood, never doubled). Page text is escaped; links are kept
only where they resolve to http(s).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from reader.extract import markdown as md
from reader.extract.dom import INLINE, El
from reader.extract.hints import is_caption, is_credit
from reader.extract.pictures import not_story, picture_key, source_of, sources_of
from reader.extract.sanitize import clean_text

Resolve = Callable[[str], "str | None"]

HEADER_EXTRA = 100
HEADER_SIBLINGS = 64
"""Beyond this many children around a heading's wrapper, what follows it is not looked for
(keeps the look-ahead linear on hostile pages)."""
"""A wrapper with at most this much text beside its heading is the heading's header."""
MAX_RENDER_DEPTH = 120
"""Below this depth under the container, an element's text is taken whole."""

_PICTURE_TAGS = frozenset(("img", "picture"))


def _picture_with_credit(el: El) -> bool:
    """A block of a picture and its credit line ("© Agency / Photographer"): the picture,
    with the credit as its caption (in the Markdown under it, not in the plain text)."""
    return el.text_len < 200 and any(e.tag == "img" for e in el.iter()) and is_credit(el.text())
"""A picture named "caption" by its class is a picture, not a caption."""
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


@dataclass
class Block:
    kind: str  # p, h, list, quote, pre, table, img
    md: str
    text: str


_WS = re.compile(r"\s+")


_SPLIT_MAX = 10_000


def _collapse(s: str) -> str:
    """Whitespace runs to one space, without splitting a huge text into a huge list."""
    if len(s) < _SPLIT_MAX:
        return " ".join(s.split())
    return _WS.sub(" ", s).strip()


class Renderer:
    """One rendering of one container; ``skip`` holds ``id()``s of elements to leave out."""

    def __init__(self, resolve: Resolve, skip: Callable[[El], bool]) -> None:
        self.resolve = resolve
        self.skip = skip
        self.blocks: list[Block] = []
        self.keys: set[str] = set()
        """``picture_key`` of each picture given: one picture is given once, at one size."""
        self.root: El | None = None

    # --- blocks ---------------------------------------------------------------------

    def render(self, root: El) -> list[Block]:
        self.root = root
        self._container(root, 0)
        return self.blocks

    def _container(self, el: El, depth: int) -> None:
        """Children of a block element: runs of inline content become paragraphs."""
        run: list[El | str] = []
        wrappers = _wrapped_paragraphs(el) if len(el.kids) > 1 else None
        children = el.children
        for at, child in enumerate(children):
            if (
                isinstance(child, El)
                and child.tag in HEADINGS
                and self._heads_clutter(child, children, at + 1)
            ):
                continue
            if wrappers and isinstance(child, El) and id(child) in wrappers:
                # A paragraph wrapped in an inline element (<span>, <font>): its own block.
                self._paragraph(run)
                run = []
                if not self.skip(child):
                    self._paragraph([child])
                continue
            if isinstance(child, El) and (
                child.tag == "figcaption"
                or (child.tag not in _PICTURE_TAGS and is_caption(child.get("class")))
                or (child.tag not in INLINE and _picture_with_credit(child))
            ):
                self._paragraph(run)
                run = []
                if not self.skip(child):
                    self._caption(child)
                continue
            if isinstance(child, str) or (child.tag in INLINE and not self._holds_blocks(child)):
                run.append(child)
                continue
            self._paragraph(run)
            run = []
            if not self.skip(child):
                self._block(child, depth + 1)
        self._paragraph(run)

    def _heads_clutter(self, heading: El, siblings: list[El | str], start: int) -> bool:
        """True when the first thing with text after ``heading`` (``siblings[start:]``,
        before the next heading) is left out: the heading names what follows ("Related
        stories", "More on this"), not the story. A heading that ends its wrapper (a
        header of the block with little else) is followed by what follows the wrapper."""
        node = heading
        for _ in range(3):
            for item in itertools.islice(siblings, start, None):
                if isinstance(item, str):
                    if not item.isspace():
                        return False
                    continue
                if item.tag in HEADINGS:
                    return False
                if item.text_len > 0:
                    return self.skip(item)
            wrapper = node.parent
            if (
                wrapper is None
                or wrapper is self.root
                or wrapper.text_len > heading.text_len + HEADER_EXTRA
                or wrapper.parent is None
                or len(wrapper.parent.children) > HEADER_SIBLINGS
            ):
                return False
            siblings = wrapper.parent.children
            start = next((i + 1 for i, x in enumerate(siblings) if x is wrapper), len(siblings))
            node = wrapper
        return False

    def _holds_blocks(self, el: El) -> bool:
        return el.text_len > 0 and any(c.tag not in INLINE for c in el.kids)

    def _block(self, el: El, depth: int) -> None:
        tag = el.tag
        if depth > MAX_RENDER_DEPTH:
            text = clean_text(el.text())
            if text:
                self.blocks.append(Block("p", md.escape_line_starts(md.escape(text)), text))
            return
        if tag in HEADINGS:
            mdt, txt = self._inline_of(el.children)
            if not txt and mdt:
                self.blocks.append(Block("img", mdt, ""))  # a heading holding a picture alone
            elif txt:
                line = mdt.replace("  \n", " ")  # a heading is one line
                self.blocks.append(
                    Block("h", "#" * HEADINGS[tag] + " " + line, txt.replace("\n", " "))
                )
        elif tag in ("ul", "ol"):
            self._list(el, depth, 0)
        elif tag == "pre":
            text = self._pre_text(el).strip("\n")
            if text.strip():
                self.blocks.append(Block("pre", md.code_block(text), text))
        elif tag == "blockquote":
            inner = Renderer(self.resolve, self.skip)
            inner.keys = self.keys
            inner._container(el, depth)
            if inner.blocks:
                quoted = "\n>\n".join(
                    "\n".join("> " + line if line else ">" for line in b.md.split("\n"))
                    for b in inner.blocks
                )
                self.blocks.append(
                    Block("quote", quoted, "\n\n".join(b.text for b in inner.blocks if b.text))
                )
        elif tag == "table":
            self._table(el, depth)
        elif tag == "noscript":
            # The no-script copy of an image the page just showed (maybe at another size).
            if not (self.blocks and self.blocks[-1].kind == "img"):
                self._figure(el, depth)
        elif tag in ("figure", "picture"):
            self._figure(el, depth)
        elif tag == "hr":
            return
        else:
            self._container(el, depth)

    def _paragraph(self, run: list[El | str]) -> None:
        if not run or all(isinstance(x, str) and x.isspace() for x in run):
            return  # nothing, or the whitespace between blocks
        for mdt, txt in self._inline_paragraphs(run):
            if txt:
                self.blocks.append(Block("p", md.escape_line_starts(mdt), txt))
            elif mdt:  # an image alone
                self.blocks.append(Block("img", mdt, ""))

    # --- inline ---------------------------------------------------------------------

    def _inline_paragraphs(self, items: list[El | str]) -> list[tuple[str, str]]:
        """Inline content as paragraphs: a blank line (``<br><br>``) separates them."""
        mds: list[str] = []
        txts: list[str] = []
        for item in items:
            self._inline(item, mds, txts, 0)
        md_lines = [_collapse(line) for line in "".join(mds).split("\n")]
        txt_lines = [_collapse(line) for line in "".join(txts).split("\n")]
        if len(md_lines) != len(txt_lines):  # never expected; keep one paragraph
            return [("  \n".join(x for x in md_lines if x), "\n".join(x for x in txt_lines if x))]
        paras: list[tuple[str, str]] = []
        cur_md: list[str] = []
        cur_txt: list[str] = []
        for m, t in zip(md_lines, txt_lines, strict=True):
            if not m and not t:
                if cur_md or cur_txt:
                    paras.append(("  \n".join(cur_md), "\n".join(cur_txt)))
                    cur_md, cur_txt = [], []
                continue
            if m:
                cur_md.append(m)
            if t:
                cur_txt.append(t)
        if cur_md or cur_txt:
            paras.append(("  \n".join(cur_md), "\n".join(cur_txt)))
        return paras

    def _inline_of(self, items: list[El | str]) -> tuple[str, str]:
        mds: list[str] = []
        txts: list[str] = []
        for item in items:
            self._inline(item, mds, txts, 0)
        mdt = "\n".join(_collapse(line) for line in "".join(mds).split("\n"))
        mdt = "\n".join(line for line in mdt.split("\n") if line).replace("\n", "  \n")
        txt = "\n".join(_collapse(line) for line in "".join(txts).split("\n"))
        txt = "\n".join(line for line in txt.split("\n") if line)
        return mdt.strip(), txt.strip()

    def _inline(self, item: El | str, mds: list[str], txts: list[str], depth: int) -> None:
        if isinstance(item, str):
            # Cleaned before escaping, which could split an escape sequence apart.
            item = clean_text(item).replace("\n", " ")
            mds.append(md.escape(item))
            txts.append(item)
            return
        if self.skip(item):
            return
        tag = item.tag
        if tag not in INLINE and is_caption(item.get("class")):
            return  # a caption block met inside a list item or a link: not the story's text
        if tag == "br":
            mds.append("\n")
            txts.append("\n")
            return
        if tag == "img":
            image = self._image(item)
            if image:
                mds.append(" " + image + " ")
            return
        if depth > MAX_RENDER_DEPTH:
            text = clean_text(item.text())
            mds.append(md.escape(text))
            txts.append(text)
            return
        sub_md: list[str] = []
        sub_txt: list[str] = []
        for child in item.children:
            self._inline(child, sub_md, sub_txt, depth + 1)
        inner_md = "".join(sub_md)
        inner_txt = "".join(sub_txt)
        if tag in ("ul", "ol", "p", "div", "li") or tag in HEADINGS:
            inner_md, inner_txt = f"\n{inner_md}\n", f"\n{inner_txt}\n"
        stripped = inner_md.strip()
        if tag == "a" and stripped and inner_txt.strip():
            url = self.resolve(item.get("href"))
            if url and "\n" not in stripped:
                inner_md = _wrap(inner_md, "[", f"]({md.link_target(url)})")
        elif tag in ("strong", "b") and stripped and "\n" not in stripped and "*" not in stripped:
            inner_md = _wrap(inner_md, "**", "**")
        elif tag in ("em", "i") and stripped and "\n" not in stripped and "*" not in stripped:
            inner_md = _wrap(inner_md, "*", "*")
        elif tag == "code" and inner_txt.strip() and "\n" not in inner_txt.strip():
            inner_md = _wrap(inner_txt, "", "", code=True)
        mds.append(inner_md)
        txts.append(inner_txt)

    def picture(self, el: El, named: bool = False) -> str:
        """The Markdown of one picture outside the container (the lead), given once;
        ``named``: the one the page names as its own."""
        return self._image(el, named=named)

    def _image(self, el: El, sources: list[El] | None = None, named: bool = False) -> str:
        """``![alt](url)`` for a picture of the story, "" for one that is not (a pixel, a
        logo, an icon) or that was already given."""
        src = source_of(el, sources_of(el) if sources is None else sources)
        if not src or not_story(el, src, named):
            return ""
        url = self.resolve(src)
        if not url:
            return ""
        key = picture_key(url)
        if key in self.keys:
            return ""  # given already, maybe at another size (a zoom link, a gallery copy)
        self.keys.add(key)
        alt = _collapse(clean_text(el.get("alt") or el.get("title")))
        return f"![{md.escape(alt)}]({md.link_target(url)})"

    # --- structures ------------------------------------------------------------------

    def _figure(self, el: El, depth: int) -> None:
        images = [e for e in el.iter() if e.tag == "img" and not _skipped_up(e, el, self.skip)]
        if not images:
            for e in el.iter():
                if e.tag == "source" and (e.get("srcset") or e.get("data-srcset")):
                    images = [e]
                    break
        for img in images[:1]:
            if img.tag == "source":
                image = self._image(El("img", {}, None, 0, 0), [img])
            else:
                image = self._image(img)
            if image:
                self.blocks.append(Block("img", image, ""))
        for cap in el.iter():
            if (cap.tag == "figcaption" or is_caption(cap.get("class"))) and not self.skip(cap):
                self._caption(cap)
                break

    def _caption(self, el: El) -> None:
        """A caption or credit: in the Markdown under its image, not in the plain text.
        A picture inside the caption's block comes first, as a block of its own."""
        for img in el.iter():
            if img.tag == "img" and not _skipped_up(img, el, self.skip):
                image = self._image(img)
                if image:
                    self.blocks.append(Block("img", image, ""))
        mdt, txt = self._inline_of(el.children)
        if txt:
            self.blocks.append(Block("caption", md.escape_line_starts(mdt), ""))

    def _list(self, el: El, depth: int, level: int) -> None:
        ordered = el.tag == "ol"
        lines_md: list[str] = []
        lines_txt: list[str] = []
        number = 0
        indent = "   " * level
        for li in el.children:
            if not isinstance(li, El) or self.skip(li):
                continue
            if li.tag in ("ul", "ol") and level < 6:
                sub = Renderer(self.resolve, self.skip)
                sub.keys = self.keys
                sub._list(li, depth + 1, level + 1)
                for b in sub.blocks:
                    lines_md.append(b.md)
                    lines_txt.append(b.text)
                continue
            inline = [c for c in li.children if isinstance(c, str) or c.tag not in ("ul", "ol")]
            mdt, txt = self._inline_of(inline)
            if txt or mdt:
                number += 1
                marker = f"{number}." if ordered else "-"
                body = md.escape_line_starts(mdt).replace("  \n", "  \n" + indent + "   ")
                lines_md.append(f"{indent}{marker} {body}")
                lines_txt.append(txt)
            for c in li.children:
                if isinstance(c, El) and c.tag in ("ul", "ol") and not self.skip(c) and level < 6:
                    sub = Renderer(self.resolve, self.skip)
                    sub.keys = self.keys
                    sub._list(c, depth + 1, level + 1)
                    for b in sub.blocks:
                        lines_md.append(b.md)
                        lines_txt.append(b.text)
        if lines_md:
            self.blocks.append(
                Block("list", "\n".join(lines_md), "\n".join(t for t in lines_txt if t))
            )

    def _table(self, el: El, depth: int) -> None:
        rows: list[list[tuple[str, str]]] = []
        pictures: list[Block] = []
        layout: list[Block] = []
        """Blocks in the order the cells give them, for a table that is only layout."""
        for row in _rows(el):
            if self.skip(row):
                continue
            cells = [c for c in row.children if isinstance(c, El) and c.tag in ("td", "th")]
            rendered = []
            for cell in cells:
                mdt, txt = self._inline_of(cell.children)
                rendered.append(
                    (mdt.replace("  \n", " ").replace("\n", " "), txt.replace("\n", " "))
                )
            if any(t for _, t in rendered):
                rows.append(rendered)
                layout.extend(Block("p", md.escape_line_starts(m), t) for m, t in rendered if t)
            else:
                # A row of pictures alone (a photo set in a layout table): blocks of their own.
                for mdt, _ in rendered:
                    if mdt:
                        pictures.append(Block("img", mdt, ""))
                        layout.append(pictures[-1])
        if not rows or len(rows) == 1 or max(len(r) for r in rows) == 1:
            # A layout table or a single row: its cells are paragraphs.
            self.blocks.extend(layout)
            return
        self.blocks.extend(pictures)
        width = max(len(r) for r in rows)
        lines = []
        for i, r in enumerate(rows):
            padded = [m for m, _ in r] + [""] * (width - len(r))
            lines.append("| " + " | ".join(padded) + " |")
            if i == 0:
                lines.append("|" + " --- |" * width)
        text = "\n".join("\t".join(t for _, t in r) for r in rows)
        self.blocks.append(Block("table", "\n".join(lines), text))

    def _pre_text(self, el: El) -> str:
        parts: list[str] = []
        stack: list[El | str] = [el]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                parts.append(item)
            elif item.tag == "br":
                parts.append("\n")
            else:
                stack.extend(reversed(item.children))
        return "".join(parts)


_WRAPPERS = frozenset(("span", "font"))
_SENTENCE_END = frozenset('.!?"\u201d\u2019)\u3002\uff01\uff1f')
WRAPPED_MIN = 60
"""An inline wrapper holds a paragraph when it has at least this much text, ends a sentence
and stands beside another such wrapper with nothing but whitespace between them."""


def _wrapped_paragraphs(el: El) -> set[int] | None:
    """``id()``s of the inline wrappers among ``el``'s children that are paragraphs of
    their own: two or more, each a sentence-ending text of ``WRAPPED_MIN`` characters or
    more, with no text of the parent between them (only whitespace, breaks and other
    elements). None when there are fewer than two."""
    found: list[int] = []
    text_since = False
    for child in el.children:
        if isinstance(child, str):
            if found and not child.isspace():
                text_since = True
            continue
        if (
            child.tag in _WRAPPERS
            and child.text_len >= WRAPPED_MIN
            and child.link_len * 2 < child.text_len
            and not any(k.tag not in INLINE for k in child.kids)
        ):
            if text_since:
                return None  # running text around them: phrases of one paragraph
            tail = child.text()[-1:]
            if tail in _SENTENCE_END:
                found.append(id(child))
    return set(found) if len(found) > 1 else None


def _rows(table: El) -> list[El]:
    """The table's own rows (through thead/tbody/tfoot), not those of nested tables."""
    out: list[El] = []
    stack: list[El] = [c for c in reversed(table.children) if isinstance(c, El)]
    while stack:
        el = stack.pop()
        if el.tag == "tr":
            out.append(el)
        elif el.tag != "table":
            stack.extend(c for c in reversed(el.children) if isinstance(c, El))
    return out


def _skipped_up(node: El, top: El, skip: Callable[[El], bool]) -> bool:
    cur: El | None = node
    while cur is not None and cur is not top:
        if skip(cur):
            return True
        cur = cur.parent
    return False


def _wrap(inner: str, left: str, right: str, *, code: bool = False) -> str:
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    core = inner.strip()
    if code:
        return f"{lead}{md.code_span(' '.join(core.split()))}{trail}"
    return f"{lead}{left}{core}{right}{trail}"

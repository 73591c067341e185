"""A light tree of the page's visible body, built in one pass over lexbor's tree.

Scoring, cleaning and rendering walk Python objects rather than calling into selectolax
for every question: one traversal instead of many. Invisible and non-content elements
(scripts, styles, forms' controls, SVG, hidden nodes) are left out as the tree is
built, as are ``<nav>``, ``<footer>`` and ``<aside>`` unless they hold a story. Each
``El`` keeps lexbor's ``mem_id`` so that nodes the teaser finder names can be
recognised, and its position among its parent's children so that its lexbor node can be
found again (``lexbor_node``).
"""

from __future__ import annotations

import re
from typing import Any

from reader.extract.hints import LANDMARK_ROLES, LANDMARKS, hint


def _names(text: str) -> list[str]:
    """Whitespace-separated names, for writing long sets compactly."""
    return text.split()


SKIP = frozenset(
    _names(
        "script style template svg math iframe frame frameset object embed canvas button input "
        "select option optgroup textarea head link meta noembed audio map area dialog datalist "
        "base title param track -comment"
    )
)
"""Elements whose content never belongs to a story."""

INLINE = frozenset(
    _names(
        "a abbr b bdi bdo cite code data dfn em font i kbd mark q s samp small span strike "
        "strong sub sup time tt u var wbr big nobr label ins del img picture source br"
    )
)
"""Elements that flow inside a line of text."""

ASIDES = frozenset(("nav", "footer", "aside"))
"""Landmarks left out of the tree (the teaser finder still reads them), unless they hold
an ``<article>``, ``<main>`` or ``articleBody``."""
_STORY_INSIDE = "article, main, [itemprop=articleBody]"

MAX_ELEMENTS = 100_000
"""Elements beyond this many are not built (their text is lost): keeps memory bounded."""

_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_VOID = frozenset(("br", "img", "hr", "wbr", "source", "col"))
"""Elements the HTML parser never puts anything in: their children are not looked for."""
_WS = re.compile(r"\s+")
_SPLIT_MAX = 10_000
_SKIP_OR_NONE = frozenset((*SKIP, None, "-text"))  # "-text": a text node without data
_DENSE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
"""Kana and Han: scripts written without spaces, where a character says about as much as a
short word does elsewhere."""
DENSE_EXTRA = 2
"""A kana or Han character counts as this many characters more than one of Latin text,
so lengths and thresholds mean about as much text in either."""
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


class El:
    """One element: tag, attributes, children (``El`` or ``str``), and scoring figures."""

    __slots__ = (
        "attrs",
        "blocky",
        "children",
        "dim",
        "good",
        "hint",
        "kids",
        "link_len",
        "mem_id",
        "own",
        "parent",
        "plain_good",
        "pos",
        "score",
        "story",
        "story_below",
        "tag",
        "text_len",
        "total",
    )

    def __init__(
        self,
        tag: str,
        attrs: dict[str, str | None],
        parent: El | None,
        mem_id: int,
        pos: int,
        dim: float = 1.0,
    ) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.mem_id = mem_id
        self.pos = pos
        self.dim = dim
        self.own = 0
        self.story = False
        self.hint = 0
        self.children: list[El | str] = []
        self.kids: list[El] = []
        """The element children alone."""
        # Measured by ``content.analyse`` (set here for elements made outside a build).
        self.text_len = 0
        self.link_len = 0
        self.score = 0.0
        self.total = 0.0
        self.good = 0.0
        self.plain_good = 0.0
        """The story-like text below, undimmed: positive block values summed."""
        self.story_below = 0.0
        """The most ``plain_good`` of any story container here or below."""
        self.blocky = False

    def get(self, name: str) -> str:
        return self.attrs.get(name) or ""

    def iter(self) -> list[El]:
        """This element and every element below it, in document order."""
        out: list[El] = []
        stack: list[El] = [self]
        while stack:
            el = stack.pop()
            out.append(el)
            stack.extend(reversed(el.kids))
        return out

    def text(self) -> str:
        """All text below, whitespace collapsed."""
        if not self.kids:  # text alone (the common case): no walk
            raw = " ".join(self.children)  # type: ignore[arg-type]
        else:
            parts: list[str] = []
            stack: list[El | str] = [self]
            while stack:
                item = stack.pop()
                if isinstance(item, str):
                    parts.append(item)
                else:
                    stack.extend(reversed(item.children))
            raw = " ".join(parts)
        if len(raw) < _SPLIT_MAX:
            return " ".join(raw.split())
        return _WS.sub(" ", raw).strip()  # a huge text is not split into a huge list

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"<{self.tag} {self.attrs.get('class', '')!r} {self.text_len}/{self.link_len}>"


def text_length(text: str) -> int:
    """``text``'s length with kana and Han weighted as the tree weighs them."""
    if text.isascii():
        return len(text)
    return len(text) + DENSE_EXTRA * len(_DENSE.findall(text))


def _visible(attrs: dict[str, str | None]) -> bool:
    if "hidden" in attrs:
        return False
    style = attrs.get("style")
    return not (style and _HIDDEN_STYLE.search(style))


def build(body: Any, clutter_dim: float = 1.0) -> tuple[El, list[El]] | None:
    """Our tree for lexbor's ``<body>`` node (None when there is none), and its elements
    in the order they were made: every parent before its children.

    Each element gets what its names say (``hint``, ``story``) and ``dim``: the product of
    ``clutter_dim`` over itself and its ancestors that are named or marked as clutter.
    """
    if body is None:
        return None
    root = El("body", {}, None, body.mem_id, 0)
    made: list[El] = [root]
    count = 0
    # Each entry: (lexbor node whose children to add, the El they belong to).
    stack: list[tuple[Any, El]] = [(body, root)]
    while stack:
        node, el = stack.pop()
        add_child = el.children.append
        add_kid = el.kids.append
        dim = el.dim
        own = 0
        pending: list[tuple[Any, El]] = []
        pos = -1
        for child in node.iter(include_text=True):
            pos += 1
            text = child.text_content  # None for an element: no need to ask its tag first
            if text is not None:
                if text:
                    add_child(text)
                    own += len(text.strip())
                    if not text.isascii() and _DENSE.search(text):
                        own += DENSE_EXTRA * len(_DENSE.findall(text))
                continue
            tag = child.tag
            if tag in _SKIP_OR_NONE:
                continue
            if tag in ASIDES and child.css_first(_STORY_INSIDE) is None:
                continue  # navigation, page footer, aside: never the story, unless it holds one
            attrs = child.attributes
            if attrs and ("hidden" in attrs or "style" in attrs) and not _visible(attrs):
                continue
            count += 1
            if count > MAX_ELEMENTS:
                break
            if attrs:
                sub = El(tag, attrs, el, child.mem_id, pos, dim)
                cls = attrs.get("class")
                ident = attrs.get("id")
                if tag in _HEADINGS:
                    ident = None  # a heading's id is an anchor for its words, not a role
                if cls or ident:
                    sub.hint = hint(cls or "", ident or "")
                marker = attrs.get("itemprop")
                if marker and marker.lower() == "articlebody":
                    sub.story = True
                elif sub.hint < 0 or tag in LANDMARKS or attrs.get("role") in LANDMARK_ROLES:
                    sub.dim = dim * clutter_dim
            else:
                sub = El(tag, attrs, el, child.mem_id, pos, dim)
                if tag in LANDMARKS:
                    sub.dim = dim * clutter_dim
            made.append(sub)
            add_child(sub)
            add_kid(sub)
            if tag not in _VOID:
                pending.append((child, sub))
        el.own = own
        if pending:
            stack.extend(reversed(pending))
    return root, made


def lexbor_node(body: Any, el: El) -> Any:
    """lexbor's node for ``el``, found again from ``<body>`` by child positions."""
    path: list[int] = []
    cur: El | None = el
    while cur is not None and cur.parent is not None:
        path.append(cur.pos)
        cur = cur.parent
    node = body
    for pos in reversed(path):
        for i, child in enumerate(node.iter(include_text=True)):
            if i == pos:
                node = child
                break
        else:
            return None
    return node if node is not None and node.mem_id == el.mem_id else None

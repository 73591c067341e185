"""Find the story's container: the subtree with the most story-like text, net of clutter.

Every block of text (the nearest block element around a run of text) gets a value: the
characters of its own non-link text, minus twice its link text, minus a constant per
block, so long paragraphs count for a lot, and menus, teaser lists and short fragments
count against. The container is the element whose subtree sums highest (a maximum-sum
subtree), after removing elements whose class or id names clutter (comments, share bars,
related blocks, sidebars, ...) and the landmark elements nav/aside/footer, unless they
hold most of the page's story-like text.
"""

from __future__ import annotations

from reader.extract.dom import INLINE, El
from reader.extract.hints import hint

BLOCK_COST = 25.0
LINK_WEIGHT = 2.0
HINT_BONUS = 60.0
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
LANDMARKS = frozenset("nav aside footer header form menu".split())
STRONG_CONTAINER = frozenset(("article", "main"))


def _own_text(el: El) -> int:
    return sum(len(c.strip()) for c in el.children if isinstance(c, str))


def measure(order: list[El]) -> None:
    """Fill ``text_len``, ``link_len`` and ``score`` (the block's own value) bottom-up."""
    for el in reversed(order):
        own = _own_text(el)
        total = own
        links = 0
        inline_text = own
        inline_links = 0
        for c in el.children:
            if isinstance(c, El):
                total += c.text_len
                links += c.link_len
                if c.tag in INLINE:
                    inline_text += c.text_len
                    inline_links += c.link_len
        if el.tag == "a":
            links = total
            inline_links = inline_text
        el.text_len = total
        el.link_len = links
        if el.tag in INLINE or inline_text == 0:
            el.score = 0.0
        elif el.tag in HEADINGS:
            el.score = 0.0
        else:
            plain = inline_text - inline_links
            el.score = plain - LINK_WEIGHT * inline_links - BLOCK_COST
        el.hint = hint(el.get("class"), el.get("id"))


def _good(el: El) -> float:
    return max(el.score, 0.0)


def prune(root: El, order: list[El]) -> set[int]:
    """ids of elements that are clutter by name or landmark (kept if they hold the story)."""
    good_below: dict[int, float] = {}
    for el in reversed(order):
        g = _good(el)
        for c in el.children:
            if isinstance(c, El):
                g += good_below[id(c)]
        good_below[id(el)] = g
    total = good_below[id(root)] or 1.0
    removed: set[int] = set()
    stack: list[El] = [root]
    while stack:
        el = stack.pop()
        clutter = el.hint < 0 or el.tag in LANDMARKS or el.get("role") in ("navigation", "complementary", "contentinfo")
        if el is not root and clutter and good_below[id(el)] < 0.5 * total and not _is_story_marker(el):
            removed.add(id(el))
            continue
        stack.extend(c for c in el.children if isinstance(c, El))
    return removed


def _is_story_marker(el: El) -> bool:
    return el.get("itemprop").lower() == "articlebody"


def choose(root: El, order: list[El], removed: set[int]) -> El:
    """The element whose kept subtree has the highest total value."""
    totals: dict[int, float] = {}
    best = root
    best_total = float("-inf")
    for el in reversed(order):
        if id(el) in removed:
            totals[id(el)] = 0.0
            continue
        s = el.score
        if el.hint > 0 or el.tag in STRONG_CONTAINER or _is_story_marker(el):
            s += HINT_BONUS
        for c in el.children:
            if isinstance(c, El):
                s += totals[id(c)]
        totals[id(el)] = s
        if s > best_total and el.tag not in INLINE:
            best, best_total = el, s
    return best

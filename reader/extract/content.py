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

BLOCK_COST = 30.0
LINK_WEIGHT = 1.5
HINT_BONUS = 30.0
CELLS = frozenset(("td", "th"))
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
LANDMARKS = frozenset("nav aside footer header form menu".split())
KEEP_SHARE = 0.85
"""A clutter-named element holding more than this share of the story-like text stays."""
DIM = 0.15
"""What text under a clutter-named element counts for, when choosing the container."""
CLIMB = 1.5
"""A parent is taken when its extra clutter costs at most this much per unit of extra story."""
HOLDS_STORY = 0.3
"""... or a story container with at least this share of it."""
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
        blocky = False
        for c in el.children:
            if isinstance(c, El):
                total += c.text_len
                links += c.link_len
                if c.tag in INLINE and not c.blocky:
                    inline_text += c.text_len
                    inline_links += c.link_len
                else:
                    blocky = True
        el.blocky = blocky
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
            el.score = plain - LINK_WEIGHT * inline_links - (0 if el.tag in CELLS else BLOCK_COST)
            if el.score > 0 and _ends_in_ellipsis(el):
                # "Headline ... first lines of another story…": a teaser's summary.
                el.score = -0.5 * inline_text
        el.hint = hint(el.get("class"), el.get("id"))


def _ends_in_ellipsis(el: El) -> bool:
    """True when the block's last words trail off ("...", "…", "[…]")."""
    node = el
    for _ in range(8):
        for child in reversed(node.children):
            if isinstance(child, str):
                if child.strip():
                    return child.rstrip().rstrip("]) ").endswith(("...", "\u2026"))
                continue
            if child.tag in INLINE:
                node = child
                break
            return False
        else:
            return False
    return False


CARD_TAGS = frozenset("div li article section aside figure span".split())


def cards(order: list[El]) -> set[int]:
    """ids of teaser cards: three or more alike siblings, each short and led by a link.

    Alike means the same tag and class; each card holds a link with a headline's worth of
    text. Paragraphs are never cards (a story's paragraphs may all hold links).
    """
    out: set[int] = set()
    for el in order:
        groups: dict[tuple[str, str], list[El]] = {}
        for c in el.children:
            if isinstance(c, El) and c.tag in CARD_TAGS and c.link_len >= 15 and c.text_len < 700:
                groups.setdefault((c.tag, c.get("class")), []).append(c)
        for members in groups.values():
            if len(members) >= 3:
                out.update(id(m) for m in members)
    return out


def _good(el: El) -> float:
    return max(el.score, 0.0)


def _is_story_marker(el: El) -> bool:
    return el.get("itemprop").lower() == "articlebody"


def _clutter(el: El) -> bool:
    if _is_story_marker(el):
        return False
    return el.hint < 0 or el.tag in LANDMARKS or el.get("role") in ("navigation", "complementary", "contentinfo")


def choose(root: El, order: list[El], card_ids: set[int]) -> El:
    """The element whose subtree has the highest total value.

    Text under an element named or marked as clutter counts for ``DIM`` of its value: a
    comment thread longer than the story loses, yet a story inside a wrapper named after
    the layout ("has-sidebar", "sticky-sidebar") is still found.
    """
    dim: dict[int, float] = {id(root): 1.0}
    for el in order:
        if el.parent is not None:
            dim[id(el)] = dim[id(el.parent)] * (DIM if _clutter(el) or id(el) in card_ids else 1.0)
    totals: dict[int, float] = {}
    goods: dict[int, float] = {}
    best = root
    best_total = float("-inf")
    for el in reversed(order):
        s = el.score
        if el.tag in STRONG_CONTAINER or _is_story_marker(el):
            s += HINT_BONUS
        s *= dim[id(el)]
        g = max(s, 0.0)
        for c in el.children:
            if isinstance(c, El):
                s += totals[id(c)]
                g += goods[id(c)]
        totals[id(el)] = s
        goods[id(el)] = g
        if s > best_total and el.tag not in INLINE:
            best, best_total = el, s
    # Climb while a parent adds story-like text at a fair price in clutter: a story
    # split by an ad or an inline teaser is one story.
    while best.parent is not None:
        parent = best.parent
        extra_good = goods[id(parent)] - goods[id(best)]
        extra_bad = extra_good - (totals[id(parent)] - totals[id(best)])
        if extra_good <= 0 or extra_bad > CLIMB * extra_good:
            break
        best = parent
    return best


def prune(main: El) -> set[int]:
    """ids of clutter elements inside ``main`` (by name or landmark) to leave out.

    Such an element stays when it holds most of the container's story-like text, or a
    story container (``<article>``, a story class name, ``articleBody``) with a good
    share of it: wrappers named after the layout are not clutter.
    """
    order = main.iter()
    good_below: dict[int, float] = {}
    pos_below: dict[int, float] = {}
    for el in reversed(order):
        g = _good(el)
        p = 0.0
        for c in el.children:
            if isinstance(c, El):
                g += good_below[id(c)]
                p = max(p, pos_below[id(c)])
        good_below[id(el)] = g
        if el.hint >= 0 and (el.hint > 0 or el.tag in STRONG_CONTAINER or _is_story_marker(el)):
            p = max(p, g)
        pos_below[id(el)] = p
    total = good_below[id(main)] or 1.0
    removed: set[int] = set()
    stack: list[El] = [c for c in main.children if isinstance(c, El)]
    while stack:
        el = stack.pop()
        if _clutter(el):
            keep = good_below[id(el)] >= KEEP_SHARE * total or pos_below[id(el)] >= HOLDS_STORY * total
            if not keep:
                removed.add(id(el))
                continue
        stack.extend(c for c in el.children if isinstance(c, El))
    return removed

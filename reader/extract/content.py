"""Find the story's container: the subtree with the most story-like text, net of clutter.

Every block of text (the nearest block element around a run of text) gets a value: the
characters of its own non-link text, minus ``LINK_WEIGHT`` times its link text, minus a
constant per block, so long paragraphs count for a lot, and menus, teaser lists and
short fragments count against. A paragraph that trails off ("…") is a teaser's summary
and counts against. The container is the element whose subtree sums highest (a
maximum-sum subtree), where the text under clutter (a class or id naming comments, share
bars, related blocks, sidebars...; the landmarks header/form/menu and ARIA landmark
roles; teaser cards) counts for only ``DIM`` of its value. From there it climbs to a
parent while the parent adds story text at a fair price in clutter (a story split by
an ad is one story).

One bottom-up pass does all of it.
"""

from __future__ import annotations

from reader.extract.dom import INLINE, El
from reader.extract.hints import names_clutter
from reader.extract.pictures import links_away

BLOCK_COST = 30.0
LINK_WEIGHT = 1.5
HINT_BONUS = 30.0
"""Added for ``<article>``, ``<main>`` and ``itemprop=articleBody``."""
DIM = 0.15
"""What text under clutter counts for, when choosing the container."""
CLIMB = 1.5
"""A parent is taken when its extra clutter costs at most this much per unit of extra story."""
CLIMB_STORY = 3.0
"""The price accepted when the parent is named or marked as the story's container."""
ARTICLE_SHARE = 0.8
"""An ``<article>`` child with this share of the container's story text is the story."""
INLINE_PROSE = 200
"""An inline element with this much non-link text inside the container is kept whatever
its class says."""
KEEP_SHARE = 0.85
"""Inside the container, a clutter-named element holding this share of its story stays..."""
HOLDS_STORY = 0.3
"""... as does one holding a story container with at least this share of it."""

CELLS = frozenset(("td", "th"))
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
STRONG_CONTAINER = frozenset(("article", "main"))
CARD_TAGS = frozenset(("div", "li", "article", "section", "aside", "figure", "span"))
CARD_MIN = 3
CARD_MAX_TEXT = 700
CARD_MIN_LINK = 15
CARD_LINK_SHARE = 0.25
"""A card's links hold at least this share of its text (a headline, not a passing link)."""


class Analysis:
    """The chosen container and the teaser cards found on the way."""

    __slots__ = ("cards", "main")

    def __init__(self, main: El, cards: set[int]) -> None:
        self.main = main
        self.cards = cards


def analyse(root: El, order: list[El]) -> Analysis:
    """Measure every element (``text_len``, ``link_len``, ``score``, ``hint``) and choose.

    ``order`` lists every element after its parent (as ``dom.build`` makes them, with
    ``hint``, ``story`` and ``dim`` set); the pass runs it backwards, so every element is
    seen after all of its descendants.
    """
    # Bottom-up: lengths, block values, subtree totals, cards, the best subtree.
    card_ids: set[int] = set()
    best = root
    best_total = float("-inf")
    for el in reversed(order):
        total = inline_text = el.own
        links = inline_links = 0
        blocky = False
        sub_total = 0.0
        sub_good = 0.0
        plain_good = 0.0
        story_below = 0.0
        groups: dict[tuple[str, str], list[El]] | None = None
        for c in el.kids:
            total += c.text_len
            links += c.link_len
            sub_total += c.total
            sub_good += c.good
            plain_good += c.plain_good
            if c.story_below > story_below:
                story_below = c.story_below
            if c.tag in INLINE and not c.blocky:
                inline_text += c.text_len
                inline_links += c.link_len
            else:
                blocky = True
            if (
                c.tag in CARD_TAGS
                and c.link_len >= CARD_MIN_LINK
                and c.text_len < CARD_MAX_TEXT
                and c.link_len >= CARD_LINK_SHARE * c.text_len
            ):
                if groups is None:
                    groups = {}
                groups.setdefault((c.tag, c.get("class")), []).append(c)
        if groups:
            for members in groups.values():
                if len(members) >= CARD_MIN:
                    for m in members:
                        card_ids.add(id(m))
                        sub_total -= (1.0 - DIM) * m.total
                        sub_good -= (1.0 - DIM) * m.good
        tag = el.tag
        if tag == "a":
            links = total
            inline_links = inline_text
        el.text_len = total
        el.link_len = links
        el.blocky = blocky
        if inline_text == 0 or tag in INLINE or tag in HEADINGS:
            el.score = own = 0.0
        else:
            el.score = own = _block_value(el, inline_text, inline_links)
            if own > 0:
                plain_good += own
        el.plain_good = plain_good
        strong = tag in STRONG_CONTAINER or el.story
        if (el.hint > 0 or (el.hint == 0 and strong)) and plain_good > story_below:
            story_below = plain_good
        el.story_below = story_below
        if strong:
            own += HINT_BONUS
        own *= el.dim
        s = own + sub_total
        el.total = s
        el.good = own + sub_good if own > 0 else sub_good
        if s > best_total and tag not in INLINE:
            best, best_total = el, s
    return Analysis(_descend(_climb(best)), card_ids)


def _block_value(el: El, inline_text: int, inline_links: int) -> float:
    if inline_text == 0 or el.tag in INLINE or el.tag in HEADINGS:
        return 0.0
    plain = inline_text - inline_links
    value = plain - LINK_WEIGHT * inline_links - (0.0 if el.tag in CELLS else BLOCK_COST)
    if value > 0 and _ends_in_ellipsis(el):
        # "Headline ... first lines of another story…": a teaser's summary.
        return -0.5 * inline_text
    return value


def _climb(best: El) -> El:
    while best.parent is not None:
        parent = best.parent
        extra_good = parent.good - best.good
        extra_bad = extra_good - (parent.total - best.total)
        price = CLIMB_STORY if _story_named(parent) and _beside(parent, best, extra_good) else CLIMB
        if extra_good <= 0 or extra_bad > price * extra_good:
            break
        best = parent
    return best


def _beside(parent: El, best: El, extra_good: float) -> bool:
    """True when most of what ``parent`` adds to ``best`` is in blocks that are story-like
    on their own (a lead, a last paragraph), not in a column of mixed content."""
    clean = sum(k.good for k in parent.kids if k is not best and k.total > 0)
    return clean >= 0.5 * extra_good


def _descend(main: El) -> El:
    """The child named or marked as the story (``<article>``, an "entry-content" class...)
    that holds nearly all of the container's story, when the container is not one
    itself: what stands beside it (related lists, calls to act) is not the story."""
    if main.good <= 0 or main.story:
        return main
    for kid in main.kids:
        if kid.good >= ARTICLE_SHARE * main.good and _story_named(kid):
            return kid
        if kid.good > 0 and _story_named(kid):
            break  # story text before it (a lead, an intro): the container is the story
    return main


def _story_named(el: El) -> bool:
    return el.hint > 0 or el.story or el.tag in STRONG_CONTAINER


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


def is_clutter(el: El) -> bool:
    """Named or marked as something other than the story (and not marked as the story)."""
    return names_clutter(el.tag, el.hint, el.attrs.get("role") if el.attrs else None, el.story)


def _inline_prose(el: El) -> bool:
    """An inline element (a ``<span>`` styling a paragraph) holding sentences of text:
    whatever its class says, a line of text is not a sidebar or a menu."""
    return (
        el.tag in INLINE
        and el.text_len - el.link_len >= INLINE_PROSE
        and el.link_len * 4 < el.text_len
    )


def _bare_inline(el: El) -> bool:
    """An inline element without text (a span around a picture, the picture itself, a
    link that opens it where it stands): its name says how it behaves ("overlay",
    "lightbox"), not what it is; the pictures' own rules judge what it holds. A link to
    another page so named stays out (a related story's thumbnail)."""
    if el.tag not in INLINE or el.text_len:
        return False
    return el.tag != "a" or not links_away(el.get("href"))


def prune(main: El) -> set[int]:
    """ids of clutter elements inside ``main`` (by name or landmark) to leave out.

    Such an element stays when it holds most of the container's story-like text, or a
    story container (``<article>``, a story class name, ``articleBody``) with a good
    share of it: wrappers named after the layout are not clutter.
    """
    total = main.plain_good or 1.0
    removed: set[int] = set()
    stack: list[El] = list(main.kids)
    while stack:
        el = stack.pop()
        if is_clutter(el):
            keep = (
                el.plain_good >= KEEP_SHARE * total
                or el.story_below >= HOLDS_STORY * total
                or _inline_prose(el)
                or _bare_inline(el)
            )
            if not keep:
                removed.add(id(el))
                continue
        stack.extend(el.kids)
    return removed

"""Where a link sits: inside the story body, in a navigation menu, in a sponsored widget,
under a heading that says "Related" or "Most read".

``ContextMap.of(node)`` answers for any element, memoised per element so that a page's
links cost time linear in their number: each element's context is derived once from its
parent's and from the nearest heading among its preceding siblings ("the visible heading
decides", ``docs/TEASERS.md``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reader.extract.teasers.text import HeadingKind, classify_heading

_NAV_CLASS = re.compile(
    r"(?:^|[\s_\-])(?:nav|navbar|navigation|menu|submenu|megamenu|mega-menu|breadcrumbs?|"
    r"crumbs|site-header|masthead|topbar|top-bar|pagination|pager|share|sharing|social|"
    r"tags|tag-list|taglist|byline|author|skip|sitemap|flyout|dropdown|cats|categories|"
    r"cat-links)(?:$|[\s_\-])",
    re.IGNORECASE,
)
_JUNK_CLASS = re.compile(
    r"taboola|outbrain|revcontent|zergnet|mgid|adblade|sponsor|promoted|advert|adsense|"
    r"dfp-|gpt-ad|native-?ad|nativo|paid-?(?:post|content)|partner-?content|ob-widget|"
    r"trc_|\bad-|\bads\b|\bad\b|commercial|affiliate|newsletter|comment-?list|comments-area|"
    r"disqus|cookie",
    re.IGNORECASE,
)
# The same two patterns for lower-case ASCII text, arranged to be matched quickly (a search
# skips fast over the places where no branch can start): ``_NAV_LOWER`` tries the names
# only after a separator, so it is matched against the text with a blank put in front
# (which stands for ``^``); ``(?<!\wa)ds?\b`` is ``\bads?\b`` starting with a letter.
_NAV_LOWER = re.compile(
    r"[\s_\-](?:a(?:uthor)|b(?:readcrumbs?|yline)|c(?:at(?:s|egories|-links)|rumbs)|dropdown"
    r"|flyout|m(?:e(?:nu|ga-?menu)|asthead)|nav(?:bar|igation)?|pag(?:ination|er)"
    r"|s(?:har(?:e|ing)|ite(?:-header|map)|kip|ocial|ubmenu)|t(?:ag(?:s|-?list)|op-?bar))"
    r"(?![^\s_\-])"
)
_JUNK_LOWER = re.compile(
    r"a(?:dblade|dsense|dvert|ffiliate|(?<!\wa)ds?\b)"
    r"|co(?:mmercial|mment-?list|mments-area|okie)|d(?:fp-|isqus)"
    r"|gpt-ad|mgid|n(?:ative-?ad|ativo|ewsletter)|o(?:b-widget|utbrain)"
    r"|p(?:aid-?(?:post|content)|artner-?content|romoted)|revcontent|sponsor|t(?:aboola|rc_)"
    r"|zergnet"
)
_COMMENT_NAMES = frozenset({"comments", "comment", "comment-section", "comments-section"})
"""Whole class or id names of a comment section (checked by name: a pattern for them would
slow every class name down)."""
_AD_TOKEN = re.compile(r"\bad-|\bads?\b")
"""The short "ad" names of ``_JUNK_CLASS``: also used for markers of ad slots on a story."""
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_NAV_ROLES = frozenset({"navigation", "menu", "menubar", "banner", "search"})
_MAX_PEERS = 60
_TAGS_THAT_SAY = frozenset({"nav", "form", "button", "select"})
"""Tags that make a context whatever their attributes."""
_NEVER_HEADINGS = frozenset(
    {
        "ul",
        "ol",
        "table",
        "article",
        "section",
        "figure",
        "img",
        "iframe",
        "head",
        "script",
        "style",
        "noscript",
        "template",
    }
)
"""Elements whose text is never a heading: lists and stories, and what no reader sees."""


@dataclass(frozen=True, slots=True)
class Ctx:
    """What an element's position says about the links in it."""

    in_main: bool = False
    nav: bool = False
    junk: int = 0
    """0: not junk; ``SAID``: junk because a heading said so ("Share", "Sponsored"), which a
    later block with a heading of its own ("Related") undoes; ``NAMED``: junk by a class
    or id name or by its tag, which nothing inside undoes."""
    heading: HeadingKind | None = None
    """"related" or "list" when the nearest classifying heading says so."""
    block: tuple[int, ...] = ()
    """mem_ids of the heading and the element under it, when they lie inside main."""


SAID = 1
NAMED = 2
_NO_HEADING: tuple[HeadingKind | None, int] = (None, 0)
_ROOT = Ctx()
_IN_MAIN = Ctx(in_main=True)


class ContextMap:
    """Memoised contexts of the elements of one tree."""

    def __init__(self, main: Any) -> None:
        self.main_id: int | None = main.mem_id if main is not None else None
        # The ancestors of main hold the story: their class names never make it junk.
        self._holds_main: set[int] = set()
        node = main.parent if main is not None else None
        while node is not None:
            self._holds_main.add(node.mem_id)
            node = node.parent
        self._ctx: dict[int, Ctx] = {}
        self._sib: dict[int, tuple[HeadingKind | None, int]] = {}
        self._dense: dict[int, bool] = {}

    def _has_link(self, el: Any) -> bool:
        """True when ``el`` is an ``<a>`` or holds one (as ``el.css_first("a")`` tells).
        A small element is searched in Python, cheaper than a selector query."""
        for count, node in enumerate(el.traverse()):
            if node.tag == "a":
                return True
            if count >= 24:
                return el.css_first("a") is not None
        return False

    def of(self, node: Any, attrs: dict[str, str | None] | None = None) -> Ctx:
        """The context of ``node``; ``attrs``, when given, are its attributes (read once
        by the caller already)."""
        ctxs = self._ctx
        chain: list[tuple[Any, int, str]] = []
        n = node
        parent_ctx = _ROOT
        while n is not None:
            mem = n.mem_id
            got = ctxs.get(mem)
            if got is not None:
                parent_ctx = got
                break
            tag = n.tag
            if tag in ("html", "-document") or not tag or tag[0] in "-#_!":
                break
            chain.append((n, mem, tag))
            n = n.parent
        for el, mem, tag in reversed(chain):
            given = attrs if el is node and attrs is not None else el.attributes
            parent_ctx = self._derive(el, mem, tag, given, parent_ctx)
            ctxs[mem] = parent_ctx
        return parent_ctx

    def _derive(
        self, el: Any, mem: int, tag: str, attrs: dict[str, str | None], parent: Ctx
    ) -> Ctx:
        if mem == self.main_id:
            return _IN_MAIN
        if attrs:
            cls, ident, role = attrs.get("class"), attrs.get("id"), attrs.get("role")
            label = attrs.get("aria-label")
        else:
            cls = ident = role = label = None
        if not (cls or ident or role or label) and tag not in _TAGS_THAT_SAY:
            # No names, no role, no label: only a heading before it can say something.
            kind, heading_id = self._sibling_heading(el, mem, tag)
            if kind is None:
                return parent
            return self._under_heading(el, mem, kind, heading_id, parent, parent.junk)
        in_main, nav, junk = parent.in_main, parent.nav, parent.junk
        heading, block = parent.heading, parent.block
        cls_nav = cls_junk = False
        if cls or ident:
            # One name alone says what it says with a blank beside it: no new string.
            cls_nav, cls_junk = _class_says(f"{cls} {ident}" if cls and ident else cls or ident)
        nav_role = (role or "") in _NAV_ROLES
        if mem in self._holds_main:
            cls_nav = cls_junk = False
        elif cls_junk and tag in ("article", "main") and _only_ad_token(cls, ident):
            # "article-ad-marker": a story that marks where ads go is no ad. An ad slot
            # holds links or nothing; a story holds prose.
            cls_junk = self._link_dense(el)
        elif cls_nav and not (tag == "nav" or nav_role or (nav and heading is None and not block)):
            # A class name alone does not make prose a menu. (When the element is a menu
            # anyway, or inside one with nothing to reset, the class changes nothing.)
            cls_nav = self._link_dense(el)
        if tag == "nav" or cls_nav or nav_role:
            nav, heading, block = True, None, ()
        if cls_junk or tag in ("form", "button", "select"):
            junk = NAMED
        kind, heading_id = self._sibling_heading(el, mem, tag)
        if label and kind in (None, "other"):
            # <section aria-label="Related stories">: a heading only screen readers see
            labelled = classify_heading(label)
            if labelled != "other":
                kind, heading_id = labelled, 0
        if (
            nav is not parent.nav
            or junk != parent.junk
            or heading != parent.heading
            or block != parent.block
        ):
            parent = Ctx(in_main, nav, junk, heading, block)
        if kind is None:
            return parent
        return self._under_heading(el, mem, kind, heading_id, parent, junk)

    def _under_heading(
        self, el: Any, mem: int, kind: HeadingKind, heading_id: int, ctx: Ctx, junk: int
    ) -> Ctx:
        """``ctx`` changed by the heading before ``el`` that says ``kind``."""
        in_main = ctx.in_main
        heading, block = ctx.heading, ctx.block
        if kind == "more":
            kind = "related" if in_main else "list"
        if kind == "junk":
            junk = junk or SAID
        elif kind in ("related", "list"):
            if in_main and not self._link_dense(el):
                pass  # a heading over body paragraphs: they stay body text
            elif kind == "list" and ctx.nav:
                pass  # "News" over a menu's column: the column stays the menu's
            else:
                heading = kind
                block = (heading_id, mem) if in_main else ()
                if junk == SAID:  # "Share" above, "Related" here: this block is stories
                    junk = 0
        if junk == ctx.junk and heading == ctx.heading and block == ctx.block:
            return ctx  # the common case: nothing new at this level
        return Ctx(in_main, ctx.nav, junk, heading, block)

    def _sibling_heading(self, el: Any, mem: int, tag: str) -> tuple[HeadingKind | None, int]:
        """The classifying heading just before ``el`` at its level, skipping peers of the
        same tag (the items of a list). Memoised along the run of peers."""
        sib = self._sib
        skipped: list[int] | None = None  # made only when a peer is passed over
        result: tuple[HeadingKind | None, int] = _NO_HEADING
        prev = el.prev
        steps = 0
        while prev is not None and steps < _MAX_PEERS:
            ptag = prev.tag
            if not ptag or ptag[0] in "-#_!":
                prev = prev.prev
                continue
            steps += 1
            if ptag == tag:
                peer = prev.mem_id
                known = sib.get(peer)
                if known is not None:
                    result = known
                    break
                # A peer wrapping a heading ("<div><h2>Related</h2></div><div>…</div>"), or
                # starting with one beside its own links ("<h2>Related</h2><a>Top</a>").
                if not self._has_link(prev):
                    kind = _heading_kind(prev)
                else:
                    kind = _leading_heading(prev)
                    kind = kind if kind == "related" else None
                if kind is not None and kind != "other":
                    result = (kind, peer)
                    break
                if skipped is None:
                    skipped = [peer]
                else:
                    skipped.append(peer)
                prev = prev.prev
                continue
            result = (_heading_kind(prev), prev.mem_id)
            break
        sib[mem] = result
        if skipped is not None:
            for m in skipped:
                sib[m] = result
        return result

    def _link_dense(self, el: Any) -> bool:
        """True when most of ``el``'s text is link text (a list of links, not prose)."""
        got = self._dense.get(el.mem_id)
        if got is None:
            total = len(el.text(deep=True, strip=True))
            got = total == 0
            linked = 0
            for a in () if got else el.css("a"):
                linked += len(a.text(deep=True, strip=True))
                if linked * 2 >= total:
                    got = True
                    break
            self._dense[el.mem_id] = got
        return got


@lru_cache(maxsize=8192)
def _class_says(cls: str) -> tuple[bool, bool]:
    """(navigation, junk) as told by an element's class and id."""
    if not cls.strip():
        return False, False
    if cls.isascii():  # the common case: lower-case once, no case-blind matching
        low = cls.lower()
        nav = _NAV_LOWER.search(" " + low) is not None
        junk = _JUNK_LOWER.search(low) is not None
    else:
        low = cls.lower()
        nav, junk = bool(_NAV_CLASS.search(cls)), bool(_JUNK_CLASS.search(cls))
    if not junk and "comment" in low:
        junk = not _COMMENT_NAMES.isdisjoint(low.split())
    return nav, junk


def _only_ad_token(cls: str | None, ident: str | None) -> bool:
    """True when an element's names say "ad" and nothing else of ``_JUNK_CLASS``."""
    names = f"{cls or ''} {ident or ''}"
    return bool(_AD_TOKEN.search(names.lower())) and not _JUNK_CLASS.search(
        _AD_TOKEN.sub(" ", names.lower())
    )


def _heading_kind(el: Any) -> HeadingKind | None:
    """What a preceding sibling says as a heading, or None when it is no heading."""
    tag = el.tag
    if tag in _NEVER_HEADINGS:
        return None
    if tag in ("main", "body") and _longer_than(el, 80):
        return None  # big by nature (a head's scripts): no need to gather all their text
    text = el.text(deep=True, separator=" ", strip=True)
    if len(text) > 80:
        return "other" if tag in _HEADING_TAGS else None
    kind = classify_heading(text)
    if kind != "other":
        # A link is a menu's entry ("More on Advertising" over its submenu), never a
        # block's heading of stories; "Categories" or "Share" over links still says junk.
        return None if tag == "a" and kind != "junk" else kind
    if tag in _HEADING_TAGS or el.attributes.get("role") == "heading":
        return "other"
    return None


def _leading_heading(el: Any) -> HeadingKind | None:
    """What the heading element (``<h1>``-``<h6>``) that opens ``el`` says, if one does."""
    child = el.child
    while child is not None and child.tag in ("-text", "_comment", "-comment"):
        child = child.next
    if child is None or child.tag not in _HEADING_TAGS:
        return None
    return _heading_kind(child)


def _longer_than(el: Any, limit: int) -> bool:
    """True when ``el``'s text is sure to pass ``limit`` characters, judged from its first
    text nodes (False when unsure)."""
    size = -1
    for count, node in enumerate(el.traverse(include_text=True)):
        if count >= 64:
            return False
        if node.tag == "-text":
            size += len(node.text(deep=False).strip()) + 1
            if size > limit:
                return True
    return False

"""The parts of one teaser card: its headline, its blurb and its image.

A link's title is the headline alone: a heading inside the link wins; otherwise the
link's own text without kickers, labels, dates, blurbs and screen-reader notes; failing
that its ``title`` / ``aria-label``, then its image's ``alt``.
"""

from __future__ import annotations

import re
from typing import Any

from reader.extract.teasers.text import is_generic, one_line, strip_kicker, word_count
from reader.extract.urls import resolve_url

_HEADLINE_SEL = (
    "h1, h2, h3, h4, h5, h6, [class*=headline], [class*=title], [class*=hed], [itemprop=headline]"
)
_SKIP_CLASS = re.compile(
    r"kicker|eyebrow|label|badge|flag|categor|rubric|section|overline|supertitle|tag|"
    r"date|time|byline|author|summary|excerpt|dek|desc|standfirst|blurb|meta|count|"
    r"duration|icon|sr-only|visually-hidden|screen-reader|visuallyhidden|off-?screen|hidden|"
    r"(?:^|[\s_-])(?:more|read-?more|see-?more|cta)(?:$|[\s_-])",
    re.IGNORECASE,
)
_SKIP_CLASS_LOW = re.compile(_SKIP_CLASS.pattern)
"""``_SKIP_CLASS`` for lower-case ASCII text (a case-blind search is slow in ``re``)."""
_SKIP_TAGS = frozenset({"time", "img", "picture", "svg", "figure", "p", "small", "script",
                        "style", "noscript", "button", "video", "audio", "source", "iframe"})
_BLURB_SEL = (
    "p, [class*=summary], [class*=excerpt], [class*=dek], [class*=desc], [class*=standfirst], "
    "[class*=blurb], [class*=teaser-text], [class*=lede], [class*=intro]"
)
_COMMENTS = re.compile(
    r"^\d+\s*(?:comments?|replies|responses)?$|^comments?$"
    r"|^(?:view|read|show|see|add|post|leave|join)\b.{0,20}\b(?:comments?|discussion|conversation)$",
    re.IGNORECASE,
)

_COMMENTS_LOW = re.compile(_COMMENTS.pattern)
"""``_COMMENTS`` for lower-case ASCII text (a case-blind match is slower in ``re``)."""


def _text(node: Any) -> str:
    return str(node.text(deep=True, separator=" ", strip=True))


def anchor_title(a: Any) -> str:
    """The headline a link shows, cleaned; "" when it shows none."""
    text = ""
    first = a.child
    head = None
    if first is not None and first.tag == "-text" and first.next is None:
        # Just text (the common case): it is the headline whatever the selector says.
        text = one_line(first.text(deep=False))
    else:
        head = _headline(a)
        if head is not None:
            text = one_line(_text(head))
            if head is not a and " " not in text:
                # One word in a heading beside the link's own words is a kicker
                # ("<h4>Court</h4> Judges rule on …"): the words beside it are the headline.
                rest = _own_words(a, head)
                if word_count(rest) >= 3:
                    text = rest
    if not text:
        text = _own_words(a, None)
        if not text:
            text = one_line(_text(a))
    if text and not is_generic(text) and not (
            _COMMENTS_LOW.match(text.lower()) if text.isascii() else _COMMENTS.match(text)):
        return strip_kicker(text)
    attrs = a.attributes
    for name in ("title", "aria-label"):
        value = one_line(attrs.get(name) or "")
        if value and not is_generic(value):
            return strip_kicker(value)
    img = _first_img_with_alt(a)
    if img is not None:
        alt = one_line(img.attributes.get("alt") or "")
        if alt and not is_generic(alt):
            return strip_kicker(alt)
    return ""


def _own_words(a: Any, head: Any) -> str:
    """The text of a link's children that are no kicker, label, date, blurb or hidden
    note (nor ``head``), on one line."""
    parts: list[str] = []
    skip = head.mem_id if head is not None else None
    for child in a.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            parts.append(child.text(deep=False))
            continue
        if tag in _SKIP_TAGS or (skip is not None and child.mem_id == skip):
            continue
        if _skipped_class(child.attributes.get("class")):
            continue
        parts.append(_visible_text(child))
    return one_line(" ".join(parts))


def _skipped_class(cls: str | None) -> bool:
    """True when a class names a kicker, label, date, blurb or hidden note
    (``_SKIP_CLASS``): no part of a headline."""
    if not cls:
        return False
    return bool(_SKIP_CLASS_LOW.search(cls.lower()) if cls.isascii() else _SKIP_CLASS.search(cls))


_UNSEEN = frozenset({"script", "style", "template", "noscript"})


def _visible_text(node: Any) -> str:
    """``node``'s text without what no reader sees (the text of scripts, styles,
    templates and noscript copies: a picture's template holds markup as text) and without
    the kickers, dates and blurbs nested in it (``_SKIP_CLASS``)."""
    if node.css_first("script, style, template, noscript, [class]") is None:
        return _text(node)
    words: list[str] = []
    todo = [node]
    while todo:
        el = todo.pop()
        for child in reversed(list(el.iter(include_text=True))):
            tag = child.tag
            if tag == "-text":
                todo.append(child)
                continue
            if tag in _UNSEEN:
                continue
            if _skipped_class(child.attributes.get("class")):
                continue
            todo.append(child)
        if el.tag == "-text":
            words.append(el.text(deep=False))
    return " ".join(" ".join(words).split())


HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_SMALL = 8
"""Elements looked at in Python before a selector query is the cheaper way."""


def _headline(a: Any) -> Any:
    """``a.css_first(_HEADLINE_SEL)`` (the element itself included), matched in Python
    for a link of a few elements: a selector query costs more than a short walk. A match
    by class that wraps a heading element gives that heading ("title-wrapper" around the
    headline, its blurb and its date)."""
    for count, node in enumerate(a.traverse()):
        if count == _SMALL:
            for found in a.css(_HEADLINE_SEL):
                if found.tag in HEADINGS or not _kicker_named(found.attributes.get("class")):
                    return _inner_heading(found)
            return None
        if node.tag in HEADINGS:
            return node
        attrs = node.attributes
        if attrs:
            cls = attrs.get("class")
            if names_headline(cls):
                return _inner_heading(node)
            if attrs.get("itemprop") == "headline":
                return node
    return None


_KICKER_NAMES = re.compile(r"sub-?title|super-?title|over-?title|sub-?hed|pre-?title")


def names_headline(cls: str | None) -> bool:
    """True when a class names the headline ("title", "headline", "hed"), not a line
    above or below it ("subtitle")."""
    if not cls or not ("headline" in cls or "title" in cls or "hed" in cls):
        return False
    return not _kicker_named(cls)


def _kicker_named(cls: str | None) -> bool:
    """True when a class names a line above or below the headline ("subtitle"), not the
    headline itself."""
    if not cls:
        return False
    low = cls.lower()
    if not _KICKER_NAMES.search(low):
        return False
    rest = _KICKER_NAMES.sub(" ", low)
    return not ("headline" in rest or "title" in rest or "hed" in rest)


def _inner_heading(node: Any) -> Any:
    """The heading element inside ``node`` when it holds one with words, else ``node``."""
    if node is None or node.tag in HEADINGS or node.child is None:
        return node
    inner = None
    for count, el in enumerate(node.traverse()):
        if count == _WALK:
            inner = node.css_first("h1, h2, h3, h4, h5, h6")
            break
        if el.tag in HEADINGS:
            inner = el
            break
    if inner is not None and inner.text(deep=True, strip=True):
        return inner
    return node


_WALK = 16
"""Elements a card or link is walked through in Python before a selector query (which
costs as much as a walk through a dozen elements) is the cheaper way."""
_BLURB_WORDS = re.compile("summary|excerpt|dek|desc|standfirst|blurb|teaser-text|lede|intro")
"""The class name parts of ``_BLURB_SEL`` (matched in lower case: a superset of what it
matches)."""


Walks = dict[int, list[Any] | None]
"""``_walk``'s answers by element (``mem_id``), kept by the caller for one page."""


def _walk(node: Any, walks: Walks | None = None) -> list[Any] | None:
    """The elements of ``node``, itself first, in page order (what a selector query looks
    through); None when there are more than ``_WALK`` of them. Remembered in ``walks``
    when given (a card is looked through for its blurb, its picture and its links)."""
    if walks is not None:
        key = node.mem_id
        if key in walks:
            return walks[key]
    found: list[Any] = []
    result: list[Any] | None = found
    for count, el in enumerate(node.traverse()):
        if count == _WALK:
            result = None
            break
        found.append(el)
    if walks is not None:
        walks[key] = result
    return result


def _links(node: Any, walks: Walks | None = None) -> list[Any]:
    """``node.css("a[href]")``, found by a walk for a small node."""
    els = _walk(node, walks)
    if els is None:
        return list(node.css("a[href]"))
    return [el for el in els if el.tag == "a" and "href" in el.attrs]


def _images(node: Any, walks: Walks | None = None) -> list[Any]:
    """``node.css("img")``, found by a walk for a small node."""
    els = _walk(node, walks)
    if els is None:
        return list(node.css("img"))
    return [el for el in els if el.tag == "img"]


def _first_img_with_alt(node: Any) -> Any:
    """``node.css_first("img[alt]")``, found by a walk for a small node."""
    els = _walk(node)
    if els is None:
        return node.css_first("img[alt]")
    return next((el for el in els if el.tag == "img" and "alt" in el.attrs), None)


def _blurb_candidates(card: Any, walks: Walks | None = None) -> list[Any]:
    """``card.css(_BLURB_SEL)``; a small card with no paragraph and no class name that
    might match is known to have none without the query."""
    els = _walk(card, walks)
    if els is not None:
        for el in els:
            tag = el.tag
            if tag == "p":
                break
            if not tag or tag[0] in "-#_!":
                continue  # a comment or the like: no attributes
            cls = el.attrs.get("class")
            if cls and _BLURB_WORDS.search(cls.lower()):
                break
        else:
            return []
    return list(card.css(_BLURB_SEL))


def find_card(
    a: Any,
    url: str,
    base: str | None,
    stop_id: int | None,
    memo: dict[int, frozenset[str] | None],
    resolved: dict[str, str | None] | None = None,
    walks: Walks | None = None,
) -> Any:
    """The largest ancestor (up to four levels) that holds this one teaser and nothing
    else: every link in it goes to ``url`` or says "see more". ``memo`` keeps, per
    element, the story URLs it links to (None when it is too big to be a card), so that
    a page's cards cost time linear in its size; ``resolved`` (optional) maps an ``href``
    to what ``resolve_url`` gives it against ``base``, shared with the caller."""
    card = a
    node = a
    for _ in range(4):
        parent = node.parent
        if parent is None or parent.mem_id == stop_id or parent.tag in ("body", "html", "main"):
            break
        key = parent.mem_id
        if key not in memo:
            memo[key] = _card_targets(
                parent, base, {} if resolved is None else resolved, walks)
        targets = memo[key]
        if targets is None or not targets <= {url}:
            break
        card = node = parent
    return card


def _card_targets(
    node: Any, base: str | None, resolved: dict[str, str | None], walks: Walks | None = None
) -> frozenset[str] | None:
    for count, _ in enumerate(node.iter()):
        if count >= 12:
            return None  # a card has a handful of parts, not a list of them
    links = _links(node, walks)
    if len(links) > 4 or len(_text(node)) > 900:
        return None
    targets = set()
    for link in links:
        if not is_generic(_text(link)):
            href = link.attributes.get("href") or ""
            if href in resolved:
                target = resolved[href]
            else:
                target = resolved[href] = resolve_url(href, base)
            targets.add(target or "")
    return frozenset(targets)


def card_headline(card: Any, url: str, base: str | None) -> str:
    """A headline elsewhere in the card, for a link that only says "see more"."""
    for link in _links(card):
        if resolve_url(link.attributes.get("href") or "", base) == url:
            title = anchor_title(link)
            if title:
                return title
    head = card.css_first("h1, h2, h3, h4, h5, h6")
    return strip_kicker(one_line(_text(head))) if head is not None else ""


def card_summary(card: Any, a: Any, title: str, walks: Walks | None = None) -> str:
    """The teaser's own blurb: a paragraph next to the headline in the same card."""
    for node in _blurb_candidates(card, walks):
        text = one_line(_text(node), 400)
        if len(text) < 20 or text == title or title in text[: len(title) + 2]:
            continue
        if is_generic(text) or node.css_first("h1, h2, h3, h4, h5, h6") is not None:
            continue
        if node.css_first("a[href]") is not None:
            continue  # a blurb is plain text; a paragraph with links is story text
        return text
    return ""


def card_image(card: Any, base: str | None, walks: Walks | None = None) -> str | None:
    """The card's picture, resolved; None when it has none."""
    for img in _images(card, walks):
        attrs = img.attributes
        for name in ("data-src", "data-original", "data-lazy-src", "src"):
            value = attrs.get(name) or ""
            if value and not value.startswith("data:"):
                url = resolve_url(value, base)
                if url is not None:
                    return url
        srcset = attrs.get("srcset") or attrs.get("data-srcset") or ""
        if srcset:
            url = resolve_url(srcset.split(",")[0].strip().split(" ")[0], base)
            if url is not None:
                return url
    return None

"""Related-story teasers: the links of a page that lead to other single stories, ranked.

``find_teasers`` is pure and total: it reads a parsed tree, never changes it, never
raises. Kinds, best first (``docs/TEASERS.md``): "related" (a block whose visible
heading says Related, See also, Read more …), "inline" (a teaser in or right after the body:
"Related: <headline>", a headline + blurb + "see more" card), "body" (a story link of the
same site inside the body), "list" (Most read, Latest, More from <section>, sidebar and
footer headline lists). Each kind in page order; duplicates merged by normalised URL.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reader.extract.teasers.cards import (
    HEADINGS,
    Walks,
    anchor_title,
    card_headline,
    card_image,
    card_summary,
    find_card,
    names_headline,
)
from reader.extract.teasers.context import ContextMap
from reader.extract.teasers.shape import (
    Shape,
    dated_or_numbered,
    is_same_page,
    page_key,
    story_shape,
)
from reader.extract.teasers.text import (
    inline_prefix,
    is_generic,
    not_a_story_title,
    one_line,
    says_previous_or_next,
    slug_title,
    strip_kicker,
    word_count,
)
from reader.extract.urls import (
    base_from,
    base_url,
    host_of,
    registrable_domain,
    resolve_url,
    same_publisher,
)
from reader.model import TEASER_KIND_RANK, Teaser, TeaserKind

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["MAX_LINKS", "MAX_TEASERS", "TeaserResult", "find_teasers"]

MAX_LINKS = 3000
"""Links looked at per page; the rest are ignored (a page of a million links stays cheap)."""
MAX_TEASERS = 200
"""Teasers returned per page at most."""

_ABSENT = object()
_MENU_MIN = 4
_MENU_WORDS = 3
_MENU_ENTRY = 6
_MENU_WALK = 120
_MENU_LINKS = 12
"""A list is judged a menu by its first ``_MENU_LINKS`` links with text, within its first
``_MENU_WALK`` elements."""
_SECTION_WORDS = 3
"""A menu entry of fewer words names a section of the site ("Rankings", "Our schools")."""
_COMMENT_FRAGMENT = ("comment", "respond", "reply", "disqus", "discussion", "conversation")
_BLOCK_TAGS = frozenset(
    {
        "p",
        "li",
        "div",
        "blockquote",
        "aside",
        "section",
        "figure",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dd",
        "td",
        "article",
    }
)


@dataclass(frozen=True, slots=True)
class TeaserResult:
    """The teasers of one page, best first, the teaser blocks found inside the body
    (``node.mem_id`` values) that the body renderer skips, and the base URL the page's
    links resolve against (what ``urls.base_url`` gives, found without a second pass)."""

    teasers: tuple[Teaser, ...] = ()
    block_ids: frozenset[int] = field(default_factory=frozenset)
    base: str | None = None


@dataclass(slots=True)
class _Found:
    url: str
    kind: TeaserKind
    order: int
    title: str
    summary: str
    image: str | None
    same: bool
    anchor: Any = None
    """The link whose title this is, asked only when another link gives a second title."""
    pictured: bool | None = None
    """The title is a stand-in: a picture's alt text (the link shows no words: a caption,
    often) or the words of the address ("Next Post"). Known once asked (``_stand_in``)."""

    def rank(self) -> tuple[int, int]:
        return (TEASER_KIND_RANK[self.kind], self.order)


def find_teasers(
    tree: LexborHTMLParser, main: LexborNode | None, page_url: str | None
) -> TeaserResult:
    """The teasers of a page, ranked, and the ids of teaser blocks inside ``main``."""
    try:
        return _Finder(tree, main, page_url).run()
    except Exception:  # pragma: no cover - a last guard: the finder is total
        return TeaserResult()


class _Finder:
    def __init__(self, tree: Any, main: Any, page_url: str | None) -> None:
        self.tree = tree
        if main is not None and main.tag in ("html", "-document"):
            main = tree.body
        self.main = main
        self.main_id: int | None = main.mem_id if main is not None else None
        self.anchors, self.base, named = _anchors_and_base(tree, page_url)
        self.neighbours: dict[str, str] = {}
        """The headlines of the previous and next posts by address, as the head names them
        (``<link rel=next title=…>``): the title of a post navigation's "Next" link."""
        own: list[Any] = []
        for n in named:
            if n.tag != "link" or _rel_of(n) not in _NEIGHBOURS:
                own.append(n)
                continue
            url = resolve_url(n.attributes.get("href") or "", self.base)
            title = strip_kicker(one_line(n.attributes.get("title") or ""))
            if url and title:
                self.neighbours.setdefault(url, title)
        self.page = resolve_url(page_url, None) if isinstance(page_url, str) else None
        owns = self._own_addresses(own)
        # Links resolve as a browser resolves them (``<base href>``, then the address the
        # page was read from); the page's own address only when neither was given.
        self.link_base = self.base if self.base is not None else (owns[0] if owns else None)
        self.selves = [u for u in dict.fromkeys((self.page, *owns)) if u]
        # "The same site": the site the page was read from, the one its <base> names, and
        # the one it names as its own (a mirror's, a cache's or a saved copy's publisher).
        refs = [u for u in (self.page, self.base, *owns) if u]
        self.sites = [d for d in dict.fromkeys(registrable_domain(host_of(u)) for u in refs) if d]
        # A link can be the page itself only when its key starts with the page's own, so
        # only when its address holds the page's path (the part of that key after the host).
        keys = [page_key(s).partition("?")[0] for s in self.selves]
        self.self_paths = [(s, k, _path_of(k)) for s, k in zip(self.selves, keys, strict=True)]
        self.self_id = _story_id(self.selves)
        """The one long id the page's own address carries (lower case); a link carrying it
        too is this story in another form (its gallery, its comments, its page 2)."""
        self.ctx = ContextMap(main)
        self.found: dict[str, _Found] = {}
        self.blocks: set[int] = set()
        self.cards: dict[int, frozenset[str] | None] = {}
        self.prefixed: dict[int, bool] = {}
        self.origins: dict[str, bool] = {}
        self.hrefs: dict[str, tuple[str, Shape]] = {}
        self.walks: Walks = {}
        self.resolved: dict[str, str | None] = {}
        """``resolve_url(href, self.base)`` per ``href``, for the judge and the cards."""
        self.menus: dict[int, bool] = {}
        """Per ``<ul>``/``<ol>`` (``mem_id``): is it a menu (see ``_in_menu``)?"""
        self.refused: set[str] = set()
        """Addresses whose headline names no story (a sale, a quiz): refused wherever else
        the page links them ("Read the rest")."""
        self.sections: set[str] = set()
        """Story-shaped addresses that the page's menus name in a word or two: the site's
        sections and service pages, never a story wherever else they are linked."""

    def _own_addresses(self, nodes: list[Any]) -> list[str]:
        """The addresses the page names as its own: ``<link rel=canonical>``, ``og:url``
        (``nodes``, the elements that say them, in page order) and (only when it names
        neither) a JSON-LD ``url``."""
        found: list[str] = []
        for node in nodes:
            attrs = node.attributes
            value = attrs.get("href") if node.tag == "link" else attrs.get("content")
            url = resolve_url(value or "", self.base)
            if url and url not in found:
                found.append(url)
        if not found:
            url = _json_ld_url(self.tree)
            if url:
                found.append(url)
        return found

    def run(self) -> TeaserResult:
        hrefs = self.hrefs
        order = 0
        for a in self.anchors:
            # One attribute read for every link; all of them only for the links that may
            # be teasers (most links of a page are judged "no" by their address alone).
            href = a.attrs.get("href", _ABSENT)
            if href is _ABSENT:
                continue
            href = href or ""
            judged = hrefs.get(href)
            if judged is None:
                judged = hrefs[href] = self._judge(href)
            if judged[1] != "no":
                self._consider(a, judged, order)
            order += 1
            if order == MAX_LINKS:
                break
        # A one-word "headline" outside the body is a menu entry or a picture's alt text.
        kept = [f for f in self.found.values() if f.kind == "body" or word_count(f.title) >= 2]
        if self.sections:
            kept = [f for f in kept if f.url not in self.sections or f.kind == "body"
                    or dated_or_numbered(f.url)]
        kept = _below_no_other(kept, self.selves)
        ranked = _one_per_page(sorted(_consistent(kept), key=_Found.rank))[:MAX_TEASERS]
        teasers = tuple(
            Teaser(url=f.url, title=f.title, summary=f.summary, kind=f.kind, image=f.image)
            for f in ranked
        )
        return TeaserResult(teasers=teasers, block_ids=frozenset(self.blocks), base=self.base)

    def _consider(self, a: Any, judged: tuple[str, Shape], order: int) -> None:
        url, shape = judged
        attrs = a.attributes
        rel = (attrs.get("rel") or "").lower()
        if "sponsored" in rel:
            return
        ctx = self.ctx.of(a, attrs)
        if ctx.junk:
            return
        same = self._same_site(url)
        kind: TeaserKind
        block: tuple[int, ...] = ()
        if ctx.heading == "related" or ctx.heading == "list":
            kind = ctx.heading
            block = ctx.block
            title = self._title(a, url)
            if shape == "weak" and word_count(title) < 3:
                return
        elif ctx.nav:
            if not (same and shape == "story" and ("prev" in rel or "next" in rel)):
                self._note_section(url, _text(a))
                return
            kind = "list"
            title = self._title(a, url)
        else:
            para = self._paragraph(a)
            if para is not None and self._introduces_teaser(para):
                kind = "inline"
                block = (para.mem_id,) if ctx.in_main else ()
                title = self._title(a, url)
            elif not ctx.in_main and (not same or shape != "story"):
                return
            else:
                title = self._title(a, url)
                if ctx.in_main and (is_generic(title or _text(a)) or _says_see_more(a)):
                    kind = "inline"
                elif ctx.in_main:
                    if not same or shape != "story":
                        return
                    kind = "body"
                elif word_count(title) < 3:
                    return
                else:
                    kind = "list"
        if (kind == "list" and not ctx.in_main and word_count(title) < _MENU_ENTRY
                and self._in_menu(a)):
            self._note_section(url, title)
            return
        self._add(a, url, kind, order, title, ctx.in_main, block, same)

    def _title(self, a: Any, url: str) -> str:
        """``anchor_title``; for a "Next" or "Previous" link, the headline the head names
        for its address."""
        title = anchor_title(a)
        words = word_count(title)
        if words > 3:
            return title
        label = says_previous_or_next(title)
        if words < 2 or label:
            named = self.neighbours.get(url)
            if named:
                return named
            if label:
                # "Previous Post" names no story: its address's words do, if anything.
                return slug_title(url)
        return title

    def _note_section(self, url: str, text: str) -> None:
        """Remember ``url`` as a section of the site when a menu names it in fewer than
        ``_SECTION_WORDS`` words (not "More", which any link may say). A section's links
        elsewhere on the page are dropped, except in the body, where the text links what
        it means, and for dated or numbered addresses, which are stories a menu features."""
        if text and word_count(text) < _SECTION_WORDS and not is_generic(text):
            self.sections.add(url)

    def _in_menu(self, a: Any) -> bool:
        """True when ``a`` is an entry of a menu: the list (``<ul>``/``<ol>``) it stands in
        has at least ``_MENU_MIN`` links with text, and they are short, fewer than
        ``_MENU_WORDS`` words on average ("Politics", "Live TV", "Aus aller Welt"), where a
        list of stories shows headlines. Its longer entries are menu entries too. Only the
        list's first links are read (a list of a million links costs no more than a short
        one)."""
        node = a.parent
        for _ in range(3):
            if node is None or node.mem_id == self.main_id:
                return False
            tag = node.tag
            if tag == "ul" or tag == "ol":
                break
            node = node.parent
        else:
            return False
        if node is None:
            return False
        got = self.menus.get(node.mem_id)
        if got is None:
            links = total = 0
            for count, el in enumerate(node.traverse()):
                if count == _MENU_WALK:
                    break
                if el.tag == "a":
                    text = _text(el)
                    if text:
                        links += 1
                        total += word_count(text)
                        # Enough words already for any count of links read: no menu.
                        if links == _MENU_LINKS or total >= _MENU_WORDS * _MENU_LINKS:
                            break
            got = links >= _MENU_MIN and total < _MENU_WORDS * links
            self.menus[node.mem_id] = got
        return got

    def _judge(self, href: str) -> tuple[str, Shape]:
        """The URL of an ``href`` and its shape; "no" for links that lead to no other story
        whatever their place (comment anchors, other schemes, this very page)."""
        stripped = href.strip()
        if not stripped or stripped.startswith("#"):
            return "", "no"
        _, hash_, fragment = stripped.partition("#")
        if hash_ and any(w in fragment.lower() for w in _COMMENT_FRAGMENT):
            return "", "no"
        url = self.resolved[href] = resolve_url(href, self.link_base)
        if url is None:
            return "", "no"
        shape = story_shape(url)
        if shape == "no":
            return url, "no"
        for page, prefix, path in self.self_paths:
            if path in url and page_key(url).startswith(prefix) and is_same_page(url, page):
                return url, "no"
        if self.self_id is not None and self._carries_only_own_id(
                page_key(url).partition("?")[0]):
            return url, "no"
        return url, shape

    def _carries_only_own_id(self, path: str) -> bool:
        """True when ``path`` carries the page's own id and no other long id (a media item
        with an id of its own beside the page's is a story of its own)."""
        own = self.self_id
        low = path.lower()
        if own is None or own not in low:
            return False
        ids = {i for i in _LONG_ID.findall(low) if not _DATE_NUMBER.fullmatch(i)}
        return ids == {own}

    def _same_site(self, url: str) -> bool:
        """``same_site`` against each of the page's sites, memoised per origin (it reads
        only the host)."""
        if not self.sites:
            return True
        origin = url[: url.find("/", 8)]
        got = self.origins.get(origin)
        if got is None:
            domain = registrable_domain(host_of(origin))
            got = domain in self.sites or any(same_publisher(domain, s) for s in self.sites)
            self.origins[origin] = got
        return got

    def _introduces_teaser(self, para: Any) -> bool:
        """Memoised: does this block start "Related: …", "Read more: …"?"""
        got = self.prefixed.get(para.mem_id)
        if got is None:
            got = self.prefixed[para.mem_id] = inline_prefix(_text(para))
        return got

    def _paragraph(self, a: Any) -> Any:
        """The nearest block-level ancestor (three levels at most) that is not main."""
        node = a.parent
        for _ in range(3):
            if node is None or node.mem_id == self.main_id:
                return None
            if node.tag in _BLOCK_TAGS:
                return node
            node = node.parent
        return None

    def _add(
        self,
        a: Any,
        url: str,
        kind: TeaserKind,
        order: int,
        title: str,
        in_main: bool,
        block: tuple[int, ...],
        same: bool,
    ) -> None:
        if url in self.refused:
            return
        if title and not_a_story_title(title):
            self.refused.add(url)
            return
        card = find_card(a, url, self.link_base, self.main_id, self.cards, self.resolved,
                         self.walks)
        if not title or is_generic(title):
            title = card_headline(card, url, self.link_base)
            if not title or not_a_story_title(title):
                return
        old = self.found.get(url)
        bare = kind == "inline" and in_main and not block
        # A repeated link only fills in what its first sighting lacked.
        summary = (card_summary(card, a, title, self.walks)
                   if bare or old is None or not old.summary else "")
        if bare:
            if not summary and is_generic(_text(a)):
                return  # a bare "read more" in the body, not a teaser card
            block = (card.mem_id,)
        image = (card_image(card, self.link_base, self.walks)
                 if old is None or old.image is None else None)
        if in_main and block:
            self.blocks.update(i for i in block if i and i != self.main_id)
        if old is None:
            self.found[url] = _Found(url, kind, order, title, summary, image, same, a)
            return
        if TEASER_KIND_RANK[kind] < TEASER_KIND_RANK[old.kind]:
            old.kind, old.order = kind, order
        if old.pictured is None:
            old.pictured = _stand_in(old.anchor)
        pictured = _stand_in(a)
        # The words of a headline link beat a picture's alt text (a photo caption) and the
        # words of an address; then a link marked as the headline beats the card's other
        # links (its blurb, its label); then the likelier headline by length.
        new = (not pictured, _headlined(a, title), _title_score(title))
        if new > (not old.pictured, _headlined(old.anchor, old.title), _title_score(old.title)):
            old.title, old.pictured, old.anchor = title, pictured, a
        if not old.summary and summary:
            old.summary = summary
        if old.image is None:
            old.image = image


_NAMING_SELF = ("link[rel=canonical], meta[property='og:url'], link[rel=prev][title], "
                "link[rel=next][title]")
_NEIGHBOURS = ("prev", "next")


def _rel_of(node: Any) -> str:
    return (node.attributes.get("rel") or "").lower()


def _anchors_and_base(
    tree: Any, page_url: str | None
) -> tuple[list[Any], str | None, list[Any]]:
    """The ``<a>`` elements of the page body in document order, the base URL, and the
    elements by which the page names its own address (``<link rel=canonical>``,
    ``og:url``) in the head: one pass over the head and one over the body find them all
    (a ``<base>`` is nearly always in the head, but the first one anywhere counts)."""
    head = tree.head
    node = None
    named: list[Any] = []
    if head is not None:
        for found_node in head.css("base[href], " + _NAMING_SELF):
            if found_node.tag != "base":
                named.append(found_node)
            elif node is None:
                node = found_node
    else:
        root = tree.root
        named = root.css(_NAMING_SELF) if root is not None else []
    body = tree.body
    if body is None:
        root = tree.root
        anchors = root.css("a") if root is not None else []
        return anchors, base_url(tree, page_url), named
    found = body.css("a, base")
    anchors = [n for n in found if n.tag == "a"]
    if node is None and len(anchors) < len(found):
        node = next((n for n in found if n.tag == "base" and "href" in n.attributes), None)
    base = base_from(node.attributes.get("href") if node is not None else None, page_url)
    return anchors, base, named


_JSON_LD_TYPES = ("article", "posting", "webpage", "report", "blog", "video", "gallery")
_JSON_LD_MAX = 200_000


def _json_ld_url(tree: Any) -> str | None:
    """The ``url`` (or ``mainEntityOfPage``) of the first article-like JSON-LD object of
    the page, when it is an absolute http(s) address; None otherwise."""
    for script in tree.css("script[type='application/ld+json']")[:8]:
        text = script.text(deep=True)
        if not text or len(text) > _JSON_LD_MAX:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            continue
        todo = [data]
        for _ in range(64):
            if not todo:
                break
            item = todo.pop(0)
            if isinstance(item, list):
                todo.extend(item[:16])
                continue
            if not isinstance(item, dict):
                continue
            graph = item.get("@graph")
            if isinstance(graph, list):
                todo.extend(graph[:16])
            kind = item.get("@type")
            kinds = " ".join(
                k for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)
            ).lower()
            if not any(k in kinds for k in _JSON_LD_TYPES):
                continue
            for name in ("url", "mainEntityOfPage"):
                value = item.get(name)
                if isinstance(value, dict):
                    value = value.get("@id") or value.get("url")
                if isinstance(value, str) and value.strip().lower().startswith("http"):
                    url = resolve_url(value, None)
                    if url:
                        return url
    return None


def _says_see_more(a: Any) -> bool:
    """True for a link that is a whole teaser card: headline, blurb and a "see more" part."""
    parts = _parts_of(a)
    if len(parts) < 2:
        return False
    for part in parts[-3:]:
        text = _text(part)
        # An empty part (a duration badge drawn by an icon) says nothing.
        if text and is_generic(text):
            return True
    return False


_PART_TAGS = frozenset({"span", "em", "strong", "p", "div", "small"})
_WALK = 16


def _parts_of(a: Any) -> list[Any]:
    """``a.css("span, em, strong, p, div, small")``, found by a walk for a small link."""
    found = []
    for count, el in enumerate(a.traverse()):
        if count == _WALK:
            return list(a.css("span, em, strong, p, div, small"))
        if el.tag in _PART_TAGS:
            found.append(el)
    return found


def _consistent(found: Iterable[_Found]) -> list[_Found]:
    """Drop the odd ones out: when nearly all of a site's links in generic lists carry a
    date or a long id in their path, an undated one among them is a page (about, a landing
    page, a calendar), not a story. Links in the body are left alone."""
    items = list(found)
    own = [f for f in items if f.same and f.kind == "list"]
    if len(own) < 6:
        return items
    marked = sum(1 for f in own if dated_or_numbered(f.url))
    if marked < 0.75 * len(own):
        return items
    return [f for f in items if not (f.same and f.kind == "list" and not dated_or_numbered(f.url))]


def _one_per_page(ranked: list[_Found]) -> list[_Found]:
    """The best-ranked of the teasers that are one page under small differences of address
    (``http``/``https``, ``www.``, a trailing slash or two)."""
    seen: set[str] = set()
    kept = []
    for f in ranked:
        key = page_key(f.url)
        if key not in seen:
            seen.add(key)
            kept.append(f)
    return kept


def _below_no_other(found: list[_Found], selves: list[str]) -> list[_Found]:
    """Drop the links whose address is a folder above another found link or above the page
    itself: a show's page above its episodes, a section's above its stories
    (``/shows/morning`` beside ``/shows/morning/2020-01-14``). Addresses with a query are
    never taken for folders."""
    keys = {f.url: page_key(f.url) for f in found}
    paths = sorted({k for k in keys.values() if "?" not in k}
                   | {page_key(s).partition("?")[0] for s in selves})
    folders = set()
    for path in paths:
        below = path + "/"
        at = bisect_left(paths, below)
        if at < len(paths) and paths[at].startswith(below):
            folders.add(path)
    if not folders:
        return found
    return [f for f in found if keys[f.url] not in folders]


_LONG_ID = re.compile(r"(?<![0-9a-z])(?:\d{6,}|[0-9a-f]{16,})(?![0-9a-z])")
_DATE_NUMBER = re.compile(r"(?:19|20)\d\d[01]\d[0-3]\d")


def _story_id(selves: list[str]) -> str | None:
    """The long id (six digits or more, or sixteen hex digits, not a date) in the path of
    the page's own addresses, when they carry exactly one; None otherwise (no id, or
    several: a section's id beside the story's would match its neighbours)."""
    ids: set[str] = set()
    for url in selves:
        path = page_key(url).partition("?")[0].lower()
        found = {i for i in _LONG_ID.findall(path) if not _DATE_NUMBER.fullmatch(i)}
        if len(found) > 1:
            return None
        ids |= found
    if len(ids) != 1:
        return None
    return ids.pop()


def _path_of(key: str) -> str:
    """The path part of a ``page_key`` (from its first "/"), "" when it has none."""
    slash = key.find("/")
    return key[slash:] if slash >= 0 else ""


def _headlined(a: Any, title: str) -> bool:
    """True for a link set as a headline: in or around a heading element, or named a
    title or headline by its class, and saying four words or more (a shorter heading is a
    card's label: "News Cloud", "Internet of Things")."""
    if word_count(title) < 4:
        return False
    if names_headline(a.attributes.get("class")):
        return True
    parent = a.parent
    if parent is not None and parent.tag in HEADINGS:
        return True
    child = a.child
    while child is not None and child.tag == "-text" and not child.text(deep=False).strip():
        child = child.next
    return child is not None and child.tag in HEADINGS


def _stand_in(a: Any) -> bool:
    """True for a link whose title stands in for a headline it does not show: a picture
    alone, or "Next Post"."""
    text = a.text(deep=True, strip=True)
    return not text or (len(text) < 40 and says_previous_or_next(text))


def _text(node: Any) -> str:
    return str(node.text(deep=True, separator=" ", strip=True))


def _title_score(title: str) -> tuple[int, int]:
    words = word_count(title)
    return (1 if 3 <= words <= 40 else 0, min(len(title), 200))

"""The story's pictures: which address an ``<img>`` stands for, and which are not the story.

An image's address is its lazy-loading attribute (``data-src`` and kin), else the best
``srcset`` candidate (its own, a lazy ``data-srcset``, or a ``<picture>``'s ``<source>``),
else its ``src``; a ``src`` that is a placeholder (a blank, spacer or loading picture, a
``data:`` URL) does not count. Of a ``srcset`` the candidate chosen is the one closest to
800-1600 pixels wide (the largest inside that band): enough for a terminal pane, never a
print-size original.

Not the story: tracking pixels (2x2 or smaller, counters' hosts and names), spacers,
logos, avatars, icons, emoji, badges and share buttons (by the names of the picture, its
file and the link around it), pictures drawn 64 pixels or smaller, and advertisements.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import lru_cache

from reader.extract.dom import El


def _names(text: str) -> list[str]:
    """Whitespace-separated names, for writing long sets compactly."""
    return text.split()


LAZY_ATTRS = (
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-original-src",
    "data-hi-res-src",
    "data-full-src",
    "data-url",
    "data-lazy",
)
SRCSET_ATTRS = ("data-srcset", "data-lazy-srcset", "srcset")
BAND = (800.0, 1600.0)
"""Widths a ``srcset`` candidate is chosen in (the largest inside, else the closest)."""
ASSUMED_WIDTH = 700.0
"""The width taken for a ``1x`` candidate when the image says none."""
SMALL = 64
"""A picture drawn this many pixels wide and high, or fewer, is an icon."""
CONTENT_WIDTH = 400
"""A picture drawn this wide is the story's own even when its file is named "logo"
(a photograph of a company's sign)."""
_SKIPPED_TYPES = ("image/avif", "image/jxl", "image/svg")
"""``<source>`` types the terminal renderer cannot read (Pillow reads JPEG, PNG, GIF, WebP)."""

_STAND_IN = frozenset(
    _names("blank spacer placeholder transparent pixel 1x1 lazy loading loader preloader spinner")
    + _names("empty dummy clear trans px s")
)
_STAND_IN_EXTRA = frozenset(
    _names("white black grey gray img image default small dot gif bg load icon spin")
)
"""A file stem made only of these words and numbers, one of them a stand-in word, is a
placeholder (``1x1-white``, ``lazy-placeholder``; not ``grey-whale``)."""
_WORDS = re.compile(r"[a-z]+|\d+(?:x\d+)?")
_JUNK_NAME = re.compile(
    r"(?:^|[^a-z])(?:logo|logos|avatar|avatars|gravatar|icon|icons|favicon|emoji|emoticon|"
    r"smiley|badge|sprite|button|btn|share|sharing|social|facebook|twitter|linkedin|"
    r"whatsapp|pinterest|reddit|instagram|youtube|telegram|rss|print|email|"
    r"author|byline|profile|headshot|advert|advertisement|ads?|banner|sponsor|doubleclick|"
    r"spacer|pixel|tracking|tracker|beacon|counter|1x1|rating)(?:[^a-z]|$)",
    re.IGNORECASE,
)
"""Class, id and link names of pictures that are not the story."""
_JUNK_FILE = re.compile(
    r"(?:^|[^a-z])(?:logo|logos|avatar|avatars|gravatar|icon|icons|favicon|emoji|"
    r"emoticon|smiley|badge|sprite|button|btn|spacer|pixel|1x1)(?:[^a-z]|$)",
    re.IGNORECASE,
)
_TRACKERS = re.compile(
    r"//(?:[^/]*\.)?(?:facebook\.com/tr|scorecardresearch\.com|quantserve\.com|"
    r"doubleclick\.net|google-analytics\.com|googletagmanager\.com|googlesyndication\.com|"
    r"adservice\.google|bat\.bing\.com|analytics\.|pixel\.|stats\.|counter\.|"
    r"ads[-.]|adserver|ad\.|vgwort\.de|ivwbox\.de|ioam\.de|chartbeat\.|"
    r"mc\.yandex\.|top-fwz1\.mail\.ru|sb\.scorecardresearch|b\.scorecardresearch|"
    r"feeds\.feedburner\.com/~r/)"
    # Ad servers' own paths (OpenX-style delivery scripts, an /adserver/ folder).
    r"|/(?:www/)?delivery/(?:avw|lg|ck|ajs)\.php|/adserver/",
    re.IGNORECASE,
)
_STORY_PICTURE = re.compile(
    r"(?:^|[^a-z])(?:hero|lead|featured|main)[-_]?(?:image|img|photo|picture|media)(?:[^a-z]|$)",
    re.IGNORECASE,
)
"""A picture's own name saying it is the story's lead picture (``hero-image``): a word
beside it ("block-image-ads", an order to the ad script) does not make it an ad."""
_AD_ALT = re.compile(r"^\W*(?:advertisement|anzeige|werbung|publicité|sponsored|ad)\W*$", re.I)


def _number(value: str) -> float | None:
    value = value.strip().lower().removesuffix("px").strip()
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _style_size(style: str, name: str) -> float | None:
    match = re.search(rf"(?:^|[;\s]){name}\s*:\s*([\d.]+)px", style, re.IGNORECASE)
    return _number(match.group(1)) if match else None


def drawn_size(el: El) -> tuple[float | None, float | None]:
    """The width and height the page draws the picture at, when it says."""
    style = el.get("style")
    width = _number(el.get("width")) if el.get("width") else None
    height = _number(el.get("height")) if el.get("height") else None
    if style:
        width = _style_size(style, "width") if width is None else width
        height = _style_size(style, "height") if height is None else height
    return width, height


def placeholder(src: str) -> bool:
    """A ``data:`` URL or a file named as a stand-in (``blank.gif``, ``1x1-white.jpg``)."""
    src = src.strip()
    if not src or src.lower().startswith("data:"):
        return True
    stem = _file_name(src).rsplit(".", 1)[0].lower()
    if len(stem) > 40:
        return False
    words = _WORDS.findall(stem)
    return any(w in _STAND_IN for w in words) and all(
        w in _STAND_IN or w in _STAND_IN_EXTRA or w[:1].isdigit() for w in words
    )


def candidates(srcset: str) -> list[tuple[str, float | None, float | None]]:
    """A ``srcset``'s candidates: (URL, width descriptor, density descriptor). URLs may
    hold commas (``/w_800,h_600/``); a candidate ends at a comma after whitespace or
    after its descriptors, as the HTML standard parses it."""
    out: list[tuple[str, float | None, float | None]] = []
    at, size = 0, len(srcset)
    while at < size:
        while at < size and (srcset[at].isspace() or srcset[at] == ","):
            at += 1
        start = at
        while at < size and not srcset[at].isspace():
            at += 1
        url = srcset[start:at]
        if not url:
            break
        width = density = None
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            end = srcset.find(",", at)
            end = size if end < 0 else end
            for word in srcset[at:end].split():
                unit, number = word[-1:].lower(), _number(word[:-1])
                if number is None or number <= 0:
                    continue
                if unit == "w":
                    width = number
                elif unit == "x":
                    density = number
            at = end
        if url and not url.lower().startswith("data:"):
            out.append((url, width, density))
    return out


def _distance(width: float) -> float:
    low, high = BAND
    if width < low:
        return math.log(low / width)
    if width > high:
        return math.log(width / high)
    return -width / high  # inside the band: the larger, the better


def best_candidate(srcset: str, drawn_width: float | None = None) -> str:
    """The candidate closest to ``BAND`` (the largest inside it); "" when there is none."""
    found = candidates(srcset)
    if not found:
        return ""
    base = drawn_width if drawn_width and drawn_width > SMALL else ASSUMED_WIDTH
    best, best_score = found[0][0], math.inf
    for url, width, density in found:
        if width is None:
            width = base * (density or 1.0)
        score = _distance(width)
        if score < best_score:
            best, best_score = url, score
    return best


def source_of(img: El, sources: list[El] | None = None) -> str:
    """The address ``img`` stands for ("" when none): lazy attributes, then ``srcset``
    (the image's, then its ``<picture>``'s sources), then a ``src`` that is no
    placeholder."""
    for name in LAZY_ATTRS:
        value = img.get(name).strip()
        if value and not placeholder(value) and _url_like(value):
            return value
    width = drawn_size(img)[0]
    for name in SRCSET_ATTRS:
        value = img.get(name).strip()
        if value:
            chosen = best_candidate(value, width)
            if chosen:
                return chosen
    for source in sources or ():
        kind = source.get("type").lower()
        if kind.startswith(_SKIPPED_TYPES):
            continue
        value = (source.get("data-srcset") or source.get("srcset")).strip()
        chosen = best_candidate(value, width) if value else ""
        if chosen:
            return chosen
    src = img.get("src").strip()
    if not placeholder(src):
        return src
    # A lazy loader of its own kind (``data-normal``, ``data-hires``): a data attribute
    # holding the address of a picture file.
    for name, raw in img.attrs.items():
        if name.startswith("data-") and raw and _PICTURE_URL.match(raw.strip()):
            return raw.strip()
    return ""


def _url_like(value: str) -> bool:
    """An address, not a script's settings (``{"default": …}``) or a sentence."""
    return value[:1] not in "{[" and not any(c.isspace() for c in value)


def sources_of(img: El) -> list[El]:
    """The ``<source>`` elements of the ``<picture>`` holding ``img`` (none otherwise)."""
    parent = img.parent
    if parent is None or parent.tag != "picture":
        return []
    return [k for k in parent.kids if k.tag == "source"]


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
"""Where a camelCase name's words meet ("siteLogo"): a separator there lets the name
patterns see the words (their case-blind boundaries never part two letters)."""


@lru_cache(maxsize=4096)
def _junk_name(value: str) -> bool:
    return bool(_JUNK_NAME.search(_CAMEL.sub("-", value)))


def _file_name(src: str) -> str:
    return src.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def not_story(img: El, src: str, named: bool = False) -> bool:
    """True for a picture that is not the story's: a tracking pixel, a spacer, a logo,
    avatar, icon, badge or share button, an advertisement. ``named``: the page names it
    as its own picture (``og:image``), so a file name ("…-logo-…") does not judge it."""
    width, height = drawn_size(img)
    if (width is not None and width <= 2) or (height is not None and height <= 2):
        return True  # a tracking pixel or a spacer
    if width is not None and height is not None and width <= SMALL and height <= SMALL:
        return True  # an icon
    if _TRACKERS.search(src) or placeholder(src):
        return True
    own = " ".join((img.get("class"), img.get("id")))
    if _junk_name(own) and not _STORY_PICTURE.search(_CAMEL.sub("-", own)):
        return True
    if (
        not named
        and _JUNK_FILE.search(_CAMEL.sub("-", _file_name(src)))
        and (width is None or width < CONTENT_WIDTH)
    ):
        return True  # a logo or an icon by its file's name, unless drawn as a photograph
    if _AD_ALT.match(img.get("alt")):
        return True
    # The link or wrapper right around the picture (a share button, a logo link).
    up = img.parent
    for _ in range(2):
        if up is None:
            break
        if up.tag == "picture":
            up = up.parent
            continue
        if up.tag == "a" or up.text_len == 0:
            label = " ".join((up.get("class"), up.get("id"), up.get("rel")))
            if label.strip() and _junk_name(label):
                return True
        up = up.parent
    return False


STORY_TAGS = frozenset(("article", "main"))
LEAD_CLIMB = 6
"""How far above the story's container its story element (``<article>``…) is looked for."""
HEADED_CLIMB = 2
"""Levels above the block holding the headline and the story where a picture the page
names as its own still counts as the lead (it often stands above the headline's block)."""
LEAD_MIN_WIDTH = 200
"""A lead picture drawn narrower than this is a thumbnail or a portrait of the author."""
_GENERIC_STEM = re.compile(
    r"^(?:[a-z]+[_-])?(?:x*large|medium|small|thumb\w*|original)$"
    r"|^(?:raw\s?image|image|img|photo|picture|pic|default|main|lead|hero|full)$|^[\d_x-]+$"
)
_SIZE_ONLY = re.compile(r"^(?:[a-z]+[_-])?(?:x*large|medium|small|thumb\w*|\d+x\d*|\d*x\d+|\d+w)$")
"""A file name that only says a size (``1200x675``, ``gallery_xlarge``): the folder is
the picture."""
_PICTURE_URL = re.compile(
    r"^(?:https?:)?/{0,2}[^\s{}\[\]<>]+\.(?:jpe?g|png|gif|webp)(?:[?#][^\s]*)?$", re.IGNORECASE
)
"""An address of a picture file, relative or absolute."""
_NAMES_FILE = re.compile(r"[./]|%2f", re.IGNORECASE)
"""A query naming a path or a file (``src=%2Fimages%2Fa.jpg``), not a version (``v=12``)."""
_DISTINCT = re.compile(r"\d|[a-z][-_.+ ][a-z0-9]")
"""A file name with a number or several words is a picture's own, whatever folder."""
_SIZE_SUFFIX = re.compile(r"[-_]\d{2,5}x\d{2,5}$|[-_](?:x*large|medium|small|thumb|xl|l|m|s)$")


def _story_like(el: El) -> bool:
    return (
        el.tag in STORY_TAGS
        or el.story
        or el.get("role") == "main"
        or (el.hint > 0 and el.tag not in ("body", "html"))
    )


def picture_key(url: str) -> str:
    """What stays of a picture's address across its sizes: a distinctive file name (a
    slug or a number, eight characters or more) without its size suffix (``-800x450``,
    ``_large``); a generic one (``960x0.jpg``, ``gallery_xlarge.jpg``) is its folder,
    and a script's address (``image.php?src=/a/b.jpg``) keeps the file its query names."""
    path, _, query = url.split("#", 1)[0].partition("?")
    folder, _, name = path.rstrip("/").rpartition("/")
    if query and not _PICTURE_FILE.search(name) and _NAMES_FILE.search(query):
        return url.split("//", 1)[-1]
    stem = _SIZE_SUFFIX.sub("", name.rsplit(".", 1)[0].lower())
    if len(stem) < 8 or _GENERIC_STEM.match(stem) or not _DISTINCT.search(stem):
        return folder.rpartition("//")[2] + "/" + ("" if _SIZE_ONLY.match(stem) else stem)
    return stem


def same_picture(a: str, b: str) -> bool:
    """The same picture, maybe at another size (see ``picture_key``)."""
    return a == b or picture_key(a) == picture_key(b)


def lead_candidates(
    order: list[El], main: El, excluded: set[int] | frozenset[int], named: bool = True
) -> tuple[list[El], list[El]]:
    """Pictures above the story's container that may be its lead picture, in page order:
    those of the story element around it (``<article>``, ``<main>``, a story class, up to
    ``LEAD_CLIMB`` levels up) that stand before it; and those before it in the smallest
    block holding both the page's first ``<h1>`` and the container, or up to
    ``HEADED_CLIMB`` levels above it (the headline's region). Pictures under a block
    named as clutter (a byline, a share bar, an ad), in a list or a link to another
    page (teasers), in one of the teaser blocks (``excluded``: their ``mem_id``) are not
    candidates; neither are thumbnails. ``order``: the tree's elements, parents first;
    ``named``: whether the page names a picture as its own, without which the headline's
    region is not searched. The headline's region gives its pictures beside
    the container too, after it as well as before (a page may place its header last),
    and under blocks named as clutter ("masthead"): they count only when the page names
    them as its picture."""
    scope: El | None = None
    up = main.parent
    for _ in range(LEAD_CLIMB):
        if up is None:
            break
        if _story_like(up):
            scope = up
            break
        up = up.parent
    in_story = _pictures_before(scope, main, excluded) if scope is not None else []
    # The smallest block holding both the headline and the story's container.
    if not named:
        return in_story, []  # the headline's region only ever gives a named picture
    headings = [el for el in order if el.tag == "h1"]
    heading = _first_in_page(headings) if len(headings) > 1 else next(iter(headings), None)
    above: set[int] = set()
    cur: El | None = main
    while cur is not None:
        above.add(id(cur))
        cur = cur.parent
    region = heading.parent if heading is not None else None
    while region is not None and id(region) not in above:
        region = region.parent
    for _ in range(HEADED_CLIMB):  # a picture above the headline's own block
        if region is None or region.parent is None or region.parent.parent is None:
            break
        region = region.parent
    pool = region or scope
    headed = _pictures_before(pool, main, excluded, beside=True, lenient=True) if pool else []
    return in_story, headed


def pictures_just_before(main: El) -> list[El]:
    """Pictures right before a container that is one paragraph (an old page's text in a
    table cell): in its parent, with nothing but breaks and pictures between them and
    it. In page order."""
    parent = main.parent
    if main.tag != "p" or parent is None:
        return []
    found: list[El] = []
    at = next((i for i, c in enumerate(parent.children) if c is main), 0)
    for child in reversed(parent.children[:at]):
        if isinstance(child, str):
            if child.strip():
                break
            continue
        if child.tag == "br":
            continue
        if child.text_len > 0:
            break
        found.extend(e for e in reversed(child.iter()) if e.tag == "img")
    found.reverse()
    return found


STORY_START = 40
"""A paragraph with this much text, shown, is where the story starts."""


def pictures_in_head(
    main: El, skipped: Callable[[El], bool], excluded: set[int] | frozenset[int]
) -> list[El]:
    """Pictures inside the container that its cleaning left out, above the story's first
    paragraph: a lead picture in the story's ``<header>``, which goes as a landmark."""
    found: list[El] = []
    stack: list[tuple[El, bool]] = [(kid, False) for kid in reversed(main.kids)]
    while stack:
        el, under = stack.pop()
        gone = under or skipped(el)
        if el.tag == "p" and not gone and el.text_len >= STORY_START:
            break
        if el.tag == "img":
            width = drawn_size(el)[0]
            wide = width is None or width >= LEAD_MIN_WIDTH
            if gone and wide and _clear_up(el, main, main, excluded):
                found.append(el)
            continue
        stack.extend((kid, gone) for kid in reversed(el.kids))
    return found


def _pictures_before(
    scope: El,
    main: El,
    excluded: set[int] | frozenset[int],
    *,
    beside: bool = False,
    lenient: bool = False,
) -> list[El]:
    found: list[El] = []
    stack = [scope]
    while stack:
        el = stack.pop()
        if el is main:
            if not beside:
                break
            continue
        stack.extend(reversed(el.kids))
        if el.tag != "img":
            continue
        width = drawn_size(el)[0]
        if width is not None and width < LEAD_MIN_WIDTH:
            continue
        if _clear_up(el, scope, main, excluded, lenient):
            found.append(el)
    return found


def _clear_up(
    el: El, stop: El, main: El, excluded: set[int] | frozenset[int], lenient: bool = False
) -> bool:
    cur: El | None = el.parent
    while cur is not None and cur is not stop:
        if (cur is main and main is not stop) or cur.mem_id in excluded:
            return False  # in the story, in a teaser block
        if not lenient and (cur.tag == "li" or (cur.tag == "a" and links_away(cur.get("href")))):
            return False  # in a list of stories, or opening another page: a teaser's
        if cur.hint < 0 and not cur.story and not lenient:
            return False
        cur = cur.parent
    return True


_PICTURE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)", re.IGNORECASE)


def links_away(href: str) -> bool:
    """A link to a page (not to the picture itself, not an anchor or a script)."""
    href = href.strip()
    if not href or href.startswith(("#", "javascript:")):
        return False
    return not _PICTURE_FILE.search(href)


def _first_in_page(elements: list[El]) -> El:
    """The one of ``elements`` that comes first in the page."""
    wanted = {id(el) for el in elements}
    top = elements[0]
    while top.parent is not None:
        top = top.parent
    return next(el for el in top.iter() if id(el) in wanted)

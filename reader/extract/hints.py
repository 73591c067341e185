"""What class names, ids and short texts say about a block: story or clutter.

Kinds of clutter, not sites: comment areas, share bars, related-story and teaser
blocks, newsletter and cookie boxes, ads, breadcrumbs, navigation, sidebars and author
boxes. Every pattern matches whole words of a class/id (split at ``-``, ``_``, spaces
and camel case), except a few stems that are never part of a story's own name.
"""

from __future__ import annotations

import re
from functools import lru_cache


def _names(text: str) -> list[str]:
    """Whitespace-separated names, for writing long sets compactly."""
    return text.split()


# Whole-word tokens of class/id that mark clutter.
_NEG_TOKENS = frozenset(
    _names("""
    comment comments commentlist respond reply replies disqus
    share shares sharing sharebar social socials sociallinks addthis
    related recommended recommendations recirculation trending popular mostread
    newsletter subscribe subscription signup optin
    cookie cookies consent gdpr
    breadcrumb breadcrumbs crumbs
    sidebar aside rail
    nav navbar navigation menu submenu skip skiplink
    footer masthead
    ad ads advert adverts advertisement advertising sponsor sponsored promo promoted dfp
    banner outbrain taboola
    bio author authors byline dateline timestamp
    tags tagcloud taglist
    pagination pager prev previous nextprev recent
    modal popup overlay
    toolbar print
    """)
)
# Stems that mark clutter wherever they appear in a class/id.
_NEG_STEMS = re.compile(
    r"comment|disqus|sharedaddy|share-?bar|social|related|newsletter|cookie|consent|breadcrumb"
    r"|sidebar|outbrain|taboola|advert|sponsor|jp-relatedposts|author-?box|about-?the-?author"
    r"|author-?bio|more-?stories|read-?more|recommend|subscribe|signup|promo"
)
# Tokens that mark the story's own container.
_POS_TOKENS = frozenset(
    _names("""
    article articlebody article-body body content entry entrycontent main post postbody
    story storybody text blog single prose
    """)
)
# Wrapper state classes that name clutter but describe the page layout.
_LAYOUT = re.compile(
    r"\b(?:has|no|with|without|show|hide)[-_](?:sidebar|comments?|ads?|nav)\b|comments?-open|comments?-closed"
    # A BEM modifier saying a block holds an ad slot ("Section--Ads"), not that it is one.
    r"|(?<=\w)--(?i:ads?|advert|advertising)\b"
)

_SPLIT = re.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")


def _tokens(value: str) -> list[str]:
    return [t.lower() for t in _SPLIT.split(value) if t]


LANDMARKS = frozenset(("nav", "aside", "footer", "header", "form", "menu"))
LANDMARK_ROLES = frozenset(("navigation", "complementary", "contentinfo", "banner"))


def names_clutter(tag: str, hint_value: int, role: str | None, story: bool) -> bool:
    """Named or marked as something other than the story (and not marked as the story)."""
    if story:
        return False
    return hint_value < 0 or tag in LANDMARKS or role in LANDMARK_ROLES


_NAME_VERDICTS: dict[str, int] = {}
"""Each class or id name seen (``"entry-content"``) and what it says; names repeat across
a page and across pages far more than whole class strings do."""
_MAX_VERDICTS = 50_000


def _name_verdict(name: str) -> int:
    """What one whitespace-free class or id name says: -1 clutter, 1 story, 0 nothing.

    No pattern here matches across whitespace, so judging a class string name by name
    is the same as judging it whole.
    """
    verdict = _NAME_VERDICTS.get(name)
    if verdict is not None:
        return verdict
    low = name.lower()
    if "-" in name or "_" in name:  # every layout pattern holds one
        name, low = _LAYOUT.sub(" ", name), _LAYOUT.sub(" ", low)
    # Without capitals there is no camel case to split: plain splits do.
    toks = name.replace("_", " ").replace("-", " ").split() if low == name else _tokens(name)
    if not _NEG_TOKENS.isdisjoint(toks) or _NEG_STEMS.search(low):
        verdict = -1
    elif not _POS_TOKENS.isdisjoint(toks):
        verdict = 1
    else:
        verdict = 0
    if len(_NAME_VERDICTS) >= _MAX_VERDICTS:
        _NAME_VERDICTS.clear()
    _NAME_VERDICTS[name] = verdict
    return verdict


@lru_cache(maxsize=4096)
def hint(classes: str, ident: str) -> int:
    """-1 for clutter, +1 for the story's container, 0 when the names say nothing."""
    best = 0
    for name in (*classes.split(), *ident.split()):
        verdict = _name_verdict(name)
        if verdict < 0:
            return -1
        if verdict > 0:
            best = 1
    return best


# Short texts that are clutter whatever element holds them (matched on a whole block).
BOILERPLATE = re.compile(
    r"""^\W*(?:
        leave\ a\ (?:reply|comment)|post\ a\ comment|add\ a\ comment|\d*\s*comments?|
        (?:this\ site|we)\ uses?\ akismet.*|
        your\ email\ address\ will\ not\ be\ published.*|required\ fields\ are\ marked.*|
        share(?:\ this)?(?:\ (?:article|story|post))?(?:\ on\ \w+)?|share\ (?:on|via)\ .*|
        (?:click\ to\ )?(?:share|tweet|email|print)(?:\ (?:this|on\ \w+|via\ \w+))?
            (?:\ \(opens\ in\ new\ window\))?|
        related(?:\ (?:posts|articles|stories|content|news|reading))?|you\ may\ also\ like.*|
        (?:ähnliche|verwandte|weitere)\ (?:beiträge|artikel|themen|nachrichten)|
        das\ könnte\ sie\ (?:auch\ )?interessieren|mehr\ zum\ thema.*|
        articles\ (?:similaires|liés|connexes)|à\ lire\ aussi|
        artículos\ relacionados|noticias\ relacionadas|articoli\ correlati|
        (?:see|read|view|load)\ more.*|more\ (?:stories|news|from)\b.*|also\ read.*|
        (?:sign\ up|subscribe)\ (?:for|to)\ .*newsletter.*|
        advertisement|advert|sponsored(?:\ content)?|ad|video\ player\ is\ loading.*|
        (?:we\ use|this\ (?:web)?site\ uses)\ cookies.*|
        (?:posted|filed)\ (?:in|under):?.*|tags?:.*|categories?:.*|
        follow\ us.*|like\ this:?|loading\.*|skip\ to\ (?:main\ )?content|back\ to\ top|
        caption|close|expand|enlarge\ this\ image|(?:show|hide|toggle)\ caption|
        \(?(?:reporting|editing|writing|compiled)\ by\ .*|
        comments\ are\ closed|join\ the\ conversation|want\ more\ stories\ like\ this|
        (?:©|\(c\)|copyright)\ .*|all\ rights\ reserved|alle\ rechte\ vorbehalten|
        tous\ droits\ r[ée]serv[ée]s|todos\ los\ derechos\ reservados|
        tutti\ i\ diritti\ riservati|alle\ rechten\ voorbehouden
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)


# Prompts recognised by what a short block says anywhere in it.
PROMPT = re.compile(
    r"(?:sign\ up|subscribe|get).{0,80}newsletter|newsletter.{0,80}(?:sign\ up|subscribe)"
    r"|share\ (?:this|it)\ with\ a\ friend|this\ slideshow\ requires\ javascript"
    r"|enable\ javascript|your\ browser\ does\ not\ support"
    r"|follow\ .{1,40}\ on\ (?:twitter|facebook|instagram|youtube)"
    r"|subscribe\ to\ .{1,40}\ on\ youtube|join\ our\ .{1,40}\ forums?"
    r"|chat\ with\ us\ in\ facebook\ messenger|akismet|accept\ (?:all\ )?cookies",
    re.IGNORECASE | re.VERBOSE,
)

# Every PROMPT alternative holds one of these: a cheap filter before the pattern.
_PROMPT_KEYS = (
    "newsletter",
    "share",
    "slideshow",
    "javascript",
    "browser",
    "follow",
    "youtube",
    "forum",
    "messenger",
    "akismet",
    "cookies",
)

CAPTION_TOKENS = frozenset(
    _names("caption captions credit credits imagecredit photocredit wp-caption-text")
)


# The first words BOILERPLATE can start with: a cheap filter before the big pattern.
_OPENERS = frozenset(
    _names(
        """leave post add this we your required share click tweet email print related you
        see read view load more also sign subscribe advertisement advert sponsored ad video
        posted filed tag tags category categories follow like loading skip back caption
        close expand enlarge show hide toggle reporting editing writing compiled additional
        comments comment join want c copyright all alle tous todos tutti ähnliche
        verwandte weitere das mehr articles à artículos noticias articoli"""
    )
)
_FIRST_WORD = re.compile(r"\W*(\w*)")


_CREDIT = re.compile(r"\W*(?:©|\(c\)|copyright\b)", re.IGNORECASE)


def is_credit(text: str) -> bool:
    """True for a picture's credit line ("© Agency / Photographer"): boilerplate on its
    own, a caption beside a picture."""
    return bool(_CREDIT.match(text)) and is_boilerplate(text)


def is_boilerplate(text: str) -> bool:
    """True for a short block whose whole text is a known kind of clutter."""
    if len(text) >= 300:
        return False
    first = _FIRST_WORD.match(text)
    word = first.group(1).lower() if first else ""
    if (word in _OPENERS or word.isdigit() or text.lstrip()[:1] == "\u00a9") and BOILERPLATE.match(
        text
    ):
        return True
    low = text.lower()
    for key in _PROMPT_KEYS:
        if key in low:
            return bool(PROMPT.search(text))
    return False


_NOT_CAPTION = frozenset(_names("without no has with hide hidden"))
"""Words that make a caption class say how a picture is laid out ("withoutCaption")."""


@lru_cache(maxsize=4096)
def is_caption(classes: str) -> bool:
    """True when the class names mark an image caption or credit."""
    if not classes:
        return False
    tokens = _tokens(classes)
    return any(t in CAPTION_TOKENS for t in tokens) and _NOT_CAPTION.isdisjoint(tokens)

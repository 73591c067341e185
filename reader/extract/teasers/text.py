"""Words that tell what a block of links is, and the cleaning of teaser text.

Pure helpers for ``teasers.py``: classify a block heading ("Related" -> related,
"Most read" -> list, "Sponsored" -> junk), spot inline teaser prefixes ("Read more: …"),
strip kickers and dates from a headline, and make any page text terminal-safe.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from reader.extract.sanitize import clean_text

HeadingKind = Literal["related", "list", "junk", "other", "more"]
"""``more``: a bare "More" heading, related inside the body and a generic list elsewhere."""

_RELATED = re.compile(
    r"^(?:related(?: (?:stories|story|articles?|news|content|coverage|posts?|reading|links|"
    r"reports?|videos?|items?))?"
    r"|more on (?:this|the) (?:story|topic|subject|issue)|more on\b.{1,40}|more about\b.{1,40}"
    r"|see also|explore further|story timeline|timeline|read more|more to read|further reading"
    r"|recommended reading|also read|read also|read more about this|in this series|in the series"
    r"|more coverage|further coverage|full coverage|related links|previous coverage"
    r"|more about this story|more on this|catch up on the story|the story so far"
    r"|lire aussi|à lire aussi|a lire aussi|sur le même sujet"
    r"|dans la même rubrique|mehr zum thema|zum thema|das könnte sie auch interessieren"
    r"|ähnliche (?:artikel|beiträge|themen|nachrichten|meldungen|posts)"
    r"|verwandte (?:artikel|beiträge|themen)|similar (?:stories|articles|posts|entries|news|reads)"
    r"|articles similaires|articles liés|articles connexes|à lire également|a lire également"
    r"|artículos (?:relacionados|similares)|noticias similares|artigos relacionados"
    r"|notícias relacionadas|posts relacionados|articoli simili"
    r"|leia também|leia mais|veja também|veja mais|saiba mais|lee también|lea también"
    r"|te puede interesar|noticias relacionadas|leggi anche|articoli correlati"
    r"|potrebbe interessarti"
    r"|материалы по теме|читайте также|по теме|смотрите также|читайте по теме|関連記事"
    r"|関連ニュース|関連リンク|관련기사|관련 기사|관련뉴스|相关新闻|相关阅读|相關新聞|延伸閱讀"
    r"|baca juga|artikel terkait|berita terkait|terkait|lihat juga)$"
)
_LIST = re.compile(
    r"^(?:most (?:read|popular|viewed|shared|emailed|commented|watched|recent)\b.{0,40}"
    r"|trending\b.{0,30}|popular\b.{0,30}|latest\b.{0,30}"
    r"|top (?:stories|news|headlines|reads)\b.{0,30}"
    r"|editors?'? (?:picks?|choice)|editor's (?:picks?|choice)|don'?t miss|do not miss"
    r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|recommended\b.{0,30}"
    r"|more (?:from|in|stories|news|articles|headlines|top stories|videos)\b.{0,40}"
    r"|(?:what to )?read next|up next|next|previous|prev|next (?:story|article|post)"
    r"|previous (?:story|article|post)|post navigation|other (?:stories|news|articles)"
    r"|in case you missed it|icymi|headlines|news|features|from the archives?|must reads?"
    r"|(?:stories )?you (?:may|might) have missed|in other news|top headlines|breaking news"
    r"|what'?s new|up next|read this next|more to explore|popular now|most viewed"
    r"|recent(?: (?:posts|articles|stories|news|entries))?|newest|just in"
    r"|elsewhere on\b.{0,30}|also on\b.{0,30}|more stories like this|keep reading"
    r"|meistgelesen|weitere artikel|les plus lus|à la une|mais lidas|mais lidos|últimas notícias"
    r"|lo más leído|más leídas|più letti|самое читаемое|популярное|последние новости"
    r"|인기기사|많이 본 기사|最新記事|人気記事|ランキング|terpopuler|terbaru)$"
)
_JUNK = re.compile(
    r"(?:^|\b)(?:sponsored|promoted|partner content|from our partners|around the web"
    r"|paid (?:content|post|partner)|advertisement|ads by|from the web|recommended by"
    r"|sections|tags|topics|categories|archives|follow us|share this|share|connect with us"
    r"|newsletters?|subscribe|quick links|useful links|site ?map|related (?:topics|tags)"
    r"|more from the web|comments?|leave a (?:reply|comment)|(?:upcoming )?events|event calendar"
    r"|what'?s on|kommentare|neueste kommentare|commentaires|comentarios|commenti"
    r"|^(?:good |daily |best |tech |top |today'?s )?deals(?: of the day)?$)(?:\b|$)"
)
_COUNT = re.compile(r"[\s(\[]*\d+[)\]]?$")
_STRIP = re.compile(r"[\s:：|»«>›‹<•·\-–—_*#…\.!]+")


@lru_cache(maxsize=2048)
def classify_heading(text: str) -> HeadingKind:
    """What a block is, judged by its visible heading."""
    t = _STRIP.sub(" ", text.casefold()).strip()
    t = _COUNT.sub("", t)  # "Related (5)"
    if not t or len(t) > 60:
        return "other"
    t = t.replace("’", "'")
    if t.startswith(("related topics", "related tags", "related searches")):
        return "junk"
    if t.startswith("hot topics"):
        return "list"  # a blog's popular posts, whatever "topics" says elsewhere
    if _JUNK.search(t) and not t.startswith(("related", "more on")):
        return "junk"
    if t in ("more", "see more", "more stories", "read more stories"):
        return "more"
    if _RELATED.match(t):
        return "related"
    if _LIST.match(t):
        return "list"
    return "other"


_INLINE_PREFIX = re.compile(
    r"^\s*(?:related(?: (?:story|stories|article|coverage|content|link))?|read more|read also"
    r"|also read|see also|also on [^:]{1,40}|more|read|recommended|previously|also"
    r"|lire aussi|à lire aussi|a lire aussi|leia também|leia mais|veja também|lee también"
    r"|lea también|leggi anche|mehr zum thema|читайте также|по теме|baca juga|関連記事|관련기사)"
    r"\s*[:：»>|\-–—]+\s*",
    re.IGNORECASE,
)


_INLINE_PREFIX_LOW = re.compile(_INLINE_PREFIX.pattern)
"""``_INLINE_PREFIX`` for lower-case ASCII text (a case-blind match is slower in ``re``)."""


def inline_prefix(text: str) -> bool:
    """True for a paragraph that introduces a teaser: "Related: …", "Read more: …"."""
    head = text[:60]
    if head.isascii():
        return bool(_INLINE_PREFIX_LOW.match(head.lower()))
    return bool(_INLINE_PREFIX.match(head))


_GENERIC = re.compile(
    r"^(?:read more|see more|more|continue reading|keep reading|read (?:the )?(?:full |whole )?"
    r"(?:story|article|more|post|rest|entry)|full story|click here|here|learn more|view more"
    r"|(?:view|see|show) all(?: \(?\d+\)?)?"
    r"|details|»|›|→|…|lire l'article|zum (?:artikel|beitrag)|(?:ganzen )?artikel lesen"
    r"|read on|more \W*|lire la suite|leia mais|weiterlesen|leer más|leggi tutto|подробнее"
    r"|(?:weitere?|mehr) infos?(?: lesen)?(?: hier)?(?: lesen)?|mehr lesen|hier"
    r"|далее|続きを読む|더보기)\W*$",
    re.IGNORECASE,
)


_GENERIC_LOW = re.compile(_GENERIC.pattern)
"""``_GENERIC`` for lower-case ASCII text (a case-blind match is slower in ``re``)."""


@lru_cache(maxsize=4096)
def is_generic(text: str) -> bool:
    """Link text that names no story ("Read more", "See more", "»")."""
    if not text:
        return True
    if text.isascii():
        return bool(_GENERIC_LOW.match(text.lower()))
    return bool(_GENERIC.match(text))


_KICKER_CAPS = re.compile(  # "EXCLUSIVE:", "ISLAND TIMES |": capitals only, so case matters
    r"^[A-Z0-9][A-Z0-9'’&.]*(?: [A-Z0-9][A-Z0-9'’&.]*){0,3}\s*(?:[:|–—]|\s-)\s+"
)
_KICKER = re.compile(
    r"^(?:exclusive|breaking|popular|trending|opinion|analysis|video|watch(?: live)?|live|"
    r"updated|new|sponsored|review|explainer|podcast|related|read more|see also"
    r"|also on [^:]{1,40})"
    r"\s*[:|–—-]\s*",
    re.IGNORECASE,
)
_KICKER_LOW = re.compile(_KICKER.pattern)
"""``_KICKER`` for lower-case ASCII text (the same length: its match ends where the
case-blind one would)."""
_KICKER_WORD = re.compile(
    r"^(?:(?:EXCLUSIVE|BREAKING|POPULAR|TRENDING|WATCH|VIDEO|LIVE|OPINION|ANALYSIS|UPDATED|NEW)"
    r"\s+(?=\S)"
    # A capitalised label only before a capital: "Breaking down the …" is a headline.
    r"|(?:Popular|Exclusive|Breaking|Trending|Video|Opinion|Analysis|Live|Watch)\s+(?=[^\sa-z]))"
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_TRAIL_DATE = re.compile(
    r"\s*[|–—\-·•,(]?\s*(?:\d{1,2} " + _MONTH + r",? \d{4}|" + _MONTH + r" \d{1,2},? \d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d+ (?:min|mins|minutes|hours?|hrs?|days?"
    r"|weeks?|months?) ago)\)?\s*$",
    re.IGNORECASE,
)
_CAPS_DAY = re.compile(  # "… Abound DEC 27", "… Abound 27 DEC": a feed's date label, in capitals
    r"\s+(?:(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|SEPT|OCT|NOV|DEC)\.? \d{1,2}"
    r"|\d{1,2} (?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|SEPT|OCT|NOV|DEC)\.?)$"
)
_LEAD_DATE = re.compile(
    r"^\s*(?:\d{1,2} " + _MONTH + r",? \d{4}|" + _MONTH + r" \d{1,2},? \d{4}|\d{4}-\d{2}-\d{2})"
    r"\s*[|–—\-·•:]?\s*",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def strip_kicker(title: str) -> str:
    """The headline alone: no leading kicker ("EXCLUSIVE:", "Popular"), no date."""
    t = title
    for _ in range(2):
        m = _KICKER_CAPS.match(t) or (
            _KICKER_LOW.match(t.lower()) if t.isascii() else _KICKER.match(t))
        if m and len(t) - m.end() >= 12:
            t = t[m.end() :]
            continue
        m = _KICKER_WORD.match(t)
        if m and len(t) - m.end() >= 12:
            t = t[m.end() :]
            continue
        break
    if _may_end_in_date(t):
        t2 = _without_trailing_date(t)
        if t2 == t:
            t2 = _CAPS_DAY.sub("", t)
        if len(t2) >= 8:
            t = t2
    if _may_start_with_date(t):
        t2 = _LEAD_DATE.sub("", t)
        if len(t2) >= 8:
            t = t2
    return t.strip(" \t|–—-·•:")


_MONTH_INITIALS = frozenset("jfmasondſ")
"""First letters of the month names ``_LEAD_DATE`` knows, in any case ("ſ" folds to "s")."""


def _may_start_with_date(t: str) -> bool:
    """Cheap test before ``_LEAD_DATE``: each of its dates starts with a digit or a month."""
    start = t.lstrip()[:1]
    return bool(start) and (start.isdecimal() or start.lower() in _MONTH_INITIALS)


_TRAIL_DATE_LOW = re.compile(_TRAIL_DATE.pattern)
"""``_TRAIL_DATE`` for lower-case ASCII text (a case-blind search is slow in ``re``)."""


def _without_trailing_date(t: str) -> str:
    """``_TRAIL_DATE.sub("", t)``, searched for in the last four words only: a date with
    its separator is never longer than that (its parts are parted by single blanks), so
    no match can start before the blanks that come before them."""
    words = t.rsplit(None, 4)
    start = len(words[0]) if len(words) == 5 else 0
    ascii_ = t.isascii()
    m = (_TRAIL_DATE_LOW if ascii_ else _TRAIL_DATE).search(t.lower() if ascii_ else t, start)
    return t[: m.start()] + t[m.end() :] if m else t


def _may_end_in_date(t: str) -> bool:
    """Cheap test before ``_TRAIL_DATE`` and ``_CAPS_DAY``: each of their dates ends in a
    digit, "ago" or a capital."""
    end = t.rstrip()
    return bool(end) and (
        end[-1].isdecimal() or end[-1] == ")" or end[-3:].lower() == "ago" or end[-2:].isupper()
    )


@lru_cache(maxsize=4096)
def one_line(s: str, limit: int = 300) -> str:
    """Terminal-safe single-line text, blanks collapsed, at most ``limit`` characters."""
    s = " ".join(clean_text(s).split())
    if len(s) > limit:
        cut = s.rfind(" ", 0, limit)
        s = s[: cut if cut > limit // 2 else limit].rstrip() + "…"
    return s


_WORD = re.compile(r"\S*?[^\W_]\S*")  # a blank-separated word with a letter or digit in it
_CJK = re.compile("[\u3040-\u9fff\uac00-\ud7af]")


@lru_cache(maxsize=4096)
def word_count(s: str) -> int:
    """Words in ``s``; in CJK text (few spaces) about three characters make a word."""
    n = len(_WORD.findall(s))
    if s.isascii():
        return n
    return max(n, len(_CJK.findall(s)) // 3)


_NOT_A_STORY_TITLE = re.compile(
    r"^quiz(?:zes)?\b|\bquiz(?:zes)?$|\bquiz:"
    r"|^(?:subscribe|sign up|sign in|log in|download our|follow us|donate|advertise with)\b"
    r"|^(?:faire un don|abonnez-vous|inscrivez-vous|s'abonner|soutenez-nous"
    r"|jetzt (?:spenden|abonnieren|anmelden|unterst[uü]tzen)|suscr[ií]b[ae]te|hazte socio"
    r"|don[ae] ahora)(?:\W|$)|^(?:spenden|abonnieren|anmelden|iscriviti|abbonati|assine)\W*$"
    r"|^(?:terms (?:of (?:use|service)|and conditions|& conditions)"
    r"|privacy (?:policy|notice|statement|settings)|cookie (?:policy|settings|preferences)"
    r"|contact us|about us|imprint|impressum|datenschutz\w*|mentions l[ée]gales"
    r"|accessibility statement)(?:\W|$)|^site ?map\W*$"
    r"|^(?:work with us|advertise|careers|jobs|karriere|mediadaten)\W*$"
    r"|^(?:the )?(?:\d+ )?best\b.*\b(?:deals?|gifts?|for the money|to buy)\b"
    r"|\b(?:buying|gift) guide\b|\bwhat to buy\b"
    r"|\b(?:black friday|cyber monday|prime day|boxing day) deals?\b"
    r"|\bdeals? (?:on|for) (?:the )?(?:best|cheap|top)\b|\bbest (?:[\w-]+ ){0,5}deals\b"
    r"|\b\d{1,3} ?% off(?: (?:on|at|for|a|an|all|select|everything|your|sitewide|these|this)\b"
    r"|[,:;!]|$)"
    r"|\bsave (?:up to )?\d{1,3} ?%",
    re.IGNORECASE,
)


_NOT_A_STORY_WORDS = (
    "quiz",
    "subscribe",
    "sign up",
    "sign in",
    "log in",
    "download our",
    "follow us",
    "donate",
    "faire un don",
    "-vous",
    "abonner",
    "soutenez",
    "spenden",
    "abonnieren",
    "anmelden",
    "unterst",
    "suscr",
    "hazte",
    "ahora",
    "iscriviti",
    "abbonati",
    "assine",
    "terms",
    "privacy",
    "cookie",
    "contact us",
    "about us",
    "imprint",
    "impressum",
    "datenschutz",
    "mentions",
    "accessibility",
    "map",
    "work with us",
    "advertise",
    "careers",
    "jobs",
    "karriere",
    "mediadaten",
    "advertise with",
    "best",
    "guide",
    "buy",
    "deal",
    "%",
)
"""Every pattern of ``_NOT_A_STORY_TITLE`` holds one of these (in lower case)."""


_NOT_A_STORY_TITLE_LOW = re.compile(_NOT_A_STORY_TITLE.pattern)
"""``_NOT_A_STORY_TITLE`` for lower-case ASCII text (a case-blind search is slow in ``re``)."""
_ASCII_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
"""The only characters beyond ASCII that a case-blind pattern takes for an ASCII letter
(İ, ı, ſ and the Kelvin sign): turned into it, a title can be checked for the words of
``_NOT_A_STORY_WORDS`` in lower case, whatever its alphabet."""
_FOLDED = frozenset("\u0130\u0131\u017f\u212a")


@lru_cache(maxsize=4096)
def not_a_story_title(title: str) -> bool:
    """Titles that name no story: quizzes, sign-ups, product round-ups
    (``docs/TEASERS.md``, "Neither")."""
    if title.isascii():
        low = title.lower()
        if not any(w in low for w in _NOT_A_STORY_WORDS):
            return False
        return bool(_NOT_A_STORY_TITLE_LOW.search(low))
    low = title.lower() if _FOLDED.isdisjoint(title) else title.translate(_ASCII_FOLDS).lower()
    if not any(w in low for w in _NOT_A_STORY_WORDS):
        return False
    return bool(_NOT_A_STORY_TITLE.search(title))


_PREVIOUS_OR_NEXT = re.compile(
    r"^\W*(?:(?:previous|prev|next|older|newer)(?: (?:post|article|story|entry|page))?"
    r"|vorherige[rs]? (?:beitrag|artikel)|nächste[rs]? (?:beitrag|artikel)"
    r"|article (?:précédent|suivant)|(?:entrada|artículo) (?:anterior|siguiente))\W*$",
    re.IGNORECASE,
)


def says_previous_or_next(text: str) -> bool:
    """A post navigation's words ("« Previous Post", "Next", "Nächster Beitrag")."""
    return bool(_PREVIOUS_OR_NEXT.match(text))


_SLUG_SPLIT = re.compile(r"[-_+]+")


def slug_title(url: str) -> str:
    """A title made of the last segment of ``url``'s path ("dare-to-play-3" gives "Dare to
    play 3"), "" when it has fewer than three words or looks like no words (an id)."""
    path = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    last = path.rsplit("/", 1)[-1]
    stem = last.rsplit(".", 1)[0] if "." in last else last
    words = [w for w in _SLUG_SPLIT.split(stem) if w]
    if len(words) < 3 or not stem.isascii() or sum(w.isalpha() for w in words) < 2:
        return ""
    text = one_line(" ".join(words))
    return text[:1].upper() + text[1:]

"""Does a URL look like a single story? Judged by its shape alone, without fetching.

A story URL carries a slug of several words, a date followed by a slug, a long numeric id,
a story id in the query (``?id=``, ``?p=``), or an ``.html`` page named like one. Section,
tag, topic, author and people fronts, search, login, subscribe, share intents, quote
pages, games and forums are not stories.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal
from urllib.parse import urlsplit

Shape = Literal["story", "weak", "no"]

_PARTS = re.compile(r"[a-zA-Z][a-zA-Z0-9+.\-]*://([^/?#]*)([^?#]*)(?:\?([^#]*))?")
_NOT_STORY_SEGMENTS = frozenset(
    {
        "tag", "tags", "topic", "topics", "category", "categories", "cat", "author", "authors",
        "people", "person", "profile", "profiles", "user", "users", "contributor",
        "contributors", "staff", "writers", "byline", "search", "login", "signin", "sign-in",
        "log-in", "logout", "register", "signup", "sign-up", "subscribe", "subscription",
        "subscriptions", "newsletter", "newsletters", "account", "my-account", "myaccount",
        "about", "about-us", "contact", "contact-us", "privacy", "privacy-policy", "terms",
        "terms-of-service", "terms-of-use", "cookies", "cookie-policy", "advertise",
        "advertising", "careers", "jobs", "rss", "feed", "feeds", "sitemap", "help", "faq",
        "shop", "store", "quote", "quotes", "symbol", "games", "puzzles", "crossword",
        "crosswords", "forum", "forums", "thread", "threads", "quiz", "quizzes", "print", "game",
        "trackback",
        "comments", "comment", "cart", "checkout", "wp-login.php", "wp-admin", "share",
        "sharer", "sharer.php", "intent", "hashtag", "page", "section", "sections", "hub",
        "coupons", "deals-hub", "obituaries", "classifieds", "events", "event", "calendar",
        "horoscopes", "weather", "e-edition", "eedition", "podcasts", "sponsored",
        "sponsor", "partner", "advertorial", "paid-post", "brandstudio", "brand-studio",
        "live-tv", "tv-schedule", "wp-json", "xmlrpc.php", "amp-story", "join", "donate",
        "mailto", "membership", "gift", "apps", "app", "download", "video-hub", "play",
        "player", "partners", "aboutus", "about_us", "support", "legal", "corporate", "info",
        "pages", "policies", "policy", "static", "accessibility", "usingthebbc", "preferences",
        "promocontent", "promo", "promotions", "advertorials", "anzeige", "anzeigen", "foren",
        "foro", "foros", "kleinanzeigen",
        "players", "playerpage", "teams", "team", "athletes", "schedule", "scores", "standings",
        "stats", "roster", "tickets", "odds-lines", "autor", "autoren", "auteur", "redaktion",
        "pdf", "epub", "microsite", "deals", "good-deals",
    }
)
_POST_HOSTS = re.compile(
    r"(?:^|\.)(?:instagram\.com|twitter\.com|x\.com|t\.co|tiktok\.com|facebook\.com|"
    r"threads\.net)$"
)
"""Social networks: a link to a post there is a source or an embed, never a story."""
_SHARE_HOSTS = re.compile(
    r"(?:^|\.)(?:twitter\.com|x\.com|facebook\.com|linkedin\.com|pinterest\.[a-z.]+|"
    r"reddit\.com|whatsapp\.com|t\.me|telegram\.me|tumblr\.com|vk\.com|ok\.ru|plus\.google\.com|"
    r"mail\.google\.com|flipboard\.com|getpocket\.com|line\.me|weibo\.com|digg\.com)$"
)
_SHARE_PATH = re.compile(
    r"/(?:intent|share|sharer|sharearticle|submit|send|pin/create|dialog|add|widgets?)\b",
    re.IGNORECASE,
)
_SHARE_QUERY = re.compile(r"(?:^|&)(?:share|shareurl|share_url|sharer|replytocom|print|"
                          r"output=print|action=print|format=print|view=print)(?:=|&|$)",
                          re.IGNORECASE)
_PAGE_QUERY = re.compile(r"^(?:page|pg|paged|start|offset|p|pagenum|pagina|seite|cpage)$",
                         re.IGNORECASE)
_ID_QUERY = re.compile(
    r"(?:^|&)(?:id|idx|p|story|storyid|story_id|article|articleid|article_id|aid|newsid|news_id|"
    r"no|nid|sid|docid|itemid|item_id|post|postid|entry|contentid|content_id|art_id|artid|"
    r"v|vid|video_id|a|n|num|seq|cid|key)=[\w.\-]*\d"
    r"|^(?:article|breve|post|story|news)\d{2,}(?:&|$)",  # SPIP's "spip.php?article8532"
    re.IGNORECASE,
)
_DATE = re.compile(r"/(?:19|20)\d\d/(?:0?[1-9]|1[0-2])(?:/|$)|(?:19|20)\d\d-[01]\d-[0-3]\d|"
                   r"/(?:19|20)\d\d(?:0[1-9]|1[0-2])[0-3]\d|/(?:19|20)\d\d/[a-z]{3}/\d")
# The patterns above for lower-case ASCII text: matching it without IGNORECASE gives the
# same answers, and costs a fraction (a case-blind search is slow in ``re``).
_SHARE_QUERY_LOW = re.compile(_SHARE_QUERY.pattern)
_ID_QUERY_LOW = re.compile(_ID_QUERY.pattern)
_LONG_NUMBER = re.compile(r"\d{5,}")
_BELOW_A_POST = re.compile(r"/(?:19|20)\d\d/[01]?\d(?:/[0-3]?\d)?/[^/]+-[^/]+-[^/]+/[^/]+/?$")
"""A dated post's address with one more segment after its slug: a blog's attachment page
(a picture of that post), not a story of its own."""
_DATE_TAIL = re.compile(r"/(?:19|20)\d\d/(?:0?[1-9]|1[0-2])(?:/(?:0?[1-9]|[12]\d|3[01]))?/?$")
"""A path that ends in a year and month (and day) with no slug after them: an archive."""
_WORD_SPLIT = re.compile(r"[-_+.,:]|%20")
"""Where a slug's words part (one regex split is cheaper than translating the separators)."""
_EXT = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cms|ece|cfm|htm)$", re.IGNORECASE)
_EXT_LOW = re.compile(_EXT.pattern)
_STOPWORDS = frozenset({"and", "of", "the", "a", "an", "in", "on", "for", "to", "y", "et",
                        "e", "und", "de", "la", "le", "el", "di", "da", "do", "du", "les",
                        "los", "las", "der", "die", "das"})
_INDEX_NAMES = frozenset({"index", "default", "home", "main", "news", "all", "latest",
                          "archive", "archives", "list", "view"})
_UTILITY_HOSTS = ("help.", "support.", "account.", "accounts.", "login.", "signin.", "auth.",
                  "img.", "images.", "image.", "media-cdn.", "static.", "cdn.", "pics.", "assets.",
                  "subscribe.", "subscription.", "shop.", "store.", "jobs.", "careers.", "ads.",
                  "advertising.", "myaccount.", "forum.", "forums.", "community.", "id.",
                  "deals.", "prices.", "coupons.")
_UTILITY_FIRST = frozenset({"help", "faq", "faqs", "privacy", "terms", "policy", "cookie",
                            "cookies", "contact", "subscribe", "login", "signup", "newsletter",
                            "werben", "impressum", "datenschutz", "kontakt"})
_UTILITY_ANY = frozenset({"contact", "privacy", "cookie", "cookies", "newsletter", "newsletters",
                          "subscribe", "subscription", "unsubscribe"})
_GAMES = frozenset({"quiz", "quizzes", "crossword", "crosswords", "sudoku", "puzzle", "puzzles",
                    "horoscope", "horoscopes", "wordsearch"})
_FRONT_WORDS = frozenset({"list", "index", "category", "archive", "section", "search", "tag",
                          "tags", "topic", "feed", "rss"})


_ANY_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1024)
def _host_says(authority: str) -> tuple[bool, bool]:
    """(a share service, a utility subdomain) for a URL's authority (``user@host:port``)."""
    host = authority.rpartition("@")[2].partition(":")[0].lower()
    utility = host.startswith(_UTILITY_HOSTS) or bool(_POST_HOSTS.search(host))
    return bool(_SHARE_HOSTS.search(host)), utility


_MEDIA_EXTS = frozenset({"jpg", "jpeg", "png", "gif", "webp", "svg", "pdf", "mp3", "mp4", "zip",
                         "css", "js", "xml", "json", "ico"})


@lru_cache(maxsize=8192)
def story_shape(url: str) -> Shape:
    """"story" when the URL looks like one story, "weak" when it might be (a two-word slug),
    "no" for fronts, utility pages, share intents and files."""
    m = _PARTS.match(url)
    if m is None:
        return "no"
    authority, path, query = m.groups()
    share_host, utility_host = _host_says(authority)
    query_low = query.lower() if query and query.isascii() else None
    if query:
        if share_host and "url=" in query.lower():
            return "no"
        if (_SHARE_QUERY.search(query) if query_low is None
                else _SHARE_QUERY_LOW.search(query_low)):
            return "no"
    if share_host and _SHARE_PATH.search(path):
        return "no"
    low = path.lower()
    if utility_host or ("." in low and low.rpartition(".")[2] in _MEDIA_EXTS):
        return "no"
    parts = low.split("/")
    if not _NOT_STORY_SEGMENTS.isdisjoint(parts):
        return "no"
    if query and (_ID_QUERY.search(query) if query_low is None
                  else _ID_QUERY_LOW.search(query_low)):
        return "story"
    if low.rstrip("/")[-1:].isdigit() and _DATE_TAIL.search(low):
        return "no"  # ".../2019/06/20": the day's archive, no story
    if _BELOW_A_POST.search(low):
        return "no"
    segments = list(filter(None, parts))  # the non-empty ones, sifted in C
    if not segments:
        return "no"
    last = segments[-1]
    ext = ((_EXT_LOW if last.isascii() else _EXT).search(last)) if "." in last else None
    stem = last[: ext.start()] if ext else last
    n_segments = len(segments)
    if ext and n_segments >= 2 and (stem == "index" or stem == "default"):
        # ".../150651/council-votes-on-the-budget/index.html": the folder names the page.
        segments.pop()
        n_segments -= 1
        last = stem = segments[-1]
        ext = None
    if not ext and n_segments == 1 and stem in _INDEX_NAMES:
        return "no"
    words = list(filter(None, _WORD_SPLIT.split(stem)))
    n_words = len(words)
    if words:
        first = words[0]
        if first in _UTILITY_FIRST or (first == "about" and n_words <= 4):
            return "no"
        if n_words <= 5 and not _UTILITY_ANY.isdisjoint(words):
            return "no"
        if first in _GAMES or words[-1] in _GAMES:
            return "no"
    digits = _ANY_DIGIT.search(stem) is not None
    if n_words <= 3 and not digits and not _FRONT_WORDS.isdisjoint(words):
        return "no"
    if digits or _ANY_DIGIT.search(low):
        dated = _DATE.search(low) and (n_segments >= 3 or ext or "-" in last)
        if dated and not (n_segments <= 3 and all(s.isdigit() for s in segments)):
            return "story"
        if _LONG_NUMBER.search(low):
            return "story"
    content = [w for w in words if w not in _STOPWORDS]
    n_content = len(content)
    if n_content >= 3 or (n_words >= 4 and n_content >= 2):
        return "story"
    if ext and stem not in _INDEX_NAMES and (n_content >= 2 or digits):
        return "story"
    if digits and len(stem) >= 4 and n_segments >= 2:
        return "story"
    if n_content == 2 or (n_content == 1 and n_segments >= 2 and len(stem) >= 12):
        return "weak"
    return "no"


@lru_cache(maxsize=8192)
def dated_or_numbered(url: str) -> bool:
    """True when the URL's path carries a date or a long number (the marks of a story URL
    on most news sites)."""
    m = _PARTS.match(url)
    path = m.group(2).lower() if m else url.lower()
    return bool(_DATE.search(path) or _LONG_NUMBER.search(path))


@lru_cache(maxsize=8192)
def page_key(url: str) -> str:
    """A key equal for the same page under small differences (scheme, www, trailing slash)."""
    m = _PLAIN_URL.fullmatch(url)
    if m is not None:  # printable ASCII, no user part: what urlsplit would give, cheaper
        netloc, path, query = m.group(1), m.group(2) or "", m.group(3) or ""
    else:
        try:
            parts = urlsplit(url)
        except ValueError:
            return url
        netloc, path, query = parts.netloc.rpartition("@")[2], parts.path, parts.query
    host = netloc.lower().removeprefix("www.").removeprefix("m.")
    path = path.rstrip("/") or "/"
    return f"{host}{path}?{query}" if query else f"{host}{path}"


_PLAIN_URL = re.compile(
    r"https?://([^\x00-\x20\x7f-\U0010ffff/?#@\[\]\\]+)"
    r"(/[^\x00-\x20\x7f-\U0010ffff?#]*)?(?:\?([^\x00-\x20\x7f-\U0010ffff#]*))?"
)


_PAGINATION_TAIL = re.compile(
    r"^/(?:page/)?\d{1,3}/?$|^/(?:amp|print|comments?|komplettansicht)/?$"
    r"|^/(?:seite|page|pagina|pag|strona)-\d{1,3}/?$"
)


def is_same_page(url: str, page: str) -> bool:
    """True for the page itself, its pages 2, 3 … and its print or AMP copies."""
    a, b = page_key(url), page_key(page)
    if a == b:
        return True
    a_path, _, a_query = a.partition("?")
    b_path, _, b_query = b.partition("?")
    if a_path == b_path:
        if a_query and _ID_QUERY.search(a_query) and a_query != b_query:
            return False
        names = [pair.split("=", 1)[0] for pair in a_query.split("&") if pair]
        return all(_PAGE_QUERY.match(n) for n in names) if names else True
    if not a_path.startswith(b_path):
        return False
    tail = a_path[len(b_path):]
    if _PAGINATION_TAIL.match(tail):
        return True
    # Below a story's own address: its attachment pages, its pictures one by one.
    return tail[:1] == "/" and story_shape("https://" + b_path) == "story"

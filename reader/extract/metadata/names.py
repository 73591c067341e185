"""Bylines: turning "By Jane Doe and John Roe | April 12, 2019" into "Jane Doe, John Roe".

``clean_byline`` works on one string (a meta tag, a JSON-LD name, a byline element's
text); ``byline_from_text`` finds a "By …" line inside a longer text. Neither raises. A
result is a list of person-like names joined by ", " or None: never a URL, an e-mail
address, a date, a user handle or a sentence.
"""

from __future__ import annotations

import re

from reader.extract.metadata.dates import parse_textual_date

_PREFIX = re.compile(
    r"^\s*(?:(?:written|posted|published|reported|reporting|story|text|words|compiled|"
    r"reviewed|edited|photos?|analysis|opinion|commentary|review|interview|column|essay|"
    r"video|photography)\s+(?:and\s+\w+\s+)?)?(?:by|from|author|authors|autor|autora|por|von|"
    r"от|автор|(?-i:di|par|door|av))\s*[:\-–—]?\s+",
    re.IGNORECASE,
)
# "Author: …", "Текст: …", "Autor: …": one or two words and a colon before the names.
_LABEL = re.compile(r"^\s*[^\W\d_]{2,14}(?:\s[^\W\d_]{2,14})?\s*:\s*(?=\S)")
_SPLIT = re.compile(r"\s*(?:,|;|\s&\s|\s(?:and|AND|And|und|e|y|et|и)\s|\+)\s*")
# Where a byline stops being names: separators, "Updated", "Published", a weekday, a
# time or year, "on <date>", "for The Paper", "in London" at the end, contact links.
_CUT_MARK = re.compile(r"[|•·—–@]|\s-\s")
_CUT_WORDS = frozenset(
    [
        "updated",
        "published",
        "posted",
        "follow",
        "contact",
        "email",
        "e-mail",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
_CUT_PAIRS = frozenset((("read", "more"), ("more", "by"), ("view", "all")))
_CLOCK_OR_YEAR = re.compile(r"\d{1,2}[:/.]\d{2}|\d{4}")
_TRIGGERS = _CUT_WORDS | {"on", "for", "in", "read", "more", "view"}
_TOKEN = re.compile(r"\S+")
_MONTH_STARTS = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
    ]
)
_ABBREVIATIONS = frozenset(
    [
        "dr",
        "mr",
        "mrs",
        "ms",
        "mx",
        "prof",
        "st",
        "jr",
        "sr",
        "rev",
        "fr",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "gov",
        "sen",
        "rep",
        "hon",
        "mme",
        "mlle",
    ]
)
# "Finian Cunningham. Sputnik International": a full stop after a word (not an initial).
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{2})\.\s+(?=[A-Z])")
_URLISH = re.compile(r"https?:|www\.|\.(?:com|org|net|html?)\b|/", re.IGNORECASE)
_ROLE = re.compile(
    r"\b(?:staff|writer|contributor|correspondent|reporter|editor|columnist|special\s+to|"
    r"freelance|senior|associate|producer|photographer|intern|news\s+service|desk)\b",
    re.IGNORECASE,
)
_NOT_NAMES = frozenset(
    [
        "admin",
        "administrator",
        "staff",
        "editor",
        "editors",
        "editorial",
        "author",
        "unknown",
        "guest",
        "anonymous",
        "contributor",
        "webmaster",
        "redaction",
        "redação",
        "redazione",
        "redaktion",
        "by",
        "the",
        "more",
        "share",
        "comments",
        "comment",
        "reply",
        "user",
    ]
)
# A house byline: the newsroom rather than a person ("Staff Reports", "Wire services").
_HOUSE_FIRST = frozenset(("staff", "editorial"))
_HOUSE_LAST = frozenset(
    [
        "staff",
        "report",
        "reports",
        "desk",
        "bureau",
        "newsroom",
        "team",
        "board",
        "service",
        "services",
    ]
)
_DIGIT = re.compile(r"\d")
_MAX_NAME_WORDS = 5
_MAX_AUTHORS = 8


def _is_house(text: str) -> bool:
    """A house byline: the newsroom rather than a person ("Staff Reports", "Wire services")."""
    words = text.casefold().split()
    return bool(words) and (words[0] in _HOUSE_FIRST or words[-1] in _HOUSE_LAST)


def _cut_point(text: str) -> int | None:
    """Where the names in ``text`` end (see ``_CUT_WORDS``), or None."""
    cuts = [
        found.start() for found in (_CUT_MARK.search(text), _CLOCK_OR_YEAR.search(text)) if found
    ]
    end = min(cuts) if cuts else len(text)
    tokens = _TOKEN.findall(text[:end])
    if not _TRIGGERS.intersection(token.casefold().strip(".,:;()") for token in tokens):
        return end if cuts else None
    offset = 0
    for index, token in enumerate(tokens):
        start = text.index(token, offset)
        offset = start + len(token)
        word = token.casefold().strip(".,:;()")
        if word not in _TRIGGERS:
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if word in _CUT_WORDS or (word, following.casefold()) in _CUT_PAIRS:
            return start
        if (
            word == "on"
            and following
            and (any(ch.isdigit() for ch in following) or following[:3].casefold() in _MONTH_STARTS)
        ):
            return start
        if word == "for" and following[:1].isupper():
            return start
        if word == "in" and index + 2 == len(tokens) and following[:1].isupper():
            return start
    return end if cuts else None


def _is_name(text: str) -> bool:
    """Whether ``text`` could be a person's (or agency's) name as a byline shows it."""
    if not text or len(text) > 60 or text.casefold() in _NOT_NAMES or _is_house(text):
        return False
    if _URLISH.search(text) or any(c in text for c in "@_()[]{}<>=#?!"):
        return False
    words = text.split()
    if len(words) > _MAX_NAME_WORDS or any(ch.isdigit() for ch in text):
        return False
    if not any(ch.isalpha() for ch in text):
        return False
    if len(words) == 1:
        word = words[0]
        if "admin" in word.casefold():
            return False
        if word.isascii() and word.isalpha() and word == word.lower():
            return False  # a user handle ("jdoe", "rmb")
        if word.isascii() and word.isupper() and len(word) > 4:
            return False  # a call sign or account name ("KWCHCIK")
    return not (len(words) > 1 and text == text.lower() and text.isascii())


_ROLE_TAIL = re.compile(
    r"\s+(?:[^\W\d_]+\s+)?(?:columnist|writer|reporter|editor|correspondent|contributor|"
    r"producer|photographer)s?$",
    re.IGNORECASE,
)


# Wire services named after a person's name ("Tom Davies Associated Press").
_AGENCY_NAMES = (
    r"(?:associated\s+press|ap|reuters|afp|agence\s+france-presse|bloomberg|cnn|"
    r"upi|dpa|efe|ansa|xinhua|pa\s+media|press\s+association)"
)
_AGENCY_TAIL = re.compile(r"\s+(?:the\s+)?" + _AGENCY_NAMES + "$", re.IGNORECASE)


_AGENCY = re.compile(r"(?:the\s+)?" + _AGENCY_NAMES + r"\b", re.IGNORECASE)
_ALNUM_ONLY = re.compile(r"[\W_]+")


def _is_affiliation(part: str, name: str, affiliations: tuple[str, ...]) -> bool:
    """Whether a part after a person's name is where they work, not who else wrote:
    a role ("Staff Writer"), a wire service ("AP National"), the site ("CNN Business")."""
    if _ROLE.search(part) or _AGENCY.match(name):
        return True
    folded = _ALNUM_ONLY.sub("", name.casefold())
    for affiliation in affiliations:
        site = _ALNUM_ONLY.sub("", affiliation.casefold())
        if site and folded and (folded in site or site in folded):
            return True
    return False


def _strip_name(part: str) -> str:
    part = part.strip(" \t\n.,:;-–—|()[]\"'“”")
    if len(part.split()) > 2:
        part = _ROLE_TAIL.sub("", part)  # "Jamelle Bouie Opinion Columnist"
    if len(part.split()) > 2:
        person = _AGENCY_TAIL.sub("", part)
        if len(person.split()) >= 2 and person.split()[0].casefold() != "the":
            part = person
    words = part.split()
    if len(words) > 2 and words[0].isupper() and words[1].isupper():
        # "ERIC TUCKER Associated Press": the name is the capitals.
        kept = [w for w in words if w.isupper() or not w.isalpha()]
        if len(kept) < len(words) and words[: len(kept)] == kept:
            part = " ".join(kept)
    return part


def clean_byline(text: str | None) -> str | None:
    """Authors in ``text`` joined by ", " ("By A and B, Reporters" gives "A, B")."""
    return read_byline(text)[0]


def _first_sentence(text: str) -> str:
    """``text`` up to a full stop that ends a word, not a title or an initial ("Dr. Ana
    Paz" stays whole; "Finian Cunningham. Sputnik International" loses its second part)."""
    for found in _SENTENCE_END.finditer(text):
        word = text[: found.start()].rsplit(None, 1)[-1].casefold()
        if word not in _ABBREVIATIONS:
            return text[: found.start()]
    return text


def _drop_tail(text: str, tail: str) -> str:
    """``text`` without ``tail`` (any case) at its end, when something comes before it."""
    tail = tail.strip()
    stripped = text.rstrip()
    if tail and len(stripped) > len(tail) and stripped.casefold().endswith(tail.casefold()):
        head = stripped[: -len(tail)]
        if head[-1:] in " ,|·/-":
            return head.rstrip(" ,|·/-")
    return text


def read_byline(text: str | None, affiliations: tuple[str, ...] = ()) -> tuple[str | None, bool]:
    """(authors joined by ", ", whether every listed name was understood). A byline that
    trails off into something longer than a name ("A and B Sioux Falls Argus Leader")
    gives the names before it and False. ``affiliations`` (the site's names) are dropped
    from the end ("A and B USA TODAY")."""
    if not text:
        return None, True
    text = " ".join(text.split())
    if not text or len(text) > 300 or _URLISH.match(text):
        return None, True
    text = _PREFIX.sub("", _LABEL.sub("", text, count=1), count=1)
    cut = _cut_point(text)
    if cut is not None:
        if cut == 0:
            return None, True
        text = text[:cut]
    text = _first_sentence(text)
    for affiliation in affiliations:
        text = _drop_tail(text, affiliation)
    if _DIGIT.search(text) and parse_textual_date(text):
        return None, True
    names: list[str] = []
    complete = True
    for part in _SPLIT.split(text):
        name = _strip_name(part)
        if not name or (names and _is_affiliation(part, name, affiliations)):
            continue  # "Jane Doe, The Associated Press": the person is the byline
        if not _is_name(name):
            if names:
                complete = len(name.split()) <= _MAX_NAME_WORDS
                break
            return None, True
        if name not in names:
            names.append(name)
        if len(names) >= _MAX_AUTHORS:
            break
    if len(names) > 1 and len(names[0].split()) > 1:
        # "Jane Doe, Futurism": a lone word beside full names is an affiliation.
        names = [n for n in names if len(n.split()) > 1]
    return ", ".join(names) or None, complete


def join_names(names: list[str]) -> str | None:
    """Several author strings (each maybe "A and B") as one cleaned byline."""
    cleaned: list[str] = []
    for name in names:
        for part in (clean_byline(name) or "").split(", "):
            if part and part not in cleaned:
                cleaned.append(part)
    return ", ".join(cleaned[:_MAX_AUTHORS]) or None


_BY_PATTERN = re.compile(
    r"(?:(?:^|[|/·•—–]\s*)(?:by|By|BY)|(?:^|\s)(?:By|BY))\s+([^\W\d_][^\n|]{2,120})"
)


def byline_from_text(text: str) -> str | None:
    """What follows "By" in a short text (a header or dateline), not yet cleaned."""
    if len(text) > 200:
        return None
    found = _BY_PATTERN.search(text)
    return found[1] if found else None

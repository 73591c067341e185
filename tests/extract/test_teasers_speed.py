"""The third round of teaser-finder shortcuts gives what the long way gives: class and id
names matched by patterns arranged for speed say what the case-blind patterns say,
titles of any alphabet are let through the word test before the title pattern only when
the pattern cannot match, and a trailing date looked for in the last words only is the
date the whole-title search finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.extract.teasers.context import _JUNK_CLASS, _NAV_CLASS, _class_says
from reader.extract.teasers.text import (
    _ASCII_FOLDS,
    _NOT_A_STORY_TITLE,
    _TRAIL_DATE,
    _without_trailing_date,
    not_a_story_title,
)

_NAME_PARTS = st.sampled_from(
    [
        "nav", "navbar", "Navigation", "menu", "submenu", "mega-menu", "megamenu", "crumbs",
        "breadcrumb", "breadcrumbs", "site-header", "site", "header", "top-bar", "topbar",
        "pager", "pagination", "page", "share", "sharing", "social", "tags", "tag-list",
        "tag", "list", "cat-links", "cats", "cat", "categories", "byline", "author", "skip",
        "sitemap", "flyout", "dropdown", "masthead", "ad", "ads", "AD", "load", "head",
        "taboola", "advert", "adsense", "gpt-ad", "native-ad", "nativead", "nativo",
        "paid-post", "paidcontent", "partner-content", "promoted", "sponsor", "trc_",
        "comment-list", "comments-area", "cookie", "disqus", "dfp-", "mgid", "zergnet",
        "newsletter", "ob-widget", "outbrain", "revcontent", "commercial", "affiliate",
        "a", "d", "s", "x", "9", "",
    ]
)
_SEPARATORS = st.sampled_from([" ", "-", "_", "", "\n", "\t", "\x1c", ".", "x", "a", "9"])
_NAMES = st.lists(st.tuples(_NAME_PARTS, _SEPARATORS), max_size=6).map(
    lambda parts: "".join(p + s for p, s in parts)
)


@settings(max_examples=1500, deadline=None)
@given(_NAMES)
def test_class_names_say_what_the_case_blind_patterns_say(names: str) -> None:
    _class_says.cache_clear()
    nav, junk = _class_says(names)
    assert nav == bool(_NAV_CLASS.search(names))
    comment = not {"comments", "comment", "comment-section", "comments-section"}.isdisjoint(
        names.lower().split()
    )
    assert junk == (bool(_JUNK_CLASS.search(names)) or comment)


def test_the_ascii_folds_are_all_the_letters_a_case_blind_pattern_takes_for_ascii() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    found = {
        c: c.lower() for c in map(chr, range(128, 0x110000)) if letter.fullmatch(c)
    }
    assert set(found) == {chr(c) for c in _ASCII_FOLDS}
    for c, ascii_letter in {chr(k): v for k, v in _ASCII_FOLDS.items()}.items():
        assert re.fullmatch(ascii_letter, c, re.IGNORECASE)


_TITLE_PARTS = st.sampled_from(
    [
        "Quiz", "QUİZ", "quızzes", "quiz:", "Subscribe", "ſubſcribe", "Sign up", "log in",
        "Donate", "The", "best", "BEST", "beſt", "deals", "Deal", "gifts", "to buy",
        "buying guide", "Gift Guide", "what to buy", "Black Friday", "prime day",
        "deals on", "the", "cheap", "top", "save", "up to", "50", "50%", "20 %", "off",
        "on", "all", "Kelvin", "\u212aitchen", "harbour", "wall", "’", "—", "é", "9",
        "ferry", "quiz-night", "",
    ]
)
_TITLES = st.lists(st.tuples(_TITLE_PARTS, st.sampled_from([" ", "", "-", ": "])), max_size=8).map(
    lambda parts: "".join(p + s for p, s in parts)
)


@settings(max_examples=1500, deadline=None)
@given(_TITLES)
def test_non_story_titles_are_what_the_case_blind_pattern_says(title: str) -> None:
    assert not_a_story_title(title) == bool(_NOT_A_STORY_TITLE.search(title))


_DATE_PARTS = st.sampled_from(
    [
        "12", "3", "2024", "March", "MARCH", "mar.", "Sept", "sept.", "Septembre", "\u017fept",
        "12,", "March,", "2024)", "(March", "(12", "2024-03-12", "12.03.2024", "1/2/24",
        "hours", "HOURS", "min", "ago", "AGO", "days", "|", "\u2013", "\u2014", "-",
        "\u00b7", ",", "(", ")", "Harbour", "wall", "abc12", "\u00e9",
    ]
)
_BLANKS = st.sampled_from([" ", "  ", "", "\n", "\t", "\u2003", "\x1c", " | "])
_DATED = st.lists(st.tuples(_DATE_PARTS, _BLANKS), min_size=1, max_size=9).map(
    lambda parts: "".join(p + s for p, s in parts)
)


@settings(max_examples=3000, deadline=None)
@given(_BLANKS, _DATED)
def test_a_trailing_date_is_cut_where_the_whole_title_search_cuts_it(lead: str, title: str) -> None:
    title = lead + title
    assert _without_trailing_date(title) == _TRAIL_DATE.sub("", title)

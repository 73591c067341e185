"""The third round of teaser-finder shortcuts gives what the long way gives: class and id
names matched by patterns arranged for speed say what the case-blind patterns say."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.extract.teasers.context import _JUNK_CLASS, _NAV_CLASS, _class_says

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

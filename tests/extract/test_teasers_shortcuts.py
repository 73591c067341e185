"""The second round of teaser-finder shortcuts gives what the long way gives: slug words
split by one pattern, the leading-date pattern skipped when no date can start the text,
links ruled out by their place before their URL is judged, and elements without names
taking the short path through the context."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from reader.extract.teasers.finder import find_teasers
from reader.extract.teasers.shape import _WORD_SPLIT, story_shape
from reader.extract.teasers.text import _LEAD_DATE, _may_start_with_date, strip_kicker

PAGE = "https://paper.example/2024/05/our-own-story-today"
STORY = "<p>" + "Story text. " * 30 + "</p>"
HARBOUR = "https://paper.example/2024/04/harbour-wall-repairs-begin-next-week"
FERRY = "https://paper.example/2024/04/ferry-fares-to-rise-in-the-spring"


def teasers(body: str) -> list[tuple[str, str, str]]:
    tree = LexborHTMLParser(f"<html><body>{body}</body></html>")
    result = find_teasers(tree, tree.css_first("#story"), PAGE)
    return [(t.kind, t.url, t.title) for t in result.teasers]


_SLUGS = st.text(alphabet=st.sampled_from("ab9-_+.,:%20 é"), max_size=30)


@settings(max_examples=400, deadline=None)
@given(_SLUGS)
def test_slug_words_split_where_the_separators_are(stem: str) -> None:
    reference = stem.replace("%20", "-").translate(str.maketrans("_+.,:", "-----")).split("-")
    assert _WORD_SPLIT.split(stem) == reference


_TITLES = st.text(alphabet=st.sampled_from("0123456789 JjSsMmDdſxX,-|:\u0663\u2003"), max_size=20)


@settings(max_examples=400, deadline=None)
@given(_TITLES)
def test_the_leading_date_test_never_skips_a_date(title: str) -> None:
    if _LEAD_DATE.sub("", title) != title:
        assert _may_start_with_date(title)


def test_leading_dates_still_go() -> None:
    assert strip_kicker("12 March 2024 | Harbour wall repairs begin") == (
        "Harbour wall repairs begin"
    )
    assert strip_kicker("\u017fept 3, 2024 - Harbour wall repairs begin") == (
        "Harbour wall repairs begin"
    )
    assert strip_kicker("Harbour wall repairs begin") == "Harbour wall repairs begin"


def test_story_shape_of_slugs_with_mixed_separators() -> None:
    assert story_shape("https://paper.example/news/harbour+wall_repairs,begin") == "story"
    assert story_shape("https://paper.example/news/harbour_wall") == "weak"
    assert story_shape("https://paper.example/news/harbour%20wall") == "story"  # "20": digits


def test_a_link_first_seen_in_a_menu_is_still_judged_in_the_story() -> None:
    # The menu sighting is dropped for its place; the story's own sighting must not be
    # taken for a link already judged.
    # (Two links in one menu item: the second finds its parent's context known.)
    menu = f"<nav><p><a href='{FERRY}'>Ferry fares</a> <a href='{HARBOUR}'>Harbour</a></p></nav>"
    story = f"<div id='story'>{STORY}<p>See <a href='{HARBOUR}'>the harbour works</a>.</p></div>"
    got = teasers(menu + story)
    assert ("body", HARBOUR, "the harbour works") in got
    assert all(url != FERRY for _, url, _ in got)


def test_a_widget_link_is_dropped_but_the_same_link_elsewhere_counts() -> None:
    widget = f"<div class='taboola'><ul><li><a href='{FERRY}'>Ferry fares to rise in the" \
             " spring</a></li><li><a href='/x'>Other</a></li></ul></div>"
    related = f"<h3>Related</h3><ul><li><a href='{FERRY}'>Ferry fares to rise in the" \
              " spring</a></li></ul>"
    assert teasers(f"<div id='story'>{STORY}</div>{widget}") == []
    assert teasers(f"<div id='story'>{STORY}</div>{widget}{related}") == [
        ("related", FERRY, "Ferry fares to rise in the spring")
    ]


def test_elements_with_only_plain_attributes_keep_the_heading_above_them() -> None:
    links = f"<ul><li><a href='{HARBOUR}'>Harbour wall repairs begin next week</a></li>" \
            f"<li><a href='{FERRY}'>Ferry fares to rise in the spring</a></li></ul>"
    bare = teasers(f"<div id='story'>{STORY}</div><h3>Related</h3><div>{links}</div>")
    plain = teasers(
        f"<div id='story'>{STORY}</div><h3>Related</h3><div data-id='7' lang='en'>{links}</div>"
    )
    labelled = teasers(
        f"<div id='story'>{STORY}</div><div aria-label='Related stories'>{links}</div>"
    )
    assert [k for k, _, _ in bare] == ["related", "related"]
    assert plain == bare == labelled


HEADLINE_LINKS = [
    "<a href=x>Plain words</a>",
    "<a href=x><img src=p.jpg><span>Plain words</span></a>",
    "<a href=x class='card-title'><b>Whole link is the title</b></a>",
    "<a href=x><SPAN CLASS='Title'>Upper-case class: no match</SPAN></a>",
    "<a href=x><span itemprop='headline'>By item property</span></a>",
    "<a href=x><span itemprop='Headline'>Item property in capitals</span></a>",
    "<a href=x><div><h3>Nested heading</h3></div><p class='hed'>later</p></a>",
    "<a href=x><p class='dek'>Blurb first</p><h2>Heading second</h2></a>",
    "<a href=x><svg><title>Icon</title><g class='title'></g></svg></a>",
    "<a href=x>" + "<span class='x'></span>" * 9 + "<span class='subtitle'>Far in</span></a>",
    "<a href=x><span class='box__subtitle'>Kicker</span><span class='box__title'>Title</span></a>",
    "<a href=x>" + "<i></i>" * 9 + "<span class='sub-title'>K</span><b class='title'>T</b></a>",
    "<a href=x><div class='title-wrapper'><h4>Inner heading</h4><p>Blurb</p></div></a>",
    "<a href=x>" + "<i></i>" * 9 + "<div class='title-wrap'><h4>Far heading</h4><p>B</p></div></a>",
]


def _by_selector(a: object) -> object:
    """The headline as the selector finds it: the first match that is a heading or is not
    named a subtitle, and the heading it wraps, if any."""
    from reader.extract.teasers.cards import _HEADLINE_SEL, HEADINGS

    for found in a.css(_HEADLINE_SEL):  # type: ignore[attr-defined]
        cls = (found.attributes.get("class") or "").lower()
        named_kicker = any(k in cls for k in ("subtitle", "sub-title", "supertitle", "pretitle"))
        if found.tag in HEADINGS or not named_kicker:
            if found.tag not in HEADINGS:
                inner = found.css_first("h1, h2, h3, h4, h5, h6")
                if inner is not None and inner.text(deep=True, strip=True):
                    return inner
            return found
    return None


def test_the_headline_walk_finds_what_the_selector_finds() -> None:
    from reader.extract.teasers.cards import _headline

    for html in HEADLINE_LINKS:
        a = LexborHTMLParser(html).css_first("a")
        by_selector = _by_selector(a)
        by_walk = _headline(a)
        assert (by_walk.mem_id if by_walk is not None else None) == (
            by_selector.mem_id if by_selector is not None else None  # type: ignore[attr-defined]
        ), html

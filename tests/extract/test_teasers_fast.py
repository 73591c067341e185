"""The teaser finder's shortcuts give what the long way gives: one pass for links and
<base>, link holders instead of selector queries, repeated links filled in, and the
cheap tests in front of the text patterns."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from reader.extract.sanitize import clean_text
from reader.extract.teasers.context import _class_says
from reader.extract.teasers.finder import find_teasers
from reader.extract.teasers.shape import page_key, story_shape
from reader.extract.teasers.text import not_a_story_title, one_line, strip_kicker, word_count
from reader.extract.urls import base_from, base_url

PAGE = "https://paper.example/2024/05/our-own-story-today"
STORY = "<div id='story'><p>" + "Story text. " * 30 + "</p></div>"


def teasers(body: str, head: str = "", url: str = PAGE) -> list[tuple[str, str, str]]:
    tree = LexborHTMLParser(f"<html><head>{head}</head><body>{STORY}{body}</body></html>")
    result = find_teasers(tree, tree.css_first("#story"), url)
    return [(t.kind, t.url, t.title) for t in result.teasers]


MOST_READ = (
    "<div><h3>Most read</h3><ul>"
    "<li><a href='2024/04/harbour-wall-repairs-begin-next-week'>Harbour wall repairs begin"
    " next week</a></li>"
    "<li><a href='2024/04/ferry-fares-to-rise-in-the-spring'>Ferry fares to rise in the"
    " spring</a></li></ul></div>"
)


def test_a_base_after_the_links_in_the_body_still_counts() -> None:
    got = teasers(MOST_READ + "<base href='https://mirror.example/news/'>")
    assert [u for _, u, _ in got] == [
        "https://mirror.example/news/2024/04/harbour-wall-repairs-begin-next-week",
        "https://mirror.example/news/2024/04/ferry-fares-to-rise-in-the-spring",
    ]


def test_the_first_base_wins_and_the_result_carries_it() -> None:
    html = (
        "<html><head><base href='https://first.example/a/'></head><body>"
        + STORY + MOST_READ + "<base href='https://second.example/b/'></body></html>"
    )
    tree = LexborHTMLParser(html)
    result = find_teasers(tree, tree.css_first("#story"), PAGE)
    assert result.base == "https://first.example/a/" == base_url(tree, PAGE)
    assert all(t.url.startswith("https://first.example/a/2024/") for t in result.teasers)


def test_base_from() -> None:
    assert base_from(None, PAGE) == PAGE
    assert base_from("", PAGE) == PAGE
    assert base_from("/other/", PAGE) == "https://paper.example/other/"
    assert base_from("javascript:alert(1)", PAGE) == PAGE
    assert base_from("https://cdn.example/x/", None) == "https://cdn.example/x/"
    assert base_from(None, "not a url") is None


def test_links_without_href_are_not_links_but_still_hold_a_peer() -> None:
    # A peer element that holds any <a> is an item of the list, not its heading.
    item = "<div><a href='2024/04/harbour-wall-repairs-begin-next-week'>Harbour wall repairs"
    item += " begin next week</a></div>"
    with_name = teasers("<section><div><a name='top'>Related</a></div>" + item + "</section>")
    plain = teasers("<section><div><b>Related</b></div>" + item + "</section>")
    assert plain[0][0] == "related"
    assert with_name[0][0] == "list"
    assert teasers("<p><a href>Nothing here at all</a><a>Nor here, with no href</a></p>") == []


def test_a_repeated_link_fills_in_what_its_first_sighting_lacked() -> None:
    href = "2024/04/harbour-wall-repairs-begin-next-week"
    html = (
        f"<div><h3>Most read</h3><div><a href='{href}'>Harbour wall repairs begin</a></div>"
        f"<div><a href='{href}'><img src='/wall.jpg' alt=''>Harbour wall repairs begin next"
        " week</a><p>Contractors arrive on Monday and the quay closes for a month.</p></div>"
        "</div>"
    )
    tree = LexborHTMLParser(f"<html><body>{STORY}{html}</body></html>")
    [teaser] = find_teasers(tree, tree.css_first("#story"), PAGE).teasers
    assert teaser.summary == "Contractors arrive on Monday and the quay closes for a month."
    assert teaser.image == "https://paper.example/wall.jpg"
    assert teaser.title == "Harbour wall repairs begin next week"


@pytest.mark.parametrize(
    ("cls", "says"),
    [
        ("Main-NAV", (True, False)),
        ("site-header dark", (True, False)),
        ("sitewide-header", (False, False)),
        ("TABOOLA-feed", (False, True)),
        ("ad-slot", (False, True)),
        ("ads", (False, True)),
        ("load", (False, False)),
        ("headline", (False, False)),
        ("menü-nav", (True, False)),  # not ASCII: the case-blind patterns
        ("Werbung sponsor-box ü", (False, True)),
        ("   ", (False, False)),
    ],
)
def test_class_names(cls: str, says: tuple[bool, bool]) -> None:
    assert _class_says(cls) == says


@pytest.mark.parametrize(
    ("title", "stripped"),
    [
        ("Harbour wall repairs begin — 12 March 2024", "Harbour wall repairs begin"),
        ("Harbour wall repairs begin (March 12, 2024)", "Harbour wall repairs begin"),
        ("Harbour wall repairs begin 3 hours AGO", "Harbour wall repairs begin"),
        ("Harbour wall repairs begin 2024-03-12", "Harbour wall repairs begin"),
        ("Harbour wall repairs begin in 2024", "Harbour wall repairs begin in 2024"),
        ("Harbour wall repairs begin (again)", "Harbour wall repairs begin (again)"),
    ],
)
def test_trailing_dates(title: str, stripped: str) -> None:
    assert strip_kicker(title) == stripped


@pytest.mark.parametrize(
    ("title", "verdict"),
    [
        ("The 10 best phone deals this week", True),
        ("THE BEST DEALS ON THE BEST LAPTOPS", True),
        ("Quiz: how well do you know the harbour?", True),
        ("Sign up for our morning briefing", True),
        ("Best friends rescue stranded swimmer", False),
        ("Council delays the harbour budget", False),
        ("Beste Angebote: the best café deals in town", True),
        ("Café owner wins award", False),
    ],
)
def test_non_story_titles(title: str, verdict: bool) -> None:
    assert not_a_story_title(title) is verdict


_TEXTS = st.text(alphabet=st.sampled_from("ab1 _-\t\n\x1c\u3042\u00e9\u2003.,!"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_word_count_counts_blank_separated_words_with_a_letter_or_digit(text: str) -> None:
    words = sum(1 for w in text.split() if any(c.isalnum() for c in w))
    cjk = sum(1 for c in text if "\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af")
    assert word_count(text) == (words if text.isascii() else max(words, cjk // 3))


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_one_line_collapses_every_blank_run(text: str) -> None:
    assert one_line(text, 1000) == re.sub(r"\s+", " ", clean_text(text)).strip()


@pytest.mark.parametrize(
    ("url", "shape"),
    [
        ("https://paper.example/news/harbour%20wall%20repairs%20begin", "story"),
        ("https://paper.example/news/harbour_wall_repairs.html", "story"),
        ("https://paper.example/news/harbour-wall", "weak"),
        ("https://paper.example/pics/harbour-wall-repairs-begin.JPG", "no"),
        ("https://paper.example/news/archive.list", "no"),
    ],
)
def test_story_shapes(url: str, shape: str) -> None:
    assert story_shape(url) == shape


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.Paper.example/a/b/", "paper.example/a/b"),
        ("http://m.paper.example", "paper.example/"),
        ("https://paper.example/a?page=2", "paper.example/a?page=2"),
        ("https://reader:pw@paper.example/a", "paper.example/a"),
        ("https://paper.example/caf\u00e9/", "paper.example/caf\u00e9"),
    ],
)
def test_page_keys(url: str, key: str) -> None:
    assert page_key(url) == key


def test_the_document_head_is_no_heading() -> None:
    # A bare <title> right before <body> is not a visible "Latest" heading over the page.
    other_site = (
        "<div><a href='https://elsewhere.example/2024/04/storm-closes-the-coast-road'>"
        "Storm closes the coast road</a></div>"
    )
    assert teasers(other_site, head="<title>Latest</title>") == []
    assert teasers("<h3>Latest</h3>" + other_site)[0][0] == "list"


def test_menus_stay_menus_and_link_lists_under_a_menu_class_too() -> None:
    story = "2024/04/harbour-wall-repairs-begin-next-week"
    menu = f"<div class='site-menu'><a href='{story}'>Harbour wall repairs begin</a></div>"
    prose = (
        "<div class='author-note'><h3>Most read</h3><p>" + "Words about the author. " * 20
        + f"<a href='{story}'>Harbour wall repairs begin next week</a></p></div>"
    )
    assert teasers(f"<nav class='menu'>{menu}</nav>") == []
    assert teasers(menu) == []
    assert [k for k, _, _ in teasers(prose)] == ["list"]

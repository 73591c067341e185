"""The third round of teaser-finder shortcuts gives what the long way gives: small cards
and links walked in Python instead of selector queries, case-blind patterns matched in
lower case on ASCII text, and one site look-up per link origin."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from reader.extract.teasers import cards, finder, shape, text
from reader.extract.urls import (
    _REDIRECT_PATH,
    _REDIRECT_PATH_LOW,
    _redirect_path,
    registrable_domain,
    same_publisher,
    same_site,
)

_TAGS = ("div", "span", "p", "a", "img", "em", "strong", "small", "h3", "svg", "figure")
_CLASSES = ("", "card", "Summary", "summary", "teaser-DEK", "intro-x", "xdescx", "lede",
            "standFirst", "blurb", "meta", "excerpt")


@st.composite
def _fragments(draw: st.DrawFn, depth: int = 0) -> str:
    """A small tree of elements with class names, links, pictures and comments."""
    parts = []
    for _ in range(draw(st.integers(0, 4 if depth < 3 else 0))):
        kind = draw(st.sampled_from(("el", "el", "text", "comment")))
        if kind == "text":
            parts.append("words")
        elif kind == "comment":
            parts.append("<!-- a note -->")
        else:
            tag = draw(st.sampled_from(_TAGS))
            cls = draw(st.sampled_from(_CLASSES))
            attrs = f" class='{cls}'" if cls else ""
            if tag == "a" and draw(st.booleans()):
                attrs += " href='/2024/05/a-story-of-the-day'"
            if tag == "img":
                attrs += " alt='A picture'" if draw(st.booleans()) else " src='/p.jpg'"
                parts.append(f"<img{attrs}>")
                continue
            parts.append(f"<{tag}{attrs}>{draw(_fragments(depth + 1))}</{tag}>")
    return "".join(parts)


def _ids(nodes: object) -> list[int]:
    return [n.mem_id for n in nodes]  # type: ignore[attr-defined]


@settings(max_examples=200, deadline=None)
@given(_fragments())
def test_walks_find_what_the_selector_queries_find(fragment: str) -> None:
    tree = LexborHTMLParser(f"<html><body><div id='card'>{fragment}</div></body></html>")
    walks: cards.Walks = {}  # one page's memo, shared by every question below
    for node in [tree.css_first("#card"), *tree.css_first("#card").css("*")]:
        assert _ids(cards._links(node)) == _ids(node.css("a[href]"))
        assert _ids(cards._links(node, walks)) == _ids(node.css("a[href]"))
        assert _ids(cards._images(node, walks)) == _ids(node.css("img"))
        assert _ids(cards._images(node)) == _ids(node.css("img"))
        first = cards._first_img_with_alt(node)
        expected = node.css_first("img[alt]")
        assert (first.mem_id if first else None) == (expected.mem_id if expected else None)
        assert _ids(cards._blurb_candidates(node)) == _ids(node.css(cards._BLURB_SEL))
        assert _ids(cards._blurb_candidates(node, walks)) == _ids(node.css(cards._BLURB_SEL))
        if node.tag == "a":
            assert _ids(finder._parts_of(node)) == _ids(
                node.css("span, em, strong, p, div, small"))


def test_a_big_card_still_gets_the_selector_query() -> None:
    items = "".join(f"<p class='summary'>Blurb number {i} of the card</p>" for i in range(30))
    tree = LexborHTMLParser(f"<div id='card'>{items}<a href='/x'>x</a></div>")
    node = tree.css_first("#card")
    assert cards._walk(node) is None
    assert _ids(cards._blurb_candidates(node)) == _ids(node.css(cards._BLURB_SEL))
    assert len(cards._links(node)) == 1


_ASCII = st.text(
    alphabet=st.sampled_from("abcdeiklmnoprstuvwxyzABCDEKLMPRST0123456789 -_/.?=&:%»"),
    max_size=40,
)
_WORDS = st.sampled_from(
    ("Read More", "see more", "SHARE", "print", "ID=123", "p=9", "Story", ".HTML", ".php",
     "/OUT", "/go.php", "/Redirect/", "3 Comments", "comments", "view all comments",
     "Related: ", "READ MORE - ", "More", "summary", "Kicker", "Label", "Date", "EXCLUSIVE: ",
     "Also on The Quay | ", "Opinion - "))
_MIXED = st.lists(st.one_of(_ASCII, _WORDS), max_size=5).map("".join)

_TWINS = [
    (shape._SHARE_QUERY, shape._SHARE_QUERY_LOW),
    (shape._ID_QUERY, shape._ID_QUERY_LOW),
    (shape._EXT, shape._EXT_LOW),
    (_REDIRECT_PATH, _REDIRECT_PATH_LOW),
    (cards._SKIP_CLASS, cards._SKIP_CLASS_LOW),
    (cards._COMMENTS, cards._COMMENTS_LOW),
    (text._GENERIC, text._GENERIC_LOW),
    (text._INLINE_PREFIX, text._INLINE_PREFIX_LOW),
    (text._KICKER, text._KICKER_LOW),
]


@settings(max_examples=300, deadline=None)
@given(_MIXED)
def test_lower_case_twins_answer_as_the_case_blind_patterns(value: str) -> None:
    for blind, low in _TWINS:
        assert blind.flags & re.IGNORECASE and not low.flags & re.IGNORECASE
        assert bool(blind.search(value)) == bool(low.search(value.lower()))
        got, want = low.match(value.lower()), blind.match(value)
        assert (got.end() if got else None) == (want.end() if want else None)


@pytest.mark.parametrize(
    ("value", "generic"),
    [("Read More", True), ("CONTINUE READING »", True), ("Weiterlesen", True),
     ("Подробнее", True), ("", True), ("Harbour wall repairs", False), ("Moreover", False)],
)
def test_generic_link_texts_in_any_case(value: str, generic: bool) -> None:
    assert text.is_generic(value) is generic


@pytest.mark.parametrize(
    ("path", "redirect"),
    [("/OUT", True), ("/go.PHP", True), ("/a/LinkTrack/button/", True),
     ("/news/outlook", False), ("/ünïcode/Redirect/x/", True), ("/story", False)],
)
def test_redirector_paths_in_any_case(path: str, redirect: bool) -> None:
    assert _redirect_path(path) is redirect


@pytest.mark.parametrize(
    ("a", "b"),
    [("www.bbc.co.uk", "news.bbc.com"), ("money.paper.example", "www.paper.example"),
     ("me.github.io", "you.github.io"), ("127.0.0.1", "127.0.0.2"), ("a.example", "b.test"),
     ("localhost", "localhost"), ("", "paper.example"), ("co.uk", "bbc.co.uk")],
)
def test_same_publisher_answers_as_same_site_for_registrable_domains(a: str, b: str) -> None:
    da, db = registrable_domain(a), registrable_domain(b)
    assert same_publisher(da, db) is same_site(a, b)

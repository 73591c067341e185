"""The shortcuts taken for speed give what the plain way gives.

Each fast path (a name-by-name class verdict, byte-level depth checks, unrolled
patterns, pre-filters before escaping, leaf text without a walk, reusing a page's UTF-8
bytes) is compared with a straightforward reference written here, over generated input.
"""

from __future__ import annotations

import gc
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.extract import extract, hints, prescan
from reader.extract import markdown as md
from reader.extract.charset import decode_keeping_utf8
from reader.extract.dom import El

# --- class and id names ------------------------------------------------------------

_SPLIT = re.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")


def _reference_hint(classes: str, ident: str) -> int:
    """The verdict on the whole class string at once (how it was first written)."""
    names = f"{classes} {ident}"
    if not names.strip():
        return 0
    low = hints._LAYOUT.sub(" ", names.lower())
    toks = [t.lower() for t in _SPLIT.split(hints._LAYOUT.sub(" ", names)) if t]
    if any(t in hints._NEG_TOKENS for t in toks) or hints._NEG_STEMS.search(low):
        return -1
    if any(t in hints._POS_TOKENS for t in toks):
        return 1
    return 0


_NAME_PIECES = st.sampled_from(
    [
        "entry",
        "content",
        "Content",
        "share",
        "bar",
        "has",
        "sidebar",
        "no",
        "comments",
        "open",
        "article",
        "Body",
        "related",
        "post",
        "col",
        "md",
        "8",
        "x",
        "Ad",
        "ads",
        "with",
        "nav",
        "authorBox",
        "Story",
    ]
)
_JOINERS = st.sampled_from(["-", "_", "", " ", "  ", "\t"])


@st.composite
def _class_strings(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.tuples(_NAME_PIECES, _JOINERS), max_size=6))
    return "".join(p + j for p, j in pieces)


@settings(max_examples=400, deadline=None)
@given(_class_strings(), _class_strings())
def test_names_judged_one_at_a_time_agree_with_the_whole_string(cls: str, ident: str) -> None:
    hints.hint.cache_clear()
    hints._NAME_VERDICTS.clear()
    assert hints.hint(cls, ident) == _reference_hint(cls, ident)


def test_known_class_strings() -> None:
    assert hints.hint("entry-content clearfix", "") == 1
    assert hints.hint("post has-sidebar", "") == 1  # a layout state, not a sidebar
    assert hints.hint("post", "comments") == -1
    assert hints.hint("ShareBar", "") == -1
    assert hints.hint("col-md-8", "") == 0


# --- depth bound ---------------------------------------------------------------------

_LAZY_OPAQUE = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|textarea|title|xmp|noembed|noframes)\b.*?(?:</\1\s*>|\Z)",
    re.DOTALL | re.IGNORECASE,
)

_MARKUP_BITS = st.sampled_from(
    [
        "<div>",
        "</div>",
        "<DIV class=a>",
        "<p>",
        "<br/>",
        "<span>",
        "</span>",
        "<!--",
        "-->",
        "--",
        "-",
        "<script>",
        "</script>",
        "</SCRIPT >",
        "<style>",
        "</style>",
        "<textarea>",
        "</textarea",
        "<",
        ">",
        "/",
        "text",
        "é",
        " ",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_MARKUP_BITS, max_size=40).map("".join))
def test_unrolled_opaque_pattern_matches_what_the_lazy_one_did(html: str) -> None:
    assert prescan._OPAQUE.sub("", html) == _LAZY_OPAQUE.sub("", html)
    assert prescan._deepest_utf8(html.encode()) == prescan._deepest(html)


@settings(max_examples=200, deadline=None)
@given(st.lists(_MARKUP_BITS, max_size=60).map("".join), st.integers(1, 6))
def test_bounding_bytes_gives_what_bounding_text_gives(html: str, limit: int) -> None:
    assert prescan.bound_utf8(html.encode(), limit) == prescan.bound_html(html, limit).encode()


def test_start_tags_are_an_upper_bound_of_depth() -> None:
    page = "<div>" * 50 + "<p>x" * 10 + "</div>" * 50 + "<!-- <div> --> < b"
    assert prescan._count_openers(page.encode()) >= prescan._deepest(page) == 50


# --- Markdown escaping ----------------------------------------------------------------

_TEXT = st.text(alphabet=st.sampled_from(list("ab #+=-1.)٣*_[]<>|~&;\\`\n\t")), max_size=40)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_escape_fast_paths_change_nothing(text: str) -> None:
    assert md.escape(text) == md._INLINE.sub(lambda m: "\\" + m.group(0), text)
    assert md.escape_line_starts(text) == md._LINE_START.sub(md._line_start, text)


# --- the light tree -------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("ab \n\t\xa0\u2003")), max_size=8)))
def test_leaf_text_collapses_whitespace_like_the_pattern(parts: list[str]) -> None:
    el = El("p", {}, None, 0, 0)
    el.children.extend(parts)
    assert el.text() == re.sub(r"\s+", " ", " ".join(parts)).strip()


def test_the_tree_is_freed_without_the_cyclic_collector() -> None:
    page = "<html><body><main><article>" + "<p>Words of the story here.</p>" * 40
    page += "</article></main></body></html>"
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        article = extract(page, "https://example.com/story")
        left = sum(1 for obj in gc.get_objects() if isinstance(obj, El))
    finally:
        if was_enabled:
            gc.enable()
    assert "Words of the story" in article.text
    assert left == 0


# --- bytes in -------------------------------------------------------------------------


def test_valid_utf8_bytes_are_reused_and_others_are_not() -> None:
    page = "<p>caf\u00e9 \u2014 na\u00efve</p>".encode()
    text, raw = decode_keeping_utf8(page)
    assert raw is page and text == page.decode()
    assert decode_keeping_utf8(b"\xef\xbb\xbf<p>x</p>") == ("<p>x</p>", b"<p>x</p>")
    assert decode_keeping_utf8(b"<p>\xff</p>", "utf-8")[1] is None  # replaced: not reused
    assert decode_keeping_utf8("<p>caf\u00e9</p>".encode("cp1252"), "windows-1252")[1] is None
    assert decode_keeping_utf8(page)[0] == text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_bytes_and_text_extract_alike(words: str) -> None:
    page = f"<html><body><article><p>{words}</p><p>{words} again</p></article></body></html>"
    from_text = extract(page)
    try:
        data = page.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: no UTF-8 bytes to compare with
        return
    from_bytes = extract(data, encoding="utf-8")
    assert (from_bytes.markdown, from_bytes.text) == (from_text.markdown, from_text.text)

"""Which pictures a story has: the lead first, then the Markdown's images in order, each
once, http(s) only; Markdown read as CommonMark reads it, code left alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.extract import extract
from reader.model import Article
from reader.pictures import is_picture_url, markdown_pictures, pictures_alone, story_pictures


def test_lead_first_then_the_text_in_order_each_once() -> None:
    article = Article(
        lead_image="https://pics.test/harbour.jpg",
        markdown="Intro.\n\n![The pier](https://pics.test/pier.png)\n\n"
        "[![Boats](https://pics.test/boats.webp)](https://news.test/boats)\n\n"
        "![Harbour again](https://pics.test/harbour.jpg#top)",
    )
    assert story_pictures(article) == [
        "https://pics.test/harbour.jpg",
        "https://pics.test/pier.png",
        "https://pics.test/boats.webp",
    ]


def test_no_lead_picture_and_a_lead_that_is_not_a_web_address() -> None:
    md = "![a](http://pics.test/a.gif)"
    assert story_pictures(Article(markdown=md)) == ["http://pics.test/a.gif"]
    assert story_pictures(Article(lead_image="data:image/png;base64,AA", markdown=md)) == [
        "http://pics.test/a.gif"
    ]
    assert story_pictures(md) == ["http://pics.test/a.gif"]


def test_data_javascript_and_relative_sources_are_left_out() -> None:
    md = (
        "![one](data:image/png;base64,iVBORw0KGgo=) ![two](javascript:alert(1)) "
        "![three](/local.png) ![four](ftp://pics.test/x.png) ![five](JAVASCRIPT:void(0)) "
        "![six](HTTPS://pics.test/ok.png) ![seven](http:///nohost.png)"
    )
    assert story_pictures(md) == ["HTTPS://pics.test/ok.png"]


def test_escaped_alt_text_angle_targets_titles_and_parentheses() -> None:
    md = (
        r"![a \] tricky [nested] alt](http://pics.test/1.jpg) "
        '![t](<http://pics.test/with space.png> "A title") '
        "![p](http://pics.test/a_(b).png 'x') "
        r"![e](http://pics.test/q\_r.png) "
        "![amp](http://pics.test/s.png?a=1&amp;b=2)"
    )
    assert markdown_pictures(md) == [
        "http://pics.test/1.jpg",
        "http://pics.test/with space.png",
        "http://pics.test/a_(b).png",
        "http://pics.test/q_r.png",
        "http://pics.test/s.png?a=1&b=2",
    ]
    # a blank in a <…> target is written as %20 in the address handed out
    assert "http://pics.test/with%20space.png" in story_pictures(md)


def test_percent_encoded_and_plain_spellings_are_one_picture() -> None:
    article = Article(
        lead_image="http://pics.test/a(1).jpg", markdown="![x](http://pics.test/a%281%29.jpg)"
    )
    assert story_pictures(article) == ["http://pics.test/a(1).jpg"]


def test_images_in_code_and_escaped_ones_are_text() -> None:
    md = (
        "Write `![x](http://pics.test/span.png)` to show one.\n\n"
        "```\n![y](http://pics.test/fence.png)\n```\n\n"
        "~~~~\n![z](http://pics.test/tilde.png)\n~~~\n~~~~\n\n"
        r"\![not](http://pics.test/escaped.png) "
        r"\\![yes](http://pics.test/after-backslash.png)"
    )
    assert markdown_pictures(md) == ["http://pics.test/after-backslash.png"]


def test_broken_syntax_gives_nothing() -> None:
    for md in ("![a](http://pics.test/x.png", "![a] (http://pics.test/x.png)",
               "![a(http://pics.test/x.png)", "![a](<http://pics.test/x.png)",
               "![a](http://pics.test/x.png \"unclosed)"):
        assert markdown_pictures(md) == [], md


def test_what_the_extractor_writes_is_read_back() -> None:
    html = (
        "<html><head><title>Gulls</title>"
        '<meta property="og:image" content="https://pics.test/lead(1).jpg"></head><body>'
        "<article><h1>Gulls</h1><p>" + "The gulls came back to the cliffs this week. " * 8 +
        '</p><figure><img src="https://pics.test/cliff [2].jpg" alt="A cliff ] with [gulls]">'
        "<figcaption>The cliffs.</figcaption></figure><p>"
        + "Counting them took the whole morning and most of the afternoon. " * 8
        + "</p></article></body></html>"
    )
    article = extract(html, "https://news.test/gulls")
    pictures = story_pictures(article)
    assert pictures[0] == "https://pics.test/lead(1).jpg"
    assert all(is_picture_url(p) for p in pictures)
    if "cliff" in article.markdown:  # the extractor keeps figures; its rules may change
        assert pictures[1:] == ["https://pics.test/cliff%20%5B2%5D.jpg"]


@given(st.text(alphabet="![]()<>`\\ \n\"'ahttp:/.x", max_size=300))
def test_any_markdown_is_read_without_error(md: str) -> None:
    for url in story_pictures(md):
        assert is_picture_url(url)


def test_a_hostile_run_of_openers_stays_linear() -> None:
    md = "![" * 50_000 + "](http://pics.test/x.png)"
    assert story_pictures(md) == [] or story_pictures(md) == ["http://pics.test/x.png"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("![A chart](https://a.test/c.png)\n", [("A chart", "https://a.test/c.png")]),
        ("![](https://a.test/c.png)", [("", "https://a.test/c.png")]),
        (r"![a \] b \*](http://a.test/x.jpg)", [("a ] b *", "http://a.test/x.jpg")]),
        (
            "![one](https://a.test/1.jpg) ![two](https://a.test/2.jpg)",
            [("one", "https://a.test/1.jpg"), ("two", "https://a.test/2.jpg")],
        ),
        ("Text before ![x](https://a.test/1.jpg)", []),  # a picture inside text
        ("![x](javascript:alert)", []),
        ("Just words.", []),
    ],
)
def test_pictures_alone_in_one_paragraph(source: str, expected: list[tuple[str, str]]) -> None:
    assert pictures_alone(source) == expected

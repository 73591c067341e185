"""Hostile input neither crashes nor hangs, and what comes out is terminal-safe."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.extract import extract
from reader.extract.prescan import MAX_DEPTH, bound_html
from reader.model import Article
from tests.support.pages import STORY, story_html
from tests.support.text import is_terminal_safe
from tests.support.work import counted


def _safe(article: Article) -> None:
    assert isinstance(article, Article)
    fields = [
        article.title,
        article.byline,
        article.site_name,
        article.canonical_url,
        article.lead_image,
        article.language,
        article.markdown,
        article.text,
    ]
    for t in article.teasers:
        fields += [t.url, t.title, t.summary, t.image]
    for field in fields:
        assert field is None or is_terminal_safe(field), repr(field)[:200]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        "",
        b"\x00",
        "\x00" * 1000,
        bytes(range(256)) * 64,
        b"\xff\xfe\xfd" * 1000,
        b"\xef\xbb\xbf",
        b"<",
        "<html",
        "<!--",
        "<script>",
        "<p>\ud800\udfff\ud83d</p>",
        "<![CDATA[x",
        "<?xml version='1.0'?><rss/>",
        "<frameset><frame src=x></frameset>",
        "<table>" * 500,
        "<svg><script>x</script></svg>" * 100,
        "\u202e" * 1000,
    ],
    ids=lambda d: repr(d[:12]),
)
def test_odd_inputs_give_an_article(data: str | bytes) -> None:
    _safe(extract(data, "https://x.example/"))


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "not a url",
        "http://",
        "http://[::1",
        "https://exa mple.com/\x00",
        "javascript:alert(1)",
        "http://\ud800.example/",
        "ftp://x.example/",
        "//x.example/a",
        "http://x.example:99999/",
        "http://" + "a" * 100_000 + ".example/",
        "\x1b]8;;x\x07",
    ],
)
def test_malformed_page_urls_are_harmless(url: str | None) -> None:
    article = extract(
        story_html("<p><a href='/rel'>relative link inside the story text</a> here.</p>"), url
    )
    _safe(article)
    assert article.text.startswith(STORY[0])


def test_nul_bytes_do_not_cut_the_text() -> None:
    article = extract(story_html().replace("night bus", "night\x00 bus").encode())
    assert "night bus from the valley towns" in article.text


def test_hundred_thousand_nested_divs() -> None:
    """The text survives, and twice as deep costs at most about twice the work (counted
    in calls, the same on any machine): the depth bound keeps the tree walks flat."""
    work = []
    for depth in (100_000, 200_000):
        html = "<div>" * depth + "<p>deep story text</p>" + "</div>" * depth
        article, calls = counted(lambda: extract(html))  # noqa: B023
        assert "deep story text" in article.text
        work.append(calls)
    assert work[1] <= 2.5 * work[0], work


def test_depth_bound_keeps_text_and_limits_tags() -> None:
    html = "<div>" * (MAX_DEPTH * 3) + "kept" + "</div>" * (MAX_DEPTH * 3)
    bounded = bound_html(html)
    assert bounded.count("<div>") == MAX_DEPTH
    assert "kept" in bounded
    shallow = "<div><p>x</p></div>" * 5000
    assert bound_html(shallow) is shallow


def test_closing_tags_hidden_in_scripts_do_not_fool_the_depth_bound() -> None:
    html = "<div><script>'</div>'</script>" * (MAX_DEPTH * 2)
    assert bound_html(html).count("<div>") <= MAX_DEPTH


@pytest.mark.parametrize("tag", ["b", "a href=x", "span", "table", "li", "font"])
def test_deep_unclosed_inline_and_table_tags(tag: str) -> None:
    _safe(extract(f"<{tag}>" * 50_000 + "x"))


def test_a_million_links() -> None:
    html = "<p>" + "<a href=/x>l</a>" * 1_000_000
    _safe(extract(html))


def test_a_fifty_megabyte_text_node() -> None:
    html = "<p>" + "word " * 10_000_000 + "</p>"
    article = extract(html)
    assert article.text.startswith("word word")
    assert len(article.text) > 40_000_000


_MUTATIONS = st.sampled_from(
    [
        "<",
        ">",
        "</div>",
        "<div>",
        "<p>",
        "</p>",
        "<a href='javascript:x'>",
        "<script>",
        "\x1b[31m",
        "\x1b]8;;http://e.example\x07",
        "\u202e",
        "\ud800",
        "\x00",
        "&#0;",
        "&#x1b;",
        "&#27;[2J",
        "&#x9b;",
        "<img src=x srcset=', , ,'>",
        "<table><tr><td>",
        "]]>",
        "<!--",
        "-->",
        "<base href='data:x'>",
        "<meta charset='utf-7'>",
        "\ufeff",
        "[bold]",
        "`",
        "*",
        "_",
        "#",
        "\r",
        "\x85",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cuts=st.lists(st.tuples(st.integers(0, 10_000), _MUTATIONS, st.integers(0, 40)), max_size=12),
    as_bytes=st.booleans(),
    url=st.one_of(st.none(), st.text(max_size=40)),
)
def test_mutated_pages_never_raise_and_stay_safe(
    cuts: list[tuple[int, str, int]], as_bytes: bool, url: str | None
) -> None:
    page = story_html(
        "<ul><li><a href='/a'>one</a></li></ul><figure><img data-src='/i.jpg' alt='i'></figure>"
    )
    for pos, insert, drop in cuts:
        pos %= len(page) + 1
        page = page[:pos] + insert + page[pos + drop :]
    data: str | bytes = page.encode("utf-8", "surrogatepass") if as_bytes else page
    _safe(extract(data, url))


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(data: bytes) -> None:
    _safe(extract(data))


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=500))
def test_random_text_never_raises(data: str) -> None:
    _safe(extract(data, data[:30]))

"""URL normalisation for teaser links: resolve, clean, unwrap, compare sites."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from reader.extract import urls
from reader.extract.urls import base_url, registrable_domain, resolve_url, same_site

PAGE = "https://www.example.com/news/2024/story-one"


@pytest.mark.parametrize(
    ("href", "base", "expected"),
    [
        ("/world/a-long-story-slug", PAGE, "https://www.example.com/world/a-long-story-slug"),
        ("other-story", PAGE, "https://www.example.com/news/2024/other-story"),
        ("../2023/old-story", PAGE, "https://www.example.com/news/2023/old-story"),
        ("//cdn.example.com/x", PAGE, "https://cdn.example.com/x"),
        ("//cdn.example.com/x", "http://www.example.com/", "http://cdn.example.com/x"),
        ("//cdn.example.com/x", None, "https://cdn.example.com/x"),
        ("https://other.example.org/a", None, "https://other.example.org/a"),
        ("/a#section-2", PAGE, "https://www.example.com/a"),
        ("HTTPS://WWW.Example.COM/Path", None, "https://www.example.com/Path"),
        ("https://www.example.com:443/a", None, "https://www.example.com/a"),
        ("http://www.example.com:80/a", None, "http://www.example.com/a"),
        ("http://www.example.com:8080/a", None, "http://www.example.com:8080/a"),
        ("https://www.example.com", None, "https://www.example.com/"),
        ("https://user:secret@www.example.com/a", None, "https://www.example.com/a"),
        ("/a b/ü", PAGE, "https://www.example.com/a%20b/%C3%BC"),
        ("https://bücher.example/a", None, "https://xn--bcher-kva.example/a"),
        ("http:\\\\www.example.com\\a\\b", None, "http://www.example.com/a/b"),
        ("  /padded  ", PAGE, "https://www.example.com/padded"),
        ("/sp\nlit/pa\tth", PAGE, "https://www.example.com/split/path"),
    ],
)
def test_resolves_against_base(href: str, base: str | None, expected: str) -> None:
    assert resolve_url(href, base) == expected


def test_relative_link_without_base_is_none() -> None:
    assert resolve_url("/a/b", None) is None
    assert resolve_url("a", "not a url") is None


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " \x01javascript:alert(1)",
        "\x00javascript:alert(1)",
        "java\tscript:alert(1)",  # what the parser leaves of "java&#x09;script:"
        "java\nscript:alert(1)",
        "java\x00script:alert(1)",
        "jav\u200bascript:alert(1)",
        "  vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "mailto:desk@example.com",
        "tel:+441234",
        "ftp://example.com/file",
        "about:blank",
        "",
        "   ",
        "https://",
        "https://[::1",
        "https://www.example.com:99999/a",
        "https://www.example.com:12ab/a",
        "https://exa\u202emple.com/a",
    ],
)
def test_never_anything_but_http(href: str) -> None:
    assert resolve_url(href, PAGE) is None


def test_tracking_parameters_removed_and_ids_kept() -> None:
    href = (
        "/story?utm_source=x&utm_medium=y&intc_type=a&itm_source=b&fbclid=1&gclid=2&dclid=3"
        "&msclkid=4&mc_cid=5&mc_eid=6&icid=7&ncid=8&cmpid=9&ocid=10&smid=11&xtor=12&module=13"
        "&ref=14&ref_src=15&id=42&idx=7&p=3&story=99"
    )
    assert resolve_url(href, PAGE) == "https://www.example.com/story?id=42&idx=7&p=3&story=99"


def test_only_tracking_parameters_leave_no_question_mark() -> None:
    assert resolve_url("/a-b-c?utm_source=feed", PAGE) == "https://www.example.com/a-b-c"


def test_mangled_amp_parameters_are_still_tracking() -> None:
    url = resolve_url("/a?x=1&amp;utm_medium=web", PAGE)
    assert url == "https://www.example.com/a?x=1"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        (
            "https://www.google.com/url?sa=t&q=https%3A%2F%2Fnews.example.net%2Fa-story%3Futm_source%3Dg",
            "https://news.example.net/a-story",
        ),
        (
            "https://l.facebook.com/l.php?u=https%3A%2F%2Fnews.example.net%2Fb&h=AT0",
            "https://news.example.net/b",
        ),
        ("/redirect?url=https%3A%2F%2Fpartner.example.org%2Fc", "https://partner.example.org/c"),
        ("/out?to=http%3A%2F%2Fpartner.example.org%2Fd", "http://partner.example.org/d"),
        (
            "/go?link=%2F%2Fpartner.example.org%2Fe",
            "https://partner.example.org/e",
        ),
        (
            "/redirect?url="
            + "https%3A%2F%2Fwww.google.com%2Furl%3Fq%3Dhttps%253A%252F%252Fdeep.example%252Ff",
            "https://deep.example/f",
        ),
    ],
)
def test_redirect_wrappers_unwrapped(href: str, expected: str) -> None:
    assert resolve_url(href, PAGE) == expected


def test_redirect_to_a_non_http_target_is_not_followed() -> None:
    url = resolve_url("/redirect?url=javascript%3Aalert(1)", PAGE)
    assert url == "https://www.example.com/redirect?url=javascript%3Aalert(1)"


def test_url_parameter_on_an_ordinary_page_is_kept() -> None:
    url = resolve_url("/share-tools/embed?url=https%3A%2F%2Fx.example%2Fa", PAGE)
    assert url == "https://www.example.com/share-tools/embed?url=https%3A%2F%2Fx.example%2Fa"


def test_base_url_prefers_base_href() -> None:
    tree = LexborHTMLParser('<html><head><base href="/archive/"></head><body></body></html>')
    assert base_url(tree, PAGE) == "https://www.example.com/archive/"
    absolute = LexborHTMLParser('<base href="https://mirror.example.org/saved/">')
    assert base_url(absolute, "file:///tmp/page.html") == "https://mirror.example.org/saved/"
    assert base_url(absolute, None) == "https://mirror.example.org/saved/"


def test_base_url_falls_back_to_the_page() -> None:
    assert base_url(LexborHTMLParser("<p>x</p>"), PAGE) == PAGE
    bad = LexborHTMLParser('<base href="javascript:alert(1)">')
    assert base_url(bad, PAGE) == PAGE
    assert base_url(LexborHTMLParser("<p>x</p>"), None) is None
    assert base_url(LexborHTMLParser("<p>x</p>"), "javascript:x") is None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("https://www.example.com/a", "https://example.com/b", True),
        ("https://m.example.com/a", "https://amp.example.com/b", True),
        ("https://news.example.com/a", "https://sport.example.com/b", True),
        ("https://www.bbc.co.uk/news/x", "https://www.bbc.com/news/y", True),
        ("https://news.bbc.co.uk/x", "bbc.co.uk", True),
        ("https://www.paper.com.au/x", "https://paper.com.au/y", True),
        ("https://example.com/a", "https://other.com/a", False),
        ("https://one.co.uk/a", "https://two.co.uk/a", False),
        ("https://127.0.0.1:8000/a", "https://127.0.0.1:9000/b", True),
        ("https://127.0.0.1/a", "https://127.0.0.2/b", False),
        ("", "https://example.com/", False),
    ],
)
def test_same_site(a: str, b: str, same: bool) -> None:
    assert same_site(a, b) is same


def test_registrable_domain() -> None:
    assert registrable_domain("https://www.news.example.co.uk/a") == "example.co.uk"
    assert registrable_domain("edition.example.com") == "example.com"


_SAFE_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f-\x9f]+$")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.one_of(st.none(), st.text(max_size=40), st.just(PAGE)))
def test_resolve_is_total_and_only_gives_clean_http(href: str, base: str | None) -> None:
    url = resolve_url(href, base)
    if url is not None:
        assert _SAFE_URL.match(url), url
        assert "#" not in url
        assert resolve_url(url, None) == url


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("javscript:JAVS \t\n\x00\x01&#;/ab."), max_size=30))
def test_no_disguise_of_javascript_gets_through(href: str) -> None:
    url = resolve_url(href, PAGE)
    assert url is None or url.startswith("https://")  # a path or a protocol-relative host


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_same_site_is_total(a: str, b: str) -> None:
    assert same_site(a, b) in (True, False)


_URLISH = st.lists(
    st.sampled_from(["a", "Z", "0", "-", ".", "_", "~", "/", "#", "?", "%", ":", "@",
                              "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", "[", "]",
                              "\\", " ", "\t", "ü", "utm_source=x", "url=http://b.example/s",
                              "/out", "/."]),
    max_size=12,
).map("".join)
_BASES = st.sampled_from(
    [None, PAGE, "HTTPS://WWW.Example.COM:443/a/b", "http://u:p@example.org:8080/x?y#z",
     "https://example.com.", "https://bücher.example/", "ftp://example.com/", "not a url"]
)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["", "/", "//", "http://", "https://", "https://www.example.com",
                        "HTTP://Example.com", "https://a.example:8080"]), _URLISH, _BASES)
def test_fast_paths_agree_with_the_general_resolver(
    prefix: str, rest: str, base: str | None
) -> None:
    href = prefix + rest
    assert resolve_url(href, base) == urls._resolve(href, base, 0)


@pytest.mark.parametrize(
    ("href", "base", "expected"),
    [
        ("https://www.example.com/a/b-c#frag", None, "https://www.example.com/a/b-c"),
        ("https://www.example.com#top", None, "https://www.example.com/"),
        ("/a/b#x", "HTTPS://WWW.Example.COM:443/z", "https://www.example.com/a/b"),
        ("/a/b", "http://u:p@example.org:8080/x", "http://example.org:8080/a/b"),
        ("/a/./b", PAGE, "https://www.example.com/a/b"),
        ("/a/b", "https://bücher.example/", "https://xn--bcher-kva.example/a/b"),
        ("https://www.example.com?id=7&utm_source=x#c", None, "https://www.example.com/?id=7"),
        ("/a/b?utm_medium=rss", PAGE, "https://www.example.com/a/b"),
        ("/a/b?", PAGE, "https://www.example.com/a/b"),
        ("/out?url=https%3A%2F%2Fother.example%2Fstory", PAGE, "https://other.example/story"),
        ("https://www.example.com/go?to=https://other.example/x&ref=y", None,
         "https://other.example/x"),
    ],
)
def test_common_shapes(href: str, base: str | None, expected: str) -> None:
    assert resolve_url(href, base) == expected

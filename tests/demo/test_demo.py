"""The demo site: every page serves, no link is broken, caching headers work, the
port fallback explains itself, and the front story has the shape the app relies on."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser

from reader.config import DEMO_PORT
from reader.demo import FRONT_PATH, DemoServer, start_demo, story_paths
from reader.demo.server import BUILT_ORIGIN
from reader.demo.sitegen import SITE_DIR, render_site
from reader.demo.sitegen.source import INLINE_MARK, load_stories
from reader.model import TEASER_KIND_RANK
from tests.support.fetch import reclaimed

PAPER = "The Wrenmouth Lantern"


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoServer]:
    with start_demo(0) as server:  # port 0: never collide with a real demo on 48213
        yield server


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=5, follow_redirects=False) as c:
        yield c


def _routes(demo: DemoServer) -> dict[str, str]:
    return {path: r.content_type for path, r in demo.site.routes.items()}


def _html_paths(demo: DemoServer) -> list[str]:
    return [p for p, t in _routes(demo).items() if t.startswith("text/html")]


def _links(html: str) -> list[str]:
    tree = LexborHTMLParser(html)
    found = [n.attributes.get("href") for n in tree.css("a[href], link[href]")]
    found += [n.attributes.get("src") for n in tree.css("img[src], script[src]")]
    return [f for f in found if f]


# -- serving ---------------------------------------------------------------------------


def test_every_page_serves_200_with_its_content_type(
    demo: DemoServer, client: httpx.Client
) -> None:
    routes = _routes(demo)
    assert len(routes) > 40
    for path, ctype in routes.items():
        reply = client.get(demo.url(path))
        assert reply.status_code == 200, path
        assert reply.headers["content-type"] == ctype, path
        assert reply.content, path
        if ctype.startswith("text/html"):
            assert ctype == "text/html; charset=utf-8"
            assert reply.text.startswith("<!DOCTYPE html>"), path


def test_sections_have_an_rss_an_atom_and_a_json_feed_and_culture_none(
    demo: DemoServer, client: httpx.Client
) -> None:
    stories = load_stories()

    def section_urls(section: str) -> set[str]:
        return {demo.url(s.path) for s in stories if s.section == section}

    kinds = {"/news/": "application/rss+xml", "/business/": "application/atom+xml",
             "/sport/": "application/feed+json"}
    for front, media in kinds.items():
        tree = LexborHTMLParser(client.get(demo.url(front)).text)
        [link] = tree.css('link[rel="alternate"]')
        assert link.attributes["type"] == media
        feed_url = link.attributes["href"] or ""
        assert feed_url.startswith(demo.url("/"))  # the origin in use, not the built one
        reply = client.get(feed_url)
        assert reply.headers["content-type"].startswith(media)
        if media.endswith("json"):
            listed = {item["url"] for item in reply.json()["items"]}
        else:
            listed = {u for pair in re.findall(
                r"<link>([^<]+)</link>|<link rel=\"alternate\" type=\"text/html\" "
                r"href=\"([^\"]+)\"", reply.text) for u in pair if u}
        section = front.strip("/")
        assert section_urls(section) <= listed, section
    culture = LexborHTMLParser(client.get(demo.url("/culture/")).text)
    assert culture.css('link[rel="alternate"]') == []


def test_no_internal_link_is_broken(demo: DemoServer, client: httpx.Client) -> None:
    checked: set[str] = set()
    for path in _html_paths(demo):
        page_url = demo.url(path)
        html = client.get(page_url).text
        for link in _links(html):
            target = urlsplit(urljoin(page_url, link))
            assert target.scheme in ("http", "https"), (path, link)
            assert target.netloc == f"127.0.0.1:{demo.port}", (path, link)  # nothing external
            if target.path in checked:
                continue
            reply = client.get(demo.url(target.path))
            assert reply.status_code == 200, (path, link)
            checked.add(target.path)
    assert len(checked) > 40
    # form targets answer a POST with a page
    for action in ("/wp-comments-post.php", "/newsletter/"):
        assert client.post(demo.url(action), content=b"comment=hi").status_code == 200


def test_unknown_path_is_a_404_page_and_a_slash_is_forgiven(
    demo: DemoServer, client: httpx.Client
) -> None:
    reply = client.get(demo.url("/news/2026/11/no-such-story"))
    assert reply.status_code == 404
    assert reply.headers["content-type"] == "text/html; charset=utf-8"
    assert "Page not found" in reply.text
    for odd in ("/../pyproject.toml", "/routes.json", "/%2e%2e/__init__.py", "/static/"):
        assert client.get(demo.url(odd)).status_code == 404, odd
    moved = client.get(demo.url("/news"))
    assert moved.status_code == 301
    assert moved.headers["location"] == "/news/"
    assert client.get(demo.url(FRONT_PATH + "/")).headers["location"] == FRONT_PATH
    assert client.post(demo.url(FRONT_PATH)).status_code == 405


def test_conditional_requests_get_304(demo: DemoServer, client: httpx.Client) -> None:
    first = client.get(demo.front_url)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    again = client.get(demo.front_url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert client.get(demo.front_url, headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.get(demo.front_url, headers={"If-Modified-Since": modified}).status_code == 304
    old = "Mon, 02 Nov 2026 10:00:00 GMT"
    assert client.get(demo.front_url, headers={"If-Modified-Since": old}).status_code == 200
    # a stale tag wins over a fresh date: If-None-Match decides when both are sent
    both = {"If-None-Match": '"stale"', "If-Modified-Since": modified}
    assert client.get(demo.front_url, headers=both).status_code == 200
    # stable between runs: another server gives the same tag for the same bytes
    with start_demo(demo.port) as other:  # taken, so it lands elsewhere
        assert other.port != demo.port
        tag2 = client.get(other.url("/static/img/ferry-crossing.jpg")).headers["etag"]
    assert tag2 == client.get(demo.url("/static/img/ferry-crossing.jpg")).headers["etag"]


def test_head_sends_headers_only(demo: DemoServer, client: httpx.Client) -> None:
    reply = client.head(demo.front_url)
    assert reply.status_code == 200
    assert int(reply.headers["content-length"]) > 10_000
    assert reply.content == b""


def test_port_taken_falls_back_and_says_so() -> None:
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    taken = blocker.getsockname()[1]
    try:
        with start_demo(taken) as demo:
            assert demo.port != taken
            assert demo.note is not None
            assert f"Port {taken} is taken" in demo.note
            assert str(demo.port) in demo.note
            assert demo.front_url == f"http://127.0.0.1:{demo.port}{FRONT_PATH}"
            html = httpx.get(demo.front_url, timeout=5).text
            # absolute URLs in the page follow the port actually used
            assert f'<link rel="canonical" href="{demo.front_url}">' in html
            assert BUILT_ORIGIN not in html
    finally:
        blocker.close()


def test_free_port_has_no_note_and_stop_frees_it() -> None:
    demo = start_demo(0)
    port = demo.port
    assert demo.note is None
    assert httpx.get(demo.url("/"), timeout=5).status_code == 200
    demo.stop()
    demo.stop()  # twice is harmless
    with reclaimed(port), pytest.raises(httpx.ConnectError):  # free again, and closed
        httpx.get(f"http://127.0.0.1:{port}/", timeout=2)


def test_defaults_name_the_fixed_port() -> None:
    assert DEMO_PORT == 48213
    assert BUILT_ORIGIN == "http://127.0.0.1:48213"
    html = (SITE_DIR / "news/2026/11/harbour-ferry-returns.html").read_text("utf-8")
    assert f'href="http://127.0.0.1:48213{FRONT_PATH}"' in html


def _handlers() -> set[threading.Thread]:
    """The threads of this process that serve one HTTP connection each."""
    return {t for t in threading.enumerate() if t.name.endswith("(process_request_thread)")}


def test_the_server_is_quiet(demo: DemoServer, capfd: pytest.CaptureFixture[str]) -> None:
    before = _handlers()
    with socket.create_connection(("127.0.0.1", demo.port), timeout=5) as s:
        s.sendall(b"NONSENSE\r\n\r\n")
        s.recv(1024)
    with socket.create_connection(("127.0.0.1", demo.port), timeout=5) as s:
        s.sendall(b"GET " + FRONT_PATH.encode() + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    httpx.get(demo.url("/missing"), timeout=5)
    # look once the threads that served these connections have finished, however slowly
    for thread in _handlers() - before:
        thread.join(60)
        assert not thread.is_alive(), "a connection of this test is still being served"
    out, err = capfd.readouterr()
    assert out == "" and err == ""


# -- the site's shape ------------------------------------------------------------------


def test_the_built_site_matches_its_sources() -> None:
    files, table = render_site()
    on_disk = {p.relative_to(SITE_DIR).as_posix() for p in SITE_DIR.rglob("*") if p.is_file()}
    assert on_disk == set(files), "run: python -m reader.demo.sitegen"
    for name, data in files.items():
        stale = f"{name} is stale: python -m reader.demo.sitegen"
        assert (SITE_DIR / name).read_bytes() == data, stale
    assert table["front"] == FRONT_PATH


def test_at_least_twelve_stories_of_honest_length() -> None:
    stories = load_stories()
    assert len(stories) >= 12
    assert sorted(story_paths()) == sorted(s.path for s in stories)
    assert FRONT_PATH in story_paths()
    for s in stories:
        words = len(re.sub(r"<[^>]+>", " ", s.body).split())
        assert 250 <= words <= 900, (s.path, words)
        assert re.fullmatch(r"/(news|business|culture|sport)/2026/1[01]/[a-z-]+", s.path)
    templates = {s.template for s in stories}
    assert templates == {"wp", "news", "feature"}
    with_ld = [s for s in stories if s.jsonld]
    assert len(stories) > len(with_ld) >= len(stories) * 2 // 3
    bodies = " ".join(s.body for s in stories)
    for shape in ("<h2>", "<ul>", "<ol>", "<blockquote>", "<table>"):
        assert shape in bodies
    assert sum(INLINE_MARK in s.body for s in stories) >= 3


def test_story_pages_carry_realistic_metadata(demo: DemoServer, client: httpx.Client) -> None:
    for s in load_stories():
        html = client.get(demo.url(s.path)).text
        tree = LexborHTMLParser(html)
        title = tree.css_first("title")
        assert title is not None and title.text() == f"{s.title} | {PAPER}"
        og = {
            n.attributes.get("property"): n.attributes.get("content")
            for n in tree.css("meta[property]")
        }
        assert og["og:type"] == "article"
        assert og["og:url"] == demo.url(s.path)
        assert og["og:site_name"] == PAPER
        times = tree.css("time[datetime]")
        assert times and times[0].attributes["datetime"] == s.published.isoformat()
        for a in s.authors:
            assert a.name in html
        assert ('"@type": "NewsArticle"' in html) == s.jsonld
        h1 = tree.css("h1")
        assert len(h1) == 1 and h1[0].text() == s.title


def test_the_front_story_has_every_page_shape(demo: DemoServer, client: httpx.Client) -> None:
    html = client.get(demo.front_url).text
    for piece in (
        'class="breadcrumbs"',
        "see more</span>",
        "Share this:",
        "Leave a Reply",
        "spam filter",
        "<em>Related</em>",
        ">Most read<",
        "The Lantern in your inbox",
        'class="cookie-banner"',
        "?share=facebook",
        'rel="prev"',
        'class="comment-list"',
    ):
        assert piece in html, piece
    section_front = client.get(demo.url("/news/")).text
    assert "More from" not in section_front
    assert 'property="og:type" content="website"' in section_front
    news_page = client.get(demo.url("/news/2026/11/ferry-fares-set")).text
    assert '<h2 id="related-heading">Related</h2>' in news_page
    assert "<h2>More from News</h2>" in news_page
    feature = client.get(demo.url("/culture/2026/11/lantern-parade-route")).text
    assert "<strong>Read more:</strong>" in feature and "About the author" in feature
    assert 'alt="Map of the new parade route' in feature


# -- what the extractor makes of it (depends on reader.extract) ---------------------------

_FRONT_TEASERS = {
    "/news/2026/11/ferry-fares-set",  # inline "see more" teaser and related block
    "/news/2026/11/pier-repairs-finish-early",  # body link and related block
    "/news/2026/10/flood-barrier-test",  # body link
    "/news/2026/11/school-bus-route",  # related block
}


def _front_article(demo: DemoServer, client: httpx.Client):  # type: ignore[no-untyped-def]
    from reader.extract import extract

    reply = client.get(demo.front_url)
    return extract(reply.content, demo.front_url, encoding="utf-8")


def test_front_story_extracts_its_metadata(demo: DemoServer, client: httpx.Client) -> None:
    art = _front_article(demo, client)
    assert art.title == "Harbour ferry returns after two winters tied up at the quay"
    assert art.byline == "Ines Harrow"
    assert art.site_name == PAPER
    assert isinstance(art.published, datetime | date)
    assert str(art.published).startswith("2026-11-25")
    assert art.canonical_url == demo.front_url
    assert art.lead_image == demo.url("/static/img/ferry-crossing.jpg")


def test_front_story_body_is_clean(demo: DemoServer, client: httpx.Client) -> None:
    art = _front_article(demo, client)
    body = art.markdown
    assert "Wren Queen will carry passengers" in body  # first paragraph
    assert "I would quite like to see it leave" in body  # last paragraph
    assert "What changes on the boat" in body  # a heading
    assert "Christmas Day" in body  # a list item
    assert "eighty metres further upstream" in body
    assert "Maggie Tresize" in body  # the quote's attribution
    assert "three Wrenmouth families" in body  # the paragraph before the inline teaser
    assert "Harbour master Ruth Penhallow" in body  # ... and the one after it
    for junk in (
        "see more",
        "Council sets ferry fares",  # the inline teaser's headline
        "Leave a Reply",
        "spam filter",
        "Share this",
        "Post Comment",
        "Most read",
        "cookies",
        "Lantern in your inbox",
        "Previous post",
        "Derek from Stonehithe",  # a comment
        "Home »",
    ):
        assert junk not in body, junk
    assert "Ines Harrow" not in art.text


def test_front_story_teasers_are_the_linked_stories(demo: DemoServer, client: httpx.Client) -> None:
    art = _front_article(demo, client)
    paths = [urlsplit(t.url).path for t in art.teasers]
    assert set(paths) >= _FRONT_TEASERS
    tier1 = {urlsplit(t.url).path for t in art.teasers if t.kind != "list"}
    assert tier1 >= _FRONT_TEASERS
    for t in art.teasers:
        path = urlsplit(t.url).path
        assert path in story_paths(), t  # never a section, tag, author or about page
        assert path != FRONT_PATH  # never the page itself
        assert "utm_" not in t.url and "share=" not in t.url
    inline = [t for t in art.teasers if urlsplit(t.url).path == "/news/2026/11/ferry-fares-set"]
    assert inline[0].title == "Council sets ferry fares: what a crossing to Stonehithe will cost"
    ranks = [TEASER_KIND_RANK[t.kind] for t in art.teasers]
    assert ranks == sorted(ranks)  # best kind first


def test_no_story_offers_a_non_story_page_as_teaser(
    demo: DemoServer, client: httpx.Client
) -> None:
    # menus, breadcrumbs, tags, bylines, share links and the footer all link to pages
    # that are not stories (docs/TEASERS.md: "neither"); none may become a teaser
    from reader.extract import extract

    stories = set(story_paths())
    for path in stories:
        url = demo.url(path)
        art = extract(client.get(url).content, url)
        for t in art.teasers:
            target = urlsplit(t.url)
            assert target.path in stories, (path, t.url)
            assert target.path != path, (path, t.url)  # nor the page itself
            assert "share=" not in t.url and "utm_" not in t.url, (path, t.url)


def test_built_files_serve_unchanged_on_the_default_origin(tmp_path: Path) -> None:
    # the server rewrites only the origin; on the built port the bytes are the files
    files, _ = render_site()
    with start_demo(0) as demo:
        served = httpx.get(demo.url("/static/site.css"), timeout=5).content
    assert served == files["static/site.css"]

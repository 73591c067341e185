"""The reading screen against the real library, fetch layer and cache (loopback only)."""

from __future__ import annotations

import socket
import threading
from html import escape
from pathlib import Path

from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownBlock

from reader.app.widgets.article_header import ArticleHeader
from reader.app.widgets.article_view import block_text
from tests.support.app import (
    FOUR,
    FRONT,
    ONE,
    TITLES,
    make_app,
    notes,
    posted,
    serve_site,
    story_page,
    wait_story,
    wait_until,
)
from tests.support.httpserver import LoopbackServer, Reply, held, html


def body_text(app: object) -> str:
    md = app.reading.article.query_one(Markdown)  # type: ignore[attr-defined]
    return "\n".join(block_text(b) for b in md.query(MarkdownBlock))


def links_in(block: MarkdownBlock) -> list[str]:
    """The text of each span of ``block`` that opens a link when clicked."""
    content = block._content  # what the block draws
    return [
        content.plain[span.start : span.end]
        for span in content.spans
        if "link(" in str(getattr(span.style, "meta", {}).get("@click", ""))
    ]


async def test_opens_a_story_with_header_body_and_teasers(
    server: LoopbackServer, tmp_path: Path
) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(FRONT))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        header = app.reading.query_one(ArticleHeader).content
        assert TITLES[FRONT] in str(header)
        assert "Morwenna Tallis" in str(header)
        assert "min read" in str(header)
        assert server.url(FRONT) in str(header)
        assert "fetched just now" in str(header)
        assert "part 3." in body_text(app)
        assert app.reading.title == TITLES[FRONT]
        teasers = app.reading.teasers
        titles = [s.title for s in teasers.states]
        assert TITLES[ONE] in titles
        assert teasers.option_count == len(teasers.states)


async def test_shows_a_loading_indicator_while_fetching(
    server: LoopbackServer, tmp_path: Path
) -> None:
    page = story_page("Slow news day").encode()
    answer = threading.Event()  # the page arrives when the test says so
    server.route("/slow", held(answer, Reply(body=page)))
    app = make_app(tmp_path, server.url("/slow"))
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            await wait_until(pilot, lambda: server.hits["/slow"] == 1)
            await wait_until(pilot, lambda: app.reading.article.loading)
            assert app.reading.story is None
        finally:
            answer.set()
        await wait_story(pilot, app, "/slow")
        assert not app.reading.article.loading


async def test_a_404_is_a_notification_and_the_app_keeps_running(
    server: LoopbackServer, tmp_path: Path
) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(FRONT))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        app.reading.open_target(server.url("/missing"))
        await wait_until(pilot, lambda: any("404" in n for n in notes(app)))
        assert app.is_running
        assert not app.reading.article.loading
        assert not app.reading.busy
        # the story on screen stays, and history did not move
        assert app.reading.story is not None
        assert app.reading.story.url == server.url(FRONT)
        assert not app.reading.history.can_go_back


async def test_connection_refused_says_so(tmp_path: Path) -> None:
    with socket.socket() as sock:  # bound, never listening: refused, and no one else's
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        app = make_app(tmp_path, f"http://127.0.0.1:{port}/gone")
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: bool(notes(app)))
            assert app.is_running
            assert app.reading.story is None
            severities = [n.severity for n in posted(app)]
            assert "error" in severities


async def test_offline_with_an_uncached_story(server: LoopbackServer, tmp_path: Path) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(FRONT), offline=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(notes(app)))
        assert app.reading.story is None
        assert "offline" in app.reading.sub_title
        assert server.hits[FRONT] == 0


async def test_offline_opens_a_cached_story(server: LoopbackServer, tmp_path: Path) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(FRONT))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
    hits = server.hits[FRONT]
    app = make_app(tmp_path, server.url(FRONT), offline=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        assert "offline" in app.reading.sub_title
        assert "offline copy" in str(app.reading.query_one(ArticleHeader).content)
    assert server.hits[FRONT] == hits


async def test_the_screen_shows_the_pages_text_exactly(
    server: LoopbackServer, tmp_path: Path
) -> None:
    """Text that looks like markup or holds a bare address reads on screen as on the page:
    no escaping shows through, and no bare address becomes a link (links come only from
    the page's own <a href>)."""
    literal = [
        "[link=http://127.0.0.9:9/]phish[/link]",
        "see http://127.0.0.9:9/path_with_under_scores and *stars* here",
        "a \\ backslash, [brackets] and <angles> kept",
    ]
    body = "".join(f"<p>Paragraph {i}: {escape(t)}.</p>" for i, t in enumerate(literal))
    body += "<p>Ask at <a href='http://127.0.0.9:9/office'>the harbour office</a> today.</p>"
    server.route("/t", html(story_page("Plain text stays plain", body=body)))
    app = make_app(tmp_path, server.url("/t"), prefetch=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, "/t")
        text = body_text(app)
        for i, t in enumerate(literal):
            assert f"Paragraph {i}: {t}." in text
        linked = [t for t in map(links_in, app.reading.article.body.query(MarkdownBlock)) if t]
        assert linked == [["the harbour office"]]  # the page's own <a href>, and no other


async def test_page_markup_is_shown_literally_and_does_nothing(
    server: LoopbackServer, tmp_path: Path
) -> None:
    title = "Council vote [bold]postponed[/bold] again"
    body = "<p>Click [@click=app.quit]here[/] to leave, or [red]not[/red].</p>"
    other = "/news/2026/03/free-tickets-for-the-harbour-regatta"
    related = [(other, "[@click=app.quit]Free tickets[/]", "[b]sum[/b]")]
    server.route("/m", html(story_page(title, body=body, related=related)))
    server.route(other, html(story_page("Other")))
    app = make_app(tmp_path, server.url("/m"), prefetch=0)  # keep the teaser's own title
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, "/m")
        assert "[bold]postponed[/bold]" in str(app.reading.query_one(ArticleHeader).content)
        text = body_text(app)
        assert "[@click=app.quit]here[/]" in text
        assert app.reading.title.startswith(title)
        # clicking every body block does not quit the app
        for block in app.reading.article.body.query(MarkdownBlock)[:6]:
            await pilot.click(block)
        assert app.is_running
        teaser_titles = [s.title for s in app.reading.teasers.states]
        assert any("[@click=app.quit]" in t for t in teaser_titles)
        prompt = app.reading.teasers.get_option_at_index(0).prompt
        assert "[@click=app.quit]Free tickets[/]" in str(prompt.columns[1]._cells[0])
        await pilot.click(app.reading.teasers, offset=(6, 0))  # opens it; quits nothing
        await wait_until(pilot, lambda: app.reading.story is not None
                         and app.reading.story.url == server.url(other))
        assert app.is_running


async def test_position_is_remembered_across_runs(
    server: LoopbackServer, tmp_path: Path
) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(FRONT))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_story(pilot, app, FRONT)
        for _ in range(12):
            await pilot.press("j")
        await pilot.pause()
        assert app.reading.article.scroll_y == 12
        await pilot.press("q")
    app = make_app(tmp_path, server.url(FRONT))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_story(pilot, app, FRONT)
        await wait_until(pilot, lambda: app.reading.article.scroll_y == 12)


async def test_demo_opens_on_its_news_and_says_when_the_port_moved(
    tmp_path: Path,
) -> None:
    from reader.app import ReaderApp
    from reader.app.widgets.item_list import ItemList
    from reader.demo import DemoServer
    from reader.library import Library
    from tests.support.app import make_config

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        demo = DemoServer(taken.getsockname()[1])
        try:
            assert demo.note
            app = ReaderApp(make_config(tmp_path), demo=demo)
            async with app.run_test(size=(120, 40)) as pilot:
                await wait_until(pilot, lambda: app.screen.id == "news")
                items = app.screen.query_one(ItemList)
                await wait_until(pilot, lambda: len(items.items) >= 12)
                assert demo.note in notes(app)
                await wait_until(pilot, lambda: not app.screen.refreshing)  # type: ignore[attr-defined]
                assert all(i.offline for i in items.items)  # every story fetched whole
                front = next(i for i in items.items if i.url == demo.front_url)
                items.highlighted = items.items.index(front)
                await pilot.press("enter")
                await wait_until(pilot, lambda: app.reading.story is not None)
                assert app.reading.story is not None
                assert app.reading.story.url == demo.front_url
                assert app.reading.teasers.option_count > 0
        finally:
            demo.stop()
    # the demo's feeds were never added to the user's own subscriptions
    lib = Library(make_config(tmp_path))
    try:
        assert lib.feeds.subscriptions() == []
    finally:
        lib.close()


async def test_prefetch_marks_arrive_in_the_sidebar(
    server: LoopbackServer, tmp_path: Path
) -> None:
    from reader.app.widgets.teaser_list import mark_of

    serve_site(server)
    server.route(FOUR, lambda _r: Reply(404, b"<p>gone</p>"))
    app = make_app(tmp_path, server.url(FRONT))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        teasers = app.reading.teasers
        await wait_until(
            pilot, lambda: all(mark_of(s) in ("offline", "failed") for s in teasers.states)
        )
        marks = {s.teaser.url: mark_of(s) for s in teasers.states}
        assert marks[server.url(ONE)] == "offline"
        assert marks[server.url(FOUR)] == "failed"
        index = [s.teaser.url for s in teasers.states].index(server.url(FOUR))
        prompt = teasers.get_option_at_index(index).prompt
        assert "✗" in str(prompt.columns[0]._cells[0])
        assert "failed" in str(prompt.columns[1]._cells[0])

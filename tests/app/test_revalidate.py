"""A story in the cache opens at once; the server is asked whether it changed only once
the story is on screen (a newer version then replaces it, a failure is a warning)."""

from __future__ import annotations

import threading
from pathlib import Path

from reader.app.widgets.article_header import ArticleHeader
from tests.support.app import (
    FRONT,
    ONE,
    TITLES,
    WAIT_S,
    chain_related,
    make_app,
    notes,
    serve_site,
    story_page,
    story_path,
    wait_story,
    wait_until,
)
from tests.support.httpserver import LoopbackServer, Reply, Request


class Switchable:
    """Serves FRONT with an ETag (304 when it still holds), or in a new version when a
    test says so; with ``hold`` set, each answer waits until the test lets it go."""

    def __init__(self) -> None:
        self.title = TITLES[FRONT]
        self.hold = False
        self.answer = threading.Event()
        self.conditional: list[str | None] = []

    def __call__(self, req: Request) -> Reply:
        self.conditional.append(req.headers.get("if-none-match"))
        if self.hold:
            self.answer.wait(WAIT_S)
        etag = f'"{self.title}"'
        if req.headers.get("if-none-match") == etag:
            return Reply(status=304, headers={"ETag": etag})
        body = story_page(self.title, related=chain_related(FRONT)).encode()
        return Reply(body=body, headers={"ETag": etag})


def front_site(server: LoopbackServer) -> Switchable:
    serve_site(server)
    front = Switchable()
    server.route(FRONT, front)
    return front


async def test_going_back_shows_the_cached_story_before_the_server_answers(
    server: LoopbackServer, tmp_path: Path
) -> None:
    front = front_site(server)
    app = make_app(tmp_path, server.url(FRONT), prefetch=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        await pilot.press("1")
        await wait_story(pilot, app, ONE)
        front.hold = True  # the server answers only when the test lets it
        asked = len(front.conditional)
        try:
            await pilot.press("h")
            # on screen while the server holds its answer back: shown without waiting for it
            await wait_until(pilot, lambda: story_path(app) == FRONT and not app.reading.busy)
            assert not app.reading.article.loading
            header = str(app.reading.query_one(ArticleHeader).content)
            assert "from the cache" in header
            # ...and the server is still asked, with the stored ETag, once it is on screen
            await wait_until(pilot, lambda: len(front.conditional) > asked)
            assert front.conditional[-1] == f'"{TITLES[FRONT]}"'
        finally:
            front.answer.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert story_path(app) == FRONT and app.reading.story is not None
        assert app.reading.story.article.title == TITLES[FRONT]
        assert not notes(app)


async def test_a_newer_version_replaces_the_cached_one_where_the_reader_is(
    server: LoopbackServer, tmp_path: Path
) -> None:
    front = front_site(server)
    app = make_app(tmp_path, server.url(FRONT), prefetch=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        await pilot.press("j", "j", "j")
        await pilot.press("1")
        await wait_story(pilot, app, ONE)
        front.title = "Harbour clock fixed at last"
        await pilot.press("h")
        await wait_until(
            pilot,
            lambda: app.reading.story is not None
            and app.reading.story.article.title == "Harbour clock fixed at last",
        )
        assert app.reading.title == "Harbour clock fixed at last"
        assert "from the network" in str(app.reading.query_one(ArticleHeader).content)
        await wait_until(pilot, lambda: app.reading.article.scroll_y == 3)
        assert len(app.reading.history) == 2  # replaced in place, not a new visit
        assert app.reading.history.can_go_forward


async def test_a_failed_revalidation_keeps_the_cached_story_and_says_so(
    server: LoopbackServer, tmp_path: Path
) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(FRONT), prefetch=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        await pilot.press("1")
        await wait_story(pilot, app, ONE)
        server.route(FRONT, lambda _r: Reply(status=500, body=b"<p>down</p>"))
        await pilot.press("h")
        await wait_story(pilot, app, FRONT)
        await wait_until(pilot, lambda: any("could not refresh" in n for n in notes(app)))
        assert app.reading.story is not None
        assert app.reading.story.article.title == TITLES[FRONT]


async def test_the_reading_is_recorded_after_a_cached_open(
    server: LoopbackServer, tmp_path: Path
) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(FRONT), prefetch=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        await pilot.press("1")
        await wait_story(pilot, app, ONE)
        await pilot.press("h")
        await wait_story(pilot, app, FRONT)
        await wait_until(pilot, lambda: app.library.recent(1)[0].url == server.url(FRONT))


async def test_reload_still_waits_for_the_server(
    server: LoopbackServer, tmp_path: Path
) -> None:
    front = front_site(server)
    app = make_app(tmp_path, server.url(FRONT), prefetch=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        front.title = "Harbour clock reloaded"
        await pilot.press("r")
        await wait_until(pilot, lambda: app.reading.title == "Harbour clock reloaded")
        assert front.conditional[-1] is None  # a reload asks for the page itself


async def test_a_cut_page_is_said_once_per_visit_and_an_unchanged_one_not_redrawn(
    server: LoopbackServer, tmp_path: Path
) -> None:
    serve_site(server)  # no ETag: every revalidation gets the whole page again
    app = make_app(tmp_path, server.url(FRONT), prefetch=0, max_bytes=4000)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        assert any("size cap" in n for n in notes(app))
        app.reading.open_target(server.url(ONE))  # the cut page lost its teasers
        await wait_story(pilot, app, ONE)
        before = len([n for n in notes(app) if "size cap" in n])
        hits = server.hits[FRONT]
        await pilot.press("h")
        await wait_story(pilot, app, FRONT)
        shown = app.reading.story
        await wait_until(pilot, lambda: server.hits[FRONT] > hits)
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        assert len([n for n in notes(app) if "size cap" in n]) == before + 1
        assert app.reading.story is shown  # the same page again: nothing redrawn

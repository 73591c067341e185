"""Pictures in the story, drawn as half blocks (deterministic) through the real app:
the text first, then the pictures; bad pictures leave the alt text and a quiet note;
`i` turns them off and on; a story read shows its pictures offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.app import ReaderApp
from reader.app.graphics import Graphics
from reader.app.widgets.picture import StoryPicture
from tests.support.app import make_app, make_config, story_page, wait_story, wait_until
from tests.support.httpserver import LoopbackServer, Reply, html
from tests.support.pictures import (
    figure,
    never_answers,
    picture,
    pictures_done,
    png_claiming,
    serve,
)

STORY = "/news/2026/04/the-harbour-in-pictures"


def places(app: ReaderApp) -> dict[str, StoryPicture]:
    return {p.url.rsplit("/", 1)[-1]: p for p in app.reading.article.pictures}


def serve_good_story(server: LoopbackServer) -> None:
    body = (
        figure("/img/quay.png", "The north quay at dawn", "The quay before the ferry.")
        + "<p>The lamps went off at six, as the winter rule says, and the quay was dark.</p>"
        + '<p><img src="/img/diagram.png"></p>'  # a diagram without alt text
        + figure("/img/boats.jpg", "Boats in the harbour", "Three boats, one crew.")
    )
    server.route(STORY, html(story_page("The harbour in pictures", body=body)))
    server.route("/img/quay.png", serve(picture("PNG", (320, 180), 20), "image/png"))
    server.route("/img/diagram.png", serve(picture("PNG", (200, 200), 120), "image/png"))
    server.route("/img/boats.jpg", serve(picture("JPEG", (400, 240))))


async def test_pictures_are_drawn_where_they_stand(tmp_path: Path) -> None:
    with LoopbackServer() as server:
        serve_good_story(server)
        app = make_app(tmp_path, server.url(STORY), prefetch=0)
        async with app.run_test(size=(110, 40)) as pilot:
            done = await pictures_done(pilot, app)
            assert (done.drawn, done.failed) == (3, 0)
            shown = places(app)
            assert set(shown) == {"quay.png", "diagram.png", "boats.jpg"}
            for place in shown.values():
                assert place.state == "drawn"
                image = place.query_one(".picture-image")
                assert type(image).__name__ == "HalfcellImage"
                assert place.label is None or place.label.display is False
            # in story order, each right after the block that held its alt text
            body = app.reading.article.body
            order = [c.url.rsplit("/", 1)[-1] for c in body.children if isinstance(c, StoryPicture)]
            assert order == ["quay.png", "diagram.png", "boats.jpg"]
            # the captions stay as text under their pictures
            text = " ".join(str(b.content) for b in body.query("MarkdownBlock"))
            assert "Three boats, one crew." in text
            # a 320 x 180 picture on a wide pane: 32 columns (10 px cells), 9 rows (1:2)
            quay = shown["quay.png"].query_one(".picture-image")
            assert (quay.styles.width.value, quay.styles.height.value) == (32, 9)


async def test_i_turns_pictures_off_and_on(tmp_path: Path) -> None:
    with LoopbackServer() as server:
        serve_good_story(server)
        app = make_app(tmp_path, server.url(STORY), prefetch=0)
        async with app.run_test(size=(110, 40)) as pilot:
            await pictures_done(pilot, app)
            await pilot.press("i")
            await wait_until(pilot, lambda: not app.reading.article.pictures)
            labels = [
                b for b in app.reading.article.body.query("MarkdownBlock") if "🖼" in str(b.content)
            ]
            assert labels and all(b.display for b in labels)
            await pilot.press("i")
            await wait_until(pilot, lambda: len(app.reading.article.pictures) == 3)
            await wait_until(
                pilot, lambda: all(p.state == "drawn" for p in app.reading.article.pictures)
            )


async def test_pictures_off_in_the_config_shows_alt_text_only(tmp_path: Path) -> None:
    with LoopbackServer() as server:
        serve_good_story(server)
        app = make_app(tmp_path, server.url(STORY), prefetch=0, images="off")
        async with app.run_test(size=(110, 40)) as pilot:
            await wait_story(pilot, app, STORY)
            await pilot.pause(0.3)
            assert app.reading.article.pictures == []
            assert not any(r.path.startswith("/img/") for r in server.requests)


async def test_a_story_read_shows_its_pictures_offline(tmp_path: Path) -> None:
    with LoopbackServer() as server:
        serve_good_story(server)
        url = server.url(STORY)
        app = make_app(tmp_path, url, prefetch=0)
        async with app.run_test(size=(110, 40)) as pilot:
            await pictures_done(pilot, app)
    # the server is gone: the cache alone
    app = make_app(tmp_path, url, offline=True, prefetch=0)
    async with app.run_test(size=(110, 40)) as pilot:
        done = await pictures_done(pilot, app)
        assert (done.drawn, done.failed) == (3, 0)


async def test_bad_pictures_leave_the_alt_text_and_a_note(tmp_path: Path) -> None:
    truncated = picture("JPEG", (300, 200))[:400]
    bad = {
        "truncated.jpg": serve(truncated),
        "huge.png": serve(png_claiming(100_000, 100_000), "image/png"),
        "page.jpg": html("<html><body>not a picture</body></html>"),
        "missing.jpg": lambda _req: Reply(status=404, body=b"gone"),
        "silent.jpg": lambda _req: Reply(raw=never_answers),
        "drawing.svg": serve(b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml"),
    }
    with LoopbackServer() as server:
        body = "".join(
            figure(f"/img/{name}", f"Picture {name}", f"Caption of {name}.") for name in bad
        )
        body += figure("data:image/png;base64,iVBORw0KGgo=", "Inline data", "Data caption.")
        body += figure("javascript:alert(1)", "Script", "Script caption.")
        body += figure("/img/fine.png", "The one good picture", "It arrives.")
        server.route(STORY, html(story_page("Pictures that go wrong", body=body)))
        for name, handler in bad.items():
            server.route(f"/img/{name}", handler)
        server.route("/img/fine.png", serve(picture("PNG", (120, 80), 0), "image/png"))
        app = make_app(tmp_path, server.url(STORY), prefetch=0, deadline=2.0)
        async with app.run_test(size=(110, 40)) as pilot:
            done = await pictures_done(pilot, app)
            shown = places(app)
            assert shown["fine.png"].state == "drawn"
            assert (done.drawn, done.failed) == (1, len(bad))
            for name in bad:
                place = shown[name]
                assert place.state == "failed" and place.problem
                assert place.label is not None and place.label.display  # the alt text stays
            assert not any(
                u.startswith(("data:", "javascript:"))
                for u in (p.url for p in app.reading.article.pictures)
            )
            # the story stays readable and the app keeps running
            assert app.reading.story is not None
            await pilot.press("j")
            assert app.is_running


@pytest.mark.parametrize(("mode", "widget"), [("kitty", "TGPImage"), ("sixel", "Image")])
async def test_kitty_and_sixel_widgets_draw_the_same_story(
    tmp_path: Path, mode: str, widget: str, capfd: pytest.CaptureFixture[str]
) -> None:
    """The graphics protocols' widgets (chosen before the app starts in a terminal that
    draws them) take the same places; the Kitty one sends its pictures to the terminal
    itself, which the test swallows."""
    with LoopbackServer() as server:
        serve_good_story(server)
        app = ReaderApp(
            make_config(tmp_path, prefetch=0),
            target=server.url(STORY),
            graphics=Graphics(mode, shown=True, cell=(10, 20)),
        )
        async with app.run_test(size=(110, 40)) as pilot:
            done = await pictures_done(pilot, app)
            assert (done.drawn, done.failed) == (3, 0)
            kinds = {
                type(p.query_one(".picture-image")).__name__ for p in app.reading.article.pictures
            }
            assert kinds == {widget}
            await pilot.press("j", "j", "i")
            await wait_until(pilot, lambda: not app.reading.article.pictures)
            assert app.is_running
    capfd.readouterr()


async def test_pictures_follow_the_pane_when_the_terminal_narrows(tmp_path: Path) -> None:
    with LoopbackServer() as server:
        serve_good_story(server)
        app = make_app(tmp_path, server.url(STORY), prefetch=0)
        async with app.run_test(size=(110, 40)) as pilot:
            await pictures_done(pilot, app)
            boats = places(app)["boats.jpg"].query_one(".picture-image")
            assert boats.styles.width is not None and boats.styles.width.value == 40
            await pilot.resize_terminal(40, 30)
            body = app.reading.article.body

            def fits() -> bool:
                width = body.content_size.width
                return all(
                    p.query_one(".picture-image").outer_size.width <= width
                    for p in app.reading.article.pictures
                )

            await wait_until(pilot, fits)
            assert boats.styles.width.value < 40


async def test_pictures_sharing_one_block_keep_their_order(tmp_path: Path) -> None:
    with LoopbackServer() as server:
        row = "".join(f'<img src="/img/row{n}.png" alt="Boat {n}">' for n in range(3))
        body = f"<p>{row}</p><p>The three boats of the crew, seen from the quay.</p>"
        server.route(STORY, html(story_page("Three boats", body=body)))
        for n in range(3):
            server.route(
                f"/img/row{n}.png", serve(picture("PNG", (60 + n, 40), 30 * n), "image/png")
            )
        app = make_app(tmp_path, server.url(STORY), prefetch=0)
        async with app.run_test(size=(110, 40)) as pilot:
            done = await pictures_done(pilot, app)
            assert (done.drawn, done.failed) == (3, 0)
            body_children = app.reading.article.body.children
            order = [c.url.rsplit("/", 1)[-1] for c in body_children if isinstance(c, StoryPicture)]
            assert order == ["row0.png", "row1.png", "row2.png"]


def _top_block(app: ReaderApp) -> str:
    """The text of the first block in view at the top of the body."""
    article = app.reading.article
    top = int(article.scroll_y) - article.body.virtual_region.y
    for block in article.body.query("MarkdownBlock"):
        region = block.virtual_region
        if region.y <= top < region.y + max(1, region.height) and block.display:
            return str(block.content)[:40]
    return ""


async def test_a_reload_with_pictures_keeps_the_line_being_read(tmp_path: Path) -> None:
    from dataclasses import replace

    from reader.app.messages import StoryLoaded

    with LoopbackServer() as server:
        body = "".join(
            figure(f"/img/p{n}.png", f"Picture {n}", f"Caption {n}.")
            + "".join(f"<p>Paragraph {n}-{k}: the quay, the lamps and the boats, in the"
                      f" winter light, again and again.</p>" for k in range(1, 5))
            for n in range(1, 5)
        )
        server.route(STORY, html(story_page("The harbour in pictures", body=body)))
        for n in range(1, 5):
            server.route(f"/img/p{n}.png", serve(picture("PNG", (320, 180), 40 * n), "image/png"))
        app = make_app(tmp_path, server.url(STORY), prefetch=0)
        async with app.run_test(size=(110, 40)) as pilot:
            done = await pictures_done(pilot, app)
            assert done.drawn == 4
            article = app.reading.article
            # the third paragraph after the third picture, at the top of the view
            target = next(b for b in article.body.query("MarkdownBlock")
                          if str(b.content).startswith("Paragraph 3-3"))
            y = article.body.virtual_region.y + target.virtual_region.y
            article.scroll_to(y=y, animate=False, immediate=True)
            await pilot.pause()
            before = _top_block(app)
            assert before.startswith("Paragraph 3-3")
            story = app.reading.story
            assert story is not None
            app.reading.post_message(StoryLoaded(replace(story), "reload", None))
            await pictures_done(pilot, app)
            await wait_until(pilot, lambda: article.pending_position is None)
            await pilot.pause()
            assert _top_block(app) == before


async def test_pictures_follow_the_pane_when_the_sidebar_is_hidden(tmp_path: Path) -> None:
    with LoopbackServer() as server:
        body = figure("/img/wide.png", "The whole harbour", "From the lighthouse.")
        server.route(STORY, html(story_page("The harbour in pictures", body=body)))
        server.route("/img/wide.png", serve(picture("PNG", (1600, 300), 60), "image/png"))
        app = make_app(tmp_path, server.url(STORY), prefetch=0)
        async with app.run_test(size=(110, 40)) as pilot:
            await pictures_done(pilot, app)
            wide = places(app)["wide.png"].query_one(".picture-image")
            assert wide.styles.width is not None
            before = wide.styles.width.value
            await pilot.press("t")  # the sidebar goes: the body is wider, no terminal resize
            await wait_until(pilot, lambda: wide.styles.width.value > before)
            assert wide.styles.width.value <= app.reading.article.body.content_size.width


async def test_a_picture_the_drawing_library_fails_on_leaves_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the drawing library failed")

    monkeypatch.setattr(StoryPicture, "draw", broken)
    with LoopbackServer() as server:
        serve_good_story(server)
        app = make_app(tmp_path, server.url(STORY), prefetch=0)
        async with app.run_test(size=(110, 40)) as pilot:
            done = await pictures_done(pilot, app)
            assert (done.drawn, done.failed) == (0, 3)
            assert {p.problem for p in places(app).values()} == {"could not be drawn"}

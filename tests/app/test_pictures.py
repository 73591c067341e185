"""Pictures in the story, drawn as half blocks (deterministic) through the real app:
the text first, then the pictures; bad pictures leave the alt text and a quiet note;
`i` turns them off and on; a story read shows its pictures offline."""

from __future__ import annotations

import io
import socket
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from reader.app import ReaderApp
from reader.app.messages import PicturesDone
from reader.app.widgets.picture import StoryPicture
from tests.support.app import make_app, story_page, wait_story, wait_until
from tests.support.httpserver import LoopbackServer, Reply, Request, html

PIL = pytest.importorskip("PIL.Image")

STORY = "/news/2026/04/the-harbour-in-pictures"


def png(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (width, height), colour)
    ImageDraw.Draw(img).rectangle(
        [width // 4, height // 4, width // 2, height // 2], fill=(250, 250, 250)
    )
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def jpeg(width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(out, "JPEG")
    return out.getvalue()


def huge_png_header() -> bytes:
    """A PNG that claims 100,000 x 100,000 pixels (and holds almost nothing)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def figure(src: str, alt: str, caption: str) -> str:
    return f'<figure><img src="{src}" alt="{alt}"><figcaption>{caption}</figcaption></figure>'


def picture(data: bytes, kind: str) -> Any:
    return lambda _req: Reply(body=data, headers={"Content-Type": kind})


def never_answers(sock: socket.socket, _req: Request) -> None:
    sock.recv(1)  # holds the connection open until the client gives up


async def pictures_done(pilot: Pilot[Any], app: ReaderApp) -> PicturesDone:
    seen: list[PicturesDone] = []
    original = app.reading.post_message

    def keep(message: Any) -> bool:
        if isinstance(message, PicturesDone):
            seen.append(message)
        return original(message)

    app.reading.post_message = keep  # type: ignore[method-assign]
    await wait_until(pilot, lambda: seen)
    await pilot.pause()
    return seen[0]


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
    server.route("/img/quay.png", picture(png(320, 180, (20, 60, 120)), "image/png"))
    server.route("/img/diagram.png", picture(png(200, 200, (120, 20, 20)), "image/png"))
    server.route("/img/boats.jpg", picture(jpeg(400, 240), "image/jpeg"))


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
    truncated = jpeg(300, 200)[:400]
    bad = {
        "truncated.jpg": picture(truncated, "image/jpeg"),
        "huge.png": picture(huge_png_header(), "image/png"),
        "page.jpg": html("<html><body>not a picture</body></html>"),
        "missing.jpg": lambda _req: Reply(status=404, body=b"gone"),
        "silent.jpg": lambda _req: Reply(raw=never_answers),
        "drawing.svg": picture(b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml"),
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
        server.route("/img/fine.png", picture(png(120, 80, (0, 120, 0)), "image/png"))
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

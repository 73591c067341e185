"""What a user sees: the reading and library screens at 80x24 and 120x40.

The stories come from a loopback server on a fixed port (so the URL in the header is
the same every run); times on screen are relative ("just now"). Update with
``pytest tests/test_snapshots.py --snapshot-update`` and look at the report.
"""

from __future__ import annotations

import fcntl
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from reader.app import ReaderApp
from tests.support.app import FRONT, ONE, TWO, make_app, serve_site, wait_story, wait_until
from tests.support.httpserver import LoopbackServer

PORT = 48317


@pytest.fixture
def fixed_server() -> Iterator[LoopbackServer]:
    """The site on the fixed port. Other checkouts on this machine run these snapshots on
    the same port at the same time, so runs take turns (a lock file), and wait while a run
    that does not take the lock holds the port (a skip would fail the run anyway: its
    snapshots would go unused)."""
    lock_path = Path(tempfile.gettempdir()) / f"reader-snapshots-{PORT}.lock"
    give_up = time.monotonic() + 600
    with lock_path.open("a") as lock:
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > give_up:
                    pytest.fail(f"another run held {lock_path} for ten minutes")
                time.sleep(0.1)
        while True:
            try:
                srv = LoopbackServer(port=PORT)
                break
            except OSError:
                if time.monotonic() > give_up:
                    pytest.fail(f"port {PORT} on 127.0.0.1 stayed taken for ten minutes")
                time.sleep(0.2)
        with srv:
            serve_site(srv)
            yield srv


def reading_app(tmp_path: Path, server: LoopbackServer) -> tuple[ReaderApp, Any]:
    app = make_app(tmp_path, server.url(FRONT), prefetch=0)

    async def ready(pilot: Pilot[Any]) -> None:
        await wait_story(pilot, app, FRONT)
        await pilot.pause(0.2)

    return app, ready


def library_app(tmp_path: Path, server: LoopbackServer) -> tuple[ReaderApp, Any]:
    app = make_app(tmp_path, server.url(TWO), prefetch=0)

    async def ready(pilot: Pilot[Any]) -> None:
        await wait_story(pilot, app, TWO)
        app.reading.open_target(server.url(ONE))
        await wait_story(pilot, app, ONE)
        await pilot.press("L")
        await wait_until(pilot, lambda: app.screen.id == "library")
        await pilot.pause(0.2)

    return app, ready


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_reading_screen(
    snap_compare: Any, fixed_server: LoopbackServer, tmp_path: Path, size: tuple[int, int]
) -> None:
    app, ready = reading_app(tmp_path, fixed_server)
    assert snap_compare(app, terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_library_screen(
    snap_compare: Any, fixed_server: LoopbackServer, tmp_path: Path, size: tuple[int, int]
) -> None:
    app, ready = library_app(tmp_path, fixed_server)
    assert snap_compare(app, terminal_size=size, run_before=ready)


def test_narrow_reading_screen_with_teasers_shown(
    snap_compare: Any, fixed_server: LoopbackServer, tmp_path: Path
) -> None:
    app, ready = reading_app(tmp_path, fixed_server)

    async def then_show(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        await pilot.press("t")
        await pilot.pause(0.1)

    assert snap_compare(app, terminal_size=(80, 24), run_before=then_show)


PICTURE_STORY = "/news/2026/03/the-quay-drawn-in-half-blocks"


def test_reading_screen_with_pictures(
    snap_compare: Any, fixed_server: LoopbackServer, tmp_path: Path
) -> None:
    """A lead picture and a diagram, drawn as half blocks, with their captions."""
    from tests.support.app import story_page
    from tests.support.httpserver import html
    from tests.support.pictures import figure, picture, pictures_done, serve

    body = figure("/img/quay.png", "The quay at dawn", "The quay before the first ferry.")
    body += "<p>The lamps went off at six, as the winter rule says.</p>"
    body += figure("/img/plan.png", "", "The plan of the new pontoon.")
    fixed_server.route(PICTURE_STORY, html(story_page("The quay in pictures", body=body)))
    fixed_server.route("/img/quay.png", serve(picture("PNG", (240, 120), 20), "image/png"))
    fixed_server.route("/img/plan.png", serve(picture("PNG", (160, 160), 200), "image/png"))
    app = make_app(tmp_path, fixed_server.url(PICTURE_STORY), prefetch=0)

    async def ready(pilot: Pilot[Any]) -> None:
        await pictures_done(pilot, app)
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=(100, 40), run_before=ready)

"""The library screen: recent stories, continue reading, search, open, empty state."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Label

from reader.app.widgets.story_list import StoryList, snippet_text
from tests.support.app import (
    ONE,
    THREE,
    TITLES,
    TWO,
    make_app,
    serve_site,
    wait_story,
    wait_until,
)
from tests.support.httpserver import LoopbackServer


async def test_empty_library_says_what_to_do(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.screen.id == "library")
        status = str(app.screen.query_one("#library-status", Label).render())
        assert "empty" in status
        assert "ctrl+l" in status
        assert app.screen.query_one(StoryList).option_count == 0
        await pilot.press("escape")  # nothing behind it: stays
        assert app.screen.id == "library"
        await pilot.press("q")
    assert app.return_value == 0


async def test_library_lists_recent_first_and_continues_the_last(
    server: LoopbackServer, tmp_path: Path
) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(ONE))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, ONE)
        app.reading.open_target(server.url(TWO))
        await wait_story(pilot, app, TWO)
        for _ in range(6):
            await pilot.press("j")
        await pilot.press("q")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.screen.id == "library")
        rows = app.screen.query_one(StoryList).rows
        assert [r.url for r in rows[:2]] == [server.url(TWO), server.url(ONE)]
        prompt = app.screen.query_one(StoryList).get_option_at_index(0).prompt
        assert str(prompt).startswith("Continue reading: ")
        await pilot.press("enter")
        await wait_story(pilot, app, TWO)
        await wait_until(pilot, lambda: app.reading.article.scroll_y == 6)


async def test_search_shows_snippets_and_opens(server: LoopbackServer, tmp_path: Path) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(ONE))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, ONE)
        app.reading.open_target(server.url(THREE))
        await wait_story(pilot, app, THREE)
        await pilot.press("L")
        await wait_until(pilot, lambda: app.screen.id == "library")
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"lamps", "enter")
        story_list = app.screen.query_one(StoryList)
        await wait_until(pilot, lambda: bool(story_list.rows))
        assert story_list.rows[0].url == server.url(THREE)
        assert "«" in story_list.rows[0].snippet
        await pilot.press("escape")  # clears the search
        assert len(story_list.rows) == 2
        await pilot.press("slash", *"zebracorn", "enter")
        status = str(app.screen.query_one("#library-status", Label).render())
        assert "Nothing" in status
        await pilot.press("escape", "escape")
        await wait_until(pilot, lambda: app.screen is app.reading)
        assert app.reading.title.startswith(TITLES[THREE])


def test_snippet_marks_become_highlights_not_markup() -> None:
    text = snippet_text("a «quay» and [bold]x[/bold] «lamp")
    assert text.plain == "a quay and [bold]x[/bold] lamp"
    styled = [text.plain[s.start : s.end] for s in text.spans]
    assert styled == ["quay", "lamp"]


async def test_a_url_typed_in_the_library_opens_and_the_library_comes_back(
    server: LoopbackServer, tmp_path: Path
) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(ONE))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, ONE)
        await pilot.press("L")
        await wait_until(pilot, lambda: app.screen.id == "library")
        await pilot.press("ctrl+l", *server.url(TWO), "enter")
        await wait_story(pilot, app, TWO)
        assert app.screen is app.reading  # the library and the URL box are gone
        await pilot.press("L")  # and the library opens again
        await wait_until(pilot, lambda: app.screen.id == "library")
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is app.reading)

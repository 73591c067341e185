"""Every key of the reading screen, driven through Textual's Pilot on the real stack."""

from __future__ import annotations

import itertools
import stat
from pathlib import Path

from textual.command import CommandList
from textual.widgets import Input, Markdown
from textual.widgets.markdown import MarkdownBlock

from reader.app import ReaderApp
from reader.app.screens.help import HelpScreen, bindings_table
from reader.app.screens.hints import HintsScreen
from reader.app.screens.open_url import OpenUrlScreen
from reader.app.widgets.article_view import block_text
from tests.support.app import (
    CHAIN,
    FOUR,
    FRONT,
    ONE,
    THREE,
    TITLES,
    TWO,
    make_app,
    notes,
    serve_site,
    story_path,
    wait_story,
    wait_until,
)
from tests.support.httpserver import LoopbackServer


async def test_scroll_keys(server: LoopbackServer, tmp_path: Path) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(FRONT))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_story(pilot, app, FRONT)
        view = app.reading.article
        height = view.size.height
        await pilot.press("j", "j", "down")
        assert view.scroll_y == 3
        await pilot.press("k", "up")
        assert view.scroll_y == 1
        await pilot.press("d")
        assert view.scroll_y == 1 + height // 2
        await pilot.press("u")
        assert view.scroll_y == 1
        await pilot.press("space")
        assert view.scroll_y == 1 + height
        await pilot.press("b")
        assert view.scroll_y == 1
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y > 0
        await pilot.press("g")
        assert view.scroll_y == 0


async def test_three_teasers_then_back_twice_keeps_positions(
    server: LoopbackServer, tmp_path: Path
) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(FRONT))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        screen = app.reading
        assert screen.check_action("back", ()) is None
        assert screen.check_action("forward", ()) is None
        offsets = {FRONT: 4, ONE: 7, TWO: 10}
        for here, there in itertools.pairwise(CHAIN[:4]):
            for _ in range(offsets[here]):
                await pilot.press("j")
            await pilot.press("1")
            await wait_story(pilot, app, there)
            assert screen.article.scroll_y == 0
        assert screen.check_action("back", ()) is True
        await pilot.press("backspace")
        await wait_story(pilot, app, TWO)
        await wait_until(pilot, lambda: screen.article.scroll_y == 10)
        await pilot.press("h")
        await wait_story(pilot, app, ONE)
        await wait_until(pilot, lambda: screen.article.scroll_y == 7)
        await pilot.press("l")
        await wait_story(pilot, app, TWO)
        await wait_until(pilot, lambda: screen.article.scroll_y == 10)
        await pilot.press("alt+left", "alt+left")
        await wait_story(pilot, app, FRONT)
        await wait_until(pilot, lambda: screen.article.scroll_y == 4)


async def test_back_at_the_start_does_nothing(server: LoopbackServer, tmp_path: Path) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(FRONT))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        hits = server.hits[FRONT]
        await pilot.press("h", "backspace", "alt+left", "l", "alt+right")
        await app.workers.wait_for_complete()  # whatever the keys started has finished
        await pilot.pause()
        assert story_path(app) == FRONT
        assert not app.reading.article.loading
        assert server.hits[FRONT] == hits
        assert len(app.reading.history) == 1


async def test_enter_and_click_open_the_selected_teaser(
    server: LoopbackServer, tmp_path: Path
) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(FRONT))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        teasers = app.reading.teasers
        await pilot.press("tab")
        assert app.focused is teasers
        expected = teasers.url_at(1)
        assert expected is not None
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: current_url(app) == expected)
        await pilot.press("shift+tab")
        await wait_until(pilot, lambda: app.focused is not teasers)
        first = teasers.url_at(0)
        assert first is not None
        await pilot.click(teasers, offset=(8, 1))
        await wait_until(pilot, lambda: current_url(app) == first)


def highlighted_command(app: ReaderApp) -> str:
    """The prompt of the command the palette would run on enter ("" while none)."""
    found = app.screen.query(CommandList)
    if not found or found.first().highlighted is None:
        return ""
    commands = found.first()
    return str(commands.get_option_at_index(commands.highlighted).prompt)


def current_url(app: ReaderApp) -> str | None:
    return app.reading.story.url if app.reading.story else None


async def test_link_hints_open_a_body_link(server: LoopbackServer, tmp_path: Path) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(ONE))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, ONE)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, HintsScreen))
        hints = app.screen
        assert isinstance(hints, HintsScreen)
        urls = [link.url for link in hints.links]
        assert server.url(TWO) in urls
        await pilot.press("escape")
        assert not isinstance(app.screen, HintsScreen)
        assert story_path(app) == ONE
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, HintsScreen))
        hints = app.screen
        assert isinstance(hints, HintsScreen)
        label = hints.labels[urls.index(server.url(TWO))]
        await pilot.press(*label)
        await wait_story(pilot, app, TWO)


async def test_body_links_open_in_the_app_and_only_http(
    server: LoopbackServer, tmp_path: Path
) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(ONE))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, ONE)
        md = app.reading.article.query_one(Markdown)
        md.post_message(Markdown.LinkClicked(md, "mailto:desk@example.org"))
        await wait_until(pilot, lambda: any("only http" in n for n in notes(app)))
        assert story_path(app) == ONE
        md.post_message(Markdown.LinkClicked(md, THREE))
        await wait_story(pilot, app, THREE)


async def test_find_next_and_previous(server: LoopbackServer, tmp_path: Path) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(FRONT))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        view = app.reading.article
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"part 2", "enter")
        # "part 2", "part 20".."part 24": six paragraphs
        assert len(view.body.query(".-match")) == 6
        assert "1 of 6" in str(app.reading.query_one("#find-count").render())

        def current() -> MarkdownBlock:
            block = view.body.query_one(".-current-match", MarkdownBlock)
            top = view.scroll_y
            assert top <= block.virtual_region.y < top + view.size.height
            return block

        first = current()
        assert "part 2." in block_text(first)
        await pilot.press("n")
        second = current()
        assert "part 20." in block_text(second)
        await pilot.press("N")
        assert current() is first
        await pilot.press("N")
        assert "part 24." in block_text(current())  # wrapped round to the last match
        label = str(app.reading.query_one("#find-count").render())
        assert "6 of 6" in label
        await pilot.press("escape")
        assert len(view.body.query(".-match")) == 0
        assert not app.reading.query_one("#find-bar").has_class("-open")


async def test_save_as_markdown(server: LoopbackServer, tmp_path: Path) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(FRONT))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        await pilot.press("s")
        await wait_until(pilot, lambda: any("Saved to" in n for n in notes(app)))
    saved = list((tmp_path / "saved").glob("*.md"))
    assert len(saved) == 1
    assert "part 3." in saved[0].read_text(encoding="utf-8")
    assert str(saved[0]) in " ".join(notes(app))


async def test_reload_fetches_again(server: LoopbackServer, tmp_path: Path) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(FRONT))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        await pilot.press("j", "j")
        hits = server.hits[FRONT]
        await pilot.press("r")
        await wait_until(pilot, lambda: server.hits[FRONT] > hits)
        await wait_story(pilot, app, FRONT)
        assert app.reading.article.scroll_y == 2


async def test_open_in_browser_uses_the_browser_variable(
    server: LoopbackServer, tmp_path: Path, monkeypatch: object
) -> None:
    import webbrowser

    out = tmp_path / "opened.txt"
    script = tmp_path / "browser.sh"
    script.write_text(f'#!/bin/sh\necho "$1" > {out}\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("BROWSER", str(script))  # type: ignore[attr-defined]
    monkeypatch.setattr(webbrowser, "_tryorder", None)  # type: ignore[attr-defined]
    serve_site(server)
    app = make_app(tmp_path, server.url(FRONT))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        await pilot.press("o")
        await wait_until(pilot, lambda: out.exists() and out.read_text().strip() != "")
    assert out.read_text().strip() == server.url(FRONT)


async def test_open_url_with_ctrl_l_and_colon(server: LoopbackServer, tmp_path: Path) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(FRONT))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, OpenUrlScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, OpenUrlScreen)
        await pilot.press("colon")
        assert isinstance(app.screen, OpenUrlScreen)
        app.screen.query_one(Input).value = server.url(FOUR)
        await pilot.press("enter")
        await wait_story(pilot, app, FOUR)
        assert app.reading.title.startswith(TITLES[FOUR])


async def test_keymap_from_the_config_remaps_back(
    server: LoopbackServer, tmp_path: Path
) -> None:
    serve_site(server)
    keymap = {"back": "x", "hints": "z", "no-such-action": "y"}
    app = make_app(tmp_path, server.url(ONE), keymap=keymap)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, ONE)
        assert any("no-such-action" in n for n in notes(app))
        app.reading.open_target(server.url(TWO))
        await wait_story(pilot, app, TWO)
        await pilot.press("h")  # no longer bound
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert story_path(app) == TWO
        await pilot.press("x")
        await wait_story(pilot, app, ONE)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = bindings_table(app.reading)
        ids = [str(i) for i in rows.columns[2].cells]
        keys = [str(k) for k in rows.columns[0].cells]
        assert keys[ids.index("back")] == "x"
        assert keys[ids.index("hints")] == "z"
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_help_lists_live_bindings(server: LoopbackServer, tmp_path: Path) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(ONE), keymap={"reload": "R"})
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, ONE)
        rows = bindings_table(app.reading)
        keys = list(rows.columns[0].cells)
        ids = list(rows.columns[2].cells)
        assert str(keys[[str(i) for i in ids].index("reload")]) == "R"
        assert str(keys[[str(i) for i in ids].index("back")]).startswith("⌫")
        assert str(keys[[str(i) for i in ids].index("pictures")]) == "i"
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.screen is app.reading


async def test_command_palette_runs_actions(server: LoopbackServer, tmp_path: Path) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(ONE))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, ONE)
        await pilot.press("ctrl+p")
        await pilot.press(*"Library")
        # the palette searches in the background: wait for its answer, however slow
        await wait_until(pilot, lambda: "Library" in highlighted_command(app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen.id == "library")


async def test_narrow_terminal_hides_the_sidebar_behind_t(
    server: LoopbackServer, tmp_path: Path
) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(FRONT))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_story(pilot, app, FRONT)
        teasers = app.reading.teasers
        sidebar = app.reading.query_one("#sidebar")
        assert app.reading.has_class("-narrow")
        assert not sidebar.display
        await pilot.press("t")
        assert sidebar.display
        assert app.focused is teasers
        await pilot.press("escape")
        assert not sidebar.display
        assert app.focused is app.reading.article


async def test_quit_with_q(server: LoopbackServer, tmp_path: Path) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(FRONT))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == 0


async def test_typing_in_an_input_never_triggers_keys(
    server: LoopbackServer, tmp_path: Path
) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(FRONT))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        await pilot.press("slash", "q", "L", "h", "f", "s")
        assert app.is_running
        assert app.screen is app.reading
        assert app.reading.query_one("#find-input", Input).value == "qLhfs"
        assert not list((tmp_path / "saved").glob("*.md"))
        await pilot.press("escape")
        await pilot.press("colon", "q")
        assert isinstance(app.screen, OpenUrlScreen)
        assert app.screen.query_one(Input).value == "q"
        await pilot.press("escape", "q")
    assert app.return_value == 0


async def test_clicking_a_body_link_opens_it_in_the_app(
    server: LoopbackServer, tmp_path: Path
) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(ONE))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, ONE)
        body = app.reading.article.body
        block = next(
            b for b in body.query(MarkdownBlock) if "the gulls and the tide table" in block_text(b)
        )
        region = block.region
        spot = next(
            (x, y)
            for y in range(region.y, region.bottom)
            for x in range(region.x, region.right)
            if "@click" in app.screen.get_style_at(x, y).meta
        )
        await pilot.click(offset=spot)
        await wait_story(pilot, app, TWO)
        assert app.is_running

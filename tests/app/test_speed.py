"""What keeps start-up and switching stories light: each block of a story is styled once
when it arrives, and focus moving between the panes restyles the panes, not the story."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.widgets.markdown import MarkdownBlock

from tests.support.app import (
    FRONT,
    ONE,
    make_app,
    notes,
    serve_site,
    story_page,
    wait_story,
    wait_until,
)
from tests.support.httpserver import LoopbackServer, Reply, held


def count_styling(monkeypatch: pytest.MonkeyPatch) -> Counter[int]:
    """How many times each Markdown block is styled (by id of the node)."""
    styled: Counter[int] = Counter()
    apply = Stylesheet.apply

    def counting(self: Stylesheet, node: DOMNode, *args: Any, **kwargs: Any) -> None:
        if isinstance(node, MarkdownBlock):
            styled[id(node)] += 1
        apply(self, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", counting)
    return styled


async def test_the_first_story_is_styled_once(
    server: LoopbackServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(FRONT), prefetch=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
    app = make_app(tmp_path, server.url(FRONT), offline=True)
    styled = count_styling(monkeypatch)  # from the start of the app
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        blocks = list(app.reading.article.body.query(MarkdownBlock))
        assert len(blocks) > 20
        assert max(styled[id(b)] for b in blocks) == 1


async def test_tab_changes_the_panes_look_without_restyling_the_story(
    server: LoopbackServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(FRONT), prefetch=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        article = app.reading.article
        assert article.has_focus
        focused_tint = article.styles.background_tint
        assert focused_tint.a > 0  # #article:focus
        styled = count_styling(monkeypatch)
        await pilot.press("tab")
        await wait_until(pilot, lambda: app.reading.teasers.has_focus)
        assert article.styles.background_tint.a == 0
        await pilot.press("shift+tab")
        await wait_until(pilot, lambda: article.has_focus)
        assert article.styles.background_tint == focused_tint
        assert not styled  # no block of the story was styled again


async def test_switching_stories_styles_each_new_block_once(
    server: LoopbackServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_site(server)
    app = make_app(tmp_path, server.url(FRONT), prefetch=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_story(pilot, app, FRONT)
        styled = count_styling(monkeypatch)
        await pilot.press("1")
        await wait_story(pilot, app, ONE)
        blocks = list(app.reading.article.body.query(MarkdownBlock))
        assert blocks and max(styled[id(b)] for b in blocks) == 1


async def test_the_pane_stays_blank_until_the_first_story_arrives_or_fails(
    server: LoopbackServer, tmp_path: Path
) -> None:
    page = story_page("Slow tide").encode()
    answer = threading.Event()  # the page arrives when the test says so
    server.route("/slow", held(answer, Reply(body=page)))
    app = make_app(tmp_path, server.url("/slow"), prefetch=0)
    async with app.run_test(size=(120, 40)) as pilot:
        empty = app.reading.query_one("#article-empty")
        try:
            await wait_until(pilot, lambda: server.hits["/slow"] == 1)
            await pilot.pause()
            assert not empty.display  # no "No story open" while it is on its way
        finally:
            answer.set()
        await wait_story(pilot, app, "/slow")
        assert not empty.display
    app = make_app(tmp_path, server.url("/missing"), offline=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(notes(app)))
        assert app.reading.query_one("#article-empty").display  # failed: the hint shows

"""Shared pieces for the app tests: a small fictional site, a config, waiting helpers.

The site is served by the real loopback server; the app runs with the real library,
fetch layer and a cache in the test's temporary folder. No test here (helpers only).
"""

from __future__ import annotations

import asyncio
import html as htmllib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from reader.app import ReaderApp
from reader.config import Config
from tests.support.httpserver import LoopbackServer, html

WORDS = (
    "The tide tables pinned inside the harbour office were out by a quarter of an hour, "
    "and nobody had noticed until the morning ferry waited for water that was not there. "
    "Fishermen on the north quay said the gulls had known for a week."
)


def paragraphs(topic: str, count: int) -> str:
    return "".join(
        f"<p>{htmllib.escape(topic)}, part {i + 1}. {WORDS}</p>\n" for i in range(count)
    )


def story_page(
    title: str,
    *,
    body: str = "",
    related: list[tuple[str, str, str]] | None = None,
    count: int = 24,
) -> str:
    """A plain news page: an <article> with a headline, byline, time, paragraphs, and an
    aside of related stories (path, headline, summary)."""
    aside = ""
    if related:
        items = "".join(
            f'<li><a href="{path}"><h3>{htmllib.escape(head)}</h3></a>'
            f"<p>{htmllib.escape(summary)}</p></li>"
            for path, head, summary in related
        )
        aside = f'<aside class="related"><h2>Related stories</h2><ul>{items}</ul></aside>'
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "author": {"@type": "Person", "name": "Morwenna Tallis"},
            "datePublished": "2026-03-14T09:30:00+00:00",
            "publisher": {"@type": "Organization", "name": "Quayside Post"},
        }
    ).replace("<", "\\u003c")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{htmllib.escape(title)} | Quayside Post</title>
<meta property="og:site_name" content="Quayside Post">
<meta property="og:title" content="{htmllib.escape(title)}">
<meta name="author" content="Morwenna Tallis">
<script type="application/ld+json">{ld}</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article>
<h1>{htmllib.escape(title)}</h1>
<p class="byline">By <span class="author">Morwenna Tallis</span></p>
<time datetime="2026-03-14T09:30:00+00:00">14 March 2026</time>
{body}
{paragraphs(title, count)}
</article>
{aside}
</main><footer><p>Quayside Post, 3 Harbour Row</p></footer></body></html>"""


FRONT = "/news/2026/03/harbour-clock-runs-fifteen-minutes-slow"
ONE = "/news/2026/03/ferry-timetable-rewritten-overnight"
TWO = "/news/2026/03/gulls-blamed-for-missing-tide-table"
THREE = "/news/2026/03/quay-lamps-switched-to-winter-hours"
FOUR = "/news/2026/03/lifeboat-crew-rehearse-in-the-fog"
CHAIN = [FRONT, ONE, TWO, THREE, FOUR]
TITLES = {
    FRONT: "Harbour clock runs fifteen minutes slow",
    ONE: "Ferry timetable rewritten overnight",
    TWO: "Gulls blamed for missing tide table",
    THREE: "Quay lamps switched to winter hours",
    FOUR: "Lifeboat crew rehearse in the fog",
}


def chain_related(path: str) -> list[tuple[str, str, str]]:
    """Each story's first teaser is the next story of the chain, then the others."""
    i = CHAIN.index(path)
    order = CHAIN[i + 1 :] + CHAIN[:i]
    return [(p, TITLES[p], f"What happened next: {TITLES[p].lower()}.") for p in order]


def serve_site(server: LoopbackServer) -> None:
    """The chain of five stories, each linking to the others."""
    for path in CHAIN:
        # one in-body link, on the story whose next story it is anyway
        body = (
            "<p>The harbour office has promised new tables by Friday. As the story of "
            f'<a href="{TWO}">the gulls and the tide table</a> showed last week, the '
            "quay has its own ways of telling the time, and the ferry crew trust them.</p>"
        )
        body = body if path == ONE else ""
        server.route(path, html(story_page(TITLES[path], body=body, related=chain_related(path))))


def make_config(tmp_path: Path, **changes: Any) -> Config:
    cfg = Config(cache_dir=tmp_path / "cache", save_dir=tmp_path / "saved", prefetch=4)
    return replace(cfg, **changes)


def make_app(
    tmp_path: Path, target: str | None = None, *, offline: bool = False, **changes: Any
) -> ReaderApp:
    return ReaderApp(make_config(tmp_path, **changes), target=target, offline=offline)


WAIT_S = 60.0
"""How long ``wait_until`` lets the app run before it gives up: far beyond what anything
takes on a busy machine, so only something that never happens fails. No test depends on
how soon a thing happens."""


async def wait_until(
    pilot: Pilot[Any], check: Callable[[], object], timeout: float = WAIT_S
) -> None:
    """Let the app run until ``check()`` is true (fails the test after ``timeout``)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            code = getattr(check, "__code__", None)
            where = f"{Path(code.co_filename).name}:{code.co_firstlineno}" if code else check
            raise AssertionError(f"waited {timeout:g} s and the condition at {where} never held")
        await pilot.pause(0.02)
    await pilot.pause()


def story_path(app: ReaderApp) -> str | None:
    story = app.reading.story
    if story is None:
        return None
    return "/" + story.url.split("/", 3)[-1] if story.url.count("/") >= 3 else story.url


async def wait_story(pilot: Pilot[Any], app: ReaderApp, path: str) -> None:
    """Wait until the story at ``path`` is on screen and its position restored."""
    try:
        await wait_until(
            pilot, lambda: story_path(app) == path and not app.reading.busy
        )
    except AssertionError:
        shown = story_path(app)
        seen = notes(app)
        raise AssertionError(f"waited for {path}; on screen: {shown}; notes: {seen}") from None
    await pilot.pause(0.05)


@dataclass(frozen=True)
class Posted:
    message: str
    severity: str


def keep_every_notification(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, every ``ReaderApp`` keeps each notification it posts (see ``notes``)."""
    post = ReaderApp.notify

    def notify(self: ReaderApp, message: str, **options: Any) -> None:
        posted = self.__dict__.setdefault("_posted_in_tests", [])
        posted.append(Posted(message, options.get("severity", "information")))
        post(self, message, **options)

    monkeypatch.setattr(ReaderApp, "notify", notify)


def posted(app: ReaderApp) -> list[Posted]:
    """Every notification the app posted, in order, whether or not it is still on screen:
    a toast leaves after a few seconds, and on a busy machine a test may look later."""
    return list(app.__dict__.get("_posted_in_tests", ()))


def notes(app: ReaderApp) -> list[str]:
    return [n.message for n in posted(app)]


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause(0.05)
    await asyncio.sleep(0)

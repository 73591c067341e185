"""Pictures of stories fetched in the background (prefetched teasers, subscriptions' new
stories) are stored within the per-story budget: lead picture first, then in order, a
picture that would pass the budget skipped; none with a budget of 0 or offline."""

from __future__ import annotations

import html as htmllib
from dataclasses import replace
from pathlib import Path

import pytest

from reader.config import Config, size_label
from reader.library import Library
from reader.model import Article, Teaser
from tests.support.feeds import Entry, feed_file, rss
from tests.support.httpserver import LoopbackServer
from tests.support.library import PARAGRAPHS, page, story_html
from tests.support.pictures import noisy_png, picture, serve


def picture_page(title: str, lead: str, figures: list[str]) -> str:
    """A story page with an og:image lead picture and figures inside the story."""
    t = htmllib.escape(title)
    paragraphs = "\n".join(f"<p>{htmllib.escape(p)}</p>" for p in PARAGRAPHS)
    figs = "\n".join(
        f'<figure><img src="{src}" alt="Figure {n}"><figcaption>The pier at dawn, seen '
        f"from the breakwater, number {n}.</figcaption></figure>"
        f"<p>{htmllib.escape(PARAGRAPHS[n % 4])}</p>"
        for n, src in enumerate(figures)
    )
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{t}</title>
<meta property="og:title" content="{t}"><meta property="og:image" content="{lead}">
</head><body><main><article><h1>{t}</h1>{paragraphs}{figs}</article></main></body></html>"""


def png_route(server: LoopbackServer, path: str, data: bytes) -> str:
    server.route(path, serve(data, "image/png"))
    return server.url(path)


async def test_the_budget_keeps_the_lead_and_skips_what_would_pass_it(
    server: LoopbackServer, tmp_path: Path
) -> None:
    lead, big, small = noisy_png(420, 420, 1), noisy_png(520, 520, 2), noisy_png(300, 300, 3)
    assert len(big) > len(lead) > len(small)
    budget = len(lead) + len(small) + 1000  # the lead and the small one, not the big one
    urls = [png_route(server, f"/p/{name}.png", data)
            for name, data in (("lead", lead), ("big", big), ("small", small))]
    server.route("/story", page(story_html("Breakwater repairs begin")))
    lib = Library(Config(cache_dir=tmp_path / "cache", picture_budget=budget))
    try:
        story = await lib.open(server.url("/story"))
        article = Article(
            title="Breakwater repairs begin",
            lead_image=urls[0],
            markdown=f"Text.\n\n![big]({urls[1]})\n\n![small]({urls[2]})\n\n![lead]({urls[0]})",
            text="Text.",
        )
        kept = await lib.pictures.keep(lib.cache, story.url, article)
        stored = {u: lib.cache.picture(u) is not None for u in urls}
        picture_bytes = lib.cache.picture_bytes(story.url)
    finally:
        await lib.aclose()
    assert kept == picture_bytes == len(lead) + len(small)
    assert stored == {urls[0]: True, urls[1]: False, urls[2]: True}
    assert server.hits["/p/lead.png"] == 1  # named twice, fetched once


async def test_a_budget_of_zero_or_offline_fetches_no_picture(
    server: LoopbackServer, tmp_path: Path
) -> None:
    url = png_route(server, "/p/a.png", picture("PNG"))
    article = Article(title="x", lead_image=url, markdown=f"![a]({url})", text="x")
    server.route("/story", page(story_html("Harbour lights")))
    for cfg, offline in (
        (Config(cache_dir=tmp_path / "c1", picture_budget=0), False),
        (Config(cache_dir=tmp_path / "c2"), True),
    ):
        lib = Library(cfg, offline=offline)
        try:
            assert await lib.pictures.keep(lib.cache, server.url("/story"), article) == 0
        finally:
            await lib.aclose()
    assert server.hits["/p/a.png"] == 0


async def test_prefetched_teasers_keep_their_pictures_for_offline_reading(
    server: LoopbackServer, tmp_path: Path
) -> None:
    lead = png_route(server, "/p/lead.png", picture("PNG", (80, 40)))
    fig = png_route(server, "/p/fig.png", picture("PNG", (60, 40), colour=10))
    server.route("/p/fig.jpg", serve(picture("JPEG", (60, 40))))
    server.route("/front", page(story_html("Front story")))
    server.route("/teaser", page(picture_page("Gulls return", lead, [fig])))
    config = Config(cache_dir=tmp_path / "cache")
    lib = Library(config)
    try:
        story = await lib.open(server.url("/front"))
        lib.cache.put_teasers(story.url, [Teaser(server.url("/teaser"), "Gulls", kind="related")])
        await lib.prefetch(story)
        teaser = lib.cached(server.url("/teaser"))
        assert teaser is not None
        expected = lib.story_pictures(teaser)
    finally:
        await lib.aclose()
    assert expected[0] == lead
    offline = Library(config, offline=True)
    try:
        got = [await offline.picture(u, story_url=teaser.url) for u in expected]
    finally:
        await offline.aclose()
    assert all(p.data is not None for p in got), got
    assert server.hits["/p/lead.png"] == 1


async def test_a_refresh_keeps_new_stories_pictures_within_the_budget(
    server: LoopbackServer, tmp_path: Path
) -> None:
    lead = png_route(server, "/p/lead.png", picture("PNG", (80, 40)))
    server.route("/s/1", page(picture_page("Ferry returns", lead, [])))
    feed = rss("Harbour", [Entry("Ferry returns", server.url("/s/1"))])
    server.route("/feed.xml", feed_file(feed))
    for budget, hits in ((0, 0), (2_000_000, 1)):
        cfg = Config(cache_dir=tmp_path / f"cache{budget}", picture_budget=budget)
        lib = Library(cfg)
        try:
            await lib.feeds.add(server.url("/feed.xml"))
            result = await lib.feeds.refresh()
            assert result.progress.stories_stored == 1
            stored = lib.cache.picture(lead)
        finally:
            await lib.aclose()
        assert (stored is not None) == bool(budget)
        assert server.hits["/p/lead.png"] == hits


async def test_a_picture_over_the_cap_is_skipped_in_the_background(
    server: LoopbackServer, tmp_path: Path
) -> None:
    big, small = noisy_png(200, 200, 4), picture("PNG", (20, 20))
    urls = [png_route(server, "/p/big.png", big), png_route(server, "/p/small.png", small)]
    server.route("/story", page(story_html("Harbour lights")))
    cfg = replace(Config(cache_dir=tmp_path / "cache"), max_picture_bytes=len(big) - 1)
    lib = Library(cfg)
    try:
        story = await lib.open(server.url("/story"))
        article = Article(title="x", lead_image=urls[0], markdown=f"![s]({urls[1]})", text="x")
        assert await lib.pictures.keep(lib.cache, story.url, article) == len(small)
        over = await lib.picture(urls[0], story_url=story.url)
    finally:
        await lib.aclose()
    assert over.problem == f"too large (over {size_label(len(big) - 1)})"


def test_the_picture_settings_are_read_from_the_config_file(tmp_path: Path) -> None:
    from reader.config import MAX_PICTURE_BYTES, PICTURE_BUDGET, load_config
    from reader.errors import UsageError

    assert (MAX_PICTURE_BYTES, PICTURE_BUDGET) == (5_000_000, 2_000_000)
    path = tmp_path / "config.toml"
    path.write_text("max_picture_bytes = 3_000_000\npicture_budget = 0\n")
    cfg = load_config(path, tmp_path / "cache")
    assert (cfg.max_picture_bytes, cfg.picture_budget, cfg.warnings) == (3_000_000, 0, ())
    for wrong in ("picture_budget = -1\n", 'max_picture_bytes = "5 MB"\n'):
        path.write_text(wrong)
        with pytest.raises(UsageError):
            load_config(path, tmp_path / "cache")


async def test_a_picture_already_stored_is_linked_not_fetched_and_counts(
    server: LoopbackServer, tmp_path: Path
) -> None:
    shared, other = noisy_png(100, 100, 5), noisy_png(100, 100, 6)
    urls = [png_route(server, "/p/shared.png", shared), png_route(server, "/p/other.png", other)]
    server.route("/one", page(story_html("First story")))
    server.route("/two", page(story_html("Second story")))
    lib = Library(Config(cache_dir=tmp_path / "cache", picture_budget=len(shared) + 10))
    try:
        one, two = await lib.open(server.url("/one")), await lib.open(server.url("/two"))
        assert (await lib.picture(urls[0], story_url=one.url)).data == shared
        article = Article(title="x", lead_image=urls[0], markdown=f"![o]({urls[1]})", text="x")
        assert await lib.pictures.keep(lib.cache, two.url, article) == len(shared)
        assert lib.cache.picture_bytes(two.url) == len(shared)
        lib.cache.prune(older_than_days=-1)
        assert lib.cache.picture(urls[0]) is None
    finally:
        await lib.aclose()
    assert server.hits["/p/shared.png"] == 1 and server.hits["/p/other.png"] == 1

"""The façade against a real HTTP server on 127.0.0.1 and a real SQLite cache in tmp_path."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from reader.config import Config
from reader.errors import FetchError, NoArticleError, NotCachedError, UsageError
from reader.library import Library, parse_target
from reader.model import Article
from tests.support.httpserver import LoopbackServer, Reply, held
from tests.support.library import EMPTY_PAGE, etagged, page, story_html


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(cache_dir=tmp_path / "cache", save_dir=tmp_path / "saved")


@pytest.fixture
async def lib(config: Config) -> AsyncIterator[Library]:
    library = Library(config)
    yield library
    await library.aclose()


# -- parse_target (no layers needed) ----------------------------------------------------
def test_parse_target_urls_files_and_bare_hosts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert parse_target("https://example.com/a?b=1") == "https://example.com/a?b=1"
    assert parse_target("HTTP://example.com/") == "HTTP://example.com/"
    page_file = tmp_path / "story.html"
    page_file.write_text("<p>hi</p>")
    assert parse_target(str(page_file)) == page_file.resolve().as_uri()
    monkeypatch.chdir(tmp_path)
    assert parse_target("story.html") == page_file.resolve().as_uri()
    assert parse_target("example.com/x") == "https://example.com/x"
    assert parse_target("news.example.co.uk") == "https://news.example.co.uk"
    assert parse_target("127.0.0.1:8080/a") == "https://127.0.0.1:8080/a"


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "   ",
        "nonsense",
        "missing.html",
        "javascript:alert(1)",
        "ftp://example.com/a",
        "data:text/html,hi",
        "two words.com",
    ],
)
def test_parse_target_refuses_the_rest(
    bad: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError):
        parse_target(bad)


def test_parse_target_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="folder"):
        parse_target(str(tmp_path))


# -- opening stories ------------------------------------------------------------------
async def test_open_fetches_extracts_stores_then_revalidates_with_304(
    server: LoopbackServer, lib: Library
) -> None:
    server.route("/tide", etagged(story_html("Tide gauge to be restored"), '"v1"'))
    url = server.url("/tide")
    first = await lib.open(url)
    assert first.url == url and not first.from_cache
    assert first.article.title == "Tide gauge to be restored"
    assert "brass instrument" in first.article.text
    second = await lib.open(url)
    assert second.from_cache and second.article.title == first.article.title
    assert server.hits["/tide"] == 2
    assert server.requests[-1].headers.get("if-none-match") == '"v1"'


async def test_open_replaces_a_story_that_changed(server: LoopbackServer, lib: Library) -> None:
    server.route("/tide", etagged(story_html("First version"), '"a"'))
    url = server.url("/tide")
    await lib.open(url)
    server.route("/tide", etagged(story_html("Second version"), '"b"'))
    again = await lib.open(url)
    assert not again.from_cache and again.article.title == "Second version"


async def test_cached_copy_survives_a_network_failure(config: Config) -> None:
    srv = LoopbackServer().start()
    url = srv.url("/tide")
    srv.route("/tide", page(story_html("Kept for later")))
    lib = Library(config)
    try:
        await lib.open(url)
    finally:
        await lib.aclose()
        srv.stop()
    # A new client: the old one's kept-alive connection could outlive the listener.
    lib = Library(config)
    try:
        story = await lib.open(url)
    finally:
        await lib.aclose()
    assert story.from_cache and story.article.title == "Kept for later"
    assert any("could not refresh" in w for w in story.warnings)


async def test_offline_opens_cached_stories_and_never_the_network(
    server: LoopbackServer, config: Config, lib: Library
) -> None:
    server.route("/tide", page(story_html("Read once")))
    url = server.url("/tide")
    await lib.open(url)
    hits = server.hits["/tide"]
    offline = Library(config, offline=True)
    try:
        story = await offline.open(url)
        assert story.from_cache and story.article.title == "Read once"
        with pytest.raises(NotCachedError, match=r"not in the cache \(offline\): .*/never"):
            await offline.open(server.url("/never"))
    finally:
        await offline.aclose()
    assert server.hits["/tide"] == hits and server.hits["/never"] == 0


async def test_redirected_story_is_keyed_by_final_url_and_found_by_both(
    server: LoopbackServer, config: Config, lib: Library
) -> None:
    server.route("/old", lambda _r: Reply(301, headers={"Location": "/new"}))
    server.route("/new", page(story_html("Moved story")))
    story = await lib.open(server.url("/old"))
    assert story.url == server.url("/new") and story.requested_url == server.url("/old")
    offline = Library(config, offline=True)
    try:
        assert (await offline.open(server.url("/old"))).article.title == "Moved story"
        assert (await offline.open(server.url("/new"))).article.title == "Moved story"
    finally:
        await offline.aclose()


async def test_failures_raise_reader_errors(server: LoopbackServer, lib: Library) -> None:
    server.route("/empty", page(EMPTY_PAGE))
    server.route(
        "/pdf", lambda _r: Reply(body=b"%PDF-1.4 x", headers={"Content-Type": "application/pdf"})
    )
    with pytest.raises(NoArticleError, match="no article found in"):
        await lib.open(server.url("/empty"))
    with pytest.raises(FetchError):
        await lib.open(server.url("/missing"))
    with pytest.raises(FetchError, match=r"(?i)pdf"):
        await lib.open(server.url("/pdf"))


async def test_truncated_page_opens_with_a_warning(server: LoopbackServer, tmp_path: Path) -> None:
    long_paras = tuple(
        f"Paragraph {i} of a very long report on harbour dredging work. " * 3 for i in range(200)
    )
    server.route("/long", page(story_html("Long report", paragraphs=long_paras)))
    lib = Library(Config(cache_dir=tmp_path / "c", max_bytes=8_000))
    try:
        story = await lib.open(server.url("/long"))
    finally:
        await lib.aclose()
    assert story.truncated
    assert any(w.startswith("page cut at 8 kB") for w in story.warnings)


async def test_local_file_is_read_extracted_and_cached(tmp_path: Path, lib: Library) -> None:
    f = tmp_path / "saved.html"
    f.write_text(story_html("From a file"), encoding="utf-8")
    story = await lib.open(str(f), base_url="https://gazette.test/from-a-file")
    assert story.url == f.resolve().as_uri() and story.article.title == "From a file"
    assert lib.cached(story.url) is not None


async def test_stories_of_an_older_extractor_are_reextracted_without_network(
    server: LoopbackServer, config: Config, lib: Library
) -> None:
    server.route("/tide", page(story_html("Real title")))
    story = await lib.open(server.url("/tide"))
    raw = lib.cache.raw_page(story.url)
    assert raw is not None
    lib.cache.put(raw, Article(title="Stale", text="old", markdown="old"), extractor_version="0")
    offline = Library(config, offline=True)
    try:
        # The app's instant path declines a stale story: re-extracting it belongs to
        # open(), which does it in a thread, off the app's event loop.
        assert offline.cached(story.url) is None
        again = await offline.open(story.url)
        assert offline.cached(story.url) is not None
    finally:
        await offline.aclose()
    assert again.article.title == "Real title"


# -- history, search, save ---------------------------------------------------------------
async def test_recent_last_read_search_and_position(server: LoopbackServer, lib: Library) -> None:
    server.route("/a", page(story_html("Lighthouse keeper retires")))
    server.route("/b", page(story_html("Ferry timetable changes")))
    a = await lib.open(server.url("/a"))
    b = await lib.open(server.url("/b"))
    assert [r.url for r in lib.recent()][:2] == [b.url, a.url]
    last = lib.last_read()
    assert last is not None and last.url == b.url
    assert [r.url for r in lib.search("lighthouse")] == [a.url]
    lib.set_position(a.url, 42.0)
    assert (await lib.open(a.url)).position == 42.0


async def test_save_markdown_never_overwrites(
    server: LoopbackServer, lib: Library, tmp_path: Path
) -> None:
    server.route("/a", page(story_html("Lighthouse keeper retires")))
    story = await lib.open(server.url("/a"))
    first = lib.save_markdown(story)
    second = lib.save_markdown(story)
    assert first == tmp_path / "saved" / "lighthouse-keeper-retires.md"
    assert second == tmp_path / "saved" / "lighthouse-keeper-retires-2.md"
    text = first.read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Lighthouse keeper retires"\n')
    assert f'url: "{story.url}"' in text and "\n# Lighthouse keeper retires\n" in text
    assert second.read_text(encoding="utf-8") == text


async def test_a_slow_revalidation_shows_the_cached_copy(
    server: LoopbackServer, lib: Library
) -> None:
    body = story_html("Slow to revalidate").encode()
    answer = threading.Event()  # the revalidation is answered only once the test is done
    server.route("/slow", page(story_html("Slow to revalidate")))
    await lib.open(server.url("/slow"))
    server.route("/slow", held(answer, Reply(body=body)))
    lib.revalidate_wait = 0.3
    try:
        story = await lib.open(server.url("/slow"))
    finally:
        answer.set()
    assert story.from_cache and story.article.title == "Slow to revalidate"
    assert any("no answer within 0.3 s" in w for w in story.warnings)
    assert server.hits["/slow"] == 2  # the server was asked, and its answer not awaited


async def test_cache_warnings_reach_the_first_story_opened(tmp_path: Path) -> None:
    cache = tmp_path / "c"
    cache.mkdir()
    (cache / "reader.sqlite3").write_bytes(b"not a database at all " * 100)
    f = tmp_path / "s.html"
    f.write_text(story_html("Lighthouse keeper retires"), encoding="utf-8")
    lib = Library(Config(cache_dir=cache))
    try:
        first = await lib.open(str(f))
        second = await lib.open(str(f))
    finally:
        await lib.aclose()
    assert len(lib.warnings) == 1 and "moved" in lib.warnings[0]
    assert first.warnings == tuple(lib.warnings) and second.warnings == ()


async def test_opening_a_cached_story_offline_never_loads_the_extractor(
    server: LoopbackServer, config: Config, lib: Library
) -> None:
    import subprocess
    import sys

    from reader.extract import EXTRACTOR_VERSION
    from reader.library.pages import extractor_version

    assert extractor_version() == EXTRACTOR_VERSION
    server.route("/tide", page(story_html("Quick to open")))
    url = server.url("/tide")
    await lib.open(url)
    await lib.aclose()
    probe = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from reader.config import Config\n"
        "from reader.library import Library\n"
        "async def go():\n"
        f"    lib = Library(Config(cache_dir=Path({str(config.cache_dir)!r})), offline=True)\n"
        f"    story = await lib.open({url!r})\n"
        "    await lib.aclose()\n"
        "    loaded = 'reader.extract.pipeline' in sys.modules\n"
        "    print(story.article.title, loaded, 'httpx' in sys.modules)\n"
        "asyncio.run(go())\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.strip() == "Quick to open False False", done.stderr


async def test_the_header_charset_reaches_the_extractor(
    server: LoopbackServer, lib: Library
) -> None:
    # UTF-8 bytes under a header that says Latin-1, and no <meta charset>: a browser
    # follows the header (and shows mojibake); detection alone would have said UTF-8.
    text = story_html("Café on the quay").replace('<meta charset="utf-8">', "")
    headers = {"Content-Type": "text/html; charset=iso-8859-1"}
    server.route("/cafe", lambda _r: Reply(body=text.encode("utf-8"), headers=headers))
    story = await lib.open(server.url("/cafe"))
    assert story.article.title == "CafÃ© on the quay"


def test_parse_target_names_a_malformed_web_address_as_such() -> None:
    with pytest.raises(UsageError, match="not a well-formed web address"):
        parse_target("http://[::1")
    with pytest.raises(UsageError, match="only http and https"):
        parse_target("ftp://example.org/x")

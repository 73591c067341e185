"""Full-text search: ranking, snippets, hostile queries; re-extraction without the network."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cache import Cache
from reader.cache import search as cache_search
from reader.cache.search import parse_query
from reader.model import Article, Page
from tests.support.cache import article, page

FILLER = " ".join(["the council met on tuesday and talked about roads and budgets"] * 20)


@pytest.fixture
def cache(cache_dir: Path) -> Iterator[Cache]:
    c = Cache.open(cache_dir)
    yield c
    c.close()


def store(cache: Cache, n: int | str, text: str, title: str | None = None) -> None:
    cache.put(page(n), article(n, text, title=title), extractor_version="1")


def test_best_match_first_title_weighted(cache: Cache) -> None:
    store(cache, "long", FILLER + " a zeppelin was seen once. " + FILLER)
    store(cache, "dense", "zeppelin zeppelin and another zeppelin over the zeppelin field")
    store(cache, "title", "nothing about airships here at all", title="The zeppelin returns")
    store(cache, "none", FILLER)
    hits = cache.search("zeppelin")
    assert [h.url.rsplit("/", 1)[1] for h in hits] == ["title", "dense", "long"]


def test_snippets_are_plain_text_with_marked_terms(cache: Cache) -> None:
    store(cache, 1, FILLER + "\n\nThe [bold]harbour[/bold] master\tsaid the harbour was full.")
    [hit] = cache.search("harbour")
    assert "«harbour»" in hit.snippet
    assert "[bold]" in hit.snippet  # text kept literally, never turned into markup
    assert "\n" not in hit.snippet and "\t" not in hit.snippet
    assert hit.snippet.startswith("…")  # cut out of a longer body
    assert hit.title == "Story 1" and hit.site == "news.test"


def test_rows_never_carry_control_characters(cache: Cache) -> None:
    hostile = "Title \x1b]0;PWNED\x07 with \u202eevil\x9b31m"
    cache.put(page(1), Article(title=hostile, text="bell \x07 ring \x1b[2J here",
                               site_name="Site\x1b[31m"), extractor_version="1")
    cache.touch("http://news.test/story/1")
    [row] = cache.recent()
    [hit] = cache.search("ring")
    for text in (row.title, row.site, hit.title, hit.site, hit.snippet):
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c == "\u202e" for c in text)
    # The one terminal-safety rule: a whole escape sequence goes, payload and all; the
    # text around it stays.
    assert row.title.startswith("Title") and row.title.endswith("with evil")
    assert "PWNED" not in row.title and "«ring»" in hit.snippet


def test_search_finds_prefetched_stories_too(cache: Cache) -> None:
    store(cache, "read", "a lighthouse keeper's diary")
    store(cache, "prefetched", "the lighthouse was repainted")
    cache.touch("http://news.test/story/read")
    hits = {h.url.rsplit("/", 1)[1]: h for h in cache.search("lighthouse")}
    assert hits["read"].last_read is not None
    assert hits["prefetched"].last_read is None


def test_words_phrases_prefixes_and_diacritics(cache: Cache) -> None:
    store(cache, 1, "the old café on the corner served bread")
    store(cache, 2, "bread was served on the old corner")
    assert {h.title for h in cache.search("cafe")} == {"Story 1"}  # diacritics folded
    assert {h.title for h in cache.search("CAFÉ bread")} == {"Story 1"}  # every word
    assert {h.title for h in cache.search('"old corner"')} == {"Story 2"}
    assert {h.title for h in cache.search("corn*")} == {"Story 1", "Story 2"}
    assert cache.search("corn") == []
    assert {h.title for h in cache.search("bread AND corner")} == {"Story 1", "Story 2"}
    assert cache.search("cafe")[0].snippet == "the old «café» on the corner served bread"
    assert "«corner»" in cache.search("corn*")[0].snippet


def test_snippet_when_only_the_title_matches(cache: Cache) -> None:
    store(cache, 1, "words that say something else " * 10, title="Harbour news")
    [hit] = cache.search("harbour")
    assert hit.snippet.startswith("words that say") and hit.snippet.endswith("…")
    assert "«" not in hit.snippet


@pytest.mark.parametrize(
    "query",
    [
        '"foo',
        "AND (",
        "-x",
        "NOT",
        "OR OR",
        "*",
        '"',
        "'",
        "title:bread",
        "{title}: bread",
        "NEAR(bread café, 2)",
        "^bread",
        "bread + + corner",
        "\x00\x1b[31m",
        "",
        "   ",
        'foo"bar"baz',
        "(((",
        "body:*",
        "💥 bread",
        pytest.param("a" * 5000, id="one-long-word"),
        pytest.param(" ".join(f"w{i}" for i in range(5000)), id="5000-words"),
        pytest.param('"' * 999 + "x", id="999-quotes"),
    ],
)
def test_hostile_queries_never_raise(cache: Cache, query: str) -> None:
    store(cache, 1, "bread and café and title words")
    hits = cache.search(query)
    assert isinstance(hits, list)
    parsed = parse_query(query)
    assert parsed is None or all(c not in parsed.expression for c in "(){}:^+")


def test_hostile_query_words_still_match(cache: Cache) -> None:
    store(cache, 1, "bread and café")
    assert [h.title for h in cache.search("title:bread")] == []  # "title" is a word too
    assert [h.title for h in cache.search("(bread")] == ["Story 1"]
    assert [h.title for h in cache.search('"bread')] == ["Story 1"]
    assert [h.title for h in cache.search("-bread")] == ["Story 1"]


def test_limit(cache: Cache) -> None:
    for n in range(12):
        store(cache, n, "ordinary words " * (n + 1) + " marker")
    assert len(cache.search("marker", limit=5)) == 5
    assert cache.search("marker", limit=0) == []


def test_many_matches_rank_titles_then_the_newest_candidates(
    cache: Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    store(cache, "old", "an old story", title="The marker stone")
    for n in range(30):  # one story in three holds the word
        store(cache, n, ("marker " * (n % 5 + 1) if n % 3 == 0 else "") + "other words")
    monkeypatch.setattr(cache_search, "CANDIDATES", 4)
    names = [h.url.rsplit("/", 1)[1] for h in cache.search("marker", limit=50)]
    # the title match first, then the newest 4 body matches by bm25; older ones left out
    assert names == ["old", "24", "18", "27", "21"]


def test_words_in_most_stories_list_title_matches_then_newest(
    cache: Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    store(cache, "old", "the story", title="The story of the stone")
    for n in range(12):
        store(cache, n, "the " * (12 - n) + "rest")
    monkeypatch.setattr(cache_search, "CANDIDATES", 4)
    names = [h.url.rsplit("/", 1)[1] for h in cache.search("the", limit=6)]
    assert names == ["old", "11", "10", "9", "8", "7"]


def upper_extractor(p: Page) -> Article:
    """A "better" extractor: reads the stored page and shouts its text."""
    text = p.body.decode("utf-8").removeprefix("<p>").removesuffix("</p>")
    return Article(title="New " + p.final_url.rsplit("/", 1)[1], text=text.upper() + " improved",
                   markdown=text, canonical_url="http://canon.test/new-" + p.final_url[-1])



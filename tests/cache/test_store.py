"""The cache stores and gives back pages, articles, aliases, history, positions, teasers."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.cache import Cache
from reader.errors import CacheError
from reader.model import Article, Page, Teaser
from tests.support.cache import article, page, raw, teasers


@pytest.fixture
def cache(cache_dir: Path) -> Iterator[Cache]:
    c = Cache.open(cache_dir)
    yield c
    c.close()


def full_article(published: datetime | date | None) -> Article:
    return Article(
        title="A title with [bold]markup[/bold] kept",
        byline="Ada Lovelace, Charles Babbage",
        published=published,
        site_name="The Test Gazette",
        canonical_url="http://canon.test/full",
        lead_image="http://img.test/lead.jpg",
        language="fr",
        markdown="Body *with* emphasis\n\n- a list",
        text="Body with emphasis\n\na list\twith a tab",
        body_source="json-ld",
        teasers=(
            Teaser("http://news.test/story/a", "First", "A summary", "related", "http://img.test/a"),
            Teaser("http://news.test/story/b", "Second", "", "body", None),
        ),
    )


@pytest.mark.parametrize(
    "published",
    [
        None,
        date(2024, 2, 29),
        datetime(2024, 2, 29, 23, 59, 58),  # naive stays naive
        datetime(2024, 2, 29, 23, 59, 58, 123456, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        datetime(2024, 7, 1, 8, 0, tzinfo=UTC),
    ],
)
def test_article_round_trips_every_field(cache: Cache, published: datetime | date | None) -> None:
    original = full_article(published)
    cache.put(page("full"), original, extractor_version="7")
    stored = cache.get("http://news.test/story/full")
    assert stored is not None
    assert stored.article == original
    got = stored.article.published
    assert type(got) is type(published)
    if isinstance(published, datetime):
        assert got.utcoffset() == published.utcoffset()  # type: ignore[union-attr]
    assert stored.extractor_version == "7"


def test_zoneinfo_zone_is_kept(cache: Cache) -> None:
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        paris = zoneinfo.ZoneInfo("Europe/Paris")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time zone database on this machine")
    when = datetime(2024, 7, 1, 8, 0, tzinfo=paris)
    cache.put(page(1), full_article(when), extractor_version="1")
    got = cache.get("http://news.test/story/1").article.published  # type: ignore[union-attr]
    assert got == when and got.tzinfo.key == "Europe/Paris"  # type: ignore[union-attr]


def test_page_round_trips_with_metadata(cache: Cache) -> None:
    body = b"\xef\xbb\xbf<p>caf\xe9 \x00 after nul</p>" * 100
    original = Page(
        url="http://news.test/ask",
        final_url="http://news.test/final",
        status=203,
        content_type="application/xhtml+xml",
        charset=None,
        body=body,
        truncated=True,
        etag='W/"abc"',
        last_modified="Tue, 03 Mar 2026 10:00:00 GMT",
        fetched_at=datetime(2026, 3, 4, 5, 6, 7, 891011, tzinfo=UTC),
        redirects=("http://news.test/ask", "http://news.test/hop"),
    )
    stored = cache.put(original, article("x"), extractor_version="1")
    assert cache.raw_page("http://news.test/hop") == original
    assert stored.truncated and stored.etag == 'W/"abc"'
    assert stored.last_modified == "Tue, 03 Mar 2026 10:00:00 GMT"
    assert stored.fetched_at == original.fetched_at
    # compressed on disk
    conn = raw(cache.path)  # type: ignore[arg-type]
    stored_len, raw_len = conn.execute("SELECT length(body), body_size FROM page").fetchone()
    conn.close()
    assert raw_len == len(body) and stored_len < len(body) / 5


def test_every_alias_leads_to_one_story(cache: Cache) -> None:
    stored = cache.put(page(1), article(1), extractor_version="1", aliases=["http://m.test/1"])
    assert stored.url == "http://news.test/story/1"
    for alias in (
        "http://news.test/ask/1",
        "http://news.test/story/1",
        "http://canon.test/1",
        "http://m.test/1",
        "http://news.test/story/1#comments",  # a fragment never reaches a server
    ):
        got = cache.get(alias)
        assert got is not None and got.url == stored.url, alias
    assert cache.get("http://news.test/story/2") is None
    conn = raw(cache.path)  # type: ignore[arg-type]
    assert conn.execute("SELECT count(*) FROM story").fetchone()[0] == 1
    conn.close()


def test_storing_again_updates_in_place_and_keeps_history(cache: Cache) -> None:
    cache.put(page(1), article(1, "old words"), extractor_version="1")
    cache.touch("http://canon.test/1")
    cache.set_position("http://news.test/ask/1", 42.5)
    newer = dataclasses.replace(page(1), body=b"<p>new</p>", etag='"v2"')
    stored = cache.put(newer, article(1, "new words"), extractor_version="2")
    assert stored.article.text == "new words" and stored.etag == '"v2"'
    assert stored.position == 42.5 and stored.last_read is not None
    assert [r.url for r in cache.recent()] == ["http://news.test/story/1"]


def test_alias_that_is_another_storys_key_is_not_taken(cache: Cache) -> None:
    cache.put(page("x"), article("x"), extractor_version="1")
    other = Article(title="Other", text="other", canonical_url="http://news.test/story/x")
    cache.put(page("y"), other, extractor_version="1")
    assert cache.get("http://news.test/story/x").article.title == "Story x"  # type: ignore[union-attr]
    assert cache.get("http://news.test/story/y").article.title == "Other"  # type: ignore[union-attr]


def test_recent_is_most_recently_read_first_in_local_time(cache: Cache) -> None:
    for n in ("a", "b", "c", "prefetched"):
        cache.put(page(n), article(n, title=f"Title {n}"), extractor_version="1")
    for n in ("b", "a", "c"):
        cache.touch(f"http://news.test/story/{n}")
    rows = cache.recent()
    assert [r.title for r in rows] == ["Title c", "Title a", "Title b"]
    assert all(r.site == "news.test" for r in rows)  # no site_name: the URL's host
    now = datetime.now().astimezone()
    assert rows[0].last_read is not None
    assert rows[0].last_read.utcoffset() == now.utcoffset()
    assert abs((now - rows[0].last_read).total_seconds()) < 60
    assert [r.title for r in cache.recent(limit=1, offset=1)] == ["Title a"]
    assert cache.get("http://news.test/story/prefetched").last_read is None  # type: ignore[union-attr]


def test_site_is_the_articles_site_name(cache: Cache) -> None:
    cache.put(page(1, host="www.paper.test"), article(1), extractor_version="1")
    cache.put(page(2), article(2, site_name="The Paper"), extractor_version="1")
    cache.touch("http://www.paper.test/story/1")
    cache.touch("http://news.test/story/2")
    assert [r.site for r in cache.recent()] == ["The Paper", "paper.test"]


def test_position_is_remembered(cache: Cache) -> None:
    cache.put(page(1), article(1), extractor_version="1")
    cache.set_position("http://canon.test/1", 1234.5)
    assert cache.get("http://news.test/story/1").position == 1234.5  # type: ignore[union-attr]
    cache.set_position("http://canon.test/1", float("nan"))
    assert cache.get("http://news.test/story/1").position == 0.0  # type: ignore[union-attr]
    cache.set_position("http://nowhere.test/", 5.0)  # unknown story: nothing happens


def test_teasers_keep_rank_and_share_their_records(cache: Cache) -> None:
    cache.put(page(1), article(1, teasers=teasers("p", "q")), extractor_version="1")
    assert [(t.rank, t.teaser.url, t.status) for t in cache.teasers("http://canon.test/1")] == [
        (0, "http://news.test/story/p", "pending"),
        (1, "http://news.test/story/q", "pending"),
    ]
    cache.put(page(2), article(2), extractor_version="1")
    cache.put_teasers("http://news.test/story/2", teasers("r", "q"))
    cache.update_teaser(
        "http://news.test/story/q",
        status="offline",
        final_url="http://news.test/story/q2",
        title="The real title",
        site="News",
        published="2026-03-01",
    )
    cache.update_teaser("http://news.test/story/r", status="failed", error="timed out after 20 s")
    first = {t.teaser.url: t for t in cache.teasers("http://news.test/story/1")}
    second = cache.teasers("http://news.test/story/2")
    q = first["http://news.test/story/q"]
    assert (q.status, q.final_url, q.title, q.site, q.published) == (
        "offline", "http://news.test/story/q2", "The real title", "News", "2026-03-01"
    )
    assert second[1] == dataclasses.replace(q, rank=1)
    assert (second[0].status, second[0].error) == ("failed", "timed out after 20 s")
    assert second[0].teaser == Teaser("http://news.test/story/r", "About r", "", "related")
    cache.put_teasers("http://news.test/story/2", [])
    assert cache.teasers("http://news.test/story/2") == []


def test_usable_from_many_threads(cache: Cache) -> None:
    errors: list[BaseException] = []

    def work(k: int) -> None:
        try:
            for i in range(15):
                n = f"{k}-{i}"
                cache.put(page(n), article(n), extractor_version="1")
                cache.touch(f"http://news.test/story/{n}")
                assert cache.get(f"http://canon.test/{n}") is not None
                cache.search("body")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(cache.recent()) == 60


def test_a_closed_cache_says_so(cache_dir: Path) -> None:
    cache = Cache.open(cache_dir)
    cache.close()
    cache.close()  # twice is fine
    with pytest.raises(CacheError, match="closed"):
        cache.get("http://news.test/story/1")


def test_put_is_fast_enough_for_the_app(cache: Cache) -> None:
    """What keeps a put cheap, counted rather than timed: commits need no fsync (WAL with
    synchronous NORMAL), each put is one transaction, and SQLite's own work for a put
    (virtual machine steps) does not grow with the stories already stored."""
    conn = cache._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    text = " ".join(f"word{i % 500}" for i in range(2000))
    steps = 0

    def step() -> int:
        nonlocal steps
        steps += 1
        return 0  # go on

    statements: list[str] = []
    conn.set_progress_handler(step, 1)
    conn.set_trace_callback(statements.append)
    per_put: list[int] = []
    begins: list[int] = []
    for n in range(200):
        steps = 0
        statements.clear()
        cache.put(page(n), article(n, text), extractor_version="1")
        per_put.append(steps)
        begins.append(sum(s.startswith("BEGIN") for s in statements))
    conn.set_progress_handler(None, 1)
    conn.set_trace_callback(None)
    assert set(begins) == {1}
    first, last = sorted(per_put[1:21]), sorted(per_put[180:200])
    assert last[10] <= 1.5 * first[10], (first, last)  # medians: the same work at 200 as at 20



def test_text_that_cannot_be_stored_is_a_cache_error(cache: Cache) -> None:
    with pytest.raises(CacheError, match="cannot be stored"):
        cache.put(page(1), article(1, "lone \ud800 surrogate"), extractor_version="1")
    assert cache.get("http://news.test/story/1") is None


_texts = st.text(max_size=60)
_when = st.one_of(
    st.none(),
    st.dates(),
    st.datetimes(),
    # The extractor and the feed parser give fixed offsets (a page says "+02:00", never a
    # zone name); a named zone's skipped hour (a DST gap) has no offset to store.
    st.datetimes(
        timezones=st.builds(
            timezone, st.timedeltas(min_value=timedelta(hours=-23), max_value=timedelta(hours=23))
        )
    ),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    title=st.none() | _texts,
    text=_texts,
    markdown=_texts,
    published=_when,
    optional=st.lists(st.none() | _texts, min_size=5, max_size=5),
    teaser_titles=st.lists(_texts, max_size=3),
)
def test_any_article_round_trips(
    cache: Cache,
    title: str | None,
    text: str,
    markdown: str,
    published: datetime | date | None,
    optional: list[str | None],
    teaser_titles: list[str],
) -> None:
    byline, site, canonical, image, language = optional
    original = Article(
        title=title, byline=byline, published=published, site_name=site,
        canonical_url=canonical, lead_image=image, language=language, markdown=markdown,
        text=text, body_source="text",
        teasers=tuple(
            Teaser(f"http://t.test/{i}", t, t, "inline") for i, t in enumerate(teaser_titles)
        ),
    )
    stored = cache.put(page("h"), original, extractor_version="h")
    assert stored.article == original
    assert cache.get("http://news.test/story/h").article == original  # type: ignore[union-attr]
    got = stored.article.published
    assert type(got) is type(published)
    if isinstance(published, datetime):
        assert got.utcoffset() == published.utcoffset()  # type: ignore[union-attr]
        if published.tzinfo is not None and hasattr(published.tzinfo, "key"):
            assert got.tzinfo.key == published.tzinfo.key  # type: ignore[union-attr]

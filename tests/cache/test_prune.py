"""prune() by age and by size, and the automatic size limit of put()."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.cache import Cache
from reader.cache import store as cache_module
from reader.cache.prune import used_bytes
from tests.support.cache import article, integrity, page, raw, teasers

DAY = timedelta(days=1)


def counts(path: Path) -> dict[str, int]:
    conn = raw(path)
    try:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("story", "page", "alias", "story_teaser", "teaser_link")
        }
    finally:
        conn.close()


def test_prune_by_age_keeps_what_was_used_lately(cache_dir: Path) -> None:
    now = datetime.now(UTC)
    with Cache.open(cache_dir) as cache:
        for n in range(6):
            fetched = now - (40 + n) * DAY if n < 4 else now - DAY
            cache.put(page(n, fetched_at=fetched), article(n, teasers=teasers(f"t{n}")),
                      extractor_version="1")
            cache.update_teaser(f"http://news.test/story/t{n}", status="offline")
        cache.touch("http://news.test/story/0")  # old, but read just now
        assert cache.prune() == 0  # no limit given: nothing to do
        assert cache.prune(older_than_days=30) == 3
        left = {n for n in range(6) if cache.get(f"http://news.test/story/{n}")}
        assert left == {0, 4, 5}
        for n in (1, 2, 3):  # every alias of a pruned story is gone with it
            assert cache.get(f"http://canon.test/{n}") is None
            assert cache.get(f"http://news.test/ask/{n}") is None
        assert [t.status for t in cache.teasers("http://news.test/story/0")] == ["offline"]
        assert cache.search("body") and len(cache.search("body")) == 3
    assert counts(cache_dir / "reader.sqlite3") == {
        "story": 3, "page": 3, "alias": 9, "story_teaser": 3, "teaser_link": 3
    }


def used(cache_dir: Path) -> int:
    """Bytes of the pages in use, read from the file as the limit measures them."""
    conn = raw(cache_dir / "reader.sqlite3")
    try:
        return used_bytes(conn)
    finally:
        conn.close()


def test_prune_by_size_drops_least_recently_used_first(cache_dir: Path) -> None:
    base = datetime.now(UTC) - 10 * DAY
    with Cache.open(cache_dir, max_bytes=None) as cache:
        for n in range(30):  # ~40 kB each that no compression shrinks
            cache.put(page(n, os.urandom(40_000), fetched_at=base + n * timedelta(minutes=1)),
                      article(n), extractor_version="1")
        for n in (2, 0, 1):  # read lately, in this order
            cache.touch(f"http://news.test/story/{n}")
        before = used(cache_dir)
        assert before > 1_200_000
        removed = cache.prune(max_bytes=500_000)
        assert used(cache_dir) <= 500_000
        left = [n for n in range(30) if cache.get(f"http://news.test/story/{n}")]
        assert removed == 30 - len(left) and 5 <= len(left) <= 12
        # what stays: the stories read lately, then the most recently fetched
        assert {0, 1, 2} <= set(left)
        fetched_only = sorted(set(left) - {0, 1, 2})
        assert fetched_only == list(range(30 - len(fetched_only), 30))
    path = cache_dir / "reader.sqlite3"
    assert integrity(path) == "ok"
    assert path.stat().st_size < before  # space went back to the file system


def test_put_keeps_the_cache_under_its_limit(cache_dir: Path) -> None:
    with Cache.open(cache_dir, max_bytes=600_000) as cache:
        for n in range(40):
            cache.put(page(n, os.urandom(30_000)), article(n), extractor_version="1")
            if n == 32:  # checked on the 33rd put
                assert used(cache_dir) <= 600_000
                assert cache.get("http://news.test/story/32") is not None
                assert cache.get("http://news.test/story/0") is None
        left = counts(cache.path)["story"]  # type: ignore[arg-type]
        assert 10 < left < 40


def test_prune_everything_leaves_a_working_cache(cache_dir: Path) -> None:
    with Cache.open(cache_dir) as cache:
        for n in range(5):
            cache.put(page(n), article(n), extractor_version="1")
        assert cache.prune(older_than_days=-1) == 5
        assert cache.search("body") == [] and cache.recent() == []
        cache.put(page("again"), article("again"), extractor_version="1")
        assert [h.title for h in cache.search("body")] == ["Story again"]


def test_automatic_prune_does_a_bounded_amount_each_time(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "AUTO_PRUNE_MAX", 3)
    monkeypatch.setattr(cache_module, "CHECK_SIZE_EVERY", 1)
    with Cache.open(cache_dir, max_bytes=None) as cache:
        for n in range(20):
            cache.put(page(n, os.urandom(30_000)), article(n), extractor_version="1")
        cache.max_bytes = 200_000  # now far over the limit
        cache.put(page("a"), article("a"), extractor_version="1")
        assert counts(cache.path)["story"] == 21 - 3  # type: ignore[arg-type]
        cache.put(page("b"), article("b"), extractor_version="1")
        assert counts(cache.path)["story"] == 22 - 6  # type: ignore[arg-type]
        assert cache.get("http://news.test/story/0") is None  # oldest first
        assert cache.get("http://news.test/story/b") is not None

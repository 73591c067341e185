"""Broken, unwritable, full, old or newer cache files: keep working, lose nothing."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cache import Cache
from reader.cache.schema import SCHEMA_VERSION, apply_migrations
from reader.errors import CacheError
from tests.support.cache import article, integrity, page, raw


def filled(directory: Path, count: int, body_size: int = 0) -> Path:
    with Cache.open(directory) as cache:
        for n in range(count):
            body = os.urandom(body_size) if body_size else None
            cache.put(page(n, body), article(n), extractor_version="1")
        assert cache.path is not None
        return cache.path


def moved_aside(directory: Path) -> list[Path]:
    found = directory.glob("reader.sqlite3.corrupt-*")
    return sorted(p for p in found if not p.name.endswith(("-wal", "-shm", "-journal", ".damaged")))


def assert_fresh_and_working(cache: Cache, directory: Path) -> None:
    assert cache.path == directory / "reader.sqlite3"
    cache.put(page("new"), article("new"), extractor_version="1")
    assert cache.get("http://canon.test/new") is not None
    assert integrity(cache.path) == "ok"


# -- corrupt or unreadable files are moved aside -------------------------------------------


@pytest.mark.parametrize("garbage", [os.urandom(20000), b"SQLite", b"\0" * 4096 * 3])
def test_garbage_file_is_moved_aside_and_kept(cache_dir: Path, garbage: bytes) -> None:
    (cache_dir / "reader.sqlite3").write_bytes(garbage)
    with Cache.open(cache_dir) as cache:
        [aside] = moved_aside(cache_dir)
        assert aside.read_bytes() == garbage  # kept, byte for byte
        assert len(cache.warnings) == 1 and str(aside) in cache.warnings[0]
        assert_fresh_and_working(cache, cache_dir)


def test_companions_of_a_broken_file_go_with_it(cache_dir: Path) -> None:
    (cache_dir / "reader.sqlite3").write_bytes(b"not a database at all" * 50)
    (cache_dir / "reader.sqlite3-wal").write_bytes(b"an old write-ahead log")
    with Cache.open(cache_dir) as cache:
        [aside] = moved_aside(cache_dir)
        moved_wal = aside.with_name(aside.name + "-wal")
        assert moved_wal.read_bytes() == b"an old write-ahead log"
        assert_fresh_and_working(cache, cache_dir)


def test_truncated_file_is_moved_aside(cache_dir: Path) -> None:
    path = filled(cache_dir, 40, body_size=3000)
    assert not Path(str(path) + "-wal").exists()  # a clean close leaves no WAL
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.truncate(size // 2)
    with Cache.open(cache_dir) as cache:
        [aside] = moved_aside(cache_dir)
        assert aside.stat().st_size == size // 2
        assert "truncated" in cache.warnings[0] and str(aside) in cache.warnings[0]
        assert_fresh_and_working(cache, cache_dir)


def test_damaged_schema_page_is_moved_aside(cache_dir: Path) -> None:
    path = filled(cache_dir, 3)
    data = bytearray(path.read_bytes())
    data[100:4096] = os.urandom(3996)  # the rest of page 1: the schema table
    path.write_bytes(bytes(data))
    with Cache.open(cache_dir) as cache:
        assert len(moved_aside(cache_dir)) == 1
        assert_fresh_and_working(cache, cache_dir)


def test_damage_found_while_reading_moves_the_file_aside_next_time(cache_dir: Path) -> None:
    path = filled(cache_dir, 8, body_size=60_000)  # mostly overflow pages of raw bodies
    data = bytearray(path.read_bytes())
    third = len(data) // 3
    data[third : 2 * third] = random.Random(7).randbytes(third)
    path.write_bytes(bytes(data))
    with Cache.open(cache_dir) as cache:
        assert cache.warnings == []  # the damage is past what opening reads
        errors = []
        for n in range(8):
            try:
                cache.raw_page(f"http://news.test/story/{n}")
            except CacheError as exc:
                errors.append(str(exc))
        assert errors and "damaged" in errors[0] and "moves the file aside" in errors[0]
    with Cache.open(cache_dir) as cache:
        [aside] = moved_aside(cache_dir)
        assert "damaged" in cache.warnings[0] and str(aside) in cache.warnings[0]
        assert_fresh_and_working(cache, cache_dir)
    with Cache.open(cache_dir) as cache:  # the new file carries no flag
        assert cache.warnings == []


def test_a_folder_in_place_of_the_file_is_moved_aside(cache_dir: Path) -> None:
    (cache_dir / "reader.sqlite3").mkdir()
    (cache_dir / "reader.sqlite3" / "keep-me").write_text("mine")
    with Cache.open(cache_dir) as cache:
        [aside] = moved_aside(cache_dir)
        assert (aside / "keep-me").read_text() == "mine"
        assert_fresh_and_working(cache, cache_dir)


def test_a_sound_file_is_left_alone(cache_dir: Path) -> None:
    filled(cache_dir, 5)
    with Cache.open(cache_dir) as cache:
        assert cache.warnings == [] and moved_aside(cache_dir) == []
        assert cache.get("http://canon.test/4") is not None


def test_two_broken_files_in_one_second_both_kept(cache_dir: Path) -> None:
    for content in (b"first broken file", b"second broken file"):
        (cache_dir / "reader.sqlite3").write_bytes(content * 20)
        Cache.open(cache_dir).close()
    kept = {p.read_bytes()[:6] for p in moved_aside(cache_dir)}
    assert kept == {b"first ", b"second"}


# -- folders that cannot be written ---------------------------------------------------------


@pytest.fixture
def immutable_dir(cache_dir: Path) -> Iterator[Path]:
    """A folder even root cannot write into (``chattr +i``)."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed: cannot make a folder read-only for root")
    done = subprocess.run(["chattr", "+i", str(cache_dir)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i failed here ({done.stderr.strip()}): no read-only folder")
    try:
        yield cache_dir
    finally:
        subprocess.run(["chattr", "-i", str(cache_dir)], check=True)


def test_read_only_folder_degrades_to_memory(immutable_dir: Path) -> None:
    with Cache.open(immutable_dir) as cache:
        assert cache.path is None
        assert len(cache.warnings) == 1 and str(immutable_dir) in cache.warnings[0]
        cache.put(page(1), article(1), extractor_version="1")
        cache.touch("http://canon.test/1")
        assert [r.title for r in cache.search("body")] == ["Story 1"]
    assert list(immutable_dir.iterdir()) == []


def test_read_only_folder_with_a_cache_in_it_leaves_the_file_alone(cache_dir: Path) -> None:
    path = filled(cache_dir, 2)
    before = path.read_bytes()
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed: cannot make a folder read-only for root")
    if subprocess.run(["chattr", "+i", str(cache_dir)], capture_output=True).returncode:
        pytest.skip("chattr +i failed on this file system")
    try:
        with Cache.open(cache_dir) as cache:
            assert cache.path is None and cache.warnings
            assert moved_aside(cache_dir) == []
    finally:
        subprocess.run(["chattr", "-i", str(cache_dir)], check=True)
    assert path.read_bytes() == before


def test_folder_that_cannot_be_made_degrades_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with Cache.open(blocker / "cache") as cache:
        assert cache.path is None
        assert "running without a cache" in cache.warnings[0]
        cache.put(page(1), article(1), extractor_version="1")
        assert cache.get("http://news.test/ask/1") is not None


# -- a full disk -----------------------------------------------------------------------------


def test_full_disk_raises_cache_error_and_loses_nothing(cache_dir: Path) -> None:
    cache = Cache.open(cache_dir)
    for n in range(5):
        cache.put(page(n), article(n), extractor_version="1")
    cache.touch("http://canon.test/3")
    pages = cache._conn.execute("PRAGMA page_count").fetchone()[0]
    cache._conn.execute(f"PRAGMA max_page_count = {pages + 3}")  # the "disk" holds 3 more pages
    with pytest.raises(CacheError, match="full"):
        cache.put(page("big", os.urandom(200_000)), article("big"), extractor_version="1")
    assert cache.get("http://canon.test/big") is None
    for n in range(5):
        assert cache.get(f"http://canon.test/{n}") is not None
    assert [r.title for r in cache.recent()] == ["Story 3"]
    cache.close()
    assert integrity(cache_dir / "reader.sqlite3") == "ok"
    with Cache.open(cache_dir) as again:  # room again: the same file works on
        again.put(page("big", os.urandom(200_000)), article("big"), extractor_version="1")
        assert len(again.search("body")) == 6


# -- schema versions --------------------------------------------------------------------------


def test_version_1_file_is_migrated_on_open(cache_dir: Path) -> None:
    path = cache_dir / "reader.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    apply_migrations(conn, upto=1)
    # a story as a version-1 reader wrote it (no search index existed then)
    import zlib

    conn.execute(
        "INSERT INTO story(id, url, title, body, markdown, meta, site, extractor_version, "
        "fetched_at, fetched_ts, last_read_ts, last_used_ts, position) "
        "VALUES (1, 'http://old.test/a', 'An old story', 'Written before search existed', ?, "
        "'{\"byline\": \"Old Hand\", \"published\": {\"date\": \"2020-01-02\"}}', 'old.test', "
        "'0.1', '2020-01-02T03:04:05+00:00', 1577934245, 1577934300, 1577934300, 9.5)",
        (zlib.compress(b"Written *before* search existed"),),
    )
    conn.execute(
        "INSERT INTO page(story_id, url, final_url, status, content_type, body, body_size) "
        "VALUES (1, 'http://old.test/a', 'http://old.test/a', 200, 'text/html', ?, 5)",
        (zlib.compress(b"<p>x</p>"),),
    )
    conn.execute("INSERT INTO alias(url, story_id) VALUES ('http://old.test/a', 1)")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()

    with Cache.open(cache_dir) as cache:
        assert cache.warnings == []
        [hit] = cache.search("search existed")
        assert hit.url == "http://old.test/a" and "«search»" in hit.snippet
        stored = cache.get("http://old.test/a")
        assert stored is not None and stored.position == 9.5
        assert stored.article.byline == "Old Hand"
        assert stored.article.markdown == "Written *before* search existed"
        assert [r.title for r in cache.recent()] == ["An old story"]
    conn = raw(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    # both search indexes were filled from the stories already there
    for table in ("story_fts", "title_fts"):
        found = conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH 'old'").fetchall()
        assert found == [(1,)], table
    conn.close()


def test_file_from_a_newer_reader_is_left_alone(cache_dir: Path) -> None:
    path = filled(cache_dir, 2)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with Cache.open(cache_dir) as cache:
        assert cache.path is None and "newer version" in cache.warnings[0]
    assert path.read_bytes() == before and moved_aside(cache_dir) == []

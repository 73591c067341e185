"""Opening the cache file: pragmas, migrations, and what to do when it cannot be used.

- A file that is not a database, is truncated, is damaged where the opening reads it
  (or where an earlier session read it: see ``damage_flag``), or is not a regular file
  is *moved aside* (kept, never deleted) as
  ``reader.sqlite3.corrupt-YYYYmmdd-HHMMSS`` (with its ``-wal``/``-shm`` companions) and
  a new file is made; a warning says where the old one went.
- A folder that cannot be created or written degrades to an in-memory cache, with a
  warning: the app works, nothing is kept.
- A file written by a newer ``reader`` (a schema this code does not know) is left
  alone: the session runs on an in-memory cache, with a warning.
"""

from __future__ import annotations

import os
import sqlite3
import struct
import time
from dataclasses import dataclass, field
from pathlib import Path

from reader.cache.schema import NewerSchemaError, apply_migrations

DB_NAME = "reader.sqlite3"
BUSY_TIMEOUT_S = 10.0
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_COMPANIONS = ("-wal", "-shm", "-journal", ".damaged")
_HEADER_MAGIC = b"SQLite format 3\x00"

# Primary SQLite result codes (the low byte of sqlite_errorcode).
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


class BrokenFileError(Exception):
    """The file exists but is not a usable database; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Opened:
    conn: sqlite3.Connection
    path: Path | None
    warnings: list[str] = field(default_factory=list)


def primary_code(exc: sqlite3.Error) -> int:
    code = getattr(exc, "sqlite_errorcode", None)
    return int(code) & 0xFF if isinstance(code, int) else -1


def is_corruption(exc: sqlite3.Error) -> bool:
    if primary_code(exc) in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return True
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def open_memory() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    apply_migrations(conn)
    return conn


def open_cache(directory: Path) -> Opened:
    """Open (or create) ``directory/reader.sqlite3``; never raises."""
    warnings: list[str] = []
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        warnings.append(_no_cache(directory, exc.strerror or str(exc)))
        return Opened(open_memory(), None, warnings)
    path = directory / DB_NAME
    for attempt in range(2):
        try:
            return Opened(_open_file_when_free(path), path, warnings)
        except BrokenFileError as exc:
            if attempt:
                warnings.append(_no_cache(directory, f"a new cache file is unusable: {exc.reason}"))
                break
            try:
                dest = move_aside(path)
            except OSError as move_exc:
                reason = f"{path} is unusable ({exc.reason}) and could not be moved aside"
                warnings.append(_no_cache(directory, f"{reason}: {move_exc.strerror}"))
                break
            warnings.append(
                f"the cache file {path} could not be used ({exc.reason}); it was moved to "
                f"{dest} and a new cache was started"
            )
        except NewerSchemaError as exc:
            warnings.append(
                f"the cache file {path} was written by a newer version of reader (schema "
                f"{exc.version}); it was left as it is and this session keeps no cache"
            )
            break
        except (sqlite3.Error, OSError) as exc:
            warnings.append(_no_cache(directory, _reason(exc)))
            break
    return Opened(open_memory(), None, warnings)


def _no_cache(directory: Path, reason: str) -> str:
    return (
        f"cannot use the cache folder {directory} ({reason}); running without a cache: "
        "stories read now will not be kept"
    )


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def _open_file_when_free(path: Path) -> sqlite3.Connection:
    """``_open_file``, tried again while another process holds the file's lock.

    Switching an old rollback-journal file to WAL needs the whole file for a moment, and
    SQLite answers "locked" at once (no busy wait) when two processes try it together.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            return _open_file(path)
        except sqlite3.Error as exc:
            busy = primary_code(exc) in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in str(exc)
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _open_file(path: Path) -> sqlite3.Connection:
    _check_header(path)
    try:
        conn = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as exc:
        raise _classify(exc, path) from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if conn.execute("PRAGMA page_count").fetchone()[0] == 0:
            # A new file. Must come before WAL mode and the first table: lets prune()
            # hand free pages back to the file system.
            conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        # WAL + NORMAL: a killed process loses nothing committed (only power loss may
        # lose the last transactions), and commits need no fsync.
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_size_limit = 67108864")
        apply_migrations(conn)
        conn.execute("SELECT max(id) FROM story").fetchone()
        conn.execute("SELECT count(*) FROM title_fts_config").fetchone()
        _check_if_flagged(conn, path)
    except NewerSchemaError:
        conn.close()
        raise
    except sqlite3.Error as exc:
        conn.close()
        raise _classify(exc, path) from None
    return conn


def damage_flag(path: Path) -> Path:
    """A file beside the cache saying a read found damage: the next open checks it all."""
    return path.with_name(path.name + ".damaged")


def _check_if_flagged(conn: sqlite3.Connection, path: Path) -> None:
    flag = damage_flag(path)
    if not flag.exists():
        return
    problems = [str(r[0]) for r in conn.execute("PRAGMA quick_check(5)").fetchall()]
    if problems != ["ok"]:
        raise BrokenFileError("damaged: " + "; ".join(problems)[:300])
    flag.unlink(missing_ok=True)


def _classify(exc: sqlite3.Error, path: Path) -> Exception:
    if is_corruption(exc):
        return BrokenFileError(str(exc))
    if path.is_file() and not os.access(path, os.R_OK | os.W_OK) and os.access(
        path.parent, os.W_OK
    ):
        return BrokenFileError("the file cannot be read or written")
    return exc


def _check_header(path: Path) -> None:
    """Catch what SQLite would only notice later: a short, foreign or truncated file."""
    if not path.exists() and not path.is_symlink():
        return
    if not path.is_file():
        raise BrokenFileError("it is not a regular file")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        if os.access(path.parent, os.W_OK):
            raise BrokenFileError(exc.strerror or str(exc)) from None
        raise
    if size == 0:
        return
    if len(header) < 100 or not header.startswith(_HEADER_MAGIC):
        raise BrokenFileError("file is not a database")
    raw_page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if raw_page_size == 1 else raw_page_size
    change_counter, pages = struct.unpack(">II", header[24:32])
    valid_for = struct.unpack(">I", header[92:96])[0]
    wal = path.with_name(path.name + "-wal")
    wal_pending = wal.exists() and wal.stat().st_size > 0
    # The in-header size counts only when valid-for matches the change counter; with a
    # non-empty WAL the file may legitimately lag behind (a checkpoint cut short).
    if pages and change_counter == valid_for and not wal_pending and size < pages * page_size:
        raise BrokenFileError(f"file is truncated: {size} of {pages * page_size} bytes")


def move_aside(path: Path) -> Path:
    """Rename ``path`` and its companions to ``<name>.corrupt-<local time>[-n]<suffix>``.

    Nothing is deleted. The companions go first: a stale ``-wal`` left behind would be
    replayed into the new file.
    """
    stamp = time.strftime("%Y%m%d-%H%M%S")
    dest = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while any(_exists(dest.with_name(dest.name + s)) for s in ("", *_COMPANIONS)):
        n += 1
        dest = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    for suffix in _COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if _exists(companion):
            companion.rename(dest.with_name(dest.name + suffix))
    path.rename(dest)
    return dest


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()

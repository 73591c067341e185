"""The cache's schema and its forward migrations.

``PRAGMA user_version`` holds the schema version. ``MIGRATIONS[n]`` takes a file from
version ``n`` to ``n + 1``; a new file runs them all, an older file runs the ones it
lacks, all inside one ``BEGIN IMMEDIATE`` transaction, so two processes opening the same
old file at once migrate it once. Statements are kept one by one (``executescript``
would commit the open transaction).
"""

from __future__ import annotations

import sqlite3

# Version 1: stories, their raw pages, aliases, teasers and teaser resolution records.
_V1 = (
    """
    CREATE TABLE story (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT,
        body TEXT NOT NULL DEFAULT '',
        markdown BLOB NOT NULL,
        meta TEXT NOT NULL,
        site TEXT NOT NULL DEFAULT '',
        extractor_version TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        fetched_ts REAL NOT NULL,
        last_read_ts REAL,
        last_used_ts REAL NOT NULL,
        position REAL NOT NULL DEFAULT 0,
        size INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX story_last_read ON story(last_read_ts) WHERE last_read_ts IS NOT NULL",
    "CREATE INDEX story_last_used ON story(last_used_ts)",
    "CREATE INDEX story_version ON story(extractor_version)",
    """
    CREATE TABLE page (
        story_id INTEGER PRIMARY KEY REFERENCES story(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        final_url TEXT NOT NULL,
        status INTEGER NOT NULL,
        content_type TEXT NOT NULL,
        charset TEXT,
        etag TEXT,
        last_modified TEXT,
        fetched_at TEXT,
        truncated INTEGER NOT NULL DEFAULT 0,
        redirects TEXT NOT NULL DEFAULT '[]',
        body BLOB NOT NULL,
        body_size INTEGER NOT NULL
    )
    """,
    """
    CREATE TABLE alias (
        url TEXT PRIMARY KEY,
        story_id INTEGER NOT NULL REFERENCES story(id) ON DELETE CASCADE
    ) WITHOUT ROWID
    """,
    "CREATE INDEX alias_story ON alias(story_id)",
    """
    CREATE TABLE story_teaser (
        story_id INTEGER NOT NULL REFERENCES story(id) ON DELETE CASCADE,
        rank INTEGER NOT NULL,
        link TEXT NOT NULL,
        url TEXT NOT NULL,
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        kind TEXT NOT NULL,
        image TEXT,
        PRIMARY KEY (story_id, rank)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX story_teaser_link ON story_teaser(link)",
    """
    CREATE TABLE teaser_link (
        url TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        final_url TEXT,
        title TEXT,
        site TEXT,
        published TEXT,
        error TEXT,
        updated_ts REAL NOT NULL
    ) WITHOUT ROWID
    """,
)

# Version 2: full-text search. An external-content FTS5 index over story.title and
# story.body (the text is stored once, in story), kept in step by triggers, and
# filled from the stories an older file already holds.
_V2 = (
    """
    CREATE VIRTUAL TABLE story_fts USING fts5(
        title, body, content='story', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER story_fts_insert AFTER INSERT ON story BEGIN
        INSERT INTO story_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END
    """,
    """
    CREATE TRIGGER story_fts_delete AFTER DELETE ON story BEGIN
        INSERT INTO story_fts(story_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END
    """,
    """
    CREATE TRIGGER story_fts_update AFTER UPDATE OF title, body ON story BEGIN
        INSERT INTO story_fts(story_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO story_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END
    """,
    "INSERT INTO story_fts(story_fts) VALUES ('rebuild')",
)

# Version 3: a small index over titles alone, so that search can put the stories whose
# title matches first without scanning the bodies' index (see cache_search).
_V3 = (
    """
    CREATE VIRTUAL TABLE title_fts USING fts5(
        title, content='story', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER title_fts_insert AFTER INSERT ON story BEGIN
        INSERT INTO title_fts(rowid, title) VALUES (new.id, new.title);
    END
    """,
    """
    CREATE TRIGGER title_fts_delete AFTER DELETE ON story BEGIN
        INSERT INTO title_fts(title_fts, rowid, title) VALUES ('delete', old.id, old.title);
    END
    """,
    """
    CREATE TRIGGER title_fts_update AFTER UPDATE OF title ON story BEGIN
        INSERT INTO title_fts(title_fts, rowid, title) VALUES ('delete', old.id, old.title);
        INSERT INTO title_fts(rowid, title) VALUES (new.id, new.title);
    END
    """,
    "INSERT INTO title_fts(title_fts) VALUES ('rebuild')",
)

# Version 4: subscriptions. A feed (``kind`` 'feed', or 'page' for a site followed
# through its front page's teasers), its tags, its items and the link between them: the
# same story in two feeds is one item (``item.url``, the story's normalised URL, is
# unique) with two ``feed_item`` rows. An item without a link is known by its feed and
# its id alone (``url`` NULL). Whether an item is offline is not stored: it is whether
# the story cache holds its URL, so pruning stories never leaves a wrong mark.
_V4 = (
    """
    CREATE TABLE feed (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT,
        site_url TEXT,
        kind TEXT NOT NULL DEFAULT 'feed' CHECK (kind IN ('feed', 'page')),
        etag TEXT,
        last_modified TEXT,
        added_ts REAL NOT NULL,
        last_success_ts REAL,
        last_error TEXT,
        last_error_ts REAL,
        not_before_ts REAL,
        dead INTEGER NOT NULL DEFAULT 0
    )
    """,
    """
    CREATE TABLE feed_tag (
        feed_id INTEGER NOT NULL REFERENCES feed(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        rank INTEGER NOT NULL,
        PRIMARY KEY (feed_id, tag)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX feed_tag_tag ON feed_tag(tag)",
    """
    CREATE TABLE item (
        id INTEGER PRIMARY KEY,
        url TEXT UNIQUE,
        title TEXT,
        published TEXT,
        sort_ts REAL NOT NULL,
        summary TEXT,
        content TEXT,
        author TEXT,
        first_seen_ts REAL NOT NULL,
        read INTEGER NOT NULL DEFAULT 0,
        fulltext TEXT NOT NULL DEFAULT 'pending'
            CHECK (fulltext IN ('pending', 'stored', 'failed', 'feed-only')),
        fulltext_error TEXT
    )
    """,
    "CREATE INDEX item_sort ON item(sort_ts DESC, id DESC)",
    "CREATE INDEX item_unread ON item(sort_ts DESC, id DESC) WHERE read = 0",
    "CREATE INDEX item_pending ON item(id) WHERE fulltext = 'pending'",
    """
    CREATE TABLE feed_item (
        feed_id INTEGER NOT NULL REFERENCES feed(id) ON DELETE CASCADE,
        guid TEXT NOT NULL,
        item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
        seen_ts REAL NOT NULL,
        PRIMARY KEY (feed_id, guid)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX feed_item_item ON feed_item(item_id, seen_ts)",
)

# Version 5: pictures. A picture is stored once, by its address, however many stories
# show it (``story_picture`` links them); its bytes are kept as they came (JPEG, PNG, GIF
# or WebP: compressing them again gains nothing) with what its header says. When its
# last link goes (its last story deleted or pruned) the picture goes too (a trigger).
_V5 = (
    """
    CREATE TABLE picture (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        data BLOB NOT NULL,
        media_type TEXT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        size INTEGER NOT NULL,
        fetched_ts REAL NOT NULL
    )
    """,
    """
    CREATE TABLE story_picture (
        story_id INTEGER NOT NULL REFERENCES story(id) ON DELETE CASCADE,
        picture_id INTEGER NOT NULL REFERENCES picture(id) ON DELETE CASCADE,
        PRIMARY KEY (story_id, picture_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX story_picture_picture ON story_picture(picture_id)",
    """
    CREATE TRIGGER story_picture_orphan AFTER DELETE ON story_picture BEGIN
        DELETE FROM picture WHERE id = old.picture_id
            AND NOT EXISTS (SELECT 1 FROM story_picture WHERE picture_id = old.picture_id);
    END
    """,
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2, _V3, _V4, _V5)
SCHEMA_VERSION = len(MIGRATIONS)


class NewerSchemaError(Exception):
    """The file was written by a newer ``reader`` whose schema this one does not know."""

    def __init__(self, version: int) -> None:
        super().__init__(f"schema version {version} is newer than {SCHEMA_VERSION}")
        self.version = version


def user_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def apply_migrations(conn: sqlite3.Connection, upto: int = SCHEMA_VERSION) -> int:
    """Bring the file to version ``upto`` (the connection must be in autocommit mode).

    Returns the version the file had before. Raises ``NewerSchemaError`` for a file
    newer than this code.
    """
    before = user_version(conn)
    if before > SCHEMA_VERSION:
        raise NewerSchemaError(before)
    if before >= upto:
        return before
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = user_version(conn)  # another process may have migrated meanwhile
        if current > SCHEMA_VERSION:
            raise NewerSchemaError(current)
        for version in range(current, upto):
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return before

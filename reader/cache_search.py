"""Full-text search over the stored stories (FTS5), fast on a large cache.

What makes it fast (see benchmarks/bench_cache.py for the figures):

- Ranking is bounded. bm25 costs a lookup and a walk over the term's positions per
  matching row, so a word found in every story would be scored 100,000 times. When a
  query matches more than ``CANDIDATES`` stories, the stories whose *title* matches
  come first (ranked on a small index of titles alone), then the best of the newest
  ``CANDIDATES`` matches (walking the match list by rowid costs little). Fewer matches
  are all ranked, so rare words are exact.
- Snippets are made only for the hits returned, one indexed lookup each, never for
  every match.
- The text is stored once: the index is external-content over ``story``.

User queries never reach FTS5 syntax: every word is quoted. Supported forms are plain
words (all must match), ``"a phrase"`` in double quotes, and ``word*`` for a prefix;
every other character is a separator, and the bare words AND, OR, NOT are dropped (there
are no operators: every word must match).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

CANDIDATES = 4000
TITLE_WEIGHT = 8.0
BODY_WEIGHT = 1.0
SNIPPET_TOKENS = 16
OPEN_MARK = "«"
CLOSE_MARK = "»"
ELLIPSIS = "…"

# A "phrase", or a word with an optional trailing * (prefix).
_PART = re.compile(r'"([^"]*)"|([^\W_]+)(\*?)')
_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")
_OPERATORS = frozenset({"AND", "OR", "NOT"})


def fts_query(query: str) -> str | None:
    """A safe FTS5 expression for a user's query, or None when it holds no word."""
    parts: list[str] = []
    for match in _PART.finditer(query):
        phrase, word, star = match.groups()
        if phrase is not None:
            words = _WORD.findall(phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
        elif word and word not in _OPERATORS:
            parts.append(f'"{word}"' + ("*" if star else ""))
    if not parts:
        return None
    return " ".join(parts)


@dataclass(frozen=True)
class Hit:
    story_id: int
    url: str
    title: str | None
    site: str
    last_read_ts: float | None
    snippet: str


def _floor(conn: sqlite3.Connection, table: str, expression: str, bound: int) -> int | None:
    """The rowid of the ``bound``-th newest match, or None when fewer match."""
    row = conn.execute(
        f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        (expression, bound - 1),
    ).fetchone()
    return None if row is None else int(row[0])


def _ranked(
    conn: sqlite3.Connection, table: str, expression: str, limit: int, floor: int | None
) -> list[int]:
    """Best bm25 first among the matches with rowid >= floor (all when None)."""
    weights = f", {TITLE_WEIGHT}, {BODY_WEIGHT}" if table == "story_fts" else ""
    sql = (
        f"SELECT rowid FROM {table} WHERE {table} MATCH ? AND rowid >= ? "
        f"ORDER BY bm25({table}{weights}), rowid DESC LIMIT ?"
    )
    rows = conn.execute(sql, (expression, floor or 0, limit)).fetchall()
    return [int(r[0]) for r in rows]


def search_ids(conn: sqlite3.Connection, expression: str, limit: int) -> list[int]:
    """Story ids, best match first.

    Up to ``CANDIDATES`` matches: every match ranked by bm25 over title and body (the
    title weighted). More: first the stories whose title holds the query (bm25 over the
    titles' own small index, among its newest ``CANDIDATES`` matches), then the best of
    the newest ``CANDIDATES`` matches by bm25 over title and body.
    """
    floor = _floor(conn, "story_fts", expression, CANDIDATES)
    if floor is None:
        return _ranked(conn, "story_fts", expression, limit, None)
    title_floor = _floor(conn, "title_fts", expression, CANDIDATES)
    titled = _ranked(conn, "title_fts", expression, limit, title_floor)
    rest = _ranked(conn, "story_fts", expression, limit + len(titled), floor)
    seen = set(titled)
    return [*titled, *(i for i in rest if i not in seen)][:limit]


def hit(conn: sqlite3.Connection, expression: str, story_id: int) -> Hit | None:
    row = conn.execute(
        "SELECT s.url, s.title, s.site, s.last_read_ts, "
        f"snippet(story_fts, 1, '{OPEN_MARK}', '{CLOSE_MARK}', '{ELLIPSIS}', {SNIPPET_TOKENS}) "
        "FROM story_fts JOIN story AS s ON s.id = story_fts.rowid "
        "WHERE story_fts MATCH ? AND story_fts.rowid = ?",
        (expression, story_id),
    ).fetchone()
    if row is None:
        return None
    snippet = _SPACE.sub(" ", row[4] or "").strip()
    return Hit(story_id, row[0], row[1], row[2], row[3], snippet)

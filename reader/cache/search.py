"""Full-text search over the stored stories (FTS5), fast on a large cache.

What makes it fast (see benchmarks/bench_cache.py for the figures):

- Ranking is bounded. bm25 costs a lookup and a walk over the term's positions per
  matching row, so a word found in every story would be scored 100,000 times. When a
  query matches more than ``CANDIDATES`` stories, the stories whose *title* matches
  come first (ranked on a small index of titles alone), then the best of the newest
  ``CANDIDATES`` matches (walking the match list by rowid costs little). Fewer matches
  are all ranked, so rare words are exact.
- A query whose words are all in more than half the stories (the commonest words)
  skips bm25 for the bodies: FTS5 floors such a word's IDF at 1e-6, so its scores
  cannot tell stories apart; the title matches, then the newest, come first.
- Snippets are made only for the hits returned, in Python (``cache_snippet``), never
  for every match and never by FTS5's costly snippet().
- The text is stored once: the index is external-content over ``story``.

User queries never reach FTS5 syntax: every word is quoted. Supported forms are plain
words (all must match), ``"a phrase"`` in double quotes, and ``word*`` for a prefix;
every other character is a separator, and the bare words AND, OR, NOT are dropped (there
are no operators: every word must match). Only the first ``MAX_TERMS`` count.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from reader.cache.snippet import make_snippet, term_pattern

CANDIDATES = 4000
TITLE_WEIGHT = 8.0
BODY_WEIGHT = 1.0
DENSE = 0.5
"""When the newest ``CANDIDATES`` matches lie within the newest ``CANDIDATES / DENSE``
stories, the query's words are in more than half the stories: bm25 gives them no weight."""
MAX_TERMS = 32
"""Words and phrases of a query beyond this many are ignored (each costs a lookup)."""

# A "phrase", or a word with an optional trailing * (prefix).
_PART = re.compile(r'"([^"]*)"|([^\W_]+)(\*?)')
_WORD = re.compile(r"[^\W_]+")
_OPERATORS = frozenset({"AND", "OR", "NOT"})


@dataclass(frozen=True)
class Query:
    expression: str
    """The FTS5 expression: every word quoted."""
    terms: tuple[tuple[str, bool], ...]
    """(word, is_prefix) for marking snippets."""


def parse_query(query: str) -> Query | None:
    """A safe FTS5 expression for a user's query, or None when it holds no word."""
    parts: list[str] = []
    terms: list[tuple[str, bool]] = []
    for match in _PART.finditer(query):
        phrase, word, star = match.groups()
        if phrase is not None:
            words = _WORD.findall(phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
                terms.extend((w, False) for w in words)
        elif word and word not in _OPERATORS:
            parts.append(f'"{word}"' + ("*" if star else ""))
            terms.append((word, bool(star)))
    if not parts:
        return None
    return Query(" ".join(parts[:MAX_TERMS]), tuple(terms[: MAX_TERMS * 4]))


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
    newest = conn.execute("SELECT max(id) FROM story").fetchone()[0] or 0
    if DENSE * (newest - floor + 1) <= CANDIDATES:
        # Every word is in more than half the stories: FTS5 floors their IDF at 1e-6,
        # bm25 cannot tell the stories apart, so the newest come first.
        rest = [int(r[0]) for r in conn.execute(
            "SELECT rowid FROM story_fts WHERE story_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
            (expression, limit + len(titled)),
        )]
    else:
        rest = _ranked(conn, "story_fts", expression, limit + len(titled), floor)
    seen = set(titled)
    return [*titled, *(i for i in rest if i not in seen)][:limit]


def hits(conn: sqlite3.Connection, query: Query, ids: Sequence[int]) -> list[Hit]:
    """The stories ``ids`` in that order, each with a snippet of its body."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT id, url, title, site, last_read_ts, body FROM story WHERE id IN ({marks})",
        list(ids),
    ).fetchall()
    by_id = {int(r[0]): r for r in rows}
    pattern = term_pattern(query.terms)
    out: list[Hit] = []
    for story_id in ids:
        row = by_id.get(story_id)
        if row is not None:
            snippet = make_snippet(str(row[5] or ""), pattern)
            out.append(Hit(story_id, row[1], row[2], row[3], row[4], snippet))
    return out

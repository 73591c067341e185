"""How values are turned into SQLite columns and back (no SQL here).

An ``Article`` is stored as three searchable/plain columns (title, body text, zlib'd
Markdown) plus a JSON object for every other field. ``published`` keeps its kind: a
``date`` stays a date, a naive ``datetime`` stays naive, an aware one keeps its offset
(and its zone name when it is a ``ZoneInfo``).
"""

from __future__ import annotations

import contextlib
import json
import sys
import zlib
from dataclasses import fields
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

from reader.extract import clean_text
from reader.model import Article, Teaser

COMPRESS_LEVEL = 6

# Fields of Article that live in their own columns rather than in the JSON object.
_COLUMN_FIELDS = frozenset({"title", "text", "markdown"})


# C0/C1 controls but tab and newline, and bidirectional embeddings/overrides/isolates.
def plain(text: str) -> str:
    """Text for a list row: the extractor already cleaned it; this is a second fence
    for rows written by other code (or an older version) — no control characters."""
    return clean_text(text)


def url_key(url: str) -> str:
    """The form of a URL used as a lookup key: the fragment never reaches a server."""
    return url.split("#", 1)[0]


def host_of(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def compress(data: bytes) -> bytes:
    return zlib.compress(data, COMPRESS_LEVEL)


def decompress(data: bytes) -> bytes:
    return zlib.decompress(data)


def encode_when(value: datetime | date | None) -> dict[str, str] | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        out = {"datetime": value.isoformat()}
        # zoneinfo is imported only when needed: until something has imported it, no
        # datetime can carry a ZoneInfo.
        zoneinfo = sys.modules.get("zoneinfo")
        if zoneinfo is not None and isinstance(value.tzinfo, zoneinfo.ZoneInfo):
            out["zone"] = value.tzinfo.key
        return out
    return {"date": value.isoformat()}


def decode_when(value: object) -> datetime | date | None:
    if not isinstance(value, dict):
        return None
    if "date" in value:
        return date.fromisoformat(str(value["date"]))
    if "datetime" not in value:
        return None
    moment = datetime.fromisoformat(str(value["datetime"]))
    zone = value.get("zone")
    if zone and moment.tzinfo is not None:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        with contextlib.suppress(ZoneInfoNotFoundError, ValueError):
            moment = moment.astimezone(ZoneInfo(str(zone)))
    return moment


def _encode_teaser(teaser: Teaser) -> dict[str, Any]:
    return {
        "url": teaser.url,
        "title": teaser.title,
        "summary": teaser.summary,
        "kind": teaser.kind,
        "image": teaser.image,
    }


def decode_teaser(raw: dict[str, Any]) -> Teaser:
    return Teaser(
        url=str(raw["url"]),
        title=str(raw.get("title") or ""),
        summary=str(raw.get("summary") or ""),
        kind=raw.get("kind") or "list",
        image=raw.get("image"),
    )


def encode_meta(article: Article) -> str:
    """JSON of every Article field but the three stored in columns."""
    meta: dict[str, Any] = {}
    for f in fields(Article):
        if f.name in _COLUMN_FIELDS:
            continue
        value = getattr(article, f.name)
        if f.name == "published":
            meta[f.name] = encode_when(value)
        elif f.name == "teasers":
            meta[f.name] = [_encode_teaser(t) for t in value]
        else:
            meta[f.name] = value
    return json.dumps(meta, ensure_ascii=False, separators=(",", ":"))


def decode_article(title: str | None, text: str, markdown_z: bytes, meta_json: str) -> Article:
    meta: dict[str, Any] = json.loads(meta_json)
    known = {f.name for f in fields(Article)} - _COLUMN_FIELDS
    values: dict[str, Any] = {k: v for k, v in meta.items() if k in known}
    values["published"] = decode_when(meta.get("published"))
    values["teasers"] = tuple(decode_teaser(t) for t in meta.get("teasers") or ())
    return Article(
        title=title,
        text=text,
        markdown=decompress(markdown_z).decode("utf-8"),
        **values,
    )


def now_utc() -> datetime:
    return datetime.now(UTC)


def to_timestamp(moment: datetime) -> float:
    """Seconds since the epoch; a naive datetime is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def local_time(timestamp: float | None) -> datetime | None:
    """An aware datetime in the machine's local zone (None stays None)."""
    if timestamp is None:
        return None
    return datetime.fromtimestamp(timestamp, UTC).astimezone()

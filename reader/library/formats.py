"""Renderings of an ``Article`` for ``reader extract``, ``reader cache show`` and ``s`` (save).

Pure: strings in, strings out. Page text is already terminal-safe (the extractor
sanitises every field); the renderings sanitise again, cheaply, so that a bug upstream
still cannot put an escape sequence on a user's terminal.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date, datetime
from typing import Any

from reader.extract import clean_text, one_line
from reader.model import Article

FORMATS = ("markdown", "json", "text")

# Characters that Markdown could read as syntax inside a line of text.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&!])")
# Syntax that only counts at the start of a line: headings, quotes, lists, rules.
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


def _escape_line_start(m: re.Match[str]) -> str:
    lead, mark = m.group(1), m.group(2)
    if mark.isdigit():  # "1. x" is a list item; "1\. x" is text (a digit has no escape)
        return f"{lead}{mark}\\"
    return f"{lead}\\{mark}"


def escape_markdown(text: str) -> str:
    """One line of page text that Markdown shows literally (no emphasis, link or HTML)."""
    line = _MD_INLINE.sub(r"\\\1", one_line(text))
    line = _MD_LINE_START.sub(_escape_line_start, line)
    # A run of "#" at the end of an ATX heading would be read as its closing sequence.
    return re.sub(r"(\s)(#+)$", lambda m: m.group(1) + "\\" + m.group(2), line)


def iso_published(value: datetime | date | None) -> str | None:
    """ISO 8601 as the JSON contract has it: ``YYYY-MM-DD`` when only the day is known,
    else date and time with offset. A time the page gave without an offset names no
    instant, so only its day is given."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            return value.date().isoformat()
        return value.isoformat()
    return value.isoformat()


def _day(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value.isoformat()


def meta_line(article: Article, url: str | None) -> str:
    """``byline · site · date · URL``, only the parts that exist; "" when none does."""
    parts: list[str] = []
    for text in (article.byline, article.site_name):
        if text and one_line(text):
            parts.append(escape_markdown(text))
    day = _day(article.published)
    if day:
        parts.append(day)
    if url:
        parts.append(one_line(url))
    return " · ".join(parts)


def to_markdown(article: Article, url: str | None) -> str:
    """``# <title>``, the meta line, a blank line, the body (ends with one newline)."""
    title = escape_markdown(article.title or "") or "Untitled"
    head = f"# {title}\n"
    meta = meta_line(article, url)
    if meta:
        head += meta + "\n"
    body = clean_text(article.markdown).strip("\n")
    return f"{head}\n{body}\n"


def to_text(article: Article) -> str:
    """The title, a blank line, the body text (the body alone when there is no title)."""
    body = clean_text(article.text).strip("\n")
    title = one_line(article.title or "")
    return f"{title}\n\n{body}\n" if title else f"{body}\n"


def to_dict(article: Article, url: str | None, *, truncated: bool = False) -> dict[str, Any]:
    """The JSON contract of DESIGN.md as a plain dict."""
    return {
        "url": url,
        "canonical_url": article.canonical_url,
        "title": article.title,
        "byline": article.byline,
        "published": iso_published(article.published),
        "site_name": article.site_name,
        "lead_image": article.lead_image,
        "language": article.language,
        "body_source": article.body_source,
        "truncated": truncated,
        "markdown": article.markdown,
        "text": article.text,
        "teasers": [
            {
                "url": t.url,
                "title": t.title,
                "summary": t.summary or "",
                "kind": t.kind,
                "image": t.image,
            }
            for t in article.teasers
        ],
    }


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def to_json(article: Article, url: str | None, *, truncated: bool = False) -> str:
    """The JSON contract, indented, ending with a newline (see ``dump_json``)."""
    return dump_json(to_dict(article, url, truncated=truncated))


def dump_json(data: object) -> str:
    """``data`` as indented JSON ending with a newline. Non-ASCII stays as is, but DEL,
    C1 controls, line separators and bidi overrides are written as ``\\uXXXX`` escapes
    (JSON escapes C0 controls itself): the text survives, the terminal is safe."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def render(article: Article, fmt: str, url: str | None, *, truncated: bool = False) -> str:
    """The article in one of ``FORMATS``."""
    if fmt == "json":
        return to_json(article, url, truncated=truncated)
    if fmt == "text":
        return to_text(article)
    return to_markdown(article, url)


def _yaml_str(value: str | None) -> str:
    # A JSON string with ASCII escapes is a valid YAML double-quoted scalar.
    return "null" if value is None else json.dumps(one_line(value))


def front_matter_document(article: Article, url: str | None, saved: datetime) -> str:
    """Markdown with YAML front matter (title, byline, site, published, url, saved), then
    the title as a heading and the body."""
    lines = [
        "---",
        f"title: {_yaml_str(article.title)}",
        f"byline: {_yaml_str(article.byline)}",
        f"site: {_yaml_str(article.site_name)}",
        f"published: {_yaml_str(iso_published(article.published))}",
        f"url: {_yaml_str(url)}",
        f"saved: {_yaml_str(saved.isoformat(timespec='seconds'))}",
        "---",
        "",
        "",
    ]
    title = escape_markdown(article.title or "") or "Untitled"
    body = clean_text(article.markdown).strip("\n")
    return "\n".join(lines) + f"# {title}\n\n{body}\n"


def slug(title: str | None, *, limit: int = 80) -> str:
    """A file-name-safe slug of ``title`` (letters of any script kept), "story" if empty."""
    text = unicodedata.normalize("NFKC", one_line(title or "")).casefold()
    text = re.sub(r"[^\w]+", "-", text).strip("-_")
    text = text[:limit].rstrip("-_")
    return text or "story"

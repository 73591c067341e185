"""The renderings of ``reader extract`` / ``cache show`` / save (pure, no I/O)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

from reader.library.formats import (
    escape_markdown,
    front_matter_document,
    iso_published,
    meta_line,
    one_line,
    render,
    slug,
    to_json,
    to_markdown,
    to_text,
)
from reader.model import Article, Teaser

STORY = Article(
    title="Tide gauge at the old pier reads high",
    byline="Maren Holt, Ivo Brandt",
    published=date(2026, 3, 14),
    site_name="The Harbour Gazette",
    canonical_url="https://gazette.test/tide-gauge",
    lead_image="https://gazette.test/img/pier.jpg",
    language="en",
    markdown="The gauge read **high** on Tuesday.\n\nHarbour staff checked it twice.",
    text="The gauge read high on Tuesday.\n\nHarbour staff checked it twice.",
    teasers=(
        Teaser("https://gazette.test/ferry", "Ferry timetable changes", "", "related"),
        Teaser(
            "https://gazette.test/gulls",
            "Gulls return",
            "A short note.",
            "list",
            "https://gazette.test/g.jpg",
        ),
    ),
)


def test_markdown_has_title_meta_line_blank_line_and_body() -> None:
    out = to_markdown(STORY, "https://gazette.test/tide-gauge")
    lines = out.split("\n")
    assert lines[0] == "# Tide gauge at the old pier reads high"
    assert lines[1] == (
        "Maren Holt, Ivo Brandt · The Harbour Gazette · 2026-03-14 · https://gazette.test/tide-gauge"
    )
    assert lines[2] == ""
    assert "\n".join(lines[3:]) == STORY.markdown + "\n"


def test_markdown_meta_line_keeps_only_the_parts_that_exist() -> None:
    bare = Article(title="Only a title", markdown="Body.", text="Body.")
    assert to_markdown(bare, None) == "# Only a title\n\nBody.\n"
    assert meta_line(Article(site_name="Site"), "https://x.test/a") == "Site · https://x.test/a"


def test_markdown_escapes_page_text_in_title_and_byline() -> None:
    art = Article(
        title="A *bold* [link](javascript:x) <b>", byline="# not_a_heading", markdown="b", text="b"
    )
    first, second = to_markdown(art, None).split("\n")[:2]
    assert first == r"# A \*bold\* \[link\](javascript:x) \<b\>"
    assert second == r"\# not\_a\_heading"


def test_escape_markdown_neutralises_line_start_syntax_and_closing_hashes() -> None:
    assert escape_markdown("- item") == r"\- item"
    assert escape_markdown("1. first") == r"1\. first"
    assert escape_markdown("> quote") == r"\> quote"
    assert escape_markdown("Title ##") == r"Title \##"
    assert escape_markdown("multi\nline\ttext") == "multi line text"


def test_text_is_title_blank_line_body() -> None:
    assert to_text(STORY) == f"{STORY.title}\n\n{STORY.text}\n"
    assert to_text(Article(text="Just body.")) == "Just body.\n"


def test_json_has_every_contract_key() -> None:
    data = json.loads(to_json(STORY, "https://gazette.test/tide-gauge", truncated=True))
    assert data["url"] == "https://gazette.test/tide-gauge"
    assert data["published"] == "2026-03-14"
    assert data["byline"] == "Maren Holt, Ivo Brandt"
    assert data["truncated"] is True
    assert data["body_source"] == "page"
    assert data["markdown"] == STORY.markdown and data["text"] == STORY.text
    assert data["teasers"] == [
        {
            "url": "https://gazette.test/ferry",
            "title": "Ferry timetable changes",
            "summary": "",
            "kind": "related",
            "image": None,
        },
        {
            "url": "https://gazette.test/gulls",
            "title": "Gulls return",
            "summary": "A short note.",
            "kind": "list",
            "image": "https://gazette.test/g.jpg",
        },
    ]
    for key in ("canonical_url", "title", "site_name", "lead_image", "language"):
        assert key in data
    assert json.loads(to_json(Article(), None))["url"] is None


def test_published_iso_forms() -> None:
    cet = timezone(timedelta(hours=1))
    assert iso_published(date(2026, 1, 2)) == "2026-01-02"
    assert iso_published(datetime(2026, 1, 2, 9, 30, tzinfo=cet)) == "2026-01-02T09:30:00+01:00"
    assert iso_published(None) is None


def test_a_time_without_offset_gives_its_day_only() -> None:
    # The JSON contract allows a day alone or a date and time *with* offset; a page's
    # local time with no zone names no instant, so only its day is printed.
    assert iso_published(datetime(2026, 1, 2, 23, 30)) == "2026-01-02"


def test_renderings_strip_control_and_bidi_characters() -> None:
    art = Article(
        title="Evil\x1b]0;pwned\x07 title\u202e",
        byline="x\x9by",
        markdown="body\x1b[2J here",
        text="body\x1b[2J here",
    )
    for fmt in ("markdown", "text"):
        out = render(art, fmt, None)
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
        assert "\x9b" not in out
    raw = render(art, "json", None)
    assert "\\u001b" in raw and "\\u009b" in raw and "\\u202e" in raw  # escaped, never raw
    assert "\x1b" not in raw and "\x9b" not in raw and "\u202e" not in raw
    assert json.loads(raw)["byline"] == "x\x9by"


def test_front_matter_document_is_yaml_then_markdown() -> None:
    saved = datetime(2026, 3, 15, 8, 0, tzinfo=UTC)
    doc = front_matter_document(STORY, "https://gazette.test/tide-gauge", saved)
    head, body = doc.split("\n---\n", 1)
    assert head.splitlines() == [
        "---",
        'title: "Tide gauge at the old pier reads high"',
        'byline: "Maren Holt, Ivo Brandt"',
        'site: "The Harbour Gazette"',
        'published: "2026-03-14"',
        'url: "https://gazette.test/tide-gauge"',
        'saved: "2026-03-15T08:00:00+00:00"',
    ]
    assert body == f"\n# {STORY.title}\n\n{STORY.markdown}\n"
    odd = front_matter_document(Article(title='Say "hi"\nnow'), None, saved)
    assert 'title: "Say \\"hi\\" now"' in odd and "byline: null" in odd


def test_slug() -> None:
    assert (
        slug("Tide gauge at the old pier: reads HIGH!") == "tide-gauge-at-the-old-pier-reads-high"
    )
    assert slug("Ünïcode façade") == "ünïcode-façade"
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("") == "story" and slug(None) == "story" and slug("!!!") == "story"
    assert len(slug("word " * 100)) <= 80


def test_one_line() -> None:
    assert one_line(" a\tb\nc\r\n d ") == "a b c d"

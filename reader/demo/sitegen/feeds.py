"""The demo's feeds: one section in RSS 2.0, one in Atom, one in JSON Feed; culture has
none (a reader follows it through its front page). Like most real feeds they carry each
story's summary only: the full story is on the page.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape

from reader.demo.sitegen.chrome import Site
from reader.demo.sitegen.source import ORIGIN, PAPER, SECTIONS, Story

RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
JSON_FEED = "application/feed+json; charset=utf-8"

FEEDS: dict[str, tuple[str, str]] = {
    "news": ("/news/rss.xml", RSS),
    "business": ("/business/atom.xml", ATOM),
    "sport": ("/sport/feed.json", JSON_FEED),
}
"""Section → (the feed's path, its type). A section missing here has no feed."""


def _when(story: Story) -> datetime:
    return (story.modified or story.published).astimezone(UTC)


def _rfc822(value: datetime) -> str:
    return format_datetime(value.astimezone(UTC), usegmt=True)


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def rss(site: Site, section: str) -> str:
    name = SECTIONS[section]
    stories = site.in_section(section)
    items = "".join(
        f"""
  <item>
   <title>{escape(s.title)}</title>
   <link>{escape(s.url)}</link>
   <guid isPermaLink="true">{escape(s.url)}</guid>
   <pubDate>{_rfc822(s.published)}</pubDate>
   <dc:creator>{escape(", ".join(a.name for a in s.authors))}</dc:creator>
   <description>{escape(s.summary)}</description>
  </item>"""
        for s in stories
    )
    newest = max((_when(s) for s in stories), default=datetime(2026, 1, 1, tzinfo=UTC))
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
 <channel>
  <title>{escape(PAPER)}: {escape(name)}</title>
  <link>{ORIGIN}/{section}/</link>
  <description>{escape(name)} from Wrenmouth, newest first.</description>
  <language>en-gb</language>
  <lastBuildDate>{_rfc822(newest)}</lastBuildDate>{items}
 </channel>
</rss>
"""


def atom(site: Site, section: str) -> str:
    name = SECTIONS[section]
    path, _ = FEEDS[section]
    stories = site.in_section(section)
    entries = "".join(
        f"""
 <entry>
  <id>{escape(s.url)}</id>
  <title>{escape(s.title)}</title>
  <link rel="alternate" type="text/html" href="{escape(s.url)}"/>
  <published>{_iso(s.published)}</published>
  <updated>{_iso(_when(s))}</updated>
  {"".join(f"<author><name>{escape(a.name)}</name></author>" for a in s.authors)}
  <summary>{escape(s.summary)}</summary>
 </entry>"""
        for s in stories
    )
    newest = max((_when(s) for s in stories), default=datetime(2026, 1, 1, tzinfo=UTC))
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">
 <id>{ORIGIN}{path}</id>
 <title>{escape(PAPER)}: {escape(name)}</title>
 <link rel="self" href="{ORIGIN}{path}"/>
 <link rel="alternate" type="text/html" href="{ORIGIN}/{section}/"/>
 <updated>{_iso(newest)}</updated>{entries}
</feed>
"""


def json_feed(site: Site, section: str) -> str:
    name = SECTIONS[section]
    path, _ = FEEDS[section]
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{PAPER}: {name}",
        "home_page_url": f"{ORIGIN}/{section}/",
        "feed_url": ORIGIN + path,
        "language": "en-GB",
        "items": [
            {
                "id": s.url,
                "url": s.url,
                "title": s.title,
                "summary": s.summary,
                "date_published": _iso(s.published),
                "date_modified": _iso(_when(s)),
                "authors": [{"name": a.name} for a in s.authors],
            }
            for s in site.in_section(section)
        ],
    }
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def render(site: Site, section: str) -> str:
    """The feed of ``section`` (one of ``FEEDS``)."""
    _, kind = FEEDS[section]
    if kind == RSS:
        return rss(site, section)
    if kind == ATOM:
        return atom(site, section)
    return json_feed(site, section)


def alternate_link(section: str) -> str | None:
    """The ``<link rel="alternate">`` a page of ``section`` carries for its feed."""
    if section not in FEEDS:
        return None
    path, kind = FEEDS[section]
    media = kind.split(";")[0]
    return (
        f'<link rel="alternate" type="{media}" title="{escape(PAPER)}: '
        f'{escape(SECTIONS[section])}" href="{ORIGIN}{path}">'
    )

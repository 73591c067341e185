"""Pieces every page template shares: the head, menus, banners, sidebars and footer."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any

from reader.demo.sitegen.source import (
    AUTHORS,
    MOST_READ,
    ORIGIN,
    PAPER,
    SECTIONS,
    TRENDING,
    Story,
)


def esc(text: str) -> str:
    return escape(text, quote=True)


@dataclass(frozen=True)
class Site:
    """All the stories, and the look-ups templates need."""

    stories: tuple[Story, ...]

    def story(self, path: str) -> Story:
        for s in self.stories:
            if s.path == path:
                return s
        raise KeyError(path)

    def in_section(self, section: str, but: Story | None = None) -> list[Story]:
        return [s for s in self.stories if s.section == section and s is not but]

    def neighbours(self, story: Story) -> tuple[Story | None, Story | None]:
        """(older, newer) story by date."""
        i = self.stories.index(story)
        older = self.stories[i + 1] if i + 1 < len(self.stories) else None
        newer = self.stories[i - 1] if i > 0 else None
        return older, newer


def head(
    title: str,
    description: str,
    canonical: str,
    *,
    og_type: str = "website",
    image: str | None = None,
    extra_meta: list[tuple[str, str, str]] | None = None,
    jsonld: dict[str, Any] | None = None,
    links: tuple[str, ...] = (),
) -> str:
    """The ``<head>`` element. ``extra_meta`` holds (attribute, name, content) rows."""
    rows = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)} | {PAPER}</title>",
        f'<meta name="description" content="{esc(description)}">',
        f'<link rel="canonical" href="{esc(canonical)}">',
        '<link rel="stylesheet" href="/static/site.css">',
        '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">',
        *links,
        f'<meta property="og:site_name" content="{PAPER}">',
        f'<meta property="og:type" content="{og_type}">',
        f'<meta property="og:title" content="{esc(title)}">',
        f'<meta property="og:description" content="{esc(description)}">',
        f'<meta property="og:url" content="{esc(canonical)}">',
        '<meta property="og:locale" content="en_GB">',
    ]
    if image:
        rows.append(f'<meta property="og:image" content="{esc(ORIGIN + image)}">')
        rows.append('<meta name="twitter:card" content="summary_large_image">')
    for attr, name, content in extra_meta or []:
        rows.append(f'<meta {attr}="{esc(name)}" content="{esc(content)}">')
    if jsonld is not None:
        data = json.dumps(jsonld, ensure_ascii=False, indent=1).replace("</", "<\\/")
        rows.append(f'<script type="application/ld+json">\n{data}\n</script>')
    rows.append('<script src="/static/site.js" defer></script>')
    return "<head>\n" + "\n".join(rows) + "\n</head>\n"


def news_article_ld(story: Story) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title,
        "description": story.summary,
        "datePublished": story.published.isoformat(),
        "author": [
            {"@type": "Person", "name": a.name, "url": ORIGIN + a.path} for a in story.authors
        ],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": PAPER,
            "logo": {"@type": "ImageObject", "url": ORIGIN + "/static/img/logo.svg"},
        },
        "mainEntityOfPage": {"@type": "WebPage", "@id": story.url},
        "articleSection": SECTIONS[story.section],
        "keywords": ", ".join(story.tags),
        "inLanguage": "en-GB",
    }
    if story.modified:
        data["dateModified"] = story.modified.isoformat()
    if story.image:
        data["image"] = [ORIGIN + story.image.src]
    return data


def story_head(story: Story) -> str:
    meta = [
        ("property", "article:published_time", story.published.isoformat()),
        ("property", "article:section", SECTIONS[story.section]),
    ]
    meta += [("property", "article:tag", t) for t in story.tags]
    if not story.jsonld:
        meta.append(("name", "author", ", ".join(a.name for a in story.authors)))
    return head(
        story.title,
        story.summary,
        story.url,
        og_type="article",
        image=story.image.src if story.image else None,
        extra_meta=meta,
        jsonld=news_article_ld(story) if story.jsonld else None,
    )


def section_links(css: str) -> str:
    items = "".join(
        f'<li class="{css}"><a href="/{slug}/">{name}</a></li>' for slug, name in SECTIONS.items()
    )
    return items + f'<li class="{css}"><a href="/about/">About us</a></li>'


def cookie_banner(style: str = "dialog") -> str:
    text = (
        "We use a few cookies to remember your settings and to count visits, never to "
        "follow you around the web."
    )
    if style == "bar":
        return (
            '<div class="consent-bar" data-consent="pending">\n'
            f"<span>{text}</span> "
            '<a href="/about/cookies">Cookie policy</a> '
            '<button type="button" data-consent="yes">OK</button>\n</div>\n'
        )
    return (
        '<div id="cookie-notice" class="cookie-banner" role="dialog" aria-label="Cookies">\n'
        f"<p>{text} <a href=\"/about/cookies\">Read our cookie policy</a>.</p>\n"
        '<button type="button" class="accept">Accept all</button> '
        '<button type="button" class="reject">Only the essential ones</button>\n</div>\n'
    )


def newsletter_box(tag: str = "section", heading: str = "h2") -> str:
    return (
        f'<{tag} class="newsletter-signup">\n'
        f"<{heading}>The Lantern in your inbox</{heading}>\n"
        "<p>Wrenmouth's news every weekday morning at seven. Free, and easy to leave.</p>\n"
        '<form action="/newsletter/" method="post">'
        '<label for="nl-email">Email address</label> '
        '<input id="nl-email" type="email" name="email" placeholder="you@example.org"> '
        '<button type="submit">Sign me up</button></form>\n'
        f"</{tag}>\n"
    )


def most_read(site: Site, heading: str = "h2", css: str = "most-read") -> str:
    items = []
    for rank, path in enumerate(MOST_READ, 1):
        s = site.story(path)
        href = f"{path}?utm_source=mostread&amp;utm_medium=sidebar&amp;utm_content={rank}"
        items.append(
            f'<li><span class="rank">{rank}</span> <a href="{href}">{esc(s.title)}</a></li>'
        )
    return (
        f'<section class="{css}">\n<{heading} class="widget-title">Most read</{heading}>\n'
        "<ol>\n" + "\n".join(items) + "\n</ol>\n</section>\n"
    )


def trending_nav(site: Site) -> str:
    links = " ".join(
        f'<a href="{p}">{esc(site.story(p).title)}</a>' for p in TRENDING
    )
    return f'<nav class="trending" aria-label="Trending"><strong>Trending:</strong> {links}</nav>\n'


def footer(tag: str = "footer", css: str = "site-footer") -> str:
    authors = " · ".join(f'<a href="{a.path}">{esc(a.name)}</a>' for a in AUTHORS.values())
    return (
        f'<{tag} class="{css}">\n'
        f"<ul class=\"footer-sections\">{section_links('footer-item')}</ul>\n"
        f'<p class="footer-reporters">Our reporters: {authors}</p>\n'
        '<p class="footer-legal"><a href="/about/">About the Lantern</a> · '
        '<a href="/about/cookies">Cookies</a> · <a href="/about/comments">Comments policy</a> · '
        '<a href="/newsletter/">Newsletter</a></p>\n'
        f"<p class=\"copyright\">© 2026 {PAPER}. Wrenmouth, its people and this paper are "
        "invented: the site is the demo bundled with <code>reader</code>.</p>\n"
        f"</{tag}>\n"
    )


def page(lang_head: str, body_attrs: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n'
        + lang_head
        + f"<body {body_attrs}>\n"
        + body
        + "</body>\n</html>\n"
    )


def long_date(when: datetime) -> str:
    """"Tuesday 24 November 2026, 4.10pm"."""
    hour = when.hour % 12 or 12
    half = "am" if when.hour < 12 else "pm"
    return f"{when:%A} {when.day} {when:%B %Y}, {hour}.{when:%M}{half}"


def day_date(when: datetime) -> str:
    return f"{when.day} {when:%B %Y}"

"""Schema.org JSON-LD: the facts a page states about its own article.

Only ``<script type="application/ld+json">`` text is read. Broken JSON is repaired
where cheap (comments, CDATA, trailing commas, raw control characters, several objects
back to back) and otherwise skipped. Total: nothing here raises on page input.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

ARTICLE_TYPES = frozenset(
    t.lower()
    for t in [
        "Article",
        "NewsArticle",
        "BlogPosting",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "ReviewNewsArticle",
        "BackgroundNewsArticle",
        "AskPublicQuestionArticle",
        "SatiricalArticle",
        "ScholarlyArticle",
        "TechArticle",
        "Report",
        "SocialMediaPosting",
        "LiveBlogPosting",
        "DiscussionForumPosting",
        "Review",
        "Recipe",
        "MedicalScholarlyArticle",
        "APIReference",
        "AdvertiserContentArticle",
    ]
)
PAGE_TYPES = frozenset(("webpage", "itempage", "collectionpage", "aboutpage", "qapage"))
ORG_TYPES = frozenset(("organization", "newsmediaorganization", "corporation", "website"))

_MAX_NODES = 2000
_MAX_DEPTH = 12
_OPENERS = ("<!--", "//<![CDATA[", "// <![CDATA[", "<![CDATA[")
_CLOSERS = ("//]]>", "// ]]>", "]]>", "-->")
_DECODER = json.JSONDecoder(strict=False)  # raw newlines inside strings are common
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


@dataclass(frozen=True, slots=True)
class LinkedData:
    """What the page's JSON-LD says about its article (raw strings, not yet cleaned)."""

    headline: str | None = None
    authors: tuple[str, ...] = ()
    organisation_authors: tuple[str, ...] = ()
    published: str | None = None
    publisher: str | None = None
    website_name: str | None = None
    image: str | None = None
    url: str | None = None
    body: str | None = None


def _unwrap(text: str) -> str:
    """``text`` without the HTML comment or CDATA wrapper old pages put around it."""
    for opener in _OPENERS:
        if text.startswith(opener):
            text = text[len(opener) :].lstrip()
            break
    for closer in _CLOSERS:
        if text.endswith(closer):
            text = text[: -len(closer)].rstrip()
            break
    return text


def _loads(text: str) -> list[Any]:
    """Every JSON value in ``text``, repairing the common breakages; [] when hopeless."""
    text = _unwrap(text.strip())
    if not text:
        return []
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            return [_DECODER.decode(candidate)]
        except (ValueError, RecursionError):
            pass
        values = _loads_many(candidate)
        if values:
            return values
    return []


def _loads_many(text: str) -> list[Any]:
    """Several JSON values back to back (some CMSs concatenate their blocks)."""
    decoder = _DECODER
    values: list[Any] = []
    index = 0
    while index < len(text):
        while index < len(text) and text[index] in " \t\r\n,;":
            index += 1
        if index >= len(text):
            break
        try:
            value, index = decoder.raw_decode(text, index)
        except (ValueError, RecursionError):
            break
        values.append(value)
    return values


def _nodes(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every object with an ``@type`` (or a graph), breadth limited, depth limited."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, list):
        for item in value[:_MAX_NODES]:
            yield from _nodes(item, depth + 1)
    elif isinstance(value, dict):
        yield value
        graph = value.get("@graph")
        if graph is not None:
            yield from _nodes(graph, depth + 1)
        main = value.get("mainEntity") or value.get("mainEntityOfPage")
        if isinstance(main, dict | list):
            yield from _nodes(main, depth + 1)


def _types(node: dict[str, Any]) -> set[str]:
    raw = node.get("@type")
    names = raw if isinstance(raw, list) else [raw]
    return {n.rsplit("/", 1)[-1].lower() for n in names if isinstance(n, str)}


def _text(value: Any) -> str | None:
    """A string field, entities decoded; the first of a list; ``{"@value": …}`` too."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str | dict)), None)
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    if not isinstance(value, str):
        return None
    value = value.strip()
    if "&" in value:
        value = html.unescape(value)
    return value or None


def _image(value: Any) -> str | None:
    if isinstance(value, list):
        for item in value:
            found = _image(item)
            if found:
                return found
        return None
    if isinstance(value, dict):
        return _text(value.get("url") or value.get("contentUrl") or value.get("@id"))
    return _text(value)


class _Graph:
    """All typed nodes of a page's JSON-LD, with ``@id`` references resolvable."""

    def __init__(self, values: Iterable[Any]) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.by_id: dict[str, dict[str, Any]] = {}
        for value in values:
            for node in _nodes(value):
                if len(self.nodes) >= _MAX_NODES:
                    return
                self.nodes.append(node)
                node_id = node.get("@id")
                if isinstance(node_id, str) and len(node) > 1:
                    self.by_id.setdefault(node_id, node)

    def resolve(self, value: Any) -> Any:
        if isinstance(value, dict) and set(value) <= {"@id", "@type"}:
            target = value.get("@id")
            if isinstance(target, str):
                return self.by_id.get(target, value)
        return value

    def people(self, value: Any) -> tuple[list[str], list[str]]:
        """(person names, organisation names) of an ``author`` value."""
        persons: list[str] = []
        orgs: list[str] = []
        items = value if isinstance(value, list) else [value]
        for item in items[:50]:
            item = self.resolve(item)
            if isinstance(item, str):
                name = _text(item)
                if name:
                    persons.append(name)
            elif isinstance(item, dict):
                name = _text(item.get("name"))
                if not name:
                    given, family = _text(item.get("givenName")), _text(item.get("familyName"))
                    name = " ".join(p for p in (given, family) if p) or None
                if name:
                    (orgs if _types(item) & ORG_TYPES else persons).append(name)
        return persons, orgs


def _pick_article(nodes: list[dict[str, Any]]) -> dict[str, Any] | None:
    articles = [n for n in nodes if _types(n) & ARTICLE_TYPES]
    if not articles:
        articles = [n for n in nodes if _types(n) & PAGE_TYPES and n.get("headline")]
    if not articles:
        return None

    def score(node: dict[str, Any]) -> tuple[int, int, int]:
        body = node.get("articleBody")
        return (
            1 if node.get("headline") else 0,
            1 if node.get("author") else 0,
            len(body) if isinstance(body, str) else 0,
        )

    return max(articles, key=score)


def _longest_body(nodes: list[dict[str, Any]]) -> str | None:
    bodies = [n.get("articleBody") for n in nodes]
    texts = [b for b in bodies if isinstance(b, str) and b.strip()]
    if not texts:
        return None
    longest = max(texts, key=len)
    return html.unescape(longest) if "&" in longest else longest


def read_linked_data(scripts: Iterable[str]) -> LinkedData:
    """Combine every JSON-LD block's statements about the page's article."""
    values: list[Any] = []
    for script in scripts:
        values.extend(_loads(script))
    graph = _Graph(values)
    if not graph.nodes:
        return LinkedData()
    article = _pick_article(graph.nodes)
    website = next((n for n in graph.nodes if "website" in _types(n)), None)
    website_name = _text(website.get("name")) if website else None
    if article is None:
        page = next((n for n in graph.nodes if _types(n) & PAGE_TYPES), None)
        return LinkedData(
            published=_text(page.get("datePublished")) if page else None,
            website_name=website_name,
            body=_longest_body(graph.nodes),
        )
    persons, orgs = graph.people(article.get("author") or article.get("creator"))
    publisher = graph.resolve(article.get("publisher"))
    publisher_name = _text(publisher.get("name")) if isinstance(publisher, dict) else None
    url = article.get("url") or graph.resolve(article.get("mainEntityOfPage"))
    return LinkedData(
        headline=_text(article.get("headline")) or _text(article.get("name")),
        authors=tuple(persons),
        organisation_authors=tuple(orgs),
        published=_text(article.get("datePublished") or article.get("dateCreated")),
        publisher=publisher_name,
        website_name=website_name,
        image=_image(article.get("image") or article.get("thumbnailUrl")),
        url=_text(url.get("@id") if isinstance(url, dict) else url),
        body=_longest_body(graph.nodes),
    )

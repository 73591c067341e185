"""Links of a story for hints and for body clicks: pure helpers, no widgets."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

HINT_CHARS = "asdfghjklqwertyuiopzxcvbnm"


@dataclass(frozen=True)
class Link:
    url: str
    text: str
    where: str
    """"teaser" or "body"."""


def resolve(base: str, href: str) -> str | None:
    """The absolute http(s) URL ``href`` points to from ``base``, or None for any other
    scheme (mailto:, javascript:, file:…), which the app never follows."""
    href = href.strip()
    if not href:
        return None
    url = urljoin(base, href) if base.startswith(("http://", "https://")) else href
    return url if urlsplit(url).scheme in ("http", "https") else None


def same_page(a: str, b: str) -> bool:
    return urldefrag(a)[0] == urldefrag(b)[0]


def body_links(markdown: str, base: str) -> list[Link]:
    """Every http(s) link in a Markdown body, in order, each URL once."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    links: list[Link] = []
    seen: set[str] = set()
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        href: str | None = None
        parts: list[str] = []
        for child in token.children:
            if child.type == "link_open":
                href = str(child.attrs.get("href", ""))
                parts = []
            elif child.type == "link_close" and href is not None:
                url = resolve(base, href)
                if url and not same_page(url, base) and url not in seen:
                    seen.add(url)
                    links.append(Link(url, " ".join("".join(parts).split()) or url, "body"))
                href = None
            elif href is not None and child.type in ("text", "code_inline"):
                parts.append(child.content)
    return links


def hint_labels(count: int) -> list[str]:
    """``count`` labels, none a prefix of another: one letter while they last, else two."""
    chars = HINT_CHARS
    if count <= len(chars):
        return list(chars[:count])
    labels = [a + b for a in chars for b in chars]
    if count > len(labels):
        labels = [a + b + c for a in chars for b in chars for c in chars]
    return labels[:count]

"""The extraction core: HTML in, ``Article`` out. Pure: no network, disk or clock.

PLACEHOLDER: a naive version so that the other layers can be built against the real
signature. The extraction helper replaces this module's body.
"""

from __future__ import annotations

from reader.model import Article

EXTRACTOR_VERSION = "0.0.1"
"""Bumped whenever extraction output changes, so the cache re-extracts stored pages."""


def extract(html: str | bytes, url: str | None = None, *, encoding: str | None = None) -> Article:
    """Extract the story from ``html``. Total: never raises."""
    from selectolax.lexbor import LexborHTMLParser

    if isinstance(html, bytes):
        html = html.decode(encoding or "utf-8", "replace")
    tree = LexborHTMLParser(html)
    title_node = tree.css_first("title")
    title = title_node.text(strip=True) if title_node else None
    paras = [p.text(strip=True) for p in tree.css("p")]
    paras = [p for p in paras if p]
    return Article(title=title or None, markdown="\n\n".join(paras), text="\n\n".join(paras))

"""The extraction core: HTML in, ``Article`` out. Pure: no network, disk or clock.

``extract`` decodes (``charset``), bounds what the parser sees (``prescan``), parses with
lexbor, reads the metadata (``metadata``), builds a light tree of the visible body
(``dom``), finds the story's container (``content``), finds teasers (``teasers``), marks
clutter inside the container (``clean``), renders Markdown and text (``render``; the
story's pictures and its lead picture: ``pictures``), falls back to JSON-LD
``articleBody`` when the page shows less than it carries, and makes every field
terminal-safe (``sanitize``).
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

# Small helpers the other layers use without loading the pipeline: terminal safety (one
# regular-expression module) and resolving a link (urllib). Cheap to import.
from reader.extract.sanitize import clean_text, one_line, quote_text
from reader.extract.urls import resolve_url

if TYPE_CHECKING:
    from reader.model import Article

EXTRACTOR_VERSION = "1.12.0"
"""Bumped whenever extraction output changes, so the cache re-extracts stored pages."""

__all__ = ["EXTRACTOR_VERSION", "clean_text", "extract", "one_line", "quote_text", "resolve_url"]


def extract(html: str | bytes, url: str | None = None, *, encoding: str | None = None) -> Article:
    """Extract the story from ``html`` (the page at ``url``). Total: never raises."""
    # Imported here, not at the top: importing this package for EXTRACTOR_VERSION or a
    # small helper (sanitize) must not load lexbor and the whole pipeline.
    from reader.extract.pipeline import run
    from reader.model import Article

    # The body tree is many small objects made at once; the cyclic collector would scan
    # them again and again while they are built (quadratic on huge pages). Paused here,
    # it runs as usual afterwards.
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return run(html, url, encoding)
    except Exception:  # a last guard: extract is total by contract
        return Article()
    finally:
        if paused:
            gc.enable()

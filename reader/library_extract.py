"""The library's side of the extractor: extracting a fetched page, and the extractor's
version, which opening a cached story needs without paying for importing the extractor."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

from reader.model import Article, Page


def size_label(n: int) -> str:
    """``10_000_000`` → ``"10 MB"`` (decimal units, as the config counts them)."""
    for unit, size in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= size:
            value = n / size
            return (
                f"{value:.0f} {unit}"
                if value >= 10 or value == int(value)
                else f"{value:.1f} {unit}"
            )
    return f"{n} bytes"


def extract_page(page: Page, base_url: str | None = None) -> Article:
    from reader.extract import extract

    return extract(page.body, base_url or page.final_url, encoding=page.charset)


_VERSION_LINE = re.compile(r"""^EXTRACTOR_VERSION\s*(?::\s*str\s*)?=\s*["']([^"'\n]+)["']""", re.M)
_version: str | None = None


def extractor_version() -> str:
    """``reader.extract.EXTRACTOR_VERSION``, read without importing the extractor when it
    is not loaded yet: opening a cached story must not pay for lexbor and the extraction
    modules (tens of ms of the app's start). Falls back to the import."""
    global _version
    module = sys.modules.get("reader.extract")
    if module is not None:
        return str(module.EXTRACTOR_VERSION)
    if _version is None:
        try:
            spec = importlib.util.find_spec("reader.extract")
            origin = spec.origin if spec else None
            found = _VERSION_LINE.search(Path(origin).read_text("utf-8")) if origin else None
            _version = found.group(1) if found else None
        except (OSError, ImportError, ValueError, UnicodeDecodeError):
            _version = None
    if _version is not None:
        return _version
    from reader.extract import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION

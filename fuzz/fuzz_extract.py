"""Coverage-guided fuzzing of the extractor and the sanitiser (atheris, optional).

    pip install atheris
    python fuzz/fuzz_extract.py -max_total_time=300 fuzz/corpus

Each input is split into a URL and a page; ``extract`` must return an ``Article`` whose
every text field is terminal-safe, and ``clean_text`` must be idempotent and leave no
control character behind. Any exception or broken property is a crash atheris reports
with the input that caused it. Seed the corpus with real pages for better coverage
(the benchmark pages in ../shared/bench work well).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import fields

from reader.model import Article

extract: Callable[..., Article]
clean_text: Callable[[str], str]

_ALLOWED_CONTROLS = {"\n", "\t"}
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def _unsafe(text: str) -> str | None:
    for ch in text:
        code = ord(ch)
        if ch in _ALLOWED_CONTROLS:
            continue
        if code < 0x20 or 0x7F <= code < 0xA0 or ch in _BIDI or 0xD800 <= code < 0xE000:
            return ch
    return None


def _check_article(article: Article) -> None:
    values: list[object] = [getattr(article, f.name) for f in fields(article)]
    for teaser in article.teasers:
        values.extend(getattr(teaser, f.name) for f in fields(teaser))
    for value in values:
        if isinstance(value, str):
            bad = _unsafe(value)
            if bad is not None:
                raise AssertionError(f"unsafe character U+{ord(bad):04X} in {value[:80]!r}")


def one_input(data: bytes) -> None:
    head, _, page = data.partition(b"\n")
    url = head.decode("utf-8", "replace")
    _check_article(extract(page, url))
    _check_article(extract(page.decode("utf-8", "surrogateescape"), url or None))
    text = data.decode("utf-8", "replace")
    once = clean_text(text)
    if clean_text(once) != once:
        raise AssertionError("clean_text is not idempotent")
    bad = _unsafe(once)
    if bad is not None:
        raise AssertionError(f"clean_text left U+{ord(bad):04X}")


def _load() -> None:
    global extract, clean_text
    from reader.extract import extract as _extract
    from reader.extract.sanitize import clean_text as _clean

    extract, clean_text = _extract, _clean


def main() -> None:
    import atheris

    with atheris.instrument_imports(include=["reader"]):
        _load()
        import reader.extract.pipeline  # noqa: F401  (instrument the whole core)
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

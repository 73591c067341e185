"""Coverage-guided fuzzing of the pictures package (atheris, optional).

    pip install atheris
    python fuzz/fuzz_pictures.py -max_total_time=300 fuzz/pictures-corpus

Each input is tried as picture bytes and as Markdown. ``probe`` must answer with a
``PictureInfo`` or a ``PictureProblem`` and never raise; ``decode`` may refuse only with
``PictureError`` and never hands back an image wider than asked or over the pixel limit;
``story_pictures`` hands back only http(s) addresses, each once. Seed the corpus with a
few small JPEG, PNG, GIF and WebP files and some extracted Markdown.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any

pictures: Any


def one_input(data: bytes) -> None:
    info = pictures.probe(data)
    if not isinstance(info, pictures.PictureInfo | pictures.PictureProblem):
        raise AssertionError(f"probe gave {info!r}")
    width = 1 + (data[0] if data else 0)
    with contextlib.suppress(pictures.PictureError):
        image = pictures.decode(data, width)
        if image.width > width or image.width * image.height > pictures.MAX_PIXELS:
            raise AssertionError(f"decode gave {image.size} for a width of {width}")
        if image.mode not in ("RGB", "RGBA"):
            raise AssertionError(f"decode gave mode {image.mode}")
    text = data.decode("utf-8", "replace")
    urls = pictures.story_pictures(text)
    if len(set(urls)) != len(urls):
        raise AssertionError(f"a picture twice: {urls[:5]!r}")
    for url in urls:
        if not url.lower().startswith(("http://", "https://")):
            raise AssertionError(f"a picture address that is not http(s): {url[:80]!r}")


def _load() -> None:
    global pictures
    import reader.pictures as _pictures

    pictures = _pictures


def main() -> None:
    import atheris

    with atheris.instrument_imports(include=["reader"]):
        _load()
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

"""The demo's pictures: every story has a raster lead picture, some have more in the text
(in the shapes the extractor must learn: <picture> with srcset only, lazy-loaded), the
server sends them untouched, and the generator that draws them is deterministic."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from reader.demo import DemoServer, start_demo
from reader.demo.server import BUILT_ORIGIN
from reader.demo.sitegen import SITE_DIR, render_site
from reader.demo.sitegen.source import LEAD_HEIGHT, LEAD_WIDTH, SOURCE_DIR, load_stories

RASTER = {".jpg": "image/jpeg", ".png": "image/png"}
MAGIC = {"image/jpeg": b"\xff\xd8\xff", "image/png": b"\x89PNG\r\n\x1a\n"}
IMG_DIR = SOURCE_DIR / "static" / "img"


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoServer]:
    with start_demo(0) as server:  # any free port: never the built one
        yield server


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=5, follow_redirects=False) as c:
        yield c


def _size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG header or a JPEG frame header."""
    if data.startswith(MAGIC["image/png"]):
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    i = 2
    while i + 9 < len(data):
        assert data[i] == 0xFF, "not a JPEG segment"
        marker, length = data[i + 1], int.from_bytes(data[i + 2 : i + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2):
            return int.from_bytes(data[i + 7 : i + 9], "big"), int.from_bytes(
                data[i + 5 : i + 7], "big"
            )
        i += 2 + length
    raise AssertionError("no frame header")


def _fetch_picture(client: httpx.Client, url: str) -> bytes:
    reply = client.get(url)
    assert reply.status_code == 200, url
    media = reply.headers["content-type"]
    assert media in MAGIC, (url, media)
    assert reply.content.startswith(MAGIC[media]), url
    return reply.content


def test_every_story_has_a_raster_lead_picture(demo: DemoServer, client: httpx.Client) -> None:
    for story in load_stories():
        assert story.image is not None, story.path
        assert story.image.alt and len(story.image.alt.split()) >= 6, story.path
        page_url = demo.url(story.path)
        html = client.get(page_url).text
        tree = LexborHTMLParser(html)
        shown = [n for n in tree.css("img[src]") if n.attributes["src"] == story.image.src]
        assert shown, story.path  # each template shows it
        assert shown[0].attributes["alt"] == story.image.alt
        og = tree.css_first('meta[property="og:image"]')
        assert og is not None and og.attributes["content"] == demo.url(story.image.src)
        data = _fetch_picture(client, urljoin(page_url, story.image.src))
        assert data.startswith(MAGIC["image/jpeg"]), story.path
        assert _size(data) == (LEAD_WIDTH, LEAD_HEIGHT), story.path
        assert 8_000 < len(data) < 80_000, (story.path, len(data))
    leads = {s.image.src for s in load_stories() if s.image}
    assert len(leads) == len(load_stories())  # one drawing per story


def test_stories_have_pictures_in_the_text_with_alt_and_caption(
    demo: DemoServer, client: httpx.Client
) -> None:
    with_figures = 0
    for story in load_stories():
        page_url = demo.url(story.path)
        html = client.get(page_url).text
        tree = LexborHTMLParser(html)
        figures = [f for f in tree.css("figure") if f.css_first("figcaption") is not None]
        in_text = [f for f in figures if story.image is None or story.image.src not in f.html]
        for figure in in_text:
            img = figure.css_first("img")
            assert img is not None, story.path
            assert len((img.attributes.get("alt") or "").split()) >= 6, story.path
            caption = figure.css_first("figcaption")
            assert caption is not None and len(caption.text().split()) >= 6, story.path
            for url in _addresses(img):
                data = _fetch_picture(client, urljoin(page_url, url))
                assert _size(data)[0] >= 24, url
        with_figures += bool(in_text)
    assert with_figures >= 4


def _addresses(img: LexborNode) -> list[str]:
    found = [img.attributes.get("src"), img.attributes.get("data-src")]
    for candidate in (img.attributes.get("srcset") or "").split(","):
        found.append(candidate.split()[0] if candidate.strip() else None)
    return [f for f in found if f]


def test_a_picture_given_only_by_srcset_and_one_lazy_loaded(
    demo: DemoServer, client: httpx.Client
) -> None:
    pictures: list[tuple[LexborNode, LexborNode]] = []
    lazy: list[LexborNode] = []
    for story in load_stories():
        html = client.get(demo.url(story.path)).text
        tree = LexborHTMLParser(html)
        for node in tree.css("figure picture"):
            img = node.css_first("img")
            source = node.css_first("source")
            assert img is not None and source is not None
            pictures.append((img, source))
        lazy += tree.css("figure img[data-src]")
    [(img, source)] = pictures
    assert "src" not in img.attributes  # only srcset: the extractor must pick a candidate
    candidates = [c.split() for c in (source.attributes.get("srcset") or "").split(",")]
    assert len(candidates) == 2 and img.attributes.get("sizes")
    widths = []
    for url, width in candidates:
        data = _fetch_picture(client, demo.url(url))
        assert _size(data)[0] == int(width.removesuffix("w"))
        widths.append(_size(data)[0])
    assert widths[0] < widths[1]
    [node] = lazy
    placeholder = _fetch_picture(client, demo.url(node.attributes["src"] or ""))
    real = _fetch_picture(client, demo.url(node.attributes["data-src"] or ""))
    assert _size(placeholder)[0] <= 32 < _size(real)[0]  # a blur-up stand-in, not the picture
    assert len(placeholder) < 1_000 < len(real)


def test_pictures_serve_byte_identical_on_another_port(
    demo: DemoServer, client: httpx.Client
) -> None:
    assert demo.port != urlsplit(BUILT_ORIGIN).port
    files, _ = render_site()
    pictures = {p: r for p, r in demo.site.routes.items() if r.content_type in MAGIC}
    assert len(pictures) >= 20
    credited = 0
    for path, route in pictures.items():
        served = client.get(demo.url(path)).content
        assert served == files[route.file], path
        credited += BUILT_ORIGIN.encode() in served
    # the credit inside each picture names the built origin: rewriting it would break them
    assert credited == len(pictures)
    page = client.get(demo.front_url).text
    assert BUILT_ORIGIN not in page and demo.url("/") in page  # text is rewritten


def test_asset_types_and_total_size() -> None:
    files, table = render_site()
    routes = table["routes"]
    assert isinstance(routes, dict)
    total = 0
    for name, data in files.items():
        suffix = name[name.rfind(".") :]
        if name.startswith("static/img/") and suffix in RASTER:
            assert routes["/" + name]["type"] == RASTER[suffix]
            assert data.startswith(MAGIC[RASTER[suffix]]), name
            total += len(data)
    assert 200_000 < total < 1_500_000
    svgs = sorted(p.name for p in (SITE_DIR / "static" / "img").glob("*.svg"))
    assert svgs == ["avatar.svg", "favicon.svg", "logo.svg"]  # the site's chrome only


@pytest.mark.skipif(
    importlib.util.find_spec("PIL") is None,
    reason="Pillow is not installed: it is only needed to redraw the demo pictures "
    "(python -m reader.demo.sitegen.pictures), not to build or serve the site",
)
def test_the_picture_generator_is_deterministic() -> None:
    from reader.demo.sitegen import pictures

    first = pictures.render_pictures()
    second = pictures.render_pictures()
    assert first == second
    committed = {p.name for p in IMG_DIR.iterdir() if p.suffix in RASTER}
    assert set(first) == committed  # nothing drawn is left out, nothing stale is left in
    for name, data in first.items():
        assert data.startswith(MAGIC[RASTER[name[name.rfind(".") :]]]), name

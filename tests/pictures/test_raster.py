"""probe and decode: the four drawn formats, the pixel limit read from the header alone,
files cut short, markup and other formats refused with a short reason, and decode never
raising anything but PictureError."""

from __future__ import annotations

import contextlib
import io
import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from reader.errors import ReaderError
from reader.pictures import MAX_PIXELS, PictureError, PictureInfo, PictureProblem, decode, probe
from tests.support.pictures import noisy_png, picture, png_claiming


@pytest.mark.parametrize(
    ("fmt", "media"),
    [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("GIF", "image/gif"), ("WEBP", "image/webp")],
)
def test_the_drawn_formats(fmt: str, media: str) -> None:
    data = picture(fmt, (64, 48))
    assert probe(data) == PictureInfo(fmt, media, 64, 48, len(data))
    image = decode(data, 32)
    assert image.size == (32, 24) and image.mode in ("RGB", "RGBA")
    assert decode(data, 500).size == (64, 48)  # never scaled up


def test_a_png_claiming_ten_billion_pixels_is_refused_from_its_header() -> None:
    bomb = png_claiming(100_000, 100_000)
    assert len(bomb) < 1000
    assert probe(bomb) == PictureProblem("too large (over 40 megapixels)")
    with pytest.raises(PictureError, match="too large"):
        decode(bomb, 800)


def test_the_pixel_limit_itself() -> None:
    over = png_claiming(8000, MAX_PIXELS // 8000 + 1)
    assert probe(over) == PictureProblem(f"too large (8000 x {MAX_PIXELS // 8000 + 1} pixels)")
    small = noisy_png(40, 30, seed=1)
    with pytest.raises(PictureError, match="too large"):
        decode(small, 20, max_pixels=1000)


def test_a_jpeg_cut_short_is_refused_and_never_crashes_decode() -> None:
    whole = picture("JPEG", (300, 200))
    for cut in (len(whole) // 2, len(whole) - 2, 200, 20, 3):
        part = whole[:cut]
        assert isinstance(probe(part), PictureProblem)
        with pytest.raises(PictureError):
            decode(part, 100)


def test_a_jpeg_with_bytes_after_its_end_is_whole() -> None:
    whole = picture("JPEG", (30, 20)) + b"\x00\x00trailing data of a phone's video"
    assert isinstance(probe(whole), PictureInfo)
    assert decode(whole, 10).size == (10, 7)


def test_a_png_cut_short_and_a_webp_cut_short() -> None:
    png, webp = noisy_png(50, 50, seed=2), picture("WEBP", (80, 60))
    assert probe(png[:-20]) == PictureProblem("damaged picture (cut short)")
    cut = probe(webp[: len(webp) - 10])
    assert isinstance(cut, PictureProblem) and cut.reason.startswith("damaged picture")


def test_a_gif_keeps_its_first_frame_and_transparency() -> None:
    frames = [Image.new("P", (20, 10), n) for n in (1, 2, 3)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], transparency=1)
    image = decode(out.getvalue(), 20)
    assert image.mode == "RGBA" and image.getpixel((0, 0))[3] == 0


def test_markup_and_other_formats_are_refused_with_a_reason() -> None:
    bmp = io.BytesIO()
    Image.new("RGB", (4, 4)).save(bmp, "BMP")
    cases = {
        b"<!doctype html><html><body>Sign in</body></html>": "not a picture (a web page)",
        b'\xef\xbb\xbf  <?xml version="1.0"?><svg xmlns="x"></svg>': "SVG is not drawn",
        b"%PDF-1.7 ...": "not a picture (a PDF document)",
        bmp.getvalue(): "BMP is not drawn",
        b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00": "AVIF is not drawn",
        b"just some words": "not a picture",
        b"": "empty file",
    }
    for data, reason in cases.items():
        assert probe(data) == PictureProblem(reason), data[:20]
        with pytest.raises(PictureError, match=reason.split(" (")[0]):
            decode(data, 100)


def test_a_large_jpeg_is_decoded_at_a_reduced_scale() -> None:
    big = picture("JPEG", (4000, 3000))
    image = decode(big, 400)
    assert image.size == (400, 300) and image.mode == "RGB"


def test_exif_orientation_turns_the_picture() -> None:
    image = Image.new("RGB", (60, 20), (200, 10, 10))
    exif = Image.Exif()
    exif[0x0112] = 6  # shot with the camera turned: shown turned a quarter
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    info = probe(out.getvalue())
    assert isinstance(info, PictureInfo) and (info.width, info.height) == (20, 60)
    assert decode(out.getvalue(), 10).size == (10, 30)


def test_picture_error_is_a_reader_error() -> None:
    assert issubclass(PictureError, ReaderError)


@given(st.binary(max_size=2000), st.integers(min_value=-5, max_value=2000))
def test_any_bytes_probe_and_decode_without_surprises(data: bytes, width: int) -> None:
    info = probe(data)
    assert isinstance(info, PictureInfo | PictureProblem)
    with contextlib.suppress(PictureError):
        decode(data, width)


@given(st.integers(min_value=0, max_value=2000))
def test_a_real_picture_damaged_anywhere(at: int) -> None:
    data = bytearray(picture("PNG", (40, 40)))
    data[at % len(data)] ^= 0xFF
    with contextlib.suppress(PictureError):
        decode(bytes(data), 20)
    size = struct.pack(">I", 1)  # and one cut at any point
    assert isinstance(probe(bytes(data[: at % len(data)]) + size), PictureInfo | PictureProblem)


def test_probe_reads_the_header_only() -> None:
    """A PNG whose pixel data is far too short: its header is fine, so probe accepts it
    (it never decodes), and decode is where it fails."""
    short = png_claiming(300, 200)
    assert probe(short) == PictureInfo("PNG", "image/png", 300, 200, len(short))
    with pytest.raises(PictureError, match="damaged picture"):
        decode(short, 100)


def test_sixteen_bit_grey_is_brought_down_not_clipped() -> None:
    out = io.BytesIO()
    Image.new("I;16", (8, 8), 30_000).save(out, "PNG")
    grey = decode(out.getvalue(), 8).getpixel((0, 0))
    assert grey == (117, 117, 117)  # 30,000 / 256


def test_a_jpeg_carrying_a_second_picture_is_drawn_as_a_jpeg() -> None:
    """A camera's JPEG with a preview inside opens in Pillow as "MPO": still a JPEG."""
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(
        buf, "MPO", save_all=True, append_images=[Image.new("RGB", (32, 24), "blue")]
    )
    data = buf.getvalue()
    assert probe(data) == PictureInfo("JPEG", "image/jpeg", 64, 48, len(data))
    assert decode(data, 32).size == (32, 24)

"""Is it a picture we draw, and how big (``probe``); its pixels, ready to draw (``decode``).

Pillow opens an image lazily: ``Image.open`` reads the header and nothing more, so
``probe`` costs about as much as reading a few hundred bytes. Only JPEG, PNG, GIF and
WebP are opened (Pillow is told so, and tries no other reader); anything else gets a
short reason. A picture of more than ``MAX_PIXELS`` pixels is refused from its header
alone, before a single pixel is decoded (a decompression bomb stays a header). A file
cut short is caught where that is cheap: a JPEG or PNG without its end marker, a WebP
shorter than its RIFF header says.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.errors import ReaderError

if TYPE_CHECKING:
    from PIL import Image, ImageFile

MAX_PIXELS = 40_000_000
"""Width times height above which a picture is refused (a 40-megapixel photograph is
about 160 MB decoded as RGBA); Pillow's own warning limit is 89 million."""

FORMATS: dict[str, str] = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "WEBP": "image/webp",
}
"""The formats drawn (Pillow's names) and their media types."""

_SAME_FORMAT = {"MPO": "JPEG"}
"""Pillow's names for files of a drawn format: a JPEG that carries a second picture (a
camera's preview) opens as "MPO"; it is drawn as the JPEG it is."""

_OTHER_FORMATS: tuple[tuple[bytes, int, str], ...] = (
    (b"BM", 0, "BMP"),
    (b"II*\x00", 0, "TIFF"),
    (b"MM\x00*", 0, "TIFF"),
    (b"\x00\x00\x01\x00", 0, "an icon"),
    (b"8BPS", 0, "a Photoshop file"),
    (b"\xff\x0a", 0, "JPEG XL"),
    (b"\x00\x00\x00\x0cJXL ", 0, "JPEG XL"),
    (b"ftypavif", 4, "AVIF"),
    (b"ftypavis", 4, "AVIF"),
    (b"ftypheic", 4, "HEIC"),
    (b"ftypheix", 4, "HEIC"),
    (b"ftypmif1", 4, "HEIF"),
    (b"\x00\x00\x00\x0c\x6a\x50\x20\x20", 0, "JPEG 2000"),
)
"""Picture formats we recognise but do not draw, by their first bytes."""

_EXIF_ORIENTATION = 0x0112


class PictureError(ReaderError):
    """A picture could not be decoded; the message is a short reason to show in its
    place ("damaged picture", "too large (…)", "SVG is not drawn")."""


@dataclass(frozen=True, slots=True)
class PictureInfo:
    """What the header of a picture we draw says."""

    format: str
    """Pillow's name: ``JPEG``, ``PNG``, ``GIF`` or ``WEBP``."""
    media_type: str
    """``image/jpeg``, ``image/png``, ``image/gif`` or ``image/webp``."""
    width: int
    """Pixels across as drawn (after the EXIF orientation, for a turned photograph)."""
    height: int
    size: int
    """Bytes of the file."""


@dataclass(frozen=True, slots=True)
class PictureProblem:
    """Why some bytes are not drawn: a short reason shown in place of the picture."""

    reason: str


def probe(data: bytes) -> PictureInfo | PictureProblem:
    """Judge ``data`` by its header (no pixel is decoded); never raises."""
    opened = _open(data)
    if isinstance(opened, PictureProblem):
        return opened
    image, info = opened
    image.close()
    return info


def decode(data: bytes, max_width_px: int, *, max_pixels: int = MAX_PIXELS) -> Image.Image:
    """The picture's first frame as an RGB (or, with transparency, RGBA) image at most
    ``max_width_px`` wide, its aspect ratio kept and its EXIF orientation applied.

    For a worker thread: this is where pixels are decoded (a JPEG at a reduced scale
    when it is much wider than asked, which saves most of the memory). Raises
    ``PictureError`` with a short reason for anything that is not a picture we draw,
    is over ``max_pixels``, or does not decode (a file cut short, bad data).
    """
    opened = _open(data, max_pixels)
    if isinstance(opened, PictureProblem):
        raise PictureError(opened.reason)
    image, info = opened
    width = max(1, int(max_width_px))
    try:
        return _pixels(image, info, width)
    except PictureError:
        raise
    except MemoryError:
        raise PictureError("too large to decode") from None
    except Exception:  # hostile bytes: Pillow raises many kinds, none may escape
        raise PictureError("damaged picture") from None
    finally:
        image.close()


def _pixels(image: ImageFile.ImageFile, info: PictureInfo, width: int) -> Image.Image:
    from PIL import Image

    orientation = _orientation(image, info.format)
    scale = min(1.0, width / info.width)  # info.width is across as drawn, turned or not
    raw_w, raw_h = image.size
    target = (max(1, round(raw_w * scale)), max(1, round(raw_h * scale)))
    if info.format == "JPEG" and scale < 1:
        image.draft(None, target)  # decode at 1/2, 1/4 or 1/8 scale when that is enough
    image.load()
    source: Image.Image = image
    if image.mode in ("I", "F") or image.mode.startswith("I;16"):
        # 16-bit grey (and 32-bit): brought down to 8 bits, not clipped to white
        source = image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    transparent = source is image and (
        image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    )
    picture = source.convert("RGBA" if transparent else "RGB")
    if picture.size != target:
        picture = picture.resize(target, Image.Resampling.BICUBIC, reducing_gap=2.0)
    turn = _TURNS.get(orientation)
    if turn is not None:
        picture = picture.transpose(getattr(Image.Transpose, turn))
    return picture


_TURNS = {
    2: "FLIP_LEFT_RIGHT",
    3: "ROTATE_180",
    4: "FLIP_TOP_BOTTOM",
    5: "TRANSPOSE",
    6: "ROTATE_270",
    7: "TRANSVERSE",
    8: "ROTATE_90",
}
"""How to turn a picture upright for each EXIF orientation."""


def _orientation(image: Image.Image, fmt: str) -> int:
    """The EXIF orientation (1: upright). Read only where it costs nothing: a PNG's
    ``getexif`` decodes the whole picture to look for an eXIf chunk after the pixels."""
    if fmt not in ("JPEG", "WEBP") and "exif" not in image.info:
        return 1
    try:
        value = image.getexif().get(_EXIF_ORIENTATION, 1)
    except Exception:  # a broken EXIF block does not stop the picture
        return 1
    return value if isinstance(value, int) else 1


def _open(
    data: bytes, max_pixels: int = MAX_PIXELS
) -> tuple[ImageFile.ImageFile, PictureInfo] | PictureProblem:
    """The opened (not decoded) image and what its header says, or why not."""
    if not data:
        return PictureProblem("empty file")
    known = _not_drawn(data)
    if known is not None:
        return PictureProblem(known)
    from PIL import Image, UnidentifiedImageError

    _quiet_bomb_warning()
    try:
        image = Image.open(io.BytesIO(data), formats=tuple(FORMATS))
    except Image.DecompressionBombError:
        return PictureProblem(f"too large (over {max_pixels // 1_000_000} megapixels)")
    except UnidentifiedImageError:
        return PictureProblem("not a picture")
    except Exception:  # a header Pillow chokes on
        return PictureProblem("damaged picture")
    try:
        fmt = _SAME_FORMAT.get(image.format or "", image.format or "")
        problem = _judge(image, fmt, data, max_pixels)
        if problem is not None:
            image.close()
            return PictureProblem(problem)
        width, height = image.size
        if _orientation(image, fmt) in (5, 6, 7, 8):
            width, height = height, width
        info = PictureInfo(fmt, FORMATS[fmt], width, height, len(data))
    except Exception:
        image.close()
        return PictureProblem("damaged picture")
    return image, info


def _judge(image: ImageFile.ImageFile, fmt: str, data: bytes, max_pixels: int) -> str | None:
    width, height = image.size
    if width < 1 or height < 1:
        return "damaged picture"
    if width * height > max_pixels:
        return f"too large ({width} x {height} pixels)"
    if fmt not in FORMATS:
        return "not a picture"
    if _cut_short(image, fmt, data):
        return "damaged picture (cut short)"
    return None


def _cut_short(image: ImageFile.ImageFile, fmt: str, data: bytes) -> bool:
    """A JPEG with no end-of-image marker after its first scan, a PNG with no IEND
    chunk, a WebP shorter than its RIFF header says. (A GIF's first frame may be whole
    when the file is not: decoding judges it.)"""
    if fmt == "JPEG":
        # 0xFF 0xD9 cannot occur inside the compressed data (0xFF is always followed by
        # 0x00 or a restart marker there), so the last one found is the real end; bytes
        # after it (a phone's appended video) do not matter.
        start = min((tile[2] for tile in image.tile), default=0)
        return data.rfind(b"\xff\xd9", start) < 0
    if fmt == "PNG":
        return data.rfind(b"IEND") < 0
    if fmt == "WEBP":
        return int.from_bytes(data[4:8], "little") + 8 > len(data)
    return False


_QUIET: list[bool] = []


def _quiet_bomb_warning() -> None:
    """Silence Pillow's decompression-bomb warning once for the process: the limit is
    ours (``MAX_PIXELS``, judged from the header). Once, not per call: pictures are
    decoded in several threads, and ``warnings.catch_warnings`` is not thread-safe."""
    if not _QUIET:
        from PIL import Image

        warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
        _QUIET.append(True)


def _not_drawn(data: bytes) -> str | None:
    """A reason for bytes that are plainly not a picture we draw (by the first bytes)."""
    head = data[:1024].lstrip(b" \t\r\n\x0c")
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip()
    if head.startswith(b"<"):
        lowered = head.lower()
        if b"<svg" in lowered or b"svg+xml" in lowered or b"/svg" in lowered:
            return "SVG is not drawn"
        return "not a picture (a web page)" if b"html" in lowered else "not a picture"
    if head.startswith(b"%PDF-"):
        return "not a picture (a PDF document)"
    for magic, offset, name in _OTHER_FORMATS:
        if data.startswith(magic, offset):
            return f"{name} is not drawn"
    return None

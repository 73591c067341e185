"""Is this an HTML page? The Content-Type header, and the first bytes of the body.

A header naming HTML or XHTML is believed only as far as the body's first bytes agree:
a PDF, an image, an archive or mostly-binary bytes served as text/html are refused. A
missing (or "unknown") type is judged by the first bytes alone: known binary formats and
binary data are refused, anything else is read as HTML (the extractor copes with text).
"""

from __future__ import annotations

import re

from reader.fetch.errors import NotHTMLError, NotPictureError, show

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml", "application/atom+xml", "application/rdf+xml",
        "application/feed+json", "application/x-rss+xml", "application/x-atom+xml",
        "application/rss", "application/atom", "application/xml", "text/xml",
        "application/json", "text/plain", "application/octet-stream",
    }
)
"""What a caller accepting feeds (``accept="feed"``) takes besides HTML: the feed types,
XML and JSON, and the generic types servers often give feed files. The body's first
bytes still decide about binary formats."""
UNKNOWN_TYPES = frozenset({"", "unknown/unknown", "application/unknown", "*/*"})
SNIFF_BYTES = 1024
"""How much of the decoded body is looked at before deciding."""

_CHARSET = re.compile(r"[A-Za-z0-9._:+-]{1,40}")

_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "a PNG image"),
    (b"\xff\xd8\xff", "image/jpeg", "a JPEG image"),
    (b"GIF87a", "image/gif", "a GIF image"),
    (b"GIF89a", "image/gif", "a GIF image"),
    (b"\x00\x00\x01\x00", "image/x-icon", "an icon"),
    (b"PK\x03\x04", "application/zip", "a zip archive"),
    (b"\x1f\x8b\x08", "application/gzip", "gzip-compressed data"),
    (b"Rar!\x1a\x07", "application/vnd.rar", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed", "a 7-Zip archive"),
    (b"\xfd7zXZ\x00", "application/x-xz", "xz-compressed data"),
    (b"\x7fELF", "application/x-executable", "a program"),
    (b"\x00asm", "application/wasm", "a WebAssembly program"),
    (b"wOFF", "font/woff", "a font"),
    (b"wOF2", "font/woff2", "a font"),
    (b"OggS\x00", "audio/ogg", "an Ogg audio or video file"),
    (b"ID3", "audio/mpeg", "an MP3 audio file"),
    (b"\x1aE\xdf\xa3", "video/webm", "a WebM or Matroska video"),
)

_RIFF_KINDS = {
    b"WEBP": ("image/webp", "a WebP image"),
    b"WAVE": ("audio/wav", "a WAV audio file"),
    b"AVI ": ("video/x-msvideo", "an AVI video"),
}

# Bytes that never occur in text (the WHATWG "binary data bytes").
_BINARY = frozenset([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """``("text/html", "utf-8")`` from ``'text/html; charset="UTF-8"'``.

    The media type comes back lower case ("" when absent); the charset as the header
    spelled it, or None when absent or not a plausible label.
    """
    if not value:
        return "", None
    media, _, params = value.partition(";")
    charset: str | None = None
    for param in params.split(";"):
        key, _, raw = param.partition("=")
        if key.strip().lower() == "charset":
            label = raw.strip().strip("\"'").strip()
            charset = label if _CHARSET.fullmatch(label) else None
            break
    return media.strip().lower(), charset


def signature(sample: bytes) -> tuple[str, str] | None:
    """``(media type, description)`` of a known non-HTML format starting ``sample``."""
    for magic, media, what in _SIGNATURES:
        if sample.startswith(magic):
            return media, what
    if sample.startswith(b"RIFF") and sample[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[sample[8:12]]
    if sample[4:8] == b"ftyp":
        return "video/mp4", "an MP4 video or HEIF image"
    return None


def _looks_utf16(sample: bytes) -> bool:
    if sample.startswith((b"\xfe\xff", b"\xff\xfe")):
        return True
    head = sample[:256]
    if len(head) < 4:
        return False
    evens, odds = head[0::2], head[1::2]
    if not evens.strip(b"\x00"):
        other = odds
    elif not odds.strip(b"\x00"):
        other = evens
    else:
        return False
    return bool(other.strip(b"\x00")) and _binary_count(other) * 10 <= len(other)


def _binary_count(data: bytes) -> int:
    return sum(1 for byte in data if byte in _BINARY)


def is_binary(sample: bytes, charset: str | None = None) -> bool:
    """True when more than one byte in ten of ``sample`` cannot occur in text.

    A few stray NUL bytes in a page do not make it binary (the page is still read), and
    UTF-16 text (with a byte-order mark, a utf-16 charset, or NUL in every other byte)
    is text.
    """
    if (charset or "").lower().startswith(("utf-16", "utf16")) or _looks_utf16(sample):
        return False
    count = _binary_count(sample)
    return count >= 4 and count * 10 > len(sample)


def refuse_type(media: str, url: str, accept: str = "html") -> None:
    """Raise ``NotHTMLError`` for a declared type that is neither HTML nor unknown (nor,
    with ``accept="feed"``, a feed, XML or JSON type)."""
    if accept == "feed" and media in FEED_TYPES:
        return
    if media not in HTML_TYPES and media not in UNKNOWN_TYPES:
        raise NotHTMLError(
            f"not {_wanted(accept)}: {show(media)} at {show(url)}", url=url, content_type=media
        )


def _wanted(accept: str) -> str:
    return "a feed or an HTML page" if accept == "feed" else "an HTML page"


def check_start(
    sample: bytes, media: str, charset: str | None, url: str, accept: str = "html"
) -> str:
    """Judge the body's first bytes; return the media type to record ("text/html" for a
    page with no usable type). Raises ``NotHTMLError`` for a non-HTML body."""
    known = HTML_TYPES | FEED_TYPES if accept == "feed" else HTML_TYPES
    declared = media if media in known else ""
    served = f" served as {declared}" if declared else ""
    found = signature(sample)
    if found is not None:
        kind, what = found
        raise NotHTMLError(
            f"not {_wanted(accept)}: {what} ({kind}){served} at {show(url)}",
            url=url,
            content_type=kind,
        )
    if is_binary(sample, charset):
        raise NotHTMLError(
            f"not {_wanted(accept)}: binary data{served} at {show(url)}",
            url=url,
            content_type="application/octet-stream",
        )
    return declared or "text/html"


def check_picture_start(sample: bytes, url: str) -> None:
    """Raise ``NotPictureError`` when a body asked for as a picture starts as markup (a
    web page, an SVG drawing, XML: no raster picture starts with ``<``) or as a known
    format that is no picture (a PDF, an archive, a font, audio). Anything else is left
    for the picture's own check (``reader.pictures.probe``)."""
    found = signature(sample)
    if found is not None and not found[0].startswith(("image/", "video/mp4")):
        kind, what = found  # a PDF, an archive, a program, a font, audio or video
        raise NotPictureError(
            f"not a picture: {what} ({kind}) at {show(url)}", url=url,
            reason=f"not a picture ({what})",
        )
    head = sample.lstrip(b" \t\r\n\x0c")
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip()
    if not head.startswith(b"<"):
        return
    lowered = head.lower()
    if b"<svg" in lowered or b"svg+xml" in lowered or b"/svg" in lowered:
        # the same markers as reader.pictures' own check, so both give the same reason
        reason, what = "SVG is not drawn", "an SVG drawing"
    elif b"html" in lowered:
        reason, what = "not a picture (a web page)", "an HTML page"
    else:
        reason, what = "not a picture", "markup"
    raise NotPictureError(f"not a picture: {what} at {show(url)}", url=url, reason=reason)

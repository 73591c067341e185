"""Bytes to text as a browser does it: BOM, transport charset, ``<meta>``, detection.

Labels follow the WHATWG Encoding Standard where Python's names differ (ISO-8859-1 and
ASCII mean windows-1252, GB2312 means GB18030, ...). An unknown or unsafe label (UTF-7,
Python's transform codecs) is ignored and the next step decides. Invalid bytes become
U+FFFD; decoding never fails.
"""

from __future__ import annotations

import codecs
import re

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# WHATWG label -> Python codec, where Python would choose differently.
_ALIASES = {
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "windows-1252": "cp1252",
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "x-sjis": "shift_jis",
    "unicode-1-1-utf-8": "utf-8",
    "utf8": "utf-8",
    "x-mac-roman": "mac_roman",
}

# Codecs a page may not choose: not text encodings, or unsafe ones browsers refuse.
_REFUSED = {
    "utf-7",
    "idna",
    "punycode",
    "raw_unicode_escape",
    "unicode_escape",
    "undefined",
    "mbcs",
    "oem",
    "palmos",
    "utf-32",
    "utf-32-le",
    "utf-32-be",
}

_META = re.compile(
    rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]{1,40})""",
    re.IGNORECASE,
)
_PRESCAN_BYTES = 4096
_DETECT_BYTES = 65536
_DEFAULT_MARGIN = 0.05


def codec_for(label: str | None) -> str | None:
    """The Python codec for an encoding label, or None for an unknown or refused one."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    if not name or len(name) > 40:
        return None
    name = _ALIASES.get(name, name)
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):
        return None
    if info.name in _REFUSED or not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def _meta_charset(head: bytes) -> str | None:
    for match in _META.finditer(head):
        codec = codec_for(match.group(1).decode("ascii", "replace"))
        if codec:
            # A page cannot declare itself UTF-16 from inside (the bytes already say not).
            return "utf-8" if codec.startswith("utf-16") else codec
    return None


def _detect(data: bytes) -> str | None:
    """The detector's choice; windows-1252 (browsers' usual default) when it fits about as
    well, since short Western texts fit several single-byte code pages equally."""
    try:
        from charset_normalizer import from_bytes

        results = list(from_bytes(data[:_DETECT_BYTES]))
    except Exception:  # a detector failure only means "no opinion"
        return None
    if not results:
        return None
    best = results[0]
    for match in results:
        if match.encoding == "cp1252" and match.chaos <= best.chaos + _DEFAULT_MARGIN:
            return "cp1252"
    return codec_for(best.encoding)


def decode_keeping_utf8(data: bytes, encoding: str | None = None) -> tuple[str, bytes | None]:
    """Page bytes decoded to text (never raises), and the UTF-8 encoding of the text when
    the page's own bytes are it (UTF-8 decoded without a replacement): the parser then
    needs no second encoding."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decoded(data[len(bom) :], codec)
    declared = codec_for(encoding) or _meta_charset(data[:_PRESCAN_BYTES])
    if declared is None:
        try:
            return data.decode("utf-8"), bytes(data)
        except UnicodeDecodeError:
            declared = _detect(data)
    return _decoded(data, declared or "cp1252")


def _decoded(data: bytes, codec: str) -> tuple[str, bytes | None]:
    try:
        text = data.decode(codec, "replace")
    except Exception:  # a codec that misbehaves on these bytes
        codec = "utf-8"
        text = data.decode(codec, "replace")
    if codec == "utf-8" and "\ufffd" not in text:
        return text, bytes(data)
    return text, None

"""Bytes made ready for expat: the first reading takes a feed as it came (UTF-8, or
UTF-16/32 by its byte-order mark); only a document expat stopped on is decoded again
(declaration, Content-Type charset, windows-1252) and cleaned of what XML 1.0 forbids,
then repaired (bare ``&``, references to forbidden characters)."""

from __future__ import annotations

import codecs
import re

from reader.extract import clean_text

# --- decoding ------------------------------------------------------------------------

_DECL = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:\-]{1,40})["']""")
_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:\-]{1,40})""", re.IGNORECASE)
_UTF8_NAMES = frozenset({"utf-8", "utf8", "us-ascii", "ascii", "unicode-1-1-utf-8"})
_WHATWG = {
    "latin1": "windows-1252", "latin-1": "windows-1252", "iso-8859-1": "windows-1252",
    "iso8859-1": "windows-1252", "l1": "windows-1252", "us-ascii": "windows-1252",
    "ascii": "windows-1252", "gbk": "gb18030", "gb2312": "gb18030", "x-gbk": "gb18030",
}
_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)


def decode(data: bytes) -> tuple[bytes, list[str]]:
    """``data`` ready for expat's first reading: UTF-16 and UTF-32 (by their byte-order
    mark or their first ``<``) become UTF-8; anything else is tried as UTF-8 as it is."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        data = _utf8(data.decode("utf-32", "replace"))
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = _utf8(data.decode("utf-16", "replace"))
    elif data.startswith((b"<\x00", b"\x00<")):
        data = _utf8(data.decode("utf-16-le" if data[0] == 0x3C else "utf-16-be", "replace"))
    warnings: list[str] = []
    if not data.startswith(b"<?xml "):
        data, warnings = _trim_start(data)
    end = data.find(b"?>", 0, 400) if data.startswith(b"<?xml") else -1
    if end > 0 and b"standalone" in data[:end]:
        # A standalone document makes an undeclared entity (&nbsp;) fatal to expat;
        # without the claim it is reported and read from the HTML table.
        data = _STANDALONE.sub(b"", data[:end], 1) + data[end:]
    return data, warnings


_STANDALONE = re.compile(rb"""\s+standalone\s*=\s*["'][^"']*["']""")


_JUNK_LIMIT = 4_096


def _trim_start(data: bytes) -> tuple[bytes, list[str]]:
    """Whatever comes before the XML declaration (blank lines, a comment, a server's
    warning text) or, without one, before the first tag: expat refuses a declaration
    that is not first and text before the root."""
    decl = data.find(b"<?xml", 0, _JUNK_LIMIT)
    if decl > 0:
        cut = data[:decl]
    elif decl < 0 and not data.startswith(b"<"):
        first = data.find(b"<", 0, _JUNK_LIMIT)
        cut = data[:first] if first > 0 else b""
    else:
        cut = b""
    if not cut:
        return data, []
    quiet = not cut.strip() or (cut.strip().startswith(b"<!--") and cut.strip().endswith(b"-->"))
    return data[len(cut):], [] if quiet else ["text before the feed's first tag was left out"]


def redecode(data: bytes, content_type: str | None) -> tuple[bytes, list[str]]:
    """``data`` after expat stopped on it: not UTF-8 (then decoded by its believable
    declaration or Content-Type charset, else as windows-1252), or holding characters
    XML 1.0 forbids (removed, with the escape sequences they start)."""
    warnings: list[str] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # Valid UTF-8 is read as UTF-8 whatever the declaration or the server says:
        # other encodings are rarely valid UTF-8 by chance.
        label = _label(data, content_type)
        if label is None or label in ("utf-8", "utf-16", "utf-32"):
            label = "windows-1252"
            warnings.append("the feed is not valid UTF-8; read as windows-1252")
        text = data.decode(label, "replace")
    return _utf8(text), warnings


def _utf8(text: str) -> bytes:
    if _BAD_CHARS.search(text):
        text = _BAD_CHARS.sub("", clean_text(text))
    return text.encode("utf-8", "replace")


def _label(data: bytes, content_type: str | None) -> str | None:
    """The declared or served encoding, as a Python codec name, when it is usable."""
    names: list[str] = []
    m = _DECL.match(data[:512])
    if m:
        names.append(m.group(1).decode("ascii").lower())
    if content_type:
        c = _CHARSET.search(content_type)
        if c:
            names.append(c.group(1).lower())
    for name in names:
        if name in _UTF8_NAMES:
            return "utf-8"
        name = _WHATWG.get(name, name)
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        if codec.startswith(("utf-16", "utf-32")):
            return codec[:6]  # without a byte-order mark: not believable, skip below
        if codec in ("utf-7", "utf_7"):
            continue
        return codec
    return None


# --- repairs ---------------------------------------------------------------------------

_BARE_AMP = re.compile(r"&(?!(?:[A-Za-z_][A-Za-z0-9._\-]{0,40}|#[0-9]{1,8}|#x[0-9A-Fa-f]{1,8});)")
_CHAR_REF = re.compile(r"&#(?:([0-9]{1,8})|x([0-9A-Fa-f]{1,8}));(\[?[0-?]*[ -/]*[@-~])?")


def _char_ref_ok(m: re.Match[str]) -> str:
    code = int(m.group(1)) if m.group(1) else int(m.group(2), 16)
    ok = code in (9, 10, 13) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or (
        0x10000 <= code <= 0x10FFFF
    )
    tail = m.group(3) or ""
    if ok and not (0x7F <= code <= 0x9F or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069):
        return m.group(0)
    # A forbidden character goes, and with it the rest of the escape sequence it starts
    # (ESC [ … for 0x1b, the parameters at once for the 8-bit CSI 0x9b).
    if (code == 0x1B and tail.startswith("[")) or (code == 0x9B and not tail.startswith("[")):
        return ""
    return tail


def repair(text: str) -> str:
    """Bare ``&`` escaped; references to characters XML or a terminal forbids dropped."""
    text = _BARE_AMP.sub("&amp;", text)
    return _CHAR_REF.sub(_char_ref_ok, text)



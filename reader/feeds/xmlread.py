"""A safe, forgiving XML reader for feeds and OPML, on the standard library's expat.

Safety: entities are never expanded. A document type declaration with an internal
subset (where entities are declared) is cut out before expat reads the document (expat
would expand its entities in attribute values whatever the handlers); a default handler
stops expat from expanding any entity in text; external entities and DTDs are never
fetched or read (no handler loads them). A reference to an entity nobody declared is not
an error (a foreign DTD is assumed): in text it is read as the HTML named character it
names (``&nbsp;``, ``&eacute;``) from a fixed table, or dropped with a warning; in an
attribute it is dropped. Nothing reaches the file system or the network.

Forgiveness: the bytes are decoded by their byte-order mark, a believable declaration
or Content-Type charset, else UTF-8, else windows-1252; control characters and terminal
escape sequences are removed before parsing. When expat stops on an error, the common
repairs (a bare ``&``, references to characters XML forbids) are made and the document
read once more; whatever was read before an error that cannot be repaired is kept.

The reader builds a small tree of ``Node`` values. A ``Sink`` sees each element close and
may take it (an item, then freed at once), so a feed's items never sit in memory as a
tree together, and may ask for the subtrees of uninteresting elements to be skipped.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from collections.abc import Callable
from html.entities import html5
from typing import TypeVar
from urllib.parse import urljoin
from xml.parsers import expat

from reader.extract import clean_text

ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"

# Namespaces that mean the same to us get one short prefix. RSS 0.9x/1.0/2.0 names are
# bare; everything else keeps "{uri}" or its prefix as written.
_CANON = {
    "": "",
    "http://purl.org/rss/1.0/": "",
    "http://my.netscape.com/rdf/simple/0.9/": "",
    "http://backend.userland.com/rss2": "",
    "http://backend.userland.com/rss": "",
    ATOM: "atom:",
    "http://purl.org/atom/ns#": "atom:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://purl.org/rss/1.0/modules/content/": "content:",
    "http://purl.org/dc/elements/1.1/": "dc:",
    "http://purl.org/dc/terms/": "dcterms:",
    XHTML: "xhtml:",
    "http://www.itunes.com/dtds/podcast-1.0.dtd": "itunes:",
    "http://search.yahoo.com/mrss/": "media:",
    "http://opml.org/spec2": "",
}
# What an undeclared prefix usually means (a common mistake of hand-written feeds).
_USUAL_PREFIX = {
    "atom": ATOM, "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "xhtml": XHTML,
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "media": "http://search.yahoo.com/mrss/",
}

MAX_DEPTH = 256
"""Elements nested deeper are not built (their text goes to the deepest node kept)."""
MAX_NODES = 200_000
"""Nodes built between two items the sink takes; beyond, elements are flattened."""


class Node:
    """An element: its canonical tag (``atom:link``, ``title``, ``{uri}name``), its
    attributes as written, its children (text and nodes in order) and its effective
    ``xml:base`` (None when none applies)."""

    __slots__ = ("attrs", "base", "children", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], base: str | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.base = base
        self.children: list[Node | str] = []

    def text(self) -> str:
        """The node's own text (not its descendants')."""
        parts = [c for c in self.children if isinstance(c, str)]
        return parts[0] if len(parts) == 1 else "".join(parts)

    def all_text(self) -> str:
        """The text of the node and all its descendants, in order."""
        out: list[str] = []
        stack: list[Node | str] = [self]
        while stack:
            cur = stack.pop()
            if isinstance(cur, str):
                out.append(cur)
            else:
                stack.extend(reversed(cur.children))
        return "".join(out)

    def find(self, *tags: str) -> Node | None:
        """The first child with one of ``tags`` (in the order of ``tags``)."""
        for tag in tags:
            for c in self.children:
                if not isinstance(c, str) and c.tag == tag:
                    return c
        return None

    def find_all(self, tag: str) -> list[Node]:
        return [c for c in self.children if not isinstance(c, str) and c.tag == tag]


class Sink:
    """Told about elements as they close. ``take`` returns True to own the node (it is
    then removed from its parent); ``skip`` returns True to leave an element's whole
    subtree unbuilt (it is still counted by ``skipped``)."""

    def take(self, node: Node, parent: Node, depth: int) -> bool:
        return False

    def skip(self, tag: str, parent: Node, depth: int) -> bool:
        return False

    def skipped(self, tag: str, parent: Node, depth: int) -> None:
        return None


S = TypeVar("S", bound=Sink)


class XmlResult:
    """The tree the reader built (its ``root`` is a document node holding the root
    element), the warnings, and whether the input looked like HTML rather than XML."""

    __slots__ = ("error", "root", "warnings")

    def __init__(self, root: Node, warnings: list[str], error: str | None) -> None:
        self.root = root
        self.warnings = warnings
        self.error = error

    @property
    def element(self) -> Node | None:
        for c in self.root.children:
            if isinstance(c, Node):
                return c
        return None


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


def _repair(text: str) -> str:
    text = _BARE_AMP.sub("&amp;", text)
    return _CHAR_REF.sub(_char_ref_ok, text)


# --- the reader ------------------------------------------------------------------------


class _Reader:
    def __init__(self, sink: Sink, base: str | None) -> None:
        self.sink = sink
        self.doc = Node("#document", {}, base)
        self.stack: list[Node] = [self.doc]
        self.ns_stack: list[tuple[int, dict[str, str]]] = [(0, {})]
        self.next_ns = 1
        self.tag_cache: dict[tuple[str, int], str] = {}
        self.flat = 0  # elements open below MAX_DEPTH or beyond MAX_NODES: not built
        self.skipping = 0  # elements open inside a skipped subtree
        self.skipped_tag = ""
        self.built = 0
        self.unknown_entities: set[str] = set()
        self.flattened = False
        self.progress = 0  # elements the sink took

    def tag_of(self, name: str, ns_id: int, ns: dict[str, str]) -> str:
        key = (name, ns_id)
        tag = self.tag_cache.get(key)
        if tag is not None:
            return tag
        prefix, colon, local = name.rpartition(":")
        if colon:
            uri = ns.get(prefix)
            if uri is None:
                uri = _USUAL_PREFIX.get(prefix.lower())
            if uri is None:
                tag = f"{prefix}:{local}"
            else:
                canon = _CANON.get(uri)
                tag = f"{canon}{local}" if canon is not None else f"{{{uri}}}{local}"
        else:
            uri = ns.get("", "")
            canon = _CANON.get(uri)
            tag = f"{canon}{name}" if canon is not None else f"{{{uri}}}{name}"
        self.tag_cache[key] = tag
        return tag

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if self.skipping:
            self.skipping += 1
            return
        if self.flat:
            self.flat += 1
            return
        ns_id, ns = self.ns_stack[-1]
        if attrs:
            declared = [(k, v) for k, v in attrs.items() if k.startswith("xmlns")]
            if declared:
                ns = dict(ns)
                for k, v in declared:
                    ns[k[6:] if k.startswith("xmlns:") else ""] = v.strip()
                ns_id = self.next_ns
                self.next_ns += 1
        if len(self.stack) == 1 and name == "feed" and "" not in ns:
            # An Atom feed that forgot its namespace is still Atom.
            ns = {**ns, "": ATOM}
            ns_id = self.next_ns
            self.next_ns += 1
        tag = self.tag_of(name, ns_id, ns)
        parent = self.stack[-1]
        depth = len(self.stack)
        if self.sink.skip(tag, parent, depth):
            self.skipping = 1
            self.skipped_tag = tag
            return
        if depth > MAX_DEPTH or self.built >= MAX_NODES:
            self.flat = 1
            self.flattened = True
            return
        base = parent.base
        xml_base = attrs.get("xml:base") if attrs else None
        if xml_base is not None:
            xml_base = xml_base.strip()
            with contextlib.suppress(ValueError):
                base = urljoin(base, xml_base) if base else xml_base
        node = Node(tag, attrs, base)
        parent.children.append(node)
        self.stack.append(node)
        self.ns_stack.append((ns_id, ns))
        self.built += 1

    def end(self, name: str) -> None:
        if self.skipping:
            self.skipping -= 1
            if not self.skipping:
                self.sink.skipped(self.skipped_tag, self.stack[-1], len(self.stack))
            return
        if self.flat:
            self.flat -= 1
            return
        node = self.stack.pop()
        self.ns_stack.pop()
        parent = self.stack[-1]
        if self.sink.take(node, parent, len(self.stack)):
            parent.children.pop()
            self.built = 0
            self.progress += 1

    def salvage(self) -> None:
        """After an error: offer the sink the elements still open, innermost first, each
        without the child that was being read when the error came (it is incomplete),
        so that an item cut short keeps its title and link when they were complete."""
        if self.skipping or self.flat:
            return
        innermost = True
        while len(self.stack) > 1:
            node = self.stack.pop()
            parent = self.stack[-1]
            # An open element is its parent's last child: nothing came after it.
            if self.sink.take(node, parent, len(self.stack)) or innermost:
                parent.children.pop()
            innermost = False

    def data(self, text: str) -> None:
        if not self.skipping:
            self.stack[-1].children.append(text)

    def skipped_entity(self, name: str, is_parameter: bool) -> None:
        if is_parameter or self.skipping:
            return
        char = html5.get(name + ";")
        if char is not None:
            self.stack[-1].children.append(char)
        else:
            self.unknown_entities.add(name)

    def default(self, text: str) -> None:
        return None


def read_xml(
    data: bytes,
    make_sink: Callable[[], S],
    *,
    content_type: str | None = None,
    base: str | None = None,
) -> tuple[XmlResult, S]:
    """Read ``data`` into a tree, telling a sink of each element as it closes. A second
    reading after a repair gets a new sink; the sink of the reading kept is returned."""
    source, warnings = decode(data)
    reader, error, sink, source = _read(source, make_sink, base, warnings)
    if error is not None and not error.startswith(("junk after", "no element found")):
        # Expat stopped: perhaps on bytes that are not UTF-8 or characters XML forbids
        # (checked only now, so that a sound feed is never scanned twice).
        fixed, more = redecode(source, content_type)
        if fixed != source:
            warnings += more
            reader, error, sink, source = _read(fixed, make_sink, base, warnings)
    if error is not None and not error.startswith(("junk after", "no element found")):
        text = source.decode("utf-8", "replace")
        repaired = _repair(text).encode()
        if repaired != source:
            sink2 = make_sink()
            again, error2 = _parse(repaired, sink2, base)
            if error2 is None or again.progress >= reader.progress:
                reader, error, sink = again, error2, sink2
    if error is not None:
        warnings.append(f"malformed XML ({error}); read what came before")
        reader.salvage()
    if reader.unknown_entities:
        names = ", ".join(f"&{n};" for n in sorted(reader.unknown_entities)[:5])
        warnings.append(f"entities left unexpanded: {names}")
    if reader.flattened:
        warnings.append("elements nested too deep or too many were read as text only")
    return XmlResult(reader.doc, warnings, error), sink


def _read(
    source: bytes, make_sink: Callable[[], S], base: str | None, warnings: list[str]
) -> tuple[_Reader, str | None, S, bytes]:
    """One reading with a new sink; again without the DTD when it declares entities."""
    for _ in range(3):
        sink = make_sink()
        try:
            reader, error = _parse(source, sink, base)
            return reader, error, sink, source
        except _InternalSubset as found:
            source = _without_doctype(source, found.offset)
            warnings.append(
                "the document type declaration was ignored (entities are never expanded)"
            )
    sink = make_sink()
    return _Reader(sink, base), "more than one document type declaration", sink, source


class _InternalSubset(Exception):
    """A document type declaration with an internal subset starts at ``offset``."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


_DOCTYPE_TOKEN = re.compile(
    rb"\"[^\"]*\"|'[^']*'|<!--.*?-->|<\?.*?\?>|[\[\]>]|[^\"'\[\]>]+|<", re.DOTALL
)


def _without_doctype(source: bytes, offset: int) -> bytes:
    """``source`` without the ``<!DOCTYPE`` declaration at ``offset`` (quoted strings and
    comments in its subset cannot end it early); without everything after when it never
    ends."""
    # expat reports the subset's "[", after the name and any external identifier.
    start = source.rfind(b"<!DOCTYPE", 0, offset + 1)
    offset = start if start >= 0 else offset
    inside = False
    for m in _DOCTYPE_TOKEN.finditer(source, offset + 2):
        tok = m.group()
        if tok == b"[":
            inside = True
        elif tok == b"]":
            inside = False
        elif tok == b">" and not inside:
            return source[:offset] + source[m.end():]
    return source[:offset]


def _parse(source: bytes, sink: Sink, base: str | None) -> tuple[_Reader, str | None]:
    reader = _Reader(sink, base)
    parser = expat.ParserCreate("utf-8")
    parser.buffer_text = True
    parser.buffer_size = 1 << 16
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.data
    parser.SkippedEntityHandler = reader.skipped_entity
    # Setting a default handler stops expat from expanding internal entities: each
    # reference goes to SkippedEntityHandler instead. Without an ExternalEntityRefHandler
    # no external entity or DTD is ever read.
    parser.DefaultHandler = reader.default
    parser.UseForeignDTD(True)

    def doctype(name: str, system: str | None, public: str | None, internal: int) -> None:
        if internal:
            raise _InternalSubset(parser.CurrentByteIndex)

    def declared(*args: object) -> None:  # pragma: no cover - the subset is cut first
        raise _InternalSubset(parser.CurrentByteIndex)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = declared
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(source, True)
    except expat.ExpatError as exc:
        return reader, f"{expat.ErrorString(exc.code)} at line {exc.lineno}"
    except RecursionError:  # pragma: no cover - expat does not recurse into Python
        return reader, "nested too deep"
    return reader, None

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

import re
from collections.abc import Callable
from typing import TypeVar
from xml.parsers import expat

from reader.feeds.xml.loose import read_leniently
from reader.feeds.xml.prep import decode, redecode, repair
from reader.feeds.xml.tree import Sink, TreeBuilder, XmlResult

S = TypeVar("S", bound=Sink)
# Errors at the end of a document cut short: what came before is all there is.
_CUT_SHORT = ("no element found", "unclosed token", "junk after")


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
    if error is not None and not error.startswith(_CUT_SHORT):
        # Expat stopped: perhaps on bytes that are not UTF-8 or characters XML forbids
        # (checked only now, so that a sound feed is never scanned twice).
        fixed, more = redecode(source, content_type)
        if fixed != source:
            warnings += more
            reader, error, sink, source = _read(fixed, make_sink, base, warnings)
    if error is not None and not error.startswith(_CUT_SHORT):
        text = source.decode("utf-8", "replace")
        repaired = repair(text).encode()
        if repaired != source:
            sink2 = make_sink()
            again, error2 = _parse(repaired, sink2, base)
            if error2 is None or again.progress >= reader.progress:
                reader, error, sink = again, error2, sink2
    if error is not None and not error.startswith(_CUT_SHORT):
        # Still stopped in the middle: read it leniently, and keep whichever got further.
        lenient_sink = make_sink()
        lenient = read_leniently(source.decode("utf-8", "replace"), lenient_sink, base)
        if (lenient.progress, lenient.total) > (reader.progress, reader.total):
            warnings.append(f"malformed XML ({error}); read leniently")
            reader, sink, error = lenient, lenient_sink, None
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
) -> tuple[TreeBuilder, str | None, S, bytes]:
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
    return TreeBuilder(sink, base), "more than one document type declaration", sink, source


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


def _parse(source: bytes, sink: Sink, base: str | None) -> tuple[TreeBuilder, str | None]:
    reader = TreeBuilder(sink, base)
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

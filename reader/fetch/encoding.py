"""Undo content encodings incrementally, never holding more than a bounded step.

httpx's own decoders have no output limit: one 64 KiB gzip chunk can become tens of MB
in one call. Here each decoder turns a piece of input into pieces of output of at most
about ``STEP`` bytes, lazily, so the caller can stop as soon as its cap is reached and
memory stays bounded whatever the compression ratio, nested encodings included.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from typing import Protocol

import brotli  # type: ignore[import-untyped]

from reader.fetch.errors import ContentEncodingError, show

STEP = 64 * 1024
"""The most output one decoding step produces (brotli may overshoot it by a block)."""

SUPPORTED = ("gzip", "deflate", "br")
"""Encodings we can undo, in the order we offer them in Accept-Encoding."""

ACCEPT_ENCODING = ", ".join(SUPPORTED)


class Decoder(Protocol):
    def feed(self, data: bytes) -> Iterator[bytes]:
        """Decode ``data``; yield the output in pieces of at most about ``STEP`` bytes."""
        ...

    def finish(self) -> Iterator[bytes]:
        """Yield what is left once the input has ended."""
        ...


def _zlib_steps(d: zlib._Decompress, data: bytes) -> Iterator[bytes]:
    """Feed ``data`` to ``d`` and yield bounded pieces until it needs more input."""
    pending = data
    while True:
        out = d.decompress(pending, STEP)
        if out:
            yield out
        pending = d.unconsumed_tail
        if d.eof or (not pending and len(out) < STEP):
            return


class GzipDecoder:
    """gzip, including several members one after another (as ``cat a.gz b.gz`` makes)."""

    def __init__(self) -> None:
        self._d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._done = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        while data and not self._done:
            yield from _zlib_steps(self._d, data)
            data = b""
            if self._d.eof:
                rest = self._d.unused_data
                if rest.startswith(b"\x1f\x8b"):
                    self._d = zlib.decompressobj(16 + zlib.MAX_WBITS)
                    data = rest
                elif rest:
                    self._done = True  # trailing bytes after the last member: ignored

    def finish(self) -> Iterator[bytes]:
        if not self._done and not self._d.eof:
            yield from _zlib_steps(self._d, b"")


class DeflateDecoder:
    """The "deflate" encoding as the RFC says (zlib-wrapped) or as some servers send it (raw)."""

    def __init__(self) -> None:
        self._d: zlib._Decompress | None = None
        self._head = b""

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._d is None:
            self._head += data
            if len(self._head) < 2:
                return
            data, self._head = self._head, b""
            first, second = data[0], data[1]
            wrapped = first & 0x0F == 8 and (first << 8 | second) % 31 == 0
            self._d = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        if not self._d.eof:
            yield from _zlib_steps(self._d, data)

    def finish(self) -> Iterator[bytes]:
        # A lone first byte decodes to nothing either way; a started stream is drained.
        if self._d is not None and not self._d.eof:
            yield from _zlib_steps(self._d, b"")


class BrotliDecoder:
    def __init__(self) -> None:
        self._d = brotli.Decompressor()

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._d.is_finished():
            return
        out = self._d.process(data, output_buffer_limit=STEP)
        if out:
            yield out
        while not self._d.is_finished():
            out = self._d.process(b"", output_buffer_limit=STEP)
            if out:
                yield out
            elif self._d.can_accept_more_data():
                return

    def finish(self) -> Iterator[bytes]:
        return iter(())


_DECODERS: dict[str, type[GzipDecoder | DeflateDecoder | BrotliDecoder]] = {
    "gzip": GzipDecoder,
    "x-gzip": GzipDecoder,
    "deflate": DeflateDecoder,
    "br": BrotliDecoder,
}


class BodyDecoder:
    """The whole stack named by a Content-Encoding header ("gzip, br" → br undone first).

    ``feed`` and ``finish`` yield decoded pieces lazily; stop iterating at any time and
    nothing more is decoded. Raises ``ContentEncodingError`` for an unknown encoding (at
    construction) and for input that does not decode.
    """

    def __init__(self, encodings: Iterable[str]) -> None:
        names = [e.strip().lower() for e in encodings]
        names = [n for n in names if n and n != "identity"]
        unknown = [n for n in names if n not in _DECODERS]
        if unknown:
            raise ContentEncodingError(
                f"the server used a content encoding reader cannot decode: {show(unknown[0])}"
            )
        # The last encoding applied is the first to undo.
        self._stages: list[Decoder] = [_DECODERS[n]() for n in reversed(names)]
        self.names = tuple(names)

    def feed(self, data: bytes) -> Iterator[bytes]:
        return self._guard(self._run(0, data, final=False))

    def finish(self) -> Iterator[bytes]:
        return self._guard(self._run(0, b"", final=True))

    def _run(self, index: int, data: bytes, *, final: bool) -> Iterator[bytes]:
        if index == len(self._stages):
            if data:
                yield data
            return
        stage = self._stages[index]
        if data:
            for piece in stage.feed(data):
                yield from self._run(index + 1, piece, final=False)
        if final:
            for piece in stage.finish():
                yield from self._run(index + 1, piece, final=False)
            yield from self._run(index + 1, b"", final=True)

    def _guard(self, pieces: Iterator[bytes]) -> Iterator[bytes]:
        try:
            yield from pieces
        except (zlib.error, brotli.error):
            raise ContentEncodingError(
                f"the page's {' + '.join(self.names)} compression is broken: "
                "it could not be decoded"
            ) from None

"""Pure pieces of the fetch layer: Content-Type parsing, sniffing, decoders fed byte by byte."""

from __future__ import annotations

import gzip
import itertools
import zlib
from collections.abc import Callable

import brotli  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.fetch import ContentEncodingError
from reader.fetch.encoding import BodyDecoder
from reader.fetch.sniff import is_binary, parse_content_type, signature

TEXT = "<p>Ein Absatz über nichts Besonderes, zweimal.</p>".encode() * 40


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/html; charset=UTF-8", ("text/html", "UTF-8")),
        ('TEXT/HTML;Charset="windows-1252"', ("text/html", "windows-1252")),
        ("text/html; foo=bar; charset='koi8-r' ", ("text/html", "koi8-r")),
        ("text/html; charset=", ("text/html", None)),
        ("text/html; charset=a b<c>", ("text/html", None)),
        ("text/html", ("text/html", None)),
        ("", ("", None)),
        (None, ("", None)),
        (" application/XHTML+xml ", ("application/xhtml+xml", None)),
    ],
)
def test_parse_content_type(header: str | None, expected: tuple[str, str | None]) -> None:
    assert parse_content_type(header) == expected


@pytest.mark.parametrize(
    ("start", "kind"),
    [
        (b"%PDF-1.7", "application/pdf"),
        (b"\x00\x00\x00\x18ftypmp42", "video/mp4"),
        (b"\x1aE\xdf\xa3\x01", "video/webm"),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", "audio/wav"),
        (b"\x7fELF\x02\x01", "application/x-executable"),
    ],
)
def test_signatures(start: bytes, kind: str) -> None:
    found = signature(start + bytes(64))
    assert found is not None and found[0] == kind


def test_html_has_no_signature() -> None:
    assert signature(b"<!doctype html><title>x</title>") is None
    assert signature(b"RIFF raff, a story about dogs") is None


def test_binary_judgement() -> None:
    assert is_binary(bytes(1024))  # all NUL
    assert is_binary(bytes(range(256)) * 4)
    assert not is_binary(TEXT)
    assert not is_binary(b"<p>a\x00b\x00c\x00</p>" + TEXT)  # a few NULs in a page
    assert not is_binary("<p>Zweibyte-Text</p>".encode("utf-16-le"))  # no BOM, NUL pattern
    assert not is_binary("<p>Zweibyte-Text</p>".encode("utf-16"))  # with BOM
    assert not is_binary(bytes(range(32)) * 4, charset="UTF-16")


SQUEEZERS: dict[str, Callable[[bytes], bytes]] = {
    "gzip": gzip.compress,
    "deflate": zlib.compress,
    "br": brotli.compress,
}


@pytest.mark.parametrize(
    ("encoding", "squeeze"),
    [
        *SQUEEZERS.items(),
        ("deflate", lambda b: zlib.compress(b, wbits=-15)),
        ("gzip, br", lambda b: brotli.compress(gzip.compress(b))),
    ],
)
def test_decoders_fed_one_byte_at_a_time(encoding: str, squeeze: Callable[[bytes], bytes]) -> None:
    data = squeeze(TEXT)
    decoder = BodyDecoder(encoding.split(","))
    out = b"".join(b"".join(decoder.feed(data[i : i + 1])) for i in range(len(data)))
    out += b"".join(decoder.finish())
    assert out == TEXT


def test_gzip_trailing_garbage_is_ignored() -> None:
    decoder = BodyDecoder(["gzip"])
    out = b"".join(decoder.feed(gzip.compress(TEXT) + b"\r\n\r\nleftover")) + b"".join(
        decoder.finish()
    )
    assert out == TEXT


def test_gzip_cut_short_gives_what_arrived() -> None:
    data = gzip.compress(TEXT)
    decoder = BodyDecoder(["gzip"])
    out = b"".join(decoder.feed(data[: len(data) // 2])) + b"".join(decoder.finish())
    assert out and TEXT.startswith(out)


def test_identity_and_empty_names_change_nothing() -> None:
    decoder = BodyDecoder(["identity", " ", ""])
    assert b"".join(decoder.feed(TEXT)) == TEXT


@pytest.mark.parametrize("name", ["compress", "zstd", "sdch", "\x1b[31m"])
def test_unknown_encodings_are_refused_up_front(name: str) -> None:
    with pytest.raises(ContentEncodingError) as info:
        BodyDecoder(["gzip", name])
    assert "\x1b" not in str(info.value)


@settings(max_examples=60, deadline=None)
@given(
    body=st.binary(max_size=5000),
    cuts=st.lists(st.integers(min_value=0, max_value=6000), max_size=12),
    encoding=st.sampled_from(["gzip", "deflate", "br", "gzip, br", "br, deflate"]),
)
def test_any_chunking_decodes_the_same(body: bytes, cuts: list[int], encoding: str) -> None:
    data = body
    for name in (n.strip() for n in encoding.split(",")):
        data = {"gzip": gzip.compress, "deflate": zlib.compress, "br": brotli.compress}[name](data)
    bounds = sorted({0, len(data), *(c for c in cuts if c < len(data))})
    decoder = BodyDecoder(encoding.split(","))
    out = b"".join(b"".join(decoder.feed(data[a:b])) for a, b in itertools.pairwise(bounds))
    assert out + b"".join(decoder.finish()) == body

"""The fetch layer against a real loopback server: answers, statuses, types, validators."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from reader import __version__
from reader.errors import FetchError
from reader.fetch import (
    BadURLError,
    Fetcher,
    HTTPStatusError,
    NotHTMLError,
)
from reader.fetch.errors import parse_retry_after
from tests.support.fetch import fetch, head, raw
from tests.support.httpserver import LoopbackServer, Reply, Request, html

STORY = "<html><head><title>Zuhause</title></head><body><p>Grüße aus Köln</p></body></html>"



async def test_page_with_charset(server: LoopbackServer) -> None:
    body = STORY.encode("iso-8859-1")
    server.route(
        "/story",
        lambda _r: Reply(200, body, {"Content-Type": 'text/html; Charset="ISO-8859-1"'}),
    )
    page = await fetch(server.url("/story"))
    assert page.status == 200
    assert page.body == body
    assert page.content_type == "text/html"
    assert page.charset == "ISO-8859-1"
    assert page.url == page.final_url == server.url("/story")
    assert page.redirects == ()
    assert not page.truncated
    assert page.fetched_at is not None
    assert abs(page.fetched_at - datetime.now(UTC)) < timedelta(seconds=30)


async def test_request_names_the_project_and_offers_our_encodings(
    server: LoopbackServer,
) -> None:
    server.route("/", html("<p>hi</p>"))
    await fetch(server.url("/"))
    sent = server.requests[-1].headers
    assert f"reader/{__version__}" in sent["user-agent"]
    assert sent["accept-encoding"] == "gzip, deflate, br"
    assert "text/html" in sent["accept"]


async def test_xhtml_is_accepted(server: LoopbackServer) -> None:
    server.route(
        "/x",
        lambda _r: Reply(
            200,
            b"<html xmlns='http://www.w3.org/1999/xhtml'/>",
            {"Content-Type": "application/xhtml+xml"},
        ),
    )
    page = await fetch(server.url("/x"))
    assert page.content_type == "application/xhtml+xml"
    assert page.charset is None


async def test_missing_content_type_is_sniffed_as_html(server: LoopbackServer) -> None:
    server.route("/bare", lambda _r: raw(head(Content_Length="12") + b"<p>plain</p>"))
    page = await fetch(server.url("/bare"))
    assert page.content_type == "text/html"
    assert page.body == b"<p>plain</p>"


async def test_missing_content_type_on_a_pdf_is_refused(server: LoopbackServer) -> None:
    pdf = b"%PDF-1.7\n" + bytes(range(256)) * 8
    server.route("/bare.pdf", lambda _r: raw(head(Content_Length=str(len(pdf))) + pdf))
    with pytest.raises(NotHTMLError, match=r"not an HTML page: a PDF document \(application/pdf\)"):
        await fetch(server.url("/bare.pdf"))


@pytest.mark.parametrize(
    "media", ["application/pdf", "image/png", "text/plain", "application/json"]
)
async def test_other_declared_types_are_refused(server: LoopbackServer, media: str) -> None:
    server.route("/f", lambda _r: Reply(200, b"x" * 100, {"Content-Type": media}))
    with pytest.raises(NotHTMLError) as info:
        await fetch(server.url("/f"))
    assert str(info.value).startswith(f"not an HTML page: {media} at ")
    assert info.value.content_type == media


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(500)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(500)
GIF = b"GIF89a" + bytes(500)
WEBP = b"RIFF\x10\x00\x00\x00WEBPVP8 " + bytes(500)
ZIP = b"PK\x03\x04" + bytes(500)
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(500)


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (PDF, "application/pdf"),
        (PNG, "image/png"),
        (JPEG, "image/jpeg"),
        (GIF, "image/gif"),
        (WEBP, "image/webp"),
        (ZIP, "application/zip"),
    ],
)
async def test_binary_formats_served_as_html_are_refused(
    server: LoopbackServer, body: bytes, kind: str
) -> None:
    server.route("/lie", lambda _r: Reply(200, body))  # the server says text/html
    with pytest.raises(NotHTMLError) as info:
        await fetch(server.url("/lie"))
    assert f"({kind}) served as text/html" in str(info.value)
    assert info.value.content_type == kind


async def test_binary_noise_served_as_html_is_refused(server: LoopbackServer) -> None:
    noise = bytes((i * 7919) % 256 for i in range(4000))
    server.route("/noise", lambda _r: Reply(200, noise))
    with pytest.raises(NotHTMLError, match="not an HTML page: binary data served as text/html"):
        await fetch(server.url("/noise"))


async def test_a_few_nul_bytes_do_not_make_a_page_binary(server: LoopbackServer) -> None:
    body = b"<p>before\x00 the NUL</p>" + b"<p>more text</p>" * 100
    server.route("/nul", lambda _r: Reply(200, body))
    assert (await fetch(server.url("/nul"))).body == body


async def test_utf16_page_with_bom_is_text(server: LoopbackServer) -> None:
    body = "\ufeff<html><p>Zweite Seite, zweites Byte</p></html>".encode("utf-16-le")
    server.route("/u16", lambda _r: Reply(200, body, {"Content-Type": "text/html"}))
    assert (await fetch(server.url("/u16"))).body == body


@pytest.mark.parametrize(
    ("status", "words"),
    [(404, "404 Not Found"), (500, "500 Internal Server Error"), (410, "410 Gone")],
)
async def test_error_status_names_host_and_status(
    server: LoopbackServer, status: int, words: str
) -> None:
    server.route("/e", html("<p>sorry</p>", status=status))
    with pytest.raises(HTTPStatusError) as info:
        await fetch(server.url("/e"))
    assert str(info.value) == f"127.0.0.1:{server.port} answered {words}"
    assert info.value.status == status
    assert info.value.retry_after is None
    assert info.value.url == server.url("/e")


async def test_429_carries_retry_after_in_seconds(server: LoopbackServer) -> None:
    server.route("/busy", html("<p>slow down</p>", status=429, **{"Retry-After": "120"}))
    with pytest.raises(HTTPStatusError) as info:
        await fetch(server.url("/busy"))
    assert info.value.status == 429
    assert info.value.retry_after == 120.0
    assert "429 Too Many Requests" in str(info.value)
    assert "wait 120 s" in str(info.value)


async def test_503_carries_retry_after_from_a_date(server: LoopbackServer) -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=90), usegmt=True)
    server.route("/down", html("<p>later</p>", status=503, **{"Retry-After": when}))
    with pytest.raises(HTTPStatusError) as info:
        await fetch(server.url("/down"))
    assert info.value.retry_after is not None
    assert 80 <= info.value.retry_after <= 91


def test_retry_after_parsing() -> None:
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert parse_retry_after("0") == 0.0
    assert parse_retry_after(" 30 ") == 30.0
    assert parse_retry_after("Thu, 01 Jan 2026 12:01:00 GMT", now) == 60.0
    assert parse_retry_after("Thu, 01 Jan 2026 11:00:00 GMT", now) == 0.0  # past: no wait
    assert parse_retry_after("soon") is None
    assert parse_retry_after("-5") is None
    assert parse_retry_after("") is None


def _validating(req: Request) -> Reply:
    if req.headers.get("if-none-match") == '"v1"':
        return Reply(304, headers={"ETag": '"v1"'})
    return Reply(
        200,
        b"<p>first version</p>",
        {"ETag": '"v1"', "Last-Modified": "Mon, 05 Jan 2026 10:00:00 GMT"},
    )


async def test_conditional_request_gets_304(server: LoopbackServer) -> None:
    server.route("/v", _validating)
    async with Fetcher() as fetcher:
        first = await fetcher.fetch(server.url("/v"))
        assert first.etag == '"v1"'
        assert first.last_modified == "Mon, 05 Jan 2026 10:00:00 GMT"
        again = await fetcher.fetch(
            server.url("/v"), etag=first.etag, last_modified=first.last_modified
        )
    assert again.status == 304
    assert again.body == b""
    assert again.etag == '"v1"'
    assert again.url == server.url("/v")
    sent = server.requests[-1].headers
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Mon, 05 Jan 2026 10:00:00 GMT"
    assert "if-none-match" not in server.requests[0].headers


async def test_unsendable_validator_is_dropped_not_fatal(server: LoopbackServer) -> None:
    server.route("/v", _validating)
    page = await fetch(server.url("/v"), etag='"caf\u00e9"')
    assert page.status == 200
    assert "if-none-match" not in server.requests[-1].headers


@pytest.mark.parametrize(
    "url",
    ["ftp://example.invalid/x", "file:///etc/passwd", "javascript:alert(1)", "http://", "news", ""],
)
async def test_not_a_web_address(url: str) -> None:
    with pytest.raises(BadURLError) as info:
        await fetch(url)
    assert str(info.value).startswith("not a web address: ")


async def test_messages_never_name_httpx_types(server: LoopbackServer) -> None:
    server.route("/e", html("<p>x</p>", status=502))
    with pytest.raises(FetchError) as info:
        await fetch(server.url("/e"))
    assert "httpx" not in str(info.value) and "Error" not in str(info.value)


async def test_last_content_type_line_wins(server: LoopbackServer) -> None:
    reply = head(Content_Type="text/plain", Content_Length="9") + b"<p>hi</p>"
    reply = reply.replace(b"\r\n\r\n", b"\r\nContent-Type: text/html; charset=utf-8\r\n\r\n", 1)
    server.route("/two", lambda _r: raw(reply))
    page = await fetch(server.url("/two"))
    assert (page.content_type, page.charset) == ("text/html", "utf-8")


UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize(
    "hostile",
    [
        "application/x-\u202eevil\u202c".encode(),  # bidi override, as UTF-8
        b"application/x-\x9b31mred\x9d0;title\x9c",  # C1 CSI and OSC, as Latin-1
    ],
)
async def test_hostile_header_text_never_reaches_a_message(
    server: LoopbackServer, hostile: bytes
) -> None:
    reply = b"HTTP/1.1 200 OK\r\nContent-Type: " + hostile + b"\r\nContent-Length: 3\r\n\r\n<p>"
    server.route("/h", lambda _r: raw(reply))
    with pytest.raises(NotHTMLError) as info:
        await fetch(server.url("/h"))
    assert str(info.value).startswith("not an HTML page: application/x-")
    assert not UNSAFE.search(str(info.value))


async def test_unasked_304_is_an_error(server: LoopbackServer) -> None:
    server.route("/odd", lambda _r: Reply(304))
    with pytest.raises(HTTPStatusError) as info:
        await fetch(server.url("/odd"))
    assert str(info.value) == f"127.0.0.1:{server.port} answered 304 Not Modified"

"""Hostile input, end to end: the real ``reader extract`` command (a subprocess) against a
real misbehaving HTTP server on 127.0.0.1, with its cache in tmp_path.

Three promises are checked from the outside, where a user meets them:
- nothing a page says reaches the terminal as a control sequence, and markup-like text
  stays literal text, in every output format;
- links are http(s) only, however a page disguises another scheme;
- a broken network or a hostile server ends in exit 1 and one ``reader:`` line (no
  traceback), while odd but readable pages are read.
"""

from __future__ import annotations

import gzip
import json
import re
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.httpserver import LoopbackServer, Reply, Request

FIXTURES = Path(__file__).parent / "fixtures" / "hostile"
HTML = "text/html; charset=utf-8"
FORMATS = ("markdown", "json", "text")

# What must never reach a terminal: C0 controls but tab and newline, DEL, C1 controls,
# and bidirectional embeddings, overrides and isolates.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
MARKUP = (
    "[bold]loud[/bold]",
    "[link=https://evil.invalid]click me[/link]",
    "[@click=app.quit]quit[/]",
    "[red on white]colour[/]",
)


# -- running the command ---------------------------------------------------------------


def run_extract(
    source: str, tmp_path: Path, fmt: str = "markdown", *extra: str, timeout: float = 30
) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "config.toml"
    if not config.exists():
        config.write_text("deadline = 2.0\nconnect_timeout = 2.0\n", "utf-8")
    argv = [sys.executable, "-m", "reader", "extract", source, "--format", fmt]
    argv += ["--cache-dir", str(tmp_path / "cache"), "--config", str(config), *extra]
    return subprocess.run(
        argv, capture_output=True, text=True, encoding="utf-8", errors="strict", timeout=timeout
    )


def assert_clean_failure(proc: subprocess.CompletedProcess[str]) -> str:
    """Exit 1, nothing on stdout, no traceback, and one ``reader:`` error line (warnings,
    ``reader: warning: …``, may come before it). Returns the error line."""
    assert proc.returncode == 1, (proc.returncode, proc.stdout[:300], proc.stderr)
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.splitlines()
    assert lines and all(line.startswith("reader: ") for line in lines), proc.stderr
    errors = [line for line in lines if not line.startswith("reader: warning: ")]
    assert len(errors) == 1, proc.stderr
    assert not UNSAFE.search(proc.stderr)
    return errors[0]


def assert_read(proc: subprocess.CompletedProcess[str], *phrases: str) -> str:
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    for phrase in phrases:
        assert phrase in proc.stdout, phrase
    assert not UNSAFE.search(proc.stdout)
    return proc.stdout


def strings(value: Any) -> Iterator[str]:
    """Every string inside a decoded JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def unescape_markdown(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


# -- a story to carry the odd bytes ------------------------------------------------------

STORY = (
    "<!DOCTYPE html><html lang=en><head>{meta}<title>Tide mill {word} reopens | "
    "The Gull Point Gazette</title></head><body><article><h1>Tide mill {word} reopens</h1>"
    "<p>The old tide mill on Sluice Lane turned its wheel again on Friday for the first "
    "time in sixty years, after a trust of local families spent four summers clearing the "
    "millpond and rebuilding the gate that holds back the sea.</p>"
    "<p>{odd}</p>"
    "<p>The miller's cottage beside it will become a small museum, with the grinding "
    "stones on show and a film about the families who worked the mill until the war. "
    "School groups will be able to visit from the spring, and the trust hopes to grind a "
    "little flour for the bakery on the quay once the wheel has run in.</p>"
    "<p>Volunteers are still needed to guide visitors at weekends, and anyone who would "
    "like to help can leave their name at the harbour office on any weekday morning.</p>"
    "</article></body></html>"
)


def story(odd: str = "", word: str = "", meta: str = '<meta charset="utf-8">') -> bytes:
    return STORY.format(odd=odd, word=word, meta=meta).encode("utf-8")


# -- the server ------------------------------------------------------------------------


@pytest.fixture
def hostile() -> Iterator[LoopbackServer]:
    release = threading.Event()
    with LoopbackServer() as srv:
        srv.release = release  # type: ignore[attr-defined]
        yield srv
        release.set()  # let hanging handlers go before the server closes


def serve(srv: LoopbackServer, path: str, body: bytes, **headers: str) -> str:
    hdrs = {"Content-Type": HTML, **headers}
    srv.route(path, lambda _req: Reply(body=body, headers=hdrs))
    return srv.url(path)


# -- the terminal is ours ------------------------------------------------------------------


_MD_SANITIZE_ORDER = (
    "reader/extract/render.py escapes page text for Markdown before the sanitizer runs, so "
    "ESC followed by an escaping backslash reads as ST: in the markdown field an 8-bit APC "
    "(U+009F) swallows the story up to the next ESC ('The swim alone brought in…' and the "
    "whole list are lost) and remnants like ']2;PWNED-WINDOW\\' stay; the text field is right"
)


@pytest.mark.parametrize(
    "fmt",
    [
        pytest.param("markdown", marks=pytest.mark.xfail(strict=True, reason=_MD_SANITIZE_ORDER)),
        pytest.param("json", marks=pytest.mark.xfail(strict=True, reason=_MD_SANITIZE_ORDER)),
        "text",
    ],
)
def test_escape_sequences_never_reach_the_output(
    hostile: LoopbackServer, tmp_path: Path, fmt: str
) -> None:
    url = serve(hostile, "/news/cottage", (FIXTURES / "escapes.html").read_bytes())
    proc = run_extract(url, tmp_path, fmt)
    out = assert_read(proc, "keeper's cottage at the foot of the Gull Point light")
    assert proc.stderr == ""
    assert "\x1b" not in out and "\x9b" not in out and "\x9d" not in out
    if fmt == "json":
        data = json.loads(out)
        for s in strings(data):
            assert not UNSAFE.search(s), repr(s)
        literal = data["text"] + "\n" + unescape_markdown(data["markdown"])
    elif fmt == "markdown":
        literal = unescape_markdown(out)
    else:
        literal = out
    for piece in MARKUP:
        assert piece in literal, (fmt, piece)
    # the story around the sequences survives
    for phrase in ("The windows came next.", "The swim alone brought in", "go to the lifeboat"):
        assert phrase in literal, (fmt, phrase)
        if fmt == "json":
            assert phrase in unescape_markdown(data["markdown"]), ("json markdown", phrase)
    # a sequence goes whole: no payload is left behind to look like text
    for payload in ("PWNED-TITLE", "PWNED-WINDOW", "cm0gLXJmIH4K", "Gf=100", "C1-TITLE"):
        assert payload not in out, (fmt, payload)


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_links_are_http_only_however_disguised(
    hostile: LoopbackServer, tmp_path: Path, fmt: str
) -> None:
    url = serve(hostile, "/news/2026/11/open-day", (FIXTURES / "links.html").read_bytes())
    out = assert_read(run_extract(url, tmp_path, fmt), "Open day at the lighthouse cottage")
    honest = hostile.url("/news/2026/11/cottage-restored")
    if fmt == "json":
        data = json.loads(out)
        for key in ("url", "canonical_url", "lead_image"):
            assert data[key] is None or re.match(r"https?://", data[key]), (key, data[key])
        urls = [t["url"] for t in data["teasers"]]
        assert all(re.match(r"https?://", u) for u in urls), urls
        assert hostile.url("/news/2026/11/lamp-room-opens") in urls  # the honest teaser
        assert not any("alert" in t["title"] or "Teaser headline" in t["title"] and
                       not t["url"].startswith("http") for t in data["teasers"])
        md = data["markdown"]
    else:
        md = out
    assert f"]({honest})" in md  # a real link still is one
    prose = re.sub(r"`[^`\n]*`", "", md)  # code spans are literal by definition
    for m in re.finditer(r"(?<!\\)\]\(\s*<?\s*([^)\s>]*)", prose):
        assert re.match(r"https?://", m.group(1)), m.group(0)
    for m in re.finditer(r"(?<!\\)<([a-zA-Z][a-zA-Z0-9+.-]*):", prose):
        assert m.group(1).lower() in ("http", "https"), m.group(0)  # autolinks
    squashed = re.sub(r"\s", "", prose).lower()
    for scheme in ("javascript:", "vbscript:", "data:", "file:"):
        assert f"]({scheme}" not in squashed.replace("\\]", "")


# -- failures: exit 1, one line, no traceback ------------------------------------------------


def test_dns_failure_is_not_testable_here() -> None:
    pytest.skip("a subprocess would really resolve the name; DNS failure is simulated "
                "in-process by the fetch tests instead (DESIGN.md: tests never resolve names)")


def test_connection_refused(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    line = assert_clean_failure(run_extract(f"http://127.0.0.1:{port}/story", tmp_path))
    assert str(port) in line or "refused" in line.lower() or "connect" in line.lower()


def _reset_mid_body(sock: socket.socket, _req: Request) -> None:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {HTML}\r\nContent-Length: 200000\r\n\r\n"
    sock.sendall(head.encode() + story()[:600])
    time.sleep(0.2)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()  # with linger 0: an RST, not a FIN


def test_reset_mid_body(hostile: LoopbackServer, tmp_path: Path) -> None:
    hostile.route("/reset", lambda _req: Reply(raw=_reset_mid_body))
    assert_clean_failure(run_extract(hostile.url("/reset"), tmp_path))


def test_slow_drip_past_the_deadline(hostile: LoopbackServer, tmp_path: Path) -> None:
    chunks = [story()[:200]] + [b" "] * 200
    hostile.route(
        "/drip", lambda _req: Reply(body=iter(chunks), headers={"Content-Type": HTML},
                                    chunk_delay=0.1)
    )
    started = time.monotonic()
    assert_clean_failure(run_extract(hostile.url("/drip"), tmp_path))
    assert time.monotonic() - started < 10  # the 2 s deadline, not the 20 s drip


def _slow_headers(srv: LoopbackServer) -> Any:
    def raw(sock: socket.socket, _req: Request) -> None:
        sock.sendall(b"HTTP/1.1 200 OK\r\n")
        for _ in range(100):
            if srv.release.wait(0.1):  # type: ignore[attr-defined]
                return
            sock.sendall(b"X-Slow: a\r\n")

    return raw


def test_slow_headers_past_the_deadline(hostile: LoopbackServer, tmp_path: Path) -> None:
    hostile.route("/slow-headers", lambda _req: Reply(raw=_slow_headers(hostile)))
    started = time.monotonic()
    assert_clean_failure(run_extract(hostile.url("/slow-headers"), tmp_path))
    assert time.monotonic() - started < 10


def test_server_that_never_answers(hostile: LoopbackServer, tmp_path: Path) -> None:
    release: threading.Event = hostile.release  # type: ignore[attr-defined]
    hostile.route("/silent", lambda _req: Reply(raw=lambda _s, _r: release.wait(30) and None))
    started = time.monotonic()
    line = assert_clean_failure(run_extract(hostile.url("/silent"), tmp_path))
    assert time.monotonic() - started < 10
    assert "time" in line.lower() or "deadline" in line.lower() or "answer" in line.lower()


def test_redirect_loop(hostile: LoopbackServer, tmp_path: Path) -> None:
    hostile.route("/a", lambda _req: Reply(302, headers={"Location": "/b"}))
    hostile.route("/b", lambda _req: Reply(302, headers={"Location": "/a"}))
    line = assert_clean_failure(run_extract(hostile.url("/a"), tmp_path))
    assert "redirect" in line.lower()


@pytest.mark.parametrize(
    "target", ["file:///etc/passwd", "FiLe://localhost/etc/hosts", "data:text/html,<p>x"]
)
def test_redirect_to_another_scheme(hostile: LoopbackServer, tmp_path: Path, target: str) -> None:
    hostile.route("/go", lambda _req: Reply(301, headers={"Location": target}))
    line = assert_clean_failure(run_extract(hostile.url("/go"), tmp_path))
    assert "root:" not in line


@pytest.mark.parametrize("status", [404, 500])
def test_error_status(hostile: LoopbackServer, tmp_path: Path, status: int) -> None:
    url = serve(hostile, "/gone", story(word="error page"))
    hostile.route("/gone", lambda _req: Reply(status, body=story(word="error page"),
                                              headers={"Content-Type": HTML}))
    line = assert_clean_failure(run_extract(url, tmp_path))
    assert str(status) in line


_PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06" + bytes(64)
_PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256)) * 8


@pytest.mark.parametrize(
    "body",
    [_PDF, _PNG, bytes(range(256)) * 64, b"\x00\x01\x02\x03" * 5000],
    ids=["pdf", "png", "binary", "nul-heavy"],
)
def test_binary_served_as_html(hostile: LoopbackServer, tmp_path: Path, body: bytes) -> None:
    url = serve(hostile, "/not-a-page", body)
    assert_clean_failure(run_extract(url, tmp_path))


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return gzip.compress(b"\x00" * 64_000_000, compresslevel=9)  # 64 MB in about 62 KB


def test_gzip_bomb(hostile: LoopbackServer, tmp_path: Path, bomb: bytes) -> None:
    url = serve(hostile, "/bomb", bomb, **{"Content-Encoding": "gzip"})
    started = time.monotonic()
    assert_clean_failure(run_extract(url, tmp_path))
    assert time.monotonic() - started < 15


def test_nested_gzip_bomb(hostile: LoopbackServer, tmp_path: Path) -> None:
    inner = gzip.compress(b"<p>" + b" " * 40_000_000, compresslevel=9)
    url = serve(hostile, "/bomb2", gzip.compress(inner), **{"Content-Encoding": "gzip, gzip"})
    started = time.monotonic()
    assert_clean_failure(run_extract(url, tmp_path))
    assert time.monotonic() - started < 15


def test_gzip_bomb_in_a_redirect_body_is_never_read(
    hostile: LoopbackServer, tmp_path: Path, bomb: bytes
) -> None:
    serve(hostile, "/landing", story(word="behind a bomb"))
    headers = {"Location": "/landing", "Content-Encoding": "gzip", "Content-Type": HTML}
    hostile.route("/jump", lambda _req: Reply(302, body=bomb, headers=headers))
    started = time.monotonic()
    assert_read(run_extract(hostile.url("/jump"), tmp_path), "Tide mill behind a bomb reopens")
    assert time.monotonic() - started < 15


def _huge_headers(sock: socket.socket, _req: Request) -> None:
    filler = b"".join(b"X-Filler-%d: %s\r\n" % (i, b"a" * 200) for i in range(8000))
    sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + filler + b"\r\n")
    sock.sendall(story())


def test_huge_headers(hostile: LoopbackServer, tmp_path: Path) -> None:
    hostile.route("/headers", lambda _req: Reply(raw=_huge_headers))
    assert_clean_failure(run_extract(hostile.url("/headers"), tmp_path))


# -- odd but readable ----------------------------------------------------------------------


def test_a_byte_order_mark_beats_a_lying_charset(hostile: LoopbackServer, tmp_path: Path) -> None:
    body = "\ufeff".encode() + story(
        odd="Café owner Ñuria Zürcher grinds the first flour.", word="Café",
        meta='<meta charset="windows-1252">',
    )
    url = serve(hostile, "/bom", body, **{"Content-Type": "text/html; charset=iso-8859-1"})
    out = assert_read(run_extract(url, tmp_path, "text"), "Café owner Ñuria Zürcher")
    assert "Ã" not in out and "\ufeff" not in out


def test_an_unknown_charset_label_falls_back(hostile: LoopbackServer, tmp_path: Path) -> None:
    body = story(odd="The wheel turns twelve times a minute.", meta='<meta charset="klingon">')
    url = serve(hostile, "/label", body, **{"Content-Type": "text/html; charset=x-martian-7"})
    assert_read(run_extract(url, tmp_path, "text"), "The wheel turns twelve times a minute.")


def test_invalid_utf8_is_replaced(hostile: LoopbackServer, tmp_path: Path) -> None:
    body = story(odd="Before the bad bytes XX and after them the mill still turns.")
    body = body.replace(b"XX", b"\xff\xfe\xc3\x28\xed\xa0\x80\xf0\x28\x8c\x28")
    url = serve(hostile, "/bad-utf8", body)
    out = assert_read(run_extract(url, tmp_path, "text"), "Before the bad bytes",
                      "and after them the mill still turns.")
    assert "\ufffd" in out


def test_text_after_a_nul_byte_survives(hostile: LoopbackServer, tmp_path: Path) -> None:
    body = story(odd="The sluice gate opened at noon.\x00 After the nul the story goes on.")
    url = serve(hostile, "/nul", body)
    out = assert_read(run_extract(url, tmp_path, "text"), "The sluice gate opened at noon.",
                      "After the nul the story goes on.")
    assert "\x00" not in out

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
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support import FIXTURES as ALL_FIXTURES
from tests.support.fetch import refused_port
from tests.support.httpserver import LoopbackServer, Reply, Request
from tests.support.tmux import tmux, until, wait_for_screen

FIXTURES = ALL_FIXTURES / "hostile"
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


@dataclass
class Run:
    proc: subprocess.CompletedProcess[str]
    peak_kib: int
    """The most memory the process held (its peak resident set, KiB); 0 if unknown."""


SLOW = "deadline = 2.0\nconnect_timeout = 2.0\n"
CONFIGS = {"drip": SLOW, "slow-headers": SLOW, "silent": SLOW, "size-cap": "max_bytes = 100000\n"}
"""Config files of the cases that need one; the rest run on the defaults."""

HANG_S = 120.0
"""A case still running after this long is killed (exit -9, and its test fails): a guard
against hangs, far beyond what any case takes on a busy machine, never a measure."""


LAUNCH = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as f:
    f.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code if code >= 0 else 128 - code)
"""
"""Runs the command as the only child of a small process and writes down its peak memory
(a child of this big test process would count the memory it started from)."""


def _text(data: str | bytes | None) -> str:
    return data.decode("utf-8", "replace") if isinstance(data, bytes) else data or ""


def run_reader(
    args: list[str],
    workdir: Path,
    config_text: str | None = None,
    timeout: float = HANG_S,
    stdin: str | None = None,
) -> Run:
    """``reader ARGS`` in a fresh process, with its cache, config and HOME in ``workdir``.
    A process still running after ``timeout`` seconds is killed: exit status -9."""
    workdir.mkdir(parents=True, exist_ok=True)
    config = workdir / "config.toml"
    if config_text is not None:
        config.write_text(config_text, "utf-8")
    env = dict(os.environ)
    for name in ("HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        env[name] = str(workdir / "home")
    env["READER_CACHE_DIR"] = str(workdir / "env-cache")
    env["READER_CONFIG"] = str(config)
    argv = [sys.executable, "-m", "reader", *args]
    argv += ["--cache-dir", str(workdir / "cache"), "--config", str(config)]
    peak = workdir / f"peak-{threading.get_ident()}-{time.monotonic_ns()}"
    with subprocess.Popen(
        [sys.executable, "-c", LAUNCH, str(peak), *argv],
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
        start_new_session=True,
    ) as child:
        try:
            out, err = child.communicate(stdin, timeout=timeout)
            code = child.returncode
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            out, err = (_text(x) for x in child.communicate())
            code = -9
    peak_kib = int(peak.read_text()) if peak.exists() else 0
    return Run(subprocess.CompletedProcess(argv, code, out, err), peak_kib)


def run_extract(case: str, url: str, fmt: str, root: Path) -> Run:
    if case == "corrupt-cache":  # a cache file that is not a database at all
        (root / case / "cache").mkdir(parents=True)
        (root / case / "cache" / "reader.sqlite3").write_bytes(b"not a database\n" * 500)
    args = ["extract", url, "--format", fmt]
    return run_reader(args, root / case, CONFIGS.get(case))


def assert_clean_failure(run: Run) -> str:
    """Exit 1, nothing on stdout, no traceback, and one ``reader:`` error line (warnings,
    ``reader: warning: …``, may come before it). Returns the error line."""
    proc = run.proc
    assert proc.returncode == 1, (proc.returncode, proc.stdout[:300], proc.stderr)
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.splitlines()
    assert lines and all(line.startswith("reader: ") for line in lines), proc.stderr
    errors = [line for line in lines if not line.startswith("reader: warning: ")]
    assert len(errors) == 1, proc.stderr
    assert not UNSAFE.search(proc.stderr)
    return errors[0]


def assert_read(run: Run, *phrases: str) -> str:
    proc = run.proc
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


# -- the hostile server -----------------------------------------------------------------


def _reset_mid_body(sock: socket.socket, _req: Request) -> None:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {HTML}\r\nContent-Length: 200000\r\n\r\n"
    sock.sendall(head.encode() + story()[:600])
    time.sleep(0.2)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()  # with linger 0: an RST, not a FIN


def _huge_headers(sock: socket.socket, _req: Request) -> None:
    filler = b"".join(b"X-Filler-%d: %s\r\n" % (i, b"a" * 200) for i in range(8000))
    sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + filler + b"\r\n")
    sock.sendall(story())


def _escaping_reason(sock: socket.socket, _req: Request) -> None:
    # obs-text is allowed in a reason phrase: 0x9b is an 8-bit CSI once read as Latin-1
    body = story(word="reason")
    sock.sendall(
        b"HTTP/1.1 404 Not \x9b31mFound\x9b0m\r\nContent-Type: text/html\r\n"
        b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
    )


def _escaping_location(sock: socket.socket, _req: Request) -> None:
    sock.sendall(
        b"HTTP/1.1 302 Found\r\nLocation: file:///etc/\x1b]0;PWNED\x07passwd\x9b2J\r\n"
        b"Content-Length: 0\r\n\r\n"
    )


def _chain_link(i: int) -> Any:
    return lambda _req: Reply(302, headers={"Location": f"/chain/{i + 1}"})


_PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06" + bytes(64)
_PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(256) * 8
_BINARIES = {
    "pdf": _PDF,
    "png": _PNG,
    "binary": bytes(range(256)) * 64,
    "nul-heavy": b"\x00\x01\x02\x03" * 5000,
}
_REDIRECTS = {
    "file": "file:///etc/passwd",
    "file-mixed-case": "FiLe://localhost/etc/hosts",
    "data": "data:text/html,<p>x",
}


def _bad_utf8() -> bytes:
    body = story(odd="Before the bad bytes XX and after them the mill still turns.")
    return body.replace(b"XX", b"\xff\xfe\xc3\x28\xed\xa0\x80\xf0\x28\x8c\x28")


def build_server(srv: LoopbackServer, release: threading.Event) -> dict[str, tuple[str, str]]:
    """Route every hostile case; returns case id → (URL, format)."""
    cases: dict[str, tuple[str, str]] = {}

    def page(case: str, path: str, body: bytes, fmt: str = "markdown", **headers: str) -> None:
        hdrs = {"Content-Type": HTML, **headers}
        srv.route(path, lambda _req: Reply(body=body, headers=hdrs))
        cases[case] = (srv.url(path), fmt)

    def special(case: str, path: str, reply: Reply) -> None:
        srv.route(path, lambda _req: reply)
        cases[case] = (srv.url(path), "markdown")

    for fmt in FORMATS:
        page(f"escapes-{fmt}", "/news/cottage", (FIXTURES / "escapes.html").read_bytes(), fmt)
    for fmt in ("markdown", "json"):
        page(f"links-{fmt}", "/news/2026/11/open-day", (FIXTURES / "links.html").read_bytes(), fmt)

    special("reset", "/reset", Reply(raw=_reset_mid_body))
    drip = [story()[:200]] + [b" "] * 300  # 30 s in all
    special("drip", "/drip", Reply(body=drip, headers={"Content-Type": HTML}, chunk_delay=0.1))

    def slow_headers(sock: socket.socket, _req: Request) -> None:
        sock.sendall(b"HTTP/1.1 200 OK\r\n")
        for _ in range(300):  # 30 s of headers, never the end of them
            if release.wait(0.1):
                return
            sock.sendall(b"X-Slow: a\r\n")

    special("slow-headers", "/slow-headers", Reply(raw=slow_headers))

    def silent(_sock: socket.socket, _req: Request) -> None:
        release.wait(30)  # read the request, say nothing

    special("silent", "/silent", Reply(raw=silent))
    special("loop", "/a", Reply(302, headers={"Location": "/b"}))
    srv.route("/b", lambda _req: Reply(302, headers={"Location": "/a"}))
    for name, target in _REDIRECTS.items():
        special(f"redirect-{name}", f"/go/{name}", Reply(301, headers={"Location": target}))
    for status in (404, 500):
        body = story(word="error page")
        special(
            f"status-{status}",
            f"/status/{status}",
            Reply(status, body=body, headers={"Content-Type": HTML}),
        )
    for name, body in _BINARIES.items():
        page(f"binary-{name}", f"/binary/{name}", body)

    bomb = gzip.compress(b"\x00" * 64_000_000, compresslevel=9)  # 64 MB in about 62 KB
    page("bomb", "/bomb", bomb, **{"Content-Encoding": "gzip"})
    inner = gzip.compress(b"<p>" + b" " * 40_000_000, compresslevel=9)
    page("bomb-nested", "/bomb2", gzip.compress(inner), **{"Content-Encoding": "gzip, gzip"})
    page("bomb-landing", "/landing", story(word="behind a bomb"))
    jump = {"Location": "/landing", "Content-Encoding": "gzip", "Content-Type": HTML}
    special("bomb-redirect", "/jump", Reply(302, body=bomb, headers=jump))
    special("huge-headers", "/headers", Reply(raw=_huge_headers))

    special("reason-escape", "/reason", Reply(raw=_escaping_reason))
    special("location-escape", "/location", Reply(raw=_escaping_location))
    for i in range(40):
        srv.route(f"/chain/{i}", _chain_link(i))
    cases["redirect-chain"] = (srv.url("/chain/0"), "markdown")

    filler = b"<p>" + b"Padding that runs past the cap. " * 20_000 + b"</p></body></html>"
    page("size-cap", "/big", story().replace(b"</body></html>", b"") + filler, "json")
    deep = story().replace(b"</article>", b"</article>" + b"<div>" * 200_000 + b"deep text")
    page("deep-nesting", "/deep", deep, "text")
    links = "".join(
        f'<li><a href="/news/2026/11/story-{i}">Harbour headline number {i}</a></li>'
        for i in range(10_000)
    )
    many = story().replace(b"</article>", f"</article><h2>Most read</h2><ul>{links}</ul>".encode())
    page("many-links", "/many", many, "json")
    page("corrupt-cache", "/corrupt", story(word="over a broken cache"))
    for i in range(4):
        page(f"together-{i}", f"/together/{i}", story(word=f"number {i}"))

    bom = "\ufeff".encode() + story(
        odd="Café owner Ñuria Zürcher grinds the first flour.",
        word="Café",
        meta='<meta charset="windows-1252">',
    )
    page("bom", "/bom", bom, "text", **{"Content-Type": "text/html; charset=iso-8859-1"})
    label = story(odd="The wheel turns twelve times a minute.", meta='<meta charset="klingon">')
    page("label", "/label", label, "text", **{"Content-Type": "text/html; charset=x-martian-7"})
    page("bad-utf8", "/bad-utf8", _bad_utf8(), "text")
    nul = story(odd="The sluice gate opened at noon.\x00 After the nul the story goes on.")
    page("nul", "/nul", nul, "text")
    return cases


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Run]]:
    """Every case, run at once: each is a separate ``reader extract`` process."""
    release = threading.Event()
    with LoopbackServer() as srv, refused_port() as port:
        cases = build_server(srv, release)
        cases["refused"] = (f"http://127.0.0.1:{port}/story", "markdown")
        root = tmp_path_factory.mktemp("hostile")
        with ThreadPoolExecutor(max_workers=6) as pool:
            futures = {
                case: pool.submit(run_extract, case, url, fmt, root)
                for case, (url, fmt) in cases.items()
                if not case.startswith("together-")
            }
            results = {case: f.result() for case, f in futures.items()}
        # what the cache kept of the escapes page, printed by `reader cache`
        results["cache-list"] = run_reader(["cache", "list"], root / "escapes-text")
        url = cases["escapes-text"][0]
        results["cache-show"] = run_reader(["cache", "show", url], root / "escapes-text")
        # four processes writing one cache at once
        shared = root / "together"
        with ThreadPoolExecutor(max_workers=4) as pool:
            jobs = [
                pool.submit(run_reader, ["extract", cases[f"together-{i}"][0]], shared)
                for i in range(4)
            ]
            for i, job in enumerate(jobs):
                results[f"together-{i}"] = job.result()
        results["together-list"] = run_reader(["cache", "list"], shared)
        # the same hostile page from stdin and from a file: no network, same promises
        escapes = (FIXTURES / "escapes.html").read_text("utf-8")
        base = "http://127.0.0.1:9/news/cottage"
        stdin_args = ["extract", "-", "--url", base, "--format", "text"]
        results["stdin"] = run_reader(stdin_args, root / "stdin", stdin=escapes)
        file_args = ["extract", str(FIXTURES / "escapes.html"), "--format", "json"]
        results["file"] = run_reader(file_args, root / "file")
        release.set()  # let the hanging handlers go before the server closes
        yield results


# -- the terminal is ours ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_escape_sequences_never_reach_the_output(runs: dict[str, Run], fmt: str) -> None:
    run = runs[f"escapes-{fmt}"]
    out = assert_read(run, "keeper's cottage at the foot of the Gull Point light")
    assert run.proc.stderr == ""
    assert "\x1b" not in out and "\x9b" not in out and "\x9d" not in out
    if fmt == "json":
        data = json.loads(out)
        for s in strings(data):
            assert not UNSAFE.search(s), repr(s)
        literal = data["text"] + "\n" + unescape_markdown(data["markdown"])
        for phrase in ("The windows came next.", "The swim alone brought in"):
            assert phrase in unescape_markdown(data["markdown"]), ("json markdown", phrase)
    elif fmt == "markdown":
        literal = unescape_markdown(out)
    else:
        literal = out
    for piece in MARKUP:
        assert piece in literal, (fmt, piece)
    # the story around the sequences survives
    for phrase in ("The windows came next.", "The swim alone brought in", "go to the lifeboat"):
        assert phrase in literal, (fmt, phrase)
    # a sequence goes whole: no payload is left behind to look like text
    for payload in ("PWNED-TITLE", "PWNED-WINDOW", "cm0gLXJmIH4K", "Gf=100", "C1-TITLE"):
        assert payload not in out, (fmt, payload)


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_links_are_http_only_however_disguised(runs: dict[str, Run], fmt: str) -> None:
    run = runs[f"links-{fmt}"]
    out = assert_read(run, "Open day at the lighthouse cottage")
    origin = run.proc.args[4].split("/news/")[0]
    if fmt == "json":
        data = json.loads(out)
        for key in ("url", "canonical_url", "lead_image"):
            assert data[key] is None or re.match(r"https?://", data[key]), (key, data[key])
        urls = [t["url"] for t in data["teasers"]]
        assert all(re.match(r"https?://", u) for u in urls), urls
        assert origin + "/news/2026/11/lamp-room-opens" in urls  # the honest teaser stays
        md = data["markdown"]
    else:
        md = out
    assert f"]({origin}/news/2026/11/cottage-restored)" in md  # a real link still is one
    prose = re.sub(r"`[^`\n]*`", "", md)  # code spans are literal by definition
    for m in re.finditer(r"(?<!\\)\]\(\s*<?\s*([^)\s>]*)", prose):
        assert re.match(r"https?://", m.group(1)), m.group(0)
    for m in re.finditer(r"(?<!\\)<([a-zA-Z][a-zA-Z0-9+.-]*):", prose):
        assert m.group(1).lower() in ("http", "https"), m.group(0)  # no autolinks either
    for line in prose.splitlines():
        if line.startswith("[") and "]:" in line:  # reference definitions
            assert re.match(r"\[[^\]]*\]:\s*<?https?://", line), line


def test_stdin_and_file_sources_are_as_safe(runs: dict[str, Run]) -> None:
    text = assert_read(runs["stdin"], "keeper's cottage at the foot of the Gull Point light")
    data = json.loads(assert_read(runs["file"], "keeper's cottage at the foot"))
    for out in (text, data["text"]):
        for piece in MARKUP:
            assert piece in out
        assert "PWNED-TITLE" not in out and "PWNED-WINDOW" not in out  # whole sequences go
    assert all(not UNSAFE.search(s) for s in strings(data))


# -- failures: exit 1, one line, no traceback ------------------------------------------------


def test_connection_refused(runs: dict[str, Run]) -> None:
    assert_clean_failure(runs["refused"])


def test_reset_mid_body(runs: dict[str, Run]) -> None:
    assert_clean_failure(runs["reset"])


@pytest.mark.parametrize("case", ["drip", "slow-headers", "silent"])
def test_deadline_ends_slow_servers(runs: dict[str, Run], case: str) -> None:
    # Without the deadline the drip would end in a page (after 30 s), the other two in
    # the server hanging up (after 30 s): the message tells which ended it.
    line = assert_clean_failure(runs[case])
    assert "timed out after 2 s" in line, line


def test_redirect_loop(runs: dict[str, Run]) -> None:
    assert "redirect" in assert_clean_failure(runs["loop"]).lower()


@pytest.mark.parametrize("name", sorted(_REDIRECTS))
def test_redirect_to_another_scheme(runs: dict[str, Run], name: str) -> None:
    line = assert_clean_failure(runs[f"redirect-{name}"])
    assert "root:" not in line


@pytest.mark.parametrize("status", [404, 500])
def test_error_status(runs: dict[str, Run], status: int) -> None:
    assert str(status) in assert_clean_failure(runs[f"status-{status}"])


@pytest.mark.parametrize("name", sorted(_BINARIES))
def test_binary_served_as_html(runs: dict[str, Run], name: str) -> None:
    assert_clean_failure(runs[f"binary-{name}"])


@pytest.mark.parametrize(("case", "extra_mib"), [("bomb", 32), ("bomb-nested", 100)])
def test_gzip_bomb(runs: dict[str, Run], case: str, extra_mib: int) -> None:
    """Refused, holding little more memory than reading a plain story: inflated whole,
    the bombs are 64 MB (sniffed as binary at their first bytes) and 40 MB (cut at the
    10 MB cap, which the extractor then reads)."""
    assert_clean_failure(runs[case])
    plain = runs["bomb-landing"].peak_kib
    assert 0 < runs[case].peak_kib < plain + extra_mib * 1024, (runs[case].peak_kib, plain)


def test_gzip_bomb_in_a_redirect_body_is_never_read(runs: dict[str, Run]) -> None:
    assert_read(runs["bomb-redirect"], "Tide mill behind a bomb reopens")


def test_redirect_limit(runs: dict[str, Run]) -> None:
    assert "redirect" in assert_clean_failure(runs["redirect-chain"]).lower()


@pytest.mark.parametrize("case", ["reason-escape", "location-escape"])
def test_server_text_in_an_error_line_is_made_safe(runs: dict[str, Run], case: str) -> None:
    line = assert_clean_failure(runs[case])  # which checks the line for control characters
    assert "PWNED" not in line


def test_cached_titles_print_safely(runs: dict[str, Run]) -> None:
    listing = assert_read(runs["cache-list"], "Lighthouse cottage restored")
    assert "[bold]loud[/bold]" in listing  # markup shown as the page wrote it
    assert len(listing.splitlines()) == 1 and listing.count("\t") == 3
    shown = assert_read(runs["cache-show"], "keeper's cottage at the foot of the Gull Point light")
    assert "[@click=app.quit]quit[/]" in unescape_markdown(shown)


def test_huge_headers(runs: dict[str, Run]) -> None:
    assert_clean_failure(runs["huge-headers"])


# -- limits -----------------------------------------------------------------------------


def test_the_size_cap_cuts_and_warns(runs: dict[str, Run]) -> None:
    run = runs["size-cap"]
    data = json.loads(assert_read(run, "Tide mill"))
    assert data["truncated"] is True
    assert "sixty years" in data["text"]  # the story came before the cut
    lines = run.proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: warning: "), run.proc.stderr


def test_deep_nesting_is_bounded(runs: dict[str, Run]) -> None:
    # A hang would be killed after HANG_S; the cost of depth is measured in-process
    # (tests/extract/test_hostile.py).
    assert_read(runs["deep-nesting"], "turned its wheel again on Friday")


def test_ten_thousand_links_stay_cheap(runs: dict[str, Run]) -> None:
    # A hang would be killed after HANG_S; how the work grows with the number of links
    # is measured in-process (tests/extract/test_teasers.py).
    data = json.loads(assert_read(runs["many-links"], "Tide mill"))
    assert 0 < len(data["teasers"]) <= 1000


# -- the cache keeps working ------------------------------------------------------------------


def test_a_corrupt_cache_file_is_moved_aside(runs: dict[str, Run], tmp_path: Path) -> None:
    run = runs["corrupt-cache"]
    assert_read(run, "Tide mill over a broken cache reopens")
    warnings = run.proc.stderr.splitlines()
    assert len(warnings) == 1 and warnings[0].startswith("reader: warning: "), run.proc.stderr
    cache = Path(run.proc.args[run.proc.args.index("--cache-dir") + 1])
    kept = [
        p
        for p in cache.iterdir()
        if p.name != "reader.sqlite3"
        and p.is_file()
        and p.read_bytes().startswith(b"not a database")
    ]
    assert kept, sorted(p.name for p in cache.iterdir())  # the broken file is kept
    assert kept[0].name in warnings[0]  # and the warning says where


def test_four_processes_share_one_cache(runs: dict[str, Run]) -> None:
    for i in range(4):
        assert_read(runs[f"together-{i}"], f"Tide mill number {i} reopens")
    listing = assert_read(runs["together-list"])
    assert sorted(line.split("\t")[2] for line in listing.splitlines()) == [
        f"Tide mill number {i} reopens" for i in range(4)
    ]


# -- odd but readable ----------------------------------------------------------------------


def test_a_byte_order_mark_beats_a_lying_charset(runs: dict[str, Run]) -> None:
    out = assert_read(runs["bom"], "Café owner Ñuria Zürcher grinds the first flour.")
    assert "Ã" not in out and "\ufeff" not in out


def test_an_unknown_charset_label_falls_back(runs: dict[str, Run]) -> None:
    assert_read(runs["label"], "The wheel turns twelve times a minute.")


def test_invalid_utf8_is_replaced(runs: dict[str, Run]) -> None:
    out = assert_read(runs["bad-utf8"], "Before the bad bytes", "after them the mill still turns.")
    assert "\ufffd" in out


def test_text_after_a_nul_byte_survives(runs: dict[str, Run]) -> None:
    out = assert_read(
        runs["nul"], "The sluice gate opened at noon.", "After the nul the story goes on."
    )
    assert "\x00" not in out


# -- the app in a real terminal (tmux) ---------------------------------------------------------


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_the_app_leaves_title_window_name_and_clipboard_alone(tmp_path: Path) -> None:
    """The app shows the escapes page in tmux; tmux reports what the terminal was told."""
    sock = f"reader-hostile-{os.getpid()}"
    home = tmp_path / "home"
    home.mkdir()
    with LoopbackServer() as srv:
        srv.route(
            "/news/cottage",
            lambda _req: Reply(
                body=(FIXTURES / "escapes.html").read_bytes(), headers={"Content-Type": HTML}
            ),
        )
        tmux(
            sock,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "120",
            "-y",
            "40",
            "bash --norc --noprofile",
        )
        try:
            for option in ("set-clipboard on", "allow-rename on", "automatic-rename off"):
                tmux(sock, "set", "-g", *option.split())
            tmux(sock, "rename-window", "-t", "t", "untouched-window")
            tmux(sock, "select-pane", "-t", "t", "-T", "untouched-title")
            command = (
                f"env HOME={home} XDG_CONFIG_HOME={home} XDG_CACHE_HOME={home} "
                f"{sys.executable} -m reader {srv.url('/news/cottage')} "
                f"--cache-dir {tmp_path / 'cache'} --config {tmp_path / 'none.toml'}"
            )
            tmux(sock, "send-keys", "-t", "t", command, "Enter")
            screen = wait_for_screen(sock, "keeper's cottage at the foot")
            assert "[@click=app.quit]quit[/]" in screen  # shown, and the app did not quit
            assert "[bold]loud[/bold]" in screen
            state = "#{pane_title}|#{window_name}"
            assert tmux(sock, "display", "-p", "-t", "t", state).strip() == (
                "untouched-title|untouched-window"
            )
            assert tmux(sock, "list-buffers") == ""  # no OSC 52 clipboard write
            tmux(sock, "send-keys", "-t", "t", "q")
            wait_for_screen(sock, "keeper's cottage at the foot", gone=True)
            # the control: the same sequences printed raw do reach tmux
            raw = r"printf '\033]2;T2\033\\\033kW2\033\\\033]52;c;aGk=\007'"
            tmux(sock, "send-keys", "-t", "t", raw, "Enter")
            told = until(
                lambda: tmux(sock, "display", "-p", "-t", "t", state).strip(),
                lambda now: now == "T2|W2",
            )
            assert told == "T2|W2"
            assert "buffer" in until(lambda: tmux(sock, "list-buffers"), lambda b: b != "")
        finally:
            tmux(sock, "kill-server")

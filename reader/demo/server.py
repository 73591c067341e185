"""Serve the built demo site on 127.0.0.1 from a daemon thread.

Routing is a look-up in ``site/routes.json`` (written by ``reader.demo.sitegen``): no path
from a request ever reaches the file system. Responses carry ETag and Last-Modified and
answer conditional requests with 304; nothing is logged.
"""

from __future__ import annotations

import errno
import hashlib
import json
import threading
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any
from urllib.parse import urlsplit

from reader.config import DEMO_PORT

HOST = "127.0.0.1"
BUILT_ORIGIN = f"http://{HOST}:{DEMO_PORT}"
"""The origin the built pages name in their absolute URLs."""


@dataclass(frozen=True)
class Route:
    file: str
    content_type: str
    kind: str
    title: str
    last_modified: str


class Site:
    """The built site as package data, read lazily and kept in memory."""

    def __init__(self, origin: str) -> None:
        self._root: Traversable = resources.files("reader.demo").joinpath("site")
        table: dict[str, Any] = json.loads(self._root.joinpath("routes.json").read_bytes())
        self.front: str = table["front"]
        self.not_found_file: str = table["not_found"]
        self.post_paths: frozenset[str] = frozenset(table["post"])
        self.routes: dict[str, Route] = {
            path: Route(r["file"], r["type"], r["kind"], r["title"], r["last_modified"])
            for path, r in table["routes"].items()
        }
        self._text_files = {self.not_found_file} | {
            r.file for r in self.routes.values() if _is_text(r.content_type)
        }
        self._origin = origin.encode("ascii")
        self._bodies: dict[str, tuple[bytes, str]] = {}
        self._lock = threading.Lock()

    def body(self, file: str) -> tuple[bytes, str]:
        """The file's bytes and its ETag; in text files (pages, feeds, CSS, scripts) the
        built origin is rewritten to the one in use, pictures are served as they are."""
        with self._lock:
            found = self._bodies.get(file)
        if found is None:
            data = self._root.joinpath(*file.split("/")).read_bytes()
            if self._origin != BUILT_ORIGIN.encode("ascii") and file in self._text_files:
                data = data.replace(BUILT_ORIGIN.encode("ascii"), self._origin)
            etag = '"' + hashlib.sha256(data).hexdigest()[:20] + '"'
            found = (data, etag)
            with self._lock:
                self._bodies[file] = found
        return found


def _is_text(content_type: str) -> bool:
    """Pages, feeds, CSS and scripts: the files whose absolute URLs name the origin.
    Pictures (SVG too) are never rewritten."""
    media = content_type.partition(";")[0].strip()
    if media.startswith("image/"):
        return False
    return media.startswith("text/") or media.endswith(("+xml", "+json", "/json"))


def _not_modified(headers: Any, etag: str, last_modified: str) -> bool:
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
        return "*" in tags or etag in tags
    since = headers.get("If-Modified-Since")
    if since:
        try:
            return parsedate_to_datetime(since) >= parsedate_to_datetime(last_modified)
        except (TypeError, ValueError):
            return False
    return False


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "WrenmouthLantern/1.0"
    sys_version = ""
    timeout = 30
    disable_nagle_algorithm = True  # headers and body go in two writes: no 40 ms stall
    site: Site  # set on the subclass made per server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if 0 < length <= 65536:
            self.rfile.read(length)
        path = urlsplit(self.path).path
        if path in self.site.post_paths:
            self._serve(send_body=True)
        else:
            self._send(405, b"", "text/plain; charset=utf-8", {"Allow": "GET, HEAD"})

    def _serve(self, *, send_body: bool) -> None:
        path = urlsplit(self.path).path or "/"
        route = self.site.routes.get(path)
        if route is None:
            other = path[:-1] if path.endswith("/") else path + "/"
            if other in self.site.routes:
                self._send(301, b"", "text/html; charset=utf-8", {"Location": other})
                return
            body, _ = self.site.body(self.site.not_found_file)
            self._send(404, body, "text/html; charset=utf-8", {}, send_body)
            return
        body, etag = self.site.body(route.file)
        headers = {
            "ETag": etag,
            "Last-Modified": route.last_modified,
            "Cache-Control": "no-cache",
        }
        if self.command in ("GET", "HEAD") and _not_modified(
            self.headers, etag, route.last_modified
        ):
            self._send(304, b"", None, headers, send_body=False)
            return
        self._send(200, body, route.content_type, headers, send_body)

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str | None,
        headers: dict[str, str],
        send_body: bool = True,
    ) -> None:
        try:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in headers.items():
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body and body:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up is not worth a traceback on the user's terminal


def bind(port: int) -> tuple[ThreadingHTTPServer, str | None]:
    """Bind ``port`` on loopback, or a free port (and a note saying so) when it is taken."""
    try:
        return _QuietServer((HOST, port), _Handler), None
    except OSError as exc:
        if exc.errno not in (errno.EADDRINUSE, errno.EACCES):
            raise
    server = _QuietServer((HOST, 0), _Handler)
    actual = server.server_address[1]
    note = (
        f"Port {port} is taken, so the demo runs on port {actual} for now; "
        "stories read in this run will not open offline under their usual addresses."
    )
    return server, note

"""A real HTTP server on loopback for tests.

Routes map a path to a handler. A handler gets the request and either returns a
``Reply`` (status, headers, body, optional per-chunk delay) or takes over the raw
socket (``Reply(raw=callable)``) to misbehave: drip bytes, reset, never answer.

The server counts requests and the most it served at once, per path prefix and in all,
so tests can check concurrency limits from the server's side.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]


@dataclass
class Reply:
    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before sending the status line."""
    chunk_delay: float = 0.0
    """Seconds to wait between body chunks (when ``body`` is an iterable)."""
    raw: Callable[[socket.socket, Request], None] | None = None
    """Take over the socket instead: write what you like, or nothing."""


Handler = Callable[[Request], Reply]


def html(text: str, status: int = 200, **headers: str) -> Handler:
    """A handler that serves ``text`` as UTF-8 HTML."""
    body = text.encode("utf-8")
    hdrs = {"Content-Type": "text/html; charset=utf-8", **headers}
    return lambda _req: Reply(status=status, body=body, headers=hdrs)


HOLD_S = 60.0
"""The longest a held answer waits for its gate: a test sets the gate long before that."""


def held(gate: threading.Event, reply: Reply | Handler) -> Handler:
    """A handler that answers only once ``gate`` is set, so that a test sees what happens
    *while* a request is on its way without guessing how long that lasts."""

    def answer(req: Request) -> Reply:
        gate.wait(HOLD_S)
        return reply(req) if callable(reply) else reply

    return answer


class LoopbackServer:
    """``with LoopbackServer() as srv: srv.route("/a", html("<p>hi")); srv.url("/a")``."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        if not host.startswith("127."):
            raise ValueError("tests serve on loopback only")
        self.routes: dict[str, Handler] = {}
        self.requests: list[Request] = []
        self.hits: Counter[str] = Counter()
        self.active = 0
        self.max_active = 0
        self._lock = threading.Lock()
        server = self

        class _H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _serve(self) -> None:
                server._handle(self)

            do_GET = _serve
            do_HEAD = _serve
            do_POST = _serve

        class _Server(ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client that hangs up mid-answer is part of the tests, not news

        self._httpd = _Server((host, port), _H)
        self._httpd.daemon_threads = True
        self.host = host
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    # -- lifecycle -----------------------------------------------------------------
    def start(self) -> LoopbackServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- routes ----------------------------------------------------------------------
    def route(self, path: str, handler: Handler) -> None:
        self.routes[path] = handler

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        req = Request(h.command, h.path, {k.lower(): v for k, v in h.headers.items()})
        path_only = h.path.split("?", 1)[0]
        handler = self.routes.get(h.path) or self.routes.get(path_only)
        with self._lock:
            self.requests.append(req)
            self.hits[path_only] += 1
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        try:
            reply = handler(req) if handler else Reply(404, b"<p>not found</p>")
            if reply.raw is not None:
                reply.raw(h.connection, req)
                h.close_connection = True
                return
            if reply.delay:
                time.sleep(reply.delay)
            h.send_response(reply.status)
            headers = {"Content-Type": "text/html; charset=utf-8", **reply.headers}
            chunks: Iterable[bytes]
            if isinstance(reply.body, bytes):
                headers.setdefault("Content-Length", str(len(reply.body)))
                chunks = [reply.body]
            else:
                chunks = reply.body
                headers["Connection"] = "close"
                h.close_connection = True
            for k, v in headers.items():
                h.send_header(k, v)
            h.end_headers()
            if h.command == "HEAD":
                return
            for chunk in chunks:
                h.wfile.write(chunk)
                h.wfile.flush()
                if reply.chunk_delay:
                    time.sleep(reply.chunk_delay)
        except (OSError, ValueError):
            h.close_connection = True
        finally:
            with self._lock:
                self.active -= 1

"""Shared pieces of the fetch tests: raw misbehaving replies, a fetch helper, servers.

Everything runs against the real ``LoopbackServer`` on 127.0.0.x; nothing here resolves
a real host name or leaves the machine.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from reader.fetch import Fetcher, FetchSettings
from reader.model import Page
from tests.support.httpserver import LoopbackServer, Reply, Request

PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")

PATIENT_S = 60.0
PATIENT = FetchSettings(connect_timeout=PATIENT_S, deadline=PATIENT_S)
"""For fetches that must not time out: a passing test never waits for these limits, and
a busy machine must not turn a test's success or failure into a timeout."""


def stop_quickly(srv: LoopbackServer) -> None:
    """Stop ``srv`` without waiting out its half-second poll: knock until it is down."""
    stopper = threading.Thread(target=srv.stop)
    stopper.start()
    while stopper.is_alive():
        with contextlib.suppress(OSError):
            socket.create_connection((srv.host, srv.port), timeout=0.1).close()
        stopper.join(0.01)


@contextlib.contextmanager
def serving(host: str = "127.0.0.1") -> Iterator[LoopbackServer]:
    srv = LoopbackServer(host).start()
    try:
        yield srv
    finally:
        stop_quickly(srv)



async def fetch(url: str, settings: FetchSettings = PATIENT, **kwargs: str) -> Page:
    async with Fetcher(settings) as fetcher:
        return await fetcher.fetch(url, **kwargs)


def raw(data: bytes, *, then: Callable[[socket.socket], None] | None = None) -> Reply:
    """A reply that writes ``data`` to the socket as it is, then runs ``then``."""

    def write(sock: socket.socket, _req: Request) -> None:
        try:
            sock.sendall(data)
            if then is not None:
                then(sock)
        except OSError:
            pass

    return Reply(raw=write)


def head(status: str = "200 OK", **headers: str) -> bytes:
    """A response head; header names are given with underscores for dashes."""
    lines = [f"HTTP/1.1 {status}"]
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _proc_address(address: tuple[str, int]) -> str:
    """An IPv4 address as /proc/net/tcp writes it (``0100007F:1F90``)."""
    host = int.from_bytes(socket.inet_aton(address[0]), "little")
    return f"{host:08X}:{address[1]:04X}"


def unread(sock: socket.socket) -> int | None:
    """Bytes written to ``sock`` that the other end, a socket of this machine, has not
    read yet (still queued on either side); None when the kernel does not tell."""
    here, there = _proc_address(sock.getsockname()), _proc_address(sock.getpeername())
    try:
        rows = [line.split() for line in Path("/proc/net/tcp").read_text().splitlines()[1:]]
    except OSError:
        return None
    queued = {(row[1], row[2]): row[4].split(":") for row in rows if len(row) > 4}
    if (here, there) not in queued or (there, here) not in queued:
        return None
    return int(queued[here, there][0], 16) + int(queued[there, here][1], 16)


def reset(sock: socket.socket) -> None:
    """Close with an RST instead of a FIN, once the client has read all that was sent (an
    RST throws away what the client has not read yet: it must come while the client
    waits for more, however slowly the client runs)."""
    give_up = time.monotonic() + 60
    while (left := unread(sock)) and time.monotonic() < give_up:
        time.sleep(0.005)
    if left is None:
        time.sleep(0.05)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


@contextlib.contextmanager
def reclaimed(port: int) -> Iterator[None]:
    """Bind ``port`` on 127.0.0.1 (fails while anything still listens there), and keep it
    bound, not listening, so that connections to it are refused by no one else."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # past TIME_WAIT, not a listener
        s.bind(("127.0.0.1", port))
        yield


@contextlib.contextmanager
def refused_port() -> Iterator[int]:
    """A port on 127.0.0.1 that refuses connections for as long as the block runs: bound
    but not listening, so no other process can start listening on it meanwhile."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        yield int(s.getsockname()[1])


def spaces_compressed(size: int, wbits: int, step: int = 1 << 20) -> bytes:
    """``size`` spaces compressed with zlib (wbits 31: gzip, 15: zlib, -15: raw); text,
    so the sniffing of binary bodies lets it through to the cap."""
    import zlib

    comp = zlib.compressobj(9, zlib.DEFLATED, wbits, 9, zlib.Z_RLE)  # fast on zeros
    block = b" " * step
    parts = [comp.compress(block) for _ in range(size // step)]
    parts.append(comp.flush())
    return b"".join(parts)


def chunks(data: bytes, size: int = 16 * 1024) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]

"""TLS: certificates that are not trusted, TLS spoken to plain HTTP, and HTTP/2.

The servers are written here on 127.0.0.1 with a self-signed certificate made by the
openssl command (the tests that need it skip without it).
"""

from __future__ import annotations

import contextlib
import gzip
import shutil
import socket
import ssl
import subprocess
import threading
from pathlib import Path

import pytest

from reader.errors import FetchError
from reader.fetch import ConnectFailedError
from tests.support.fetch import PATIENT, fetch
from tests.support.httpserver import LoopbackServer, html


async def _error(url: str) -> FetchError:
    with pytest.raises(FetchError) as info:
        await fetch(url, PATIENT)
    return info.value


async def test_tls_to_a_plain_http_server(server: LoopbackServer) -> None:
    server.route("/", html("<p>plain</p>"))
    error = await _error(f"https://127.0.0.1:{server.port}/")
    assert isinstance(error, ConnectFailedError)
    assert str(error) == (
        f"could not reach 127.0.0.1:{server.port}: the secure connection (TLS) could not be set up"
    )


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key (made with openssl)."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True, timeout=30,
    )  # fmt: skip
    return cert, key


def _tls_listener(certificate: tuple[Path, Path]) -> tuple[socket.socket, ssl.SSLContext]:
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(*certificate)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    return listener, tls


async def test_untrusted_certificate_is_refused(certificate: tuple[Path, Path]) -> None:
    listener, tls = _tls_listener(certificate)
    port = listener.getsockname()[1]

    def shake_hands() -> None:
        conn, _ = listener.accept()
        with conn, contextlib.suppress(OSError):
            tls.wrap_socket(conn, server_side=True).close()

    with listener:
        threading.Thread(target=shake_hands, daemon=True).start()
        error = await _error(f"https://127.0.0.1:{port}/")
    assert isinstance(error, ConnectFailedError)
    assert str(error).startswith(f"could not reach 127.0.0.1:{port}: its certificate was refused (")
    assert "self-signed" in str(error) or "self signed" in str(error)


def _serve_h2(listener: socket.socket, tls: ssl.SSLContext, body: bytes, alpn: list[str]) -> None:
    """Answer every request of one HTTP/2 connection with ``body``, gzip-encoded."""
    import h2.config
    import h2.connection
    import h2.events

    conn, _ = listener.accept()
    with conn, contextlib.suppress(OSError):
        sock = tls.wrap_socket(conn, server_side=True)
        alpn.append(sock.selected_alpn_protocol() or "")
        h2c = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False))
        h2c.initiate_connection()
        sock.sendall(h2c.data_to_send())
        squeezed = gzip.compress(body)
        while data := sock.recv(65536):
            for event in h2c.receive_data(data):
                if isinstance(event, h2.events.RequestReceived):
                    h2c.send_headers(
                        event.stream_id,
                        [(":status", "200"), ("content-type", "text/html; charset=utf-8"),
                         ("content-encoding", "gzip"), ("content-length", str(len(squeezed)))],
                    )  # fmt: skip
                    h2c.send_data(event.stream_id, squeezed, end_stream=True)
            sock.sendall(h2c.data_to_send())


async def test_http2_is_used_when_the_server_offers_it(
    certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.fetch

    trusting = ssl.create_default_context(cafile=str(certificate[0]))
    monkeypatch.setattr(reader.fetch.fetcher, "prepare", lambda: trusting)
    listener, tls = _tls_listener(certificate)
    tls.set_alpn_protocols(["h2", "http/1.1"])
    body = "<p>über zwei Ströme</p>".encode() * 500
    alpn: list[str] = []
    with listener:
        args = (listener, tls, body, alpn)
        threading.Thread(target=_serve_h2, args=args, daemon=True).start()
        page = await fetch(f"https://127.0.0.1:{listener.getsockname()[1]}/two")
    assert alpn == ["h2"]
    assert page.body == body and page.charset == "utf-8"

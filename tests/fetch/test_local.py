"""Reading an HTML file from disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.fetch import LocalFileError, NotHTMLError, read_local

PAGE = "<html><body><p>Auf der Festplatte gespeichert, Größe egal.</p></body></html>".encode()


def test_file_becomes_a_page(tmp_path: Path) -> None:
    path = tmp_path / "saved story.html"
    path.write_bytes(PAGE)
    page = read_local(path)
    assert page.body == PAGE
    assert page.url == page.final_url == path.resolve().as_uri()
    assert page.url.startswith("file:///") and "saved%20story.html" in page.url
    assert page.content_type == "text/html"
    assert page.status == 200 and not page.truncated and page.charset is None


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LocalFileError, match=r"^no such file: .*nothing\.html$"):
        read_local(tmp_path / "nothing.html")


def test_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(LocalFileError, match="is a folder, not an HTML file"):
        read_local(tmp_path)


def test_file_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_bytes(PAGE * 100)
    with pytest.raises(LocalFileError, match=r"is too large: .* the limit for a file is 1 kB"):
        read_local(path, max_bytes=1000)
    assert read_local(path, max_bytes=len(PAGE) * 100).body == PAGE * 100


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.html"
    path.write_bytes(PAGE)
    path.chmod(0)
    try:
        with pytest.raises(LocalFileError, match=r"cannot read .*secret\.html: permission denied"):
            read_local(path)
    finally:
        path.chmod(0o600)


def test_pdf_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "paper.html"
    path.write_bytes(b"%PDF-1.5\n" + bytes(range(200)))
    with pytest.raises(NotHTMLError, match=r"not an HTML page: a PDF document \(application/pdf\)"):
        read_local(path)


def test_fifo_is_read_up_to_the_limit(tmp_path: Path) -> None:
    # A pipe has no size to check in advance: the limit holds while reading.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)  # keeps the pipe open for the reader
    try:
        os.write(writer, PAGE * 10)
        with pytest.raises(LocalFileError, match="is too large"):
            read_local(fifo, max_bytes=len(PAGE) * 5)
    finally:
        os.close(writer)


def test_a_huge_limit_is_not_set_aside_in_memory(tmp_path: Path) -> None:
    # A petabyte cap must not make the read reserve a petabyte.
    path = tmp_path / "small.html"
    path.write_bytes(PAGE)
    assert read_local(path, max_bytes=10**15).body == PAGE

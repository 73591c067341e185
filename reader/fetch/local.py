"""Read an HTML file from disk as a ``Page``."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from reader.config import MAX_FILE_BYTES, size_label
from reader.fetch.errors import LocalFileError, show
from reader.fetch.sniff import SNIFF_BYTES, check_start
from reader.model import Page

_CHUNK = 1 << 20


def read_capped(read: Callable[[int], bytes], limit: int) -> bytes:
    """Up to ``limit + 1`` bytes from ``read`` (all of them when ``limit`` is 0 or less),
    a chunk at a time: ``read(limit + 1)`` would set aside the whole cap at once."""
    parts: list[bytes] = []
    got = 0
    while limit <= 0 or got <= limit:
        want = _CHUNK if limit <= 0 else min(_CHUNK, limit + 1 - got)
        part = read(want)
        if not part:
            break
        parts.append(part)
        got += len(part)
    return b"".join(parts)


def read_local(path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES) -> Page:
    """Read an HTML file as a ``Page`` (url ``file://…``, content type text/html).

    Raises ``LocalFileError`` (a ``FetchError``) for a missing file, a folder, a file
    that cannot be read or is larger than ``max_bytes`` (0 means no limit), and
    ``NotHTMLError`` for a file that is plainly not HTML (a PDF, an image, binary data).
    """
    p = Path(path).expanduser()
    shown = show(str(p))
    try:
        url = p.resolve().as_uri()
    except (OSError, ValueError, RuntimeError):
        url = f"file://{p}"
    try:
        info = p.stat()
        if stat.S_ISDIR(info.st_mode):
            raise LocalFileError(f"{shown} is a folder, not an HTML file", url=url)
        if max_bytes > 0 and stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
            raise LocalFileError(
                f"{shown} is too large: {size_label(info.st_size)}, "
                f"the limit for a file is {size_label(max_bytes)}",
                url=url,
            )
        with p.open("rb") as f:
            body = read_capped(f.read, max_bytes)
    except FileNotFoundError:
        raise LocalFileError(f"no such file: {shown}", url=url) from None
    except NotADirectoryError:
        raise LocalFileError(f"no such file: {shown}", url=url) from None
    except IsADirectoryError:
        raise LocalFileError(f"{shown} is a folder, not an HTML file", url=url) from None
    except PermissionError:
        raise LocalFileError(f"cannot read {shown}: permission denied", url=url) from None
    except OSError as exc:
        reason = exc.strerror or "it could not be read"
        raise LocalFileError(f"cannot read {shown}: {reason.lower()}", url=url) from None
    if max_bytes > 0 and len(body) > max_bytes:
        raise LocalFileError(
            f"{shown} is too large: the limit for a file is {size_label(max_bytes)}", url=url
        )
    content_type = check_start(body[:SNIFF_BYTES], "", None, url)
    return Page(
        url=url,
        final_url=url,
        status=200,
        content_type=content_type,
        charset=None,
        body=body,
        fetched_at=datetime.now(UTC),
    )

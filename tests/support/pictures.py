"""Pictures for the tests, made here with Pillow (small), a PNG header crafted by hand,
a story page's figure, and waiting for the app to draw a story's pictures (no tests
here)."""

from __future__ import annotations

import io
import random
import socket
import struct
import zlib
from typing import Any

from textual.pilot import Pilot

from reader.app import ReaderApp
from reader.app.messages import PicturesDone
from tests.support.app import wait_until
from tests.support.httpserver import Handler, Reply, Request


def picture(fmt: str = "JPEG", size: tuple[int, int] = (64, 48), colour: int = 90) -> bytes:
    """A small picture of one colour with a darker band, in ``fmt`` (Pillow's name)."""
    from PIL import Image, ImageDraw

    mode = "RGBA" if fmt == "PNG" else "RGB"
    image = Image.new(mode, size, (colour, 140, 200 - colour // 2, 255)[: len(mode)])
    ImageDraw.Draw(image).rectangle((0, size[1] // 3, size[0], size[1] // 2), fill=(20, 30, 40))
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def noisy_png(width: int, height: int, seed: int) -> bytes:
    """A PNG of random pixels: it barely compresses, so its size is about
    ``width * height * 3`` bytes (the budget tests need pictures of known weight)."""
    from PIL import Image

    pixels = random.Random(seed).randbytes(width * height * 3)
    out = io.BytesIO()
    Image.frombytes("RGB", (width, height), pixels).save(out, "PNG", compress_level=1)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png_claiming(width: int, height: int) -> bytes:
    """A well-formed PNG whose header claims ``width`` x ``height`` pixels (valid CRCs)
    while its data is a few hundred bytes: decoded, it would need width*height*3 bytes."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 4096)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", rows) + _chunk(
        b"IEND", b""
    )


MEDIA = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}


def serve(data: bytes, media: str = "image/jpeg") -> Handler:
    return lambda _req: Reply(body=data, headers={"Content-Type": media})


def figure(src: str, alt: str, caption: str) -> str:
    return f'<figure><img src="{src}" alt="{alt}"><figcaption>{caption}</figcaption></figure>'


def never_answers(sock: socket.socket, _req: Request) -> None:
    sock.recv(1)  # holds the connection open until the client gives up


async def pictures_done(pilot: Pilot[Any], app: ReaderApp) -> PicturesDone:
    """Run the app until the reading screen says the story's pictures are all drawn or
    marked; that message."""
    seen: list[PicturesDone] = []
    original = app.reading.post_message

    def keep(message: Any) -> bool:
        if isinstance(message, PicturesDone):
            seen.append(message)
        return original(message)

    app.reading.post_message = keep  # type: ignore[method-assign]
    await wait_until(pilot, lambda: seen)
    await pilot.pause()
    return seen[0]

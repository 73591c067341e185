"""Read a response body: decode as it streams, judge its first bytes, stop at the cap."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

from reader.config import size_label
from reader.fetch.encoding import STEP, BodyDecoder
from reader.fetch.errors import PictureTooLargeError, show
from reader.fetch.sniff import SNIFF_BYTES, check_picture_start, check_start


@dataclass(frozen=True)
class Body:
    data: bytes
    truncated: bool
    content_type: str
    """The media type to record: the header's, or "text/html" when it named none."""


class BodyReader:
    """Collects decoded bytes up to ``max_bytes`` (0 or less: no cap).

    The first ``SNIFF_BYTES`` decoded bytes are judged before anything more is read, so a
    PDF or an image served as HTML is refused early. Raw (still encoded) input is capped
    too, at twice the cap, so a body that decodes to almost nothing cannot stream forever.
    """

    def __init__(
        self, url: str, media: str, charset: str | None, max_bytes: int, accept: str = "html"
    ) -> None:
        self.url = url
        self.accept = accept
        self.media = media
        self.charset = charset
        self.cap = max_bytes if max_bytes > 0 else None
        self._data = bytearray()
        self._content_type: str | None = None
        self.truncated = False

    async def read(self, decoder: BodyDecoder, chunks: AsyncIterator[bytes]) -> Body:
        raw_total = 0
        raw_cap = 2 * self.cap + STEP if self.cap is not None else None
        async for chunk in chunks:
            raw_total += len(chunk)
            if not self._take(decoder.feed(chunk)):
                break
            if raw_cap is not None and raw_total > raw_cap:
                self.truncated = True
                break
        else:
            self._take(decoder.finish())
        self._judge()
        assert self._content_type is not None
        return Body(bytes(self._data), self.truncated, self._content_type)

    def _take(self, pieces: Iterator[bytes]) -> bool:
        """Append decoded pieces; False once the cap is reached (reading should stop)."""
        for piece in pieces:
            if self.cap is not None:
                room = self.cap - len(self._data)
                if len(piece) > room:
                    self._data += piece[:room]
                    self.truncated = True
                    return False
            self._data += piece
            if self._content_type is None and len(self._data) >= SNIFF_BYTES:
                self._judge()
        return True

    def _judge(self) -> None:
        if self._content_type is None:
            sample = bytes(self._data[:SNIFF_BYTES])
            self._content_type = check_start(
                sample, self.media, self.charset, self.url, self.accept
            )


async def read_picture(
    url: str, max_bytes: int, decoder: BodyDecoder, chunks: AsyncIterator[bytes]
) -> bytes:
    """The whole decoded body of a picture, refused (``PictureTooLargeError``) as soon as
    it passes ``max_bytes`` (0 or less: no cap) instead of being cut; refused
    (``NotPictureError``) as soon as its first bytes are markup. Nothing is decoded as
    text."""
    cap = max_bytes if max_bytes > 0 else None
    raw_cap = 2 * cap + STEP if cap is not None else None
    data = bytearray()
    raw_total = 0
    judged = False

    def take(pieces: Iterator[bytes]) -> None:
        nonlocal judged
        for piece in pieces:
            data.extend(piece)
            if cap is not None and len(data) > cap:
                raise picture_too_large(url, cap)
            if not judged and len(data) >= SNIFF_BYTES:
                check_picture_start(bytes(data[:SNIFF_BYTES]), url)
                judged = True

    async for chunk in chunks:
        raw_total += len(chunk)
        if raw_cap is not None and raw_total > raw_cap:
            raise picture_too_large(url, max_bytes)
        take(decoder.feed(chunk))
    take(decoder.finish())
    if not judged:
        check_picture_start(bytes(data), url)
    return bytes(data)


def picture_too_large(url: str, limit: int) -> PictureTooLargeError:
    return PictureTooLargeError(
        f"picture larger than {size_label(limit)} (the picture size cap): {show(url)}",
        url=url,
        limit=limit,
    )

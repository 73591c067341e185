"""A story's pictures: which ones (``story_pictures``), whether some bytes are a picture
we draw (``probe``), and making one ready to draw (``decode``).

Pure like the extraction core: bytes and strings in, values out; no network, disk,
clock or environment. Pillow reads the bytes (JPEG, PNG, GIF's first frame, WebP; any
other format is refused with a short reason a person reads in place of the picture).
``probe`` reads headers only; ``decode`` is the one that decodes pixels, under the
pixel limit, and is meant for a worker thread. The modules inside are this package's
own; code elsewhere imports only the names below.
"""

from reader.pictures.raster import (
    FORMATS,
    MAX_PIXELS,
    PictureError,
    PictureInfo,
    PictureProblem,
    decode,
    probe,
)
from reader.pictures.sources import (
    is_picture_url,
    markdown_pictures,
    pictures_alone,
    story_pictures,
)

__all__ = [
    "FORMATS",
    "MAX_PIXELS",
    "PictureError",
    "PictureInfo",
    "PictureProblem",
    "decode",
    "is_picture_url",
    "markdown_pictures",
    "pictures_alone",
    "probe",
    "story_pictures",
]

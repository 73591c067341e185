"""Draw the demo stories' pictures: ``python -m reader.demo.sitegen.pictures``.

A maintainer's tool, run by hand: it needs Pillow, which is not a dependency of the
package. The pictures it writes into ``reader/demo/source/static/img/`` are committed,
and ``python -m reader.demo.sitegen`` copies them into the site like the other assets, so
building or serving the site never needs Pillow.

Every picture is an original drawing in one style (flat shapes, soft gradients, a small
palette), drawn at twice its size and scaled down for smooth edges. Nothing depends on
the clock or on chance: each scene has a fixed seed, so two runs write the same bytes
(with the same Pillow).
"""

from __future__ import annotations

import io
import itertools
import math
import random
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from PIL import (  # type: ignore[import-not-found, unused-ignore]
    Image,
    ImageChops,
    ImageDraw,
    ImageFilter,
    ImageFont,
    PngImagePlugin,
)

from reader.demo.sitegen.source import ORIGIN, PAPER, SOURCE_DIR

IMG_DIR = SOURCE_DIR / "static" / "img"
LEAD_SIZE = (800, 450)
CREDIT = f"Illustration: {PAPER}, {ORIGIN}/about/ (drawn for the reader demo)"
"""Written into every picture (a JPEG comment, a PNG text chunk), as photographs carry
their credit; it names the built origin, which the server must leave alone in pictures."""

RGB = tuple[int, int, int]
Point = tuple[float, float]
Fill = tuple[int, ...] | None

# The palette: every scene draws from these.
NAVY: RGB = (27, 42, 74)
DEEP: RGB = (36, 72, 112)
TEAL: RGB = (44, 122, 138)
SEA: RGB = (86, 160, 170)
FOAM: RGB = (226, 240, 236)
SKY: RGB = (150, 198, 222)
HAZE: RGB = (236, 226, 204)
SAND: RGB = (222, 196, 146)
WETSAND: RGB = (176, 150, 110)
STONE: RGB = (138, 132, 124)
GRANITE: RGB = (196, 188, 182)
CREAM: RGB = (246, 238, 220)
CORAL: RGB = (222, 100, 76)
RUST: RGB = (170, 78, 52)
MUSTARD: RGB = (238, 178, 58)
GRASS: RGB = (112, 160, 92)
MOSS: RGB = (70, 112, 74)
PINE: RGB = (44, 80, 62)
INK: RGB = (28, 30, 40)
NIGHT: RGB = (16, 22, 48)
DUSK: RGB = (92, 58, 110)
GLOW: RGB = (255, 206, 120)
WHITE: RGB = (255, 255, 255)
SKIN: tuple[RGB, ...] = ((236, 196, 164), (198, 146, 108), (142, 96, 66), (226, 176, 140))
COATS: tuple[RGB, ...] = (CORAL, NAVY, TEAL, MUSTARD, MOSS, RUST, DEEP, (120, 92, 140))


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def alpha(c: RGB, a: int) -> tuple[int, int, int, int]:
    return (c[0], c[1], c[2], a)


class Canvas:
    """A picture drawn in a fixed coordinate space (800 by 450 for a lead picture),
    at twice the output size, scaled down when finished."""

    def __init__(self, size: tuple[int, int], space: tuple[int, int] = LEAD_SIZE) -> None:
        self.size = size
        self.k = size[0] / space[0] * 2
        self.img = Image.new("RGB", (size[0] * 2, size[1] * 2), WHITE)
        self.draw = ImageDraw.Draw(self.img, "RGBA")
        self._fonts: dict[int, ImageFont.FreeTypeFont] = {}

    def pts(self, points: Iterable[Point]) -> list[Point]:
        return [(x * self.k, y * self.k) for x, y in points]

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill: Fill, r: float = 0) -> None:
        box = (x0 * self.k, y0 * self.k, x1 * self.k, y1 * self.k)
        if r:
            self.draw.rounded_rectangle(box, r * self.k, fill=fill)
        else:
            self.draw.rectangle(box, fill=fill)

    def poly(self, points: Iterable[Point], fill: Fill) -> None:
        self.draw.polygon(self.pts(points), fill=fill)

    def ellipse(self, cx: float, cy: float, rx: float, ry: float, fill: Fill) -> None:
        k = self.k
        box = ((cx - rx) * k, (cy - ry) * k, (cx + rx) * k, (cy + ry) * k)
        self.draw.ellipse(box, fill=fill)

    def line(self, points: Iterable[Point], fill: Fill, width: float) -> None:
        self.draw.line(
            self.pts(points),
            fill=fill,
            width=max(1, round(width * self.k)),
            joint="curve",
        )

    def arc(
        self,
        cx: float,
        cy: float,
        rx: float,
        ry: float,
        start: float,
        end: float,
        fill: Fill,
        width: float,
    ) -> None:
        k = self.k
        box = ((cx - rx) * k, (cy - ry) * k, (cx + rx) * k, (cy + ry) * k)
        self.draw.arc(box, start, end, fill=fill, width=max(1, round(width * k)))

    def vgrad(self, x0: float, y0: float, x1: float, y1: float, stops: Sequence[RGB]) -> None:
        top, bottom = round(y0 * self.k), round(y1 * self.k)
        span = max(1, bottom - top - 1)
        for row in range(top, bottom):
            t = (row - top) / span * (len(stops) - 1)
            i = min(int(t), len(stops) - 2)
            colour = mix(stops[i], stops[i + 1], t - i)
            self.draw.line([(x0 * self.k, row), (x1 * self.k, row)], fill=colour)

    def glow(self, spots: Iterable[tuple[float, float, float, RGB]], blur: float) -> None:
        """Light: discs blurred and laid over the picture with a screen blend."""
        layer = Image.new("RGB", self.img.size, (0, 0, 0))
        d = ImageDraw.Draw(layer)
        k = self.k
        for x, y, r, colour in spots:
            d.ellipse(((x - r) * k, (y - r) * k, (x + r) * k, (y + r) * k), fill=colour)
        layer = layer.filter(ImageFilter.GaussianBlur(blur * k))
        self.img = ImageChops.screen(self.img, layer)
        self.draw = ImageDraw.Draw(self.img, "RGBA")

    def font(self, size: float) -> ImageFont.FreeTypeFont:
        px = round(size * self.k)
        if px not in self._fonts:
            font = ImageFont.load_default(size=px)
            assert isinstance(font, ImageFont.FreeTypeFont), "Pillow without FreeType"
            self._fonts[px] = font
        return self._fonts[px]

    def text(
        self, x: float, y: float, words: str, size: float, fill: Fill, anchor: str = "la"
    ) -> None:
        """Words at (x, y); the built-in font has no pound sign, so it is drawn here."""
        font = self.font(size)
        if "\u00a3" not in words:
            self.draw.text((x * self.k, y * self.k), words, font=font, fill=fill, anchor=anchor)
            return
        parts = words.split("\u00a3")
        sign = 0.56 * size
        total = sum(font.getlength(p) for p in parts) / self.k + sign * (len(parts) - 1)
        cx = x - {"l": 0.0, "m": total / 2, "r": total}[anchor[0]]
        ascent, descent = font.getmetrics()
        baseline = {"a": y + ascent / self.k, "s": y, "m": y + (ascent - descent) / 2 / self.k}[
            anchor[1]
        ]
        for i, part in enumerate(parts):
            self.draw.text(
                (cx * self.k, baseline * self.k), part, font=font, fill=fill, anchor="ls"
            )
            cx += font.getlength(part) / self.k
            if i < len(parts) - 1:
                self._pound(cx, baseline, size, fill)
                cx += sign

    def _pound(self, x: float, baseline: float, size: float, fill: Fill) -> None:
        w, h, top = 0.5 * size, 0.7 * size, baseline - 0.7 * size

        def at(u: float, v: float) -> Point:
            return (x + u * w, top + v * h)

        stroke = 0.085 * size
        cx, cy = at(0.6, 0.27)
        self.arc(cx, cy, 0.3 * w, 0.25 * h, 175, 345, fill, stroke)
        self.line([at(0.31, 0.27), at(0.31, 0.8), at(0.12, 1.0), at(0.95, 1.0)], fill, stroke)
        self.line([at(0.06, 0.52), at(0.66, 0.52)], fill, stroke)

    def finish(self) -> Image.Image:
        return self.img.resize(self.size, Image.Resampling.LANCZOS)


# -- pieces every scene may use --------------------------------------------------------


def ridge(
    c: Canvas,
    base: float,
    amp: float,
    fill: Fill,
    rng: random.Random,
    bottom: float = 450,
    x0: float = -10,
    x1: float = 810,
) -> None:
    waves = [
        (rng.uniform(0.004, 0.02), rng.uniform(0, 6.28), rng.uniform(0.3, 1)) for _ in range(3)
    ]
    points: list[Point] = []
    x = x0
    while x <= x1:
        y = base - amp * sum(a * math.sin(f * x + p) for f, p, a in waves) / 2
        points.append((x, y))
        x += 8
    c.poly([*points, (x1, bottom), (x0, bottom)], fill)


def waves(
    c: Canvas,
    y0: float,
    y1: float,
    colour: Fill,
    rng: random.Random,
    count: int = 60,
    x0: float = 0,
    x1: float = 800,
) -> None:
    for _ in range(count):
        t = rng.random()
        y = y0 + (y1 - y0) * t * t
        length = 10 + 50 * t
        x = rng.uniform(x0 - 20, x1)
        c.line([(x, y), (x + length, y)], colour, 0.8 + 1.6 * t)


def cloud(c: Canvas, x: float, y: float, w: float, fill: Fill) -> None:
    c.ellipse(x, y, w * 0.5, w * 0.12, fill)
    c.ellipse(x - w * 0.15, y - w * 0.08, w * 0.2, w * 0.14, fill)
    c.ellipse(x + w * 0.1, y - w * 0.12, w * 0.22, w * 0.18, fill)


def houses(
    c: Canvas,
    x0: float,
    x1: float,
    base: float,
    rng: random.Random,
    scale: float = 1.0,
    walls: Sequence[RGB] = (CREAM, (232, 214, 190), (210, 226, 226), (240, 220, 200), WHITE),
    roof: RGB = (84, 92, 110),
    lit: RGB | None = None,
) -> None:
    x = x0
    while x < x1:
        w = rng.uniform(16, 28) * scale
        h = rng.uniform(14, 24) * scale
        top = base - h
        c.rect(x, top, x + w, base, rng.choice(walls))
        c.poly(
            [(x - 1.5 * scale, top), (x + w / 2, top - h * 0.55), (x + w + 1.5 * scale, top)], roof
        )
        for wx in (x + w * 0.22, x + w * 0.62):
            c.rect(wx, top + h * 0.3, wx + w * 0.16, top + h * 0.55, lit or (70, 84, 100))
        x += w + rng.uniform(0, 6) * scale


def person(
    c: Canvas, x: float, foot: float, h: float, coat: RGB, skin: RGB, hat: RGB | None = None
) -> None:
    head = h * 0.13
    c.rect(x - h * 0.08, foot - h * 0.45, x - h * 0.01, foot, INK, r=h * 0.03)
    c.rect(x + h * 0.01, foot - h * 0.45, x + h * 0.08, foot, INK, r=h * 0.03)
    c.rect(x - h * 0.15, foot - h * 0.78, x + h * 0.15, foot - h * 0.38, coat, r=h * 0.07)
    c.ellipse(x, foot - h * 0.86, head, head, skin)
    if hat:
        c.ellipse(x, foot - h * 0.9, head * 1.05, head * 0.7, hat)


def crowd(
    c: Canvas, x0: float, x1: float, foot: float, h: float, rng: random.Random, step: float
) -> None:
    x = x0
    while x < x1:
        person(
            c,
            x,
            foot + rng.uniform(-2, 2),
            h * rng.uniform(0.9, 1.08),
            rng.choice(COATS),
            rng.choice(SKIN),
            rng.choice((None, None, NAVY, CORAL)),
        )
        x += step * rng.uniform(0.8, 1.2)


def gulls(c: Canvas, spots: Iterable[tuple[float, float, float]], colour: RGB = INK) -> None:
    for x, y, s in spots:
        c.arc(x - s, y, s, s * 0.6, 200, 340, colour, 1.4)
        c.arc(x + s, y, s, s * 0.6, 200, 340, colour, 1.4)


def ferry(c: Canvas, x: float, y: float, s: float, ramp_down: bool = False) -> None:
    """The Wren Queen: blue hull, white cabin, a folding ramp at the bow (to the right)."""
    hull = [
        (x, y - 26 * s),
        (x + 190 * s, y - 26 * s),
        (x + 212 * s, y - 40 * s),
        (x + 204 * s, y),
        (x + 14 * s, y),
    ]
    c.poly(
        [(x - 4 * s, y), (x + 210 * s, y), (x + 200 * s, y + 6 * s), (x + 6 * s, y + 6 * s)],
        alpha(NAVY, 90),
    )
    c.poly(hull, DEEP)
    c.poly(
        [
            (x, y - 26 * s),
            (x + 190 * s, y - 26 * s),
            (x + 212 * s, y - 40 * s),
            (x + 211 * s, y - 34 * s),
            (x + 190 * s, y - 20 * s),
            (x + 2 * s, y - 20 * s),
        ],
        WHITE,
    )
    c.rect(x + 18 * s, y - 58 * s, x + 150 * s, y - 26 * s, WHITE, r=4 * s)
    c.rect(x + 18 * s, y - 58 * s, x + 150 * s, y - 53 * s, CORAL)
    for i in range(7):
        wx = x + 26 * s + i * 17 * s
        c.rect(wx, y - 48 * s, wx + 11 * s, y - 36 * s, (72, 120, 150), r=2 * s)
    c.rect(x + 104 * s, y - 80 * s, x + 144 * s, y - 58 * s, CREAM, r=3 * s)
    c.rect(x + 110 * s, y - 74 * s, x + 138 * s, y - 66 * s, (72, 120, 150), r=2 * s)
    c.line([(x + 124 * s, y - 80 * s), (x + 124 * s, y - 104 * s)], INK, 2.2 * s)
    c.poly(
        [(x + 124 * s, y - 104 * s), (x + 144 * s, y - 99 * s), (x + 124 * s, y - 94 * s)], CORAL
    )
    c.text(x + 40 * s, y - 13 * s, "WREN QUEEN", 9 * s, WHITE, "lm")
    if ramp_down:
        c.poly(
            [
                (x + 200 * s, y - 30 * s),
                (x + 262 * s, y - 8 * s),
                (x + 262 * s, y - 2 * s),
                (x + 200 * s, y - 24 * s),
            ],
            (150, 156, 166),
        )
    else:
        c.poly(
            [
                (x + 200 * s, y - 30 * s),
                (x + 214 * s, y - 62 * s),
                (x + 219 * s, y - 60 * s),
                (x + 206 * s, y - 28 * s),
            ],
            (150, 156, 166),
        )


def smooth(points: Sequence[Point], steps: int = 12) -> list[Point]:
    """A Catmull-Rom curve through the points."""
    out: list[Point] = []
    padded = [points[0], *points, points[-1]]
    for i in range(1, len(padded) - 2):
        p0, p1, p2, p3 = padded[i - 1], padded[i], padded[i + 1], padded[i + 2]
        for j in range(steps):
            t = j / steps
            x, y = (
                0.5
                * (
                    2 * p1[k]
                    + (p2[k] - p0[k]) * t
                    + (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * t * t
                    + (3 * p1[k] - p0[k] - 3 * p2[k] + p3[k]) * t * t * t
                )
                for k in (0, 1)
            )
            out.append((x, y))
    out.append(points[-1])
    return out


def stars(c: Canvas, rng: random.Random, count: int, y1: float) -> None:
    for _ in range(count):
        x, y = rng.uniform(0, 800), rng.uniform(0, y1)
        r = rng.choice((0.6, 0.8, 1.0, 1.3))
        c.ellipse(x, y, r, r, alpha(WHITE, rng.randint(120, 230)))


# -- the lead pictures -------------------------------------------------------------------


def ferry_crossing() -> Image.Image:
    rng = random.Random(101)
    c = Canvas(LEAD_SIZE)
    c.vgrad(0, 0, 800, 215, [(120, 178, 214), (186, 214, 226), HAZE])
    c.glow([(620, 120, 40, (255, 236, 190))], 30)
    c.ellipse(620, 120, 26, 26, (255, 244, 214))
    cloud(c, 180, 70, 170, alpha(WHITE, 200))
    cloud(c, 470, 48, 120, alpha(WHITE, 170))
    ridge(c, 200, 40, (132, 160, 150), rng)
    ridge(c, 214, 16, (104, 138, 116), rng)
    houses(c, 430, 620, 212, rng, 0.7)
    c.rect(640, 170, 652, 210, (200, 190, 176))
    c.poly([(638, 170), (646, 152), (654, 170)], (84, 92, 110))
    c.vgrad(0, 212, 800, 450, [(132, 190, 196), SEA, TEAL, DEEP])
    waves(c, 220, 450, alpha(FOAM, 150), rng, 90)
    # the wake, fanning out behind the boat
    for i in range(14):
        t = i / 14
        x = 300 - 300 * t
        spread = 6 + 52 * t
        a = 200 - round(150 * t)
        c.ellipse(x, 336 - spread * 0.5, 26 - 8 * t, 2.2, alpha(WHITE, a))
        c.ellipse(x, 336 + spread * 0.55, 26 - 8 * t, 2.4, alpha(WHITE, a))
    c.ellipse(250, 337, 60, 5, alpha(WHITE, 150))
    c.ellipse(170, 338, 50, 4, alpha(WHITE, 90))
    ferry(c, 300, 340, 1.5)
    c.poly([(300, 340), (620, 340), (600, 360), (320, 360)], alpha(NAVY, 60))
    # posts of the Quay Street pontoon in the foreground
    c.rect(0, 405, 800, 422, (120, 96, 70))
    c.rect(0, 400, 800, 406, (160, 130, 96))
    for px in (40, 250, 460, 670):
        c.rect(px, 380, px + 14, 450, (86, 66, 50))
        c.ellipse(px + 7, 380, 7, 3, (120, 96, 70))
    c.vgrad(0, 422, 800, 450, [DEEP, NAVY])
    gulls(c, [(90, 150, 9), (120, 132, 7), (700, 200, 6)])
    return c.finish()


def ferry_fares() -> Image.Image:
    rng = random.Random(102)
    c = Canvas(LEAD_SIZE)
    c.vgrad(0, 0, 800, 250, [(140, 190, 218), HAZE])
    ridge(c, 238, 22, (128, 156, 146), rng)
    c.vgrad(0, 240, 800, 450, [SEA, TEAL, DEEP])
    waves(c, 246, 450, alpha(FOAM, 140), rng, 60, 380, 800)
    # the pontoon and the ferry alongside it
    c.rect(380, 330, 800, 350, (150, 120, 86))
    c.rect(380, 350, 800, 360, (110, 86, 62))
    ferry(c, 470, 328, 1.2)
    # the harbour office wall, with the fare board
    c.rect(0, 0, 380, 450, (214, 200, 178))
    for row in range(0, 450, 30):
        off = 0 if row // 30 % 2 else 30
        for col in range(-30 + off, 380, 60):
            c.rect(col + 2, row + 2, col + 58, row + 28, (204, 188, 164), r=2)
    c.rect(360, 0, 392, 450, (88, 96, 104))
    c.rect(40, 60, 336, 330, (34, 46, 52), r=6)
    c.rect(48, 68, 328, 322, (28, 62, 58), r=4)
    c.text(188, 96, "FERRY FARES", 24, CREAM, "mm")
    c.text(188, 120, "Wrenmouth to Stonehithe", 13, (200, 222, 210), "mm")
    c.line([(68, 138), (308, 138)], alpha(CREAM, 140), 1.2)
    rows = [
        ("Adult single", "\u00a32.40"),
        ("Day return", "\u00a34.20"),
        ("Under 18", "free"),
        ("Bus pass", "\u00a31.00"),
        ("Season, monthly", "\u00a346.00"),
    ]
    for i, (what, price) in enumerate(rows):
        y = 164 + i * 32
        c.text(70, y, what, 16, CREAM, "lm")
        c.text(306, y, price, 17, MUSTARD, "rm")
    c.rect(0, 396, 380, 450, (120, 112, 104))
    c.rect(0, 392, 380, 398, (90, 84, 80))
    # a life ring beside the board
    c.ellipse(356, 380, 34, 34, CORAL)
    c.ellipse(356, 380, 18, 18, (214, 200, 178))
    for a in (0, 90, 180, 270):
        rad = math.radians(a + 45)
        rx, ry = 356 + 26 * math.cos(rad), 380 + 26 * math.sin(rad)
        c.ellipse(rx, ry, 8, 8, WHITE)
    return c.finish()


def harbour_wall() -> Image.Image:
    rng = random.Random(103)
    c = Canvas(LEAD_SIZE)
    c.vgrad(0, 0, 800, 150, [(132, 186, 216), (206, 222, 226)])
    cloud(c, 600, 50, 200, alpha(WHITE, 210))
    cloud(c, 160, 90, 130, alpha(WHITE, 180))
    # the pier's top: a railing and a lamp
    c.rect(0, 138, 800, 150, (170, 164, 156))
    c.line([(0, 114), (800, 114)], NAVY, 2.5)
    for x in range(10, 800, 44):
        c.line([(x, 114), (x, 140)], NAVY, 2.5)
    c.rect(560, 60, 566, 140, NAVY)
    c.rect(552, 50, 574, 64, NAVY, r=3)
    c.ellipse(563, 68, 6, 6, MUSTARD)
    person(c, 250, 138, 44, CORAL, SKIN[0], NAVY)
    person(c, 274, 138, 40, TEAL, SKIN[2])
    # the wall: old weathered courses above, new granite along the lower ones
    c.rect(0, 150, 800, 326, (104, 98, 92))
    for i in range(8):
        top = 150 + i * 22
        new = i >= 5
        base = GRANITE if new else mix(STONE, (110, 104, 96), rng.random() * 0.6)
        off = rng.uniform(0, 50)
        bx = -off
        while bx < 800:
            w = rng.uniform(48, 80)
            shade = mix(base, WHITE if new else INK, rng.uniform(0, 0.12))
            c.rect(bx + 1.5, top + 1.5, bx + w - 1.5, top + 20.5, shade, r=2)
            bx += w
    c.rect(0, 296, 800, 326, alpha((40, 70, 60), 40))
    # wet sand, weed at the foot of the wall, pools that hold the sky
    c.vgrad(0, 326, 800, 450, [WETSAND, SAND])
    ridge(c, 330, 6, (58, 88, 62), rng, 338)
    for x, y, w in ((120, 380, 90), (420, 410, 130), (690, 370, 70), (300, 440, 60)):
        c.ellipse(x, y, w, w * 0.13, (168, 204, 214))
        c.ellipse(x - w * 0.2, y - 1, w * 0.5, w * 0.05, alpha(WHITE, 120))
    # a small boat lying over on the sand
    c.poly([(560, 410), (680, 400), (690, 384), (566, 392)], CORAL)
    c.poly([(566, 392), (690, 384), (684, 380), (570, 388)], CREAM)
    c.line([(688, 386), (700, 362), (712, 342), (718, 330)], (96, 76, 56), 1.8)
    c.arc(718, 326, 5, 5, 0, 360, INK, 1.6)
    c.poly([(560, 410), (680, 400), (660, 414), (572, 418)], alpha(INK, 60))
    # the lifeboat slip running down to the water's edge
    c.poly([(0, 300), (60, 300), (250, 450), (120, 450)], (168, 162, 152))
    for i in range(9):
        t = i / 9
        c.line(
            [(60 * t + 0 + 30 * t, 300 + 150 * t), (60 + 190 * t, 300 + 150 * t)],
            alpha(INK, 50),
            1.2,
        )
    gulls(c, [(400, 60, 8), (430, 44, 6)])
    return c.finish()


def flood_barrier() -> Image.Image:
    rng = random.Random(104)
    c = Canvas(LEAD_SIZE)
    c.vgrad(0, 0, 800, 260, [(58, 52, 100), (150, 90, 120), (238, 146, 104), (250, 200, 140)])
    c.glow([(150, 236, 60, (255, 190, 120))], 40)
    c.ellipse(150, 240, 30, 30, (255, 222, 160))
    ridge(c, 250, 20, (70, 58, 92), rng)
    c.vgrad(0, 250, 800, 450, [(200, 130, 120), (110, 90, 120), (40, 50, 84)])
    waves(c, 252, 300, alpha((255, 210, 170), 120), rng, 40)
    # seven piers, six closed gates between them
    piers = [30 + i * 123 for i in range(7)]
    for i in range(6):
        gx0, gx1 = piers[i] + 34, piers[i + 1]
        c.rect(gx0, 232, gx1, 330, (70, 80, 96))
        for j in range(5):
            c.rect(gx0, 240 + j * 18, gx1, 243 + j * 18, (96, 108, 124))
        c.rect(gx0, 232, gx1, 238, CORAL)
    for px in piers:
        c.rect(px, 170, px + 34, 340, (150, 146, 150))
        c.rect(px + 24, 170, px + 34, 340, (120, 116, 124))
        c.rect(px - 6, 150, px + 40, 172, (200, 196, 196), r=3)
        c.rect(px + 4, 156, px + 14, 164, MUSTARD)
        c.ellipse(px + 17, 146, 3, 3, CORAL)
    c.glow([(px + 9, 160, 8, (200, 140, 40)) for px in piers], 6)
    # still water behind, choppy water in front
    c.vgrad(0, 330, 800, 450, [(64, 70, 104), (34, 44, 76)])
    waves(c, 334, 450, alpha((230, 170, 150), 130), rng, 90)
    # watchers on the harbour wall
    c.poly([(0, 400), (340, 416), (340, 450), (0, 450)], (62, 56, 70))
    for i, x in enumerate(range(30, 320, 26)):
        person(
            c,
            x,
            406 + x * 0.045,
            50,
            rng.choice(COATS),
            rng.choice(SKIN),
            NAVY if i % 3 == 0 else None,
        )
    return c.finish()


def library_night() -> Image.Image:
    rng = random.Random(105)
    c = Canvas(LEAD_SIZE)
    c.vgrad(0, 0, 800, 450, [NIGHT, (34, 40, 86), (70, 60, 110)])
    stars(c, rng, 120, 220)
    c.glow([(660, 80, 30, (140, 150, 190))], 26)
    c.ellipse(660, 80, 24, 24, (246, 240, 214))
    c.ellipse(670, 74, 22, 22, (23, 29, 62))
    ridge(c, 330, 26, (28, 36, 64), rng)
    # Chapel Hill climbing to the right
    c.poly([(0, 430), (800, 360), (800, 450), (0, 450)], (40, 42, 62))
    # the library: stone front, pediment, tall lit windows
    c.rect(170, 150, 630, 396, (150, 140, 150))
    c.poly([(150, 150), (400, 80), (650, 150)], (170, 160, 168))
    c.poly([(186, 142), (400, 94), (614, 142)], (132, 124, 136))
    c.rect(150, 148, 650, 162, (176, 166, 172))
    c.text(400, 126, "PUBLIC LIBRARY", 16, (236, 226, 200), "mm")
    windows = [(200, 190), (290, 190), (470, 190), (560, 190)]
    lights = []
    for wx, wy in windows:
        c.rect(wx, wy + 20, wx + 50, wy + 150, (255, 206, 120))
        c.ellipse(wx + 25, wy + 20, 25, 22, (255, 206, 120))
        for sx in range(4):
            c.rect(wx + 4 + sx * 12, wy + 90, wx + 12 + sx * 12, wy + 150, (170, 100, 60))
        c.rect(wx + 2, wy + 88, wx + 48, wy + 92, (120, 70, 50))
        c.line([(wx + 25, wy), (wx + 25, wy + 150)], (120, 110, 120), 2)
        c.line([(wx, wy + 60), (wx + 50, wy + 60)], (120, 110, 120), 2)
        lights.append((wx + 25, wy + 80, 44, (170, 110, 40)))
    c.rect(370, 250, 430, 396, (255, 214, 140), r=2)
    c.ellipse(400, 250, 30, 24, (255, 214, 140))
    c.rect(376, 280, 424, 396, (240, 180, 100))
    person(c, 396, 392, 70, TEAL, SKIN[1])
    lights.append((400, 320, 60, (170, 110, 40)))
    for x in (160, 340, 460, 640):
        c.rect(x, 170, x + 12, 396, (164, 154, 162))
    c.rect(150, 392, 650, 404, (120, 112, 120))
    c.rect(130, 402, 670, 414, (104, 98, 108))
    # a street lamp
    c.rect(716, 210, 722, 372, INK)
    c.poly([(706, 212), (719, 192), (732, 212)], INK)
    c.rect(710, 212, 728, 228, (255, 230, 170))
    lights.append((719, 222, 30, (200, 150, 70)))
    c.glow(lights, 18)
    person(c, 100, 432, 56, CORAL, SKIN[0], NAVY)
    return c.finish()


def school_bus() -> Image.Image:
    rng = random.Random(106)
    c = Canvas(LEAD_SIZE)
    c.vgrad(0, 0, 800, 240, [(110, 172, 214), (200, 224, 232)])
    c.glow([(120, 80, 36, (255, 236, 190))], 30)
    c.ellipse(120, 80, 24, 24, (255, 246, 220))
    cloud(c, 420, 64, 180, alpha(WHITE, 220))
    cloud(c, 680, 100, 120, alpha(WHITE, 200))
    ridge(c, 190, 40, (150, 180, 160), rng)
    # a village and its chapel on the far hill
    houses(c, 540, 680, 176, rng, 0.6, roof=(110, 90, 90))
    c.rect(690, 146, 704, 176, CREAM)
    c.poly([(688, 146), (697, 126), (706, 146)], (110, 90, 90))
    ridge(c, 250, 50, (132, 176, 108), rng)
    ridge(c, 320, 40, GRASS, rng)
    ridge(c, 390, 30, (92, 146, 84), rng)
    # the road winding down the hill
    road = smooth(
        [(640, 190), (700, 222), (560, 262), (300, 300), (330, 350), (460, 390), (600, 452)]
    )
    for width, colour in ((30, (110, 130, 90)), (22, (182, 176, 160))):
        left = [(x - width * (0.2 + y / 450), y) for x, y in road]
        right = [(x + width * (0.2 + y / 450), y) for x, y in reversed(road)]
        c.poly(left + right, colour)
    c.line(road[len(road) // 2 :], alpha(WHITE, 160), 1.5)
    # hedges and a few trees
    for x, y, r in ((90, 300, 22), (130, 292, 16), (700, 330, 28), (740, 318, 20), (330, 250, 14)):
        c.rect(x - 2, y, x + 2, y + r, (90, 70, 50))
        c.ellipse(x, y, r, r * 0.9, MOSS)
        c.ellipse(x - r * 0.3, y - r * 0.3, r * 0.5, r * 0.4, alpha(GRASS, 160))
    # the bus
    bx, by = 350, 366
    c.poly(
        [(bx - 10, by + 34), (bx + 210, by + 34), (bx + 200, by + 42), (bx, by + 42)],
        alpha(INK, 70),
    )
    c.rect(bx, by - 46, bx + 200, by + 30, MUSTARD, r=10)
    c.rect(bx, by + 10, bx + 200, by + 30, (214, 150, 40), r=6)
    for i in range(6):
        wx = bx + 12 + i * 29
        c.rect(wx, by - 36, wx + 24, by - 12, (70, 110, 140), r=3)
        c.ellipse(wx + 12, by - 18, 5, 5, rng.choice(SKIN))
    c.rect(bx + 186, by - 36, bx + 198, by - 8, (70, 110, 140), r=3)
    c.rect(bx + 8, by + 2, bx + 80, by + 10, NAVY)
    c.text(bx + 44, by + 6, "41 ACADEMY", 6, WHITE, "mm")
    for wx in (bx + 44, bx + 160):
        c.ellipse(wx, by + 30, 14, 14, INK)
        c.ellipse(wx, by + 30, 6, 6, (150, 150, 160))
    c.ellipse(bx + 196, by + 18, 4, 4, (255, 250, 220))
    return c.finish()


def seal_pup(size: tuple[int, int] = LEAD_SIZE) -> Image.Image:
    rng = random.Random(107)
    c = Canvas(size)
    # the pen: painted boards and a rubber floor
    c.vgrad(0, 0, 800, 300, [(168, 204, 210), (140, 184, 194)])
    for x in range(0, 800, 56):
        c.rect(x, 0, x + 3, 300, alpha(NAVY, 40))
    c.rect(0, 284, 800, 300, (110, 150, 160))
    c.vgrad(0, 300, 800, 450, [(88, 108, 112), (70, 86, 92)])
    # the blanket: a checked rug
    rug = [(150, 300), (650, 290), (720, 440), (80, 450)]
    c.poly(rug, (186, 70, 64))
    for i in range(1, 8):
        t = i / 8
        c.line([(150 + 500 * t, 300 - 10 * t), (80 + 640 * t, 450 - 10 * t)], alpha(CREAM, 90), 5)
    for i in range(1, 5):
        t = i / 5
        c.line([(150 - 70 * t, 300 + 150 * t), (650 + 70 * t, 290 + 150 * t)], alpha(NAVY, 80), 6)
    # a water bowl
    c.ellipse(680, 270, 44, 14, (70, 120, 170))
    c.ellipse(680, 266, 36, 9, (150, 200, 220))
    # the pup: a white coat, dark eyes, whiskers
    c.ellipse(400, 398, 190, 26, alpha(INK, 60))
    c.ellipse(440, 340, 170, 70, (236, 234, 226))
    c.ellipse(460, 360, 150, 46, (214, 212, 206))
    c.ellipse(600, 360, 40, 22, (222, 220, 212))
    c.poly([(610, 350), (660, 330), (668, 350), (640, 372)], (200, 198, 192))
    c.ellipse(300, 300, 96, 84, (244, 242, 236))
    c.ellipse(270, 330, 60, 46, (230, 228, 222))
    c.ellipse(400, 370, 46, 16, (204, 202, 196))
    c.poly([(370, 372), (430, 380), (404, 396), (360, 392)], (196, 194, 188))
    for ex in (252, 318):
        c.ellipse(ex, 282, 20, 22, INK)
        c.ellipse(ex + 6, 274, 6, 6, WHITE)
        c.ellipse(ex - 6, 290, 3, 3, alpha(WHITE, 160))
    c.ellipse(285, 326, 15, 10, (70, 60, 64))
    c.ellipse(281, 322, 4, 2.5, alpha(WHITE, 140))
    c.arc(285, 336, 10, 6, 20, 160, (90, 80, 84), 2)
    for side in (-1, 1):
        for i in range(3):
            y = 330 + i * 8
            c.line([(285 + side * 22, y), (285 + side * 76, y - 10 + i * 10)], alpha(INK, 120), 1.4)
    for _ in range(14):
        fx, fy = rng.uniform(340, 560), rng.uniform(300, 330)
        c.arc(fx, fy, 12, 7, 200, 320, alpha(WHITE, 200), 1.5)
    return c.finish()


def bakery_bank() -> Image.Image:
    c = Canvas(LEAD_SIZE)
    c.vgrad(0, 0, 800, 120, [(150, 196, 220), (214, 226, 228)])
    # neighbours on either side
    c.rect(0, 70, 130, 450, (196, 160, 140))
    c.rect(670, 60, 800, 450, (190, 206, 200))
    for x in (20, 76, 690, 744):
        for y in (100, 190):
            c.rect(x, y, x + 36, y + 50, (90, 110, 130))
    # the bank: stone, pediment, columns, a painted sign
    c.rect(130, 90, 670, 400, (226, 214, 190))
    c.poly([(120, 96), (400, 20), (680, 96)], (214, 200, 174))
    c.poly([(154, 90), (400, 34), (646, 90)], (200, 186, 162))
    c.ellipse(400, 70, 16, 16, (226, 214, 190))
    c.rect(120, 90, 680, 104, (236, 226, 204))
    c.text(400, 124, "1898", 12, (150, 140, 120), "mm")
    c.rect(220, 150, 580, 196, PINE, r=4)
    c.text(400, 174, "CRUST & CRUMB", 28, CREAM, "mm")
    for x in (150, 250, 520, 620):
        c.rect(x, 210, x + 30, 392, (238, 230, 212))
        c.rect(x - 6, 204, x + 36, 214, (214, 204, 184))
        c.rect(x - 6, 386, x + 36, 396, (214, 204, 184))
        for g in range(4):
            c.line([(x + 6 + g * 6, 216), (x + 6 + g * 6, 384)], alpha((180, 170, 150), 120), 1)
    # the door and the shop windows with bread on the shelves
    c.rect(350, 240, 450, 392, PINE, r=40)
    c.rect(358, 250, 442, 392, (255, 214, 150), r=34)
    c.line([(400, 250), (400, 392)], PINE, 3)
    for wx in (190, 560):
        c.rect(wx, 240, wx + 50, 370, (255, 222, 170))
        for sy in (290, 340):
            c.rect(wx, sy, wx + 50, sy + 4, (150, 100, 60))
            for bx in range(3):
                c.ellipse(wx + 10 + bx * 15, sy - 7, 8, 6, (200, 130, 60))
    c.rect(300, 240, 342, 370, (255, 222, 170))
    c.rect(458, 240, 500, 370, (255, 222, 170))
    for wx in (300, 458):
        c.ellipse(wx + 21, 300, 14, 8, (206, 140, 70))
        c.ellipse(wx + 21, 340, 12, 10, (176, 110, 56))
    c.glow(
        [(400, 320, 60, (90, 60, 20)), (215, 300, 40, (80, 50, 20)), (585, 300, 40, (80, 50, 20))],
        20,
    )
    # the pavement and the queue
    c.rect(0, 396, 800, 450, (170, 166, 160))
    c.rect(0, 396, 800, 402, (140, 136, 130))
    for i, x in enumerate(range(470, 780, 40)):
        person(c, x, 444, 70, COATS[i % len(COATS)], SKIN[i % 4], CORAL if i == 3 else None)
    return c.finish()


def sail_boat(c: Canvas, x: float, y: float, s: float, sail: RGB, hull: RGB = INK) -> None:
    c.poly(
        [
            (x - 50 * s, y - 10 * s),
            (x + 56 * s, y - 10 * s),
            (x + 44 * s, y + 4 * s),
            (x - 40 * s, y + 4 * s),
        ],
        hull,
    )
    c.poly(
        [
            (x - 44 * s, y + 4 * s),
            (x + 44 * s, y + 4 * s),
            (x + 40 * s, y + 10 * s),
            (x - 40 * s, y + 10 * s),
        ],
        alpha(hull, 70),
    )
    c.line([(x, y - 10 * s), (x, y - 130 * s)], INK, 2 * s)
    c.poly(
        [
            (x - 2 * s, y - 124 * s),
            (x - 2 * s, y - 16 * s),
            (x - 70 * s, y - 18 * s),
            (x - 52 * s, y - 110 * s),
        ],
        sail,
    )
    c.poly(
        [(x + 3 * s, y - 116 * s), (x + 3 * s, y - 16 * s), (x + 60 * s, y - 16 * s)],
        mix(sail, CREAM, 0.25),
    )
    c.line([(x - 4 * s, y - 24 * s), (x - 40 * s, y + 8 * s)], INK, 1.2 * s)


def oyster_boats() -> Image.Image:
    rng = random.Random(109)
    c = Canvas(LEAD_SIZE)
    c.vgrad(0, 0, 800, 240, [(170, 180, 196), (220, 212, 200), (240, 222, 196)])
    cloud(c, 200, 80, 260, alpha(WHITE, 120))
    cloud(c, 620, 50, 220, alpha(WHITE, 100))
    ridge(c, 230, 14, (150, 160, 150), rng)
    # Gull Point and its light
    c.poly([(560, 236), (640, 218), (800, 214), (800, 240)], (116, 130, 116))
    c.rect(700, 172, 712, 218, WHITE)
    c.rect(700, 186, 712, 194, CORAL)
    c.rect(698, 166, 714, 174, INK)
    c.vgrad(0, 234, 800, 450, [(176, 190, 184), (112, 150, 150), (64, 100, 110)])
    waves(c, 238, 450, alpha(WHITE, 110), rng, 100)
    sail_boat(c, 150, 270, 0.55, (170, 96, 64))
    sail_boat(c, 420, 262, 0.45, (190, 120, 70))
    sail_boat(c, 620, 290, 0.7, (150, 80, 60))
    sail_boat(c, 300, 380, 1.35, (182, 92, 58), (44, 50, 60))
    # the dredge rope and a figure hauling
    person(c, 270, 374, 42, MUSTARD, SKIN[0], NAVY)
    person(c, 336, 374, 42, CORAL, SKIN[1])
    c.line([(370, 378), (420, 420)], INK, 1.6)
    gulls(c, [(500, 120, 9), (530, 104, 7), (80, 150, 6)])
    return c.finish()


def market_hall() -> Image.Image:
    rng = random.Random(110)
    c = Canvas(LEAD_SIZE)
    c.vgrad(0, 0, 800, 400, [(148, 190, 216), (220, 226, 224)])
    cloud(c, 660, 60, 180, alpha(WHITE, 200))
    c.rect(0, 170, 100, 400, (200, 190, 170))
    c.rect(700, 150, 800, 400, (176, 196, 190))
    for x in (20, 60, 720, 760):
        c.rect(x, 200, x + 24, 240, (90, 110, 130))
        c.rect(x, 280, x + 24, 320, (90, 110, 130))
    # a red-brick Victorian front with a glass roof behind
    c.poly([(120, 110), (400, 40), (680, 110)], (120, 150, 170))
    for i in range(1, 12):
        rx = 120 + i * 560 / 12
        top = 110 - (70 * (1 - abs(rx - 400) / 280))
        c.line([(rx, 110), (rx, top)], alpha(WHITE, 120), 1.5)
    c.rect(100, 110, 700, 400, (178, 84, 64))
    c.poly([(260, 110), (400, 44), (540, 110)], (178, 84, 64))
    c.poly([(252, 114), (400, 40), (548, 114), (540, 110), (400, 52), (260, 110)], CREAM)
    for row in range(116, 400, 12):
        off = 0 if row // 12 % 2 else 12
        for col in range(100 + off, 700, 24):
            c.line([(col, row), (col, row + 12)], alpha((140, 60, 48), 110), 1)
        c.line([(100, row), (700, row)], alpha((140, 60, 48), 110), 1)
    c.ellipse(400, 86, 22, 22, CREAM)
    c.ellipse(400, 86, 18, 18, WHITE)
    c.line([(400, 86), (400, 73)], INK, 2)
    c.line([(400, 86), (410, 90)], INK, 2)
    c.rect(240, 120, 560, 150, CREAM)
    c.text(400, 135, "MARKET HALL", 22, (150, 60, 44), "mm")
    # the great arch with the stalls inside
    arch = [
        (400 - 100 * math.cos(a / 24 * math.pi), 230 - 60 * math.sin(a / 24 * math.pi))
        for a in range(25)
    ]
    arch += [(500, 400), (300, 400)]
    c.poly(arch, (60, 44, 40))
    c.poly(arch, alpha(GLOW, 80))
    for i, colour in enumerate((CORAL, TEAL, MUSTARD, MOSS)):
        x = 306 + i * 48
        c.rect(x, 300, x + 44, 360, (130, 96, 70))
        c.poly([(x - 2, 290), (x + 46, 290), (x + 42, 306), (x + 2, 306)], colour)
        for s in range(0, 44, 11):
            c.poly(
                [(x + s, 290), (x + s + 5, 290), (x + s + 5, 306), (x + s + 1, 306)],
                alpha(WHITE, 170),
            )
        for f in range(4):
            c.ellipse(x + 7 + f * 10, 314, 4, 4, rng.choice((CORAL, MUSTARD, GRASS, CREAM)))
    crowd(c, 320, 490, 396, 48, rng, 26)
    c.glow([(400, 240, 80, (120, 90, 30))], 30)
    for x in (140, 220, 580, 660):
        c.rect(x - 24, 190, x + 24, 330, (60, 80, 100))
        c.ellipse(x, 190, 24, 24, (60, 80, 100))
        c.line([(x, 170), (x, 330)], CREAM, 3)
        c.line([(x - 24, 250), (x + 24, 250)], CREAM, 3)
    c.rect(100, 396, 700, 408, (150, 140, 130))
    c.rect(0, 400, 800, 450, (176, 170, 162))
    crowd(c, 40, 280, 446, 64, rng, 50)
    crowd(c, 560, 780, 446, 64, rng, 56)
    return c.finish()


def lantern(c: Canvas, x: float, y: float, kind: int, colour: RGB) -> None:
    if kind == 0:
        c.ellipse(x, y, 16, 16, colour)
    elif kind == 1:  # a fish
        c.ellipse(x, y, 22, 12, colour)
        c.poly([(x + 18, y), (x + 34, y - 12), (x + 34, y + 12)], colour)
        c.ellipse(x - 12, y - 3, 2.5, 2.5, INK)
    elif kind == 2:  # a star
        points = []
        for i in range(10):
            r = 18 if i % 2 == 0 else 8
            a = math.pi / 2 + i * math.pi / 5
            points.append((x + r * math.cos(a), y - r * math.sin(a)))
        c.poly(points, colour)
    else:  # a little boat
        c.poly([(x - 20, y + 2), (x + 20, y + 2), (x + 12, y + 12), (x - 12, y + 12)], colour)
        c.poly([(x, y - 22), (x, y), (x + 16, y)], colour)


def lantern_parade() -> Image.Image:
    rng = random.Random(111)
    c = Canvas(LEAD_SIZE)
    c.vgrad(0, 0, 800, 450, [NIGHT, (40, 40, 84), (70, 52, 90)])
    stars(c, rng, 60, 120)
    # Marlow Street: tall fronts with lit windows on either side
    for x0, x1, tall in ((0, 150, 130), (150, 280, 100), (520, 650, 110), (650, 800, 140)):
        c.rect(x0, tall, x1, 450, mix((50, 44, 80), INK, rng.random() * 0.5))
        c.poly([(x0 - 4, tall), ((x0 + x1) / 2, tall - 40), (x1 + 4, tall)], (36, 34, 60))
        for wy in range(tall + 30, 320, 56):
            for wx in range(x0 + 20, x1 - 30, 44):
                c.rect(
                    wx,
                    wy,
                    wx + 22,
                    wy + 30,
                    (240, 190, 110) if rng.random() < 0.6 else (60, 60, 90),
                )
    c.rect(280, 170, 520, 450, (46, 40, 74))
    c.poly([(280, 170), (400, 100), (520, 170)], (40, 36, 66))
    c.rect(370, 210, 430, 290, (230, 180, 110))
    c.ellipse(400, 210, 30, 24, (230, 180, 110))
    c.rect(0, 360, 800, 450, (46, 40, 60))
    # the crowd, and lanterns held high on poles
    lights: list[tuple[float, float, float, RGB]] = []
    colours = ((255, 170, 90), (255, 210, 110), (250, 130, 120), (150, 210, 240), (200, 240, 160))
    for row, (foot, h, step) in enumerate(((380, 60, 34), (420, 84, 48), (470, 120, 70))):
        x = rng.uniform(-20, 10)
        while x < 820:
            person(
                c, x, foot, h, mix(rng.choice(COATS), INK, 0.55), mix(rng.choice(SKIN), INK, 0.3)
            )
            if rng.random() < 0.55:
                top = foot - h * rng.uniform(1.35, 1.8)
                c.line(
                    [(x + h * 0.12, foot - h * 0.6), (x + h * 0.12, top)], (30, 30, 40), 1.5 + row
                )
                colour = rng.choice(colours)
                kind = rng.randrange(4)
                lantern(c, x + h * 0.12, top - 12, kind, colour)
                lights.append((x + h * 0.12, top - 12, 22 + row * 6, mix(colour, INK, 0.45)))
            x += step * rng.uniform(0.8, 1.3)
    c.glow(lights, 14)
    return c.finish()


def choir() -> Image.Image:
    rng = random.Random(112)
    c = Canvas(LEAD_SIZE)
    c.vgrad(0, 0, 800, 450, [(120, 104, 100), (160, 140, 124), (120, 100, 90)])
    for row in range(0, 300, 26):
        off = 0 if row // 26 % 2 else 30
        for col in range(-30 + off, 800, 60):
            c.rect(
                col + 2, row + 2, col + 58, row + 24, alpha(WHITE, 14 + (col * 7 + row) % 20), r=2
            )
    # the tall east window with its coloured glass
    c.rect(340, 20, 460, 230, (80, 70, 70))
    c.ellipse(400, 40, 60, 44, (80, 70, 70))
    glass = ((80, 120, 190), (200, 80, 70), (230, 190, 90), (90, 160, 120), (150, 110, 180))
    for i in range(3):
        x = 350 + i * 36
        c.rect(x, 50, x + 28, 220, rng.choice(glass))
        c.ellipse(x + 14, 50, 14, 16, rng.choice(glass))
        for y in range(70, 220, 24):
            c.rect(x, y, x + 28, y + 12, alpha(rng.choice(glass), 200))
    c.glow([(400, 120, 70, (80, 60, 40))], 30)
    for x in (150, 650):
        c.rect(x - 30, 0, x + 30, 330, (140, 124, 112))
        c.rect(x - 30, 0, x - 18, 330, alpha(WHITE, 30))
    c.rect(0, 330, 800, 450, (96, 70, 56))
    # three rows of singers in navy jumpers
    for row, (foot, h, x0, step) in enumerate(
        ((300, 92, 190, 46), (344, 104, 170, 52), (396, 118, 150, 60))
    ):
        x = x0 + (row % 2) * 10
        while x < 800 - x0 + 20:
            c.rect(x - h * 0.17, foot - h * 0.8, x + h * 0.17, foot, NAVY, r=h * 0.08)
            c.rect(x - h * 0.06, foot - h * 0.8, x + h * 0.06, foot - h * 0.72, CREAM)
            c.ellipse(x, foot - h * 0.9, h * 0.12, h * 0.13, rng.choice(SKIN))
            c.ellipse(
                x,
                foot - h * 0.975,
                h * 0.12,
                h * 0.06,
                rng.choice(((220, 220, 220), INK, (110, 80, 60), (180, 170, 160))),
            )
            c.ellipse(x, foot - h * 0.85, h * 0.03, h * 0.025, (120, 60, 60))
            x += step
    # two microphones on stands
    for mx in (300, 500):
        c.line([(mx, 450), (mx, 330)], INK, 3)
        c.line([(mx - 20, 450), (mx, 430), (mx + 20, 450)], INK, 3)
        c.rect(mx - 6, 314, mx + 6, 334, (60, 60, 70), r=5)
    return c.finish()


def regatta() -> Image.Image:
    rng = random.Random(113)
    c = Canvas(LEAD_SIZE)
    c.vgrad(0, 0, 800, 140, [(120, 176, 214), (204, 224, 232)])
    cloud(c, 140, 40, 200, alpha(WHITE, 200))
    # the harbour wall lined with spectators
    c.rect(0, 100, 800, 170, (150, 144, 136))
    for x in range(0, 800, 50):
        c.line([(x, 100), (x, 170)], alpha(INK, 40), 1)
    c.line([(0, 135), (800, 135)], alpha(INK, 40), 1)
    crowd(c, 8, 800, 104, 44, rng, 17)
    for x in range(60, 800, 170):
        c.rect(x, 40, x + 2, 104, INK)
        c.poly([(x + 2, 40), (x + 30, 48), (x + 2, 56)], rng.choice((CORAL, MUSTARD, TEAL)))
    c.vgrad(0, 170, 800, 450, [(100, 160, 170), TEAL, DEEP])
    waves(c, 172, 450, alpha(FOAM, 140), rng, 100)
    # the finish line: two buoys
    for x, y in ((640, 230), (700, 430)):
        c.ellipse(x, y, 12, 12, CORAL)
        c.rect(x - 1, y - 40, x + 1, y, INK)
        c.poly([(x + 1, y - 40), (x + 24, y - 34), (x + 1, y - 28)], MUSTARD)
    # the gig: long and narrow, four rowers and a cox
    gx, gy = 90, 330
    c.poly(
        [(gx - 20, gy + 10), (gx + 560, gy + 4), (gx + 540, gy + 16), (gx, gy + 20)],
        alpha(NAVY, 90),
    )
    c.poly(
        [
            (gx, gy - 12),
            (gx + 520, gy - 20),
            (gx + 580, gy - 24),
            (gx + 540, gy + 4),
            (gx + 10, gy + 8),
        ],
        INK,
    )
    c.poly(
        [
            (gx + 6, gy - 8),
            (gx + 530, gy - 16),
            (gx + 572, gy - 22),
            (gx + 560, gy - 14),
            (gx + 6, gy - 2),
        ],
        CORAL,
    )
    for i in range(4):
        x = gx + 110 + i * 100
        c.line([(x + 10, gy - 40), (x + 90 - (i % 2) * 10, gy + 70)], (200, 180, 140), 3)
        c.poly(
            [
                (x + 80 - (i % 2) * 10, gy + 60),
                (x + 100 - (i % 2) * 10, gy + 58),
                (x + 108 - (i % 2) * 10, gy + 84),
                (x + 88 - (i % 2) * 10, gy + 86),
            ],
            CREAM,
        )
        c.ellipse(x + 96, gy + 80, 22, 5, alpha(WHITE, 160))
        c.rect(x - 8, gy - 60, x + 14, gy - 18, (250, 250, 250), r=8)
        c.rect(x - 8, gy - 60, x + 14, gy - 52, NAVY, r=4)
        c.line([(x + 10, gy - 50), (x + 26, gy - 38)], SKIN[i % 4], 6)
        c.ellipse(x + 2, gy - 70, 10, 11, SKIN[(i + 1) % 4])
        c.ellipse(x + 2, gy - 76, 10, 6, rng.choice((INK, (140, 90, 50), (200, 160, 90))))
    c.rect(gx + 36, gy - 46, gx + 56, gy - 14, MUSTARD, r=7)
    c.ellipse(gx + 46, gy - 54, 9, 10, SKIN[0])
    c.ellipse(gx + 46, gy - 60, 10, 5, NAVY)
    for x in range(40, 120, 14):
        c.ellipse(x, gy + rng.uniform(-6, 10), rng.uniform(6, 14), 3, alpha(WHITE, 150))
    return c.finish()


def floodlights() -> Image.Image:
    rng = random.Random(114)
    c = Canvas(LEAD_SIZE)
    c.vgrad(0, 0, 800, 260, [NIGHT, (32, 40, 80), (60, 64, 110)])
    stars(c, rng, 50, 160)
    # the stand with its crowd
    c.rect(0, 196, 800, 256, (40, 44, 60))
    c.poly([(0, 180), (800, 180), (800, 196), (0, 196)], (60, 66, 90))
    for row in range(3):
        x = rng.uniform(0, 10)
        while x < 800:
            c.ellipse(x, 208 + row * 16, 5, 6, mix(rng.choice(SKIN), INK, 0.3))
            c.rect(x - 6, 214 + row * 16, x + 6, 224 + row * 16, mix(rng.choice(COATS), INK, 0.3))
            x += rng.uniform(9, 14)
    # the pitch in perspective, on dark ground
    c.rect(0, 256, 800, 450, (34, 60, 44))
    c.poly([(90, 256), (710, 256), (830, 450), (-30, 450)], (60, 138, 74))
    for i in range(6):
        t0, t1 = i / 6, (i + 0.5) / 6
        y0, y1 = 256 + 194 * t0, 256 + 194 * t1
        c.poly(
            [(90 - 120 * t0, y0), (710 + 120 * t0, y0), (710 + 120 * t1, y1), (90 - 120 * t1, y1)],
            (72, 154, 84),
        )
    white = alpha(WHITE, 220)
    c.line([(96, 258), (704, 258), (824, 448), (-24, 448), (96, 258)], white, 2)
    c.line([(400, 258), (400, 450)], white, 2)
    c.arc(400, 330, 70, 22, 0, 360, white, 2)
    c.line([(350, 258), (340, 280), (460, 280), (450, 258)], white, 2)
    # players
    for x, y, kit in (
        (300, 340, CORAL),
        (360, 300, CORAL),
        (480, 320, MUSTARD),
        (520, 380, CORAL),
        (420, 360, MUSTARD),
        (240, 300, MUSTARD),
        (600, 300, CORAL),
    ):
        s = 0.6 + (y - 256) / 200
        person(c, x, y, 38 * s, kit, SKIN[int(x) % 4])
    c.ellipse(400, 372, 4, 4, WHITE)
    # four towers and their beams
    beams: list[tuple[float, float, float, RGB]] = []
    for tx, base in ((40, 300), (250, 196), (550, 196), (760, 300)):
        c.line([(tx, base), (tx, 40)], (90, 96, 110), 5)
        c.line([(tx - 10, base), (tx, 120)], (90, 96, 110), 2)
        c.line([(tx + 10, base), (tx, 120)], (90, 96, 110), 2)
        c.rect(tx - 30, 22, tx + 30, 48, (70, 74, 86))
        for lx in range(4):
            for ly in range(2):
                c.rect(
                    tx - 26 + lx * 14,
                    25 + ly * 11,
                    tx - 16 + lx * 14,
                    33 + ly * 11,
                    (255, 250, 230),
                )
        c.poly(
            [
                (tx - 30, 48),
                (tx + 30, 48),
                (400 + (tx - 400) * 0.2 + 120, 450),
                (400 + (tx - 400) * 0.2 - 120, 450),
            ],
            alpha((255, 250, 220), 22),
        )
        beams.append((tx, 35, 40, (230, 230, 200)))
    c.glow(beams, 14)
    c.glow([(400, 350, 300, (40, 50, 30))], 60)
    return c.finish()


# -- pictures in the text ----------------------------------------------------------------


def ferry_ramp(size: tuple[int, int]) -> Image.Image:
    rng = random.Random(201)
    c = Canvas(size)
    c.vgrad(0, 0, 800, 200, [(140, 190, 218), HAZE])
    ridge(c, 190, 20, (130, 158, 146), rng)
    c.vgrad(0, 186, 800, 450, [SEA, TEAL, DEEP])
    waves(c, 190, 450, alpha(FOAM, 140), rng, 80)
    # the pontoon
    c.poly([(420, 330), (800, 320), (800, 380), (420, 386)], (160, 130, 94))
    c.poly([(420, 386), (800, 380), (800, 396), (420, 400)], (100, 80, 60))
    for x in range(440, 800, 40):
        c.line([(x, 328), (x - 4, 386)], alpha(INK, 40), 1.5)
    # the bow and the ramp resting on the pontoon
    c.poly([(-20, 250), (300, 250), (380, 236), (360, 360), (-20, 360)], DEEP)
    c.poly([(-20, 250), (300, 250), (380, 236), (378, 252), (300, 266), (-20, 266)], WHITE)
    c.rect(-20, 140, 220, 250, WHITE, r=6)
    c.rect(-20, 140, 220, 150, CORAL)
    for i in range(4):
        c.rect(10 + i * 52, 166, 46 + i * 52, 204, (72, 120, 150), r=3)
    c.poly([(350, 250), (520, 318), (520, 332), (350, 266)], (150, 156, 166))
    for i in range(1, 8):
        t = i / 8
        c.line([(350 + 170 * t, 250 + 68 * t), (350 + 170 * t, 266 + 66 * t)], (110, 116, 126), 2)
    c.line([(350, 232), (520, 300)], (110, 116, 126), 3)
    # a rider wheeling a bike aboard
    bx, by = 452, 296
    for wx in (bx - 22, bx + 22):
        c.arc(wx, by, 15, 15, 0, 360, INK, 3)
    c.line([(bx - 22, by), (bx, by - 14), (bx + 22, by), (bx - 2, by)], MUSTARD, 3)
    c.line([(bx, by - 14), (bx - 4, by - 24)], INK, 2.5)
    c.line([(bx + 14, by - 18), (bx + 22, by)], MUSTARD, 3)
    person(c, bx + 40, by + 14, 70, CORAL, SKIN[2], NAVY)
    person(c, 700, 330, 80, TEAL, SKIN[0])
    return c.finish()


def seal_slip(size: tuple[int, int]) -> Image.Image:
    rng = random.Random(202)
    c = Canvas(size)
    c.vgrad(0, 0, 800, 220, [(160, 176, 196), (220, 214, 204)])
    cloud(c, 560, 60, 240, alpha(WHITE, 150))
    # the lifeboat station at the head of the slip
    c.rect(40, 90, 300, 250, CREAM)
    c.poly([(30, 92), (170, 40), (310, 92)], (110, 120, 130))
    c.rect(110, 140, 230, 250, (60, 90, 130))
    c.rect(110, 130, 230, 140, CORAL)
    for x in (60, 250):
        c.rect(x, 130, x + 30, 170, (90, 120, 150))
    c.vgrad(0, 220, 800, 450, [(150, 170, 172), (96, 134, 140), (64, 96, 110)])
    waves(c, 224, 450, alpha(WHITE, 110), rng, 80, 300, 800)
    # the slip running down into the water
    c.poly([(110, 250), (230, 250), (620, 450), (330, 450)], (176, 170, 160))
    for i in range(1, 12):
        t = i / 12
        c.line(
            [(110 + 220 * t, 250 + 200 * t), (230 + 390 * t, 250 + 200 * t)], alpha(INK, 40), 1.5
        )
    c.poly([(0, 250), (110, 250), (330, 450), (0, 450)], (120, 116, 110))
    # the pup, small and white at the foot of the slip
    c.ellipse(430, 404, 42, 10, alpha(INK, 60))
    c.ellipse(440, 392, 40, 16, (240, 238, 232))
    c.ellipse(408, 386, 18, 16, (246, 244, 240))
    c.ellipse(402, 384, 3, 3, INK)
    c.ellipse(412, 384, 3, 3, INK)
    # the walker and his dog on the harbour wall above
    c.rect(560, 180, 800, 236, (150, 144, 136))
    person(c, 640, 184, 66, MOSS, SKIN[0], NAVY)
    c.ellipse(692, 170, 13, 7, (120, 80, 50))
    c.ellipse(704, 164, 6, 6, (120, 80, 50))
    for x in (684, 700):
        c.line([(x, 174), (x, 184)], (120, 80, 50), 3)
    return c.finish()


def rents_chart() -> Image.Image:
    c = Canvas((800, 420), (800, 420))
    c.rect(0, 0, 800, 420, CREAM)
    c.text(32, 30, "Market hall: the rent rise and the hall's accounts", 22, INK)
    # left: a stall's weekly rent
    c.text(32, 70, "Standard stall rent, a week", 15, (90, 90, 100))
    base = 360
    for i, (label, value, colour) in enumerate(
        (("2016 to now", 55, TEAL), ("Proposed from April", 77, CORAL))
    ):
        x = 70 + i * 150
        top = base - value * 3.3
        c.rect(x, top, x + 100, base, colour, r=4)
        c.rect(x, base - 6, x + 100, base, colour)
        c.text(x + 50, top - 16, f"\u00a3{value}", 20, INK, "mm")
        c.text(x + 50, base + 20, label, 13, (70, 70, 80), "mm")
    c.line([(50, base), (350, base)], INK, 1.5)
    c.text(195, 150, "+40%", 15, CORAL, "mm")
    # right: the hall's year
    c.line([(400, 70), (400, 390)], alpha(INK, 40), 1)
    c.text(440, 70, "The hall's year", 15, (90, 90, 100))
    for i, (label, value, colour) in enumerate(
        (("Running costs", 61_000, (120, 120, 140)), ("Rents paid", 72_000, TEAL))
    ):
        y = 130 + i * 90
        width = value / 72_000 * 300
        c.text(440, y - 16, label, 14, (70, 70, 80))
        c.rect(440, y, 440 + width, y + 40, colour, r=4)
        c.text(440 + width - 10, y + 20, f"\u00a3{value:,}", 17, WHITE, "rm")
    c.text(440, 330, "Left for repairs: about \u00a311,000", 15, INK)
    c.text(440, 354, "Figures: Wrenmouth town council", 12, (110, 110, 120))
    return c.finish()


def route_map() -> Image.Image:
    c = Canvas((800, 520), (800, 520))
    c.rect(0, 0, 800, 520, (236, 232, 218))
    # the sea and the harbour
    c.poly(
        [(0, 400), (260, 380), (420, 410), (560, 380), (800, 360), (800, 520), (0, 520)],
        (160, 204, 214),
    )
    c.poly(
        [(560, 380), (800, 360), (800, 300), (700, 300), (690, 360), (600, 372)], (160, 204, 214)
    )
    c.line([(560, 380), (540, 440), (600, 470)], (150, 144, 136), 8)
    c.text(640, 470, "Harbour", 16, DEEP, "mm")
    # blocks of houses between the streets
    blocks = [
        (60, 60, 180, 150),
        (220, 40, 360, 120),
        (420, 60, 560, 150),
        (600, 80, 760, 160),
        (60, 220, 200, 300),
        (260, 200, 380, 290),
        (440, 200, 560, 270),
        (600, 210, 760, 260),
        (60, 330, 220, 370),
        (280, 320, 400, 360),
    ]
    for x0, y0, x1, y1 in blocks:
        c.rect(x0, y0, x1, y1, (220, 212, 196), r=6)
    c.rect(620, 170, 700, 196, (206, 198, 180), r=3)
    # streets
    street = (252, 248, 240)
    c.line([(120, 190), (780, 190)], street, 18)  # Marlow Street
    c.line([(210, 20), (210, 190)], street, 16)  # Chapel Hill
    c.line([(410, 190), (410, 380)], street, 14)  # Fore Street
    c.line([(180, 385), (560, 380), (690, 356)], street, 16)  # harbour front
    c.line([(700, 190), (700, 356)], street, 14)
    # the old route, closed
    c.line([(410, 196), (410, 376)], (150, 150, 150), 4)
    for y in range(200, 376, 22):
        c.line([(402, y), (418, y + 10)], (236, 232, 218), 3)
    c.text(424, 300, "Fore Street: closed for drain works", 13, (110, 110, 110))
    # the new route
    route = [(210, 60), (210, 190), (700, 190), (700, 356), (600, 372)]
    c.line(route, alpha(CORAL, 240), 9)
    for (x0, y0), (x1, y1) in itertools.pairwise(route):
        mx, my = (x0 + x1) / 2, (y0 + y1) / 2
        a = math.atan2(y1 - y0, x1 - x0)
        tip = (mx + 12 * math.cos(a), my + 12 * math.sin(a))
        left = (mx + 12 * math.cos(a + 2.5), my + 12 * math.sin(a + 2.5))
        right = (mx + 12 * math.cos(a - 2.5), my + 12 * math.sin(a - 2.5))
        c.poly([tip, left, right], WHITE)
    # places
    for x, y, label, anchor in (
        (210, 60, "Start: the library, Chapel Hill", "lm"),
        (660, 183, "Market hall", "mm"),
        (600, 372, "Finish: the quay", "lm"),
    ):
        c.ellipse(x, y, 11, 11, NAVY)
        c.ellipse(x, y, 5, 5, WHITE)
        if anchor == "lm":
            c.rect(x + 18, y - 14, x + 22 + len(label) * 8.2, y + 14, alpha(WHITE, 220), r=4)
            c.text(x + 22, y, label, 15, NAVY, "lm")
    c.rect(600, 150, 720, 176, alpha(WHITE, 220), r=4)
    c.text(660, 163, "Market hall", 14, NAVY, "mm")
    c.text(480, 210, "MARLOW STREET", 13, (120, 112, 100), "mm")
    c.text(230, 120, "CHAPEL HILL", 12, (120, 112, 100), "lm")
    # legend
    c.rect(24, 440, 330, 504, alpha(WHITE, 230), r=6)
    c.line([(40, 458), (80, 458)], CORAL, 8)
    c.text(92, 458, "New parade route", 13, INK, "lm")
    c.line([(40, 486), (80, 486)], (150, 150, 150), 4)
    c.text(92, 486, "Usual route down Fore Street", 13, INK, "lm")
    c.text(770, 44, "N", 16, INK, "mm")
    c.poly([(770, 14), (762, 32), (778, 32)], INK)
    return c.finish()


def barrier_diagram() -> Image.Image:
    rng = random.Random(205)
    c = Canvas((800, 420), (800, 420))
    c.vgrad(0, 0, 800, 420, [(176, 214, 222), (120, 176, 192), (70, 130, 156)])
    # tide and surge pushing in from the sea, stopped at the gates
    for x in range(60, 800, 110):
        c.line([(x, 404), (x, 366)], alpha(WHITE, 200), 3)
        c.poly([(x - 8, 368), (x + 8, 368), (x, 354)], alpha(WHITE, 200))
    c.text(330, 306, "SPRING TIDE AND SURGE", 14, WHITE, "mm")
    # the land on either side of the river mouth
    left = [(0, 0), (250, 0), (236, 90), (196, 170), (176, 214), (150, 236), (0, 250)]
    right = [(800, 0), (550, 0), (566, 90), (604, 170), (624, 214), (650, 236), (800, 250)]
    for land in (left, right):
        c.poly(land, (214, 206, 176))
        shift = -10 if land is left else 10
        c.poly([(x + shift, y - 8) for x, y in land], (196, 208, 164))
    for gx in range(14, 800, 24):
        for gy in range(14, 190, 22):
            town = gx < 200 - gy * 0.3 and gx < 150
            across = gx > 600 + gy * 0.3 and gx > 650
            if (town or across) and rng.random() < 0.6:
                hx, hy = gx + rng.uniform(-3, 3), gy + rng.uniform(-3, 3)
                c.rect(hx, hy, hx + 13, hy + 9, (170, 96, 80), r=1)
    c.rect(8, 178, 160, 220, alpha(WHITE, 225), r=5)
    c.text(16, 190, "Low town", 14, NAVY, "lm")
    c.text(16, 209, "Fore Street, Saltings", 11, INK, "lm")
    c.text(790, 196, "Stonehithe", 14, NAVY, "rm")
    # the ferry crossing, inside the barrier line
    for i in range(20):
        x0 = 236 + i * 17
        c.line([(x0, 70), (x0 + 9, 70)], NAVY, 2.4)
    c.text(400, 56, "Ferry route", 12, NAVY, "mm")
    c.text(400, 140, "HARBOUR", 14, alpha(NAVY, 170), "mm")
    # seven piers and six closed gates, bowed towards the sea
    piers = [176 + i * (448 / 6) for i in range(7)]
    for a, b in itertools.pairwise(piers):
        mid = (a + b) / 2
        c.line([(a, 214), (mid, 226), (b, 214)], CORAL, 7)
    for px in piers:
        c.rect(px - 7, 204, px + 7, 226, (90, 96, 110), r=2)
    c.rect(474, 236, 790, 270, alpha(WHITE, 225), r=5)
    c.text(484, 253, "Six gates, closed in 11 minutes", 13, INK, "lm")
    c.line([(474, 253), (440, 226)], INK, 1.4)
    return c.finish()


# -- writing them ----------------------------------------------------------------------


def _jpeg(image: Image.Image, quality: int = 80) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True, comment=CREDIT.encode("ascii"))
    return out.getvalue()


def _png(image: Image.Image, colours: int = 96) -> bytes:
    out = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    info.add_text("Credit", CREDIT)
    image.quantize(colours, dither=Image.Dither.NONE).save(out, "PNG", optimize=True, pnginfo=info)
    return out.getvalue()


LEADS: dict[str, Callable[[], Image.Image]] = {
    "ferry-crossing.jpg": ferry_crossing,
    "ferry-fares.jpg": ferry_fares,
    "harbour-wall.jpg": harbour_wall,
    "flood-barrier.jpg": flood_barrier,
    "library-night.jpg": library_night,
    "school-bus.jpg": school_bus,
    "seal-pup.jpg": seal_pup,
    "bakery-bank.jpg": bakery_bank,
    "oyster-boats.jpg": oyster_boats,
    "market-hall.jpg": market_hall,
    "lantern-parade.jpg": lantern_parade,
    "choir.jpg": choir,
    "regatta.jpg": regatta,
    "floodlights.jpg": floodlights,
}


def render_pictures() -> dict[str, bytes]:
    """Every picture: file name → bytes."""
    files = {name: _jpeg(draw()) for name, draw in LEADS.items()}
    files["ferry-ramp-480.jpg"] = _jpeg(ferry_ramp((480, 270)))
    files["ferry-ramp-960.jpg"] = _jpeg(ferry_ramp((960, 540)))
    slip = seal_slip((800, 450))
    files["seal-slip.jpg"] = _jpeg(slip)
    tiny = slip.resize((24, 14), Image.Resampling.BOX)
    files["seal-slip-tiny.jpg"] = _jpeg(tiny, 40)
    files["market-hall-rents.png"] = _png(rents_chart())
    files["lantern-route.png"] = _png(route_map())
    files["flood-barrier-plan.png"] = _png(barrier_diagram())
    return files


def write_pictures(out_dir: Path = IMG_DIR) -> list[tuple[str, int]]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in render_pictures().items():
        (out_dir / name).write_bytes(data)
        written.append((name, len(data)))
    return written


def main() -> None:
    written = write_pictures()
    for name, size in written:
        print(f"{size:>8,}  {name}")
    print(f"{sum(s for _, s in written):>8,}  in all, written to {IMG_DIR}", file=sys.stdout)


if __name__ == "__main__":
    main()

"""How this terminal draws pictures: decided once, before the app starts.

textual-image asks the terminal what it can draw when its modules are imported, and
Textual's input thread takes every answer once the app runs, so the asking happens
here, from ``run_app``, before the app starts. We ask less than the library would on
its own: a question the terminal does not answer costs up to 0.1 s of every start and
can swallow the first keystroke. So ``auto`` asks only a terminal whose environment
names one that may draw Kitty graphics or Sixel, and asks it to confirm; every other
terminal (tmux and screen included, and anything that is not a terminal, such as the
tests' headless app) gets coloured half blocks without a question. The library's own
import-time questions are kept quiet by showing it a standard output that is not a
terminal while it loads; for half blocks, which need no answer, it loads with the first
picture instead of at start.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.config import IMAGE_MODES

if TYPE_CHECKING:
    from textual.widget import Widget

DRAWN = ("kitty", "sixel", "halfblock")
HALF_BLOCK_CELL = (10, 20)
"""The cell size assumed for half blocks: only its 1:2 shape matters there."""

_KITTY_TERMS = ("xterm-kitty", "xterm-ghostty")
_KITTY_PROGRAMS = ("ghostty",)
"""WezTerm and Konsole answer the Kitty query but do not draw textual-image's Kitty
placeholders; they draw Sixel."""
_SIXEL_TERMS = ("foot", "foot-extra", "mlterm", "yaft-256color", "contour", "xterm-sixel")
_SIXEL_PROGRAMS = ("wezterm", "iterm.app", "mintty", "contour", "konsole", "mlterm", "rio")


def candidate(setting: str, env: Mapping[str, str], *, tty: bool) -> str:
    """What to draw with (``off``, ``halfblock``, ``kitty`` or ``sixel``) before asking
    the terminal anything: an explicit setting as it is, ``auto`` by the environment."""
    if setting not in IMAGE_MODES:
        raise ValueError(f"unknown images setting {setting!r}")
    if setting != "auto":
        return setting
    term = env.get("TERM", "").lower()
    program = env.get("TERM_PROGRAM", "").lower()
    if not tty or env.get("TMUX") or env.get("STY") or term.startswith(("screen", "tmux")):
        return "halfblock"
    if term in _KITTY_TERMS or env.get("KITTY_WINDOW_ID") or program in _KITTY_PROGRAMS:
        return "kitty"
    if term in _SIXEL_TERMS or program in _SIXEL_PROGRAMS or env.get("KONSOLE_VERSION"):
        return "sixel"
    return "halfblock"


@dataclass
class Graphics:
    """The way pictures are drawn in this run, and whether they show now."""

    mode: str
    """``kitty``, ``sixel`` or ``halfblock``."""
    shown: bool
    """False with ``images = "off"``: `i` shows them (drawn as half blocks then)."""
    cell: tuple[int, int] = HALF_BLOCK_CELL
    """Pixels of one terminal cell (width, height)."""
    _widget: Callable[[Any], Widget] | None = None

    @property
    def widget(self) -> Callable[[Any], Widget]:
        """The textual-image widget class of ``mode``, imported on first use."""
        if self._widget is None:
            self._widget = _widget_class(self.mode)
        return self._widget

    def pixels_across(self, cells: int) -> int:
        """How many pixels wide a picture drawn ``cells`` columns wide needs to be."""
        if self.mode == "halfblock":
            return max(1, cells)
        return max(1, cells * self.cell[0])

    def rows_for(self, width_px: int, height_px: int, cells: int) -> int:
        """Rows a ``width_px`` x ``height_px`` picture takes drawn ``cells`` columns wide."""
        if width_px <= 0 or height_px <= 0:
            return 1
        cell_w, cell_h = self.cell
        return max(1, round(cells * cell_w * height_px / (width_px * cell_h)))


def prepare(
    setting: str,
    *,
    env: Mapping[str, str] | None = None,
    stdout: Any = None,
) -> Graphics:
    """Decide how pictures are drawn, asking the terminal where ``auto`` needs it; load
    the widget library now (never once the app runs)."""
    env = os.environ if env is None else env
    out = sys.__stdout__ if stdout is None else stdout
    tty = bool(out is not None and _isatty(out))
    mode = candidate(setting, env, tty=tty)
    if mode == "off":
        return Graphics("halfblock", shown=False)
    cell = HALF_BLOCK_CELL
    if mode in ("kitty", "sixel"):
        if tty:
            cell = _cell_size()
        if setting == "auto" and not _confirmed(mode):
            mode, cell = "halfblock", HALF_BLOCK_CELL
    graphics = Graphics(mode, shown=True, cell=cell)
    if mode != "halfblock":
        # Kitty and Sixel widgets keep what the terminal said: loaded now. Half blocks
        # ask nothing, so they load with the first picture, off the start-up path.
        _ = graphics.widget
    return graphics


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class _NotATerminal:
    """Stands for standard output while textual-image loads: it asks nothing then."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def isatty(self) -> bool:
        return False

    def __bool__(self) -> bool:
        return True

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


@contextmanager
def _quiet_terminal() -> Iterator[None]:
    real = sys.__stdout__
    sys.__stdout__ = _NotATerminal(real)  # type: ignore[misc,assignment]
    try:
        yield
    finally:
        sys.__stdout__ = real  # type: ignore[misc]


def _cell_size() -> tuple[int, int]:
    """The terminal's cell size in pixels (asked before the library loads, which keeps
    the answer for its own sizing)."""
    try:
        from textual_image._terminal import get_cell_size

        size = get_cell_size()
        return (int(size.width), int(size.height))
    except Exception:
        return HALF_BLOCK_CELL


def _confirmed(mode: str) -> bool:
    """Ask the terminal whether it draws ``mode`` (it answers within a moment)."""
    try:
        with _quiet_terminal():
            from textual_image.renderable import sixel, tgp
        if mode == "sixel":
            return bool(sixel.query_terminal_support())
        return bool(tgp.query_terminal_support())
    except Exception:
        return False


def _widget_class(mode: str) -> Callable[[Any], Widget]:
    with _quiet_terminal():
        from textual_image.widget import HalfcellImage, SixelImage, TGPImage
    classes: dict[str, Callable[[Any], Widget]] = {
        "kitty": TGPImage,
        "sixel": SixelImage,
        "halfblock": HalfcellImage,
    }
    return classes[mode]

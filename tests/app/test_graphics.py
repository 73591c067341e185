"""How pictures are drawn: the choice made before the app starts."""

from __future__ import annotations

import io
import sys

import pytest

from reader.app.graphics import Graphics, candidate, prepare


@pytest.mark.parametrize(
    ("setting", "env", "tty", "expected"),
    [
        ("auto", {"TERM": "xterm-256color"}, True, "halfblock"),
        ("auto", {"TERM": "xterm-kitty"}, True, "kitty"),
        ("auto", {"TERM": "xterm-256color", "KITTY_WINDOW_ID": "1"}, True, "kitty"),
        ("auto", {"TERM": "foot"}, True, "sixel"),
        ("auto", {"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}, True, "sixel"),
        ("auto", {"TERM": "xterm-256color", "KONSOLE_VERSION": "240202"}, True, "sixel"),
        # tmux and screen: half blocks, whatever runs outside them
        ("auto", {"TERM": "tmux-256color", "TMUX": "/tmp/x,1,0"}, True, "halfblock"),
        ("auto", {"TERM": "xterm-kitty", "TMUX": "/tmp/x,1,0"}, True, "halfblock"),
        ("auto", {"TERM": "screen-256color"}, True, "halfblock"),
        # not a terminal (a pipe, the tests' headless app): never a question
        ("auto", {"TERM": "xterm-kitty"}, False, "halfblock"),
        # an explicit setting is taken as it is
        ("sixel", {"TERM": "xterm-256color"}, True, "sixel"),
        ("kitty", {}, False, "kitty"),
        ("halfblock", {"TERM": "xterm-kitty"}, True, "halfblock"),
        ("off", {"TERM": "xterm-kitty"}, True, "off"),
    ],
)
def test_candidate(setting: str, env: dict[str, str], tty: bool, expected: str) -> None:
    assert candidate(setting, env, tty=tty) == expected


def test_unknown_setting_is_refused() -> None:
    with pytest.raises(ValueError):
        candidate("ascii", {}, tty=True)


class _Terminal(io.StringIO):
    """A standard output that claims to be a terminal and records what is written."""

    def isatty(self) -> bool:
        return True


def test_prepare_asks_a_plain_terminal_nothing() -> None:
    out = _Terminal()
    graphics = prepare("auto", env={"TERM": "xterm-256color"}, stdout=out)
    assert (graphics.mode, graphics.shown) == ("halfblock", True)
    assert out.getvalue() == ""  # no question written to the terminal
    assert graphics._widget is None  # loaded with the first picture, not at start
    assert graphics.widget.__name__ == "HalfcellImage"
    assert out.getvalue() == ""


def test_prepare_off_shows_nothing_and_imports_nothing_yet() -> None:
    graphics = prepare("off", env={"TERM": "xterm-kitty"}, stdout=_Terminal())
    assert graphics.shown is False
    assert graphics._widget is None
    assert sys.__stdout__ is not None and not isinstance(sys.__stdout__, _Terminal)


def test_sizes() -> None:
    half = Graphics("halfblock", shown=True)
    assert half.pixels_across(80) == 80
    # 800 x 450 at 80 columns with 1:2 cells: 80 * 10 * 450 / (800 * 20) = 22.5 rows
    assert half.rows_for(800, 450, 80) == 22
    sixel = Graphics("sixel", shown=True, cell=(8, 16))
    assert sixel.pixels_across(80) == 640
    assert sixel.rows_for(640, 320, 80) == 20
    assert sixel.rows_for(0, 10, 80) == 1

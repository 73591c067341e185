"""The app in a real terminal: tmux on its own server socket (``-L``), read with
``capture-pane``. Helpers only."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable


def tmux(sock: str, *args: str) -> str:
    out = subprocess.run(["tmux", "-L", sock, *args], capture_output=True, text=True, timeout=60)
    return out.stdout


def until(read: Callable[[], str], done: Callable[[str], bool], seconds: float = 60) -> str:
    """``read()`` once ``done`` holds for it (or what it gives after ``seconds``)."""
    end = time.monotonic() + seconds
    now = read()
    while not done(now) and time.monotonic() < end:
        time.sleep(0.1)
        now = read()
    return now


def wait_for_screen(sock: str, needle: str, *, gone: bool = False, seconds: float = 60) -> str:
    """The screen once ``needle`` shows on it (or, with ``gone``, once it has left)."""
    end = time.monotonic() + seconds
    screen = ""
    while time.monotonic() < end:
        screen = tmux(sock, "capture-pane", "-p", "-t", "t")
        if (needle in screen) != gone:
            return screen
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} never {'left' if gone else 'showed'}:\n{screen}")

"""`reader --demo` in a real terminal (tmux): a story opened from the news shows its
pictures as coloured half blocks, with its text beside them."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.support.tmux import tmux, until, wait_for_screen

HALF_BLOCK = "▀"


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_demo_story_shows_half_block_pictures(tmp_path: Path) -> None:
    sock = f"reader-demo-pictures-{os.getpid()}"
    home = tmp_path / "home"
    home.mkdir()
    tmux(sock, "-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "120", "-y", "40",
         "bash --norc --noprofile")
    try:
        command = (
            f"env HOME={home} XDG_CONFIG_HOME={home} XDG_CACHE_HOME={home} "
            f"{sys.executable} -m reader --demo --demo-port 0 "
            f"--cache-dir {tmp_path / 'cache'} --config {tmp_path / 'none.toml'}"
        )
        tmux(sock, "send-keys", "-t", "t", command, "Enter")
        wait_for_screen(sock, "stories from every subscription")
        assert HALF_BLOCK not in tmux(sock, "capture-pane", "-p", "-t", "t")
        tmux(sock, "send-keys", "-t", "t", "Enter")  # the newest story
        screen = until(
            lambda: tmux(sock, "capture-pane", "-p", "-t", "t"),
            lambda now: now.count(HALF_BLOCK) > 200,
        )
        assert screen.count(HALF_BLOCK) > 200, screen
        rows = [line for line in screen.splitlines() if HALF_BLOCK * 20 in line]
        assert len(rows) >= 5  # a picture, not a stray character
        # drawn in colour: the escape-coloured capture holds 24-bit colours on those rows
        coloured = tmux(sock, "capture-pane", "-p", "-e", "-t", "t")
        assert "38;2;" in coloured or "38;5;" in coloured
        # `i` takes the pictures away and leaves the alt text
        tmux(sock, "send-keys", "-t", "t", "i")
        gone = until(
            lambda: tmux(sock, "capture-pane", "-p", "-t", "t"),
            lambda now: HALF_BLOCK * 20 not in now,
        )
        assert HALF_BLOCK * 20 not in gone and "🖼" in gone
        tmux(sock, "send-keys", "-t", "t", "q")
    finally:
        tmux(sock, "kill-server")

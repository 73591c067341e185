"""``reader feed refresh`` shows progress on stderr only when stderr is a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

from tests.support.feeds import Entry, feed_file, rss, story
from tests.support.httpserver import LoopbackServer
from tests.support.text import is_terminal_safe


def test_progress_goes_to_a_terminal_and_the_summary_to_stdout(server: LoopbackServer) -> None:
    server.route("/s/1.html", story("Boatyard reopens after the storm"))
    server.route("/a.xml", feed_file(rss("Yard", [
        Entry("Boatyard reopens after the storm", server.url("/s/1.html")),
    ])))
    add = subprocess.run([sys.executable, "-m", "reader", "feed", "add", server.url("/a.xml")],
                         capture_output=True, timeout=60)
    assert add.returncode == 0, add.stderr
    controller, terminal = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "reader", "feed", "refresh"],
            stdout=subprocess.PIPE, stderr=terminal,
        )
        os.close(terminal)
        out, _ = proc.communicate(timeout=60)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(controller)
    assert proc.returncode == 0
    assert out.decode().startswith("refreshed 1 feed (1 unchanged)") and "1 stored" in out.decode()
    text = shown.decode()
    assert "reader: refreshing: 1/1 feeds" in text and "1/1 stories" in text
    # what is left on the terminal line is only our own line clearing, never page text
    assert is_terminal_safe(text.replace("\r\x1b[K", "").replace("\r", "").replace("\n", ""))

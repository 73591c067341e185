"""Starting the app from the command line; interrupts, broken pipes, help."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from reader.config import DEMO_PORT, Config
from tests.support.cli import run
from tests.support.fetch import reclaimed
from tests.support.httpserver import LoopbackServer, Reply, held
from tests.support.library import page, story_html


@pytest.mark.parametrize(
    "args",
    [
        ["no such thing"],
        ["--demo", "https://a.test/"],
        ["--demo-port", "9999"],
        ["--demo", "--demo-port", "70000"],
        ["--bogus"],
        ["ftp://a.test/x"],
    ],
)
def test_bad_app_arguments_exit_2_before_the_app_starts(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[Any] = []
    import reader.app

    monkeypatch.setattr(reader.app, "run_app", lambda *a, **k: started.append(a) or 0)
    code, out, err = run(capsys, *args)
    assert code == 2 and out == "" and "Traceback" not in err and started == []


def test_targets_reach_the_app_normalised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real app needs a terminal; here only the command line's side is checked: what
    # it hands to reader.app.run_app (the app's own tests drive it through Pilot).
    calls: list[dict[str, Any]] = []

    def fake_run_app(config: Config, **kwargs: Any) -> int:
        calls.append({"config": config, **kwargs})
        return 0

    import reader.app

    monkeypatch.setattr(reader.app, "run_app", fake_run_app)
    f = tmp_path / "s.html"
    f.write_text("<p>x</p>")
    assert run(capsys, "example.com/news/1")[0] == 0
    assert run(capsys, str(f), "--offline", "--cache-dir", str(tmp_path / "c"))[0] == 0
    assert run(capsys)[0] == 0
    assert [c["target"] for c in calls] == [
        "https://example.com/news/1",
        f.resolve().as_uri(),
        None,
    ]
    assert [c["offline"] for c in calls] == [False, True, False]
    assert calls[1]["config"].cache_dir == tmp_path / "c"
    assert all(c["demo"] is None for c in calls)


def test_demo_is_started_handed_over_and_stopped(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Any] = []
    import reader.app

    monkeypatch.setattr(reader.app, "run_app", lambda config, **k: seen.append(k["demo"]) or 0)
    code, out, _ = run(capsys, "--demo", "--demo-port", "0")
    assert code == 0 and out == ""
    (demo,) = seen
    assert demo.front_url.startswith("http://127.0.0.1:")
    assert demo.port != DEMO_PORT  # port 0: any free port, not the default
    import httpx

    with reclaimed(demo.port), pytest.raises(httpx.ConnectError):  # stopped with the app
        httpx.get(demo.front_url, timeout=2)


def test_help_names_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for word in ("extract", "cache", "--demo", "--offline", "--cache-dir"):
        assert word in out
    code, out, _ = run(capsys, "cache", "--help")
    assert code == 0 and "prune" in out


def test_interrupt_exits_130_quietly(server: LoopbackServer) -> None:
    # The page never comes while the test runs: only the interrupt can end the command
    # (a lost interrupt shows as a command still running after a minute).
    answer = threading.Event()
    server.route("/slow", held(answer, Reply(body=b"<p>late</p>")))
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "extract", server.url("/slow")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        give_up = time.monotonic() + 60
        while server.hits["/slow"] == 0:  # interrupt it while it waits for the page
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < give_up, "the command never asked for the page"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGINT)
        try:
            out, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            raise AssertionError("the interrupt was lost: still running a minute later") from None
    finally:
        answer.set()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130 and err == b"" and out == b""


def test_broken_pipe_is_quiet(server: LoopbackServer) -> None:
    paras = tuple(f"Line {i} of a long account of the harbour's history. " * 4 for i in range(1000))
    server.route("/long", page(story_html("A long history", paragraphs=paras)))
    reader_cmd = [sys.executable, "-m", "reader", "extract", server.url("/long")]
    proc = subprocess.Popen(reader_cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.communicate(timeout=30)[1]
    assert proc.returncode == 0 and b"Traceback" not in err and err == b""


def test_the_command_line_imports_nothing_heavy_before_it_needs_it() -> None:
    probe = (
        "import sys, reader.cli, reader.library\n"
        "heavy = ('textual', 'httpx', 'selectolax', 'sqlite3', 'reader.cache',\n"
        "         'reader.fetch', 'reader.extract.pipeline', 'asyncio')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "", done.stdout + done.stderr

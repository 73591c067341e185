"""Running the command line in a test: in-process (``run``) or as a real child process
(``command``), and reading its one failure line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reader.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def command(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """The real ``reader`` command in a child process (its env comes from the test's)."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], input=stdin, capture_output=True, timeout=60
    )


def one_failure_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("reader: ") and "Traceback" not in err
    return lines[0]

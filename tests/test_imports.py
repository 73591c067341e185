"""The non-UI layers never import Textual (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys

import pytest

MODULES = [
    "reader.extract", "reader.feeds", "reader.fetch", "reader.cache", "reader.library", "reader.cli"
]

PROBE = """
import importlib, sys
importlib.import_module(sys.argv[1])
bad = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(",".join(bad))
"""


@pytest.mark.parametrize("module", MODULES)
def test_non_ui_module_does_not_import_textual(module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, module], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"{module} imports {done.stdout.strip()}"


def test_the_probe_can_fail() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "reader.app"], capture_output=True, text=True, timeout=60
    )
    assert "textual" in done.stdout

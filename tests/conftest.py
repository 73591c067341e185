"""Shared fixtures. Every test runs with its cache and config in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.support.fetch import PROXY_VARS, serving
from tests.support.httpserver import LoopbackServer

# Hypothesis times each example (a 200 ms deadline) and the making of its data (the
# too_slow health check): both measure how busy the machine is, not the code.
settings.register_profile(
    "reader", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("reader")


@pytest.fixture(autouse=True)
def _isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never touch the real user cache or config: point every lookup at a temp folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    monkeypatch.setenv("READER_CACHE_DIR", str(home / "reader-cache"))
    monkeypatch.setenv("READER_CONFIG", str(home / "reader-config.toml"))
    monkeypatch.delenv("BROWSER", raising=False)


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    """A real HTTP server on 127.0.0.1 (routes are added by the test), stopped in
    milliseconds when the test ends."""
    with serving() as srv:
        yield srv


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy in the test environment must not route 127.0.0.2 traffic elsewhere (the
    fetcher itself keeps 127.0.0.1 away from proxies)."""
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    d = tmp_path / "cache"
    d.mkdir()
    return d

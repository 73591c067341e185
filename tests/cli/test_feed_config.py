"""The subscription settings of the config file: read, defaulted, and refused when wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import FEED_CONCURRENCY, FEED_STORIES, REFRESH_INTERVAL, load_config
from tests.support.cli import run


def test_defaults_and_values(tmp_path: Path) -> None:
    cfg = load_config(tmp_path / "none.toml", tmp_path / "c")
    assert (cfg.feed_stories, cfg.feed_concurrency, cfg.refresh_interval) == (
        FEED_STORIES, FEED_CONCURRENCY, REFRESH_INTERVAL)
    f = tmp_path / "config.toml"
    f.write_text("feed_stories = false\nfeed_concurrency = 3\nrefresh_interval = 15.5\n")
    cfg = load_config(f, tmp_path / "c")
    assert (cfg.feed_stories, cfg.feed_concurrency, cfg.refresh_interval) == (False, 3, 15.5)
    assert cfg.warnings == ()


@pytest.mark.parametrize(
    "line",
    ['feed_stories = "yes"', "feed_stories = 1", "feed_concurrency = 0",
     "feed_concurrency = 5000", "refresh_interval = -1", 'refresh_interval = "hourly"'],
)
def test_wrong_values_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    f = tmp_path / "config.toml"
    f.write_text(line + "\n")
    code, out, err = run(capsys, "--config", str(f), "feed", "list")
    assert code == 2 and out == "" and line.split()[0] in err

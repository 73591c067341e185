"""The TOML config file: where it is found, what it holds, and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import DEMO_PORT, load_config
from reader.errors import UsageError
from tests.support.cli import one_failure_line, run


def test_defaults_when_there_is_no_file(tmp_path: Path) -> None:
    cfg = load_config(tmp_path / "none.toml", tmp_path / "c")
    assert (cfg.prefetch, cfg.per_host, cfg.max_bytes, cfg.demo_port) == (
        8,
        4,
        10_000_000,
        DEMO_PORT,
    )
    assert cfg.cache_dir == tmp_path / "c" and cfg.warnings == ()


def test_every_setting_is_read(tmp_path: Path) -> None:
    f = tmp_path / "config.toml"
    f.write_text(
        "prefetch = 3\nper_host = 2\nconnect_timeout = 2.5\ndeadline = 9\n"
        "max_bytes = 5000000\nmax_file_bytes = 7000000\nmax_cache_bytes = 100000000\n"
        "max_age_days = 30\ndemo_port = 48999\n"
        f'save_dir = "{tmp_path / "saved"}"\ntheme = "textual-light"\nimages = "sixel"\n'
        '[keymap]\nback = "left"\n'
    )
    cfg = load_config(f, tmp_path / "c")
    assert (cfg.prefetch, cfg.per_host, cfg.connect_timeout, cfg.deadline) == (3, 2, 2.5, 9.0)
    assert (cfg.max_bytes, cfg.max_file_bytes, cfg.max_cache_bytes) == (5_000_000, 7_000_000, 10**8)
    assert (cfg.max_age_days, cfg.demo_port, cfg.theme) == (30.0, 48999, "textual-light")
    assert cfg.save_dir == tmp_path / "saved" and cfg.keymap == {"back": "left"}
    assert cfg.images == "sixel"


def test_cache_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "config.toml"
    f.write_text(f'cache_dir = "{tmp_path / "from-file"}"\n')
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "from-env"))
    assert load_config(f, tmp_path / "from-cli").cache_dir == tmp_path / "from-cli"
    assert load_config(f).cache_dir == tmp_path / "from-env"
    monkeypatch.delenv("READER_CACHE_DIR")
    assert load_config(f).cache_dir == tmp_path / "from-file"


@pytest.mark.parametrize(
    "text",
    [
        "prefetch = -1\n",
        'prefetch = "many"\n',
        "per_host = 0\n",
        "demo_port = 70000\n",
        "theme = 3\n",
        'images = "ascii"\n',
        "images = false\n",
        "keymap = 1\n",
        "prefetch = true\n",
        "[broken\n",
        "max_bytes = 1e400\n",
        "max_file_bytes = inf\n",
        "max_cache_bytes = 99999999999999999999999\n",
        "[keymap]\nfind = 5\n",
        '[keymap]\nquit = ""\n',
        '[keymap]\nback = " , "\n',
    ],
)
def test_wrong_values_are_usage_errors(text: str, tmp_path: Path) -> None:
    f = tmp_path / "config.toml"
    f.write_text(text)
    with pytest.raises(UsageError, match="config file"):
        load_config(f, tmp_path / "c")


def test_unknown_settings_are_warnings_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "config.toml"
    f.write_text("prefetch_count = 3\n")
    code, out, err = run(capsys, "--config", str(f), "cache", "path")
    assert code == 0 and out.strip().endswith(".sqlite3")
    assert err == f"reader: warning: config file {f}: unknown setting 'prefetch_count' ignored\n"


def test_config_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "env.toml"
    f.write_text("per_host = 0\n")
    monkeypatch.setenv("READER_CONFIG", str(f))
    code, _, err = run(capsys, "cache", "list")
    assert code == 2 and "per_host" in one_failure_line(err)
    good = tmp_path / "good.toml"
    good.write_text("prefetch = 1\n")
    assert run(capsys, "cache", "list", "--config", str(good))[0] == 0  # --config wins


def test_huge_whole_numbers_are_one_usage_line_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "config.toml"
    f.write_text("max_cache_bytes = 1e400\n")
    code, _, err = run(capsys, "--config", str(f), "cache", "prune")
    assert code == 2
    assert one_failure_line(err).endswith("max_cache_bytes must be below 1e+18")

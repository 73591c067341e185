"""``reader cache list | search | show | prune | path`` and where the cache lives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.cli import one_failure_line, run
from tests.support.httpserver import LoopbackServer
from tests.support.library import page, story_html

ROW = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}\t[^\t\n]+\t[^\t\n]+\thttp://[^\t\n]+$")


def _two_stories(server: LoopbackServer, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    server.route("/keeper", page(story_html("Lighthouse keeper retires")))
    server.route("/ferry", page(story_html("Ferry\ttimetable changes")))
    a, b = server.url("/keeper"), server.url("/ferry")
    for url in (a, b):
        assert run(capsys, "extract", url)[0] == 0
    return a, b


def test_list_is_most_recent_first_tab_separated(
    server: LoopbackServer, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = _two_stories(server, capsys)
    code, out, err = run(capsys, "cache", "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert [line.split("\t")[3] for line in lines] == [b, a]
    assert all(ROW.match(line) for line in lines), lines
    assert lines[0].split("\t")[2] == "Ferry timetable changes"  # the tab became a space


def test_list_of_an_empty_cache_prints_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "cache", "list") == (0, "", "")


def test_search_finds_and_a_miss_exits_1(
    server: LoopbackServer, capsys: pytest.CaptureFixture[str]
) -> None:
    a, _ = _two_stories(server, capsys)
    code, out, _ = run(capsys, "cache", "search", "lighthouse")
    assert code == 0 and [line.split("\t")[3] for line in out.splitlines()] == [a]
    code, out, err = run(capsys, "cache", "search", "zeppelin")
    assert code == 1 and out == ""
    assert "zeppelin" in one_failure_line(err)


def test_show_prints_what_extract_printed(
    server: LoopbackServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.route("/keeper", page(story_html("Lighthouse keeper retires")))
    url = server.url("/keeper")
    code, extracted, _ = run(capsys, "extract", url)
    assert code == 0
    code, shown, err = run(capsys, "cache", "show", url)
    assert (code, err) == (0, "") and shown == extracted
    assert server.hits["/keeper"] == 1  # show never goes to the network
    code, out, err = run(capsys, "cache", "show", server.url("/nope"))
    assert code == 1 and out == "" and "not in the cache" in one_failure_line(err)


def test_prune_by_age_and_with_the_configured_limits(
    server: LoopbackServer, capsys: pytest.CaptureFixture[str]
) -> None:
    _two_stories(server, capsys)
    assert run(capsys, "cache", "prune") == (0, "removed 0 stories from the cache\n", "")
    assert run(capsys, "cache", "prune", "--max-size", "1000") == (
        0,
        "removed 0 stories from the cache\n",
        "",
    )
    assert run(capsys, "cache", "prune", "--older-than", "0")[:2] == (
        0,
        "removed 2 stories from the cache\n",
    )
    assert run(capsys, "cache", "list") == (0, "", "")
    assert run(capsys, "cache", "prune", "--older-than", "-1")[0] == 2


def test_path_and_cache_dir_before_or_after_the_subcommand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    env_dir, cli_dir = tmp_path / "from-env", tmp_path / "from-cli"
    monkeypatch.setenv("READER_CACHE_DIR", str(env_dir))
    code, out, _ = run(capsys, "cache", "path")
    assert code == 0 and Path(out.strip()).parent == env_dir
    for args in (
        ["--cache-dir", str(cli_dir), "cache", "path"],
        ["cache", "--cache-dir", str(cli_dir), "path"],
        ["cache", "path", "--cache-dir", str(cli_dir)],
        ["cache", "path", f"--cache-dir={cli_dir}"],
    ):
        code, out, _ = run(capsys, *args)
        assert code == 0 and Path(out.strip()).parent == cli_dir, args
        assert Path(out.strip()).exists()


def test_cache_dir_chooses_where_extract_stores(
    server: LoopbackServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.route("/keeper", page(story_html("Lighthouse keeper retires")))
    url = server.url("/keeper")
    mine = str(tmp_path / "mine")
    assert run(capsys, "extract", url, "--cache-dir", mine)[0] == 0
    assert run(capsys, "cache", "list")[1] == ""
    assert run(capsys, "--cache-dir", mine, "cache", "list")[1].endswith(f"\t{url}\n")


def test_config_file_is_read_and_a_broken_one_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('cache_dir = "ignored-when-env-set"\nprefetch = [\n')
    code, _, err = run(capsys, "--config", str(cfg), "cache", "path")
    assert code == 2 and "not valid TOML" in one_failure_line(err)
    monkeypatch.setenv("READER_CONFIG", str(cfg))
    assert run(capsys, "cache", "path")[0] == 2


def test_a_corrupt_cache_file_is_moved_aside_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "c"
    cache.mkdir()
    (cache / "reader.sqlite3").write_bytes(b"this is not a database " * 200)
    f = tmp_path / "s.html"
    f.write_text(story_html("Lighthouse keeper retires"), encoding="utf-8")
    code, out, err = run(capsys, "extract", str(f), "--cache-dir", str(cache))
    assert code == 0 and out.startswith("# Lighthouse keeper retires\n")
    (line,) = err.splitlines()
    assert line.startswith("reader: warning: ") and "moved" in line
    assert len(list(cache.iterdir())) == 2  # the new file and the one kept aside


def test_an_unusable_cache_folder_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    f = tmp_path / "s.html"
    f.write_text(story_html("Lighthouse keeper retires"), encoding="utf-8")
    code, out, err = run(capsys, "extract", str(f), "--cache-dir", str(blocker / "sub"))
    assert code == 0 and out.startswith("# Lighthouse keeper retires\n")
    (line,) = err.splitlines()
    assert line.startswith("reader: warning: ") and "without a cache" in line


@pytest.mark.parametrize("option", ["--older-than", "--max-size"])
@pytest.mark.parametrize("value", ["nan", "inf", "1e400"])
def test_prune_refuses_numbers_that_are_not_finite(
    option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "cache", "prune", option, value)
    assert code == 2 and f"not a finite number: {value}" in err

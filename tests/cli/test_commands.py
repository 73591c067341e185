"""``reader extract`` through the real command, a real server on 127.0.0.1 and a real cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli.run import split_command
from tests.support.cli import command, one_failure_line, run
from tests.support.fetch import refused_port
from tests.support.httpserver import LoopbackServer, Reply
from tests.support.library import EMPTY_PAGE, page, story_html

TITLE = "Tide gauge to be restored"


def test_split_command_finds_the_subcommand_after_options() -> None:
    assert split_command(["--cache-dir", "extract", "cache", "list"]) == (
        "cache",
        ["--cache-dir", "extract", "list"],
    )
    assert split_command(["--offline", "extract", "-"]) == ("extract", ["--offline", "-"])
    assert split_command(["https://a.test/"]) == (None, ["https://a.test/"])
    assert split_command(["--", "cache"]) == (None, ["--", "cache"])


# -- formats ---------------------------------------------------------------------------
def test_extract_url_as_markdown(
    server: LoopbackServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.route("/tide", page(story_html(TITLE)))
    url = server.url("/tide")
    code, out, err = run(capsys, "extract", url)
    assert (code, err) == (0, "")
    lines = out.split("\n")
    assert lines[0] == f"# {TITLE}"
    assert lines[1].endswith(url)
    assert lines[2] == ""
    assert "brass instrument" in out and out.endswith("\n")


def test_extract_json_reports_the_final_url(
    server: LoopbackServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.route("/old", lambda _r: Reply(302, headers={"Location": "/tide"}))
    server.route("/tide", page(story_html(TITLE)))
    code, out, err = run(capsys, "extract", server.url("/old"), "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["url"] == server.url("/tide")
    assert data["title"] == TITLE and data["truncated"] is False
    for key in (
        "canonical_url",
        "byline",
        "published",
        "site_name",
        "lead_image",
        "language",
        "body_source",
        "markdown",
        "text",
        "teasers",
    ):
        assert key in data
    assert "brass instrument" in data["text"] and isinstance(data["teasers"], list)


def test_extract_text(server: LoopbackServer, capsys: pytest.CaptureFixture[str]) -> None:
    server.route("/tide", page(story_html(TITLE)))
    code, out, _ = run(capsys, "extract", "--format", "text", server.url("/tide"))
    assert code == 0
    body = json.loads(run(capsys, "extract", server.url("/tide"), "--format", "json")[1])["text"]
    assert out == f"{TITLE}\n\n{body}\n"
    assert "brass instrument" in body and "http" not in body


def test_extract_file_with_and_without_url(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "story.html"
    f.write_text(story_html(TITLE), encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(f), "--format", "json")
    assert code == 0 and json.loads(out)["url"] is None
    code, out, _ = run(capsys, "extract", str(f), "--format", "json", "--url", "https://x.test/s")
    assert code == 0 and json.loads(out)["url"] == "https://x.test/s"
    code, out, _ = run(capsys, "extract", str(f))
    assert code == 0 and out.startswith(f"# {TITLE}\n")


def test_extract_stdin_through_the_real_command() -> None:
    html = story_html(TITLE).encode()
    done = command("extract", "-", "--format", "json", "--url", "https://x.test/a", stdin=html)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["url"] == "https://x.test/a" and data["title"] == TITLE
    done = command("extract", "-", stdin=b"")
    assert done.returncode == 1
    assert one_failure_line(done.stderr.decode()) == "reader: no article found in stdin"


def test_stdin_cut_at_a_small_cap_names_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = story_html(TITLE).encode()
    config = tmp_path / "config.toml"
    config.write_text(f"max_file_bytes = {len(html) - 40}\n")  # the closing tags are cut
    monkeypatch.setenv("READER_CONFIG", str(config))
    done = command("extract", "-", "--format", "text", stdin=html)
    assert done.returncode == 0, done.stderr
    label = f"{(len(html) - 40) / 1000:.1f} kB"
    assert done.stderr.decode() == (
        f"reader: warning: input cut at {label} (the size cap); showing the part before it\n"
    )


def test_stdin_limits_read_from_the_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    html = story_html(TITLE).encode()
    config = tmp_path / "config.toml"
    for limit in ("0", "1000000000000000"):  # no limit; a limit too big to set aside
        config.write_text(f"max_file_bytes = {limit}\n")
        monkeypatch.setenv("READER_CONFIG", str(config))
        done = command("extract", "-", "--format", "text", stdin=html)
        assert done.returncode == 0 and done.stderr == b"", done.stderr
        assert done.stdout.decode().startswith(f"{TITLE}\n")


def test_stdin_cut_before_the_story_warns_then_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = b"<html><head><title>x</title></head><body>" + b" " * 5000 + story_html(TITLE).encode()
    config = tmp_path / "config.toml"
    config.write_text("max_file_bytes = 2000\n")
    monkeypatch.setenv("READER_CONFIG", str(config))
    done = command("extract", "-", stdin=html)
    assert done.returncode == 1 and done.stdout == b""
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("reader: warning: input cut at 2 kB")
    assert lines[1] == "reader: no article found in stdin"


# -- failures and warnings -------------------------------------------------------------
@pytest.mark.parametrize("path", ["/missing", "/pdf", "/empty", "refused"])
def test_extract_failures_exit_1_with_one_line(path: str, server: LoopbackServer) -> None:
    # A child process: its stderr holds only what reader printed (the test server's own
    # complaints about clients that hang up go to this process's stderr).
    server.route(
        "/pdf", lambda _r: Reply(body=b"%PDF-1.7\n", headers={"Content-Type": "application/pdf"})
    )
    server.route("/empty", page(EMPTY_PAGE))
    with refused_port() as port:
        url = f"http://127.0.0.1:{port}/x" if path == "refused" else server.url(path)
        done = command("extract", url)
    assert done.returncode == 1 and done.stdout == b""
    line = one_failure_line(done.stderr.decode())
    if path == "/missing":
        assert "404" in line
    elif path == "/pdf":
        assert "pdf" in line.lower()
    elif path == "/empty":
        assert line == f"reader: no article found in {url}"
    else:
        assert "refused" in line


def test_offline_extract_uses_only_the_cache(
    server: LoopbackServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.route("/tide", page(story_html(TITLE)))
    url = server.url("/tide")
    code, _, err = run(capsys, "extract", "--offline", url)
    assert code == 1
    assert one_failure_line(err).startswith(f"reader: not in the cache (offline): {url}")
    assert server.hits["/tide"] == 0
    assert run(capsys, "extract", url)[0] == 0
    code, out, err = run(capsys, "extract", url, "--offline")
    assert (code, err) == (0, "") and out.startswith(f"# {TITLE}\n")
    assert server.hits["/tide"] == 1


def test_size_cap_is_a_warning_not_a_failure(server: LoopbackServer, tmp_path: Path) -> None:
    paras = tuple(
        f"Paragraph {i} of a long report on the dredging of the harbour. " * 3 for i in range(300)
    )
    server.route("/long", page(story_html("Long report", paragraphs=paras)))
    cfg = tmp_path / "config.toml"
    cfg.write_text("max_bytes = 8000\n")
    done = command("--config", str(cfg), "extract", server.url("/long"), "--format", "json")
    assert done.returncode == 0 and json.loads(done.stdout)["truncated"] is True
    (line,) = done.stderr.decode().splitlines()
    assert line.startswith("reader: warning: page cut at 8 kB")


def test_page_text_never_reaches_the_terminal_raw(
    server: LoopbackServer, capsys: pytest.CaptureFixture[str]
) -> None:
    evil = "Harbour \x1b]0;owned\x07news \x1b[31mred\u202e [bold]x[/bold]"
    server.route("/evil", page(story_html(evil)))
    for fmt in ("markdown", "text", "json"):
        code, out, _ = run(capsys, "extract", server.url("/evil"), "--format", fmt)
        assert code == 0
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
        assert "[bold]" in out or r"\[bold\]" in out


# -- usage errors ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [
        ["extract"],
        ["extract", "https://a.test/", "--format", "pdf"],
        ["extract", "not a thing"],
        ["extract", "https://a.test/", "--url", "https://b.test/"],
        ["extract", "-", "--bogus"],
    ],
)
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert "reader" in err and "Traceback" not in err


def test_a_name_that_does_not_resolve_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    looked_up: list[object] = []

    def no_dns(host: object, *args: object, **kwargs: object) -> object:
        looked_up.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)  # nothing leaves this process
    code, out, err = run(capsys, "extract", "https://harbour-news.test/story")
    assert code == 1 and out == "" and looked_up
    assert "harbour-news.test" in one_failure_line(err)


def test_a_huge_or_hostile_source_name_stays_one_short_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "extract", "no\x1b]0;title\x07such " + "x" * 5000)
    assert code == 2
    line = one_failure_line(err)
    assert len(line) <= 1010 and "\x1b" not in line and "\x07" not in line

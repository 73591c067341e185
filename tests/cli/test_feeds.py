"""``reader feed …`` end to end: the fixed forms, the JSON contracts, failures as one
``reader:`` line, OPML in and out, and hostile text kept off the terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import command, one_failure_line, run
from tests.support.feeds import Entry, feed_file, rss, story
from tests.support.httpserver import LoopbackServer, Reply
from tests.support.library import page
from tests.support.text import is_terminal_safe

ISO_DAY_OR_MOMENT = r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2})?$"


def serve_two(server: LoopbackServer) -> None:
    server.route("/s/one.html", story("The lighthouse keeper retires"))
    server.route("/s/two.html", story("Night ferry gets a second deck"))
    server.route("/a.xml", feed_file(rss("Coast News", [
        Entry("The lighthouse keeper retires", server.url("/s/one.html"),
              published="Wed, 02 Dec 2026 07:15:00 +0100"),
        Entry("Undated note", server.url("/s/two.html"), published=None),
    ])))
    server.route("/b.xml", feed_file(rss("Ferry Times", [
        Entry("Second deck for the night ferry", server.url("/s/two.html?utm_source=b")),
    ])))


def test_add_refresh_items_and_list_in_json(
    server: LoopbackServer, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_two(server)
    code, out, err = run(capsys, "feed", "add", server.url("/a.xml"), "--tag", "coast",
                         "--tag", "news")
    assert code == 0 and err == "" and "subscribed to the feed" in out
    assert run(capsys, "feed", "add", server.url("/b.xml"))[0] == 0
    code, out, err = run(capsys, "feed", "refresh")
    assert code == 0 and err == ""  # stderr is no terminal here: no progress
    assert out.startswith("refreshed 2 feeds") and out.count("\n") == 1

    code, out, _ = run(capsys, "feed", "items", "--format", "json")
    items = json.loads(out)
    assert code == 0 and len(items) == 2  # the ferry story appears once
    for entry in items:
        assert {"feed", "feeds", "title", "url", "published", "read", "offline"} <= set(entry)
        assert entry["offline"] is True and entry["read"] is False
        assert entry["published"] is None or __import__("re").match(
            ISO_DAY_OR_MOMENT, entry["published"])
    ferry = next(i for i in items if i["url"] == server.url("/s/two.html"))
    assert ferry["feeds"] == [server.url("/a.xml"), server.url("/b.xml")]
    assert ferry["feed"] == server.url("/a.xml")
    first = next(i for i in items if i["url"] == server.url("/s/one.html"))
    assert first["published"] == "2026-12-02T07:15:00+01:00"

    code, out, _ = run(capsys, "feed", "list", "--format", "json")
    feeds = json.loads(out)
    assert [f["url"] for f in feeds] == [server.url("/a.xml"), server.url("/b.xml")]
    assert feeds[0]["tags"] == ["coast", "news"] and feeds[0]["title"] == "Coast News"
    assert (feeds[0]["items"], feeds[0]["unread"], feeds[0]["last_error"]) == (2, 2, None)
    assert __import__("re").match(ISO_DAY_OR_MOMENT, feeds[0]["last_success"])

    code, out, _ = run(capsys, "feed", "items", "--tag", "coast", "--limit", "1")
    assert code == 0 and len(out.splitlines()) == 1 and out.count("\t") == 4
    code, out, _ = run(capsys, "feed", "items", "--feed", server.url("/b.xml"))
    assert [line.split("\t")[-1] for line in out.splitlines()] == [server.url("/s/two.html")]
    code, out, _ = run(capsys, "feed", "list")
    assert out.splitlines()[0].split("\t")[:5] == [server.url("/a.xml"), "Coast News",
                                                    "coast, news", "2", "2"]


def test_empty_lists_print_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "feed", "list") == (0, "", "")
    assert run(capsys, "feed", "items") == (0, "", "")
    assert run(capsys, "feed", "list", "--format", "json") == (0, "[]\n", "")
    assert run(capsys, "feed", "items", "--format", "json", "--unread") == (0, "[]\n", "")


def test_failures_are_one_line_and_exit_1(
    server: LoopbackServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    serve_two(server)
    assert run(capsys, "feed", "add", server.url("/a.xml"))[0] == 0
    code, out, err = run(capsys, "feed", "add", server.url("/a.xml"))
    assert code == 1 and out == "" and "already subscribed" in one_failure_line(err)
    code, out, err = run(capsys, "feed", "remove", "http://127.0.0.1:9/none.xml")
    assert code == 1 and "not a subscription" in one_failure_line(err)
    code, out, err = run(capsys, "feed", "refresh", "--offline")
    assert code == 1 and "without --offline" in one_failure_line(err)
    code, out, err = run(capsys, "feed", "items", "--feed", "http://127.0.0.1:9/x.xml")
    assert code == 1 and "not a subscription" in one_failure_line(err)
    not_opml = tmp_path / "page.opml"
    not_opml.write_text("<html><body><p>no</p></body></html>")
    code, out, err = run(capsys, "feed", "import", str(not_opml))
    assert code == 1 and "not an OPML file" in one_failure_line(err)
    code, out, err = run(capsys, "feed", "import", str(tmp_path / "missing.opml"))
    assert code == 1 and "cannot read" in one_failure_line(err)
    # nothing already stored was lost on the way
    assert len(json.loads(run(capsys, "feed", "list", "--format", "json")[1])) == 1


@pytest.mark.parametrize(
    "args",
    [["feed"], ["feed", "nope"], ["feed", "items", "--limit", "-1"], ["feed", "add"],
     ["feed", "list", "--format", "xml"], ["feed", "remove"]],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    assert run(capsys, *args)[0] == 2


def test_opml_round_trip_and_import_stores_without_fetching(
    server: LoopbackServer, capsys: pytest.CaptureFixture[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    serve_two(server)
    run(capsys, "feed", "add", server.url("/a.xml"), "--tag", "coast")
    run(capsys, "feed", "add", server.url("/b.xml"))
    server.route("/front", page(  # a site with no feed: followed through its front page
        '<html><body><main><ul><li><a href="/news/2026/12/ferry-keeps-its-winter-timetable">'
        "Ferry keeps its winter timetable for another month</a></li></ul></main></body></html>"))
    assert run(capsys, "feed", "add", server.url("/front"))[0] == 0
    code, opml, _ = run(capsys, "feed", "export")
    assert code == 0 and opml.startswith("<?xml") and '<opml version="2.0">' in opml
    target = tmp_path / "subs.opml"
    code, out, _ = run(capsys, "feed", "export", str(target))
    assert code == 0 and target.read_text() == opml and "wrote 3 subscriptions" in out

    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "fresh-cache"))
    before = len(server.requests)
    code, out, err = run(capsys, "feed", "import", str(target))
    assert code == 0 and out.startswith("imported 3 subscriptions") and err == ""
    assert len(server.requests) == before  # import fetches nothing
    feeds = json.loads(run(capsys, "feed", "list", "--format", "json")[1])
    assert {f["url"]: (f["tags"], f["kind"]) for f in feeds} == {
        server.url("/a.xml"): (["coast"], "feed"),
        server.url("/b.xml"): ([], "feed"),
        server.url("/front"): ([], "page"),  # still followed through its page
    }
    assert {f["title"] for f in feeds} >= {"Coast News", "Ferry Times"}
    code, out, _ = run(capsys, "feed", "import", str(target))
    assert "imported 0 subscriptions (3 already there)" in out


def test_ten_thousand_outlines_import(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    outlines = "".join(
        f'<outline text="F{n}" xmlUrl="http://127.0.0.1:9/f{n}.xml"/>' for n in range(10_000)
    )
    path = tmp_path / "big.opml"
    path.write_text(f'<?xml version="1.0"?><opml version="2.0"><head/><body>{outlines}'
                    "</body></opml>")
    code, out, _ = run(capsys, "feed", "import", str(path))
    assert code == 0 and out.startswith("imported 10000 subscriptions")
    assert len(run(capsys, "feed", "list")[1].splitlines()) == 10_000


def test_html_where_a_feed_was_expected_is_discovered_or_said(
    server: LoopbackServer, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_two(server)
    server.route("/home", lambda _r: Reply(200, (
        b'<html><head><link rel="alternate" type="application/rss+xml" href="/a.xml">'
        b"</head><body><p>Home</p></body></html>"), {"Content-Type": "text/html"}))
    server.route("/bare", lambda _r: Reply(200, b"<html><body><p>x</p></body></html>"))
    code, out, _ = run(capsys, "feed", "add", server.url("/home"))
    assert code == 0 and f"subscribed to the feed it names, {server.url('/a.xml')}" in out
    code, out, err = run(capsys, "feed", "add", server.url("/bare"))
    assert code == 1 and "no feed found" in one_failure_line(err)


def test_hostile_titles_never_reach_the_terminal(
    server: LoopbackServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.route("/evil.html", story("Plain enough"))
    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        "<title>Evil &#x1b;]0;pwned&#x7; [bold]feed[/bold]</title>"
        f"<item><title>Breaking &#x1b;[2J&#x202e;news &lt;b&gt;x&lt;/b&gt; [red]x[/red]</title>"
        f"<link>{server.url('/evil.html')}</link></item>"
        "<item><title>Bad link</title><link>javascript:alert(1)</link><guid>j</guid></item>"
        "</channel></rss>"
    ).encode()
    server.route("/evil.xml", feed_file(body))
    outputs = []
    for args in (["feed", "add", server.url("/evil.xml")], ["feed", "refresh"],
                 ["feed", "list"], ["feed", "items"], ["feed", "items", "--format", "json"],
                 ["feed", "list", "--format", "json"], ["feed", "export"]):
        code, out, err = run(capsys, *args)
        assert code == 0, err
        outputs.append(out + err)
    for text in outputs:
        assert is_terminal_safe(text), text
    assert "[red]x[/red]" in outputs[3]  # markup stays literal text
    items = json.loads(outputs[4])
    assert all(not (i["url"] or "").startswith("javascript:") for i in items)


def test_a_stored_story_opens_with_extract_offline_in_a_real_process(
    server: LoopbackServer,
) -> None:
    serve_two(server)
    assert command("feed", "add", server.url("/a.xml")).returncode == 0
    done = command("feed", "refresh")
    assert done.returncode == 0 and b"2 stored for offline reading" in done.stdout
    assert done.stderr == b""
    shown = command("extract", server.url("/s/one.html"), "--offline")
    assert shown.returncode == 0 and b"# The lighthouse keeper retires" in shown.stdout


def test_refresh_with_no_subscriptions_says_how_to_add_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "feed", "refresh")
    assert code == 0 and err == "" and "`reader feed add URL`" in out


def test_a_feed_beyond_the_size_cap_is_cut_with_a_warning(
    server: LoopbackServer, capsys: pytest.CaptureFixture[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    entries = [Entry(f"Tide table for day {n}", server.url(f"/s/{n}.html")) for n in range(400)]
    server.route("/big.xml", feed_file(rss("Tides", entries)))
    config = tmp_path / "config.toml"
    config.write_text("max_bytes = 20000\nfeed_stories = false\n")
    monkeypatch.setenv("READER_CONFIG", str(config))
    code, out, err = run(capsys, "feed", "add", server.url("/big.xml"))
    assert code == 0 and "reader: warning: " in err and "size cap" in err
    stored = int(out.rsplit(": ", 1)[1].split()[0])
    assert 0 < stored < 400

"""OPML 2.0: reading folders and categories as tags, writing, and the round trip."""

from __future__ import annotations

import pytest

from reader.feeds import OpmlError, OpmlFeed, parse_opml, write_opml
from reader.feeds.opml import MAX_OUTLINES
from tests.support.text import is_terminal_safe

OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My subscriptions</title></head>
  <body>
    <outline text="Harbourside Gazette" type="rss" xmlUrl="https://gazette.example/feed.xml"
             htmlUrl="https://gazette.example/"/>
    <outline text="Local">
      <outline text="Allotment Notes" xmlUrl="https://allotment.example/rss"
               category="/gardening,/weekend/outdoors"/>
      <outline title="Transport">
        <outline text="Tram Line Diary" xmlUrl="https://tramdiary.example/feed.json"/>
      </outline>
    </outline>
    <outline text="Science">
      <outline text="Night Sky Log (again)" xmlurl="https://gazette.example/feed.xml"/>
      <outline text="Broken" xmlUrl="javascript:alert(1)"/>
      <outline text="Podcast" xmlUrl="feed:https://pod.example/episodes.xml"/>
    </outline>
  </body>
</opml>"""


def test_outlines_become_feeds_with_folder_and_category_tags() -> None:
    doc = parse_opml(OPML)
    assert doc.title == "My subscriptions"
    by_url = {f.url: f for f in doc.feeds}
    assert list(by_url) == [
        "https://gazette.example/feed.xml",
        "https://allotment.example/rss",
        "https://tramdiary.example/feed.json",
        "https://pod.example/episodes.xml",
    ]
    gazette = by_url["https://gazette.example/feed.xml"]
    assert gazette.title == "Harbourside Gazette"
    assert gazette.html_url == "https://gazette.example/"
    assert gazette.tags == ("Science",)  # its second outline's folder joins it
    assert by_url["https://allotment.example/rss"].tags == (
        "Local", "gardening", "weekend", "outdoors",
    )
    assert by_url["https://tramdiary.example/feed.json"].tags == ("Local", "Transport")
    assert any("not an http(s) address" in w for w in doc.warnings)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"just some words",
        b"<html><body><p>a page</p></body></html>",
        b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>',
        b"\x00\x01\x02",
    ],
)
def test_not_opml_is_an_opml_error(data: bytes) -> None:
    with pytest.raises(OpmlError, match="not an OPML file"):
        parse_opml(data)


def test_ten_thousand_outlines_work() -> None:
    outlines = "".join(
        f'<outline text="Feed {i}" xmlUrl="https://f{i}.example/rss"/>' for i in range(10_000)
    )
    data = f'<opml version="2.0"><body><outline text="All">{outlines}</outline></body></opml>'
    doc = parse_opml(data.encode())
    assert len(doc.feeds) == 10_000
    assert doc.feeds[-1] == OpmlFeed("https://f9999.example/rss", "Feed 9999", None, ("All",))
    assert doc.warnings == ()


def test_outlines_beyond_the_cap_are_left_out_with_a_warning() -> None:
    outlines = "".join(
        f'<outline xmlUrl="https://f{i}.example/rss"/>' for i in range(MAX_OUTLINES + 5)
    )
    doc = parse_opml(f"<opml><body>{outlines}</body></opml>".encode())
    assert len(doc.feeds) == MAX_OUTLINES
    assert any(f"only the first {MAX_OUTLINES}" in w for w in doc.warnings)


def test_entities_are_not_expanded_in_opml() -> None:
    laughs = "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    data = (
        f'<!DOCTYPE opml [<!ENTITY lol0 "lol">{laughs}]><opml><body>'
        '<outline text="a&lol9;b" xmlUrl="https://a.example/rss"/></body></opml>'
    ).encode()
    doc = parse_opml(data)
    assert doc.feeds[0].title is not None and "lol" not in doc.feeds[0].title


def test_write_then_read_gives_the_same_feeds() -> None:
    feeds = [
        OpmlFeed("https://gazette.example/feed.xml?a=1&b=2", 'The "Gazette" & <Almanac>',
                 "https://gazette.example/", ("News", "Local")),
        OpmlFeed("https://tramdiary.example/feed.json", None, None, ()),
        OpmlFeed("https://allotment.example/rss", "Allotment\nNotes", None, ("Local",)),
        OpmlFeed("https://sky.example/atom", "Sky", None, ("News",)),
        OpmlFeed("https://nofeed.example/news/", "A site with no feed", None, (), page=True),
    ]
    text = write_opml(feeds, title="Mine & yours")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    assert "<title>Mine &amp; yours</title>" in text
    doc = parse_opml(text.encode())
    assert doc.title == "Mine & yours"
    got = {f.url: f for f in doc.feeds}
    assert set(got) == {f.url for f in feeds}
    for feed in feeds:
        back = got[feed.url]
        assert back.tags == feed.tags
        assert back.html_url == feed.html_url
        assert back.page == feed.page  # a followed page stays a followed page
        expected = " ".join((feed.title or feed.url).split())
        assert back.title == expected


def test_written_opml_is_safe_and_well_formed() -> None:
    from xml.dom.minidom import parseString

    hostile = OpmlFeed("https://h.example/rss", "\x1b[31mred\x1b[0m \x07 \u202eevil",
                       None, ("a,b/c", "\x1b]0;x\x07tag"))
    text = write_opml([hostile], title="\x1b[2Jt")
    parseString(text)  # well-formed XML
    assert is_terminal_safe(text)
    doc = parse_opml(text.encode())
    assert doc.feeds[0].title == "red evil"
    assert doc.feeds[0].tags[0] == "a,b/c"


def test_external_entities_in_opml_are_never_read(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    secret = tmp_path / "secret.txt"
    secret.write_text("opml-secret-words", "utf-8")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<opml version="2.0"><body><outline text="a&x;" title="t&x;" '
        'xmlUrl="https://a.example/rss"/></body></opml>'
    ).encode()
    doc = parse_opml(data)
    assert len(doc.feeds) == 1
    assert "opml-secret-words" not in repr(doc)


def test_damaged_opml_keeps_the_outlines_it_could_read() -> None:
    data = (
        b'<opml version="2.0"><body><outline text="Fish & chips" xmlUrl="https://a.example/rss"/>'
        b'<outline text="B" xmlUrl="https://b.example/rss"><br></outline>'
        b'<outline text="C" xmlUrl="https://c.example/rss"/>'
    )
    doc = parse_opml(data)
    assert [f.url for f in doc.feeds] == [
        "https://a.example/rss", "https://b.example/rss", "https://c.example/rss",
    ]
    assert doc.feeds[0].title == "Fish & chips"
    assert doc.warnings

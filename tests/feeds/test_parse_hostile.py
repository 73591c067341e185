"""parse_feed on malformed and hostile input: total, safe, and reading what can be read."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.feeds import MAX_ITEMS, FeedItem, ParsedFeed, parse_feed
from tests.support.text import is_terminal_safe

FIXTURES = Path(__file__).parent / "fixtures"



def rss(items: str, head: str = "", title: str = "Test") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{head}<rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://127.0.0.1/</link>{items}</channel></rss>"
    ).encode()


def items(n: int) -> str:
    return "".join(
        f"<item><title>Story {i}</title><link>http://127.0.0.1/s/{i}</link></item>"
        for i in range(n)
    )


def text_fields(feed: ParsedFeed) -> list[str]:
    out = [feed.title or "", feed.link or "", *feed.warnings]
    for item in feed.items:
        out += [item.id, item.title or "", item.link or "", item.summary or "",
                item.content or "", item.author or ""]
    return out


def test_hostile_fixture_is_terminal_safe_and_keeps_markup_literal() -> None:
    feed = parse_feed((FIXTURES / "hostile.xml").read_bytes(), "http://127.0.0.1/feed")
    assert all(is_terminal_safe(t) for t in text_fields(feed))
    assert feed.title == "Hostile [bold]feed[/bold]"  # markup stays text for the UI to escape
    assert feed.link is None  # javascript: site link dropped
    first = feed.items[0]
    assert first.title == "[red]Alarm[/red] red link bididesrever"
    assert "evil.example" not in first.title  # the OSC 8 hyperlink target went with it
    assert first.summary == "clipboard text"


def test_script_schemes_are_dropped_and_http_links_kept() -> None:
    feed = parse_feed((FIXTURES / "hostile.xml").read_bytes(), "http://127.0.0.1/feed")
    links = {i.id: i.link for i in feed.items}
    assert links == {"h-1": None, "h-2": None, "h-3": "https://hostile.example/ok", "h-4": None}


def test_escape_sequences_through_character_references() -> None:
    feed = parse_feed((FIXTURES / "hostile.xml").read_bytes())
    h3 = next(i for i in feed.items if i.id == "h-3")
    assert h3.title == "Character reference clears the screen"
    h4 = next(i for i in feed.items if i.id == "h-4")
    assert h4.title == "Bold in CDATA"  # tags in titles stripped, script text dropped


def test_billion_laughs_is_not_expanded() -> None:
    laughs = "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    data = rss(
        "<item><title>A &lol9; B</title><link>http://127.0.0.1/l</link></item>" + items(2),
        f'<!DOCTYPE rss [<!ENTITY lol0 "lol">{laughs}]>',
    )
    feed = parse_feed(data)
    assert len(feed.items) == 3
    assert feed.items[0].title == "A B"
    assert "lol" not in "".join(text_fields(feed)).replace("&lol9;", "")
    assert any("unexpanded" in w for w in feed.warnings)


def test_quadratic_blowup_is_not_expanded() -> None:
    data = rss(
        "<item><title>" + "&a;" * 5_000 + "x</title><link>http://127.0.0.1/q</link></item>",
        f'<!DOCTYPE rss [<!ENTITY a "{"A" * 50_000}">]>',
    )
    feed = parse_feed(data)
    assert feed.items[0].title == "x"


def test_external_entities_are_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the-secret-words", "utf-8")
    general = rss(
        "<item><title>x&xxe;y</title><link>http://127.0.0.1/x</link></item>",
        f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>',
    )
    parameter = rss(
        "<item><title>p</title><link>http://127.0.0.1/p</link></item>",
        f'<!DOCTYPE rss [<!ENTITY % ext SYSTEM "file://{secret}"> %ext;]>',
    )
    external_dtd = rss(
        "<item><title>d&secret;</title><link>http://127.0.0.1/d</link></item>",
        f'<!DOCTYPE rss SYSTEM "file://{secret}">',
    )
    for data in (general, parameter, external_dtd):
        feed = parse_feed(data)
        assert len(feed.items) == 1
        assert "the-secret-words" not in repr(feed)
    assert parse_feed(general).items[0].title == "xy"


def test_html_named_entities_are_read_and_unknown_ones_dropped_with_a_warning() -> None:
    feed = parse_feed(rss(
        "<item><title>caf&eacute; &mdash; cr&egrave;me&nbsp;br&ucirc;l&eacute;e &bogus; end"
        "</title><link>http://127.0.0.1/e</link></item>"
    ))
    assert feed.items[0].title == "café — crème brûlée end"
    assert any("&bogus;" in w for w in feed.warnings)


def test_truncated_feed_keeps_what_was_complete_before_the_cut() -> None:
    whole = rss(items(20))
    # cut inside the link of item 15: its title is complete, its link is not
    cut = whole[: whole.index(b"<link>http://127.0.0.1/s/15") + 15]
    feed = parse_feed(cut)
    assert feed.format == "rss"
    assert feed.title == "Test"
    assert [i.title for i in feed.items] == [f"Story {i}" for i in range(16)]
    assert feed.items[14].link == "http://127.0.0.1/s/14"
    assert feed.items[15].link is None  # never half an address
    assert len([w for w in feed.warnings if "malformed" in w]) == 1
    # cut between two items: nothing partial at all
    between = whole[: whole.index(b"<item><title>Story 15")]
    assert [i.title for i in parse_feed(between).items] == [f"Story {i}" for i in range(15)]


def test_standalone_documents_still_read_html_entities() -> None:
    data = rss("<item><title>a&nbsp;b&hellip;</title><link>http://127.0.0.1/n</link></item>")
    data = data.replace(b'encoding="UTF-8"?>', b'encoding="UTF-8" standalone="yes"?>')
    feed = parse_feed(data)
    assert feed.items[0].title == "a b…"
    assert not feed.warnings


def test_bare_ampersands_are_repaired() -> None:
    feed = parse_feed(rss(
        "<item><title>Fish & chips</title><link>http://127.0.0.1/f?a=1&b=2</link></item>"
        + items(3)
    ))
    assert [i.title for i in feed.items] == ["Fish & chips", "Story 0", "Story 1", "Story 2"]
    assert feed.items[0].link == "http://127.0.0.1/f?a=1&b=2"


def test_wrong_encoding_declarations() -> None:
    utf8_said_utf16 = (
        '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel>'
        "<title>Café</title><item><title>Crème</title><link>http://127.0.0.1/c</link></item>"
        "</channel></rss>"
    ).encode()
    assert parse_feed(utf8_said_utf16).items[0].title == "Crème"
    latin1_said_utf8 = rss(
        "<item><title>Caf\u00e9 cr\u00e8me</title><link>http://127.0.0.1/c</link></item>"
    ).decode().encode("latin-1")
    feed = parse_feed(latin1_said_utf8)
    assert feed.items[0].title == "Café crème"
    assert any("windows-1252" in w for w in feed.warnings)
    declared = (
        '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>Gr\u00fc\u00dfe</title><link>http://127.0.0.1/g</link></item>"
        "</channel></rss>"
    ).encode("latin-1")
    assert parse_feed(declared).items[0].title == "Grüße"
    utf16 = rss("<item><title>Ünïcode</title><link>http://127.0.0.1/u</link></item>")
    utf16 = utf16.replace(b"UTF-8", b"UTF-16").decode().encode("utf-16")
    assert parse_feed(utf16).items[0].title == "Ünïcode"


def test_html_served_as_a_feed_is_not_a_feed() -> None:
    page = (
        b"<!DOCTYPE html><html><head><title>A page</title></head>"
        b"<body><p>Hello&nbsp;there<br></p></body></html>"
    )
    feed = parse_feed(page, "http://127.0.0.1/")
    assert feed.format is None and not feed.is_feed
    assert feed.items == ()
    assert any("HTML" in w for w in feed.warnings)


def test_other_inputs_that_are_not_feeds() -> None:
    for data in (b"", b"   ", b"\x00\x01\x02binary", b"<svg></svg>", b"[1, 2]",
                 b'{"not": "a feed"}', b"plain words", b"<rss"):
        feed = parse_feed(data)
        assert feed.format is None, data
        assert feed.warnings, data


def test_atom_with_a_wrong_html_doctype_is_still_atom() -> None:
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE html><feed xmlns="http://www.w3.org/2005/Atom">'
        b"<title>t</title><entry><title>e</title><id>x:1</id>"
        b'<link href="http://127.0.0.1/e"/></entry></feed>'
    )
    feed = parse_feed(data)
    assert feed.format == "atom" and feed.items[0].link == "http://127.0.0.1/e"


def test_fifty_thousand_items_are_cut_at_the_cap_with_a_warning() -> None:
    feed = parse_feed(rss(items(50_000)))
    assert len(feed.items) == MAX_ITEMS == 10_000
    assert feed.items[-1].title == "Story 9999"
    assert any("50000 items" in w and "10000" in w for w in feed.warnings)


def test_ten_thousand_items_are_all_kept() -> None:
    feed = parse_feed(rss(items(10_000)))
    assert len(feed.items) == 10_000
    assert not feed.warnings


def test_deep_nesting_does_not_break_the_parser() -> None:
    depth = 100_000
    data = rss(
        "<item><title>deep</title><link>http://127.0.0.1/d</link><description>"
        + "<div>" * depth + "core" + "</div>" * depth + "</description></item>"
    )
    feed = parse_feed(data)
    assert feed.items[0].title == "deep"
    assert any("nested too deep" in w for w in feed.warnings)


def test_items_with_nothing_are_dropped() -> None:
    feed = parse_feed(rss("<item></item><item><title>  </title></item>" + items(1)))
    assert [i.title for i in feed.items] == ["Story 0"]
    assert any("no title, link or text" in w for w in feed.warnings)


def test_undeclared_namespace_prefixes_are_read_as_usual() -> None:
    feed = parse_feed(rss(
        "<item><title>t</title><link>http://127.0.0.1/n</link>"
        "<dc:creator>Ana</dc:creator><content:encoded>&lt;p&gt;x&lt;/p&gt;</content:encoded>"
        "</item>"
    ))
    assert feed.items[0].author == "Ana"
    assert feed.items[0].content == "<p>x</p>"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_value(data: bytes) -> None:
    feed = parse_feed(data)
    assert isinstance(feed, ParsedFeed)
    assert all(isinstance(i, FeedItem) for i in feed.items)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_title_text_comes_out_terminal_safe(title: str) -> None:
    from html import escape

    feed = parse_feed(rss(
        f"<item><title>{escape(title)}</title><link>http://127.0.0.1/t</link></item>"
    ))
    assert all(is_terminal_safe(t) for t in text_fields(feed))


def test_text_before_the_declaration_is_left_out() -> None:
    body = rss(items(2))
    for prefix, warned in ((b"\n\n  ", False), (b"\xef\xbb\xbf\n", False),
                           (b"<!-- generated -->", False),
                           (b"Warning: something failed on line 3\n", True)):
        feed = parse_feed(prefix + body)
        assert [i.title for i in feed.items] == ["Story 0", "Story 1"], prefix
        assert bool(feed.warnings) is warned, prefix


def test_two_document_type_declarations_are_not_a_way_around() -> None:
    dtd = '<!DOCTYPE rss [<!ENTITY a "AAAA">]>'
    data = rss("<item><title>&a;</title><link>http://127.0.0.1/a</link></item>", dtd + dtd)
    feed = parse_feed(data)
    assert "AAAA" not in repr(feed)
    tricky = '<!DOCTYPE rss [<!ENTITY a "]>"><!ENTITY b "BBBB">]>'
    feed = parse_feed(rss("<item><title>x&b;</title><link>http://127.0.0.1/b</link></item>",
                          tricky))
    assert "BBBB" not in repr(feed)
    assert [i.title for i in feed.items] == ["x"]


def test_raw_html_and_stray_tags_are_read_leniently() -> None:
    data = rss(
        "<item><title>One<br>line</title><link>http://127.0.0.1/1</link>"
        "<description><p>first<p>second</b></description></item>"
        "<item><title>Two</title><link href=x>http://127.0.0.1/2</link></item>"
        + items(2)
    )
    feed = parse_feed(data)
    assert [i.title for i in feed.items] == ["Oneline", "Two", "Story 0", "Story 1"]
    assert feed.items[1].link == "http://127.0.0.1/2"
    assert feed.items[0].summary == "first second"
    assert [w for w in feed.warnings if "malformed" in w] == [
        "malformed XML (mismatched tag at line 1); read leniently"
    ]


def test_the_lenient_reader_expands_no_entity_either() -> None:
    laughs = "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    data = rss(
        "<item><title>a&lol9;<br>b</title><link>http://127.0.0.1/l</link></item>" + items(1),
        f'<!DOCTYPE rss [<!ENTITY lol0 "lol">{laughs}]>',
    )
    feed = parse_feed(data)
    assert len(feed.items) == 2
    assert "lollol" not in repr(feed)


def test_pathological_broken_markup_stays_linear() -> None:
    # each would rescan the rest of the document if a pattern could run past "<"
    for unit in ('<a x="', "<!", "<![CDATA[", "<!--", "<?", "</", "<a b=c "):
        data = rss(items(1) + unit * 20_000)
        feed = parse_feed(data)
        assert feed.items and feed.items[0].title == "Story 0", unit
        assert any("malformed" in w for w in feed.warnings), unit


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.binary(min_size=1, max_size=12))
def test_damaged_feeds_give_a_safe_value(position: int, junk: bytes) -> None:
    whole = (FIXTURES / "rss2.xml").read_bytes()
    at = position % len(whole)
    feed = parse_feed(whole[:at] + junk + whole[at:], "http://127.0.0.1/feed")
    assert isinstance(feed, ParsedFeed)
    assert all(is_terminal_safe(t) for t in text_fields(feed))
    assert all(i.link is None or i.link.startswith(("http://", "https://")) for i in feed.items)


def test_json_feeds_with_a_late_version_and_json_that_is_no_feed() -> None:
    import json

    late = {"title": "T", "description": "x" * 5_000,
            "version": "https://jsonfeed.org/version/1",
            "items": [{"id": "1", "url": "http://127.0.0.1/1", "title": "One"}]}
    feed = parse_feed(json.dumps(late).encode())
    assert feed.format == "json" and [i.title for i in feed.items] == ["One"]
    for other in ({"not": "a feed"}, {"items": "nope"}, [1, 2], {"version": 1}):
        assert parse_feed(json.dumps(other).encode()).format is None, other
    deep = b"[" * 100_000 + b"]" * 100_000
    assert parse_feed(b'{"items": ' + deep + b"}").format is None


def test_ascii_and_other_content_is_cleaned_alike() -> None:
    from reader.extract import clean_text
    from reader.feeds.text import safe_html

    for text in ("<p>plain ascii</p>", "<p>bell\x07 and \x1b[31mred\x1b[0m</p>", "cr\r\nlf",
                 "del\x7f", "caf\u00e9 \u202eevil\x9b31m", "tab\tnew\nline"):
        assert safe_html(text) == (clean_text(text).strip() or None), text

"""parse_feed on well-formed RSS 2.0, RSS 1.0, Atom and JSON Feed fixtures."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from reader.feeds import FeedItem, ParsedFeed, parse_feed

FIXTURES = Path(__file__).parent / "fixtures"


def load(name: str, url: str | None = None) -> ParsedFeed:
    return parse_feed((FIXTURES / name).read_bytes(), url)


def by_title(feed: ParsedFeed, title: str) -> FeedItem:
    return next(i for i in feed.items if i.title == title)


def test_rss2_channel_and_items() -> None:
    feed = load("rss2.xml", "https://gazette.example/feed.xml")
    assert feed.format == "rss" and feed.is_feed
    assert feed.title == "The Harbourside Gazette & Almanac"
    assert feed.link == "https://gazette.example/"
    first = feed.items[0]
    assert first.id == "gazette-1041"
    assert first.title == "Ferry timetable changes for the winter season"
    # tracking parameters removed by our URL normalisation
    assert first.link == "https://gazette.example/2024/11/ferry-winter"
    assert first.published == datetime(2024, 11, 5, 8, 30, tzinfo=timezone(timedelta(hours=1)))
    assert first.author == "Mira Okafor"
    assert first.summary == "The morning crossing moves to 07:15."
    assert first.content is not None and first.content.startswith("<p>The morning crossing")
    assert "The evening boat is unchanged." in first.content


def test_rss2_relative_link_guid_permalink_and_author_in_parentheses() -> None:
    feed = load("rss2.xml", "https://gazette.example/feed.xml")
    market = by_title(feed, "Fish market reopens after the storm")
    assert market.link == "https://gazette.example/2024/11/fish-market-reopens"
    assert market.author == "Tomas Lindqvist"
    assert market.published == datetime(2024, 11, 4, 17, 5, tzinfo=UTC)
    # no <link>: a permalink guid is the link
    lighthouse = by_title(feed, "Lighthouse open day")
    assert lighthouse.link == "https://gazette.example/2024/10/lighthouse-open-day"
    assert lighthouse.published == date(2024, 10, 30)


def test_rss2_title_markup_and_double_escaping_and_bad_date() -> None:
    feed = load("rss2.xml")
    dredging = next(i for i in feed.items if i.link and i.link.endswith("/dredging"))
    assert dredging.title == "Harbour dredging & what it means"
    assert dredging.published is None


def test_rss2_item_without_title_or_link_gets_a_stable_hash_id() -> None:
    feed = load("rss2.xml")
    note = next(i for i in feed.items if i.title is None)
    assert note.link is None
    assert note.id.startswith("hash:")
    assert note.summary is not None and note.summary.startswith("A note without a title")
    again = load("rss2.xml")
    assert next(i for i in again.items if i.title is None).id == note.id


def test_duplicate_ids_keep_the_first_with_a_warning() -> None:
    feed = load("rss2.xml")
    ids = [i.id for i in feed.items]
    assert ids.count("gazette-1041") == 1
    assert by_title(feed, "Ferry timetable changes for the winter season").id == "gazette-1041"
    assert all("repeated" not in (i.title or "") for i in feed.items)
    assert any("repeated an earlier id" in w for w in feed.warnings)
    assert len(feed.items) == 5


def test_rss1_rdf() -> None:
    feed = load("rss1.rdf")
    assert feed.format == "rss"
    assert feed.title == "Allotment Society Notes"
    assert [i.id for i in feed.items] == [
        "https://allotment.example/notes/42",
        "https://allotment.example/notes/41",
    ]
    beans = feed.items[0]
    assert beans.published == datetime(2024, 10, 12, 9, 0, tzinfo=timezone(timedelta(hours=2)))
    assert beans.author == "Ines Barros"
    assert feed.items[1].published == date(2024, 10, 1)


def test_atom_links_bases_and_text_constructs() -> None:
    feed = load("atom.xml", "https://observatory.example/feeds/atom.xml")
    assert feed.format == "atom"
    assert feed.title == "Night Sky Log"  # type="html": tags stripped
    assert feed.link == "https://observatory.example/blog/"
    meteor, saturn, telescope = feed.items
    # the alternate link, not replies or enclosure, resolved against xml:base
    assert meteor.link == "https://observatory.example/blog/meteor-shower"
    assert meteor.published == datetime(2024, 9, 18, 21, 30, tzinfo=timezone(timedelta(hours=-4)))
    assert meteor.author == "Kofi Mensah"
    assert meteor.summary == "Up to sixty an hour, if the clouds stay away."
    # xhtml content serialised back to HTML
    assert meteor.content == (
        '<p>Look north-east after <em>midnight</em>.</p><img src="radiant.png" alt="Radiant">'
    )
    # an entry's own xml:base, rooted at the host
    assert saturn.link == "https://observatory.example/archive/2024/saturn-tilt"
    # type="text": "<Saturn>" is text, not a tag
    assert saturn.title == "Why <Saturn> looks tilted"
    assert saturn.content == "<p>The rings are edge-on in 2025.</p>"
    assert saturn.author == "Observatory volunteers"  # the feed's author applies
    # no link: an id that is an address is the link
    assert telescope.link == "https://observatory.example/blog/telescope-night"


def test_json_feed() -> None:
    feed = load("feed.json", "https://tramdiary.example/feed.json")
    assert feed.format == "json"
    assert feed.title == "Tram Line Diary"
    assert feed.link == "https://tramdiary.example/"
    night, stop, js = feed.items
    assert night.id == "2024-08-14-night-trams"
    assert night.link == "https://tramdiary.example/2024/08/night-trams"
    assert night.title == "Night trams return & run till two"
    assert night.author == "Aino Virtanen"
    assert night.published == datetime(2024, 8, 14, 19, 0, tzinfo=timezone(timedelta(hours=2)))
    assert stop.id == "17"
    assert stop.link == "https://tramdiary.example/2024/08/new-stop"
    assert stop.content == "<p>The stop opens in spring.</p><p>It has a shelter.</p>"
    assert stop.published == date(2024, 8, 2)
    assert stop.author == "Line 4 Riders"
    assert js.link is None
    assert any("left out" in w for w in feed.warnings)  # the item that is not an object


def test_values_are_frozen() -> None:
    feed = load("rss1.rdf")
    item = feed.items[0]
    try:
        item.title = "changed"  # type: ignore[misc]
    except AttributeError:
        pass
    else:  # pragma: no cover
        raise AssertionError("FeedItem is mutable")
    assert item.title == "Broad beans: sow them now"


def test_future_dates_are_dropped_only_when_now_is_given() -> None:
    data = (
        b'<rss version="2.0"><channel><title>t</title>'
        b"<item><title>later</title><link>http://127.0.0.1/a</link>"
        b"<pubDate>Sat, 01 Jan 2050 10:00:00 +0000</pubDate></item>"
        b"<item><title>soon</title><link>http://127.0.0.1/b</link>"
        b"<pubDate>Tue, 05 Nov 2024 12:00:00 +0000</pubDate></item>"
        b"</channel></rss>"
    )
    now = datetime(2024, 11, 5, 11, 0, tzinfo=UTC)
    plain = parse_feed(data)
    assert plain.items[0].published == datetime(2050, 1, 1, 10, 0, tzinfo=UTC)
    checked = parse_feed(data, now=now)
    assert checked.items[0].published is None
    assert checked.items[1].published == datetime(2024, 11, 5, 12, 0, tzinfo=UTC)
    assert any("future" in w for w in checked.warnings)

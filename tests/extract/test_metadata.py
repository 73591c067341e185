"""Page metadata: every source of every field, their precedence, and hostile pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from reader.extract.metadata.dates import date_from_url, parse_date
from reader.extract.metadata.names import clean_byline
from reader.extract.metadata.reading import Metadata, read_metadata
from reader.extract.metadata.text import normalise_language, strip_site
from tests.support import FIXTURES as ALL_FIXTURES
from tests.support.work import counted

FIXTURES = ALL_FIXTURES / "metadata"
PAGE_URL = "https://news.example/section/story"


def meta_of(html: str, url: str | None = PAGE_URL) -> Metadata:
    return read_metadata(LexborHTMLParser(html), url)


def fixture(name: str, url: str | None = PAGE_URL) -> Metadata:
    return meta_of((FIXTURES / name).read_text("utf-8"), url)


def page(head: str = "", body: str = "", lang: str = "") -> str:
    attr = f' lang="{lang}"' if lang else ""
    return f"<!DOCTYPE html><html{attr}><head>{head}</head><body>{body}</body></html>"


def ld(json_text: str) -> str:
    return f'<script type="application/ld+json">{json_text}</script>'


# --- whole pages -------------------------------------------------------------------------


def test_opengraph_page_gives_every_field() -> None:
    meta = fixture("opengraph.html", "https://gazette.example/travel/ferry-fog")
    assert meta.title == "Ferry timetable rewritten after a winter of fog"
    assert meta.byline == "Mirela Ostrowska"
    assert meta.published == datetime(2021, 3, 4, 7, 15, tzinfo=timezone(timedelta(hours=1)))
    assert meta.site_name == "The Harbour Gazette"
    assert meta.canonical_url == "https://gazette.example/travel/ferry-fog?ref=canonical"
    assert meta.lead_image == "https://gazette.example/images/ferry-in-fog.jpg"
    assert meta.language == "en-GB"
    assert meta.json_ld_body is None


def test_json_ld_article_gives_authors_date_publisher_image_and_body() -> None:
    meta = fixture("jsonld_article.html")
    assert meta.title == "Beekeepers count a record spring"
    assert meta.byline == "Tomasz Wilk, Ana Lucía Ferreira"
    assert meta.published == datetime(2022, 5, 17, 9, 30, tzinfo=UTC)
    assert meta.site_name == "Valley Courier"
    assert meta.lead_image == "https://courier.example/img/hives.jpg"
    assert meta.json_ld_body is not None
    assert meta.json_ld_body.startswith("Hives on the upper terraces")
    assert "\n\nThe association counted" in meta.json_ld_body


def test_json_ld_graph_resolves_author_and_publisher_references() -> None:
    meta = fixture("jsonld_graph.html")
    assert meta.title == "Como guardar sementes de tomate"
    assert meta.byline == "Beatriz Couto"
    assert meta.site_name == "Horta na Varanda"
    # The Article's own date wins over its WebPage's.
    assert meta.published == datetime(2020, 8, 2, 10, 0, tzinfo=timezone(timedelta(hours=-3)))
    assert meta.language == "pt-BR"


def test_broken_json_ld_is_repaired_or_skipped() -> None:
    meta = fixture("broken_jsonld.html")
    assert meta.title == "Night market returns to the old tram depot"
    assert meta.byline == "Idris Okafor"
    assert meta.published == date(2023, 10, 6)
    assert meta.json_ld_body == (
        "Forty stalls opened on Friday evening.\nThe depot roof was repaired over the summer."
    )


def test_plain_blog_with_no_metadata_reads_the_visible_page() -> None:
    meta = fixture("plain_blog.html", url=None)
    assert meta.title == "Repairing a cold frame with salvaged windows"
    assert meta.site_name == "Notes from the Allotment"
    assert meta.byline == "Gwen Ashdown"  # not "Rafe", who only commented
    assert meta.published == date(2017, 3, 28)
    assert meta.canonical_url is None
    assert meta.language is None


def test_empty_page_gives_empty_metadata() -> None:
    assert meta_of("") == Metadata()
    assert meta_of("<html></html>", None) == Metadata()


def test_tree_is_not_changed() -> None:
    html = (FIXTURES / "opengraph.html").read_text("utf-8")
    tree = LexborHTMLParser(html)
    before = tree.html
    read_metadata(tree, PAGE_URL)
    assert tree.html == before


# --- title -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Tide tables for May | Coast Weekly", "Coast Weekly", "Tide tables for May"),
        ("Tide tables for May - Coast Weekly", "Coast Weekly", "Tide tables for May"),
        ("Tide tables for May – COAST WEEKLY", "Coast Weekly", "Tide tables for May"),
        ("Coast Weekly: Tide tables for May", "Coast Weekly", "Tide tables for May"),
        ("Tide tables for May | Local | Coast Weekly", "Coast Weekly", "Tide tables for May"),
        ("Tide tables for May - coastweekly.example", None, "Tide tables for May"),
        (
            "Arsenal - Chelsea: the derby in numbers",
            None,
            "Arsenal - Chelsea: the derby in numbers",
        ),
        ("Review: a quiet, careful novel", "Coast Weekly", "Review: a quiet, careful novel"),
    ],
)
def test_site_name_is_stripped_from_titles(title: str, site: str | None, expected: str) -> None:
    assert strip_site(title, site, "https://www.coastweekly.example/x") == expected


def test_title_prefers_the_h1_the_title_tags_confirm() -> None:
    html = page(
        "<title>Lighthouse keeper retires after 40 years - Shore News</title>"
        '<meta property="og:title" content="Lighthouse keeper retires">',
        "<h1>Shore News</h1><h1>Lighthouse keeper retires after 40 years</h1>",
    )
    assert meta_of(html).title == "Lighthouse keeper retires after 40 years"


def test_only_h1_is_the_headline_when_on_the_same_subject() -> None:
    same = page(
        '<meta property="og:title" content="Harbour dredging: what the council decided">',
        "<h1>Council votes to dredge the harbour next spring</h1>",
    )
    assert meta_of(same).title == "Council votes to dredge the harbour next spring"
    other = page(
        '<meta property="og:title" content="Harbour dredging: what the council decided">',
        "<h1>Why our readers love the winter swim</h1><h2>Council story</h2>",
    )
    assert meta_of(other).title == "Harbour dredging: what the council decided"


def test_title_falls_back_to_og_title_then_headline_then_title_tag() -> None:
    og = page('<meta property="og:title" content="From og"><title>From title | Site</title>')
    assert meta_of(og).title == "From og"
    headline = page(ld('{"@type": "Article", "headline": "From JSON-LD"}') + "<title>T</title>")
    assert meta_of(headline).title == "From JSON-LD"
    assert meta_of(page("<title>Only the title | Site Name</title>")).title == "Only the title"


def test_og_site_name_beats_publisher_and_title_suffix_names_the_site() -> None:
    both = page(
        '<meta property="og:site_name" content="River Post">'
        + ld('{"@type": "NewsArticle", "publisher": {"name": "River Post Media Group"}}')
    )
    assert meta_of(both).site_name == "River Post"
    suffix = page(
        "<title>Bridge reopens - River Post</title>"
        '<meta property="og:title" content="Bridge reopens">'
    )
    assert meta_of(suffix).site_name == "River Post"
    assert meta_of(suffix).title == "Bridge reopens"
    app = page('<meta name="application-name" content="River Post">')
    assert meta_of(app).site_name == "River Post"
    assert (
        meta_of(page('<meta property="og:site_name" content="https://river.example">')).site_name
        is None
    )


def test_a_declared_site_name_unlike_the_site_yields_to_the_title_suffix() -> None:
    html = page(
        '<meta property="og:site_name" content="U.K.">'
        "<title>Oil slips on supply worries - Tidewire</title>"
        '<meta property="og:title" content="Oil slips on supply worries">'
    )
    meta = meta_of(html, "https://www.tidewire.example/markets/oil")
    assert meta.site_name == "Tidewire"
    assert meta.title == "Oil slips on supply worries"
    honest = html.replace("U.K.", "Tidewire News")
    assert meta_of(honest, "https://www.tidewire.example/markets/oil").site_name == "Tidewire News"


# --- byline ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("by Jane Doe and John Roe | April 12, 2019", "Jane Doe, John Roe"),
        ("BY JANE DOE, STAFF WRITER", "JANE DOE"),
        ("Written by Jane Doe on 12 April 2019", "Jane Doe"),
        ("Jane Doe, Futurism", "Jane Doe"),
        ("Jane Doe. Northern Wire Service", "Jane Doe"),
        ("Author: Jane Doe", "Jane Doe"),
        ("Sarah E. Needleman", "Sarah E. Needleman"),
        ("By Jamelle Bouie Opinion Columnist", "Jamelle Bouie"),
        ("By LISA MASCARO and ERIC TUCKER Associated Press", "LISA MASCARO, ERIC TUCKER"),
        ("Mike Doe and Ana Paz Monday, November 18", "Mike Doe, Ana Paz"),
        ("Текст: Венера Ерофеева", "Венера Ерофеева"),
        ("Staff Reports", None),
        ("By Dr. Ana Paz and Prof. Rui Gomes", "Dr. Ana Paz, Prof. Rui Gomes"),
        ("By Jane Doe, The Associated Press", "Jane Doe"),
        ("Analysis by Jane Doe, AP Business Writer", "Jane Doe"),
        ("jane_doe", None),
        ("By Tom Davies Associated Press", "Tom Davies"),
        ("The Associated Press", "The Associated Press"),
        ("By STEVE PEOPLES, AP National Political Writer", "STEVE PEOPLES"),
        ("KWCHWEB", None),
        ("Jane Doe; John Roe & Ana Paz", "Jane Doe, John Roe, Ana Paz"),
        ("https://social.example/janedoe", None),
        ("jane@example.com", None),
        ("admin", None),
        ("jdoe", None),
        ("April 12, 2019", None),
        ("", None),
        ("This sentence is far too long to be anybody's name at all", None),
    ],
)
def test_bylines_are_cleaned(raw: str, expected: str | None) -> None:
    assert clean_byline(raw) == expected


def test_json_ld_person_beats_meta_author() -> None:
    html = page(
        '<meta name="author" content="Someone Else">'
        + ld('{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Ines Duarte"}}')
    )
    assert meta_of(html).byline == "Ines Duarte"


def test_organisation_author_only_when_no_person_and_never_the_site_itself() -> None:
    org = ld('{"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Wire Agency"}}')
    assert meta_of(page(org)).byline == "Wire Agency"
    house = page(
        '<meta property="og:site_name" content="Valley Courier">'
        '<meta name="author" content="Valley Courier">'
    )
    assert meta_of(house).byline is None
    with_person = page(org + '<meta name="author" content="Ines Duarte">')
    assert meta_of(with_person).byline == "Ines Duarte"


def test_meta_author_that_is_a_url_is_ignored() -> None:
    html = page(
        '<meta property="article:author" content="https://social.example/someone">',
        '<span itemprop="author"><span itemprop="name">Kofi Mensah</span></span>',
    )
    assert meta_of(html).byline == "Kofi Mensah"


@pytest.mark.parametrize(
    "body",
    [
        '<h1>Story</h1><a rel="author" href="/p/ola">Ola Nordmann</a>',
        '<h1>Story</h1><div class="article-byline">By Ola Nordmann | 3 May 2020</div>',
        '<h1>Story</h1><span class="author-name">Ola Nordmann</span>',
        "<h1>Story</h1><p>By Ola Nordmann</p><p>Text of the story.</p>",
        '<h1>Story</h1><div itemprop="author" itemscope>'
        '<meta itemprop="name" content="Ola Nordmann"></div>',
    ],
)
def test_byline_from_the_visible_page(body: str) -> None:
    assert meta_of(page("", body)).byline == "Ola Nordmann"


def test_visible_byline_beats_json_ld_that_names_someone_else() -> None:
    html = page(
        ld('{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Web Producer"}}'),
        "<h1>Layoffs begin</h1><p>Nov. 18, 2019 12:02 PM By Dana Reyes</p>",
    )
    assert meta_of(html).byline == "Dana Reyes"
    agrees = page(
        ld('{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Dana Reyes"}}'),
        "<h1>Layoffs begin</h1><p>By Dana Reyes, Senior Correspondent</p>",
    )
    assert meta_of(agrees).byline == "Dana Reyes"


def test_house_byline_ends_the_search() -> None:
    html = page(
        '<meta property="og:site_name" content="The Valley Courier">',
        '<h1>Derby day</h1><div class="byline">Valley Courier Sport</div>'
        '<div class="author-box"><span class="author-name">Jo Bloggs</span></div>',
    )
    assert meta_of(html).byline is None


def test_the_site_name_after_the_names_is_an_affiliation() -> None:
    html = page(
        '<meta property="og:site_name" content="Harbour Times">',
        '<h1>Ferry fares rise</h1><div class="byline">Ana Paz and Rui Gomes Harbour Times '
        "Published 7:07 PM EST Nov 19, 2019</div>",
    )
    assert meta_of(html).byline == "Ana Paz, Rui Gomes"


def test_a_byline_cut_short_is_completed_by_a_later_source() -> None:
    html = page(
        "",
        "<h1>Harbour dredging starts</h1>"
        "<p>By Ana Paz and Rui Gomes of the Lisbon Evening Ledger Published 3 May 2020</p>"
        '<span class="article-byline">Ana Paz and Rui Gomes</span>',
    )
    assert meta_of(html).byline == "Ana Paz, Rui Gomes"


def test_share_button_text_is_not_a_byline() -> None:
    html = page("", "<h1>Story</h1><div>Share by Mail</div><p>Released by the council today.</p>")
    assert meta_of(html).byline is None


# --- published ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-04-12T10:30:00Z", datetime(2019, 4, 12, 10, 30, tzinfo=UTC)),
        (
            "2019-04-12T10:30:00+05:30",
            datetime(2019, 4, 12, 10, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        ),
        (
            "2019-04-12T10:30:00.000-0400",
            datetime(2019, 4, 12, 10, 30, tzinfo=timezone(timedelta(hours=-4))),
        ),
        ("2019-04-12 10:30", datetime(2019, 4, 12, 10, 30)),
        ("2019-04-12", date(2019, 4, 12)),
        ("April 12, 2019", date(2019, 4, 12)),
        ("Apr. 12, 2019 10:30 PM", datetime(2019, 4, 12, 22, 30)),
        ("12 April 2019", date(2019, 4, 12)),
        ("publiziert am 25. September 2018", date(2018, 9, 25)),
        ("12 de abril de 2019", date(2019, 4, 12)),
        ("2019/04/12", date(2019, 4, 12)),
        ("Tue Nov 19 2019 03:05:46 GMT+0000", datetime(2019, 11, 19, 3, 5, 46, tzinfo=UTC)),
        ("0001-01-01T00:00:00Z", None),
        ("20190412", date(2019, 4, 12)),
        ("1850-01-01", None),
        ("3019-01-01", None),
        ("2019-02-30", None),
        ("2019-04-12T25:61:00", date(2019, 4, 12)),
        ("yesterday", None),
        ("", None),
    ],
)
def test_dates_are_parsed(text: str, expected: datetime | date | None) -> None:
    assert parse_date(text) == expected


def test_date_from_url() -> None:
    assert date_from_url("https://a.example/2019/04/12/story") == date(2019, 4, 12)
    assert date_from_url("https://a.example/news/2019-4-2-story") == date(2019, 4, 2)
    assert date_from_url("https://a.example/20190412/story") == date(2019, 4, 12)
    assert date_from_url("https://a.example/story/1234567") is None
    assert date_from_url("https://a.example/2019/13/45/x") is None


def test_json_ld_date_beats_meta_and_meta_beats_time() -> None:
    html = page(
        '<meta property="article:published_time" content="2020-01-02">'
        + ld('{"@type": "NewsArticle", "datePublished": "2020-01-01"}'),
        '<time datetime="2020-01-03">3 January</time>',
    )
    assert meta_of(html).published == date(2020, 1, 1)
    html = page(
        '<meta property="article:published_time" content="2020-01-02">',
        '<time datetime="2020-01-03">3 January</time>',
    )
    assert meta_of(html).published == date(2020, 1, 2)


@pytest.mark.parametrize(
    "key", ["pubdate", "DC.date.issued", "parsely-pub-date", "sailthru.date", "date"]
)
def test_date_meta_names(key: str) -> None:
    html = page(f'<meta name="{key}" content="2016-07-08T09:10:11Z">')
    assert meta_of(html).published == datetime(2016, 7, 8, 9, 10, 11, tzinfo=UTC)


def test_time_marked_as_published_beats_other_times() -> None:
    html = page(
        "",
        '<aside><time datetime="2018-01-01">sidebar</time></aside><h1>Story</h1>'
        '<time datetime="2018-02-02" class="updated">changed</time>'
        '<time datetime="2018-03-03" itemprop="datePublished">published</time>',
    )
    assert meta_of(html).published == date(2018, 3, 3)


def test_time_after_the_headline_beats_one_before() -> None:
    html = page(
        "", '<time datetime="2018-01-01">x</time><h1>Story</h1><time datetime="2018-05-05">y</time>'
    )
    assert meta_of(html).published == date(2018, 5, 5)


def test_dateline_text_then_url() -> None:
    html = page("", "<h1>Story</h1><p>Posted on March 3rd, 2015 by Ola</p>")
    assert meta_of(html).published == date(2015, 3, 3)
    assert meta_of(page("", "<h1>Story</h1>"), "https://a.example/2014/06/21/x").published == date(
        2014, 6, 21
    )
    assert meta_of(page("", "<h1>Story</h1>"), "https://a.example/x").published is None


def test_modified_time_is_not_the_publication_date() -> None:
    html = page(
        '<meta property="article:modified_time" content="2020-01-02">',
        '<time datetime="2020-01-01">x</time>',
    )
    assert meta_of(html).published == date(2020, 1, 1)


# --- canonical URL, image, language --------------------------------------------------------


def test_canonical_is_resolved_and_only_http() -> None:
    rel = page('<link rel="canonical" href="../other/story">')
    assert (
        meta_of(rel, "https://news.example/a/b/c").canonical_url
        == "https://news.example/a/other/story"
    )
    js = page(
        '<link rel="canonical" href="javascript:alert(1)">'
        '<meta property="og:url" content="https://news.example/og">'
    )
    assert meta_of(js).canonical_url == "https://news.example/og"
    assert meta_of(page('<link rel="canonical" href="data:text/html,hi">')).canonical_url is None
    assert meta_of(page('<link rel="canonical" href="/x">'), None).canonical_url is None
    assert meta_of(page('<link rel="canonical" href="http://[::1">')).canonical_url is None


def test_lead_image_sources() -> None:
    assert (
        meta_of(page('<meta name="twitter:image" content="//cdn.example/a.jpg">')).lead_image
        == "https://cdn.example/a.jpg"
    )
    jsonld = ld('{"@type": "Article", "image": {"@type": "ImageObject", "url": "/img/b.png"}}')
    assert meta_of(page(jsonld)).lead_image == "https://news.example/img/b.png"
    assert meta_of(page('<meta property="og:image" content="javascript:x()">')).lead_image is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("en", "en"),
        ("EN_us", "en-US"),
        ("pt-br", "pt-BR"),
        ("zh-hans-cn", "zh-Hans-CN"),
        ("de, en", "de"),
        ("x", None),
        ("12", None),
        ("", None),
    ],
)
def test_language_is_normalised(value: str, expected: str | None) -> None:
    assert normalise_language(value) == expected


def test_language_sources_in_order() -> None:
    assert meta_of(page("", "", lang="it-it")).language == "it-IT"
    assert meta_of(page('<meta property="og:locale" content="es_ES">')).language == "es-ES"
    assert meta_of(page('<meta http-equiv="content-language" content="nl">')).language == "nl"


# --- hostile values ------------------------------------------------------------------------


def test_escape_sequences_controls_and_bidi_are_removed() -> None:
    html = page(
        "<title>\x1b[31mRed\x1b[0m alert\x07 \u202eevil\u202c | Site</title>"
        '<meta name="author" content="Jane\x1b]8;;https://x.example\x07 Doe\u2066">'
        '<meta property="og:site_name" content="Si\x9bte\x00">',
    )
    meta = meta_of(html)
    for value in (meta.title, meta.byline, meta.site_name):
        assert value is not None
        assert not any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in value)
        assert not any(0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069 for ch in value)
    assert meta.title == "Red alert evil"
    assert meta.byline == "Jane Doe"


def test_markup_like_text_is_kept_literally() -> None:
    html = page('<meta property="og:title" content="[bold]Not bold[/bold] &lt;b&gt;">')
    assert meta_of(html).title == "[bold]Not bold[/bold] <b>"


def test_json_ld_entities_and_escapes() -> None:
    html = page(
        ld(
            '{"@type": "Article", "headline": "Fish &amp; chips \\u001b[2J", '
            '"articleBody": "Line one\\u0007\\nLine &quot;two&quot;"}'
        )
    )
    meta = meta_of(html)
    assert meta.title == "Fish & chips [2J" or meta.title == "Fish & chips"
    assert meta.json_ld_body == 'Line one\nLine "two"'


def test_json_ld_nesting_bombs_and_junk_do_not_raise() -> None:
    deep = "[" * 5000 + "]" * 5000
    junk = ld(deep) + ld("null") + ld('"just a string"') + ld('{"@graph": 7}') + ld("{{{{")
    assert meta_of(page(junk)).title is None


urls = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.sampled_from(["http://[::1", "https://a.example/2020/01/02/x", "::::", "javascript:x"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html=st.text(max_size=400), url=urls)
def test_never_raises_on_random_text(html: str, url: str | None) -> None:
    assert isinstance(meta_of(html, url), Metadata)


_PIECES = [
    (FIXTURES / name).read_text("utf-8")
    for name in (
        "opengraph.html",
        "jsonld_article.html",
        "jsonld_graph.html",
        "broken_jsonld.html",
        "plain_blog.html",
    )
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    source=st.sampled_from(_PIECES),
    cut=st.integers(min_value=0, max_value=4000),
    length=st.integers(min_value=0, max_value=200),
    insert=st.text(
        alphabet=st.sampled_from(list("<>\"'{}[]&;:/\\\x00\x1b\u202e\ud800 abc=-,#")), max_size=30
    ),
    url=urls,
)
def test_never_raises_on_mutated_pages(
    source: str, cut: int, length: int, insert: str, url: str | None
) -> None:
    mutated = source[:cut] + insert + source[cut + length :]
    meta = meta_of(mutated, url)
    for value in (
        meta.title,
        meta.byline,
        meta.site_name,
        meta.canonical_url,
        meta.lead_image,
        meta.language,
    ):
        assert value is None or (
            "\x00" not in value and "\x1b" not in value and "\u202e" not in value
        )


def _graph(n: int) -> str:
    return ld(
        '{"@graph": ['
        + ",".join(f'{{"@type": "Person", "@id": "p{i}"}}' for i in range(n))
        + "]}"
    )


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "<head>" + '<meta name="author" content="Jo Bloggs">' * n + "</head>",
        lambda n: "<title>" + "word " * (10 * n) + "</title>",
        lambda n: "<head>" + ld('{"@type": "Article", "headline": "h"}') * (n // 10) + "</head>",
        _graph,
        lambda n: "<body><h1>x</h1>" + '<span class="author">Jo Bloggs</span>' * n + "</body>",
        lambda n: "<body><h1>x</h1>" + "<time>soon</time>" * n + "</body>",
    ],
    ids=["metas", "title", "scripts", "graph", "authors", "times"],
)
def test_large_hostile_pages_stay_bounded(make: Callable[[int], str]) -> None:
    """Twice the hostile input costs at most about twice the work (counted in calls, the
    same on any machine): linear or capped, never quadratic."""
    work = []
    for n in (20_000, 40_000):
        tree = LexborHTMLParser(make(n))
        meta, calls = counted(lambda: read_metadata(tree, PAGE_URL))  # noqa: B023
        assert meta.title is None or len(meta.title) <= 1200
        work.append(calls)
    assert work[1] <= 2.5 * work[0], work


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(["Article", "NewsArticle", "Person", "Organization", "2020-01-02", "@id1"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "@type",
                    "@graph",
                    "@id",
                    "author",
                    "name",
                    "headline",
                    "datePublished",
                    "publisher",
                    "image",
                    "url",
                    "articleBody",
                    "mainEntityOfPage",
                    "creator",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=json_values)
def test_never_raises_on_arbitrary_json_ld(value: object) -> None:
    import json

    meta = meta_of(page(ld(json.dumps(value))))
    assert isinstance(meta, Metadata)
    assert meta.byline is None or isinstance(meta.byline, str)


def test_longest_article_body_wins() -> None:
    html = page(
        ld('{"@type": "NewsArticle", "headline": "A", "articleBody": "Short teaser."}')
        + ld('{"@type": "NewsArticle", "articleBody": "The whole story, which is longer."}')
    )
    assert meta_of(html).json_ld_body == "The whole story, which is longer."


def test_metadata_is_frozen() -> None:
    meta = meta_of(page("<title>T</title>"))
    with pytest.raises(AttributeError):
        meta.title = "changed"  # type: ignore[misc]


def test_article_body_holding_html_becomes_paragraphs() -> None:
    body = "<p>First &amp; foremost.</p><p>Second <b>part</b>.<br>Third line.</p>"
    html = page(ld('{"@type": "NewsArticle", "articleBody": "' + body.replace('"', '\\"') + '"}'))
    assert meta_of(html).json_ld_body == "First & foremost.\n\nSecond part.\n\nThird line."


def test_nesting_bomb_inside_article_body_is_bounded() -> None:
    import json

    work = []
    for depth in (100_000, 200_000):
        bomb = "<div>" * depth + "deep" + "</div>" * depth
        html = page(ld(json.dumps({"@type": "Article", "articleBody": bomb})))
        meta, calls = counted(lambda: meta_of(html))  # noqa: B023
        assert meta.json_ld_body == "deep"
        work.append(calls)
    assert work[1] <= 2.5 * work[0], work  # twice as deep: at most about twice the work

"""Teaser finding and ranking (docs/TEASERS.md), on original fixtures, through the real
parser."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from reader.extract.teasers.finder import MAX_TEASERS, TeaserResult, find_teasers
from reader.model import Teaser
from tests.support import FIXTURES as ALL_FIXTURES
from tests.support.work import counted

FIXTURES = ALL_FIXTURES / "teasers"
NEWS_URL = "https://www.harbourgazette.example/news/2024/03/ferry-timetable-shake-up-leaves-islanders-stranded"
SITE = "https://www.harbourgazette.example/news/"
WP_URL = "https://smallplotnotes.example/2023/06/growing-tomatoes-on-a-windy-balcony/"


def run(
    html: str, main_selector: str | None, url: str | None
) -> tuple[TeaserResult, LexborHTMLParser]:
    tree = LexborHTMLParser(html)
    main = tree.css_first(main_selector) if main_selector else None
    return find_teasers(tree, main, url), tree


def news() -> tuple[TeaserResult, LexborHTMLParser]:
    return run((FIXTURES / "news_story.html").read_text(encoding="utf-8"), "#story-body", NEWS_URL)


def by_url(result: TeaserResult) -> dict[str, Teaser]:
    return {t.url: t for t in result.teasers}


def page(body: str, url: str = "https://paper.example/2024/05/our-own-story-today") -> str:
    return f"<html><body><div id='story'><p>{'Story text. ' * 30}</p></div>{body}</body></html>"


# --- ranking and kinds ---------------------------------------------------------------


def test_kinds_rank_related_inline_body_list_each_in_page_order() -> None:
    result, _ = news()
    got = [(t.kind, t.url.removeprefix(SITE)) for t in result.teasers]
    assert got == [
        ("related", "2024/02/ferry-operator-apologises-for-winter-disruption"),
        ("related", "2024/02/what-the-new-timetable-means-for-you"),
        ("related", "https://www.islandtimes.example/story/2024/ferry-fares-freeze-announced"),
        ("inline", "2024/01/islanders-demand-a-say-on-new-ferry-routes"),
        ("inline", "2024/03/fishing-fleet-counts-cost-of-cancelled-crossings"),
        ("body", "2024/02/council-votes-to-review-island-ferry-contract?id=77"),
        ("body", "2023/11/storm-damage-closes-north-pier"),
        ("list", "2024/03/lighthouse-keeper-retires-after-forty-years"),
        ("list", "2024/03/school-bus-route-to-change-after-easter"),
        ("list", "2024/03/rail-strike-called-off-at-last-minute"),
        ("list", "2024/03/new-cafe-opens-on-the-quay"),
    ]


def test_the_heading_decides_not_the_class_name() -> None:
    html = page(
        "<div class='MostPopular'><h3>Related</h3><ul>"
        "<li>"
        "<a href='/2024/05/tide-tables-printed-again'>Tide tables printed again</a></li></ul></div>"
        "<div class='related-stories'><h3>More from Sport</h3><ul>"
        "<li>"
        "<a href='/2024/05/rowing-club-wins-regatta'>"
        "Rowing club wins the regatta</a></li></ul></div>"
    )
    result, _ = run(html, "#story", "https://paper.example/2024/05/our-own-story-today")
    kinds = {t.title: t.kind for t in result.teasers}
    assert kinds == {"Tide tables printed again": "related", "Rowing club wins the regatta": "list"}


@pytest.mark.parametrize(
    "heading",
    [
        "Related",
        "Related stories",
        "More on this story",
        "More on the ferry dispute",
        "See also",
        "Explore further",
        "Story timeline",
        "Read more",
        "Lire aussi",
        "À lire aussi",
        "Mehr zum Thema",
        "Leia também",
        "Leia mais",
        "Lee también",
        "Leggi anche",
        "Материалы по теме",
        "Читайте также",
        "関連記事",
        "관련기사",
        "RELATED ARTICLES:",
    ],
)
def test_related_headings_in_many_languages(heading: str) -> None:
    html = page(
        f"<section><h2>{heading}</h2><ul><li><a href='/2024/04/harbour-dredging-starts'>"
        "Harbour dredging starts next month</a></li></ul></section>"
    )
    result, _ = run(html, "#story", "https://paper.example/2024/05/our-own-story-today")
    assert [t.kind for t in result.teasers] == ["related"]


@pytest.mark.parametrize(
    "heading",
    [
        "Most read",
        "Most popular",
        "Trending now",
        "Latest",
        "Top stories",
        "Editors' picks",
        "Don't miss",
        "You may also like",
        "Recommended for you",
        "More from Business",
        "Read next",
        "Recent posts",
    ],
)
def test_generic_list_headings(heading: str) -> None:
    html = page(
        f"<div><h3>{heading}</h3><ul><li><a href='/2024/04/harbour-dredging-starts'>"
        "Harbour dredging starts next month</a></li></ul></div>"
    )
    result, _ = run(html, "#story", "https://paper.example/2024/05/our-own-story-today")
    assert [t.kind for t in result.teasers] == ["list"]


def test_heading_wrapped_in_a_peer_element_still_counts() -> None:
    html = page(
        "<div class='rail'><div class='head'><h2>Related Stories</h2></div>"
        "<div class='col'><a href='/2024/04/first-related-story'>First related story here</a>"
        "<a href='/2024/04/second-related-story'>Second related story here</a></div></div>"
    )
    result, _ = run(html, "#story", "https://paper.example/2024/05/our-own-story-today")
    assert [t.kind for t in result.teasers] == ["related", "related"]


def test_without_main_there_are_no_body_links_but_lists_remain() -> None:
    result, _ = run((FIXTURES / "news_story.html").read_text(encoding="utf-8"), None, NEWS_URL)
    kinds = {t.kind for t in result.teasers}
    assert "body" not in kinds
    assert "related" in kinds
    assert result.block_ids == frozenset()


# --- inline teasers and the blocks the body renderer skips ---------------------------


def test_inline_teasers_are_found_and_their_blocks_reported() -> None:
    result, tree = news()
    teasers = by_url(result)
    card = teasers[SITE + "2024/03/fishing-fleet-counts-cost-of-cancelled-crossings"]
    assert card.kind == "inline"
    assert card.title == "Fishing fleet counts cost of cancelled crossings"
    assert card.summary == "Skippers say missed sailings have cost them a week of landings."
    related_line = teasers[SITE + "2024/01/islanders-demand-a-say-on-new-ferry-routes"]
    assert (related_line.kind, related_line.title) == (
        "inline",
        "Islanders demand a say on new ferry routes",
    )
    assert related_line.summary == ""
    for selector in ("#p-related", "#card", "#most-read h4", "#most-read ul"):
        assert tree.css_first(selector).mem_id in result.block_ids, selector
    for selector in ("#p1", "#p2", "#p3", "#p4", "#story-body"):
        assert tree.css_first(selector).mem_id not in result.block_ids, selector


def test_wordpress_inline_teaser_comes_first_and_leaves_the_body() -> None:
    html = (FIXTURES / "wordpress_post.html").read_text(encoding="utf-8")
    result, tree = run(html, ".entry-content", WP_URL)
    first = result.teasers[0]
    assert first.kind == "inline"
    assert (
        first.url == "https://smallplotnotes.example/2023/04/building-a-windbreak-from-old-pallets/"
    )
    assert first.title == "Building a windbreak from old pallets"
    assert first.summary == "Two pallets, a drill and an afternoon gave my herbs a fighting chance."
    assert tree.css_first(".inline-teaser").mem_id in result.block_ids
    for p in tree.css(".entry-content > p"):
        assert p.mem_id not in result.block_ids
    urls = [t.url for t in result.teasers]
    assert "https://smallplotnotes.example/2023/07/saving-seed-from-this-years-crop/" in urls
    assert not any("spamgarden" in u or "replytocom" in u or "/tag/" in u for u in urls)


def test_bare_read_more_in_the_body_is_not_a_teaser() -> None:
    html = page("", "x").replace(
        "</p></div>", " <a href='/2024/05/our-own-story-today/full'>Read more</a></p></div>"
    )
    result, _ = run(html, "#story", "https://paper.example/2024/05/our-own-story-today")
    assert result.teasers == ()


# --- what is neither -----------------------------------------------------------------


def test_neither_links_are_left_out() -> None:
    result, _ = news()
    urls = {t.url for t in result.teasers}
    left_out = [
        "2024/03/mayor-opens-new-harbour-wall",  # a headline in the navigation menu
        "authors/morag-finlay",
        "topics/ferries",
        "2024/03/ferry-timetable-shake-up-leaves-islanders-stranded",  # the page itself
        "2024/03/ferry-timetable-shake-up-leaves-islanders-stranded/2",  # its page 2
        "2024/03/ferry-timetable-shake-up-leaves-islanders-stranded?print=1",
        "2024/03/ferry-timetable-shake-up-leaves-islanders-stranded?share=facebook",
        "about-us",
        "privacy-policy",
        "login",
        "search?q=ferry",
    ]
    for rest in left_out:
        assert "https://www.harbourgazette.example/" + rest.removeprefix("/") not in urls
        assert SITE + rest not in urls
    assert not any("transportwatch" in u or "twitter.com" in u for u in urls)  # sources, share
    assert not any("ads.example" in u or "shopnow" in u for u in urls)  # promoted widget
    assert all(u.startswith("https://") for u in urls)


def test_sponsored_and_comment_links() -> None:
    html = page(
        "<div class='ob-widget'><h3>You may also like</h3>"
        "<a"
        " href='https://elsewhere.example/2024/04/ten-tricks-doctors-hate'>"
        "Ten tricks doctors hate</a></div>"
        "<ul class='list'><li>"
        "<a rel='sponsored' href='/2024/04/a-paid-placement-story'>A paid placement story</a></li>"
        "<li><a href='/2024/04/another-story-with-comments#comments'>14 comments</a></li></ul>"
    )
    result, _ = run(html, "#story", "https://paper.example/2024/05/our-own-story-today")
    assert result.teasers == ()


def test_external_sources_in_the_body_are_not_teasers() -> None:
    html = page("").replace(
        "</p></div>",
        " <a href='https://gov.example/reports/2024/annual-harbour-report'>the annual report</a>"
        " <a"
        " href='https://paper.example/2023/12/harbour-master-steps-down'>"
        "stepped down</a></p></div>",
    )
    result, _ = run(html, "#story", "https://paper.example/2024/05/our-own-story-today")
    assert [(t.kind, t.url) for t in result.teasers] == [
        ("body", "https://paper.example/2023/12/harbour-master-steps-down")
    ]


def test_rule_4_quizzes_and_round_ups_are_not_stories() -> None:
    html = page(
        "<div><h3>Most popular</h3><ul>"
        "<li>"
        "<a href='/2024/04/quiz-how-well-do-you-know-the-coast'>"
        "Quiz: how well do you know the coast?</a></li>"
        "<li>"
        "<a href='/2024/04/best-waterproof-jackets-to-buy'>"
        "The best waterproof jackets to buy</a></li>"
        "<li>"
        "<a href='/live/2024/04/storm-updates-as-they-happen'>Storm updates as they happen</a></li>"
        "</ul></div>"
    )
    result, _ = run(html, "#story", "https://paper.example/2024/05/our-own-story-today")
    assert [t.title for t in result.teasers] == ["Storm updates as they happen"]


# --- titles, summaries, images, duplicates -------------------------------------------


def test_kickers_dates_and_labels_are_stripped_from_titles() -> None:
    result, _ = news()
    teasers = by_url(result)
    assert teasers[SITE + "2024/02/ferry-operator-apologises-for-winter-disruption"].title == (
        "Ferry operator apologises for winter disruption"
    )
    assert teasers[
        "https://www.islandtimes.example/story/2024/ferry-fares-freeze-announced"
    ].title == ("Ferry fares freeze announced for the summer")


@pytest.mark.parametrize(
    ("anchor", "title"),
    [
        ("EXCLUSIVE: Harbour master speaks out", "Harbour master speaks out"),
        ("Popular Harbour master speaks out at last", "Harbour master speaks out at last"),
        ("Also on Island Times: Harbour master speaks out", "Harbour master speaks out"),
        ("Harbour master speaks out – 3 hours ago", "Harbour master speaks out"),
        (
            "<h3>Harbour master speaks out</h3><p>A long interview about the pier.</p>",
            "Harbour master speaks out",
        ),
        (
            "<span class='eyebrow'>Opinion</span><span>Harbour master speaks out</span>",
            "Harbour master speaks out",
        ),
        ("<img src='/i.jpg' alt='Harbour master speaks out'>", "Harbour master speaks out"),
    ],
)
def test_title_is_the_headline_alone(anchor: str, title: str) -> None:
    html = page(
        "<section><h2>See also</h2><ul><li>"
        f"<a href='/2024/04/harbour-master-speaks-out'>{anchor}</a>"
        "</li></ul></section>"
    )
    result, _ = run(html, "#story", "https://paper.example/2024/05/our-own-story-today")
    assert [t.title for t in result.teasers] == [title]


def test_title_falls_back_to_title_and_aria_label() -> None:
    html = page(
        "<section><h2>Related</h2>"
        "<a href='/2024/04/a-story-named-by-title' title='A story named by its title'></a>"
        "<a href='/2024/04/a-story-named-by-label' aria-label='A story named by its label'>»</a>"
        "</section>"
    )
    result, _ = run(html, "#story", "https://paper.example/2024/05/our-own-story-today")
    assert [t.title for t in result.teasers] == [
        "A story named by its title",
        "A story named by its label",
    ]


def test_duplicates_and_noscript_copies_are_merged() -> None:
    result, _ = news()
    urls = [t.url for t in result.teasers]
    assert len(urls) == len(set(urls))
    timetable = by_url(result)[SITE + "2024/02/what-the-new-timetable-means-for-you"]
    assert timetable.title == "What the new timetable means for you"
    assert timetable.summary == "Every change to the sailings, route by route, in one place."
    assert timetable.image == "https://www.harbourgazette.example/img/timetable.jpg"


def test_merge_keeps_the_better_rank_and_the_better_title() -> None:
    html = page(
        "<div><h3>Most read</h3><a href='/2024/04/the-same-story-twice'>"
        "<img src='/a.jpg' alt='pic'></a></div>"
        "<div><h3>Related</h3>"
        "<a href='/2024/04/the-same-story-twice'>The same story, told twice</a></div>"
    )
    result, _ = run(html, "#story", "https://paper.example/2024/05/our-own-story-today")
    assert [(t.kind, t.title, t.image) for t in result.teasers] == [
        ("related", "The same story, told twice", "https://paper.example/a.jpg")
    ]


# --- URLs: base, relative, tracking, redirects ---------------------------------------


def test_urls_resolve_against_base_href_and_lose_tracking() -> None:
    result, _ = news()
    urls = {t.url for t in result.teasers}
    assert (
        SITE + "2024/02/council-votes-to-review-island-ferry-contract?id=77" in urls
    )  # base + ids kept
    assert SITE + "2023/11/storm-damage-closes-north-pier" in urls  # protocol-relative
    assert SITE + "2024/03/new-cafe-opens-on-the-quay" in urls  # ocid dropped
    assert not any("utm_" in u or "fbclid" in u or "#" in u for u in urls)


def test_redirect_wrapper_in_a_related_block_gives_the_partner_story() -> None:
    result, _ = news()
    partner = by_url(result)[
        "https://www.islandtimes.example/story/2024/ferry-fares-freeze-announced"
    ]
    assert partner.kind == "related"


def test_obfuscated_script_links_never_appear() -> None:
    html = page(
        "<section><h2>Related</h2>"
        "<a href=' &#x01;javascript:alert(1)//2024/04/a-b-c'>A scripted headline here</a>"
        "<a href='jav&#x09;ascript:alert(1)'>Another scripted headline</a>"
        "<a href='JAVASCRIPT:alert(1)'>Yet another scripted headline</a>"
        "<a href='data:text/html;base64,PHNjcmlwdD4='>A data headline here</a>"
        "<a href='vbscript:msgbox(1)'>A vbscript headline here</a>"
        "</section>"
    )
    result, _ = run(html, "#story", "https://paper.example/2024/05/our-own-story-today")
    assert result.teasers == ()


def test_query_string_story_ids_are_stories() -> None:
    html = page(
        "<div><h3>Latest</h3><ul>"
        "<li>"
        "<a href='/news/view.html?idx=8812&amp;utm_source=x'>"
        "Council passes the harbour budget</a></li>"
        "<li><a href='/?p=4410'>Volunteers repaint the lifeboat station</a></li>"
        "</ul></div>",
    )
    result, _ = run(html, "#story", "https://paper.example/?p=4000")
    assert [t.url for t in result.teasers] == [
        "https://paper.example/news/view.html?idx=8812",
        "https://paper.example/?p=4410",
    ]


# --- safety, purity, totality, cost --------------------------------------------------


def test_text_fields_are_terminal_safe_and_markup_stays_literal() -> None:
    html = page(
        "<section><h2>Related</h2><div>"
        "<a href='/2024/04/escape-story'>[bold]Red\x1b[31m alert\u202e"
        " over the bay\x07</a>"
        "<p>A blurb\x1b]8;;http://x\x07 with [link]tricks[/link] inside it.</p>"
        "</div></section>"
    )
    result, _ = run(html, "#story", "https://paper.example/2024/05/our-own-story-today")
    (teaser,) = result.teasers
    for text in (teaser.title, teaser.summary):
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in text)
        assert not any(c in text for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert teaser.title.startswith("[bold]Red")
    assert "[link]tricks[/link]" in teaser.summary


def test_hidden_markup_counts() -> None:
    html = page(
        "<div class='tabs'><div hidden><h3>Related</h3><ul><li>"
        "<a href='/2024/04/story-in-an-inactive-tab'>Story in an inactive tab</a></li></ul></div>"
        "<div style='display:none'><h3>Most read</h3><ul><li>"
        "<a href='/2024/04/story-in-a-hover-card'>Story in a hover card</a></li></ul></div></div>"
    )
    result, _ = run(html, "#story", "https://paper.example/2024/05/our-own-story-today")
    assert [t.kind for t in result.teasers] == ["related", "list"]


def test_the_tree_is_not_changed() -> None:
    html = (FIXTURES / "news_story.html").read_text(encoding="utf-8")
    tree = LexborHTMLParser(html)
    before = tree.html
    find_teasers(tree, tree.css_first("#story-body"), NEWS_URL)
    assert tree.html == before


def test_a_million_links_cost_linear_time_and_give_a_bounded_list() -> None:
    """Counted in calls (the same on any machine), the finder's own work stops at its
    link cap: a million links cost no more than a hundred thousand. What grows with the
    page is the parser's C work, which is linear."""
    work = []
    for count in (100_000, 1_000_000):
        items = "".join(
            f"<li><a href='/2024/01/story-number-{i}-of-many'>Story number {i} of many</a></li>"
            for i in range(count)
        )
        tree = LexborHTMLParser(
            f"<html><body><div id='story'><p>x</p></div><ul>{items}</ul></body></html>"
        )
        story = tree.css_first("#story")
        result, calls = counted(
            lambda: find_teasers(tree, story, "https://paper.example/2024/05/a")  # noqa: B023
        )
        assert 0 < len(result.teasers) <= MAX_TEASERS
        work.append(calls)
    assert work[1] <= 2 * work[0], work  # ten times the links, not ten times the work


_HTML_BITS = st.sampled_from(
    [
        "<a href='/2024/01/a-story-slug-here'>",
        "<a href='javascript:x'>",
        "<a href='//x.example/y-z-w'>",
        "</a>",
        "<h2>Related</h2>",
        "<h3>Most read</h3>",
        "<nav>",
        "</nav>",
        "<ul><li>",
        "</li></ul>",
        "<p>",
        "</p>",
        "<div class='sponsor'>",
        "</div>",
        "<noscript>",
        "<base href='/x/'>",
        "Read more: ",
        "see more",
        "\x1b[31m",
        "\u202e",
        "<img alt='pic' src='/i.jpg'>",
        "&amp;",
        "<",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(_HTML_BITS, st.text(max_size=20)), max_size=40),
    st.one_of(st.none(), st.text(max_size=30), st.just("https://paper.example/2024/05/a-b-c")),
    st.booleans(),
)
def test_never_raises_and_only_gives_http_teasers(
    bits: list[str], url: str | None, with_main: bool
) -> None:
    tree = LexborHTMLParser("".join(bits))
    main = tree.css_first("p") if with_main else None
    result = find_teasers(tree, main, url)
    assert isinstance(result, TeaserResult)
    assert len(result.teasers) <= MAX_TEASERS
    for t in result.teasers:
        assert t.url.startswith(("http://", "https://"))
        assert t.title
        assert t.kind in ("related", "inline", "body", "list")


def test_also_on_and_read_more_lines_are_inline() -> None:
    html = (
        "<html><body><div id='story'><p>" + "Story text. " * 30 + "</p>"
        "<p id='a'>Also on Harbour Radio: <a href='https://harbourradio.example/2024/05/ferry-phone-in'>"
        "Listeners ring in about the ferries</a></p>"
        "<p id='b'>READ MORE: <a href='/2024/05/pier-repairs-begin'>"
        "Pier repairs begin on Monday</a></p>"
        "<p>" + "More story text. " * 30 + "</p></div></body></html>"
    )
    result, tree = run(html, "#story", "https://paper.example/2024/05/our-own-story-today")
    assert [(t.kind, t.title) for t in result.teasers] == [
        ("inline", "Listeners ring in about the ferries"),
        ("inline", "Pier repairs begin on Monday"),
    ]
    assert {tree.css_first("#a").mem_id, tree.css_first("#b").mem_id} <= result.block_ids


def test_a_heading_over_body_paragraphs_does_not_take_them_out_of_the_body() -> None:
    prose = "Paragraph text that goes on for a while about the harbour. " * 4
    html = (
        "<html><body><div id='story'><h2>Read more</h2>"
        f"<p id='p1'>{prose}</p>"
        f"<p id='p2'>{prose}<a href='/2023/09/harbour-history-explained'>harbour history</a>"
        f" {prose}</p>"
        "</div></body></html>"
    )
    result, tree = run(html, "#story", "https://paper.example/2024/05/our-own-story-today")
    assert [t.kind for t in result.teasers] == ["body"]
    assert tree.css_first("#p2").mem_id not in result.block_ids


def test_previous_and_next_story_links_in_post_navigation() -> None:
    html = page(
        "<nav class='post-nav'>"
        "<a rel='prev' href='/2024/05/the-story-before-this-one'>The story before this one</a>"
        "<a rel='next' href='/2024/05/the-story-after-this-one'>The story after this one</a>"
        "<a href='/2024/05/a-menu-entry-story'>A menu entry that names a story</a></nav>"
    )
    result, _ = run(html, "#story", "https://paper.example/2024/05/our-own-story-today")
    assert [t.title for t in result.teasers] == [
        "The story before this one",
        "The story after this one",
    ]


@pytest.mark.parametrize(
    "href",
    [
        "/2024/05/our-own-story-today?page=2",
        "/2024/05/our-own-story-today/2",
        "/2024/05/our-own-story-today/page/3/",
        "/2024/05/our-own-story-today/amp",
        "/2024/05/our-own-story-today/trackback/",
        "/2024/05/our-own-story-today/harbour-at-dusk-photo-3/",
        "http://paper.example/2024/05/our-own-story-today/",
        "https://m.paper.example/2024/05/our-own-story-today",
        "HTTPS://WWW.Paper.Example/2024/05/our-own-story-today/",
    ],
)
def test_the_page_itself_in_any_form_is_left_out(href: str) -> None:
    html = page(f"<div><h3>Related</h3><a href='{href}'>Our own story again, page two</a></div>")
    result, _ = run(html, "#story", "https://paper.example/2024/05/our-own-story-today")
    assert result.teasers == ()


def test_undated_pages_among_dated_stories_are_dropped() -> None:
    dated = "".join(
        f"<li><a href='/2024/0{i}/dated-story-number-{i}'>Dated story number {i} here</a></li>"
        for i in range(1, 8)
    )
    html = page(
        f"<div><ul>{dated}"
        "<li><a href='/what-is-an-affiliate-link'>What is an affiliate link</a></li></ul></div>"
    )
    result, _ = run(html, "#story", "https://paper.example/2024/05/our-own-story-today")
    titles = [t.title for t in result.teasers]
    assert len(titles) == 7
    assert "What is an affiliate link" not in titles


def test_a_whole_card_inside_one_link_is_an_inline_teaser() -> None:
    html = (
        "<html><body><div id='story'><p>" + "Story text. " * 30 + "</p>"
        "<div id='card' class='inline-box'>"
        "<a href='/2024/05/quay-market-moves-indoors?utm_source=inline'><strong class='box-title'>"
        "Harbour board: the quay market moves indoors for winter</strong> "
        "<span class='box-summary'>Stallholders get the old fish hall from December to March."
        "</span> "
        "<span class='box-more'>see more</span></a></div>"
        "<p>" + "More story text. " * 30 + "</p></div></body></html>"
    )
    result, tree = run(html, "#story", "https://paper.example/2024/05/our-own-story-today")
    (teaser,) = result.teasers
    assert teaser.kind == "inline"
    assert teaser.url == "https://paper.example/2024/05/quay-market-moves-indoors"
    assert teaser.title == "Harbour board: the quay market moves indoors for winter"
    assert teaser.summary == "Stallholders get the old fish hall from December to March."
    assert tree.css_first("#card").mem_id in result.block_ids


def test_a_heading_only_screen_readers_see_and_a_count_in_the_heading() -> None:
    html = page(
        "<section aria-label='Related stories'><ul><li>"
        "<a href='/2024/04/labelled-related-story'>A labelled related story</a></li></ul></section>"
        "<div><h3>Most read (5)</h3><ul><li>"
        "<a href='/2024/04/a-counted-list-story'>A story in a counted list</a></li></ul></div>"
    )
    result, _ = run(html, "#story", "https://paper.example/2024/05/our-own-story-today")
    assert [t.kind for t in result.teasers] == ["related", "list"]


# --- menus -----------------------------------------------------------------------------

_MENU = """
<ul class="strip">
  <li><a href="/weather">Weather</a></li>
  <li><a href="/18822-tide-times-this-week.html">Tide Times This Week</a></li>
  <li><a href="/videos">Videos</a></li>
  <li><a href="/31907-harbour-events-calendar.html">Harbour Events Calendar</a></li>
  <li><a href="/letters">Letters</a></li>
</ul>
"""
_HEADLINES = """
<ul class="stack">
  <li><a href="/2024/05/ferry-crew-rescue-two-kayakers-off-the-point">Ferry crew rescue two
    kayakers off the point in thick fog</a></li>
  <li><a href="/2024/05/quay-market-returns-for-the-summer">Quay market returns for the
    summer with twenty new stalls</a></li>
  <li><a href="/2024/05/harbour-master-warns-of-low-spring-tides">Harbour master warns of
    low spring tides this weekend</a></li>
  <li><a href="/2024/05/new-bench-for-the-pier">New bench for the pier</a></li>
</ul>
"""


def test_the_longer_entries_of_a_menu_are_no_stories() -> None:
    """A list outside the story whose links are short on average is a menu: its story-shaped
    entries of three or more words ("Tide Times This Week") are left out, while a list of
    headlines keeps even its short headline."""
    result, _ = run(page(_MENU + _HEADLINES), "#story", "https://paper.example/2024/05/our-own-story-today")
    got = [t.url.removeprefix("https://paper.example") for t in result.teasers]
    assert got == [
        "/2024/05/ferry-crew-rescue-two-kayakers-off-the-point",
        "/2024/05/quay-market-returns-for-the-summer",
        "/2024/05/harbour-master-warns-of-low-spring-tides",
        "/2024/05/new-bench-for-the-pier",
    ]


def test_a_short_list_and_a_list_in_the_body_are_not_judged_as_menus() -> None:
    """Three links are too few to call a menu; a list inside the story keeps its story
    links whatever their length."""
    short = ("<ul><li><a href='/weather'>Weather</a></li>"
             "<li><a href='/18822-tide-times-this-week.html'>Tide Times This Week</a></li>"
             "<li><a href='/videos'>Videos</a></li></ul>")
    in_body = ("<html><body><div id='story'><p>" + "Story text. " * 30 + "</p>" + _MENU
               + "</div></body></html>")
    result, _ = run(page(short), "#story", "https://paper.example/2024/05/our-own-story-today")
    assert [t.url for t in result.teasers] == ["https://paper.example/18822-tide-times-this-week.html"]
    result, _ = run(in_body, "#story", "https://paper.example/2024/05/our-own-story-today")
    assert [t.url.removeprefix("https://paper.example") for t in result.teasers] == [
        "/18822-tide-times-this-week.html", "/31907-harbour-events-calendar.html"]


def test_a_block_of_category_links_is_navigation() -> None:
    """Category links ("post-cats", "cat-links", "categories") lead to section pages,
    however story-shaped their address; prose in such a block keeps its story links."""
    cats = ("<div class='post-cats'><a href='/guides/harbour-walks-for-families/'>Harbour"
            " Walks For Families</a> <a href='/guides/tide-tables/'>Tide Tables</a></div>")
    prose = ("<div class='categories'><p>" + "A long paragraph of words about the quay. " * 8
             + "<a href='/2024/04/the-quay-in-winter-light'>The quay in winter light</a></p>"
             "</div>")
    result, _ = run(page(cats + prose), "#story", "https://paper.example/2024/05/our-own-story-today")
    assert [t.url for t in result.teasers] == ["https://paper.example/2024/04/the-quay-in-winter-light"]


def test_below_a_front_is_not_below_the_page() -> None:
    """Only a story's own address has parts of the page below it: on a page that names a
    section front as its own, the stories under that front stay teasers."""
    html = ("<html><head><link rel='canonical' href='https://paper.example/harbour/'></head>"
            "<body><div id='story'><p>" + "Story text. " * 30 + "</p></div><div><h3>Related</h3>"
            "<a href='/harbour/2024/05/new-pontoons-for-the-marina'>New pontoons for the"
            " marina</a></div></body></html>")
    result, _ = run(html, "#story", "https://paper.example/2024/05/our-own-story-today")
    assert [t.url for t in result.teasers] == [
        "https://paper.example/harbour/2024/05/new-pontoons-for-the-marina"]

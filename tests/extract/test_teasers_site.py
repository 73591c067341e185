"""The page's own site, the Public Suffix List, and the shapes of related blocks on pages
unlike the usual article template (docs/TEASERS.md), through the real parser."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from reader.extract import extract
from reader.extract.teasers.finder import TeaserResult, find_teasers
from reader.extract.teasers.text import strip_kicker
from reader.extract.urls import registrable_domain, same_site
from reader.model import Teaser
from tests.support import FIXTURES as ALL_FIXTURES

FIXTURES = ALL_FIXTURES / "teasers"
OWN = "https://www.capeherald.example/coast/2024/04/lighthouse-keepers-return-north-cape"
TRUST = "https://www.capeherald.example/coast/2023/11/trust-buys-north-cape-light-from-council"
WORK = "https://www.capeherald.example/coast/2024/01/volunteers-scrape-paint-from-the-old-tower"
STORM = "https://www.capeherald.example/coast/2023/08/last-keeper-remembers-the-storm-of-1979"


def saved_copy() -> str:
    return (FIXTURES / "saved_copy.html").read_text(encoding="utf-8")


def run(html: str, url: str | None, main: str | None = None) -> TeaserResult:
    tree = LexborHTMLParser(html)
    node = tree.css_first(main) if main else None
    return find_teasers(tree, node, url)


def by_url(result: TeaserResult) -> dict[str, Teaser]:
    return {t.url: t for t in result.teasers}


STORY = "<p>" + "The council met on Tuesday to talk about the harbour wall. " * 12 + "</p>"


def page(after: str, *, head: str = "", inside: str = "") -> str:
    return (f"<html><head>{head}</head><body><main><article><div id='body'>{STORY}{inside}"
            f"</div></article>{after}</main></body></html>")


# --- registrable domains and sites ------------------------------------------------------

def test_registrable_domain_follows_the_public_suffix_list() -> None:
    # Private suffixes: every github.io or blogspot.com site is a site of its own.
    assert registrable_domain("me.github.io") == "me.github.io"
    assert registrable_domain("https://notes.blogspot.com/2024/x") == "notes.blogspot.com"
    assert not same_site("https://me.github.io/a", "https://you.github.io/b")
    # Deeper public suffixes than a two-letter country code allows for.
    assert registrable_domain("www.city.kawasaki.jp") == "city.kawasaki.jp"
    assert registrable_domain("news.example.com.au") == "example.com.au"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://www.bbc.co.uk/news/a", "https://www.bbc.com/news/b"),  # one name, two suffixes
        ("https://money.paper.example.com/x", "https://www.paper.example.com/y"),  # sister hosts
        ("https://127.0.0.1:8000/a", "https://127.0.0.1:9000/b"),
    ],
)
def test_one_publisher_stays_one_site(a: str, b: str) -> None:
    assert same_site(a, b)


# --- the page's own address ---------------------------------------------------------------

def test_copy_read_from_a_mirror_keeps_the_publishers_stories() -> None:
    got = by_url(run(saved_copy(), "https://mirror.example.net/copies/keepers.html", "#story-body"))
    assert got[TRUST].kind == "body" and got[WORK].kind == "body"
    assert got[STORM].kind == "related"
    # Relative links resolve against the address the page was read from, as a browser's do.
    assert "https://mirror.example.net/coast/2022/05/why-the-north-cape-light-went-dark" in got
    # An outside source cited in the text is still no story of the site.
    assert not any("maritime-survey" in u for u in got)


def test_saved_copy_without_address_resolves_against_its_own() -> None:
    got = by_url(run(saved_copy(), None, "#story-body"))
    assert "https://www.capeherald.example/coast/2022/05/why-the-north-cape-light-went-dark" in got
    assert TRUST in got and OWN not in got


def test_sister_host_is_the_same_site() -> None:
    html = saved_copy().replace("https://www.capeherald.example/coast/2023/11/",
                                "https://money.capeherald.example/coast/2023/11/")
    got = by_url(run(html, OWN, "#story-body"))
    sister = "https://money.capeherald.example/coast/2023/11/trust-buys-north-cape-light-from-council"
    assert sister in got


@pytest.mark.parametrize(
    "head",
    [
        "<meta property='og:url' content='https://www.tidewatch.example/2024/05/harbour-wall'>",
        "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
        "\"url\": \"https://www.tidewatch.example/2024/05/harbour-wall\"}</script>",
    ],
)
def test_og_url_or_json_ld_url_names_the_site(head: str) -> None:
    link = "https://www.tidewatch.example/2024/04/harbour-wall-cracks-after-winter-storms"
    html = page("", head=head, inside=f"<p>Last month <a href='{link}'>the wall cracked</a>.</p>")
    got = by_url(run(html, "https://cache.example.org/c/tidewatch/harbour-wall", "#body"))
    assert got[link].kind == "body"


# --- shapes missed before ------------------------------------------------------------------

def test_similar_articles_after_a_share_heading_are_related() -> None:
    after = (
        "<div class='sidebar'><h3>Share</h3><div><a href='https://x.example/share'>X</a></div>"
        "<div class='widget'><h3><span>Ähnliche Artikel</span></h3>"
        "<div class='card'><a href='/news/2024/05/new-ferry-arrives-from-the-yard'>"
        "<h4>New ferry arrives from the yard</h4></a></div>"
        "<div class='card'><a href='/tv/harbour-festival-film-night'><img alt=''>"
        "<h4>Harbour festival film night</h4></a></div></div></div>"
    )
    got = by_url(run(page(after), "https://port.example/news/2024/05/wall", "#body"))
    ferry = "https://port.example/news/2024/05/new-ferry-arrives-from-the-yard"
    assert got[ferry].kind == "related"
    assert got["https://port.example/tv/harbour-festival-film-night"].title == (
        "Harbour festival film night")


def test_see_also_plain_list_on_an_older_page() -> None:
    html = (
        "<html><body><table><tr><td><font size=2>" + STORY +
        "<p><b>See also:</b></p><ul><li><a href='/archive/1999/quay_fire.html'>Fire on the "
        "east quay</a></li><li><a href='/archive/1999/quay_rebuilt.html'>Quay to be rebuilt"
        "</a></li></ul></font></td></tr></table></body></html>"
    )
    got = by_url(run(html, "http://old.example/archive/1999/quay.html"))
    assert got["http://old.example/archive/1999/quay_fire.html"].kind in ("related", "inline")


def test_story_marked_for_ad_slots_is_no_ad() -> None:
    html = (
        "<html><body><main><article class='article article-ad-marker'>" + STORY +
        "<div class='teaser'><a href='/b2b/port-authority-raises-berth-fees/400432972'><img alt=''>"
        "</a><a href='/b2b/port-authority-raises-berth-fees/400432972'><h2>Port authority "
        "raises berth fees</h2></a></div></article></main></body></html>"
    )
    got = by_url(run(html, "https://port.example/news/wall/400487461", "main"))
    assert "https://port.example/b2b/port-authority-raises-berth-fees/400432972" in got


def test_comment_section_inside_the_story_gives_nothing() -> None:
    inside = (
        "<section id='comments' class='comment-section'><article class='comment'>"
        "<a href='https://profile.port.example/3806054'>Harbourmaster 1971</a>"
        "<a href='/news/2024/05/wall?cid=51160650'>#1 — 8 hours ago</a><p>I agree.</p>"
        "</article></section>"
    )
    got = run(page("", inside=inside), "https://port.example/news/2024/05/wall", "#body")
    assert got.teasers == ()


def test_next_page_of_this_story_is_not_a_teaser() -> None:
    inside = "<p><a href='/news/2024-01/wall-repairs/seite-2'>Page 2: The bill</a></p>"
    got = run(page("", inside=inside), "https://port.example/news/2024-01/wall-repairs", "#body")
    assert got.teasers == ()


def test_deals_and_social_posts_are_no_stories() -> None:
    inside = (
        "<aside><h3>Good Deals</h3><ol><li><a href='/good-deals/2024/5/1/cheap-rain-jackets-"
        "for-the-harbour-walk'>Cheap rain jackets for the harbour walk</a></li></ol></aside>"
        "<blockquote><a href='https://www.instagram.com/p/ByxilPNJK3M/'>View this post on "
        "Instagram</a></blockquote>"
        "<figure><a href='https://media-cdn.port.example/image/sz.1.3919259/860x860'>"
        "<img alt='The wall at dawn'></a></figure>"
    )
    got = run(page("", inside=inside), "https://port.example/news/2024/05/wall", "#body")
    assert got.teasers == ()


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("Gull Colonies Abound DEC 27", "Gull Colonies Abound"),
        ("Gull Colonies Abound 27 DEC", "Gull Colonies Abound"),
        ("Strike called for May 1", "Strike called for May 1"),  # a date in the headline stays
    ],
)
def test_capitals_date_label_glued_to_a_headline_is_dropped(raw: str, title: str) -> None:
    assert strip_kicker(raw) == title


def test_extract_with_a_read_address_finds_the_publishers_body_links() -> None:
    article = extract(saved_copy(), "https://mirror.example.net/copies/keepers.html")
    kinds = {t.url: t.kind for t in article.teasers}
    assert kinds.get(TRUST) == "body"


@pytest.mark.parametrize("path", ["/archiv/2019/06/20", "/select/tr/2019/7", "/2024/05/"])
def test_a_day_or_month_archive_is_no_story(path: str) -> None:
    inside = f"<p>Filed on <a href='{path}'>20 June 2019 in the print issue</a>.</p>"
    got = run(page("", inside=inside), "https://port.example/news/2019/06/20/wall-cracks", "#body")
    assert got.teasers == ()


def test_a_section_named_for_ads_stays_junk_even_with_prose() -> None:
    inside = (
        "<section class='Report__Section Report__Section--Ads'><p>" + "Grills compared. " * 20 +
        "<a href='https://www.port.example/offers/grill-bargain-at-the-shop-154632772.html'>"
        "Buy the grill at the shop today</a></p></section>"
    )
    got = run(page("", inside=inside), "https://port.example/test/grill-test_154632771.html",
              "#body")
    assert got.teasers == ()


def test_a_tracking_path_with_a_target_is_unwrapped() -> None:
    from reader.extract.urls import resolve_url

    wrapped = "https://x.port.example/linktrack/button/?url=https%3A%2F%2Fshop.example%2Fdp%2FB07"
    assert resolve_url(wrapped, None) == "https://shop.example/dp/B07"
    # A path that merely mentions tracking, with no target, stays as it is.
    assert resolve_url("https://port.example/tracking-the-storm/", None) == (
        "https://port.example/tracking-the-storm/")


@pytest.mark.parametrize(
    ("title", "story"),
    [
        ("Build your own site with over 70% off on a yearly plan", False),
        ("Now 50% off, this kettle boils in a minute", False),
        ("Slash an extra 15% off these early winter sales", False),
        ("Ferry shares end 2% off the day's highs", True),
        ("Save up to 40% on a standing desk this week", False),
        ("Harbour fees rise 3% in March", True),
        ("Shares close 3% off their highs after the vote", True),
        # Calls to give or to subscribe, in the languages of the pages we read.
        ("Faire un don", False),
        ("Abonnez-vous à la lettre du port", False),
        ("Jetzt spenden", False),
        ("Anmelden", False),
        ("Suscríbete al boletín", False),
        ("Spenden für den Hafen gesammelt", True),
        ("Abbonati in calo al porto", True),
        # A site's service pages, whatever their address looks like.
        ("Terms of Use", False),
        ("Privacy Policy/YOUR CALIFORNIA PRIVACY RIGHTS", False),
        ("Impressum", False),
        ("The port changes its privacy policy", True),
        ("Site map of the new harbour", True),
    ],
)
def test_sale_wording_names_no_story(title: str, story: bool) -> None:
    from reader.extract.teasers.text import not_a_story_title

    assert not_a_story_title(title) is not story


def test_related_card_with_headline_only_in_image_alt() -> None:
    after = (
        "<section><h2>Related</h2><div class='cards'>"
        "<a href='/video/2024/05/divers-inspect-the-harbour-wall'>"
        "<img src='/i/1.jpg' alt='Divers inspect the harbour wall'></a>"
        "<a href='/video/2024/05/tug-crews-rehearse-the-rescue'>"
        "<img src='/i/2.jpg' alt='Tug crews rehearse the rescue'></a></div></section>"
    )
    got = by_url(run(page(after), "https://port.example/news/2024/05/wall", "#body"))
    teaser = got["https://port.example/video/2024/05/divers-inspect-the-harbour-wall"]
    assert (teaser.kind, teaser.title) == ("related", "Divers inspect the harbour wall")


def test_page_with_only_menus_author_and_tags_gets_no_filler() -> None:
    after = (
        "<nav><a href='/news/'>News</a><a href='/sport/'>Sport</a><a href='/weather/'>Weather</a>"
        "</nav><div class='byline'><a href='/author/jo-marsh'>Jo Marsh</a></div>"
        "<ul class='tags'><li><a href='/tag/harbour'>harbour</a></li>"
        "<li><a href='/topic/council-budget-2024'>council budget</a></li></ul>"
        "<footer><a href='/about-us'>About us</a><a href='/privacy-policy'>Privacy</a></footer>"
    )
    got = run(page(after), "https://port.example/news/2024/05/wall", "#body")
    assert got.teasers == ()


PORT = "https://port.example/news/2024/05/wall"


def test_a_section_the_menu_names_is_no_story_elsewhere_on_the_page() -> None:
    menu = (
        "<nav><ul class='menu'><li><a href='/about/our-harbour-board'>Harbour board</a></li>"
        "<li><a href='/port-life/harbour-rankings-explained'>Rankings</a></li></ul></nav>"
    )
    after = (
        "<aside><h2>More from the port</h2><ul>"
        "<li><a href='/port-life/harbour-rankings-explained'>Where the port stands in the"
        " annual rankings</a></li>"
        "<li><a href='/news/2024/05/tug-crews-rehearse-the-rescue'>Tug crews rehearse the"
        " rescue</a></li></ul></aside>"
    )
    got = by_url(run(menu + page(after), PORT, "#body"))
    assert list(got) == ["https://port.example/news/2024/05/tug-crews-rehearse-the-rescue"]
    # Without the menu the same link is taken for a story (the menu decides), ...
    alone = by_url(run(page(after), PORT, "#body"))
    assert "https://port.example/port-life/harbour-rankings-explained" in alone
    # ... a menu's "More" names nothing, and a dated story a menu features stays a story.
    featured = (
        "<nav><ul class='menu'><li><a href='/port-life/harbour-rankings-explained'>More</a></li>"
        "<li><a href='/news/2024/05/tug-crews-rehearse-the-rescue'>Tug crews</a></li></ul></nav>"
    )
    assert len(by_url(run(featured + page(after), PORT, "#body"))) == 2


def test_a_show_or_section_above_the_found_stories_is_dropped() -> None:
    after = (
        "<section><h2>Latest episodes</h2><ul>"
        "<li><a href='/shows/harbour-hour/the-night-the-ferry-stopped'>The night the ferry"
        " stopped</a> <a href='/shows/harbour-hour'>Harbour Hour weekly</a></li>"
        "<li><a href='/shows/tide-talk/who-owns-the-foreshore'>Who owns the foreshore?</a>"
        " <a href='/shows/tide-talk'>Tide Talk with the pilots</a></li>"
        "<li><a href='/shows/harbour-hour-extra/fishermen-and-the-quota'>Fishermen and the"
        " quota</a></li>"
        "<li><a href='/news/2024/05?page=2'>Older stories from May</a></li></ul></section>"
    )
    got = list(by_url(run(page(after), PORT, "#body")))
    assert got == [
        "https://port.example/shows/harbour-hour/the-night-the-ferry-stopped",
        "https://port.example/shows/tide-talk/who-owns-the-foreshore",
        "https://port.example/shows/harbour-hour-extra/fishermen-and-the-quota",
    ]
    # The page's own folder ("/news/2024/05" above "/news/2024/05/wall") is no story either.
    above_page = (
        "<section><h2>Most read</h2><ul><li><a href='/news/2024/05'>All the stories of May"
        " 2024</a></li><li><a href='/news/2024/04/quay-cafe-opens-its-doors'>Quay cafe opens"
        " its doors</a></li></ul></section>"
    )
    assert list(by_url(run(page(above_page), PORT, "#body"))) == [
        "https://port.example/news/2024/04/quay-cafe-opens-its-doors"]


def test_a_refused_headline_stays_refused_under_read_the_rest() -> None:
    after = (
        "<section><h2>More stories</h2>"
        "<div class='next'><h2><a href='/2024/05/deal-on-harbour-cruises'>Save 60% on harbour"
        " cruises this summer</a></h2><p>A deal for our readers.</p>"
        "<h3><a href='/2024/05/deal-on-harbour-cruises'>Read the rest</a></h3></div>"
        "<div class='next'><h2><a href='/2024/05/pilots-vote-on-new-rota'>Pilots vote on a new"
        " rota</a></h2><p>The vote closes on Friday.</p>"
        "<h3><a href='/2024/05/pilots-vote-on-new-rota'>READ THE REST</a></h3></div></section>"
    )
    got = run(page(after), PORT, "#body")
    assert [(t.url, t.title) for t in got.teasers] == [
        ("https://port.example/2024/05/pilots-vote-on-new-rota", "Pilots vote on a new rota")]


def test_a_menu_link_over_its_submenu_is_no_heading() -> None:
    menu = (
        "<nav><ul><li><a href='/ads/' role='menuitem'>More on Advertising</a>"
        "<div class='submenu'><ul><li><a href='https://www.valleynews.example/2024/05/classified-notices-move-online'>"
        "Classified notices move online</a></li><li><a href='https://notices.partner.example/2024/05/public"
        "-notices-for-the-harbour-works'>Public notices and legal adverts</a></li></ul></div></li>"
        "</ul></nav>"
    )
    got = run(menu + page(""), PORT, "#body")
    assert got.teasers == ()
    # The same list under a real heading is a related block, other sites included.
    heading = menu.replace("<a href='/ads/' role='menuitem'>More on Advertising</a>",
                           "<h3>More on Advertising</h3>").replace("<nav>", "<div>")
    got = run(heading.replace("</nav>", "</div>") + page(""), PORT, "#body")
    assert [t.kind for t in got.teasers] == ["related", "related"]


def test_a_one_word_heading_inside_a_link_is_a_kicker_not_the_headline() -> None:
    after = (
        "<div id='related'><h3>Similar posts</h3><ul>"
        "<li><a href='/2023/04/judges-rule-on-the-harbour-wall-appeal/'>"
        "<h4 class='keyword'>Court</h4>Judges rule on the harbour wall appeal</a></li>"
        "<li><a href='/2022/09/pier-lease-goes-to-the-rowing-club/'>"
        "<h4>The pier lease goes to the rowing club</h4></a></li></ul></div>"
    )
    got = run(page(after), PORT, "#body")
    assert [(t.kind, t.title) for t in got.teasers] == [
        ("related", "Judges rule on the harbour wall appeal"),
        ("related", "The pier lease goes to the rowing club"),
    ]


def test_spip_article_addresses_are_stories() -> None:
    from reader.extract.teasers.shape import story_shape

    assert story_shape("https://port.example/spip.php?article8554") == "story"
    assert story_shape("https://port.example/spip.php?breve120&lang=fr") == "story"
    assert story_shape("https://port.example/spip.php?rubrique12") == "no"
    after = (
        "<div class='menu'><h2>Dans la même rubrique</h2><ul>"
        "<li><a href='spip.php?article8554'>Les dockers votent la grève du 5</a></li>"
        "<li><a href='spip.php?article8501' class='on'>La page elle-même</a></li></ul></div>"
    )
    got = run(page(after), "https://port.example/spip.php?article8501", "#body")
    assert [(t.kind, t.url) for t in got.teasers] == [
        ("related", "https://port.example/spip.php?article8554")]


@pytest.mark.parametrize(
    ("url", "shape"),
    [
        ("https://port.example/2019/11/18/harbour/ferry-fares-frozen/index.html", "story"),
        ("https://port.example/inhalte/2/aktuelles/150651/kein-neuer-kai/index.html", "story"),
        ("https://port.example/news/index.html", "no"),
        ("https://port.example/index.php", "no"),
        ("https://port.example/2019/05/index.html", "no"),
    ],
)
def test_an_index_file_is_named_by_its_folder(url: str, shape: str) -> None:
    from reader.extract.teasers.shape import story_shape

    assert story_shape(url) == shape


def test_next_and_previous_posts_take_the_headline_the_head_names() -> None:
    head = ("<link rel='prev' title='Pilots vote on a new rota' "
            "href='https://port.example/2024/05/pilots-vote-on-a-new-rota/'>"
            "<link rel='next' title='Quay cafe opens its doors' "
            "href='https://port.example/2024/05/quay-cafe-opens-its-doors/'>")
    after = ("<nav class='post-nav'><a rel='next' href='/2024/05/quay-cafe-opens-its-doors/'>"
             "Nächste</a> <a rel='prev' href='/2024/05/pilots-vote-on-a-new-rota/'>Vorherige</a>"
             "</nav>")
    got = run(page(after, head=head), PORT, "#body")
    assert [(t.kind, t.title) for t in got.teasers] == [
        ("list", "Quay cafe opens its doors"), ("list", "Pilots vote on a new rota")]
    # Without the head's titles, a one-word "Next" is no headline.
    assert run(page(after), PORT, "#body").teasers == ()


@pytest.mark.parametrize(
    ("url", "shape"),
    [
        # A blog's attachment page: one segment more below a dated post.
        ("https://port.example/2013/08/02/harbour-wall-gets-a-mural/mural-detail-3/", "no"),
        ("https://port.example/2013/08/02/harbour-wall-gets-a-mural/", "story"),
        ("https://port.example/PromoContent/5-Best-Harbour-Cranes-For-2016-442612", "no"),
        # Forums and classified ads in other languages.
        ("https://friends.port.example/foren/hafen-und-boote/532737-wer-kennt-den-kai", "no"),
        ("https://port.example/ez/index.php/kleinanzeigen/anfrage/597352/", "no"),
    ],
)
def test_attachments_and_promotions_are_no_stories(url: str, shape: str) -> None:
    from reader.extract.teasers.shape import story_shape

    assert story_shape(url) == shape


def test_the_page_in_another_form_shares_its_id() -> None:
    own = "https://port.example/article/6486944b076b4df99a583a3a7c85574d/pilots-vote-on-rota"
    inside = (
        "<p>The pilots met on Friday. <a href='/gallery/6486944b076b4df99a583a3a7c85574d/"
        "pilots-vote-on-rota'>View all (23)</a></p>"
        "<p>Earlier: <a href='/article/19a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6/tug-crews-rehearse-the"
        "-rescue'>tug crews rehearsed the rescue</a>.</p>"
        "<p><a href='/overlay/media/8854333/6486944b076b4df99a583a3a7c85574d'>How the pilots"
        " train for a night crossing</a></p>"
    )
    got = [t.url for t in run(page("", inside=inside), own, "#body").teasers]
    assert got == [
        "https://port.example/article/19a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6/tug-crews-rehearse-the-rescue",
        # A media item with an id of its own beside the page's is a story of its own.
        "https://port.example/overlay/media/8854333/6486944b076b4df99a583a3a7c85574d",
    ]


def test_tracking_and_titles_of_cards() -> None:
    from reader.extract.teasers.text import classify_heading, is_generic, not_a_story_title
    from reader.extract.urls import resolve_url

    assert resolve_url("https://port.example/live/pilots-vote/?intcid=CNI-00-10aaa3a", None) == (
        "https://port.example/live/pilots-vote/")
    assert is_generic("View all (23)") and is_generic("See all")
    assert not is_generic("View all the harbour pictures")
    assert classify_heading("Hot Topics") == "list"
    assert not_a_story_title("Work with us")
    assert not not_a_story_title("Jobs report beats forecasts")


def test_an_empty_badge_does_not_make_a_card_a_see_more_teaser() -> None:
    inside = (
        "<div class='card'><a href='/video/2024/05/tug-crews-rehearse-the-rescue'>"
        "<span class='title'>Tug crews rehearse the rescue</span><span class='blurb'>Crews"
        " practise at night.</span><span class='duration'><svg></svg></span></a></div>"
    )
    got = run(page("", inside=inside), PORT, "#body").teasers
    assert [(t.kind, t.title) for t in got] == [("body", "Tug crews rehearse the rescue")]


def test_a_screen_reader_prefix_is_no_part_of_the_title() -> None:
    after = (
        "<section><h2>Related</h2><a href='/news/2024/05/feeling-the-heat-on-the-quay'>"
        "<span class='off-screen'>Full article</span> Feeling the heat on the quay</a></section>"
    )
    got = run(page(after), PORT, "#body").teasers
    assert [t.title for t in got] == ["Feeling the heat on the quay"]


def test_a_headline_link_beats_the_caption_of_the_picture_link_before_it() -> None:
    after = (
        "<section><h2>Most read</h2><div class='card'>"
        "<a href='/news/2024/05/pilots-vote-on-a-new-rota'><img src='/i/1.jpg'"
        " alt='Two pilots stand on the bridge of a tug at dawn, Tuesday'></a>"
        "<h3><a href='/news/2024/05/pilots-vote-on-a-new-rota'>Pilots vote on a new rota</a></h3>"
        "</div></section>"
    )
    got = run(page(after), PORT, "#body").teasers
    assert [t.title for t in got] == ["Pilots vote on a new rota"]


def test_a_list_heading_inside_a_menu_leaves_the_column_to_the_menu() -> None:
    menu = (
        "<nav class='tray'><div class='tray-section'><h3><a href='/news'>News</a></h3>"
        "<div class='children'><div><a href='/news/pier-works-in-pictures'>Pier works in"
        " pictures</a></div><div><a href='/news/investigate/homeless-on-the-quay'>Homeless"
        " on the quay</a></div></div></div></nav>"
    )
    assert run(menu + page(""), PORT, "#body").teasers == ()
    # A "Related" block keeps its heading wherever it stands.
    related = menu.replace("<a href='/news'>News</a>", "Related")
    assert len(run(related + page(""), PORT, "#body").teasers) == 2


def test_a_title_never_holds_a_template_s_markup_or_a_nested_blurb() -> None:
    after = (
        "<section><h2>Trending</h2><ul><li><a href='/news/2024/05/pilots-vote-on-a-new-rota'>"
        "<div class='image'><picture><script type='text/template-picture'><source"
        " srcset='https://cdn.port.example/i/1.webp'></script></picture></div>"
        "<span class='body'><span>Pilots vote on a new rota</span>"
        "<span class='entry-blurb'>The vote closes on Friday.</span></span></a></li>"
        "<li><a href='/news/2024/05/breaking-down-the-harbour-budget'>Breaking down the"
        " harbour budget</a></li></ul></section>"
    )
    got = run(page(after), PORT, "#body").teasers
    assert [t.title for t in got] == [
        "Pilots vote on a new rota", "Breaking down the harbour budget"]
    from reader.extract.teasers.text import strip_kicker

    assert strip_kicker("Watch live: Pilots vote on a new rota") == "Pilots vote on a new rota"


def test_deal_and_price_hosts_are_no_stories() -> None:
    from reader.extract.teasers.shape import story_shape

    assert story_shape("https://deals.port.example/deal/19/11/15/save-up-to-40-on-kettles") == (
        "no")
    assert story_shape("https://prices.port.example/kettle-price-guide-late-2019") == "no"


def test_previous_post_without_a_named_headline_takes_its_address_s_words() -> None:
    after = ("<div class='post-navigation'>"
             "<a rel='prev' href='/2024/05/pilots-vote-on-a-new-rota/'>« Previous Post</a>"
             " <a rel='next' href='/2024/05/quay-cafe-opens-its-doors/'>"
             "Next Post »</a></div>"
             "<section><h2>Latest</h2><ul><li><a href='/2024/05/quay-cafe-opens-its-doors/'>"
             "Quay Café opens its doors</a></li></ul></section>")
    got = run(page(after), PORT, "#body").teasers
    assert sorted(t.title for t in got) == [
        "Pilots vote on a new rota", "Quay Café opens its doors"]


def test_a_related_heading_beside_a_back_to_top_link_still_heads_the_block() -> None:
    after = (
        "<div class='title'><h2>Related Articles</h2><div><a href='#top'>Scroll back to top</a>"
        "</div></div><div class='related-block'><ul>"
        "<li><a href='/pilots-vote-on-a-new-rota/'>Pilots vote on a new rota</a></li></ul></div>"
    )
    got = run(page(after), PORT, "#body").teasers
    assert [(t.kind, t.title) for t in got] == [("related", "Pilots vote on a new rota")]
    # A "Comments" heading so placed says nothing of the block after it.
    other = after.replace("Related Articles", "Comments")
    assert [t.kind for t in run(page(other), PORT, "#body").teasers] == ["list"]


def test_one_story_under_two_spellings_of_its_address_is_one_teaser() -> None:
    after = (
        "<section><h2>Most read</h2><ul>"
        "<li><a href='https://port.example/guide/quay-parking-explained/'>Quay parking"
        " explained</a></li>"
        "<li><a href='http://www.port.example/guide/quay-parking-explained//'>Parking on the"
        " quay: the rules</a></li></ul></section>"
    )
    got = run(page(after), PORT, "#body").teasers
    assert [t.url for t in got] == ["https://port.example/guide/quay-parking-explained/"]


def test_the_headline_link_of_a_card_beats_its_blurb_link_and_its_label() -> None:
    after = (
        "<section><h2>Latest</h2><ul>"
        "<li><a href='/2024/05/quay-cafe-opens-its-doors'><p>The old harbour master's office"
        " has a new life as a cafe, and the first queue formed before dawn on Monday.</p></a>"
        "<a class='item-title' href='/2024/05/quay-cafe-opens-its-doors'>Quay cafe opens its"
        " doors</a></li>"
        "<li><a href='/2024/05/pilots-vote-on-a-new-rota'><h6>News Port</h6></a>"
        "<a href='/2024/05/pilots-vote-on-a-new-rota'><p>Pilots vote on a new rota</p></a></li>"
        "</ul></section>"
    )
    got = run(page(after), PORT, "#body").teasers
    assert [t.title for t in got] == ["Quay cafe opens its doors", "Pilots vote on a new rota"]


def test_a_title_wrapper_gives_its_heading_not_its_blurb() -> None:
    after = (
        "<section><h2>Latest</h2><article><a href='/news/2024/05/quay-cafe-opens-its-doors'>"
        "<div class='icon'><svg></svg></div><span class='thumb'><img src='/i/1.jpg' alt=''>"
        "</span><div class='item__title-wrapper'><h4>Quay cafe opens its doors</h4>"
        "<p class='item__dek'>The first queue formed before dawn.</p>"
        "<div><span>14H ago</span></div></div></a></article></section>"
    )
    got = run(page(after), PORT, "#body").teasers
    assert [t.title for t in got] == ["Quay cafe opens its doors"]


def test_a_subtitle_above_the_headline_is_not_the_headline() -> None:
    inside = (
        "<a class='read-more-big' href='/news/2024/05/pilots-vote-on-a-new-rota/'>"
        "<span class='box'><span class='box__content'><span class='box__subtitle'>Also on"
        " port.example</span><span class='box__title'>Pilots vote on a new rota</span>"
        "</span></span></a>"
    )
    got = run(page("", inside=inside), PORT, "#body").teasers
    assert [t.title for t in got] == ["Pilots vote on a new rota"]

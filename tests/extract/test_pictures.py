"""The story's pictures: every one of the story kept once, at a sensible size, the lead
picture first even above the headline; pixels, logos, avatars, icons, share buttons and
ads left out. The pages are small originals in the shapes real pages use."""

from __future__ import annotations

import re

import pytest

from reader.extract import extract
from reader.extract.pictures import best_candidate, candidates, picture_key, placeholder
from tests.support.pages import STORY, story_html

URL = "https://news.example/transport/night-bus"
_PICTURE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")


def pictures(markdown: str) -> list[str]:
    return _PICTURE.findall(markdown)


def with_block(block: str, after: int = 2) -> list[str]:
    return pictures(extract(story_html(block, after=after), URL).markdown)


def paragraphs() -> str:
    return "".join(f"<p>{p}</p>" for p in STORY)


# --- pictures inside the story ------------------------------------------------------


def test_diagrams_without_alt_text_are_kept() -> None:
    found = with_block(
        "<p><img src='/img/diagram-one.png'></p>"
        "<div class='wp-block-image'><img src='/img/diagram-two.png' alt=''></div>"
        "<figure><img src='/img/diagram-three.png'><figcaption>Route B at night</figcaption>"
        "</figure>"
    )
    assert found == [
        "https://news.example/img/diagram-one.png",
        "https://news.example/img/diagram-two.png",
        "https://news.example/img/diagram-three.png",
    ]


def test_srcset_only_picture_takes_a_candidate_near_800_to_1600_pixels() -> None:
    found = with_block(
        "<figure><img srcset='/img/depot-320.jpg 320w, /img/depot-1024.jpg 1024w, "
        "/img/depot-1440.jpg 1440w, /img/depot-3000.jpg 3000w' alt='The depot'></figure>"
    )
    assert found == ["https://news.example/img/depot-1440.jpg"]


def test_picture_element_with_sources_only() -> None:
    found = with_block(
        "<picture><source type='image/avif' srcset='/img/stop-900.avif 900w'>"
        "<source srcset='/img/stop-480.webp 480w, /img/stop-960.webp 960w'>"
        "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' alt='The new stop'></picture>"
    )
    # AVIF is skipped (the terminal's decoder cannot read it); 960w is in the band.
    assert found == ["https://news.example/img/stop-960.webp"]


def test_lazy_picture_with_placeholder_src_and_noscript_copy_is_kept_once() -> None:
    found = with_block(
        "<figure class='lazy-figure'><img class='lazyload' src='/assets/blank.gif' "
        "data-srcset='/img/lamp-600.jpg 600w, /img/lamp-1200.jpg 1200w' alt='A lamp'>"
        "<noscript><img src='/img/lamp-1200.jpg' alt='A lamp'></noscript></figure>"
    )
    assert found == ["https://news.example/img/lamp-1200.jpg"]


def test_lazy_loader_of_its_own_kind() -> None:
    found = with_block(
        "<figure><div class='lazy-container'><img data-normal='/media/ferry-at-dusk.jpg' "
        "alt='The ferry'></div></figure>"
    )
    assert found == ["https://news.example/media/ferry-at-dusk.jpg"]


def test_a_lazy_attribute_holding_settings_is_no_address() -> None:
    found = with_block(
        '<figure><img data-src=\'{"default": {"load": "defer"}}\' '
        "src='/img/quay-wall.jpg' alt='Quay wall'></figure>"
    )
    assert found == ["https://news.example/img/quay-wall.jpg"]


def test_the_same_picture_at_two_sizes_is_given_once() -> None:
    found = with_block(
        "<p><a href='/img/harbour-crane-2048x1365.jpg'>"
        "<img src='/img/harbour-crane-800x533.jpg' alt='Crane'></a></p>"
        "<div class='gallery'><img src='/img/harbour-crane-300x200.jpg' alt='Crane'></div>"
    )
    assert found == ["https://news.example/img/harbour-crane-800x533.jpg"]


def test_pictures_in_a_layout_table_and_in_a_heading_are_kept() -> None:
    found = with_block(
        "<table><tr><td><img src='/photo/2019/shelter_1.jpg'></td></tr>"
        "<tr><td><img src='/photo/2019/shelter_2.jpg'></td></tr></table>"
        "<h3><img src='/img/route-map.png' alt='Route map'></h3>"
    )
    assert found == [
        "https://news.example/photo/2019/shelter_1.jpg",
        "https://news.example/photo/2019/shelter_2.jpg",
        "https://news.example/img/route-map.png",
    ]


def test_a_layout_class_saying_without_caption_is_no_caption() -> None:
    found = with_block(
        "<p class='withoutCaption'><picture><img data-src='/img/platform.jpg' "
        "src='/img/preloader.gif' alt='Platform'></picture></p>"
    )
    assert found == ["https://news.example/img/platform.jpg"]


# --- what is not the story ----------------------------------------------------------


@pytest.mark.parametrize(
    "junk",
    [
        "<img src='https://stats.example/hit.gif?page=4' width='1' height='1' alt=''>",
        "<img src='/img/counter.gif' style='width:1px;height:1px' alt=''>",
        "<img src='/img/spacer.gif' alt=''>",
        "<img src='/img/1x1-white.jpg' alt=''>",
        "<img src='https://www.facebook.com/tr?id=42&amp;ev=PageView' alt=''>",
        "<img src='/img/hidden-photo.jpg' style='display:none' alt='Hidden'>",
        "<img src='/img/hidden-too.jpg' hidden alt='Hidden'>",
        "<img class='site-logo' src='/img/brand.png' alt='News Example'>",
        "<img src='/theme/logo-dark.png' alt='News Example'>",
        "<img class='avatar' src='/people/reporter.jpg' alt='The reporter'>",
        "<a class='share-twitter' href='https://twitter.example/share'>"
        "<img src='/theme/bird.png' alt='Share'></a>",
        "<img src='/theme/mail.svg' width='24' height='24' alt='Email this'>",
        "<img src='/img/banner-300x250.jpg' class='ad-slot' alt='Advertisement'>",
        "<img src='https://ads.example/www/delivery/avw.php?zoneid=7' alt=''>",
        "<img src='data:image/png;base64,iVBORw0KGgo=' alt='Inline data'>",
        "<img src='javascript:alert(1)' alt='Script'>",
    ],
)
def test_pixels_logos_avatars_icons_share_buttons_ads_and_scripts_are_dropped(
    junk: str,
) -> None:
    found = with_block(f"<p>{junk}</p><figure><img src='/img/kept.jpg' alt='Kept'></figure>")
    assert found == ["https://news.example/img/kept.jpg"]


def test_a_link_named_for_how_it_opens_the_picture_keeps_it() -> None:
    # "overlay" names clutter for a block of text; a bare link around a picture only
    # says how the picture opens.
    found = with_block(
        "<div class='pic-frame wide'><a class='overlayLink' href='#' rel='nofollow'>"
        "<img src='/img/terraces-above-the-river.jpg' alt='Terraces above the river'></a>"
        "<p></p></div>"
    )
    assert found == ["https://news.example/img/terraces-above-the-river.jpg"]


def test_a_bare_link_to_another_story_named_related_stays_out() -> None:
    found = with_block(
        "<a class='related-thumb' href='/transport/ferry-timetable-changes'>"
        "<img src='/img/ferry-at-the-quay.jpg' alt=''></a>"
        "<figure><img src='/img/kept.jpg' alt='Kept'></figure>"
    )
    assert found == ["https://news.example/img/kept.jpg"]


def test_a_picture_named_as_the_hero_is_no_ad_for_a_word_beside_it() -> None:
    found = with_block(
        "<div class='frame'><img class=' block-image-ads hero-image' "
        "src='/img/galaxy-cluster-1024.png' alt='A hot cluster'></div>"
    )
    assert found == ["https://news.example/img/galaxy-cluster-1024.png"]


def test_a_picture_with_its_credit_line_is_no_notice() -> None:
    # The block's whole text is a credit ("© …"), which alone would be a notice.
    found = with_block(
        "<div class='intro-box'><div class='image-box'>"
        "<img src='/img/harbour-crane-at-dusk.jpg' alt='The crane' width='622' height='622'>"
        "</div><div class='credit-meta'>© Harbour Photo Agency</div></div>"
    )
    assert found == ["https://news.example/img/harbour-crane-at-dusk.jpg"]


def test_a_credit_beside_its_picture_is_a_caption_not_story_text() -> None:
    from reader.extract import extract

    prose = "<p>" + "The crane was lit at dusk for the first time in a decade. " * 8 + "</p>"
    page = (f"<html><body><article><h1>The crane</h1>{prose}<div><img src='/img/crane.jpg'"
            f" alt='The crane'>© Harbour Photo Agency / Jo Marsh</div>{prose}</article>"
            "</body></html>")
    article = extract(page, "https://news.example/2024/05/the-crane")
    assert "![The crane](https://news.example/img/crane.jpg)" in article.markdown
    assert "© Harbour Photo Agency / Jo Marsh" in article.markdown  # under the picture
    assert "Harbour Photo Agency" not in article.text  # not a paragraph of the story


def test_a_notice_with_a_picture_is_still_a_notice() -> None:
    found = with_block(
        "<div class='box'><img src='/img/sponsor-strip.jpg' alt=''><span>Advertisement</span>"
        "</div><figure><img src='/img/kept.jpg' alt='Kept'></figure>"
    )
    assert found == ["https://news.example/img/kept.jpg"]


def test_a_picture_on_one_line_with_its_caption_above_the_story_stays() -> None:
    # Picture and caption in one paragraph before the first paragraph of the story: the
    # short line goes with the header, the picture stays.
    html = (
        "<html><head><title>Night buses return</title></head><body><main><article>"
        "<h1>Night buses return</h1><div class='story-text'>"
        "<p><span class='image-holder'><img src='/img/night-bus-depot.jpg' alt='The depot'>"
        "<span class='caption'>The depot at midnight</span></span></p>"
        + paragraphs()
        + "</div></article></main></body></html>"
    )
    article = extract(html, URL)
    assert pictures(article.markdown) == ["https://news.example/img/night-bus-depot.jpg"]
    assert "The depot at midnight" not in article.text


def test_a_picture_right_before_a_story_of_one_paragraph_opens_it() -> None:
    # An old club page: its text is one paragraph of lines in a layout table's cell,
    # under a photograph of the ground.
    lines = "<br>".join(STORY)
    html = (
        "<html><head><title>Our club</title></head><body><table><tr>"
        "<td><ul><li><a href='dates.html'>Dates</a></li><li><a href='join.html'>Join</a></li>"
        "</ul></td><td align='center'><img src='images/training-ground.jpg' alt=''>"
        f"<br><br><p align='left'>{lines}</p></td></tr></table></body></html>"
    )
    found = pictures(extract(html, "https://club.example/history.html").markdown)
    assert found == ["https://club.example/images/training-ground.jpg"]


def test_a_photograph_of_a_sign_named_logo_is_kept_when_drawn_large() -> None:
    found = with_block("<figure><img src='/img/brewery-logo-sign.jpg' width='900'></figure>")
    assert found == ["https://news.example/img/brewery-logo-sign.jpg"]


# --- the lead picture ---------------------------------------------------------------


def _page(head: str, top: str, body: str = "") -> str:
    return (
        f"<!doctype html><html><head><title>Night bus stops at hospital</title>{head}</head>"
        "<body><nav><a href='/'>Home</a><a href='/news'>News</a></nav>"
        f"{top}<div class='story-body'>{body}{paragraphs()}</div>"
        "<footer><p>Published by nobody in particular.</p></footer></body></html>"
    )


def test_lead_picture_above_the_headline_in_the_article_comes_first_once() -> None:
    html = (
        "<!doctype html><html><head><title>Night bus stops at hospital</title></head><body>"
        "<article><figure class='hero'><img src='/img/lead-bus.jpg' alt='The night bus'>"
        "<figcaption>The bus at the gates</figcaption></figure>"
        "<h1>Night bus stops at hospital</h1>"
        "<div class='byline'><img class='byline-photo' src='/people/writer.jpg' width='48' "
        "height='48' alt=''>By A. Writer</div>"
        f"<div class='story-body'>{paragraphs()}"
        "<figure><img src='/img/lead-bus.jpg' alt='The night bus again'></figure>"
        "</div></article></body></html>"
    )
    article = extract(html, URL)
    found = pictures(article.markdown)
    assert found == ["https://news.example/img/lead-bus.jpg"]
    assert article.markdown.startswith("![")


def test_lead_picture_named_by_og_image_outside_the_article_is_the_first_block() -> None:
    html = _page(
        "<meta property='og:image' content='https://news.example/img/hospital-gates-1200x630.jpg'>",
        "<div id='masthead-media'><img src='/img/hospital-gates-800x450.jpg' alt=''></div>"
        "<header><h1>Night bus stops at hospital</h1></header>",
        "<figure><img src='/img/shelter-lamp.jpg' alt='Shelter'></figure>",
    )
    article = extract(html, URL)
    found = pictures(article.markdown)
    assert found == [
        "https://news.example/img/hospital-gates-800x450.jpg",
        "https://news.example/img/shelter-lamp.jpg",
    ]
    assert article.markdown.startswith("![](https://news.example/img/hospital-gates-800x450.jpg)")


def test_a_picture_the_page_does_not_name_is_no_lead_outside_a_story_element() -> None:
    html = _page(
        "<meta property='og:image' content='https://news.example/img/social-card.png'>",
        "<div class='promo-strip'><img src='/img/winter-sale.jpg' alt='Winter sale'></div>"
        "<h1>Night bus stops at hospital</h1>",
    )
    assert pictures(extract(html, URL).markdown) == []


def test_lead_picture_in_the_storys_own_header_inside_the_container() -> None:
    html = (
        "<!doctype html><html><head><title>Night bus stops at hospital</title></head><body>"
        "<div class='wrapper'><header><h1>Night bus stops at hospital</h1>"
        "<figure class='lead-asset'><img src='/img/depot-at-night.jpg' alt='The depot'>"
        "<figcaption>The depot at night</figcaption></figure>"
        "<div class='social-share'><img src='/img/share-strip.png' alt=''></div></header>"
        f"{paragraphs()}</div></body></html>"
    )
    article = extract(html, URL)
    assert pictures(article.markdown) == ["https://news.example/img/depot-at-night.jpg"]
    assert article.markdown.startswith("![The depot]")


def test_a_page_without_a_headline_keeps_its_story_and_pictures() -> None:
    html = (
        "<html><head><meta property='og:image' content='/img/quay.jpg'></head><body>"
        f"<div class='entry'><img src='/img/quay.jpg' alt='Quay'>{paragraphs()}</div>"
        "</body></html>"
    )
    article = extract(html, URL)
    assert pictures(article.markdown) == ["https://news.example/img/quay.jpg"]
    assert STORY[0] in article.text


def test_a_teaser_picture_linking_to_another_story_is_no_lead() -> None:
    html = (
        "<!doctype html><html><head><title>Night bus stops at hospital</title></head><body>"
        "<article><h1>Night bus stops at hospital</h1>"
        "<ul class='breaking'><li><a href='/sport/cup-final-report'>"
        "<img src='/img/cup-final.jpg' alt='Cup final'></a></li></ul>"
        f"<div class='story-body'>{paragraphs()}</div></article></body></html>"
    )
    assert pictures(extract(html, URL).markdown) == []


# --- the parts ----------------------------------------------------------------------


def test_srcset_parsing_keeps_commas_inside_addresses() -> None:
    found = candidates("/c/w_800,h_600/a.jpg 800w, /c/w_400,h_300/a.jpg 400w,/b.jpg 2x")
    assert found == [
        ("/c/w_800,h_600/a.jpg", 800.0, None),
        ("/c/w_400,h_300/a.jpg", 400.0, None),
        ("/b.jpg", None, 2.0),
    ]


@pytest.mark.parametrize(
    ("srcset", "chosen"),
    [
        ("a.jpg 320w, b.jpg 640w, c.jpg 1024w, d.jpg 1440w, e.jpg 2560w", "d.jpg"),
        ("a.jpg 320w, e.jpg 2560w", "e.jpg"),
        ("a.jpg 300w, b.jpg 700w, e.jpg 4000w", "b.jpg"),
        ("a.jpg 1x, b.jpg 2x", "b.jpg"),
        ("only.jpg", "only.jpg"),
        (", , ,", ""),
    ],
)
def test_best_candidate(srcset: str, chosen: str) -> None:
    assert best_candidate(srcset) == chosen


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("/img/blank.gif", True),
        ("/img/1x1-white.jpg", True),
        ("/img/lazy-placeholder.png", True),
        ("data:image/gif;base64,R0lGOD", True),
        ("/img/grey-whale.jpg", False),
        ("/img/lazy-sunday-market.jpg", False),
        ("/img/photo.jpg", False),
    ],
)
def test_placeholder(src: str, expected: bool) -> None:
    assert placeholder(src) is expected


def test_picture_key_sees_sizes_of_one_picture_and_tells_pictures_apart() -> None:
    same = ("https://a.example/u/2019/quay-wall-800x450.jpg", "https://b.example/quay-wall.jpg")
    assert picture_key(same[0]) == picture_key(same[1])
    sizes = (
        "https://c.example/p/18636689/gallery_medium.jpg",
        "https://c.example/p/18636689/gallery_xlarge.jpg",
    )
    assert picture_key(sizes[0]) == picture_key(sizes[1])
    apart = ("https://c.example/p/111/960x0.jpg", "https://c.example/p/222/960x0.jpg")
    assert picture_key(apart[0]) != picture_key(apart[1])
    scripts = (
        "https://d.example/image.php?src=%2Fa%2F1.jpg",
        "https://d.example/image.php?src=%2Fa%2F2.jpg",
    )
    assert picture_key(scripts[0]) != picture_key(scripts[1])


def test_the_caption_of_a_picture_before_the_first_paragraph_stays_under_it() -> None:
    figure = (
        '<figure><img src="/img/depot.jpg" alt="The depot at night">'
        "<figcaption>Buses wait in the depot yard before the first run.</figcaption></figure>"
    )
    page = story_html().replace("<div class='story'>", "<div class='story'>" + figure)
    article = extract(page, URL)
    blocks = article.markdown.split("\n\n")
    at = next(i for i, b in enumerate(blocks) if "/img/depot.jpg" in b)
    assert blocks[at + 1] == "Buses wait in the depot yard before the first run."
    # a caption is the Markdown's, never the plain text's
    assert "depot yard" not in article.text


def test_camel_case_names_of_logos_avatars_and_buttons_are_read_word_by_word() -> None:
    found = with_block(
        "<img class='siteLogo' src='/img/harbour-gazette-mark.png' alt='Gazette'>"
        "<img id='authorAvatar' src='/img/jo-marsh-portrait.jpg' alt='Jo Marsh'>"
        "<img src='/img/shareButtonFacebook.png' alt='Share'>"
        "<img class='heroImage' src='/img/quay-at-dawn-1600.jpg' alt='The quay at dawn'>"
    )
    assert found == ["https://news.example/img/quay-at-dawn-1600.jpg"]

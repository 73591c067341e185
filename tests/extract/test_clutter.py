"""Each kind of clutter, put inside or after a story, is left out of the body."""

from __future__ import annotations

import pytest

from reader.extract import extract
from tests.support.pages import STORY, paragraphs_of, story_html

URL = "https://news.example/transport/night-bus"

CLUTTER = {
    "breadcrumb": (
        "<div class='breadcrumb'><a href='/'>Home</a> &gt; <a href='/news'>News</a> &gt; "
        "<a href='/news/transport'>Transport</a></div>"
    ),
    "share bar": (
        "<div class='share-buttons'><span>Share this article</span> "
        "<a href='https://social.example/share'>Facebook</a> "
        "<a href='https://chirp.example/intent'>Twitter</a> <a href='mailto:?x'>Email</a></div>"
    ),
    "comment form": (
        "<div id='respond'><h3>Leave a Reply</h3><form><p>Your email address will not be "
        "published. Required fields are marked *</p><textarea></textarea>"
        "<input type='submit' value='Post Comment'></form></div>"
    ),
    "spam notice": (
        "<p>This site uses Akismet to reduce spam. Learn how your comment data is processed.</p>"
    ),
    "newsletter": (
        "<div class='newsletter-signup'><h3>Get the morning briefing</h3><p>Sign up to our "
        "daily newsletter for the stories that matter, delivered before breakfast.</p>"
        "<form><input type='email'><button>Subscribe</button></form></div>"
    ),
    "cookie box": (
        "<div class='cookie-consent'><p>We use cookies to improve your experience of this "
        "site, to measure traffic and to show you things you might like.</p>"
        "<button>Accept all</button></div>"
    ),
    "advert": "<div class='ad-slot advertisement'><span>Advertisement</span></div>",
    "author box": (
        "<div class='author-bio'><img src='/img/face.jpg' alt='Portrait of the writer'><p>Mara "
        "Quill has covered buses, trains and ferries for this paper since the late nineties, "
        "and still cannot drive.</p></div>"
    ),
    "related block": (
        "<section class='related-stories'><h2>Related</h2><ul>"
        "<li><a href='/news/a'>Rail fares to rise again in the new year</a></li>"
        "<li><a href='/news/b'>Cycle lane on the ring road finally opens</a></li>"
        "<li><a href='/news/c'>Ferry timetable cut for the winter months</a></li></ul></section>"
    ),
    "inline teaser": (
        "<div class='teaser'><h4><a href='/news/tram-depot'>Old tram depot to become a "
        "market</a></h4><p>Traders have until June to apply for a stall.</p>"
        "<a href='/news/tram-depot'>Read more</a></div>"
    ),
    "video shell": "<div class='video-player'><p>Video Player is loading.</p></div>",
}


@pytest.mark.parametrize("where", [1, 3, 5], ids=["early", "middle", "after"])
@pytest.mark.parametrize("kind", sorted(CLUTTER))
def test_clutter_is_dropped(kind: str, where: int) -> None:
    article = extract(story_html(CLUTTER[kind], after=where), URL)
    assert paragraphs_of(article.text) == list(STORY)
    assert paragraphs_of(article.markdown) == list(STORY)


def test_navigation_footer_and_headline_are_not_body() -> None:
    article = extract(story_html(), URL)
    assert "Home" not in article.text
    assert "All rights reserved" not in article.text
    assert "Night bus stops at hospital" not in article.text
    assert article.title == "Night bus stops at hospital"


def test_comment_thread_longer_than_the_story_is_not_chosen() -> None:
    comment = "<li class='comment'><div class='comment-body'><p>{}</p></div></li>"
    words = (
        "I have taken that bus for years and the driver always waits for the nurses, which is "
        "kind of him, but the timetable never said so and nobody could plan around it at all."
    )
    thread = (
        "<div id='comments'><ol class='comment-list'>" + comment.format(words) * 12 + "</ol></div>"
    )
    html = story_html().replace("</main>", "</main>" + thread)
    article = extract(html, URL)
    assert paragraphs_of(article.text) == list(STORY)


def test_teaser_cards_beside_the_story_are_not_body() -> None:
    card = (
        "<div class='card'><h3><a href='/news/{0}'>A headline about something else {0}</a></h3>"
        "<p>One line of summary that tells you a little about the other story here.</p></div>"
    )
    grid = "<div class='more'>" + "".join(card.format(i) for i in range(8)) + "</div>"
    html = story_html().replace("</main>", "</main>" + grid)
    article = extract(html, URL)
    assert paragraphs_of(article.text) == list(STORY)

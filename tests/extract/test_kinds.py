"""Extraction on kinds of page unlike the news benchmark, through the real parser.

Each fixture in ``tests/fixtures/extract/kinds/`` is original text in markup shaped like
real pages of its kind: what must be kept and what must go.
"""

from __future__ import annotations

import pytest

from reader.extract import extract
from reader.model import Article
from tests.support import FIXTURES

KINDS = FIXTURES / "extract" / "kinds"


def _extract(name: str) -> Article:
    return extract((KINDS / name).read_bytes(), "https://pages.example/story")


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p]


def test_chinese_blog_post_keeps_every_paragraph_and_no_sidebar() -> None:
    article = _extract("chinese_blog.html")
    assert article.title == "秋天去山里看银杏"
    for line in (
        "每年十一月，山脚下那个小村子的银杏都会一起变黄。",
        "中午在一家小饭馆吃了腊肉炒笋和南瓜饭",
        "回城的车上大家都睡着了",
    ):
        assert line in article.text
    assert "在海边小城住了一个星期" not in article.text  # the sidebar's recent posts
    assert len(_paragraphs(article.text)) == 6


def test_japanese_news_keeps_short_paragraphs_measured_by_characters() -> None:
    # Five paragraphs of 25-40 characters each: few characters, but whole sentences.
    article = _extract("japanese_news.html")
    paragraphs = _paragraphs(article.text)
    assert paragraphs[0].startswith("毎週日曜に開かれてきた港の朝市が")
    assert paragraphs[-1] == "市は案内の看板を増やし、臨時のバスも一本走らせる。"
    assert len(paragraphs) == 5
    assert "高校野球" not in article.text  # the ranking of most-read stories


def test_long_document_keeps_every_section() -> None:
    article = _extract("long_sections.html")
    text = article.text
    for heading in ("Installing", "Configuring stations", "Units", "Alerts", "Known limits"):
        assert f"\n\n{heading}\n\n" in text, heading
    assert text.startswith("Tidewatch reads the gauges")
    assert "./install --prefix /opt/tidewatch" in text
    assert "port\tSerial device or address" in text  # the table
    assert "A station that cannot be opened is skipped." in text  # the note
    assert "Pressure: hectopascals" in text  # a section of a list alone
    assert "One alert per station per hour." in text
    assert "No tide predictions" in text
    assert "3.1\tQuieter alerts" in text  # the last section, a table alone
    assert "Previous" not in text and "Built with" not in text


def test_paragraphs_in_spans_and_br_runs_stay_paragraphs() -> None:
    article = _extract("minimal_markup.html")
    paragraphs = _paragraphs(article.text)
    starts = [p[:24] for p in paragraphs]
    for start in (
        "The broad beans went in ",
        "By the first frost they ",
        "The onions did less well",
        "Next spring the bed besi",
        "The water butt needs a n",
    ):
        assert start in starts, start
    assert "home | notes" not in article.text


def test_two_br_separated_paragraphs_stay_two() -> None:
    article = _extract("minimal_br.html")
    assert _paragraphs(article.text) == [
        "The ferry timetable changes on the first of the month, with one crossing fewer on "
        "Sundays.",
        "Season tickets bought before then stay valid until they run out.",
    ]


def test_story_split_by_ads_and_links_is_kept_whole() -> None:
    article = _extract("split_story.html")
    text = article.text
    for part in (
        "The cottage beside the old lighthouse on Gull Point",
        "Volunteers have spent the winter scraping salt",
        "The museum will open three days a week",
        "Entry will be free for children from the village school",
        "which still needs a new door and a coat of paint.",
    ):
        assert part in text, part
    assert "Holiday cottages" not in text and "Advertisement" not in text
    assert "Ferry fares to rise" not in text
    assert "Coastal path closed" not in text


def test_blog_post_is_kept_and_its_comments_dropped() -> None:
    article = _extract("blog_comments.html")
    text = article.text
    assert text.startswith("My grey jumper wore through at both elbows")
    assert text.endswith("the jumper now has a story on each arm.")
    for comment in ("three socks waiting", "Do you wash the yarn first?", "A light bulb works"):
        assert comment not in text
    assert "Leave a Reply" not in text


def test_recipe_keeps_ingredients_and_steps() -> None:
    article = _extract("recipe.html")
    text = article.text
    assert "This is the soup we make on the first cold Saturday" in text
    for ingredient in ("3 leeks, washed and sliced", "100 g pearl barley, rinsed"):
        assert ingredient in text
    assert "Melt the butter in a large pan" in text
    assert "Season, stir in the parsley and serve" in text
    assert "1. Melt the butter" in article.markdown  # the steps stay numbered
    assert "Split pea soup" not in text and "Onion tart" not in text


def test_forum_thread_keeps_the_opening_post() -> None:
    article = _extract("forum_thread.html")
    text = article.text
    assert "My little fan heater in the greenhouse has started tripping the fuse" in text
    assert "whether damp is getting into the socket" in text
    # Its three <br>-separated paragraphs stay three.
    assert any(p.startswith("It is on a frost thermostat") for p in _paragraphs(text))
    assert "Who is online" not in text and "Board index" not in text
    assert "Joined: Tue Mar 03, 2025" not in text


def test_question_and_accepted_answer_are_kept() -> None:
    article = _extract("question_answer.html")
    text = article.text
    assert "My rye starter is two weeks old." in text
    assert "Is it spoiled, or is something wrong with how I feed it?" in text
    assert "Nothing is spoiled: the smell means the yeast has run out of food." in text
    assert "The solvent smell should fade within a few days" in text
    assert "Why is my bread dense?" not in text  # the related questions


def test_encyclopedia_title_is_the_article_name() -> None:
    article = _extract("encyclopedia.html")
    assert article.title == "Kelpie Bridge"
    assert "is a three-span stone arch bridge" in article.text
    assert "cutwaters on the upstream side" in article.text
    assert "Random article" not in article.text


@pytest.mark.parametrize(
    ("og_title", "h1", "expected"),
    [
        # A one-word kicker before a colon is not the story's name.
        (
            "Opinion: the harbour wall must be rebuilt",
            "Opinion",
            "Opinion: the harbour wall must be rebuilt",
        ),
        (
            "Marr Valley Railway (heritage line, opened 1862)",
            "Marr Valley Railway",
            "Marr Valley Railway",
        ),
    ],
)
def test_title_from_a_name_and_its_description(og_title: str, h1: str, expected: str) -> None:
    page = (
        f"<html><head><meta property='og:title' content='{og_title}'></head><body>"
        f"<h1>{h1}</h1><p>{'A sentence of the article body, long enough to count. ' * 6}</p>"
        "</body></html>"
    )
    assert extract(page, "https://pages.example/a").title == expected

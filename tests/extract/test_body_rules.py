"""Rules that keep a whole story and leave out what stands beside it, on small pages."""

from __future__ import annotations

from reader.extract import extract

LONG = (
    "The harbour board met on Thursday to settle the fees for the coming season, and after "
    "two hours of argument agreed to keep them where they were for one more year. "
)
URL = "https://pages.example/story"


def _page(body: str) -> str:
    return (
        f"<!doctype html><html><head><title>Harbour fees</title></head><body>{body}</body></html>"
    )


def test_a_heading_over_a_dropped_block_goes_with_it() -> None:
    related = "".join(
        f"<li><a href='/s/{i}'>Another headline about the harbour, number {i}</a></li>"
        for i in range(5)
    )
    page = _page(
        f"<article><div class='story'><p>{LONG * 3}</p><h3>How the vote went</h3>"
        f"<p>{LONG * 2}</p><h3>More from the harbour</h3><ul>{related}</ul>"
        f"<h3>What comes next</h3><p>{LONG * 2}</p></div></article>"
    )
    text = extract(page, URL).text
    assert "How the vote went" in text and "What comes next" in text
    assert "More from the harbour" not in text
    assert "Another headline" not in text


def test_the_story_child_of_a_main_container_is_taken_without_what_follows() -> None:
    summaries = "".join(
        f"<div class='item'><h4><a href='/s/{i}'>A story about the quay, part {i}</a></h4>"
        f"<p>A line of summary about the quay and the fishing boats that use it, {i}.</p></div>"
        for i in range(3)
    )
    page = _page(
        "<main id='content'>"
        f"<article class='post'><p>{LONG * 4}</p><p>{LONG * 3}</p></article>"
        f"<div class='list-of-stories'>{summaries}</div>"
        "<div class='call-to-act'><p>Stay up to date with the work of the harbour board.</p>"
        "</div></main>"
    )
    text = extract(page, URL).text
    assert text.startswith("The harbour board met")
    assert "A line of summary" not in text
    assert "Stay up to date" not in text


def test_a_story_container_is_kept_whole_past_its_own_footer() -> None:
    # The post's last short paragraph sits beside a footer of links inside the container
    # named as the post: the whole container is the story.
    page = _page(
        "<div id='content'><div class='post'><div class='entry'>"
        f"<p>{LONG * 2}</p><p>In the end it was not a masterpiece, but it was a lot of fun!</p>"
        "<div class='entry-links'><p><a href='/t/1'>Harbour</a> <a href='/t/2'>Fees</a> "
        "<a href='/t/3'>Board</a> <a href='/t/4'>Boats</a> <a href='/t/5'>Quay</a></p></div>"
        "</div></div></div>"
    )
    text = extract(page, URL).text
    assert "In the end it was not a masterpiece, but it was a lot of fun!" in text


def test_a_heading_id_is_an_anchor_not_a_role() -> None:
    page = _page(
        f"<article><p>{LONG * 3}</p><h3 class='subheading' id='nav_the_fees'>The fees</h3>"
        f"<p>{LONG * 2}</p></article>"
    )
    assert "\n\nThe fees\n\n" in extract(page, URL).text


def test_a_modifier_saying_a_section_holds_an_ad_keeps_the_section() -> None:
    page = _page(
        "<article class='report'>"
        f"<section class='report__section'><p>{LONG * 3}</p></section>"
        f"<section class='report__section report__section--ads'><h2>Verdict</h2><p>{LONG}</p>"
        "<div class='ad'>Advertisement</div></section></article>"
    )
    text = extract(page, URL).text
    assert "Verdict" in text
    assert text.count("The harbour board met") == 4
    assert "Advertisement" not in text


def test_a_paragraph_of_one_link_off_the_site_is_part_of_the_story() -> None:
    page = _page(
        f"<article><p>{LONG * 3}</p>"
        "<p><a href='https://tickets.example.org/harbour-day'>Tickets for the harbour day</a></p>"
        "<p>Questions: <a href='mailto:board@harbour.example'>board@harbour.example</a></p>"
        f"<p>{LONG * 2}</p>"
        "<p><a href='https://pages.example/other-story'>Another story from this site</a></p>"
        f"<p>{LONG * 2}</p></article>"
    )
    text = extract(page, URL).text
    assert "Tickets for the harbour day" in text
    assert "board@harbour.example" in text
    assert "Another story from this site" not in text


def test_a_verse_at_the_end_is_kept() -> None:
    # Lines of a song or a poem, one a line, without end punctuation: a written unit,
    # not a dangling date or label.
    page = _page(
        f"<article><p>{LONG * 3}</p><p>The song they sang at the quay went:</p>"
        "<p>Row the boat home<br>Row it slow<br>The tide is turning<br>And so we go</p>"
        "</article>"
    )
    assert extract(page, URL).text.endswith("The tide is turning\nAnd so we go")


def test_a_short_han_line_before_the_story_counts_by_characters() -> None:
    # Forty-six Han characters without end punctuation are a line of the story, not a label.
    lead = (
        "港口委员会周四开会讨论新一季的收费标准"
        "经过两个小时的争论最后决定明年继续保持不变大家都松了一口气"
    )
    story = "渔民们说这个决定让他们可以安心准备春天的出海计划，不用再担心额外的开支。" * 4
    page = _page(f"<article><p>{lead}</p><p>{story}</p></article>")
    assert extract(page, URL).text.startswith(lead)


def test_a_notice_of_lines_at_the_end_goes_and_a_closing_pull_quote_stays() -> None:
    page = _page(
        f"<article><p>{LONG * 3}</p>"
        "<h3>The fees stay where they are for one more year.</h3>"
        "<p>THE HARBOUR NEWS 12/2026<br>Alle Rechte vorbehalten<br>Reprints by permission</p>"
        "</article>"
    )
    text = extract(page, URL).text
    assert text.endswith("The fees stay where they are for one more year.")
    assert "Alle Rechte vorbehalten" not in text and "Reprints" not in text


def test_a_story_container_does_not_take_in_a_column_beside_the_story() -> None:
    promos = "".join(
        f"<div class='box'><p>Read the new issue before it is printed, number {i}, with "
        "interactive charts and videos of the harbour.</p>"
        f"<ul><li><a href='/a/{i}'>Subscribe</a></li><li><a href='/b/{i}'>Gift</a></li>"
        f"<li><a href='/c/{i}'>Archive</a></li><li><a href='/d/{i}'>App</a></li></ul></div>"
        for i in range(2)
    )
    page = _page(
        "<div class='grid-article'>"
        f"<div class='column-wide'><p>{LONG * 4}</p><p>{LONG * 3}</p></div>"
        f"<div class='column-small'>{promos}</div></div>"
    )
    text = extract(page, URL).text
    assert text.startswith("The harbour board met")
    assert "Read the new issue" not in text


def test_a_paragraph_styled_by_a_span_with_a_clutter_class_stays() -> None:
    # Text pasted from another site keeps that site's span classes ("...ContentTags").
    page = _page(
        f"<article><p><span class='eventDetailsContentTags'>{LONG * 3}</span></p>"
        f"<p>{LONG * 2}</p><p><span class='tags'><a href='/t/1'>harbour</a></span></p>"
        "</article>"
    )
    text = extract(page, URL).text
    assert text.count("The harbour board met") == 5


def test_related_headings_in_other_languages_are_boilerplate() -> None:
    from reader.extract.hints import is_boilerplate

    for line in ("Ähnliche Beiträge", "Das könnte Sie auch interessieren", "À lire aussi"):
        assert is_boilerplate(line), line
    for line in ("Alle Rechte vorbehalten", "Tous droits réservés."):
        assert is_boilerplate(line), line
    assert not is_boilerplate("Weitere Beiträge zur Diskussion finden sich im Archiv der Stadt.")


def test_a_page_without_a_story_shows_its_description() -> None:
    links = "".join(f"<li><a href='/s/{i}'>Harbour story number {i}</a></li>" for i in range(8))
    page = (
        "<html><head><title>Harbour news</title><meta name='description' content="
        "'Everything about the harbour: fees, boats, tides and the people who work there.'>"
        f"</head><body><nav><ul>{links}</ul></nav><footer><a href='/about'>About</a></footer>"
        "</body></html>"
    )
    article = extract(page, URL)
    assert article.text == (
        "Everything about the harbour: fees, boats, tides and the people who work there."
    )
    assert article.body_source == "page"


def test_a_page_of_pictures_keeps_them_rather_than_its_description() -> None:
    page = (
        "<html><head><meta name='description' content='Pictures of the harbour.'></head><body>"
        "<main><figure><img src='/a.jpg' alt='The quay'></figure></main></body></html>"
    )
    article = extract(page, URL)
    assert "a.jpg" in article.markdown and "Pictures of the harbour" not in article.text

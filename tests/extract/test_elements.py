"""Each kind of body element is kept and rendered, in Markdown and in plain text."""

from __future__ import annotations

from reader.extract import extract
from tests.support.pages import STORY, story_html

URL = "https://news.example/transport/night-bus"


def _with(block: str) -> tuple[str, str]:
    article = extract(story_html(block, after=2), URL)
    return article.markdown, article.text


def test_headings_keep_their_level() -> None:
    md, text = _with("<h2>What the drivers said</h2><h3>And the nurses</h3>")
    assert "\n\n## What the drivers said\n\n### And the nurses\n\n" in md
    assert "\n\nWhat the drivers said\n\nAnd the nurses\n\n" in text


def test_a_heading_stays_one_line() -> None:
    md, text = _with("<h2>Late buses<br>and early trains</h2>")
    assert "\n\n## Late buses and early trains\n\n" in md
    assert "\n\nLate buses and early trains\n\n" in text


def test_lists_unordered_ordered_and_nested() -> None:
    md, text = _with(
        "<ul><li>Later buses</li><li>A lit shelter<ul><li>with a bench</li></ul></li></ul>"
        "<ol><li>Survey the road</li><li>Consult residents</li></ol>"
    )
    assert "- Later buses\n- A lit shelter\n   - with a bench" in md
    assert "1. Survey the road\n2. Consult residents" in md
    assert "Later buses\nA lit shelter\nwith a bench" in text


def test_blockquote() -> None:
    md, text = _with("<blockquote><p>It changed my evenings.</p><p>Truly.</p></blockquote>")
    assert "> It changed my evenings.\n>\n> Truly." in md
    assert "It changed my evenings.\n\nTruly." in text


def test_table_becomes_a_markdown_table() -> None:
    md, text = _with(
        "<table><tr><th>Route</th><th>Last bus</th></tr><tr><td>N1</td><td>23:40</td></tr>"
        "<tr><td>N2</td><td>00:15</td></tr></table>"
    )
    assert "| Route | Last bus |\n| --- | --- |\n| N1 | 23:40 |\n| N2 | 00:15 |" in md
    assert "Route\tLast bus\nN1\t23:40" in text


def test_pre_and_inline_code() -> None:
    md, text = _with(
        "<pre><code>route = 'N1'\n  stop = 'gate'</code></pre>"
        "<p>Run <code>bus --late</code> now, it says.</p>"
    )
    assert "```\nroute = 'N1'\n  stop = 'gate'\n```" in md
    assert "Run `bus --late` now, it says." in md
    assert "route = 'N1'\n  stop = 'gate'" in text


def test_images_lazy_srcset_picture_and_figure_caption() -> None:
    md, text = _with(
        "<figure><img src='data:image/gif;base64,R0lGOD' data-src='/img/shelter.jpg' "
        "alt='The new shelter'>"
        "<noscript><img src='/img/shelter.jpg' alt='The new shelter'></noscript>"
        "<figcaption>The shelter at the hospital gates</figcaption></figure>"
        "<p><img srcset='/img/a-320.jpg 320w, /img/a-1024.jpg 1024w' alt='Map'></p>"
        "<picture><source srcset='/img/p.webp'>"
        "<img data-lazy-src='/img/p.jpg' alt='Driver'></picture>"
    )
    assert md.count("![The new shelter](https://news.example/img/shelter.jpg)") == 1
    assert "The shelter at the hospital gates" in md
    assert "![Map](https://news.example/img/a-1024.jpg)" in md
    assert "![Driver](https://news.example/img/p.jpg)" in md
    assert "https://" not in text
    assert "shelter.jpg" not in text


def test_noscript_image_used_when_it_is_the_only_copy() -> None:
    md, _ = _with("<div><noscript><img src='/img/only.jpg' alt='Only copy'></noscript></div>")
    assert "![Only copy](https://news.example/img/only.jpg)" in md


def test_links_in_the_story_are_kept_and_resolved() -> None:
    md, text = _with(
        "<p>The <a href='/reports/bus.pdf'>full report</a> and the "
        "<a href='https://council.example/minutes'>council minutes</a> are online.</p>"
    )
    assert "[full report](https://news.example/reports/bus.pdf)" in md
    assert "[council minutes](https://council.example/minutes)" in md
    assert "The full report and the council minutes are online." in text


def test_base_href_wins_over_the_page_url() -> None:
    html = story_html("<p>See <a href='notes'>the notes</a> for more, they said.</p>").replace(
        "<head>", "<head><base href='https://static.example/base/'>"
    )
    md = extract(html, URL).markdown
    assert "[the notes](https://static.example/base/notes)" in md


def test_unsafe_link_schemes_are_never_links() -> None:
    hrefs = [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "&#106;avascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
        "vbscript:msgbox(1)",
    ]
    block = "".join(
        f"<p>Try <a href='{h}'>this trick number {i}</a> today, readers.</p>"
        for i, h in enumerate(hrefs)
    )
    md, text = _with(block)
    lowered = md.lower()
    for bad in ("javascript", "data:", "file:", "vbscript"):
        assert bad not in lowered
    assert "](" not in md.split("this trick number 0")[1].split("\n\n")[0]
    assert "Try this trick number 3 today, readers." in text


def test_emphasis_is_rendered() -> None:
    md, text = _with("<p>It was <em>very</em> late and <strong>cold</strong> outside.</p>")
    assert "It was *very* late and **cold** outside." in md
    assert "It was very late and cold outside." in text


def test_line_breaks_inside_a_paragraph() -> None:
    md, text = _with("<p>Stop A, 23:10<br>Stop B, 23:25<br>Stop C, 23:40</p>")
    assert "Stop A, 23:10  \nStop B, 23:25  \nStop C, 23:40" in md
    assert "Stop A, 23:10\nStop B, 23:25\nStop C, 23:40" in text


def test_paragraphs_are_separated_by_blank_lines_and_title_is_not_in_text() -> None:
    article = extract(story_html(), URL)
    assert article.text == "\n\n".join(STORY)


def test_a_plain_text_document_is_its_own_body() -> None:
    data = b"First line of the note\ncontinues here.\n\nSecond *note*.\n\n# not a heading\n"
    article = extract(data)
    assert article.body_source == "text"
    assert article.text.split("\n\n") == [
        "First line of the note continues here.",
        "Second *note*.",
        "# not a heading",
    ]
    assert article.markdown.split("\n\n") == [
        "First line of the note continues here.",
        "Second \\*note\\*.",
        "\\# not a heading",
    ]


def test_double_line_breaks_separate_paragraphs() -> None:
    md, text = _with(
        "<div>The first paragraph written without p tags.<br><br>"
        "The second one, after two breaks.<br>Still the second.</div>"
    )
    assert (
        "\n\nThe first paragraph written without p tags.\n\n"
        "The second one, after two breaks.  \nStill the second.\n\n"
    ) in md
    assert (
        "\n\nThe first paragraph written without p tags.\n\n"
        "The second one, after two breaks.\nStill the second.\n\n"
    ) in text


def test_noscript_copy_at_another_size_is_not_doubled() -> None:
    md, _ = _with(
        "<div><img data-src='/img/pier-800.jpg' alt='Pier'>"
        "<noscript><img src='/img/pier.jpg' alt='Pier'></noscript></div>"
    )
    assert md.count("![Pier]") == 1
    assert "![Pier](https://news.example/img/pier-800.jpg)" in md

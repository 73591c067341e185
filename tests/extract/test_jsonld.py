"""JSON-LD articleBody stands in when the visible page shows less than it carries."""

from __future__ import annotations

import json

from reader.extract import extract
from tests.support.pages import STORY, paragraphs_of, story_html

URL = "https://paper.example/2026/05/pier"


def _ld(body: str) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Pier",
        "articleBody": body,
    }
    return f"<script type='application/ld+json'>{json.dumps(data)}</script>"


def test_teaser_wall_page_uses_json_ld_body() -> None:
    body = "\n\n".join(STORY)
    html = (
        f"<html><head><title>Pier</title>{_ld(body)}</head><body><article><h1>Pier</h1>"
        "<p>Subscribe to read the rest of this story.</p>"
        "<div class='paywall'><button>Log in</button></div></article></body></html>"
    )
    article = extract(html, URL)
    assert article.body_source == "json-ld"
    assert paragraphs_of(article.text) == list(STORY)
    assert paragraphs_of(article.markdown) == list(STORY)


def test_script_shell_page_uses_json_ld_body() -> None:
    body = "\n\n".join(STORY)
    shell = "<body><div id='app'></div><script>boot()</script></body>"
    html = f"<html><head>{_ld(body)}</head>{shell}</html>"
    article = extract(html, URL)
    assert article.body_source == "json-ld"
    assert article.text.startswith(STORY[0])


def test_visible_story_wins_over_a_json_ld_summary() -> None:
    html = story_html().replace("<head>", "<head>" + _ld("A short summary of the story."))
    article = extract(html, URL)
    assert article.body_source == "page"
    assert paragraphs_of(article.text) == list(STORY)


def test_json_ld_body_text_is_escaped_in_markdown() -> None:
    body = "# Not a heading\n\n" + "\n\n".join(STORY) + "\n\n*not emphasis* and [not](a link)"
    html = f"<html><head>{_ld(body)}</head><body><p>Cookie wall.</p></body></html>"
    article = extract(html, URL)
    assert article.body_source == "json-ld"
    assert "\\# Not a heading" in article.markdown
    assert "\\*not emphasis\\* and \\[not\\](a link)" in article.markdown
    assert "# Not a heading" in article.text

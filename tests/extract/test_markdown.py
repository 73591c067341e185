"""Page text is escaped so that Markdown syntax in it stays literal."""

from __future__ import annotations

import pytest

from reader.extract import extract
from reader.extract.markdown import code_block, code_span, escape, escape_line_starts, link_target
from tests.support.pages import story_html

URL = "https://news.example/a"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("*stars* and _under_", "\\*stars\\* and \\_under\\_"),
        ("[x](http://y)", "\\[x\\](http://y)"),
        ("<b>raw</b>", "\\<b\\>raw\\</b\\>"),
        ("a `tick` b", "a \\`tick\\` b"),
        ("back\\slash", "back\\\\slash"),
        ("a | b ~ c", "a \\| b \\~ c"),
        ("&copy; &#169;", "\\&copy; \\&#169;"),
        ("![img](x)", "!\\[img\\](x)"),
    ],
)
def test_inline_escaping(text: str, escaped: str) -> None:
    assert escape(text) == escaped


@pytest.mark.parametrize(
    ("line", "escaped"),
    [
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("1. item", "1\\. item"),
        ("2019) year", "2019\\) year"),
        ("=====", "\\====="),
        ("plain # not at start", "plain # not at start"),
    ],
)
def test_line_start_escaping(line: str, escaped: str) -> None:
    assert escape_line_starts(line) == escaped


def test_page_text_with_markdown_syntax_renders_literally() -> None:
    para = (
        "<p># 1. *Hello* [world](javascript:x) <b>and</b> `code` _here_ - done, said the page.</p>"
    )
    md = extract(story_html(para), URL).markdown
    assert "\\# 1. \\*Hello\\* \\[world\\](javascript:x) **and** \\`code\\` \\_here\\_ - done" in md


def test_link_targets_cannot_break_out() -> None:
    assert link_target("https://x.example/a b(c)") == "https://x.example/a%20b%28c%29"


def test_code_fences_outgrow_their_content() -> None:
    assert code_span("a`b") == "``a`b``"
    assert code_block("```\nx\n```").startswith("````\n")

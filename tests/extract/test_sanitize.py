"""Terminal safety: every escape-sequence family, C0/C1 controls, bidi, surrogates."""

from __future__ import annotations

import pytest

from reader.extract import extract
from reader.extract.sanitize import clean_text
from tests.support.text import is_terminal_safe

ESC = "\x1b"

SEQUENCES = {
    "csi colour": f"{ESC}[31;1m",
    "csi cursor": f"{ESC}[2J{ESC}[H",
    "csi private": f"{ESC}[?1049h",
    "osc title bel": f"{ESC}]0;pwned\x07",
    "osc 8 hyperlink": f"{ESC}]8;;https://evil.example/{ESC}\\",
    "osc 52 clipboard": f"{ESC}]52;c;cm0gLXJmIC8K\x07",
    "dcs": f"{ESC}Pq#0;2;0;0;0{ESC}\\",
    "apc": f"{ESC}_Gf=100;AAAA{ESC}\\",
    "pm": f"{ESC}^private{ESC}\\",
    "sos": f"{ESC}Xstart of string{ESC}\\",
    "two-char escape": f"{ESC}c",
    "charset escape": f"{ESC}(0",
    "8-bit csi": "\x9b31m",
    "8-bit osc": "\x9d8;;https://evil.example/\x9c",
    "8-bit dcs": "\x90q#0\x9c",
    "8-bit apc": "\x9fpayload\x9c",
    "unterminated osc": f"{ESC}]0;title",
}


@pytest.mark.parametrize("name", sorted(SEQUENCES))
def test_escape_sequences_are_removed(name: str) -> None:
    cleaned = clean_text(f"before {SEQUENCES[name]}after")
    assert ESC not in cleaned
    assert is_terminal_safe(cleaned)
    assert cleaned.startswith("before ")
    assert cleaned.endswith("after")
    for payload in ("pwned", "evil.example", "cm0gLXJmIC8K", "AAAA"):
        if payload in SEQUENCES[name] and name != "unterminated osc":
            assert payload not in cleaned


def test_a_lone_escape_at_the_end_goes() -> None:
    assert clean_text(f"the end{ESC}") == "the end"


def test_every_c0_and_c1_control_goes_but_newline_and_tab_stay() -> None:
    controls = "".join(chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)])
    # Tab and newline stay; vertical tab and form feed become spaces; CR a newline.
    assert clean_text(f"a{controls}b") == "a\t\n  \nb"


def test_carriage_return_becomes_a_newline() -> None:
    assert clean_text("one\r\ntwo\rthree") == "one\ntwo\nthree"


def test_bidi_overrides_and_isolates_go_but_marks_stay() -> None:
    text = "a\u202ab\u202bc\u202cd\u202de\u202ef\u2066g\u2067h\u2068i\u2069j \u200e\u200f\u061c"
    assert clean_text(text) == "abcdefghij \u200e\u200f\u061c"


def test_lone_surrogates_go() -> None:
    assert clean_text("a\ud800b\udfffc") == "abc"


def test_markup_like_text_is_kept_literally() -> None:
    text = "[bold]loud[/bold] [link=https://x.example]x[/link] :smile: **not md**"
    assert clean_text(text) == text


def test_plain_text_is_returned_as_is() -> None:
    text = "Ordinary words, accents \u00e9\u00e8, CJK \u6f22\u5b57, emoji \U0001f68c."
    assert clean_text(text) is text


def test_a_flood_of_unterminated_introducers_stays_fast() -> None:
    text = (f"{ESC}]" + "x" * 10) * 50_000 + "\x9d" * 100_000
    cleaned = clean_text(text)
    assert ESC not in cleaned and "\x9d" not in cleaned


def test_every_article_field_is_cleaned() -> None:
    bad = f"{ESC}]8;;https://evil.example/{ESC}\\Click{ESC}]8;;{ESC}\\ \u202eevil\x07"
    story = " ".join(["A long enough paragraph of the story to be chosen as its body."] * 4)
    html = (
        f"<html lang='en'><head><title>Title {bad}</title>"
        f"<meta name='author' content='Ann {bad}'>"
        f"<meta property='og:site_name' content='Site {bad}'></head><body><article>"
        f"<h1>Title {bad}</h1><p>{story} {bad}</p><p>{story}</p>"
        f"<p><a href='/other'>Other {bad} story headline here</a></p></article></body></html>"
    )
    article = extract(html, "https://site.example/a")
    fields = [article.title, article.byline, article.site_name, article.markdown, article.text]
    fields += [f for t in article.teasers for f in (t.url, t.title, t.summary, t.image or "")]
    for field in fields:
        assert field is None or is_terminal_safe(field), repr(field)
        assert field is None or "evil.example" not in field
    assert "Click" in article.text

"""The WordPress-shaped post: the extracted text is exactly its body paragraphs."""

from __future__ import annotations

import builtins
import socket
from datetime import datetime

import pytest

from reader.extract import extract
from tests.support import FIXTURES

FIXTURE = FIXTURES / "extract" / "wordpress_post.html"
URL = "https://courier.example/2026/03/harbour-ferry-returns/"

BODY = [
    "The little blue ferry that links Saltmarsh quay with the shingle spit went back into "
    "service on Saturday morning, four months after a storm tore a hole in its hull and left "
    "the crossing to rowing boats and a patient water taxi.",
    "About sixty people waited on the slipway for the first sailing at eight o\u2019clock. "
    "Several of them had brought flasks of tea, and one retired pilot brought a brass bell, "
    "which he rang as the ferry nosed away from the wall.",
    "The repairs were done at the boatyard on Tanner\u2019s Creek, where two shipwrights "
    "replaced eleven planks, renewed the keel band and fitted a second bilge pump. \u201cShe "
    "is stronger now than when she was launched,\u201d said Wren Abernathy, who led the work.",
    "The parish council paid for most of the work from its harbour fund, with the rest raised "
    "at a winter auction of donated paintings, knitted jumpers and a week on a fishing boat. "
    "The final bill came to a little under nineteen thousand pounds.",
    "Timetables have been posted at both landings. Crossings run every half hour from eight "
    "until dusk, and the fare stays at one pound for adults, with children and dogs carried "
    "free as before.",
    "Council members said they would now look at the slipway itself, which has cracked in two "
    "places and floods at the highest spring tides.",
]


def test_text_is_exactly_the_body_paragraphs() -> None:
    article = extract(FIXTURE.read_bytes(), URL)
    assert article.text == "\n\n".join(BODY)
    assert article.body_source == "page"


def test_markdown_holds_the_same_paragraphs_and_no_clutter() -> None:
    md = extract(FIXTURE.read_bytes(), URL).markdown
    assert md.split("\n\n") == BODY
    for clutter in (
        "Home",
        "Leave a Reply",
        "Akismet",
        "see more",
        "Share this",
        "cookies",
        "Newsletter",
    ):
        assert clutter not in md


def test_metadata_and_the_inline_teaser() -> None:
    article = extract(FIXTURE.read_bytes(), URL)
    assert article.title == "Harbour Ferry Returns After Winter Repairs"
    assert article.byline == "Ines Varga"
    assert isinstance(article.published, datetime)
    assert article.published.isoformat() == "2026-03-14T09:30:00+00:00"
    assert article.site_name == "The Saltmarsh Courier"
    teaser = article.teasers[0]
    assert teaser.title == "Lighthouse keeper\u2019s cottage opens to visitors"
    assert teaser.url == "https://courier.example/2026/02/lighthouse-keepers-cottage-opens/"
    assert teaser.kind in ("inline", "related")


def test_extract_touches_no_network_and_no_files(monkeypatch: pytest.MonkeyPatch) -> None:
    data = FIXTURE.read_bytes()
    first = extract(data, URL)  # warm: every lazy import done

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("extract touched the outside world")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(builtins, "open", refuse)
    assert extract(data, URL) == first

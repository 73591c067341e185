"""Page builders shared by the extraction tests. All text is original."""

from __future__ import annotations

STORY = (
    "The night bus from the valley towns now stops at the hospital gates, after a year of "
    "letters from nurses who finished their shifts long after the last service had gone.",
    "Drivers were asked which stop would help most, and nearly all of them named the same "
    "corner, where a shelter and a lamp were put up within a fortnight of the decision.",
    "The operator said passenger numbers on the late run had doubled since the change, "
    "though it would not say how many people that meant in a typical week of the winter.",
    "A second route through the industrial estate is planned for the spring, pending a "
    "survey of the road surface near the old tannery, which floods after heavy rain.",
    "Residents who want to comment on the proposal can write to the transport office "
    "before the end of the month, or speak at the public meeting in the library hall.",
)


def story_html(extra: str = "", *, after: int = 2, paragraphs: tuple[str, ...] = STORY) -> str:
    """A plain news page: menu, headline, the story with ``extra`` after paragraph ``after``."""
    body = "".join(
        f"<p>{p}</p>" + (extra if i == after - 1 else "") for i, p in enumerate(paragraphs)
    )
    return (
        "<!doctype html><html><head><title>Night bus stops at hospital</title></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>"
        "<li><a href='/sport'>Sport</a></li></ul></nav>"
        f"<main><article><h1>Night bus stops at hospital</h1><div class='story'>{body}</div>"
        "</article></main><footer><p>All rights reserved by nobody in particular.</p></footer>"
        "</body></html>"
    )


def paragraphs_of(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p]

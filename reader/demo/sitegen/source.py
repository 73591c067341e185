"""The demo site's sources: story files, authors, sections and tags.

A story file is ``key: value`` header lines, a line ``---``, then the body as HTML. The
body may hold ``<!-- inline-teaser -->`` where the template puts its inline teaser.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SOURCE_DIR = Path(__file__).resolve().parent.parent / "source"
ORIGIN = "http://127.0.0.1:48213"
"""The origin written into absolute URLs (canonical, og:url, JSON-LD). The server
rewrites it when it runs on another port."""
PAPER = "The Wrenmouth Lantern"
FRONT_PATH = "/news/2026/11/harbour-ferry-returns"
INLINE_MARK = "<!-- inline-teaser -->"
LEAD_WIDTH, LEAD_HEIGHT = 800, 450
"""The size of every story's lead picture (drawn by ``reader.demo.sitegen.pictures``)."""


@dataclass(frozen=True)
class Author:
    slug: str
    name: str
    role: str
    bio: str

    @property
    def path(self) -> str:
        return f"/author/{self.slug}/"


AUTHORS: dict[str, Author] = {
    a.slug: a
    for a in (
        Author(
            "ines-harrow",
            "Ines Harrow",
            "Local government reporter",
            "Ines Harrow has covered the town council, the harbour board and every "
            "planning row in between since 2019. She lives in the Saltings.",
        ),
        Author(
            "tomas-pellew",
            "Tomas Pellew",
            "Business reporter",
            "Tomas Pellew writes about the shops, boats and workshops that keep "
            "Wrenmouth earning. Before joining the Lantern he worked on the quay.",
        ),
        Author(
            "priya-castellan",
            "Priya Castellan",
            "Environment and harbour reporter",
            "Priya Castellan reports on the river, the coast and the weather, and "
            "on what the three of them do to the town.",
        ),
        Author(
            "ada-quarrie",
            "Ada Quarrie",
            "Culture editor",
            "Ada Quarrie edits the Lantern's arts pages and sings, badly, in the "
            "back row of the festival chorus.",
        ),
        Author(
            "gideon-fairlie",
            "Gideon Fairlie",
            "Sports reporter",
            "Gideon Fairlie has watched more Rovers matches in the rain than he "
            "cares to count, and reports on every club in the town.",
        ),
    )
}

SECTIONS: dict[str, str] = {
    "news": "News",
    "business": "Business",
    "culture": "Culture",
    "sport": "Sport",
}

MOST_READ: tuple[str, ...] = (
    "/news/2026/11/harbour-ferry-returns",
    "/business/2026/10/market-hall-rents",
    "/news/2026/11/seal-pup-rescued",
    "/sport/2026/11/rovers-floodlights",
    "/business/2026/11/bakery-takes-old-bank",
)

TRENDING: tuple[str, ...] = (
    "/news/2026/11/ferry-fares-set",
    "/culture/2026/11/lantern-parade-route",
    "/sport/2026/11/rowing-club-regatta",
)


def tag_label(slug: str) -> str:
    return slug.replace("-", " ").title()


@dataclass(frozen=True)
class Image:
    src: str
    alt: str


@dataclass(frozen=True)
class Story:
    number: int
    path: str
    template: str
    section: str
    title: str
    summary: str
    authors: tuple[Author, ...]
    published: datetime
    modified: datetime | None
    tags: tuple[str, ...]
    image: Image | None
    inline: str | None
    related: tuple[str, ...]
    jsonld: bool
    body: str

    @property
    def url(self) -> str:
        return ORIGIN + self.path

    @property
    def post_id(self) -> int:
        return 1000 + self.number * 7


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def parse_story(number: int, text: str) -> Story:
    head, sep, body = text.partition("\n---\n")
    if not sep:
        raise ValueError(f"story {number} has no '---' line")
    fields: dict[str, str] = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    image = None
    if fields.get("image"):
        src, _, alt = fields["image"].partition("|")
        image = Image(src.strip(), alt.strip())
    return Story(
        number=number,
        path=fields["path"],
        template=fields["template"],
        section=fields["section"],
        title=fields["title"],
        summary=fields["summary"],
        authors=tuple(AUTHORS[a] for a in _split_list(fields["authors"])),
        published=datetime.fromisoformat(fields["published"]),
        modified=datetime.fromisoformat(fields["modified"]) if fields.get("modified") else None,
        tags=_split_list(fields.get("tags", "")),
        image=image,
        inline=fields.get("inline") or None,
        related=_split_list(fields.get("related", "")),
        jsonld=fields.get("jsonld", "yes") != "no",
        body=body.strip() + "\n",
    )


def load_stories(source_dir: Path = SOURCE_DIR) -> list[Story]:
    """Every story, newest first."""
    files = sorted((source_dir / "stories").glob("*.html"))
    stories = [parse_story(i + 1, f.read_text("utf-8")) for i, f in enumerate(files)]
    return sorted(stories, key=lambda s: s.published, reverse=True)

"""The story body: from the visible page, or from a text the page carries (JSON-LD)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reader.extract import markdown as md
from reader.extract.clean import clutter_ids
from reader.extract.content import DIM, analyse, prune
from reader.extract.dom import El, build, lexbor_node, text_length
from reader.extract.hints import is_boilerplate
from reader.extract.pictures import (
    lead_candidates,
    picture_key,
    pictures_in_head,
    pictures_just_before,
    same_picture,
    source_of,
    sources_of,
)
from reader.extract.render import Block, Renderer
from reader.model import BodySource, Teaser


@dataclass
class Body:
    markdown: str = ""
    text: str = ""
    source: BodySource = "page"
    teasers: tuple[Teaser, ...] = field(default_factory=tuple)


def page_body(
    tree: Any, page_url: str | None, title: str | None = None, lead: str | None = None
) -> Body:
    """The story as the page shows it, and the page's teasers. ``lead``: the picture the
    page names as its own (``og:image``, JSON-LD), which helps find the lead picture."""
    built = build(tree.body, DIM)
    if built is None:
        return Body()
    root, order = built
    try:
        return _page_body(tree, page_url, title, root, order, lead)
    finally:
        # Parent links make every element part of a cycle; cut, the tree is freed at once
        # by reference counting instead of waiting for (and slowing) the cyclic collector.
        for el in order:
            el.parent = None


def _page_body(
    tree: Any, page_url: str | None, title: str | None, root: El, order: list[El], lead: str | None
) -> Body:
    found = analyse(root, order)
    main, card_ids = found.main, found.cards
    teasers, block_ids, base = _teasers(tree, lexbor_node(tree.body, main), page_url)
    removed = prune(main) | clutter_ids(main, _host(page_url)) | card_ids
    resolve = _resolver(tree, page_url, base)

    def skip(el: El) -> bool:
        return id(el) in removed or el.mem_id in block_ids

    renderer = Renderer(resolve, skip)
    blocks = _trim(renderer.render(main), title)
    with contextlib.suppress(Exception):  # the lead picture is a best effort
        blocks = _with_lead(blocks, renderer, order, main, block_ids, lead, skip)
    return Body(
        markdown="\n\n".join(b.md for b in blocks),
        text="\n\n".join(b.text for b in blocks if b.text),
        source="page",
        teasers=teasers,
    )


def _with_lead(
    blocks: list[Block],
    renderer: Renderer,
    order: list[El],
    main: El,
    excluded: frozenset[int],
    lead: str | None,
    skip: Callable[[El], bool],
) -> list[Block]:
    """The story's lead picture first, when it stands above the container (before the
    headline or between it and the story) or in a part of it its cleaning left out (the
    story's ``<header>``) above its first paragraph: the one the page names as its own (``lead``),
    else, when the story does not open with a picture, the first picture of the story
    element around it. When the story shows it further down, that block moves up."""
    in_head = pictures_in_head(main, skip, excluded)
    in_story, headed = lead_candidates(order, main, excluded, named=bool(lead))
    in_story = in_head + in_story + pictures_just_before(main)
    def url_of(img: El) -> str | None:
        src = source_of(img, sources_of(img))
        return renderer.resolve(src) if src else None

    named: list[El] = []
    if lead:
        for img in in_story + headed:
            url = url_of(img)
            if url and same_picture(url, lead):
                named.append(img)
    opens_with_picture = bool(blocks) and blocks[0].kind == "img"
    for img in named + ([] if opens_with_picture else in_story):
        url = url_of(img)
        if not url:
            continue
        if picture_key(url) in renderer.keys:
            # The story shows it further down (maybe at another size): it moves up.
            at = next((i for i, b in enumerate(blocks) if _shows(b, url)), None)
            if at is None:
                return blocks
            return [blocks[at], *blocks[:at], *blocks[at + 1 :]]
        image = renderer.picture(img, named=img in named)
        if image:
            return [Block("img", image, ""), *blocks]
    return blocks


_PICTURE_BLOCK = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(([^()\s]+)\)")


def _shows(block: Block, url: str) -> bool:
    """A picture block (one picture alone) showing the picture at ``url``."""
    if block.kind != "img":
        return False
    found = _PICTURE_BLOCK.findall(block.md)
    return len(found) == 1 and same_picture(found[0], url)


def _host(page_url: str | None) -> str | None:
    if not page_url or "//" not in page_url:
        return None
    return page_url.split("//", 1)[1].split("/", 1)[0].split("?", 1)[0].split(":", 1)[0] or None


def _teasers(
    tree: Any, main: Any, page_url: str | None
) -> tuple[tuple[Teaser, ...], frozenset[int], str | None]:
    """The teasers, the teaser blocks' ``mem_id``s, and the base URL the finder found
    on its way (None when it found none or failed: then the caller looks itself)."""
    try:
        from reader.extract.teasers import find_teasers

        found = find_teasers(tree, main, page_url)
        base = getattr(found, "base", None)
        return (
            tuple(found.teasers),
            frozenset(found.block_ids),
            base if isinstance(base, str) else None,
        )
    except Exception:  # teasers are a best effort; the body stands without them
        return (), frozenset(), None


def _resolver(tree: Any, page_url: str | None, base: str | None = None) -> Any:
    from reader.extract.urls import base_url, resolve_url

    if base is None:
        base = base_url(tree, page_url)

    def resolve(href: str) -> str | None:
        href = href.strip()
        if not href or len(href) > 4096:
            return None
        return resolve_url(href, base)

    return resolve


_SENTENCE_END = frozenset('.!?:;"\u201d\u2019)\u3002\uff01\uff1f')
LEAD_SHORT = 120
TAIL_SHORT = 80
SENTENCE_HEADING = 40
"""A heading this long that ends a sentence is the story's text, even at its end."""
BOILERPLATE_LINES = 300
"""A block of lines longer than this is never judged a notice."""


def _is_fragment(block: Block, limit: int) -> bool:
    """A heading, or a short line that is not a sentence (a date, a name, a label)."""
    if block.kind == "h":
        return True
    if block.kind != "p":
        return False
    text = block.text
    return text_length(text) < limit and text[-1:] not in _SENTENCE_END


def _written_lines(block: Block) -> bool:
    """Several lines written as one block (a verse, an address), none of them boilerplate
    (a copyright notice of three lines is still one)."""
    lines = block.text.split("\n")
    return len(lines) > 1 and not any(is_boilerplate(line) for line in lines)


def _notice(block: Block) -> bool:
    """Short lines written as one block, one of them boilerplate ("All rights reserved"):
    a notice, not the story."""
    if block.kind != "p" or "\n" not in block.text or len(block.text) > BOILERPLATE_LINES:
        return False
    return any(is_boilerplate(line) for line in block.text.split("\n"))


def _sentence_heading(block: Block) -> bool:
    """A heading that is a whole sentence or two (a pull quote, a summary line)."""
    text = block.text
    return block.kind == "h" and len(text) >= SENTENCE_HEADING and text[-1:] in ".!?"


def _trim(blocks: list[Block], title: str | None) -> list[Block]:
    """Drop the story's header (title, deck, byline, date) and dangling lines at the end.

    Leading headings and short non-sentences go until the first real paragraph, as do
    leading lines that repeat the title; trailing headings and short non-sentences go.
    """
    start = 0
    folded_title = _fold(title) if title else ""
    while start < len(blocks):
        b = blocks[start]
        if _is_fragment(b, LEAD_SHORT) or (
            folded_title and b.text and _fold(b.text) == folded_title
        ):
            start += 1
            continue
        if b.kind in ("img", "caption"):
            start += 1
            continue
        break
    if start == len(blocks):
        return blocks  # nothing but short lines: they are the story
    # Images met before the first paragraph stay with the story (a lead image), each
    # with the caption right under it, as does the heading just before the paragraph
    # when it is not the title: the first section's heading.
    head: list[Block] = []
    for at, b in enumerate(blocks[:start]):
        if b.kind == "img" or (b.kind == "caption" and at and blocks[at - 1].kind == "img"):
            head.append(b)
        elif b.kind == "p" and "](" in b.md:
            # A picture sharing its line with a caption or credit (one paragraph): the
            # line goes with the header, the picture stays.
            head.extend(Block("img", m.group(0), "") for m in _PICTURE_BLOCK.finditer(b.md))
    lead = _section_heading(blocks, start, folded_title)
    if lead is not None:
        head.append(lead)
    blocks = head + blocks[start:]
    end = len(blocks)
    while end > 1 and (
        (
            _is_fragment(blocks[end - 1], TAIL_SHORT)
            and not _written_lines(blocks[end - 1])
            and not _sentence_heading(blocks[end - 1])
        )
        or _notice(blocks[end - 1])
        or blocks[end - 1].kind == "caption"
    ):
        end -= 1
    return blocks[:end]


def _section_heading(blocks: list[Block], start: int, folded_title: str) -> Block | None:
    """The heading right before the first paragraph (past images and captions), unless it
    repeats the title or is the very first block (the headline)."""
    at = start - 1
    while at >= 0 and blocks[at].kind in ("img", "caption"):
        at -= 1
    if at <= 0 or blocks[at].kind != "h":
        return None
    block = blocks[at]
    if folded_title and _fold(block.text) == folded_title:
        return None
    return block


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


_PARAS = re.compile(r"\n\s*\n|\r\n\s*\r\n")


def text_body(text: str, source: BodySource, teasers: tuple[Teaser, ...] = ()) -> Body:
    """A body from plain text: paragraphs at blank lines (or at lines, if it has none)."""
    chunks = _PARAS.split(text.strip())
    if len(chunks) == 1:
        chunks = text.strip().split("\n")
    paras = [" ".join(c.split()) for c in chunks]
    paras = [p for p in paras if p]
    return Body(
        markdown="\n\n".join(md.escape_line_starts(md.escape(p)) for p in paras),
        text="\n\n".join(paras),
        source=source,
        teasers=teasers,
    )

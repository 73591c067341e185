"""Helpers shared by the library and command-line tests (no tests of its own).

Every page here is original text written for these tests.
"""

from __future__ import annotations

import html as htmllib

from tests.support.httpserver import Handler, Reply, Request

PARAGRAPHS = (
    "The harbour board met on Tuesday evening to decide the fate of the old tide gauge, "
    "a brass instrument that has measured the water at the north pier since the town "
    "first kept records of its fishing fleet.",
    "Engineers told the meeting that the gauge still reads within a finger's width of "
    "the new electronic sensor, and that the brass housing needs only fresh paint and "
    "a new glass front to last another fifty years.",
    "Several fishermen spoke in favour of keeping it, saying that the old dial is the "
    "first thing they check before sailing, and that no screen on a phone gives the same "
    "quick sense of the sea as the needle does.",
    "The board voted to restore the gauge and to mount the sensor beside it, so that the "
    "two can be compared through the winter storms before any further decision is taken.",
)


def story_html(
    title: str,
    *,
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    extra: str = "",
    site: str = "The Harbour Gazette",
    canonical: str | None = None,
) -> str:
    """An article-shaped page: a site header, the story, an optional extra block."""
    t = htmllib.escape(title)
    body = "\n".join(f"<p>{htmllib.escape(p)}</p>" for p in paragraphs)
    canon = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{t}</title>
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{t}">{canon}
</head><body>
<header><nav><a href="/">Home</a> <a href="/news/">News</a></nav></header>
<main><article><h1>{t}</h1>
<p class="byline">By Maren Holt</p>
{body}
</article>{extra}</main>
<footer><p>Copyright the Harbour Gazette.</p></footer>
</body></html>"""


EMPTY_PAGE = "<!doctype html><html><head><title>Nothing</title></head><body></body></html>"


def page(text: str, status: int = 200, **headers: str) -> Handler:
    body = text.encode("utf-8")
    hdrs = {"Content-Type": "text/html; charset=utf-8", **headers}
    return lambda _req: Reply(status=status, body=body, headers=hdrs)


def etagged(text: str, etag: str) -> Handler:
    """Serves ``text`` with an ETag, and 304 to a request that already has it."""
    body = text.encode("utf-8")

    def handle(req: Request) -> Reply:
        if req.headers.get("if-none-match") == etag:
            return Reply(status=304, headers={"ETag": etag})
        return Reply(body=body, headers={"Content-Type": "text/html; charset=utf-8", "ETag": etag})

    return handle


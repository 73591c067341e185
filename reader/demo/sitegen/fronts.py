"""Pages that are not stories: the home page, section fronts, tag and author pages,
the about pages, the newsletter page and the 404 page."""

from __future__ import annotations

from collections.abc import Iterable

from reader.demo.sitegen.chrome import (
    Site,
    cookie_banner,
    day_date,
    esc,
    footer,
    head,
    most_read,
    newsletter_box,
    page,
    section_links,
)
from reader.demo.sitegen.feeds import alternate_link
from reader.demo.sitegen.source import (
    AUTHORS,
    FRONT_PATH,
    ORIGIN,
    PAPER,
    SECTIONS,
    Story,
    tag_label,
)


def _shell(
    site: Site, title: str, description: str, path: str, main: str, links: tuple[str, ...] = ()
) -> str:
    body = f"""{cookie_banner("bar")}<header class="masthead">
<a class="logo" href="/"><img src="/static/img/logo.svg" alt="{PAPER}" width="240" height="48"></a>
<nav class="sections" aria-label="Sections"><ul>{section_links("section-link")}</ul></nav>
</header>
<div class="layout">
<main id="main-content">
{main}</main>
<aside class="rail">{most_read(site, "h2", "most-read")}</aside>
</div>
{footer("footer", "page-footer")}"""
    return page(head(title, description, ORIGIN + path, links=links), 'class="page-index"', body)


def _teaser_list(stories: Iterable[Story], css: str = "story-list") -> str:
    items = []
    for s in stories:
        names = ", ".join(a.name for a in s.authors)
        items.append(
            f'<li class="story-teaser"><h3><a href="{s.path}">{esc(s.title)}</a></h3>'
            f"<p>{esc(s.summary)}</p>"
            f'<p class="meta">{esc(names)} · <time datetime="{s.published.date().isoformat()}">'
            f"{day_date(s.published)}</time></p></li>"
        )
    return f'<ul class="{css}">\n' + "\n".join(items) + "\n</ul>\n"


def home(site: Site) -> str:
    lead = site.story(FRONT_PATH)
    rest = [s for s in site.stories if s is not lead]
    blocks = []
    for slug, name in SECTIONS.items():
        blocks.append(
            f'<section class="section-block"><h2><a href="/{slug}/">{name}</a></h2>\n'
            + _teaser_list(site.in_section(slug, but=lead)[:3], "story-list compact")
            + "</section>\n"
        )
    main = (
        '<section class="lead">\n'
        f'<h1 class="lead-headline"><a href="{lead.path}">{esc(lead.title)}</a></h1>\n'
        f"<p>{esc(lead.summary)}</p>\n</section>\n"
        '<section class="latest"><h2>Latest</h2>\n' + _teaser_list(rest[:6]) + "</section>\n"
        + "".join(blocks)
        + newsletter_box("section", "h2")
    )
    links = tuple(filter(None, (alternate_link(section) for section in SECTIONS)))
    return _shell(
        site, "News from the town on the Wren", "Wrenmouth's local paper.", "/", main, links
    )


def section_front(site: Site, slug: str) -> str:
    name = SECTIONS[slug]
    main = (
        f'<h1 class="page-title">{name}</h1>\n'
        f'<p class="page-intro">Every {name.lower()} story from the Lantern, newest first.</p>\n'
        + _teaser_list(site.in_section(slug))
    )
    feed = alternate_link(slug)
    links = (feed,) if feed else ()
    return _shell(site, name, f"{name} from Wrenmouth.", f"/{slug}/", main, links)


def tag_page(site: Site, tag: str) -> str:
    label = tag_label(tag)
    tagged = [s for s in site.stories if tag in s.tags]
    main = (
        f'<h1 class="page-title">Stories tagged “{esc(label)}”</h1>\n'
        f'<p class="page-intro">{len(tagged)} stories.</p>\n' + _teaser_list(tagged)
    )
    return _shell(site, f"Tag: {label}", f"Stories about {label}.", f"/tag/{tag}/", main)


def author_page(site: Site, slug: str) -> str:
    a = AUTHORS[slug]
    theirs = [s for s in site.stories if a in s.authors]
    main = (
        '<div class="author-profile"><img src="/static/img/avatar.svg" alt="" width="96" '
        f'height="96"><h1 class="page-title">{esc(a.name)}</h1>'
        f'<p class="role">{esc(a.role)}</p><p>{esc(a.bio)}</p></div>\n'
        f"<h2>Latest from {esc(a.name)}</h2>\n" + _teaser_list(theirs)
    )
    return _shell(site, a.name, f"{a.name}, {a.role}.", a.path, main)


ABOUT_PAGES: dict[str, tuple[str, str]] = {
    "/about/": (
        "About the Lantern",
        "<p>The Wrenmouth Lantern has reported on the town at the mouth of the Wren since "
        "1871, or so its masthead would claim if any of this were real. It is not: the town, "
        "its people and this paper were invented as the demo site for <code>reader</code>, "
        "a terminal news reader. Every story here was written for it.</p>\n"
        "<p>The pages are shaped like the ones real news sites serve, with menus, cookie "
        "banners, share buttons and lists of other stories, so that <code>reader</code> has "
        "something honest to clean up.</p>\n",
    ),
    "/about/cookies": (
        "Cookie policy",
        "<p>This demo site sets no cookies at all. A real paper's banner would ask; ours "
        "only pretends to, because so many sites do.</p>\n",
    ),
    "/about/comments": (
        "How we handle comments",
        "<p>On a real site, comments pass a spam filter and then a moderator. The demo "
        "accepts no comments: the form is there because WordPress pages have one.</p>\n",
    ),
    "/newsletter/": (
        "The Lantern newsletter",
        "<p>The newsletter would arrive every weekday at seven. In the demo nothing is "
        "sent and no address is kept.</p>\n",
    ),
    "/wp-comments-post.php": (
        "Comments are closed",
        "<p>The demo site does not accept comments. Nothing you typed was kept.</p>\n",
    ),
}


def about(site: Site, path: str) -> str:
    title, text = ABOUT_PAGES[path]
    main = f'<h1 class="page-title">{esc(title)}</h1>\n{text}'
    return _shell(site, title, title, path, main)


def not_found(site: Site) -> str:
    main = (
        '<h1 class="page-title">Page not found</h1>\n'
        "<p>There is no page at this address. It may have moved, or the link may be "
        'mistyped. Try <a href="/">the front page</a> or one of the sections above.</p>\n'
    )
    return _shell(site, "Page not found", "No page at this address.", "/404", main)

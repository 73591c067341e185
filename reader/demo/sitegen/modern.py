"""Two more story templates: a modern news page (``news``) and a magazine feature
(``feature``) built of anonymous divs."""

from __future__ import annotations

from reader.demo.sitegen.chrome import (
    Site,
    cookie_banner,
    esc,
    footer,
    long_date,
    most_read,
    newsletter_box,
    page,
    section_links,
    story_head,
    trending_nav,
)
from reader.demo.sitegen.source import (
    INLINE_MARK,
    LEAD_HEIGHT,
    LEAD_WIDTH,
    PAPER,
    SECTIONS,
    Story,
    tag_label,
)


def _byline(story: Story) -> str:
    names = [f'<a rel="author" href="{a.path}">{esc(a.name)}</a>' for a in story.authors]
    who = " and ".join(names)
    role = esc(story.authors[0].role) if len(story.authors) == 1 else "Wrenmouth"
    return (
        f'<div class="story-byline">By {who}, <span class="role">{role}</span> '
        f'<time datetime="{story.published.isoformat()}">{long_date(story.published)}</time>'
        "</div>"
    )


def _related_aside(site: Site, story: Story) -> str:
    items = []
    for path in story.related:
        other = site.story(path)
        img = ""
        if other.image:
            img = f'<img src="{other.image.src}" alt="" loading="lazy" width="160" height="90">'
        items.append(
            f'<li class="related-item"><a href="{path}">{img}'
            f"<h3>{esc(other.title)}</h3></a><p>{esc(other.summary)}</p></li>"
        )
    return (
        '<aside class="related-stories" aria-labelledby="related-heading">\n'
        '<h2 id="related-heading">Related</h2>\n<ul>\n' + "\n".join(items) + "\n</ul>\n</aside>\n"
    )


def _more_from(site: Site, story: Story) -> str:
    others = site.in_section(story.section, but=story)[:4]
    items = "\n".join(
        f'<li><a href="{o.path}">{esc(o.title)}</a> '
        f'<time datetime="{o.published.date().isoformat()}">{o.published.day} '
        f"{o.published:%b}</time></li>"
        for o in others
    )
    return (
        f'<section class="more-from">\n<h2>More from {SECTIONS[story.section]}</h2>\n'
        f"<ul>\n{items}\n</ul>\n</section>\n"
    )


def render_news(site: Site, story: Story) -> str:
    figure = ""
    if story.image:
        figure = (
            f'<figure class="lead-image"><img src="{story.image.src}" '
            f'alt="{esc(story.image.alt)}" width="{LEAD_WIDTH}" height="{LEAD_HEIGHT}">'
            f"<figcaption>{esc(story.image.alt)}. Illustration: {PAPER}</figcaption></figure>\n"
        )
    topics = " ".join(
        f'<li><a href="/tag/{t}/">{esc(tag_label(t))}</a></li>' for t in story.tags
    )
    body_html = f"""{cookie_banner("bar")}<header class="masthead">
<a class="logo" href="/"><img src="/static/img/logo.svg" alt="{PAPER}" width="240" height="48"></a>
<nav class="sections" aria-label="Sections"><ul>{section_links("section-link")}</ul></nav>
<a class="subscribe" href="/newsletter/">Get the newsletter</a>
</header>
{trending_nav(site)}<div class="layout">
<main id="main-content">
<article class="story" itemscope itemtype="https://schema.org/NewsArticle">
<header class="story-header">
<a class="kicker" href="/{story.section}/">{SECTIONS[story.section]}</a>
<h1 class="story-headline" itemprop="headline">{esc(story.title)}</h1>
<p class="standfirst" itemprop="description">{esc(story.summary)}</p>
{_byline(story)}
</header>
{figure}<div class="story-body" itemprop="articleBody">
{story.body.replace(INLINE_MARK, "")}</div>
<div class="story-topics"><h2>Topics</h2><ul>{topics}</ul></div>
{_related_aside(site, story) if story.related else ""}</article>
{_more_from(site, story)}</main>
<aside class="rail">
{most_read(site, "h2", "most-read")}{newsletter_box("div", "h2")}</aside>
</div>
{footer("footer", "page-footer")}"""
    return page(story_head(story), f'class="page-article section-{story.section}"', body_html)


def _author_box(story: Story) -> str:
    a = story.authors[0]
    return (
        '<div class="author-box"><img src="/static/img/avatar.svg" alt="" width="64" '
        f'height="64"><div class="author-box__text"><h4>About the author</h4>'
        f"<p>{esc(a.bio)}</p><a href=\"{a.path}\">More by {esc(a.name)}</a></div></div>\n"
    )


def _cards(site: Site, story: Story) -> str:
    others = [s for s in site.stories if s.section != story.section][:3]
    cards = "\n".join(
        f'<div class="card"><a class="card__link" href="{o.path}?ref=card">'
        f'<div class="card__label">{SECTIONS[o.section]}</div>'
        f'<div class="card__title">{esc(o.title)}</div></a></div>'
        for o in others
    )
    return f'<div class="promo-cards"><h3>You may also like</h3>\n{cards}\n</div>\n'


def render_feature(site: Site, story: Story) -> str:
    author = story.authors[0]
    image = ""
    if story.image:
        image = (
            f'<div class="feature-image"><img src="{story.image.src}" '
            f'alt="{esc(story.image.alt)}"><div class="caption">{PAPER}</div></div>\n'
        )
    read_more = ""
    if story.related:
        other = site.story(story.related[0])
        read_more = (
            '<div class="read-more-line"><p><strong>Read more:</strong> '
            f'<a href="{other.path}">{esc(other.title)}</a></p></div>\n'
        )
    menu = "".join(f'<a href="/{k}/">{v}</a>' for k, v in SECTIONS.items())
    meta = (
        f'<div class="meta"><span class="author-name">Words by <a href="{author.path}">'
        f'{esc(author.name)}</a></span> · <span class="date"><time '
        f'datetime="{story.published.isoformat()}">{story.published:%d.%m.%Y}</time></span></div>'
    )
    after = (
        _author_box(story)
        + _cards(site, story)
        + newsletter_box("div", "h3")
        + footer("div", "bottom")
    )
    body_html = f"""<div class="wrapper">
<div class="top-bar"><a class="brand" href="/">{PAPER}</a>
<div class="menu">{menu}<a href="/newsletter/">Newsletter</a></div></div>
<div class="feature-hero">
<div class="section-label"><a href="/{story.section}/">{SECTIONS[story.section]}</a></div>
<h1 class="headline">{esc(story.title)}</h1>
<div class="dek">{esc(story.summary)}</div>
{meta}
</div>
{image}<div class="story-text" data-component="text-block">
{story.body.replace(INLINE_MARK, "")}</div>
{read_more}{after}</div>
{cookie_banner("dialog")}"""
    return page(story_head(story), 'class="feature"', body_html)

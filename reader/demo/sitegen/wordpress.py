"""The WordPress-like story template: breadcrumbs, inline teaser, share bar, related
posts, post navigation, comments and a "Leave a Reply" form, widgets in a sidebar."""

from __future__ import annotations

from reader.demo.sitegen.chrome import (
    Site,
    cookie_banner,
    day_date,
    esc,
    footer,
    most_read,
    newsletter_box,
    page,
    section_links,
    story_head,
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

COMMENTS: dict[str, list[tuple[str, str, str]]] = {
    "/news/2026/11/harbour-ferry-returns": [
        (
            "Derek from Stonehithe",
            "2026-11-25T09:12:00+00:00",
            "About time. Two winters of driving round by Callow Bridge to get to work. "
            "I will be on the 7.30 on Monday.",
        ),
        (
            "Sal Menheniot",
            "2026-11-25T10:47:00+00:00",
            "Good news, but the new landing stage is a long way from the bus stop for "
            "anyone with a stick. Could the council look at a bench halfway?",
        ),
    ],
}


def _inline_teaser(target: Story) -> str:
    href = f"{target.path}?utm_source=inline&amp;utm_medium=teaser"
    return (
        '<div class="wp-block-group inline-related">'
        f'<a class="inline-related__link" href="{href}">'
        f'<strong class="inline-related__title">{esc(target.title)}</strong> '
        f'<span class="inline-related__summary">{esc(target.summary)}</span> '
        '<span class="inline-related__more">see more</span></a></div>'
    )


def _share_bar(story: Story) -> str:
    items = []
    for name, label in (("facebook", "Facebook"), ("x", "X"), ("email", "Email")):
        items.append(
            f'<li class="share-{name}"><a class="share-{name} sd-button" '
            f'href="{story.path}?share={name}" rel="nofollow noopener" '
            f'title="Share on {label}"><span>{label}</span></a></li>'
        )
    items.append(
        f'<li class="share-print"><a class="share-print sd-button" href="{story.path}#print" '
        'rel="nofollow" title="Print this story"><span>Print</span></a></li>'
    )
    return (
        '<div class="sharedaddy sd-sharing-enabled"><div class="sd-block sd-social">'
        '<h3 class="sd-title">Share this:</h3><div class="sd-content"><ul>'
        + "".join(items)
        + "</ul></div></div></div>"
    )


def _related_posts(site: Site, story: Story) -> str:
    if not story.related:
        return ""
    cards = []
    for path in story.related:
        other = site.story(path)
        cards.append(
            '<div class="jp-relatedposts-post">'
            f'<h4 class="jp-relatedposts-post-title"><a href="{path}" '
            f'data-origin="{story.post_id}">{esc(other.title)}</a></h4>'
            f'<p class="jp-relatedposts-post-date">{day_date(other.published)}</p>'
            f'<p class="jp-relatedposts-post-context">In "{SECTIONS[other.section]}"</p></div>'
        )
    return (
        '<div id="jp-relatedposts" class="jp-relatedposts">'
        '<h3 class="jp-relatedposts-headline"><em>Related</em></h3>'
        + "".join(cards)
        + "</div>"
    )


def _comments(story: Story) -> str:
    found = COMMENTS.get(story.path, [])
    out = ['<div id="comments" class="comments-area">']
    if found:
        n = len(found)
        out.append(f'<h2 class="comments-title">{n} thoughts on “{esc(story.title)}”</h2>')
        out.append('<ol class="comment-list">')
        for i, (who, when, text) in enumerate(found, 1):
            cid = story.post_id * 10 + i
            out.append(
                f'<li id="comment-{cid}" class="comment"><article class="comment-body">'
                f'<footer class="comment-meta"><b class="fn">{esc(who)}</b> '
                f'<time datetime="{when}">{when[:10]} at {when[11:16]}</time></footer>'
                f'<div class="comment-content"><p>{esc(text)}</p></div>'
                f'<a rel="nofollow" class="comment-reply-link" href="#comment-{cid}">Reply</a>'
                "</article></li>"
            )
        out.append("</ol>")
    out.append(
        '<div id="respond" class="comment-respond">'
        '<h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>'
        '<form action="/wp-comments-post.php" method="post" id="commentform" '
        'class="comment-form">'
        '<p class="comment-notes">We will not publish your email address. '
        "Fields marked * must be filled in.</p>"
        '<p class="comment-form-comment"><label for="comment">Comment *</label>'
        '<textarea id="comment" name="comment" rows="8" required></textarea></p>'
        '<p class="comment-form-author"><label for="author">Name *</label>'
        '<input id="author" name="author" type="text" required></p>'
        '<p class="comment-form-email"><label for="email">Email *</label>'
        '<input id="email" name="email" type="email" required></p>'
        '<p class="form-submit"><input name="submit" type="submit" id="submit" '
        'class="submit" value="Post Comment">'
        f'<input type="hidden" name="comment_post_ID" value="{story.post_id}"></p>'
        '<p class="spam-filter-notice">Every comment passes through a spam filter before '
        'a person reads it. <a href="/about/comments">How we handle comment data</a>.</p>'
        "</form></div></div>"
    )
    return "\n".join(out)


def _post_nav(site: Site, story: Story) -> str:
    older, newer = site.neighbours(story)
    parts = []
    if older:
        parts.append(
            f'<div class="nav-previous"><a href="{older.path}" rel="prev">'
            f'<span class="meta-nav">Previous post</span> '
            f'<span class="post-title">{esc(older.title)}</span></a></div>'
        )
    if newer:
        parts.append(
            f'<div class="nav-next"><a href="{newer.path}" rel="next">'
            f'<span class="meta-nav">Next post</span> '
            f'<span class="post-title">{esc(newer.title)}</span></a></div>'
        )
    return (
        '<nav class="navigation post-navigation" aria-label="Posts">'
        '<h2 class="screen-reader-text">Post navigation</h2>'
        f'<div class="nav-links">{"".join(parts)}</div></nav>'
    )


def _masthead() -> str:
    return (
        '<div class="site-branding"><p class="site-title">'
        f'<a href="/" rel="home">{PAPER}</a></p>'
        '<p class="site-description">News from the town on the Wren</p></div>\n'
        '<nav id="site-navigation" class="main-navigation">'
        '<button class="menu-toggle" aria-expanded="false">Menu</button>'
        f'<ul id="primary-menu" class="menu">{section_links("menu-item")}</ul></nav>'
    )


def render(site: Site, story: Story) -> str:
    section = SECTIONS[story.section]
    author = story.authors[0]
    body = story.body
    if story.inline:
        body = body.replace(INLINE_MARK, _inline_teaser(site.story(story.inline)))
    thumb = ""
    if story.image:
        thumb = (
            f'<figure class="post-thumbnail"><img src="{story.image.src}" '
            f'alt="{esc(story.image.alt)}" width="{LEAD_WIDTH}" height="{LEAD_HEIGHT}"></figure>\n'
        )
    tags = ", ".join(f'<a href="/tag/{t}/" rel="tag">{esc(tag_label(t))}</a>' for t in story.tags)
    modified = ""
    if story.modified:
        modified = (
            f'<time class="updated" datetime="{story.modified.isoformat()}">'
            f"{day_date(story.modified)}</time>"
        )
    crumbs = (
        '<nav class="breadcrumbs" aria-label="Breadcrumb">'
        '<span><a href="/">Home</a></span> » '
        f'<span><a href="/{story.section}/">{section}</a></span> » '
        f'<span class="breadcrumb_last" aria-current="page">{esc(story.title)}</span></nav>'
    )
    classes = (
        f"post-{story.post_id} post type-post status-publish format-standard hentry "
        f"category-{story.section}"
    )
    meta = (
        '<div class="entry-meta"><span class="posted-on">Posted on '
        f'<a href="{story.path}" rel="bookmark"><time class="entry-date published" '
        f'datetime="{story.published.isoformat()}">{day_date(story.published)}</time>'
        f'{modified}</a></span><span class="byline"> by <span class="author vcard">'
        f'<a class="url fn n" href="{author.path}">{esc(author.name)}</a></span></span></div>'
    )
    entry_footer = (
        '<footer class="entry-footer"><span class="cat-links">Posted in '
        f'<a href="/{story.section}/" rel="category tag">{section}</a></span> '
        f'<span class="tags-links">Tagged {tags}</span></footer>'
    )
    article = f"""{crumbs}
<article id="post-{story.post_id}" class="{classes}">
<header class="entry-header">
<h1 class="entry-title">{esc(story.title)}</h1>
{meta}
</header>
{thumb}<div class="entry-content">
{body}{_share_bar(story)}
{_related_posts(site, story)}
</div>
{entry_footer}
</article>
{_post_nav(site, story)}
{_comments(story)}
"""
    sidebar = (
        '<aside id="secondary" class="widget-area">\n'
        + most_read(site, "h2", "widget widget_most_read")
        + newsletter_box("section", "h2")
        + "</aside>\n"
    )
    body_html = f"""<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
{cookie_banner("dialog")}<header id="masthead" class="site-header">
{_masthead()}
</header>
<div id="content" class="site-content">
<div id="primary" class="content-area"><main id="main" class="site-main">
{article}</main></div>
{sidebar}</div>
{footer("footer", "site-footer")}</div>
"""
    attrs = (
        f'class="post-template-default single single-post postid-{story.post_id} '
        'single-format-standard"'
    )
    return page(story_head(story), attrs, body_html)

"""Build the demo site: render ``reader/demo/source/`` into ``reader/demo/site/``.

Run ``python -m reader.demo.sitegen`` after editing a story or a template; the built site
is committed, and a test checks that it matches what the sources give.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

from reader.demo.sitegen import feeds, fronts, modern, wordpress
from reader.demo.sitegen.chrome import Site
from reader.demo.sitegen.source import AUTHORS, FRONT_PATH, SECTIONS, SOURCE_DIR, load_stories

SITE_DIR = Path(__file__).resolve().parent.parent / "site"
HTML = "text/html; charset=utf-8"
ASSET_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
}


def _http_date(when: datetime) -> str:
    return format_datetime(when.astimezone(UTC), usegmt=True)


def _file_for(path: str) -> str:
    name = path.strip("/") or "index"
    if path.endswith("/") and path != "/":
        name += "/index"
    return name + ".html"


def render_site(source_dir: Path = SOURCE_DIR) -> tuple[dict[str, bytes], dict[str, object]]:
    """Every file of the site (relative name → bytes) and the route table."""
    site = Site(tuple(load_stories(source_dir)))
    files: dict[str, bytes] = {}
    routes: dict[str, dict[str, str]] = {}

    newest = _http_date(max(s.modified or s.published for s in site.stories))

    def add(
        path: str, kind: str, title: str, html: str, when: str = newest, media: str = HTML
    ) -> None:
        name = _file_for(path) if media == HTML else path.strip("/")
        files[name] = html.encode("utf-8")
        routes[path] = {
            "file": name,
            "type": media,
            "kind": kind,
            "title": title,
            "last_modified": when,
        }

    for story in site.stories:
        if story.template == "wp":
            html = wordpress.render(site, story)
        elif story.template == "news":
            html = modern.render_news(site, story)
        else:
            html = modern.render_feature(site, story)
        add(story.path, "story", story.title, html, _http_date(story.modified or story.published))
    add("/", "home", "Front page", fronts.home(site))
    for slug, name in SECTIONS.items():
        add(f"/{slug}/", "section", name, fronts.section_front(site, slug))
    for slug, (path, media) in feeds.FEEDS.items():
        section = [s.modified or s.published for s in site.in_section(slug)]
        when = _http_date(max(section)) if section else newest
        add(path, "feed", f"{SECTIONS[slug]} feed", feeds.render(site, slug), when, media)
    for tag in sorted({t for s in site.stories for t in s.tags}):
        add(f"/tag/{tag}/", "tag", tag, fronts.tag_page(site, tag))
    for slug, author in AUTHORS.items():
        add(author.path, "author", author.name, fronts.author_page(site, slug))
    for path, (title, _text) in fronts.ABOUT_PAGES.items():
        add(path, "about", title, fronts.about(site, path))
    files["404.html"] = fronts.not_found(site).encode("utf-8")

    static = source_dir / "static"
    for asset in sorted(static.rglob("*")):
        if asset.is_file():
            name = "static/" + asset.relative_to(static).as_posix()
            files[name] = asset.read_bytes()
            routes["/" + name] = {
                "file": name,
                "type": ASSET_TYPES[asset.suffix],
                "kind": "asset",
                "title": asset.name,
                "last_modified": newest,
            }
    table: dict[str, object] = {
        "front": FRONT_PATH,
        "not_found": "404.html",
        "post": ["/wp-comments-post.php", "/newsletter/"],
        "routes": dict(sorted(routes.items())),
    }
    files["routes.json"] = (json.dumps(table, indent=1, sort_keys=True) + "\n").encode("utf-8")
    return files, table


def build_site(out_dir: Path = SITE_DIR, source_dir: Path = SOURCE_DIR) -> int:
    """Write the site into ``out_dir`` (emptied first). Returns the number of files."""
    files, _ = render_site(source_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    for name, data in files.items():
        target = out_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return len(files)


def main() -> None:
    count = build_site()
    print(f"wrote {count} files to {SITE_DIR}")

"""The register's feed of new and updated items, through the feeds plugin.

Builds feeds.model values (no XML here) and lets feeds.render serialise RSS,
Atom and JSON Feed. When plugins/feeds is absent the register simply has no feed.
"""
from __future__ import annotations

import dataclasses
import importlib.util

from markupsafe import Markup, escape

from siaran.contracts import FEED_FILES

from .exports import Site
from .model import Item, Layout

FEED_LIMIT = 50
CATEGORY_TITLES = {"berkala": "Informasi berkala", "serta-merta": "Informasi serta-merta",
                   "setiap-saat": "Informasi setiap saat", "dikecualikan": "Informasi dikecualikan"}


def feeds_available() -> bool:
    try:
        return importlib.util.find_spec("feeds.render") is not None
    except ModuleNotFoundError:
        return False


def feed_links(site: Site, layout: Layout) -> list[dict]:
    title = f"Daftar Informasi Publik – {site.publisher}"
    return [{"type": kind, "title": f"{title} ({name})", "href": site.absolute(layout.file(name))}
            for name, kind in FEED_FILES.items()]


def content_html(site: Site, item: Item) -> str:
    """Summary, body, and the downloads with size and SHA-256 — all escaped."""
    parts = [Markup("<p>{}</p>").format(item.summary)]
    if item.body_html:
        parts.append(Markup(item.body_html))
    if item.exempt:
        parts.append(Markup("<p><strong>Informasi dikecualikan.</strong> {}</p>").format(item.legal_basis))
    if item.attachments:
        rows = [Markup('<li><a href="{}">{}</a> ({}, {}; SHA-256 {})</li>').format(
            site.absolute(a.url), a.name, a.format, a.size_text, a.sha256) for a in item.attachments]
        parts.append(Markup("<ul>{}</ul>").format(Markup("").join(rows)))
    return str(Markup("\n").join(parts))


def entries(site: Site, items: list[Item]) -> tuple:
    """Newest update first: a refreshed item comes back to the top with its new `updated`.
    Their HTML is made safe to syndicate only by feed_files: the feed is listed on the
    feeds page from the build's context, and is written later, in the output stage."""
    from feeds.model import FeedEntry
    newest_first = sorted(items, key=lambda i: (i.updated, i.id), reverse=True)[:FEED_LIMIT]
    return tuple(FeedEntry(
        id=f"urn:uuid:{item.id}", title=item.title, link=site.absolute(item.url),
        content_html=content_html(site, item),
        summary_html=str(escape(item.summary)), published=item.published, updated=item.updated,
        authors=(item.unit,), categories=(CATEGORY_TITLES[item.category], item.legal_article),
        image=None) for item in newest_first)


def feed_id(domain: str, year: int | None, layout: Layout) -> str:
    """Same tag: scheme as the news feeds (docs/feeds.md); empty → the page URL is the id."""
    return f"tag:{domain},{year}:feeds/{layout.base}" if domain and year else ""


def register_feed(site: Site, layout: Layout, items: list[Item], icon: str = "", logo: str = "",
                  tag_id: str = ""):
    """The register's feeds.model.Feed (a value: rendered later, listed on /feeds/ meanwhile).
    Its entries' HTML is as written; feed_files makes it absolute and inert before rendering."""
    from feeds.model import Feed
    return Feed(folder=layout.base, title=f"Daftar Informasi Publik – {site.publisher}",
                description="Informasi publik yang baru diterbitkan atau diperbarui (UU 14/2008).",
                home_url=site.absolute(layout.base), site_url=site.absolute(""), language=site.language,
                entries=entries(site, items), icon_url=site.absolute(icon) if icon else "",
                logo_url=site.absolute(logo) if logo else "", publisher=site.publisher, feed_id=tag_id)


def feed_files(feed) -> dict[str, bytes]:
    """rss.xml, atom.xml, feed.json of the feed, keyed by their site-relative path;
    every entry's HTML absolute against its link and without active content."""
    # Imported here: feedgen, lxml and bs4 load only in the process that writes.
    from feeds.absolutize import feed_html
    from feeds.render import render_feed
    feed = dataclasses.replace(feed, entries=tuple(
        dataclasses.replace(entry, content_html=feed_html(entry.content_html, entry.link))
        for entry in feed.entries))
    return {feed.folder + name: data for name, data in render_feed(feed).items()}

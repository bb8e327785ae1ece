"""The feed model: plain frozen values, one Feed per scope, no Pelican and no I/O.

This is the shared interface of every feed on the site. The news plugin
(plugins/feeds) builds one Feed per scope (site, category, tag, unit); other
plugins (the PPID register) build their own Feed and hand it to
`render.render_feed`, which turns it into RSS 2.0, Atom 1.0 and JSON Feed 1.1.

Rules a builder must follow (render relies on them, tests check them):
- every URL is absolute (use absolutize.absolute_html for HTML fragments);
- datetimes are timezone-aware (Asia/Jakarta for releases);
- entries are newest first and already limited to the wanted count;
- `id` of an entry is a URI fixed at first publication ("urn:uuid:<uuid>").
Text need not be pre-cleaned: render strips characters XML cannot carry.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from siaran.contracts import FEED_FILES


@dataclass(frozen=True)
class Format:
    """One file a feed scope publishes; render.py has the function that writes it."""
    name: str
    """File name inside the feed's folder."""
    mime: str
    """Media type for autodiscovery links and the self link."""
    label: str
    """Human name shown on the feeds page and in link titles."""


_LABELS = {"rss.xml": "RSS", "atom.xml": "Atom", "feed.json": "JSON Feed"}
FORMATS: tuple[Format, ...] = tuple(Format(name, mime, _LABELS[name]) for name, mime in FEED_FILES.items())
"""The single list of what a feed scope publishes; the plugin and the feeds page loop over it."""


@dataclass(frozen=True)
class Enclosure:
    """A media file attached to an entry (the release photo)."""

    url: str
    """Absolute URL of the file."""
    length: int
    """Size in bytes of the file as published (RSS enclosure length)."""
    mime: str
    """MIME type, e.g. image/jpeg."""


@dataclass(frozen=True)
class FeedEntry:
    """One release (or register item) as every feed format sees it."""

    id: str
    """Stable URI, e.g. "urn:uuid:6f1c…"; never derived from title, slug, date or URL."""
    title: str
    """Plain text headline."""
    link: str
    """Absolute URL of the HTML page."""
    content_html: str
    """Full content as HTML, every URL already absolute."""
    summary_html: str
    """Short summary as HTML, every URL already absolute."""
    published: datetime
    """First publication, timezone-aware."""
    updated: datetime
    """Last substantive change (== published when never changed), timezone-aware."""
    authors: tuple[str, ...]
    """Names; at least one (the unit when the release names no writer)."""
    categories: tuple[str, ...]
    """Category name first, then tags."""
    image: Enclosure | None = None
    """Featured image, or None."""


@dataclass(frozen=True)
class Feed:
    """One scope's feed; rendered to three files in `folder`."""

    folder: str
    """Output folder of rss.xml/atom.xml/feed.json: "" for the site root, else e.g. "kategori/siaran-pers/"."""
    title: str
    """Feed title (Indonesian)."""
    description: str
    """One sentence saying what the feed carries (Indonesian)."""
    home_url: str
    """Absolute URL of the matching HTML page (listing or home)."""
    site_url: str
    """Absolute site root URL (SITEURL), without trailing slash or with: both work."""
    language: str
    """BCP 47 language tag of the content, "id"."""
    entries: tuple[FeedEntry, ...]
    """Newest first, already limited."""
    icon_url: str = ""
    """Small square icon (Atom icon, JSON favicon)."""
    logo_url: str = ""
    """Larger logo (Atom logo, RSS image, JSON icon)."""
    hub_url: str = ""
    """WebSub hub; empty for none."""
    feed_id: str = ""
    """Atom feed id; defaults to home_url. Prefer a tag: URI that survives a scheme change."""
    publisher: str = ""
    """Feed-level author name (Atom requires one when an entry lacks authors)."""

    def url(self, name: str) -> str:
        """Absolute URL of one of this feed's files, e.g. url("atom.xml")."""
        return self.site_url.rstrip("/") + "/" + self.folder + name

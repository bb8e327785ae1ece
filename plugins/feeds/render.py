"""One Feed value → RSS 2.0, Atom 1.0 and JSON Feed 1.1 bytes. Pure: no Pelican, no I/O, no clock.

RSS and Atom are built by python-feedgen (lxml underneath); JSON Feed by
`json.dumps(sort_keys=True)`, one function per row of model.FORMATS. Only the
feeds stage imports this module (and so feedgen and lxml): page rendering,
which links to the feeds, needs model.FORMATS alone.

Byte stability: feedgen defaults the feed's `updated`/`lastBuildDate` and each
entry's `updated` to the clock, and formats RSS dates with `strftime` under a
temporarily switched process locale. We always set `updated` from the content,
and write every RSS date through `rfc822()` (email.utils, locale-free) in the
StableDates extension; entries never go through feedgen's pubDate at all.
"""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import Any, Callable

from bs4 import BeautifulSoup
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.ext.dc import DcEntryExtension, DcExtension
from feedgen.ext.media import MediaEntryExtension, MediaExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from siaran.text import xml_safe

from .model import FORMATS, Enclosure, Feed, FeedEntry

ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
GENERATOR = "Siaran (python-feedgen)"
GENERATOR_URI = "https://lkiesow.github.io/python-feedgen"
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
"""`updated` of a feed with no entries: fixed, never the clock."""


# ---------------------------------------------------------------- dates

def rfc822(moment: datetime) -> str:
    """RSS date, e.g. 'Wed, 25 Nov 2026 09:30:00 +0700'; English names whatever the locale."""
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime in a feed: {moment!r}")
    return format_datetime(moment)


def rfc3339(moment: datetime) -> str:
    """Atom/JSON date, e.g. '2026-11-25T09:30:00+07:00'."""
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime in a feed: {moment!r}")
    return moment.isoformat(timespec="seconds")


def feed_updated(feed: Feed) -> datetime:
    """The newest entry's `updated`; EPOCH for an empty feed. Never now()."""
    return max((entry.updated for entry in feed.entries), default=EPOCH)


# ---------------------------------------------------------------- cleaning

def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    if isinstance(value, tuple):
        return tuple(_clean(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: _clean(getattr(value, f.name))
                                             for f in dataclasses.fields(value)})
    return value


def clean_feed(feed: Feed) -> Feed:
    """The same feed with every string stripped of characters XML 1.0 cannot carry
    (control characters, lone surrogates) and whole-second times."""
    return _clean(feed)


def _unique(values: tuple[str, ...]) -> list[str]:
    return list(dict.fromkeys(value for value in values if value.strip()))


# ---------------------------------------------------------------- feedgen extensions

class StableDatesExtension(BaseExtension):
    """Channel `lastBuildDate` written with rfc822() from the content's newest update."""

    def __init__(self) -> None:
        self.updated: datetime = EPOCH

    def extend_rss(self, rss_feed):
        channel = rss_feed[0]
        node = channel.find("lastBuildDate")
        if node is None:
            node = xml_elem("lastBuildDate", channel)
        node.text = rfc822(self.updated)
        return rss_feed


class StableDatesEntryExtension(BaseEntryExtension):
    """Entry publication date: RSS `pubDate` via rfc822(), Atom `published` as RFC 3339."""

    def __init__(self) -> None:
        self.published: datetime | None = None

    def extend_rss(self, item):
        if self.published is not None:
            xml_elem("pubDate", item).text = rfc822(self.published)
        return item

    def extend_atom(self, entry):
        if self.published is not None:
            xml_elem("published", entry).text = rfc3339(self.published)
        return entry


class WebSubExtension(BaseExtension):
    """`<link rel="hub">` (Atom) / `<atom:link rel="hub">` (RSS) when a hub is configured."""

    def __init__(self) -> None:
        self.hub = ""

    def extend_atom(self, atom_feed):
        if self.hub:
            xml_elem("link", atom_feed, href=self.hub, rel="hub")
        return atom_feed

    def extend_rss(self, rss_feed):
        if self.hub:
            xml_elem(f"{{{ATOM_NS}}}link", rss_feed[0], href=self.hub, rel="hub")
        return rss_feed


class LinksEntryExtension(BaseEntryExtension):
    """The entry's page link and image enclosure, written by us for both formats.

    feedgen 1.0.0's atom_entry() loses rel/type/length of entry links (the loop
    variable shadows the link data), which would turn the enclosure into a
    second rel="alternate" link, invalid in Atom. So links bypass fe.link().
    """

    def __init__(self) -> None:
        self.page = ""
        self.enclosure: Enclosure | None = None

    def extend_rss(self, item):
        xml_elem("link", item).text = self.page
        if self.enclosure is not None:
            xml_elem("enclosure", item, url=self.enclosure.url, length=str(self.enclosure.length),
                     type=self.enclosure.mime)
        return item

    def extend_atom(self, entry):
        xml_elem("link", entry, href=self.page, rel="alternate", type="text/html")
        if self.enclosure is not None:
            xml_elem("link", entry, href=self.enclosure.url, rel="enclosure", type=self.enclosure.mime,
                     length=str(self.enclosure.length))
        return entry


@dataclass(frozen=True)
class Extension:
    """A feedgen extension registered by class on every generator (feed half, entry half)."""

    namespace: str
    feed_class: type
    entry_class: type
    atom: bool = True
    rss: bool = True


EXTENSIONS = (
    Extension("stable_dates", StableDatesExtension, StableDatesEntryExtension),
    Extension("links", BaseExtension, LinksEntryExtension),
    Extension("websub", WebSubExtension, BaseEntryExtension),
    Extension("media", MediaExtension, MediaEntryExtension),
    Extension("dc", DcExtension, DcEntryExtension, atom=False),   # RSS authors without e-mail
)


# ---------------------------------------------------------------- RSS and Atom

def _add_entry(fg: FeedGenerator, entry: FeedEntry) -> None:
    fe = fg.add_entry(order="append")
    fe.id(entry.id)                                   # Atom id + RSS guid isPermaLink="false"
    fe.title(entry.title)
    fe.links.page = entry.link
    fe.links.enclosure = entry.image
    fe.content(entry.content_html, type="html")       # RSS content:encoded
    if entry.summary_html.strip():
        fe.summary(entry.summary_html, type="html")   # RSS description
    fe.updated(entry.updated)
    fe.stable_dates.published = entry.published
    authors = _unique(entry.authors)
    if authors:
        fe.author([{"name": name} for name in authors])
        fe.dc.dc_creator(authors)
    categories = _unique(entry.categories)
    if categories:
        fe.category([{"term": name} for name in categories])
    if entry.image is not None:
        fe.media.content(url=entry.image.url, fileSize=str(entry.image.length), type=entry.image.mime,
                         medium="image", group=None)


def _feedgen(feed: Feed, self_name: str, self_mime: str) -> FeedGenerator:
    fg = FeedGenerator()
    for ext in EXTENSIONS:
        fg.register_extension(ext.namespace, ext.feed_class, ext.entry_class, atom=ext.atom, rss=ext.rss)
    fg.id(feed.feed_id or feed.home_url)
    fg.title(feed.title)
    fg.description(feed.description)                  # also Atom subtitle
    fg.language(feed.language)                        # also Atom xml:lang
    fg.generator(GENERATOR, uri=GENERATOR_URI)
    # feedgen takes the RSS <link> from the last link given: alternate goes last.
    fg.link(href=feed.url(self_name), rel="self", type=self_mime)
    fg.link(href=feed.home_url, rel="alternate", type="text/html")
    if feed.publisher:
        fg.author({"name": feed.publisher})
    if feed.icon_url:
        fg.icon(feed.icon_url)
    if feed.logo_url:
        fg.image(url=feed.logo_url, title=feed.title, link=feed.home_url)   # also Atom logo
    updated = feed_updated(feed)
    fg.updated(updated)
    fg.stable_dates.updated = updated
    fg.websub.hub = feed.hub_url
    for entry in feed.entries:
        _add_entry(fg, entry)
    return fg


def rss_bytes(feed: Feed) -> bytes:
    return _feedgen(feed, "rss.xml", "application/rss+xml").rss_str(pretty=True, encoding="UTF-8")


def atom_bytes(feed: Feed) -> bytes:
    return _feedgen(feed, "atom.xml", "application/atom+xml").atom_str(pretty=True, encoding="UTF-8")


# ---------------------------------------------------------------- JSON Feed 1.1

def _plain(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def _json_item(entry: FeedEntry) -> dict:
    item = {
        "id": entry.id,
        "url": entry.link,
        "title": entry.title,
        "content_html": entry.content_html,
        "date_published": rfc3339(entry.published),
        "date_modified": rfc3339(entry.updated),
        "authors": [{"name": name} for name in _unique(entry.authors)],
        "tags": _unique(entry.categories),
    }
    summary = _plain(entry.summary_html)
    if summary:
        item["summary"] = summary
    if entry.image is not None:
        item["image"] = entry.image.url
        item["attachments"] = [{"url": entry.image.url, "mime_type": entry.image.mime,
                                "size_in_bytes": entry.image.length}]
    return item


def json_feed_bytes(feed: Feed) -> bytes:
    document = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.home_url,
        "feed_url": feed.url("feed.json"),
        "description": feed.description,
        "language": feed.language,
        "items": [_json_item(entry) for entry in feed.entries],
    }
    if feed.logo_url:
        document["icon"] = feed.logo_url
    if feed.icon_url:
        document["favicon"] = feed.icon_url
    if feed.publisher:
        document["authors"] = [{"name": feed.publisher}]
    if feed.hub_url:
        document["hubs"] = [{"type": "WebSub", "url": feed.hub_url}]
    return (json.dumps(document, sort_keys=True, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# ---------------------------------------------------------------- the table

RENDERERS: dict[str, Callable[[Feed], bytes]] = {
    "rss.xml": rss_bytes,
    "atom.xml": atom_bytes,
    "feed.json": json_feed_bytes,
}
"""The writer of each model.FORMATS row, by file name."""


def render_feed(feed: Feed) -> dict[str, bytes]:
    """{"rss.xml": …, "atom.xml": …, "feed.json": …} for one scope; same feed → same bytes."""
    feed = clean_feed(feed)
    return {fmt.name: RENDERERS[fmt.name](feed) for fmt in FORMATS}

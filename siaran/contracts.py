"""Every value that passes between plugins, named once, with its type.

Plugins do not talk to each other through ad-hoc keys in Pelican's settings or
through attributes bolted onto Pelican's articles. What one part makes and
another reads is declared here:

- `BuildServices` — what the build hands to every plugin (the executor, the
  output store, cleanup steps, the incremental plan), under one settings key,
  read with `services(settings)`.
- `Context` — the names of the values plugins put in Pelican's shared template
  context, and who owns each.
- `Release` — the typed, documented view of one release that plugins and
  templates read (`release_of(article)`), made once by humas_content.
- `FEED_FILES`, `release_url` — facts several modules need, owned here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from siaran.executor import Executor
    from siaran.output import OutputStore

# -- what the build hands to plugins ---------------------------------------------------------

SERVICES_KEY = "SIARAN_BUILD"
"""The one settings key the build adds: its BuildServices. Pelican's context is a copy of
the settings, so every generator, the writer and every template sees the same object."""


@dataclass
class BuildServices:
    executor: Executor
    """Decides once how work is spread; plugins submit to it (siaran.executor)."""
    store: OutputStore | None = None
    """Bodies by digest; every generated file is placed through it (siaran.output)."""
    cleanup: list[Callable[[], None]] = field(default_factory=list)
    """Run however the build ends (workers reaped, pools shut down), in order."""
    plan: Any = None
    """The incremental plan (siaran.depmap.RenderPlan): which outputs may be kept unrendered."""
    verdict: Callable[[], None] | None = None
    """Raises when the content checks refuse the build (waiting for them if need be);
    the writer asks it before it waits for its workers, so a refusal stops them early."""
    staging_hooks: list[Callable[[str], None]] = field(default_factory=list)
    """Called with the staging folder once every file is written and before the swap
    (search indexing plugs in here); a hook that raises refuses the build."""
    reports: dict[str, Any] = field(default_factory=dict)
    """What a stage tells the caller, by stage name (search: siaran.search.SearchIndex);
    the build hands it on in its summary."""

    def __reduce__(self):
        # Pelican's reader cache pickles metadata objects that keep the settings (a
        # category's URL rules): the services belong to this build only, never to a cache.
        return (_not_cached, ())


class StageRefused(Exception):
    """Raised by a staging hook whose refusal is for the operator: the build reports its
    message as it is (in Indonesian), not as a crash."""


def _not_cached() -> None:
    return None


def services(settings: dict) -> BuildServices | None:
    """The build's services, or None when Pelican runs outside siaran.build (plain runs)."""
    return settings.get(SERVICES_KEY)


def output_store(settings: dict) -> OutputStore | None:
    build = services(settings)
    return build.store if build else None


def plan_of(settings: dict):
    """The build's incremental plan (siaran.depmap.RenderPlan), or None (a clean or plain run)."""
    build = services(settings)
    return build.plan if build else None


def executor_of(settings: dict) -> Executor:
    """The build's executor; a plain Pelican run (no siaran.build) gets one that runs inline."""
    build = services(settings)
    if build is not None:
        return build.executor
    from siaran.executor import Executor
    return Executor(1)


# -- what plugins put in the shared template context ----------------------------------------

class Context:
    """Keys of Pelican's template context that plugins fill; the owner named on each."""

    UNITS = "units"
    """list[humas_content.units.Unit], sorted by name (humas_content)."""
    EXTRA_FEEDS = "extra_feeds"
    """list[feeds.model.Feed] a plugin writes itself and the feeds page lists (ppid appends)."""
    SOCIAL_RELEASE_META = "social_release_meta"
    """Callable(article) -> {"tags", "jsonld"} | None, called by article.html (social)."""
    SOCIAL_WEBSITE_META = "social_website_meta"
    """Callable(title, url, description="") -> {"tags", "jsonld"}, called by base.html (social)."""
    REGISTER = "ppid"
    """ppid.model.Register: the public information register (ppid)."""
    REGISTER_LAYOUT = "ppid_layout"
    """ppid.model.Layout: its URLs (ppid)."""
    REGISTER_PAGES = "ppid_pages"
    """The standard PPID pages, in order (ppid)."""
    FEED_LINKS_FOR = "feed_links_for"
    """Jinja global: feed_links_for(kind, group) -> autodiscovery links (feeds)."""
    PUBLISHED_PHOTOS = "published_photos"
    """siaran.photos.PublishedPhotos: each photo's published copy, made once per build by whichever
    asks first (humas_content for a release photo's size, published_files to write it)."""
    PHOTO_RENDITIONS = "photo_renditions"
    """published_files.shown.ShownPhotos: the renditions of every photo a page shows, read by the
    theme's `picture` macro (`photo_renditions.sources(photo)`) and siaran.pictures (published_files)."""


# -- facts with one owner -----------------------------------------------------------------

FEED_FILES: dict[str, str] = {
    "rss.xml": "application/rss+xml",
    "atom.xml": "application/atom+xml",
    "feed.json": "application/feed+json",
}
"""The files every feed scope publishes and their media types, in the order they are listed.
feeds.model, ppid.feed and the deploy's content types and ordering read them from here."""

FEED_FILE_PATTERN = re.compile(r"(^|/)(" + "|".join(re.escape(name) for name in FEED_FILES) + r")$")
"""Matches a site-relative path that is a feed file."""

RELEASE_URL = "berita/{date:%Y}/{date:%m}/{slug}/"
"""Where a release lives; pelicanconf's ARTICLE_URL and the checker's duplicate-URL rule use it."""


def release_url(moment: Date | datetime, slug: str) -> str:
    return RELEASE_URL.format(date=moment, slug=slug)


# -- the typed view of a release ------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Photo:
    """What feeds, cards and meta tags need to know about a release photo."""

    path: str
    """Relative to content/, also its path in the output."""
    width: int
    """As a reader sees it: a camera's orientation applied (siaran.photos.shown_size)."""
    height: int
    mime: str
    size: int
    """Bytes of the published copy, metadata stripped (siaran.photos): the RSS enclosure length."""
    alt: str = ""
    caption: str = ""
    credit: str = ""


@dataclass(slots=True, eq=False)
class Release:
    """One published (or draft) release as plugins and templates read it.

    Made once per build by humas_content from Pelican's article; the article
    keeps one attribute, `release`, instead of many loose ones. Fields that
    Pelican already types (title, date, category, tags, url, content) are read
    from the article itself through the properties below, never copied.
    """

    article: Any
    """Pelican's Article (templates still render its content and metadata)."""
    photo: Photo | None = None
    """The release photo's facts, or None."""
    dateline: str = ""
    """'Jakarta (25/1)': the wire-style opening, shown before the first paragraph."""
    summary_text: str = ""
    """The summary as plain text (meta description, social texts)."""
    credit: str = ""
    """The closing credit line: the `credit` field, else the one the body ends with."""
    prev: Release | None = None
    """The next older release (by date, then source path)."""
    next: Release | None = None
    """The next newer release."""
    related: list[Release] = field(default_factory=list)
    """Releases sharing most tags, best first (humas_content.enrich.related_by_tags)."""
    redirect_from: list[str] = field(default_factory=list)
    """Old site-relative URLs that must lead here (deploy writes redirects)."""

    # Pelican's own typed fields, read through ----------------------------------------------
    @property
    def id(self) -> str:
        return self.article.id

    @property
    def title(self) -> str:
        return self.article.title

    @property
    def url(self) -> str:
        return self.article.url

    @property
    def slug(self) -> str:
        return self.article.slug

    @property
    def date(self) -> datetime:
        return self.article.date

    @property
    def source_path(self) -> str:
        return self.article.source_path


def release_of(article) -> Release | None:
    """The Release of a Pelican article (None before humas_content enriched it)."""
    return getattr(article, "release", None)

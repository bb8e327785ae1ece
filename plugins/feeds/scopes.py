"""Which feeds the news site publishes, and the Feed value of each.

One scope per feed: the whole site, each category, each tag, each publishing
unit. A scope's feed lives in the folder of its HTML listing (the site feed at
the root), so `kategori/siaran-pers/` has `kategori/siaran-pers/atom.xml`.

Pure: reads release objects by attribute (duck typing: Pelican articles in the
build, simple stand-ins in tests) and plain settings values; no Pelican import.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

from siaran import dates
from siaran.contracts import Context, release_of
from siaran.release_body import credit_paragraph, shown_body

from .absolutize import feed_html
from .model import FORMATS, Enclosure, Feed, FeedEntry

KINDS = ("site", "category", "tag", "unit")
KIND_LABELS = {"category": "Kategori", "tag": "Topik", "unit": "Unit kerja"}
"""Indonesian name of each grouping, used in feed titles and descriptions."""


@dataclass(frozen=True)
class FeedSettings:
    """The settings the feeds read, typed, with their defaults in one place."""

    siteurl: str
    """Absolute site root, e.g. https://humas.brpkn.example (SITEURL)."""
    sitename: str
    """SITENAME, used in every feed title."""
    description: str = ""
    """SITE_DESCRIPTION, the site feed's description."""
    language: str = "id"
    """DEFAULT_LANG."""
    domain: str = ""
    """SITE_DOMAIN, authority of the feeds' tag: ids; empty → feed id is the page URL."""
    id_year: int = 2026
    """FEED_ID_YEAR: year in the feeds' tag: ids (a year the domain was held); never change it."""
    limit: int = 30
    """FEED_LIMIT: newest releases per feed."""
    icon: str = ""
    """FEED_ICON: site-relative path of a small square icon."""
    logo: str = ""
    """FEED_LOGO: site-relative path of the logo."""
    hub_url: str = ""
    """WEBSUB_HUB: absolute hub URL, or empty."""
    publisher: str = ""
    """PUBLISHER['name']: feed-level author."""

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> FeedSettings:
        publisher = settings.get("PUBLISHER") or {}
        return cls(
            siteurl=settings["SITEURL"].rstrip("/"),
            sitename=settings.get("SITENAME", ""),
            description=settings.get("SITE_DESCRIPTION", ""),
            language=settings.get("DEFAULT_LANG", "id"),
            domain=settings.get("SITE_DOMAIN", ""),
            id_year=int(settings.get("FEED_ID_YEAR", 2026)),
            limit=int(settings.get("FEED_LIMIT", 30)),
            icon=settings.get("FEED_ICON", ""),
            logo=settings.get("FEED_LOGO", ""),
            hub_url=settings.get("WEBSUB_HUB") or "",
            publisher=publisher.get("name", "") if isinstance(publisher, Mapping) else str(publisher),
        )

    def absolute(self, path: str) -> str:
        return self.siteurl + "/" + path.lstrip("/")


@dataclass(frozen=True)
class Scope:
    """One feed to publish: what it groups and where its files go."""

    kind: str
    """"site", "category", "tag" or "unit"."""
    name: str
    """Group name as readers see it ("" for the site)."""
    folder: str
    """Site-relative folder of the listing page and its feeds ("" for the site)."""
    articles: Sequence[Any] = field(default=(), compare=False, repr=False)


def scope_title(kind: str, name: str, sitename: str) -> str:
    if kind == "site":
        return sitename
    return f"{sitename} – {KIND_LABELS[kind]} {name}"


def scope_description(kind: str, name: str, cfg: FeedSettings) -> str:
    if kind == "site":
        return cfg.description or f"Rilis terbaru dari {cfg.sitename}."
    return {
        "category": f"Rilis terbaru {cfg.sitename} dalam kategori {name}.",
        "tag": f"Rilis terbaru {cfg.sitename} bertopik {name}.",
        "unit": f"Rilis terbaru yang diterbitkan {name}, {cfg.sitename}.",
    }[kind]


def scopes_from_context(context: Mapping[str, Any]) -> list[Scope]:
    """Site, then categories, tags and units, each group sorted by folder."""
    found = [Scope("site", "", "", tuple(context.get("articles", ())))]
    for kind, key in (("category", "categories"), ("tag", "tags")):
        groups = [Scope(kind, group.name, group.url, tuple(members))
                  for group, members in context.get(key, ()) if members]
        found += sorted(groups, key=lambda scope: scope.folder)
    units = [Scope("unit", unit.name, unit.url, tuple(unit.articles))
             for unit in context.get(Context.UNITS, ()) if unit.articles]
    found += sorted(units, key=lambda scope: scope.folder)
    return found


def newest_first(articles: Iterable[Any]) -> list[Any]:
    """Publication date descending; ties broken by id so the order never depends on reading order."""
    return sorted(articles, key=lambda a: (a.date, str(a.id)), reverse=True)


def entry_id(release_id: str) -> str:
    """The release's feed id: its front-matter UUID as a URN, for RSS, Atom and JSON alike."""
    return f"urn:uuid:{release_id}"


def entry_for(article: Any, cfg: FeedSettings) -> FeedEntry:
    """One release as a FeedEntry: absolute URLs, WIB times, authors else the unit."""
    link = cfg.absolute(article.url)
    authors = tuple(author.name for author in getattr(article, "authors", None) or ()) or (article.unit,)
    category = getattr(article, "category", None)
    categories = ((category.name,) if category else ()) + tuple(tag.name for tag in getattr(article, "tags", None) or ())
    release = release_of(article)
    photo = release.photo if release else None
    image = Enclosure(cfg.absolute(photo.path), photo.size, photo.mime) if photo else None
    published = dates.to_jakarta(article.date)
    modified = getattr(article, "modified", None)
    return FeedEntry(
        id=entry_id(article.id),
        title=article.title,
        link=link,
        content_html=feed_html(shown_body(article.content, release.dateline if release else "")
                               + credit_paragraph(release.credit if release else getattr(article, "credit", "")),
                               link),
        summary_html=feed_html(getattr(article, "summary", "") or "", link),
        published=published,
        updated=dates.to_jakarta(modified) if modified else published,
        authors=authors,
        categories=categories,
        image=image,
    )


def feed_id(scope: Scope, cfg: FeedSettings) -> str:
    """tag:<domain>,<year>:feeds/<folder> — survives an http→https or host change."""
    if not cfg.domain:
        return cfg.absolute(scope.folder)
    return f"tag:{cfg.domain},{cfg.id_year}:feeds/{scope.folder}"


class FeedBuilder:
    """Builds each scope's Feed; a release's entry is computed once and shared by its scopes."""

    def __init__(self, cfg: FeedSettings) -> None:
        self.cfg = cfg
        self._entries: dict[str, FeedEntry] = {}

    def entry(self, article: Any) -> FeedEntry:
        key = str(article.id)
        if key not in self._entries:
            self._entries[key] = entry_for(article, self.cfg)
        return self._entries[key]

    def chosen(self, scope: Scope) -> list:
        """The releases a scope's feed carries, newest first."""
        return newest_first(scope.articles)[:self.cfg.limit]

    def feed(self, scope: Scope, with_entries: bool = True) -> Feed:
        """The scope's Feed; without entries (their HTML is the costly part) when only
        its title and links are needed."""
        cfg = self.cfg
        chosen = self.chosen(scope) if with_entries else ()
        return Feed(
            folder=scope.folder,
            title=scope_title(scope.kind, scope.name, cfg.sitename),
            description=scope_description(scope.kind, scope.name, cfg),
            home_url=cfg.absolute(scope.folder),
            site_url=cfg.siteurl,
            language=cfg.language,
            entries=tuple(self.entry(article) for article in chosen),
            icon_url=cfg.absolute(cfg.icon) if cfg.icon else "",
            logo_url=cfg.absolute(cfg.logo) if cfg.logo else "",
            hub_url=cfg.hub_url,
            feed_id=feed_id(scope, cfg),
            publisher=cfg.publisher,
        )


@dataclass(frozen=True)
class FeedLink:
    """One autodiscovery link / one format link on the feeds page."""

    type: str
    title: str
    href: str
    label: str


def format_links(title: str, url_of: Callable[[str], str]) -> list[FeedLink]:
    """One link per FORMATS row: type, "<title> (RSS)", absolute URL of the file."""
    return [FeedLink(fmt.mime, f"{title} ({fmt.label})", url_of(fmt.name), fmt.label) for fmt in FORMATS]


def feed_links(kind: str, name: str, folder: str, cfg: FeedSettings) -> list[FeedLink]:
    """A scope's feeds as <link rel="alternate"> data; same titles as the feeds themselves."""
    return format_links(scope_title(kind, name, cfg.sitename), lambda file: cfg.absolute(folder + file))


@dataclass(frozen=True)
class Listing:
    """A feed as the feeds page shows it."""

    kind: str
    """A KINDS value, or "extra" for a feed another plugin publishes."""
    name: str
    """Group name ("" for the site)."""
    title: str
    description: str
    home_url: str
    links: tuple[FeedLink, ...]
    entries: int


def listing(kind: str, name: str, feed: Feed, entries: int | None = None) -> Listing:
    return Listing(kind, name, feed.title, feed.description, feed.home_url,
                   tuple(format_links(feed.title, feed.url)), len(feed.entries) if entries is None else entries)

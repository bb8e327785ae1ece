"""Share metadata for a page's <head>: Open Graph, X card, JSON-LD.

Pure: plain values in, a list of (property, content) pairs and JSON-LD dicts
out. The theme renders the pairs with autoescaping and the JSON-LD through
`jsonld_script`, so no value is ever pasted into markup by string formatting.
Values are plain text (a title with quotes and `<` stays whole).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from markupsafe import Markup

from siaran import dates
from siaran.escaping import script_json


@dataclass(frozen=True)
class ShareImage:
    url: str
    width: int
    height: int
    alt: str
    mime: str = "image/jpeg"


@dataclass(frozen=True)
class PageShare:
    """What a page says about itself when shared."""

    kind: str                      # "article" or "website"
    title: str
    description: str
    url: str                       # absolute, canonical
    site_name: str
    image: ShareImage | None = None
    published: datetime | None = None
    modified: datetime | None = None
    section: str = ""
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    locale: str = "id_ID"


@dataclass(frozen=True)
class Publisher:
    name: str
    url: str
    logo_url: str
    logo_width: int = 192
    logo_height: int = 192
    kind: str = "GovernmentOrganization"
    same_as: tuple[str, ...] = field(default=())


def describe(text: str, limit: int = 200) -> str:
    """A description that ends on a whole word: search engines and cards cut at ~200."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–-")
    return cut + "…"


def meta_tags(share: PageShare) -> list[tuple[str, str]]:
    tags = [
        ("og:type", share.kind),
        ("og:title", share.title),
        ("og:description", share.description),
        ("og:url", share.url),
        ("og:site_name", share.site_name),
        ("og:locale", share.locale),
    ]
    if share.image:
        tags += [("og:image", share.image.url), ("og:image:type", share.image.mime),
                 ("og:image:width", str(share.image.width)), ("og:image:height", str(share.image.height)),
                 ("og:image:alt", share.image.alt)]
    if share.kind == "article":
        if share.published:
            tags.append(("article:published_time", dates.iso(share.published)))
        tags.append(("article:modified_time", dates.iso(share.modified or share.published)))
        if share.section:
            tags.append(("article:section", share.section))
        tags += [("article:tag", tag) for tag in share.tags]
    tags += [("twitter:card", "summary_large_image" if share.image else "summary"),
             ("twitter:title", share.title), ("twitter:description", share.description)]
    if share.image:
        tags += [("twitter:image", share.image.url), ("twitter:image:alt", share.image.alt)]
    return tags


def _organization(publisher: Publisher) -> dict:
    return {
        "@type": publisher.kind,
        "name": publisher.name,
        "url": publisher.url,
        "logo": {"@type": "ImageObject", "url": publisher.logo_url,
                 "width": publisher.logo_width, "height": publisher.logo_height},
    }


def news_article(share: PageShare, publisher: Publisher, images: tuple[str, ...]) -> dict:
    authors = [{"@type": "Person", "name": name} for name in share.authors] or [_organization(publisher)]
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": share.title[:110],
        "description": share.description,
        "image": list(images),
        "datePublished": dates.iso(share.published),
        "dateModified": dates.iso(share.modified or share.published),
        "author": authors,
        "publisher": _organization(publisher),
        "mainEntityOfPage": {"@type": "WebPage", "@id": share.url},
        "articleSection": share.section,
        "keywords": list(share.tags),
        "inLanguage": "id",
    }


def breadcrumbs(items: list[tuple[str, str]]) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [{"@type": "ListItem", "position": index, "name": name, "item": url}
                            for index, (name, url) in enumerate(items, start=1)],
    }


def website(share: PageShare, publisher: Publisher) -> dict:
    return {"@context": "https://schema.org", "@type": "WebSite", "name": share.site_name, "url": share.url,
            "inLanguage": "id", "publisher": _organization(publisher)}


def jsonld_script(data: dict | list) -> Markup:
    """JSON for a <script type="application/ld+json"> body, safe to print as it is:
    no value can close the script element (siaran.escaping.script_json)."""
    return script_json(data)

"""humas_content: validated release metadata becomes enriched Pelican objects.

register() is the table of contents: autoescape, translations and the page
policy into the Jinja environment,
stable slugs, then per-release derived facts once all articles are read.
The logic lives in enrich.py / i18n.py, which do not import Pelican.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pelican import signals

from siaran import csp, dates, escaping, pictures, search
from siaran.contracts import Photo, Release
from siaran.photos import PublishedPhotos, published_photos
from siaran.release_body import shown_body
from siaran.text import slugify

from . import enrich
from .i18n import load_catalog, translator
from .units import UnitsGenerator


def install_theme_globals(generator) -> None:
    settings = generator.settings
    catalog_path = Path(settings["THEME"]) / "translations" / f"{settings['DEFAULT_LANG']}.po"
    env = generator.env
    escaping.prepare_environment(env)     # the theme is written for autoescape
    env.globals["_"] = translator(load_catalog(catalog_path))
    env.globals["content_security_policy"] = csp.policy_for(settings)
    env.globals["search_content_security_policy"] = csp.policy_for(settings, page="search")
    env.globals["search_bundle"] = search.BUNDLE
    env.globals["referrer_policy"] = csp.REFERRER_POLICY
    unit_pattern = settings["UNIT_URL"]
    env.filters.update(
        # Dates and unit links are made where a page shows them: an attribute per
        # release would be one more string each, and grows every article's __dict__.
        unit_url=lambda unit: unit_pattern.format(slug=slugify(unit)),
        date_long=dates.long_datetime,
        date_short=dates.long_date,
        month_year=dates.month_year,
        iso_date=dates.iso,
        slugify=slugify,
        with_dateline=shown_body,
        responsive_photos=pictures.responsive_photos,
    )


def normalise_metadata(content) -> None:
    """Same slug rule as siaran.validate, so checks and output agree on URLs."""
    if "slug" not in content.metadata and getattr(content, "title", None):
        content.slug = slugify(content.title)


def redirects(metadata: dict) -> list[str]:
    raw = metadata.get("redirect_from")
    return [part.strip().lstrip("/") for part in raw.split(",") if part.strip()] if raw else []


def enrich_releases(generator) -> None:
    """One contracts.Release per article (and draft), kept as its only added attribute."""
    content_root = Path(generator.settings["PATH"])
    keep_original = bool(generator.settings.get("DATELINE_KEEP_ORIGINAL", False))
    photos: dict[str, Photo] = {}       # many releases share a photo; its header is read once
    published = published_photos(generator.context, content_root)
    articles = sorted(generator.articles, key=lambda a: (a.date, a.source_path), reverse=True)
    releases = [make_release(article, content_root, photos, published, keep_original) for article in articles]
    # A draft's page is the editor's preview: the same page, outside the lists.
    for draft in getattr(generator, "drafts", ()):
        make_release(draft, content_root, photos, published, keep_original)
    for index, release in enumerate(releases):
        # Newer release is "next", as a reader moving forward in time expects.
        release.next = releases[index - 1] if index > 0 else None
        release.prev = releases[index + 1] if index + 1 < len(releases) else None
    keyed = {r.source_path: r for r in releases}
    related = enrich.related_by_tags(
        [(a.source_path, frozenset(t.slug for t in getattr(a, "tags", [])), a.date) for a in articles],
        limit=generator.settings.get("RELATED_LIMIT", 4))
    for release in releases:
        release.related = [keyed[key] for key in related[release.source_path]]


def make_release(article, content_root: Path, photos: dict[str, Photo], published: PublishedPhotos,
                 keep_original: bool) -> Release:
    """What a release page shows beyond its metadata: photo facts, dateline, credit, summary."""
    # Pelican formats `url` from settings on every access (tens of thousands
    # per build: lists, related, prev/next); its override hook freezes it once,
    # here, after every plugin has settled the release's status (plugins/schedule
    # turns a release not yet due into a draft, which has the draft URL).
    article.override_url = article.url
    photo = None
    if getattr(article, "image", None):
        if article.image not in photos:
            photos[article.image] = enrich.image_facts(content_root, article.image, published)
        caption, photo_credit = enrich.photo_caption(getattr(article, "image_caption", ""),
                                                     getattr(article, "image_credit", ""))
        photo = replace(photos[article.image], alt=getattr(article, "image_alt", ""),
                        caption=caption, credit=photo_credit)
    # The body may open with its own dateline and end with its own credit line;
    # the page and the feeds show each once (siaran.release_body.shown_body). The body
    # is read unresolved (Pelican's public get_content would resolve and memoize links
    # now, before every page is known): the one place Pelican's private field is read.
    body = article._content
    dateline = enrich.dateline(body, getattr(article, "location", ""), article.date, keep_original)
    if "summary" not in article.metadata:
        # From the body as read, and as metadata: Pelican resolves {filename}
        # links in it once every page is known, and memoizes the summary only
        # when something first asks for it, after that.
        article.metadata["summary"] = enrich.lede(body, dateline)
    article.release = Release(article, photo=photo, dateline=dateline,
                              credit=enrich.credit(getattr(article, "credit", ""), body),
                              summary_text=escaping.plain_text(article.metadata["summary"]),
                              redirect_from=redirects(article.metadata))
    return article.release


def add_generators(pelican):
    return UnitsGenerator


def register() -> None:
    signals.get_generators.connect(add_generators)
    signals.generator_init.connect(install_theme_globals)
    signals.content_object_init.connect(normalise_metadata)
    signals.article_generator_finalized.connect(enrich_releases)

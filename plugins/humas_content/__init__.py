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

from siaran import csp, dates, escaping, pictures
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
    """Same slug rule as siaran.validate, so checks and output agree on URLs;
    list fields Pelican leaves as strings become lists."""
    if "slug" not in content.metadata and getattr(content, "title", None):
        content.slug = slugify(content.title)
    raw = content.metadata.get("redirect_from")
    content.redirect_from = [part.strip().lstrip("/") for part in raw.split(",") if part.strip()] if raw else []


def release_facts(article, content_root: Path, photos: dict[str, enrich.ImageFacts], published: PublishedPhotos,
                  keep_original: bool) -> None:
    """What a release page shows beyond its metadata: photo facts, dateline, credit, summary."""
    # Pelican formats `url` from settings on every access (tens of thousands
    # per build: lists, related, prev/next); its override hook freezes it once.
    article.override_url = article.url
    article.photo = None
    if getattr(article, "image", None):
        if article.image not in photos:  # many releases share a photo; read its header once
            photos[article.image] = enrich.image_facts(content_root, article.image, published)
        caption, photo_credit = enrich.photo_caption(getattr(article, "image_caption", ""),
                                                     getattr(article, "image_credit", ""))
        article.photo = replace(photos[article.image], alt=getattr(article, "image_alt", ""),
                                caption=caption, credit=photo_credit)
    # The body may open with its own dateline and end with its own credit line;
    # the page and the feeds show each once (siaran.release_body.shown_body).
    article.dateline = enrich.dateline(article._content, getattr(article, "location", ""), article.date,
                                       keep_original)
    article.credit = enrich.credit(getattr(article, "credit", ""), article._content)
    if "summary" not in article.metadata:
        # From the body as read, and as metadata: Pelican resolves {filename}
        # links in it once every page is known, and memoizes the summary only
        # when something first asks for it, after that.
        article.metadata["summary"] = enrich.lede(article._content, article.dateline)
    article.summary_text = escaping.plain_text(article.metadata["summary"])


def enrich_releases(generator) -> None:
    settings = generator.settings
    content_root = Path(settings["PATH"])
    articles = sorted(generator.articles, key=lambda a: (a.date, a.source_path), reverse=True)
    photos: dict[str, enrich.ImageFacts] = {}
    published = published_photos(generator.context, content_root)
    keep_original = bool(settings.get("DATELINE_KEEP_ORIGINAL", False))
    for index, article in enumerate(articles):
        release_facts(article, content_root, photos, published, keep_original)
        # Newer release is "next", as a reader moving forward in time expects.
        article.next_release = articles[index - 1] if index > 0 else None
        article.prev_release = articles[index + 1] if index + 1 < len(articles) else None
    # A draft's page is the editor's preview: the same page, outside the lists.
    for draft in generator.drafts:
        release_facts(draft, content_root, photos, published, keep_original)
        draft.next_release = draft.prev_release = None
        draft.related = []
    keyed = {a.source_path: a for a in articles}
    related = enrich.related_by_tags(
        [(a.source_path, frozenset(t.slug for t in getattr(a, "tags", [])), a.date) for a in articles],
        limit=settings.get("RELATED_LIMIT", 4))
    for article in articles:
        article.related = [keyed[key] for key in related[article.source_path]]


def add_generators(pelican):
    return UnitsGenerator


def register() -> None:
    signals.get_generators.connect(add_generators)
    signals.generator_init.connect(install_theme_globals)
    signals.content_object_init.connect(normalise_metadata)
    signals.article_generator_finalized.connect(enrich_releases)

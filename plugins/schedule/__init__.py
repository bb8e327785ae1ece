"""schedule: only what is public at the build's *now* reaches the output.

register() is the table of contents. Releases dated after *now* (scheduled) and
drafts leave Pelican's article list at `article_generator_pretaxonomy`, where
Pelican itself sets drafts apart, before categories, tags, archives, feeds,
prev/next, related blocks, social texts and every later consumer see the list:
they inherit the rule without knowing it. Draft pages leave the same way. The
static files stage then drops the photos and attachments that only withheld
items mention. The rule itself is `siaran.schedule.is_public`.

In a preview build (`serve --preview`) the withheld releases and pages are
written under draf/ instead, each with its banner; nothing else changes.
"""
from __future__ import annotations

import logging

from pelican import signals

from siaran.schedule import DRAFT, PREVIEW, is_public, now_of, references, unlink

logger = logging.getLogger("schedule")


def texts_of(content) -> list[str]:
    """Where a release or page can mention a file: front matter values and the body."""
    values = [value for value in content.metadata.values() if isinstance(value, str)]
    return [*values, getattr(content, "_content", "") or ""]


def withhold_releases(generator) -> None:
    """article_generator_pretaxonomy: before Pelican groups the articles into anything."""
    settings, context = generator.settings, generator.context
    now, preview = now_of(settings), bool(settings.get(PREVIEW))
    # Pelican has set drafts apart already; of the rest, the rule keeps what is due.
    due = [a for a in generator.articles if is_public(a.status, a.date, now)]
    scheduled = [a for a in generator.articles if not is_public(a.status, a.date, now)]
    due_translations = [a for a in generator.translations if is_public(a.status, a.date, now)]
    withheld = [*scheduled, *(a for a in generator.translations if not is_public(a.status, a.date, now)),
                *generator.drafts, *generator.drafts_translations]
    generator.articles, generator.translations = due, due_translations
    refs = references(context)
    refs.add(True, (text for article in due + due_translations for text in texts_of(article)))
    if preview:
        for article in scheduled:
            article.status = DRAFT          # written where drafts go, with the scheduled banner
            article.scheduled = True
        generator.drafts = sorted([*generator.drafts, *scheduled], key=lambda a: (a.date, a.source_path))
        refs.add(True, (text for article in withheld for text in texts_of(article)))
        return
    generator.drafts, generator.drafts_translations = [], []
    refs.add(False, (text for article in withheld for text in texts_of(article)))
    forget(context, withheld)
    refs.withheld_sources.update(a.get_relative_source_path() for a in withheld)
    unlink_withheld([*due, *due_translations], refs.withheld_sources)
    if scheduled:
        logger.info("schedule: %d rilis terjadwal ditahan sampai waktunya", len(scheduled))


def withhold_draft_pages(generator) -> None:
    """page_generator_finalized: pages have no dates, only drafts to set apart."""
    settings, context = generator.settings, generator.context
    refs = references(context)
    refs.add(True, (text for page in [*generator.pages, *generator.hidden_pages] for text in texts_of(page)))
    drafts = [*generator.draft_pages, *generator.draft_translations]
    if settings.get(PREVIEW):
        refs.add(True, (text for page in drafts for text in texts_of(page)))
        return
    refs.add(False, (text for page in drafts for text in texts_of(page)))
    generator.draft_pages, generator.draft_translations = [], []
    context["draft_pages"] = []
    forget(context, drafts)
    refs.withheld_sources.update(p.get_relative_source_path() for p in drafts)
    unlink_withheld([*generator.pages, *generator.hidden_pages], refs.withheld_sources)


def unlink_withheld(contents: list, withheld: set[str]) -> None:
    """Public bodies and summaries keep the text of a link to a withheld item, not the link."""
    if not withheld:
        return
    for content in contents:
        content._content = unlink(content._content or "", content.relative_dir, withheld)
        summary = content.metadata.get("summary")
        if isinstance(summary, str):
            content.metadata["summary"] = unlink(summary, content.relative_dir, withheld)


def forget(context: dict, contents: list) -> None:
    """A withheld item is no link target (Pelican would print its future URL)."""
    known = context.get("generated_content", {})
    for content in contents:
        known.pop(content.get_relative_source_path(), None)


def hold_back_files(generator) -> None:
    """Photos and attachments that only withheld items mention are not copied."""
    held = references(generator.context).held_back(f.relative_source_path for f in generator.staticfiles)
    if not held:
        return
    generator.staticfiles[:] = [f for f in generator.staticfiles if f.relative_source_path not in held]
    static_content = generator.context.get("static_content", {})
    for path in held:
        static_content.pop(path, None)
    logger.info("schedule: %d berkas ditahan bersama rilis/informasi yang belum terbit", len(held))


def register() -> None:
    signals.article_generator_pretaxonomy.connect(withhold_releases)
    signals.page_generator_finalized.connect(withhold_draft_pages)
    signals.static_generator_finalized.connect(hold_back_files)

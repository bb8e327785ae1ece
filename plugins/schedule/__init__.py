"""schedule: only what is public at the build's *now* reaches the output.

register() is the table of contents. Releases dated after *now* (scheduled) and
drafts leave Pelican's article list at `article_generator_pretaxonomy`, where
Pelican itself sets drafts apart, before categories, tags, archives, feeds,
prev/next, related blocks, social texts and every later consumer see the list:
they inherit the rule without knowing it. Draft pages leave the same way. Their
photos and attachments follow: plugins/published_files copies only the files
that content this build writes refers to. The rule itself is
`siaran.schedule.is_public`.

In a preview build (`serve --preview`) the withheld releases and pages are
written under draf/ instead, each with its banner; nothing else changes.
"""
from __future__ import annotations

import logging

from pelican import signals

from siaran.contracts import plan_of
from siaran.schedule import DRAFT, PREVIEW, is_public, now_of, unlink, withheld_sources

logger = logging.getLogger("schedule")


def withhold_releases(generator) -> None:
    """article_generator_pretaxonomy: before Pelican groups the articles into anything."""
    settings, context = generator.settings, generator.context
    now = now_of(settings)
    # Pelican has set drafts apart already; of the rest, the rule keeps what is due.
    due = [a for a in generator.articles if is_public(a.status, a.date, now)]
    scheduled = [a for a in generator.articles if not is_public(a.status, a.date, now)]
    due_translations = [a for a in generator.translations if is_public(a.status, a.date, now)]
    withheld = [*scheduled, *(a for a in generator.translations if not is_public(a.status, a.date, now)),
                *generator.drafts, *generator.drafts_translations]
    generator.articles, generator.translations = due, due_translations
    tell_the_plan(settings, withheld)
    if settings.get(PREVIEW):
        for article in scheduled:
            article.status = DRAFT          # written where drafts go, with the scheduled banner
            article.scheduled = True
        generator.drafts = sorted([*generator.drafts, *scheduled], key=lambda a: (a.date, a.source_path))
        return
    generator.drafts, generator.drafts_translations = [], []
    forget(context, withheld)
    unlink_withheld([*due, *due_translations], withheld_sources(context))
    if scheduled:
        logger.info("schedule: %d rilis terjadwal ditahan sampai waktunya", len(scheduled))


def withhold_draft_pages(generator) -> None:
    """page_generator_finalized: pages have no dates, only drafts to set apart."""
    settings, context = generator.settings, generator.context
    if settings.get(PREVIEW):
        return
    drafts = [*generator.draft_pages, *generator.draft_translations]
    generator.draft_pages, generator.draft_translations = [], []
    context["draft_pages"] = []
    forget(context, drafts)
    tell_the_plan(settings, drafts)
    unlink_withheld([*generator.pages, *generator.hidden_pages], withheld_sources(context))


def forget(context: dict, contents: list) -> None:
    """A withheld item is no link target (Pelican would print its future URL); its source
    joins the build's withheld set."""
    known = context.get("generated_content", {})
    for content in contents:
        known.pop(content.get_relative_source_path(), None)
    withheld_sources(context).update(content.get_relative_source_path() for content in contents)


def tell_the_plan(settings: dict, contents: list) -> None:
    """The engine's page keys (siaran.depmap.RenderPlan.withhold): a page whose body links
    to other content depends on what is withheld, which *now* decides."""
    plan = plan_of(settings)
    if plan is not None:
        plan.withhold(content.get_relative_source_path() for content in contents)


def unlink_withheld(contents: list, withheld: set[str]) -> None:
    """Public bodies and summaries keep the text of a link to a withheld item, not the link."""
    if not withheld:
        return
    for content in contents:
        content._content = unlink(content._content or "", content.relative_dir, withheld)
        summary = content.metadata.get("summary")
        if isinstance(summary, str):
            content.metadata["summary"] = unlink(summary, content.relative_dir, withheld)


def register() -> None:
    signals.article_generator_pretaxonomy.connect(withhold_releases)
    signals.page_generator_finalized.connect(withhold_draft_pages)

"""feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 per scope, a Google News sitemap,
a human-readable feeds page and autodiscovery links. Replaces Pelican's feed writer.

register() is the table of contents; this file is the only Pelican coupling.
scopes.py turns the finished articles into Feed values (model.py), render.py
turns each Feed into bytes with feedgen, news_sitemap.py writes the news
sitemap, absolutize.py makes HTML fragments safe to syndicate, checks.py warns
in `invoke check` about text XML cannot carry.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from siaran import dates

from siaran.contracts import FEED_FILES, Context, output_store, plan_of
from siaran.depmap import file_key
from siaran.output import body_digest, run_aside, write_output

from .scopes import KINDS, FeedBuilder, FeedSettings, feed_links, listing, scopes_from_context

NEWS_SITEMAP = "news-sitemap.xml"
EXTRA_FEEDS = Context.EXTRA_FEEDS
"""A plugin that writes its own feed appends its feeds.model.Feed here during
generate_context, so the feeds page lists it (title, links, entry count); the feeds plugin
does not write it. The owner makes its entries' HTML safe to syndicate when it writes the
files (absolutize.feed_html), so the context need not load bs4."""


class FeedsGenerator(Generator):
    """Runs after the article generator: reads self.context, writes feeds, sitemap and page."""

    def generate_output(self, writer):
        run_aside(writer, partial(self.write_feeds, writer))

    def write_feeds(self, writer):
        # Imported here: only the process that writes the feeds maps feedgen and lxml.
        from .news_sitemap import NewsItem, news_sitemap_xml
        from .render import render_feed
        settings = self.settings
        cfg = FeedSettings.from_settings(settings)
        builder = FeedBuilder(cfg)
        root = Path(self.output_path).resolve()
        listings = []
        plan = plan_of(settings)
        for scope in scopes_from_context(self.context):
            chosen = builder.chosen(scope)
            # A scope whose releases' inputs are the last build's keeps its three files.
            key = plan and file_key(plan.site, scope.kind, scope.name, scope.folder, *(plan.fact(a) for a in chosen))
            if plan and all(plan.reuse(scope.folder + name, key) for name in FEED_FILES):
                listings.append(listing(scope.kind, scope.name, builder.feed(scope, with_entries=False),
                                        len(chosen)))
                continue
            feed = builder.feed(scope)
            for name, data in render_feed(feed).items():
                write_output(root, feed.folder + name, data, output_store(settings))
                if plan:
                    plan.remember(feed.folder + name, key, body_digest(data))
            listings.append(listing(scope.kind, scope.name, feed))
        # Feeds other plugins write themselves (e.g. the PPID register), listed on the feeds page.
        listings += [listing("extra", feed.title, feed) for feed in self.context.get(EXTRA_FEEDS, ())]
        news = [NewsItem(dates.to_jakarta(a.date), cfg.absolute(a.url), a.title)
                for a in self.context.get("articles", ())]
        write_output(root, NEWS_SITEMAP, news_sitemap_xml(
            news, settings.get("NEWS_PUBLICATION_NAME") or cfg.sitename, cfg.language), output_store(settings))
        page_url = settings.get("FEEDS_PAGE_URL")
        if page_url:
            writer.write_file(page_url + "index.html", self.get_template("feeds"), self.context,
                              template_name="feeds", url=page_url, feed_listings=listings,
                              feed_kinds=(*KINDS, "extra"))


def links_for(cfg: FeedSettings, kind: str = "site", group=None) -> list:
    """Jinja global: feed_links_for('category', category) → the section's autodiscovery links."""
    if kind == "site" or group is None:
        return feed_links("site", "", "", cfg)
    return feed_links(kind, group.name, group.url, cfg)


def enabled(settings) -> bool:
    """Blinker keeps receivers connected for the whole process: a later Pelican run in the same
    process (tests, `invoke serve`) without this plugin must not get feeds."""
    return any(getattr(plugin, "__name__", plugin) in ("feeds", __name__) for plugin in settings.get("PLUGINS") or ())


def install_globals(generator) -> None:
    if enabled(generator.settings):
        generator.env.globals[Context.FEED_LINKS_FOR] = partial(links_for, FeedSettings.from_settings(generator.settings))


def add_generator(pelican):
    return FeedsGenerator if enabled(pelican.settings) else None


def register() -> None:
    signals.generator_init.connect(install_globals)
    signals.get_generators.connect(add_generator)

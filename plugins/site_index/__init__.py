"""site_index: writes sitemap.xml, robots.txt and _siaran/releases.json.

Runs as a generator after the content generators, reading the shared context
(articles, pages, categories, tags, units), never the HTML files written.
"""
from __future__ import annotations

from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from siaran.contracts import Context, output_store
from siaran.output import run_aside, write_all

from .build import Location, releases_map, robots_txt, sitemap_xml


class SiteIndexGenerator(Generator):
    def generate_output(self, writer):
        run_aside(writer, self.write_files)

    def write_files(self):
        ctx, settings = self.context, self.settings
        articles = ctx.get("articles", [])
        newest = max((a.date for a in articles), default=None)
        locations = [Location("", newest)]
        locations += [Location(a.url, getattr(a, "modified", None) or a.date) for a in articles]
        locations += [Location(p.url, getattr(p, "modified", None)) for p in ctx.get("pages", [])]
        for groups in (ctx.get("categories", []), ctx.get("tags", [])):
            locations += [Location(group.url, max(a.date for a in members)) for group, members in groups]
        locations += [Location(u.url, u.articles[0].date) for u in ctx.get(Context.UNITS, []) if u.articles]
        siteurl = settings["SITEURL"]
        out = Path(self.output_path)
        extra_sitemaps = settings.get("EXTRA_SITEMAPS", [])
        files = {
            "sitemap.xml": sitemap_xml(siteurl, locations),
            "robots.txt": robots_txt(siteurl, ["sitemap.xml", *extra_sitemaps], settings.get("ROBOTS_DISALLOW", [])),
            "_siaran/releases.json": releases_map([
                {"id": a.id, "url": a.url, "redirect_from": list(a.release.redirect_from)}
                for a in articles]),
        }
        write_all(out, files, output_store(settings))


def add_generator(pelican):
    return SiteIndexGenerator


def register() -> None:
    signals.get_generators.connect(add_generator)

"""ppid: the public information register (Daftar Informasi Publik, UU 14/2008).

register() is the table of contents: one generator that, once the releases are
read, loads the register (load.py), and writes its pages, exports, feed and
sitemap. Logic lives in schema/model/load/exports/feed, which do not import
Pelican; checks.py reports problems before anything is written.

Register items are not Pelican articles: they live in content/informasi-publik/,
outside ARTICLE_PATHS/PAGE_PATHS. Their attachments under content/dokumen/ are
copied by Pelican's static generator (STATIC_PATHS), never by this plugin.
"""
from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from siaran.contracts import Context, output_store
from siaran.output import run_aside, write_all
from siaran.schedule import now_of

from .model import Layout, Register, by_category, by_unit, by_year, parse_reference, reference_date

logger = logging.getLogger("ppid")

#: The standard PPID pages, in the order a citizen needs them (URL names under the register).
PAGE_ORDER = ("profil-ppid/", "maklumat-pelayanan/", "permohonan-informasi/", "pengajuan-keberatan/")


def body_renderer(settings: dict):
    """Markdown → clean HTML, as Pelican renders and the sanitiser cleans a release body."""
    from siaran.markup import markdown_renderer
    from siaran.sanitize import Policy, clean
    render, policy = markdown_renderer(settings), Policy.from_settings(settings)
    return lambda text: clean(render(text), policy)


class RegisterGenerator(Generator):
    """State for one build lives on this object; nothing is kept between builds."""

    def generate_context(self):
        from .load import load
        settings = self.settings
        content_root = Path(settings["PATH"]).resolve()
        self.layout = Layout(settings.get("PPID_BASE_URL", "informasi-publik/"))
        loaded = load(content_root, content_root.parent, self.layout, body_renderer(settings),
                      now=now_of(settings))
        for problem in loaded.problems:
            if problem.severity == "error":
                logger.error("%s", problem)
        articles = self.context.get("articles", [])     # public at *now* only (plugins/schedule)
        reference = reference_date(parse_reference(settings.get("PPID_REFERENCE_DATE")),
                                   [*(a.date for a in articles), *(i.updated for i in loaded.items)])
        self.register = Register(loaded.items, reference, self.layout)
        self.context[Context.REGISTER] = self.register
        self.context[Context.REGISTER_LAYOUT] = self.layout
        self.context[Context.REGISTER_PAGES] = self.ppid_pages()   # pages are read by now; ppid_page.html lists them
        self.feed = self.make_feed()
        if self.feed is not None:                         # listed on the feeds page (docs/feeds.md)
            self.context.setdefault(Context.EXTRA_FEEDS, []).append(self.feed)

    # -- stages of generate_output, in order -------------------------------------------------
    def generate_output(self, writer):
        run_aside(writer, partial(self.write_output, writer))

    def write_output(self, writer):
        pages = self.context[Context.REGISTER_PAGES]
        self.write_pages(writer, pages)
        files = self.export_files()
        files.update(self.feed_files())
        files[self.layout.file("sitemap.xml")] = self.sitemap(pages)
        self.write_files(files)

    def ppid_pages(self) -> list:
        """The standard PPID pages (content/halaman/ppid-*.md) published under the register's URL."""
        everything = [*self.context.get("pages", []), *self.context.get("hidden_pages", [])]
        order = [self.layout.file(name) for name in PAGE_ORDER]
        return sorted((p for p in everything if p.url.startswith(self.layout.base)),
                      key=lambda p: (order.index(p.url) if p.url in order else len(order), p.url))

    def write_pages(self, writer, ppid_pages) -> None:
        reg, layout = self.register, self.layout
        items = reg.items
        common = dict(ppid_items=items, ppid_categories=by_category(items), ppid_years=by_year(items),
                      ppid_units=by_unit(items), ppid_pages=ppid_pages, ppid_feed=self.has_feed(),
                      feed_links=self.feed_links())
        write = writer.write_file
        write(layout.save_as(layout.base), self.get_template("ppid_index"), self.context,
              url=layout.base, canonical_url=layout.base, template_name="ppid_index", **common)
        listings = [("category", key, layout.category(key), members) for key, members in common["ppid_categories"]]
        listings += [("year", key, layout.year(key), members) for key, members in common["ppid_years"]]
        listings += [("unit", key, layout.unit(key), members) for key, members in common["ppid_units"]]
        template = self.get_template("ppid_list")
        for kind, key, url, members in listings:
            write(layout.save_as(url), template, self.context, url=url, canonical_url=url,
                  template_name="ppid_list", listing_kind=kind, listing_key=key, listing_items=members, **common)
        template = self.get_template("ppid_item")
        for item in items:
            write(item.save_as, template, self.context, url=item.url, canonical_url=item.url,
                  template_name="ppid_item", item=item, **common)
        write(layout.save_as(layout.report), self.get_template("ppid_report"), self.context,
              url=layout.report, canonical_url=layout.report, template_name="ppid_report",
              reference=reg.reference, stale_items=reg.stale, **common)

    def site(self):
        from .exports import Site
        settings = self.settings
        return Site(settings["SITEURL"], settings.get("PUBLISHER", {}).get("name", settings["SITENAME"]),
                    settings.get("PPID_EMAIL") or settings.get("CONTACT", {}).get("email", ""),
                    settings.get("DEFAULT_LANG", "id"),
                    self.layout.base)

    def export_files(self) -> dict[str, bytes]:
        from .exports import dcat_catalog, dip_csv, dip_json
        site, items = self.site(), self.register.items
        return {self.layout.file("dip.json"): dip_json(site, items),
                self.layout.file("dip.csv"): dip_csv(site, items),
                self.layout.file("katalog.json"): dcat_catalog(site, items)}

    def has_feed(self) -> bool:
        return self.feed is not None

    def feed_links(self) -> list[dict]:
        from .feed import feed_links
        return feed_links(self.site(), self.layout) if self.has_feed() else []

    def make_feed(self):
        from .feed import feed_id, feeds_available, register_feed
        if not feeds_available():
            logger.info("ppid: feeds plugin not found; the register has no feed")
            return None
        settings = self.settings
        return register_feed(self.site(), self.layout, self.register.items,
                             icon=settings.get("FEED_ICON", ""), logo=settings.get("FEED_LOGO", ""),
                             tag_id=feed_id(settings.get("SITE_DOMAIN", ""), settings.get("FEED_ID_YEAR"),
                                            self.layout))

    def feed_files(self) -> dict[str, bytes]:
        from .feed import feed_files
        return feed_files(self.feed) if self.feed is not None else {}

    def sitemap(self, ppid_pages) -> bytes:
        from site_index.build import Location, sitemap_xml
        reg, layout = self.register, self.layout
        locations = [Location(layout.base, reg.newest)]
        locations += [Location(layout.category(k), max(i.updated for i in v)) for k, v in by_category(reg.items)]
        locations += [Location(layout.year(k), max(i.updated for i in v)) for k, v in by_year(reg.items)]
        locations += [Location(layout.unit(k), max(i.updated for i in v)) for k, v in by_unit(reg.items)]
        locations += [Location(item.url, item.updated) for item in reg.items]
        locations += [Location(page.url, getattr(page, "modified", None)) for page in ppid_pages]
        return sitemap_xml(self.settings["SITEURL"], locations)

    def write_files(self, files: dict[str, bytes]) -> None:
        write_all(self.output_path, files, output_store(self.settings))


def add_generator(pelican):
    return RegisterGenerator


def register() -> None:
    signals.get_generators.connect(add_generator)

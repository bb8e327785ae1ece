"""social: share metadata, share cards and ready-to-post texts for every release.

register() adds one generator. In generate_context (articles are read and
enriched by then) it builds each release's texts and meta tags and submits the
cards to a background batch; in generate_output, after Pelican has written the
pages, it collects the cards and writes the social team's files.
"""
from __future__ import annotations

import logging
import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from . import meta
from .batch import CardJob, render_cards
from .cache import CardCache
from .card import CardInput
from .layout import CardLayout
from .outputs import ReleaseSnippets, index_json, release_json
from .texts import PLATFORMS, ReleaseSocial, build_texts

log = logging.getLogger("siaran.social")


class SocialGenerator(Generator):
    def generate_context(self):
        settings = self.settings
        self.site_url = settings["SITEURL"].rstrip("/")
        project = Path(settings["PATH"]).resolve().parent
        theme = Path(settings["THEME"])
        self.logo = theme / "static" / "img" / "logo-192.png"
        self.publisher = meta.Publisher(
            settings["PUBLISHER"]["name"], self.site_url + "/",
            f"{self.site_url}/{settings['THEME_STATIC_DIR']}/img/logo-192.png",
            kind=settings["PUBLISHER"].get("type", "GovernmentOrganization"))
        self.articles = list(self.context.get("articles", []))
        self.snippets = [self.prepare(article) for article in self.articles]
        self.context["social_website_meta"] = self.website_meta
        jobs = [CardJob(a.source_path, CardInput(a.title, a.unit, a.date, logo=self.logo,
                                                 photo=Path(settings["PATH"]) / a.photo.path if a.photo else None))
                for a in self.articles if not getattr(a, "social_image", None)]
        self.cache = cache = CardCache(project / settings.get("SOCIAL_CACHE_PATH", ".cache/social-cards"))
        # Cards render on other cores while Pelican writes pages; collected in generate_output.
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.cards: Future = self.pool.submit(render_cards, jobs, cache, CardLayout(),
                                              settings.get("SOCIAL_CARD_WORKERS"))

    def card_url(self, article) -> str:
        own = getattr(article, "social_image", None)
        return f"{self.site_url}/{own}" if own else f"{self.site_url}/social/{article.slug}.jpg"

    def prepare(self, article) -> ReleaseSnippets:
        url = f"{self.site_url}/{article.url}"
        overrides = {key[len("social_"):]: value for key, value in article.metadata.items()
                     if key.startswith("social_") and key != "social_image"}
        texts, _ = build_texts(ReleaseSocial(
            title=article.title, url=url, summary_text=article.summary_text, tags=tuple(t.name for t in article.tags)
            if hasattr(article, "tags") else (), institution_hashtags=tuple(self.settings.get("SITE_HASHTAGS", ())),
            overrides=overrides))
        card = meta.ShareImage(self.card_url(article), 1200, 630,
                               CardInput(article.title, article.unit, article.date).alt_text())
        share = meta.PageShare(
            kind="article", title=article.title, description=meta.describe(article.summary_text), url=url,
            site_name=self.settings["SITENAME"], image=card, published=article.date,
            modified=getattr(article, "modified", None), section=article.category.name,
            tags=tuple(t.name for t in getattr(article, "tags", [])),
            authors=tuple(a.name for a in getattr(article, "authors", [])))
        images = (card.url,) + ((f"{self.site_url}/{article.photo.path}",) if article.photo else ())
        crumbs = [("Beranda", self.site_url + "/"), (article.category.name, f"{self.site_url}/{article.category.url}"),
                  (article.title, url)]
        article.social_meta = meta.meta_tags(share)
        article.social_jsonld = meta.jsonld_script([meta.news_article(share, self.publisher, images),
                                                    meta.breadcrumbs(crumbs)])
        article.card_url = card.url
        return ReleaseSnippets(article.id, article.slug, article.title, url, card.url, article.date, texts)

    def website_meta(self, title: str, relative_url: str, description: str = "") -> dict:
        share = meta.PageShare(kind="website", title=title, description=description or self.settings["SITE_DESCRIPTION"],
                               url=f"{self.site_url}/{relative_url}", site_name=self.settings["SITENAME"])
        return {"tags": meta.meta_tags(share), "jsonld": meta.jsonld_script(meta.website(share, self.publisher))}

    def generate_output(self, writer):
        try:
            result = self.cards.result()
        finally:
            self.pool.shutdown(cancel_futures=True)
        # Cards of releases that changed or left the site are dropped from the cache.
        self.cache.prune({path.stem for path in result.cards.values()})
        self.cache.save()
        out = Path(self.output_path)
        (out / "social").mkdir(parents=True, exist_ok=True)
        for article in self.articles:
            if article.source_path in result.cards:
                shutil.copyfile(result.cards[article.source_path], out / "social" / f"{article.slug}.jpg")
        for snippets in self.snippets:
            (out / snippets.json_path).write_bytes(release_json(snippets))
        (out / "social" / "index.json").write_bytes(index_json(self.site_url, self.snippets))
        recent = sorted(self.snippets, key=lambda s: (s.date, s.id), reverse=True)
        writer.write_file(self.settings.get("SOCIAL_DESK_SAVE_AS", "meja-sosial/index.html"),
                          self.get_template("meja_sosial"), self.context,
                          releases=recent[: self.settings.get("SOCIAL_DESK_LIMIT", 50)],
                          platform_names={platform.key: platform.name for platform in PLATFORMS},
                          template_name="meja_sosial", url=self.settings.get("SOCIAL_DESK_URL", "meja-sosial/"))
        log.info("kartu sosial: %d digambar, %d dari cache", result.rendered, result.reused)


def add_generator(pelican):
    return SocialGenerator


def register() -> None:
    signals.get_generators.connect(add_generator)

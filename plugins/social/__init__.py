"""social: share metadata, share cards and ready-to-post texts for every release.

register() adds one generator. In generate_context (articles are read and
enriched by then) it plans each release's texts and card and submits what is
not cached to a background pool; in generate_output (run aside, beside the
page workers, when they run) it collects them and writes the social team's files.
Meta tags and JSON-LD are made by the templates, through social_release_meta.
"""
from __future__ import annotations

import logging
import os
import shutil
from dataclasses import replace
from functools import partial
from pathlib import Path

from pelican import signals
from PIL import Image
from pelican.generators import Generator

from siaran import dates
from siaran.contracts import Context, executor_of, output_store, plan_of
from siaran.depmap import file_key
from siaran.escaping import text_of
from siaran.output import body_digest, run_aside, write_output

from . import meta
from .batch import CardBatch, CardJob
from .cache import CardCache
from .card import CardInput
from .layout import CardLayout
from .messages import MSG
from .outputs import ReleaseSnippets, index_json, release_json
from .text_cache import TextCache, code_digest, make_into_cache, text_key
from .texts import PLATFORMS, ReleaseSocial, overrides_of, public_site_url, texts_for

log = logging.getLogger("siaran.social")


class SocialGenerator(Generator):
    def generate_context(self):
        settings = self.settings
        self.site_url = settings["SITEURL"].rstrip("/")
        # Texts and the social team's JSON link the public site in every build.
        self.public_url = public_site_url(settings)
        project = Path(settings["PATH"]).resolve().parent
        theme = Path(settings["THEME"])
        self.logo = theme / "static" / "img" / "logo-192.png"
        self.publisher = meta.Publisher(
            settings["PUBLISHER"]["name"], self.site_url + "/",
            f"{self.site_url}/{settings['THEME_STATIC_DIR']}/img/logo-192.png",
            kind=settings["PUBLISHER"].get("type", "GovernmentOrganization"))
        self.articles = list(self.context.get("articles", []))
        self.inputs = [self.prepare(article) for article in self.articles]
        self.context[Context.SOCIAL_WEBSITE_META] = self.website_meta
        self.context[Context.SOCIAL_RELEASE_META] = self.release_meta
        # Texts and cards go to the executor's pool now; it works while Pelican
        # writes pages, and generate_output collects (the executor shuts it down).
        self.text_cache, self.text_keys, self.missing = self.plan_texts(project)
        self.card_batch = self.plan_cards(project)
        executor = executor_of(settings)
        work = len(self.missing) + len(self.card_batch.todo)
        self.pool = executor.pool() if work and executor.parallel else None
        self.texts = [self.pool.submit(make_into_cache, self.text_cache.folder, chunk)
                      for chunk in self.text_chunks()] if self.pool else []
        self.card_batch.submit(self.pool)
        self.collected = None

    def plan_texts(self, project: Path) -> tuple[TextCache, list[str], list[int]]:
        """Unchanged texts come from the cache; the indexes of the others are returned."""
        cache = TextCache(project / self.settings.get("SOCIAL_TEXT_CACHE", ".cache/social-texts"))
        code = code_digest()
        keys = [text_key(release, code) for release in self.inputs]
        # Only whether an entry exists: reading it is left to the output stage,
        # off the serial path, which makes the texts of a damaged one itself.
        return cache, keys, [i for i, key in enumerate(keys) if key not in cache.known]

    def text_chunks(self, size: int = 100) -> list[list[tuple[str, ReleaseSocial]]]:
        """(key, input) of each release whose texts are to be made, in chunks."""
        todo = [(self.text_keys[i], self.inputs[i]) for i in self.missing]
        return [todo[start:start + size] for start in range(0, len(todo), size)]

    def plan_cards(self, project: Path) -> CardBatch:
        content = Path(self.settings["PATH"])
        jobs = [CardJob(a.source_path, CardInput(a.title, a.unit, a.date, logo=self.logo,
                                                 photo=content / a.release.photo.path if a.release.photo else None))
                for a in self.articles if not getattr(a, "social_image", None)]
        cache = CardCache(project / self.settings.get("SOCIAL_CACHE_PATH", ".cache/social-cards"))
        return CardBatch(jobs, cache, CardLayout())

    def card_url(self, article, site: str | None = None) -> str:
        """The share card's URL on this build's site, or on `site`."""
        site = self.site_url if site is None else site
        own = getattr(article, "social_image", None)
        return f"{site}/{own}" if own else f"{site}/social/{article.slug}.jpg"

    def share_image(self, article) -> meta.ShareImage:
        """The generated card, or the editor's own `social_image` with its real size and type."""
        alt = CardInput(article.title, article.unit, article.date).alt_text()
        own = getattr(article, "social_image", None)
        if not own:
            return meta.ShareImage(self.card_url(article), 1200, 630, alt)
        with Image.open(Path(self.settings["PATH"]) / own) as image:
            return meta.ShareImage(self.card_url(article), image.width, image.height, alt,
                                   Image.MIME.get(image.format or "", "image/jpeg"))

    def prepare(self, article) -> ReleaseSocial:
        """The input of a release's texts (its own `social_image` is checked by checks.py)."""
        return ReleaseSocial(
            title=article.title, url=f"{self.public_url}/{article.url}", summary_text=article.release.summary_text,
            tags=tuple(t.name for t in getattr(article, "tags", [])),
            institution_hashtags=tuple(self.settings.get("SITE_HASHTAGS", ())),
            overrides=overrides_of(article.metadata), place=getattr(article, "location", "") or "",
            social_summary=article.metadata.get("social_summary", ""))

    def release_meta(self, article) -> dict | None:
        """Meta tags and JSON-LD of a release page. Called by the template while the
        page renders (in a write worker), so no release keeps these strings in memory.
        A draft is a private preview with nothing to share: None."""
        if article.status != "published":
            return None
        url = f"{self.site_url}/{article.url}"
        card = self.share_image(article)
        share = meta.PageShare(
            kind="article", title=article.title, description=meta.describe(article.release.summary_text), url=url,
            site_name=self.settings["SITENAME"], image=card, published=article.date,
            modified=getattr(article, "modified", None), section=article.category.name,
            tags=tuple(t.name for t in getattr(article, "tags", [])),
            authors=tuple(a.name for a in getattr(article, "authors", [])))
        images = (card.url,) + ((f"{self.site_url}/{article.release.photo.path}",) if article.release.photo else ())
        crumbs = [("Beranda", self.site_url + "/"), (article.category.name, f"{self.site_url}/{article.category.url}"),
                  (article.title, url)]
        return {"tags": meta.meta_tags(share),
                "jsonld": meta.jsonld_script([meta.news_article(share, self.publisher, images), meta.breadcrumbs(crumbs)])}

    def website_meta(self, title, relative_url: str, description: str = "") -> dict:
        """Meta tags and JSON-LD of any other page; `title` is its rendered <title>
        block (Markup), shared as the plain text a reader sees."""
        share = meta.PageShare(kind="website", title=text_of(title), description=description or self.settings["SITE_DESCRIPTION"],
                               url=f"{self.site_url}/{relative_url}", site_name=self.settings["SITENAME"])
        return {"tags": meta.meta_tags(share), "jsonld": meta.jsonld_script(meta.website(share, self.publisher))}

    def generate_output(self, writer):
        if self.pool:
            # The pool's results come back to the process that owns it: collected
            # here, then the files are written aside.
            self.collected = self.collect()
        run_aside(writer, partial(self.write_outputs, writer))

    def collect(self):
        """The cards, and the texts made here (index -> texts): none when the pool's
        workers made them, which wrote them to the cache themselves."""
        result = self.card_batch.collect()
        if self.pool:
            for future in self.texts:
                self.text_cache.known.update(future.result())
            return result, {}
        made = [texts for chunk in self.text_chunks() for texts in texts_for([release for _, release in chunk])]
        return result, dict(zip(self.missing, made))

    def write_outputs(self, writer):
        result, made_by_index = self.collected or self.collect()
        made = len(self.missing)
        for index, texts in made_by_index.items():
            self.text_cache.put(self.text_keys[index], texts)
        self.text_cache.prune(keep=set(self.text_keys))
        # Cards of releases that changed or left the site are dropped from the cache.
        self.card_batch.cache.prune({path.stem for path in result.cards.values()})
        self.card_batch.cache.save()
        out = Path(self.output_path)
        store = output_store(self.settings)
        (out / "social").mkdir(parents=True, exist_ok=True)
        for article in self.articles:
            if article.source_path in result.cards:
                link_or_copy(result.cards[article.source_path], out / "social" / f"{article.slug}.jpg")
        desk_size = self.settings.get("SOCIAL_DESK_LIMIT", 50)
        newest = {id(a) for a in sorted(self.articles, key=lambda a: (a.date, a.id), reverse=True)[:desk_size]}
        self.snippets = []
        plan = plan_of(self.settings)
        # One release's texts in memory at a time; only the desk's releases keep theirs.
        # A release whose file has the last build's key is linked, its texts not even read.
        for index, (article, release) in enumerate(zip(self.articles, self.inputs)):
            card_urls = (self.card_url(article, self.public_url), self.card_url(article))
            key = plan and file_key(plan.site, self.text_keys[index], article.id, article.slug, article.title,
                                    release.url, *card_urls, dates.iso(article.date), self.site_url, article.url)
            if plan and id(article) not in newest and plan.reuse(f"social/{article.slug}.json", key):
                self.snippets.append(ReleaseSnippets(article.id, article.slug, article.title, release.url,
                                                     card_urls[0], article.date, {},
                                                     f"{self.site_url}/{article.url}", card_urls[1]))
                continue
            texts = made_by_index.get(index) or self.text_cache.get(self.text_keys[index])
            if texts is None:           # damaged in the cache (get() logged it): made again here
                texts = made_by_index[index] = texts_for([release])[0]
                made += 1
                self.text_cache.put(self.text_keys[index], texts)
            snippets = ReleaseSnippets(article.id, article.slug, article.title, release.url,
                                       card_urls[0], article.date, texts,
                                       f"{self.site_url}/{article.url}", card_urls[1])
            data = release_json(snippets)
            write_output(out, snippets.json_path, data, store)
            if plan:
                plan.remember(snippets.json_path, key, body_digest(data))
            self.snippets.append(snippets if id(article) in newest else replace(snippets, texts={}))
        write_output(out, "social/index.json", index_json(self.site_url, self.snippets), store)
        recent = sorted(self.snippets, key=lambda s: (s.date, s.id), reverse=True)
        writer.write_file(self.settings.get("SOCIAL_DESK_SAVE_AS", "meja-sosial/index.html"),
                          self.get_template("meja_sosial"), self.context,
                          releases=recent[:desk_size],
                          platform_names={platform.key: platform.name for platform in PLATFORMS},
                          public_site_url=self.public_url, texts_link_elsewhere=self.public_url != self.site_url,
                          template_name="meja_sosial", url=self.settings.get("SOCIAL_DESK_URL", "meja-sosial/"))
        log.info(MSG["log_cards"].format(rendered=result.rendered, reused=result.reused))
        log.info(MSG["log_texts"].format(made=made, reused=len(self.inputs) - made))


def link_or_copy(source: Path, target: Path) -> None:
    """Cards are immutable once cached: a hard link costs nothing; copy across devices."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def add_generator(pelican):
    return SocialGenerator


def register() -> None:
    signals.get_generators.connect(add_generator)

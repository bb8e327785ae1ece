"""published_files: only files that public content refers to leave content/, photos without
metadata, and the photos pages show in the sizes and formats a phone needs.

Pelican's static generator copies every file of STATIC_PATHS plus anything a
`{static}` link names, even outside content/. This plugin's generator runs
its output stage just before the static generator's (Pelican runs plugin
generators first, the static one last) and narrows the list that stage
copies to siaran.boundary.select(): allowed suffix, no dotfile, no symlink,
inside content/, referenced by something this build writes. Selected photos
are written here instead, re-saved without EXIF/XMP (siaran.photos.strip),
from a cache keyed by the photo's bytes.

Photos a page shows (a release's `image`, a body's `![…]({static}/…)` in a release,
page or register item) also get renditions (siaran.renditions), made from that
published copy through the build's executor: planned and made once every
generator has read its content and before the first page renders
(`article_writer_finalized`), offered to the theme as `photo_renditions`
(shown.ShownPhotos, contracts.Context.PHOTO_RENDITIONS) and written with the
other files.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from siaran import boundary, photos
from siaran.contracts import Context, executor_of, output_store
from siaran.output import link_output, write_output
from siaran.renditions import RenditionCache, Spec
from siaran.schema import IMAGE_SUFFIXES

from .references import shown_photos, written_references
from .shown import ShownPhotos

logger = logging.getLogger(__name__)

class PublishedFilesGenerator(Generator):
    """Per build: plans the shown photos' renditions, narrows the static files, writes the photos."""

    def generate_context(self):
        content_root = Path(self.settings["PATH"]).resolve()
        self.published = photos.published_photos(self.context, content_root)
        self.shown = None
        if not self.settings.get("PHOTO_RENDITIONS", True):
            return          # pages show each photo itself (the benchmark's "before")
        # Made through the build's executor: its process pool on a cold build with work for two.
        self.shown = ShownPhotos(self.settings["SITEURL"],
                                 RenditionCache(content_root.parent / ".cache" / "renditions"),
                                 Spec.from_settings(self.settings), executor_of(self.settings), self.shown_files)
        self.context[Context.PHOTO_RENDITIONS] = self.shown
        # Every generator has read its content by then (the register's too), the checks'
        # gate has passed, and the page workers have not forked (page_writer_finalized).
        signals.article_writer_finalized.connect(self.collect)

    def shown_files(self) -> list[tuple[str, Path, str]]:
        """(content path, published copy, digest) of each photo a page shows, inside the boundary."""
        content_root = Path(self.settings["PATH"]).resolve()
        candidates = shown_photos(self.context, self.settings)
        published, _ = boundary.select(candidates, candidates, content_root)
        return [(rel, *self.published.copy(content_root / rel)) for rel in published
                if (content_root / rel).is_file()]

    def collect(self, sender=None, **_) -> None:
        if self.shown is not None:
            self.shown.collect()

    def generate_output(self, writer):
        content_root = Path(self.settings["PATH"]).resolve()
        statics = self.context.get("staticfiles", [])
        # Pelican keeps absolute source paths; a {static} link may have added one outside content/.
        by_path = {Path(os.path.relpath(static.source_path, content_root)).as_posix(): static for static in statics}
        published, skipped = boundary.select(by_path, written_references(self.context, self.settings),
                                             content_root)
        for rel, why in sorted(skipped.items()):
            logger.debug("not published: %s (%s)", rel, why)
        photo_files = [rel for rel in published if Path(rel).suffix.lower() in IMAGE_SUFFIXES]
        statics[:] = [by_path[rel] for rel in published if rel not in set(photo_files)]
        store = output_store(self.settings)
        for rel in photo_files:
            copy, _ = self.published.copy(content_root / rel)
            write_output(self.output_path, by_path[rel].save_as, copy.read_bytes(), store)
        if self.shown is not None:
            for name, body in self.shown.files():
                link_output(self.output_path, name, body)
            self.shown.prune()


def add_generator(pelican):
    return PublishedFilesGenerator


def register() -> None:
    signals.get_generators.connect(add_generator)

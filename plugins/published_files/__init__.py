"""published_files: only files that public content refers to leave content/, photos without metadata.

Pelican's static generator copies every file of STATIC_PATHS plus anything a
`{static}` link names, even outside content/. This plugin's generator runs
its output stage just before the static generator's (Pelican runs plugin
generators first, the static one last) and narrows the list that stage
copies to siaran.boundary.select(): allowed suffix, no dotfile, no symlink,
inside content/, referenced by something this build writes. Selected photos
are written here instead, re-saved without EXIF/XMP (siaran.photos.strip),
from a cache keyed by the photo's bytes.
"""
from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

import PIL
from pelican import signals
from pelican.generators import Generator

from siaran import boundary, photos
from siaran.contracts import output_store
from siaran.output import write_atomic, write_output
from siaran.schema import IMAGE_SUFFIXES

from .references import written_references

logger = logging.getLogger(__name__)


class PublishedFilesGenerator(Generator):
    """Per build: narrows the static files, writes the photos."""

    def generate_context(self):
        pass

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
        cache = Path(self.settings["PATH"]).resolve().parent / ".cache" / "photos"
        for rel in photo_files:
            self.write_photo(content_root / rel, by_path[rel].save_as, cache)

    def write_photo(self, source: Path, save_as: str, cache: Path) -> None:
        data = source.read_bytes()
        key = hashlib.sha256(data + f"|{photos.STRIP_VERSION}|{PIL.__version__}".encode()).hexdigest()[:40]
        cached = cache / f"{key}{source.suffix.lower()}"
        try:
            stripped = cached.read_bytes()
        except OSError:
            stripped = photos.strip(data)
            cache.mkdir(parents=True, exist_ok=True)
            write_atomic(cached, stripped)
        write_output(self.output_path, save_as, stripped, output_store(self.settings))


def add_generator(pelican):
    return PublishedFilesGenerator


def register() -> None:
    signals.get_generators.connect(add_generator)

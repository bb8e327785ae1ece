"""The photos this build's pages show, with their renditions (no Pelican import).

collect() once every generator has read its content and before any page
renders: `find()` names the shown photos with their published copies, cached
renditions become page facts at once, the rest are made through the build's
executor and cached; then pages ask sources()/by_url() and the output stage
writes files().

Pages render in forked workers (plugins/parallel_write), which inherit this
object as it was at the fork: everything must be collected by then, so a
look-up in another process that finds work left is an error, never a second
making of the same renditions.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import unquote

from siaran.renditions import Job, PhotoSources, RenditionCache, RenditionError, Spec, make_all, rendition_key

from .messages import MSG

log = logging.getLogger("siaran.renditions")


class ShownPhotos:
    """One build's shown photos: content path → PhotoSources, made once and cached."""

    def __init__(self, site_url: str, cache: RenditionCache, spec: Spec, executor,
                 find: Callable[[], Iterable[tuple[str, Path, str]]]) -> None:
        """`find()` gives (content path, published copy, SHA-256 of the photo's bytes) per shown photo."""
        self.site_url = site_url.rstrip("/")
        self.cache, self.spec, self.executor, self.find = cache, spec, executor, find
        self.keys: dict[str, str] = {}
        self.found: dict[str, PhotoSources] = {}
        self.jobs: list[Job] = []
        self.owner = os.getpid()
        self.collected = False

    def plan(self, photo: str, copy: Path, digest: str) -> None:
        """`photo` (content path) is shown; `copy` is its published copy, `digest` its bytes' SHA-256."""
        key = self.keys[photo] = rendition_key(digest, self.spec)
        made = self.cache.get(key)
        if made is not None:
            self.found[photo] = PhotoSources.of(photo, made, self.site_url)
        elif all(job.key != key for job in self.jobs):      # a copy of the same bytes is made once
            self.jobs.append(Job(key, str(copy), photo, str(self.cache.directory), self.spec))

    def collect(self) -> None:
        """Plan every shown photo, make what the cache lacks; log how many were made. Once."""
        if self.collected:
            return
        if os.getpid() != self.owner:
            raise RuntimeError("renditions looked up in a worker before the build collected them")
        for photo, copy, digest in self.find():
            self.plan(photo, copy, digest)
        jobs, self.jobs = self.jobs, []
        try:
            made = make_all(jobs, self.executor)
        except RenditionError as error:
            log.error(MSG["rendition_failed"].format(error=error))
            made = []
        for job, result in zip(jobs, made):
            self.cache.put(job.key, result)
        self.cache.save()
        for photo, key in self.keys.items():
            if photo not in self.found and key in self.cache.entries:
                self.found[photo] = PhotoSources.of(photo, self.cache.entries[key], self.site_url)
        self.collected = True
        log.info(MSG["log_renditions"].format(made=len(made), reused=len(set(self.keys.values())) - len(jobs)))

    # -- while pages render ---------------------------------------------------------------------
    def sources(self, photo) -> PhotoSources | None:
        """The renditions of a shown photo (anything with a content `path`), or None."""
        self.collect()
        return self.found.get(photo.path if hasattr(photo, "path") else photo)

    def by_url(self, url: str) -> PhotoSources | None:
        """The renditions of the photo a body's <img src> names (`{SITEURL}/gambar/x.jpg`)."""
        prefix = self.site_url + "/"
        if not url.startswith(prefix):
            return None
        self.collect()
        return self.found.get(unquote(url[len(prefix):]))

    # -- the output stage -----------------------------------------------------------------------
    def files(self) -> Iterable[tuple[str, Path]]:
        """(published name, cached body) of every rendition a page may offer, sorted."""
        self.collect()
        found = {}
        for photo, key in self.keys.items():
            sources, made = self.found.get(photo), self.cache.entries.get(key)
            offered = {source.name for source in sources.candidates} if sources else set()
            for file in made.files if made else ():
                if file.name(photo) in offered:
                    found[file.name(photo)] = self.cache.body(file)
        return sorted(found.items())

    def prune(self) -> None:
        """The cache keeps only what this build showed."""
        self.cache.prune(set(self.keys.values()))

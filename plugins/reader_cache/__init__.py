"""reader_cache: what Markdown made of each file, kept one file per content file.

Pelican's reader cache is one pickle of every file read, loaded whole before the
first file is read and written whole after the last: at 10,000 releases ~50 MiB
held through the build and a burst of pickling on its serial path, even when one
file changed (and with plugins/read_model, an unchanged release never asks the
reader cache at all). Hooked on `readers_init` (sent for each generator's
Readers before Pelican sets up its cache), this gives Pelican's Readers the
per-file entries of siaran.kept instead, in `<CACHE_PATH>/files/`, named by each
file's path and digest; CACHE_PATH is already named by everything reading
depends on (siaran.build.reader_cache_path). Entries of files that no longer
exist, or whose bytes changed, are removed when a generator has read its files.

Outside a Siaran build (no digests of the content), or when the settings turn the
reader cache off, Pelican's own caching is left as it is.
"""
from __future__ import annotations

import os

from pelican import signals

from siaran.contracts import services
from siaran.kept import Kept

FOLDER = "files"


def per_file(readers) -> None:
    settings = readers.settings
    build = services(settings)
    if (build is None or build.plan is None or settings.get("CONTENT_CACHING_LAYER") != "reader"
            or not (settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE"))):
        return
    folder = os.path.join(settings["CACHE_PATH"], FOLDER)
    os.makedirs(folder, exist_ok=True)
    kept = Kept(folder, build.plan.inputs.content, settings)
    content = os.path.abspath(settings["PATH"])

    # Pelican sets _cache_data_policy after this signal: whether these Readers cache at all
    # (those of the articles and pages do; the static files' do not).
    def get_cached_data(filename, default=None):
        if not readers._cache_data_policy:
            return default
        # Pelican asks by absolute path; the build's digests are by path under content/.
        value = kept.load(os.path.relpath(filename, content))
        return value if type(value) is tuple and len(value) == 2 else default

    def cache_data(filename, data):
        if readers._cache_data_policy:
            kept.save(os.path.relpath(filename, content), data)

    def save_cache():
        # Every current file's entry stays, asked for or not: the read model answers for
        # most releases, and this cache is what is left when the read model's setup changes.
        kept.prune(kept.every_file())

    readers.get_cached_data = get_cached_data
    readers.cache_data = cache_data
    readers.save_cache = save_cache


def register() -> None:
    signals.readers_init.connect(per_file)

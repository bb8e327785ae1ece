"""reader_cache: Pelican's reader cache is written back only when it changed.

Pelican pickles (and gzips) its whole reader cache at the end of every read,
even when every file came from the cache; that is work on the build's serial
path and a burst of memory before the pages are written. Hooked on
`readers_init` (sent for each generator's Readers before its cache is set up),
this marks the cache changed when a file is read afresh and skips the save
otherwise. A file read afresh is exactly when Pelican calls `cache_data`, so
the cache on disk always equals what a save would have written.
"""
from __future__ import annotations

from pelican import signals


def save_only_when_changed(readers) -> None:
    cache_data, save_cache = readers.cache_data, readers.save_cache
    changed = False

    def cache_and_mark(filename, data):
        nonlocal changed
        changed = True
        cache_data(filename, data)

    def save_if_changed():
        if changed:
            save_cache()

    readers.cache_data = cache_and_mark
    readers.save_cache = save_if_changed


def register() -> None:
    signals.readers_init.connect(save_only_when_changed)

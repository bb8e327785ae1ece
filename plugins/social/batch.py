"""Render many cards in a process pool; reuse every card whose inputs did not change.

Keys are computed and the cache is read and written only in the calling
process (one writer, no locks); workers only turn a CardInput into bytes.
"""
from __future__ import annotations

import multiprocessing
import os
import site
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .cache import CardCache, FileDigests, card_key
from .card import CardError, CardInput, render_card
from .layout import DEFAULT_LAYOUT, CardLayout


@dataclass(frozen=True)
class CardJob:
    """One release's card to produce."""

    source: str
    """Content file of the release, named in errors."""
    card: CardInput
    """What to draw."""


@dataclass
class BatchResult:
    rendered: int = 0
    """Cards drawn in this run."""
    reused: int = 0
    """Cards taken from the cache unchanged."""
    cards: dict[str, Path] = field(default_factory=dict)
    """Source -> cached JPEG, in job order; the glue copies these into the output."""


# Workers start fresh (forkserver/spawn), never forked from a build that may be
# running threads: a fork copies any lock another thread holds. A fresh worker
# must import this package, and Pelican loads plugins without putting their
# folder on sys.path, so the worker adds it first.
_CONTEXT = multiprocessing.get_context(
    "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
_IMPORT_ROOT = str(Path(__file__).resolve().parents[__name__.count(".")])


def default_workers() -> int:
    return os.cpu_count() or 1


def render_cards(jobs: Sequence[CardJob], cache: CardCache, layout: CardLayout = DEFAULT_LAYOUT,
                 workers: int | None = None) -> BatchResult:
    """Every job's card, drawing only cache misses; saves the manifest even on failure.

    Raises CardError naming the job's source when a card cannot be drawn.
    """
    digests = FileDigests()
    keys: dict[str, str] = {}
    for job in jobs:
        try:
            keys[job.source] = card_key(job.card, layout, digests)
        except OSError as error:
            raise CardError(f"{job.source}: berkas kartu tidak bisa dibaca: {error}") from error
    result = BatchResult()
    todo: dict[str, CardJob] = {}
    for job in jobs:
        key = keys[job.source]
        if key not in todo and cache.get(key) is None:
            todo[key] = job
    try:
        if todo:
            result.rendered = _render_missing(todo, cache, layout, workers or default_workers())
    finally:
        cache.save()
    result.reused = len(set(keys.values())) - result.rendered
    result.cards = {job.source: cache.path(keys[job.source]) for job in jobs}
    return result


def _render_missing(todo: dict[str, CardJob], cache: CardCache, layout: CardLayout,
                    workers: int) -> int:
    if workers == 1 or len(todo) == 1:
        # Starting a worker costs more than a card; one core gains nothing from it.
        for key, job in todo.items():
            try:
                cache.put(key, render_card(job.card, layout))
            except CardError as error:
                raise CardError(f"{job.source}: {error}") from error
        return len(todo)
    executor = ProcessPoolExecutor(max_workers=min(workers, len(todo)), mp_context=_CONTEXT,
                                   initializer=site.addsitedir, initargs=(_IMPORT_ROOT,))
    try:
        futures: dict[Future[bytes], tuple[str, CardJob]] = {
            executor.submit(render_card, job.card, layout): (key, job) for key, job in todo.items()
        }
        for future in as_completed(futures):
            key, job = futures[future]
            try:
                data = future.result()
            except Exception as error:
                raise CardError(f"{job.source}: {error}") from error
            cache.put(key, data)
    finally:
        # On failure the remaining queued cards are dropped, not drawn for nothing.
        executor.shutdown(wait=True, cancel_futures=True)
    return len(todo)

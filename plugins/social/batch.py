"""Render many cards in a process pool; reuse every card whose inputs did not change.

Keys are computed and the manifest is read and written only in the calling
process (one writer, no locks). A worker draws a card and writes it to its own
cache file (named by its key, written atomically), and only the digest comes
back: a card is ~60 KiB, and 10,000 of them returned through the pool sat in
the build process until collected (~650 MiB at 10,000 releases). Planning trusts the cache's manifest; a reused card's bytes are checked when
the batch is collected (off the build's serial path), and a damaged one is
drawn again there.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from siaran.output import write_atomic

from .cache import CardCache, FileDigests, card_key
from .card import CardError, CardInput, render_card
from .layout import DEFAULT_LAYOUT, CardLayout
from .messages import MSG

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor


CHUNK = 50
"""Cards per pool task."""


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


class CardBatch:
    """plan (keys, cache look-ups) → submit to a pool → collect into the cache.

    Split so the caller chooses when the pool works: the build submits before
    Pelican writes pages and collects after. Keys are computed and the cache is
    read and written only in the calling process; workers only draw.
    """

    def __init__(self, jobs: Sequence[CardJob], cache: CardCache, layout: CardLayout = DEFAULT_LAYOUT):
        self.jobs, self.cache, self.layout = list(jobs), cache, layout
        digests = FileDigests()
        self.keys: dict[str, str] = {}
        for job in self.jobs:
            try:
                self.keys[job.source] = card_key(job.card, layout, digests)
            except OSError as error:
                raise CardError(MSG["card_input_unreadable"].format(source=job.source, error=error)) from error
        self.todo: dict[str, CardJob] = {}
        for job in self.jobs:
            key = self.keys[job.source]
            if key not in self.todo and not cache.has(key):
                self.todo[key] = job
        self.futures: dict[Future, list[tuple[str, CardJob]]] = {}

    def submit(self, executor: ProcessPoolExecutor | None) -> None:
        if executor is None:
            return
        todo = list(self.todo.items())
        # In chunks: a future per card (10,000 on a cold build) held ~10 MiB in the build process.
        chunks = [todo[at:at + CHUNK] for at in range(0, len(todo), CHUNK)]
        self.futures = {executor.submit(draw_into_cache, [(job.card, str(self.cache.path(key))) for key, job in chunk],
                                        self.layout): chunk for chunk in chunks}

    def collect(self) -> BatchResult:
        """Wait for submitted cards (or draw here when none were); raises CardError
        naming the release; the manifest is saved even on failure."""
        try:
            if self.futures:
                from concurrent.futures import as_completed
                for future in as_completed(self.futures):
                    chunk = self.futures[future]
                    try:
                        drawn = future.result()
                    except Exception as error:      # the worker itself failed
                        raise CardError(MSG["card_failed"].format(source=chunk[0][1].source, error=error)) from error
                    for (key, job), (digest, error) in zip(chunk, drawn):
                        if error is not None:
                            raise CardError(MSG["card_failed"].format(source=job.source, error=error))
                        self.cache.record(key, digest)
            else:
                for key, job in self.todo.items():
                    self._draw(key, job)
            # Reused cards are checked here, not when planning: get() logs a damaged
            # or missing one, which is drawn again.
            reused = {self.keys[job.source]: job for job in self.jobs if self.keys[job.source] not in self.todo}
            redrawn = [key for key in reused if self.cache.get(key) is None]
            for key in redrawn:
                self._draw(key, reused[key])
        finally:
            for future in self.futures:
                future.cancel()
            self.cache.save()
        drawn = len(self.todo) + len(redrawn)
        result = BatchResult(rendered=drawn, reused=len(set(self.keys.values())) - drawn)
        result.cards = {job.source: self.cache.path(self.keys[job.source]) for job in self.jobs}
        return result

    def _draw(self, key: str, job: CardJob) -> None:
        try:
            self.cache.put(key, render_card(job.card, self.layout))
        except CardError as error:
            raise CardError(MSG["card_failed"].format(source=job.source, error=error)) from error


def draw_into_cache(cards: list[tuple[CardInput, str]], layout: CardLayout) -> list[tuple[str | None, str | None]]:
    """In a pool worker: draw each card into its cache file (its target). Only (digest,
    None) goes back for each, or (None, the error) for a card that could not be made."""
    done = []
    for card, target in cards:
        try:
            data = render_card(card, layout)
            write_atomic(Path(target), data)
        except Exception as error:      # noqa: BLE001 - reported for its release by collect()
            done.append((None, str(error)))
            continue
        done.append((hashlib.sha256(data).hexdigest(), None))
    return done


def render_cards(jobs: Sequence[CardJob], cache: CardCache, layout: CardLayout = DEFAULT_LAYOUT,
                 workers: int | None = None) -> BatchResult:
    """Every job's card now, drawing only cache misses (benchmarks and tools)."""
    batch = CardBatch(jobs, cache, layout)
    from siaran.executor import Executor, default_workers
    executor = Executor(min(workers or default_workers(), len(batch.todo)))
    if not executor.parallel:
        # Starting a worker costs more than a card; one core gains nothing from it.
        return batch.collect()
    try:
        batch.submit(executor.pool())
        return batch.collect()
    finally:
        executor.close()

"""parallel_write: Pelican's page writes, spread over the build's executor.

Pelican renders every page on one core. This plugin supplies a Writer that
records each write_file call; as soon as Pelican's own generators have queued
their pages (signal `page_writer_finalized`, by which time every generator's
context is complete) it starts workers through the build's executor
(siaran.executor) that render and write them from one job queue, while the
build goes on with feeds, social files and the rest.

Once workers run, another plugin's output stage (feeds, social files, the PPID
register, the sitemaps) runs aside as well, as a task of its own (`run_aside`):
its imports (feedgen, lxml) and working memory never join the build process.
The stage renders the pages it queued itself, then helps empty the workers'
queue. At `finalized` the pages queued since outside any stage (unit listings)
go to one more worker, so the build process renders nothing and keeps its size
at the fork; it waits for every task. With one worker, or a small site,
everything runs inline, in order.

Before a page is rendered, the build's incremental plan (siaran.depmap) is
asked whether its key is unchanged since the last build; if so its stored body
is linked into the staging tree and the page is not rendered at all.
"""
from __future__ import annotations

import io
import logging
import os
from functools import partial

from pelican import signals
from pelican.writers import FileOverwriteFailedError, Writer

from siaran.contracts import services
from siaran.executor import Executor, TaskFailed

PAGES_PER_FORK = 50
"""A fork costs more than rendering a few pages; below this share, render in the parent."""


class _StoredPage(io.StringIO):
    """What Pelican writes into a page, placed through the build's OutputStore on close."""

    def __init__(self, store, path: str, on_close=None) -> None:
        super().__init__()
        self.store, self.path, self.on_close = store, path, on_close

    def close(self) -> None:
        if not self.closed:
            digest = self.store.place(self.path, self.getvalue().encode("utf-8"))
            if self.on_close is not None:
                self.on_close(self.path, digest)
        super().close()


class DeferredWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.jobs: list[tuple[tuple, dict]] = []
        self.tasks: list = []
        self.queues: list = []
        self.done: dict[str, list] = {}     # job -> [[file, digest], ...] rendered by this process
        self.pid = os.getpid()
        self._files: list | None = None
        build = services(settings or {})
        self.executor = build.executor if build else Executor(1)
        self.store = build.store if build else None
        self.plan = build.plan if build else None
        self.build = build
        signals.page_writer_finalized.connect(self.start)
        signals.finalized.connect(self.flush)
        if build:
            # However the build ends, tasks already started are collected.
            build.cleanup.append(self.reap)

    def write_file(self, *args, **kwargs):
        if self.plan is not None and self.plan.keep(args, kwargs):
            return                      # unchanged since the last build: its body was linked
        self.jobs.append((args, kwargs))

    def _open_w(self, filename, encoding, override=False):
        """Pelican's rule for two writes to one name, then the page goes to the store."""
        if self.store is None:
            return super()._open_w(filename, encoding, override)
        if filename in self._overridden_files and not override:
            return io.StringIO()          # the overriding page was written first and is kept
        if filename in self._written_files and (not override or filename in self._overridden_files):
            raise FileOverwriteFailedError(f'"{filename}" would be written twice')
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _StoredPage(self.store, filename, self._wrote)

    def _wrote(self, path: str, digest: str) -> None:
        if self._files is not None:
            self._files.append([os.path.relpath(path, self.output_path), digest])

    def _render(self, share) -> None:
        for args, kwargs in share:
            self._files = []
            Writer.write_file(self, *args, **kwargs)
            self.done[args[0]], self._files = self._files, None

    def _handover(self) -> tuple[dict, dict]:
        """What a task's process rendered or recorded, returned to the build process for
        its plan; in the build process itself (a task run inline) it is recorded there."""
        if os.getpid() == self.pid:
            return {}, {}
        done, self.done = self.done, {}
        return done, (self.plan.added if self.plan is not None else {})

    def _in_task(self) -> None:
        if os.getpid() != self.pid:
            self.done = {}              # the build process's records are not this task's
            if self.plan is not None:
                self.plan.added = {}

    def start(self, sender=None, **_) -> None:
        """Start workers for the pages queued so far; the build goes on meanwhile."""
        workers = min(self.executor.workers, len(self.jobs) // PAGES_PER_FORK)
        if workers > 1:                 # else kept for flush, which renders them in the parent
            self._start_workers(workers)

    def _start_workers(self, workers: int) -> None:
        queue, self.jobs = self.executor.queue(self.jobs), []
        self.queues.append(queue)
        self.executor.freeze()
        self.tasks += [self.executor.start(self._drain) for _ in range(workers)]

    def run_aside(self, stage) -> None:
        """Run an output stage as a task of its own beside the page workers and the
        other stages (with one worker: now). A failed stage fails the build at `finalized`."""
        if not self.executor.parallel:
            stage()
            return
        self.executor.freeze()
        self.tasks.append(self.executor.start(partial(self._aside, stage)))

    def _aside(self, stage) -> tuple[dict, dict]:
        self.jobs = []                  # the parent's queue is not this task's work
        self._in_task()
        stage()
        self._render(self.jobs)
        # Not _drain(): its fresh start would forget what the stage just recorded
        # (files kept or made through the plan, the pages it rendered).
        self._take_queued()
        return self._handover()

    def _drain(self) -> tuple[dict, dict]:
        self._in_task()
        self._take_queued()
        return self._handover()

    def _take_queued(self) -> None:
        for queue in self.queues:
            while (chunk := queue.take()) is not None:
                self._render(chunk)

    def flush(self, sender=None) -> None:
        """Hand what is still queued to one more worker (or render it here when
        nothing was started) and wait for every task. A refusal by the content
        checks (asked first) raises here; cleanup then drops the queued pages."""
        if self.build is not None and self.build.verdict is not None:
            try:
                self.build.verdict()
            except Exception:
                # Refused: what the workers met in content the checks refuse is not news.
                for failure in self.wait(abandon=True):
                    logging.getLogger(__name__).debug("%s", failure)
                raise
        self.start()
        if self.tasks and self.jobs:
            self._start_workers(1)
        leftover, self.jobs = self.jobs, []
        failures = []
        try:
            self._render(leftover)
        except Exception:   # reported like a worker's: which process met the page is chance
            import traceback
            failures.append(traceback.format_exc())
        failures += self.wait(abandon=bool(failures))
        if self.plan is not None:
            self.plan.record(self.done)
            self.done = {}
        if failures:
            raise RuntimeError("parallel_write: " + "\n".join(failures))

    def reap(self) -> None:
        """Cleanup, however the build ended: tasks still running are collected
        and what failed in them is logged (the build has failed already)."""
        for failure in self.wait():
            logging.getLogger(__name__).error("%s", failure)

    def wait(self, abandon: bool = True) -> list[str]:
        """Collect every task (what it logged is logged again); their failures returned.
        With `abandon` (a failed build), the queued pages are dropped first, so the
        workers stop after their current chunk."""
        for queue in self.queues:
            if abandon:
                queue.drop()
            queue.close()
        self.queues = []
        failures = []
        while self.tasks:               # one by one: an interrupted wait leaves the rest to cleanup
            task = self.tasks.pop(0)
            try:
                done, added = task.result()
            except TaskFailed as error:
                failures.append(str(error))
            else:
                if self.plan is not None:
                    self.plan.record(done)
                    self.plan.merge(added)
        return failures


def supply_writer(pelican):
    return DeferredWriter


def register() -> None:
    signals.get_writer.connect(supply_writer)

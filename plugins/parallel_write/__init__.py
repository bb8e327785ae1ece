"""parallel_write: Pelican's page writes, rendered by forked worker processes.

Pelican renders every page on one core. This plugin supplies a Writer that
records each write_file call; as soon as Pelican's own generators have queued
their pages (signal `page_writer_finalized`, by which time every generator's
context is complete) it forks workers that render and write them, while the
build goes on with feeds, social files and the rest. Workers take small chunks
from a shared queue, so none idles while another has a long share.

Once workers run, another plugin's output stage (feeds, social files, the PPID
register, the sitemaps) runs aside as well, in a process forked for it
(`run_aside`): its imports (feedgen, lxml) and working memory never join the
build process. The stage renders the pages it queued itself, then helps empty
the workers' queue. At `finalized` the pages queued since outside any stage
(unit listings) go to one more worker, so the build process renders nothing
and keeps its size at the fork; it waits for every child. Without workers (a
small site, or a thread running) everything runs inline, in order.

Children inherit the finished context, so nothing is pickled; what they log
is passed back and logged again by the build, so strict builds, error counting
and the stages' reports see it. Any failed child fails the build.
"""
from __future__ import annotations

import gc
import io
import json
import logging
import os
import struct
import traceback
from functools import partial

from pelican import signals
from pelican.writers import FileOverwriteFailedError, Writer

from siaran.forking import can_fork, fork_with_pipe

PAGES_PER_FORK = 50
"""A fork costs more than rendering a few pages; below this share, render in the parent."""
QUEUE_ENTRIES = 1024
"""Chunks per queue: 4 bytes each, so the whole queue fits even a one-page (4 KiB) pipe
buffer, which Linux gives once a user holds many pipes; it is written before any reader exists."""
_ENTRY = struct.Struct("<I")


class _Queue:
    """Job chunks in a pipe, written in full before any fork: every process that
    reads 4 bytes takes the next chunk, and an empty pipe means the work is done."""

    def __init__(self, jobs: list, chunk: int = 4) -> None:
        self.jobs = jobs
        self.chunk = max(chunk, -(-len(jobs) // QUEUE_ENTRIES))
        self.reader, writer = os.pipe()
        with os.fdopen(writer, "wb") as stream:
            stream.write(b"".join(_ENTRY.pack(start) for start in range(0, len(jobs), self.chunk)))

    def take(self) -> list | None:
        entry = os.read(self.reader, _ENTRY.size)
        if len(entry) < _ENTRY.size:
            return None
        (start,) = _ENTRY.unpack(entry)
        return self.jobs[start:start + self.chunk]

    def close(self) -> None:
        os.close(self.reader)


class _Collect(logging.Handler):
    """Every record a child's loggers let through: what the build would have logged."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[list] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append([record.levelno, record.name, record.getMessage()])


class _StoredPage(io.StringIO):
    """What Pelican writes into a page, placed through the build's OutputStore on close."""

    def __init__(self, store, path: str) -> None:
        super().__init__()
        self.store, self.path = store, path

    def close(self) -> None:
        if not self.closed:
            self.store.place(self.path, self.getvalue().encode("utf-8"))
        super().close()


class DeferredWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.jobs: list[tuple[tuple, dict]] = []
        self.children: list[tuple[int, int]] = []      # (pid, read end of its report pipe)
        self.queues: list[_Queue] = []
        self.workers = (settings or {}).get("WRITE_WORKERS") or os.cpu_count() or 1
        self.store = (settings or {}).get("OUTPUT_STORE")
        signals.page_writer_finalized.connect(self.start)
        signals.finalized.connect(self.flush)
        # However the build ends, workers already forked are reaped and the
        # context can be collected again (serve builds in one long process).
        cleanup = (settings or {}).get("BUILD_CLEANUP", [])
        cleanup += [self.reap, gc.unfreeze]

    def write_file(self, *args, **kwargs):
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
        return _StoredPage(self.store, filename)

    def _render(self, share: list[tuple[tuple, dict]]) -> None:
        for args, kwargs in share:
            Writer.write_file(self, *args, **kwargs)

    def start(self, sender=None, **_) -> None:
        """Fork workers for the pages queued so far; the build goes on meanwhile."""
        workers = min(self.workers, len(self.jobs) // PAGES_PER_FORK)
        if workers > 1:                 # else kept for flush, which renders them in the parent
            self._fork_workers(workers)

    def _fork_workers(self, workers: int) -> None:
        if not can_fork():
            return                      # flush renders them in the parent
        queue, self.jobs = _Queue(self.jobs), []
        self.queues.append(queue)
        # The context is finished: frozen, the collector neither walks it again
        # nor writes to its pages (which the forked workers would then copy).
        gc.freeze()
        for _ in range(workers):
            self.children.append(self._fork(self._drain))   # one by one: a failed fork loses none

    def run_aside(self, stage) -> None:
        """Run an output stage in a process of its own while workers render;
        without workers, run it now. A failed stage fails the build at `finalized`."""
        if not (self.children and can_fork()):
            stage()
            return
        try:
            self.children.append(self._fork(partial(self._aside, stage)))
        except OSError:                 # no process to spare: the stage runs here instead
            stage()

    def _aside(self, stage) -> None:
        self.jobs = []                  # the parent's queue is not this process's work
        stage()
        self._render(self.jobs)
        self._drain()

    def _drain(self) -> None:
        for queue in self.queues:
            while (chunk := queue.take()) is not None:
                self._render(chunk)

    def flush(self, sender=None) -> None:
        """Hand what is still queued to one more worker (or render it here when
        nothing was forked) and wait for every worker and stage."""
        self.start()
        if self.children and self.jobs:
            self._fork_workers(1)
        leftover, self.jobs = self.jobs, []
        failures = []
        try:
            self._render(leftover)
        except Exception:   # reported like a worker's: which process met the page is chance
            failures.append(traceback.format_exc())
        failures += self.wait(abandon=bool(failures))
        if failures:
            raise RuntimeError("parallel_write: " + "\n".join(failures))

    def reap(self) -> None:
        """Cleanup, however the build ended: children still running are reaped
        and what failed in them is logged (the build has failed already)."""
        for failure in self.wait():
            logging.getLogger(__name__).error("%s", failure)

    def wait(self, abandon: bool = True) -> list[str]:
        """Reap every child, re-log what it logged; its failures returned. With
        `abandon` (a failed build), the queued pages are dropped first, so the
        workers stop after their current chunk."""
        for queue in self.queues:
            while abandon and queue.take() is not None:
                pass
            queue.close()
        self.queues = []
        failures = []
        while self.children:            # one by one: an interrupted wait leaves the rest to cleanup
            pid, reader = self.children.pop(0)
            with os.fdopen(reader, "r", encoding="utf-8") as stream:
                report = stream.read()
            _, status = os.waitpid(pid, 0)
            try:
                data = json.loads(report) if report else {"records": [], "error": ""}
            except ValueError:          # killed while reporting
                data = {"records": [], "error": f"worker {pid}: report cut short"}
            for level, name, message in data["records"]:
                logging.getLogger(name).log(level, message)
            if data["error"]:
                failures.append(data["error"])
            elif os.waitstatus_to_exitcode(status) != 0:
                failures.append(f"worker {pid} ended with status {status}")
        return failures

    def _fork(self, work) -> tuple[int, int]:
        pid, end = fork_with_pipe()
        if pid:
            return pid, end
        # In the child from here on (`end` is its report pipe); it never returns to the caller.
        self.children = []              # the parent's to reap, not this process's
        collect = _Collect()
        # Only collected: the parent logs these once, through its own handlers.
        logging.getLogger().handlers = [collect]
        error, code = "", 0
        try:
            work()
        except BaseException:
            error, code = traceback.format_exc(), 1
        try:
            with os.fdopen(end, "w", encoding="utf-8") as stream:
                stream.write(json.dumps({"records": collect.records, "error": error}))
        finally:
            os._exit(code)


def supply_writer(pelican):
    return DeferredWriter


def register() -> None:
    signals.get_writer.connect(supply_writer)

"""parallel_write: Pelican's page writes, rendered by forked worker processes.

Pelican renders every page on one core. This plugin supplies a Writer that
records each write_file call; as soon as Pelican's own generators have queued
their pages (signal `page_writer_finalized`, by which time every generator's
context is complete) it forks workers that render and write their share, while
the build goes on with feeds, social files and the rest. Pages queued after
that (plugin listings, the PPID register) are rendered at `finalized`, when the
build also waits for every worker.

Forked workers inherit the finished context, so nothing is pickled; what they
log at WARNING or above is passed back and logged again by the build, so strict
builds and error counting see it. Any failed worker fails the build.
"""
from __future__ import annotations

import gc
import io
import json
import logging
import os
import traceback
from pathlib import Path

from pelican import signals
from pelican.writers import FileOverwriteFailedError, Writer

log = logging.getLogger("siaran.parallel_write")

PAGES_PER_FORK = 50
"""A fork costs more than rendering a few pages; below this share, render in the parent."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
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
            self.store.place(Path(self.path), self.getvalue().encode("utf-8"))
        super().close()


class DeferredWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.jobs: list[tuple[tuple, dict]] = []
        self.children: list[tuple[int, int]] = []      # (pid, read end of its report pipe)
        self.workers = (settings or {}).get("WRITE_WORKERS") or os.cpu_count() or 1
        self.store = (settings or {}).get("OUTPUT_STORE")
        signals.page_writer_finalized.connect(self.start)
        signals.finalized.connect(self.flush)
        # However the build ends, workers already forked are reaped and the
        # context can be collected again (serve builds in one long process).
        cleanup = (settings or {}).get("BUILD_CLEANUP", [])
        cleanup += [self.wait, gc.unfreeze]

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
        if workers <= 1:
            return                      # kept for flush, which renders them in the parent
        jobs, self.jobs = self.jobs, []
        # The context is finished: frozen, the collector neither walks it again
        # nor writes to its pages (which the forked workers would then copy).
        gc.freeze()
        self.children += [self._fork(jobs[index::workers]) for index in range(workers)]

    def flush(self, sender=None) -> None:
        """Render what is still queued, then wait for every worker."""
        self.start()
        leftover, self.jobs = self.jobs, []
        try:
            self._render(leftover)
        finally:
            failures = self.wait()
        if failures:
            raise RuntimeError("parallel_write: " + "\n".join(failures))

    def wait(self) -> list[str]:
        """Reap every worker, re-log what it logged; its failures returned."""
        children, self.children = self.children, []
        failures = []
        for pid, reader in children:
            with os.fdopen(reader, "r", encoding="utf-8") as stream:
                report = stream.read()
            _, status = os.waitpid(pid, 0)
            if report:
                data = json.loads(report)
                for level, name, message in data["records"]:
                    logging.getLogger(name).log(level, message)
                if data["error"]:
                    failures.append(data["error"])
            if os.waitstatus_to_exitcode(status) != 0 and not failures:
                failures.append(f"worker {pid} ended with status {status}")
        return failures

    def _fork(self, share: list[tuple[tuple, dict]]) -> tuple[int, int]:
        reader, writer = os.pipe()
        pid = os.fork()
        if pid:
            os.close(writer)
            return pid, reader
        os.close(reader)  # in the worker from here on; it never returns to the caller
        collect = _Collect()
        # Only collected: the parent logs these once, through its own handlers.
        logging.getLogger().handlers = [collect]
        error, code = "", 0
        try:
            self._render(share)
        except BaseException:
            error, code = traceback.format_exc(), 1
        try:
            with os.fdopen(writer, "w", encoding="utf-8") as stream:
                stream.write(json.dumps({"records": collect.records, "error": error}))
        finally:
            os._exit(code)


def supply_writer(pelican):
    return DeferredWriter


def register() -> None:
    signals.get_writer.connect(supply_writer)

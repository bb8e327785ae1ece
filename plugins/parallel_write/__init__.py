"""parallel_write: Pelican's page writes, rendered by forked worker processes.

Pelican renders every page on one core. This plugin supplies a Writer that
records each write_file call while the generators run, then — once all of them
are done (signal `finalized`) — forks workers that render and write their share.
Forked workers inherit the finished context, so nothing is pickled; what they
log at WARNING or above is passed back and logged again by the build, so strict
builds and error counting see it. Any failed worker fails the build.
"""
from __future__ import annotations

import json
import logging
import os
import traceback

from pelican import signals
from pelican.writers import Writer

log = logging.getLogger("siaran.parallel_write")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[list] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append([record.levelno, record.name, record.getMessage()])


class DeferredWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.jobs: list[tuple[tuple, dict]] = []
        self.workers = (settings or {}).get("WRITE_WORKERS") or os.cpu_count() or 1
        signals.finalized.connect(self.flush)

    def write_file(self, *args, **kwargs):
        self.jobs.append((args, kwargs))

    def _render(self, share: list[tuple[tuple, dict]]) -> None:
        for args, kwargs in share:
            Writer.write_file(self, *args, **kwargs)

    def flush(self, sender) -> None:
        jobs, self.jobs = self.jobs, []
        workers = min(self.workers, len(jobs) // 50)   # a fork costs more than a few pages
        if workers <= 1:
            self._render(jobs)
            return
        children = [self._fork(jobs[index::workers]) for index in range(workers)]
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
        if failures:
            raise RuntimeError("parallel_write: " + "\n".join(failures))

    def _fork(self, share: list[tuple[tuple, dict]]) -> tuple[int, int]:
        reader, writer = os.pipe()
        pid = os.fork()
        if pid:
            os.close(writer)
            return pid, reader
        os.close(reader)  # in the worker from here on; it never returns to the caller
        collect = _Collect()
        logging.getLogger().addHandler(collect)
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

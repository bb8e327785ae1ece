"""The build's one executor: how much work runs at once, decided once, passed to whoever needs it.

A build makes one Executor (`Executor.from_settings`, from the typed setting
`BUILD_WORKERS`, default: the machine's cores) and hands it explicitly to every
part that has work to spread: the check beside Pelican, the page writers, the
plugins' output stages, the share cards and texts. `serve` builds with the same
executor as `build`. Nothing inspects the process (threads, fork safety) to
decide for itself; with one worker everything runs inline, in order.

Three shapes of work, one owner:
- `start(work)` runs a callable in a forked child and returns a Task; its result
  comes back pickled through a pipe, with what the child logged, which
  `Task.result()` logs again in the build (so strict builds count it). A fork
  that fails runs the work inline instead.
- `queue(jobs)` hands chunks of a job list to every process that asks: the page
  workers and the stages that finished early drain one queue.
- `pool()` is a process pool for many small independent jobs (cards, texts,
  photo renditions), made on first use and shut down by `close()`.

Forked children inherit the finished build context, so nothing but results is
pickled. A child only runs build code and reports through its own pipe; its log
handlers are replaced by a collector, so no lock another thread held at the
fork (a server's, a watcher's) is ever taken in it.
"""
from __future__ import annotations

import gc
import logging
import os
import pickle
import select
import signal
import struct
import traceback
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Sequence

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

WORKERS_SETTING = "BUILD_WORKERS"
"""Typed setting (int ≥ 1, or None for the machine's cores): how many processes a build uses."""


def default_workers() -> int:
    return os.cpu_count() or 1


def workers_from_settings(settings: dict) -> int:
    value = settings.get(WORKERS_SETTING)
    if value is None:
        return default_workers()
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{WORKERS_SETTING} harus bilangan bulat ≥ 1 (atau None), bukan {value!r}")
    return value


class TaskFailed(RuntimeError):
    """The work raised (its traceback is the message), or its process ended without a whole report."""


class _Collect(logging.Handler):
    """In a child: every record its loggers let through, for the build to log once."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[tuple[int, str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.name, record.getMessage()))


class Task:
    """One piece of work started by the executor: forked, or already done inline."""

    def __init__(self, pid: int = 0, reader: int = -1) -> None:
        self.pid, self.reader = pid, reader
        self._value: Any = None
        self._failure: str | None = None
        self._done = pid == 0

    @classmethod
    def inline(cls, work: Callable[[], Any]) -> Task:
        task = cls()
        try:
            task._value = work()
        except Exception:
            task._failure = traceback.format_exc()
        return task

    @property
    def done(self) -> bool:
        return self._done

    @property
    def finished(self) -> bool:
        """True when result() would not wait: done, or its child has written its report
        (the child writes it whole, once, when the work ends)."""
        if self._done:
            return True
        readable, _, _ = select.select([self.reader], [], [], 0)
        return bool(readable)

    def result(self) -> Any:
        """The work's return value; waits the first time. A failure raises TaskFailed every time asked."""
        if not self._done:
            self._collect()
        if self._failure is not None:
            raise TaskFailed(self._failure)
        return self._value

    def _collect(self) -> None:
        reader, self.reader = self.reader, -1
        self._done = True
        try:
            with os.fdopen(reader, "rb") as stream:
                report = stream.read()
            _, status = os.waitpid(self.pid, 0)
            records, kind, value = pickle.loads(report)
        except Exception as error:      # cut short: killed, out of memory
            self._failure = f"process {self.pid} ended without a whole report ({error!r})"
            return
        finally:
            self.pid = 0
        for level, name, message in records:
            logging.getLogger(name).log(level, message)
        if kind == "crash":
            self._failure = value
        elif os.waitstatus_to_exitcode(status) != 0:
            self._failure = f"process ended with status {status}"
        else:
            self._value = value

    def kill(self) -> None:
        """End work nobody will wait for (the build stopped early)."""
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            os.close(self.reader)
            self.pid, self.reader = 0, -1
            self._done, self._failure = True, "stopped"


_ENTRY = struct.Struct("<I")
QUEUE_ENTRIES = 1024
"""Chunks per queue: 4 bytes each, so the whole queue fits even a one-page (4 KiB) pipe
buffer, which Linux gives once a user holds many pipes; it is written before any reader exists."""


class JobQueue:
    """Job chunks in a pipe, written in full before any fork: every process that
    reads 4 bytes takes the next chunk, and an empty pipe means the work is done."""

    def __init__(self, jobs: Sequence, chunk: int = 4) -> None:
        self.jobs = jobs
        self.chunk = max(chunk, -(-len(jobs) // QUEUE_ENTRIES))
        self.reader, writer = os.pipe()
        with os.fdopen(writer, "wb") as stream:
            stream.write(b"".join(_ENTRY.pack(start) for start in range(0, len(jobs), self.chunk)))

    def take(self) -> Sequence | None:
        entry = os.read(self.reader, _ENTRY.size)
        if len(entry) < _ENTRY.size:
            return None
        (start,) = _ENTRY.unpack(entry)
        return self.jobs[start:start + self.chunk]

    def drop(self) -> None:
        """Take every chunk left, so the processes draining it stop after their current one."""
        while self.take() is not None:
            pass

    def close(self) -> None:
        os.close(self.reader)


@dataclass
class Executor:
    """How a build spreads its work; see the module docstring."""

    workers: int = 1

    def __post_init__(self) -> None:
        self.workers = max(1, int(self.workers))
        self._pool: ProcessPoolExecutor | None = None
        self._tasks: list[Task] = []
        self._frozen = False

    @classmethod
    def from_settings(cls, settings: dict) -> Executor:
        return cls(workers_from_settings(settings))

    @property
    def parallel(self) -> bool:
        return self.workers > 1

    def start(self, work: Callable[[], Any]) -> Task:
        """Run `work` in a forked child when parallel, else (or when the fork fails) now."""
        if not self.parallel:
            return Task.inline(work)
        reader, writer = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(reader)
            os.close(writer)
            return Task.inline(work)
        if pid:
            os.close(writer)
            task = Task(pid, reader)
            self._tasks.append(task)
            return task
        os.close(reader)
        _run_child(writer, work)        # never returns

    def detach(self, work: Callable[[], Any]) -> None:
        """Run `work` in a process nobody waits for (double fork: no zombie is left),
        for clean-up whose result does not matter, such as removing the replaced
        output tree; inline when not parallel or when the fork fails."""
        if self.parallel:
            try:
                pid = os.fork()
            except OSError:
                pid = -1
            if pid == 0:
                try:
                    if os.fork() == 0:
                        try:
                            work()
                        finally:
                            os._exit(0)
                finally:
                    os._exit(0)
            if pid > 0:
                os.waitpid(pid, 0)
                return
        work()

    def freeze(self) -> None:
        """The context is finished: frozen, the collector neither walks it again nor
        writes to its memory pages (which forked children would then copy)."""
        if not self._frozen:
            gc.freeze()
            self._frozen = True

    def collect(self) -> None:
        """The forked work on the context is done: it is collectable again, and collected
        now, so what the build does last (the search index) runs in a process the size of
        what remains, not of every release read (at 10,000, its peak)."""
        if self._frozen:
            gc.unfreeze()
            self._frozen = False
        gc.collect()

    def queue(self, jobs: Sequence, chunk: int = 4) -> JobQueue:
        return JobQueue(jobs, chunk)

    def pool(self) -> ProcessPoolExecutor:
        """A process pool of `workers` forked processes, made on first use.
        Imported here: a warm build has nothing for it and never loads it."""
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor
            self._pool = ProcessPoolExecutor(max_workers=self.workers,
                                             mp_context=multiprocessing.get_context("fork"))
        return self._pool

    def close(self) -> None:
        """However the build ended: children still running are killed and reaped,
        the pool is shut down, the context is collectable again."""
        for task in self._tasks:
            task.kill()
        self._tasks = []
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._frozen:
            gc.unfreeze()
            self._frozen = False


def _run_child(writer: int, work: Callable[[], Any]) -> None:
    collect = _Collect()
    logging.getLogger().handlers = [collect]
    code = 0
    try:
        report = pickle.dumps((collect.records, "ok", work()))
    except BaseException:
        report, code = pickle.dumps((collect.records, "crash", traceback.format_exc())), 1
    try:
        with os.fdopen(writer, "wb") as stream:
            stream.write(report)
    finally:
        os._exit(code)

"""The build's executor: one decision, tasks with clear outcomes, one queue, one pool."""
from __future__ import annotations

import logging
import os
import threading
import time

import pytest

from siaran.executor import QUEUE_ENTRIES, Executor, JobQueue, Task, TaskFailed, workers_from_settings


def _task_with_child(writes: bytes, linger: float = 0.0) -> Task:
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reader)
        os.write(writer, writes)
        time.sleep(linger)
        os._exit(0)
    os.close(writer)
    return Task(pid, reader)


def test_workers_come_from_one_typed_setting():
    assert workers_from_settings({"BUILD_WORKERS": 3}) == 3
    assert workers_from_settings({}) == (os.cpu_count() or 1)
    for bad in (0, -1, "2", 1.5, True):
        with pytest.raises(ValueError, match="BUILD_WORKERS harus bilangan bulat ≥ 1"):
            workers_from_settings({"BUILD_WORKERS": bad})


def test_a_task_returns_its_value_and_what_it_logged(caplog):
    def work():
        logging.getLogger("siaran.uji").warning("dari anak %d", 7)
        return {"pid": os.getpid(), "nilai": [1, 2]}
    executor = Executor(2)
    with caplog.at_level(logging.WARNING, logger="siaran.uji"):
        result = executor.start(work).result()
    executor.close()
    assert result["nilai"] == [1, 2] and result["pid"] != os.getpid(), "ran in a forked process"
    assert [r.getMessage() for r in caplog.records if r.name == "siaran.uji"] == ["dari anak 7"]


def test_one_worker_runs_inline_and_a_thread_does_not_change_the_decision():
    assert Executor(1).start(os.getpid).result() == os.getpid()
    release = threading.Event()
    busy = threading.Thread(target=release.wait)
    busy.start()
    try:
        executor = Executor(2)
        assert executor.start(os.getpid).result() != os.getpid(), "forked although a thread runs"
        executor.close()
    finally:
        release.set()
        busy.join()


def test_a_failing_task_raises_its_traceback_every_time_asked():
    def broken():
        raise KeyError("bug di tugas")
    for workers in (1, 2):
        task = Executor(workers).start(broken)
        for _ in range(2):
            with pytest.raises(TaskFailed, match="bug di tugas"):
                task.result()


def test_a_cut_short_report_is_a_failure_every_time_asked():
    task = _task_with_child(b"\x80\x04\x95 not a whole pickle")
    for _ in range(2):                   # the second ask must not touch a closed descriptor
        with pytest.raises(TaskFailed, match="without a whole report"):
            task.result()


def test_kill_ends_a_task_nobody_waits_for():
    task = _task_with_child(b"", linger=30)
    pid = task.pid
    task.kill()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)      # already reaped
    with pytest.raises(TaskFailed, match="stopped"):
        task.result()


def test_a_failed_fork_runs_inline_and_leaves_no_pipe_open(monkeypatch):
    def no_fork():
        raise OSError("tidak ada proses tersisa")
    monkeypatch.setattr(os, "fork", no_fork)
    before = set(os.listdir("/proc/self/fd"))
    task = Executor(2).start(lambda: "satu")
    assert task.done and task.result() == "satu"
    assert set(os.listdir("/proc/self/fd")) == before


def test_the_queue_fits_a_one_page_pipe_and_hands_out_every_job_once():
    jobs = list(range(100_003))
    queue = JobQueue(jobs)
    taken = []
    while (chunk := queue.take()) is not None:
        taken += chunk
    queue.close()
    assert taken == jobs
    assert -(-len(jobs) // queue.chunk) * 4 <= 4096 and QUEUE_ENTRIES * 4 <= 4096


def test_the_pool_is_made_once_and_shut_down_by_close():
    executor = Executor(2)
    pool = executor.pool()
    assert executor.pool() is pool
    assert pool.submit(pow, 2, 10).result() == 1024
    executor.close()
    with pytest.raises(RuntimeError):
        pool.submit(pow, 2, 3)


def test_detached_work_runs_in_a_process_nobody_waits_for(tmp_path):
    marker = tmp_path / "dilepas.txt"

    def work():
        marker.write_text(str(os.getpid()))
    Executor(2).detach(work)
    deadline = time.monotonic() + 30
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.read_text() != str(os.getpid())
    Executor(1).detach(work)
    assert marker.read_text() == str(os.getpid()), "one worker: inline"


def test_collect_thaws_a_frozen_context_and_frees_its_cycles():
    # The build collects once Pelican's run is over, so its last stages (the search index)
    # run beside what remains, not beside every release read.
    import gc
    import weakref

    class Node:
        pass

    executor = Executor(2)
    node = Node()
    node.me = node                  # a cycle: only the collector frees it
    gone = weakref.ref(node)
    executor.freeze()
    del node
    gc.collect()
    assert gone() is not None and gc.get_freeze_count() > 0, "frozen: kept"
    executor.collect()
    assert gone() is None and gc.get_freeze_count() == 0
    executor.close()

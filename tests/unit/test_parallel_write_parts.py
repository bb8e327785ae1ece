"""parallel_write's queue and fork rule, without a build."""
from __future__ import annotations

import threading

from parallel_write import QUEUE_ENTRIES, DeferredWriter, _Queue
from siaran.build import run_all


def test_the_queue_fits_a_one_page_pipe_and_hands_out_every_job_once():
    jobs = list(range(100_003))
    queue = _Queue(jobs)
    taken = []
    while (chunk := queue.take()) is not None:
        taken += chunk
    queue.close()
    assert taken == jobs
    assert -(-len(jobs) // queue.chunk) * 4 <= 4096 and QUEUE_ENTRIES * 4 <= 4096


def test_no_fork_while_another_thread_runs(tmp_path):
    writer = DeferredWriter(str(tmp_path), settings={"WRITE_WORKERS": 2, "BUILD_CLEANUP": []})
    writer.jobs = [((), {})] * 200
    release = threading.Event()
    busy = threading.Thread(target=release.wait)
    busy.start()
    try:
        writer.start()
        assert writer.children == [] and len(writer.jobs) == 200, "kept for finalized"
    finally:
        release.set()
        busy.join()


def test_every_cleanup_step_runs_and_the_first_failure_is_raised():
    ran = []

    def fail(name):
        ran.append(name)
        raise RuntimeError(name)
    try:
        run_all([lambda: fail("satu"), lambda: ran.append("dua"), lambda: fail("tiga")])
    except RuntimeError as error:
        assert str(error) == "satu"
    else:
        raise AssertionError("the failure was swallowed")
    assert ran == ["satu", "dua", "tiga"]

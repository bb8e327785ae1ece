"""The forked checker: a cut-short report, an early stop and a failed fork are all clear outcomes."""
from __future__ import annotations

import os
import time

import pytest

from siaran import checkjob
from siaran.checkjob import CheckJob


def _job_with_child(writes: bytes, linger: float = 0.0) -> CheckJob:
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reader)
        os.write(writer, writes)
        time.sleep(linger)
        os._exit(0)
    os.close(writer)
    job = CheckJob()
    job.pid, job.reader = pid, reader
    return job


def test_a_cut_short_report_is_a_crash_every_time_asked():
    job = _job_with_child(b"\x80\x04\x95 not a whole pickle")
    for _ in range(2):                   # the second ask must not touch a closed descriptor
        with pytest.raises(RuntimeError, match="without a whole report"):
            job.problems()


def test_close_ends_a_checker_nobody_waits_for():
    job = _job_with_child(b"", linger=30)
    pid = job.pid
    job.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)      # already reaped
    with pytest.raises(RuntimeError, match="stopped"):
        job.problems()


def test_a_failed_fork_checks_inline(monkeypatch, tmp_path):
    def no_fork():
        raise OSError("Resource temporarily unavailable")
    monkeypatch.setattr(os, "fork", no_fork)
    monkeypatch.setattr(checkjob, "check_site", lambda *_: type("Result", (), {"problems": ["satu"]})())
    job = CheckJob.start(tmp_path, {}, [])
    assert job.done and job.problems() == ["satu"]


def test_a_failed_fork_leaves_no_pipe_open(monkeypatch):
    from siaran.forking import fork_with_pipe

    def no_fork():
        raise OSError("tidak ada proses tersisa")
    monkeypatch.setattr(os, "fork", no_fork)
    before = set(os.listdir("/proc/self/fd"))
    with pytest.raises(OSError):
        fork_with_pipe()
    assert set(os.listdir("/proc/self/fd")) == before

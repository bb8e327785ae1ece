"""Forked children that report back through a pipe: the check pre-pass
(siaran.checkjob) and the page writers (plugins/parallel_write) both use these.

A fork copies the process as it is, so it is only safe while no other thread
runs: a thread may hold a lock the child would then wait on forever.
"""
from __future__ import annotations

import os
import threading


def can_fork() -> bool:
    return threading.active_count() == 1


def fork_with_pipe() -> tuple[int, int]:
    """(child pid, read end) in the parent; (0, write end) in the child. A
    failed fork closes both ends and raises its OSError."""
    reader, writer = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        raise
    if pid:
        os.close(writer)
        return pid, reader
    os.close(reader)
    return 0, writer

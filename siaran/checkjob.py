"""The check pre-pass beside Pelican: a forked process checks every file while
the build goes on reading them; no page is rendered until its verdict is in.

Checking 1,000 releases costs ~0.35 s and the memory of all their sources; on
the second core it costs the build neither. Where a fork is unsafe (another
thread is running, as under `serve`'s file watcher) or fails, the check runs
inline, first.
"""
from __future__ import annotations

import os
import pickle
import signal
import traceback
from pathlib import Path
from typing import Iterable

from siaran.forking import can_fork, fork_with_pipe
from siaran.problems import Problem
from siaran.validate import ExtraCheck, check_site


class CheckJob:
    def __init__(self) -> None:
        self._problems: list[Problem] | None = None
        self._crash: str | None = None
        self.pid, self.reader = 0, -1

    @property
    def done(self) -> bool:
        return self._problems is not None or self._crash is not None

    @classmethod
    def start(cls, project: Path, settings: dict, checks: Iterable[ExtraCheck]) -> CheckJob:
        job, checks = cls(), list(checks)
        if can_fork():
            try:
                pid, end = fork_with_pipe()
            except OSError:
                pass                    # checked inline below
            else:
                if pid:
                    job.pid, job.reader = pid, end
                    return job
                _check_and_report(end, project, settings, checks)   # never returns
        try:
            job._problems = check_site(project, settings, checks).problems
        except Exception:
            job._crash = traceback.format_exc()   # reported as the forked checker's would be
        return job

    def problems(self) -> list[Problem]:
        """Every problem found; waits for the checker the first time. A checker
        that crashed (a bug, not an editor's mistake) raises, every time asked."""
        if not self.done:
            self._collect()
        if self._crash is not None:
            raise RuntimeError(f"check: {self._crash}")
        return self._problems

    def _collect(self) -> None:
        reader, self.reader = self.reader, -1
        try:
            with os.fdopen(reader, "rb") as stream:
                report = stream.read()
            _, status = os.waitpid(self.pid, 0)
            kind, value = pickle.loads(report)
        except Exception as error:     # cut short: killed, out of memory, not reaped
            self._crash = f"the checker ended without a whole report ({error!r})"
            return
        finally:
            self.pid = 0
        if kind == "crash":
            self._crash = value
        else:
            self._problems = value

    def close(self) -> None:
        """End a checker nobody waited for (the build stopped early)."""
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            os.close(self.reader)
            self.pid, self.reader = 0, -1
            self._crash = "stopped"


def _check_and_report(writer: int, project: Path, settings: dict, checks: list) -> None:
    code = 0
    try:
        report = pickle.dumps(("problems", check_site(project, settings, checks).problems))
    except BaseException:
        report, code = pickle.dumps(("crash", traceback.format_exc())), 1
    try:
        with os.fdopen(writer, "wb") as stream:
            stream.write(report)
    finally:
        os._exit(code)

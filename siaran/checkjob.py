"""The check pre-pass beside Pelican: a forked process checks every file while
the build goes on reading them; nothing is rendered until its verdict is in.

Checking 1,000 releases costs ~0.35 s and the memory of all their sources; on
the second core it costs the build neither. Where a fork is unsafe (another
thread is running, as under `serve`'s file watcher) the check runs inline, first.
"""
from __future__ import annotations

import os
import pickle
import threading
import traceback
from pathlib import Path
from typing import Iterable

from siaran.problems import Problem
from siaran.validate import ExtraCheck, check_site


class CheckJob:
    def __init__(self, problems: list[Problem] | None = None, pid: int = 0, reader: int = -1) -> None:
        self._problems, self.pid, self.reader = problems, pid, reader
        self._crash: str | None = None

    @classmethod
    def start(cls, project: Path, settings: dict, checks: Iterable[ExtraCheck]) -> CheckJob:
        checks = list(checks)
        if threading.active_count() > 1:
            job = cls()
            try:
                job._problems = check_site(project, settings, checks).problems
            except Exception:
                job._crash = traceback.format_exc()   # reported as the forked checker's would be
            return job
        reader, writer = os.pipe()
        pid = os.fork()
        if pid:
            os.close(writer)
            return cls(pid=pid, reader=reader)
        os.close(reader)  # in the checker from here on; it never returns to the caller
        code = 0
        try:
            verdict = ("problems", check_site(project, settings, checks).problems)
        except BaseException:
            verdict, code = ("crash", traceback.format_exc()), 1
        try:
            with os.fdopen(writer, "wb") as stream:
                pickle.dump(verdict, stream)
        finally:
            os._exit(code)

    def problems(self) -> list[Problem]:
        """Every problem found; waits for the checker the first time. A checker
        that crashed (a bug, not an editor's mistake) raises, every time asked."""
        if self._problems is None and self._crash is None:
            with os.fdopen(self.reader, "rb") as stream:
                report = stream.read()
            os.waitpid(self.pid, 0)
            kind, value = pickle.loads(report) if report else ("crash", "the checker ended without a report")
            if kind == "crash":
                self._crash = value
            else:
                self._problems = value
        if self._crash is not None:
            raise RuntimeError(f"check: {self._crash}")
        return self._problems

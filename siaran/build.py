"""The build command as a pipeline: settings → check → render into staging → mark → swap.

Nothing in output/ changes unless every stage succeeded: Pelican writes into a
sibling staging folder, which replaces output/ only at the very end. The check
runs in a forked process while Pelican reads the content (siaran.checkjob);
its verdict is awaited before any page is rendered. The marker
(siaran.marker, `_siaran/build.json`) records what the build was made for,
so deploy can refuse a development build.
"""
from __future__ import annotations

import hashlib
import importlib
import json
import logging
import os
import shutil
import sys
import time
import weakref
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Callable

from siaran import boundary, schedule
from siaran.checkjob import CheckJob
from siaran.marker import MARKER_PATH, marker_for
from siaran.messages import MSG
from siaran.output import OutputStore, write_output
from siaran.problems import Problem, errors, warnings
from siaran.validate import CheckResult, check_site


@dataclass
class BuildSummary:
    ok: bool
    problems: list[Problem] = field(default_factory=list)
    files_written: int = 0
    pages_written: int = 0
    seconds: float = 0.0
    output: Path | None = None
    log_errors: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        if not self.ok:
            count = len(errors(self.problems)) or len(self.log_errors)
            return MSG["build_refused"].format(errors=count)
        return MSG["build_done"].format(pages=self.pages_written, seconds=self.seconds, output=self.output)


class CountingHandler(logging.Handler):
    """Remembers every record at WARNING or above, for strict builds and reports."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def messages(self, level: int) -> list[str]:
        return [f"{r.name}: {r.getMessage()}" for r in self.records if r.levelno >= level]


def load_settings(settings_file: Path, overrides: dict | None = None) -> dict:
    from pelican.settings import read_settings
    return read_settings(str(settings_file), override=overrides or {})


def plugin_checks(settings: dict) -> list:
    """Each plugin may ship checks.py with check(items, ctx) -> problems."""
    for path in settings.get("PLUGIN_PATHS", []):
        if path not in sys.path:
            sys.path.insert(0, path)
    found = []
    for name in settings.get("PLUGINS", []):
        try:
            module = importlib.import_module(f"{name}.checks")
        except ModuleNotFoundError as error:
            if error.name != f"{name}.checks":
                raise
            continue
        found.append(module.check)
    return found


def check(settings_file: Path = Path("pelicanconf.py"), now: datetime | str | None = None) -> CheckResult:
    settings = load_settings(settings_file, schedule.overrides(now))
    return check_site(settings_file.resolve().parent, settings, plugin_checks(settings))


def _receivers() -> dict:
    from blinker import Signal
    from pelican.plugins import signals
    return {signal: set(signal.receivers) for signal in vars(signals).values() if isinstance(signal, Signal)}


def _disconnect_new(before: dict) -> None:
    """Pelican's signals are process-wide: a build's plugins must not stay
    connected into the next build in the same process (tests, serve)."""
    for signal, known in before.items():
        for key in set(signal.receivers) - known:
            receiver = signal.receivers[key]
            receiver = receiver() if isinstance(receiver, weakref.ref) else receiver
            if receiver is not None:
                signal.disconnect(receiver)


def reader_cache_path(settings: dict, project: Path) -> str:
    """Pelican's content cache does not notice settings changes (new Markdown
    extensions, another timezone), so the folder is named by a digest of the
    settings and the library versions: a change starts from an empty cache."""
    from importlib.metadata import version
    volatile = {"OUTPUT_PATH", "CACHE_PATH", "DELETE_OUTPUT_DIRECTORY", "BUILD_CLEANUP", "OUTPUT_STORE",
                schedule.NOW, schedule.PREVIEW}    # *now* decides what is published, not how it reads
    stable = {key: value for key, value in settings.items() if key not in volatile}
    text = json.dumps(stable, sort_keys=True, default=repr) + version("pelican") + version("markdown")
    # Cached bodies are already sanitised (plugins/sanitize): the cleaning code is an input too.
    from siaran import markup, sanitize
    code = b"".join(Path(module.__file__).read_bytes() for module in (markup, sanitize))
    text += version("nh3") + hashlib.sha256(code).hexdigest()
    folder = project / ".cache" / "pelican" / hashlib.sha256(text.encode()).hexdigest()[:16]
    for stale in folder.parent.glob("*"):  # caches of earlier settings are never read again
        if stale != folder:
            shutil.rmtree(stale, ignore_errors=True)
    return str(folder)


@dataclass
class Rendered:
    counter: CountingHandler
    drafts: int = 0
    """Draft releases and pages Pelican writes (those with a save_as), for the build marker."""


def drafts_written(generators) -> int:
    """Drafts Pelican writes: each with a save_as (publishconf.py empties DRAFT_SAVE_AS)."""
    kinds = ("drafts", "drafts_translations", "draft_pages", "draft_translations")
    return sum(1 for generator in generators for kind in kinds
               for draft in getattr(generator, kind, ()) if getattr(draft, "save_as", ""))


def render(settings: dict, staging: Path, store: OutputStore | None = None,
           gate: Callable[[], bool] | None = None) -> Rendered:
    """Pelican's run into `staging`. `gate`, asked once every generator has read
    its content and before any page is written, stops the run by returning True."""
    from pelican import Pelican
    from pelican.plugins import signals
    if staging.exists():
        shutil.rmtree(staging)
    rendered = Rendered(CountingHandler())
    root = logging.getLogger()
    root.addHandler(rendered.counter)
    before = _receivers()

    def read_all(generators) -> None:
        rendered.drafts = drafts_written(generators)
        if gate is not None and gate():
            raise ChecksRefused()
    signals.all_generators_finalized.connect(read_all, weak=False)
    # Plugins append callables here (Pelican's context is a shallow copy of the
    # settings, so they share this list); they run however the build ends.
    cleanup: list = []
    try:
        Pelican({**settings, "OUTPUT_PATH": str(staging), "DELETE_OUTPUT_DIRECTORY": False,
                 "CACHE_PATH": reader_cache_path(settings, Path(settings["PATH"]).parent),
                 "BUILD_CLEANUP": cleanup, "OUTPUT_STORE": store}).run()
    finally:
        try:
            run_all(cleanup)
        finally:
            _disconnect_new(before)
            root.removeHandler(rendered.counter)
    return rendered


def run_all(steps: list) -> None:
    """Every cleanup step runs even if one fails; the first failure is raised after."""
    failure = None
    for step in steps:
        try:
            step()
        except Exception as error:      # noqa: BLE001 - re-raised below, once all have run
            failure = failure or error
    if failure is not None:
        raise failure


def swap(staging: Path, output: Path) -> None:
    """Replace output/ by staging/ with two renames; the old tree is removed last."""
    previous = output.with_name(output.name + ".previous")
    if previous.exists():
        shutil.rmtree(previous)
    if output.exists():
        output.rename(previous)
    staging.rename(output)
    if previous.exists():
        shutil.rmtree(previous)


def count_files(folder: Path) -> tuple[int, int]:
    """(files, HTML pages) under `folder`, counted by name: no Path per file."""
    files = pages = 0
    for _, _, names in os.walk(folder):
        files += len(names)
        pages += sum(1 for name in names if name.endswith(".html"))
    return files, pages


class ChecksRefused(Exception):
    """Raised inside Pelican's run when the checker's verdict is a refusal."""


def refused(problems: list[Problem], strict: bool) -> bool:
    return bool(errors(problems)) or (strict and bool(warnings(problems)))


def build_site(settings_file: Path | str = "pelicanconf.py", output: Path | str = "output",
               overrides: dict | None = None, strict: bool = False,
               now: datetime | str | None = None, preview: bool = False) -> BuildSummary:
    """`now` ("YYYY-MM-DD HH:MM" WIB, or a datetime; default the clock, read once here)
    decides what is public; `preview` also writes drafts and scheduled releases, with banners."""
    started = time.perf_counter()
    settings_file, output = Path(settings_file).resolve(), Path(output).resolve()
    settings = load_settings(settings_file, {**schedule.overrides(now, preview), **(overrides or {})})
    if preview and not settings.get("DRAFT_SAVE_AS"):
        raise ValueError(MSG["preview_public"].format(settings=settings_file.name))
    # Before Pelican runs: plugins may change the lists in its (shallow) copy of the settings.
    marker = marker_for(settings, settings_file, drafts=0)
    staging = output.with_name(output.name + ".staging")
    store = OutputStore(Path(settings["PATH"]).parent / ".cache" / "output")
    if boundary.symlinks(Path(settings["PATH"]).resolve()):
        # Pelican follows symlinks while it reads (a link to / would read the whole
        # disk), so content with one is refused before Pelican starts.
        result = check_site(settings_file.parent, settings, plugin_checks(settings))
        return BuildSummary(False, result.problems, seconds=time.perf_counter() - started)
    checking = CheckJob.start(settings_file.parent, settings, plugin_checks(settings))
    rendered = None
    try:
        if not (checking.done and refused(checking.problems(), strict)):
            rendered = render(settings, staging, store, gate=lambda: refused(checking.problems(), strict))
    except Exception:
        if not refused(checking.problems(), strict):
            raise
        # Pelican met content the checks refuse; their report says why.
        logging.getLogger(__name__).debug("render stopped on refused content", exc_info=True)
    except BaseException:
        checking.close()        # interrupted: nobody will wait for the checker
        raise
    problems = checking.problems()
    if rendered is None or refused(problems, strict):
        shutil.rmtree(staging, ignore_errors=True)
        return BuildSummary(False, problems, seconds=time.perf_counter() - started)
    failing = rendered.counter.messages(logging.WARNING if strict else logging.ERROR)
    if failing:
        shutil.rmtree(staging, ignore_errors=True)
        return BuildSummary(False, problems, log_errors=failing, seconds=time.perf_counter() - started)
    write_output(staging, MARKER_PATH, replace(marker, drafts=rendered.drafts).to_bytes(), store)
    swap(staging, output)
    store.prune()   # bodies only the replaced output linked to
    files, pages = count_files(output)
    return BuildSummary(True, problems, files, pages, time.perf_counter() - started, output)

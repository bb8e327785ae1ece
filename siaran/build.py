"""The build command as a pipeline: settings → check → render into staging → mark → swap.

Nothing in output/ changes unless every stage succeeded: Pelican writes into a
sibling staging folder, which replaces output/ only at the very end. The check
runs as a task of the build's executor (siaran.executor: a forked process when
the build has more than one worker) while Pelican reads the content; its verdict
is asked before any page is rendered when it is ready by then, else before the
build waits for the pages being rendered beside it (staging is discarded on a
refusal either way). The marker (siaran.marker,
`_siaran/build.json`) records what the build was made for, so deploy can
refuse a development build.
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
from functools import partial
from dataclasses import astuple, dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Callable

from siaran import boundary, schedule
from siaran.checkcache import cache_path as check_cache_path, settings_for_reading
from siaran.contracts import SERVICES_KEY, BuildServices, StageRefused
from siaran.depmap import Inputs, RenderPlan, SiteState, digest_inputs, input_paths, setup_folder
from siaran.executor import Executor, Task, TaskFailed
from siaran.marker import MARKER_PATH, marker_for
from siaran.messages import MSG
from siaran.output import OutputStore, write_output
from siaran.problems import Problem, errors, warnings
from siaran.validate import CheckResult, PluginChecks, check_site


@dataclass
class BuildSummary:
    ok: bool
    problems: list[Problem] = field(default_factory=list)
    files_written: int = 0
    pages_written: int = 0
    seconds: float = 0.0
    output: Path | None = None
    log_errors: list[str] = field(default_factory=list)
    rendered: int | None = None
    """Page jobs rendered (None: not counted); a no-change build renders 0."""
    kept: int = 0
    """Page jobs whose key was unchanged, linked from the last build instead."""
    reports: dict = field(default_factory=dict)
    """What the build's stages reported (BuildServices.reports): `search` is the
    siaran.search.SearchIndex; a no-change build, which runs no stage, has none."""

    def __str__(self) -> str:
        if not self.ok:
            count = len(errors(self.problems)) or len(self.log_errors)
            return MSG["build_refused"].format(errors=count)
        done = MSG["build_done"].format(pages=self.pages_written, seconds=self.seconds, output=self.output)
        if self.rendered is None:
            return done
        return done + " " + MSG["build_incremental"].format(rendered=self.rendered, kept=self.kept)


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


def plugin_checks(settings: dict) -> list[PluginChecks]:
    """Each plugin may ship checks.py with check_file(item, ctx) -> problems (one release
    or page alone, kept per file by the check cache) and check(items, ctx) -> problems
    (over every item, on every check)."""
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
        found.append(PluginChecks(name, getattr(module, "check_file", None), getattr(module, "check", None)))
    return found


def check(settings_file: Path = Path("pelicanconf.py"), now: datetime | str | None = None) -> CheckResult:
    """`invoke check`: files unchanged since the last check or build are not checked again."""
    settings = load_settings(settings_file, schedule.overrides(now))
    project = settings_file.resolve().parent
    return check_site(project, settings, plugin_checks(settings), cache=check_cache_path(project))


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
    text = json.dumps(settings_for_reading(settings), sort_keys=True, default=repr) + version("pelican") \
        + version("markdown")
    # Cached bodies are already sanitised (plugins/sanitize): the cleaning code is an input too.
    from siaran import markup, sanitize
    code = b"".join(Path(module.__file__).read_bytes() for module in (markup, sanitize))
    text += version("nh3") + hashlib.sha256(code).hexdigest()
    text += "entries per file (plugins/reader_cache)"     # not Pelican's one pickle of every file
    return str(setup_folder(project / ".cache" / "pelican", hashlib.sha256(text.encode()).hexdigest()[:16]))


def template_cache_path(project: Path, setup: str) -> str:
    """Where compiled templates (Jinja bytecode) are kept between builds. Compiling the
    theme costs each rendering process about a second; Jinja keys each entry by the
    template's name and source, and the folder is named by what else compiling reads
    (the settings, the code that prepares the environment, the library versions)."""
    return str(setup_folder(project / ".cache" / "templates", setup[:16]))


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


def render(settings: dict, staging: Path, build: BuildServices,
           gate: Callable[[], bool] | None = None, templates: str | None = None,
           ready: Callable[[], bool] = lambda: True) -> Rendered:
    """Pelican's run into `staging`, with `build` handed to every plugin. `gate` stops
    the run by returning True; it is asked once every generator has read its content,
    before any page is written, when `ready()` says it answers without waiting (or the
    build has one worker). Otherwise the workers and output stages start meanwhile, and
    it is asked through `build.verdict` before the writer waits for them; a refusal
    then drops their queued pages, and staging is discarded either way. `templates` is a
    folder for compiled templates (template_cache_path), shared by every generator's
    environment and process."""
    from jinja2 import FileSystemBytecodeCache
    from pelican import Pelican
    from pelican.plugins import signals
    if staging.exists():
        shutil.rmtree(staging)
    rendered = Rendered(CountingHandler())
    root = logging.getLogger()
    root.addHandler(rendered.counter)
    before = _receivers()

    asked = False

    def ask() -> None:
        nonlocal asked
        asked = True
        if gate():
            raise ChecksRefused()

    def read_all(generators) -> None:
        rendered.drafts = drafts_written(generators)
        if gate is not None and (ready() or not build.executor.parallel):
            ask()

    def verdict(sender=None) -> None:
        if gate is not None and not asked:
            ask()
    build.verdict = verdict             # the writer asks before it waits for its tasks
    signals.all_generators_finalized.connect(read_all, weak=False)
    signals.finalized.connect(verdict, weak=False)    # a writer of Pelican's own does not ask
    if templates is not None:
        compiled = FileSystemBytecodeCache(templates)

        def use_compiled(generator) -> None:
            generator.env.bytecode_cache = compiled
        signals.generator_init.connect(use_compiled, weak=False)
    try:
        Pelican({**settings, "OUTPUT_PATH": str(staging), "DELETE_OUTPUT_DIRECTORY": False,
                 "CACHE_PATH": reader_cache_path(settings, Path(settings["PATH"]).parent),
                 SERVICES_KEY: build}).run()
    finally:
        try:
            # Plugins' steps collect their tasks; the build closes the executor itself.
            run_all(build.cleanup)
            build.cleanup.clear()
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


def swap(staging: Path, output: Path, executor: Executor | None = None) -> None:
    """Replace output/ by staging/ with two renames. The old tree is removed last, by a
    detached process when the executor is parallel (removing 10,000 pages costs seconds
    and nobody needs to wait for it)."""
    for stale in output.parent.glob(output.name + ".previous*"):   # left by an interrupted removal
        shutil.rmtree(stale, ignore_errors=True)
    previous = output.with_name(f"{output.name}.previous-{os.getpid()}")
    if output.exists():
        output.rename(previous)
    staging.rename(output)
    if previous.exists():
        remove = partial(shutil.rmtree, previous, ignore_errors=True)
        (executor or Executor(1)).detach(remove)


def count_files(folder: Path) -> tuple[int, int]:
    """(files, HTML pages) under `folder`, counted by name: no Path per file."""
    files = pages = 0
    for _, _, names in os.walk(folder):
        files += len(names)
        pages += sum(1 for name in names if name.endswith(".html"))
    return files, pages


def start_check(executor: Executor, project: Path, settings: dict, inputs: Inputs | None = None) -> Task:
    """The check pre-pass as a task beside Pelican's reading (checking 1,000 releases
    costs ~0.35 s and the memory of all their sources; on the second core it costs
    the build neither). With one worker it runs inline, first. Only files changed
    since the last check are checked again (siaran.checkcache), by the digests the
    build already made of every content file (`inputs`)."""
    checks = plugin_checks(settings)
    def run() -> tuple[list[Problem], schedule.Timeline]:
        result = check_site(project, settings, checks, cache=check_cache_path(project),
                            digests=inputs.content if inputs is not None else None)
        return result.problems, result.timeline
    return executor.start(run)


def problems_of(checking: Task) -> list[Problem]:
    """The checker's verdict; a checker that crashed (a bug, not an editor's
    mistake) raises, every time asked."""
    try:
        return checking.result()[0]
    except TaskFailed as error:
        raise RuntimeError(f"check: {error}") from None


def timeline_of(checking: Task) -> schedule.Timeline:
    """When what *now* decides can change, from the checker's reading of every date."""
    return checking.result()[1]


class ChecksRefused(Exception):
    """Raised inside Pelican's run when the checker's verdict is a refusal."""


def refused(problems: list[Problem], strict: bool) -> bool:
    return bool(errors(problems)) or (strict and bool(warnings(problems)))


def state_path(settings_file: Path) -> Path:
    return settings_file.parent / ".cache" / "engine" / "state.json"


def build_site(settings_file: Path | str = "pelicanconf.py", output: Path | str = "output",
               overrides: dict | None = None, strict: bool = False, full: bool = False,
               state: SiteState | None = None, now: datetime | str | None = None,
               preview: bool = False) -> BuildSummary:
    """Check, render what changed into staging, swap. `full` ignores the last build's
    state (a clean build); `state`, when given, is used instead of the one on disk
    (serve keeps it in memory between edits) and is updated in place. `now`
    ("YYYY-MM-DD HH:MM" WIB, or a datetime; default the clock, read once here)
    decides what is public; `preview` also writes drafts and scheduled releases, with banners."""
    started = time.perf_counter()
    settings_file, output = Path(settings_file).resolve(), Path(output).resolve()
    staging = output.with_name(output.name + ".staging")
    overrides = {**schedule.overrides(now, preview), **(overrides or {})}
    moment = overrides[schedule.NOW]
    previous = None if full else (state if state is not None and state.total else SiteState.load(state_path(settings_file)))
    if previous is not None and previous.paths:
        # Answered before Pelican is even imported: the last build's paths, today's bytes,
        # and whether this build's *now* decides what the last one's did.
        inputs = digest_inputs(settings_file, overrides, previous.paths)
        if unchanged(previous, inputs, output) and same_decisions(previous, moment):
            problems = [Problem(*fields) for fields in previous.problems]
            if not refused(problems, strict):
                return BuildSummary(True, problems, previous.files, previous.pages, time.perf_counter() - started,
                                    output, rendered=0, kept=len(previous.outputs))
    settings = load_settings(settings_file, overrides)
    if preview and not settings.get("DRAFT_SAVE_AS"):
        raise ValueError(MSG["preview_public"].format(settings=settings_file.name))
    # Before Pelican runs: plugins may change the lists in its (shallow) copy of the settings.
    marker = marker_for(settings, settings_file, drafts=0)
    if previous is None or input_paths(settings) != previous.paths:
        inputs = digest_inputs(settings_file, overrides, input_paths(settings))
    store = OutputStore(Path(settings["PATH"]).parent / ".cache" / "output")
    if boundary.symlinks(Path(settings["PATH"]).resolve()):
        # Pelican follows symlinks while it reads (a link to / would read the whole
        # disk), so content with one is refused before Pelican starts.
        result = check_site(settings_file.parent, settings, plugin_checks(settings))
        return BuildSummary(False, result.problems, seconds=time.perf_counter() - started)
    executor = Executor.from_settings(settings)
    plan = RenderPlan(inputs, previous, store.folder if store.linkable else None, str(staging))
    build = BuildServices(executor, store, plan=plan)
    checking = start_check(executor, settings_file.parent, settings, inputs)
    try:
        summary = _checked_build(settings, staging, output, build, checking, strict, started, marker)
    finally:
        executor.close()        # tasks nobody waited for (an interrupted build) end here
    if summary.ok:
        timeline = timeline_of(checking)
        done = SiteState(inputs.total, str(output), summary.files_written, summary.pages_written,
                         [list(astuple(p)) for p in summary.problems], plan.outputs, inputs.paths,
                         moment.isoformat(), [list(timeline.due), list(timeline.dated)])
        done.save(state_path(settings_file))
        if state is not None:
            state.__dict__.update(done.__dict__)
        summary.rendered, summary.kept = plan.rendered, plan.kept
    return summary


def run_staging_hooks(build: BuildServices, staging: Path) -> list[str]:
    """Plugins' steps over the finished staging tree (a search index, say), before the
    swap; a step that raises refuses the build, named in its log line."""
    for hook in build.staging_hooks:
        try:
            hook(str(staging))
        except StageRefused as error:
            return [str(error)]
        except Exception as error:      # noqa: BLE001 - reported as the build's failure
            logging.getLogger(__name__).debug("staging hook failed", exc_info=True)
            return [f"{getattr(hook, '__qualname__', hook)}: {error!r}"]
    return []


def same_decisions(previous: SiteState, now: datetime) -> bool:
    """`now` publishes and warns about exactly what the last build's *now* did: no
    release or register item fell due (or far ahead) between the two moments. A
    release whose hour has come is so a change, though no file changed."""
    if not previous.now:
        return False
    timeline = schedule.Timeline(*(tuple(dates) for dates in previous.timeline))
    return timeline.decisions(now) == timeline.decisions(datetime.fromisoformat(previous.now))


def unchanged(previous: SiteState, inputs: Inputs, output: Path) -> bool:
    """Nothing read differs from the last successful build, and output/ still holds
    what it left (counted by name: a deleted file or folder is a rebuild)."""
    return (previous.total == inputs.total and previous.output == str(output) and output.is_dir()
            and count_files(output) == (previous.files, previous.pages))


def _checked_build(settings: dict, staging: Path, output: Path, build: BuildServices, checking: Task,
                   strict: bool, started: float, marker) -> BuildSummary:
    store = build.store
    rendered = None
    try:
        if not (checking.done and refused(problems_of(checking), strict)):
            templates = template_cache_path(Path(settings["PATH"]).parent, build.plan.inputs.setup)
            # The checker's verdict is asked before anything is rendered if it is ready
            # by then; else rendering starts beside it (the checker is the longest task
            # of an edit) and the verdict is asked before the build waits for its tasks.
            rendered = render(settings, staging, build, gate=lambda: refused(problems_of(checking), strict),
                              templates=templates, ready=lambda: checking.finished)
    except Exception:
        if not refused(problems_of(checking), strict):
            raise
        # Pelican met content the checks refuse; their report says why.
        logging.getLogger(__name__).debug("render stopped on refused content", exc_info=True)
    problems = problems_of(checking)
    build.executor.collect()        # Pelican's run is over: its releases and context can go
    if rendered is None or refused(problems, strict):
        shutil.rmtree(staging, ignore_errors=True)
        return BuildSummary(False, problems, seconds=time.perf_counter() - started)
    failing = (rendered.counter.messages(logging.WARNING if strict else logging.ERROR)
               or run_staging_hooks(build, staging))
    if failing:
        shutil.rmtree(staging, ignore_errors=True)
        return BuildSummary(False, problems, log_errors=failing, seconds=time.perf_counter() - started)
    write_output(staging, MARKER_PATH, replace(marker, drafts=rendered.drafts).to_bytes(), store)
    swap(staging, output, build.executor)
    store.prune()   # bodies only the replaced output linked to
    files, pages = count_files(output)
    return BuildSummary(True, problems, files, pages, time.perf_counter() - started, output,
                        reports=dict(build.reports))

"""bench-build: our full build against plain Pelican on the same generated corpus.

Each build runs in its own child process, so its peak RSS (from wait4) is its
own; wall time is the median of several runs. Plain Pelican uses its default
theme with its default feeds on, as a fresh `pelican-quickstart` site would;
a second peer is the same with Pelican's reader cache on, as ours is.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from siaran.corpus import write_corpus

ROOT = Path(__file__).resolve().parent.parent

PLAIN_SETTINGS = '''
PATH = "content"
ARTICLE_PATHS = ["berita"]
PAGE_PATHS = ["halaman"]
STATIC_PATHS = ["gambar"]
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "id"
SITEURL = "http://127.0.0.1:8000"
SITENAME = "Plain Pelican"
READERS = {"rst": None}
'''

PLAIN_CACHED_SETTINGS = PLAIN_SETTINGS + '''
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache-plain"
'''
"""A stronger peer: plain Pelican with its own reader cache, as ours uses."""


@dataclass
class Measured:
    name: str
    seconds: list[float]
    peak_mib: float
    pages: int
    cold: float | None = None      # first build with every cache emptied
    ours: bool = False             # a variant of our build (no ratio row), not a peer

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def prepare(n: int, workdir: Path) -> Path:
    """A project folder with the corpus, our settings and a plain-Pelican settings file."""
    project = workdir / f"corpus-{n}"
    if not (project / "content" / ".complete").exists():
        shutil.rmtree(project, ignore_errors=True)
        write_corpus(n, project / "content")
        (project / "content" / ".complete").write_text("ok")
    for name in ("pelicanconf.py", "publishconf.py"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, project / name)
    for name in ("theme", "plugins"):
        if not (project / name).exists():
            (project / name).symlink_to(ROOT / name)
    (project / "plainconf.py").write_text(PLAIN_SETTINGS)
    (project / "plaincached.py").write_text(PLAIN_CACHED_SETTINGS)
    return project


def run_measured(command: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one child process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {process.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def count_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def measure(builds: list[tuple[str, list[str], Path]], project: Path, runs: int, ours: int = 1) -> list[Measured]:
    """Runs the builds in turn, `runs` rounds, so drift in the machine's speed
    hits every build alike; the first `ours` builds (variants of our build) each
    get one cold run first, with .cache/ emptied before it, then a warm one."""
    colds: dict[str, float] = {}
    for name, command, output in builds[:ours]:
        shutil.rmtree(project / ".cache", ignore_errors=True)
        shutil.rmtree(output, ignore_errors=True)
        colds[name], _ = run_measured(command, project)
    run(builds[0][1], project)      # the caches the rounds start from are the first build's
    seconds: dict[str, list[float]] = {name: [] for name, _, _ in builds}
    peaks: dict[str, list[float]] = {name: [] for name, _, _ in builds}
    for _ in range(runs):
        for name, command, output in builds:
            shutil.rmtree(output, ignore_errors=True)
            elapsed, peak = run_measured(command, project)
            seconds[name].append(elapsed)
            peaks[name].append(peak)
    return [Measured(name, seconds[name], max(peaks[name]), count_pages(output), colds.get(name), index < ours)
            for index, (name, _, output) in enumerate(builds)]


def ours(output: str, overrides: dict | None = None) -> list[str]:
    return [sys.executable, "-c",
            "from siaran.build import build_site; import sys; "
            f"s = build_site('pelicanconf.py', {output!r}, overrides={overrides!r}); sys.exit(0 if s.ok else 1)"]


def bench_build(n: int, runs: int = 3, workdir: Path = ROOT / "bench") -> list[Measured]:
    project = prepare(n, workdir)
    plain = [sys.executable, "-m", "pelican", "content", "-o", "out-plain", "-s", "plainconf.py", "-q"]
    cached = [sys.executable, "-m", "pelican", "content", "-o", "out-plain-cached", "-s", "plaincached.py", "-q"]
    run(cached, project)   # its reader cache filled before the measured rounds
    return measure([("Siaran (all features)", ours("out-siaran"), project / "out-siaran"),
                    ("Siaran, photo renditions off", ours("out-siaran-plain-photos", {"PHOTO_RENDITIONS": False}),
                     project / "out-siaran-plain-photos"),
                    ("Plain Pelican (notmyidea, feeds on)", plain, project / "out-plain"),
                    ("Plain Pelican + its reader cache", cached, project / "out-plain-cached")], project, runs,
                   ours=2)


def checkout(rev: str, workdir: Path) -> Path:
    """The project's code at git revision `rev`, in a worktree of its own (made once)."""
    sha = subprocess.run(["git", "rev-parse", "--short=12", rev], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.strip()
    tree = workdir / f"rev-{sha}"
    if not (tree / "siaran").exists():
        shutil.rmtree(tree, ignore_errors=True)
        subprocess.run(["git", "worktree", "add", "--detach", "-f", str(tree), sha], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return tree


def project_for(code: Path, corpus: Path, target: Path) -> Path:
    """A project whose settings, theme and plugins are `code`'s, over a copy of `corpus`."""
    if not (target / "content").exists():
        shutil.copytree(corpus / "content", target / "content", symlinks=True)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(code / name, target / name)
    for name in ("theme", "plugins"):
        if (target / name).is_symlink():
            (target / name).unlink()
        (target / name).symlink_to(code / name)
    return target


def bench_against(n: int, rev: str, runs: int = 5, workdir: Path = ROOT / "bench") -> list[Measured]:
    """Our warm build now against the same build at git revision `rev`, on one corpus,
    alternating run by run: did a change make the build slower? Both run in this
    environment, each importing its own `siaran` (PYTHONPATH first)."""
    corpus = prepare(n, workdir)
    old = checkout(rev, workdir)
    builds = []
    for name, code in ((f"Siaran now ({ROOT.name})", ROOT), (f"Siaran at {rev}", old)):
        project = project_for(code, corpus, workdir / f"against-{n}-{code.name}")
        command = ["env", f"PYTHONPATH={code}", sys.executable, "-c",
                   "from siaran.build import build_site; import sys; "
                   "s = build_site('pelicanconf.py', 'out'); sys.exit(0 if s.ok else 1)"]
        run_measured(command, project)      # caches warm before the measured rounds
        builds.append((name, command, project))
    seconds: dict[str, list[float]] = {name: [] for name, _, _ in builds}
    peaks: dict[str, list[float]] = {name: [] for name, _, _ in builds}
    for _ in range(runs):
        for name, command, project in builds:
            shutil.rmtree(project / "out", ignore_errors=True)
            elapsed, peak = run_measured(command, project)
            seconds[name].append(elapsed)
            peaks[name].append(peak)
    return [Measured(name, seconds[name], max(peaks[name]), count_pages(project / "out"))
            for name, _, project in builds]


def against_table(n: int, results: list[Measured]) -> str:
    now, then = results
    lines = [f"N = {n} releases; warm builds, wall = median of {len(now.seconds)} alternating runs",
             "| build | wall s (median) | runs | peak RSS MiB | pages written |", "|---|---:|---|---:|---:|"]
    for m in results:
        lines.append(f"| {m.name} | {m.median:.2f} | {', '.join(f'{s:.2f}' for s in m.seconds)} "
                     f"| {m.peak_mib:.0f} | {m.pages} |")
    lines.append(f"| ratio now / then | {now.median / then.median:.3f}× | | {now.peak_mib / then.peak_mib:.2f}× | |")
    return "\n".join(lines)


def run(command: list[str], cwd: Path) -> None:
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def table(n: int, results: list[Measured]) -> str:
    """Our build first, then its variants and peers; one ratio row against each peer."""
    ours, peers = results[0], [m for m in results[1:] if not m.ours]
    lines = [f"N = {n} releases; wall = median of {len(ours.seconds)} alternating runs (Siaran: caches warm, "
             "as on every rebuild; cold = first build with .cache/ emptied)",
             "| build | cold s | wall s (median) | runs | peak RSS MiB | pages written |",
             "|---|---:|---:|---|---:|---:|"]
    for m in results:
        cold = f"{m.cold:.2f}" if m.cold is not None else "–"
        lines.append(f"| {m.name} | {cold} | {m.median:.2f} | {', '.join(f'{s:.2f}' for s in m.seconds)} "
                     f"| {m.peak_mib:.0f} | {m.pages} |")
    for peer in peers:
        lines.append(f"| ratio Siaran / {peer.name} | {ours.cold / peer.median:.2f}× | {ours.median / peer.median:.2f}× | | "
                     f"{ours.peak_mib / peer.peak_mib:.2f}× | {ours.pages / max(peer.pages, 1):.2f}× |")
    return "\n".join(lines)

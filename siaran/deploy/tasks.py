"""invoke tasks: `deploy`, `publish`, `bench-deploy`.  Thin: parse options, call the pipeline,
turn DeployError into a one-line `Exit`.  Option defaults come from DeployConfig."""
from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

from invoke import task
from invoke.exceptions import Exit

from .config import DeployConfig
from .messages import DeployError, message

DEFAULTS = DeployConfig()

_HELP = {
    "target": "s3://BUCKET[/PREFIX]; bawaan: variabel DEPLOY_TARGET",
    "output": "folder hasil build yang di-deploy (bawaan: output)",
    "dry_run": "tampilkan rencana (satu baris per aksi dengan alasannya), tanpa mengubah apa pun",
    "max_deletes": f"batalkan bila lebih dari N objek akan dihapus (bawaan: {DEFAULTS.max_deletes})",
    "force": "unggah ulang semua objek",
    "report": "tulis ringkasan JSON ke FILE",
    "workers": f"unggahan paralel (bawaan: {DEFAULTS.workers})",
    "settings": "file setelan Pelican untuk hook setelah deploy (WEBSUB_HUB + SITEURL, "
                "DEPLOY_CLOUDFRONT_DISTRIBUTION); bawaan deploy: tanpa hook, publish: publishconf.py",
}


def run_deploy(
    output: str, target: str, dry_run: bool, max_deletes: int, force: bool, report: str, workers: int,
    settings: str = "",
) -> None:
    """Shared by `deploy` and `publish`; prints the summary line, exits non-zero on DeployError."""
    from .pipeline import deploy as deploy_pipeline
    from .target import parse_target

    try:
        url = target or os.environ.get("DEPLOY_TARGET", "")
        if not url:
            raise DeployError("no_target")
        where = parse_target(url)
        config = replace(DEFAULTS, max_deletes=max_deletes, workers=workers, hooks=load_hooks(settings, where.prefix))
        # The digest cache lives in the project's .cache/ (the folder invoke runs in), not
        # beside wherever --output points.
        summary = deploy_pipeline(Path(output), where, config=config, dry_run=dry_run, force=force,
                                  cache_dir=Path.cwd() / ".cache")
    except DeployError as exc:
        raise Exit(f"deploy: {exc}", code=1) from None
    except KeyboardInterrupt:
        raise Exit(f"deploy: {message('interrupted')}", code=130) from None
    if report:
        Path(report).write_text(summary.to_json(), encoding="utf-8")
    print(summary)


def load_hooks(settings: str, prefix: str) -> tuple:
    """After-deploy hooks configured in a Pelican settings file (none without one)."""
    if not settings:
        return ()
    from pelican.settings import read_settings

    from .hooks import hooks_from_settings

    try:
        values = read_settings(settings)
    except Exception as exc:  # any error in a Python settings file: report it in one line
        raise DeployError("settings", path=settings, detail=f"{type(exc).__name__}: {exc}") from None
    return hooks_from_settings(values, prefix)


@task(help=_HELP)
def deploy(
    c,
    target: str = "",
    output: str = "output",
    dry_run: bool = False,
    max_deletes: int = DEFAULTS.max_deletes,
    force: bool = False,
    report: str = "",
    workers: int = DEFAULTS.workers,
    settings: str = "",
):
    """Deploy folder output/ yang sudah ada ke object storage S3-compatible (hanya yang berubah)."""
    run_deploy(output, target, dry_run, max_deletes, force, report, workers, settings)


@task(help=_HELP)
def publish(
    c,
    target: str = "",
    output: str = "output",
    dry_run: bool = False,
    max_deletes: int = DEFAULTS.max_deletes,
    force: bool = False,
    report: str = "",
    workers: int = DEFAULTS.workers,
    settings: str = "publishconf.py",
):
    """Build dengan publishconf.py lalu deploy; dibatalkan bila build atau pemeriksaan gagal."""
    from siaran.build import build_site  # imported here: the build is heavy and deploy needs none of it

    summary = build_site(settings_file=settings, output=Path(output))
    for problem in summary.problems:
        print(problem, file=sys.stderr)
    if not summary.ok:
        raise Exit(f"publish: {message('build_failed', count=len(summary.problems))}", code=1)
    run_deploy(output, target, dry_run, max_deletes, force, report, workers, settings)


@task(help={
    "releases": "jumlah rilis korpus (siaran.corpus) yang di-build (bawaan: 1000)",
    "repeat": "ulangan per skenario; median yang dilaporkan (bawaan: 3)",
    "write": "tulis tabel ke docs/benchmarks.md (bagian ## Deploy)",
})
def bench_deploy(c, releases: int = 1000, repeat: int = 3, write: bool = False):
    """Benchmark deploy vs aws s3 sync dan rclone sync terhadap SeaweedFS lokal."""
    from .bench import run_benchmark

    try:
        table = run_benchmark(releases=releases, repeat=repeat, write_docs=write)
    except (DeployError, RuntimeError, OSError) as exc:  # a tool failed or is missing: one line
        raise Exit(f"bench-deploy: {exc}", code=1) from None
    print(table)

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
    "target": "s3://BUCKET[/PREFIX]; default: the DEPLOY_TARGET variable",
    "output": "built folder to deploy (default: output)",
    "dry_run": "print the plan (one line per action, with its reason) and change nothing",
    "max_deletes": f"refuse when more than N objects would be deleted (default: {DEFAULTS.max_deletes})",
    "force": "upload every object again",
    "report": "write a JSON summary to FILE",
    "workers": f"parallel uploads (default: {DEFAULTS.workers})",
    "settings": "Pelican settings file for the after-deploy hooks (WEBSUB_HUB + SITEURL, "
                "DEPLOY_CLOUDFRONT_DISTRIBUTION); default: no hooks for deploy, publishconf.py for publish",
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
    """Deploy the existing output/ folder to S3-compatible object storage (changed files only)."""
    run_deploy(output, target, dry_run, max_deletes, force, report, workers, settings)


@task(help={**_HELP, "now": 'build as at this moment, "YYYY-MM-DD HH:MM" (WIB); default: the clock'})
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
    now: str = "",
):
    """Build with publishconf.py, then deploy; nothing is deployed if the build or a check fails."""
    from siaran.build import build_site  # imported here: the build is heavy and deploy needs none of it
    from siaran.schedule import parse_now

    try:    # what is public is decided at this moment (docs/publishing.md)
        moment = parse_now(now or None)
    except ValueError as exc:
        raise Exit(f"publish: {exc}", code=2) from None
    summary = build_site(settings_file=settings, output=Path(output), now=moment)
    for problem in summary.problems:
        print(problem, file=sys.stderr)
    if not summary.ok:
        raise Exit(f"publish: {message('build_failed', count=len(summary.problems))}", code=1)
    run_deploy(output, target, dry_run, max_deletes, force, report, workers, settings)


@task(help={
    "releases": "releases in the generated corpus (siaran.corpus) that is built (default: 1000)",
    "repeat": "runs per scenario; the median is reported (default: 3)",
    "write": "write the table into docs/benchmarks.md (section ## Deploy)",
})
def bench_deploy(c, releases: int = 1000, repeat: int = 3, write: bool = False):
    """Time our deploy against `aws s3 sync` and `rclone sync` on a local SeaweedFS."""
    from .bench import run_benchmark

    try:
        table = run_benchmark(releases=releases, repeat=repeat, write_docs=write)
    except (DeployError, RuntimeError, OSError) as exc:  # a tool failed or is missing: one line
        raise Exit(f"bench-deploy: {exc}", code=1) from None
    print(table)

"""invoke tasks: `deploy`, `publish`, `cdn-headers`, `bench-deploy`.  Thin: parse options, call
the pipeline, turn DeployError into a one-line `Exit`.  Option defaults come from DeployConfig."""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from invoke import task
from invoke.exceptions import Exit

from siaran.marker import BuildMarker

from .config import DeployConfig
from .messages import DeployError, message

DEFAULTS = DeployConfig()

_HELP = {
    "target": "s3://BUCKET[/PREFIX]; default: the DEPLOY_TARGET variable",
    "output": "built folder to deploy (default: output)",
    "dry_run": "print the plan (one line per action, with its reason) and change nothing",
    "max_deletes": f"refuse when more than N objects would be deleted (default: {DEFAULTS.max_deletes})",
    "force": "deploy even a build not made for publishing here (development build, drafts, "
             "another SITEURL, no build marker)",
    "reupload": "upload every object again",
    "report": "write a JSON summary to FILE",
    "workers": f"parallel uploads (default: {DEFAULTS.workers})",
    "settings": "Pelican settings of the target: the build must have been made with them (SITEURL, "
                "settings digest), and they configure the after-deploy hooks (WEBSUB_HUB + SITEURL, "
                "DEPLOY_CLOUDFRONT_DISTRIBUTION); default: none for deploy (only development builds are "
                "refused, no hooks), publishconf.py for publish",
}


def run_deploy(
    output: str, target: str, dry_run: bool, max_deletes: int, force: bool, report: str, workers: int,
    settings: str = "", reupload: bool = False,
) -> None:
    """Shared by `deploy` and `publish`; prints the summary line, exits non-zero on DeployError."""
    from .pipeline import deploy as deploy_pipeline
    from .target import parse_target

    try:
        url = target or os.environ.get("DEPLOY_TARGET", "")
        if not url:
            raise DeployError("no_target")
        where = parse_target(url)
        hooks, expected = target_settings(settings, where.prefix)
        config = replace(DEFAULTS, max_deletes=max_deletes, workers=workers, hooks=hooks, expected_build=expected)
        # The digest cache lives in the project's .cache/ (the folder invoke runs in), not
        # beside wherever --output points.
        summary = deploy_pipeline(Path(output), where, config=config, dry_run=dry_run, force=force,
                                  reupload=reupload, cache_dir=Path.cwd() / ".cache")
    except DeployError as exc:
        raise Exit(f"deploy: {exc}", code=1) from None
    except KeyboardInterrupt:
        raise Exit(f"deploy: {message('interrupted')}", code=130) from None
    if report:
        Path(report).write_text(summary.to_json(), encoding="utf-8")
    print(summary)


def target_settings(settings: str, prefix: str) -> tuple[tuple, BuildMarker | None]:
    """(after-deploy hooks, the build marker the target expects) from a Pelican settings file;
    ((), None) without one."""
    if not settings:
        return (), None
    from pelican.settings import read_settings

    from siaran.marker import marker_for

    from .hooks import hooks_from_settings

    try:
        values = read_settings(settings)
    except Exception as exc:  # any error in a Python settings file: report it in one line
        raise DeployError("settings", path=settings, detail=f"{type(exc).__name__}: {exc}") from None
    return hooks_from_settings(values, prefix), marker_for(values, Path(settings), drafts=0)


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
    reupload: bool = False,
):
    """Deploy the existing output/ folder to S3-compatible object storage (changed files only)."""
    run_deploy(output, target, dry_run, max_deletes, force, report, workers, settings, reupload)


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
    reupload: bool = False,
    now: str = "",
):
    """Build with publishconf.py in a process without credentials, then deploy; nothing is
    deployed if the build or a check fails."""
    from siaran.childbuild import build_in_child
    from siaran.schedule import parse_now

    try:    # what is public is decided at this moment, read here once (docs/publishing.md)
        moment = parse_now(now or None)
    except ValueError as exc:
        raise Exit(f"publish: {exc}", code=2) from None
    # The build reads untrusted content: it runs in a child whose environment has no AWS_* (or
    # other credential) variable; only this process, which deploys, holds them.
    if build_in_child(settings, output, moment) != 0:
        raise Exit(f"publish: {message('build_failed')}", code=1)
    run_deploy(output, target, dry_run, max_deletes, force, report, workers, settings, reupload)


@task(name="cdn-headers", help={"settings": "Pelican settings of the site (default: publishconf.py)",
                                "cms": "the policy of the admin/* behaviour (the CMS at /admin/) instead",
                                "name": "the policy's name in CloudFront"})
def cdn_headers(c, settings: str = "publishconf.py", name: str = "", cms: bool = False):
    """Print the CloudFront response headers policy (CSP, Referrer-Policy, nosniff, no framing)
    for `aws cloudfront create-response-headers-policy --response-headers-policy-config file://…`;
    with --cms, the one for the `admin/*` behaviour (the CMS's own CSP, docs/cms.md)."""
    import sys

    from pelican.settings import read_settings

    from .cdn import POLICY_NAME, cloudfront_policy_for, policy_json

    try:
        values = read_settings(settings)
    except Exception as exc:  # any error in a Python settings file: report it in one line
        raise Exit(f"cdn-headers: {message('settings', path=settings, detail=f'{type(exc).__name__}: {exc}')}",
                   code=1) from None
    if cms:
        sys.path[:0] = [path for path in values.get("PLUGIN_PATHS", ()) if path not in sys.path]
        from cms.config import CDN_POLICY_NAME, cloudfront_policy_for as cms_policy_for
        print(policy_json(cms_policy_for(values, name or CDN_POLICY_NAME)), end="")
        return
    print(policy_json(cloudfront_policy_for(values, name or POLICY_NAME)), end="")


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

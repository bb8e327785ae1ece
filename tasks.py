"""Siaran tasks (run with `./dev TASK` or `invoke TASK` inside .venv).

Thin wrappers: each task calls one function of the `siaran` package, prints
its summary, and fails with Exit(message) so CI sees a non-zero status.
"""
from __future__ import annotations

import sys
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent


def _report(problems) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


@task(help={"settings": "settings file (pelicanconf.py or publishconf.py)", "output": "output folder",
            "strict": "treat warnings as errors"})
def build(c, settings="pelicanconf.py", output="output", strict=False):
    """Check all content, build into a staging folder, swap into output/ on success."""
    from siaran.build import build_site
    summary = build_site(ROOT / settings, ROOT / output, strict=strict)
    _report(summary.problems)
    for line in summary.log_errors:
        print(line, file=sys.stderr)
    if not summary.ok:
        raise Exit(str(summary), code=1)
    print(summary)


@task(help={"settings": "settings file", "strict": "treat warnings as errors"})
def check(c, settings="pelicanconf.py", strict=False):
    """Run only the content checks; print every problem; non-zero exit on errors."""
    from siaran.build import check as run_check
    from siaran.messages import MSG
    from siaran.problems import errors, warnings
    result = run_check(ROOT / settings)
    _report(result.problems)
    line = MSG["summary_line"].format(errors=len(errors(result.problems)),
                                      warnings=len(warnings(result.problems)), files=result.files)
    if errors(result.problems) or (strict and warnings(result.problems)):
        raise Exit(line, code=1)
    print(line)


@task
def clean(c):
    """Remove output/, its staging folder and build caches."""
    import shutil
    for name in ("output", "output.staging", "output.previous", ".cache"):
        shutil.rmtree(ROOT / name, ignore_errors=True)


@task(help={"tests": "pytest arguments, e.g. tests/unit", "quick": "skip browser and S3 tests"})
def test(c, tests="", quick=False):
    """Run the test suite (the command CI runs)."""
    marker = ' -m "not browser and not s3"' if quick else ""
    c.run(f"{sys.executable} -m pytest {tests}{marker}", pty=False)

"""Siaran tasks (run with `./dev TASK` or `invoke TASK` inside .venv).

Thin wrappers: each task calls one function of the `siaran` package, prints
its summary, and fails with Exit(message) so CI sees a non-zero status.
"""
from __future__ import annotations

import sys
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent


NOW_HELP = 'publish as at this moment, "YYYY-MM-DD HH:MM" (WIB); default: the clock'


def _report(problems) -> None:
    from siaran.problems import INFO
    for problem in problems:
        print(problem, file=sys.stdout if problem.severity == INFO else sys.stderr)


def now_option(text: str):
    """`--now` as a WIB datetime; the clock (to the minute) when not given."""
    from siaran.schedule import parse_now
    try:
        return parse_now(text or None)
    except ValueError as error:
        raise Exit(str(error), code=2) from None


@task(help={"settings": "settings file (pelicanconf.py or publishconf.py)", "output": "output folder",
            "strict": "treat warnings as errors", "now": NOW_HELP,
            "preview": "also write drafts and scheduled releases under draf/, with a banner",
            "full": "clean build: ignore the last build's state and render every page"})
def build(c, settings="pelicanconf.py", output="output", strict=False, now="", preview=False, full=False):
    """Check all content, render what changed into a staging folder, swap into output/ on success."""
    from siaran.build import build_site
    try:
        summary = build_site(ROOT / settings, ROOT / output, strict=strict, full=full, now=now_option(now),
                             preview=preview)
    except ValueError as error:     # a preview asked of the public settings
        raise Exit(str(error), code=2) from None
    _report(summary.problems)
    for line in summary.log_errors:
        print(line, file=sys.stderr)
    if not summary.ok:
        raise Exit(str(summary), code=1)
    print(summary)


@task(help={"settings": "settings file", "strict": "treat warnings as errors", "now": NOW_HELP,
            "format": "text (default), github (annotations), codequality (GitLab report) or json"})
def check(c, settings="pelicanconf.py", strict=False, now="", format="text"):
    """Run only the content checks; print every problem and every scheduled release; non-zero exit on errors."""
    from siaran.build import check as run_check
    from siaran.check_formats import FORMATS
    from siaran.messages import MSG
    from siaran.problems import errors, warnings
    if format not in FORMATS:
        raise Exit(f"--format: {', '.join(FORMATS)}; bukan '{format}'", code=2)
    result = run_check(ROOT / settings, now=now_option(now))
    if format == "text":
        _report(result.problems)
    else:
        sys.stdout.write(FORMATS[format](result.problems, result.files))
    line = MSG["summary_line"].format(errors=len(errors(result.problems)),
                                      warnings=len(warnings(result.problems)), files=result.files)
    if errors(result.problems) or (strict and warnings(result.problems)):
        raise Exit(line, code=1)
    # A report on stdout (codequality, json) stays one whole document.
    print(line, file=sys.stderr if format in ("codequality", "json") else sys.stdout)


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


@task(name="social-golden")
def social_golden(c):
    """Rewrite the golden social texts (tests/golden/social/) and docs/social.md's example from a
    build of the sample content, after an intended change; review the diff before committing."""
    c.run(f"{sys.executable} -m pytest tests/site/test_social_golden.py", pty=False,
          env={"SIARAN_UPDATE_GOLDEN": "1"})


@task(name="check-golden")
def check_golden(c):
    """Rewrite the golden `invoke check --format …` outputs (tests/golden/check/) from the bad-input
    fixtures, after an intended change; review the diff before committing."""
    c.run(f"{sys.executable} -m pytest tests/site/test_check_command_formats.py", pty=False,
          env={"SIARAN_UPDATE_GOLDEN": "1"})


@task(help={"n": "number of releases", "out": "content folder to write into"})
def corpus(c, n=1000, out="bench/corpus/content"):
    """Write N valid generated releases (and shared photos) into OUT."""
    from siaran.corpus import write_corpus
    write_corpus(int(n), ROOT / out)
    print(f"{n} rilis ditulis ke {out}")


@task(name="bench-build", help={"n": "number of releases", "runs": "runs per build (median reported)",
                                 "against": "a git revision: compare our warm build now with the build there",
                                 "incremental": "cold, no-change, one edited, one added, template changed, "
                                                "edit to live: Siaran vs plain Pelican (reader cache) vs Hugo",
                                 "sizes": "with --incremental: release counts, comma-separated"})
def bench_build(c, n=1000, runs=3, against="", incremental=False, sizes="1000,10000"):
    """Time our build against plain Pelican on the same corpus; with --incremental, the
    rebuild cases against plain Pelican and Hugo; with --against REV, against our own
    build at another revision."""
    if against:
        from siaran.bench import against_table, bench_against
        print(against_table(int(n), bench_against(int(n), against, int(runs))))
        return
    if incremental:
        from siaran.bench_incremental import bench_incremental
        print(bench_incremental([int(size) for size in sizes.split(",")], int(runs)))
        return
    from siaran.bench import bench_build as run, table
    print(table(int(n), run(int(n), int(runs))))


@task(name="bench-social", help={"n": "number of cards", "runs": "runs per worker count (median reported)"})
def bench_social(c, n=1000, runs=3):
    """Cold card rendering with 1 and 2 workers (cards/s), then a warm run that must render 0."""
    import statistics
    sys.path.insert(0, str(ROOT / "plugins"))
    from social.bench import bench_cards
    print(f"| workers | cold s (median of {runs}) | cards/s | warm s | warm rendered | max card KB |")
    print("|---:|---:|---:|---:|---:|---:|")
    for workers in (1, 2):
        results = [bench_cards(int(n), workers) for _ in range(int(runs))]
        cold = statistics.median(r["cold_seconds"] for r in results)
        warm = statistics.median(r["warm_seconds"] for r in results)
        print(f"| {workers} | {cold:.2f} | {int(n) / cold:.0f} | {warm:.2f} | "
              f"{max(r['warm_rendered'] for r in results)} | {max(r['max_card_bytes'] for r in results) / 1000:.0f} |")


@task(help={"title": "headline of the new release",
            "category": "one of settings CATEGORIES (default Siaran Pers; left empty with --from)",
            "unit": "publishing unit (default Biro Hukum dan Humas; left empty with --from)",
            "from_": "a Word release (.docx) to import: title, body, dateline, credit line, photos",
            "settings": "settings file; the release goes into its content folder"})
def new(c, title="", category=None, unit=None, from_=None, settings="pelicanconf.py"):
    """Scaffold content/berita/YYYY/<slug>.md with a fresh stable id and today's date (WIB), or import a .docx."""
    from siaran.build import check as run_check, load_settings
    settings_file = ROOT / settings
    project = settings_file.resolve().parent
    content = Path(load_settings(settings_file)["PATH"])
    if not from_:
        if not title:
            raise Exit("Tulis judul rilis, atau --from rilis.docx untuk mengimpor berkas Word.", code=1)
        from siaran.scaffold import new_release
        path = new_release(content, title, category=category or "Siaran Pers", unit=unit or "Biro Hukum dan Humas")
        print(f"Rilis baru: {path.relative_to(project)}")
        return
    from siaran.docx_import import ImportFailed, import_docx
    try:
        imported = import_docx(Path(from_), content, category=category or "", unit=unit or "")
    except ImportFailed as error:
        raise Exit(str(error), code=1) from None
    release = imported.release.relative_to(project).as_posix()
    print(f"Rilis baru (draf): {release}")
    for photo in imported.photos:
        print(f"Foto: {photo.relative_to(project).as_posix()}")
    for note in imported.notes:
        print(f"Catatan: {note}")
    todo = [problem for problem in run_check(settings_file).problems if problem.path == release]
    if todo:
        print("Lengkapi baris berikut, lalu jalankan `invoke check`:")
        for problem in todo:
            print(problem)


@task(help={"port": "port on 127.0.0.1", "settings": "settings file", "now": NOW_HELP + " at each rebuild",
            "preview": 'also show drafts and scheduled releases under draf/, with a "Draf"/"Terjadwal" banner'})
def serve(c, port=8000, settings="pelicanconf.py", now="", preview=False):
    """Build, then serve output/ on 127.0.0.1 and rebuild + reload the browser on changes."""
    from siaran.serve import serve as run
    now_option(now)     # a mistyped --now stops here, not at each rebuild
    run(ROOT, ROOT / settings, int(port), now=now or None, preview=preview)


@task(help={"port": "port of the portal and /admin/ on 127.0.0.1 (0: a free one)",
            "proxy_port": "port of decap-server on 127.0.0.1 (0: a free one)", "settings": "settings file"})
def cms(c, port=8080, proxy_port=8081, settings="pelicanconf.py"):
    """Edit this working copy in the CMS (/admin/) offline: build, then serve it with decap-server."""
    import signal
    import time
    sys.path.insert(0, str(ROOT / "plugins"))
    from cms.local import LocalCmsError, start
    from cms.messages import MSG
    try:
        running = start(ROOT, ROOT / settings, ROOT / "output", int(port), int(proxy_port))
    except LocalCmsError as error:
        raise Exit(str(error), code=1) from None
    # A plain `kill` ends the task like Ctrl-C does: decap-server is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with running:
        print(MSG["local_ready"].format(url=running.url))
        try:
            while running.proxy.poll() is None:
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass


from siaran.lighthouse import lighthouse  # noqa: F401
from siaran.deploy.tasks import deploy, publish, cdn_headers, bench_deploy  # noqa: F401

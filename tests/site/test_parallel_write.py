"""Pages rendered by forked workers are the pages Pelican would write itself."""
from __future__ import annotations

import logging
import os

import pytest

from siaran.corpus import write_corpus


@pytest.fixture
def corpus_site(make_site):
    write_corpus(40, make_site.project / "content", with_pages=False)
    return make_site


def test_workers_write_the_same_bytes_as_one_process(corpus_site):
    one = corpus_site(overrides={"BUILD_WORKERS": 1})
    assert one.summary.ok
    inline = one.files()
    two = corpus_site(overrides={"BUILD_WORKERS": 2})
    assert two.summary.ok
    forked = two.files()
    assert len([n for n in forked if n.endswith(".html")]) > 100, "enough pages for the fork path"
    assert forked.keys() == inline.keys()
    assert [name for name in inline if inline[name] != forked[name]] == []


def test_a_worker_error_fails_the_build_and_keeps_output(corpus_site):
    good = corpus_site(overrides={"BUILD_WORKERS": 2})
    before = good.files()
    template = corpus_site.project / "theme-broken"
    import shutil
    shutil.copytree(corpus_site.project / "theme", template)
    page = template / "templates" / "article.html"
    page.write_text(page.read_text().replace("{{ article.title }}</h1>", "{{ article.title.no_such() }}</h1>"))
    with pytest.raises(RuntimeError, match="parallel_write"):
        corpus_site(overrides={"BUILD_WORKERS": 2, "THEME": str(template)})
    assert corpus_site(overrides={"BUILD_WORKERS": 2}).files() == before


def test_worker_warnings_reach_the_build_log(corpus_site, caplog):
    template = corpus_site.project / "theme-noisy"
    import shutil
    shutil.copytree(corpus_site.project / "theme", template)
    page = template / "templates" / "article.html"
    page.write_text(page.read_text().replace("{% block content %}", "{% block content %}{{ warn_once(article.slug) }}", 1))
    noisy = corpus_site.project / "noisy_plugins" / "noisy"
    noisy.mkdir(parents=True)
    (noisy / "__init__.py").write_text(
        "import logging\nfrom pelican import signals\n\n"
        "def install(generator):\n"
        "    generator.env.globals['warn_once'] = lambda slug: logging.getLogger('noisy').warning('lihat %s', slug) or ''\n\n"
        "def register():\n    signals.generator_init.connect(install)\n")
    from siaran.build import load_settings
    plugins = load_settings(corpus_site.project / "pelicanconf.py")["PLUGINS"]
    strict = corpus_site(strict=True, overrides={
        "BUILD_WORKERS": 2, "THEME": str(template), "PLUGIN_PATHS": ["plugins", "noisy_plugins"],
        "PLUGINS": [*plugins, "noisy"]})
    assert not strict.summary.ok
    assert any(line.startswith("noisy: lihat ") for line in strict.summary.log_errors)


def test_a_running_thread_does_not_make_the_build_serial(corpus_site, monkeypatch):
    # The executor decides from BUILD_WORKERS alone: a thread alive in the process
    # (serve's server, a watcher) no longer turns the build inline.
    import threading
    corpus_site(overrides={"BUILD_WORKERS": 2})
    forks, real_fork = [], os.fork

    def counted_fork():
        pid = real_fork()
        if pid:
            forks.append(pid)
        return pid
    monkeypatch.setattr(os, "fork", counted_fork)
    release = threading.Event()
    watcher = threading.Thread(target=release.wait)
    watcher.start()
    try:
        assert corpus_site(full=True, overrides={"BUILD_WORKERS": 2}).summary.ok
    finally:
        release.set()
        watcher.join()
    assert len(forks) >= 3, "the checker, the page workers and the output stages ran as tasks"


def test_a_rebuild_links_unchanged_files_and_leaves_nothing_frozen(corpus_site):
    import gc
    first = corpus_site(overrides={"BUILD_WORKERS": 2})
    before = first.files()
    again = corpus_site(overrides={"BUILD_WORKERS": 2})
    assert again.files() == before
    page = next(p for p in again.output.rglob("index.html") if "berita" in p.parts)
    assert page.stat().st_nlink == 2, "the page is its stored body, linked"
    assert gc.get_freeze_count() == 0, "serve rebuilds in one process: the context must stay collectable"
    stored = list((corpus_site.project / ".cache" / "output").iterdir())
    assert len(stored) > 300
    assert [p.name for p in stored if p.stat().st_nlink < 2] == [], "bodies of replaced builds are pruned"


def test_output_stages_run_aside_so_the_build_process_never_loads_the_feed_libraries(corpus_site):
    # The build process's size at the fork is its peak only if the feeds, social
    # and PPID stages run in processes of their own: a fresh interpreter makes a
    # warm build (no social pool thread, so it forks) and reports what it imported.
    import json
    import subprocess
    import sys
    from pathlib import Path
    assert corpus_site(overrides={"BUILD_WORKERS": 2}).summary.ok     # the caches filled
    root = Path(__file__).resolve().parents[2]
    script = (
        "import json, sys\n"
        "from siaran.build import build_site\n"
        "summary = build_site('pelicanconf.py', 'output', full=True, overrides={'BUILD_WORKERS': 2})\n"
        "assert summary.ok, summary.log_errors\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=corpus_site.project, capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(root)}, check=True)
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert {"feedgen", "lxml", "bs4"} & loaded == set()
    output = corpus_site.project / "output"
    assert (output / "feed.json").exists() and (output / "social" / "index.json").exists()
    assert (output / "informasi-publik" / "dip.json").exists()


def test_a_failing_aside_stage_fails_the_build_and_keeps_output(corpus_site, monkeypatch):
    good = corpus_site(overrides={"BUILD_WORKERS": 2})
    before = good.files()
    import feeds.render

    def broken(feed):
        raise ValueError("feed rusak")
    monkeypatch.setattr(feeds.render, "render_feed", broken)
    with pytest.raises(RuntimeError, match="parallel_write(.|\n)*feed rusak"):
        corpus_site(full=True, overrides={"BUILD_WORKERS": 2})
    output = corpus_site.project / "output"
    assert {str(p.relative_to(output)): p.read_bytes() for p in output.rglob("*") if p.is_file()} == before


def test_an_aside_stage_reports_what_it_logs(corpus_site, caplog):
    corpus_site(overrides={"BUILD_WORKERS": 2})
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="siaran.social"):
        assert corpus_site(full=True, overrides={"BUILD_WORKERS": 2}).summary.ok
    import re
    [record] = [r for r in caplog.records if r.getMessage().startswith("kartu sosial:")]
    assert re.fullmatch(r"kartu sosial: 0 digambar, [1-9][0-9]* dari cache", record.getMessage())
    assert record.pathname.endswith("siaran/executor.py"), "logged in a child, passed back"

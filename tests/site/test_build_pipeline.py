"""The build pipeline itself: plugin isolation between builds, strict mode, swap."""
from __future__ import annotations

import shutil
import textwrap

from siaran.search import FINGERPRINTED


def test_a_build_plugin_does_not_leak_into_the_next_build(make_site):
    plugin = make_site.project / "probe_plugins" / "probe"
    plugin.mkdir(parents=True)
    (plugin / "__init__.py").write_text(textwrap.dedent('''
        from pathlib import Path
        from pelican import signals

        def mark(pelican):
            Path(pelican.output_path, "probe.txt").write_text("x")

        def register():
            signals.finalized.connect(mark)
    '''))
    from siaran.build import load_settings
    plugins = load_settings(make_site.project / "pelicanconf.py")["PLUGINS"]
    with_probe = make_site(overrides={"PLUGIN_PATHS": ["plugins", "probe_plugins"], "PLUGINS": [*plugins, "probe"]})
    assert (with_probe.output / "probe.txt").exists()
    without = make_site()
    assert without.summary.ok
    assert not (without.output / "probe.txt").exists()


def test_strict_build_fails_on_warnings_and_keeps_output(make_site):
    good = make_site()
    before = good.files()
    release = make_site.project / "content" / "berita" / "2026" / "rapat-koordinasi-tata-ruang-laut.md"
    release.write_text(release.read_text().replace("title: Rapat", "title: Rapat\x07"), encoding="utf-8")
    relaxed = make_site()
    assert relaxed.summary.ok, "a warning alone does not stop a normal build"
    assert any(p.severity == "warning" and p.field == "title" for p in relaxed.summary.problems)
    strict_before = relaxed.files()
    strict = make_site(strict=True)
    assert not strict.summary.ok
    assert strict.files() == strict_before
    # The same files, but for the search index's, which are named by their bytes (the title changed).
    def named(files):
        return {name for name in files if not FINGERPRINTED.search(name)}
    assert named(before) == named(strict_before)


def test_listings_paginate_into_folder_urls(make_site):
    from siaran.corpus import write_corpus
    write_corpus(45, make_site.project / "content", with_pages=False)
    site = make_site()
    assert site.summary.ok, [str(p) for p in site.summary.problems][:5]
    files = site.files()
    paged = sorted(name for name in files if "/halaman/" in name)
    assert {name.split("/")[0] for name in paged} >= {"kategori", "topik", "unit"}
    first_category = next(name for name in paged if name.startswith("kategori/"))
    base = first_category.split("/halaman/")[0] + "/"
    page_one = site.html(base)
    next_link = page_one.select_one('.pagination a[rel="next"]')["href"]
    assert next_link.endswith(base + "halaman/2/")
    page_two = site.html(base + "halaman/2/")
    assert page_two.select_one('.pagination a[rel="prev"]')["href"].endswith("/" + base)
    assert "Halaman 2 dari" in page_two.select_one(".pagination").get_text()
    assert all(name.endswith("index.html") for name in paged)


def test_reader_cache_follows_the_settings(make_site):
    make_site()
    caches = make_site.project / ".cache" / "pelican"
    first = {p.name for p in caches.iterdir()}
    changed = make_site(overrides={"TIMEZONE": "Asia/Makassar"})
    assert changed.summary.ok
    second = {p.name for p in caches.iterdir()}
    assert len(first) == len(second) == 1 and first != second, "new settings, new cache; the old one removed"


def test_the_reader_cache_keeps_one_entry_per_file_and_writes_only_what_was_read_afresh(make_site):
    make_site()
    [folder] = (make_site.project / ".cache" / "pelican").glob("*/files")
    # Releases and pages (Pelican's readers); not photos, documents or register items
    sources = [p for kind in ("berita", "halaman") for p in (make_site.project / "content" / kind).rglob("*.md")]
    entries = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    assert len(entries) == len(sources), "one entry per Markdown file, no pickle of them all"
    assert not [p for p in folder.parent.iterdir() if p.is_file()], "Pelican's own cache file is not written"
    shutil.rmtree(make_site.project / ".cache" / "read")     # the read model gone: every release asks the reader cache
    again = make_site(full=True)
    assert again.summary.reports["read_model"].kept == 0
    assert {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} == entries, "nothing read afresh, nothing written"
    release = next((make_site.project / "content" / "berita").rglob("*.md"))
    release.write_text(release.read_text(encoding="utf-8").replace("\n\n", "\n\nKalimat baru untuk uji cache.\n\n", 1),
                       encoding="utf-8")
    rebuilt = make_site()
    now = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    assert len(now) == len(entries) and len(set(now) - set(entries)) == 1, "the edited file's entry replaced its old one"
    [new] = set(now) - set(entries)
    assert "Kalimat baru untuk uji cache.".encode() in (folder / new).read_bytes()
    assert any("Kalimat baru untuk uji cache." in page.read_text(encoding="utf-8")
               for page in rebuilt.output.rglob("index.html"))

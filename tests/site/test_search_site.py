"""Search on the built sample site: what the theme marks for the index, the bundle the build
places, the search page and the header form, and the search stage inside the build (issue 15)."""
from __future__ import annotations

import json
import re

from site_support import NOW

from siaran.search import BUNDLE, ENTRY, INDEXED_END, INDEXED_START, SHARDS_FILE, UNUSED, indexed_pages
from siaran.search_shards import UNDATED, shard_of

SEARCH_CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; "
              "object-src 'none'; base-uri 'self'; form-action 'self'; frame-src 'self' https://www.youtube-nocookie.com")


def pages(site) -> dict[str, bytes]:
    return {path: data for path, data in site.files().items() if path.endswith(".html")}


def marked(data: bytes) -> bool:
    return INDEXED_START in data


def shards(output) -> list[str]:
    return json.loads((output / SHARDS_FILE).read_bytes())["shards"]


def indexed_total(output) -> int:
    """Pages in the index, over every shard the list names."""
    return sum(indexed_pages(output / BUNDLE / shard) for shard in shards(output))


def test_published_releases_pages_and_register_items_are_marked_and_nothing_else(built_site):
    html = pages(built_site)
    indexed = {path for path, data in html.items() if marked(data)}
    releases = {entry["url"] + "index.html"
                for entry in json.loads((built_site.output / "_siaran" / "releases.json").read_text())}
    assert len(releases) == 8 and releases <= indexed
    assert {"profil/index.html", "kontak/index.html", "informasi-publik/profil-ppid/index.html"} <= indexed
    items = {path for path in html if re.fullmatch(r"informasi-publik/\d{4}/[^/]+/index\.html", path)}
    withheld = {path for path in items if b'class="dip-exempt"' in html[path]}
    assert len(withheld) == 3 and not withheld & indexed, "a withheld register item has its page, never an index entry"
    assert items - withheld <= indexed
    assert not any(path.startswith("draf/") for path in html), "a build without --preview writes no draft"
    assert indexed == releases | (items - withheld) | {
        path for path in indexed if b'data-search-type="Halaman"' in html[path]}
    assert not {"index.html", "404.html", "cari/index.html", "arsip/index.html"} & indexed


def test_pagefind_attributes_stay_inside_the_marks_the_digest_covers(built_site):
    for path, data in pages(built_site).items():
        if not marked(data):
            assert b"data-pagefind-body" not in data, path
            continue
        start, end = data.index(INDEXED_START), data.index(INDEXED_END)
        outside = data[:start] + data[end:]
        assert b"data-pagefind-" not in outside, path
        assert data.count(INDEXED_START) == data.count(INDEXED_END) == data.count(b"data-pagefind-body") == 1, path


def test_a_release_carries_its_filters_metadata_and_sort_key(built_site):
    page = built_site.html("berita/2026/11/brpkn-dan-warga-pesisir-utara-tanam-12-000-bibit-mangrove/")
    article = page.select_one("[data-pagefind-body]")
    assert (article["data-search-type"], article["data-search-year"]) == ("Berita", "2026")
    assert article["data-pagefind-filter"] == "type[data-search-type], year[data-search-year]"
    assert [(e.name, e.get_text(strip=True)) for e in article.select('[data-pagefind-filter="category"]')] == [
        ("a", "Berita Utama")]
    unit = article.select_one('[data-pagefind-filter="unit"][data-pagefind-meta="unit"]')
    assert unit.get_text(strip=True) == "Direktorat Konservasi Pesisir"
    time = article.select_one("time[data-pagefind-sort]")
    assert (time["data-pagefind-sort"], time["data-search-date"], time["datetime"]) == (
        "date[datetime]", "25 November 2026", "2026-11-25T09:30:00+07:00")
    assert article.select_one("img[data-pagefind-meta]")["data-pagefind-meta"] == "image[src], image_alt[alt]"
    assert article.select_one(".share")["data-pagefind-ignore"] == ""


def test_the_bundle_holds_every_marked_page_and_only_the_files_the_site_loads(built_site):
    bundle = built_site.output / BUNDLE
    html = pages(built_site)
    count = sum(1 for data in html.values() if marked(data))
    assert indexed_total(built_site.output) == count == built_site.summary.reports["search"].pages
    # one shard per year of the releases' and register items' dates, one for the pages without
    assert shards(built_site.output) == ["2026", "2025", UNDATED] == list(built_site.summary.reports["search"].shards)
    by_shard = {}
    for data in html.values():
        if marked(data):
            span = data[data.index(INDEXED_START):data.index(INDEXED_END)]
            by_shard[shard_of(span)] = by_shard.get(shard_of(span), 0) + 1
    assert {shard: indexed_pages(bundle / shard) for shard in shards(built_site.output)} == by_shard
    assert {p.name for p in bundle.iterdir()} == {"shards.json", "2026", "2025", UNDATED}
    first = {p.name for p in (bundle / "2026").iterdir()}
    assert {ENTRY, "pagefind.js", "pagefind-worker.js", "wasm.id.pagefind", "fragment", "index", "filter"} <= first
    assert not first & UNUSED
    for shard in ("2025", UNDATED):       # merged shards use the first one's code
        names = {p.name for p in (bundle / shard).iterdir()}
        assert ENTRY in names and not names & ({"pagefind.js", "pagefind-worker.js", "wasm.id.pagefind"} | UNUSED)
    entry = json.loads((bundle / "2026" / ENTRY).read_text())
    assert list(entry["languages"]) == ["id"]


def test_the_search_page_alone_may_compile_webassembly(built_site):
    policies = {}
    for path in pages(built_site):
        meta = built_site.html(path).select_one('meta[http-equiv="Content-Security-Policy"]')
        policies[path] = meta["content"] if meta else None
    assert policies.pop("cari/index.html") == SEARCH_CSP
    assert all(policy and "wasm" not in policy for policy in policies.values())


def test_the_search_page_works_as_a_form_and_says_what_to_do_without_javascript(built_site):
    page = built_site.html("cari/")
    form = page.select_one("form#cari")
    assert (form["action"], form["method"], form.select_one("input")["name"]) == (
        "http://127.0.0.1:8000/cari/", "get", "q")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert page.select_one('script[type="module"]')["src"] == "http://127.0.0.1:8000/theme/js/cari.js"
    note = page.select_one("noscript").decode_contents()
    assert "Pencarian memerlukan JavaScript" in note and 'href="http://127.0.0.1:8000/arsip/"' in note
    results = page.select_one("#cari-hasil")
    assert results.has_attr("hidden") and results["data-bundle"] == "http://127.0.0.1:8000/pagefind/"
    assert [legend.get_text() for legend in results.select("fieldset legend")] == ["Jenis", "Kategori", "Unit kerja",
                                                                                    "Tahun"]


def test_every_page_header_has_a_plain_get_search_form(built_site):
    for path in pages(built_site):
        if path.startswith("admin/"):
            continue        # the CMS's editor app (plugins/cms), not a page readers see
        form = built_site.html(path).select_one("header.site-header form.site-search")
        assert form is not None, path
        assert (form["action"], form["method"], form.select_one("input[type=search]")["name"]) == (
            "http://127.0.0.1:8000/cari/", "get", "q"), path
        assert form.select_one("label")["for"] == form.select_one("input")["id"]


def test_a_failing_index_refuses_the_build_and_keeps_output(make_site):
    good = make_site()
    assert good.summary.ok and good.summary.reports["search"].pages > 0
    before = good.files()
    release = make_site.project / "content" / "berita" / "2025" / "sekolah-pesisir-tangguh.md"
    release.write_text(release.read_text(encoding="utf-8") + "\nParagraf baru.\n", encoding="utf-8")
    cache = make_site.project / ".cache" / "search"
    for kept in cache.iterdir():
        kept.rename(make_site.project / kept.name)     # out of the way: the folder becomes a file
    cache.rmdir()
    cache.write_text("bukan folder")
    refused = make_site()
    assert not refused.summary.ok
    assert refused.summary.log_errors == [f"Indeks pencarian: tidak bisa ditulis ([Errno 17] File exists: '{cache}')"]
    assert str(refused.summary) == "Build dibatalkan: 1 galat. Folder output/ tidak diubah."
    assert refused.files() == before
    assert not (make_site.project / "output.staging").exists()


def test_the_index_is_made_again_only_when_the_indexed_text_changed(make_site):
    first = make_site()
    assert first.summary.reports["search"].reused is False
    bundle = {k: v for k, v in first.files().items() if k.startswith(f"{BUNDLE}/")}
    settings = make_site.project / "pelicanconf.py"
    settings.write_text(settings.read_text() + '\nSITE_DESCRIPTION = "Deskripsi lain di <head> saja."\n')
    chrome = make_site()
    assert chrome.summary.ok and chrome.summary.reports["search"].reused is True
    assert {k: v for k, v in chrome.files().items() if k.startswith(f"{BUNDLE}/")} == bundle
    release = make_site.project / "content" / "berita" / "2025" / "sekolah-pesisir-tangguh.md"
    release.write_text(release.read_text(encoding="utf-8") + "\nParagraf baru tentang ekowisata.\n", encoding="utf-8")
    edited = make_site()
    assert edited.summary.reports["search"].reused is False and edited.summary.reports["search"].pages == first.summary.reports["search"].pages
    # The engine re-rendered a few pages; only those (and files outside its plan) are read again.
    assert 0 < edited.summary.reports["search"].read < first.summary.reports["search"].read // 2
    # Pagefind ran for the release's year only; the other shards are the same files as before.
    assert edited.summary.reports["search"].indexed == ("2025",)
    assert edited.files()[f"{BUNDLE}/2025/{ENTRY}"] != bundle[f"{BUNDLE}/2025/{ENTRY}"]
    after = {k: v for k, v in edited.files().items() if k.startswith(f"{BUNDLE}/")}
    for shard in ("2026", UNDATED):
        assert {k: v for k, v in after.items() if k.startswith(f"{BUNDLE}/{shard}/")} == {
            k: v for k, v in bundle.items() if k.startswith(f"{BUNDLE}/{shard}/")}


def test_the_public_build_indexes_the_same_pages_and_writes_no_draft(new_project, built_site):
    from siaran.build import build_site
    project = new_project("search-public")
    summary = build_site(project / "publishconf.py", project / "output")
    assert summary.ok, summary.log_errors
    assert not (project / "output" / "draf").exists()
    assert summary.reports["search"].pages == indexed_total(project / "output") == built_site.summary.reports["search"].pages


def test_a_preview_writes_draft_and_scheduled_pages_and_indexes_neither(make_site):
    """With --preview the sample's draft and a scheduled release get pages under draf/
    (plugins/schedule); neither is marked, and the index holds the public pages only."""
    scheduled = make_site.project / "content" / "berita" / "2026" / "terjadwal.md"
    scheduled.write_text(
        "id: 7c7b7a0e-1d2e-4f3a-9b8c-0d1e2f3a4b5c\ntitle: Peresmian Stasiun Pasang Surut Teluk Biru\n"
        "date: 2026-12-10 09:00\ncategory: Siaran Pers\nunit: Pusat Data dan Informasi\n"
        "location: Tanjung Harapan\nauthors: Yosef Kalalo\n\n"
        "BRPKN akan meresmikan stasiun pasang surut baru di Teluk Biru.\n", encoding="utf-8")
    public = make_site(now=NOW, output="output-public")
    preview = make_site(now=NOW, preview=True)
    assert preview.summary.ok, [str(p) for p in preview.summary.problems] + preview.summary.log_errors
    held = {path: data for path, data in pages(preview).items() if path.startswith("draf/")}
    assert any(b"Stasiun Pasang Surut" in data for data in held.values()), "the scheduled release's page"
    assert any(b"Ekspedisi Padang Lamun" in data for data in held.values()), "the sample draft's page"
    assert not any(marked(data) for data in held.values())
    assert preview.summary.reports["search"].pages == public.summary.reports["search"].pages
    assert preview.summary.reports["search"].digest == public.summary.reports["search"].digest


def test_an_unchanged_rebuild_runs_no_search_stage_and_keeps_the_bundle(make_site):
    first = make_site()
    bundle = {k: v for k, v in first.files().items() if k.startswith(f"{BUNDLE}/")}
    again = make_site()
    assert again.summary.rendered == 0 and "search" not in again.summary.reports
    assert {k: v for k, v in again.files().items() if k.startswith(f"{BUNDLE}/")} == bundle


def test_invoke_build_says_what_the_search_stage_did(make_site):
    import subprocess
    import sys

    from site_support import ROOT
    command = [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "build",
               "--settings", str(make_site.project / "pelicanconf.py"), "--output", str(make_site.project / "output")]
    made = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Indeks pencarian: \d+ halaman dalam 3 bagian, \d+ berkas \(\d+ KiB\), 3 bagian dibuat oleh "
                     r"Pagefind, 0 dipakai ulang dalam \d+\.\d dtk$", made, re.M), made
    again = subprocess.run([*command, "--full"], capture_output=True, text=True, check=True).stdout
    assert "dipakai ulang (teks yang diindeks tidak berubah)" in again, again

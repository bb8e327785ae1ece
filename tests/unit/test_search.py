"""siaran.search on small sites written into tmp_path, indexed by the real Pagefind binary:
what is scanned, what the digest covers, when the index is made again, and how it fails."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from siaran import search
from siaran.executor import Executor
from siaran.output import OutputStore
from siaran.search import (BUNDLE, ENTRY, SHARDS_FILE, UNUSED, SearchIndexError, digest, index_site, indexed_pages,
                           pagefind_version, run_pagefind, scan)
from siaran.search_shards import UNDATED

SETTINGS = {"DEFAULT_LANG": "id", "PATH": "unused"}


def page(title: str, text: str, chrome: str = "", marked: bool = True) -> str:
    article = f'<article data-pagefind-body><h1>{title}</h1><p>{text}</p></article>'
    if marked:
        article = f"<!--search-index-->{article}<!--/search-index-->"
    return (f'<!doctype html><html lang="id"><head><title>{title}</title></head>'
            f'<body><nav>{chrome}</nav><main>{article}</main></body></html>')


def write_site(folder: Path, pages: dict[str, str]) -> Path:
    for name, html in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(html, encoding="utf-8")
    return folder


SAMPLE = {
    "berita/b/index.html": page("Penanaman Mangrove", "Warga menanam bibit mangrove di pesisir utara."),
    "berita/a/index.html": page("Survei Arus", "Kapal riset memetakan arus Selat Timur."),
    "kategori/index.html": "<html><body><p>Daftar berita</p></body></html>",
    "draf/c/index.html": page("Draf", "Belum terbit.", marked=False).replace(" data-pagefind-body", ""),
}


def bundle_files(site: Path) -> dict[str, bytes]:
    root = site / BUNDLE
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def shard_files(site: Path, shard: str) -> dict[str, bytes]:
    """One shard's files in the output, relative to its folder."""
    return {name.removeprefix(f"{shard}/"): data for name, data in bundle_files(site).items()
            if name.startswith(f"{shard}/")}


def test_scan_digests_the_marked_spans_of_marked_pages_in_path_order(tmp_path):
    site = write_site(tmp_path, SAMPLE)
    found = scan(site)
    assert [path for path, _ in found] == ["berita/a/index.html", "berita/b/index.html"]
    span = (b"<!--search-index--><article data-pagefind-body><h1>Survei Arus</h1>"
            b"<p>Kapal riset memetakan arus Selat Timur.</p></article>")
    assert found[0][1] == hashlib.blake2b(span, digest_size=20).hexdigest()


def test_a_parallel_executor_scans_in_chunks_with_the_same_result(tmp_path, monkeypatch):
    many = {f"berita/{n:04d}/index.html": page(f"Rilis {n}", f"Isi rilis nomor {n}.") for n in range(7)}
    site = write_site(tmp_path, {**SAMPLE, **many})
    monkeypatch.setattr(search, "SCAN_CHUNK", 2)
    executor = Executor(2)
    try:
        assert scan(site, executor) == scan(site) and len(scan(site)) == 9
        assert executor._pool is not None, "the chunks went to the executor's pool"
    finally:
        executor.close()


def test_a_mark_left_open_is_a_located_error(tmp_path):
    site = write_site(tmp_path, {"x/index.html": page("X", "y").replace("<!--/search-index-->", "")})
    with pytest.raises(SearchIndexError) as error:
        scan(site)
    assert str(error.value) == ("Indeks pencarian: x/index.html membuka bagian yang diindeks (<!--search-index-->) "
                                "tanpa menutupnya (<!--/search-index-->); periksa templat tema")


def test_the_digest_follows_the_indexed_text_its_urls_and_the_options_only(tmp_path):
    options = {"pagefind": "1.5.2", "language": "id"}
    base = digest(scan(write_site(tmp_path / "a", SAMPLE)), options)
    chrome = {name: html.replace("<nav></nav>", "<nav>Menu baru</nav>") for name, html in SAMPLE.items()}
    assert digest(scan(write_site(tmp_path / "b", chrome)), options) == base
    edited = {**SAMPLE, "berita/a/index.html": page("Survei Arus", "Kapal riset memetakan arus Selat Barat.")}
    assert digest(scan(write_site(tmp_path / "c", edited)), options) != base
    moved = {**SAMPLE, "berita/z/index.html": SAMPLE["berita/a/index.html"]}
    del moved["berita/a/index.html"]
    assert digest(scan(write_site(tmp_path / "d", moved)), options) != base
    assert digest(scan(write_site(tmp_path / "e", SAMPLE)), {**options, "language": "en"}) != base


def test_the_index_is_made_once_and_placed_again_while_the_text_is_unchanged(tmp_path):
    cache = tmp_path / "cache"
    first = index_site(write_site(tmp_path / "one", SAMPLE), SETTINGS, cache=cache)
    assert (first.pages, first.reused, first.shards, first.indexed) == (2, False, (UNDATED,), (UNDATED,))
    placed = bundle_files(tmp_path / "one")
    shard = shard_files(tmp_path / "one", UNDATED)
    assert {ENTRY, "pagefind.js", "pagefind-worker.js", "wasm.id.pagefind"} <= shard.keys()
    assert not UNUSED & shard.keys()
    assert any(name.startswith("fragment/") for name in shard) and any(name.startswith("index/") for name in shard)
    assert placed.keys() == {f"{UNDATED}/{name}" for name in shard} | {"shards.json"}
    assert placed["shards.json"] == b'{"shards":["tanpa-tanggal"]}'
    assert (first.files, first.size) == (len(placed), sum(map(len, placed.values())))
    assert indexed_pages(tmp_path / "one" / BUNDLE / UNDATED) == 2
    [kept] = [folder for folder in cache.iterdir() if folder.is_dir()]
    placed_entry = tmp_path / "one" / BUNDLE / UNDATED / ENTRY
    assert placed_entry.stat().st_ino == (kept / ENTRY).stat().st_ino, "placed as a link, not read and copied"

    chrome = {name: html.replace("<nav></nav>", "<nav>Menu baru</nav>") for name, html in SAMPLE.items()}
    again = index_site(write_site(tmp_path / "two", chrome), SETTINGS, cache=cache)
    assert (again.reused, again.digest) == (True, first.digest)
    assert bundle_files(tmp_path / "two") == placed

    edited = {**SAMPLE, "berita/a/index.html": page("Survei Arus", "Kapal riset memetakan arus Selat Barat.")}
    changed = index_site(write_site(tmp_path / "three", edited), SETTINGS, cache=cache)
    assert (changed.reused, changed.pages, changed.indexed) == (False, 2, (UNDATED,))
    assert bundle_files(tmp_path / "three") != placed
    assert [folder.name for folder in cache.iterdir()] != [kept.name]
    assert len(os.listdir(cache)) == 1                   # one index per shard kept: the latest


def filtered(title: str, text: str, unit: str) -> str:
    return page(title, text).replace("<p>", f'<p data-pagefind-filter="unit">{unit}</p><p>', 1)


FILTERED = {f"berita/{n}/index.html": filtered(f"Rilis {n}", f"Isi rilis {n} tentang pesisir.", unit)
            for n, unit in enumerate(["Biro Humas", "Pusat Data", "Balai Timur", "Biro Humas", "Direktorat"])}


def test_independent_runs_give_the_same_bundle_bytes(tmp_path):
    """Pagefind alone writes its filter files in a new order every run (docs/search.md);
    settled (siaran.pagefind_order), three runs with empty caches give the same bytes."""
    runs = []
    for n in range(3):
        index_site(write_site(tmp_path / f"fresh{n}", FILTERED), SETTINGS, cache=tmp_path / f"c{n}")
        runs.append(bundle_files(tmp_path / f"fresh{n}"))
    assert any("/filter/" in name for name in runs[0])
    assert runs[1] == runs[0] and runs[2] == runs[0]


def test_a_kept_index_that_lost_its_entry_file_is_made_again(tmp_path):
    cache = tmp_path / "cache"
    index_site(write_site(tmp_path / "one", SAMPLE), SETTINGS, cache=cache)
    [kept] = [folder for folder in cache.iterdir() if folder.is_dir()]
    (kept / ENTRY).unlink()
    again = index_site(write_site(tmp_path / "two", SAMPLE), SETTINGS, cache=cache)
    assert (again.reused, again.pages) == (False, 2)
    assert bundle_files(tmp_path / "two") == bundle_files(tmp_path / "one")


def test_a_site_with_nothing_marked_gets_no_bundle(tmp_path):
    site = write_site(tmp_path / "site", {"index.html": "<html><body><p>Beranda</p></body></html>"})
    result = index_site(site, SETTINGS, cache=tmp_path / "cache")
    assert (result.pages, result.files) == (0, 0)
    assert not (site / BUNDLE).exists()


STRAY = ("Indeks pencarian: {path} memuat data-pagefind-body di luar bagian yang diindeks "
         "(<!--search-index--> … <!--/search-index-->); periksa templat tema")


def test_pagefind_indexing_more_than_was_marked_is_refused(tmp_path):
    """A theme that puts data-pagefind-body outside the marks: Pagefind would index a page
    the digest does not cover, so the index is refused (with the page named) rather than
    kept stale."""
    stray = page("Liar", "Di luar penanda.", marked=False)
    site = write_site(tmp_path / "site", {**SAMPLE, "liar/index.html": stray})
    with pytest.raises(SearchIndexError) as error:
        index_site(site, SETTINGS, cache=tmp_path / "cache")
    assert str(error.value) == STRAY.format(path="liar/index.html")
    assert not (site / BUNDLE).exists()
    assert not (tmp_path / "cache").exists() or os.listdir(tmp_path / "cache") == []   # nothing kept either


def test_a_second_body_outside_the_marks_of_a_marked_page_is_refused(tmp_path):
    twice = SAMPLE["berita/a/index.html"].replace("<nav>", "<nav data-pagefind-body>")
    site = write_site(tmp_path / "site", {**SAMPLE, "berita/a/index.html": twice})
    with pytest.raises(SearchIndexError) as error:
        index_site(site, SETTINGS, cache=tmp_path / "cache")
    assert str(error.value) == STRAY.format(path="berita/a/index.html")


def test_pagefind_indexing_other_than_the_expected_pages_is_refused(tmp_path):
    site = write_site(tmp_path / "site", SAMPLE)
    with pytest.raises(SearchIndexError) as error:
        run_pagefind(site, tmp_path / "out", "id", expected=3)
    assert str(error.value) == "Indeks pencarian: Pagefind mengindeks 2 halaman, seharusnya 3; indeks tidak dipakai"


def test_a_pagefind_failure_is_reported_with_its_exit_code(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(SearchIndexError) as error:
        run_pagefind(tmp_path / "empty", tmp_path / "out", "id", expected=0)
    assert str(error.value).startswith("Indeks pencarian: Pagefind gagal (kode keluar 1): ")
    assert "not able to build an index" in str(error.value)


def test_an_unwritable_cache_stops_the_stage(tmp_path):
    (tmp_path / "cache").write_text("bukan folder")
    site = write_site(tmp_path / "site", SAMPLE)
    with pytest.raises(SearchIndexError) as error:
        index_site(site, SETTINGS, cache=tmp_path / "cache")
    assert str(error.value) == (f"Indeks pencarian: tidak bisa ditulis ([Errno 17] File exists: "
                                f"'{tmp_path / 'cache'}')")


def test_pagefind_is_the_pinned_one():
    pinned = next(line for line in (Path(__file__).parents[2] / "pyproject.toml").read_text().splitlines()
                  if "pagefind" in line)
    assert pinned.strip() == f'"pagefind[bin]=={pagefind_version()}",'


def test_pages_linked_from_the_store_with_a_scanned_body_are_not_read_again(tmp_path):
    store, cache = OutputStore(tmp_path / "store"), tmp_path / "cache"

    def placed(folder: Path, pages: dict[str, str]) -> dict[str, str]:
        """The pages as the engine places them: each a link to its body in the store."""
        bodies = {}
        for name, html in pages.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            bodies[name] = store.place(folder / name, html.encode())
        return bodies

    bodies = placed(tmp_path / "one", SAMPLE)
    first = index_site(tmp_path / "one", SETTINGS, store, cache=cache, bodies=bodies)
    assert (first.read, first.pages) == (4, 2)
    again = index_site(tmp_path / "two", SETTINGS, store, cache=cache, bodies=placed(tmp_path / "two", SAMPLE))
    assert (again.read, again.digest, again.reused) == (0, first.digest, True)

    # A page rewritten after the engine recorded it is not the stored body: it is read.
    bodies = placed(tmp_path / "three", SAMPLE)
    edited = tmp_path / "three" / "berita" / "a" / "index.html"
    edited.unlink()
    edited.write_text(page("Survei Arus", "Kapal riset memetakan arus Selat Barat."), encoding="utf-8")
    changed = index_site(tmp_path / "three", SETTINGS, store, cache=cache, bodies=bodies)
    assert (changed.read, changed.reused) == (1, False) and changed.digest != first.digest


def test_a_memo_written_before_shards_is_read_as_unknown_and_its_pages_read_again(tmp_path):
    """spans.json used to map a body to its span digest alone; an entry in that form (or any
    other) names no shard, so its page is read again rather than trusted or crashed on."""
    store, cache = OutputStore(tmp_path / "store"), tmp_path / "cache"
    bodies = {}
    for name, html in SAMPLE.items():
        (tmp_path / "site" / name).parent.mkdir(parents=True, exist_ok=True)
        bodies[name] = store.place(tmp_path / "site" / name, html.encode())
    cache.mkdir()
    (cache / search.MEMO).write_text('{"%s": "%s", "%s": 7}' % (bodies["berita/a/index.html"], "0" * 40,
                                                                 bodies["berita/b/index.html"]))
    result = index_site(tmp_path / "site", SETTINGS, store, cache=cache, bodies=bodies)
    assert (result.read, result.pages) == (4, 2)
    assert search.load_memo(cache) == {bodies[name]: span for name, span in search.scan_all(tmp_path / "site")}

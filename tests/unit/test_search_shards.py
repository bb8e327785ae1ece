"""The search index in shards (siaran.search_shards, siaran.search): which shard a page is in,
the list the search page reads, and, with the real Pagefind binary, that an edit runs Pagefind
for its own shard only while the other shards' files stay the very same files."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from siaran import search
from siaran.executor import Executor
from siaran.search import BUNDLE, ENTRY, index_site
from siaran.search_shards import UNDATED, manifest, search_order, shard_of

SETTINGS = {"DEFAULT_LANG": "id", "PATH": "unused"}


@pytest.mark.parametrize("span, shard", [
    (b'<article data-pagefind-body><time datetime="2025-03-01T09:00:00+07:00" data-pagefind-sort="date[datetime]">'
     b'1 Maret 2025</time></article>', "2025"),
    # attribute order does not matter; the first date sort key counts
    (b'<p><time data-pagefind-sort="date[datetime]" class="x" datetime="2024-12-31T23:30:00+07:00">a</time>'
     b'<time datetime="2026-01-01T00:00:00+07:00" data-pagefind-sort="date[datetime]">b</time></p>', "2024"),
    (b'<article data-pagefind-body data-pagefind-sort="date:2023-05-06">x</article>', "2023"),
    # the theme's pages sort last with "date:0000": no date, so the undated shard
    (b'<article data-pagefind-body data-pagefind-sort="date:0000">Profil</article>', UNDATED),
    (b'<article data-pagefind-body><h1>Tanpa kunci urut</h1></article>', UNDATED),
    # a datetime elsewhere on the page (not the sort key) is not the page's date
    (b'<article data-pagefind-body><time datetime="2022-01-01">x</time></article>', UNDATED),
    (b'<time data-pagefind-sort="date[datetime]">tanpa atribut</time>', UNDATED),
])
def test_a_page_is_in_the_shard_of_the_year_of_its_date_sort_key(span, shard):
    assert shard_of(span) == shard


def test_shards_are_listed_newest_year_first_and_the_undated_last():
    assert search_order({"2024", UNDATED, "2026", "2025"}) == ["2026", "2025", "2024", UNDATED]
    assert search_order(["2025"]) == ["2025"]
    assert manifest([UNDATED, "2025", "2026"]) == b'{"shards":["2026","2025","tanpa-tanggal"]}'


def release(title: str, text: str, when: str) -> str:
    return (f'<!doctype html><html lang="id"><head><title>{title}</title></head><body><main>'
            f'<!--search-index--><article data-pagefind-body><h1>{title}</h1>'
            f'<time datetime="{when}" data-pagefind-sort="date[datetime]">{when[:10]}</time>'
            f'<p>{text}</p></article><!--/search-index--></main></body></html>')


SITE = {
    "berita/2025/a/index.html": release("Survei Arus", "Kapal riset memetakan arus Selat Timur.",
                                        "2025-06-02T09:00:00+07:00"),
    "berita/2025/b/index.html": release("Sekolah Pesisir", "Murid belajar tentang pasang surut.",
                                        "2025-10-12T09:00:00+07:00"),
    "berita/2026/c/index.html": release("Penanaman Mangrove", "Warga menanam bibit mangrove di pesisir utara.",
                                        "2026-11-25T09:30:00+07:00"),
    "profil/index.html": ('<!doctype html><html lang="id"><body><!--search-index--><article data-pagefind-body '
                          'data-pagefind-sort="date:0000"><h1>Profil</h1><p>Tugas dan fungsi.</p></article>'
                          '<!--/search-index--></body></html>'),
}


def write_site(folder: Path, pages: dict[str, str]) -> Path:
    for name, html in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(html, encoding="utf-8")
    return folder


def files_of(site: Path) -> dict[str, tuple[int, bytes]]:
    """Every bundle file: (inode, bytes)."""
    root = site / BUNDLE
    return {p.relative_to(root).as_posix(): (p.stat().st_ino, p.read_bytes())
            for p in sorted(root.rglob("*")) if p.is_file()}


def in_shard(files: dict, shard: str) -> dict:
    return {name: value for name, value in files.items() if name.startswith(f"{shard}/")}


def test_each_year_and_the_undated_pages_get_a_bundle_and_one_copy_of_pagefinds_code(tmp_path):
    site = write_site(tmp_path / "site", SITE)
    made = index_site(site, SETTINGS, cache=tmp_path / "cache")
    assert (made.pages, made.shards, made.indexed) == (4, ("2026", "2025", UNDATED), ("2026", "2025", UNDATED))
    files = files_of(site)
    assert files["shards.json"][1] == b'{"shards":["2026","2025","tanpa-tanggal"]}'
    assert {name for name in files if name.rsplit("/", 1)[-1] in {"pagefind.js", "pagefind-worker.js",
                                                                   "wasm.id.pagefind"}} == {
        "2026/pagefind.js", "2026/pagefind-worker.js", "2026/wasm.id.pagefind"}, "code only with the first shard"
    counts = {shard: search.indexed_pages(site / BUNDLE / shard) for shard in made.shards}
    assert counts == {"2026": 1, "2025": 2, UNDATED: 1}
    assert all(f"{shard}/{ENTRY}" in files for shard in made.shards)


def test_an_edit_runs_pagefind_for_its_shard_only_and_keeps_the_others_files(tmp_path):
    cache = tmp_path / "cache"
    first_site = write_site(tmp_path / "one", SITE)
    index_site(first_site, SETTINGS, cache=cache)
    before = files_of(first_site)

    edited = {**SITE, "berita/2025/b/index.html": SITE["berita/2025/b/index.html"].replace("pasang surut", "ombak")}
    site = write_site(tmp_path / "two", edited)
    again = index_site(site, SETTINGS, cache=cache)
    assert (again.indexed, again.reused) == (("2025",), False), "Pagefind ran for the edited year only"
    after = files_of(site)
    for shard in ("2026", UNDATED):
        assert in_shard(after, shard) == in_shard(before, shard), f"{shard}: the same inodes and bytes"
    assert in_shard(after, "2025") != in_shard(before, "2025")
    assert after["shards.json"] == (after["shards.json"][0], before["shards.json"][1])

    unchanged = index_site(write_site(tmp_path / "three", edited), SETTINGS, cache=cache)
    assert (unchanged.indexed, unchanged.reused, unchanged.digest) == ((), True, again.digest)


def test_a_date_moved_to_another_year_reindexes_both_shards_and_equals_a_clean_index(tmp_path):
    cache = tmp_path / "cache"
    index_site(write_site(tmp_path / "one", SITE), SETTINGS, cache=cache)
    moved = {**SITE, "berita/2025/b/index.html": SITE["berita/2025/b/index.html"].replace("2025-10-12", "2026-01-05")}
    site = write_site(tmp_path / "two", moved)
    result = index_site(site, SETTINGS, cache=cache)
    assert sorted(result.indexed) == ["2025", "2026"]
    assert {shard: search.indexed_pages(site / BUNDLE / shard) for shard in result.shards} == {
        "2026": 2, "2025": 1, UNDATED: 1}
    clean = write_site(tmp_path / "clean", moved)
    index_site(clean, SETTINGS, cache=tmp_path / "empty-cache")
    assert {k: v for k, (_, v) in files_of(site).items()} == {k: v for k, (_, v) in files_of(clean).items()}

    # the last page of a year leaves: its shard leaves the list and the output
    gone = {**moved, "berita/2025/a/index.html": SITE["berita/2025/a/index.html"].replace("2025-06-02", "2026-02-01")}
    site = write_site(tmp_path / "three", gone)
    result = index_site(site, SETTINGS, cache=cache)
    assert (result.shards, result.indexed) == (("2026", UNDATED), ("2026",))
    assert not (site / BUNDLE / "2025").exists()
    assert (site / BUNDLE / "shards.json").read_bytes() == b'{"shards":["2026","tanpa-tanggal"]}'
    assert (site / BUNDLE / "2026" / "pagefind.js").exists()


def test_a_parallel_executor_indexes_the_shards_in_its_pool_with_the_same_bytes(tmp_path):
    inline = write_site(tmp_path / "inline", SITE)
    index_site(inline, SETTINGS, cache=tmp_path / "c1")
    executor = Executor(2)
    try:
        parallel = write_site(tmp_path / "parallel", SITE)
        result = index_site(parallel, SETTINGS, cache=tmp_path / "c2", executor=executor)
        assert executor._pool is not None, "the shards went to the executor's pool"
    finally:
        executor.close()
    assert len(result.indexed) == 3
    assert {k: v for k, (_, v) in files_of(parallel).items()} == {k: v for k, (_, v) in files_of(inline).items()}
    assert sorted(os.listdir(tmp_path / "c2")) == sorted(os.listdir(tmp_path / "c1")), "no temporary folder left"


def test_a_failing_shard_refuses_the_stage_and_leaves_no_index_behind(tmp_path):
    """A marked page without data-pagefind-body: Pagefind indexes one page of the 2025 shard,
    not two, so the stage is refused and no half-made index or page folder is kept."""
    broken = {**SITE, "berita/2025/b/index.html": SITE["berita/2025/b/index.html"].replace(" data-pagefind-body", "")}
    site = write_site(tmp_path / "site", broken)
    with pytest.raises(search.SearchIndexError) as error:
        index_site(site, SETTINGS, cache=tmp_path / "cache")
    assert str(error.value) == "Indeks pencarian: Pagefind mengindeks 1 halaman, seharusnya 2; indeks tidak dipakai"
    assert not (site / BUNDLE).exists()
    assert [name for name in os.listdir(tmp_path / "cache") if name.endswith((".tmp", ".pages"))] == []

"""The pure planner, table-driven: reasons, cheap-to-expensive checks, order, deletes."""
from dataclasses import replace

import pytest

from siaran.deploy.config import DeployConfig
from siaran.deploy.headers import Headers
from siaran.deploy.messages import DeployError
from siaran.deploy.local import make_file
from siaran.deploy.manifest import Manifest, ReleaseRecord
from siaran.deploy.plan import (Delete, Group, Layout, Reason, RemoteObject, Upload, is_internal, make_plan,
                                needs_metadata, upload_reason)

H = Headers("text/html; charset=utf-8", "public, max-age=300", "gzip")
FILE = make_file("berita/a/index.html", b"<p>isi</p>", H)
SAME = RemoteObject(FILE.size, f'"{FILE.md5}"')
KNOWN = Manifest({FILE.path: FILE.hash})
OTHER_HEADERS = make_file(FILE.path, b"<p>isi</p>", replace(H, cache_control="no-cache"))
REDIRECT = make_file("lama/index.html", b"r", replace(H, redirect="/baru/"))


@pytest.mark.parametrize("name, file, remote, manifest, reupload, expected", [
    ("absent", FILE, None, Manifest(), False, Reason.NEW),
    ("unchanged", FILE, SAME, KNOWN, False, None),
    ("size differs", FILE, RemoteObject(FILE.size + 1, SAME.etag), KNOWN, False, Reason.SIZE),
    ("bytes differ", FILE, RemoteObject(FILE.size, '"' + "0" * 32 + '"'), KNOWN, False, Reason.HASH),
    ("multipart etag is not trusted", FILE, RemoteObject(FILE.size, '"abc-2"'), KNOWN, False, Reason.HASH),
    ("headers changed", OTHER_HEADERS, SAME, KNOWN, False, Reason.HEADERS),
    ("no manifest, no metadata", FILE, SAME, Manifest(), False, Reason.HEADERS),
    ("no manifest, metadata vouches", FILE, replace(SAME, meta_hash=FILE.hash), Manifest(), False, None),
    ("manifest entry differs: trusted, no metadata needed", FILE, SAME, Manifest({FILE.path: "old"}), False, Reason.HEADERS),
    ("claimed by an interrupted deploy: vouches for nothing", FILE, SAME, Manifest({FILE.path: ""}), False, Reason.HEADERS),
    ("claimed, metadata vouches", FILE, replace(SAME, meta_hash=FILE.hash), Manifest({FILE.path: ""}), False, None),
    ("reupload", FILE, SAME, KNOWN, True, Reason.REUPLOAD),
    ("new redirect", REDIRECT, None, Manifest(), False, Reason.REDIRECT),
    ("unchanged redirect", REDIRECT, RemoteObject(REDIRECT.size, REDIRECT.md5), Manifest({REDIRECT.path: REDIRECT.hash}), False, None),
])
def test_upload_reason(name, file, remote, manifest, reupload, expected):
    assert upload_reason(file, remote, manifest, reupload) is expected, name


@pytest.mark.parametrize("remote, manifest, expected", [
    (None, Manifest(), False),                                   # new: no need to ask
    (RemoteObject(FILE.size + 1, SAME.etag), Manifest(), False),  # size already says changed
    (SAME, KNOWN, False),                                        # manifest vouches
    (SAME, Manifest(), True),                                    # manifest missing
    (SAME, Manifest({FILE.path: "stale"}), False),               # entry differs: trusted (upload `headers`)
    (SAME, Manifest({FILE.path: ""}), True),                     # claimed, never confirmed
])
def test_needs_metadata_only_when_manifest_cannot_vouch(remote, manifest, expected):
    assert needs_metadata(FILE, remote, manifest) is expected


LAYOUT = Layout(frozenset({"berita/2024/04/a/index.html", "siaran-pers/b/index.html"}),
                DeployConfig().detail_patterns)


@pytest.mark.parametrize("path, group", [
    ("theme/css/style.3f2a9c1b.css", Group.ASSETS),
    ("gambar/a.jpg", Group.ASSETS),
    ("social/a.json", Group.ASSETS),
    ("dokumen/a.pdf", Group.ASSETS),
    ("admin/decap-cms.js", Group.ASSETS),            # the CMS: its bundle and form before its page
    ("admin/config.yml", Group.ASSETS),
    ("admin/index.html", Group.PAGES),
    ("berita/2024/04/a/index.html", Group.DETAILS),   # listed in releases.json
    ("siaran-pers/b/index.html", Group.DETAILS),      # a release outside berita/: data, not folder names
    ("berita/index.html", Group.PAGES),               # a listing under berita/ is no release
    ("berita/2024/04/tidak-terdaftar/index.html", Group.PAGES),
    ("informasi-publik/2026/laporan-kinerja/index.html", Group.DETAILS),  # PPID register item
    ("informasi-publik/index.html", Group.PAGES),
    ("informasi-publik/tahun/2026/index.html", Group.PAGES),
    ("informasi-publik/kategori/berkala/index.html", Group.PAGES),
    ("index.html", Group.PAGES),
    ("kategori/x/index.html", Group.PAGES),
    ("404.html", Group.PAGES),
    ("rss.xml", Group.FEEDS),
    ("kategori/x/atom.xml", Group.FEEDS),
    ("kategori/x/feed.json", Group.FEEDS),
    ("sitemap.xml", Group.FEEDS),
    ("news-sitemap.xml", Group.FEEDS),
    ("robots.txt", Group.FEEDS),
    # search bundle, one folder per shard: hash-named index files before everything, each
    # shard's entry file (and the code that reads it) after the pages its results link to,
    # the list of shards that names the entry files after those
    ("pagefind/2026/fragment/id_024f239.pf_fragment", Group.ASSETS),
    ("pagefind/2026/index/id_20dcd54.pf_index", Group.ASSETS),
    ("pagefind/2025/filter/id_5e7677a.pf_filter", Group.ASSETS),
    ("pagefind/tanpa-tanggal/pagefind.id_07e1134e1f.pf_meta", Group.ASSETS),
    ("pagefind/2025/pagefind-entry.json", Group.FEEDS),
    ("pagefind/tanpa-tanggal/pagefind-entry.json", Group.FEEDS),
    ("pagefind/2026/pagefind.js", Group.FEEDS),
    ("pagefind/2026/pagefind-worker.js", Group.FEEDS),
    ("pagefind/2026/wasm.id.pagefind", Group.FEEDS),
    ("pagefind/shards.json", Group.SEARCH),
])
def test_groups(path, group):
    assert LAYOUT.group_of(make_file(path, b"x", H)) is group


def test_redirect_goes_with_pages_whatever_the_reason():
    """--reupload gives a redirect the reason REUPLOAD, not REDIRECT: it must still wait for the pages."""
    at_release_path = make_file("berita/2024/04/a/index.html", b"r", replace(H, redirect="/baru/"))
    assert LAYOUT.group_of(at_release_path) is Group.PAGES
    # the old URL of a PPID item matches the detail pattern, but it is a redirect now
    moved = make_file("informasi-publik/2025/lama/index.html", b"r", replace(H, redirect="/baru/"))
    layout = Layout(frozenset({FILE.path}), DeployConfig().detail_patterns)
    plan = make_plan([FILE, moved], {}, Manifest(), {}, reupload=True, layout=layout)
    assert [(u.file.path, u.reason, u.group) for u in plan.uploads] == [
        (FILE.path, Reason.REUPLOAD, Group.DETAILS), (moved.path, Reason.REUPLOAD, Group.PAGES)]


def test_plan_orders_groups_then_paths_and_deletes_last():
    files = [make_file(p, b"x", H) for p in
             ("rss.xml", "index.html", "berita/b/index.html", "gambar/z.jpg", "berita/a/index.html", "theme/a.css")]
    files.append(REDIRECT)
    remote = {"lama-sekali.html": RemoteObject(1, "x"), ".deploy/manifest.json": RemoteObject(1, "x"),
              "a-hilang.jpg": RemoteObject(1, "x")}
    ours = Manifest({"lama-sekali.html": "1" * 64, "a-hilang.jpg": "2" * 64})
    plan = make_plan(files, remote, ours, {"id": ReleaseRecord("baru/")},
                     layout=Layout(frozenset({"berita/a/index.html", "berita/b/index.html"})))
    assert [u.file.path for u in plan.uploads] == [
        "gambar/z.jpg", "theme/a.css", "berita/a/index.html", "berita/b/index.html",
        "index.html", "lama/index.html", "rss.xml"]
    assert [[u.file.path for u in g][0] for g in plan.groups()] == ["gambar/z.jpg", "berita/a/index.html", "index.html", "rss.xml"]
    assert plan.deletes == (Delete("a-hilang.jpg"), Delete("lama-sekali.html"))  # never the manifest
    assert plan.manifest.objects == {f.path: f.hash for f in files}
    assert plan.manifest.releases == {"id": ReleaseRecord("baru/")}


@pytest.mark.parametrize("manifest_key", [".deploy/manifest.json", "manifest.json", "a/b/m.json"])
def test_manifest_is_never_deleted_wherever_it_lives(manifest_key):
    remote = {manifest_key: RemoteObject(1, "x"), "manifest.json.bak": RemoteObject(1, "x"),
              "lama.html": RemoteObject(1, "x")}
    ours = Manifest({path: "1" * 64 for path in remote})  # even if the manifest names itself
    plan = make_plan([FILE], remote, ours, {}, manifest_path=manifest_key)
    assert manifest_key not in {d.path for d in plan.deletes}
    assert {"lama.html", "manifest.json.bak"} <= {d.path for d in plan.deletes}


KEYS = {path: RemoteObject(1, "x") for path in (
    "berita/lama/index.html",           # ours (previous manifest), gone from the site: deleted
    "gambar/lama.jpg",                  # ours, gone: deleted
    "berita/a/index.html",              # ours, still in the site: uploaded or unchanged, never deleted
    ".well-known/security.txt",         # not ours: kept
    "google1a2b3c4d5e6f7a8b.html",      # a search console verification file: kept
    "situs-lain/index.html",            # another site under a sibling prefix of a bucket-root target
    ".deploy/manifest.json",            # the manifest itself
)}
OURS = {"berita/lama/index.html": "1" * 64, "gambar/lama.jpg": "2" * 64, FILE.path: FILE.hash,
        "sudah-dihapus/index.html": "3" * 64}   # in the manifest, gone from the bucket: nothing to do


@pytest.mark.parametrize("name, previous, expected_deletes, kept", [
    ("deletes come from the manifest only", Manifest(OURS), ["berita/lama/index.html", "gambar/lama.jpg"], 3),
    ("first deploy (no manifest): no delete at all", Manifest(lost=True), [], 5),
    ("a manifest naming nothing we have: no delete", Manifest({"x.html": "1" * 64}), [], 5),
])
def test_only_what_siaran_uploaded_is_deleted(name, previous, expected_deletes, kept):
    plan = make_plan([FILE], KEYS, previous, {})
    assert ([d.path for d in plan.deletes], plan.kept) == (expected_deletes, kept), name
    assert all(d.reason is Reason.DELETE for d in plan.deletes)


def test_plan_claims_the_objects_it_creates_before_uploading():
    """The claim is the previous manifest plus every path the plan creates (uploads the manifest
    does not name yet), each vouching for nothing; the same serial, so it is no deploy of its own."""
    new = make_file("berita/baru/index.html", b"<p>baru</p>", H)
    previous = Manifest({FILE.path: "0" * 64}, {"id": ReleaseRecord("berita/a/")}, serial=7)
    plan = make_plan([FILE, new], {FILE.path: SAME}, previous, {})
    assert plan.claim == Manifest({FILE.path: "0" * 64, new.path: ""}, {"id": ReleaseRecord("berita/a/")}, serial=7)
    assert plan.manifest.objects == {FILE.path: FILE.hash, new.path: new.hash} and plan.manifest.serial == 8
    # nothing new (only a changed object): no claim, one manifest write
    assert make_plan([FILE], {FILE.path: SAME}, previous, {}).claim is None


def test_is_internal():
    assert is_internal(".deploy/manifest.json", ".deploy/manifest.json")
    assert is_internal(".deploy/lain.json", ".deploy/manifest.json")
    assert is_internal("manifest.json", "manifest.json")
    assert not is_internal("manifest.json/x", "manifest.json")
    assert not is_internal("index.html", "manifest.json")


@pytest.mark.parametrize("key", ["", "/manifest.json", "manifest.json/", ".deploy//m.json", "../m.json",
                                 "a/./m.json", " m.json"])
def test_config_refuses_bad_manifest_keys(key):
    with pytest.raises(DeployError, match="manifest_key tidak sah"):
        DeployConfig(manifest_key=key)


def test_plan_counts_unchanged_and_is_pure():
    remote = {FILE.path: SAME}
    before = dict(remote)
    plan = make_plan([FILE], remote, KNOWN, {})
    assert (plan.uploads, plan.deletes, plan.unchanged) == ((), (), 1)
    assert remote == before


def test_dry_run_lines_name_the_reason():
    assert str(Upload(FILE, Reason.NEW)) == "new      berita/a/index.html"
    assert str(Upload(REDIRECT, Reason.REDIRECT)) == "redirect lama/index.html -> /baru/"
    assert str(Delete("x.html")) == "delete   x.html"
    assert Upload(REDIRECT, Reason.REDIRECT).group is Group.PAGES
    assert Upload(REDIRECT, Reason.REUPLOAD).group is Group.PAGES


def test_a_real_sharded_search_bundle_goes_up_files_then_entries_then_the_list_of_shards(tmp_path):
    """A bundle made by the real Pagefind in shards (siaran.search): every index file (hash-named,
    immutable) goes before the entry file that names it, every entry file (short-lived) before
    the list of shards that names it, and the list last; a shard's entry is what names its
    metadata, and the metadata its index and filter files."""
    import json as json_
    import re as re_

    from siaran.deploy.config import LONG_CACHE, SHORT_CACHE
    from siaran.deploy.local import walk_local
    from siaran.search import BUNDLE, ENTRY, SHARDS_FILE, index_site

    site = tmp_path / "site"
    for year, slug in (("2025", "a"), ("2026", "b")):
        page = site / "berita" / year / slug / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<html lang="id"><body><!--search-index--><article data-pagefind-body><h1>Rilis {slug}</h1>'
                        f'<time datetime="{year}-05-01T09:00:00+07:00" data-pagefind-sort="date[datetime]">x</time>'
                        f'<p data-pagefind-filter="unit">Biro Humas</p><p>Isi rilis {slug}.</p></article>'
                        f'<!--/search-index--></body></html>', encoding="utf-8")
    index_site(site, {"DEFAULT_LANG": "id", "PATH": "unused"}, cache=tmp_path / "cache")
    files = [f for f in walk_local(site, DeployConfig()) if f.path.startswith(f"{BUNDLE}/")]
    plan = make_plan(files, {}, Manifest(), {})
    order = [u.file.path for u in plan.uploads]
    assert order[-1] == SHARDS_FILE and plan.uploads[-1].group is Group.SEARCH
    for shard in ("2026", "2025"):
        entry = f"{BUNDLE}/{shard}/{ENTRY}"
        named = [path for path in order if path.startswith(f"{BUNDLE}/{shard}/") and path != entry
                 and not path.endswith((".js", ".pagefind"))]
        assert named and all(order.index(path) < order.index(entry) for path in named), shard
        assert next(u for u in plan.uploads if u.file.path == entry).group is Group.FEEDS
        meta = json_.loads((site / entry).read_bytes())["languages"]["id"]["hash"]
        assert f"{BUNDLE}/{shard}/pagefind.{meta}.pf_meta" in named
    by_path = {f.path: f for f in files}
    for path, file in by_path.items():
        fingerprinted = re_.search(r"/(fragment|index|filter)/|\.pf_meta$", path) is not None
        assert file.headers.cache_control == (LONG_CACHE if fingerprinted else SHORT_CACHE), path
    assert {p for p in by_path if p.endswith(("pagefind.js", "pagefind-worker.js", "wasm.id.pagefind"))} == {
        f"{BUNDLE}/2026/pagefind.js", f"{BUNDLE}/2026/pagefind-worker.js", f"{BUNDLE}/2026/wasm.id.pagefind"}

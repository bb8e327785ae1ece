"""The whole pipeline against an in-memory bucket: idempotence, max-deletes, dry-run,
interrupted deploys, retries, header-rule changes, the CLI's one-line errors."""
import json
from dataclasses import replace
from pathlib import Path

import pytest
from invoke.exceptions import Exit

from siaran.deploy import DeployConfig, DeployError, deploy
from siaran.deploy.apply import retrying
from siaran.deploy.manifest import Manifest
from siaran.deploy.headers import headers_for
from siaran.deploy.local import make_file
from siaran.deploy.plan import Reason, Upload
from tests.s3.deploy_sample import sample_releases, write_sample_site
from siaran.deploy.store import MemoryStore, TransientError
from siaran.deploy.target import Target
from siaran.deploy.tasks import run_deploy

TARGET = Target("situs-uji")
FAST = DeployConfig(backoff=0.001, retries=3)


def site(tmp_path: Path, releases=None) -> Path:
    return write_sample_site(tmp_path / "out", releases if releases is not None else sample_releases(12))


def test_second_deploy_after_rebuild_uploads_nothing(tmp_path):
    store = MemoryStore()
    first = deploy(site(tmp_path), TARGET, store=store, config=FAST)
    assert first.uploaded == len(store.puts) > 0 and first.unchanged == 0
    store.puts.clear()
    second = deploy(site(tmp_path), TARGET, store=store, config=FAST)  # clean rebuild: new mtimes
    assert (second.uploaded, second.deleted, second.unchanged, store.puts) == (0, 0, first.uploaded, [])


def test_edit_uploads_only_changed_objects(tmp_path):
    releases = sample_releases(12)
    store = MemoryStore()
    deploy(site(tmp_path, releases), TARGET, store=store, config=FAST)
    store.puts.clear()
    releases[3] = replace(releases[3], body="koreksi")
    summary = deploy(site(tmp_path, releases), TARGET, store=store, config=FAST)
    # the page itself, plus the top-level feeds/sitemaps that list the 20 latest releases
    assert sorted(store.puts) == sorted([releases[3].url + "index.html", "atom.xml", "feed.json",
                                         "news-sitemap.xml", "rss.xml", "sitemap.xml"])
    assert summary.uploaded == 6


def test_manifest_written_last_and_skipped_when_unchanged(tmp_path):
    releases = sample_releases(12)
    store = MemoryStore()
    deploy(site(tmp_path, releases), TARGET, store=store, config=FAST)
    writes = [path for op, path in store.requests if op in ("put", "delete")]
    # first the claim (every object about to be created, vouching for nothing), last the manifest
    assert writes[0] == writes[-1] == ".deploy/manifest.json" and writes.count(".deploy/manifest.json") == 2
    # with deletes too: the manifest still comes after every upload and every delete
    releases[0] = replace(releases[0], body="diedit")
    store.requests.clear()
    deploy(site(tmp_path, releases[:11]), TARGET, store=store, config=FAST)
    writes = [(op, path) for op, path in store.requests if op in ("put", "delete")]
    assert ("delete", releases[11].url + "index.html") in writes and ("put", releases[0].url + "index.html") in writes
    assert writes[-1] == ("put", ".deploy/manifest.json")
    manifest = Manifest.from_bytes(store.get(".deploy/manifest.json"))
    assert set(manifest.objects) == {p for p in store.objects if not p.startswith(".deploy/")}
    raw = store.get(".deploy/manifest.json")

    class Spy(MemoryStore):
        def put_raw(self, *args):
            raise AssertionError("manifest rewritten although nothing changed")
    spy = Spy()
    spy.objects = store.objects
    deploy(site(tmp_path, releases[:11]), TARGET, store=spy, config=FAST)
    assert store.get(".deploy/manifest.json") == raw


def test_header_rule_change_reuploads_affected_objects_without_head_requests(tmp_path):
    store = MemoryStore()
    deploy(site(tmp_path), TARGET, store=store, config=FAST)
    store.puts.clear()
    store.requests.clear()
    config = replace(FAST, cache_rules=((r"^gambar/", "public, max-age=60"),) + FAST.cache_rules)
    lines = []
    summary = deploy(site(tmp_path), TARGET, store=store, config=config, dry_run=True, echo=lines.append)
    images = sorted(p for p in store.objects if p.startswith("gambar/"))
    assert lines == [f"headers  {p}" for p in images] + ["manifest .deploy/manifest.json"]
    summary = deploy(site(tmp_path), TARGET, store=store, config=config)
    assert sorted(store.puts) == images and summary.uploaded == len(images)
    # one listing and one manifest read per run; the manifest vouched, so no HEAD at all
    assert sorted(op for op, _ in store.requests if op not in ("put",)) == ["get", "get", "list", "list"]


def test_head_only_for_objects_the_manifest_does_not_know(tmp_path):
    store = MemoryStore()
    deploy(site(tmp_path), TARGET, store=store, config=FAST)
    manifest = Manifest.from_bytes(store.get(".deploy/manifest.json"))
    forgotten = sorted(manifest.objects)[:3]
    for path in forgotten:
        del manifest.objects[path]
    store.objects[".deploy/manifest.json"] = (manifest.to_bytes(), {})
    store.requests.clear()
    assert deploy(site(tmp_path), TARGET, store=store, config=FAST).uploaded == 0
    assert sorted(store.heads) == forgotten


def test_lost_manifest_falls_back_to_object_metadata(tmp_path):
    store = MemoryStore()
    deploy(site(tmp_path), TARGET, store=store, config=FAST)
    del store.objects[".deploy/manifest.json"]
    store.puts.clear()
    assert deploy(site(tmp_path), TARGET, store=store, config=FAST).uploaded == 0


@pytest.mark.parametrize("damage", ["lost", "corrupt", "newer format"])
def test_lost_manifest_deletes_nothing_and_recovers_redirects(tmp_path, damage):
    """Without a readable manifest nothing says what Siaran uploaded: nothing is deleted (strays
    included), and redirects to current releases become aliases again from their metadata."""
    releases = sample_releases(12)
    store = MemoryStore()
    deploy(site(tmp_path, releases), TARGET, store=store, config=FAST)
    old = releases[1].url
    releases[1] = replace(releases[1], url="berita/2024/02/rilis-baru/")
    deploy(site(tmp_path, releases), TARGET, store=store, config=FAST)
    # a foreign redirect (no release points there) that only its metadata describes
    foreign = make_file("arsip/lama/index.html", b"r", replace(headers_for("x.html", FAST), redirect="/profil/"))
    store.put(Upload(foreign, Reason.REDIRECT))
    assert old + "index.html" in store.objects
    if damage == "lost":
        del store.objects[".deploy/manifest.json"]
    elif damage == "corrupt":
        store.objects[".deploy/manifest.json"] = (b"{rusak", {})
    else:
        store.objects[".deploy/manifest.json"] = (b'{"version": 2, "objects": {"lama.html": "x"}}', {})
    store.objects["lama.html"] = (b"<p>bukan pengalihan</p>", {})  # strays: nobody says they are ours
    store.objects["gambar/lama.jpg"] = (b"\xff" * 5000, {})
    store.puts.clear()
    store.requests.clear()
    summary = deploy(site(tmp_path, releases), TARGET, store=store, config=FAST)
    # kept: the foreign redirect and both strays (the release's old URL is its alias again)
    assert (summary.deleted, summary.kept, store.puts) == (0, 3, [])
    assert "lama.html" in store.objects and "gambar/lama.jpg" in store.objects
    # objects the site lacks: one HEAD per small .html object, none for the image, none twice
    # (the site's own objects get theirs from the usual lost-manifest fallback)
    strays = ["arsip/lama/index.html", old + "index.html", "lama.html", "gambar/lama.jpg"]
    assert [store.heads.count(p) for p in strays] == [1, 1, 1, 0]
    assert len(store.heads) == len(set(store.heads))
    assert {old + "index.html", "arsip/lama/index.html"} <= set(store.objects)
    # the alias is known again: the next deploy (manifest present) keeps the release's redirect
    manifest = Manifest.from_bytes(store.get(".deploy/manifest.json"))
    assert manifest.releases[releases[1].id].aliases == (old,)
    releases[1] = replace(releases[1], url="berita/2024/02/rilis-ketiga/")
    deploy(site(tmp_path, releases), TARGET, store=store, config=FAST)
    assert store.objects[old + "index.html"][1]["headers"].redirect == "/berita/2024/02/rilis-ketiga/"


def test_manifest_without_folder_is_not_deleted(tmp_path):
    config = replace(FAST, manifest_key="manifest.json")
    store = MemoryStore()
    deploy(site(tmp_path), TARGET, store=store, config=config)
    summary = deploy(site(tmp_path, sample_releases(11)), TARGET, store=store, config=config)
    assert "manifest.json" in store.objects and summary.deleted == 1
    assert ("delete", "manifest.json") not in store.requests
    (tmp_path / "out" / "manifest.json").write_text("{}")
    with pytest.raises(DeployError, match="bentrok dengan berkas situs"):
        deploy(tmp_path / "out", TARGET, store=store, config=config)


def test_release_and_ppid_detail_pages_go_before_listings(tmp_path):
    """Data-driven: releases.json says which pages are releases (wherever they live); the PPID
    register pattern adds informasi-publik/<year>/<slug>/."""
    releases = [replace(r, url=f"siaran-pers/{n}/") for n, r in enumerate(sample_releases(3))]
    out = site(tmp_path, releases)
    for path in ("informasi-publik/2026/laporan-kinerja/index.html", "informasi-publik/index.html",
                 "berita/index.html"):
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text("<p>x</p>")
    store, lines = MemoryStore(), []
    deploy(out, TARGET, store=store, config=FAST, dry_run=True, echo=lines.append)
    html = [line.split()[1] for line in lines if line.endswith(".html")]
    details = [r.url + "index.html" for r in releases] + ["informasi-publik/2026/laporan-kinerja/index.html"]
    assert sorted(html[: len(details)]) == sorted(details)
    assert {"berita/index.html", "informasi-publik/index.html", "index.html"} <= set(html[len(details):])


def test_dry_run_does_not_write_the_digest_cache(tmp_path):
    cache = tmp_path / "project" / ".cache"
    deploy(site(tmp_path), TARGET, store=MemoryStore(), config=FAST, dry_run=True, echo=lambda line: None,
           cache_dir=cache)
    assert not cache.exists()
    deploy(site(tmp_path), TARGET, store=MemoryStore(), config=FAST, cache_dir=cache)
    assert (cache / "deploy-digests.json").is_file()
    assert not (tmp_path / ".cache").exists()  # not beside the output folder


def test_cli_keeps_the_digest_cache_in_the_project(tmp_path, monkeypatch):
    import siaran.deploy.pipeline as pipeline

    seen = {}
    monkeypatch.setattr(pipeline, "deploy", lambda *a, **kw: seen.update(kw) or (_ for _ in ()).throw(KeyboardInterrupt))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(Exit):
        run_deploy(str(tmp_path / "elsewhere" / "out"), "s3://situs-uji", False, 256, False, "", 4)
    assert seen["cache_dir"] == tmp_path / ".cache"


def test_max_deletes_refuses_before_any_change(tmp_path):
    store = MemoryStore()
    deploy(site(tmp_path, sample_releases(12)), TARGET, store=store, config=FAST)
    before = dict(store.objects)
    with pytest.raises(DeployError) as info:
        deploy(site(tmp_path, sample_releases(2)), TARGET, store=store, config=replace(FAST, max_deletes=3))
    # minus the manifest; plus releases.json and the build marker, which are never uploaded
    count = len(store.objects) - 1 - len(list((tmp_path / "out").rglob("*.*"))) + 2
    assert str(info.value) == (f"deploy dibatalkan: {count} objek akan dihapus, melebihi batas 3; periksa folder "
                               f"output, atau naikkan batas dengan --max-deletes {count}")
    assert store.objects == before


def test_dry_run_changes_nothing_and_prints_one_line_per_action(tmp_path):
    releases = sample_releases(12)
    store = MemoryStore()
    deploy(site(tmp_path, releases), TARGET, store=store, config=FAST)
    before = dict(store.objects)
    releases[1] = replace(releases[1], url="berita/2024/02/rilis-baru/")
    out = site(tmp_path, releases[:11])
    (out / "gambar" / "rilis-0000.jpg").write_bytes(b"baru")
    lines = []
    summary = deploy(out, TARGET, store=store, config=FAST, dry_run=True, echo=lines.append)
    assert store.objects == before
    assert lines == [
        "size     gambar/rilis-0000.jpg",
        "new      berita/2024/02/rilis-baru/index.html",
        "redirect berita/2024/02/rilis-0001/index.html -> /berita/2024/02/rilis-baru/",
        "size     atom.xml",
        "size     feed.json",
        "size     news-sitemap.xml",
        "size     rss.xml",
        "size     sitemap.xml",
        "delete   berita/2024/12/rilis-0011/index.html",
        "manifest .deploy/manifest.json",
    ]
    assert summary.dry_run and str(summary).startswith("[dry-run] deploy selesai: 8 diunggah")


class FailingStore(MemoryStore):
    """Accepts `allowed` uploads, then every write fails like a dead server."""

    def __init__(self, allowed: int):
        super().__init__()
        self.allowed = allowed

    def put(self, upload: Upload) -> None:
        with self._lock:
            if self.allowed <= 0:
                raise TransientError(DeployError("unreachable", endpoint="mem://", detail="down"))
            self.allowed -= 1
        super().put(upload)


def test_interrupted_deploy_deletes_nothing_and_rerun_converges(tmp_path):
    releases = sample_releases(12)
    store = FailingStore(allowed=10_000)
    deploy(site(tmp_path, releases), TARGET, store=store, config=FAST)
    old_page = releases[11].url + "index.html"
    manifest_v1 = store.get(".deploy/manifest.json")
    new = [replace(r, body="v2") for r in releases[:11]]
    store.allowed, store.puts = 4, []
    with pytest.raises(DeployError, match="tidak dapat dihubungi"):
        deploy(site(tmp_path, new), TARGET, store=store, config=replace(FAST, workers=2))
    assert len(store.puts) == 4
    assert old_page in store.objects  # nothing live deleted
    assert store.get(".deploy/manifest.json") == manifest_v1  # manifest only after success
    assert not any(p.endswith(".xml") for p in store.puts)  # feeds wait for pages
    store.allowed, store.puts = 10_000, []
    summary = deploy(site(tmp_path, new), TARGET, store=store, config=FAST)
    # 11 pages + 5 top-level feeds, the 4 already sent included: their old manifest entry is
    # trusted (upload `headers`) instead of being confirmed with one HEAD each
    assert summary.uploaded == 11 + 5 and summary.deleted == 1 and store.heads == []
    assert old_page not in store.objects
    assert deploy(site(tmp_path, new), TARGET, store=store, config=FAST).uploaded == 0


def test_retrying_backs_off_exponentially_then_gives_the_final_error():
    sleeps, calls = [], []

    def flaky():
        calls.append(1)
        raise TransientError(DeployError("unreachable", endpoint="http://x", detail="refused"))
    with pytest.raises(DeployError) as info:
        retrying(flaky, DeployConfig(retries=4, backoff=0.5), sleep=sleeps.append)
    assert (len(calls), sleeps) == (4, [0.5, 1.0, 2.0])
    assert str(info.value) == "server penyimpanan tidak dapat dihubungi: http://x (refused)"
    results = iter([TransientError(DeployError("unreachable", endpoint="x", detail="y")), "ok"])

    def once_flaky():
        item = next(results)
        if isinstance(item, Exception):
            raise item
        return item
    assert retrying(once_flaky, DeployConfig(), sleep=lambda s: None) == "ok"


def test_report_json(tmp_path):
    summary = deploy(site(tmp_path), TARGET, store=MemoryStore(), config=FAST)
    data = json.loads(summary.to_json())
    assert set(data) == {"uploaded", "unchanged", "deleted", "kept", "redirected", "bytes", "seconds", "dry_run"}
    assert data["uploaded"] == summary.uploaded and data["bytes"] > 0


def test_cli_errors_are_one_line(tmp_path, monkeypatch):
    monkeypatch.delenv("DEPLOY_TARGET", raising=False)
    with pytest.raises(Exit) as info:
        run_deploy(str(tmp_path), "", False, 256, False, "", 4)
    assert (info.value.code, info.value.message) == (1, "deploy: target deploy belum diisi: pakai --target "
                                                        "s3://BUCKET[/PREFIX] atau variabel DEPLOY_TARGET")
    monkeypatch.setenv("DEPLOY_TARGET", "s3://situs-uji")
    with pytest.raises(Exit) as info:
        run_deploy(str(tmp_path / "tidak-ada"), "", False, 256, False, "", 4)
    assert info.value.message == f"deploy: folder hasil build tidak ditemukan: {tmp_path / 'tidak-ada'} (jalankan build dulu)"
    with pytest.raises(Exit) as info:
        run_deploy(str(tmp_path), "", False, 256, False, "", 4, str(tmp_path / "tidak-ada.py"))
    assert info.value.message.startswith(f"deploy: file setelan tidak terbaca: {tmp_path / 'tidak-ada.py'} (")


def test_ctrl_c_mid_upload_deletes_nothing_and_cli_says_so(tmp_path, monkeypatch):
    releases = sample_releases(12)
    store = MemoryStore()
    deploy(site(tmp_path, releases), TARGET, store=store, config=FAST)
    manifest = store.get(".deploy/manifest.json")

    class Interrupted(MemoryStore):
        def put(self, upload):
            raise KeyboardInterrupt
    interrupted = Interrupted()
    interrupted.objects = store.objects
    with pytest.raises(KeyboardInterrupt):
        deploy(site(tmp_path, [replace(r, body="x") for r in releases[:6]]), TARGET, store=interrupted, config=FAST)
    assert releases[11].url + "index.html" in store.objects
    assert store.get(".deploy/manifest.json") == manifest

    import siaran.deploy.pipeline as pipeline

    def stop(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(pipeline, "deploy", stop)
    with pytest.raises(Exit) as info:
        run_deploy(str(tmp_path), "s3://situs-uji", False, 256, False, "", 4)
    assert (info.value.code, info.value.message) == (130, "deploy: deploy terhenti sebelum selesai; jalankan ulang "
                                                          "untuk melanjutkan (penghapusan baru dimulai setelah semua "
                                                          "unggahan berhasil)")


def test_reupload_uploads_everything_and_force_does_not(tmp_path):
    store = MemoryStore()
    first = deploy(site(tmp_path), TARGET, store=store, config=FAST)
    store.puts.clear()
    assert deploy(site(tmp_path), TARGET, store=store, config=FAST, force=True).uploaded == 0
    again = deploy(site(tmp_path), TARGET, store=store, config=FAST, reupload=True)
    assert again.uploaded == first.uploaded == len(store.puts)


def test_a_deploy_leaves_no_thread_behind(tmp_path):
    # tqdm's monitor thread would outlive the deploy and keep a later build in
    # the same process (serve, the test suite) from forking its page workers.
    import threading
    before = {thread.ident for thread in threading.enumerate()}
    from siaran.deploy.apply import Progress
    with Progress(total=2, disable=False, leave=False) as bar:
        bar.update(2)
    assert {thread.ident for thread in threading.enumerate()} - before == set()


def test_objects_siaran_never_uploaded_survive_every_deploy(tmp_path):
    """Target at the bucket root: another site under a prefix, .well-known/ and a verification
    file were there first; they survive the first deploy, a shrinking one and a --reupload."""
    store = MemoryStore()
    foreign = {"situs-lain/index.html": b"<p>lain</p>", "situs-lain/berita/a/index.html": b"<p>a</p>",
               ".well-known/security.txt": b"Contact: mailto:csirt@brpkn.example\n",
               "google1a2b3c4d5e6f7a8b.html": b"google-site-verification: google1a2b3c4d5e6f7a8b.html"}
    for path, body in foreign.items():
        store.objects[path] = (body, {})
    first = deploy(site(tmp_path, sample_releases(12)), TARGET, store=store, config=FAST)
    assert (first.deleted, first.kept) == (0, 4)
    shrunk = deploy(site(tmp_path, sample_releases(11)), TARGET, store=store, config=FAST, reupload=True)
    assert (shrunk.deleted, shrunk.kept) == (1, 4)  # release 11's page (it had no image)
    assert {path: store.objects[path][0] for path in foreign} == foreign
    assert str(shrunk).startswith("deploy selesai: 70 diunggah, 0 tidak berubah, 1 dihapus, 4 objek lain dibiarkan, ")


def test_an_interrupted_deploy_claims_what_it_creates(tmp_path):
    """A new release is uploaded, the deploy dies before its manifest; the release is then
    withdrawn.  The claim written before the uploads makes the rerun delete it."""
    releases = sample_releases(12)
    store = FailingStore(allowed=10_000)
    deploy(site(tmp_path, releases), TARGET, store=store, config=FAST)
    extra = sample_releases(13)[12]
    store.allowed = 2   # the new release's image and page (assets and details go first), then death
    with pytest.raises(DeployError):
        deploy(site(tmp_path, [*releases, extra]), TARGET, store=store, config=replace(FAST, workers=1))
    page = extra.url + "index.html"
    assert page in store.objects
    claim = Manifest.from_bytes(store.get(".deploy/manifest.json"))
    assert claim.objects[page] == "" and claim.serial == 1
    store.allowed = 10_000
    summary = deploy(site(tmp_path, releases), TARGET, store=store, config=FAST)
    assert page not in store.objects and summary.deleted == 2 and summary.kept == 0


def test_a_tampered_manifest_stops_the_deploy_before_any_write(tmp_path):
    store = MemoryStore()
    releases = sample_releases(12)
    deploy(site(tmp_path, releases), TARGET, store=store, config=FAST)
    manifest = json.loads(store.get(".deploy/manifest.json"))
    manifest["releases"][releases[0].id]["aliases"] = ["../situs-lain/"]
    store.objects[".deploy/manifest.json"] = (json.dumps(manifest).encode(), {})
    before = dict(store.objects)
    store.requests.clear()
    with pytest.raises(DeployError, match=r"^manifest deploy \.deploy/manifest\.json ditolak: "
                                          r"releases\[.*\]\.aliases\[0\] '\.\./situs-lain/' memuat segmen"):
        deploy(site(tmp_path, releases[:6]), TARGET, store=store, config=FAST)
    assert store.objects == before
    assert {op for op, _ in store.requests} <= {"list", "get"}


def test_a_development_build_is_refused_before_the_bucket_is_asked(tmp_path):
    from siaran.marker import BuildMarker

    dev = BuildMarker("pelicanconf.py", "http://127.0.0.1:8000", 0, "b" * 64)
    out = write_sample_site(tmp_path / "out", sample_releases(3), marker=dev)
    store = MemoryStore()
    with pytest.raises(DeployError, match="bukan untuk publikasi: SITEURL http://127.0.0.1:8000"):
        deploy(out, TARGET, store=store, config=FAST)
    assert store.requests == []
    assert deploy(out, TARGET, store=store, config=FAST, force=True).uploaded > 0


def test_the_target_settings_refuse_a_build_for_another_site(tmp_path):
    from tests.s3.deploy_sample import SAMPLE_MARKER

    out = site(tmp_path)
    other = replace(SAMPLE_MARKER, siteurl="https://humas.lain.example")
    with pytest.raises(DeployError, match="dibuat untuk SITEURL https://situs-uji.example, sedangkan "
                                          "publishconf.py menetapkan https://humas.lain.example"):
        deploy(out, TARGET, store=MemoryStore(), config=replace(FAST, expected_build=other))
    assert deploy(out, TARGET, store=MemoryStore(), config=replace(FAST, expected_build=SAMPLE_MARKER)).uploaded


def test_releases_json_with_an_unsafe_url_is_refused(tmp_path):
    releases = sample_releases(3)
    releases[1] = replace(releases[1], redirect_from=("../../situs-lain/",))
    store = MemoryStore()
    with pytest.raises(DeployError) as info:
        deploy(site(tmp_path, releases), TARGET, store=store, config=FAST)
    assert str(info.value) == (f"_siaran/releases.json memuat URL tidak aman untuk rilis {releases[1].id}: "
                               "'../../situs-lain/' (memuat segmen . atau ..); deploy dibatalkan")
    assert [op for op, _ in store.requests if op in ("put", "delete")] == []

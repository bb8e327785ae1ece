"""Safe object paths and release URLs, and the manifest check built on them: a tampered
manifest is refused with the entry that is wrong, a damaged one is merely lost."""
import json

import pytest

from siaran.deploy.keys import path_problem, url_problem
from siaran.deploy.manifest import Manifest, ReleaseRecord
from siaran.deploy.messages import DeployError

SHA = "a" * 64


@pytest.mark.parametrize("path, problem", [
    ("index.html", None),
    ("berita/2024/05/judul/index.html", None),
    (".well-known/security.txt", None),
    ("berita/2024/05/jalan-cepat…/index.html", None),       # non-ASCII is fine
    ("", "kosong"),
    ("/etc/passwd", "path absolut"),
    ("../situs-lain/index.html", "memuat segmen . atau .."),
    ("berita/../../situs-lain/index.html", "memuat segmen . atau .."),
    ("./index.html", "memuat segmen . atau .."),
    ("berita//index.html", "memuat segmen kosong"),
    ("berita/", "memuat segmen kosong"),
    ("berita\\..\\x.html", "memuat garis miring terbalik"),
    ("berita/a\nb/index.html", "memuat karakter kendali"),
    ("berita/a\x00/index.html", "memuat karakter kendali"),
    ("berita/\u202eatad/index.html", "memuat karakter kendali"),   # right-to-left override
    ("berita/a\u2028b.html", "memuat karakter kendali"),
    ("a" * 1025, "lebih dari 1024 bita"),
    (42, "bukan teks"),
    (None, "bukan teks"),
])
def test_path_problem(path, problem):
    assert path_problem(path) == problem


@pytest.mark.parametrize("url, problem", [
    ("berita/2024/05/judul/", None),
    ("arsip/lama.html", None),
    ("", "kosong"),
    ("/", "kosong"),
    ("//evil.example/", "path absolut"),
    ("../lain/", "memuat segmen . atau .."),
    ("berita/x/?a=1", "memuat ? atau #"),
    ("berita/x/#top", "memuat ? atau #"),
    (["berita/x/"], "bukan teks"),
])
def test_url_problem(url, problem):
    assert url_problem(url) == problem


def manifest(objects=None, releases=None) -> bytes:
    return json.dumps({"version": 1, "serial": 3, "objects": objects if objects is not None else {"index.html": SHA},
                       "releases": releases if releases is not None else {}}).encode()


def test_a_safe_manifest_reads_back():
    raw = manifest({"index.html": SHA, "berita/a/index.html": ""},
                   {"id-1": {"url": "berita/a/", "aliases": ["lama/a/", "arsip/a.html"]}})
    assert Manifest.from_bytes(raw) == Manifest({"index.html": SHA, "berita/a/index.html": ""},
                                                {"id-1": ReleaseRecord("berita/a/", ("lama/a/", "arsip/a.html"))}, 3)


@pytest.mark.parametrize("raw, detail", [
    (manifest({"../situs-lain/index.html": SHA}),
     "objects '../situs-lain/index.html' memuat segmen . atau .."),
    (manifest({"/index.html": SHA}), "objects '/index.html' path absolut"),
    (manifest({"index.html": "bukan-sidik"}), "objects[index.html] 'bukan-sidik' bukan sidik SHA-256"),
    (manifest(releases={"id-1": {"url": "berita/a/", "aliases": ["../../situs-lain/"]}}),
     "releases[id-1].aliases[0] '../../situs-lain/' memuat segmen . atau .."),
    (manifest(releases={"id-1": {"url": "berita/a/", "aliases": ["ok/", "lama\r\nx/"]}}),
     "releases[id-1].aliases[1] 'lama\\r\\nx/' memuat karakter kendali"),
    (manifest(releases={"id-1": {"url": "berita/a/", "aliases": "lama/"}}),
     "releases[id-1].aliases 'lama/' bukan daftar"),
    (manifest(releases={"id-1": {"url": "/etc/", "aliases": []}}), "releases[id-1].url '/etc/' path absolut"),
    (manifest(releases={"id-1": "berita/a/"}), "releases[id-1] 'berita/a/' bukan objek"),
])
def test_a_tampered_manifest_is_refused_naming_the_entry(raw, detail):
    with pytest.raises(DeployError) as info:
        Manifest.from_bytes(raw, key="www/.deploy/manifest.json")
    assert str(info.value) == (
        f"manifest deploy www/.deploy/manifest.json ditolak: {detail}. Tidak ada yang diunggah atau dihapus. "
        "Manifest ini tidak ditulis oleh Siaran: periksa siapa yang dapat menulis ke bucket, lalu hapus "
        "www/.deploy/manifest.json (tanpa manifest, deploy berikutnya tidak menghapus apa pun)")


@pytest.mark.parametrize("raw", [
    b"{rusak",                                                      # damaged
    b'{"version": 2, "objects": {"../x": "y"}, "releases": {}}',   # a format this version cannot read
    b'{"version": 1, "objects": [], "releases": {}}',
])
def test_a_damaged_or_unknown_manifest_is_lost_not_refused(raw, caplog):
    assert Manifest.from_bytes(raw).lost
    assert "manifest deploy tidak terbaca, diabaikan" in caplog.text


def test_claim_adds_only_new_paths_vouching_for_nothing():
    before = Manifest({"a.html": SHA}, {"id": ReleaseRecord("a/")}, serial=2)
    assert before.claim(["a.html", "b.html"]) == Manifest({"a.html": SHA, "b.html": ""}, before.releases, 2)
    assert Manifest.from_bytes(before.claim(["b.html"]).to_bytes()).objects == {"a.html": SHA, "b.html": ""}

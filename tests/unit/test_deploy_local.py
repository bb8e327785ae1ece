"""Local walk: deterministic gzip, fingerprints over body and headers, sorted walk, exclusions."""
import gzip
import os
from dataclasses import replace

from siaran.deploy.config import DeployConfig
from siaran.deploy.headers import Headers
from siaran.deploy.local import Release, gzip_bytes, make_file, read_releases, walk_local
from tests.s3.deploy_sample import sample_releases, write_sample_site

HTML = Headers("text/html; charset=utf-8", "public, max-age=300", "gzip")


def test_gzip_is_deterministic_and_has_no_mtime():
    data = b"<p>halo</p>" * 100
    first = gzip_bytes(data)
    assert first == gzip_bytes(data)
    assert first[4:8] == b"\0\0\0\0"  # MTIME field of the gzip header
    assert gzip.decompress(first) == data


def test_same_bytes_across_new_mtimes(tmp_path):
    """Only the mtimes change (the tree is not rewritten): nothing about the objects changes."""
    out = write_sample_site(tmp_path / "out", sample_releases(5))
    before = walk_local(out, DeployConfig())
    stamps = {}
    for path in out.rglob("*"):
        if path.is_file():
            os.utime(path, (1, 1))
            stamps[path] = path.stat().st_mtime
    assert set(stamps.values()) == {1}
    after = walk_local(out, DeployConfig())
    assert {p: p.stat().st_mtime for p in stamps} == stamps  # the walk did not touch them either
    assert [(f.path, f.hash, f.body) for f in after] == [(f.path, f.hash, f.body) for f in before]


def test_hash_covers_headers_but_md5_only_body():
    a = make_file("index.html", b"x", HTML)
    b = make_file("index.html", b"x", replace(HTML, cache_control="no-cache"))
    assert a.md5 == b.md5 and a.hash != b.hash
    assert make_file("index.html", b"y", HTML).hash != a.hash


def test_gzip_applied_only_when_headers_say_so():
    assert gzip.decompress(make_file("a.html", b"abc", HTML).body) == b"abc"
    assert make_file("a.jpg", b"abc", Headers("image/jpeg", "x")).body == b"abc"


def test_walk_is_sorted_posix_and_skips_build_metadata(tmp_path):
    out = write_sample_site(tmp_path / "out", sample_releases(3))
    paths = [f.path for f in walk_local(out, DeployConfig())]
    assert paths == sorted(paths)
    assert "berita/2024/01/rilis-0000/index.html" in paths
    assert not any(p.startswith("_siaran/") for p in paths)


def test_read_releases(tmp_path):
    rel = replace(sample_releases(1)[0], redirect_from=("lama/",))
    out = write_sample_site(tmp_path / "out", [rel])
    assert read_releases(out) == [Release(rel.id, rel.url, ("lama/",))]
    assert read_releases(tmp_path) == []


def test_digest_cache_skips_compression_and_gives_same_fingerprints(tmp_path, monkeypatch):
    from siaran.deploy import local

    out = write_sample_site(tmp_path / "out", sample_releases(3))
    cache_file = tmp_path / ".cache" / "d.json"
    cold = walk_local(out, DeployConfig(), local.DigestCache(cache_file))
    calls = []
    monkeypatch.setattr(local, "gzip_bytes", lambda data: calls.append(1) or gzip.compress(data, 9, mtime=0))
    warm = walk_local(out, DeployConfig(), local.DigestCache(cache_file))
    assert calls == [] and warm == cold
    assert [f.body for f in warm] == [f.body for f in cold]  # bodies rebuilt on demand, identical


def test_corrupt_digest_cache_is_a_miss(tmp_path):
    from siaran.deploy import local

    out = write_sample_site(tmp_path / "out", sample_releases(2))
    cache_file = tmp_path / "d.json"
    cache_file.write_text("{corrupt")
    assert walk_local(out, DeployConfig(), local.DigestCache(cache_file)) == walk_local(out, DeployConfig())
    assert '"entries"' in cache_file.read_text()


def test_file_changed_after_walk_is_refused_not_uploaded(tmp_path):
    import pytest

    from siaran.deploy.messages import DeployError

    out = write_sample_site(tmp_path / "out", sample_releases(1))
    [page] = [f for f in walk_local(out, DeployConfig()) if f.path == "index.html"]
    (out / "index.html").write_text("diubah build lain")
    with pytest.raises(DeployError, match="berkas index.html berubah selama deploy"):
        page.body

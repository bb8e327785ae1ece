"""Header rules: Content-Type (charset for text), Cache-Control, gzip, as a table."""
from dataclasses import replace

import pytest

from siaran.deploy.config import LONG_CACHE, SHORT_CACHE, DeployConfig
from siaran.deploy.headers import Headers, headers_for

HTML = "text/html; charset=utf-8"
DAY = DeployConfig().default_cache


@pytest.mark.parametrize("path, ctype, cache, encoding", [
    ("index.html", HTML, SHORT_CACHE, "gzip"),
    ("berita/2024/04/slug/index.html", HTML, SHORT_CACHE, "gzip"),
    ("404.html", HTML, SHORT_CACHE, "gzip"),
    ("rss.xml", "application/rss+xml; charset=utf-8", SHORT_CACHE, "gzip"),
    ("kategori/x/atom.xml", "application/atom+xml; charset=utf-8", SHORT_CACHE, "gzip"),
    ("kategori/x/feed.json", "application/feed+json; charset=utf-8", SHORT_CACHE, "gzip"),
    ("sitemap.xml", "application/xml; charset=utf-8", SHORT_CACHE, "gzip"),
    ("news-sitemap.xml", "application/xml; charset=utf-8", SHORT_CACHE, "gzip"),
    ("robots.txt", "text/plain; charset=utf-8", SHORT_CACHE, "gzip"),
    ("theme/css/style.3f2a9c1b.css", "text/css; charset=utf-8", LONG_CACHE, "gzip"),
    ("theme/css/style.css", "text/css; charset=utf-8", DAY, "gzip"),
    ("theme/js/app.0123456789abcdef.js", "text/javascript; charset=utf-8", LONG_CACHE, "gzip"),
    ("gambar/foto.webp", "image/webp", DAY, ""),
    ("gambar/FOTO.JPG", "image/jpeg", DAY, ""),
    ("gambar/logo.svg", "image/svg+xml; charset=utf-8", DAY, "gzip"),
    ("social/rilis.json", "application/json; charset=utf-8", DAY, "gzip"),
    ("dokumen/laporan.pdf", "application/pdf", DAY, ""),
    ("theme/font.woff2", "font/woff2", DAY, ""),
    ("dokumen/data.unknownext", "application/octet-stream", DAY, ""),
    # register attachments are stored as built: their published SHA-256 holds for `curl -O`
    ("dokumen/informasi-publik/2026/data.csv", "text/csv; charset=utf-8", DAY, ""),
    ("dokumen/informasi-publik/2026/data.json", "application/json; charset=utf-8", DAY, ""),
    ("dokumen/catatan.txt", "text/plain; charset=utf-8", SHORT_CACHE, ""),
    ("dokumen/peta.svg", "image/svg+xml; charset=utf-8", DAY, ""),
    # the register's own exports and other text outside dokumen/ stay compressed
    ("informasi-publik/dip.csv", "text/csv; charset=utf-8", DAY, "gzip"),
    ("informasi-publik/dip.json", "application/json; charset=utf-8", DAY, "gzip"),
    ("gambar/dokumen/x.svg", "image/svg+xml; charset=utf-8", DAY, "gzip"),
    # the search bundle (siaran.search): hash-named index files forever, Pagefind's own
    # compressed files never gzipped again; the entry file and the code keep their names
    ("pagefind/2026/fragment/id_024f239.pf_fragment", "application/octet-stream", LONG_CACHE, ""),
    ("pagefind/2025/index/id_20dcd54.pf_index", "application/octet-stream", LONG_CACHE, ""),
    ("pagefind/tanpa-tanggal/filter/id_5e7677a.pf_filter", "application/octet-stream", LONG_CACHE, ""),
    ("pagefind/2026/pagefind.id_07e1134e1f.pf_meta", "application/octet-stream", LONG_CACHE, ""),
    ("pagefind/2025/pagefind-entry.json", "application/json; charset=utf-8", SHORT_CACHE, "gzip"),
    ("pagefind/2026/pagefind.js", "text/javascript; charset=utf-8", SHORT_CACHE, "gzip"),
    ("pagefind/2026/pagefind-worker.js", "text/javascript; charset=utf-8", SHORT_CACHE, "gzip"),
    ("pagefind/2026/wasm.id.pagefind", "application/octet-stream", SHORT_CACHE, ""),
    ("pagefind/shards.json", "application/json; charset=utf-8", SHORT_CACHE, "gzip"),
])
def test_default_rules(path, ctype, cache, encoding):
    assert headers_for(path, DeployConfig()) == Headers(ctype, cache, encoding)


def test_rules_are_configurable_first_match_wins():
    config = replace(DeployConfig(), cache_rules=((r"^gambar/", "public, max-age=60"),) + DeployConfig().cache_rules,
                     content_types=(("*.jpg", "image/x-test"),) + DeployConfig().content_types, gzip_types=())
    assert headers_for("gambar/a.jpg", config) == Headers("image/x-test", "public, max-age=60", "")
    assert headers_for("index.html", config) == Headers(HTML, SHORT_CACHE, "")


def test_as_built_paths_are_configurable():
    config = replace(DeployConfig(), as_built=(r"\.csv$",))
    assert headers_for("informasi-publik/dip.csv", config).content_encoding == ""
    assert headers_for("dokumen/catatan.txt", config).content_encoding == "gzip"


def test_canonical_covers_every_header():
    base = Headers("a", "b", "c", "d")
    variants = [replace(base, **{f: "x"}) for f in ("content_type", "cache_control", "content_encoding", "redirect")]
    assert len({v.canonical() for v in variants} | {base.canonical()}) == 5


def test_photo_renditions_are_immutable_and_the_photo_is_not():
    """A rendition's name carries its bytes' digest (siaran.renditions), so storage and CDNs
    may keep it forever; the photo itself keeps its name when replaced, so it may not."""
    from siaran.renditions import File
    digest = "3f2a9c1b4d5e6f70" + "0" * 48
    for name, mime in (("avif", "image/avif"), ("webp", "image/webp"), ("jpeg", "image/jpeg"), ("png", "image/png")):
        published = File(720, 405, name, digest, 1000).name("gambar/berita/banjir-rob.jpg")
        assert published == f"gambar/berita/banjir-rob-720.3f2a9c1b4d5e6f70.{File(1, 1, name, digest, 1).suffix}"
        assert headers_for(published, DeployConfig()) == Headers(mime, LONG_CACHE, "")
    assert headers_for("gambar/berita/banjir-rob.jpg", DeployConfig()) == Headers("image/jpeg", DAY, "")

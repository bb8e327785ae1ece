"""Redirects: release history by stable id, redirect objects, collisions."""
import gzip

import pytest

from siaran.deploy.config import DeployConfig
from siaran.deploy.local import Release
from siaran.deploy.manifest import ReleaseRecord
from siaran.deploy.redirects import key_for_url, redirect_files, release_history


@pytest.mark.parametrize("url, key", [
    ("berita/2024/04/a/", "berita/2024/04/a/index.html"),
    ("/berita/2024/04/a/", "berita/2024/04/a/index.html"),
    ("berita/2024/04/a", "berita/2024/04/a/index.html"),
    ("lama.html", "lama.html"),
    ("", "index.html"),
])
def test_key_for_url(url, key):
    assert key_for_url(url) == key


@pytest.mark.parametrize("name, current, previous, expected", [
    ("first deploy", [Release("1", "a/")], {}, {"1": ReleaseRecord("a/")}),
    ("unchanged", [Release("1", "a/")], {"1": ReleaseRecord("a/")}, {"1": ReleaseRecord("a/")}),
    ("moved", [Release("1", "b/")], {"1": ReleaseRecord("a/")}, {"1": ReleaseRecord("b/", ("a/",))}),
    ("moved twice keeps all old urls", [Release("1", "c/")], {"1": ReleaseRecord("b/", ("a/",))},
     {"1": ReleaseRecord("c/", ("a/", "b/"))}),
    ("moved back drops the alias", [Release("1", "a/")], {"1": ReleaseRecord("b/", ("a/",))},
     {"1": ReleaseRecord("a/", ("b/",))}),
    ("redirect_from", [Release("1", "a/", ("/lama/",))], {}, {"1": ReleaseRecord("a/", ("lama/",))}),
    ("removed release is forgotten", [Release("2", "x/")], {"1": ReleaseRecord("a/", ("z/",))},
     {"2": ReleaseRecord("x/")}),
])
def test_release_history(name, current, previous, expected):
    assert release_history(current, previous) == expected, name


def test_redirect_objects_body_headers_and_prefix():
    history = {"1": ReleaseRecord("berita/baru/", ("berita/lama/",))}
    [file] = redirect_files(history, set(), "www", DeployConfig())
    assert file.path == "berita/lama/index.html"
    assert file.headers.redirect == "/www/berita/baru/"
    assert file.headers.content_type == "text/html; charset=utf-8"
    html = gzip.decompress(file.body).decode()
    assert '<link rel="canonical" href="/www/berita/baru/">' in html
    assert '<meta http-equiv="refresh" content="0; url=/www/berita/baru/">' in html


def test_real_page_wins_and_first_release_claims_alias():
    history = {"1": ReleaseRecord("a/", ("sama/", "halaman/")), "2": ReleaseRecord("b/", ("sama/",))}
    files = redirect_files(history, {"halaman/index.html"}, "", DeployConfig())
    assert [(f.path, f.headers.redirect) for f in files] == [("sama/index.html", "/a/")]


def test_location_is_escaped_in_html():
    [file] = redirect_files({"1": ReleaseRecord('a/"><script>/', ("x/",))}, set(), "", DeployConfig())
    assert b"<script>" not in gzip.decompress(file.body)

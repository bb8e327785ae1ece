"""Hostile input (control characters, `]]>`, `<script>`) in a release's title and body: every
feed stays well-formed and escaped, and `invoke check` warns, naming the file and line."""
from __future__ import annotations

import json

import feedparser
import pytest
from feeds_support import ATOM, feed_files, feed_problems, feeds_project, parse_xml

from siaran.build import build_site, check_site, load_settings, plugin_checks

PLUGINS = ["humas_content", "site_index", "feeds"]
SITEURL = "http://127.0.0.1:8000"
HOSTILE_ID = "9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d"
HOSTILE_FILE = "content/berita/2026/rilis-berbahaya.md"
TITLE = "Awas\x01 <script>alert('judul')</script> ]]> & \x1fSelesai"
CLEAN_TITLE = "Awas <script>alert('judul')</script> ]]> & Selesai"
HOSTILE = f"""id: {HOSTILE_ID}
title: {TITLE}
date: 2026-11-26 10:00
category: Pengumuman
tags: Keamanan \x02Siber
unit: Biro Hukum dan Humas
location: Jakarta

Paragraf pertama dengan ]]> dan bel\x07 di tengah.

<script>alert('isi')</script>

<p onclick="alert('klik')">Baris dengan tab vertikal\x0b dan <a href="javascript:alert(1)">tautan</a>.</p>
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return feeds_project(tmp_path_factory.mktemp("hostile") / "project", {HOSTILE_FILE: HOSTILE})


@pytest.fixture(scope="module")
def feeds(project):
    summary = build_site(project / "pelicanconf.py", project / "output", overrides={"PLUGINS": PLUGINS})
    assert summary.ok, [str(p) for p in summary.problems] + summary.log_errors
    return feed_files(project / "output")


def test_every_feed_is_well_formed_and_valid(feeds):
    for path, data in feeds.items():
        name = path.rsplit("/", 1)[-1]
        assert feed_problems(name, data, f"{SITEURL}/{path}") == [], path       # strict XML parse inside
        assert not any(b < 0x20 and b not in (0x09, 0x0A, 0x0D) for b in data), path
        if name != "feed.json":
            assert not feedparser.parse(data).bozo, path
            assert b"<script" not in data and b"]]>" not in data, path


def test_title_is_escaped_text(feeds):
    assert b"Awas &lt;script&gt;alert('judul')&lt;/script&gt; ]]&gt; &amp; Selesai" in feeds["rss.xml"]
    rss_titles = [i.findtext("title") for i in parse_xml(feeds["rss.xml"]).iter("item")]
    atom_titles = [e.findtext(f"{ATOM}title") for e in parse_xml(feeds["atom.xml"]).iter(f"{ATOM}entry")]
    json_titles = [i["title"] for i in json.loads(feeds["feed.json"])["items"]]
    assert rss_titles[0] == atom_titles[0] == json_titles[0] == CLEAN_TITLE
    assert "topik/keamanan-siber/rss.xml" in feeds
    assert json.loads(feeds["feed.json"])["items"][0]["tags"] == ["Pengumuman", "Keamanan Siber"]


def test_body_is_cleaned_and_escaped(feeds):
    item = json.loads(feeds["feed.json"])["items"][0]
    html = item["content_html"]
    assert "dengan ]]&gt; dan bel di tengah" in html and "tab vertikal dan" in html
    assert "<script" not in html and "onclick" not in html and "javascript:" not in html
    encoded = next(parse_xml(feeds["rss.xml"]).iter("item")).findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
    assert encoded == html


def test_check_warns_naming_the_file_and_line(project):
    settings = load_settings(project / "pelicanconf.py", {"PLUGINS": PLUGINS})
    result = check_site(project, settings, plugin_checks(settings))
    assert result.ok
    lines = [str(p) for p in sorted(result.problems, key=lambda p: p.line) if p.path == HOSTILE_FILE]
    assert lines == [
        f"{HOSTILE_FILE}:2: peringatan: title: berisi karakter kendali yang tidak sah di XML; karakter itu dibuang",
        f"{HOSTILE_FILE}:5: peringatan: tags: berisi karakter yang tidak sah di XML (U+0002); "
        "karakter itu dibuang dari umpan berita (RSS/Atom/JSON)",
        f"{HOSTILE_FILE}:9: peringatan: isi: berisi karakter yang tidak sah di XML (U+0007); "
        "karakter itu dibuang dari umpan berita (RSS/Atom/JSON)",
        f"{HOSTILE_FILE}:13: peringatan: isi: berisi karakter yang tidak sah di XML (U+000B); "
        "karakter itu dibuang dari umpan berita (RSS/Atom/JSON)",
    ]

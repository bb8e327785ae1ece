"""The feeds of a real build: every scope × format present, valid by the W3C validator's rules,
absolute URLs, real enclosure sizes, autodiscovery, the feeds page, the news sitemap, and the
same bytes when built twice. One project, built twice per module (about 1 s each).

Only the plugins the feeds need run (plus a probe that publishes its own feed through the
`extra_feeds` hook, as the PPID register does), so these tests stay fast and do not fail
on other sections' work in progress."""
from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from feeds_support import (ATOM, MEDIA, entry_ids, feed_files, feed_problems, feeds_project, html_urls,
                           parse_xml)
from lxml import etree

from siaran.build import build_site

SITEURL = "http://127.0.0.1:8000"
LIMIT = 5
LINKS_ID = "3d0c5a55-2f51-4e2b-9a0e-0c1d2e3f4a5b"
LINKS_URL = f"{SITEURL}/berita/2026/11/uji-tautan-relatif/"
LINKS_RELEASE = f"""id: {LINKS_ID}
title: Uji Tautan Relatif
date: 2026-11-24 15:00
category: Siaran Pers
tags: Data Terbuka
unit: Pusat Data dan Informasi
location: Jakarta

Lihat [catatan](#catatan-1), [profil](/profil/), [rilis lama](../../10/lama/) dan teks bercatatan[^1].

<img src="/gambar/berita/kapal-riset.jpg" srcset="/gambar/berita/kapal-riset.jpg 1x, ../../../../gambar/berita/banjir-rob.jpg 2x" alt="Kapal">

<p id="catatan-1">Catatan satu.</p>

[^1]: Catatan kaki.
"""


PROBE_PLUGIN = '''"""Test plugin: publishes its own feed and lists it through context["extra_feeds"]."""
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from feeds.model import Feed
from feeds.render import render_feed


class ProbeGenerator(Generator):
    def generate_context(self):
        siteurl = self.settings["SITEURL"]
        self.feed = Feed(folder="uji-umpan-lain/", title="Umpan Uji Lain",
                         description="Umpan yang ditulis plugin lain.", home_url=siteurl + "/uji-umpan-lain/",
                         site_url=siteurl, language="id", entries=(), publisher="BRPKN")
        self.context.setdefault("extra_feeds", []).append(self.feed)

    def generate_output(self, writer):
        for name, data in render_feed(self.feed).items():
            target = Path(self.output_path) / self.feed.folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def add_generator(pelican):
    # receivers stay connected for the whole test process: act only in builds that list us
    return ProbeGenerator if "extra_feed_probe" in pelican.settings["PLUGINS"] else None


def register():
    signals.get_generators.connect(add_generator)     # blinker keeps weak refs: no lambda
'''
PLUGINS = ["humas_content", "site_index", "feeds", "extra_feed_probe"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = feeds_project(tmp_path_factory.mktemp("feeds") / "project",
                            {"content/berita/2026/uji-tautan.md": LINKS_RELEASE,
                             "test-plugins/extra_feed_probe/__init__.py": PROBE_PLUGIN})
    overrides = {"FEED_LIMIT": LIMIT, "PLUGINS": PLUGINS,
                 "PLUGIN_PATHS": [str(project / "plugins"), str(project / "test-plugins")]}
    outputs = []
    for name in ("output", "output-again"):
        summary = build_site(project / "pelicanconf.py", project / name, overrides=overrides)
        assert summary.ok, [str(p) for p in summary.problems] + summary.log_errors
        outputs.append(project / name)
    return outputs


@pytest.fixture(scope="module")
def output(site) -> Path:
    return site[0]


PROBE_FOLDER = "uji-umpan-lain/"


@pytest.fixture(scope="module")
def feeds(output) -> dict[str, bytes]:
    return feed_files(output, (PROBE_FOLDER,))


def listing_folders(output: Path) -> list[str]:
    """The site root and every first page of a category, tag and unit listing."""
    folders = [""]
    for section in ("kategori", "topik", "unit"):
        folders += sorted(f"{section}/{p.parent.name}/" for p in (output / section).glob("*/index.html"))
    return folders


def test_every_scope_has_three_feeds_and_nothing_else(output, feeds):
    folders = [*listing_folders(output), PROBE_FOLDER]                # the probe's own feed
    assert len(folders) == 1 + 4 + 15 + 4 + 1          # site, categories, tags, units, probe
    assert set(feeds) == {f"{folder}{name}" for folder in folders for name in ("rss.xml", "atom.xml", "feed.json")}
    assert not list(output.rglob("*.atom.xml")) and not list(output.rglob("*.rss.xml"))   # Pelican's writer is off


def test_every_feed_passes_the_validator_rules(feeds):
    problems = {path: feed_problems(path.rsplit("/", 1)[-1], data, f"{SITEURL}/{path}") for path, data in feeds.items()}
    assert {path: found for path, found in problems.items() if found} == {}


@pytest.mark.parametrize("kind", ["rss.xml", "atom.xml"])
def test_feedparser_reads_every_feed_without_bozo(feeds, kind):
    for path, data in feeds.items():
        if path.endswith(kind):
            parsed = feedparser.parse(data)
            assert not parsed.bozo, (path, parsed.get("bozo_exception"))
            assert parsed.version == {"rss.xml": "rss20", "atom.xml": "atom10"}[kind]
            assert parsed.feed.language == "id"


def test_site_feed_is_the_newest_releases_newest_first(feeds):
    items = parse_xml(feeds["rss.xml"]).findall("channel/item")
    assert len(items) == LIMIT
    titles = [item.findtext("title") for item in items]
    assert titles[:3] == ["BRPKN dan Warga Pesisir Utara Tanam 12.000 Bibit Mangrove", "Uji Tautan Relatif",
                          "Portal Satu Data Pesisir Resmi Dibuka untuk Publik"]
    assert entry_ids("rss.xml", feeds["rss.xml"]) == entry_ids("atom.xml", feeds["atom.xml"]) \
        == entry_ids("feed.json", feeds["feed.json"])


def test_entry_carries_authors_categories_dates_and_full_content(feeds):
    atom = parse_xml(feeds["kategori/berita-utama/atom.xml"])
    entries = {e.findtext(f"{ATOM}title"): e for e in atom.findall(f"{ATOM}entry")}
    reef = entries["Hasil Pemantauan Terumbu Karang Teluk Biru Menunjukkan Pemulihan"]
    assert reef.findtext(f"{ATOM}published") == "2026-08-17T08:00:00+07:00"
    assert reef.findtext(f"{ATOM}updated") == "2026-08-19T16:30:00+07:00"
    assert [a.text for a in reef.findall(f"{ATOM}author/{ATOM}name")] == ["Nur Aini", "Yosef Kalalo"]
    assert [c.get("term") for c in reef.findall(f"{ATOM}category")] == \
        ["Berita Utama", "Terumbu Karang", "Riset Kelautan", "Rehabilitasi Pesisir"]
    content = reef.findtext(f"{ATOM}content")
    assert content.count("<p>") > 2 and 'class="dateline"' in content
    summary = reef.findtext(f"{ATOM}summary")
    assert summary and len(summary) < len(content)


def test_author_falls_back_to_the_unit(feeds):
    item = next(i for i in parse_xml(feeds["kategori/pengumuman/rss.xml"]).iter("item")
                if "Seleksi" in i.findtext("title"))
    assert [c.text for c in item.findall("{http://purl.org/dc/elements/1.1/}creator")] == ["Biro Hukum dan Humas"]
    doc = json.loads(feeds["kategori/pengumuman/feed.json"])
    assert next(i for i in doc["items"] if "Seleksi" in i["title"])["authors"] == [{"name": "Biro Hukum dan Humas"}]


def test_relative_links_and_fragments_become_absolute(feeds):
    expected = {f"{LINKS_URL}#catatan-1", f"{SITEURL}/profil/", f"{SITEURL}/berita/2026/10/lama/",
                f"{SITEURL}/gambar/berita/kapal-riset.jpg", f"{SITEURL}/gambar/berita/banjir-rob.jpg"}
    json_item = next(i for i in json.loads(feeds["feed.json"])["items"] if i["id"] == f"urn:uuid:{LINKS_ID}")
    rss_item = next(i for i in parse_xml(feeds["rss.xml"]).iter("item") if i.findtext("guid") == f"urn:uuid:{LINKS_ID}")
    atom_entry = next(e for e in parse_xml(feeds["atom.xml"]).iter(f"{ATOM}entry")
                      if e.findtext(f"{ATOM}id") == f"urn:uuid:{LINKS_ID}")
    for html in (json_item["content_html"], rss_item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded"),
                 atom_entry.findtext(f"{ATOM}content")):
        urls = set(html_urls(html))
        assert expected <= urls
        footnotes = [u for u in urls if "#fn" in u]
        assert footnotes and all(u.startswith(LINKS_URL + "#") for u in footnotes)
        assert all(u.startswith(SITEURL + "/") for u in urls)


def enclosures(path: str, data: bytes) -> list[tuple[str, int]]:
    if path.endswith("feed.json"):
        return [(a["url"], a["size_in_bytes"]) for i in json.loads(data)["items"] for a in i.get("attachments", [])]
    root = parse_xml(data)
    found = [(e.get("url"), int(e.get("length"))) for e in root.iter("enclosure")]
    found += [(m.get("url"), int(m.get("fileSize"))) for m in root.iter(f"{MEDIA}content")]
    found += [(l.get("href"), int(l.get("length"))) for l in root.iter(f"{ATOM}link") if l.get("rel") == "enclosure"]
    return found


def test_enclosure_lengths_are_the_real_file_sizes(output, feeds):
    seen = 0
    for path, data in feeds.items():
        for url, length in enclosures(path, data):
            assert url.startswith(SITEURL + "/")
            file = output / url[len(SITEURL) + 1:]
            assert file.is_file() and file.stat().st_size == length, (path, url)
            seen += 1
    assert seen > 50


def alternates(output: Path, folder: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup((output / folder / "index.html").read_text(encoding="utf-8"), "lxml")
    return [(link["type"], link["href"]) for link in soup.head.find_all("link", rel="alternate")]


def test_autodiscovery_on_home_and_every_listing(output):
    for folder in listing_folders(output):
        assert alternates(output, folder) == [
            ("application/rss+xml", f"{SITEURL}/{folder}rss.xml"),
            ("application/atom+xml", f"{SITEURL}/{folder}atom.xml"),
            ("application/feed+json", f"{SITEURL}/{folder}feed.json"),
        ], folder
    assert alternates(output, "kategori/berita-utama/")[0][1] != alternates(output, "")[0][1]


def test_feeds_page_lists_every_feed(output, feeds):
    page = BeautifulSoup((output / "feeds" / "index.html").read_text(encoding="utf-8"), "lxml")
    main = page.find("main")
    links = {a["href"] for a in main.find_all("a", href=True)}
    assert {f"{SITEURL}/{path}" for path in feeds} <= links
    assert main.find("h1").get_text() == "Umpan berita"
    headings = [h.get_text() for h in main.find_all("h2")]
    assert headings == ["Cara berlangganan", "Seluruh situs", "Kategori", "Topik", "Unit kerja", "Umpan lainnya"]
    assert "Cara berlangganan" in main.get_text()
    home = BeautifulSoup((output / "index.html").read_text(encoding="utf-8"), "lxml")
    assert f"{SITEURL}/feeds/" in {a["href"] for a in home.find("footer").find_all("a", href=True)}


def test_news_sitemap_has_the_last_two_days_only(output):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "n": "http://www.google.com/schemas/sitemap-news/0.9"}
    root = etree.fromstring((output / "news-sitemap.xml").read_bytes())
    rows = [(u.findtext("s:loc", namespaces=ns), u.findtext("n:news/n:publication_date", namespaces=ns),
             u.findtext("n:news/n:title", namespaces=ns), u.findtext("n:news/n:publication/n:name", namespaces=ns),
             u.findtext("n:news/n:publication/n:language", namespaces=ns)) for u in root.findall("s:url", ns)]
    name = "Humas Badan Riset Pesisir dan Kelautan Nusantara"
    assert rows == [
        (f"{SITEURL}/berita/2026/11/brpkn-dan-warga-pesisir-utara-tanam-12-000-bibit-mangrove/",
         "2026-11-25T09:30:00+07:00", "BRPKN dan Warga Pesisir Utara Tanam 12.000 Bibit Mangrove", name, "id"),
        (LINKS_URL, "2026-11-24T15:00:00+07:00", "Uji Tautan Relatif", name, "id"),
    ]
    assert f"Sitemap: {SITEURL}/news-sitemap.xml" in (output / "robots.txt").read_text().splitlines()


def test_building_twice_gives_the_same_bytes(site):
    first, second = site
    assert feed_files(first, (PROBE_FOLDER,)) == feed_files(second, (PROBE_FOLDER,))
    for name in ("news-sitemap.xml", "feeds/index.html"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_theme_builds_without_the_feeds_plugin(tmp_path, site):
    """The feeds blocks are guarded: a build without plugins/feeds has no alternate links, no error,
    even in a process where the plugin registered its signal receivers before (`site`)."""
    project = feeds_project(tmp_path / "project")
    summary = build_site(project / "pelicanconf.py", project / "output",
                         overrides={"PLUGINS": ["humas_content", "site_index"]})
    assert summary.ok, summary.log_errors
    for folder in ("", "kategori/siaran-pers/", "topik/mangrove/"):
        assert alternates(project / "output", folder) == []
    assert not feed_files(project / "output") and not (project / "output" / "news-sitemap.xml").exists()

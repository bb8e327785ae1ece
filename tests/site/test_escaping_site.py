"""Every text field of a release, a page, a register item and the settings holds quotes, `<>&`
and markup; every template renders it, and a spec-compliant HTML parser (html5lib, as a
browser parses) reads back the exact text and attribute values, with no element or attribute
the templates did not write (issue 12, "Escaping test")."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from pelicanconf import UNITS as SAMPLE_UNITS
from siaran.build import build_site

pytest.importorskip("html5lib", reason="html5lib (test extra) parses pages as a browser does")

SITEURL = "http://127.0.0.1:8000"
MARKUP = "\"><img src=x onerror=alert(1)><script>alert(1)</script>' onmouseover='alert(1)"
RAW = "\"'<>&"


def hostile(label: str) -> str:
    """A field's text: its name (to tell fields apart), the raw characters, and markup."""
    return f"{label} {RAW} {MARKUP}"


# The example title of the issue: quotes are in half of all real release titles.
EXAMPLE = 'Kepala Balai: "Data Arus Selamatkan Nelayan" & Pelaut <10 GT'

CATEGORY = hostile("Kategori")
TITLE = hostile("Judul")
UNIT = hostile("Unit")
LOCATION = hostile("Kota")
TAGS = [f"Topik {RAW}", 'Tag "><img src=x onerror=alert(1)>', "Skrip <script>alert(1)</script>"]
AUTHORS = [f"Penulis {RAW} <b>tebal</b>", 'Penyunting "><img src=x onerror=alert(1)>']
CREDIT = hostile("Kredit")
IMAGE_ALT = hostile("Alt")
CAPTION = hostile("Keterangan")
IMAGE_CREDIT = hostile("Foto")
SOCIAL_X = hostile("X")
SOCIAL_WHATSAPP = hostile("WA")
SOCIAL_SUMMARY = hostile("Lede sosial") + "."   # the lede of every text without an override
# First paragraph of the body: a code span (not smartened by Markdown) with markup in it.
LEDE_CODE = f"{RAW} <img src=x onerror=alert(1)><script>alert(1)</script>"
SUMMARY_TEXT = f"{LOCATION} (31/12) – Nelayan menerima data {LEDE_CODE} hari ini."
# A written summary (Markdown): becomes plain text in meta tags and the social texts.
EXAMPLE_SUMMARY = "Ringkasan & <10 GT dengan `<img src=x onerror=alert(1)>` di dalamnya."
EXAMPLE_SUMMARY_TEXT = "Ringkasan & <10 GT dengan <img src=x onerror=alert(1)> di dalamnya."

PAGE_TITLE = hostile("Halaman")
# A page's url is validated (siaran.schema.OutputName refuses markup, schemes and `..`; the
# hostile corpus has those cases), so here it is an ordinary folder name.
PAGE_URL = "uji/"
PAGE_SUMMARY = "Halaman & <10 GT dengan `<img src=x onerror=alert(1)>`."
PAGE_SUMMARY_TEXT = "Halaman & <10 GT dengan <img src=x onerror=alert(1)>."

ITEM_TITLE = hostile("Informasi")
ITEM_SUMMARY = hostile("Ringkasan")
ITEM_UNIT = hostile("Penanggung jawab")
ITEM_RETENTION = hostile("Simpan")
ITEM_FORMAT = f"Cetak {RAW} <b>x</b>"
EXEMPT_TITLE = hostile("Dikecualikan")
STALE_TITLE = hostile("Berkala")              # not updated for six months: on the report page
SERVICE_TITLE = hostile("Layanan")            # a PPID page (template ppid_page)
SERVICE_SUMMARY = "Layanan & <10 GT."
LEGAL_BASIS = hostile("Pasal 17")

SETTINGS = {
    "SITENAME": hostile("Situs"),
    "SITE_DESCRIPTION": hostile("Deskripsi"),
    "PUBLISHER": {"name": hostile("Penerbit"), "type": "GovernmentOrganization"},
    "CONTACT": {"address": hostile("Alamat"), "phone": hostile("Telepon"),
                "email": "humas\"'<>&@brpkn.example"},
    "CATEGORIES": ["Berita Utama", "Siaran Pers", "Pengumuman", "Artikel", CATEGORY],
    "UNITS": [*SAMPLE_UNITS, UNIT, "Balai Riset Arus"],     # a listed unit is shown as typed too
    "HEADLINE_CATEGORY": CATEGORY,
    "MENU_EXTRA": [("Public information", "informasi-publik/"), (hostile("Menu"), "profil/")],
    # The sample's own "today" for the register, so its report page keeps the same parts.
    "PPID_REFERENCE_DATE": "2026-11-25 09:30",
}

FILES = {
    "content/berita/2026/uji-judul.md": f"""id: 0b5f4f7e-3c1a-4d8e-9f6b-2a7c8d9e0f11
title: {TITLE}
date: 2026-12-31 10:00
category: {CATEGORY}
tags: {", ".join(TAGS)}
unit: {UNIT}
location: {LOCATION}
authors: {", ".join(AUTHORS)}
credit: {CREDIT}
image: gambar/berita/kapal-riset.jpg
image_alt: {IMAGE_ALT}
image_caption: {CAPTION}
image_credit: {IMAGE_CREDIT}
social_x: {SOCIAL_X}
social_whatsapp: {SOCIAL_WHATSAPP}
social_summary: {SOCIAL_SUMMARY}

Nelayan menerima data `{LEDE_CODE}` hari ini.

Paragraf kedua.
""",
    "content/berita/2026/uji-contoh.md": f"""id: 1c6a5b8f-4d2b-4e9f-8a7c-3b8d9e0f1a22
title: {EXAMPLE}
date: 2026-12-30 10:00
category: Siaran Pers
tags: {TAGS[0]}
unit: Balai Riset Arus
location: Jakarta
summary: {EXAMPLE_SUMMARY}

Isi rilis contoh.
""",
    "content/halaman/uji.md": f"""title: {PAGE_TITLE}
slug: uji
url: {PAGE_URL}
summary: {PAGE_SUMMARY}

Isi halaman dengan `{RAW}`.
""",
    "content/informasi-publik/setiap-saat/uji.md": f"""id: 2d7b6c9a-5e3c-4fa1-9b8d-4c9e0f1a2b33
title: {ITEM_TITLE}
category: setiap-saat
summary: {ITEM_SUMMARY}
unit: {ITEM_UNIT}
year: 2026
published: 2026-11-20 10:00
retention: {ITEM_RETENTION}
format: {ITEM_FORMAT}

Isi dengan `{RAW}`.
""",
    "content/informasi-publik/berkala/uji.md": f"""id: 4f9d8e1c-7a5e-4bc3-9d0f-6e1a2b3c4d55
title: {STALE_TITLE}
category: berkala
summary: {hostile("Ringkasan berkala")}
unit: {ITEM_UNIT}
year: 2026
published: 2026-01-05 10:00
retention: {ITEM_RETENTION}
format: {ITEM_FORMAT}
""",
    "content/halaman/ppid-uji.md": f"""title: {SERVICE_TITLE}
slug: uji-layanan
summary: {SERVICE_SUMMARY}
status: hidden
url: informasi-publik/uji-layanan/
save_as: informasi-publik/uji-layanan/index.html
template: ppid_page

Isi layanan dengan `{RAW}`.
""",
    "content/informasi-publik/dikecualikan/uji.md": f"""id: 3e8c7d0b-6f4d-4ab2-8c9e-5d0f1a2b3c44
title: {EXEMPT_TITLE}
category: dikecualikan
summary: {hostile("Ringkasan dikecualikan")}
unit: {ITEM_UNIT}
year: 2026
published: 2026-11-20 10:00
retention: {ITEM_RETENTION}
legal_basis: {LEGAL_BASIS}
""",
}


class Built:
    def __init__(self, output: Path):
        self.output = output

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.output).as_posix() for p in self.output.rglob("*.html"))

    def html(self, path: str) -> BeautifulSoup:
        file = self.output / path
        if path == "" or path.endswith("/"):
            file = file / "index.html"
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html5lib")

    def find(self, pattern: str) -> str:
        found = sorted(self.output.glob(pattern))
        assert len(found) == 1, (pattern, found)
        return found[0].relative_to(self.output).as_posix()


@pytest.fixture(scope="module")
def site(new_project) -> Built:
    project = new_project("escaping")
    for name, text in FILES.items():
        (project / name).write_text(text, encoding="utf-8")
    summary = build_site(project / "pelicanconf.py", project / "output", now="2026-12-31 12:00",   # after both releases
                         overrides={"SITEURL": SITEURL, **SETTINGS})
    assert summary.ok, [str(p) for p in summary.problems] + summary.log_errors
    return Built(project / "output")


@pytest.fixture(scope="module")
def release(site) -> str:
    return site.find("berita/2026/12/judul-*/index.html")


@pytest.fixture(scope="module")
def example(site) -> str:
    return site.find("berita/2026/12/kepala-balai-*/index.html")


def meta(soup: BeautifulSoup, key: str) -> list[str]:
    return [tag["content"] for tag in soup.find_all("meta") if key in (tag.get("property"), tag.get("name"))]


def text(element) -> str:
    return element.get_text()


# -- nothing the templates did not write ---------------------------------------------------------

def test_no_page_has_an_injected_element_or_attribute(site):
    own_scripts = (f"{SITEURL}/theme/js/",)
    pages = site.pages()
    assert len(pages) > 80
    for path in pages:
        soup = site.html(path)
        for element in soup.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert not handlers, f"{path}: <{element.name}> has {handlers}"
            assert element.name != "img" or element.get("src") != "x", f"{path}: injected <img>"
            assert element.name != "b" or element.find_parent(class_="body"), f"{path}: injected <b>"
        cms = path.startswith("admin/")    # the CMS page (plugins/cms): its own data block and bundle
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json" or (cms and script.get("id") == "siaran-cms"
                                                               and script.get("type") == "application/json"):
                json.loads(script.string)
            elif cms:
                assert script.get("src") in ("decap-cms.js", "siaran-cms.js") and not script.string, (
                    f"{path}: a script the CMS page does not load: {script}")
            else:
                assert script.get("src", "").startswith(own_scripts) and not script.string, (
                    f"{path}: a script the theme did not write: {script}")


def test_elements_and_attributes_are_those_the_sample_site_has(site, built_site):
    """Outside content bodies, every (element, attribute) pair of the hostile build is one the
    templates also write for the shipped sample: the text changed, never the structure."""
    def pairs(output: Path) -> set[tuple[str, str]]:
        found = set()
        for file in output.rglob("*.html"):
            soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html5lib")
            for body in soup.select(".body"):
                body.clear()
            for element in soup.find_all(True):
                found.add((element.name, ""))
                found.update((element.name, name) for name in element.attrs)
        return found
    # The report's row of a stale item: the sample's register is all fresh.
    stale_row = {("tr", "class")}
    assert pairs(site.output) - pairs(built_site.output) - stale_row == set()


# -- the example title, whole --------------------------------------------------------------

def test_example_title_comes_back_whole(site, example):
    page = site.html(example)
    assert meta(page, "og:title") == [EXAMPLE]
    assert meta(page, "twitter:title") == [EXAMPLE]
    assert text(page.title) == f"{EXAMPLE} – {SETTINGS['SITENAME']}"
    assert text(page.h1) == EXAMPLE
    assert meta(page, "description") == [EXAMPLE_SUMMARY_TEXT]
    assert meta(page, "og:description") == [EXAMPLE_SUMMARY_TEXT]
    desk = site.html("meja-sosial/")
    alts = [img["alt"] for img in desk.select("img.desk-card")]
    assert f"Kartu berbagi: {EXAMPLE}" in alts


# -- a release: every field ------------------------------------------------------------------------

def test_release_page_fields(site, release):
    page = site.html(release)
    assert text(page.title) == f"{TITLE} – {SETTINGS['SITENAME']}"
    assert text(page.h1) == TITLE
    assert meta(page, "description") == [SUMMARY_TEXT]
    assert text(page.select_one(".release .kicker a")) == CATEGORY
    assert text(page.select_one(".release .meta a")) == UNIT
    assert text(page.select_one(".dateline")) == f"{LOCATION} (31/12) – "
    assert text(page.select_one(".body code")) == LEDE_CODE
    img = page.select_one("figure.photo img")
    assert img["alt"] == IMAGE_ALT
    assert text(page.select_one("figcaption")) == f"{CAPTION} ({IMAGE_CREDIT})"
    assert text(page.select_one(".credit-line")) == f"({CREDIT})"
    assert text(page.select_one(".authors")) == f"Penulis: {', '.join(AUTHORS)}"
    assert [text(a) for a in page.select(".tags a")] == TAGS
    crumbs = [li.get_text(strip=True) for li in page.select(".breadcrumbs li")]
    assert crumbs == ["Beranda", CATEGORY, TITLE]
    whatsapp = page.select_one('.share a[href^="https://wa.me/"]')["href"]
    assert parse_qs(urlsplit(whatsapp).query)["text"] == [f"{TITLE} {SITEURL}/{release[:-len('index.html')]}"]


def test_release_share_metadata(site, release):
    page = site.html(release)
    assert meta(page, "og:title") == meta(page, "twitter:title") == [TITLE]
    assert meta(page, "og:description") == meta(page, "twitter:description") == [SUMMARY_TEXT]
    assert meta(page, "og:site_name") == [SETTINGS["SITENAME"]]
    assert meta(page, "article:section") == [CATEGORY]
    assert meta(page, "article:tag") == TAGS
    assert meta(page, "og:image:alt")[0].startswith(f"Kartu berita: {' '.join(TITLE.split())} — ")
    blocks = page.select('script[type="application/ld+json"]')
    assert all("<" not in block.string for block in blocks), "'<' is escaped in JSON-LD"
    article, crumbs = json.loads(blocks[0].string)
    assert article["headline"] == TITLE[:110]
    assert article["keywords"] == TAGS
    assert [a["name"] for a in article["author"]] == AUTHORS
    assert article["publisher"]["name"] == SETTINGS["PUBLISHER"]["name"]
    assert [c["name"] for c in crumbs["itemListElement"]] == ["Beranda", CATEGORY, TITLE]


def test_home_headline_is_text(site):
    home = site.html("")
    assert text(home.title) == SETTINGS["SITENAME"]
    assert meta(home, "description") == [SETTINGS["SITE_DESCRIPTION"]]
    assert meta(home, "og:title") == [SETTINGS["SITENAME"]]
    headline = home.select_one(".headline")
    assert text(headline.select_one("h3 a")) == TITLE
    assert headline.select_one("img")["alt"] == IMAGE_ALT
    assert text(headline.select("p")[-1]) == SUMMARY_TEXT
    assert text(headline.select_one(".meta")).endswith(f"· {UNIT}")
    assert CATEGORY in [text(a) for a in home.select(".category-block h3 a")]


def test_listings_of_the_release(site, release, example):
    category = site.html(site.find("kategori/kategori-*/index.html"))
    assert text(category.h1) == f"Kategori: {CATEGORY}"
    assert text(category.title) == f"Kategori: {CATEGORY} – {SETTINGS['SITENAME']}"
    assert text(category.select_one(".card-title a")) == TITLE
    assert text(category.select_one(".card .kicker a")) == CATEGORY
    feeds = category.select('link[rel="alternate"]')
    assert feeds and all(CATEGORY in link["title"] for link in feeds)
    unit = site.html(site.find("unit/unit-*/index.html"))
    assert text(unit.h1) == f"Unit kerja: {UNIT}"
    assert all(UNIT in link["title"] for link in unit.select('link[rel="alternate"]'))
    tag = site.html("topik/topik/")
    assert text(tag.h1) == f"Topik: {TAGS[0]}"
    assert all(TAGS[0] in link["title"] for link in tag.select('link[rel="alternate"]'))
    author = site.html(site.find("penulis/penulis-*/index.html"))
    assert text(author.h1) == f"Penulis: {AUTHORS[0]}"
    nav = {text(a): a["href"] for a in site.html("arsip/").select(".site-nav a")}
    assert nav[CATEGORY].startswith(f"{SITEURL}/kategori/kategori-")
    assert nav[SETTINGS["MENU_EXTRA"][1][0]] == f"{SITEURL}/profil/"
    for index, names in (("kategori/", [CATEGORY]), ("topik/", TAGS), ("unit/", [UNIT])):
        listed = [text(a) for a in site.html(index).select(".index-list a")]
        assert set(names) <= set(listed), index
    neighbour = site.html(example)
    assert text(neighbour.select_one('.prev-next a[rel="next"]')) == f"Berikutnya →{TITLE}"
    assert [text(a) for a in neighbour.select(".related a")][0] == TITLE, "shares a tag, newest first"


def test_settings_strings(site):
    page = site.html("profil/")
    assert text(page.select_one(".brand strong")) == SETTINGS["SITENAME"]
    address = page.select_one("address")
    assert text(address).startswith(SETTINGS["CONTACT"]["address"])
    assert SETTINGS["CONTACT"]["phone"] in text(address)
    assert address.select_one("a")["href"] == f"mailto:{SETTINGS['CONTACT']['email']}"
    assert text(address.select_one("a")) == SETTINGS["CONTACT"]["email"]
    assert text(page.select_one(".site-footer strong")) == SETTINGS["PUBLISHER"]["name"]


# -- a page -----------------------------------------------------------------------------------------

def test_page_fields_and_url(site):
    page = site.html(PAGE_URL)
    assert text(page.title) == f"{PAGE_TITLE} – {SETTINGS['SITENAME']}"
    assert text(page.h1) == PAGE_TITLE
    assert meta(page, "description") == [PAGE_SUMMARY_TEXT]
    assert meta(page, "og:title") == [f"{PAGE_TITLE} – {SETTINGS['SITENAME']}"]
    assert text(page.select_one(".body code")) == RAW
    links = [a for a in page.select(".site-nav a") if text(a) == PAGE_TITLE]
    assert [a["href"] for a in links] == [f"{SITEURL}/{PAGE_URL}"]
    assert page.select_one('link[rel="canonical"]')["href"] == f"{SITEURL}/{PAGE_URL}"
    crumbs = page.select(".breadcrumbs li")
    assert text(crumbs[-1]) == PAGE_TITLE


# -- the register ----------------------------------------------------------------------------------

def test_register_item_fields(site):
    page = site.html(site.find("informasi-publik/2026/informasi-*/index.html"))
    assert text(page.title).startswith(f"{ITEM_TITLE} – ")
    assert text(page.h1) == ITEM_TITLE
    assert text(page.select_one(".dip-summary")) == ITEM_SUMMARY
    assert meta(page, "description") == [ITEM_SUMMARY]
    facts = {text(dt): dd for dt, dd in zip(page.select(".dip-facts dt"), page.select(".dip-facts dd"))}
    assert text(facts["Penanggung jawab"]) == ITEM_UNIT
    assert text(facts["Jangka waktu penyimpanan"]) == ITEM_RETENTION
    assert text(facts["Format"]) == ITEM_FORMAT
    assert text(page.select_one(".body code")) == RAW
    assert [li.get_text(strip=True) for li in page.select(".breadcrumbs li")][-1] == ITEM_TITLE


def test_register_table_and_lists(site):
    index = site.html("informasi-publik/")
    rows = {row["data-title"]: row for row in index.select(".dip-table tbody tr")}
    assert ITEM_TITLE in rows and EXEMPT_TITLE in rows
    row = rows[ITEM_TITLE]
    assert text(row.select_one("th a")) == ITEM_TITLE
    cells = row.select("td")
    assert text(cells[1]) == ITEM_SUMMARY
    assert text(cells[2]) == ITEM_UNIT
    assert text(cells[6]) == ITEM_RETENTION
    assert ITEM_UNIT in [text(o) for o in index.select("#saring-unit option")]
    listing = site.html(site.find("informasi-publik/unit/penanggung-jawab-*/index.html"))
    assert text(listing.h1) == f"Informasi publik {ITEM_UNIT}"
    exempt = site.html(site.find("informasi-publik/2026/dikecualikan-*/index.html"))
    assert text(exempt.select_one(".dip-exempt p")) == LEGAL_BASIS


def test_register_report_and_service_page(site):
    report = site.html("informasi-publik/laporan/")
    row = report.select_one(".dip-stale-row")
    assert text(row.select_one("th a")) == STALE_TITLE
    assert text(row.select_one("td")) == ITEM_UNIT
    page = site.html("informasi-publik/uji-layanan/")
    assert text(page.title) == f"{SERVICE_TITLE} – {SETTINGS['SITENAME']}"
    assert text(page.h1) == SERVICE_TITLE
    assert meta(page, "description") == [SERVICE_SUMMARY]
    assert text(page.select_one(".body code")) == RAW
    services = [text(a) for a in site.html("informasi-publik/").select(".dip-services a")]
    assert SERVICE_TITLE in services


# -- Meja Sosial: the editor's own texts -----------------------------------------------------------

def test_social_desk_texts(site):
    desk = site.html("meja-sosial/")
    section = next(s for s in desk.select(".desk-release") if text(s.h2) == TITLE)
    assert section.select_one("img.desk-card")["alt"] == f"Kartu berbagi: {TITLE}"
    texts = {pre["id"].rsplit("-", 1)[-1]: text(pre) for pre in section.select("pre")}
    assert texts["x"] == SOCIAL_X
    assert texts["whatsapp"] == SOCIAL_WHATSAPP
    assert SOCIAL_SUMMARY in texts["facebook"] and texts["facebook"].startswith(TITLE)
    slug = section.select_one("pre")["id"][len("teks-"):].rsplit("-", 1)[0]
    saved = json.loads((site.output / "social" / f"{slug}.json").read_text(encoding="utf-8"))
    for key, value in texts.items():
        assert saved["texts"][key]["text"] == value, key


# -- data files stay data --------------------------------------------------------------------------

def test_exports_keep_the_exact_text(site):
    dip = json.loads((site.output / "informasi-publik" / "dip.json").read_text(encoding="utf-8"))
    item = next(i for i in dip["items"] if i["title"] == ITEM_TITLE)
    assert (item["summary"], item["unit"], item["retention"]) == (ITEM_SUMMARY, ITEM_UNIT, ITEM_RETENTION)
    assert dip["publisher"] == SETTINGS["PUBLISHER"]["name"]
    exports = (site.output / "informasi-publik" / "dip.csv").read_text(encoding="utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(exports)) if r["title"] == ITEM_TITLE)
    assert (row["summary"], row["unit"]) == (ITEM_SUMMARY, ITEM_UNIT)
    releases = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "<img" not in releases and "<script" not in releases

"""The sample site, built for real and read back with BeautifulSoup."""
from __future__ import annotations

import re

import pytest

MANGROVE = "berita/2026/11/brpkn-dan-warga-pesisir-utara-tanam-12-000-bibit-mangrove/"
CORAL = "berita/2026/08/hasil-pemantauan-terumbu-karang-teluk-biru-menunjukkan-pemulihan/"
FLOOD = "berita/2025/12/pengumuman-siaga-banjir-rob-periode-pasang-tertinggi-desember/"
SCHOLARSHIP = "berita/2026/10/pengumuman-seleksi-program-peneliti-muda-pesisir-2027/"


def test_every_page_type_exists(built_site):
    files = built_site.files()
    expected = ["index.html", "404.html", "sitemap.xml", "robots.txt",
                MANGROVE + "index.html", "kategori/siaran-pers/index.html", "topik/mangrove/index.html",
                "unit/pusat-data-dan-informasi/index.html", "unit/index.html", "arsip/index.html",
                "arsip/2026/index.html", "arsip/2025/12/index.html", "profil/index.html", "kontak/index.html",
                "topik/index.html", "kategori/index.html"]
    assert [name for name in expected if name not in files] == []
    assert not [name for name in files if name.endswith(".html") and name not in ("404.html",)
                and not name.endswith("index.html")], "public pages are folders with index.html"


def test_release_page_shows_every_field(built_site):
    page = built_site.html(MANGROVE)
    assert page.find("html")["lang"] == "id"
    assert page.h1.get_text(strip=True) == "BRPKN dan Warga Pesisir Utara Tanam 12.000 Bibit Mangrove"
    time = page.select_one(".release .meta time")
    assert time.get_text() == "Rabu, 25 November 2026 09.30 WIB"
    assert time["datetime"] == "2026-11-25T09:30:00+07:00"
    assert page.select_one(".release .meta a").get_text() == "Direktorat Konservasi Pesisir"
    assert page.select_one(".dateline").get_text() == "Tanjung Harapan (25/11) – "
    img = page.select_one("figure.photo img")
    assert img["alt"].startswith("Warga dan petugas menanam bibit mangrove")
    assert (img["width"], img["height"]) == ("1200", "675")
    assert "Desa Muara Tenang" in page.select_one("figcaption").get_text()
    assert "(Foto: Humas/Dimas)" in page.select_one("figcaption").get_text()
    assert page.select_one(".credit-line").get_text() == "(Humas/RP/DS)"
    assert [a.get_text() for a in page.select(".tags a")] == ["Mangrove", "Rehabilitasi Pesisir", "Partisipasi Masyarakat"]
    crumbs = [li.get_text(strip=True) for li in page.select(".breadcrumbs li")]
    assert crumbs == ["Beranda", "Berita Utama", "BRPKN dan Warga Pesisir Utara Tanam 12.000 Bibit Mangrove"]
    share = {a.get_text(): a["href"] for a in page.select(".share a")}
    assert set(share) == {"WhatsApp", "Facebook", "X", "Telegram", "LinkedIn", "Surel"}
    assert all("brpkn-dan-warga-pesisir-utara" in href for href in share.values())
    scripts = [s for s in page.find_all("script") if s.get("type") != "application/ld+json"]
    assert not scripts, "release pages need no JavaScript"
    assert page.select_one('link[rel="canonical"]')["href"].endswith("/" + MANGROVE)


def test_previous_next_and_related(built_site):
    page = built_site.html(MANGROVE)
    assert page.select_one('.prev-next a[rel="prev"]')["href"].endswith("portal-satu-data-pesisir-resmi-dibuka-untuk-publik/")
    assert page.select_one('.prev-next a[rel="next"]') is None, "newest release has no next"
    related = [a["href"] for a in page.select(".related a")]
    # shares two tags (Rehabilitasi Pesisir, ... ) with the coral release; one with others
    assert related[0].endswith(CORAL)
    assert len(related) <= 4


@pytest.mark.parametrize("url, expected", [
    (CORAL, "Senin, 17 Agustus 2026 08.00 WIB"),
    (FLOOD, "Senin, 1 Desember 2025 16.00 WIB"),
    (SCHOLARSHIP, "Senin, 5 Oktober 2026 10.00 WIB"),
])
def test_indonesian_dates(built_site, url, expected):
    assert built_site.html(url).select_one(".release .meta time").get_text() == expected


def test_modified_date_is_shown(built_site):
    meta = built_site.html(CORAL).select_one(".release .meta").get_text(" ", strip=True)
    assert "Diperbarui: Rabu, 19 Agustus 2026 16.30 WIB" in meta


def test_release_without_image_or_authors_renders(built_site):
    page = built_site.html(SCHOLARSHIP)
    assert page.select_one("figure.photo") is None
    assert page.select_one(".authors") is None
    assert page.select("ol li")  # the numbered list in the body survived


def test_home_has_headline_latest_and_category_blocks(built_site):
    home = built_site.html("")
    assert home.select_one(".headline h3 a")["href"].endswith(MANGROVE)
    assert home.find(id="terbaru").get_text() == "Berita Terbaru"
    latest = [a["href"] for a in home.select("#terbaru ~ .release-list .card-title a")]
    assert latest and not any(href.endswith(MANGROVE) for href in latest), "headline not repeated"
    blocks = [h.get_text(strip=True) for h in home.select(".category-block h3")]
    assert blocks == ["Berita Utama", "Siaran Pers", "Pengumuman", "Artikel"]


def test_listing_pages(built_site):
    unit = built_site.html("unit/pusat-data-dan-informasi/")
    assert unit.h1.get_text() == "Unit kerja: Pusat Data dan Informasi"
    assert len(unit.select(".release-list > li")) == 2
    tag = built_site.html("topik/partisipasi-masyarakat/")
    assert len(tag.select(".release-list > li")) == 3
    month = built_site.html("arsip/2025/12/")
    assert "Desember 2025" in month.h1.get_text()
    assert len(month.select(".release-list > li")) == 2
    archive = built_site.html("arsip/")
    assert "Agustus 2025" in archive.get_text()


def test_static_pages_and_404(built_site):
    assert built_site.html("profil/").h1.get_text() == "Profil"
    missing = built_site.html("404.html")
    assert missing.h1.get_text() == "Halaman tidak ditemukan"
    assert missing.select_one('meta[name="robots"]')["content"] == "noindex"


def test_sitemap_and_robots(built_site):
    sitemap = (built_site.output / "sitemap.xml").read_text()
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert "http://127.0.0.1:8000/" + MANGROVE in locs
    assert "http://127.0.0.1:8000/profil/" in locs
    assert not any("404" in loc for loc in locs)
    robots = (built_site.output / "robots.txt").read_text()
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in robots


def test_interface_strings_come_from_the_catalog(built_site):
    from humas_content.i18n import load_catalog
    catalog = load_catalog(built_site.project / "theme" / "translations" / "id.po")
    import re as _re
    used = set()
    for template in (built_site.project / "theme" / "templates").glob("*.html"):
        used |= set(_re.findall(r"""_\(\s*["']([^"']+)["']""", template.read_text()))
    assert sorted(used - set(catalog)) == [], "every interface string needs an Indonesian entry"


def test_a_link_in_the_first_paragraph_resolves_in_the_summary_too(make_site):
    """The summary is the lede as read, handed to Pelican as metadata, so its
    {filename} links are resolved like the body's, not frozen unresolved."""
    import feedparser
    release = make_site.project / "content" / "berita" / "2026" / "peluncuran-satu-data-pesisir.md"
    text = release.read_text(encoding="utf-8")
    release.write_text(text.replace("Pusat Data dan Informasi BRPKN membuka portal",
                                    "Pusat Data dan Informasi BRPKN ([profil]({filename}/halaman/profil.md)) membuka portal", 1),
                       encoding="utf-8")
    site = make_site()
    assert site.summary.ok
    feed = feedparser.parse((site.output / "atom.xml").read_bytes())
    entry = next(e for e in feed.entries if "satu-data-pesisir" in e.link)
    assert "{filename}" not in entry.summary and "/profil/" in entry.summary
    assert 'class="dateline"' in entry.summary

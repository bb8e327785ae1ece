"""Releases as a Humas office writes them, built for real: the dateline and the credit line
already in the body, in every common form. The page's first paragraph carries exactly one
dateline; the credit line is printed once on the page and once in each feed entry.

One project (the sample releases plus one release per form) built once for the module, and once
more with DATELINE_KEEP_ORIGINAL. The releases are written in the shapes of real ones, in our own
words, about the fictional BRPKN.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup
from feeds_support import ATOM, feeds_project, parse_xml

from siaran.build import build_site
from siaran.problems import WARNING

CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
FOLDER = "content/berita/2026/bentuk"


@dataclass(frozen=True)
class Form:
    name: str
    day: int
    opening: str
    """The body's first paragraph as the editor pasted it."""
    shown: str
    """The one dateline the page shows (house form)."""
    kept: str
    """The one dateline with DATELINE_KEEP_ORIGINAL."""
    story: str
    """The first words after the dateline."""


DATELINES = [
    Form("kota", 20, "Sinar Bahari - Balai Riset Kelautan Wilayah Timur mulai mendata perahu nelayan di tiga desa.",
         "Sinar Bahari (20/11)", "Sinar Bahari", "Balai Riset Kelautan"),
    Form("kota-lembaga", 19, "Tanjung Harapan, BRPKN (19/11) - Badan Riset Pesisir dan Kelautan Nusantara "
         "menerima kunjungan dua puluh guru sekolah pesisir.", "Tanjung Harapan (19/11)",
         "Tanjung Harapan, BRPKN (19/11)", "Badan Riset Pesisir"),
    Form("kota-tanggal", 18, "Teluk Biru (18/11) – Tim penyelam balai menghitung ulang koloni karang di enam titik.",
         "Teluk Biru (18/11)", "Teluk Biru (18/11)", "Tim penyelam balai"),
    Form("kota-tanggal-tahun", 17, "Sinar Bahari (17/11/2026) — Kapal riset Samudra Bakti kembali bersandar "
         "setelah tiga pekan berlayar.", "Sinar Bahari (17/11)", "Sinar Bahari (17/11/2026)", "Kapal riset Samudra"),
    Form("pisah-tanpa-spasi", 16, "Teluk Biru (16/11)–Petugas balai memasang enam pelampung penanda zona larang tangkap.",
         "Teluk Biru (16/11)", "Teluk Biru (16/11)", "Petugas balai"),
    Form("huruf-besar", 15, "MUARA TENANG – Warga Desa Muara Tenang menyulam 2.000 bibit mangrove yang mati.",
         "Muara Tenang (15/11)", "MUARA TENANG", "Warga Desa Muara"),
    Form("awalan-media", 14, "WARTAPESISIR,TANJUNG HARAPAN– Kepala Pusat Data BRPKN memaparkan capaian portal data.",
         "Tanjung Harapan (14/11)", "WARTAPESISIR,TANJUNG HARAPAN", "Kepala Pusat Data"),
    Form("strip-huruf-besar", 13, "TELUK BIRU-Tim balai menutup musim pemantauan dengan lokakarya nelayan.",
         "Teluk Biru (13/11)", "TELUK BIRU", "Tim balai menutup"),
    Form("pisah-panjang-tanpa-spasi", 12, "Sinar Bahari (12/11)—Nelayan muda belajar membaca data cuaca laut.",
         "Sinar Bahari (12/11)", "Sinar Bahari (12/11)", "Nelayan muda"),
]


@dataclass(frozen=True)
class Credit:
    name: str
    closing: str
    """The body's last paragraph(s) as pasted."""
    shown: str
    """The credit line as printed once."""
    kept_text: str
    """The body's last paragraph on the page, without the credit."""


CREDITS = [
    Credit("humas-di-akhir-kalimat", "Kegiatan berlanjut pekan depan. (Humas/NA/YK)", "(Humas/NA/YK)",
           "Kegiatan berlanjut pekan depan."),
    Credit("rls", "Informasi lengkap tersedia di laman balai. (rls)", "(rls)", "Informasi lengkap tersedia di laman balai."),
    Credit("inisial-baris-sendiri", "Kegiatan berlanjut pekan depan.\n\n(RP/DS)", "(RP/DS)",
           "Kegiatan berlanjut pekan depan."),
    Credit("inisial-dan-penyunting", "Kegiatan berlanjut pekan depan.\n\n(BW)/ AH", "(BW/AH)",
           "Kegiatan berlanjut pekan depan."),
]

MIDDLE = ("“Data yang rapi membuat keputusan lebih cepat,” kata koordinator kegiatan, Yosef Kalalo.\n\n"
          "Hasil kegiatan akan dimuat dalam daftar informasi publik BRPKN.")


def release(form: Form, credit: Credit, number: int, extra: str = "") -> str:
    return (f"id: 7a0c{number:04d}-1b2c-4d3e-8f4a-5b6c7d8e9f{number:02d}\n"
            f"title: Uji Bentuk Rilis {form.name} {credit.name}\n"
            f"date: 2026-11-{form.day:02d} 10:00\n"
            "category: Siaran Pers\n"
            "unit: Balai Riset Kelautan Wilayah Timur\n"
            f"{extra}\n{form.opening}\n\n{MIDDLE}\n\n{credit.closing}\n")


def url_of(form: Form, credit: Credit) -> str:
    return f"berita/2026/11/uji-bentuk-rilis-{form.name}-{credit.name}/"


PAIRS = [(form, CREDITS[index % len(CREDITS)]) for index, form in enumerate(DATELINES)]
"""One release per dateline form, each closing with one of the credit forms."""
CREDIT_PAIRS = PAIRS[:len(CREDITS)]
"""The releases that carry each credit form once."""

# The user's report: the body's own dateline and credit line, and the same in the fields.
FIELDS_TOO = Form("juga-di-kolom", 22, "Jakarta, BRPKN (22/11) - Badan Riset Pesisir dan Kelautan Nusantara "
                  "membuka pendaftaran magang.", "Jakarta (22/11)", "Jakarta, BRPKN (22/11)", "Badan Riset Pesisir")
FIELDS_CREDIT = CREDITS[0]
PHOTO = ("image: gambar/berita/kapal-riset.jpg\n"
         "image_alt: Kapal riset bersandar di dermaga pada pagi hari\n"
         "image_caption: Kapal riset bersandar di dermaga balai. (Foto: Humas/Sari)\n")
DISAGREE = Form("tanggal-beda", 23, "Teluk Biru (21/11) – Tim balai melepas tukik di pantai utara.",
                "Teluk Biru (21/11)", "Teluk Biru (21/11)", "Tim balai melepas")
DIFFERENT_CREDIT = CREDITS[1]


def files() -> dict[str, str]:
    found = {f"{FOLDER}/{form.name}-{credit.name}.md": release(form, credit, number)
             for number, (form, credit) in enumerate(PAIRS)}
    found[f"{FOLDER}/{FIELDS_TOO.name}.md"] = release(
        FIELDS_TOO, FIELDS_CREDIT, 90, "location: Jakarta\ncredit: Humas/NA/YK\n" + PHOTO)
    found[f"{FOLDER}/{DISAGREE.name}.md"] = release(DISAGREE, DIFFERENT_CREDIT, 91, "credit: Humas/TB\n")
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = feeds_project(tmp_path_factory.mktemp("bentuk") / "project", files())
    summary = build_site(project / "pelicanconf.py", project / "output")
    assert summary.ok, [str(p) for p in summary.problems] + summary.log_errors
    return project, summary


@pytest.fixture(scope="module")
def kept_site(tmp_path_factory):
    project = feeds_project(tmp_path_factory.mktemp("asli") / "project", files())
    summary = build_site(project / "pelicanconf.py", project / "output", {"DATELINE_KEEP_ORIGINAL": True})
    assert summary.ok, [str(p) for p in summary.problems] + summary.log_errors
    return project


def page(project, url: str) -> BeautifulSoup:
    return BeautifulSoup((project / "output" / url / "index.html").read_text(encoding="utf-8"), "lxml")


def feed_bodies(project, url: str) -> dict[str, BeautifulSoup]:
    """The content HTML of the release's entry in the site's RSS, Atom and JSON feeds."""
    output, link = project / "output", f"http://127.0.0.1:8000/{url}"
    rss = next(i for i in parse_xml((output / "rss.xml").read_bytes()).iter("item") if i.findtext("link") == link)
    atom = next(e for e in parse_xml((output / "atom.xml").read_bytes()).iter(f"{ATOM}entry")
                if e.find(f"{ATOM}link").get("href") == link)
    item = next(i for i in json.loads((output / "feed.json").read_bytes())["items"] if i["url"] == link)
    return {name: BeautifulSoup(html, "lxml") for name, html in (
        ("rss", rss.findtext(CONTENT)), ("atom", atom.findtext(f"{ATOM}content")), ("json", item["content_html"]))}


def first_paragraph(soup: BeautifulSoup):
    return next(p for p in soup.find_all("p") if p.get_text(strip=True))


def assert_one_dateline(soup: BeautifulSoup, shown: str, story: str, where: str) -> None:
    assert len(soup.select(".dateline")) == 1, where
    first = first_paragraph(soup)
    assert [span.get_text() for span in first.select(".dateline")] == [f"{shown} – "], where
    assert first.get_text().startswith(f"{shown} – {story}"), (where, first.get_text())


@pytest.mark.parametrize("form, credit", PAIRS, ids=[form.name for form, _ in PAIRS])
def test_each_dateline_form_is_shown_once(site, form, credit):
    project, _ = site
    body = page(project, url_of(form, credit)).select_one(".release .body")
    assert_one_dateline(body, form.shown, form.story, "page")
    for name, soup in feed_bodies(project, url_of(form, credit)).items():
        assert_one_dateline(soup, form.shown, form.story, name)


@pytest.mark.parametrize("form, credit", CREDIT_PAIRS, ids=[credit.name for _, credit in CREDIT_PAIRS])
def test_each_credit_form_is_printed_once(site, form, credit):
    project, _ = site
    soup = page(project, url_of(form, credit))
    article = soup.select_one("article.release")
    assert article.get_text().count(credit.shown) == 1
    assert [p.get_text() for p in article.select(".credit-line")] == [credit.shown]
    last = article.select_one(".body").find_all("p")[-1].get_text()
    assert last == credit.kept_text
    for name, feed in feed_bodies(project, url_of(form, credit)).items():
        assert feed.get_text().count(credit.shown) == 1, name
        assert [p.get_text() for p in feed.select(".credit-line")] == [credit.shown], name


def test_fields_and_body_together_make_one_dateline_one_credit_and_one_photo_credit(site):
    project, summary = site
    url = "berita/2026/11/uji-bentuk-rilis-juga-di-kolom-humas-di-akhir-kalimat/"
    soup = page(project, url)
    assert_one_dateline(soup.select_one(".release .body"), "Jakarta (22/11)", "Badan Riset Pesisir", "page")
    assert soup.select_one("article.release").get_text().count("(Humas/NA/YK)") == 1
    caption = soup.select_one("figure.photo figcaption")
    assert caption.get_text() == "Kapal riset bersandar di dermaga balai. (Foto: Humas/Sari)"
    assert caption.select_one(".credit").get_text() == "(Foto: Humas/Sari)"
    assert not [p for p in summary.problems if FIELDS_TOO.name in p.path]


def test_disagreements_are_located_warnings(site):
    _, summary = site
    path = f"{FOLDER}/{DISAGREE.name}.md"
    assert [str(p) for p in summary.problems if p.path == path] == [
        f"{path}:8: peringatan: dateline: dateline di isi menyebut tanggal (21/11), tetapi 'date' adalah "
        "23 November 2026; samakan salah satunya",
        f"{path}:14: peringatan: credit: baris kredit di akhir isi '(rls)' berbeda dengan 'credit' 'Humas/TB'; "
        "halaman memakai '(Humas/TB)'. Samakan atau hapus salah satunya",
    ]
    assert all(p.severity == WARNING for p in summary.problems if p.path == path)


def test_disagreeing_fields_win_and_the_body_copy_is_not_shown(site):
    project, _ = site
    soup = page(project, f"berita/2026/11/uji-bentuk-rilis-{DISAGREE.name}-{DIFFERENT_CREDIT.name}/")
    article = soup.select_one("article.release")
    assert_one_dateline(article.select_one(".body"), "Teluk Biru (21/11)", "Tim balai melepas", "page")
    assert "(rls)" not in article.get_text()
    assert [p.get_text() for p in article.select(".credit-line")] == ["(Humas/TB)"]


@pytest.mark.parametrize("form, credit", PAIRS, ids=[form.name for form, _ in PAIRS])
def test_keep_original_shows_the_dateline_as_written(kept_site, form, credit):
    body = page(kept_site, url_of(form, credit)).select_one(".release .body")
    assert_one_dateline(body, form.kept, form.story, "page")
    for name, soup in feed_bodies(kept_site, url_of(form, credit)).items():
        assert_one_dateline(soup, form.kept, form.story, name)

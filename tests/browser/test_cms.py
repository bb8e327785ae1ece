"""The CMS at /admin/ in Debian Chromium, against `invoke cms` (cms.local.start) on a
temporary copy of the project: a release written in the form is a file that `invoke
check` accepts and the build turns into its page; a missing required field, or a photo
without its alt text, keeps the CMS from saving; a hand-written release opens in the
form and comes back unchanged but for the edit; the page breaks none of its own CSP."""
from __future__ import annotations

import shutil
import time
import uuid
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from playwright.sync_api import expect

from siaran.build import build_site, check
from tests.site.conftest import ROOT, copy_project

pytestmark = pytest.mark.browser

TITLE = 'BRPKN Luncurkan "Laut Bersih" di Teluk Biru: 40 Relawan Angkat 2 Ton Sampah'
SAVED_AS = "content/berita/2026/brpkn-luncurkan-laut-bersih-di-teluk-biru-40-relawan-angkat-2-ton-sampah.md"
MISSING = "Ada kolom wajib yang belum diisi. Lengkapi dulu sebelum menyimpan."
# Every Content-Security-Policy violation on the page, collected from its own event.
RECORD_CSP = ("window.__csp = []; document.addEventListener('securitypolicyviolation', "
              "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")


@pytest.fixture(scope="module")
def cms(tmp_path_factory, browser):
    """`invoke cms` on a throwaway copy of the project (never the repo's own content/)."""
    if not (ROOT / "node_modules" / "decap-server" / "dist" / "index.js").is_file():
        pytest.skip("node_modules/decap-server missing (run `npm ci`)")
    from cms.local import start
    project = copy_project(tmp_path_factory.mktemp("cms") / "project")
    running = start(project, project / "pelicanconf.py", project / "output")
    running.project = project
    yield running
    running.stop()
    assert running.proxy.poll() is not None, "decap-server was stopped"


@pytest.fixture
def page(cms, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="Asia/Jakarta",
                                  locale="id-ID")
    context.add_init_script(RECORD_CSP)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(cms.url)
    tab.get_by_role("button", name="Masuk").click()
    yield tab
    violations = tab.evaluate("window.__csp")
    context.close()
    assert violations == [], "the admin page's own policy blocked something the CMS needed"
    # Decap refuses a save by rejecting its promise with no reason: that one is expected.
    assert [error for error in errors if error != "undefined"] == []


def releases(project: Path) -> set[str]:
    return {p.relative_to(project).as_posix() for p in (project / "content" / "berita").rglob("*.md")}


def wait_for(condition, seconds: float = 20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    return condition()


def written(path: Path, last_line: str) -> bool:
    """The file is there and whole: decap-server writes in place, so a test that reads
    too early can see it half written."""
    return path.is_file() and path.read_text(encoding="utf-8").endswith(last_line + "\n")


def choose(page, field: str, option: str) -> None:
    page.get_by_label(field, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()


def save(page) -> None:
    page.get_by_role("button", name="Terbitkan").first.click()
    page.get_by_text("Terbitkan sekarang", exact=True).click()


def fill_required(page, title: str) -> None:
    page.get_by_text("＋ Rilis baru").click()
    if title:
        page.get_by_label("Judul", exact=True).fill(title)
    page.get_by_label("Tanggal terbit").fill("2026-12-01T09:30")
    choose(page, "Kategori", "Siaran Pers")
    choose(page, "Unit penerbit", "Pusat Data dan Informasi")
    page.get_by_label("Kota dateline").fill("Kota Tanjung Harapan")


def pick_photo(page, upload: Path | None, name: str) -> None:
    page.get_by_role("button", name="Pilih foto").click()
    card = page.get_by_text(name, exact=True)
    if upload is None:
        card.click()
    else:
        with page.expect_file_chooser() as chooser:
            page.get_by_text("Unggah", exact=True).click()
        chooser.value.set_files(str(upload))
        card.wait_for()                    # an upload comes back selected
    page.get_by_role("button", name="Pakai yang dipilih").click()


def type_body(page, text: str) -> None:
    page.locator('[data-slate-editor="true"]').click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def test_a_release_written_in_the_form_is_checked_and_built_like_one_written_by_hand(cms, page, tmp_path):
    project = cms.project
    photo = tmp_path / "laut-bersih.jpg"
    Image.new("RGB", (1200, 675), (30, 110, 160)).save(photo, quality=85)
    fill_required(page, TITLE)
    page.get_by_label("Topik").fill("Sampah Laut, Partisipasi Masyarakat")
    pick_photo(page, photo, "laut-bersih.jpg")
    page.get_by_label("Teks alternatif foto").fill("Relawan memilah sampah plastik di pantai Teluk Biru")
    page.get_by_label("Keterangan foto").fill("Relawan dan petugas BRPKN membersihkan pantai Teluk Biru.")
    page.get_by_label("Kredit foto").fill("Foto: Humas/Rara")
    type_body(page, "Sebanyak 40 relawan mengangkat 2 ton sampah dari pantai Teluk Biru, Sabtu pagi.")
    preview = page.frame_locator("iframe").first
    assert preview.locator("h1").inner_text() == TITLE
    assert preview.locator('link[href$="theme/css/siaran.css"]').count() == 1, "the preview wears the portal's CSS"
    save(page)

    saved = project / SAVED_AS
    assert wait_for(lambda: written(saved, "Sabtu pagi.")), f"no file under content/berita/: {sorted(releases(project))}"
    text = saved.read_text(encoding="utf-8")
    first_line = text.splitlines()[0]
    assert first_line.startswith("id: ") and uuid.UUID(first_line[4:])
    assert text.splitlines()[1:] == [
        f"title: {TITLE}",
        "date: 2026-12-01 09:30",
        "category: Siaran Pers",
        "tags: Sampah Laut, Partisipasi Masyarakat",
        "unit: Pusat Data dan Informasi",
        "location: Kota Tanjung Harapan",
        "image: gambar/berita/laut-bersih.jpg",
        "image_alt: Relawan memilah sampah plastik di pantai Teluk Biru",
        "image_caption: Relawan dan petugas BRPKN membersihkan pantai Teluk Biru.",
        "image_credit: Foto: Humas/Rara",
        "status: published",
        "",
        "Sebanyak 40 relawan mengangkat 2 ton sampah dari pantai Teluk Biru, Sabtu pagi.",
    ]
    uploaded = project / "content/gambar/berita/laut-bersih.jpg"      # written beside the entry
    assert wait_for(lambda: uploaded.is_file() and uploaded.read_bytes() == photo.read_bytes())

    # Saved again after an edit: the id it was given stays.
    type_body(page, " Kegiatan berlanjut bulan depan.")
    save(page)
    assert wait_for(lambda: written(saved, "Kegiatan berlanjut bulan depan."))
    assert saved.read_text(encoding="utf-8").splitlines()[0] == first_line

    result = check(project / "pelicanconf.py")
    assert [str(p) for p in result.problems] == []
    built = build_site(project / "pelicanconf.py", tmp_path / "output")
    assert built.ok, [str(p) for p in built.problems] + built.log_errors
    pages = list((tmp_path / "output" / "berita" / "2026" / "12").glob("*/index.html"))
    assert len(pages) == 1
    soup = BeautifulSoup(pages[0].read_bytes(), "lxml")
    assert soup.h1.get_text() == TITLE
    assert soup.select_one("figure.photo img")["alt"] == "Relawan memilah sampah plastik di pantai Teluk Biru"

    # The same release as an editor writes it by hand (its own order, no default status):
    # the same page, byte for byte.
    lines = saved.read_text(encoding="utf-8").splitlines()
    by_hand = "\n".join([f"title: {TITLE}", lines[0], "category: Siaran Pers", "date: 2026-12-01 09:30",
                         "unit: Pusat Data dan Informasi", "location: Kota Tanjung Harapan",
                         "tags: Sampah Laut, Partisipasi Masyarakat", "image: gambar/berita/laut-bersih.jpg",
                         "image_alt: Relawan memilah sampah plastik di pantai Teluk Biru",
                         "image_caption: Relawan dan petugas BRPKN membersihkan pantai Teluk Biru.",
                         "image_credit: Foto: Humas/Rara", "", *lines[lines.index("") + 1:], ""])
    from_cms = pages[0].read_bytes()
    original = saved.read_text(encoding="utf-8")
    try:
        saved.write_text(by_hand, encoding="utf-8")
        again = build_site(project / "pelicanconf.py", tmp_path / "output")
        assert again.ok
        assert pages[0].read_bytes() == from_cms
    finally:
        saved.write_text(original, encoding="utf-8")


def test_an_empty_required_field_keeps_the_cms_from_saving(cms, page):
    before = releases(cms.project)
    fill_required(page, title="")
    type_body(page, "Isi tanpa judul.")
    save(page)
    expect(page.get_by_text(MISSING)).to_be_visible()
    expect(page.get_by_text("Judul wajib diisi.")).to_be_visible()
    time.sleep(1)
    assert releases(cms.project) == before


def test_a_photo_without_its_alt_text_keeps_the_cms_from_saving(cms, page):
    before = releases(cms.project)
    fill_required(page, "Kapal Riset Kembali ke Dermaga Biru")
    pick_photo(page, None, "kapal-riset.jpg")
    save(page)
    expect(page.get_by_text(MISSING)).to_be_visible()
    expect(page.get_by_text("Teks alternatif foto: wajib diisi bila 'image' diisi: tulis deskripsi foto untuk "
                            "pembaca tunanetra")).to_be_visible()
    time.sleep(1)
    assert releases(cms.project) == before
    page.get_by_label("Teks alternatif foto").fill("Kapal riset bersandar di dermaga")
    save(page)
    assert wait_for(lambda: releases(cms.project) - before == {
        "content/berita/2026/kapal-riset-kembali-ke-dermaga-biru.md"})


def test_a_hand_written_release_opens_in_the_form_and_keeps_its_lines(cms, page):
    source = cms.project / "content/berita/2026/penanaman-mangrove-pesisir-utara.md"
    original = source.read_text(encoding="utf-8")
    page.get_by_text("BRPKN dan Warga Pesisir Utara Tanam 12.000 Bibit Mangrove").click()
    assert page.get_by_label("Judul", exact=True).input_value() == "BRPKN dan Warga Pesisir Utara Tanam 12.000 Bibit Mangrove"
    assert page.get_by_label("Topik").input_value() == "Mangrove, Rehabilitasi Pesisir, Partisipasi Masyarakat"
    assert page.get_by_label("Kota dateline").input_value() == "Tanjung Harapan"
    page.get_by_label("Kota dateline").fill("Desa Muara Tenang")
    save(page)
    assert wait_for(lambda: "location: Desa Muara Tenang\n" in source.read_text(encoding="utf-8") and written(
        source, original.splitlines()[-1]))
    assert source.read_text(encoding="utf-8") == original.replace(
        "location: Tanjung Harapan\n", "location: Desa Muara Tenang\n")
    shutil.copy(ROOT / "content/berita/2026/penanaman-mangrove-pesisir-utara.md", source)


def test_a_register_item_with_an_attachment_is_written_where_the_register_reads_it(cms, page, tmp_path):
    document = tmp_path / "laporan-pengaduan-2026.pdf"
    document.write_bytes(b"%PDF-1.4\n% Laporan pengaduan BRPKN 2026\n%%EOF\n")
    page.get_by_role("link", name="Informasi Publik").click()
    page.get_by_text("＋ Informasi baru").click()
    page.get_by_label("Nama informasi").fill("Laporan Pengaduan Masyarakat 2026")
    choose(page, "Golongan informasi", "Berkala")
    page.get_by_label("Ringkasan isi").fill("Rekap pengaduan masyarakat dan tindak lanjutnya selama 2026.")
    page.get_by_label("Penanggung jawab").fill("Inspektorat")
    page.get_by_label("Tahun").fill("2026")
    page.get_by_label("Tanggal masuk daftar").fill("2026-11-30T10:00")
    page.get_by_label("Jangka waktu penyimpanan").fill("5 tahun")
    page.get_by_role("button", name="Tambah Lampiran").click()
    page.get_by_role("button", name="Pilih berkas").click()
    with page.expect_file_chooser() as chooser:
        page.get_by_text("Unggah", exact=True).click()
    chooser.value.set_files(str(document))
    page.get_by_text(document.name, exact=True).wait_for()
    page.get_by_role("button", name="Pakai yang dipilih").click()
    save(page)
    saved = cms.project / "content/informasi-publik/berkala/laporan-pengaduan-masyarakat-2026.md"
    assert wait_for(lambda: written(saved, "status: published"))
    lines = saved.read_text(encoding="utf-8").splitlines()
    assert uuid.UUID(lines[0].removeprefix("id: "))
    assert lines[1:] == [
        "title: Laporan Pengaduan Masyarakat 2026",
        "category: berkala",
        "summary: Rekap pengaduan masyarakat dan tindak lanjutnya selama 2026.",
        "unit: Inspektorat",
        "year: 2026",
        "published: 2026-11-30 10:00",
        "retention: 5 tahun",
        "attachments: dokumen/informasi-publik/laporan-pengaduan-2026.pdf",
        "status: published",
    ]
    uploaded = cms.project / "content/dokumen/informasi-publik" / document.name
    assert wait_for(lambda: uploaded.is_file() and uploaded.read_bytes() == document.read_bytes())
    result = check(cms.project / "pelicanconf.py")
    assert [str(p) for p in result.problems if "informasi-publik" in p.path] == []

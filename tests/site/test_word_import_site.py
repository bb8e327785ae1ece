"""`invoke new --from x.docx`, run as an editor runs it, on Word files the tests make: what it could
not fill is named by `invoke check` line by line; once category and unit are filled the release
passes the check and builds into a page whose title, dateline, photo and credit line are the Word
file's."""
from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import docx_support as word
import pytest
from bs4 import BeautifulSoup
from feeds_support import feeds_project
from site_support import NOW

from siaran.build import build_site
from siaran.dateline import dated, read_dateline
from siaran.dates import JAKARTA

ROOT = Path(__file__).resolve().parents[2]
SLUG = "balai-riset-buka-posko-siaga-rob-di-dermaga-teluk-biru"


def invoke(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "invoke", "--search-root", str(ROOT), *args,
                           "--settings", str(project / "pelicanconf.py")],
                          capture_output=True, text=True, cwd=project)


@pytest.fixture
def project(tmp_path) -> Path:
    return feeds_project(tmp_path / "project")


def year() -> int:
    """The dateline (24/11) names the nearest 24 November up to today (WIB), as the import reads it."""
    return dated(read_dateline(f"{word.DATELINE} – Isi"), datetime.now(JAKARTA)).year


def test_import_check_fill_build(project, tmp_path):
    source = word.write_release_docx(tmp_path / "rilis.docx")
    release = f"content/berita/{year()}/{SLUG}.md"
    made = invoke(project, "new", "--from", str(source))
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines() == [
        f"Rilis baru (draf): {release}",
        f"Foto: content/gambar/{year()}/{SLUG}.jpg",
        f"Foto: content/gambar/{year()}/{SLUG}-2.jpg",
        "Lengkapi baris berikut, lalu jalankan `invoke check`:",
        f"{release}:4: category: tidak boleh kosong: tulis salah satu dari Berita Utama, Siaran Pers, "
        "Pengumuman, Artikel",
        f"{release}:6: unit: tidak boleh kosong: tulis salah satu dari Biro Hukum dan Humas, Biro Perencanaan "
        "dan Keuangan, Biro Umum, Inspektorat, Pusat Data dan Informasi, Direktorat Konservasi Pesisir, Balai "
        "Riset Kelautan Wilayah Timur, Balai Riset Mangrove Wilayah Barat",
    ]
    checked = invoke(project, "check")
    assert checked.returncode == 1
    assert [line for line in checked.stderr.splitlines() if line.startswith(release)] == made.stdout.splitlines()[4:]

    path = project / release
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("category: \n", "category: Siaran Pers\n")
                    .replace("unit: \n", "unit: Balai Riset Kelautan Wilayah Timur\n"), encoding="utf-8")
    checked = invoke(project, "check")
    assert checked.returncode == 0, checked.stderr
    assert release not in checked.stderr

    summary = build_site(project / "pelicanconf.py", project / "output", now=NOW, preview=True)   # drafts: preview only
    assert summary.ok, [str(p) for p in summary.problems] + summary.log_errors
    page = BeautifulSoup((project / "output" / "draf" / SLUG / "index.html").read_text(encoding="utf-8"), "lxml")
    article = page.select_one("article.release")
    assert [h1.get_text() for h1 in page.find_all("h1")] == [word.TITLE]

    body = article.select_one(".body")
    first = body.find("p")
    assert [span.get_text() for span in body.select(".dateline")] == ["Teluk Biru (24/11) – "]
    assert first.get_text() == f"Teluk Biru (24/11) – {word.LEDE}{word.INSERTED}."
    assert body.select_one("blockquote").get_text(strip=True) == word.QUOTE
    assert body.select_one(f'a[href="{word.LINK_URL}"]').get_text() == word.LINK_TEXT
    assert body.select_one("em").get_text() == word.ITALIC
    assert [li.get_text() for li in body.select("ul li")] == list(word.ITEMS)
    assert word.DELETED.strip() not in body.get_text() and word.COMMENT not in page.get_text()

    photo = article.select_one("figure.photo")
    assert photo.img["alt"] == word.PHOTO_ALT
    assert photo.img["src"].endswith(f"/gambar/{year()}/{SLUG}.jpg")
    assert photo.figcaption.get_text() == f"{word.PHOTO_CAPTION} ({word.PHOTO_CREDIT})"
    assert photo.select_one(".credit").get_text() == f"({word.PHOTO_CREDIT})"
    second = body.select_one("img")
    assert second["alt"] == word.SECOND_ALT and second["src"].endswith(f"/gambar/{year()}/{SLUG}-2.jpg")
    assert (project / "output" / "gambar" / str(year()) / f"{SLUG}-2.jpg").is_file()

    assert [p.get_text() for p in article.select(".credit-line")] == [f"({word.CREDIT})"]
    assert article.get_text().count(f"({word.CREDIT})") == 1
    assert body.find_all("p")[-1].get_text() == word.CLOSING


def test_a_photo_without_alt_text_is_a_line_to_complete(project, tmp_path):
    source = word.write_release_docx(tmp_path / "tanpa-alt.docx", alt=False)
    made = invoke(project, "new", "--from", str(source), "--category", "Pengumuman", "--unit", "Biro Hukum dan Humas")
    release = f"content/berita/{year()}/{SLUG}.md"
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines()[-3:] == [
        "Lengkapi baris berikut, lalu jalankan `invoke check`:",
        f"{release}:8: image_alt: wajib diisi bila 'image' diisi: tulis deskripsi foto untuk pembaca tunanetra",
        f"{release}:9: image_alt: tidak boleh kosong",
    ]


def test_a_file_that_is_not_word_is_refused_without_a_traceback(project, tmp_path):
    (tmp_path / "rilis.docx").write_text("bukan berkas Word", encoding="utf-8")
    made = invoke(project, "new", "--from", str(tmp_path / "rilis.docx"))
    assert made.returncode == 1
    assert made.stderr.strip() == (f"{tmp_path / 'rilis.docx'} bukan berkas Word (.docx) yang bisa dibaca; "
                                   "buka di Word lalu simpan sebagai .docx")
    assert not list((project / "content" / "berita").glob(f"*/{SLUG}.md"))

"""The register's checks on small content trees: every problem, located, verbatim."""
from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import pytest

from ppid.checks import check
from ppid.load import load
from ppid.schema import Year, required_when
from siaran.dates import JAKARTA
from siaran.problems import WARNING
from siaran.schema import Context, FieldError
from siaran.validate import Checked
from siaran.source import SourceFile

GOOD = {
    "id": "5c0f3a52-95c1-4c59-9d1e-2a1f6c0b7e11",
    "title": "Laporan Keuangan 2025",
    "category": "berkala",
    "summary": "Ringkasan laporan keuangan.",
    "unit": "Biro Perencanaan dan Keuangan",
    "year": "2025",
    "published": "2026-03-31 16:00",
    "updated": "2026-07-20 10:00",
    "retention": "10 tahun",
    "attachments": "dokumen/ppid/laporan.pdf",
}


def write_item(root: Path, name: str, body: str = "", **fields) -> Path:
    meta = {**GOOD, **fields}
    path = root / "content" / "informasi-publik" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{key}: {value}" for key, value in meta.items() if value is not None]
    path.write_text("\n".join(lines) + "\n\n" + body + "\n", encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path) -> Path:
    document = tmp_path / "content" / "dokumen" / "ppid" / "laporan.pdf"
    document.parent.mkdir(parents=True)
    document.write_bytes(b"%PDF-1.4 contoh")
    (tmp_path / "content" / "rahasia.pdf").write_bytes(b"%PDF-1.4")
    return tmp_path


def problems(project: Path) -> list[str]:
    return [str(p) for p in load(project / "content", project).problems]


def test_a_good_item_loads_with_hash_size_url_and_derived_format(project):
    write_item(project, "berkala/laporan.md", body="Isi *tambahan*.")
    loaded = load(project / "content", project, render=lambda text: f"<p>{text.strip()}</p>")
    assert loaded.problems == []
    [item] = loaded.items
    assert item.url == "informasi-publik/2025/laporan-keuangan-2025/"
    assert item.number == 1 and item.formats == ("PDF",) and item.year == 2025
    assert item.updated == datetime(2026, 7, 20, 10, 0, tzinfo=JAKARTA)
    assert item.body_html == "<p>Isi *tambahan*.</p>"
    [file] = item.attachments
    assert (file.path, file.size, file.sha256) == (
        "dokumen/ppid/laporan.pdf", 15, hashlib.sha256(b"%PDF-1.4 contoh").hexdigest())


def test_unknown_category(project):
    write_item(project, "x.md", category="rahasia")
    assert problems(project) == [
        "content/informasi-publik/x.md:3: category: harus salah satu dari: berkala, serta-merta, setiap-saat, "
        "dikecualikan; bukan 'rahasia'"]


def test_missing_attachment_and_element_index(project):
    write_item(project, "x.md", attachments="dokumen/ppid/laporan.pdf, dokumen/ppid/hilang.csv")
    assert problems(project) == [
        "content/informasi-publik/x.md:10: attachments: [1] berkas 'dokumen/ppid/hilang.csv' tidak ada di folder content/"]


def test_attachment_outside_dokumen_and_wrong_suffix(project):
    write_item(project, "a.md", attachments="rahasia.pdf")
    write_item(project, "b.md", attachments="dokumen/ppid/laporan.exe", id="6c0f3a52-95c1-4c59-9d1e-2a1f6c0b7e11",
               title="Lain")
    assert problems(project) == [
        "content/informasi-publik/a.md:10: attachments: [0] harus berkas di dalam folder dokumen/, bukan 'rahasia.pdf'",
        "content/informasi-publik/b.md:10: attachments: [0] harus berkas dengan akhiran .pdf, .csv, .xlsx, .xls, "
        ".docx, .doc, .odt, .ods, .json, .geojson, .zip, .txt, bukan 'dokumen/ppid/laporan.exe'"]


def test_exempt_information_with_an_attachment_is_an_error_even_when_the_file_is_missing(project):
    write_item(project, "a.md", category="dikecualikan", legal_basis="Pasal 17 huruf h.")
    write_item(project, "b.md", category="dikecualikan", legal_basis="Pasal 17 huruf h.",
               attachments="dokumen/ppid/tidak-ada.pdf", id="6c0f3a52-95c1-4c59-9d1e-2a1f6c0b7e11", title="Lain")
    exempt = ("attachments: informasi 'dikecualikan' tidak boleh punya lampiran: berkas ini akan ikut terbit. "
              "Hapus baris attachments dan berkasnya dari dokumen/")
    assert problems(project) == [
        f"content/informasi-publik/a.md:10: {exempt}",
        "content/informasi-publik/b.md:10: attachments: [0] berkas 'dokumen/ppid/tidak-ada.pdf' tidak ada di folder content/",
        f"content/informasi-publik/b.md:10: {exempt}"]
    assert load(project / "content", project).items == []


def test_legal_basis_rules(project):
    write_item(project, "a.md", category="dikecualikan", attachments=None)
    write_item(project, "b.md", legal_basis="Pasal 17.", id="6c0f3a52-95c1-4c59-9d1e-2a1f6c0b7e11", title="Lain")
    assert problems(project) == [
        "content/informasi-publik/a.md:1: legal_basis: wajib diisi untuk informasi 'dikecualikan': tulis pasal "
        "UU 14/2008 dan ringkasan uji konsekuensi",
        "content/informasi-publik/b.md:11: legal_basis: hanya dipakai untuk kategori 'dikecualikan'; kategori ini 'berkala'"]


def test_duplicate_title_within_category_and_year_only(project):
    write_item(project, "a.md")
    write_item(project, "b.md", title="laporan keuangan 2025", id="6c0f3a52-95c1-4c59-9d1e-2a1f6c0b7e11")
    write_item(project, "c.md", year="2026", id="7c0f3a52-95c1-4c59-9d1e-2a1f6c0b7e11")          # other year
    write_item(project, "d.md", category="setiap-saat", slug="laporan-lain",
               id="8c0f3a52-95c1-4c59-9d1e-2a1f6c0b7e11")                                        # other category
    assert problems(project) == [
        "content/informasi-publik/b.md:2: title: judul 'Laporan Keuangan 2025' sudah dipakai di kategori berkala "
        "tahun 2025 oleh content/informasi-publik/a.md"]
    assert len(load(project / "content", project).items) == 3


def test_same_url_in_two_categories_and_same_id_are_errors(project):
    write_item(project, "a.md")
    write_item(project, "b.md", category="setiap-saat")
    assert problems(project) == [
        "content/informasi-publik/b.md:1: id: '5c0f3a52-95c1-4c59-9d1e-2a1f6c0b7e11' sudah dipakai oleh "
        "content/informasi-publik/a.md",
        "content/informasi-publik/b.md:1: slug: 'informasi-publik/2025/laporan-keuangan-2025/' sudah dipakai oleh "
        "content/informasi-publik/a.md"]


def test_all_problems_of_a_file_are_reported_together(project):
    write_item(project, "x.md", year="25", published="31-03-2026", unit="", colour="biru")
    found = problems(project)
    assert "content/informasi-publik/x.md:6: year: harus tahun empat angka antara 1945 dan 2100, bukan '25'" in found
    assert "content/informasi-publik/x.md:7: published: harus berbentuk 2024-04-20 10:00 (WIB), bukan '31-03-2026'" in found
    assert "content/informasi-publik/x.md:5: unit: tidak boleh kosong" in found
    assert any(line.startswith("content/informasi-publik/x.md:11: colour: kolom tidak dikenal") for line in found)


def test_drafts_are_checked_but_not_published(project):
    write_item(project, "a.md", status="draft")
    loaded = load(project / "content", project)
    assert loaded.problems == [] and loaded.items == []


@pytest.mark.parametrize("raw, ok", [("2026", True), (" 1945 ", True), ("2101", False), ("26", False), ("abcd", False)])
def test_year_field(raw, ok):
    ctx = Context(content_root=Path("."))
    if ok:
        assert Year().convert(raw, ctx) == int(raw)
    else:
        with pytest.raises(FieldError):
            Year().convert(raw, ctx)


def test_required_when_table():
    a, b = datetime(2026, 1, 2, tzinfo=JAKARTA), datetime(2026, 1, 1, tzinfo=JAKARTA)
    assert [f for f, _ in required_when({"category": "dikecualikan", "attachments": ("x",)})] == [
        "attachments", "legal_basis"]
    assert required_when({"category": "dikecualikan", "legal_basis": "Pasal 17"}) == []
    assert [f for f, _ in required_when({"category": "dikecualikan", "legal_basis": "x"},
                                        frozenset({"attachments"}))] == ["attachments"]
    assert [f for f, _ in required_when({"category": "berkala", "published": a, "updated": b})] == ["updated"]


def release(date: str, status: str = "published") -> Checked:
    values = {"date": datetime.strptime(date, "%Y-%m-%d %H:%M").replace(tzinfo=JAKARTA), "status": status}
    return Checked(SourceFile(Path("x.md"), "content/berita/x.md"), "release", values)


def test_check_warns_about_stale_berkala_against_the_newest_release(project):
    write_item(project, "berkala/lama.md", published="2026-01-05 09:00", updated="2026-01-10 09:00")
    found = check([release("2026-11-25 09:30"), release("2027-12-01 10:00", status="draft")],
                  Context(content_root=project / "content"))
    assert [str(p) for p in found] == [
        "content/informasi-publik/berkala/lama.md:8: peringatan: updated: informasi berkala terakhir diperbarui "
        "10 Januari 2026, lebih dari 6 bulan sebelum tanggal acuan 25 November 2026; perbarui isinya lalu ubah 'updated'"]
    assert found[0].severity == WARNING


def test_check_without_releases_uses_the_newest_register_date(project):
    write_item(project, "berkala/lama.md", published="2026-01-05 09:00", updated="2026-01-10 09:00")
    write_item(project, "setiap-saat/baru.md", category="setiap-saat", updated="2026-07-11 09:00",
               id="6c0f3a52-95c1-4c59-9d1e-2a1f6c0b7e11", title="Baru")
    assert len(check([], Context(content_root=project / "content"))) == 1
    write_item(project, "setiap-saat/baru.md", category="setiap-saat", updated="2026-07-10 09:00",
               id="6c0f3a52-95c1-4c59-9d1e-2a1f6c0b7e11", title="Baru")
    assert check([], Context(content_root=project / "content")) == []

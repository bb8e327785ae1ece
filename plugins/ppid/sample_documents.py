"""Write the demo register's small attachments into content/dokumen/informasi-publik/.

Run once (the files are committed): `.venv/bin/python plugins/ppid/sample_documents.py`.
Everything is about the fictional BRPKN. PDFs are hand-built single-page PDF 1.4
files (Helvetica, WinAnsi text) with a correct xref table and no dates, so a
second run writes the same bytes.
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "content" / "dokumen" / "informasi-publik"
NOTE = "Dokumen contoh untuk portal demo Siaran. BRPKN adalah lembaga fiktif."


def _pdf_text(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return escaped.encode("cp1252")


def pdf(title: str, lines: list[str]) -> bytes:
    """A one-page A4 PDF with a title and lines of body text."""
    ops = [b"BT", b"/F1 16 Tf", b"56 780 Td", b"(" + _pdf_text(title) + b") Tj", b"/F1 11 Tf", b"0 -28 Td"]
    for line in [*lines, "", NOTE]:
        ops += [b"(" + _pdf_text(line) + b") Tj", b"0 -16 Td"]
    ops.append(b"ET")
    stream = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Title (" + _pdf_text(title) + b") /Producer (Siaran sample_documents) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def table(rows: list[list[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


DOCUMENTS: dict[str, bytes] = {
    "2026/struktur-organisasi-brpkn-2026.pdf": pdf("Struktur Organisasi BRPKN 2026", [
        "Kepala Badan",
        "  Sekretariat Utama: Biro Perencanaan dan Keuangan, Biro Hukum dan Humas, Biro Umum",
        "  Direktorat Konservasi Pesisir",
        "  Pusat Data dan Informasi",
        "  Balai Riset Pesisir Wilayah Barat; Balai Riset Pesisir Wilayah Timur",
        "Berlaku sejak 2 Januari 2026."]),
    "2025/renstra-brpkn-2025-2029.pdf": pdf("Rencana Strategis BRPKN 2025-2029", [
        "Sasaran 1: 60 persen garis pantai prioritas terpantau setiap tahun.",
        "Sasaran 2: 250 set data pesisir terbuka untuk publik pada 2029.",
        "Sasaran 3: 40 kabupaten/kota pesisir didampingi dalam tata ruang laut.",
        "Ringkasan ini disusun oleh Biro Perencanaan dan Keuangan."]),
    "2025/laporan-kinerja-brpkn-2025.pdf": pdf("Laporan Kinerja BRPKN Tahun 2025", [
        "Capaian sasaran 1: 54 persen garis pantai prioritas terpantau (target 50 persen).",
        "Capaian sasaran 2: 214 set data terbuka (target 180).",
        "Capaian sasaran 3: 22 kabupaten/kota didampingi (target 25).",
        "Penjelasan selisih capaian ada pada Bab III laporan lengkap."]),
    "2025/laporan-keuangan-brpkn-2025.pdf": pdf("Laporan Keuangan BRPKN Tahun Anggaran 2025", [
        "Pagu anggaran: Rp 412.500.000.000",
        "Realisasi belanja: Rp 389.130.000.000 (94,3 persen)",
        "Penerimaan negara bukan pajak dari layanan data dan kapal riset: Rp 6.240.000.000",
        "Laporan telah direviu oleh Aparat Pengawas Intern."]),
    "2026/realisasi-anggaran-semester-1-2026.csv": table([
        ["program", "pagu_rupiah", "realisasi_rupiah", "persen"],
        ["Dukungan manajemen", 128000000000, 61440000000, 48.0],
        ["Riset kelautan dan pesisir", 174000000000, 73080000000, 42.0],
        ["Konservasi pesisir", 66000000000, 25740000000, 39.0],
        ["Data dan informasi pesisir", 41000000000, 20910000000, 51.0]]),
    "2025/laporan-layanan-informasi-publik-2025.pdf": pdf("Laporan Layanan Informasi Publik BRPKN 2025", [
        "Permohonan informasi diterima: 612",
        "Dipenuhi seluruhnya: 548; dipenuhi sebagian: 37; ditolak (dikecualikan): 11",
        "Tidak dapat dipenuhi karena informasi tidak dikuasai: 16",
        "Rata-rata waktu layanan: 6 hari kerja",
        "Keberatan diajukan: 4; sengketa ke Komisi Informasi: 0"]),
    "2025/statistik-permohonan-informasi-2025.csv": table([
        ["bulan", "permohonan", "dipenuhi", "dipenuhi_sebagian", "ditolak", "tidak_dikuasai"],
        *[[month, *counts] for month, counts in zip(
            ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06",
             "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12"],
            [(41, 37, 2, 1, 1), (44, 40, 3, 0, 1), (52, 47, 3, 1, 1), (47, 42, 3, 1, 1),
             (55, 49, 4, 1, 1), (49, 44, 3, 1, 1), (58, 52, 3, 1, 2), (53, 47, 4, 1, 1),
             (50, 45, 3, 1, 1), (56, 50, 4, 1, 1), (54, 48, 3, 1, 2), (53, 47, 2, 1, 3)])]]),
    "2026/rencana-umum-pengadaan-2026.csv": table([
        ["kode", "paket", "metode", "pagu_rupiah", "jadwal"],
        ["RUP-2026-001", "Perawatan kapal riset KR Samudra Bakti", "Tender", 7800000000, "Februari 2026"],
        ["RUP-2026-002", "Sensor pasang surut 12 unit", "E-purchasing", 1440000000, "Maret 2026"],
        ["RUP-2026-003", "Jasa survei tutupan mangrove", "Seleksi", 2150000000, "April 2026"],
        ["RUP-2026-004", "Sewa pusat data cadangan", "Tender", 960000000, "Juni 2026"]]),
    "2025/peringatan-dini-banjir-rob-desember-2025.pdf": pdf("Peringatan Dini Banjir Rob Pesisir Utara", [
        "Periode waspada: 12-16 Desember 2025, puncak pukul 18.00-21.00 WIB.",
        "Perkiraan tinggi muka air: 20-40 cm di atas ambang normal.",
        "Wilayah: Kota Tanjung Harapan, Kabupaten Muara Jaya, Kabupaten Pantai Lestari.",
        "Imbauan: amankan dokumen dan barang elektronik, hindari jalan tepi dermaga,",
        "ikuti arahan petugas setempat dan saluran resmi BRPKN."]),
    "2026/kualitas-air-teluk-tanjung-harapan-2026.csv": table([
        ["stasiun", "tanggal", "minyak_lemak_mg_l", "oksigen_terlarut_mg_l", "status"],
        ["TH-01", "2026-10-03", 4.8, 4.1, "tercemar ringan"],
        ["TH-02", "2026-10-03", 2.1, 5.6, "memenuhi baku mutu"],
        ["TH-03", "2026-10-03", 1.2, 6.2, "memenuhi baku mutu"],
        ["TH-01", "2026-10-10", 1.9, 5.4, "memenuhi baku mutu"]]),
    "2026/daftar-peraturan-kepala-brpkn-2026.csv": table([
        ["nomor", "tanggal", "judul"],
        ["1 Tahun 2026", "2026-01-05", "Organisasi dan Tata Kerja Balai Riset Pesisir"],
        ["2 Tahun 2026", "2026-02-17", "Standar Layanan Data Pesisir"],
        ["3 Tahun 2026", "2026-05-11", "Pedoman Pengelolaan Informasi dan Dokumentasi"],
        ["4 Tahun 2026", "2026-08-24", "Tata Kelola Kapal Riset"]]),
    "2026/sop-layanan-data-pesisir-2026.pdf": pdf("SOP Layanan Data Pesisir BRPKN", [
        "1. Pemohon mengisi formulir permintaan data di meja layanan atau portal.",
        "2. Petugas memeriksa ketersediaan data dalam 2 hari kerja.",
        "3. Data terbuka dikirim dalam format CSV atau GeoJSON.",
        "4. Data yang dikecualikan dijawab dengan surat penolakan beserta alasannya.",
        "5. Pemohon dapat mengajukan keberatan kepada atasan PPID."]),
    "2026/pemantauan-terumbu-karang-2026.csv": table([
        ["lokasi", "tanggal", "tutupan_karang_hidup_persen", "kategori"],
        ["Gosong Biru", "2026-08-04", 46.5, "baik"],
        ["Karang Penyu", "2026-08-05", 31.0, "sedang"],
        ["Pulau Sembilan Timur", "2026-08-07", 22.4, "buruk"],
        ["Tanjung Lumba", "2026-08-08", 51.2, "baik"]]),
}


def write(target: Path = TARGET) -> list[Path]:
    written = []
    for name, data in sorted(DOCUMENTS.items()):
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)

"""Field conversions and the editor-facing messages, verbatim."""
from __future__ import annotations

from pathlib import Path

import pytest

from siaran.schema import (Choice, ContentFile, Context, DateTime, FieldError, ListOf, Slug, Text, UrlPath, Uuid,
                           required_when)


@pytest.fixture
def ctx(tmp_path) -> Context:
    (tmp_path / "gambar").mkdir()
    (tmp_path / "gambar" / "ada.jpg").write_bytes(b"x")
    return Context(content_root=tmp_path, categories=("Berita Utama", "Pengumuman"))


@pytest.mark.parametrize("field, raw, message", [
    (DateTime(), "20/04/24", "harus berbentuk 2024-04-20 10:00 (WIB), bukan '20/04/24'"),
    (DateTime(), "2024-02-30 10:00", "harus berbentuk 2024-04-20 10:00 (WIB), bukan '2024-02-30 10:00'"),
    (Text(), "   ", "tidak boleh kosong"),
    (Text(max_length=5), "panjang sekali", "terlalu panjang: paling banyak 5 karakter, sekarang 14"),
    (Slug(), "Judul Besar", "hanya huruf kecil, angka dan tanda hubung (contoh: rapat-koordinasi-2024), bukan 'Judul Besar'"),
    (Uuid(), "123", "harus berupa UUID seperti 3f2b1c9e-0d4a-4b8e-9a51-2c7d8e6f1a20 (buat dengan `invoke new`), bukan '123'"),
    (UrlPath(), "../rahasia/", "harus alamat relatif yang diakhiri '/', misalnya berita/2023/01/judul-lama/, bukan '../rahasia/'"),
    (ListOf(Text(max_length=3)), "ab, abcd", "[1] terlalu panjang: paling banyak 3 karakter, sekarang 4"),
    (Choice(("Berita Utama", "Pengumuman")), "Opini", "harus salah satu dari: Berita Utama, Pengumuman; bukan 'Opini'"),
    (Choice(("Berita Utama", "Pengumuman")), " ", "tidak boleh kosong: tulis salah satu dari Berita Utama, Pengumuman"),
])
def test_field_rejects_with_message(ctx, field, raw, message):
    with pytest.raises(FieldError) as caught:
        field.convert(raw, ctx)
    assert str(caught.value) == message


def test_content_file_must_exist_and_stay_inside(ctx):
    field = ContentFile(suffixes=(".jpg",))
    assert field.convert("gambar/ada.jpg", ctx) == "gambar/ada.jpg"
    assert field.convert("{static}/gambar/ada.jpg", ctx) == "gambar/ada.jpg"
    with pytest.raises(FieldError, match="berkas 'gambar/tidak.jpg' tidak ada"):
        field.convert("gambar/tidak.jpg", ctx)
    with pytest.raises(FieldError, match="menunjuk ke luar folder content/"):
        field.convert("../../etc/passwd.jpg", ctx)
    with pytest.raises(FieldError, match="akhiran .jpg"):
        field.convert("gambar/ada.gif", ctx)


def test_date_is_wib():
    value = DateTime().convert("2024-04-20 10:00", Context(Path(".")))
    assert value.isoformat() == "2024-04-20T10:00:00+07:00"


def test_cross_field_rules():
    from datetime import datetime
    assert required_when({"image": "x.jpg"}) == [("image_alt", "wajib diisi bila 'image' diisi: tulis deskripsi foto untuk pembaca tunanetra", "image")]
    assert required_when({"image": "x.jpg", "image_alt": "foto"}) == []
    early, late = datetime(2024, 1, 1), datetime(2024, 2, 1)
    assert [f for f, _, _ in required_when({"date": late, "modified": early})] == ["modified"]


def test_unit_is_one_of_the_settings_units_or_any_text_without_a_list():
    from siaran.schema import RELEASE_FIELDS
    unit = RELEASE_FIELDS["unit"]
    listed = Context(Path("."), units=("Biro Umum", "Inspektorat"))
    assert unit.convert(" Biro Umum ", listed) == "Biro Umum"
    with pytest.raises(FieldError) as caught:
        unit.convert("Biro Humas", listed)
    assert str(caught.value) == "harus salah satu dari: Biro Umum, Inspektorat; bukan 'Biro Humas'"
    assert unit.convert("Biro Humas", Context(Path("."))) == "Biro Humas"
    with pytest.raises(FieldError, match="tidak boleh kosong"):
        unit.convert("  ", Context(Path(".")))


def test_sample_content_units_are_in_the_settings_list():
    """The demo's releases and the benchmark corpus name only units the settings list."""
    from pelican.settings import read_settings

    from siaran.corpus import UNITS as CORPUS_UNITS
    root = Path(__file__).resolve().parents[2]
    units = set(read_settings(str(root / "pelicanconf.py"))["UNITS"])
    used = {line.split(":", 1)[1].strip() for path in (root / "content" / "berita").rglob("*.md")
            for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("unit:")}
    assert used and used <= units
    assert set(CORPUS_UNITS) <= units

"""The credit-line and photo-credit readers: each form, and brackets that are not credits."""
from __future__ import annotations

import pytest

from siaran.credit import normalised, read_credit, read_photo_credit, same_credit

FORMS = [
    # (last paragraph, credit value, text kept before it, the paragraph is only the credit)
    ("Bibit ditanam sebelum musim hujan. (Humas/RP/DS)", "Humas/RP/DS", "Bibit ditanam sebelum musim hujan.", False),
    ("Bibit ditanam sebelum musim hujan.** (Humas/RP/DS)", "Humas/RP/DS", "Bibit ditanam sebelum musim hujan.", False),
    ("Data dapat diunduh tanpa mendaftar. (rls)", "rls", "Data dapat diunduh tanpa mendaftar.", False),
    ("“Kami siap,” ujarnya. (NA/YK)", "NA/YK", "“Kami siap,” ujarnya.", False),
    ("Pemantauan berlanjut pada Desember (NA/YK)", "NA/YK", "Pemantauan berlanjut pada Desember", False),
    ("(NA/YK)", "NA/YK", "", True),
    ("(Humas/MIT/MIF/AH)", "Humas/MIT/MIF/AH", "", True),
    ("(BW)/ AH", "BW/AH", "", True),
    ("(BW) / AH/DS", "BW/AH/DS", "", True),
    ("(rls)", "rls", "", True),
    ("(HJK)", "HJK", "", True),
    ("Laporan lengkap tersedia. (red)", "red", "Laporan lengkap tersedia.", False),
]


@pytest.mark.parametrize("paragraph, value, kept, whole", FORMS, ids=[form[0][-20:] for form in FORMS])
def test_each_form_is_read(paragraph, value, kept, whole):
    found = read_credit(paragraph)
    assert (found.value, paragraph[:found.start].rstrip(), found.whole) == (value, kept, whole)


NEAR_MISSES = [
    "Portal ini dikelola Pusat Data dan Informasi (PUSDATIN)",
    "Kapal melaju dengan kecepatan 20 (km/jam)",
    "Rapat dimulai pukul 10.00 (WIB)",
    "Petugas memasang rambu di dermaga. (Foto: Humas/Sari)",
    "Jadwal tanam dimulai (25/11)",
    "Aturan itu dimuat dalam Peraturan Kepala (Perka).",
    "Data lengkap ada di lampiran (lihat tabel 2)",
    "Tim menemukan dua spesies baru (Acropora sp.)",
    "Peserta berasal dari lima kabupaten.",
    "",
]


@pytest.mark.parametrize("paragraph", NEAR_MISSES, ids=[text[-24:] or "empty" for text in NEAR_MISSES])
def test_near_misses_are_not_credits(paragraph):
    assert read_credit(paragraph) is None


def test_credits_compare_without_brackets_spaces_or_case():
    assert normalised("(BW)/ AH") == "bw/ah"
    assert same_credit("Humas/RP/DS", "(humas / RP / DS)")
    assert not same_credit("Humas/RP/DS", "Humas/RP")


@pytest.mark.parametrize("caption, expected", [
    ("Petugas memasang rambu di dermaga. (Foto: Humas/Sari)", ("Petugas memasang rambu di dermaga.", "Foto: Humas/Sari")),
    ("Petugas memasang rambu (foto : Humas/Sari).", ("Petugas memasang rambu", "Foto: Humas/Sari")),
    ("Petugas memasang rambu. (Foto/ANTARA)", ("Petugas memasang rambu.", "Foto: ANTARA")),
    ("(Foto: Humas/Sari)", ("", "Foto: Humas/Sari")),
    ("Petugas memasang rambu di dermaga.", None),
    ("Foto bersama peserta (Humas/Sari)", None),
])
def test_photo_credit_from_a_caption(caption, expected):
    assert read_photo_credit(caption) == expected

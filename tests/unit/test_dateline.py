"""The dateline reader: every form a Humas office writes, and sentences that only look like one."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from siaran.dateline import Dateline, dated, disagrees, house_text, read_dateline
from siaran.dates import JAKARTA

FORMS = [
    # (opening of the first paragraph, text as written, place, outlet, institution, day, month, year)
    ("Tanjung Harapan - Balai riset membuka", "Tanjung Harapan", "Tanjung Harapan", "", "", None, None, None),
    ("Jakarta, BRPKN (12/10) - Badan riset", "Jakarta, BRPKN (12/10)", "Jakarta", "", "BRPKN", 12, 10, None),
    ("Jakarta, Biro Hukum dan Humas (2/3) – Biro", "Jakarta, Biro Hukum dan Humas (2/3)", "Jakarta", "",
     "Biro Hukum dan Humas", 2, 3, None),
    ("Teluk Biru (3/9) – Tim pemantau", "Teluk Biru (3/9)", "Teluk Biru", "", "", 3, 9, None),
    ("Sinar Bahari (14/7/2026) — Kapal riset", "Sinar Bahari (14/7/2026)", "Sinar Bahari", "", "", 14, 7, 2026),
    ("Sinar Bahari, (14/7) - Kapal riset", "Sinar Bahari, (14/7)", "Sinar Bahari", "", "", 14, 7, None),
    ("Jakarta, Rabu (25/11/2026) - Badan riset", "Jakarta, Rabu (25/11/2026)", "Jakarta", "", "", 25, 11, 2026),
    ("Jakarta (BRPKN) - Badan riset", "Jakarta (BRPKN)", "Jakarta", "", "BRPKN", None, None, None),
    ("MUARA TENANG – Warga pesisir", "MUARA TENANG", "MUARA TENANG", "", "", None, None, None),
    ("WARTAPESISIR,TANJUNG HARAPAN– Kepala balai", "WARTAPESISIR,TANJUNG HARAPAN", "TANJUNG HARAPAN",
     "WARTAPESISIR", "", None, None, None),
    ("  Teluk Biru —\nTim pemantau", "Teluk Biru", "Teluk Biru", "", "", None, None, None),
    ("Teluk Biru -- “Karang pulih,” kata", "Teluk Biru", "Teluk Biru", "", "", None, None, None),
]


@pytest.mark.parametrize("opening, text, place, outlet, institution, day, month, year", FORMS,
                         ids=[form[0][:28] for form in FORMS])
def test_each_form_is_read(opening, text, place, outlet, institution, day, month, year):
    found = read_dateline(opening)
    assert found == Dateline(text=text, place=place, length=found.length, outlet=outlet,
                             institution=institution, day=day, month=month, year=year)
    assert opening[found.length:].startswith(("Balai", "Badan", "Biro", "Tim", "Kapal", "Warga", "Kepala", "“"))


DASHES = [
    ("Teluk Biru - Tim", "spaced hyphen"),
    ("Teluk Biru– Tim", "en dash, space after"),
    ("Teluk Biru –Tim", "en dash, space before"),
    ("Teluk Biru — Tim", "spaced em dash"),
    ("Teluk Biru (3/9)-Tim", "hyphen without spaces after a date"),
    ("Teluk Biru (3/9)–Tim", "en dash without spaces after a date"),
    ("TELUK BIRU—Tim", "em dash without spaces after capitals"),
    ("WARTAPESISIR,TELUK BIRU-Tim", "hyphen without spaces after an outlet"),
]


@pytest.mark.parametrize("opening, why", DASHES, ids=[why for _, why in DASHES])
def test_every_dash_with_or_without_spaces(opening, why):
    found = read_dateline(opening)
    assert found is not None, why
    assert opening[found.length:] == "Tim"


NEAR_MISSES = [
    "Jakarta menjadi tuan rumah pertemuan pengelola pesisir.",
    "Jakarta, ibu kota negara, kembali menjadi tuan rumah.",
    "Tanjung Harapan – kota pelabuhan tertua di pesisir utara – kembali ramai.",
    "Hendra Saputra – Direktur Konservasi Pesisir – membuka acara itu.",
    "Kepala Balai – Yosef Kalalo – membuka pemantauan.",
    "Jakarta-Bogor kini ditempuh satu jam.",
    "Jakarta–Bandung Raya menjadi contoh.",
    "Bertempat di Aula Dermaga, Tanjung Harapan pada Jumat (3/7) digelar rapat.",
    "Badan Riset Pesisir dan Kelautan Nusantara (BRPKN) - lembaga riset - membuka portal.",
    "Pada 2026 - 2027 balai menanam bibit.",
    "Teluk Biru (45/9) - Tim pemantau",
    "Teluk Biru (3/13) - Tim pemantau",
    "Teluk Biru, Kabupaten Sinar Bahari, Provinsi Pesisir Utara, yang ramai sejak dulu - Tim",
    "“Karang butuh waktu,” kata Yosef – Koordinator pemantauan.",
    "",
]


@pytest.mark.parametrize("opening", NEAR_MISSES, ids=[text[:30] or "empty" for text in NEAR_MISSES])
def test_near_misses_are_sentences(opening):
    assert read_dateline(opening) is None


def test_place_name_in_normal_case():
    assert read_dateline("TANJUNG HARAPAN – Warga").place_name == "Tanjung Harapan"
    assert read_dateline("Tanjung Harapan – Warga").place_name == "Tanjung Harapan"


MOMENT = datetime(2026, 11, 25, 9, 30, tzinfo=JAKARTA)


def test_house_text_normalises_or_keeps():
    written = read_dateline("WARTAPESISIR,MUARA TENANG (24/11)– Warga")
    assert house_text(written, None, MOMENT) == "Muara Tenang (24/11)"
    assert house_text(written, "Desa Muara Tenang", MOMENT) == "Desa Muara Tenang (24/11)"
    assert house_text(written, None, MOMENT, keep_original=True) == "WARTAPESISIR,MUARA TENANG (24/11)"
    undated = read_dateline("Muara Tenang – Warga")
    assert house_text(undated, None, MOMENT) == "Muara Tenang (25/11)"
    assert house_text(None, "Jakarta", MOMENT) == "Jakarta (25/11)"
    assert house_text(None, None, MOMENT) == ""
    assert house_text(None, "Jakarta", MOMENT, keep_original=True) == "Jakarta (25/11)"


def test_house_text_day_is_the_wib_day():
    late_utc = datetime(2026, 11, 24, 20, 0, tzinfo=JAKARTA).astimezone(tz=None)
    assert house_text(None, "Jakarta", late_utc) == "Jakarta (24/11)"


@pytest.mark.parametrize("opening, differs", [
    ("Jakarta (25/11) – Badan", False),
    ("Jakarta (24/11) – Badan", True),
    ("Jakarta (25/12) – Badan", True),
    ("Jakarta (25/11/2026) – Badan", False),
    ("Jakarta (25/11/2025) – Badan", True),
    ("Jakarta – Badan", False),
])
def test_dateline_day_against_date(opening, differs):
    assert disagrees(read_dateline(opening), MOMENT) is differs


@pytest.mark.parametrize("opening, now, expected", [
    ("Jakarta (24/11) – Badan", datetime(2026, 11, 25, 8, 0, tzinfo=JAKARTA), date(2026, 11, 24)),
    ("Jakarta (30/12) – Badan", datetime(2027, 1, 2, 8, 0, tzinfo=JAKARTA), date(2026, 12, 30)),
    ("Jakarta (10/12) – Badan", datetime(2026, 11, 25, 8, 0, tzinfo=JAKARTA), date(2026, 12, 10)),
    ("Jakarta (3/4/2025) – Badan", datetime(2026, 11, 25, 8, 0, tzinfo=JAKARTA), date(2025, 4, 3)),
    ("Jakarta (31/2) – Badan", datetime(2026, 11, 25, 8, 0, tzinfo=JAKARTA), None),
    ("Jakarta – Badan", datetime(2026, 11, 25, 8, 0, tzinfo=JAKARTA), None),
])
def test_the_day_an_imported_dateline_names(opening, now, expected):
    assert dated(read_dateline(opening), now) == expected

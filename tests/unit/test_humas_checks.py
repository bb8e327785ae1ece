"""The body's dateline, credit line and photos held against the release's fields: exact messages, exact lines."""
from __future__ import annotations

from pathlib import Path

from humas_content.checks import release_problems
from siaran.schema import RELEASE_FIELDS, Context
from siaran.source import parse_text
from siaran.validate import check_fields

HEAD = """id: 2b5e8c1d-4f3a-4e6b-9c7d-8e9f0a1b2c3d
title: Balai Membuka Posko Siaga Rob
date: 2026-11-25 09:30
category: Siaran Pers
unit: Balai Riset Kelautan Wilayah Timur
"""
PATH = "content/berita/2026/posko.md"


def problems(text: str) -> list[str]:
    source = parse_text(text, Path(PATH), PATH)
    values, found = check_fields(source, RELEASE_FIELDS, Context(Path("content"), ("Siaran Pers",)))
    return [str(p) for p in found + release_problems(source, values)]


def test_a_body_dateline_makes_location_optional():
    assert problems(HEAD + "\nTeluk Biru (25/11) – Balai membuka posko.\n\n(Humas/RP)\n") == []


def test_without_either_location_is_required():
    assert problems(HEAD + "\nBalai membuka posko di Teluk Biru.\n") == [
        f"{PATH}:1: location: wajib diisi, tetapi tidak ada: tulis kota dateline di sini, atau buka paragraf "
        "pertama dengan dateline seperti 'Jakarta (25/11) – …'"]
    assert problems(HEAD + "location: Teluk Biru\n\nBalai membuka posko di Teluk Biru.\n") == []


def test_a_sentence_starting_with_a_place_is_no_dateline():
    assert len(problems(HEAD + "\nTeluk Biru menjadi lokasi posko siaga rob.\n")) == 1


def test_disagreements_are_warnings_on_the_lines_they_are_about():
    text = (HEAD + "location: Sinar Bahari\ncredit: Humas/RP\n"
            "image: gambar/x.jpg\nimage_alt: Posko\n"
            "image_caption: Posko di dermaga. (Foto: Humas/Sari)\nimage_credit: Foto: Humas/Oji\n"
            "\nTeluk Biru, BRPKN (24/11/2026) - Balai membuka posko.\n\nPenutup. (Humas/DS)\n")
    found = sorted(line for line in problems(text) if "image:" not in line)
    assert found == [
        f"{PATH}:10: peringatan: image_credit: kredit foto di keterangan 'Foto: Humas/Sari' berbeda dengan "
        "'image_credit' 'Foto: Humas/Oji'; halaman memakai 'Foto: Humas/Oji'. Samakan atau hapus salah satunya",
        f"{PATH}:13: peringatan: dateline: dateline di isi menyebut 'Teluk Biru', tetapi 'location' berisi "
        "'Sinar Bahari'; halaman memakai 'Sinar Bahari'. Samakan atau hapus salah satunya",
        f"{PATH}:13: peringatan: dateline: dateline di isi menyebut tanggal (24/11/2026), tetapi 'date' adalah "
        "25 November 2026; samakan salah satunya",
        f"{PATH}:15: peringatan: credit: baris kredit di akhir isi '(Humas/DS)' berbeda dengan 'credit' 'Humas/RP'; "
        "halaman memakai '(Humas/RP)'. Samakan atau hapus salah satunya",
    ]


def test_agreeing_fields_and_body_say_nothing():
    text = (HEAD + "location: teluk biru\ncredit: (Humas / RP)\n"
            "\nTELUK BIRU (25/11) - Balai membuka posko.\n\n(Humas/RP)\n")
    assert problems(text) == []


def test_a_photo_in_the_body_needs_its_alt_text():
    text = HEAD + "\nTeluk Biru – Balai membuka posko.\n\n![]({static}/gambar/2026/posko.jpg)\n\n![Posko]({static}/x.jpg)\n"
    assert problems(text) == [
        f"{PATH}:9: body: foto di isi tanpa teks alternatif: tulis deskripsinya di antara [ ], "
        "misalnya ![Petugas menanam bibit mangrove](…)"]

"""Sentences, clauses and datelines of Indonesian press prose, as the ledes of social texts need them."""
from __future__ import annotations

import pytest

from social.summary import clauses, sentences, strip_dateline


@pytest.mark.parametrize("text, expected", [
    # Numbers: thousands, decimals, money, times, dates.
    ("BRPKN menanam 12.000 bibit di 3,4 kilometer pantai. Warga ikut.",
     ["BRPKN menanam 12.000 bibit di 3,4 kilometer pantai.", "Warga ikut."]),
    ("Anggaran Rp1,2 miliar disiapkan pukul 10.00 WIB. Dana cair (25/11) pagi.",
     ["Anggaran Rp1,2 miliar disiapkan pukul 10.00 WIB.", "Dana cair (25/11) pagi."]),
    ("Dana Rp. 5 juta disalurkan. Warga senang.", ["Dana Rp. 5 juta disalurkan.", "Warga senang."]),
    # Titles, initials and degrees.
    ("Hadir Ir. H. Ahmad Fauzi, S.T., M.Sc., dan dr. Rina. Acara usai.",
     ["Hadir Ir. H. Ahmad Fauzi, S.T., M.Sc., dan dr. Rina.", "Acara usai."]),
    ("Sambutan dibacakan Prof. Dr. Maya Lestari. Lalu penanaman.",
     ["Sambutan dibacakan Prof. Dr. Maya Lestari.", "Lalu penanaman."]),
    ("Kantor di Jl. Dermaga Biru No. 12 Kab. Pesisir dibuka. Warga datang.",
     ["Kantor di Jl. Dermaga Biru No. 12 Kab. Pesisir dibuka.", "Warga datang."]),
    ("Pendaftaran dibuka 6 s.d. 20 Oktober. Gratis.", ["Pendaftaran dibuka 6 s.d. 20 Oktober.", "Gratis."]),
    ("Gelar S.Si. Ditambah pelatihan.", ["Gelar S.Si. Ditambah pelatihan."]),   # a degree, not an end
    # Quotations and parentheses are not cut inside.
    ("“Di titik ini pantai mundur. Mangrove menahannya,” ujarnya. Warga setuju.",
     ["“Di titik ini pantai mundur. Mangrove menahannya,” ujarnya.", "Warga setuju."]),
    ('"Kami siap. Mari mulai," kata Kepala. Selesai.', ['"Kami siap. Mari mulai," kata Kepala.', "Selesai."]),
    ("Program berjalan (lihat peta. Zona A) sejak Mei. Selesai.",
     ["Program berjalan (lihat peta. Zona A) sejak Mei.", "Selesai."]),
    ("“Kami siap.” Warga datang.", ["“Kami siap.”", "Warga datang."]),
    # Other ends, and what is not one.
    ("Siapkah warga? Ya! Semua… Selesai.", ["Siapkah warga?", "Ya!", "Semua…", "Selesai."]),
    ("Lihat ppid.brpkn.go.id. Warga senang.", ["Lihat ppid.brpkn.go.id.", "Warga senang."]),
    ("Versi 2. lalu diperbarui.", ["Versi 2. lalu diperbarui."]),
    ("", []),
])
def test_sentences(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize("text, place, expected", [
    ("Tanjung Harapan (25/11) – Badan Riset menanam.", "", "Badan Riset menanam."),
    ("Kota Tanjung Harapan (9/12) – Sebanyak 300 siswa.", "Kota Tanjung Harapan", "Sebanyak 300 siswa."),
    ("Jakarta, BP2MI (25/1) - Badan Pelindungan bertemu.", "", "Badan Pelindungan bertemu."),
    ("Jakarta (25/1/2026) — Badan bertemu.", "", "Badan bertemu."),
    ("Jakarta - Badan hadir.", "Jakarta", "Badan hadir."),
    ("KLIKPAPUA,JAKARTA– Badan hadir.", "", "Badan hadir."),
    ("KLIKPAPUA,JAKARTA– Badan hadir.", "Jakarta", "Badan hadir."),
    ("JAKARTA – Badan hadir.", "", "Badan hadir."),
    # Not datelines: a sentence with a dash, a hyphenated word, no text after the dash.
    ("BRPKN – lembaga riset – mengumumkan hasil.", "Jakarta", "BRPKN – lembaga riset – mengumumkan hasil."),
    ("Jakarta - Badan hadir.", "", "Jakarta - Badan hadir."),
    ("Sulawesi-Selatan ramai.", "", "Sulawesi-Selatan ramai."),
    ("Warga pesisir – terutama nelayan – hadir.", "", "Warga pesisir – terutama nelayan – hadir."),
    ("Jakarta (25/1) –", "", "Jakarta (25/1) –"),
    ("Satu Dua Tiga Empat Lima Enam Tujuh (1/2) – kata.", "", "Satu Dua Tiga Empat Lima Enam Tujuh (1/2) – kata."),
])
def test_strip_dateline(text, place, expected):
    assert strip_dateline(text, place) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Program dibuka; pendaftaran ditutup 6 November; seleksi gratis.",
     ["Program dibuka", "pendaftaran ditutup 6 November", "seleksi gratis."]),
    ("Berkas: surat lamaran; ijazah; proposal.", ["Berkas: surat lamaran; ijazah; proposal."]),
    ("“Kami siap; warga juga,” katanya; acara mulai.", ["“Kami siap; warga juga,” katanya", "acara mulai."]),
    ("Satu kalimat saja.", ["Satu kalimat saja."]),
])
def test_clauses(sentence, expected):
    assert clauses(sentence) == expected

"""Metadata block reading with line numbers; Indonesian dates from Babel data."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from siaran import dates
from siaran.source import parse_text
from siaran.text import slugify, xml_safe


def test_metadata_lines_and_continuations():
    source = parse_text("title: Judul\ntags: a,\n    b\ndate: 2024-01-01 10:00\n\nIsi berita.\n", Path("x.md"), "x.md")
    assert source.get("title") == "Judul"
    assert source.get("tags") == "a, b"
    assert source.line_of("date") == 4
    assert source.body.strip() == "Isi berita."
    assert source.body_line == 6


def test_metadata_syntax_errors_are_located():
    source = parse_text("title: A\nini bukan metadata\ntitle: B\n\nisi", Path("x.md"), "x.md")
    assert source.syntax_errors == [
        (2, "metadata lines must look like 'key: value', got 'ini bukan metadata'"),
        (3, "'title' appears twice (first on line 1)"),
    ]


@pytest.mark.parametrize("month, text", [(1, "Januari"), (2, "Februari"), (3, "Maret"), (4, "April"), (5, "Mei"),
                                         (6, "Juni"), (7, "Juli"), (8, "Agustus"), (9, "September"),
                                         (10, "Oktober"), (11, "November"), (12, "Desember")])
def test_month_names(month, text):
    assert dates.long_date(datetime(2024, month, 3, tzinfo=dates.JAKARTA)) == f"3 {text} 2024"


def test_long_datetime_day_names_and_wib():
    assert dates.long_datetime(datetime(2023, 1, 25, 10, 0)) == "Rabu, 25 Januari 2023 10.00 WIB"
    assert dates.long_datetime(datetime(2023, 1, 29, 7, 5, tzinfo=dates.JAKARTA)) == "Minggu, 29 Januari 2023 07.05 WIB"
    # 23:30 UTC is already the next day in Jakarta
    from datetime import timezone
    assert dates.long_datetime(datetime(2023, 1, 24, 23, 30, tzinfo=timezone.utc)) == "Rabu, 25 Januari 2023 06.30 WIB"


def test_dates_agree_with_babels_own_formatter_all_year():
    # The names come from Babel's CLDR data; the patterns are composed here. Babel's
    # formatter is the oracle: every weekday, month, day and hour of a leap year.
    from datetime import timedelta

    from babel.dates import format_datetime
    moment = datetime(2024, 1, 1, 0, 7, tzinfo=dates.JAKARTA)
    for _ in range(366):
        expected = format_datetime(moment, "EEEE, d MMMM y HH.mm", tzinfo=dates.JAKARTA, locale="id")
        assert dates.long_datetime(moment) == expected + " WIB"
        assert dates.month_year(moment) == format_datetime(moment, "MMMM y", tzinfo=dates.JAKARTA, locale="id")
        moment += timedelta(days=1, hours=1)


def test_slugify_and_xml_safe():
    assert slugify("Rapat Koordinasi: Tata Ruang Laut 2024!") == "rapat-koordinasi-tata-ruang-laut-2024"
    assert slugify("Évaluasi Kinerja") == "evaluasi-kinerja"
    assert slugify("???") == "tanpa-judul"
    assert xml_safe("a\x00b\x1fc\ud800d\ttab") == "abcd\ttab"


@pytest.mark.parametrize("size, text", [(812, "812 B"), (12_700, "12,4 KB"), (3_250_000, "3,1 MB"),
                                        (5 * 1024**3, "5,0 GB")])
def test_human_size(size, text):
    from siaran.text import human_size
    assert human_size(size) == text

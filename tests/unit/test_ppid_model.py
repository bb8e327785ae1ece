"""Pure parts of the PPID register: dates, staleness, ordering, sizes (no files, no Pelican)."""
from datetime import datetime

import pytest

from ppid.model import (Attachment, Item, Layout, by_category, by_unit, by_year, dip_order, human_size,
                        months_before, parse_reference, reference_date, stale)
from siaran.dates import JAKARTA


def wib(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=JAKARTA)


def item(title="Laporan", category="berkala", year=2026, updated="2026-06-01 10:00", unit="Biro Umum",
         attachments=(), formats=(), number=0, ident="00000000-0000-4000-8000-000000000001") -> Item:
    return Item(id=ident, title=title, slug="x", category=category, summary="s", unit=unit, year=year,
                published=wib("2026-01-01 10:00"), updated=wib(updated), retention="5 tahun",
                url=Layout().item(year, "x"), source=f"content/informasi-publik/{title}.md",
                attachments=attachments, given_formats=formats, number=number)


@pytest.mark.parametrize("moment, months, expected", [
    ("2026-11-25 09:30", 6, "2026-05-25 09:30"),
    ("2026-08-31 10:00", 6, "2026-02-28 10:00"),
    ("2028-08-31 10:00", 6, "2028-02-29 10:00"),     # leap year
    ("2026-03-15 00:00", 6, "2025-09-15 00:00"),     # crosses the year
    ("2026-01-31 12:00", 1, "2025-12-31 12:00"),
])
def test_months_before(moment, months, expected):
    assert months_before(wib(moment), months) == wib(expected)


@pytest.mark.parametrize("updated, category, is_stale", [
    ("2026-05-25 09:30", "berkala", False),          # exactly six months: still fresh
    ("2026-05-25 09:29", "berkala", True),
    ("2025-01-01 00:00", "berkala", True),
    ("2025-01-01 00:00", "setiap-saat", False),      # only berkala has the six-month rule
    ("2025-01-01 00:00", "dikecualikan", False),
])
def test_stale_only_berkala_older_than_six_months(updated, category, is_stale):
    found = stale([item(category=category, updated=updated)], wib("2026-11-25 09:30"))
    assert bool(found) is is_stale
    if found:
        assert found[0].limit == wib("2026-05-25 09:30")


def test_no_reference_date_means_nothing_is_stale():
    assert stale([item(updated="2000-01-01 00:00")], None) == []


def test_reference_date_prefers_the_setting_then_the_newest_content_date():
    dates = [wib("2026-01-01 10:00"), wib("2026-11-25 09:30"), wib("2026-03-01 10:00")]
    assert reference_date(None, dates) == wib("2026-11-25 09:30")
    assert reference_date(wib("2027-01-01 00:00"), dates) == wib("2027-01-01 00:00")
    assert reference_date(None, []) is None


@pytest.mark.parametrize("value, expected", [
    ("2026-12-31", "2026-12-31 00:00"),
    ("2026-12-31 15:30", "2026-12-31 15:30"),
    (datetime(2026, 12, 31, 8, 30), "2026-12-31 08:30"),   # naive = WIB
])
def test_parse_reference(value, expected):
    assert parse_reference(value) == wib(expected)


@pytest.mark.parametrize("empty", [None, ""])
def test_parse_reference_empty(empty):
    assert parse_reference(empty) is None


@pytest.mark.parametrize("size, text", [
    (0, "0 B"), (1023, "1023 B"), (1024, "1,0 KB"), (1246, "1,2 KB"), (5 * 1024 * 1024 + 1, "5,0 MB"),
])
def test_human_size_uses_the_indonesian_decimal_comma(size, text):
    assert human_size(size) == text


def test_attachment_facts_come_from_the_suffix():
    pdf = Attachment("dokumen/a/laporan.PDF", 10, "0" * 64)
    sheet = Attachment("dokumen/a/data.xlsx", 10, "0" * 64)
    assert (pdf.name, pdf.format, pdf.media_type, pdf.url) == (
        "laporan.PDF", "PDF", "application/pdf", "dokumen/a/laporan.PDF")
    assert sheet.media_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_formats_are_derived_from_attachments_else_as_written():
    files = (Attachment("dokumen/a.pdf", 1, "0" * 64), Attachment("dokumen/b.csv", 1, "0" * 64),
             Attachment("dokumen/c.pdf", 1, "0" * 64))
    assert item(attachments=files, formats=("Dokumen cetak",)).formats == ("PDF", "CSV")
    assert item(formats=("Dokumen cetak",)).formats == ("Dokumen cetak",)


def test_dip_order_is_law_order_then_newest_year_then_title_and_numbers_from_one():
    items = [item("Zeta", "dikecualikan", ident="00000000-0000-4000-8000-000000000005"),
             item("Beta", "berkala", 2025, ident="00000000-0000-4000-8000-000000000004"),
             item("alpha", "berkala", 2025, ident="00000000-0000-4000-8000-000000000003"),
             item("Gamma", "berkala", 2026, ident="00000000-0000-4000-8000-000000000002"),
             item("Delta", "serta-merta", ident="00000000-0000-4000-8000-000000000001")]
    ordered = dip_order(items)
    assert [(i.number, i.title) for i in ordered] == [
        (1, "Gamma"), (2, "alpha"), (3, "Beta"), (4, "Delta"), (5, "Zeta")]
    assert [k for k, _ in by_category(ordered)] == ["berkala", "serta-merta", "dikecualikan"]
    assert [k for k, _ in by_year(ordered)] == [2026, 2025]
    assert [k for k, _ in by_unit(ordered)] == ["Biro Umum"]


def test_layout_urls_are_folders_under_the_base():
    layout = Layout("informasi-publik/")
    assert layout.item(2026, "laporan") == "informasi-publik/2026/laporan/"
    assert layout.category("serta-merta") == "informasi-publik/kategori/serta-merta/"
    assert layout.year(2025) == "informasi-publik/tahun/2025/"
    assert layout.unit("Biro Hukum dan Humas") == "informasi-publik/unit/biro-hukum-dan-humas/"
    assert layout.report == "informasi-publik/laporan/"
    assert Layout.save_as(layout.report) == "informasi-publik/laporan/index.html"
    assert Layout.save_as("informasi-publik/dip.csv") == "informasi-publik/dip.csv"

"""dip.json / dip.csv / katalog.json from plain items: documented schema, stable bytes."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import jsonschema
import pytest

from ppid.exports import CSV_COLUMNS, Site, dcat_catalog, dip_csv, dip_json
from ppid.model import Attachment, Item, Layout, dip_order
from siaran.dates import JAKARTA

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "schemas" / "dip.schema.json").read_text(encoding="utf-8"))
SITE = Site("https://humas.contoh.example", "Badan Contoh", "ppid@contoh.example")
WHEN = datetime(2026, 3, 1, 10, 0, tzinfo=JAKARTA)


def items() -> list[Item]:
    files = (Attachment("dokumen/2026/laporan akhir.pdf", 1234, "a" * 64), Attachment("dokumen/2026/data.csv", 56, "b" * 64))
    common = dict(summary="Ringkasan, dengan koma \"dan kutip\".", unit="Biro Umum", year=2026, published=WHEN,
                  updated=WHEN, retention="5 tahun", source="content/informasi-publik/x.md")
    return dip_order([
        Item(id="11111111-1111-4111-8111-111111111111", title="Laporan", slug="laporan", category="berkala",
             url=Layout().item(2026, "laporan"), attachments=files, **common),
        Item(id="22222222-2222-4222-8222-222222222222", title="Koordinat", slug="koordinat", category="dikecualikan",
             url=Layout().item(2026, "koordinat"), legal_basis="Pasal 17 huruf d.", **common),
        Item(id="33333333-3333-4333-8333-333333333333", title="Naskah", slug="naskah", category="setiap-saat",
             url=Layout().item(2026, "naskah"), given_formats=("Dokumen cetak",), **common),
    ])


def test_dip_json_matches_the_documented_schema():
    data = json.loads(dip_json(SITE, items()))
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(data)
    assert data["count"] == 3 and data["schema_version"] == "1.0"
    first = data["items"][0]
    assert first["attachments"][0] == {
        "name": "laporan akhir.pdf", "url": "https://humas.contoh.example/dokumen/2026/laporan%20akhir.pdf",
        "format": "PDF", "media_type": "application/pdf", "size": 1234, "sha256": "a" * 64}
    assert first["format"] == ["PDF", "CSV"] and first["legal_basis"] is None
    assert first["published"] == "2026-03-01T10:00:00+07:00"


def test_the_schema_refuses_an_exempt_item_with_files():
    data = json.loads(dip_json(SITE, items()))
    exempt = next(i for i in data["items"] if i["category"] == "dikecualikan")
    exempt["attachments"] = data["items"][0]["attachments"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


def test_same_items_same_bytes_and_sorted_keys():
    assert dip_json(SITE, items()) == dip_json(SITE, items())
    assert dip_csv(SITE, items()) == dip_csv(SITE, items())
    assert dcat_catalog(SITE, items()) == dcat_catalog(SITE, items())
    text = dip_json(SITE, items()).decode()
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def test_csv_round_trips_with_one_row_per_item():
    data = dip_csv(SITE, items())
    assert b"\r\n" in data and not data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["title"] for r in rows] == ["Laporan", "Naskah", "Koordinat"]
    assert rows[0]["summary"] == "Ringkasan, dengan koma \"dan kutip\"."
    assert rows[0]["attachment_sizes"] == "1234 56" and rows[0]["format"] == "PDF; CSV"
    assert rows[0]["attachment_urls"].split(" ")[0].endswith("/laporan%20akhir.pdf")
    assert rows[1]["format"] == "Dokumen cetak" and rows[1]["attachment_urls"] == ""
    assert rows[2]["legal_basis"] == "Pasal 17 huruf d." and rows[2]["legal_article"] == "Pasal 17"


def test_dcat_catalogue_marks_exempt_items_non_public_without_distributions():
    catalog = json.loads(dcat_catalog(SITE, items()))
    assert catalog["@type"] == "dcat:Catalog"
    datasets = {d["dct:identifier"]: d for d in catalog["dcat:dataset"]}
    public, exempt = datasets["11111111-1111-4111-8111-111111111111"], datasets["22222222-2222-4222-8222-222222222222"]
    assert public["dct:accessRights"]["@id"].endswith("/PUBLIC")
    assert exempt["dct:accessRights"]["@id"].endswith("/NON_PUBLIC")
    assert exempt["dcat:distribution"] == [] and exempt["dct:rights"] == "Pasal 17 huruf d."
    pdf = public["dcat:distribution"][0]
    assert pdf["dcat:byteSize"]["@value"] == "1234"
    assert pdf["spdx:checksum"]["spdx:checksumValue"] == "a" * 64
    assert pdf["dcat:downloadURL"]["@id"] == "https://humas.contoh.example/dokumen/2026/laporan%20akhir.pdf"


def test_empty_register_is_still_valid():
    data = json.loads(dip_json(SITE, []))
    jsonschema.validate(data, SCHEMA)
    assert data["items"] == [] and data["updated"] is None


def test_feed_entries_are_newest_update_first_with_stable_ids():
    pytest.importorskip("feeds.render", reason="plugins/feeds not present")
    from ppid.feed import entries
    later = [replace(i, updated=datetime(2026, 5, 1, tzinfo=JAKARTA)) if i.title == "Koordinat" else i
             for i in items()]
    found = entries(SITE, later)
    assert found[0].id == "urn:uuid:22222222-2222-4222-8222-222222222222"
    assert all(e.link.startswith("https://humas.contoh.example/informasi-publik/2026/") for e in found)
    assert "SHA-256 " + "a" * 64 in next(e for e in found if e.title == "Laporan").content_html


def test_feed_files_make_an_items_body_safe_to_syndicate():
    pytest.importorskip("feeds.render", reason="plugins/feeds not present")
    import feedparser

    from ppid.feed import feed_files, register_feed
    body = '<p>Lihat <a href="../../dokumen/x.pdf" onclick="steal()">lampiran</a></p><script>alert(1)</script>'
    item = replace(items()[0], body_html=body)
    files = feed_files(register_feed(SITE, Layout(), [item]))
    entry = json.loads(files["informasi-publik/feed.json"])["items"][0]
    assert 'href="https://humas.contoh.example/informasi-publik/dokumen/x.pdf"' in entry["content_html"]
    assert "onclick" not in entry["content_html"] and "<script" not in entry["content_html"]
    parsed = feedparser.parse(files["informasi-publik/atom.xml"])
    assert not parsed.bozo and "https://humas.contoh.example/informasi-publik/dokumen/x.pdf" in parsed.entries[0].content[0].value


def test_docs_describe_every_field_column_and_schema_key():
    from ppid.exports import item_record
    from ppid.schema import REGISTER_FIELDS
    docs = (ROOT / "docs" / "ppid.md").read_text(encoding="utf-8")
    assert [name for name in REGISTER_FIELDS if f"| `{name}` |" not in docs] == []
    assert ", ".join(CSV_COLUMNS) in " ".join(docs.split())
    record = item_record(SITE, items()[0])
    assert sorted(SCHEMA["$defs"]["item"]["required"]) == sorted(record)
    assert sorted(SCHEMA["$defs"]["attachment"]["required"]) == sorted(record["attachments"][0])


def test_spreadsheet_formulas_are_neutralised():
    from ppid.exports import spreadsheet_safe
    assert spreadsheet_safe("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)"
    assert spreadsheet_safe("+62 21 555") == "'+62 21 555"
    assert spreadsheet_safe("-12") == "-12"
    assert spreadsheet_safe("Laporan Keuangan") == "Laporan Keuangan"

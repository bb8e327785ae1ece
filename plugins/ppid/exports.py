"""Machine-readable exports of the register, as bytes from plain values.

Pure: items in, bytes out. dip.json / dip.csv follow the stable schema in
docs/ppid.md (JSON Schema: docs/schemas/dip.schema.json); katalog.json is a
DCAT catalogue in JSON-LD for Satu Data Indonesia style harvesting.
Serialised with csv and json.dumps(sort_keys=True): same register, same bytes.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from urllib.parse import quote

from siaran import dates

from .model import Item

SCHEMA_VERSION = "1.0"
CSV_COLUMNS = ("number", "id", "title", "category", "legal_article", "summary", "unit", "year",
               "published", "updated", "retention", "format", "url", "legal_basis",
               "attachment_urls", "attachment_sizes", "attachment_sha256")
#: Separator of multi-valued CSV cells (URLs are percent-encoded, so they hold no spaces).
CSV_LIST_SEPARATOR = " "
CSV_FORMAT_SEPARATOR = "; "

ACCESS_RIGHTS = "http://publications.europa.eu/resource/authority/access-right/"
DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "spdx": "http://spdx.org/rdf/terms#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True)
class Site:
    """What the exports say about the publisher and where the site lives."""

    siteurl: str
    publisher: str
    email: str = ""
    language: str = "id"
    base: str = "informasi-publik/"

    def absolute(self, url: str) -> str:
        return self.siteurl.rstrip("/") + "/" + quote(url.lstrip("/"))


def attachment_record(site: Site, attachment) -> dict:
    return {"name": attachment.name, "url": site.absolute(attachment.url), "format": attachment.format,
            "media_type": attachment.media_type, "size": attachment.size, "sha256": attachment.sha256}


def item_record(site: Site, item: Item) -> dict:
    """One register entry of dip.json (schema version 1.0)."""
    return {
        "number": item.number,
        "id": item.id,
        "title": item.title,
        "category": item.category,
        "legal_article": item.legal_article,
        "summary": item.summary,
        "unit": item.unit,
        "year": item.year,
        "published": dates.iso(item.published),
        "updated": dates.iso(item.updated),
        "retention": item.retention,
        "format": list(item.formats),
        "url": site.absolute(item.url),
        "legal_basis": item.legal_basis or None,
        "attachments": [attachment_record(site, a) for a in item.attachments],
    }


def _dump(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8") + b"\n"


def dip_json(site: Site, items: list[Item]) -> bytes:
    newest = max((i.updated for i in items), default=None)
    return _dump({
        "schema_version": SCHEMA_VERSION,
        "title": "Daftar Informasi Publik",
        "publisher": site.publisher,
        "url": site.absolute(site.base),
        "language": site.language,
        "updated": dates.iso(newest) if newest else None,
        "count": len(items),
        "items": [item_record(site, item) for item in items],
    })


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe
    (OWASP's CSV-injection advice); numbers and dates are left alone."""
    if cell.startswith(_FORMULA_START) and not cell.lstrip("-+").replace(".", "", 1).isdigit():
        return "'" + cell
    return cell


def csv_row(site: Site, item: Item) -> list[str]:
    record = item_record(site, item)
    attachments = record.pop("attachments")
    record["format"] = CSV_FORMAT_SEPARATOR.join(record["format"])
    record["legal_basis"] = record["legal_basis"] or ""
    record["attachment_urls"] = CSV_LIST_SEPARATOR.join(a["url"] for a in attachments)
    record["attachment_sizes"] = CSV_LIST_SEPARATOR.join(str(a["size"]) for a in attachments)
    record["attachment_sha256"] = CSV_LIST_SEPARATOR.join(a["sha256"] for a in attachments)
    return [spreadsheet_safe(str(record[column])) for column in CSV_COLUMNS]


def dip_csv(site: Site, items: list[Item]) -> bytes:
    """RFC 4180 CSV (CRLF line ends, UTF-8 without BOM), header row first."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(site, item) for item in items)
    return buffer.getvalue().encode("utf-8")


def distribution(site: Site, attachment) -> dict:
    return {
        "@type": "dcat:Distribution",
        "@id": site.absolute(attachment.url),
        "dct:title": attachment.name,
        "dcat:downloadURL": {"@id": site.absolute(attachment.url)},
        "dcat:mediaType": attachment.media_type,
        "dct:format": attachment.format,
        "dcat:byteSize": {"@value": str(attachment.size), "@type": "xsd:nonNegativeInteger"},
        "spdx:checksum": {"@type": "spdx:Checksum", "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256"},
                          "spdx:checksumValue": attachment.sha256},
    }


def dataset(site: Site, item: Item) -> dict:
    record = {
        "@type": "dcat:Dataset",
        "@id": site.absolute(item.url),
        "dct:identifier": item.id,
        "dct:title": item.title,
        "dct:description": item.summary,
        "dct:issued": {"@value": dates.iso(item.published), "@type": "xsd:dateTime"},
        "dct:modified": {"@value": dates.iso(item.updated), "@type": "xsd:dateTime"},
        "dct:temporal": {"@value": str(item.year), "@type": "xsd:gYear"},
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": site.publisher},
        "dcat:contactPoint": {"@type": "vcard:Organization", "vcard:fn": item.unit,
                              **({"vcard:hasEmail": {"@id": f"mailto:{site.email}"}} if site.email else {})},
        "dcat:keyword": [item.category, item.legal_article],
        "dcat:landingPage": {"@id": site.absolute(item.url)},
        "dct:language": site.language,
        "dct:accessRights": {"@id": ACCESS_RIGHTS + ("NON_PUBLIC" if item.exempt else "PUBLIC")},
        "dcat:distribution": [distribution(site, a) for a in item.attachments],
    }
    if item.exempt:
        record["dct:rights"] = item.legal_basis
    return record


def dcat_catalog(site: Site, items: list[Item]) -> bytes:
    """The register as a dcat:Catalog of dcat:Dataset, one per item (JSON-LD)."""
    newest = max((i.updated for i in items), default=None)
    catalog = {
        "@context": DCAT_CONTEXT,
        "@type": "dcat:Catalog",
        "@id": site.absolute(site.base + "katalog.json"),
        "dct:title": "Daftar Informasi Publik",
        "dct:description": f"Daftar Informasi Publik {site.publisher} menurut UU 14/2008.",
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": site.publisher},
        "dct:language": site.language,
        "foaf:homepage": {"@id": site.absolute(site.base)},
        "dcat:dataset": [dataset(site, item) for item in items],
    }
    if newest:
        catalog["dct:modified"] = {"@value": dates.iso(newest), "@type": "xsd:dateTime"}
    return _dump(catalog)

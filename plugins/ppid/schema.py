"""The register item's front matter (content/informasi-publik/**/*.md), one line per field.

Same typed fields as releases (siaran.schema), plus two small ones the register
needs: a four-digit year and an attachment that must live under content/dokumen/.
No Pelican import: checks.py and the generator both use this table.
"""
from __future__ import annotations

from typing import Any

from siaran.messages import MSG
from siaran.schema import (DOCUMENT_SUFFIXES, Choice, ContentFile, DateTime, Field, FieldError, ListOf,
                           Name, Slug, Text, Uuid)

# The four kinds of public information of UU 14/2008, in the order the DIP lists them.
CATEGORIES: tuple[str, ...] = ("berkala", "serta-merta", "setiap-saat", "dikecualikan")
EXEMPT = "dikecualikan"
PERIODIC = "berkala"
#: Pasal 9 ayat (4): periodic information is refreshed at least every six months.
PERIODIC_MONTHS = 6
ATTACHMENT_FOLDER = "dokumen"
ATTACHMENT_SUFFIXES = DOCUMENT_SUFFIXES   # one list for the register and the static allowlist


class Year(Field):
    """A four-digit year such as 2026, returned as int."""

    low, high = 1945, 2100

    def convert(self, raw, ctx):
        text = raw.strip()
        if not (text.isdigit() and len(text) == 4 and self.low <= int(text) <= self.high):
            raise FieldError(MSG["ppid_bad_year"].format(low=self.low, high=self.high, got=raw))
        return int(text)


class Attachment(ContentFile):
    """A document under content/<folder>/ that exists; returned content-relative."""

    def __init__(self, *, folder: str = ATTACHMENT_FOLDER, **kw):
        super().__init__(**kw)
        self.folder = folder

    def convert(self, raw, ctx):
        value = super().convert(raw, ctx)
        inside = (ctx.content_root / value).resolve()
        if not inside.is_relative_to((ctx.content_root / self.folder).resolve()):
            raise FieldError(MSG["ppid_outside_folder"].format(folder=self.folder, got=raw))
        return value


# One line per field: the register item.
REGISTER_FIELDS: dict[str, Field] = {
    "id": Uuid(required=True, doc="Stable id (UUID), written once; exports and the feed use it forever."),
    "title": Text(required=True, max_length=200, doc="Name of the information, e.g. Laporan Keuangan 2025."),
    "category": Choice(CATEGORIES, required=True, doc="berkala, serta-merta, setiap-saat or dikecualikan."),
    "summary": Text(required=True, max_length=400, doc="Ringkasan isi: one or two sentences for the DIP table."),
    "unit": Name(required=True, max_length=120, doc="Penanggung jawab: the responsible unit."),
    "year": Year(required=True, doc="Year the information is about (tahun pembuatan), e.g. 2026."),
    "published": DateTime(required=True, doc="First publication in the register, WIB: 2026-01-15 09:00."),
    "updated": DateTime(doc="Last update, WIB; defaults to published. berkala: at most 6 months old."),
    "retention": Text(required=True, max_length=120, doc="Jangka waktu penyimpanan, e.g. 10 tahun."),
    "format": ListOf(Text(max_length=40), doc="Only without attachments (e.g. Dokumen cetak); else derived."),
    "attachments": ListOf(Attachment(suffixes=ATTACHMENT_SUFFIXES),
                          doc="Files under content/dokumen/, comma-separated; never on dikecualikan."),
    "legal_basis": Text(max_length=1000, doc="dikecualikan only, required there: Pasal 17 letter + consequence test."),
    "slug": Slug(doc="URL name; derived from the title when absent."),
    "status": Choice(("draft", "published"), default="published", doc="draft is checked, not published."),
}


def required_when(meta: dict[str, Any], raw_keys: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """Cross-field rules of a register item: (field, message) for each broken one.

    `raw_keys` are the fields written in the file, so an attachment on exempt
    information is refused even when its path is also wrong or missing.
    """
    broken = []
    category = meta.get("category")
    if category == EXEMPT:
        if meta.get("attachments") or "attachments" in raw_keys:
            broken.append(("attachments", MSG["ppid_exempt_attachment"].format(folder=ATTACHMENT_FOLDER)))
        if not meta.get("legal_basis"):
            broken.append(("legal_basis", MSG["ppid_legal_basis_required"]))
    elif category and meta.get("legal_basis"):
        broken.append(("legal_basis", MSG["ppid_legal_basis_only_exempt"].format(category=category)))
    if meta.get("updated") and meta.get("published") and meta["updated"] < meta["published"]:
        broken.append(("updated", MSG["ppid_updated_before_published"]))
    return broken


__all__ = ["ATTACHMENT_FOLDER", "CATEGORIES", "EXEMPT", "PERIODIC", "PERIODIC_MONTHS",
           "REGISTER_FIELDS", "required_when"]

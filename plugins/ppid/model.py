"""The public information register as plain values: items, groups, staleness.

Pure: no Pelican, no file access, no clock. load.py builds these values from
content files; the generator, exports.py and checks.py only read them.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import PurePosixPath
from typing import Callable, Iterable, TypeVar

from siaran import dates
from siaran.text import human_size, slugify

from .schema import CATEGORIES, EXEMPT, PERIODIC, PERIODIC_MONTHS

# suffix → (format label shown to citizens, media type for downloads and DCAT)
FILE_TYPES: dict[str, tuple[str, str]] = {
    ".pdf": ("PDF", "application/pdf"),
    ".csv": ("CSV", "text/csv"),
    ".xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".xls": ("XLS", "application/vnd.ms-excel"),
    ".docx": ("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".doc": ("DOC", "application/msword"),
    ".odt": ("ODT", "application/vnd.oasis.opendocument.text"),
    ".ods": ("ODS", "application/vnd.oasis.opendocument.spreadsheet"),
    ".json": ("JSON", "application/json"),
    ".geojson": ("GeoJSON", "application/geo+json"),
    ".zip": ("ZIP", "application/zip"),
    ".txt": ("TXT", "text/plain"),
}

#: The article of UU 14/2008 that defines each category.
LEGAL_ARTICLE = {"berkala": "Pasal 9", "serta-merta": "Pasal 10", "setiap-saat": "Pasal 11",
                 "dikecualikan": "Pasal 17"}


@dataclass(frozen=True)
class Attachment:
    path: str            # content-relative, e.g. dokumen/informasi-publik/2026/x.pdf
    size: int            # bytes
    sha256: str          # hex digest of the published bytes

    @property
    def url(self) -> str:
        """Site-relative; Pelican's static generator copies content/dokumen/ unchanged."""
        return self.path

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name

    @property
    def format(self) -> str:
        suffix = PurePosixPath(self.path).suffix.lower()
        return FILE_TYPES.get(suffix, (suffix.lstrip(".").upper(), ""))[0]

    @property
    def media_type(self) -> str:
        suffix = PurePosixPath(self.path).suffix.lower()
        return FILE_TYPES.get(suffix, ("", "application/octet-stream"))[1]

    @property
    def size_text(self) -> str:
        return human_size(self.size)


@dataclass(frozen=True)
class Layout:
    """Where the register's pages go, all under one folder URL."""

    base: str = "informasi-publik/"

    def item(self, year: int, slug: str) -> str:
        return f"{self.base}{year}/{slug}/"

    def category(self, category: str) -> str:
        return f"{self.base}kategori/{category}/"

    def year(self, year: int) -> str:
        return f"{self.base}tahun/{year}/"

    def unit(self, unit: str) -> str:
        return f"{self.base}unit/{slugify(unit)}/"

    @property
    def report(self) -> str:
        return f"{self.base}laporan/"

    def file(self, name: str) -> str:
        return f"{self.base}{name}"

    @staticmethod
    def save_as(url: str) -> str:
        return url + "index.html" if url.endswith("/") else url


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    slug: str
    category: str
    summary: str
    unit: str
    year: int
    published: datetime
    updated: datetime
    retention: str
    url: str
    source: str                                   # e.g. content/informasi-publik/x.md
    attachments: tuple[Attachment, ...] = ()
    given_formats: tuple[str, ...] = ()
    legal_basis: str = ""
    body_html: str = ""
    links: tuple[str, ...] = ()                   # content files its body links ({static}…): photos, documents
    number: int = 0                               # position in the whole DIP, from 1
    updated_line: int = 1                         # where a staleness warning points

    @property
    def formats(self) -> tuple[str, ...]:
        """Derived from the attachments when there are any, else as the editor wrote it."""
        if self.attachments:
            return tuple(dict.fromkeys(a.format for a in self.attachments))
        return self.given_formats

    @property
    def exempt(self) -> bool:
        return self.category == EXEMPT

    @property
    def legal_article(self) -> str:
        return LEGAL_ARTICLE[self.category]

    @property
    def unit_slug(self) -> str:
        return slugify(self.unit)

    @property
    def save_as(self) -> str:
        return Layout.save_as(self.url)


def item_slug(title: str, slug: str | None = None) -> str:
    return slug or slugify(title)


def dip_order(items: Iterable[Item]) -> list[Item]:
    """The DIP's order: category (law order), newest year first, then title; numbered from 1."""
    ranked = sorted(items, key=lambda i: (CATEGORIES.index(i.category), -i.year, i.title.casefold(), i.id))
    return [replace(item, number=index) for index, item in enumerate(ranked, start=1)]


K = TypeVar("K")


def group(items: Iterable[Item], key: Callable[[Item], K], order: Callable[[K], object] | None = None) -> list[tuple[K, list[Item]]]:
    """(key, items in DIP order) pairs, keys sorted by `order` (default: the key itself)."""
    groups: dict[K, list[Item]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    keys = sorted(groups, key=order) if order else sorted(groups)
    return [(k, sorted(groups[k], key=lambda i: i.number)) for k in keys]


def by_category(items: Iterable[Item]) -> list[tuple[str, list[Item]]]:
    return group(items, lambda i: i.category, CATEGORIES.index)


def by_year(items: Iterable[Item]) -> list[tuple[int, list[Item]]]:
    return group(items, lambda i: i.year, lambda year: -year)


def by_unit(items: Iterable[Item]) -> list[tuple[str, list[Item]]]:
    return group(items, lambda i: i.unit, str.casefold)


def months_before(moment: datetime, months: int) -> datetime:
    """Same wall-clock time `months` calendar months earlier (31 Aug − 6 = 28/29 Feb)."""
    total = moment.year * 12 + (moment.month - 1) - months
    year, month = divmod(total, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def parse_reference(value: datetime | str | None) -> datetime | None:
    """PPID_REFERENCE_DATE: a datetime, or text `2026-11-30` / `2026-11-30 00:00` read as WIB."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return dates.to_jakarta(value)
    text = str(value).strip()
    return dates.parse_local(text if " " in text else text + " 00:00")


def reference_date(setting: datetime | None, candidates: Iterable[datetime]) -> datetime | None:
    """The build's 'today' for staleness: the setting, else the newest content date.

    Never the wall clock, so the same content gives the same warnings and pages.
    """
    if setting is not None:
        return setting
    return max(candidates, default=None)


@dataclass(frozen=True)
class Stale:
    item: Item
    limit: datetime          # updated must be on or after this


def stale(items: Iterable[Item], reference: datetime | None, months: int = PERIODIC_MONTHS) -> list[Stale]:
    """berkala items whose last update is more than `months` before the reference date."""
    if reference is None:
        return []
    limit = months_before(reference, months)
    return [Stale(item, limit) for item in items if item.category == PERIODIC and item.updated < limit]


@dataclass
class Register:
    """All published items of one build, in DIP order, with the build's reference date."""

    items: list[Item] = field(default_factory=list)
    reference: datetime | None = None
    layout: Layout = field(default_factory=Layout)

    @property
    def stale(self) -> list[Stale]:
        return stale(self.items, self.reference)

    @property
    def newest(self) -> datetime | None:
        return max((i.updated for i in self.items), default=None)

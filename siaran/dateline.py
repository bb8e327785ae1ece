"""The dateline a release opens with, read from what the editor wrote, and the house form of it.

Humas offices write the dateline into the body's first paragraph themselves:
`Jakarta – …`, `Jakarta, BP2MI (25/1) - …`, `Teluk Biru (3/9/2026) — …`,
`JAKARTA – …`, `WARTAPESISIR,JAKARTA– …`. `read_dateline` recognises those
shapes and nothing looser, so a first sentence that merely starts with a place
name ("Jakarta menjadi tuan rumah …") stays a sentence. `house_text` gives the
one dateline a page and a feed show. Pure: text in, values out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from siaran import dates

WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Jum'at", "Sabtu", "Minggu")

NOT_A_PLACE = frozenset("""
    Acara Bagi Balai Badan Bapak Beberapa Bupati Dalam Dengan Direktur Gubernur Hari Ibu Kegiatan
    Kepala Kementerian Ketua Masyarakat Menteri Menurut Pada Para Pemerintah Presiden Program Saat
    Sebanyak Sejak Sejumlah Sekretaris Selain Sementara Setelah Tim Untuk Wakil Warga
""".split())
"""Title-case words that open sentences and titles ("Kepala Balai – …"), never a dateline's place."""

_TITLE_WORD = r"[A-Z][a-z]+(?:['-][A-Za-z][a-z]*)*"
_UPPER_WORD = r"[A-Z]{2,}(?:['-][A-Z]+)*"
_INSTITUTION_WORD = r"[A-Z][A-Za-z0-9.&]*"
_INSTITUTION_MORE = r"(?:[A-Z][A-Za-z0-9.&]*|dan|&)"
_DATELINE = re.compile(rf"""
    (?P<lead>\s*)
    (?:(?P<outlet>[A-Z][A-Z0-9.]+),(?=[A-Z]))?                 # WARTAPESISIR,JAKARTA (no space)
    (?P<place>{_TITLE_WORD}(?:\ {_TITLE_WORD}){{0,3}}
             |{_UPPER_WORD}(?:\ {_UPPER_WORD}){{0,3}})
    (?!\w)
    (?:\s*,\s*(?P<weekday>{"|".join(WEEKDAYS)})\b)?            # Jakarta, Rabu (25/1)
    (?:\s*,\s*(?!(?:{"|".join(WEEKDAYS)})\b)
        (?P<institution>{_INSTITUTION_WORD}(?:\ {_INSTITUTION_MORE}){{0,5}}))?   # Jakarta, BP2MI
    (?:\s*\((?P<agency>[A-Z][A-Za-z0-9.]*(?:\ [A-Z][A-Za-z0-9.]*){{0,2}})\))?   # Jakarta (ANTARA)
    (?:\s*,?\s*\((?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})(?:/(?P<year>\d{{4}}))?\))?
    (?P<before>\s*)(?P<dash>—|–|-{{1,3}})(?P<after>\s*)
    (?=[A-Z0-9"'“‘(\[*_])                                        # the story starts here
""", re.VERBOSE)

MAX_LENGTH = 90
"""A longer opening before the dash is a sentence, not a dateline."""


@dataclass(frozen=True)
class Dateline:
    """A dateline as found at the start of a paragraph's text."""

    text: str
    """As written, without its dash, spaces collapsed: 'Jakarta, BP2MI (25/1)'."""
    place: str
    """The place as written: 'Jakarta', 'JAKARTA', 'Tanjung Harapan'."""
    length: int
    """How many characters of the paragraph's text it takes, dash and spaces included."""
    outlet: str = ""
    institution: str = ""
    day: int | None = None
    month: int | None = None
    year: int | None = None

    @property
    def place_name(self) -> str:
        """The place in normal case: a place written in capitals ('TANJUNG HARAPAN') gets title case."""
        if self.place.isupper():
            return " ".join(word.capitalize() for word in self.place.split())
        return self.place

    @property
    def has_date(self) -> bool:
        return self.day is not None


def read_dateline(text: str) -> Dateline | None:
    """The dateline `text` (a paragraph's plain text) opens with, or None."""
    found = _DATELINE.match(text)
    if not found:
        return None
    place, dash = found["place"], found["dash"]
    day = int(found["day"]) if found["day"] else None
    month = int(found["month"]) if found["month"] else None
    marked = bool(found["outlet"] or day or place.isupper())
    if place.split()[0] in NOT_A_PLACE or (found["institution"] or "").split(" ")[0] in NOT_A_PLACE:
        return None
    if not (found["before"] or found["after"]) and not marked:
        return None     # 'Jakarta-Bogor …', 'Jakarta–Bandung …': a compound, not a dateline
    if day is not None and not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    words = found.group(0)[len(found["lead"]):found.start("before") - found.start()]
    if len(words) > MAX_LENGTH:
        return None
    if not marked and not found["institution"] and _parenthetical(text[found.end():], dash):
        return None     # 'Hendra Saputra – Direktur … – membuka …': dashes around an aside
    return Dateline(
        text=" ".join(words.split()),
        place=place,
        length=found.end(),
        outlet=found["outlet"] or "",
        institution=found["institution"] or found["agency"] or "",
        day=day,
        month=month,
        year=int(found["year"]) if found["year"] else None,
    )


def _parenthetical(rest: str, dash: str) -> bool:
    """True when the same dash comes back before the first sentence ends."""
    sentence = rest.split(". ", 1)[0]
    return f" {dash} " in sentence or (dash == "-" and " -- " in sentence)


def day_month(moment: datetime) -> tuple[int, int]:
    local = dates.to_jakarta(moment)
    return local.day, local.month


def disagrees(found: Dateline, moment: datetime) -> bool:
    """True when the dateline's own day (and year, if written) is not the WIB day of `moment`."""
    if not found.has_date:
        return False
    local = dates.to_jakarta(moment)
    if (found.day, found.month) != (local.day, local.month):
        return True
    return found.year is not None and found.year != local.year


def house_text(found: Dateline | None, location: str | None, moment: datetime, keep_original: bool = False) -> str:
    """The one dateline shown before the first paragraph: 'Jakarta (25/1)'.

    The place is the `location` field when given, else the body's own; the day
    the body's own when it wrote one, else `moment`'s WIB day. With
    `keep_original` a body dateline is shown as written ('KLIKPAPUA,JAKARTA').
    Empty when neither field nor body names a place.
    """
    if found is not None and keep_original:
        return found.text
    place = (location or "").strip() or (found.place_name if found else "")
    if not place:
        return ""
    day, month = (found.day, found.month) if found is not None and found.has_date else day_month(moment)
    return f"{place} ({day}/{month})"


def dated(found: Dateline, now: datetime) -> date | None:
    """The calendar day a dateline names, for a release imported at `now` (WIB).

    Without a written year, the year that puts the day nearest before `now`
    (a release dated a month ahead at most is an embargoed one, kept this year).
    """
    if not found.has_date:
        return None
    local = dates.to_jakarta(now)
    year = found.year or local.year
    try:
        day = date(year, found.month, found.day)
    except ValueError:
        return None
    if found.year is None and (day - local.date()).days > 31:
        try:
            day = date(year - 1, found.month, found.day)
        except ValueError:
            return None
    return day

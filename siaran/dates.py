"""Indonesian date strings, from Babel's CLDR data, never the process locale.

Naive times in front matter are Asia/Jakarta local time (WIB); that is written
in the docs and made explicit here so output never depends on the machine.
"""
from __future__ import annotations

import pickle
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo

JAKARTA = ZoneInfo("Asia/Jakarta")
LOCALE = "id"
INPUT_FORMAT = "%Y-%m-%d %H:%M"
INPUT_EXAMPLE = "2024-04-20 10:00"


def parse_local(text: str) -> datetime:
    """Parse `YYYY-MM-DD HH:MM` (optionally with seconds) as WIB."""
    text = text.strip()
    for fmt in (INPUT_FORMAT, INPUT_FORMAT + ":%S"):
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=JAKARTA)
        except ValueError:
            continue
    raise ValueError(text)


def to_jakarta(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=JAKARTA)
    return moment.astimezone(JAKARTA)


@cache
def names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """CLDR's wide day names (Monday first) and month names for LOCALE, from
    Babel's data file for that locale. Read directly and once: Babel's Locale
    (and so format_datetime) would also load and keep CLDR's global tables,
    3.7 MiB in every build process, that two lists of names do not need. The
    formats below are CLDR's `EEEE`, `d MMMM y` and `HH.mm`; a test holds them
    equal to Babel's own formatter."""
    from babel.localedata import resolve_locale_filename
    with open(resolve_locale_filename(LOCALE), "rb") as stream:
        data = pickle.load(stream)   # Babel's own, trusted package data
    days, months = data["days"]["format"]["wide"], data["months"]["format"]["wide"]
    return tuple(days[i] for i in range(7)), tuple(months[i] for i in range(1, 13))


def long_datetime(moment: datetime) -> str:
    """'Rabu, 25 Januari 2023 10.00 WIB' — the release page's date line."""
    local = to_jakarta(moment)
    return f"{names()[0][local.weekday()]}, {long_date(local)} {local:%H.%M} WIB"


def long_date(moment: datetime) -> str:
    """'25 Januari 2023' — for lists and cards."""
    local = to_jakarta(moment)
    return f"{local.day} {month_year(local)}"


def month_year(moment: datetime) -> str:
    """'Januari 2023' — archive headings."""
    local = to_jakarta(moment)
    return f"{names()[1][local.month - 1]} {local.year}"


def iso(moment: datetime) -> str:
    """ISO 8601 with the +07:00 offset, for <time datetime> and metadata."""
    return to_jakarta(moment).isoformat(timespec="seconds")

"""Indonesian date strings, from Babel's CLDR data, never the process locale.

Naive times in front matter are Asia/Jakarta local time (WIB); that is written
in the docs and made explicit here so output never depends on the machine.
"""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

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


def long_datetime(moment: datetime) -> str:
    """'Rabu, 25 Januari 2023 10.00 WIB' — the release page's date line."""
    local = to_jakarta(moment)
    return format_datetime(local, "EEEE, d MMMM y HH.mm", tzinfo=JAKARTA, locale=LOCALE) + " WIB"


def long_date(moment: datetime) -> str:
    """'25 Januari 2023' — for lists and cards."""
    return format_datetime(to_jakarta(moment), "d MMMM y", tzinfo=JAKARTA, locale=LOCALE)


def month_year(moment: datetime) -> str:
    """'Januari 2023' — archive headings."""
    return format_datetime(to_jakarta(moment), "MMMM y", tzinfo=JAKARTA, locale=LOCALE)


def iso(moment: datetime) -> str:
    """ISO 8601 with the +07:00 offset, for <time datetime> and metadata."""
    return to_jakarta(moment).isoformat(timespec="seconds")

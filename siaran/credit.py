"""Closing credit lines and photo credits, read from what the editor wrote.

A release ends with the initials of its writers and editors: `(Humas/MIT/AH)`
after the last sentence, `(RMI/ES)`, `(rls)` for a release as sent, or a line
of its own such as `(HJK)/ BO`. A photo caption ends with its credit:
`… di dermaga. (Foto: Humas/Oji)`. These functions find them and nothing that
only looks similar (an abbreviation in brackets, a date, a note to the
reader). Pure: text in, values out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MARKERS = frozenset({"rls", "red", "ant", "hms", "adv", "humas"})
"""Single words that are a credit on their own: `(rls)` release as sent, `(red)` the desk."""

_NAME = r"[A-Za-z][A-Za-z.]{0,15}"
_LIST = rf"{_NAME}(?:\s*/\s*{_NAME}){{0,9}}"
_CREDIT = re.compile(rf"""
    (?P<lead>[.!?"'”’)\]]\**\s*|\s)?      # the sentence before it ends here
    \**\s*
    \((?P<inner>{_LIST})\)
    (?:\s*/\s*(?P<tail>{_LIST}))?        # (HJK)/ BO
    \s*$
""", re.VERBOSE)
_PHOTO_CREDIT = re.compile(r"""
    \s*\(\s*(?P<word>foto|photo)\s*[:/]\s*(?P<who>[^()]+?)\s*\)\s*\.?\s*$
""", re.VERBOSE | re.IGNORECASE)


@dataclass(frozen=True)
class CreditLine:
    """A credit line found at the end of a paragraph's text."""

    value: str
    """Its names joined by '/', no brackets: 'Humas/MIT/AH', 'rls', 'HJK/BO'."""
    start: int
    """Where it starts in the text; what comes before stays in the paragraph."""
    whole: bool
    """The paragraph is nothing but the credit line."""


def _names(text: str) -> list[str]:
    return [part.strip() for part in text.split("/")]


def read_credit(text: str) -> CreditLine | None:
    """The credit line `text` (the last paragraph's plain text) ends with, or None."""
    found = _CREDIT.search(text)
    if not found:
        return None
    start = found.start()
    if found["lead"] and not found["lead"].isspace():
        start += len(found["lead"].rstrip("* \t\n"))   # the sentence keeps its full stop
    elif found["lead"]:
        start += len(found["lead"])
    whole = not text[:start].strip()
    names = _names(found["inner"]) + (_names(found["tail"]) if found["tail"] else [])
    closes_sentence = whole or bool(found["lead"] and not found["lead"].isspace())
    if len(names) == 1 and not (closes_sentence and _initials_or_marker(names[0])):
        return None     # '(BRPKN)' after a name, '(Perka)', '(WIB)': a bracket, not a credit
    if not closes_sentence and not (found["lead"] and all(_capital_or_marker(name) for name in names)):
        return None     # '(km/jam)' closing a sentence without its full stop
    return CreditLine("/".join(names), start, whole)


def _initials_or_marker(name: str) -> bool:
    return name.casefold() in MARKERS or (name.isupper() and name.isalpha() and len(name) <= 6)


def _capital_or_marker(name: str) -> bool:
    return name[:1].isupper() or name.casefold() in MARKERS


def normalised(credit: str) -> str:
    """A credit value as compared: no brackets or spaces, case folded ('(HJK)/ BO' == 'hjk/bo')."""
    return re.sub(r"[\s()]", "", credit).casefold()


def same_credit(first: str, second: str) -> bool:
    return normalised(first) == normalised(second)


def read_photo_credit(caption: str) -> tuple[str, str] | None:
    """(caption without its credit, 'Foto: Humas/Oji') when `caption` ends with one, else None."""
    found = _PHOTO_CREDIT.search(caption)
    if not found:
        return None
    return caption[:found.start()].rstrip(), f"Foto: {found['who']}"

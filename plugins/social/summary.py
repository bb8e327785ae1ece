"""The lede of a social text: a release summary as plain text, its dateline
removed, split into whole sentences and clauses of Indonesian press prose.

A lede is only ever cut at the end of a sentence or of an independent clause
(before a semicolon), so the splitting here decides what a text may say. It
errs on the side of not splitting: two sentences read as one only make a lede
shorter or absent, while a split after 'Dr.' would post half a sentence.
"""
from __future__ import annotations

import re
import unicodedata

# Words that Indonesian news copy writes with a period that does not end the
# sentence: titles, ranks, address and reference words, 'and so on' forms.
ABBREVIATIONS = frozenset({
    "a.n", "bpk", "brigjen", "dll", "dkk", "dr", "drg", "drs", "dra", "ds", "dsb", "dst", "gg", "hj",
    "hlm", "ir", "jend", "jl", "jln", "kab", "kapt", "kec", "kel", "kol", "letjen", "mayjen", "mr",
    "mrs", "ny", "no", "pol", "prof", "prov", "rp", "rt", "rw", "sdr", "sdri", "st", "tbk", "tel",
    "telp", "tgl", "tn", "tsb", "vol", "yth",
})
# 'S.T.', 'M.Sc.', 'Ph.D.', 's.d.', 'a.n.': dotted letter groups are degrees and abbreviations.
_DOTTED = re.compile(r"(?:[^\W\d_]{1,4}\.)+[^\W\d_]{1,4}")
_BOUNDARY = re.compile(r"[.!?…][\"”’)\]]*\s+")
_SPACE = re.compile(r"\s+")
# Characters no platform accepts in a post (BOM, non-characters, controls).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufeff\ufffe\uffff]")

# A dateline: a place (with an institution or an outlet) and maybe '(25/11)' or
# '(25/11/2026)', then a dash: 'Jakarta (25/1) – ', 'Jakarta, BP2MI (25/1) - ',
# 'JAKARTA – ', 'KLIKPAPUA,JAKARTA– '. A hyphen needs a space beside it
# ('Sulawesi-Selatan' is a word).
_DATELINE = re.compile(r"(?P<head>[^–—\n]{1,80}?)(?:\s*[–—]|\s+-|-(?=\s))\s*")
_DATE = re.compile(r"\(\d{1,2}/\d{1,2}(?:/\d{2,4})?\)")
_MAX_DATELINE_WORDS = 6


def clean(text: str) -> str:
    """NFC, without characters platforms reject, whitespace collapsed to one space."""
    text = _UNSAFE.sub(" ", unicodedata.normalize("NFC", text))
    return _SPACE.sub(" ", text).strip()


def html_to_text(html: str) -> str:
    # Only for a release without summary_text, which the build always sets;
    # imported on use so the build process need not map bs4 and lxml.
    from bs4 import BeautifulSoup
    # A space between elements keeps '<p>a</p><p>b</p>' from becoming 'ab'.
    return clean(BeautifulSoup(html, "lxml").get_text(" "))


def _is_dateline(head: str, place: str) -> bool:
    words = [word for word in re.split(r"[\s,]+", head.strip(" ,")) if word]
    if not words or len(words) > _MAX_DATELINE_WORDS:
        return False
    if not all(word[:1].isupper() or _DATE.fullmatch(word) for word in words):
        return False
    # Capitalised words before a dash can also open a sentence ('BRPKN – lembaga
    # riset – …'): a dateline also has a date or names the release's place; when
    # the place is not known, a comma ('Jakarta, BP2MI –') or capitals only
    # ('JAKARTA –') will do.
    if _DATE.search(head):
        return True
    if place:
        return place.casefold() in head.casefold()
    letters = "".join(char for char in head if char.isalpha())
    return "," in head or letters.isupper()


def strip_dateline(text: str, place: str = "") -> str:
    """The text without the dateline it opens with, if any.

    A social post carries its own time and the link carries the place, so a
    lede starts with what happened, not with 'Jakarta (25/1) –'.
    """
    match = _DATELINE.match(text)
    if match and match.end() < len(text) and _is_dateline(match.group("head"), place):
        return text[match.end():]
    return text


def _last_word(text: str) -> str:
    word = text.rsplit(" ", 1)[-1]
    return word.strip("\"“”‘’()[]").rstrip(".!?…").casefold()


def _ends_sentence(text: str, end: int, next_char: str) -> bool:
    if text[end - 1] == ".":
        word = _last_word(text[:end])
        if word in ABBREVIATIONS or _DOTTED.fullmatch(word) or (len(word) == 1 and word.isalpha()):
            return False
    return next_char.isupper() or next_char.isdigit() or next_char in "\"“‘(["


class _Nesting:
    """Open quotations and parentheses up to a point of the text: a sentence
    inside a quotation ('"Kami siap. Mari mulai," ujarnya.') is not one to end on."""

    def __init__(self, text: str) -> None:
        self.text, self.at, self.quotes, self.straight, self.parens = text, 0, 0, False, 0

    def open_at(self, end: int) -> bool:
        for char in self.text[self.at:end]:
            if char == "“":
                self.quotes += 1
            elif char == "”":
                self.quotes = max(0, self.quotes - 1)
            elif char == '"':
                self.straight = not self.straight
            elif char == "(":
                self.parens += 1
            elif char == ")":
                self.parens = max(0, self.parens - 1)
        self.at = end
        return bool(self.quotes or self.straight or self.parens)


def sentences(text: str) -> list[str]:
    """Split plain text into sentences, never inside a word, an abbreviation,
    a number (12.000, 3,4, 10.00) or a quotation."""
    result: list[str] = []
    start = 0
    nesting = _Nesting(text)
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if end >= len(text) or nesting.open_at(end):
            continue
        if _ends_sentence(text, match.start() + 1, text[end]):
            result.append(text[start:end].strip())
            start = end
    rest = text[start:].strip()
    if rest:
        result.append(rest)
    return result


def clauses(sentence: str) -> list[str]:
    """A sentence's independent clauses: the parts between semicolons outside
    quotations and parentheses. After a colon, semicolons separate list items,
    which are not clauses: such a sentence is one clause."""
    parts: list[str] = []
    start = 0
    nesting = _Nesting(sentence)
    for match in re.finditer(r";\s+", sentence):
        if nesting.open_at(match.start()) or ":" in sentence[:match.start()]:
            continue
        parts.append(sentence[start:match.start()])
        start = match.end()
    parts.append(sentence[start:])
    return [part.strip() for part in parts if part.strip()]

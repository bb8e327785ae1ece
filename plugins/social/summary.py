"""The first sentences of a release summary, as plain text, from its HTML."""
from __future__ import annotations

import re
import unicodedata

# Periods after these words do not end a sentence in Indonesian news copy.
ABBREVIATIONS = frozenset({
    "a.n", "bpk", "brigjen", "dll", "dkk", "dr", "drs", "dra", "dsb", "hj", "ir", "jend",
    "jl", "kab", "kapt", "kec", "kel", "kol", "letjen", "m.si", "mayjen", "no", "pol", "prof",
    "prov", "rp", "s.h", "s.e", "sdr", "st", "tgl", "tn", "yth",
})
_BOUNDARY = re.compile(r"[.!?…][\"”’)\]]*\s+")
_SPACE = re.compile(r"\s+")
# Characters no platform accepts in a post (BOM, non-characters, controls).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufeff\ufffe\uffff]")


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


def _ends_sentence(text: str, end: int, next_char: str) -> bool:
    word = text[:end].rsplit(" ", 1)[-1].rstrip(".!?…\"”’)]").casefold()
    if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return False
    return next_char.isupper() or next_char.isdigit() or next_char in "\"“‘(["


def sentences(text: str) -> list[str]:
    """Split plain text into sentences, never inside a word."""
    result: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.end() < len(text) and _ends_sentence(text, match.start() + 1, text[match.end()]):
            result.append(text[start:match.end()].strip())
            start = match.end()
    rest = text[start:].strip()
    if rest:
        result.append(rest)
    return result

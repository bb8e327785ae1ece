"""Small text helpers shared by the build and the plugins."""
from __future__ import annotations

import re
import unicodedata

from siaran.release_body import with_dateline

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """ASCII, lower-case, hyphen-separated; 'Rapat Koordinasi 2024' -> 'rapat-koordinasi-2024'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub("-", ascii_text.lower()).strip("-") or "tanpa-judul"


_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (control characters, lone surrogates)."""
    return _XML_FORBIDDEN.sub("", text)


def has_xml_forbidden(text: str) -> bool:
    return bool(_XML_FORBIDDEN.search(text))


def human_size(size: int) -> str:
    """'812 B', '12,4 KB', '3,1 MB' — Indonesian decimal comma, 1 KB = 1024 B."""
    if size < 1024:
        return f"{size} B"
    value, unit = size / 1024, "KB"
    for bigger in ("MB", "GB"):
        if value < 1024:
            break
        value, unit = value / 1024, bigger
    return f"{value:.1f}".replace(".", ",") + f" {unit}"


def add_dateline(html: str, text: str) -> str:
    """The first paragraph opened by the dateline ('Jakarta (25/1) – '), as printed
    releases do, in place of one the editor wrote there (`siaran.release_body`)."""
    return with_dateline(html, text)

"""Derived release facts, computed once: dates, photo facts, dateline, related.

Pure functions over plain values (no Pelican import) so they are tested alone;
the plugin's __init__ applies them to Pelican's article objects.
"""
from __future__ import annotations

import mimetypes
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Sequence

from bs4 import BeautifulSoup
from PIL import Image

from siaran import dates


@dataclass(frozen=True)
class ImageFacts:
    """What feeds, cards and meta tags need to know about a photo."""

    path: str          # relative to content/, also its path in the output
    width: int
    height: int
    mime: str
    size: int
    alt: str = ""
    caption: str = ""
    credit: str = ""


def image_facts(content_root: Path, relative: str, alt: str = "", caption: str = "", credit: str = "") -> ImageFacts:
    file = content_root / relative
    with Image.open(file) as img:
        width, height = img.size
        mime = Image.MIME.get(img.format or "", "") or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    return ImageFacts(relative, width, height, mime, file.stat().st_size, alt, caption, credit)


def dateline(location: str, moment: datetime) -> str:
    """'Jakarta (25/1)' — the wire-style opening of a release."""
    local = dates.to_jakarta(moment)
    return f"{location} ({local.day}/{local.month})"


def add_dateline(html: str, text: str) -> str:
    """Prefix the first paragraph with the dateline, as printed releases do."""
    soup = BeautifulSoup(html, "html.parser")
    first = soup.find("p")
    if first is None:
        return html
    span = soup.new_tag("span", attrs={"class": "dateline"})
    span.string = f"{text} – "
    first.insert(0, span)
    return str(soup)


def plain_text(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def first_paragraph(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    first = soup.find("p")
    return str(first) if first else ""


def related_by_tags(items: Sequence[tuple[str, frozenset[str], datetime]], limit: int = 4) -> dict[str, list[str]]:
    """For each (key, tags, date): the keys sharing most tags, newest first on ties.

    Inverted index over tags so a 5,000-release site does not compare all pairs.
    """
    by_tag: dict[str, list[int]] = {}
    for index, (_, tags, _) in enumerate(items):
        for tag in tags:
            by_tag.setdefault(tag, []).append(index)
    related: dict[str, list[str]] = {}
    for index, (key, tags, _) in enumerate(items):
        shared: Counter[int] = Counter()
        for tag in tags:
            shared.update(other for other in by_tag[tag] if other != index)
        ranked = sorted(shared, key=lambda other: (-shared[other], -items[other][2].timestamp(), items[other][0]))
        related[key] = [items[other][0] for other in ranked[:limit]]
    return related

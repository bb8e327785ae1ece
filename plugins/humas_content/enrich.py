"""Derived release facts, computed once: dates, photo facts, dateline, credit, related.

Pure functions over plain values (no Pelican import) so they are tested alone;
the plugin's __init__ applies them to Pelican's article objects.
"""
from __future__ import annotations

import mimetypes
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Sequence

from PIL import Image

from siaran import credit as credits
from siaran.contracts import Photo
from siaran.dateline import house_text
from siaran.photos import PublishedPhotos, shown_size
from siaran.release_body import body_credit, body_dateline, first_paragraph, last_paragraph, with_dateline, without_credit


def image_facts(content_root: Path, relative: str, published: PublishedPhotos, alt: str = "", caption: str = "",
                credit: str = "") -> Photo:
    """The photo as published: the size a reader sees (orientation applied), the bytes of its
    published copy (metadata stripped: an enclosure's length)."""
    file = content_root / relative
    with Image.open(file) as img:
        width, height = shown_size(img)
        mime = Image.MIME.get(img.format or "", "") or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    copy, _ = published.copy(file)
    return Photo(relative, width, height, mime, copy.stat().st_size, alt, caption, credit)


def dateline(html: str, location: str | None, moment: datetime, keep_original: bool = False) -> str:
    """The release's one dateline, 'Jakarta (25/1)': from the `location` field and
    the date, or from the dateline the body opens with (`siaran.dateline.house_text`)."""
    return house_text(body_dateline(html), location, moment, keep_original)


def credit(field: str | None, html: str) -> str:
    """The closing credit line: the `credit` field, else the one the body ends with."""
    if field:
        return field
    found = body_credit(html)
    return found.value if found else ""


def photo_caption(caption: str | None, credit_field: str | None) -> tuple[str, str]:
    """(caption, photo credit) as shown under the photo: a caption ending in
    '(Foto: …)' gives the credit when the field has none, and loses it either
    way, so the credit is printed once."""
    caption, credit_field = caption or "", credit_field or ""
    found = credits.read_photo_credit(caption)
    if found is None:
        return caption, credit_field
    return found[0], credit_field or found[1]


def lede(html: str, dateline_text: str) -> str:
    """The first paragraph, with its one dateline and without a credit line: the
    summary of a release whose editor wrote none (what Pelican derives with
    SUMMARY_MAX_PARAGRAPHS = 1)."""
    first = first_paragraph(html)
    if first is None:
        return ""
    last = last_paragraph(html)
    piece = first.group(0)
    if last is not None and last.start() == first.start():
        piece = without_credit(piece)
    return with_dateline(piece, dateline_text)


def related_by_tags(items: Sequence[tuple[str, frozenset[str], datetime]], limit: int = 4,
                    window: int = 25) -> dict[str, list[str]]:
    """For each (key, tags, date) in newest-first order: the keys sharing most tags.

    Candidates per tag are the `window` nearest releases on each side in time,
    so a popular tag on a 5,000-release site costs O(window), not O(n); ties go
    to the newer release, then the key.
    """
    by_tag: dict[str, list[int]] = {}
    position: dict[tuple[str, int], int] = {}
    for index, (_, tags, _) in enumerate(items):
        for tag in sorted(tags):
            members = by_tag.setdefault(tag, [])
            position[tag, index] = len(members)
            members.append(index)
    related: dict[str, list[str]] = {}
    stamps = [moment.timestamp() for _, _, moment in items]
    for index, (key, tags, _) in enumerate(items):
        shared: Counter[int] = Counter()
        for tag in tags:
            members, at = by_tag[tag], position[tag, index]
            shared.update(other for other in members[max(0, at - window):at + window + 1] if other != index)
        ranked = sorted(shared, key=lambda other: (-shared[other], -stamps[other], items[other][0]))
        related[key] = [items[other][0] for other in ranked[:limit]]
    return related

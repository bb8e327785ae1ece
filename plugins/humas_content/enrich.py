"""Derived release facts, computed once: dates, photo facts, dateline, related.

Pure functions over plain values (no Pelican import) so they are tested alone;
the plugin's __init__ applies them to Pelican's article objects.
"""
from __future__ import annotations

import mimetypes
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Sequence

from markupsafe import Markup
from PIL import Image

from siaran import dates
from siaran.contracts import Photo
from siaran.text import add_dateline


def image_facts(content_root: Path, relative: str, alt: str = "", caption: str = "", credit: str = "") -> Photo:
    file = content_root / relative
    with Image.open(file) as img:
        width, height = img.size
        mime = Image.MIME.get(img.format or "", "") or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    return Photo(relative, width, height, mime, file.stat().st_size, alt, caption, credit)


def dateline(location: str, moment: datetime) -> str:
    """'Jakarta (25/1)' — the wire-style opening of a release."""
    local = dates.to_jakarta(moment)
    return f"{location} ({local.day}/{local.month})"


def plain_text(html: str) -> str:
    """Tags stripped, entities decoded, whitespace collapsed."""
    return Markup(html).striptags()


def lede(html: str, dateline_text: str) -> str:
    """The first paragraph, with its dateline: the summary of a release whose
    editor wrote none (what Pelican derives with SUMMARY_MAX_PARAGRAPHS = 1)."""
    start = html.find("<p>")
    if start < 0:
        return ""
    end = html.find("</p>", start)
    return add_dateline(html[start:] if end < 0 else html[start:end + len("</p>")], dateline_text)


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

"""The social team's files: social/<slug>.json per release and social/index.json.

Pure: plain values in, bytes out, JSON with sorted keys so rebuilds are
byte-identical and a deploy uploads only what changed.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from siaran import dates

from .texts import SocialText


@dataclass(frozen=True)
class ReleaseSnippets:
    id: str
    slug: str
    title: str
    url: str
    """The release on the public site, what every text links."""
    card_url: str
    """Its share card on the public site."""
    date: datetime
    texts: dict[str, SocialText]
    preview_url: str = ""
    """The release in this build (the Meja Sosial links it; the public URL where empty)."""
    preview_card_url: str = ""
    """The share card in this build, shown on the Meja Sosial."""

    @property
    def json_path(self) -> str:
        return f"social/{self.slug}.json"


def _dump(data) -> bytes:
    # No indent: json's C encoder handles only compact output, 5× faster on 1,000 files.
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8") + b"\n"


def release_json(snippets: ReleaseSnippets) -> bytes:
    return _dump({
        "id": snippets.id,
        "title": snippets.title,
        "url": snippets.url,
        "card_url": snippets.card_url,
        "date": dates.iso(snippets.date),
        "texts": {key: _text_json(t, snippets.card_url) for key, t in snippets.texts.items()},
    })


def _text_json(text: SocialText, card_url: str) -> dict:
    """One platform's entry: the text to paste, and what a tool posting it needs besides."""
    entry = {"text": text.text, "length": text.length, "limit": text.limit, "link": text.link,
             "link_as": text.link_as, "overridden": text.overridden}
    if text.link_as == "card":
        entry["card"] = card_url
    if text.bot_text is not None:
        entry["bot_api"] = {"text": text.bot_text, "parse_mode": text.bot_parse_mode}
    return entry


def index_json(site_url: str, releases: list[ReleaseSnippets]) -> bytes:
    ordered = sorted(releases, key=lambda r: (r.date, r.id), reverse=True)
    return _dump({"releases": [{"id": r.id, "title": r.title, "url": r.url, "card_url": r.card_url,
                                "date": dates.iso(r.date), "json": f"{site_url.rstrip('/')}/{r.json_path}"}
                               for r in ordered]})

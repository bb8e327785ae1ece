"""Card cache: a card is rendered again only when the digest of its inputs changes.

The key is a SHA-256 over everything that can change a card's bytes: the
renderer version, every layout field, the text as it will be drawn, and the
*bytes* (not paths or mtimes) of the photo, the logo and both font files.
Cached JPEGs sit beside a sorted manifest.json that maps key -> digest of the
JPEG. The cache is disposable: a corrupt manifest or file is a logged miss.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from siaran.output import write_atomic

from .card import CardInput
from .layout import CardLayout
from .messages import MSG

RENDERER_VERSION = "1"
"""Bump when card.py changes what it draws, so every cached card is redrawn."""
MANIFEST = "manifest.json"

log = logging.getLogger("siaran.social")


class FileDigests:
    """SHA-256 of file bytes, read once per build (the logo and fonts are shared by all cards)."""

    def __init__(self) -> None:
        self._known: dict[str, str] = {}

    def __call__(self, path: Path | None) -> str:
        if path is None:
            return ""
        # Looked up by the path's text: hashing a Path object (asked four times per
        # card) costs more than the look-up it serves.
        name = os.fspath(path)
        known = self._known.get(name)
        if known is None:
            with open(name, "rb") as stream:
                known = self._known[name] = hashlib.sha256(stream.read()).hexdigest()
        return known


def card_key(card: CardInput, layout: CardLayout, digests: FileDigests) -> str:
    """Digest of every input of one card."""
    inputs = {
        "renderer": RENDERER_VERSION,
        "layout": layout.fields(),
        "title": " ".join(card.title.split()),
        "meta": card.meta_line(),
        "photo": digests(card.photo),
        "logo": digests(card.logo),
        "title_font": digests(layout.font_path(layout.title_font)),
        "meta_font": digests(layout.font_path(layout.meta_font)),
    }
    encoded = json.dumps(inputs, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


class CardCache:
    """Cached cards in one directory; create one per build."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.entries = self._load()

    def _load(self) -> dict[str, str]:
        path = self.directory / MANIFEST
        if not path.exists():
            return {}
        try:
            data = json.loads(path.read_text("utf-8"))
            if not isinstance(data, dict) or not all(
                    isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
                raise ValueError("bukan objek key -> sha256")
        except (OSError, ValueError) as error:
            log.warning(MSG["card_cache_corrupt"].format(path=path, error=error))
            return {}
        return data

    def path(self, key: str) -> Path:
        return self.directory / f"{key}.jpg"

    def has(self, key: str) -> bool:
        """Listed in the manifest: cheap, for planning; `get` checks the bytes where used."""
        return key in self.entries

    def get(self, key: str) -> Path | None:
        """The cached card for `key`, or None (a damaged file counts as missing)."""
        expected = self.entries.get(key)
        if expected is None:
            return None
        try:
            actual = hashlib.sha256(self.path(key).read_bytes()).hexdigest()
        except OSError:
            actual = None
        if actual != expected:
            log.warning(MSG["card_cached_damaged"].format(path=self.path(key)))
            del self.entries[key]
            return None
        return self.path(key)

    def put(self, key: str, data: bytes) -> Path:
        write_atomic(self.path(key), data)
        return self.record(key, hashlib.sha256(data).hexdigest())

    def record(self, key: str, digest: str) -> Path:
        """A card a worker wrote to path(key) itself, with the digest of its bytes."""
        self.entries[key] = digest
        return self.path(key)

    def prune(self, keep: set[str]) -> int:
        """Forget and delete cards not in `keep` (those of releases gone or changed)."""
        stale = sorted(set(self.entries) - keep)
        for key in stale:
            self.path(key).unlink(missing_ok=True)
            del self.entries[key]
        return len(stale)

    def save(self) -> None:
        text = json.dumps(self.entries, sort_keys=True, indent=1) + "\n"
        write_atomic(self.directory / MANIFEST, text.encode("utf-8"))

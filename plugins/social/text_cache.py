"""Ready-to-post texts kept between builds, keyed by everything they come from.

A key is the SHA-256 of the release's text inputs (title, URL, summary, tags,
hashtags, overrides) and of the bytes of the modules that compose and count
texts, so editing either makes a miss. The file is disposable: a damaged one
is a logged miss, never a failed build.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import asdict
from pathlib import Path

from .messages import MSG
from .texts import PLATFORMS, ReleaseSocial, SocialText

log = logging.getLogger("siaran.social")
CODE_MODULES = ("texts.py", "counting.py", "hashtags.py", "summary.py", "messages.py")


def code_digest(folder: Path = Path(__file__).parent) -> str:
    from importlib.metadata import version
    digest = hashlib.sha256(version("twitter-text-parser").encode())
    for name in CODE_MODULES:
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()


def text_key(release: ReleaseSocial, code: str) -> str:
    fields = asdict(release)
    fields["overrides"] = dict(sorted(release.overrides.items()))
    payload = json.dumps({"code": code, "release": fields}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class TextCache:
    """key → {platform: SocialText}; one file, rewritten sorted with only the keys in use.

    Each entry stays a JSON string until asked for: a 5,000-release site keeps
    one string per release in memory, not 45,000 parsed dicts.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.entries = self._load()
        self.loaded = dict(self.entries)

    def _load(self) -> dict:
        if not self.path.exists():
            return {}
        try:
            data = json.loads(self.path.read_text("utf-8"))
            if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
                raise ValueError("bukan objek kunci → teks JSON")
            return data
        except (OSError, ValueError) as error:
            log.warning(MSG["text_cache_corrupt"].format(path=self.path, error=error))
            return {}

    def get(self, key: str) -> dict[str, SocialText] | None:
        stored = self.entries.get(key)
        if stored is None:
            return None
        try:
            items = json.loads(stored)
            # Platform-table order, not the file's sorted order: the desk lists them so.
            return {p.key: SocialText(**items[p.key]) for p in PLATFORMS if p.key in items}
        except (TypeError, ValueError):
            log.warning(MSG["text_cache_entry"].format(key=key[:12]))
            return None

    def put(self, key: str, texts: dict[str, SocialText]) -> None:
        self.entries[key] = json.dumps({platform: asdict(text) for platform, text in texts.items()},
                                       sort_keys=True, ensure_ascii=False)

    def save(self, keep: set[str]) -> None:
        kept = {key: value for key, value in self.entries.items() if key in keep}
        if kept == self.loaded and self.path.exists():
            return  # nothing made, nothing dropped: the file already says this
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(kept, sort_keys=True, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.path)

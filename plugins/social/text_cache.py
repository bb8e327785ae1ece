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
from dataclasses import asdict
from pathlib import Path

from siaran.output import write_atomic

from .messages import MSG
from .texts import PLATFORMS, ReleaseSocial, SocialText, texts_for

log = logging.getLogger("siaran.social")
CODE_MODULES = ("texts.py", "counting.py", "hashtags.py", "summary.py", "messages.py")


def code_digest(folder: Path = Path(__file__).parent) -> str:
    from importlib.metadata import version
    digest = hashlib.sha256(version("twitter-text-parser").encode())
    for name in CODE_MODULES:
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()


def text_key(release: ReleaseSocial, code: str) -> str:
    # Its fields are plain strings, tuples of strings and one mapping: a shallow copy
    # serialises exactly as dataclasses.asdict() did, without its deep copy per release.
    fields = dict(vars(release))
    fields["overrides"] = dict(sorted(release.overrides.items()))
    payload = json.dumps({"code": code, "release": fields}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class TextCache:
    """One small JSON file per key in a folder, read only when asked for: a
    5,000-release site never holds every cached text in memory at once."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.known = {path.stem for path in self.folder.glob("*.json")}

    def get(self, key: str) -> dict[str, SocialText] | None:
        if key not in self.known:
            return None
        try:
            items = json.loads((self.folder / f"{key}.json").read_text("utf-8"))
            # Platform-table order, not the file's sorted order: the desk lists them so.
            return {p.key: SocialText(**items[p.key]) for p in PLATFORMS if p.key in items}
        except (OSError, TypeError, ValueError, KeyError) as error:
            log.warning(MSG["text_cache_corrupt"].format(path=self.folder / f"{key}.json", error=error))
            self.known.discard(key)
            return None

    def put(self, key: str, texts: dict[str, SocialText]) -> None:
        write_texts(self.folder, key, texts)
        self.known.add(key)

    def prune(self, keep: set[str]) -> int:
        """Delete the texts of releases that changed or left the site."""
        stale = sorted(self.known - keep)
        for key in stale:
            (self.folder / f"{key}.json").unlink(missing_ok=True)
        self.known -= set(stale)
        return len(stale)


def write_texts(folder: Path, key: str, texts: dict[str, SocialText]) -> None:
    data = json.dumps({platform: asdict(text) for platform, text in texts.items()},
                      sort_keys=True, ensure_ascii=False)
    write_atomic(Path(folder, f"{key}.json"), data.encode("utf-8"))


def make_into_cache(folder: Path, keyed: list[tuple[str, ReleaseSocial]]) -> list[str]:
    """In a pool worker: these releases' texts, written to the cache folder (one file per
    key, atomic); only the keys go back. Returned through the pool, the texts of 10,000
    releases sat in the build process until collected."""
    for (key, _), texts in zip(keyed, texts_for([release for _, release in keyed])):
        write_texts(folder, key, texts)
    return [key for key, _ in keyed]

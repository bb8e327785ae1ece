"""The deploy manifest (`.deploy/manifest.json` under the target): what the previous deploy
uploaded (path -> fingerprint) and where each release lived, read in one request.

It is the only record of what Siaran uploaded, so it is the only source of deletes: an object
it does not name is never deleted.  It is read from the bucket, so it is checked before use
(`unsafe_entry`): a path or URL in it that could leave the prefix refuses the whole deploy."""
from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field

from .keys import path_problem, url_problem
from .messages import DeployError, message

log = logging.getLogger("siaran.deploy")

VERSION = 1


@dataclass(frozen=True)
class ReleaseRecord:
    """A release's current URL and every URL it used to have (each becomes a redirect)."""

    url: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Manifest:
    objects: dict[str, str] = field(default_factory=dict)
    """Site-relative path -> fingerprint (sha256 of body and headers) of every object Siaran
    uploaded and still keeps; `""` (vouches for nothing) for an object a deploy was about to
    create when it wrote its journal (`Manifest.claim`)."""
    releases: dict[str, ReleaseRecord] = field(default_factory=dict)
    """Stable release id -> record."""
    serial: int = 0
    """Deploy number: one more than the previous manifest's whenever a deploy changes something,
    so each changing deploy writes a manifest with its own digest (the CDN hook's reference)."""
    lost: bool = field(default=False, compare=False)
    """True when the bucket had no readable manifest: the planner then cannot tell a redirect
    object from a stray one without asking the object itself."""

    def next(self, objects: dict[str, str], releases: dict[str, "ReleaseRecord"], changed: bool) -> "Manifest":
        """The manifest after a deploy; the serial moves only when the deploy changed something,
        so an unchanged deploy writes nothing."""
        return Manifest(objects, releases, self.serial + 1 if changed else self.serial)

    def claim(self, paths: list[str]) -> "Manifest":
        """The journal written before the first upload: this manifest, plus every path the deploy
        is about to create, with a fingerprint that vouches for nothing.  If the deploy stops
        half-way, the next one still knows these objects are Siaran's (and may delete them);
        their bytes and headers are checked again as if no manifest had seen them."""
        return Manifest(self.objects | {path: "" for path in paths if path not in self.objects},
                        self.releases, self.serial)

    def digest(self) -> str:
        return hashlib.sha256(self.to_bytes()).hexdigest()

    def to_bytes(self) -> bytes:
        data = {
            "version": VERSION,
            "serial": self.serial,
            "objects": self.objects,
            "releases": {rid: {"url": r.url, "aliases": list(r.aliases)} for rid, r in self.releases.items()},
        }
        return json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False).encode() + b"\n"

    @classmethod
    def from_bytes(cls, raw: bytes | None, key: str = ".deploy/manifest.json") -> "Manifest":
        """Parse a stored manifest.  Missing, not JSON or of another version means lost: the
        planner falls back to ETag and per-object metadata, and nothing is deleted (a damaged
        manifest must not stop a deploy, nor make it delete).  A manifest that parses but names
        an unsafe path or URL was written by someone else: DeployError, nothing is touched."""
        if raw is None:
            return cls(lost=True)
        try:
            data = json.loads(raw)
            if data.get("version") != VERSION:
                raise ValueError(f"version {data.get('version')!r}")
            objects, releases, serial = data["objects"], data["releases"], int(data.get("serial", 0))
            if not isinstance(objects, dict) or not isinstance(releases, dict):
                raise TypeError("objects/releases")
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("%s", message("manifest_unreadable", detail=exc))
            return cls(lost=True)
        unsafe = unsafe_entry(objects, releases)
        if unsafe is not None:
            where, value, why = unsafe
            raise DeployError("manifest_unsafe", key=key, where=where, value=value, why=why)
        return cls(dict(objects), {rid: ReleaseRecord(r["url"], tuple(r.get("aliases", ())))
                                   for rid, r in releases.items()}, serial)


_FINGERPRINT = re.compile(r"[0-9a-f]{64}|")


def unsafe_entry(objects: dict, releases: dict) -> tuple[str, object, str] | None:
    """The first entry of a parsed manifest that deploy must not act on, as (where, value, why),
    or None.  Every object path and every release URL and alias must be a safe path under the
    prefix (`keys.py`); fingerprints are SHA-256 hex (or "" from a journal)."""
    for path in sorted(objects, key=str):
        why = path_problem(path)
        if why is not None:
            return "objects", path, why
        if not isinstance(objects[path], str) or not _FINGERPRINT.fullmatch(objects[path]):
            return f"objects[{path}]", objects[path], "bukan sidik SHA-256"
    for rid in sorted(releases, key=str):
        record = releases[rid]
        if not isinstance(record, dict):
            return f"releases[{rid}]", record, "bukan objek"
        why = url_problem(record.get("url"))
        if why is not None:
            return f"releases[{rid}].url", record.get("url"), why
        aliases = record.get("aliases", [])
        if not isinstance(aliases, list):
            return f"releases[{rid}].aliases", aliases, "bukan daftar"
        for n, alias in enumerate(aliases):
            why = url_problem(alias)
            if why is not None:
                return f"releases[{rid}].aliases[{n}]", alias, why
    return None

"""The deploy manifest (`.deploy/manifest.json` under the target): what the previous deploy
uploaded (path -> fingerprint) and where each release lived, read in one request."""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field

from .messages import message

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
    """Site-relative path -> fingerprint (sha256 of body and headers)."""
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
    def from_bytes(cls, raw: bytes | None) -> "Manifest":
        """Parse a stored manifest; missing or unreadable means empty, and the planner falls back
        to ETag and per-object metadata (a corrupt manifest must never stop a deploy)."""
        if raw is None:
            return cls(lost=True)
        try:
            data = json.loads(raw)
            if data.get("version") != VERSION:
                raise ValueError(f"version {data.get('version')!r}")
            return cls(
                dict(data["objects"]),
                {rid: ReleaseRecord(r["url"], tuple(r.get("aliases", ()))) for rid, r in data["releases"].items()},
                int(data.get("serial", 0)),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("%s", message("manifest_unreadable", detail=exc))
            return cls(lost=True)

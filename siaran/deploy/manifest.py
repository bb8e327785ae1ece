"""The deploy manifest (`.deploy/manifest.json` under the target): what the previous deploy
uploaded (path -> fingerprint) and where each release lived, read in one request."""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field

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

    def to_bytes(self) -> bytes:
        data = {
            "version": VERSION,
            "objects": self.objects,
            "releases": {rid: {"url": r.url, "aliases": list(r.aliases)} for rid, r in self.releases.items()},
        }
        return json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False).encode() + b"\n"

    @classmethod
    def from_bytes(cls, raw: bytes | None) -> "Manifest":
        """Parse a stored manifest; missing or unreadable means empty, and the planner falls back
        to ETag and per-object metadata (a corrupt manifest must never stop a deploy)."""
        if raw is None:
            return cls()
        try:
            data = json.loads(raw)
            if data.get("version") != VERSION:
                raise ValueError(f"version {data.get('version')!r}")
            return cls(
                dict(data["objects"]),
                {rid: ReleaseRecord(r["url"], tuple(r.get("aliases", ()))) for rid, r in data["releases"].items()},
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("manifest deploy tidak terbaca, diabaikan: %s", exc)
            return cls()

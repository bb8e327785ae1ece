"""The build marker: what a build was made for, written by every build and read by deploy.

`output/_siaran/build.json` records the settings file's name, SITEURL, how many drafts were
written and a digest of the settings that shape the output.  Deploy reads it to refuse a build
that was not made for publishing (a development build for 127.0.0.1, drafts written) or was
made for another site than the target, before it talks to the bucket.

It lives inside `output/` so that it is swapped in with the very tree it describes (a file
beside the folder could outlive a failed swap or describe a copy of another build); `_siaran/`
is build data that deploy never uploads (`siaran.deploy.local.list_paths`).

Plain Python, no Pelican import: the build writes it, deploy reads it, and tests make one.
"""
from __future__ import annotations

import hashlib
import ipaddress
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from siaran.contracts import SERVICES_KEY
from siaran.schedule import NOW, PREVIEW

MARKER_PATH = "_siaran/build.json"
"""Site-relative path of the marker; `_siaran/` is never uploaded."""
VERSION = 1

HOW_NOT_WHAT = frozenset({
    "OUTPUT_PATH", "DELETE_OUTPUT_DIRECTORY", SERVICES_KEY,                           # where it writes
    "CACHE_PATH", "CACHE_CONTENT", "LOAD_CONTENT_CACHE", "GZIP_CACHE", "CONTENT_CACHING_LAYER",
    "CHECK_MODIFIED_METHOD", "SOCIAL_CACHE_PATH", "SOCIAL_TEXT_CACHE",                # its caches
    "LOG_FILTER", "PORT", "BIND",                                                    # its log, `serve`
    NOW, PREVIEW,   # this run's moment and preview flag, not the site's settings (a preview writes drafts,
})                  # which the marker counts)
"""Settings that say how and where this machine builds, not what it builds (as do `*_WORKERS`):
left out of the digest, since the same site built with 1 or 2 workers is the same site."""
DEPLOY_ONLY_PREFIX = "DEPLOY_"
"""Settings read only by deploy (CDN distribution, limits): changing them needs no rebuild."""


@dataclass(frozen=True)
class BuildMarker:
    settings_file: str
    """Name of the settings file the build used, e.g. `publishconf.py` (no folder)."""
    siteurl: str
    """SITEURL the pages were rendered for (absolute links, feeds, sitemaps, share cards)."""
    drafts: int
    """Draft releases and pages written into the output."""
    settings_digest: str
    """SHA-256 of the output-shaping settings (`settings_digest()`)."""
    version: int = VERSION

    def to_bytes(self) -> bytes:
        return json.dumps(asdict(self), sort_keys=True, indent=1, ensure_ascii=False).encode() + b"\n"

    @classmethod
    def from_bytes(cls, raw: bytes) -> "BuildMarker":
        """Raises ValueError for anything that is not a marker of this version."""
        data = json.loads(raw)
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise ValueError(f"version {data.get('version') if isinstance(data, dict) else None!r}")
        return cls(str(data["settings_file"]), str(data["siteurl"]), int(data["drafts"]),
                   str(data["settings_digest"]))


def _portable(value, root: str):
    """`value` with absolute paths under the project made relative (the same project checked out
    elsewhere has the same digest) and anything that is not plain data named by its type (a
    repr may hold a memory address, which would change the digest from run to run)."""
    if isinstance(value, str):
        if root and (value == root or value.startswith(root + os.sep)):
            return os.path.relpath(value, root)
        return value
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): _portable(v, root) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_portable(v, root) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((_portable(v, root) for v in value), key=repr)
    kind = type(value)
    label = f"{kind.__module__}.{kind.__qualname__}"
    name = getattr(value, "__qualname__", None)
    return f"<{label} {name}>" if name else f"<{label}>"


def _markdown_as_read(markdown: dict) -> dict:
    """MARKDOWN as Pelican's Markdown reader completes it, in place, when it starts: every key of
    `extension_configs` and the meta extension added to `extensions`.  A settings file that
    imports another (publishconf.py does) shares that dict through `sys.modules`, so a second
    build in one process reads it completed; the digest must not depend on which build it is."""
    configs = markdown.get("extension_configs") or {}
    extensions = {*(markdown.get("extensions") or ()), *configs, "markdown.extensions.meta"}
    return {**markdown, "extensions": sorted(extensions)}


def settings_digest(settings: dict, project: Path) -> str:
    """SHA-256 of every setting that shapes the output, comparable between the build and deploy
    (both read the same settings file with Pelican's `read_settings`)."""
    root = os.path.abspath(project)
    shaping = {key: _portable(value, root) for key, value in settings.items()
               if key not in HOW_NOT_WHAT and not key.endswith("_WORKERS") and not key.startswith(DEPLOY_ONLY_PREFIX)}
    if isinstance(settings.get("MARKDOWN"), dict):
        shaping["MARKDOWN"] = _portable(_markdown_as_read(settings["MARKDOWN"]), root)
    text = json.dumps(shaping, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def marker_for(settings: dict, settings_file: Path, drafts: int) -> BuildMarker:
    return BuildMarker(Path(settings_file).name, str(settings.get("SITEURL") or ""), drafts,
                       settings_digest(settings, Path(settings_file).resolve().parent))


def read_marker(output: Path) -> BuildMarker | None:
    """The marker of a built folder; None when it has none. Raises ValueError when unreadable."""
    path = output / MARKER_PATH
    if not path.is_file():
        return None
    try:
        return BuildMarker.from_bytes(path.read_bytes())
    except (KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise ValueError(str(exc)) from None


def is_local_url(siteurl: str) -> bool:
    """True for a SITEURL no reader can reach: empty or relative, not http(s), localhost,
    a loopback, unspecified or link-local address (what `invoke serve` and pelicanconf use)."""
    parts = urlsplit(siteurl.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return True
    host = parts.hostname.rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified or address.is_link_local

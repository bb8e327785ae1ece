"""The planner: PURE.  Local files + remote listing + previous manifest -> Plan.  Every action
carries a Reason, and `str(action)` is the dry-run line.  Checks go cheap to expensive: presence,
size, ETag (MD5 of the body), then the fingerprint of body+headers from the manifest or, when the
manifest is missing or stale, from the object's own metadata."""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from .local import LocalFile
from .manifest import Manifest, ReleaseRecord


class Reason(enum.Enum):
    NEW = "new"          # not in the bucket
    SIZE = "size"        # different size
    HASH = "hash"        # same size, different bytes (ETag)
    HEADERS = "headers"  # same bytes, headers changed (or could not be confirmed)
    FORCE = "force"      # --force
    REDIRECT = "redirect"  # a redirect object, new or changed
    DELETE = "delete"    # in the bucket, no longer in the site


class Group(enum.IntEnum):
    """Upload order: nothing is published before what it points at."""

    ASSETS = 0    # css/js, images, documents, social cards
    RELEASES = 1  # berita/**.html
    PAGES = 2     # listings, home, other pages, redirects
    FEEDS = 3     # feeds, sitemaps, robots.txt


_FEEDS = re.compile(r"(^|/)(rss\.xml|atom\.xml|feed\.json|[^/]*sitemap[^/]*\.xml|robots\.txt)$")


def group_of(path: str) -> Group:
    if _FEEDS.search(path):
        return Group.FEEDS
    if path.endswith(".html"):
        return Group.RELEASES if path.startswith("berita/") else Group.PAGES
    return Group.ASSETS


@dataclass(frozen=True)
class RemoteObject:
    """What the listing says about an object, plus its stored fingerprint if we fetched it."""

    size: int
    etag: str
    meta_hash: str | None = None


@dataclass(frozen=True)
class Upload:
    file: LocalFile
    reason: Reason

    @property
    def group(self) -> Group:
        # Redirects point at pages, so they go with (after) the release pages.
        return Group.PAGES if self.reason is Reason.REDIRECT else group_of(self.file.path)

    def __str__(self) -> str:
        extra = f" -> {self.file.headers.redirect}" if self.file.headers.redirect else ""
        return f"{self.reason.value:<8} {self.file.path}{extra}"


@dataclass(frozen=True)
class Delete:
    path: str
    reason: Reason = Reason.DELETE

    def __str__(self) -> str:
        return f"{self.reason.value:<8} {self.path}"


@dataclass(frozen=True)
class Plan:
    uploads: tuple[Upload, ...]
    """In apply order: by group, then path."""
    deletes: tuple[Delete, ...]
    unchanged: int
    manifest: Manifest
    """The manifest describing the bucket once this plan is applied."""

    def groups(self) -> list[list[Upload]]:
        out: dict[Group, list[Upload]] = {}
        for upload in self.uploads:
            out.setdefault(upload.group, []).append(upload)
        return [out[group] for group in sorted(out)]

    def __str__(self) -> str:
        return "\n".join(str(action) for action in (*self.uploads, *self.deletes))


def _plain_md5(etag: str) -> str | None:
    """ETag as MD5 hex, or None for multipart/encrypted ETags that are not a body MD5."""
    etag = etag.strip('"').lower()
    return etag if re.fullmatch(r"[0-9a-f]{32}", etag) else None


def needs_metadata(file: LocalFile, remote: RemoteObject | None, previous: Manifest) -> bool:
    """True when only the object's stored fingerprint can tell whether its headers changed: the
    bytes match but the manifest has no entry, or a different one (interrupted or foreign deploy)."""
    if remote is None or remote.size != file.size or _plain_md5(remote.etag) != file.md5:
        return False
    return previous.objects.get(file.path) != file.hash


def upload_reason(file: LocalFile, remote: RemoteObject | None, previous: Manifest, force: bool) -> Reason | None:
    """Why `file` must be uploaded, or None if the bucket already holds it with these headers."""
    if force:
        reason = Reason.FORCE
    elif remote is None:
        reason = Reason.NEW
    elif remote.size != file.size:
        reason = Reason.SIZE
    elif _plain_md5(remote.etag) != file.md5:
        reason = Reason.HASH
    elif (remote.meta_hash or previous.objects.get(file.path)) != file.hash:
        reason = Reason.HEADERS
    else:
        return None
    return Reason.REDIRECT if file.headers.redirect and reason is not Reason.FORCE else reason


def make_plan(
    files: list[LocalFile],
    remote: dict[str, RemoteObject],
    previous: Manifest,
    releases: dict[str, ReleaseRecord],
    *,
    force: bool = False,
    manifest_path: str = ".deploy/manifest.json",
) -> Plan:
    """Compare and order; never touches the network or the disk."""
    uploads, unchanged = [], 0
    for file in files:
        reason = upload_reason(file, remote.get(file.path), previous, force)
        if reason is None:
            unchanged += 1
        else:
            uploads.append(Upload(file, reason))
    uploads.sort(key=lambda u: (u.group, u.file.path))
    wanted = {file.path for file in files}
    internal = manifest_path.rsplit("/", 1)[0] + "/"
    deletes = tuple(
        Delete(path) for path in sorted(remote) if path not in wanted and not path.startswith(internal)
    )
    manifest = Manifest({file.path: file.hash for file in files}, releases)
    return Plan(tuple(uploads), deletes, unchanged, manifest)

"""The planner: PURE.  Local files + remote listing + previous manifest -> Plan.  Every action
carries a Reason, and `str(action)` is the dry-run line.  Checks go cheap to expensive: presence,
size, ETag (MD5 of the body), then the fingerprint of body+headers from the manifest or, when the
manifest has no entry for the object, from the object's own metadata.

Only what the previous manifest says Siaran uploaded is ever deleted: another site under a
sibling prefix, `.well-known/`, a search console's verification file and any other object
nobody told us about are left alone (counted as `kept`).  No manifest, no deletes."""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

from siaran.contracts import FEED_FILES
from siaran.search import BUNDLE, FINGERPRINTED, SHARDS_FILE

from .local import LocalFile
from .manifest import Manifest, ReleaseRecord


class Reason(enum.Enum):
    NEW = "new"          # not in the bucket
    SIZE = "size"        # different size
    HASH = "hash"        # same size, different bytes (ETag)
    HEADERS = "headers"  # same bytes, headers changed (or could not be confirmed)
    REUPLOAD = "reupload"  # --reupload
    REDIRECT = "redirect"  # a redirect object, new or changed
    DELETE = "delete"    # uploaded by an earlier deploy (manifest), no longer in the site


class Group(enum.IntEnum):
    """Upload order: nothing is published before what it points at."""

    ASSETS = 0    # css/js, images, documents, social cards
    DETAILS = 1   # detail pages: releases (from _siaran/releases.json), PPID register items
    PAGES = 2     # listings, home, other pages, redirects
    FEEDS = 3     # feeds, sitemaps, robots.txt; the search shards' entry files and code
    SEARCH = 4    # the list of search shards, which names the shards' entry files


_FEEDS = re.compile(r"(^|/)(" + "|".join(re.escape(name) for name in FEED_FILES)
                    + r"|[^/]*sitemap[^/]*\.xml|robots\.txt)$")


@dataclass(frozen=True)
class Layout:
    """Which HTML objects are detail pages, from data rather than folder names: the release pages
    the build lists in `_siaran/releases.json`, plus paths matching `detail_patterns`
    (`DeployConfig.detail_patterns`; by default PPID register items)."""

    detail_paths: frozenset[str] = frozenset()
    detail_patterns: tuple[str, ...] = ()
    _compiled: tuple[re.Pattern, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_compiled", tuple(re.compile(p) for p in self.detail_patterns))

    def group_of(self, file: LocalFile) -> Group:
        path = file.path
        if file.headers.redirect:
            return Group.PAGES  # a redirect points at a page: after the detail pages
        if _FEEDS.search(path):
            return Group.FEEDS
        if path == SHARDS_FILE:
            return Group.SEARCH
        if path.startswith(f"{BUNDLE}/"):
            # The index files (hash-named) go first, with the assets; each shard's entry file
            # that names them, and the code that reads it, after the pages; the list of shards
            # that names the entry files last: a search never meets a shard, an index file or
            # a result page that is not there yet.
            return Group.ASSETS if FINGERPRINTED.search(path) else Group.FEEDS
        if path.endswith(".html"):
            detail = path in self.detail_paths or any(p.search(path) for p in self._compiled)
            return Group.DETAILS if detail else Group.PAGES
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
    group: Group | None = None
    """Set by the planner from its Layout; when omitted, classified without detail data."""

    def __post_init__(self):
        if self.group is None:
            object.__setattr__(self, "group", Layout().group_of(self.file))

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
    claim: Manifest | None = None
    """Written before the first upload when the plan creates objects the previous manifest does
    not name (`Manifest.claim`), so an interrupted deploy leaves no object nobody owns."""
    kept: int = 0
    """Remote objects neither in the site nor in the previous manifest: not ours, left alone."""

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
    bytes match and the manifest has no fingerprint for it (lost manifest, foreign deploy, an
    object claimed by an interrupted deploy).  An entry that differs is trusted: the object is
    uploaded (`headers`) without asking it first."""
    if remote is None or remote.size != file.size or _plain_md5(remote.etag) != file.md5:
        return False
    return not previous.objects.get(file.path)


def upload_reason(file: LocalFile, remote: RemoteObject | None, previous: Manifest, reupload: bool) -> Reason | None:
    """Why `file` must be uploaded, or None if the bucket already holds it with these headers."""
    if reupload:
        reason = Reason.REUPLOAD
    elif remote is None:
        reason = Reason.NEW
    elif remote.size != file.size:
        reason = Reason.SIZE
    elif _plain_md5(remote.etag) != file.md5:
        reason = Reason.HASH
    elif (previous.objects.get(file.path) or remote.meta_hash) != file.hash:
        reason = Reason.HEADERS
    else:
        return None
    return Reason.REDIRECT if file.headers.redirect and reason is not Reason.REUPLOAD else reason


def is_internal(path: str, manifest_path: str) -> bool:
    """The manifest and anything beside it in its own folder (`.deploy/`) belong to deploy, never
    to the site: they are never deleted.  A manifest at the top level protects only itself."""
    folder = manifest_path.rpartition("/")[0]
    return path == manifest_path or bool(folder) and path.startswith(folder + "/")


def make_plan(
    files: list[LocalFile],
    remote: dict[str, RemoteObject],
    previous: Manifest,
    releases: dict[str, ReleaseRecord],
    *,
    reupload: bool = False,
    manifest_path: str = ".deploy/manifest.json",
    layout: Layout = Layout(),
) -> Plan:
    """Compare and order; never touches the network or the disk.  Deletes come only from the
    previous manifest's objects that the bucket still has and the site no longer has."""
    uploads, unchanged = [], 0
    for file in files:
        reason = upload_reason(file, remote.get(file.path), previous, reupload)
        if reason is None:
            unchanged += 1
        else:
            uploads.append(Upload(file, reason, layout.group_of(file)))
    uploads.sort(key=lambda u: (u.group, u.file.path))
    wanted = {file.path for file in files}
    gone = [path for path in sorted(remote) if path not in wanted and not is_internal(path, manifest_path)]
    deletes = tuple(Delete(path) for path in gone if path in previous.objects)
    created = [u.file.path for u in uploads if u.file.path not in previous.objects]
    changed = bool(uploads or deletes)
    manifest = previous.next({file.path: file.hash for file in files}, releases, changed)
    return Plan(tuple(uploads), deletes, unchanged, manifest, claim=previous.claim(created) if created else None,
                kept=len(gone) - len(deletes))

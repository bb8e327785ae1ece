"""Walk the local output tree: for every file, the bytes we would upload (gzip-compressed for text,
deterministically) and its headers, fingerprinted together so a header change is a change."""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from siaran.marker import MARKER_PATH

from .config import DeployConfig
from .headers import Headers, headers_for
from .keys import url_problem
from .messages import DeployError

GZIP_LEVEL = 9


@dataclass(frozen=True)
class LocalFile:
    """One object as it will be stored: site-relative path, headers, fingerprints of the final
    body.  The body itself is rebuilt only when uploading (from `source`), unless given inline."""

    path: str
    headers: Headers
    size: int
    md5: str
    """MD5 of the body: what S3 reports as ETag for a single-part upload (cheap remote check)."""
    hash: str
    """SHA-256 of body and headers: what the manifest stores."""
    source: Path | None = field(default=None, repr=False)
    inline: bytes | None = field(default=None, repr=False)

    @property
    def body(self) -> bytes:
        if self.inline is not None:
            return self.inline
        body = encode(self.source.read_bytes(), self.headers)
        if hashlib.md5(body).hexdigest() != self.md5:
            # the build rewrote the file while we deployed: uploading it would make the manifest lie
            raise DeployError("changed_during_deploy", path=self.path)
        return body


@dataclass(frozen=True)
class Release:
    """An entry of `_siaran/releases.json` written by the build."""

    id: str
    url: str
    redirect_from: tuple[str, ...] = ()


class DigestCache:
    """raw-bytes digest + headers -> (size, md5, fingerprint) of the stored body, in one JSON file.
    Disposable: missing or corrupt is an empty cache; a zlib upgrade empties it (gzip bytes may
    differ); only entries used by the last walk are kept, so it never grows without bound."""

    def __init__(self, path: Path | None):
        self.path, self.used, self.dirty = path, {}, False
        self.known: dict = {}
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("zlib") == zlib.ZLIB_RUNTIME_VERSION and data.get("level") == GZIP_LEVEL:
                    self.known = {k: tuple(v) for k, v in data["entries"].items()}
            except (ValueError, KeyError, TypeError, AttributeError, OSError):
                self.known = {}

    def get(self, key: str) -> tuple[int, str, str] | None:
        value = self.known.get(key)
        if value is not None:
            self.used[key] = value
        return value

    def put(self, key: str, value: tuple[int, str, str]) -> tuple[int, str, str]:
        # Called from the walk's pool: single dict stores are atomic under the GIL, and a lost
        # `dirty` race only costs rewriting the cache next time.
        self.used[key], self.dirty = value, True
        return value

    def save(self) -> None:
        if self.path is None or (not self.dirty and len(self.used) == len(self.known)):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"zlib": zlib.ZLIB_RUNTIME_VERSION, "level": GZIP_LEVEL, "entries": self.used}
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
        tmp.replace(self.path)  # atomic: a crash never leaves half a cache


def fingerprint(body: bytes, headers: Headers) -> str:
    digest = hashlib.sha256(body)
    digest.update(b"\0" + headers.canonical().encode())
    return digest.hexdigest()


def gzip_bytes(data: bytes) -> bytes:
    """gzip with mtime=0 and no file name, so the same input always gives the same bytes."""
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def encode(raw: bytes, headers: Headers) -> bytes:
    return gzip_bytes(raw) if headers.content_encoding == "gzip" else raw


def make_file(path: str, raw: bytes, headers: Headers) -> LocalFile:
    """A LocalFile whose body is kept in memory (redirect pages, tests)."""
    body = encode(raw, headers)
    return LocalFile(path, headers, len(body), hashlib.md5(body).hexdigest(), fingerprint(body, headers), inline=body)


def list_paths(output: Path, config: DeployConfig) -> list[str]:
    """Site-relative POSIX paths of every file under `output`, sorted, minus excluded prefixes
    and the build marker."""
    if not output.is_dir():
        raise DeployError("no_output", path=output)
    paths = []
    for folder, dirs, files in os.walk(output):
        dirs.sort()
        rel = Path(folder).relative_to(output).as_posix()
        for name in files:
            path = name if rel == "." else f"{rel}/{name}"
            if path != MARKER_PATH and not any(path.startswith(prefix) for prefix in config.exclude):
                paths.append(path)
    return sorted(paths)


def walk_local(
    output: Path, config: DeployConfig, cache: DigestCache | None = None, save: bool = True
) -> list[LocalFile]:
    """Every file to publish, sorted by path, fingerprinted.  Compression is the expensive part,
    so `cache` remembers the fingerprints of compressed bodies by the digest of the raw bytes:
    a rebuild with unchanged content compresses nothing.  The pool helps because zlib and
    hashlib release the GIL.  `save=False` (dry run) reads the cache without writing it."""
    cache = cache or DigestCache(None)

    def load(path: str) -> LocalFile:
        source, headers = output / path, headers_for(path, config)
        raw = source.read_bytes()
        key = hashlib.sha256(raw).hexdigest() + "|" + headers.canonical()
        known = cache.get(key)
        if known is None:
            body = encode(raw, headers)
            known = cache.put(key, (len(body), hashlib.md5(body).hexdigest(), fingerprint(body, headers)))
        return LocalFile(path, headers, *known, source=source)

    paths = list_paths(output, config)
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        files = list(pool.map(load, paths))
    if save:
        cache.save()
    return files


def read_releases(output: Path) -> list[Release]:
    """The build's release map; a site without it simply has no URL-change redirects.  Its URLs
    become object keys (redirects), so each must be a safe path, as the manifest's must."""
    source = output / "_siaran" / "releases.json"
    if not source.is_file():
        return []
    releases = [
        Release(item["id"], item["url"], tuple(item.get("redirect_from", ())))
        for item in json.loads(source.read_text(encoding="utf-8"))
    ]
    for release in releases:
        for url in (release.url.lstrip("/"), *(alias.lstrip("/") for alias in release.redirect_from)):
            why = url_problem(url)
            if why is not None:
                raise DeployError("releases_unsafe", id=release.id, value=url, why=why)
    return releases

"""Deploy settings: one typed schema, defaults in one place (the CLI flag defaults read them)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from siaran.contracts import FEED_FILES
from siaran.marker import BuildMarker

from .messages import DeployError

SHORT_CACHE = "public, max-age=300"
"""HTML, feeds and sitemaps change at every publication: caches may keep them 5 minutes."""
LONG_CACHE = "public, max-age=31536000, immutable"
"""Fingerprinted assets never change under the same name."""
DEFAULT_CACHE = "public, max-age=3600"
"""Everything else (images, documents): an hour, since their names are not fingerprinted."""

DEFAULT_CONTENT_TYPES: tuple[tuple[str, str], ...] = (
    # (glob on the file name, Content-Type); first match wins, so special names come first.
    *((name, f"{mime}; charset=utf-8") for name, mime in FEED_FILES.items()),
    ("*sitemap*.xml", "application/xml; charset=utf-8"),
    ("*.html", "text/html; charset=utf-8"),
    ("*.css", "text/css; charset=utf-8"),
    ("*.js", "text/javascript; charset=utf-8"),
    ("*.mjs", "text/javascript; charset=utf-8"),
    ("*.json", "application/json; charset=utf-8"),
    ("*.yml", "text/yaml; charset=utf-8"),          # admin/config.yml (the CMS)
    ("*.webmanifest", "application/manifest+json; charset=utf-8"),
    ("*.xml", "application/xml; charset=utf-8"),
    ("*.txt", "text/plain; charset=utf-8"),
    ("*.svg", "image/svg+xml; charset=utf-8"),
    ("*.webp", "image/webp"),
    ("*.avif", "image/avif"),
    ("*.jpg", "image/jpeg"),
    ("*.jpeg", "image/jpeg"),
    ("*.png", "image/png"),
    ("*.gif", "image/gif"),
    ("*.ico", "image/vnd.microsoft.icon"),
    ("*.pdf", "application/pdf"),
    ("*.woff2", "font/woff2"),
    ("*.woff", "font/woff"),
)

DEFAULT_CACHE_RULES: tuple[tuple[str, str], ...] = (
    # (regex searched in the site-relative path, Cache-Control); first match wins.
    (r"\.[0-9a-f]{8,}\.[a-z0-9]+$", LONG_CACHE),  # name.3f2a9c1b.css: fingerprinted
    (r"(\.html|\.xml|\.txt|(^|/)feed\.json)$", SHORT_CACHE),
    # The CMS's form and Siaran's additions to it follow the schema of this very build.
    (r"(^|/)admin/(config\.yml|siaran-cms\.js)$", SHORT_CACHE),
)

DEFAULT_GZIP_TYPES: tuple[str, ...] = (
    # Pre-compress these with gzip (never brotli-only: Facebook's crawler reads gzip/deflate only).
    "text/*",
    "application/xml", "application/rss+xml", "application/atom+xml",
    "application/json", "application/feed+json", "application/manifest+json",
    "image/svg+xml",
)


DEFAULT_AS_BUILT: tuple[str, ...] = (
    # The register's attachments (plugins/ppid: attachments must live under content/dokumen/);
    # dip.json and dip.csv publish each one's SHA-256.
    r"^dokumen/",
)


@dataclass(frozen=True)
class DeployConfig:
    """Everything a deploy can be told, with the defaults the CLI uses."""

    content_types: tuple[tuple[str, str], ...] = DEFAULT_CONTENT_TYPES
    """(file-name glob, Content-Type) pairs, first match wins; unknown names fall back to
    `mimetypes`, then application/octet-stream."""
    cache_rules: tuple[tuple[str, str], ...] = DEFAULT_CACHE_RULES
    """(path regex, Cache-Control) pairs, first match wins."""
    default_cache: str = DEFAULT_CACHE
    """Cache-Control when no cache rule matches."""
    gzip_types: tuple[str, ...] = DEFAULT_GZIP_TYPES
    """Content-Types (bare, `text/*` allowed) stored gzip-compressed with Content-Encoding."""
    as_built: tuple[str, ...] = DEFAULT_AS_BUILT
    """Regexes on site paths stored byte for byte as built, whatever their type: downloads whose
    published SHA-256 must match what a plain `curl -O` saves (object storage sends a stored
    gzip body to every client, asked for or not)."""
    max_deletes: int = 256
    """Refuse the deploy when it would delete more objects than this (`--max-deletes`)."""
    workers: int = 8
    """Parallel uploads/deletes; the work is network-bound, so more than the core count."""
    retries: int = 5
    """Attempts per request on 5xx, throttling and connection errors (exponential backoff)."""
    backoff: float = 0.2
    """First backoff delay in seconds, doubled after each failed attempt."""
    exclude: tuple[str, ...] = ("_siaran/",)
    """Site-relative prefixes that are never uploaded (build metadata such as releases.json; the
    build marker `_siaran/build.json` is never uploaded whatever this says)."""
    manifest_key: str = ".deploy/manifest.json"
    """Manifest location under the target prefix: a relative key such as `.deploy/manifest.json`
    or `manifest.json`.  The manifest itself, and its folder if it has one, are never deleted."""
    detail_patterns: tuple[str, ...] = (r"^informasi-publik/\d{4}/[^/]+/index\.html$",)
    """Regexes on site paths of detail pages that are not releases (releases come from
    `_siaran/releases.json`): uploaded before the listings that link to them.  Default: PPID
    register items, `informasi-publik/<year>/<slug>/`."""
    expected_build: BuildMarker | None = None
    """The build marker a build made with the target's settings file carries (the tasks make it
    from `--settings`, publishconf.py for `publish`): a build for another SITEURL or with other
    settings is refused.  None: only development builds are refused (`accept.py`)."""
    hooks: tuple = ()
    """After-deploy hooks (`hooks.py`: WebSub ping, CloudFront invalidation) given the changed
    paths; built from Pelican settings by the tasks."""

    def __post_init__(self):
        key = self.manifest_key
        parts = key.split("/")
        if not key or key != key.strip() or any(part in ("", ".", "..") for part in parts) or "\\" in key:
            raise DeployError("bad_manifest_key", key=key)
        for pattern in (*self.detail_patterns, *self.as_built):
            re.compile(pattern)

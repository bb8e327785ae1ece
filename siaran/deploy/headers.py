"""Headers by rule: Content-Type (with charset for text), Cache-Control, Content-Encoding.

These are the only response headers object storage serves from what we store (S3 returns the
Content-*, Cache-Control and Expires system metadata and `x-amz-meta-*`, never an arbitrary
header such as X-Content-Type-Options); security headers belong to the CDN (`cdn.py`)."""
from __future__ import annotations

import fnmatch
import mimetypes
import re
from dataclasses import dataclass
from functools import lru_cache

from .config import DeployConfig


@dataclass(frozen=True)
class Headers:
    """The HTTP headers stored with one object; all of them take part in its hash."""

    content_type: str
    cache_control: str
    content_encoding: str = ""
    redirect: str = ""
    """x-amz-website-redirect-location, for redirect objects only."""

    def canonical(self) -> str:
        """A stable text form for hashing (field order fixed, one per line)."""
        return "\n".join((self.content_type, self.cache_control, self.content_encoding, self.redirect))


@lru_cache(maxsize=64)
def _compiled(rules: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(pattern), value) for pattern, value in rules)


def content_type(path: str, config: DeployConfig) -> str:
    name = path.rsplit("/", 1)[-1].lower()
    for pattern, value in config.content_types:
        if fnmatch.fnmatchcase(name, pattern):
            return value
    guessed, _ = mimetypes.guess_type(name)
    if guessed and guessed.startswith("text/"):
        return f"{guessed}; charset=utf-8"
    return guessed or "application/octet-stream"


def cache_control(path: str, config: DeployConfig) -> str:
    for pattern, value in _compiled(config.cache_rules):
        if pattern.search(path):
            return value
    return config.default_cache


def wants_gzip(ctype: str, config: DeployConfig) -> bool:
    bare = ctype.split(";", 1)[0].strip()
    return any(fnmatch.fnmatchcase(bare, pattern) for pattern in config.gzip_types)


@lru_cache(maxsize=16)
def _patterns(patterns: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(pattern) for pattern in patterns)


def as_built(path: str, config: DeployConfig) -> bool:
    """True for a download stored exactly as built (`DeployConfig.as_built`): never compressed."""
    return any(pattern.search(path) for pattern in _patterns(config.as_built))


def headers_for(path: str, config: DeployConfig) -> Headers:
    """Headers for a site-relative path under `config`'s rules."""
    ctype = content_type(path, config)
    gzip = wants_gzip(ctype, config) and not as_built(path, config)
    return Headers(ctype, cache_control(path, config), "gzip" if gzip else "")

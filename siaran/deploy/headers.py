"""Headers by rule: Content-Type (with charset for text), Cache-Control, Content-Encoding."""
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


def headers_for(path: str, config: DeployConfig) -> Headers:
    """Headers for a site-relative path under `config`'s rules."""
    ctype = content_type(path, config)
    return Headers(ctype, cache_control(path, config), "gzip" if wants_gzip(ctype, config) else "")

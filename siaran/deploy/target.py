"""Parse the deploy target URL `s3://BUCKET[/PREFIX]` (endpoint and credentials never live here:
they come from the standard AWS environment/credential chain)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .messages import DeployError

# S3 bucket naming rules (3-63 chars, lowercase, digits, dot, hyphen); checking here gives a
# clear message before any network call.
_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")


@dataclass(frozen=True)
class Target:
    """Where the site goes: a bucket and an optional key prefix (no leading/trailing slash)."""

    bucket: str
    prefix: str = ""

    def key(self, relative: str) -> str:
        """The bucket key for a site-relative path."""
        return f"{self.prefix}/{relative}" if self.prefix else relative

    def relative(self, key: str) -> str:
        """Inverse of `key()`."""
        return key[len(self.prefix) + 1:] if self.prefix else key

    @property
    def list_prefix(self) -> str:
        return f"{self.prefix}/" if self.prefix else ""

    def __str__(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}" if self.prefix else f"s3://{self.bucket}"


def parse_target(url: str) -> Target:
    """`s3://bucket` or `s3://bucket/some/prefix/` -> Target; anything else is a DeployError."""
    match = re.fullmatch(r"s3://([^/]+)(?:/(.*))?", url.strip())
    if not match or not _BUCKET.match(match.group(1)):
        raise DeployError("bad_target", target=url)
    prefix = (match.group(2) or "").strip("/")
    if any(part in ("", ".", "..") for part in prefix.split("/")) and prefix:
        raise DeployError("bad_target", target=url)
    return Target(match.group(1), prefix)

"""After-deploy hooks (optional, configured): tell the world about what changed, and only that.
A hook gets the site paths uploaded or deleted by the deploy and returns one line for the log.
A failing hook is a warning, never a failed deploy: the bucket is already correct."""
from __future__ import annotations

import hashlib
import logging
import re
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Callable, Protocol

log = logging.getLogger("siaran.deploy")

FEEDS = re.compile(r"(^|/)(rss\.xml|atom\.xml|feed\.json)$")


class AfterDeploy(Protocol):
    name: str

    def run(self, changed: list[str]) -> str: ...


def public_paths(changed: list[str], prefix: str = "") -> list[str]:
    """URL paths a CDN caches for these objects: `a/index.html` is also served as `a/`."""
    base = f"/{prefix}/" if prefix else "/"
    paths = set()
    for path in changed:
        paths.add(base + path)
        if path == "index.html" or path.endswith("/index.html"):
            paths.add(base + path[: -len("index.html")])
    return sorted(paths)


@dataclass(frozen=True)
class WebSubPing:
    """Ping the hub (`hub.mode=publish`) for every changed feed, so subscribers fetch it now."""

    hub: str
    site_url: str
    post: Callable[[str, bytes], int] | None = None
    name: str = "websub"

    def run(self, changed: list[str]) -> str:
        feeds = [f"{self.site_url.rstrip('/')}/{p}" for p in changed if FEEDS.search(p)]
        post = self.post or _post
        for url in feeds:
            post(self.hub, urllib.parse.urlencode({"hub.mode": "publish", "hub.url": url}).encode())
        return f"websub: {len(feeds)} feed diberitahukan ke {self.hub}"


def _post(url: str, data: bytes) -> int:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (configured https hub)
        return response.status


@dataclass(frozen=True)
class CloudFrontInvalidation:
    """Invalidate exactly the changed paths (never `/*`) through CloudFront's API."""

    distribution_id: str
    prefix: str = ""
    client: object | None = None
    name: str = "cloudfront"

    def run(self, changed: list[str]) -> str:
        paths = public_paths(changed, self.prefix)
        if not paths:
            return "cloudfront: tidak ada yang perlu diinvalidasi"
        client = self.client
        if client is None:
            import botocore.session

            client = botocore.session.get_session().create_client("cloudfront")
        # Same paths, same reference: a retried run does not create a second invalidation.
        reference = hashlib.sha256("\n".join(paths).encode()).hexdigest()[:32]
        client.create_invalidation(DistributionId=self.distribution_id, InvalidationBatch={
            "Paths": {"Quantity": len(paths), "Items": paths}, "CallerReference": reference})
        return f"cloudfront: {len(paths)} path diinvalidasi"


def run_hooks(hooks: tuple[AfterDeploy, ...], changed: list[str]) -> list[str]:
    """Run each hook when something changed; a failure is logged, and the next hook still runs."""
    lines = []
    for hook in hooks if changed else ():
        try:
            lines.append(hook.run(changed))
        except Exception as exc:  # network, permissions: the deploy itself already succeeded
            log.warning("%s gagal (deploy tetap berhasil): %s", hook.name, exc)
    return lines


def hooks_from_settings(settings: dict, prefix: str = "") -> tuple[AfterDeploy, ...]:
    """Hooks configured in Pelican settings: WEBSUB_HUB (+ SITEURL) and
    DEPLOY_CLOUDFRONT_DISTRIBUTION."""
    hooks: list[AfterDeploy] = []
    if settings.get("WEBSUB_HUB") and settings.get("SITEURL"):
        hooks.append(WebSubPing(settings["WEBSUB_HUB"], settings["SITEURL"]))
    if settings.get("DEPLOY_CLOUDFRONT_DISTRIBUTION"):
        hooks.append(CloudFrontInvalidation(settings["DEPLOY_CLOUDFRONT_DISTRIBUTION"], prefix))
    return tuple(hooks)

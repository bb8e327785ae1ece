"""After-deploy hooks (optional, configured): tell the world about what changed, and only that.
A hook gets the site paths uploaded or deleted by the deploy, plus a reference unique to this
deploy's content (the digest of the manifest it wrote), and returns one line for the log.
A failing hook is a warning, never a failed deploy: the bucket is already correct."""
from __future__ import annotations

import logging
import re
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Callable, Protocol

from siaran.contracts import FEED_FILE_PATTERN

from .messages import message

log = logging.getLogger("siaran.deploy")

FEEDS = FEED_FILE_PATTERN


class AfterDeploy(Protocol):
    name: str

    def run(self, changed: list[str], reference: str) -> str: ...


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

    def run(self, changed: list[str], reference: str = "") -> str:
        feeds = [f"{self.site_url.rstrip('/')}/{p}" for p in changed if FEEDS.search(p)]
        post = self.post or _post
        for url in feeds:
            post(self.hub, urllib.parse.urlencode({"hub.mode": "publish", "hub.url": url}).encode())
        return message("websub_done", count=len(feeds), hub=self.hub)


def _post(url: str, data: bytes) -> int:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (configured https hub)
        return response.status


CLOUDFRONT_MAX_PATHS = 3000
"""CloudFront allows 3,000 individual paths *in progress* per distribution, across all requests, so
splitting a bigger set into several requests would only fail with TooManyInvalidationsInProgress.
Above the limit we invalidate one wildcard instead (wildcards have their own quota of 15)."""


@dataclass(frozen=True)
class CloudFrontInvalidation:
    """Invalidate exactly the changed paths through CloudFront's API, in one request; only when
    more than `max_paths` paths changed (a redesign, `--reupload`) one wildcard for the whole site."""

    distribution_id: str
    prefix: str = ""
    client: object | None = None
    max_paths: int = CLOUDFRONT_MAX_PATHS
    name: str = "cloudfront"

    def run(self, changed: list[str], reference: str) -> str:
        paths = public_paths(changed, self.prefix)
        if not paths:
            return message("cloudfront_nothing")
        client = self.client
        if client is None:
            import botocore.session

            client = botocore.session.get_session().create_client("cloudfront")
        items = paths
        if len(paths) > self.max_paths:
            items = [f"/{self.prefix}/*" if self.prefix else "/*"]
        # The reference is the digest of the manifest this deploy wrote: a new one for every deploy
        # that changed something (the manifest's serial goes up), the same one if this same
        # invalidation is sent twice.  Hashing the path list instead made a second deploy of the
        # same paths a silent no-op at CloudFront.
        client.create_invalidation(DistributionId=self.distribution_id, InvalidationBatch={
            "Paths": {"Quantity": len(items), "Items": items}, "CallerReference": reference})
        if items is paths:
            return message("cloudfront_done", count=len(paths))
        return message("cloudfront_wildcard", count=len(paths), limit=self.max_paths, path=items[0])


def run_hooks(hooks: tuple[AfterDeploy, ...], changed: list[str], reference: str) -> list[str]:
    """Run each hook when something changed; a failure is logged, and the next hook still runs."""
    lines = []
    for hook in hooks if changed else ():
        try:
            lines.append(hook.run(changed, reference))
        except Exception as exc:  # network, permissions: the deploy itself already succeeded
            log.warning("%s", message("hook_failed", hook=hook.name, detail=exc))
    return lines


def hooks_from_settings(settings: dict, prefix: str = "") -> tuple[AfterDeploy, ...]:
    """Hooks configured in Pelican settings: WEBSUB_HUB (+ SITEURL) and
    DEPLOY_CLOUDFRONT_DISTRIBUTION (+ DEPLOY_CLOUDFRONT_MAX_PATHS, default 3000)."""
    hooks: list[AfterDeploy] = []
    if settings.get("WEBSUB_HUB") and settings.get("SITEURL"):
        hooks.append(WebSubPing(settings["WEBSUB_HUB"], settings["SITEURL"]))
    if settings.get("DEPLOY_CLOUDFRONT_DISTRIBUTION"):
        limit = int(settings.get("DEPLOY_CLOUDFRONT_MAX_PATHS") or CLOUDFRONT_MAX_PATHS)
        hooks.append(CloudFrontInvalidation(settings["DEPLOY_CLOUDFRONT_DISTRIBUTION"], prefix, max_paths=limit))
    return tuple(hooks)

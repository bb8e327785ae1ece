"""`deploy()`: the whole command as its stages, in order (walk local, read remote, redirects,
plan, guard, apply uploads, apply deletes, manifest, after-deploy hooks, report).  Each stage is a named function
with data in and data out; only the remote reads, `confirm_fingerprints`, the `apply_*` stages
and `write_manifest` talk to the bucket."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from .apply import apply_deletes, apply_uploads, retrying
from .config import DeployConfig
from .hooks import run_hooks
from .local import DigestCache, LocalFile, read_releases, walk_local
from .manifest import Manifest
from .messages import DeployError
from .plan import Plan, RemoteObject, make_plan, needs_metadata
from .redirects import redirect_files, release_history
from .report import DeploySummary
from .store import DryRunStore, S3Store, Store
from .target import Target


def deploy(
    output: Path,
    target: Target,
    *,
    config: DeployConfig = DeployConfig(),
    store: Store | None = None,
    dry_run: bool = False,
    force: bool = False,
    echo=print,
) -> DeploySummary:
    """Make the bucket under `target` hold exactly `output/` (plus redirects), changing only what
    differs.  Raises DeployError with a one-line message on any failure the user can act on."""
    started = time.monotonic()
    store = store or S3Store(target, config.workers)
    if dry_run:  # the only dry-run branch: writes go nowhere, hooks (writes to others) are off
        store, config = DryRunStore(store, echo), replace(config, hooks=())
    try:
        # Read remote (listing + previous manifest) while walking local: the walk is CPU, the
        # reads are waiting on the network, so together they take the time of the longer one.
        with ThreadPoolExecutor(max_workers=2) as background:
            listing = background.submit(retrying, store.list, config)
            stored = background.submit(retrying, lambda: store.get(config.manifest_key), config)
            files = walk_local(output, config, DigestCache(digest_cache_path(output)))
            remote, manifest_raw = listing.result(), stored.result()
        previous = Manifest.from_bytes(manifest_raw)
        history = release_history(read_releases(output), previous.releases)
        site = files + redirect_files(history, {f.path for f in files}, target.prefix, config)
        remote = confirm_fingerprints(store, site, remote, previous, config)
        plan = make_plan(site, remote, previous, history, force=force, manifest_path=config.manifest_key)
        check_deletes(plan, config.max_deletes)
        sent = apply_uploads(store, plan, config)
        apply_deletes(store, plan.deletes, config)
        write_manifest(store, plan.manifest, manifest_raw, config)
    finally:
        store.close()  # the dry-run wrapper prints its plan lines here
    for line in run_hooks(config.hooks, changed_paths(plan)):
        echo(line)
    return summarise(plan, sent, time.monotonic() - started, dry_run)


def digest_cache_path(output: Path) -> Path:
    """`.cache/` beside the output folder (gitignored, removed by `invoke clean`)."""
    return output.resolve().parent / ".cache" / "deploy-digests.json"


def confirm_fingerprints(
    store: Store, site: list[LocalFile], remote: dict[str, RemoteObject], previous: Manifest, config: DeployConfig
) -> dict[str, RemoteObject]:
    """Fetch the stored fingerprint (object metadata) only for objects whose bytes match but the
    manifest cannot vouch for their headers; usually none, so usually no request at all."""
    doubtful = [f.path for f in site if needs_metadata(f, remote.get(f.path), previous)]
    if not doubtful:
        return remote
    with ThreadPoolExecutor(max_workers=config.workers) as pool:
        hashes = list(pool.map(lambda p: retrying(lambda: store.head_hash(p), config), doubtful))
    return remote | {p: replace(remote[p], meta_hash=h) for p, h in zip(doubtful, hashes)}


def check_deletes(plan: Plan, limit: int) -> None:
    """Refuse before touching anything when the plan deletes more than `limit` objects (an empty
    or wrong output folder must not wipe the live site)."""
    if len(plan.deletes) > limit:
        raise DeployError("too_many_deletes", count=len(plan.deletes), limit=limit)


def write_manifest(store: Store, manifest: Manifest, previous_raw: bytes | None, config: DeployConfig) -> None:
    """Last write of the run: only now does the bucket match the manifest."""
    body = manifest.to_bytes()
    if body != previous_raw:
        retrying(lambda: store.put_raw(config.manifest_key, body, "application/json; charset=utf-8"), config)


def changed_paths(plan: Plan) -> list[str]:
    """What readers and caches may have seen in another version: uploads and deletes."""
    return sorted([u.file.path for u in plan.uploads] + [d.path for d in plan.deletes])


def summarise(plan: Plan, sent: int, seconds: float, dry_run: bool) -> DeploySummary:
    return DeploySummary(
        uploaded=len(plan.uploads),
        unchanged=plan.unchanged,
        deleted=len(plan.deletes),
        redirected=sum(1 for u in plan.uploads if u.file.headers.redirect),
        bytes=sent,
        seconds=seconds,
        dry_run=dry_run,
    )

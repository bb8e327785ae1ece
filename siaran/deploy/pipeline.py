"""`deploy()`: the whole command as its stages, in order (accept the build, walk local, read
remote, redirects, plan, guard, claim, apply uploads, apply deletes, manifest, after-deploy hooks,
report).  Each stage is a named function with data in and data out; only the remote reads,
`confirm_fingerprints`, the `apply_*` stages and `write_manifest` talk to the bucket."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from .accept import accept_build
from .apply import apply_deletes, apply_uploads, retrying
from .config import DeployConfig
from .hooks import run_hooks
from .local import DigestCache, LocalFile, Release, read_releases, walk_local
from .manifest import Manifest, ReleaseRecord
from .messages import DeployError
from .plan import Layout, Plan, RemoteObject, is_internal, make_plan, needs_metadata
from .redirects import key_for_url, redirect_files, release_history
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
    reupload: bool = False,
    echo=print,
    cache_dir: Path | None = None,
) -> DeploySummary:
    """Make the bucket under `target` hold `output/` (plus redirects), changing only what differs
    and deleting only what an earlier deploy uploaded.  Raises DeployError with a one-line message
    on any failure the user can act on.  `force` accepts a build not made for publishing there;
    `reupload` uploads every object again.  `cache_dir` (the project's `.cache/`, given by the
    tasks) keeps the digest cache; without it every file is compressed again."""
    started = time.monotonic()
    accept_build(output, config.expected_build, force)  # before the bucket is even listed
    store = store or S3Store(target, config.workers)
    if dry_run:  # the only dry-run branch: writes go nowhere, hooks (writes to others) are off
        store, config = DryRunStore(store, echo), replace(config, hooks=())
    try:
        # Read remote (listing + previous manifest) while walking local: the walk is CPU, the
        # reads are waiting on the network, so together they take the time of the longer one.
        with ThreadPoolExecutor(max_workers=2) as background:
            listing = background.submit(retrying, store.list, config)
            stored = background.submit(retrying, lambda: store.get(config.manifest_key), config)
            # a dry run reads the digest cache but leaves no trace on disk either
            files = walk_local(output, config, DigestCache(digest_cache_path(cache_dir)), save=not dry_run)
            remote, manifest_raw = listing.result(), stored.result()
        if any(f.path == config.manifest_key for f in files):
            raise DeployError("manifest_key_taken", key=config.manifest_key)
        previous = Manifest.from_bytes(manifest_raw, config.manifest_key)  # refuses a tampered one
        releases = read_releases(output)
        site_paths = {f.path for f in files}
        if previous.lost:  # no manifest: the redirects' own metadata is the only record of them
            previous, remote = recover_redirects(store, releases, previous, remote, site_paths, target, config)
        history = release_history(releases, previous.releases)
        site = files + redirect_files(history, site_paths, target.prefix, config)
        remote = confirm_fingerprints(store, site, remote, previous, config)
        layout = Layout(frozenset(key_for_url(r.url) for r in releases), config.detail_patterns)
        plan = make_plan(site, remote, previous, history, reupload=reupload, manifest_path=config.manifest_key,
                         layout=layout)
        check_deletes(plan, config.max_deletes)
        if plan.claim is not None:  # the objects about to be created are Siaran's even if we stop
            write_raw(store, plan.claim.to_bytes(), config)
        sent = apply_uploads(store, plan, config)
        apply_deletes(store, plan.deletes, config)
        write_manifest(store, plan.manifest, manifest_raw, config)
    finally:
        store.close()  # the dry-run wrapper prints its plan lines here
    for line in run_hooks(config.hooks, changed_paths(plan), plan.manifest.digest()):
        echo(line)
    return summarise(plan, sent, time.monotonic() - started, dry_run)


REDIRECT_MAX_SIZE = 4096
"""Redirect objects are a few hundred gzip-compressed bytes of HTML: without a manifest only remote
`.html` objects this small are asked whether they are redirects."""


def digest_cache_path(cache_dir: Path | None) -> Path | None:
    """The digest cache file in the project's `.cache/` (gitignored, removed by `invoke clean`)."""
    return None if cache_dir is None else cache_dir / "deploy-digests.json"


def recover_redirects(
    store: Store, releases: list[Release], previous: Manifest, remote: dict[str, RemoteObject],
    site_paths: set[str], target: Target, config: DeployConfig,
) -> tuple[Manifest, dict[str, RemoteObject]]:
    """Without a manifest, a remote object the site does not have may be a redirect whose alias
    only the lost manifest knew.  Ask each such object (one HEAD each, only in this case): a
    redirect to a current release becomes that release's alias again (so it is re-planned, and
    recorded in the new manifest).  Nothing else is recovered: without a manifest nothing is
    deleted, redirects or not.  Only small `.html` objects can be redirects, so only they are
    asked."""
    candidates = [p for p in sorted(remote) if p not in site_paths and not is_internal(p, config.manifest_key)
                  and p.endswith(".html") and remote[p].size <= REDIRECT_MAX_SIZE]
    if not candidates:
        return previous, remote
    with ThreadPoolExecutor(max_workers=config.workers) as pool:
        metas = list(pool.map(lambda p: retrying(lambda: store.head(p), config), candidates))
    base = "/" + (f"{target.prefix}/" if target.prefix else "")
    by_url = {r.url.strip().lstrip("/"): r.id for r in releases}
    aliases: dict[str, set[str]] = {}
    remote = dict(remote)
    for path, meta in zip(candidates, metas):
        if meta is None or not meta.redirect:
            continue
        remote[path] = replace(remote[path], meta_hash=meta.hash)
        location = meta.redirect[len(base):] if meta.redirect.startswith(base) else None
        if location is not None and location in by_url:
            alias = path[: -len("index.html")] if path.endswith("/index.html") else path
            aliases.setdefault(by_url[location], set()).add(alias)
    records = {rid: ReleaseRecord(url, tuple(sorted(aliases.get(rid, ()))))
               for url, rid in by_url.items() if rid in aliases}
    return replace(previous, releases=records), remote


def confirm_fingerprints(
    store: Store, site: list[LocalFile], remote: dict[str, RemoteObject], previous: Manifest, config: DeployConfig
) -> dict[str, RemoteObject]:
    """Fetch the stored fingerprint (object metadata) only for objects whose bytes match but the
    manifest cannot vouch for their headers; usually none, so usually no request at all."""
    doubtful = [f.path for f in site if needs_metadata(f, remote.get(f.path), previous)
                and remote[f.path].meta_hash is None]
    if not doubtful:
        return remote
    with ThreadPoolExecutor(max_workers=config.workers) as pool:
        metas = list(pool.map(lambda p: retrying(lambda: store.head(p), config), doubtful))
    return remote | {p: replace(remote[p], meta_hash=m.hash if m else None) for p, m in zip(doubtful, metas)}


def check_deletes(plan: Plan, limit: int) -> None:
    """Refuse before touching anything when the plan deletes more than `limit` objects (an empty
    or wrong output folder must not wipe the live site)."""
    if len(plan.deletes) > limit:
        raise DeployError("too_many_deletes", count=len(plan.deletes), limit=limit)


def write_raw(store: Store, body: bytes, config: DeployConfig) -> None:
    retrying(lambda: store.put_raw(config.manifest_key, body, "application/json; charset=utf-8"), config)


def write_manifest(store: Store, manifest: Manifest, previous_raw: bytes | None, config: DeployConfig) -> None:
    """Last write of the run: only now does the bucket match the manifest."""
    body = manifest.to_bytes()
    if body != previous_raw:
        write_raw(store, body, config)


def changed_paths(plan: Plan) -> list[str]:
    """What readers and caches may have seen in another version: uploads and deletes."""
    return sorted([u.file.path for u in plan.uploads] + [d.path for d in plan.deletes])


def summarise(plan: Plan, sent: int, seconds: float, dry_run: bool) -> DeploySummary:
    return DeploySummary(
        uploaded=len(plan.uploads),
        unchanged=plan.unchanged,
        deleted=len(plan.deletes),
        kept=plan.kept,
        redirected=sum(1 for u in plan.uploads if u.file.headers.redirect),
        bytes=sent,
        seconds=seconds,
        dry_run=dry_run,
    )

"""Carry out a Plan: dumb, ordered, parallel I/O.  Upload groups run one after another (a failed
group stops the run, so nothing is published before what it points at); within a group a thread
pool uploads, each request retried with exponential backoff on transient failures."""
from __future__ import annotations

import time
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from typing import Callable, TypeVar

from tqdm import tqdm

from .config import DeployConfig
from .messages import message
from .plan import Delete, Plan
from .store import Store, TransientError

T = TypeVar("T")


class Progress(tqdm):
    """tqdm without its monitor thread, which outlives the bar: a thread alive in
    the process keeps a later build (serve, tests) from forking its workers."""
    monitor_interval = 0


DELETE_BATCH = 1000
"""S3 DeleteObjects takes at most 1000 keys per request."""


def retrying(call: Callable[[], T], config: DeployConfig, sleep: Callable[[float], None] = time.sleep) -> T:
    """Run `call`, retrying TransientError up to `config.retries` attempts in all, sleeping
    backoff, 2*backoff, 4*backoff... between attempts; then raise the final DeployError."""
    delay = config.backoff
    for attempt in range(1, config.retries + 1):
        try:
            return call()
        except TransientError as exc:
            if attempt == config.retries:
                raise exc.final from None
            sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")  # retries >= 1


def _run_all(pool: ThreadPoolExecutor, jobs: list[Callable[[], None]], on_done: Callable[[], None]) -> None:
    """Submit every job, wait, and re-raise the first failure after cancelling what has not
    started (the one reconcile point)."""
    futures = [pool.submit(job) for job in jobs]
    for future in futures:
        future.add_done_callback(lambda f: not f.cancelled() and f.exception() is None and on_done())
    _, pending = wait(futures, return_when=FIRST_EXCEPTION)
    for future in pending:
        future.cancel()
    for future in futures:
        if future.done() and not future.cancelled() and future.exception():
            wait(futures)  # let running uploads finish before reporting, no half-written state
            raise future.exception()


def apply_uploads(store: Store, plan: Plan, config: DeployConfig) -> int:
    """Upload every group in order; returns bytes sent."""
    sent = 0
    with Progress(total=len(plan.uploads), unit="obj", desc=message("progress"), disable=None, leave=False) as bar, \
            ThreadPoolExecutor(max_workers=config.workers) as pool:
        try:
            for group in plan.groups():
                jobs = [(lambda u=u: retrying(lambda: store.put(u), config)) for u in group]
                _run_all(pool, jobs, lambda: bar.update(1))
                sent += sum(u.file.size for u in group)
        except BaseException:
            # Ctrl-C or a failed group: drop queued uploads; deletes never start.
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return sent


def apply_deletes(store: Store, deletes: tuple[Delete, ...], config: DeployConfig) -> None:
    batches = [list(deletes[i:i + DELETE_BATCH]) for i in range(0, len(deletes), DELETE_BATCH)]
    with ThreadPoolExecutor(max_workers=config.workers) as pool:
        _run_all(pool, [(lambda b=b: retrying(lambda: store.delete(b), config)) for b in batches], lambda: None)


"""Search: the site's Pagefind index, made over the staging tree before the swap, in shards.

The theme decides what is indexed. A published release, a page and a published
register item wrap their article in INDEXED_START ... INDEXED_END, and the
article carries `data-pagefind-body` with its filters (type, category, unit,
year), metadata (date, unit, thumbnail) and sort key (date) inside; drafts,
withheld register items, listings and the search page itself carry neither
(docs/search.md). Content cannot forge a mark: the body sanitiser drops HTML
comments and every `data-*` attribute, and text is escaped.

The index is split in shards (siaran.search_shards: the year of a page's date,
or one shard for pages without one), each its own Pagefind bundle, so an edit
runs Pagefind over the pages of its year only.

`index_site` is the build's search stage (a staging hook the `search` plugin adds
to the build engine), over the finished staging tree:
  scan    every page with the marks → (path, digest of the bytes between them,
          shard), in chunks on the build's executor when it is parallel; a page the
          engine linked from the store with a body the last build scanned is not
          read (spans.json: body digest → [span digest, shard])
  digest  per shard, over its spans, Pagefind's version and the options it is run with
  index   a shard's index kept in .cache/search/ under the same digest is used
          again; otherwise Pagefind (the binary PyPI's `pagefind[bin]` ships, no
          network) indexes hard links to that shard's pages only and writes a new one
          there, which must hold exactly those pages, and its filter files are put in
          one order (siaran.pagefind_order); shards to index run in the executor's
          pool when it is parallel, one Pagefind per shard
  place   each shard's files into staging/pagefind/<shard>/, hard-linked to the kept
          index; Pagefind's code and WebAssembly only in the first shard's folder (the
          one the search page loads, merging the others), and the list of shards,
          pagefind/shards.json
Every failure is a SearchIndexError: the build stops and output/ stays as it was.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from siaran.contracts import StageRefused
from siaran.depmap import entry_files
from siaran.messages import MSG
from siaran.pagefind_order import UnknownBundle, settle
from siaran.output import OutputStore, safe_target, write_atomic, write_output
from siaran.search_shards import MANIFEST, manifest, search_order, shard_of

if TYPE_CHECKING:
    from siaran.executor import Executor

BUNDLE = "pagefind"
"""Output folder of the search bundle: one folder per shard in it, and the list of
shards (siaran.search_shards.MANIFEST); deploy's header and ordering rules name it."""
ENTRY = "pagefind-entry.json"
"""A shard's entry file: it names the shard's current index files, so it is short-lived
and uploaded after them."""
SHARDS_FILE = f"{BUNDLE}/{MANIFEST}"
"""Site-relative path of the list of shards: it names the shards' entry files, so it is
short-lived and uploaded after them."""
FINGERPRINTED = re.compile(rf"^{BUNDLE}/(?:[^/]+/)?(?:fragment|index|filter)/[^/]+$"
                           rf"|^{BUNDLE}/(?:[^/]+/)?pagefind\.[^/]+\.pf_meta$")
"""Bundle files named by a hash of their bytes: never changed under the same name."""
UNUSED = frozenset({
    # Pagefind's own search interfaces and the index of pages without a language: the
    # search page has its own (theme/static/js/cari.js) and the site is one language.
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
    "wasm.unknown.pagefind",
})
REPORT = "search"
"""The stage's name in the build summary's reports."""
INDEXED_START = b"<!--search-index-->"
INDEXED_END = b"<!--/search-index-->"
"""The theme's marks around the indexed article of a page (see the module docstring)."""
BODY_ATTRIBUTE = b"data-pagefind-body"
"""What makes Pagefind index a page: allowed only between the marks."""


class SearchIndexError(StageRefused):
    """The index could not be made; the message is for the operator, in Indonesian."""


@dataclass(frozen=True)
class SearchIndex:
    pages: int
    """Pages in the index (releases, pages, register items), over every shard."""
    files: int
    """Bundle files placed in the output (the list of shards included)."""
    size: int
    """Their bytes, as Pagefind wrote them (already compressed)."""
    seconds: float
    reused: bool
    """True when no shard's indexed text changed: every kept index was placed again."""
    digest: str
    """Over every shard's key: changes when any indexed text, URL, version or option does."""
    read: int = 0
    """Pages read to find their spans (the others' spans were known from the last build)."""
    shards: tuple[str, ...] = ()
    """The shards, in the order the search page loads them (siaran.search_shards)."""
    indexed: tuple[str, ...] = ()
    """The shards Pagefind ran for in this build (the others were placed from the cache)."""


def summary_line(index: SearchIndex) -> str:
    """What `invoke build` prints about the stage."""
    how = (MSG["search_reused"] if index.reused else
           MSG["search_made"].format(made=len(index.indexed), kept=len(index.shards) - len(index.indexed)))
    return MSG["search_done"].format(pages=index.pages, shards=len(index.shards), files=index.files,
                                     kib=round(index.size / 1024), how=how, seconds=index.seconds)


def pagefind_version() -> str:
    try:
        return metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError as error:
        raise SearchIndexError(MSG["search_no_pagefind"]) from error


def executable() -> Path:
    try:
        from pagefind_bin import get_executable
        return get_executable()
    except (ImportError, FileNotFoundError) as error:
        raise SearchIndexError(MSG["search_no_pagefind"]) from error


def html_files(site: Path) -> list[str]:
    """Every .html file under `site`, site-relative, in sorted walk order."""
    found = []
    for folder, dirs, names in os.walk(site):
        dirs.sort()
        relative = os.path.relpath(folder, site).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        found.extend(prefix + name for name in sorted(names) if name.endswith(".html"))
    return found


Span = tuple[str, str]
"""(digest of a page's marked span, its shard)."""


def scan_files(site: str, paths: list[str]) -> list[tuple[str, Span | None]]:
    """(path, (span digest, shard), or None when unmarked) of each of `paths`, in order.
    Only digests and shard names travel back from a worker, never the pages' text."""
    found = []
    for relative in paths:
        with open(os.path.join(site, relative), "rb") as stream:
            data = stream.read()
        start = data.find(INDEXED_START)
        if start < 0:
            if BODY_ATTRIBUTE in data:
                raise SearchIndexError(MSG["search_stray"].format(path=relative))
            found.append((relative, None))
            continue
        end = data.find(INDEXED_END, start)
        if end < 0:
            raise SearchIndexError(MSG["search_unclosed"].format(path=relative))
        if BODY_ATTRIBUTE in data[:start] or BODY_ATTRIBUTE in data[end:]:
            # Pagefind would index an element the span's digest does not cover.
            raise SearchIndexError(MSG["search_stray"].format(path=relative))
        span = data[start:end]
        found.append((relative, (hashlib.blake2b(span, digest_size=20).hexdigest(), shard_of(span))))
    return found


SCAN_CHUNK = 500
"""Pages per scanning job when the executor is parallel: big enough that a job's
overhead (one pickled list of digests) is small beside reading 500 files."""


def scan_all(site: Path, executor: Executor | None = None,
             known: dict[str, Span | None] | None = None) -> list[tuple[str, Span | None]]:
    """(site-relative path, (span digest, shard) or None) of every page, in path order.
    Pages in `known` are not read; the others are, in chunks in a parallel executor's pool."""
    known = known or {}
    paths = html_files(site)
    unread = [path for path in paths if path not in known]
    if executor is None or not executor.parallel or len(unread) <= SCAN_CHUNK:
        read = scan_files(str(site), unread)
    else:
        chunks = [unread[at:at + SCAN_CHUNK] for at in range(0, len(unread), SCAN_CHUNK)]
        jobs = [executor.pool().submit(scan_files, str(site), chunk) for chunk in chunks]
        read = [page for job in jobs for page in job.result()]
    spans = dict(read)
    return [(path, known[path] if path in known else spans[path]) for path in paths]


def scan(site: Path, executor: Executor | None = None,
         known: dict[str, Span | None] | None = None) -> list[tuple[str, str]]:
    """(site-relative path, digest of the marked span) of every indexed page, in path order."""
    return [(path, span[0]) for path, span in scan_all(site, executor, known) if span is not None]


def shards_of(scanned: list[tuple[str, Span | None]]) -> dict[str, list[tuple[str, str]]]:
    """The indexed pages by shard: shard → [(path, span digest)] in path order."""
    shards: dict[str, list[tuple[str, str]]] = {}
    for path, span in scanned:
        if span is not None:
            shards.setdefault(span[1], []).append((path, span[0]))
    return shards


MEMO = "spans.json"
"""In the cache folder: body digest (siaran.output.body_digest) → [span digest, shard] or
null, for the pages of the last build."""


def page_bodies(outputs: dict[str, str]) -> dict[str, str]:
    """Every HTML file of the engine's outputs (siaran.depmap: job → its entry of files and
    body digests) → its body digest in the store."""
    return {name: body for entry in outputs.values() for name, body in entry_files(entry) if name.endswith(".html")}


def linked_bodies(staging: Path, store: OutputStore | None, bodies: dict[str, str]) -> dict[str, str]:
    """Of `bodies` (site-relative page → body digest, as the engine's plan recorded them),
    those whose file in staging is the store's body itself (same inode: a stored body is
    never edited in place), so its digest is proven without reading it."""
    if store is None or not store.linkable:
        return {}
    proven = {}
    for path, body in bodies.items():
        try:
            if os.stat(os.path.join(staging, path)).st_ino == os.stat(os.path.join(store.folder, body)).st_ino:
                proven[path] = body
        except OSError:
            continue
    return proven


def load_memo(cache: Path) -> dict[str, Span | None]:
    """The memo of the last build; an entry not as this version writes it is left out
    (its page is read again)."""
    try:
        memo = json.loads((cache / MEMO).read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(memo, dict):
        return {}
    return {body: (tuple(span) if span is not None else None) for body, span in memo.items()
            if span is None or (isinstance(span, list) and len(span) == 2 and all(isinstance(v, str) for v in span))}


def digest(pages: list[tuple[str, str]], options: dict) -> str:
    """Changes when anything Pagefind reads changes: a span, a path (the result's URL),
    Pagefind's version or an option."""
    hasher = hashlib.blake2b(digest_size=20)
    hasher.update(json.dumps(options, sort_keys=True).encode("utf-8"))
    for path, span in pages:
        hasher.update(f"\0{path}\0{span}".encode("utf-8"))
    return hasher.hexdigest()


def indexed_pages(bundle: Path) -> int | None:
    """Pages the bundle's entry file counts, or None when there is no whole bundle."""
    try:
        entry = json.loads((bundle / ENTRY).read_bytes())
        return sum(int(language["page_count"]) for language in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def run_pagefind(site: Path, out: Path, language: str, expected: int) -> None:
    """Pagefind over `site` into `out`, checked: it must index exactly `expected` pages
    (Pagefind 1.5 can exit 0 without writing a bundle, so the exit code is not enough);
    then its order-dependent files are settled (siaran.pagefind_order), so the same
    pages give the same bytes."""
    command = [str(executable()), "--site", str(site), "--output-path", str(out),
               "--force-language", language, "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, errors="replace", check=False)
    except OSError as error:
        raise SearchIndexError(MSG["search_failed"].format(code="-", output=error)) from error
    if done.returncode != 0:
        output = " ".join((done.stderr or done.stdout).split())[-600:]
        raise SearchIndexError(MSG["search_failed"].format(code=done.returncode, output=output))
    got = indexed_pages(out)
    if got != expected:
        raise SearchIndexError(MSG["search_incomplete"].format(got="tidak ada" if got is None else got,
                                                               expected=expected))
    try:
        settle(out)
    except (UnknownBundle, ValueError, KeyError, TypeError) as error:
        raise SearchIndexError(MSG["search_unknown_bundle"].format(error=error)) from error


def index_shard(staging: str, fresh: str, paths: list[str], language: str) -> None:
    """One shard's bundle into `fresh`: Pagefind runs over a folder of hard links to the
    shard's pages only (same site-relative paths, so the same URLs), which is removed
    after. Module-level, so a parallel executor's pool can run it."""
    farm = f"{fresh}.pages"
    shutil.rmtree(farm, ignore_errors=True)
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        for folder in sorted({os.path.dirname(relative) for relative in paths}):   # each folder once
            os.makedirs(os.path.join(farm, folder), exist_ok=True)
        for relative in paths:
            target = os.path.join(farm, relative)
            try:
                os.link(os.path.join(staging, relative), target)
            except OSError:
                shutil.copyfile(os.path.join(staging, relative), target)
        run_pagefind(Path(farm), Path(fresh), language, len(paths))
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(farm, ignore_errors=True)


def is_runtime(relative: str) -> bool:
    """Pagefind's code and WebAssembly (the same bytes in every shard's bundle): at the
    bundle's top, neither its entry file nor its metadata."""
    return "/" not in relative and relative != ENTRY and not relative.endswith(".pf_meta")


def place(bundle: Path, staging: Path, store: OutputStore | None, folder: str = BUNDLE,
          runtime: bool = True) -> tuple[int, int]:
    """The bundle's published files into staging/`folder`/; (files, bytes). Pagefind's code
    and WebAssembly only with `runtime`. Each is a hard link to the kept index (nothing
    edits a kept index or an output file in place: both are only ever replaced whole), so
    placing 5,000 files reads none of them; where links are impossible (another
    filesystem) the bytes go through the OutputStore."""
    files = size = 0
    for parent, dirs, names in os.walk(bundle):
        dirs.sort()
        made = False
        for name in sorted(names):
            path = os.path.join(parent, name)
            relative = os.path.relpath(path, bundle).replace(os.sep, "/")
            if relative in UNUSED or (not runtime and is_runtime(relative)):
                continue
            target = safe_target(staging, f"{folder}/{relative}")
            if not made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made = True
            try:
                os.link(path, target)
                size += os.stat(path).st_size
            except OSError:
                with open(path, "rb") as stream:
                    data = stream.read()
                write_output(staging, f"{folder}/{relative}", data, store)
                size += len(data)
            files += 1
    return files, size


def cache_folder(settings: dict) -> Path:
    return Path(settings["PATH"]).resolve().parent / ".cache" / "search"


def make_indexes(staging: Path, cache: Path, todo: dict[str, tuple[str, list[str]]], language: str,
                 executor: Executor | None) -> None:
    """Index the shards of `todo` (shard → (key, its pages)) into cache/<key>/: one
    Pagefind per shard, in a parallel executor's pool when there are several."""
    fresh = {name: cache / f"{key}.{os.getpid()}.tmp" for name, (key, _) in todo.items()}
    if executor is not None and executor.parallel and len(todo) > 1:
        jobs = [executor.pool().submit(index_shard, str(staging), str(fresh[name]), paths, language)
                for name, (_, paths) in todo.items()]
        failures = []
        for job in jobs:       # every job is waited for, so none is left writing in the cache
            try:
                job.result()
            except (SearchIndexError, OSError) as error:
                failures.append(error)
        if failures:
            for folder in fresh.values():
                shutil.rmtree(folder, ignore_errors=True)
            raise failures[0]
    else:
        for name, (_, paths) in todo.items():
            try:
                index_shard(str(staging), str(fresh[name]), paths, language)
            except BaseException:
                for folder in fresh.values():
                    shutil.rmtree(folder, ignore_errors=True)
                raise
    for name, (key, _) in todo.items():
        shutil.rmtree(cache / key, ignore_errors=True)
        fresh[name].rename(cache / key)


def index_site(staging: Path, settings: dict, store: OutputStore | None = None,
               cache: Path | None = None, executor: Executor | None = None,
               bodies: dict[str, str] | None = None) -> SearchIndex:
    """The search stage (module docstring). `cache` defaults to the project's .cache/search/;
    `executor` (the build's) spreads the scan and the shards' Pagefind runs; `bodies`
    (page → body digest, from the engine's plan) spares reading the pages whose span the
    last build already digested."""
    started = time.perf_counter()
    cache = cache or cache_folder(settings)
    language = str(settings.get("DEFAULT_LANG") or "id")
    options = {"pagefind": pagefind_version(), "language": language}
    proven = linked_bodies(staging, store, bodies or {})
    memo = load_memo(cache)
    known = {path: memo[body] for path, body in proven.items() if body in memo}
    every = scan_all(staging, executor, known)
    shards = shards_of(every)
    keys = {name: digest(pages, options) for name, pages in shards.items()}
    order = search_order(shards)
    overall = digest([(name, keys[name]) for name in order], options)
    pages = sum(len(found) for found in shards.values())
    if not pages:
        # Pagefind indexes every page's whole <body> when none is marked, and fails on
        # an empty site: a site with nothing to find gets no bundle (the search page says so).
        return SearchIndex(0, 0, 0, time.perf_counter() - started, False, overall, len(every) - len(known))
    try:
        todo = {name: (keys[name], [path for path, _ in shards[name]]) for name in order
                if indexed_pages(cache / keys[name]) != len(shards[name])}
        if todo:
            cache.mkdir(parents=True, exist_ok=True)
            make_indexes(staging, cache, todo, language, executor)
            wanted = set(keys.values()) | {MEMO}
            for other in cache.iterdir():      # one index per shard is kept: the ones this build placed
                if other.name not in wanted:
                    shutil.rmtree(other, ignore_errors=True)
        files = size = 0
        for at, name in enumerate(order):
            placed, placed_size = place(cache / keys[name], staging, store, f"{BUNDLE}/{name}", runtime=at == 0)
            files, size = files + placed, size + placed_size
        listing = manifest(order)
        write_output(staging, SHARDS_FILE, listing, store)
        files, size = files + 1, size + len(listing)
        if proven:
            spans = dict(every)
            write_atomic(cache / MEMO, json.dumps({body: spans[path] for path, body in sorted(proven.items())},
                                                  sort_keys=True).encode("utf-8"))
    except OSError as error:
        raise SearchIndexError(MSG["search_io"].format(error=error)) from error
    return SearchIndex(pages, files, size, time.perf_counter() - started, not todo, overall, len(every) - len(known),
                       tuple(order), tuple(name for name in order if name in todo))

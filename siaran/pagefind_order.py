"""Pagefind's bundle made byte-stable: the files it writes in hash-map order, sorted.

Pagefind 1.5 writes the same fragments and word-index chunks for the same pages,
but each filter file lists its values in the order of a Rust hash map (a new
random order every run), so the filter files' bytes and hashed names change, and
with them the metadata file that names them and the entry file that names that
(upstream Pagefind/pagefind#638). `settle(bundle)` rewrites exactly those files
into one order: a filter's values sorted, the metadata's list of filters sorted by
name, each file named again by its new bytes, the entry file pointing at the new
metadata. Values are only reordered, never changed; Pagefind's search code reads
the lists into maps, so order carries no meaning. Same pages in, same bytes out.

The files are `pagefind_dcd` + CBOR, gzipped (mtime 0 here): decoded and encoded
with cbor2 (pinned).
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"


class UnknownBundle(ValueError):
    """The bundle is not laid out as this Pagefind version's (a new version changed it)."""


def read_packed(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise UnknownBundle(f"{path.name}: no {SIGNATURE.decode()} signature")
    return cbor2.loads(data[len(SIGNATURE):])


def packed(value) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=6, mtime=0)


def short_hash(data: bytes, length: int) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


def settle(bundle: Path) -> None:
    """Rewrite the bundle's order-dependent files in one order (module docstring)."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_bytes())
    for language, facts in entry["languages"].items():
        meta_path = bundle / f"pagefind.{facts['hash']}.pf_meta"
        meta = read_packed(meta_path)
        if not (isinstance(meta, list) and len(meta) > 3 and isinstance(meta[3], list)):
            raise UnknownBundle(f"{meta_path.name}: no list of filters where Pagefind 1.5 puts it")
        filters = []
        for name, old in meta[3]:
            old_path = bundle / "filter" / f"{old}.pf_filter"
            content = read_packed(old_path)
            if not (isinstance(content, list) and len(content) == 2 and content[0] == name):
                raise UnknownBundle(f"{old_path.name}: not the filter {name!r}")
            data = packed([name, sorted(content[1], key=lambda value: value[0])])
            new = f"{language}_{short_hash(data, 7)}"
            if new != old:
                (bundle / "filter" / f"{new}.pf_filter").write_bytes(data)
                os.unlink(old_path)
            filters.append([name, new])
        meta[3] = sorted(filters)
        data = packed(meta)
        new = f"{language}_{short_hash(data, 10)}"
        if new != facts["hash"]:
            (bundle / f"pagefind.{new}.pf_meta").write_bytes(data)
            os.unlink(meta_path)
            facts["hash"] = new
    entry_path.write_bytes(json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

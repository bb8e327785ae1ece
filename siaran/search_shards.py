"""Search shards: which part of the search index a page belongs to, and the list the search page reads.

Pagefind 1.5 cannot update an index in place, so one index over the whole site
means every edit to any indexed text runs Pagefind over every page. The index is
therefore split in shards, each its own Pagefind bundle: a page's shard is the
year of its `date` sort key (the theme puts `data-pagefind-sort="date[datetime]"`
on the `<time>` of every dated article, siaran.search), and pages without a date
(the theme's `date:0000` pages) share one shard, UNDATED. The split is a pure
function of the page's indexed span, so it never depends on build history.

The search page loads the first shard of the manifest (pagefind/shards.json,
newest year first, UNDATED last) with Pagefind's code and merges the others
(`pagefind.mergeIndex`); shards are years, so their order is date order, which
`theme/static/js/cari.js` uses to keep "newest first" across shards.
"""
from __future__ import annotations

import json
import re

UNDATED = "tanpa-tanggal"
"""The shard of indexed pages with no date (pages such as the profile and the contact page)."""
MANIFEST = "shards.json"
"""In the bundle folder: the shards in search order, for the search page."""

_SORT_TAG = re.compile(rb'<[a-z][^>]*\sdata-pagefind-sort="date\[datetime\]"[^>]*>')
_DATETIME = re.compile(rb'\sdatetime="(\d{4})-\d{2}-\d{2}')
_INLINE = re.compile(rb'\sdata-pagefind-sort="date:(\d{4})-\d{2}-\d{2}')


def shard_of(span: bytes) -> str:
    """The shard of a page from its indexed span: the year of its date sort key, else UNDATED.
    Only the first date sort key counts, as Pagefind reads one sort value per key."""
    tag = _SORT_TAG.search(span)
    if tag:
        year = _DATETIME.search(tag.group(0))
        return year.group(1).decode() if year else UNDATED
    inline = _INLINE.search(span)
    return inline.group(1).decode() if inline else UNDATED


def search_order(shards) -> list[str]:
    """Shards as the search page loads them: newest year first, UNDATED last."""
    years = sorted((name for name in set(shards) if name != UNDATED), reverse=True)
    return years + ([UNDATED] if UNDATED in shards else [])


def manifest(shards) -> bytes:
    """The bytes of MANIFEST for these shards (same shards, same bytes)."""
    return json.dumps({"shards": search_order(shards)}, sort_keys=True, separators=(",", ":")).encode("utf-8")

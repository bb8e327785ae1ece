"""ppid checks for `invoke check` and the first stage of `invoke build`.

siaran.build.plugin_checks() calls check(items, ctx) with the releases and pages
already checked; the register lives outside Pelican's content folders, so this
reads content/informasi-publik/ itself (load.py) and adds the staleness warning.
"""
from __future__ import annotations

from typing import Iterable

from siaran import dates
from siaran.messages import MSG
from siaran.problems import WARNING, Problem
from siaran.schedule import is_public, now_of

from .load import load
from .model import parse_reference, reference_date, stale
from .schema import PERIODIC_MONTHS


def release_dates(items: Iterable, now) -> list:
    """Publication dates of the releases public at `now` among siaran.validate's Checked items."""
    return [i.values["date"] for i in items
            if i.kind == "release" and "date" in i.values and is_public(i.values.get("status"), i.values["date"], now)]


def stale_problems(found, reference) -> list[Problem]:
    return [Problem(entry.item.source, entry.item.updated_line, "updated", MSG["ppid_stale"].format(
        updated=dates.long_date(entry.item.updated), months=PERIODIC_MONTHS,
        reference=dates.long_date(reference)), WARNING) for entry in found]


def check(items, ctx) -> list[Problem]:
    content_root = ctx.content_root
    settings = getattr(ctx, "settings", None) or {}
    now = now_of(settings)
    loaded = load(content_root, content_root.parent, now=now)
    reference = reference_date(parse_reference(settings.get("PPID_REFERENCE_DATE")),
                               [*release_dates(items, now), *(i.updated for i in loaded.items)])
    problems = list(loaded.problems)
    ctx.dated.extend(loaded.dated)      # the register's dates join the build's timeline
    found = stale(loaded.items, reference)
    problems += stale_problems(found, reference)
    return problems

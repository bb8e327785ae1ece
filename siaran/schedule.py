"""Publishing on time: the one *now* of a build, and whether an item is public at it.

A release or register item dated after *now* is scheduled (under embargo): it
appears nowhere in the output until a build whose *now* is at or after its
date. *Now* is named once per command (`--now "YYYY-MM-DD HH:MM"`, WIB, or the
clock read once, to the minute) and travels in the settings, so the checker,
the build and every plugin judge with the same moment, and the output is a
function of the content and *now* alone.

Pure: no Pelican, no files. The Pelican glue is plugins/schedule; ppid and the
checks import `is_public` from here, so the rule has one owner. Which files are
published follows from it: plugins/published_files copies only what the
content this build writes refers to, and withheld content is not written.
"""
from __future__ import annotations

import posixpath
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable
from urllib.parse import unquote, urlsplit

from siaran import dates
from siaran.messages import MSG

NOW = "SIARAN_NOW"
"""Settings key: the build's *now* (an aware datetime). Never part of a cache key."""
PREVIEW = "SIARAN_PREVIEW"
"""Settings key: True in a preview build (`serve --preview`): drafts and scheduled
releases are written under draf/ with a banner. A publish build never sets it."""
WITHHELD = "SIARAN_WITHHELD"
"""Context key: the sources this build withholds (`withheld_sources`)."""

DRAFT = "draft"


def parse_now(text: str | None = None, clock: datetime | None = None) -> datetime:
    """`--now` as WIB, or the clock (read once by the caller's command), to the minute.
    A malformed `text` raises ValueError with the sentence for the operator."""
    if text:
        try:
            return dates.parse_local(text)
        except ValueError:
            raise ValueError(MSG["bad_now"].format(example=dates.INPUT_EXAMPLE, got=text)) from None
    moment = dates.to_jakarta(clock or datetime.now(dates.JAKARTA))
    return moment.replace(second=0, microsecond=0)


def overrides(now: datetime | str | None, preview: bool = False) -> dict:
    """The settings a command adds: its *now* (resolved here, once) and the preview flag."""
    moment = now if isinstance(now, datetime) else parse_now(now)
    return {NOW: dates.to_jakarta(moment), PREVIEW: bool(preview)}


def now_of(settings: dict) -> datetime:
    """The build's *now*. A bare Pelican run (no siaran.build) reads the clock on first use
    and keeps it in its settings, so every plugin of that build still sees one moment."""
    value = settings.get(NOW)
    if value is None:
        value = settings[NOW] = parse_now()
    return parse_now(value) if isinstance(value, str) else dates.to_jakarta(value)


def is_public(status: str | None, date: datetime, now: datetime) -> bool:
    """The rule: not a draft, and dated at or before *now*."""
    return status != DRAFT and date <= now


def is_scheduled(status: str | None, date: datetime, now: datetime) -> bool:
    """Ready to publish, but not yet: what `invoke check` lists as terjadwal."""
    return status != DRAFT and date > now


def one_year_after(moment: datetime) -> datetime:
    """Same wall-clock time a calendar year later (29 February → 28 February)."""
    try:
        return moment.replace(year=moment.year + 1)
    except ValueError:
        return moment.replace(year=moment.year + 1, day=28)


def far_ahead(date: datetime, now: datetime) -> bool:
    """More than a year after *now*: usually a mistyped year."""
    return date > one_year_after(now)


# -- when the decisions change --------------------------------------------------------------

@dataclass(frozen=True)
class Timeline:
    """The moments at which what a build decides by *now* can change, for the engine's
    no-change answer (siaran.build): the same content built at two moments gives the
    same output and report exactly when `decisions` is equal at both. Epoch seconds,
    sorted, so it is kept in the build state as JSON and asked in O(log n)."""

    due: tuple[int, ...] = ()
    """Dates of the dated items that are no drafts: each is public from its date on."""
    dated: tuple[int, ...] = ()
    """Dates of every dated item, drafts too: each is warned about while far ahead."""

    @classmethod
    def of(cls, entries: Iterable[tuple[str | None, datetime]]) -> Timeline:
        """From (status, date) of each dated release and register item the checks read."""
        entries = list(entries)
        return cls(tuple(sorted(int(when.timestamp()) for status, when in entries if status != DRAFT)),
                   tuple(sorted(int(when.timestamp()) for _, when in entries)))

    def decisions(self, now: datetime) -> tuple:
        """What *now* decides, as a value: how many items are public (is_public), how many
        are far ahead (far_ahead) and, while any is, *now* itself, which its warning names."""
        public = bisect_right(self.due, int(now.timestamp()))
        far = len(self.dated) - bisect_right(self.dated, int(one_year_after(dates.to_jakarta(now)).timestamp()))
        return public, far, (int(now.timestamp()) if far else None)


# -- links to withheld items -----------------------------------------------------------------

_SOURCE_LINK = re.compile(r"\{filename\}([^\s)\"'<>]+)")
_HTML_LINK = re.compile(r"<a\b[^>]*?\bhref=([\"'])\{filename\}([^\"']*)\1[^>]*>(.*?)</a>", re.S)


def link_target(value: str, relative_dir: str) -> str:
    """The content-relative source a `{filename}` link names, as Pelican resolves it:
    from the content root when it starts with '/', else from the linking file's folder."""
    path = unquote(urlsplit(value).path)
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(relative_dir, path))


def source_links(body: str, relative_dir: str) -> list[tuple[int, str]]:
    """(line within `body`, target) of each `{filename}` link in a Markdown source."""
    return [(number, link_target(match.group(1), relative_dir))
            for number, line in enumerate(body.splitlines()) for match in _SOURCE_LINK.finditer(line)]


def unlink(html: str, relative_dir: str, withheld: set[str]) -> str:
    """A link to a withheld item becomes its bare text: until that item is public, the
    page shows neither its future URL nor its file name (the check warns the editor)."""
    if "{filename}" not in html:
        return html
    return _HTML_LINK.sub(lambda m: m.group(3) if link_target(m.group(2), relative_dir) in withheld else m.group(0),
                          html)


def withheld_sources(context: dict) -> set[str]:
    """Content-relative sources of the releases and pages this build withholds (made on
    first use: the context is per build), for `unlink` in the stages after the first."""
    found = context.get(WITHHELD)
    if found is None:
        found = context[WITHHELD] = set()
    return found


def drafts_written(settings: dict, kind: str = "release") -> bool:
    """Whether this build writes drafts (of releases or pages): only a preview does."""
    key = "DRAFT_SAVE_AS" if kind == "release" else "DRAFT_PAGE_SAVE_AS"
    return bool(settings.get(PREVIEW)) and bool(settings.get(key))

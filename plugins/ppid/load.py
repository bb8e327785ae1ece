"""Read and check content/informasi-publik/**/*.md into register items.

The only module of the plugin that touches files (sources and attachment bytes);
no Pelican import, so `invoke check` (checks.py) and the generator share it.
Every problem of every file is collected, located and returned, never raised.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from siaran.messages import MSG
from siaran.problems import Problem
from siaran.schedule import is_public
from siaran.schema import Context
from siaran.source import SourceFile, read_source
from siaran.validate import check_fields, duplicates, schedule_notes

from .model import Attachment, Item, Layout, dip_order, item_slug
from .schema import REGISTER_FIELDS, required_when

FOLDER = "informasi-publik"


@dataclass
class Loaded:
    """What load() found: published items (DIP order), all problems, every checked date."""

    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    dated: list = field(default_factory=list)
    """(status, published) of every register file that has a valid date, drafts too."""

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def source_files(content_root: Path, folder: str = FOLDER) -> list[Path]:
    """Sorted, so problems and numbering never depend on the file system's order."""
    return sorted((content_root / folder).rglob("*.md"))


def digest(path: Path) -> tuple[int, str]:
    data = path.read_bytes()
    return len(data), hashlib.sha256(data).hexdigest()


def to_item(source: SourceFile, values: dict, content_root: Path, layout: Layout,
            render: Callable[[str], str]) -> Item:
    slug = item_slug(values["title"], values.get("slug"))
    attachments = tuple(Attachment(path, *digest(content_root / path)) for path in values.get("attachments", ()))
    return Item(
        id=values["id"], title=values["title"], slug=slug, category=values["category"],
        summary=values["summary"], unit=values["unit"], year=values["year"],
        published=values["published"], updated=values.get("updated") or values["published"],
        retention=values["retention"], url=layout.item(values["year"], slug), source=source.rel,
        attachments=attachments, given_formats=tuple(values.get("format", ())),
        legal_basis=values.get("legal_basis", ""), body_html=render(source.body) if source.body.strip() else "",
        updated_line=source.line_of("updated" if "updated" in source.meta else "published"))


def load(content_root: Path, project: Path, layout: Layout = Layout(),
         render: Callable[[str], str] = lambda text: "", folder: str = FOLDER,
         now: datetime | None = None) -> Loaded:
    """Check every register file; build an Item for each file without errors, public
    when it is no draft and, given the build's `now`, published by then."""
    ctx = Context(content_root=content_root)
    loaded = Loaded()
    checked: list[tuple[SourceFile, dict]] = []
    for path in source_files(content_root, folder):
        source = read_source(path, project)
        values, problems = check_fields(source, REGISTER_FIELDS, ctx)
        problems += [Problem(source.rel, source.line_of(name), name, message)
                     for name, message in required_when(values, frozenset(source.meta))]
        if now is not None and "published" in values:
            problems += schedule_notes(source.rel, source.line_of("published"), "published",
                                       values["published"], values.get("status"), now)
        loaded.problems += problems
        loaded.files += 1
        if "published" in values:
            loaded.dated.append((values.get("status"), values["published"]))
        checked.append((source, values))
        status = values.get("status")
        public = is_public(status, values["published"], now) if now and "published" in values else status != "draft"
        if public and not any(p.severity == "error" for p in problems):
            loaded.items.append(to_item(source, values, content_root, layout, render))
    live = [(s, v) for s, v in checked if v.get("status") != "draft"]
    loaded.problems += duplicates([(s, v["id"]) for s, v in checked if "id" in v], "id",
                                  lambda key, other: MSG["duplicate"].format(value=key, other=other.rel))
    loaded.problems += duplicates(
        [(s, (v["category"], v["year"], v["title"].casefold())) for s, v in live
         if {"category", "year", "title"} <= v.keys()], "title",
        lambda key, other: MSG["ppid_duplicate_title"].format(value=other.get("title"), category=key[0],
                                                              year=key[1], other=other.rel))
    title_clash = {p.path for p in loaded.problems if p.field == "title"}
    loaded.problems += [p for p in duplicates(
        [(s, layout.item(v["year"], item_slug(v["title"], v.get("slug")))) for s, v in live
         if {"year", "title"} <= v.keys()], "slug",
        lambda key, other: MSG["duplicate"].format(value=key, other=other.rel)) if p.path not in title_clash]
    failed = {p.path for p in loaded.problems if p.severity == "error"}
    loaded.items = dip_order(item for item in loaded.items if item.source not in failed)
    loaded.problems.sort()
    return loaded

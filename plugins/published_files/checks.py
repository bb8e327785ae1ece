"""Warn, per file, about what the static folders hold but the build will not publish.

A dotfile, a file type the portal never serves (.svg, .html), or a document
nothing public refers to (a draft's or a withheld item's attachment, an
upload someone forgot) stays in the repository: the editor hears about it
here, as a warning at the file, instead of finding it missing online.
"""
from __future__ import annotations

import os
from pathlib import Path

from siaran import boundary
from siaran.messages import MSG
from siaran.problems import WARNING, Problem
from siaran.schedule import drafts_written

from .references import content_references


def item_references(items, content_root: Path, settings: dict) -> set[str]:
    """What the checked releases and pages whose pages are written refer to."""
    found: set[str] = set()
    for item in items:
        status = item.values.get("status", "published")
        if status == "draft" and not drafts_written(settings, item.kind):   # only a preview writes drafts
            continue
        # Checked items were found under the resolved content root without passing a
        # symlink (siaran.validate.content_files): their paths need no resolving.
        rel = item.source.path.relative_to(content_root).as_posix()
        folder = str(Path(rel).parent)
        links = []
        for link in boundary.links(item.source.body + "\n" + (item.source.get("summary") or "")):
            path, _ = boundary.resolve(content_root, "" if folder == "." else folder, boundary.link_path(link))
            links.append(path or "")
        found |= content_references(item.values, links)
    return found


def register_references(content_root: Path, settings: dict) -> set[str]:
    """Attachments and body links of the register's published items (plugins/ppid), when it is on."""
    if "ppid" not in settings.get("PLUGINS", ()):
        return set()
    from ppid.load import load
    loaded = load(content_root, content_root.parent)
    return {path for item in loaded.items for path in (*(a.path for a in item.attachments), *item.links)}


def static_files(content_root: Path, folders) -> list[str]:
    found = []
    for folder in folders:
        for parent, dirs, files in os.walk(content_root / folder):
            for name in files:
                found.append(Path(parent, name).relative_to(content_root).as_posix())
    return sorted(found)


def check(items, ctx) -> list[Problem]:
    settings = ctx.settings or {}
    root = ctx.content_root
    referenced = item_references(items, root, settings) | register_references(root, settings)
    _, skipped = boundary.select(static_files(root, settings.get("STATIC_PATHS", ())), referenced, root)
    project = root.parent
    return [Problem((root / rel).relative_to(project).as_posix(), 1, "berkas",
                    MSG["boundary_not_published"].format(why=why), WARNING)
            for rel, why in sorted(skipped.items()) if why != MSG["boundary_symlink"]]

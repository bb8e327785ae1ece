"""The content boundary: which files content may reach, and which are published.

Everything under content/ is untrusted (it arrives in pull requests), and the
publish job holds storage credentials, so a link must never reach outside
content/ (`{static}/../../proc/self/environ`), through a symlink, or to a
file the portal would serve as active content (.html, .svg). A static file is
published only when its name is on the allowlist, it is no dotfile, and
something the build writes refers to it: a draft's or withheld item's
attachment, or a forgotten upload, stays in the repository.

Pure functions over paths and text; siaran.validate reports the problems and
plugins/published_files applies the selection to Pelican's static files.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterable
from urllib.parse import quote, unquote, urlsplit

from siaran.messages import MSG
from siaran.problems import Problem
from siaran.schema import DOCUMENT_SUFFIXES, IMAGE_SUFFIXES

#: What may be published from the static folders: photos and documents.
#: Never markup or script (.html, .svg, .js, .xml), which a browser would run
#: with the portal's origin.
STATIC_SUFFIXES: tuple[str, ...] = (*IMAGE_SUFFIXES, *DOCUMENT_SUFFIXES)

#: Pelican's intrasite links, in both its spellings ({static}x and |static|x).
_LINK = re.compile(r"(?P<open>[{|])(?P<what>static|attach|filename)[}|](?P<target>[^\s)\"'<>\]]*)")

#: Output folders the build writes whatever the settings say (plugins' own).
GENERATED_FOLDERS = ("social", "meja-sosial", "_siaran", "feeds")


@dataclass(frozen=True)
class Link:
    what: str          # static, attach or filename
    written: str       # as the editor wrote it, for messages
    offset: int        # in the text searched


def links(text: str) -> list[Link]:
    return [Link(m.group("what"), m.group(0), m.start()) for m in _LINK.finditer(text)]


def link_path(link: Link) -> str:
    """The file part of a link target, undecoded from the URL form."""
    return unquote(urlsplit(link.written.split(link.what, 1)[1][1:]).path)


def unpublishable(rel: str) -> str | None:
    """Why a static file (content-relative path) may not be published, or None."""
    parts = PurePosixPath(rel).parts
    if any(part.startswith(".") for part in parts):
        return MSG["boundary_dotfile"]
    suffix = PurePosixPath(rel).suffix.lower()
    if suffix not in STATIC_SUFFIXES:
        return MSG["boundary_suffix"].format(suffix=suffix or "(tanpa akhiran)",
                                             suffixes=", ".join(STATIC_SUFFIXES))
    return None


def through_symlink(content_root: Path, rel: str) -> bool:
    """True if any part of content_root/rel is a symlink (checked without following)."""
    path = content_root
    for part in PurePosixPath(rel).parts:
        path = path / part
        if path.is_symlink():
            return True
    return False


def resolve(content_root: Path, source_rel_dir: str, target: str) -> tuple[str | None, str | None]:
    """(content-relative path, None) for a link target, or (None, why not).

    A target starting with '/' is relative to content/, any other to the
    linking file's folder, as Pelican resolves them. `..` is resolved on the
    text, never by following the file system.
    """
    joined = target.lstrip("/") if target.startswith("/") else f"{source_rel_dir}/{target}"
    normal = os.path.normpath(joined).replace(os.sep, "/")
    if normal.startswith("../") or normal == ".." or os.path.isabs(normal) or "\x00" in normal:
        return None, "escapes"
    if through_symlink(content_root, normal):
        return None, "symlink"
    if not (content_root / normal).is_file():
        return None, "missing"
    return normal, None


def link_problems(content_root: Path, rel_to_content: str, shown: str, field: str, text: str,
                  first_line: int) -> list[Problem]:
    """Every intrasite link in a Markdown text that leaves content/, crosses a
    symlink, names no file, or names a file that is never published."""
    problems = []
    folder = str(PurePosixPath(rel_to_content).parent)
    for link in links(text):
        line = first_line + text.count("\n", 0, link.offset)
        target = link_path(link)
        found, why = resolve(content_root, "" if folder == "." else folder, target)
        if why == "escapes":
            message = MSG["boundary_link_escapes"].format(got=link.written)
        elif why == "symlink":
            message = MSG["boundary_link_symlink"].format(got=link.written)
        elif why == "missing":
            message = MSG["boundary_link_missing"].format(got=link.written)
        elif link.what != "filename" and (reason := unpublishable(found)):
            message = MSG["boundary_link_unpublished"].format(got=link.written, reason=reason)
        else:
            continue
        problems.append(Problem(shown, line, field, message))
    return problems


def resolved_links(content_root: Path, source_rel_dir: str, text: str) -> list[tuple[Link, str]]:
    """Each `{static}`/`{attach}` link of a text that names a publishable file inside
    content/, with that file's content-relative path (the others are link_problems)."""
    found = []
    for link in links(text):
        if link.what == "filename":
            continue
        path, why = resolve(content_root, source_rel_dir, link_path(link))
        if why is None and not unpublishable(path):
            found.append((link, path))
    return found


def with_urls(html: str, content_root: Path, source_rel_dir: str, site_url: str) -> str:
    """HTML with each resolvable `{static}`/`{attach}` placeholder replaced by the file's
    URL on the site, as Pelican does for its own content (for bodies Pelican never reads:
    register items)."""
    pieces, last = [], 0
    for link, path in resolved_links(content_root, source_rel_dir, html):
        pieces += [html[last:link.offset], f"{site_url.rstrip('/')}/{quote(path)}"]
        last = link.offset + len(link.written)
    return "".join([*pieces, html[last:]])


def symlinks(content_root: Path) -> list[Path]:
    """Every symlink under content/, files and folders, without following any."""
    found = []
    for folder, dirs, files in os.walk(content_root):
        for name in sorted([*dirs, *files]):
            if os.path.islink(os.path.join(folder, name)):
                found.append(Path(folder, name))
    return sorted(found)


def field_path(raw: str | None) -> str | None:
    """A file field's value (image, attachments) as a content-relative path."""
    if not raw:
        return None
    value = raw.strip().lstrip("/")
    if value.startswith("{static}"):
        value = value[len("{static}"):].lstrip("/")
    return os.path.normpath(value).replace(os.sep, "/")


def select(candidates: Iterable[str], referenced: set[str], content_root: Path) -> tuple[list[str], dict[str, str]]:
    """(published, {skipped: why}) among Pelican's static files (content-relative).

    Published: inside content/ with no symlink on the way, an allowed
    suffix, no dotfile, and referenced by something this build writes.
    """
    published, skipped = [], {}
    for rel in sorted(set(candidates)):
        normal = os.path.normpath(rel).replace(os.sep, "/")
        if normal.startswith("../") or os.path.isabs(normal):
            skipped[rel] = MSG["boundary_outside"]
        elif through_symlink(content_root, normal):
            skipped[rel] = MSG["boundary_symlink"]
        elif reason := unpublishable(normal):
            skipped[rel] = reason
        elif normal not in referenced:
            skipped[rel] = MSG["boundary_unreferenced"]
        else:
            published.append(rel)
    return published, skipped


def reserved_folders(settings: dict) -> set[str]:
    """First URL segments the build itself writes under (listings, feeds, assets)."""
    folders = set(GENERATED_FOLDERS)
    for key, value in settings.items():
        if isinstance(value, str) and (key.endswith("_URL") or key.endswith("_SAVE_AS")) and key != "SITEURL":
            head = value.split("{", 1)[0].split("/", 1)[0]
            if head and "." not in head:
                folders.add(head)
    folders.update(str(path).split("/", 1)[0] for path in settings.get("STATIC_PATHS", ()))
    folders.add(str(settings.get("THEME_STATIC_DIR", "theme")))
    return folders

"""Each content file's own check results, kept between checks: an edit re-checks only what it changed.

siaran.validate checks a site in two parts. A file's *own* checks (its fields,
its body's links and photos) read that file and the few files it names, and
nothing else; the *site* checks (duplicate ids, slugs and URLs, schedule
notices, plugins' checks over all items) compare files with each other. The
own part is kept here per file (a `FileCheck`: the typed item and its
problems) and is valid while

- the file's bytes are the same (`FileCheck.own`),
- every file it named has the bytes it had then, or is still absent
  (`FileCheck.names`: a photo replaced, a linked file added or removed), and,
  for a file with a link that resolved to nothing, the set of content files
  is the same (`LISTING`),
- the settings, the code and theme, and the library versions are the same
  (`setup_digest`: the whole cache is dropped otherwise).

The site part always runs, over the kept items, so a duplicate an edit creates
with an unchanged file is still found, and a problem of an unchanged file is
still reported (from its FileCheck). Nothing the check decides from *now* is
in the own part: it is all in the site part (siaran.validate.timing).

The cache is one file under .cache/check/ holding a head and then the files in
chunks, each its own pickle (disposable, like every cache: docs/security.md
says why .cache/ is never shared with pull requests); a missing, damaged or
older one is an empty cache.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

CACHE_VERSION = 2
"""Bump when a FileCheck's layout or meaning changes: older caches are then ignored."""

LISTING = "*"
"""In FileCheck.names: the digest of every content file's name (a link that resolved to nothing)."""

CHUNK = 500
"""Files per pickle in the cache file. One pickle of every file's check needs a memo of
every object while it is written (~65 MiB at 10,000 releases); a chunk's memo is small."""

ABSENT = "absent"
"""The digest of a name that is no file (missing, a folder, or reached through a symlink)."""


def settings_for_reading(settings: dict) -> dict:
    """The settings that decide how content is read and checked: all but where the build
    writes, how many processes it uses, its services and its *now* (which decides what is
    published, never how a file reads). Pelican's reader cache is keyed by the same."""
    from siaran.contracts import SERVICES_KEY
    from siaran.executor import WORKERS_SETTING
    from siaran.schedule import NOW, PREVIEW
    volatile = {"OUTPUT_PATH", "CACHE_PATH", "DELETE_OUTPUT_DIRECTORY", SERVICES_KEY, WORKERS_SETTING, NOW, PREVIEW}
    return {key: value for key, value in settings.items() if key not in volatile}


def setup_digest(settings: dict, project: Path, plugins: list[str] = ()) -> str:
    """What every file's own checks depend on besides the files: where the project is
    (kept items hold its paths), settings, code, theme (a page's `template` must exist
    in it), library versions, and which plugins' file checks ran (`plugins`, their names)."""
    from siaran.depmap import code_digests, file_key, library_versions
    project = Path(project).resolve()
    paths = {"theme": str(project / settings.get("THEME", "theme")),
             "plugins": [str(project / folder) for folder in settings.get("PLUGIN_PATHS", [])]}
    return file_key(f"check {CACHE_VERSION}", str(project), json.dumps(list(plugins)),
                    json.dumps(settings_for_reading(settings), sort_keys=True, default=repr),
                    library_versions(), json.dumps(code_digests(paths), sort_keys=True))


@dataclass(slots=True)
class FileCheck:
    """The own checks of one content file."""

    own: str
    """Digest of the file's bytes when it was checked."""
    names: dict[str, str]
    """Content-relative path the checks read -> its digest then (ABSENT: no file); LISTING too, when needed."""
    item: Any
    """siaran.validate.Checked for a release or page; None for any other Markdown file (a register item)."""
    problems: tuple = ()
    """The file's own problems (siaran.problems.Problem)."""


class Digests:
    """Digests of content files by content-relative path, each file read once per check.
    `known` may hold digests already made (siaran.depmap.Inputs.content)."""

    def __init__(self, content_root: Path, known: dict[str, str] | None = None) -> None:
        self.content_root = content_root
        self.known = dict(known or {})
        self._listing: str | None = None

    def __call__(self, rel: str) -> str:
        if rel == LISTING:
            return self.listing()
        found = self.known.get(rel)
        if found is None:
            found = self.known[rel] = self._read(rel)
        return found

    def _read(self, rel: str) -> str:
        from siaran.boundary import through_symlink
        if rel.startswith("../") or rel == ".." or os.path.isabs(rel) or through_symlink(self.content_root, rel):
            return ABSENT
        try:
            with open(self.content_root / rel, "rb") as stream:
                return hashlib.blake2b(stream.read(), digest_size=16).hexdigest()
        except OSError:       # missing, or a folder
            return ABSENT

    def listing(self) -> str:
        """Every name under content/ (a link that names nothing may name a file added later)."""
        if self._listing is None:
            names = []
            for root, dirs, files in os.walk(self.content_root):
                dirs.sort()
                # Folders too: os.walk lists a symlink to a folder there, and never enters it.
                names += sorted(os.path.relpath(os.path.join(root, name), self.content_root)
                                for name in (*dirs, *files))
            self._listing = hashlib.blake2b("\0".join(names).encode(), digest_size=16).hexdigest()
        return self._listing


class CheckCache:
    """FileChecks by the file's content-relative path, loaded from and saved to one file.
    Only the entries looked up or stored in this check are saved: a deleted file's goes."""

    def __init__(self, path: Path | None, setup: str) -> None:
        self.path = path
        self.setup = setup
        self.entries: dict[str, FileCheck] = {}
        if path is not None:
            try:
                with open(path, "rb") as stream:
                    head = pickle.load(stream)
                    if head.get("version") == CACHE_VERSION and head.get("setup") == setup:
                        for _ in range(head["chunks"]):
                            self.entries.update(pickle.load(stream))
            except Exception:       # noqa: BLE001 - missing or damaged: an empty cache
                self.entries = {}
        self.used: dict[str, FileCheck] = {}
        self.changed = False

    def get(self, rel: str, digests: Callable[[str], str]) -> FileCheck | None:
        """The kept FileCheck of `rel` when nothing it read has changed."""
        found = self.entries.get(rel)
        if found is None or found.own != digests(rel) \
                or any(digests(name) != digest for name, digest in found.names.items()):
            return None
        self.used[rel] = found
        return found

    def put(self, rel: str, check: FileCheck) -> None:
        self.used[rel] = check
        self.changed = True

    def save(self) -> None:
        if self.path is None or (not self.changed and self.used.keys() == self.entries.keys()):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        files = sorted(self.used.items())
        chunks = [dict(files[at:at + CHUNK]) for at in range(0, len(files), CHUNK)]
        # A temporary name of this process's own: `invoke check` and a build may save at once.
        fresh = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        with open(fresh, "wb") as stream:
            pickle.dump({"version": CACHE_VERSION, "setup": self.setup, "chunks": len(chunks)}, stream)
            for chunk in chunks:
                pickle.dump(chunk, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fresh, self.path)


def cache_path(project: Path) -> Path:
    return project / ".cache" / "check" / "files.pickle"


@dataclass
class Names:
    """What a file's own checks read beyond the file, gathered while checking it."""

    paths: set[str] = field(default_factory=set)
    listing: bool = False

    def record(self, digests: Callable[[str], str]) -> dict[str, str]:
        found = {path: digests(path) for path in sorted(self.paths)}
        if self.listing:
            found[LISTING] = digests(LISTING)
        return found

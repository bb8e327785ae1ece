"""Writing generated files into the output folder, for every plugin.

One place checks that a name stays inside output/ (with Path.is_relative_to,
not a string prefix), so a hostile slug can never write elsewhere.

Every build writes a complete fresh staging tree (so a failed build never
touches output/), yet most files are the same bytes as last time. Creating a
file costs a new inode, far more than adding a name to an existing one (on
the ext4 CI machines ~0.4 ms against ~8 µs), so an OutputStore keeps each
file body once under its digest in .cache/ and a file whose bytes are already
there becomes a hard link to it. Output is deterministic, so an unchanged page
has the same digest on every build.

run_aside lets a plugin's output stage run in a process of its own when the
build's writer can (plugins/parallel_write), so what it imports and holds
never adds to the build process.
"""
from __future__ import annotations

import errno
import functools
import hashlib
import os
from pathlib import Path
from typing import Callable


class OutputPathError(ValueError):
    """A generated name would land outside the output folder."""


def body_digest(data: bytes) -> str:
    """The name a body has in the store."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


class OutputStore:
    """File bodies by content digest, hard-linked into each build's output.

    A linked output file shares its inode with the store, so nothing may edit
    an output file in place: every write here replaces the name instead.
    """

    def __init__(self, folder: Path | str) -> None:
        Path(folder).mkdir(parents=True, exist_ok=True)
        # Plain strings and os calls from here on: pathlib interns every part of
        # every path it parses, and a build places thousands of unique names.
        self.folder = os.fspath(folder)
        self.linkable = True           # False once a link fails (output on another filesystem)

    def place(self, target: Path | str, data: bytes) -> str:
        """`target` holds `data` afterwards, as a link to the store when it can be;
        the body's digest (its name in the store) is returned."""
        target = os.fspath(target)
        digest = body_digest(data)
        blob = os.path.join(self.folder, digest)
        if self.linkable and self._link(blob, target, len(data)):
            return digest
        # A new name, renamed over the old one: never a write through an inode
        # that the store (and the live output/) may share.
        fresh = f"{target}.{os.getpid()}.tmp"
        with open(fresh, "wb") as stream:
            stream.write(data)
        os.replace(fresh, target)
        if self.linkable:
            try:
                os.link(target, blob)
            except FileExistsError:
                pass                     # a sibling worker stored the same bytes first
            except OSError as error:
                self._unsupported(error)
        return digest

    def _link(self, blob: str, target: str, size: int) -> bool:
        try:
            if os.stat(blob).st_size != size:   # a damaged entry is dropped, not linked
                os.unlink(blob)
                return False
            os.link(blob, target)
            return True
        except (FileNotFoundError, FileExistsError):
            return False                 # not stored yet, or the name is taken: written below
        except OSError as error:
            self._unsupported(error)
            return False

    def _unsupported(self, error: OSError) -> None:
        """Output on another filesystem, or one without hard links: plain files from now on.
        Anything else (too many links to one body, say) costs only this file its link."""
        if error.errno in (errno.EXDEV, errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP):
            self.linkable = False

    def prune(self) -> int:
        """Remove bodies no output file links to any more; their count returned."""
        removed = 0
        with os.scandir(self.folder) as entries:
            for entry in entries:
                if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_nlink <= 1:
                    os.unlink(entry.path)
                    removed += 1
        return removed


@functools.lru_cache(maxsize=16)
def _resolved(root: str) -> Path:
    return Path(root).resolve()


def safe_target(root: Path | str, relative: str) -> Path:
    """root/relative, refused when it leaves root. The check is lexical: nothing
    in a fresh output tree is a symlink, and a realpath per file costs a stat
    per path component."""
    root = _resolved(os.path.abspath(root))
    target = Path(os.path.normpath(root / relative))
    if not target.is_relative_to(root) or target == root:
        raise OutputPathError(f"{relative!r} berada di luar folder output {root}")
    return target


def write_output(root: Path | str, relative: str, data: bytes, store: OutputStore | None = None) -> Path:
    target = safe_target(root, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    if store is None:
        target.write_bytes(data)
    else:
        store.place(target, data)
    return target


def link_output(root: Path | str, relative: str, source: Path | str) -> Path:
    """`relative` under `root` becomes a hard link to `source`, a file a cache never
    changes in place (photo renditions, by digest); a copy across filesystems."""
    target = safe_target(root, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except FileExistsError:
        os.unlink(target)
        os.link(source, target)
    except OSError:
        fresh = f"{target}.{os.getpid()}.tmp"
        with open(source, "rb") as stream, open(fresh, "wb") as out:
            out.write(stream.read())
        os.replace(fresh, target)
    return target


def write_all(root: Path | str, files: dict[str, bytes], store: OutputStore | None = None) -> None:
    for name, data in sorted(files.items()):
        write_output(root, name, data, store)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace a file in one step: a crash mid-write leaves a .tmp file, never a
    half-written one (caches and manifests rely on this)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def run_aside(writer, stage: Callable[[], None]) -> None:
    """A plugin's output stage, run through the writer's `run_aside` when it has
    one (plugins/parallel_write: in a process of its own, beside the page
    workers), else now. The stage must only write files and queue pages."""
    aside = getattr(writer, "run_aside", None)
    if aside is None:
        stage()
    else:
        aside(stage)

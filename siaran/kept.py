"""Per-file entries kept between builds: what Pelican made of one content file.

The read model (plugins/read_model) keeps each release's Article, the reader cache
(plugins/reader_cache) what Markdown made of each file. Both keep one small file
per content file, named by the file's path and the digest of its bytes (the
build's depmap already made every digest), inside a folder named by what else
the entry depends on (siaran.depmap.setup_folder). A build then loads only the
entries it asks for: Pelican's own reader cache is one pickle of every file,
loaded whole (~50 MiB at 10,000 releases) even when one file changed.

Entries are pickled in C. Categories, tags and authors are kept without the
build's settings and get them back on load; they are also shared between entries
of one build (10,000 releases name a few dozen tags, and each would otherwise
hold its own copies). Anything else that reaches the build's services refuses
the entry, which is then simply not kept: never kept wrong.
"""
from __future__ import annotations

import copyreg
import hashlib
import io
import logging
import os
import pickle
from pathlib import Path

from pelican.urlwrappers import Author, Category, Tag, URLWrapper

from siaran.contracts import BuildServices
from siaran.output import write_atomic

logger = logging.getLogger(__name__)


class Leak(pickle.PicklingError):
    """The build's settings or services were reached other than through a category,
    tag or author: the entry is not kept."""


def _refuse(obj):
    raise Leak(type(obj).__name__)


def _wrapper_state(wrapper: URLWrapper):
    """A category, tag or author without the settings it holds (put back on load)."""
    state = {k: v for k, v in wrapper.__dict__.items() if k != "settings"}
    return _rewrap, (type(wrapper), state)


def _rewrap(cls, state):
    """Only ever called through an Unpickler of this module, which puts its own in."""
    raise pickle.UnpicklingError("a kept entry loaded without siaran.kept")


class _Pickler(pickle.Pickler):
    # Consulted (in C) only for these types: a persistent_id would be a Python call
    # per object, ~600 per release.
    dispatch_table = {**copyreg.dispatch_table, Category: _wrapper_state, Tag: _wrapper_state,
                      Author: _wrapper_state, BuildServices: _refuse}


class _Unpickler(pickle.Unpickler):
    def __init__(self, stream, rewrap) -> None:
        super().__init__(stream)
        self.rewrap = rewrap

    def find_class(self, module, name):
        if module == __name__ and name == "_rewrap":
            return self.rewrap
        return super().find_class(module, name)


def entry_name(path: str, digest: str) -> str:
    return hashlib.blake2b(f"{os.path.normpath(path)}\0{digest}".encode(), digest_size=16).hexdigest()


class Kept:
    """The entries of one folder, for one build: `digests` maps each content file's
    absolute path to the digest of its bytes (Inputs.content)."""

    def __init__(self, folder: str, digests: dict[str, str], settings: dict) -> None:
        self.folder, self.digests, self.settings = folder, digests, settings
        self.used: set[str] = set()
        self._wrappers: dict[tuple, URLWrapper] = {}

    def entry(self, path: str) -> str | None:
        """The entry for `path` as it is now, or None for a file the build did not digest."""
        digest = self.digests.get(os.path.normpath(path))
        if digest is None:
            return None
        name = entry_name(path, digest)
        self.used.add(name)
        return os.path.join(self.folder, name)

    def load(self, path: str):
        """What was kept for `path` with today's bytes, or None."""
        entry = self.entry(path)
        if entry is None:
            return None
        try:
            with open(entry, "rb") as stream:
                return _Unpickler(stream, self._rewrap).load()
        except FileNotFoundError:
            return None
        except Exception:               # noqa: BLE001 - a damaged entry is made afresh
            logger.debug("kept entry %s unreadable", entry, exc_info=True)
            return None

    def save(self, path: str, value) -> bool:
        """Keep `value` for `path`; False when it cannot be kept (it is then made afresh next time)."""
        entry = self.entry(path)
        if entry is None:
            return False
        stream = io.BytesIO()
        try:
            _Pickler(stream, pickle.HIGHEST_PROTOCOL).dump(value)
        except Exception:               # noqa: BLE001 - not kept: made afresh next time
            logger.debug("cannot keep %s", path, exc_info=True)
            return False
        write_atomic(Path(entry), stream.getvalue())
        return True

    def every_file(self) -> set[str]:
        """Entry names of every content file as it is now (used or not in this build)."""
        return {entry_name(path, digest) for path, digest in self.digests.items()}

    def prune(self, keep: set[str] | None = None) -> None:
        """Entries outside `keep` (default: those this build asked for) go."""
        keep = self.used if keep is None else keep
        with os.scandir(self.folder) as entries:
            for entry in entries:
                if entry.name not in keep and not entry.name.endswith(".tmp"):
                    os.unlink(entry.path)

    def shared(self, wrapper: URLWrapper) -> URLWrapper:
        """The one category, tag or author equal to `wrapper` this Kept has met (the
        first such is kept): releases loaded or read in one build share them."""
        try:
            key = (type(wrapper), *((k, v) for k, v in wrapper.__dict__.items() if k != "settings"))
            return self._wrappers.setdefault(key, wrapper)
        except TypeError:               # a value that cannot be a key: not shared
            return wrapper

    def _rewrap(self, cls, state):
        wrapper = cls.__new__(cls)
        wrapper.__dict__.update(state)
        wrapper.settings = self.settings
        return self.shared(wrapper)

"""read_model: what Pelican made of each release, kept between builds.

Pelican's reader cache spares the Markdown conversion, but every build still
builds each release's Article again: file stamp, metadata parsing, URL and date
formatting, signals. At 10,000 releases that is most of an edit-one build's
reading (~6 s on an idle CI core). This plugin keeps each Article's state as it
was right after Pelican read it, in `.cache/read/<setup>/`, one file per
release, named by the file's path and the digest of its bytes (the build's
depmap already made every digest). The folder is named by the digest of the
settings, code and libraries (`Inputs.setup`), so any of those changing starts
from nothing, as the reader cache does.

An unchanged release then costs one small unpickle: the Article gets the
build's own settings and context back, and everything that happens after
reading (schedule, humas_content, listings) happens to it as to a fresh one.
Only plugins that act while a file is read would miss it, and this project has
one, `humas_content.normalise_metadata`, whose effect (the slug) is in the
kept state. The state depends on *now* only through WITH_FUTURE_DATES = False
(an Article dated ahead becomes a draft when read), so the model is off then.
"""
from __future__ import annotations

import copyreg
import hashlib
import io
import logging
import os
import pickle
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from pelican.urlwrappers import Author, Category, URLWrapper, Tag

from siaran.contracts import BuildServices, services
from siaran.depmap import setup_folder
from siaran.output import write_atomic

logger = logging.getLogger(__name__)

FORMAT = "1"
"""Bumped when what an entry holds changes."""


@dataclass(frozen=True)
class ReadReport:
    """What the build's reading took from the model (BuildSummary.reports["read_model"])."""
    kept: int
    """Releases taken from the model: not read."""
    read: int
    """Releases Pelican read afresh (new, changed, or first build under these settings)."""


class _Leak(pickle.PicklingError):
    """The build's settings or context were reached from an Article other than through
    the two places it is put back: the Article is read afresh, never kept wrong."""


def _refuse(obj):
    raise _Leak(type(obj).__name__)


def _wrapper_state(wrapper: URLWrapper):
    """A category, tag or author without the settings it holds (put back on load)."""
    state = {k: v for k, v in wrapper.__dict__.items() if k != "settings"}
    return _rewrap, (type(wrapper), state)


def _rewrap(cls, state, settings=None):
    wrapper = cls.__new__(cls)
    wrapper.__dict__.update(state)
    wrapper.settings = settings
    return wrapper


class _Pickler(pickle.Pickler):
    # Consulted (in C) only for these types: a persistent_id would be a Python call
    # per object, ~600 per release.
    dispatch_table = {**copyreg.dispatch_table, Category: _wrapper_state, Tag: _wrapper_state,
                      Author: _wrapper_state, BuildServices: _refuse}


class _Unpickler(pickle.Unpickler):
    def __init__(self, stream, settings: dict) -> None:
        super().__init__(stream)
        self.rewrap = partial(_rewrap, settings=settings)

    def find_class(self, module, name):
        if module == __name__ and name == "_rewrap":
            return self.rewrap
        return super().find_class(module, name)


class ReadModel:
    """One generator's view of the kept Articles."""

    def __init__(self, folder: str, digests: dict[str, str], settings: dict, context: dict) -> None:
        self.folder, self.digests = folder, digests
        self.settings, self.context = settings, context
        self.used: set[str] = set()
        self.hits = self.read = 0

    def entry(self, path: str) -> str | None:
        digest = self.digests.get(os.path.normpath(path))
        if digest is None:
            return None
        name = hashlib.blake2b(f"{path}\0{digest}".encode(), digest_size=16).hexdigest()
        self.used.add(name)
        return os.path.join(self.folder, name)

    def get(self, path: str, default=None):
        entry = self.entry(path)
        if entry is None:
            return default
        try:
            with open(entry, "rb") as stream:
                state = _Unpickler(stream, self.settings).load()
        except FileNotFoundError:
            return default
        except Exception:               # noqa: BLE001 - a damaged entry is read afresh
            logger.debug("read model entry %s unreadable", entry, exc_info=True)
            return default
        article = Article.__new__(Article)
        article.__dict__.update(state)
        article.settings, article._context = self.settings, self.context
        self.hits += 1
        return article

    def put(self, path: str, article) -> None:
        """Called by Pelican right after it read `path` afresh, before any plugin changes it."""
        self.read += 1
        entry = self.entry(path)
        if entry is None or type(article) is not Article:
            return
        stream = io.BytesIO()
        state = {k: v for k, v in article.__dict__.items() if k not in ("settings", "_context")}
        try:
            _Pickler(stream, pickle.HIGHEST_PROTOCOL).dump(state)
        except Exception:               # noqa: BLE001 - not kept: read afresh next time
            logger.debug("read model cannot keep %s", path, exc_info=True)
            return
        write_atomic(Path(entry), stream.getvalue())

    def prune(self) -> None:
        """Entries no file of this build named (deleted or changed files) go."""
        with os.scandir(self.folder) as entries:
            for entry in entries:
                if entry.name not in self.used and not entry.name.endswith(".tmp"):
                    os.unlink(entry.path)


def folder_for(settings: dict, setup: str) -> str:
    root = Path(os.path.abspath(settings["PATH"])).parent / ".cache" / "read"
    return str(setup_folder(root, f"{FORMAT}-{setup[:16]}"))


def attach(generator) -> None:
    """article_generator_init: the generator asks the model before it reads a file."""
    build = services(generator.settings)
    if (build is None or build.plan is None or not isinstance(generator, ArticlesGenerator)
            or not generator.settings.get("WITH_FUTURE_DATES", True)):
        return
    model = ReadModel(folder_for(generator.settings, build.plan.inputs.setup), build.plan.inputs.content,
                      generator.settings, generator.context)
    generator.get_cached_data = model.get
    generator.cache_data = model.put
    generator.read_model = model


def prune(generator) -> None:
    """article_generator_finalized: every file has been asked for."""
    model = getattr(generator, "read_model", None)
    if model is not None:
        model.prune()
        services(generator.settings).reports["read_model"] = ReadReport(model.hits, model.read)


def register() -> None:
    signals.article_generator_init.connect(attach)
    signals.article_generator_finalized.connect(prune)

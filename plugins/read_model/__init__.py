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

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from pelican.urlwrappers import URLWrapper

from siaran.contracts import services
from siaran.depmap import setup_folder
from siaran.kept import Kept

logger = logging.getLogger(__name__)

FORMAT = "2"
"""Bumped when what an entry holds changes."""

SHORT = 80
"""Text values up to this length are shared on load: a unit, place, credit or photo
named by many releases is then held once, not once per release."""


@dataclass(frozen=True)
class ReadReport:
    """What the build's reading took from the model (BuildSummary.reports["read_model"])."""
    kept: int
    """Releases taken from the model: not read."""
    read: int
    """Releases Pelican read afresh (new, changed, or first build under these settings)."""


def _shared(values: dict, texts: dict[str, str], wrappers) -> dict:
    """`values` with its keys interned (an entry's own copies of "title", "date" and the
    rest are ~1.5 KiB a release), each short text replaced by the one equal text `texts`
    holds (a table that, unlike sys.intern's, goes when the reading is done), and each
    category, tag and author by the one `wrappers` gives (siaran.kept.Kept.shared)."""
    def one(value):
        if type(value) is str:
            return texts.setdefault(value, value) if len(value) <= SHORT else value
        if isinstance(value, URLWrapper):
            return wrappers(value)
        if type(value) is list and value and isinstance(value[0], URLWrapper):
            return [wrappers(item) if isinstance(item, URLWrapper) else item for item in value]
        return value
    return {(sys.intern(key) if type(key) is str else key): one(value) for key, value in values.items()}


class ReadModel:
    """One generator's view of the kept Articles (entries of siaran.kept)."""

    def __init__(self, folder: str, digests: dict[str, str], settings: dict, context: dict) -> None:
        self.kept = Kept(folder, digests, settings)
        self.settings, self.context = settings, context
        self.texts: dict[str, str] = {}
        self.hits = self.read = 0

    def get(self, path: str, default=None):
        state = self.kept.load(path)
        if type(state) is not dict:
            return default
        article = Article.__new__(Article)
        article.__dict__ = self.share(state)
        article.settings, article._context = self.settings, self.context
        self.hits += 1
        return article

    def share(self, state: dict) -> dict:
        """An Article's state, and its metadata, holding one copy of what releases share."""
        state = _shared(state, self.texts, self.kept.shared)
        if type(state.get("metadata")) is dict:
            state["metadata"] = _shared(state["metadata"], self.texts, self.kept.shared)
        return state

    def put(self, path: str, article) -> None:
        """Called by Pelican right after it read `path` afresh, before any plugin changes it."""
        self.read += 1
        if type(article) is not Article:
            self.kept.entry(path)       # asked for: its entry (of an earlier build) stays
            return
        self.kept.save(path, {k: v for k, v in article.__dict__.items() if k not in ("settings", "_context")})
        # The fresh Article then holds what a kept one would: a cold build's peak is its reading.
        article.__dict__ = self.share(article.__dict__)

    def prune(self) -> None:
        """Entries no file of this build named (deleted or changed files) go."""
        self.kept.prune()
        self.texts = {}


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

"""Search: adds the build's search stage (siaran.search.index_site) as a staging hook.

The engine runs staging hooks once every page is in the staging tree, kept pages
included, and before the swap; a SearchIndexError refuses the build with its
message and output/ stays as it was. What the stage did (pages, files, bytes,
seconds, the shards and which of them Pagefind ran for) is the build summary's
`reports["search"]`. A plain Pelican run, without siaran.build, has no engine
and gets no index.
"""
from __future__ import annotations

from pathlib import Path

from pelican import signals

from siaran.contracts import services
from siaran.search import REPORT, index_site, page_bodies


def add_stage(pelican) -> None:
    build = services(pelican.settings)
    if build is None:
        return
    settings = pelican.settings

    def index_for_search(staging: str) -> None:
        build.reports[REPORT] = index_site(Path(staging), settings, build.store, executor=build.executor,
                                           bodies=page_bodies(build.plan.outputs if build.plan else {}))
    build.staging_hooks.append(index_for_search)


def register() -> None:
    signals.initialized.connect(add_stage)

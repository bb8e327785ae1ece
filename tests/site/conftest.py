"""Fixtures that build a real site from the project's settings into tmp folders.

`built_site` builds the shipped sample content once per test session;
`make_site` copies content/ into a tmp project so a test can change it first.
Every build is at NOW: a build is a function of the content and *now*.
"""
from __future__ import annotations

import pytest
from site_support import NOW, ROOT, Site, copy_project  # noqa: F401 - ROOT and Site for the tests here

from siaran.build import build_site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Site:
    project = copy_project(tmp_path_factory.mktemp("sample") / "project")
    summary = build_site(project / "pelicanconf.py", project / "output", now=NOW)
    assert summary.ok, [str(p) for p in summary.problems] + summary.log_errors
    return Site(project, project / "output", summary)


@pytest.fixture(scope="session")
def new_project(tmp_path_factory):
    """Returns make(name) → a fresh project copy, for a module's own build of changed content."""
    return lambda name: copy_project(tmp_path_factory.mktemp(name) / "project")


@pytest.fixture
def make_site(tmp_path):
    """Returns build(**options) → Site; call it after editing tmp content. Options are
    build_site's, plus `settings` (a file name in the project) and `output` (a folder
    name); `now` defaults to NOW."""
    project = copy_project(tmp_path / "project")

    def build(**kwargs) -> Site:
        kwargs.setdefault("now", NOW)
        output = project / kwargs.pop("output", "output")
        summary = build_site(project / kwargs.pop("settings", "pelicanconf.py"), output, **kwargs)
        return Site(project, output, summary)

    build.project = project
    return build

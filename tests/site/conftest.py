"""Fixtures that build a real site from the project's settings into tmp folders.

`built_site` builds the shipped sample content once per test session;
`make_site` copies content/ into a tmp project so a test can change it first.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from siaran.build import BuildSummary, build_site

ROOT = Path(__file__).resolve().parents[2]
#: The moment every site test builds at (a build is a function of content and *now*).
NOW = "2026-12-01 12:00"


@dataclass
class Site:
    project: Path
    output: Path
    summary: BuildSummary

    def html(self, url: str) -> BeautifulSoup:
        """Parse the page at a site URL such as 'berita/2026/11/x/' or '404.html'."""
        path = self.output / url
        if url == "" or url.endswith("/"):
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")

    def files(self) -> dict[str, bytes]:
        return {p.relative_to(self.output).as_posix(): p.read_bytes()
                for p in sorted(self.output.rglob("*")) if p.is_file()}


def copy_project(target: Path) -> Path:
    """A throwaway project: settings, theme and plugins linked, content copied."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("pelicanconf.py", "publishconf.py"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, target / name)
    for name in ("theme", "plugins"):
        (target / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "content", target / "content")
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Site:
    project = copy_project(tmp_path_factory.mktemp("sample") / "project")
    summary = build_site(project / "pelicanconf.py", project / "output", now=NOW)
    assert summary.ok, [str(p) for p in summary.problems] + summary.log_errors
    return Site(project, project / "output", summary)


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

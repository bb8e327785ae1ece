"""A real build of a copy of the project, read back: what site tests and the hostile corpus share."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from siaran.build import BuildSummary

ROOT = Path(__file__).resolve().parents[1]
#: The moment site tests build at (`build_site(..., now=NOW)`); tests never read the clock.
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


def copy_project(target: Path, node_modules: bool = True) -> Path:
    """A throwaway project: settings, theme and plugins linked, content copied; node_modules/
    linked when installed, so the build writes /admin/ as the project's own does."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("pelicanconf.py", "publishconf.py"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, target / name)
    for name in ("theme", "plugins", *(["node_modules"] if node_modules else [])):
        if (ROOT / name).exists():
            (target / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "content", target / "content")
    return target

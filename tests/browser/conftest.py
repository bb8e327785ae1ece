"""Real-browser fixtures: a freshly built demo portal served on 127.0.0.1 and one
headless Debian Chromium (Playwright for Python) for the whole session.

The site is built once, at collection time, because the list of pages to test
(home, a release, listings, static pages, 404, and page types that only some
builds have, such as informasi-publik/) comes from the build itself. The server
socket is bound first so the build's SITEURL is the server's own address.
Without /usr/bin/chromium or node_modules/axe-core nothing is built and every
browser test is skipped with the reason.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update"]
WIDTHS = {390: 844, 1280: 800}  # viewport width → height (a phone, a laptop)

_KEY = pytest.StashKey["ServedSite | BuildFailed | str"]()


def missing_reason() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not installed (Debian: apt-get install -y chromium)"
    if not AXE.is_file():
        return f"{AXE.relative_to(ROOT)} missing (run `npm ci` in the project folder)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python package playwright not installed (pip install -e '.[test]')"
    return None


class BuildFailed(str):
    """The reason the browser tests fail (not skip): the sample site did not build."""


@dataclass
class ServedSite:
    folder: Path
    url: str
    pages: dict[str, str] = field(default_factory=dict)  # id → URL path ('' = home)
    server: object = None


def _first(folder: Path, pattern: str) -> str | None:
    found = sorted(folder.glob(pattern))
    return found[0].parent.relative_to(folder).as_posix() + "/" if found else None


def discover(folder: Path) -> dict[str, str]:
    """One page of each type present in the build, by id."""
    pages = {"home": ""}
    release = sorted(folder.glob("berita/*/*/*/index.html"), reverse=True)
    if release:
        pages["release"] = release[0].parent.relative_to(folder).as_posix() + "/"
    for name, pattern in (("category", "kategori/*/index.html"), ("categories", "kategori/index.html"),
                          ("tag", "topik/*/index.html"), ("tags", "topik/index.html"),
                          ("unit", "unit/*/index.html"), ("units", "unit/index.html"),
                          ("author", "penulis/*/index.html"), ("archive", "arsip/index.html"),
                          ("year-archive", "arsip/[0-9][0-9][0-9][0-9]/index.html"),
                          ("month-archive", "arsip/*/[0-9][0-9]/index.html"),
                          ("page-2", "**/halaman/2/index.html"),
                          ("informasi-publik", "informasi-publik/index.html"),
                          ("ppid-report", "informasi-publik/laporan/index.html"),
                          ("ppid-item", "informasi-publik/[0-9][0-9][0-9][0-9]/*/index.html"),
                          ("ppid-category", "informasi-publik/kategori/*/index.html"),
                          ("ppid-year", "informasi-publik/tahun/*/index.html"),
                          ("ppid-unit", "informasi-publik/unit/*/index.html")):
        path = _first(folder, pattern)
        if path is not None:
            pages[name] = path
    ppid_lists = {"laporan", "kategori", "tahun", "unit"}
    for index in sorted(folder.glob("informasi-publik/*/index.html")):
        if index.parent.name not in ppid_lists and not index.parent.name.isdigit():
            pages["ppid-page"] = f"informasi-publik/{index.parent.name}/"
            break
    # Every other top-level folder with an index.html is a static page (profil/, kontak/, …).
    # admin/ is the CMS (tests/browser/test_cms.py), an application rather than a public page.
    known = {"berita", "kategori", "topik", "unit", "penulis", "arsip", "theme", "gambar", "dokumen",
             "informasi-publik", "draf", "_siaran", "admin"}
    for index in sorted(folder.glob("*/index.html")):
        name = index.parent.name
        if name not in known and not name.startswith(("_", ".")):
            pages[f"page-{name}"] = f"{name}/"
    # A "Meja Sosial" page, wherever the social plugin puts it.
    for index in sorted(folder.rglob("index.html")):
        head = index.read_text(encoding="utf-8", errors="replace")[:4000]
        path = index.parent.relative_to(folder).as_posix() + "/"
        if re.search(r"<title>[^<]*Meja Sosial", head, re.IGNORECASE):
            if path not in pages.values():
                pages["meja-sosial"] = path
            break
    if (folder / "404.html").is_file():
        pages["404"] = "404.html"
    return pages


def served_site(config: pytest.Config) -> ServedSite | str:
    """Build once per session (the `site` fixture serves it); a str is the reason to skip."""
    if _KEY in config.stash:
        return config.stash[_KEY]
    reason = missing_reason()
    if reason is None:
        from site_support import NOW

        from siaran.build import build_site
        from siaran.lighthouse import StaticServer
        folder = Path(tempfile.mkdtemp(prefix="siaran-browser-")) / "output"
        server = StaticServer(folder)
        summary = build_site(ROOT / "pelicanconf.py", folder, overrides={"SITEURL": server.url}, now=NOW)
        if not summary.ok:
            server.stop()
            shutil.rmtree(folder.parent, ignore_errors=True)
            problems = "\n".join(str(p) for p in [*summary.problems, *summary.log_errors])
            config.stash[_KEY] = BuildFailed(f"the demo site does not build: {summary}\n{problems}")
            return config.stash[_KEY]
        site = ServedSite(folder, server.url, discover(folder), server)   # started by `site`
        config.stash[_KEY] = site
        return site
    config.stash[_KEY] = reason
    return reason


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "page_path" not in metafunc.fixturenames:
        return
    if "not browser" in (metafunc.config.getoption("markexpr", "") or ""):
        # Deselected anyway (`invoke test --quick`): don't build or serve for nothing.
        metafunc.parametrize("page_path", [""], ids=["deselected"])
        return
    site = served_site(metafunc.config)
    if isinstance(site, BuildFailed):
        metafunc.parametrize("page_path", [""], ids=["build-failed"])
        return
    if isinstance(site, str):
        metafunc.parametrize("page_path", [pytest.param("", marks=pytest.mark.skip(reason=site))],
                             ids=["no-browser"])
        return
    metafunc.parametrize("page_path", list(site.pages.values()), ids=list(site.pages))


def pytest_unconfigure(config: pytest.Config) -> None:
    site = config.stash.get(_KEY, None)
    if isinstance(site, ServedSite):
        site.server.stop()
        shutil.rmtree(site.folder.parent, ignore_errors=True)


# Fixtures with threads (the server's, Playwright's child watcher) live only while
# a test module runs: a thread alive in the process keeps the builds of later
# tests from forking, and so from testing their parallel paths.

@pytest.fixture(scope="module")
def site(pytestconfig) -> ServedSite:
    found = served_site(pytestconfig)
    if isinstance(found, BuildFailed):
        pytest.fail(found, pytrace=False)
    if isinstance(found, str):
        pytest.skip(found)
    found.server.start()
    yield found
    found.server.stop(release=False)   # the next module serves the same URL again


@pytest.fixture(scope="module")
def browser():
    reason = missing_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROME_ARGS,
                                              headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module", params=list(WIDTHS), ids=[f"{w}px" for w in WIDTHS])
def context(request, browser):
    """One browser context per viewport width, shared by the pages tested at it."""
    width = request.param
    ctx = browser.new_context(viewport={"width": width, "height": WIDTHS[width]}, locale="id-ID",
                              device_scale_factor=1, is_mobile=False)
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def tab(context):
    """One tab per width, navigated from page to page (a new tab per test costs more)."""
    page = context.new_page()
    yield page
    page.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")

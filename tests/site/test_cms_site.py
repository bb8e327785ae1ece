"""/admin/ in a real build: there when the pinned bundle is installed, a clear warning and
no /admin/ when it is not (a fresh machine before `npm ci`), the same bytes every build."""
from __future__ import annotations

from pathlib import Path

import pytest

from cms.config import cms_config, config_yml
from cms.options import CmsOptions
from siaran.build import build_site, load_settings

from tests.site.conftest import ROOT, copy_project

BUNDLE = ROOT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"
needs_bundle = pytest.mark.skipif(not BUNDLE.is_file(), reason="node_modules/decap-cms missing (run `npm ci`)")


def files_under(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@needs_bundle
def test_the_build_writes_admin_from_the_installed_bundle(tmp_path):
    project = copy_project(tmp_path / "project")
    summary = build_site(project / "pelicanconf.py", project / "output")
    assert summary.ok, [str(p) for p in summary.problems] + summary.log_errors
    admin = project / "output" / "admin"
    assert (admin / "decap-cms.js").read_bytes() == BUNDLE.read_bytes()
    chunks = sorted(BUNDLE.parent.glob("*.decap-cms.js"))
    assert chunks and all((admin / chunk.name).read_bytes() == chunk.read_bytes() for chunk in chunks)
    assert not list(admin.glob("*.map")) and not (admin / "cms.js").exists()
    settings = load_settings(project / "pelicanconf.py")
    assert (admin / "config.yml").read_bytes() == config_yml(cms_config(settings, CmsOptions.from_settings(settings)))
    assert (admin / "siaran-cms.js").read_bytes() == (ROOT / "plugins/cms/static/siaran-cms.js").read_bytes()
    html = (admin / "index.html").read_text(encoding="utf-8")
    assert '<script src="decap-cms.js"></script>' in html and "https://unpkg" not in html
    first = files_under(admin)
    again = build_site(project / "pelicanconf.py", project / "output")
    assert again.ok and files_under(project / "output" / "admin") == first
    sitemap = (project / "output" / "sitemap.xml").read_text(encoding="utf-8")
    assert "/admin/" not in sitemap


def test_without_the_bundle_the_build_goes_on_without_admin_and_says_so(tmp_path):
    project = copy_project(tmp_path / "project", node_modules=False)
    strict = build_site(project / "pelicanconf.py", project / "output-strict", strict=True)
    bundle = project.resolve() / "node_modules/decap-cms/dist/decap-cms.js"
    assert strict.log_errors == [f"cms: /admin/ tidak dibuat: {bundle} tidak ada. Jalankan `npm ci` di folder "
                                 "proyek agar CMS ikut dibangun (docs/cms.md)."]
    assert not strict.ok
    relaxed = build_site(project / "pelicanconf.py", project / "output")
    assert relaxed.ok
    assert not (project / "output" / "admin").exists()
    assert (project / "output" / "index.html").is_file()


def test_a_cms_settings_mistake_refuses_the_build_and_keeps_the_output(tmp_path):
    project = copy_project(tmp_path / "project", node_modules=False)
    good = build_site(project / "pelicanconf.py", project / "output")
    assert good.ok
    before = files_under(project / "output")
    refused = build_site(project / "pelicanconf.py", project / "output",
                         overrides={"CMS_BACKEND": "gitea", "CMS_AUTH": {"client_secret": "rahasia"}})
    assert not refused.ok
    assert refused.log_errors == [
        "cms: CMS_AUTH['client_secret'] tampak seperti rahasia; Siaran tidak menyimpan kredensial. Rahasia OAuth "
        "tinggal di server OAuth, bukan di repositori (docs/cms.md)."]
    assert files_under(project / "output") == before


@needs_bundle
def test_a_backend_without_editorial_workflow_is_named_in_a_warning(tmp_path):
    project = copy_project(tmp_path / "project")
    strict = build_site(project / "pelicanconf.py", project / "output", strict=True,
                        overrides={"CMS_BACKEND": "gitea", "CMS_BRANCH": "usulan"})
    assert strict.log_errors == [
        "cms: backend 'gitea' tidak mendukung alur editorial Decap CMS: setiap simpan langsung menjadi commit "
        "di cabang 'usulan'. Lindungi cabang terbit dan pakai cabang usulan (docs/cms.md, bagian Gitea)."]
    quiet = build_site(project / "pelicanconf.py", project / "output", strict=True,
                       overrides={"CMS_BACKEND": "gitea", "CMS_BRANCH": "usulan", "CMS_EDITORIAL_WORKFLOW": False})
    assert quiet.ok, quiet.log_errors
    assert "publish_mode" not in (project / "output/admin/config.yml").read_text(encoding="utf-8")

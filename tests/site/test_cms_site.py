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


# -- admin/ in incremental builds (siaran.depmap) ------------------------------------------

def admin_state(project: Path) -> dict[str, list]:
    """The engine's record of admin/ in the last build's state: name -> [key, bodies]."""
    import json
    state = json.loads((project / ".cache" / "engine" / "state.json").read_text(encoding="utf-8"))
    return {name: entry for name, entry in state["outputs"].items() if name.startswith("admin/")}


@needs_bundle
def test_npm_ci_after_a_build_brings_admin_and_keeps_the_pages(tmp_path):
    project = copy_project(tmp_path / "project", node_modules=False)
    first = build_site(project / "pelicanconf.py", project / "output")
    assert first.ok and not (project / "output" / "admin").exists()
    (project / "node_modules").symlink_to(ROOT / "node_modules")       # what `npm ci` installs
    installed = build_site(project / "pelicanconf.py", project / "output")
    assert installed.ok and installed.kept > 0, "no page shows the bundle: the pages' keys hold"
    assert (project / "output" / "admin" / "decap-cms.js").read_bytes() == BUNDLE.read_bytes()
    assert sorted(admin_state(project)) == sorted(f"admin/{name}" for name in files_under(project / "output" / "admin"))


def fake_install(project: Path, version: str) -> None:
    """node_modules/ as `npm ci` leaves it for decap-cms `version`: the bundle folder and
    npm's record of the install (node_modules/.package-lock.json)."""
    dist = project / "node_modules" / "decap-cms" / "dist"
    dist.mkdir(parents=True, exist_ok=True)
    (dist / "decap-cms.js").write_text(f"/* decap-cms {version} */\n", encoding="utf-8")
    (dist / "7.decap-cms.js").write_text(f"/* chunk 7 of {version} */\n", encoding="utf-8")
    (project / "node_modules" / ".package-lock.json").write_text(
        f'{{"packages": {{"node_modules/decap-cms": {{"version": "{version}"}}}}}}\n', encoding="utf-8")


def test_admin_is_kept_across_edits_and_made_again_when_the_bundle_or_its_settings_change(tmp_path):
    project = copy_project(tmp_path / "project", node_modules=False)
    fake_install(project, "3.0.0")
    admin = project / "output" / "admin"
    assert build_site(project / "pelicanconf.py", project / "output").ok
    assert (admin / "decap-cms.js").read_text() == "/* decap-cms 3.0.0 */\n"
    recorded = admin_state(project)
    assert sorted(recorded) == sorted(f"admin/{name}" for name in files_under(admin))

    release = next((project / "content" / "berita").rglob("*.md"))
    release.write_text(release.read_text(encoding="utf-8") + "\nSatu paragraf baru.\n", encoding="utf-8")
    edited = build_site(project / "pelicanconf.py", project / "output")
    assert edited.ok and edited.rendered > 0
    assert admin_state(project) == recorded, "an edit to a release keeps every admin/ file under its key"

    fake_install(project, "3.1.0")
    upgraded = build_site(project / "pelicanconf.py", project / "output")
    assert upgraded.ok and upgraded.kept > edited.kept, "an upgrade keeps even the pages an edit renders"
    assert (admin / "decap-cms.js").read_text() == "/* decap-cms 3.1.0 */\n"
    assert (admin / "7.decap-cms.js").read_text() == "/* chunk 7 of 3.1.0 */\n"

    moved = build_site(project / "pelicanconf.py", project / "output", overrides={"CMS_BRANCH": "terbit"})
    assert moved.ok
    assert "branch: terbit" in (admin / "config.yml").read_text(encoding="utf-8")
    settings = load_settings(project / "pelicanconf.py", {"CMS_BRANCH": "terbit"})
    assert (admin / "config.yml").read_bytes() == config_yml(cms_config(settings, CmsOptions.from_settings(settings)))

"""What siaran.depmap counts as a build's inputs: a change to any of them is a build, and
only the ones every page shows are part of the pages' keys (the site part)."""
from __future__ import annotations

from pathlib import Path

import pytest

from siaran.depmap import NPM_RECORD, digest_inputs


@pytest.fixture
def project(tmp_path) -> Path:
    """The smallest tree digest_inputs reads: settings, content, theme, one plugin with a
    template and a script beside its code, and an npm install."""
    (tmp_path / "pelicanconf.py").write_text('PATH = "content"\n', encoding="utf-8")
    for name, text in {"content/berita/a.md": "title: A\n", "theme/templates/base.html": "<html>",
                       "plugins/cms/__init__.py": "", "plugins/cms/templates/admin.html": "<html>",
                       "plugins/cms/static/siaran-cms.js": "// 1", NPM_RECORD: '{"lockfileVersion": 3}',
                       "node_modules/decap-cms/dist/decap-cms.js": "// bundle"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def inputs(project: Path):
    paths = {"content": str(project / "content"), "theme": str(project / "theme"),
             "plugins": [str(project / "plugins")]}
    return digest_inputs(project / "pelicanconf.py", None, paths)


@pytest.mark.parametrize("name", ["plugins/cms/templates/admin.html", "plugins/cms/static/siaran-cms.js"])
def test_a_plugins_template_or_script_is_part_of_the_site(project, name):
    before = inputs(project)
    (project / name).write_text((project / name).read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after = inputs(project)
    assert after.site != before.site and after.total != before.total


def test_npm_installs_change_the_build_but_not_the_pages_keys(project):
    before = inputs(project)
    assert inputs(project) == before, "the same tree digests the same"
    (project / NPM_RECORD).write_text('{"lockfileVersion": 3, "packages": {"decap-cms": "3.1"}}',
                                      encoding="utf-8")
    upgraded = inputs(project)
    assert upgraded.packages != before.packages and upgraded.total != before.total
    assert upgraded.site == before.site, "installing a package renders no page again"


def test_node_modules_without_npms_record_is_known_by_its_names_and_none_at_all_too(project):
    (project / NPM_RECORD).unlink()
    by_names = inputs(project)
    (project / "node_modules" / "sveltia-cms").mkdir()
    assert inputs(project).packages != by_names.packages
    import shutil
    shutil.rmtree(project / "node_modules")
    assert inputs(project).packages == "none"


def test_the_state_is_saved_as_json_dumps_would_write_it(tmp_path):
    import json
    from siaran.depmap import STATE_VERSION, SiteState, pack_entry
    state = SiteState("t", "/out", 3, 2, [["a.md", 1, "date", "x", "warning"]],
                      {"b/index.html": pack_entry("k2", [("b/index.html", "d2"), ("b/halaman/2/index.html", "d3")]),
                       "a/index.html": pack_entry("k1", [("a/index.html", "d1")]), "é/\"q": pack_entry("k3", [])},
                      {"content": "/c"}, "2026-12-03T10:00:00+07:00", [[1], [2, 3]])
    state.save(tmp_path / "state.json")
    expected = json.dumps({"version": STATE_VERSION, **state.__dict__}, sort_keys=True, separators=(",", ":"))
    assert (tmp_path / "state.json").read_text(encoding="utf-8") == expected
    assert SiteState.load(tmp_path / "state.json") == state
    state.outputs = {}
    state.save(tmp_path / "state.json")
    assert SiteState.load(tmp_path / "state.json") == state

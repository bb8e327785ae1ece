"""Every build writes `_siaran/build.json` (siaran.marker): what it was built for, the same bytes
for the same input, read by deploy and never uploaded."""
from __future__ import annotations

import json
from datetime import datetime

from siaran.build import build_site, load_settings
from siaran.dates import JAKARTA
from siaran.deploy.config import DeployConfig
from siaran.deploy.local import list_paths
from siaran.marker import MARKER_PATH, BuildMarker, read_marker, settings_digest
from siaran.scaffold import release_skeleton

DRAFT = release_skeleton("Rancangan Siaran Pers Musim Angin Barat", "Siaran Pers", "Biro Hukum dan Humas",
                         datetime(2026, 11, 20, 9, 0, tzinfo=JAKARTA), "5d1e3b7a-9c2f-4e8d-a6b1-0f2e3d4c5b6a")
"""A draft, as `invoke new` writes it."""


def test_a_development_build_says_so(make_site):
    """A preview build (`serve --preview`) counts the draft it writes; without --preview
    the development build writes none (plugins/schedule), and says what it was built for."""
    (make_site.project / "content" / "berita" / "2026" / "rancangan.md").write_text(DRAFT, encoding="utf-8")
    settings = load_settings(make_site.project / "pelicanconf.py")
    digest = settings_digest(settings, make_site.project)
    for preview, drafts in ((True, 1), (False, 0)):
        site = make_site(preview=preview, output=f"output-{preview}")
        assert site.summary.ok, [str(p) for p in site.summary.problems]
        assert read_marker(site.output) == BuildMarker("pelicanconf.py", "http://127.0.0.1:8000", drafts, digest)
        assert MARKER_PATH not in list_paths(site.output, DeployConfig(exclude=()))  # never uploaded


def test_a_publishing_build_is_marked_the_same_way_every_time(make_site, tmp_path):
    project = make_site.project
    (project / "content" / "berita" / "2026" / "rancangan.md").write_text(DRAFT, encoding="utf-8")
    first = build_site(project / "publishconf.py", tmp_path / "satu")
    again = build_site(project / "publishconf.py", tmp_path / "dua")
    assert first.ok and again.ok
    raw = (tmp_path / "satu" / MARKER_PATH).read_bytes()
    assert raw == (tmp_path / "dua" / MARKER_PATH).read_bytes()
    marker = json.loads(raw)
    assert (marker["settings_file"], marker["siteurl"], marker["drafts"]) == (
        "publishconf.py", "https://humas.brpkn.example", 0)   # publishconf.py writes no draft
    assert marker["settings_digest"] == settings_digest(load_settings(project / "publishconf.py"), project)


def test_a_refused_build_leaves_the_old_marker(make_site):
    good = make_site()
    before = (good.output / MARKER_PATH).read_bytes()
    release = make_site.project / "content" / "berita" / "2026" / "rapat-koordinasi-tata-ruang-laut.md"
    release.write_text(release.read_text(encoding="utf-8").replace("date: ", "date: x"), encoding="utf-8")
    assert not make_site().summary.ok
    assert (good.output / MARKER_PATH).read_bytes() == before

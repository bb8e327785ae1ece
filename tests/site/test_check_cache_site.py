"""The build's checker keeps each file's checks: a later check re-checks only what changed since.

The build hands its checker the content digests it made (siaran.depmap.Inputs);
`invoke check` digests the files itself. Both must key the cache alike, so a
check after a build finds every file kept, and a build after an edit refuses on
a problem of an unchanged file as a clean build does.
"""
from __future__ import annotations

from site_support import NOW

from siaran import schedule
from siaran.build import check, load_settings, plugin_checks
from siaran.validate import check_site

KAPAL = "content/berita/2025/kapal-riset-samudra-bakti.md"
SEKOLAH = "content/berita/2025/sekolah-pesisir-tangguh.md"


def edit(project, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def clean_check(project) -> list:
    """The problems of a check without the cache."""
    settings = load_settings(project / "pelicanconf.py", schedule.overrides(NOW))
    return check_site(project, settings, plugin_checks(settings)).problems


def test_a_check_after_a_build_rechecks_nothing(make_site):
    for workers in (1, 2):        # the checker inline, and forked beside Pelican
        edit(make_site.project, SEKOLAH, "title: Sekolah Pesisir Tangguh", f"title: Sekolah Pesisir Tangguh {workers}")
        assert make_site(overrides={"BUILD_WORKERS": workers}).summary.ok
        assert check(make_site.project / "pelicanconf.py", NOW).rechecked == []


def test_a_build_after_an_edit_still_refuses_an_unchanged_files_problem(make_site):
    edit(make_site.project, KAPAL, "category: Siaran Pers", "category: Opini")
    first = make_site()
    assert not first.summary.ok
    edit(make_site.project, SEKOLAH, "title: Sekolah Pesisir", "title: Sekolah  Pesisir")
    second = make_site()
    assert not second.summary.ok
    assert [str(p) for p in second.summary.problems if p.path == KAPAL] == [
        f"{KAPAL}:4: category: harus salah satu dari: Berita Utama, Siaran Pers, Pengumuman, Artikel; "
        "bukan 'Opini'"]
    assert second.summary.problems == clean_check(make_site.project)
    assert check(make_site.project / "pelicanconf.py", NOW).rechecked == []

"""The check cache: an edit re-checks only the files it changed, and says what a clean check says.

Each test checks a copy of the sample project (32 Markdown files, no build)
with the cache, changes something, and checks again: `rechecked` names the
files whose own checks ran (siaran.checkcache), and the problems must be
exactly those of a check without any cache.
"""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from siaran import schedule
from siaran.build import load_settings, plugin_checks
from siaran.checkcache import cache_path
from siaran.validate import CheckResult, check_site
from site_support import NOW, copy_project

MANGROVE = "content/berita/2026/penanaman-mangrove-pesisir-utara.md"
SEKOLAH = "content/berita/2025/sekolah-pesisir-tangguh.md"
KAPAL = "content/berita/2025/kapal-riset-samudra-bakti.md"
MANGROVE_ID = "6f1c2b4e-8a3d-4c5e-9b7a-1d2e3f4a5b60"


class Project:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.settings = load_settings(root / "pelicanconf.py", schedule.overrides(NOW))

    def check(self) -> CheckResult:
        return check_site(self.root, self.settings, plugin_checks(self.settings), cache=cache_path(self.root))

    def clean_check(self) -> list[str]:
        """What a check without the cache reports (the reference)."""
        return [str(p) for p in check_site(self.root, self.settings, plugin_checks(self.settings)).problems]

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(copy_project(tmp_path / "site", node_modules=False))


def kept_files(root: Path) -> dict:
    """The cache file's entries: a head, then its chunks, each a pickle of its own."""
    with open(cache_path(root), "rb") as stream:
        head = pickle.load(stream)
        return {rel: check for _ in range(head["chunks"]) for rel, check in pickle.load(stream).items()}


def test_the_cache_is_written_in_chunks_and_read_back_whole(project, monkeypatch):
    import siaran.checkcache
    monkeypatch.setattr(siaran.checkcache, "CHUNK", 5)     # 32 files: seven pickles after the head
    project.check()
    with open(cache_path(project.root), "rb") as stream:
        assert pickle.load(stream)["chunks"] == 7
    again = project.check()
    assert again.rechecked == [] and len(kept_files(project.root)) == 32


def test_a_second_check_rechecks_nothing_and_reports_the_same(project):
    first = project.check()
    assert len(first.rechecked) == len(list((project.root / "content").rglob("*.md"))) == 32
    second = project.check()
    assert second.rechecked == []
    assert [str(p) for p in second.problems] == [str(p) for p in first.problems] == project.clean_check()
    assert [(i.source.rel, i.values) for i in second.items] == [(i.source.rel, i.values) for i in first.items]


def test_an_edit_rechecks_only_the_edited_file(project):
    project.check()
    project.edit(SEKOLAH, "title: Sekolah Pesisir Tangguh", "title: Sekolah Pesisir Siaga")
    result = project.check()
    assert result.rechecked == [SEKOLAH]
    titles = {item.source.rel: item.values["title"] for item in result.releases}
    assert titles[SEKOLAH] == "Sekolah Pesisir Siaga Latih 300 Siswa Menghadapi Banjir Rob"


def test_a_problem_in_an_unchanged_file_is_still_reported(project):
    project.edit(KAPAL, "category: ", "category: Opini\ncatgory: ")
    project.check()
    project.edit(SEKOLAH, "title: Sekolah Pesisir Tangguh", "title: Sekolah Pesisir Siaga")
    result = project.check()
    assert result.rechecked == [SEKOLAH]
    lines = [str(p) for p in result.problems]
    assert f"{KAPAL}:4: category: harus salah satu dari: Berita Utama, Siaran Pers, Pengumuman, Artikel; " \
           "bukan 'Opini'" in lines
    assert any(line.startswith(f"{KAPAL}:5: catgory: kolom tidak dikenal (salah ketik?); maksudnya 'category'?")
               for line in lines)
    assert not result.ok
    assert lines == project.clean_check()


def test_a_duplicate_id_with_an_unchanged_file_is_found(project):
    project.check()
    project.edit(SEKOLAH, "id: 3e2d1c0b-a998-4877-b665-5a4b3c2d1e0f", f"id: {MANGROVE_ID}")
    result = project.check()
    assert result.rechecked == [SEKOLAH]
    lines = [str(p) for p in result.problems]
    # The duplicate is the later of the two in the walk: 2025/ comes before 2026/.
    assert f"{MANGROVE}:1: id: '{MANGROVE_ID}' sudah dipakai oleh {SEKOLAH}" in lines
    assert lines == project.clean_check()


def test_a_replaced_photo_rechecks_the_release_that_names_it(project):
    project.check()
    (project.root / "content/gambar/berita/mangrove-tanam.jpg").write_bytes(b"not a photo")
    result = project.check()
    assert result.rechecked == [MANGROVE]
    lines = [str(p) for p in result.problems]
    assert f"{MANGROVE}:10: image: 'gambar/berita/mangrove-tanam.jpg' bukan foto yang bisa dipakai: " \
           "isinya bukan gambar JPEG, PNG atau WebP" in lines
    assert lines == project.clean_check()


def test_a_missing_link_target_added_later_rechecks_the_linking_file(project):
    project.edit(SEKOLAH, "\n\n", "\n\nLihat [laporan]({static}/dokumen/laporan-baru.pdf).\n\n")
    first = project.check()
    missing = [str(p) for p in first.problems if p.path == SEKOLAH and p.field == "body"]
    assert missing and "tautan '{static}/dokumen/laporan-baru.pdf' menunjuk berkas yang tidak ada di folder " \
                       "content/" in missing[0]
    (project.root / "content/dokumen/laporan-baru.pdf").write_bytes(b"%PDF-1.4\n")
    second = project.check()
    assert SEKOLAH in second.rechecked
    assert [str(p) for p in second.problems if p.path == SEKOLAH and p.field == "body"] == []
    assert [str(p) for p in second.problems] == project.clean_check()


def test_a_settings_change_rechecks_every_file(project):
    project.check()
    project.settings = {**project.settings, "CATEGORIES": [*project.settings["CATEGORIES"], "Opini"]}
    assert len(project.check().rechecked) == 32


def test_a_damaged_cache_is_an_empty_one(project):
    project.check()
    cache_path(project.root).write_bytes(b"\x80\x04 not a pickle")
    result = project.check()
    assert len(result.rechecked) == 32
    assert [str(p) for p in result.problems] == project.clean_check()
    assert len(kept_files(project.root)) == 32      # rewritten whole


def test_the_check_command_keeps_its_results(project):
    """`invoke check` (siaran.build.check) uses the project's cache: a second run re-checks nothing."""
    from siaran.build import check
    first = check(project.root / "pelicanconf.py", NOW)
    assert len(first.rechecked) == 32 and cache_path(project.root).is_file()
    project.edit(KAPAL, "category: ", "category: Opini\ncatgory: ")
    second = check(project.root / "pelicanconf.py", NOW)
    assert second.rechecked == [KAPAL]
    assert [str(p) for p in second.problems] == project.clean_check()


def test_a_plugin_problem_in_an_unchanged_file_is_still_reported(project):
    """plugins/humas_content's check_file result is kept with the file's own checks."""
    project.edit(KAPAL, "location: Pelabuhan Sinar Bahari\n", "")
    project.check()
    project.edit(SEKOLAH, "title: Sekolah Pesisir Tangguh", "title: Sekolah Pesisir Siaga")
    result = project.check()
    assert result.rechecked == [SEKOLAH]
    lines = [str(p) for p in result.problems]
    assert f"{KAPAL}:1: location: wajib diisi, tetapi tidak ada: tulis kota dateline di sini, atau buka paragraf " \
           "pertama dengan dateline seperti 'Jakarta (25/11) – …'" in lines
    assert lines == project.clean_check()


def test_results_kept_with_other_plugins_are_not_used(project):
    """A check with other file checks (here: none) must not take results made with the plugins'."""
    project.edit(KAPAL, "location: Pelabuhan Sinar Bahari\n", "")
    project.check()
    bare = check_site(project.root, project.settings, cache=cache_path(project.root))
    assert len(bare.rechecked) == 32
    assert [p for p in bare.problems if p.field == "location"] == []


def test_a_check_in_another_process_uses_the_kept_results(project):
    """The cache's key is the same in every process (no object addresses from the settings)."""
    import subprocess
    import sys
    code = ("import sys; from pathlib import Path; from siaran.build import check; "
            f"print(len(check(Path(sys.argv[1]), {NOW!r}).rechecked))")
    root = Path(__file__).resolve().parents[2]
    env = {"PYTHONPATH": f"{root}:{root / 'plugins'}", "PATH": "/usr/bin:/bin"}
    runs = [subprocess.run([sys.executable, "-c", code, str(project.root / "pelicanconf.py")], capture_output=True,
                           text=True, env=env, cwd=project.root, check=True).stdout.strip() for _ in range(2)]
    assert runs == ["32", "0"]


REGISTER = "content/informasi-publik/berkala/laporan-keuangan-2025.md"


def test_a_register_item_is_rechecked_alone_and_the_register_still_checked(project):
    """A Markdown file of no Pelican folder keeps its link checks; plugins/ppid (a site check) reads it anew."""
    project.check()
    project.edit(REGISTER, "brpkn-2025.pdf\n", "brpkn-2025.pdf\n\nLihat [berkas]({static}/dokumen/tidak-ada.pdf).\n")
    project.edit(REGISTER, "year: 2025", "year: dua ribu")
    result = project.check()
    assert result.rechecked == [REGISTER]
    assert [str(p) for p in result.problems if p.path == REGISTER] == [
        f"{REGISTER}:6: year: harus tahun empat angka antara 1945 dan 2100, bukan 'dua ribu'",
        f"{REGISTER}:12: body: tautan '{{static}}/dokumen/tidak-ada.pdf' menunjuk berkas yang tidak ada di folder "
        "content/"]
    assert [str(p) for p in result.problems] == project.clean_check()


def test_a_deleted_file_leaves_the_report_and_the_cache(project):
    project.edit(SEKOLAH, "id: 3e2d1c0b-a998-4877-b665-5a4b3c2d1e0f", f"id: {MANGROVE_ID}")
    assert any(p.field == "id" for p in project.check().problems)
    (project.root / SEKOLAH).unlink()
    result = project.check()
    assert result.rechecked == []
    assert [p for p in result.problems if p.field == "id"] == []
    assert [str(p) for p in result.problems] == project.clean_check()
    assert SEKOLAH.removeprefix("content/") not in kept_files(project.root)


def test_the_builds_digests_and_the_checks_own_agree(project):
    """The build hands the checker siaran.depmap's digests; `invoke check` makes its own. A result
    kept by one is found by the other."""
    from siaran.depmap import digest_inputs, input_paths

    def build_check() -> CheckResult:
        inputs = digest_inputs(project.root / "pelicanconf.py", None, input_paths(project.settings))
        return check_site(project.root, project.settings, plugin_checks(project.settings),
                          cache=cache_path(project.root), digests=inputs.content)
    project.check()
    assert build_check().rechecked == []
    project.edit(SEKOLAH, "title: Sekolah Pesisir Tangguh", "title: Sekolah Pesisir Siaga")
    assert build_check().rechecked == [SEKOLAH]
    assert project.check().rechecked == []

"""plugins/read_model: an unchanged release is taken from the model, not read again,
and the output is always what reading every file afresh gives."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from schedule_support import BEFORE, DUE, RELEASE, RELEASE_URL, add_scheduled
from site_support import NOW, copy_project

from siaran.build import build_site
from siaran.corpus import write_corpus


def tree(output: Path) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


def run(project: Path, now: str = NOW, **kwargs):
    summary = build_site(project / "pelicanconf.py", project / "output", now=now, **kwargs)
    assert summary.ok, [str(p) for p in summary.problems] + summary.log_errors
    return summary


def clean(project: Path, now: str = NOW, **kwargs) -> dict[str, bytes]:
    """The same sources in a fresh folder: no model, no caches."""
    copy = project.parent / "clean"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(project, copy, symlinks=True, ignore=shutil.ignore_patterns(".cache", "output*"))
    run(copy, now, **kwargs)
    return tree(copy / "output")


@pytest.fixture
def project(tmp_path) -> Path:
    project = copy_project(tmp_path / "project")
    write_corpus(12, project / "content", with_pages=False)
    return project


def releases(project: Path) -> list[Path]:
    return sorted((project / "content" / "berita").rglob("*.md"))


def retitle(path: Path, title: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[at] = f"title: {title}"
    path.write_text("\n".join(lines), encoding="utf-8")


def test_an_edit_reads_only_the_edited_release(project):
    first = run(project).reports["read_model"]
    assert first.kept == 0 and first.read >= len(releases(project)) - 1   # a draft is read too
    edited = releases(project)[4]
    retitle(edited, "Judul Baru Hasil Penyuntingan Redaksi")
    second = run(project)
    assert (second.reports["read_model"].kept, second.reports["read_model"].read) == (first.read - 1, 1)
    output = tree(project / "output")
    assert any(b"Judul Baru Hasil Penyuntingan Redaksi</h1>" in body for body in output.values())
    assert output == clean(project)


def test_a_settings_change_reads_everything_and_leaves_one_model(project):
    first = run(project).reports["read_model"]
    releases(project)[0].write_text(releases(project)[0].read_text() + "\nRalat.\n", encoding="utf-8")
    changed = run(project, overrides={"RELATED_LIMIT": 2}).reports["read_model"]
    assert (changed.kept, changed.read) == (0, first.read)
    assert len(list((project / ".cache" / "read").iterdir())) == 1
    assert tree(project / "output") == clean(project, overrides={"RELATED_LIMIT": 2})


def test_a_damaged_entry_is_read_afresh_and_a_deleted_release_leaves_the_model(project):
    first = run(project).reports["read_model"]
    model = next((project / ".cache" / "read").iterdir())
    for entry in model.iterdir():
        entry.write_bytes(b"not a pickle")
    releases(project)[2].unlink()
    report = run(project).reports["read_model"]
    assert (report.kept, report.read) == (0, first.read - 1)
    assert len(list(model.iterdir())) == report.read
    assert tree(project / "output") == clean(project)


def test_what_plugins_do_after_reading_is_never_kept(tmp_path):
    """schedule changes the releases that link to a withheld one (the link becomes its
    text) after reading; at the hour the same kept releases link to it."""
    project = copy_project(tmp_path / "project")
    add_scheduled(project / "content")
    old = project / "content" / "berita" / "2025" / "kapal-riset-samudra-bakti.md"
    old.write_text(old.read_text(encoding="utf-8") + f"\nBaca juga [zona lindung]({{filename}}/{RELEASE}).\n",
                   encoding="utf-8")
    page = "berita/2025/08/kapal-riset-samudra-bakti-mulai-survei-arus-selat-timur/index.html"
    run(project, BEFORE)
    assert "Baca juga zona lindung." in tree(project / "output")[page].decode()
    due = run(project, DUE)
    assert due.reports["read_model"].read == 0, "nothing read afresh: every release came from the model"
    assert f'<a href="http://127.0.0.1:8000/{RELEASE_URL}">zona lindung</a>' in tree(project / "output")[page].decode()
    assert tree(project / "output") == clean(project, DUE)
    back = run(project, BEFORE)
    assert back.reports["read_model"].read == 0
    assert "Baca juga zona lindung." in tree(project / "output")[page].decode()


def test_off_when_a_future_date_makes_a_draft(project):
    summary = run(project, overrides={"WITH_FUTURE_DATES": False})
    assert "read_model" not in summary.reports
    assert not (project / ".cache" / "read").exists() or not any((project / ".cache" / "read").iterdir())

"""`invoke publish` builds in a child process (siaran.childbuild) and deploys only when that
build succeeded: a refused build stops publish before deploy reads anything."""
import shutil
from pathlib import Path

import pytest
from invoke.exceptions import Exit

from siaran.deploy import tasks

ROOT = Path(__file__).resolve().parents[2]
RELEASE = "content/berita/2026/peluncuran-satu-data-pesisir.md"


def test_publish_stops_when_the_child_build_fails(tmp_path, monkeypatch, capfd):
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, project / name)
    for name in ("theme", "plugins"):
        (project / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "content", project / "content")
    source = project / RELEASE
    source.write_text(source.read_text(encoding="utf-8").replace("date: 2026-11-18 14:00", "date: kemarin"),
                      encoding="utf-8")
    (project / "output").mkdir()
    (project / "output" / "lama.html").write_text("hasil build sebelumnya")
    deployed = []
    monkeypatch.setattr(tasks, "run_deploy", lambda *args: deployed.append(args))
    monkeypatch.chdir(project)
    with pytest.raises(Exit) as info:
        tasks.publish.body(None, target="s3://situs-uji")
    assert (info.value.code, info.value.message) == (
        1, "publish: build gagal; deploy dibatalkan (masalahnya tertulis di atas)")
    assert deployed == []
    err = capfd.readouterr().err   # the child's own report, on the same terminal
    assert f"{RELEASE}:3: date: harus berbentuk" in err
    assert "Build dibatalkan: 1 galat. Folder output/ tidak diubah." in err
    assert [p.name for p in (project / "output").iterdir()] == ["lama.html"]
